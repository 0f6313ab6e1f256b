from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mentornet.core.forms import ScopedModelForm, check_period
from mentornet.organisations.forms import DateInput
from mentornet.results.models import Report, ReportTemplate


class ReportForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Report
        fields = ["template", "title", "period_start", "period_end", "text"]
        widgets = {
            "template": forms.HiddenInput(),
            "period_start": DateInput(),
            "period_end": DateInput(),
            "text": forms.Textarea(attrs={"rows": 12}),
        }

    def __init__(self, *args: Any, templates: QuerySet[ReportTemplate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_period(self)
        return data


class TemplateChoiceForm(forms.Form):
    """Pick a template to start a report from (sent with GET, so it works without JavaScript)."""

    skabelon = forms.ModelChoiceField(
        label=_("Start from a template"),
        queryset=ReportTemplate.objects.none(),
        required=False,
        empty_label=_("No template"),
    )

    def __init__(self, *args: Any, templates: QuerySet[ReportTemplate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skabelon"].queryset = templates  # type: ignore[attr-defined]


class ReportTemplateForm(ScopedModelForm):
    scope_fields = ("organisation",)

    class Meta:
        model = ReportTemplate
        fields = [
            "name",
            "addressees",
            "period_kind",
            "period_start",
            "period_end",
            "outline",
            "group_by_funder",
            "show_targets",
            "show_monthly",
            "show_age",
            "show_area",
        ]
        widgets = {
            "addressees": forms.Textarea(attrs={"rows": 2}),
            "period_kind": forms.RadioSelect(),
            "period_start": DateInput(),
            "period_end": DateInput(),
            "outline": forms.Textarea(attrs={"rows": 10}),
        }


class BreakdownForm(forms.Form):
    metric = forms.ChoiceField(label=_("Metric"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    dimension = forms.ChoiceField(
        label=_("Break down by"),
        error_messages={
            "invalid_choice": _(
                "Choose a grouping from the list. Ethnic background and country of origin are only for the "
                "branch's coordinators."
            )
        },
    )
    publish = forms.BooleanField(
        label=_("Hide small figures, as in a report"),
        required=False,
        help_text=_("Small figures, and figures that would reveal them, are hidden."),
    )

    def __init__(self, *args: Any, metrics: list[tuple[str, str]], dimensions: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = metrics  # type: ignore[attr-defined]
        self.fields["dimension"].choices = dimensions  # type: ignore[attr-defined]
