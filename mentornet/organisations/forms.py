from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mentornet.core.forms import ScopedModelForm
from mentornet.organisations.models import Branch, Organisation, Programme, Target


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class OrganisationForm(forms.ModelForm):  # type: ignore[type-arg]
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "street",
            "postcode",
            "city",
            "phone",
            "email",
            "website",
            "cvr",
            "contact_name",
            "contact_title",
            "contact_email",
            "contact_phone",
            "legal_name",
            "legal_title",
        ]


class BranchForm(ScopedModelForm):
    scope_fields = ("organisation",)

    class Meta:
        model = Branch
        fields = [
            "name",
            "street",
            "postcode",
            "city",
            "district",
            "municipality",
            "premises",
            "phone",
            "email",
            "is_active",
        ]


class ProgrammeForm(ScopedModelForm):
    scope_fields = ("branch",)

    class Meta:
        model = Programme
        fields = [
            "name",
            "description",
            "start_date",
            "end_date",
            "is_active",
            "mentee_min_age",
            "mentee_max_age",
            "residence_requirement",
            "target_group",
            "course_required",
            "max_mentors_proposed",
            "proposal_expiry_days",
            "meeting_threshold",
            "planned_duration_months",
            "follow_up_months",
            "inactivity_weeks",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "target_group": forms.Textarea(attrs={"rows": 3}),
        }


class TargetForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Target
        fields = ["metric", "gender", "kind", "period_start", "period_end", "value", "value_max", "note"]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }


class TargetEditForm(TargetForm):
    """Editing a target: a change to what it asks for needs a reason (kept in the target's history)."""

    revision_note = forms.CharField(
        label=_("Why does the target change?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when the metric, period or values change, for example a revised grant letter."),
    )
