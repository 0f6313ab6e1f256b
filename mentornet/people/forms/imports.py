"""Forms for importing a legacy register."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mentornet.organisations.models import Branch
from mentornet.people.importing import targets_for
from mentornet.people.models import ImportJob, ImportMapping, Kind
from mentornet.people.spreadsheets import MAX_UPLOAD_BYTES


class ImportUploadForm(forms.Form):
    branch = forms.ModelChoiceField(
        label=_("Import into"), queryset=Branch.objects.none(), empty_label=_("Choose a branch")
    )
    kind = forms.ChoiceField(label=_("Who is in the file?"), choices=Kind.choices, widget=forms.RadioSelect)
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV file or an Excel workbook (.xlsx), at most 5 MB, with the column headings in the first row."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
    encoding = forms.ChoiceField(
        label=_("Character encoding of a CSV file"),
        choices=[("", _("Find out automatically")), ("utf-8", "UTF-8"), ("cp1252", "Windows-1252")],
        required=False,
    )
    mapping = forms.ModelChoiceField(
        label=_("Saved column mapping"),
        queryset=ImportMapping.objects.none(),
        required=False,
        empty_label=_("None: guess from the headings"),
    )

    def __init__(self, *args: Any, branches: QuerySet[Branch], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches  # type: ignore[attr-defined]
        self.fields["mapping"].queryset = ImportMapping.objects.filter(  # type: ignore[attr-defined]
            organisation__in=branches.values("organisation")
        )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB. Split it into smaller files."))
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError(_("Upload a CSV file (.csv) or an Excel workbook (.xlsx)."))
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        mapping, kind = cleaned.get("mapping"), cleaned.get("kind")
        if mapping is not None and kind and mapping.kind != kind:
            self.add_error("mapping", _("This mapping is for another type of people."))
        return cleaned


class ImportColumnsForm(forms.Form):
    """One choice per column heading: which field it holds, or none."""

    save_as = forms.CharField(
        label=_("Save the mapping as"),
        max_length=100,
        required=False,
        help_text=_("Give it a name to use it again next time."),
    )

    def __init__(self, *args: Any, job: ImportJob, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Do not import")), *[(t.key, t.label) for t in targets_for(job.kind)]]
        self.column_fields = []
        for number, header in enumerate(job.headers):
            name = f"column_{number}"
            self.fields[name] = forms.ChoiceField(
                label=header, choices=choices, required=False, initial=job.columns.get(header, "")
            )
            self.column_fields.append(name)
        self.order_fields([*self.column_fields, "save_as"])
        self.headers = list(job.headers)

    def columns(self) -> dict[str, str]:
        return {header: self.cleaned_data[f"column_{number}"] for number, header in enumerate(self.headers)}
