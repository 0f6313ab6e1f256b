"""Reports to funders and committees: requested on a page, rendered in the background, kept with their figures."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from mentornet.accounts.models import User
from mentornet.core.services import audit_log, model_create, model_update
from mentornet.organisations.models import Organisation, Programme
from mentornet.results.models import Report, ReportTemplate
from mentornet.results.report_content import (
    REPORT_DIMENSIONS,
    breakdown_section,
    monthly_chart,
    report_context,
    report_figures,
    report_logo,
    report_workbook,
    sections_for,
    targets_chart,
)


def report_request(*, actor: User, programme: Programme, data: Mapping[str, Any]) -> Report:
    """Ask for a report; the worker renders it after the transaction commits."""
    template = data.get("template")
    if template is not None and template.organisation_id != programme.branch.organisation_id:
        raise ValidationError({"template": _("Choose one of the organisation's own templates.")})
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


def report_render(report: Report) -> Report:
    """Compute the figures and sections, then the PDF (WeasyPrint) and the Excel workbook, with progress."""
    from weasyprint import HTML

    Report.objects.filter(pk=report.pk).update(state=Report.State.RUNNING, progress=5)
    try:
        sections = sections_for(report)
        figures = report_figures(report, by_funder=sections["grouped"])
        sections["targets_chart"] = targets_chart(figures) if sections["show"]["targets"] else None
        Report.objects.filter(pk=report.pk).update(progress=30)
        sections["monthly"] = monthly_chart(report) if sections["show"]["monthly"] else None
        sections["breakdowns"] = [breakdown_section(report, key) for key in REPORT_DIMENSIONS if sections["show"][key]]
        Report.objects.filter(pk=report.pk).update(progress=60)
        organisation = report.programme.branch.organisation
        context = report_context(report, figures=figures, sections=sections, logo=report_logo(organisation))
        html = render_to_string("results/pdf/report.html", context | {"made": timezone.localtime()})
        content = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
        Report.objects.filter(pk=report.pk).update(progress=85)
        workbook = report_workbook(report, context)
    except Exception as error:
        Report.objects.filter(pk=report.pk).update(
            state=Report.State.FAILED, progress=100, error=type(error).__name__, finished_at=timezone.now()
        )
        raise
    Report.objects.filter(pk=report.pk).update(
        state=Report.State.DONE,
        progress=100,
        figures=figures,
        sections=sections,
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
    return ReportTemplate().period(today)


def report_template_create(*, actor: User, organisation: Organisation, data: Mapping[str, Any]) -> ReportTemplate:
    return model_create(
        actor=actor,
        model=ReportTemplate,
        data={**data, "organisation": organisation},
        action="report_template.create",
        organisation=organisation,
    )


def report_template_update(*, actor: User, template: ReportTemplate, data: Mapping[str, Any]) -> ReportTemplate:
    return model_update(
        actor=actor, instance=template, data=data, action="report_template.update", organisation=template.organisation
    )
