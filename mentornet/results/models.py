from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from mentornet.core.models import BackgroundWork


class ReportTemplate(models.Model):
    """A template for a recurring report (rapportskabelon), such as a milestone report to the municipal committees
    or the annual report to the funders: who it goes to, its period, an outline for the text and its sections."""

    class PeriodKind(models.TextChoices):
        FIXED = "fixed", _("Fixed dates")
        LAST_YEAR = "last_year", _("Last calendar year")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="report_templates",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    addressees = models.TextField(
        _("addressees"),
        blank=True,
        max_length=1000,
        help_text=_("Who the report goes to, for example Social- og Sundhedsudvalget and Beskæftigelsesudvalget."),
    )
    period_kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.LAST_YEAR)
    period_start = models.DateField(_("period start"), null=True, blank=True, help_text=_("Only for fixed dates."))
    period_end = models.DateField(_("period end"), null=True, blank=True, help_text=_("Only for fixed dates."))
    outline = models.TextField(
        _("outline for the text"),
        blank=True,
        max_length=10000,
        help_text=_("Filled into the text field when the report is made: one heading per line."),
    )
    group_by_funder = models.BooleanField(_("group the targets by funder"), default=False)
    show_targets = models.BooleanField(_("targets and results, with a chart"), default=True)
    show_monthly = models.BooleanField(_("mentorships started by month, as a chart"), default=True)
    show_age = models.BooleanField(_("mentorships started by gender and age band"), default=True)
    show_area = models.BooleanField(_("mentorships started by gender and area"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="report_template_unique_name",
                violation_error_message=_("The organisation already has a report template with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.period_kind != self.PeriodKind.FIXED:
            return
        if self.period_start is None or self.period_end is None:
            raise ValidationError({"period_end": _("Fixed dates need both a start and an end.")})
        if self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period must end on or after its start.")})

    def period(self, today: datetime.date) -> tuple[datetime.date, datetime.date]:
        """The period a report made from the template covers, made today."""
        if self.period_kind == self.PeriodKind.FIXED and self.period_start and self.period_end:
            return self.period_start, self.period_end
        return datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31)


class Report(BackgroundWork):
    """A report to a funder or a committee (afrapportering) for one programme and period, rendered in the
    background to PDF and Excel and kept with its parameters and figures, so it can be re-opened and compared."""

    programme = models.ForeignKey(
        "organisations.Programme", on_delete=models.CASCADE, related_name="reports", verbose_name=_("programme")
    )
    template = models.ForeignKey(
        ReportTemplate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("template"),
    )
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    text = models.TextField(
        _("the coordinator's text"),
        blank=True,
        max_length=10000,
        help_text=_("What the figures do not say: highlights, difficulties, what comes next. No names."),
    )
    #: The figures as shown in the report (suppressed where they would reveal fewer than 5 persons).
    figures = models.JSONField(default=list, editable=False)
    #: The rest of the report as made: addressees, grouping, chart data and breakdown tables (see ``report_sections``).
    sections = models.JSONField(default=dict, editable=False)
    pdf = models.BinaryField(blank=True, editable=False)
    xlsx = models.BinaryField(blank=True, editable=False)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(period_start__lte=F("period_end")), name="report_period_ordered")
        ]

    def __str__(self) -> str:
        return self.title
