"""The public sign-up forms: "Bliv mentor" and "Få en mentor"."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentornet.organisations.models import Branch
from mentornet.people.forms.fields import (
    AvailabilityField,
    BirthDateField,
    BranchProgrammeMixin,
    PhoneField,
    SafeTextMixin,
    language_field,
    topic_field,
)
from mentornet.people.models import (
    BackgroundWish,
    ConsentText,
    EthnicBackground,
    Gender,
    GenderWish,
    LabourMarketStatus,
    MentorType,
    RecruitmentChannel,
    Topic,
)
from mentornet.people.services.intake import current_consent_text
from mentornet.people.services.person import PersonInput

MIN_MENTOR_AGE = 18


def consent_text_for(purpose: str, branch: Branch | None) -> ConsentText | None:
    try:
        return current_consent_text(purpose, branch.organisation if branch else None)
    except ValidationError:
        return None


def signup_branches() -> QuerySet[Branch]:
    return (
        Branch.objects.filter(is_active=True, programmes__is_active=True)
        .distinct()
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )


class BranchChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Branch) -> str:
        return f"{obj.organisation.name}: {obj.name}"


class SignupForm(SafeTextMixin, BranchProgrammeMixin, forms.Form):
    """What both sign-ups ask: who you are, how to reach you, where you live, and your consent."""

    branch = BranchChoiceField(
        queryset=Branch.objects.none(),
        label=_("Where do you want to be part of it?"),
        empty_label=_("Choose a branch"),
    )
    first_name = forms.CharField(
        label=_("First name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = PhoneField(help_text=_("For example 12 34 56 78. We call or text you to arrange a talk."))
    birth_date = BirthDateField()
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, widget=forms.RadioSelect)
    postcode = forms.RegexField(
        label=_("Postcode"),
        regex=r"^\d{4}$",
        error_messages={"invalid": _("Write the postcode as 4 digits.")},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric", "maxlength": 4}),
    )
    city = forms.CharField(
        label=_("City"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "address-level2"})
    )
    municipality = forms.CharField(label=_("Municipality you live in"), max_length=100, required=False)
    area = forms.CharField(
        label=_("Area or housing area"), max_length=100, required=False, help_text=_("For example Tingbjerg.")
    )
    languages = language_field()
    interests = topic_field(Topic.Kind.INTEREST, _("Interests"))
    recruitment_channel = forms.ChoiceField(
        label=_("How did you hear about us?"),
        choices=[("", _("Choose")), *RecruitmentChannel.choices],
        required=False,
    )
    consent = forms.BooleanField(label=_("I consent to the text above"))
    consent_text_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # A field people never see: bots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    submission_id = forms.UUIDField(widget=forms.HiddenInput)

    consent_purpose = ""

    def __init__(self, *args: Any, consent_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        branches = signup_branches()
        self.fields["branch"].queryset = branches  # type: ignore[attr-defined]
        if consent_url:
            # Each organisation may have its own consent text: show the one of the chosen branch.
            self.fields["branch"].widget.attrs.update(
                {"hx-get": consent_url, "hx-trigger": "change", "hx-target": "#consent-text", "hx-swap": "outerHTML"}
            )
        chosen = str(self.data.get("branch") or self.initial.get("branch") or "")
        branch = branches.filter(pk=int(chosen)).first() if chosen.isdigit() else None
        self.consent_text = consent_text_for(self.consent_purpose, branch)
        if self.consent_text is not None:
            self.initial["consent_text_id"] = self.consent_text.pk

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        shown = cleaned.get("consent_text_id")
        if "branch" in cleaned and self.consent_text is not None and shown != self.consent_text.pk:
            # Show the right text with an unticked box: the person consents to what they have read.
            data = self.data.copy()  # type: ignore[attr-defined]
            data["consent_text_id"] = str(self.consent_text.pk)
            data["consent"] = ""
            self.data = data
            self.add_error(
                "consent", _("The consent text for the branch you chose is different. Read it and tick the box again.")
            )
        return cleaned

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def person_input(self) -> PersonInput:
        data = self.cleaned_data
        return PersonInput(
            person={
                name: data[name]
                for name in [
                    "first_name",
                    "last_name",
                    "email",
                    "phone",
                    "birth_date",
                    "gender",
                    "postcode",
                    "city",
                    "municipality",
                    "area",
                    "recruitment_channel",
                ]
            },
            relations={"languages": data["languages"], "interests": data["interests"]},
        )


class MentorSignupForm(SignupForm):
    """The volunteer profile (frivillig-profil)."""

    consent_purpose = ConsentText.Purpose.MENTOR_SIGNUP

    occupation = forms.CharField(
        label=_("Occupation"), max_length=200, required=False, help_text=_("What you work with, or worked with.")
    )
    education = forms.CharField(label=_("Education"), max_length=200, required=False)
    fields_ = topic_field(Topic.Kind.FIELD, _("Fields you know from work or education"))
    competences = topic_field(Topic.Kind.SUPPORT, _("What you would like to help with"))
    mentor_type = forms.ChoiceField(
        label=_("What kind of mentor would you like to be?"), choices=MentorType.choices, widget=forms.RadioSelect
    )
    availability = AvailabilityField()
    capacity = forms.TypedChoiceField(
        label=_("How many mentees at a time?"), choices=[(1, "1"), (2, "2"), (3, "3")], coerce=int, initial=1
    )
    wishes = forms.CharField(
        label=_("Wishes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What would you like to get out of being a mentor?"),
    )
    reservations = forms.CharField(
        label=_("Reservations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anything you do not want, for example mentees under 20."),
    )
    mentee_gender_wish = forms.ChoiceField(
        label=_("Mentee's gender"), choices=GenderWish.choices, required=False, widget=forms.RadioSelect
    )
    other_branches = forms.BooleanField(label=_("I can also be a mentor in another branch"), required=False)
    ethnic_background = forms.ChoiceField(
        label=_("Ethnic background (optional)"),
        choices=[("", _("I would rather not answer")), *EthnicBackground.choices[:2]],
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "We ask because many mentees wish for a mentor with a background like their own, and to see whether "
            "our volunteers reflect the people we serve. Only the coordinators see the answer."
        ),
    )

    field_order = [
        "branch",
        "first_name",
        "last_name",
        "email",
        "phone",
        "birth_date",
        "gender",
        "postcode",
        "city",
        "municipality",
        "area",
        "languages",
        "occupation",
        "education",
        "fields_",
        "competences",
        "interests",
        "mentor_type",
        "availability",
        "capacity",
        "wishes",
        "reservations",
        "mentee_gender_wish",
        "other_branches",
        "ethnic_background",
        "recruitment_channel",
        "consent",
        "website",
        "submission_id",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fields_"].label = _("Fields you know from work or education")

    def clean_birth_date(self) -> Any:
        born = self.cleaned_data.get("birth_date")
        if born is not None:
            today = timezone.localdate()
            age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
            if age < MIN_MENTOR_AGE:
                raise forms.ValidationError(_("Mentors must be at least 18 years old."))
        return born

    def person_input(self) -> PersonInput:
        data = self.cleaned_data
        result = super().person_input()
        result.profile = {
            name: data[name]
            for name in [
                "occupation",
                "education",
                "mentor_type",
                "availability",
                "capacity",
                "wishes",
                "reservations",
                "mentee_gender_wish",
                "other_branches",
            ]
        }
        result.profile_relations = {"fields": data["fields_"], "competences": data["competences"]}
        if data["ethnic_background"]:
            result.sensitive = {"ethnic_background": data["ethnic_background"]}
        return result


class MenteeSignupForm(SignupForm):
    """What a mentee hopes for and needs."""

    consent_purpose = ConsentText.Purpose.MENTEE_SIGNUP

    goals = forms.CharField(
        label=_("Your goals and dreams"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example the education or job you dream of."),
    )
    needs = topic_field(Topic.Kind.SUPPORT, _("What would you like help with?"))
    education_wishes = topic_field(Topic.Kind.FIELD, _("Education or work you are interested in"))
    labour_market_status = forms.ChoiceField(
        label=_("What do you do now?"), choices=LabourMarketStatus.choices, widget=forms.RadioSelect
    )
    at_risk_of_dropout = forms.BooleanField(label=_("I am in education but thinking about stopping"), required=False)
    mentor_wishes = forms.CharField(
        label=_("Wishes for your mentor"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    mentor_gender_wish = forms.ChoiceField(
        label=_("Would you like a mentor who is"), choices=GenderWish.choices, required=False, widget=forms.RadioSelect
    )
    mentor_gender_required = forms.BooleanField(label=_("This is a must for me"), required=False)
    mentor_background_wish = forms.ChoiceField(
        label=_("Would you like a mentor with a particular background?"),
        choices=BackgroundWish.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Optional. Many find that the background matters less than the person."),
    )
    availability = AvailabilityField()

    field_order = [
        "branch",
        "first_name",
        "last_name",
        "email",
        "phone",
        "birth_date",
        "gender",
        "postcode",
        "city",
        "municipality",
        "area",
        "languages",
        "goals",
        "needs",
        "education_wishes",
        "labour_market_status",
        "at_risk_of_dropout",
        "interests",
        "mentor_wishes",
        "mentor_gender_wish",
        "mentor_gender_required",
        "mentor_background_wish",
        "availability",
        "recruitment_channel",
        "consent",
        "website",
        "submission_id",
    ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.check_age_band()
        return cleaned

    def person_input(self) -> PersonInput:
        data = self.cleaned_data
        result = super().person_input()
        result.profile = {
            name: data[name]
            for name in [
                "goals",
                "labour_market_status",
                "at_risk_of_dropout",
                "mentor_wishes",
                "mentor_gender_wish",
                "mentor_gender_required",
                "mentor_background_wish",
                "availability",
            ]
        }
        result.profile["asked_for_mentor"] = True
        result.profile_relations = {"needs": data["needs"], "education_wishes": data["education_wishes"]}
        return result
