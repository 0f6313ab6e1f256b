from __future__ import annotations

import io
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from mentornet.core.forms import ScopedModelForm
from mentornet.organisations.models import Branch, Organisation, Programme, Target


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def read_logo(upload: UploadedFile) -> tuple[bytes, str]:
    """The uploaded logo's bytes and content type, if it is a PNG or JPEG image of at most 500 KB."""
    if (upload.size or 0) > Organisation.LOGO_MAX_BYTES:
        raise forms.ValidationError(_("The logo may be at most 500 KB."))
    content = upload.read()
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
            kind = image.format or ""
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise forms.ValidationError(_("The file is not an image we can read. Use a PNG or JPEG file.")) from error
    if kind not in Organisation.LOGO_TYPES:
        raise forms.ValidationError(_("The logo must be a PNG or JPEG file."))
    return content, Organisation.LOGO_TYPES[kind]


class OrganisationForm(forms.ModelForm):  # type: ignore[type-arg]
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    logo_file = forms.FileField(
        label=_("Logo"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
        help_text=_("Shown at the top of reports. PNG or JPEG, at most 500 KB."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

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
            "suppression_threshold",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.logo_type:
            del self.fields["remove_logo"]
        self.fields["suppression_threshold"].required = False

    def clean_suppression_threshold(self) -> int:
        """Left empty, the threshold stays as it was."""
        value = self.cleaned_data.get("suppression_threshold")
        return int(self.instance.suppression_threshold if value is None else value)

    def clean_logo_file(self) -> tuple[bytes, str] | None:
        upload = self.cleaned_data.get("logo_file")
        return read_logo(upload) if upload else None


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
        fields = ["metric", "gender", "kind", "period_start", "period_end", "value", "value_max", "funder", "note"]
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
