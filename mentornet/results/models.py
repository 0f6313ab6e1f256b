from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    """A report to a funder or a committee (afrapportering) for one programme and period, rendered in the
    background to PDF and Excel and kept with its parameters and figures, so it can be re-opened and compared."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    programme = models.ForeignKey(
        "organisations.Programme", on_delete=models.CASCADE, related_name="reports", verbose_name=_("programme")
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
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    #: The figures as shown in the report (suppressed where they would reveal fewer than 5 persons).
    figures = models.JSONField(default=list, editable=False)
    pdf = models.BinaryField(blank=True, editable=False)
    xlsx = models.BinaryField(blank=True, editable=False)
    error = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("made by")
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(period_start__lte=F("period_end")), name="report_period_ordered")
        ]

    def __str__(self) -> str:
        return self.title
