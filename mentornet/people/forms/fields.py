"""Form building blocks for people: safe text, Danish phone and birth date fields, and list choices."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentornet.core.validators import reject_formula, reject_markup
from mentornet.organisations.models import Programme
from mentornet.people.models import Availability, Language, Topic
from mentornet.people.parsing import ParseError, parse_birth_date, parse_phone


class SafeTextMixin:
    """Every text field refuses markup; one-line text fields also refuse spreadsheet formulas.

    Fields with their own strict format (e-mail, phone, identifiers) are left to that format."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            if isinstance(field, forms.CharField) and not isinstance(
                field, forms.EmailField | forms.UUIDField | PhoneField
            ):
                field.validators.append(reject_markup)
                if not isinstance(field.widget, forms.Textarea):
                    field.validators.append(reject_formula)


class BranchProgrammeMixin:
    """For forms with a ``branch`` field: the branch's programme, and its age band for a mentee's birth date."""

    cleaned_data: dict[str, Any]

    def programme(self) -> Programme | None:
        branch = self.cleaned_data.get("branch")
        return branch.programmes.filter(is_active=True).order_by("pk").first() if branch else None

    def check_age_band(self) -> None:
        programme, born = self.programme(), self.cleaned_data.get("birth_date")
        if programme is None or born is None:
            return
        today = timezone.localdate()
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        low, high = programme.mentee_min_age or 0, programme.mentee_max_age or 200
        if not low <= age <= high:
            message = _("%(programme)s is for people aged %(low)s to %(high)s.") % {
                "programme": programme.name,
                "low": low,
                "high": high if high < 200 else "…",
            }
            self.add_error("birth_date", message)  # type: ignore[attr-defined]


class PhoneField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("label", _("Phone"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        try:
            return parse_phone(value) or ""
        except ParseError as error:
            raise ValidationError(str(error)) from None


class BirthDateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d")

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Date of birth"))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> datetime.date | None:
        day = super().clean(value)
        if day is None:
            return None
        try:
            return parse_birth_date(day, today=timezone.localdate())
        except ParseError as error:
            raise ValidationError(str(error)) from None


def language_field(**kwargs: Any) -> forms.ModelMultipleChoiceField[Language]:
    return forms.ModelMultipleChoiceField(
        queryset=Language.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=kwargs.pop("required", False),
        label=kwargs.pop("label", _("Languages you speak")),
        **kwargs,
    )


def topic_field(kind: str, label: Any, **kwargs: Any) -> forms.ModelMultipleChoiceField[Topic]:
    queryset: QuerySet[Topic] = Topic.objects.filter(kind=kind)
    return forms.ModelMultipleChoiceField(
        queryset=queryset, widget=forms.CheckboxSelectMultiple, required=False, label=label, **kwargs
    )


class AvailabilityField(forms.TypedMultipleChoiceField):
    """Ticked boxes stored as bit flags."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=Availability.choices,
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            required=False,
            label=_("When you can meet"),
            **kwargs,
        )

    def clean(self, value: Any) -> int:
        return sum(set(super().clean(value)))

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return [flag for flag, _label in Availability.choices if value & flag]
        return value
