from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentornet.core.forms import check_period
from mentornet.organisations.models import Programme
from mentornet.projects.models import Area, BudgetLine, District, Project, ProjectEvent
from mentornet.projects.services import EDITABLE_FIELDS

_DANISH = re.compile(r"-?\d{1,3}(\.\d{3})+(,\d+)?|-?\d+(,\d+)?")
_POINT = re.compile(r"-?\d+\.\d{1,2}")


def parse_amount(text: str) -> Decimal:
    """An amount as Danes write it: "54.000,50", "54000,5" or "54 000"; "54000.50" is read as a decimal point."""
    value = text.strip().replace(" ", "").replace("\u00a0", "").removesuffix("kr.").removesuffix("kr")
    if _DANISH.fullmatch(value):
        value = value.replace(".", "").replace(",", ".")
    elif not _POINT.fullmatch(value):
        raise forms.ValidationError(_("Write an amount in kroner, for example 54.000,50."), code="invalid")
    try:
        return Decimal(value)
    except InvalidOperation as error:  # pragma: no cover - the patterns above only let numbers through
        raise forms.ValidationError(_("Write an amount in kroner, for example 54.000,50.")) from error


class AmountField(forms.CharField):
    """Kroner with a decimal comma and thousands points, as typed in Danish."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".").removesuffix(",00")
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        amount = parse_amount(text)
        if amount < 0:
            raise forms.ValidationError(_("The amount cannot be negative."), code="min_value")
        return amount


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


class ProjectForm(forms.ModelForm):  # type: ignore[type-arg]
    areas = forms.MultipleChoiceField(
        label=_("Areas (indsatsområder)"),
        choices=Area.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every area the project works in; it is counted in each."),
    )
    evaluation_url = forms.URLField(label=_("Link to the evaluation"), required=False, assume_scheme="https")
    economy_gross = AmountField(label=_("Economy, gross (kr.)"), required=False)
    economy_net = AmountField(label=_("Economy, net (kr.)"), required=False)

    class Meta:
        model = Project
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "kind": forms.RadioSelect,
            "start_date": DateInput(),
            "end_date": DateInput(),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "target_groups": forms.Textarea(attrs={"rows": 3}),
            "evaluation": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(attrs={"rows": 3}),
            "remarks": forms.Textarea(attrs={"rows": 3}),
            "expected_result": forms.Textarea(attrs={"rows": 3}),
            "goal_status": forms.Textarea(attrs={"rows": 3}),
            "planned_follow_up": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "kind": _(
                "A project is time-limited, has a budget over 50.000 kr. a year and is funded fully or partly by "
                "the municipality. An ongoing initiative (indsats) has no end date and is described with the "
                "statusskema's fields below."
            ),
        }

    def __init__(self, *args: Any, organisation_ids: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programme = self.fields["programme"]
        programme.queryset = Programme.objects.filter(  # type: ignore[attr-defined]
            branch__organisation_id__in=organisation_ids
        ).select_related("branch")
        programme.help_text = _("A mentor programme of yours: its figures are then shown on the project's page.")
        for name in ("owner", "status", "start_date"):
            self.fields[name].required = True
        if self.instance.pk:
            self.initial["areas"] = [row.area for row in self.instance.area_rows.all()]

    def clean(self) -> dict[str, Any]:
        super().clean()
        check_period(self, "start_date", "end_date")
        return self.cleaned_data


class EventForm(forms.ModelForm):  # type: ignore[type-arg]
    url = forms.URLField(
        label=_("Link"), required=False, assume_scheme="https", help_text=ProjectEvent.url.field.help_text
    )

    class Meta:
        model = ProjectEvent
        fields = ["title", "starts_at", "ends_at", "place", "description", "url"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }


class ActivityForm(forms.Form):
    activity = forms.CharField(label=_("Activity"), max_length=300)
    success_criterion = forms.CharField(label=_("Success criterion"), max_length=300, required=False)


class BudgetLineForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    kind = forms.ChoiceField(label=_("Income or expense"), choices=BudgetLine.Kind.choices, initial="expense")
    label = forms.CharField(
        label=_("Funder or item"), max_length=200, help_text=_("The funder for income, the item for an expense.")
    )
    amount = AmountField(label=_("Amount (kr.)"))
    municipal = forms.BooleanField(label=_("Municipal funding"), required=False)
    including_vat = forms.BooleanField(label=_("Including VAT"), required=False, initial=True)


ActivityFormSet = forms.formset_factory(ActivityForm, extra=2)
BudgetLineFormSet = forms.formset_factory(BudgetLineForm, extra=3)


def filled(formset: forms.BaseFormSet) -> list[dict[str, Any]]:  # type: ignore[type-arg]
    """The cleaned rows of a valid formset, without the empty extra rows."""
    return [form.cleaned_data for form in formset.forms if form.cleaned_data]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    area = forms.ChoiceField(label=_("Area"), required=False, choices=[("", _("All areas")), *Area.choices])
    district = forms.ChoiceField(
        label=_("District (bydel)"), required=False, choices=[("", _("All districts")), *District.choices]
    )
    target_group = forms.CharField(label=_("Target group or nationality"), required=False, max_length=100)
    owner = forms.CharField(label=_("Owner (forvaltning)"), required=False, max_length=100)
    funding_pool = forms.CharField(label=_("Funding pool"), required=False, max_length=100)
    year = forms.IntegerField(label=_("Running in year"), required=False, min_value=1990, max_value=2100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *Project.Status.choices]
    )
