"""Forms for intake: referral by a partner, screening (visitation), interview and consent."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mentornet.organisations.models import Branch, Programme
from mentornet.people.forms.fields import (
    BirthDateField,
    BranchProgrammeMixin,
    PhoneField,
    SafeTextMixin,
    language_field,
    topic_field,
)
from mentornet.people.forms.signup import consent_text_for
from mentornet.people.models import Consent, ConsentText, Gender, Interview, Referral, Screening, Topic
from mentornet.people.services.person import PersonInput

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReferralForm(SafeTextMixin, BranchProgrammeMixin, forms.Form):
    """A partner's referral: the person, why a mentor, and the person's consent."""

    branch = forms.ModelChoiceField(
        label=_("Refer to"), queryset=Branch.objects.none(), empty_label=_("Choose a branch")
    )
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = PhoneField(required=False)
    birth_date = BirthDateField()
    gender = forms.ChoiceField(label=_("Gender"), choices=[("", _("Choose")), *Gender.choices], required=False)
    municipality = forms.CharField(label=_("Municipality they live in"), max_length=100)
    area = forms.CharField(label=_("Area or housing area"), max_length=100, required=False)
    languages = language_field(label=_("Languages the person speaks"))
    needs = topic_field(Topic.Kind.SUPPORT, _("What the person would like help with"))
    partner = forms.CharField(
        label=_("Your organisation"), max_length=200, help_text=_("For example Jobcenter Vallensbæk or CPH West.")
    )
    reason = forms.CharField(
        label=_("Why a mentor?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the person wants help with. No diagnoses."),
    )
    motivation = forms.ChoiceField(
        label=_("The person's motivation"), choices=Referral.Motivation.choices, widget=forms.RadioSelect
    )
    consent_method = forms.ChoiceField(
        label=_("How did the person give consent?"),
        choices=[(Consent.Method.VIA_REFERRER, _("Orally, to me")), (Consent.Method.PAPER, _("Signed on paper"))],
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(label=_("The person has given consent as described above"))

    def __init__(self, *args: Any, branches: QuerySet[Branch], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches  # type: ignore[attr-defined]
        first = branches.first()
        self.consent_text = consent_text_for(ConsentText.Purpose.REFERRAL, first)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.check_age_band()
        return cleaned

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
                    "municipality",
                    "area",
                ]
            }
            | {"recruitment_channel": "referral"},
            relations={"languages": data["languages"]},
            profile={"asked_for_mentor": data["motivation"] == Referral.Motivation.ASKED},
            profile_relations={"needs": data["needs"]},
        )


class ScreeningForm(SafeTextMixin, forms.ModelForm):  # type: ignore[type-arg]
    target_group_ok = forms.NullBooleanField(
        label=_("In the programme's target group?"),
        widget=forms.RadioSelect(choices=[(True, _("Yes")), (False, _("No"))]),
        required=False,
    )

    class Meta:
        model = Screening
        fields = [
            "programme",
            "screened_on",
            "target_group_ok",
            "motivation",
            "outcome",
            "exclusion_category",
            "referred_to",
            "note",
        ]
        widgets = {
            "screened_on": DATE_WIDGET,
            "motivation": forms.RadioSelect,
            "outcome": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, programmes: QuerySet[Programme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
        self.fields["exclusion_category"].required = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        outcome, category = cleaned.get("outcome"), cleaned.get("exclusion_category")
        if outcome == Screening.Outcome.EXCLUDED and not category:
            self.add_error("exclusion_category", _("Choose the reason for the exclusion."))
        if outcome == Screening.Outcome.ELIGIBLE and category:
            self.add_error("exclusion_category", _("An eligible person has no reason for exclusion."))
        return cleaned


class InterviewForm(SafeTextMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Interview
        fields = ["held_on", "summary", "mentor_type"]
        widgets = {"held_on": DATE_WIDGET, "summary": forms.Textarea(attrs={"rows": 4})}


class ConsentForm(forms.Form):
    """Consent given on paper or orally, recorded by staff."""

    purpose = forms.ChoiceField(label=_("Consent to"), choices=ConsentText.Purpose.choices)
    method = forms.ChoiceField(
        label=_("How"),
        choices=[
            (Consent.Method.PAPER, Consent.Method.PAPER.label),
            (Consent.Method.VERBAL, Consent.Method.VERBAL.label),
        ],
        widget=forms.RadioSelect,
    )
    given_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)


class ConsentTextForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Consent to"), choices=ConsentText.Purpose.choices)
    text = forms.CharField(label=_("Text in Danish"), widget=forms.Textarea(attrs={"rows": 6}))
    text_en = forms.CharField(label=_("Text in English"), widget=forms.Textarea(attrs={"rows": 6}))
