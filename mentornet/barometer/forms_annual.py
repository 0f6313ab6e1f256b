"""The form for the year's status report: the year, a title and three texts per area (one fieldset each)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mentornet.barometer.annual import TEXTS
from mentornet.barometer.models import FIRST_YEAR, LAST_YEAR, Area

YEAR_MESSAGE = _("Choose a year from 2000 to 2100.")
TEXT_MAX_LENGTH = 10000


class StatusReportForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={"min_value": YEAR_MESSAGE, "max_value": YEAR_MESSAGE, "invalid": YEAR_MESSAGE},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    title = forms.CharField(
        label=_("Title"), required=False, max_length=200, help_text=_("Blank: “Status report” and the year.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for area in Area:
            for key, label in TEXTS.items():
                self.fields[f"{area.value}-{key}"] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=TEXT_MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )

    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        """One fieldset per area, in the policy's order."""
        return [(str(area.label), [self[f"{area.value}-{key}"] for key in TEXTS]) for area in Area]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        texts = {area.value: {key: data.pop(f"{area.value}-{key}", "") for key in TEXTS} for area in Area}
        year = data.get("year")
        return {
            "year": year,
            "title": data.get("title") or (gettext("Status report %(year)s") % {"year": year} if year else ""),
            "texts": {area: values for area, values in texts.items() if any(values.values())},
        }
