"""Forms of the comparison pages: which years, which period and chart, which other report."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentornet.core.forms import check_period
from mentornet.organisations.forms import DateInput
from mentornet.results.comparisons import COUNT_METRICS, YEAR_CHOICES
from mentornet.results.metrics import METRICS
from mentornet.results.models import Report


class YearChoiceForm(forms.Form):
    compare = forms.ChoiceField(
        label=_("Compare"), choices=list(YEAR_CHOICES.items()), widget=forms.RadioSelect, initial="this_year"
    )


class BranchPeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())
    metric = forms.ChoiceField(
        label=_("Metric in the chart"), choices=[(key, METRICS[key].label) for key in COUNT_METRICS]
    )

    @classmethod
    def defaults(cls, today: datetime.date) -> dict[str, Any]:
        """This year so far, with mentorships started in the chart."""
        return {"start": datetime.date(today.year, 1, 1), "end": today, "metric": "mentorships_started"}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_period(self, "start", "end")
        return data


class ReportChoiceForm(forms.Form):
    """Another finished report of the same programme; the view looks the choice up through the access helper."""

    med = forms.ChoiceField(label=_("Compare with"))

    def __init__(self, *args: Any, report: Report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = (
            Report.objects.filter(programme_id=report.programme_id, state=Report.State.DONE)
            .exclude(pk=report.pk)
            .only("pk", "title", "period_start", "period_end")
        )
        self.fields["med"].choices = [  # type: ignore[attr-defined]
            (str(other.pk), f"{other.title} ({other.period_start:%d.%m.%Y}–{other.period_end:%d.%m.%Y})")
            for other in others
        ]
