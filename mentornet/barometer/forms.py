from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mentornet.barometer.models import Indicator, IndicatorVersion, check_value
from mentornet.barometer.parsing import parse_decimal
from mentornet.barometer.services import check_valid_from, version_for
from mentornet.people.parsing import ParseError

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DecimalTextField(forms.CharField):
    """A number typed as text, so "54,40" (Danish) and "54.40" both work in either language."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        try:
            return parse_decimal(text)
        except ParseError as error:
            raise ValidationError(str(error)) from None

    def prepare_value(self, value: Any) -> Any:
        """A stored number with a decimal comma, so it reads back the same ("1.234" would be a thousand)."""
        if isinstance(value, Decimal):
            return format(value.normalize(), "f").replace(".", ",")
        return value


class MeasurementForm(forms.Form):
    date = forms.DateField(
        label=_("Date of the measurement"),
        help_text=_("The last day of the period measured."),
        widget=DATE_WIDGET,
    )
    period_label = forms.CharField(
        label=_("Period"), required=False, max_length=100, help_text=_("For example: spring 2008, 2nd half of 2009.")
    )
    value = DecimalTextField(label=_("Value"), help_text=_("A decimal comma is fine, for example 54,40."))
    comparator_value = DecimalTextField(
        label=_("Value for ethnic Danes"), required=False, help_text=_("Leave blank when there is none.")
    )

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date"):
            unit = version_for(list(self.indicator.versions.all()), data["date"]).unit
            for name in ("value", "comparator_value"):
                if data.get(name) is not None:
                    try:
                        check_value(unit, data[name], name)
                    except ValidationError as error:
                        self.add_error(None, error)
        return data


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV file or an Excel workbook (.xlsx), at most 5 MB. Columns: område, nr, dato, værdi, and if you "
            "have them periode and etniske danskere."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )


class VersionForm(forms.ModelForm):  # type: ignore[type-arg]
    """A new definition of an indicator, filled in from the definition in force (``initial``)."""

    baseline_value = DecimalTextField(label=_("Baseline"), required=False, help_text=_("For example 54,40."))
    baseline_comparator = DecimalTextField(label=_("Baseline for the comparison group"), required=False)
    target_value = DecimalTextField(label=_("Target value"), required=False)
    change_note = forms.CharField(
        label=_("What changed"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the public page, for example: the method now counts every SU recipient."),
    )

    class Meta:
        model = IndicatorVersion
        fields = [
            "valid_from",
            "change_note",
            "definition",
            "unit",
            "decimal_places",
            "baseline_value",
            "baseline_date",
            "baseline_label",
            "baseline_comparator",
            "comparator_label",
            "target_value",
            "target_date",
            "direction",
            "criterion_text",
            "political_goal",
            "source",
            "source_name",
            "survey_respondents",
            "survey_immigrants",
            "survey_period",
        ]
        widgets = {
            "valid_from": DATE_WIDGET,
            "baseline_date": DATE_WIDGET,
            "target_date": DATE_WIDGET,
            "definition": forms.Textarea(attrs={"rows": 3}),
            "political_goal": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "valid_from": _("Measurements from this date on are made under the new definition."),
            "target_value": _("With a target date, or leave both blank and choose a direction."),
            "direction": _("Only when there is no target value."),
            "criterion_text": _("As the policy writes it, for example: 64,0 procent."),
            "survey_respondents": _("Only for a survey."),
        }

    #: The fieldsets of the page: (legend, field names).
    SECTIONS = (
        (_("The change"), ("valid_from", "change_note")),
        (_("Definition"), ("definition", "unit", "decimal_places")),
        (
            _("Baseline"),
            ("baseline_value", "baseline_date", "baseline_label", "baseline_comparator", "comparator_label"),
        ),
        (_("Success criterion"), ("target_value", "target_date", "direction", "criterion_text", "political_goal")),
        (_("Source"), ("source", "source_name", "survey_respondents", "survey_immigrants", "survey_period")),
    )

    def __init__(self, *args: Any, versions: list[IndicatorVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.versions = versions

    def clean_valid_from(self) -> Any:
        valid_from = self.cleaned_data["valid_from"]
        check_valid_from(self.versions, valid_from)
        return valid_from

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(str(legend), [self[name] for name in names]) for legend, names in self.SECTIONS]


def version_initial(version: IndicatorVersion) -> dict[str, Any]:
    """The form's starting point: the definition in force, except the date and the note, which are new."""
    fields = [name for name in VersionForm.Meta.fields if name not in ("valid_from", "change_note")]
    return forms.model_to_dict(version, fields=fields)
