"""Forms coordinators use on the person register: details, special-category data, moves, lists."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentornet.organisations.models import Branch
from mentornet.people.forms.fields import (
    AvailabilityField,
    BirthDateField,
    PhoneField,
    SafeTextMixin,
    language_field,
    topic_field,
)
from mentornet.people.models import (
    PIPELINES,
    ContactProfile,
    Gender,
    Kind,
    Language,
    MenteeProfile,
    MentorProfile,
    Person,
    RecruitmentChannel,
    SensitiveData,
    Status,
    Topic,
)
from mentornet.people.selectors import AGE_BANDS, PersonFilters
from mentornet.people.services.person import PersonInput

PERSON_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "birth_date",
    "gender",
    "street",
    "postcode",
    "city",
    "municipality",
    "area",
    "recruitment_channel",
    "note",
]
PROFILE_FIELDS: dict[str, list[str]] = {
    Kind.MENTOR: [
        "mentor_type",
        "occupation",
        "education",
        "availability",
        "capacity",
        "wishes",
        "reservations",
        "mentee_gender_wish",
        "mentee_min_age",
        "mentee_max_age",
        "other_branches",
        "is_employee",
        "course_completed_on",
        "confidentiality_signed_on",
        "presentation",
    ],
    Kind.MENTEE: [
        "goals",
        "labour_market_status",
        "at_risk_of_dropout",
        "availability",
        "mentor_wishes",
        "mentor_gender_wish",
        "mentor_gender_required",
        "mentor_background_wish",
        "mentor_type_need",
        "asked_for_mentor",
    ],
    Kind.CONTACT: ["organisation_name", "role_title", "offers"],
}
PROFILE_RELATIONS: dict[str, dict[str, tuple[str, Any]]] = {
    Kind.MENTOR: {
        "fields": (Topic.Kind.FIELD, _("Fields of work and education")),
        "competences": (Topic.Kind.SUPPORT, _("What they can help with")),
    },
    Kind.MENTEE: {
        "needs": (Topic.Kind.SUPPORT, _("What they would like help with")),
        "education_wishes": (Topic.Kind.FIELD, _("Education or work wishes")),
    },
    Kind.CONTACT: {},
}
PROFILE_MODELS: dict[str, type[models.Model]] = {
    Kind.MENTOR: MentorProfile,
    Kind.MENTEE: MenteeProfile,
    Kind.CONTACT: ContactProfile,
}
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def person_form_class(kind: str) -> type[forms.Form]:
    """A form with the person's fields and the profile fields of their kind, built from the models."""
    person_fields = forms.fields_for_model(
        Person,
        fields=PERSON_FIELDS,
        widgets={"note": forms.Textarea(attrs={"rows": 3})},
    )
    person_fields["phone"] = PhoneField(required=False)
    person_fields["birth_date"] = BirthDateField(required=False)
    profile_fields = forms.fields_for_model(
        PROFILE_MODELS[kind],
        fields=PROFILE_FIELDS[kind],
        widgets={
            "course_completed_on": DATE_WIDGET,
            "confidentiality_signed_on": DATE_WIDGET,
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in ["wishes", "reservations", "goals", "mentor_wishes", "offers", "presentation"]
            },
        },
    )
    if kind in (Kind.MENTOR, Kind.MENTEE):
        profile_fields["availability"] = AvailabilityField()
    extra: dict[str, forms.Field] = {
        "languages": language_field(),
        "interests": topic_field(Topic.Kind.INTEREST, _("Interests")),
    }
    for name, (topic_kind, label) in PROFILE_RELATIONS[kind].items():
        extra[f"profile_{name}"] = topic_field(topic_kind, label)
    attrs = {**person_fields, **profile_fields, **extra, "kind": kind}
    return type(f"{kind.title()}Form", (SafeTextMixin, PersonFormBase), attrs)


