"""The integration barometer (integrationsbarometer): indicators per area, versioned definitions, measurements."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from mentornet.core.models import BackgroundWork


class Area(models.TextChoices):
    """The six areas (indsatsområder) of the integration policy; the value is the public URL's slug."""

    EMPLOYMENT = "beskaeftigelse", _("Employment")
    EDUCATION = "uddannelse", _("Education")
    HOUSING = "bolig", _("Housing")
    SAFETY = "tryghed", _("Safety")
    CULTURE = "kultur-og-fritid", _("Culture and leisure")
    HEALTH = "sundhed-og-omsorg", _("Health and care")


class Unit(models.TextChoices):
    PERCENT = "percent", _("per cent")
    POINTS = "percentage_points", _("percentage points")
    COUNT = "count", _("number")
    WEEKS = "weeks", _("weeks")
    GRADE_POINTS = "grade_points", _("grade points")
    RANK = "rank", _("rank")


class Direction(models.TextChoices):
    RISE = "rise", _("must rise")
    FALL = "fall", _("must fall")
    NOT_RISE = "not_rise", _("must not rise")
    TOWARDS_ZERO = "towards_zero", _("towards 0")


class Source(models.TextChoices):
    REGISTER = "register", _("register statistics")
    SURVEY = "survey", _("survey")


class Indicator(models.Model):
    """One indicator (indikator) of a municipality's barometer: what it measures lives in its versions."""

    municipality = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("municipality"),
    )
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=300)
    #: Touched by every write to the indicator or its measurements: the public pages' cache key.
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["municipality_id", "area", "number"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "area", "number"], name="barometer_indicator_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.get_area_display()} {self.number}. {self.name}"


class IndicatorVersion(models.Model):
    """A definition of an indicator with its baseline and success criterion, valid from a date.

    A new version is made when the method or the target changes; measurements keep the version they were
    made under (the employment goal moved from 57 % to 64 % when SU recipients were counted)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="versions")
    valid_from = models.DateField(_("valid from"))
    definition = models.TextField(_("definition"))
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    decimal_places = models.PositiveSmallIntegerField(_("decimals shown"), default=1)
    baseline_value = models.DecimalField(_("baseline"), max_digits=12, decimal_places=3, null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    baseline_label = models.CharField(_("baseline period"), max_length=100, blank=True)
    baseline_comparator = models.DecimalField(
        _("baseline for ethnic Danes"), max_digits=12, decimal_places=3, null=True, blank=True
    )
    comparator_label = models.CharField(
        _("comparison group"), max_length=200, blank=True, help_text=_("Blank means ethnic Danes.")
    )
    target_value = models.DecimalField(_("target value"), max_digits=12, decimal_places=3, null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices, blank=True)
    criterion_text = models.CharField(_("success criterion as written"), max_length=300, blank=True)
    political_goal = models.TextField(_("political goal"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    source_name = models.CharField(_("source name"), max_length=200, blank=True)
    survey_respondents = models.PositiveIntegerField(_("respondents"), null=True, blank=True)
    survey_immigrants = models.PositiveIntegerField(_("of whom immigrants"), null=True, blank=True)
    survey_period = models.CharField(_("survey period"), max_length=100, blank=True)
    change_note = models.TextField(_("what changed"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("indicator version")
        verbose_name_plural = _("indicator versions")
        ordering = ["indicator_id", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "valid_from"], name="barometer_version_unique_start")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} @ {self.valid_from}"

    def clean(self) -> None:
        if self.target_value is None and not self.direction:
            raise ValidationError(_("Give a target value or a direction as the success criterion."))
        if self.target_date and self.target_value is None:
            raise ValidationError({"target_value": _("A target date needs a target value.")})
        errors: dict[str, list[ValidationError]] = {}
        for name in ("baseline_value", "baseline_comparator", "target_value"):
            value = getattr(self, name)
            if value is not None and self.unit:
                try:
                    check_value(self.unit, value, name)
                except ValidationError as error:
                    errors.setdefault(name, []).extend(error.error_dict[name])
        respondents, immigrants = self.survey_respondents, self.survey_immigrants
        if respondents is not None and immigrants is not None and immigrants > respondents:
            errors["survey_immigrants"] = [ValidationError(_("Cannot be more than the respondents."))]
        if errors:
            raise ValidationError(errors)


class Measurement(models.Model):
    """One measured value (måling) of an indicator, under the version in force at its date."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    version = models.ForeignKey(IndicatorVersion, on_delete=models.PROTECT, related_name="measurements")
    date = models.DateField(_("date"))
    period_label = models.CharField(_("period"), max_length=100, blank=True)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=3)
    comparator_value = models.DecimalField(
        _("value for ethnic Danes"), max_digits=12, decimal_places=3, null=True, blank=True
    )
    demo = models.BooleanField(_("demo data"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator_id", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date"],
                name="barometer_measurement_unique_date",
                violation_error_message=_("There is already a measurement of this indicator on this date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.date}: {self.value}"

    def clean(self) -> None:
        if self.version_id is None or self.value is None:
            return
        if self.version.indicator_id != self.indicator_id:
            raise ValidationError(_("The definition belongs to another indicator."))
        check_value(self.version.unit, self.value)
        if self.comparator_value is not None:
            check_value(self.version.unit, self.comparator_value, "comparator_value")


def check_value(unit: str, value: Decimal, field: str = "value") -> None:
    """Refuse a value the unit cannot hold: a percentage over 100 or below 0, a negative count or rank."""
    message = None
    if unit == Unit.PERCENT and not 0 <= value <= 100:
        message = _("A percentage must be between 0 and 100; you wrote %(value)s.")
    elif unit == Unit.POINTS and not -100 <= value <= 100:
        message = _("A difference in percentage points must be between -100 and 100; you wrote %(value)s.")
    elif unit == Unit.WEEKS and not 0 <= value <= 53:
        message = _("A year has at most 53 weeks; you wrote %(value)s.")
    elif unit in (Unit.COUNT, Unit.RANK) and (value < 0 or value != value.to_integral_value()):
        message = _("Write a whole number of 0 or more; you wrote %(value)s.")
    if message is not None:
        shown = number_format(value.normalize(), use_l10n=True)
        raise ValidationError({field: ValidationError(message, params={"value": shown})})


#: The years a status report can cover.
FIRST_YEAR, LAST_YEAR = 2000, 2100


class StatusReport(BackgroundWork):
    """The year's status report (statusrapport) of the årshjul: per area the barometer, the projects and three
    texts (status, current initiatives, proposals), rendered in the background to PDF and a Word file."""

    #: The same states as a programme's report.

    municipality = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="status_reports",
        verbose_name=_("municipality"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    title = models.CharField(_("title"), max_length=200)
    #: The analysts' texts per area: ``{area: {"status": ..., "initiatives": ..., "proposals": ...}}``.
    texts = models.JSONField(default=dict, blank=True)
    #: The report as made: indicators and projects per area (see ``barometer.annual``).
    content = models.JSONField(default=dict, editable=False)
    pdf = models.BinaryField(blank=True, editable=False)
    word = models.BinaryField(blank=True, editable=False)

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title
