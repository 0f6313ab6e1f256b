from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentornet.organisations.forms import DateInput
from mentornet.results.models import Report


class ReportForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Report
        fields = ["title", "period_start", "period_end", "text"]
        widgets = {"period_start": DateInput(), "period_end": DateInput(), "text": forms.Textarea(attrs={"rows": 6})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end on or after its start."))
        return data


class BreakdownForm(forms.Form):
    metric = forms.ChoiceField(label=_("Metric"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    dimension = forms.ChoiceField(label=_("Break down by"))
    publish = forms.BooleanField(
        label=_("Hide small figures, as in a report"),
        required=False,
        help_text=_("Figures of 1–4 people, and figures that would reveal them, are hidden."),
    )

    def __init__(self, *args: Any, metrics: list[tuple[str, str]], dimensions: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = metrics  # type: ignore[attr-defined]
        self.fields["dimension"].choices = dimensions  # type: ignore[attr-defined]
