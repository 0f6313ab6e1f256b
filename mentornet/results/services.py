"""Reports to funders and committees: requested on a page, rendered in the background, kept with their figures."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from mentornet.accounts.models import User
from mentornet.core.exports import write_xlsx
from mentornet.core.services import audit_log
from mentornet.organisations.models import Programme
from mentornet.results.metrics import METRICS
from mentornet.results.models import Report
from mentornet.results.selectors import TargetRow, target_row
from mentornet.results.suppression import MIN_THRESHOLD, SUPPRESSED_MARK, suppress_value


def report_request(*, actor: User, programme: Programme, data: Mapping[str, Any]) -> Report:
    """Ask for a report; the worker renders it after the transaction commits."""
    with transaction.atomic():
        report = Report(programme=programme, created_by=actor, **data)
        report.full_clean()
        report.save()
        audit_log(
            actor=actor,
            action="report.request",
            target=programme,
            branch=programme.branch,
            changes={"report": str(report.pk), "period": f"{report.period_start}–{report.period_end}"},
        )

    def enqueue() -> None:
        from mentornet.results.tasks import render_report

        render_report.enqueue(report_id=report.pk)

    transaction.on_commit(enqueue)
    return report


def _number(value: Decimal | None) -> str:
    return "" if value is None else formats.number_format(value.normalize(), use_l10n=True)


def _hidden(row: TargetRow) -> bool:
    """A figure that would reveal 1–4 persons is left out of anything that leaves the organisation."""
    actual = row.actual
    if actual is None or actual.value is None:
        return False
    if row.metric.unit == "count":
        return suppress_value(int(actual.value)) is None
    if row.metric.unit == "share" and actual.numerator is not None and actual.denominator is not None:
        return suppress_value(int(actual.numerator)) is None or actual.denominator < MIN_THRESHOLD
    return False


def report_figures(report: Report) -> list[dict[str, str | bool]]:
    """Each target overlapping the report's period, as of the period's end (or today, if sooner)."""
    as_of = min(report.period_end, timezone.localdate())
    targets = report.programme.targets.filter(period_start__lte=report.period_end, period_end__gte=report.period_start)
    figures: list[dict[str, str | bool]] = []
    for target in targets.order_by("period_start", "metric", "gender"):
        target.programme = report.programme
        row = target_row(target, as_of)
        hidden = _hidden(row)
        unit = " %" if row.metric.unit == "share" else ""
        goal = _number(target.value) + (f"–{_number(target.value_max)}" if target.value_max is not None else "")
        if row.actual is None:
            actual = "–"
        elif row.actual.value is None:
            actual = _("no data")
        else:
            actual = SUPPRESSED_MARK if hidden else _number(row.actual.value.quantize(Decimal("0.1"))) + unit
        figures.append(
            {
                "metric": target.metric,
                "label": str(row.metric.label),
                "gender": str(target.get_gender_display()) if target.gender else "",
                "period": f"{target.period_start:%d.%m.%Y}–{target.period_end:%d.%m.%Y}",
                "target": goal + unit,
                "actual": actual,
                "hidden": hidden,
                "status": row.status_label,
            }
        )
    return figures


def report_render(report: Report) -> Report:
    """Compute the figures, then the PDF (WeasyPrint) and the Excel workbook, with progress along the way."""
    from weasyprint import HTML

    Report.objects.filter(pk=report.pk).update(state=Report.State.RUNNING, progress=5)
    try:
        figures = report_figures(report)
        Report.objects.filter(pk=report.pk).update(progress=50)
        context = {
            "report": report,
            "programme": report.programme,
            "organisation": report.programme.branch.organisation,
            "figures": figures,
            "definitions": [METRICS[key] for key in dict.fromkeys(str(f["metric"]) for f in figures)],
            "made": timezone.localtime(),
            "mark": SUPPRESSED_MARK,
        }
        pdf = HTML(string=render_to_string("results/pdf/report.html", context), base_url=str(settings.BASE_DIR))
        content = pdf.write_pdf()
        Report.objects.filter(pk=report.pk).update(progress=85)
        headers = [_("Metric"), _("For"), _("Period"), _("Target"), _("Result"), _("Status")]
        rows = [[f["label"], f["gender"], f["period"], f["target"], f["actual"], f["status"]] for f in figures]
        workbook = write_xlsx(headers, rows, sheet_title=report.title)
    except Exception as error:
        Report.objects.filter(pk=report.pk).update(
            state=Report.State.FAILED, progress=100, error=type(error).__name__, finished_at=timezone.now()
        )
        raise
    Report.objects.filter(pk=report.pk).update(
        state=Report.State.DONE,
        progress=100,
        figures=figures,
        pdf=content,
        xlsx=workbook,
        finished_at=timezone.now(),
    )
    report.refresh_from_db()
    return report


def report_download(*, actor: User, report: Report, fmt: str) -> bytes:
    """The PDF or the workbook; every download is logged, since a report leaves the organisation."""
    if report.state != Report.State.DONE:
        raise ValueError("the report is not ready")
    audit_log(
        actor=actor,
        action="report.download",
        target=report.programme,
        branch=report.programme.branch,
        changes={"report": str(report.pk), "format": fmt},
    )
    return bytes(report.pdf if fmt == "pdf" else report.xlsx)


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Last calendar year: what an annual report covers."""
    return datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31)