class PersonFormBase(forms.Form):
    kind = ""

    @classmethod
    def initial_for(cls, person: Person) -> dict[str, Any]:
        profile = getattr(person, f"{person.kind}_profile")
        initial: dict[str, Any] = {name: getattr(person, name) for name in PERSON_FIELDS}
        initial.update({name: getattr(profile, name) for name in PROFILE_FIELDS[person.kind]})
        initial["languages"] = list(person.languages.all())
        initial["interests"] = list(person.interests.all())
        for name in PROFILE_RELATIONS[person.kind]:
            initial[f"profile_{name}"] = list(getattr(profile, name).all())
        return initial

    def person_input(self) -> PersonInput:
        data = self.cleaned_data
        return PersonInput(
            person={name: data[name] for name in PERSON_FIELDS},
            profile={name: data[name] for name in PROFILE_FIELDS[self.kind]},
            relations={"languages": data["languages"], "interests": data["interests"]},
            profile_relations={name: data[f"profile_{name}"] for name in PROFILE_RELATIONS[self.kind]},
        )


class SensitiveForm(SafeTextMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = SensitiveData
        fields = ["ethnic_background", "country_of_origin", "health_note", "substance_note", "criminal_note"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2}) for name in ["health_note", "substance_note", "criminal_note"]
        }


class RevealForm(forms.Form):
    PURPOSES = [
        ("matching", _("Matching")),
        ("screening", _("Screening")),
        ("support", _("Support in the mentorship")),
        ("data_request", _("The person's request for access")),
    ]
    purpose = forms.ChoiceField(label=_("Why do you need to see it?"), choices=PURPOSES)


class MoveForm(SafeTextMixin, forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Status.choices)
        self.fields["to_status"].choices = [(s, labels[s]) for s in person.allowed_statuses()]  # type: ignore[attr-defined]


class PersonFilterForm(SafeTextMixin, forms.Form):
    """The list's filters. Every field is optional; invalid values are ignored rather than failing the page."""

    hide_optional = True

    q = forms.CharField(label=_("Search by name, e-mail or phone"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)
    branch = forms.ModelChoiceField(
        label=_("Branch"), queryset=Branch.objects.none(), required=False, empty_label=_("All branches")
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=[("", _("All")), *Gender.choices], required=False)
    age_band = forms.ChoiceField(
        label=_("Age"), choices=[("", _("All ages")), *[(k, label) for k, label, _a, _b in AGE_BANDS]], required=False
    )
    area = forms.CharField(label=_("Area or municipality"), required=False, max_length=100)
    language = forms.ModelChoiceField(
        label=_("Language"), queryset=Language.objects.all(), required=False, empty_label=_("All languages")
    )
    channel = forms.ChoiceField(
        label=_("How they heard of us"), choices=[("", _("All")), *RecruitmentChannel.choices], required=False
    )
    course = forms.ChoiceField(
        label=_("Introductory course"),
        choices=[("", _("All")), ("done", _("Completed")), ("missing", _("Not completed"))],
        required=False,
    )
    waiting_weeks = forms.TypedChoiceField(
        label=_("Waiting for a match"),
        choices=[
            ("", _("All")),
            (4, _("4 weeks or more")),
            (8, _("8 weeks or more")),
            (13, _("3 months or more")),
            (26, _("6 months or more")),
        ],
        coerce=int,
        empty_value=None,
        required=False,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[
            ("name", _("Name (A–Z)")),
            ("-name", _("Name (Z–A)")),
            ("age", _("Youngest first")),
            ("-age", _("Oldest first")),
            ("status", _("Status")),
            ("-registered", _("Newest first")),
            ("registered", _("Oldest first")),
            ("waiting", _("Longest waiting first")),
            ("branch", _("Branch")),
        ],
        required=False,
    )

    def __init__(self, *args: Any, kind: str, branches: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        labels = dict(Status.choices)
        self.fields["status"].choices = [("", _("All")), *[(s, labels[s]) for s in PIPELINES[kind]]]  # type: ignore[attr-defined]
        self.fields["branch"].queryset = branches  # type: ignore[attr-defined]
        if kind != Kind.MENTOR:
            del self.fields["course"]
        if kind != Kind.MENTEE:
            del self.fields["waiting_weeks"]

    def filters(self) -> PersonFilters:
        if not self.is_bound:
            return PersonFilters(kind=self.kind)
        self.is_valid()  # invalid filters are left out; the valid ones still apply
        values = {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
        return PersonFilters(kind=self.kind, **values)
