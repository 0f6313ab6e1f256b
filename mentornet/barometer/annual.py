"""The year's status report (statusrapport): what it holds, how it is requested, rendered and downloaded.

Structured like the 2007 report: per area (in the policy's order) the status with the barometer's indicators,
the current initiatives with the area's projects and their municipal co-financing for the year, and the
proposals for future efforts; the three texts are the analysts' own. A project registered in several areas is
listed, and counted, in each: the totals count registrations, and say so."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentornet.accounts.models import User
from mentornet.barometer.models import Area, Indicator, IndicatorVersion, Measurement, StatusReport
from mentornet.barometer.selectors import get_municipality_for_analyst, indicator_view
from mentornet.core.services import audit_log
from mentornet.organisations.models import Organisation
from mentornet.projects.models import Area as ProjectArea
from mentornet.projects.models import BudgetLine, Project
from mentornet.projects.selectors import public_projects

#: The analysts' three texts per area, as the 2007 report has them.
TEXTS = {
    "status": gettext_lazy("Status"),
    "initiatives": gettext_lazy("Current initiatives"),
    "proposals": gettext_lazy("Proposals for future efforts"),
}
#: The column headings of the two tables per area.
HEADINGS = {
    "indicators": [
        gettext_lazy("No."),
        gettext_lazy("Indicator"),
        gettext_lazy("Baseline"),
        gettext_lazy("Latest measurement"),
        gettext_lazy("Success criterion"),
        gettext_lazy("Status"),
    ],
    "projects": [
        gettext_lazy("Project"),
        gettext_lazy("Status"),
        gettext_lazy("Period"),
        gettext_lazy("Municipal co-financing"),
    ],
}
#: The downloads: content type and file extension (Word opens an HTML file named .doc).
FILE_TYPES = {"pdf": ("application/pdf", "pdf"), "doc": ("application/msword", "doc")}


def _kr(amount: Decimal) -> str:
    return _("%(amount)s kr.") % {"amount": number_format(amount, decimal_pos=0, force_grouping=True)}


def _indicators(municipality: Organisation, end: datetime.date) -> list[Indicator]:
    """The municipality's indicators as they stood at the end of the year: definitions and measurements until then."""
    return list(
        Indicator.objects.filter(municipality=municipality).prefetch_related(
            Prefetch("versions", queryset=IndicatorVersion.objects.filter(valid_from__lte=end).order_by("valid_from")),
            Prefetch("measurements", queryset=Measurement.objects.filter(date__lte=end).order_by("date")),
        )
    )


def _has_data(indicator: Indicator, year: int) -> bool:
    """A measurement, or a baseline (the startmåling), dated in the year."""
    dates = [m.date for m in indicator.measurements.all()]
    dates += [v.baseline_date for v in indicator.versions.all() if v.baseline_date and v.baseline_value is not None]
    return any(day.year == year for day in dates)


def _indicator_rows(indicators: list[Indicator]) -> list[dict[str, Any]]:
    rows = []
    for indicator in indicators:
        if not indicator.versions.all():
            continue  # not yet defined in the year
        view = indicator_view(indicator)
        rows.append(
            {
                "number": indicator.number,
                "name": indicator.name,
                "baseline": view.baseline,
                "baseline_label": view.version.baseline_label,
                "latest": view.latest.value if view.latest else "",
                "latest_label": view.latest.label if view.latest else "",
                "target": view.target,
                "status": view.status.value,
                "status_label": str(view.status.label),
            }
        )
    return rows


def _projects(municipality: Organisation, year: int) -> list[Project]:
    """Published projects of the municipality running in the year or co-financed in it, with that year's
    municipal income lines."""
    municipal = BudgetLine.objects.filter(year=year, kind=BudgetLine.Kind.INCOME, municipal=True)
    running = (Q(start_date__year__lte=year) | Q(start_date=None)) & (Q(end_date__year__gte=year) | Q(end_date=None))
    return list(
        public_projects()
        .filter(municipality=municipality)
        .filter(running | Q(pk__in=municipal.values("project_id")))
        .prefetch_related("area_rows", Prefetch("budget_lines", queryset=municipal, to_attr="cofinancing_lines"))
        .order_by("title", "pk")
    )


def _period(project: Project) -> str:
    start = date_format(project.start_date, "SHORT_DATE_FORMAT") if project.start_date else "…"
    end = date_format(project.end_date, "SHORT_DATE_FORMAT") if project.end_date else "…"
    return f"{start}–{end}"


def _cofinancing(project: Project) -> Decimal | None:
    lines = project.cofinancing_lines  # type: ignore[attr-defined]
    return sum((line.amount for line in lines), Decimal(0)) if lines else None


def build_content(municipality: Organisation, year: int) -> dict[str, Any]:
    """The report's indicators and projects per area, as shown (strings in the active language); six queries
    whatever the number of indicators, measurements and projects."""
    indicators = _indicators(municipality, datetime.date(year, 12, 31))
    projects = _projects(municipality, year)
    areas = []
    registrations, money = 0, Decimal(0)
    for area in Area:
        own = [i for i in indicators if i.area == area.value]
        bank_area = ProjectArea[area.name].value
        listed = [p for p in projects if any(row.area == bank_area for row in p.area_rows.all())]
        amounts = [amount for amount in map(_cofinancing, listed) if amount is not None]
        registrations += len(listed)
        money += sum(amounts, Decimal(0))
        areas.append(
            {
                "area": area.value,
                "label": str(area.label),
                "has_data": any(_has_data(i, year) for i in own),
                "indicators": _indicator_rows(own),
                "projects": [
                    {
                        "title": p.title,
                        "status": p.get_status_display(),
                        "period": _period(p),
                        "cofinancing": _kr(amount) if (amount := _cofinancing(p)) is not None else "",
                    }
                    for p in listed
                ],
                "cofinancing": _kr(sum(amounts, Decimal(0))) if amounts else "",
            }
        )
    distinct = [amount for amount in map(_cofinancing, projects) if amount is not None]
    return {
        "areas": areas,
        "registrations": registrations,
        "projects": len(projects),
        "cofinancing_registrations": _kr(money) if distinct else "",
        "cofinancing": _kr(sum(distinct, Decimal(0))) if distinct else "",
    }


def report_areas(report: StatusReport) -> list[dict[str, Any]]:
    """The stored content per area with the analysts' texts, in the order of ``TEXTS``."""
    content: dict[str, Any] = report.content or {}
    areas: list[dict[str, Any]] = content.get("areas", [])
    return [
        area | {"texts": [(label, report.texts.get(area["area"], {}).get(key, "")) for key, label in TEXTS.items()]}
        for area in areas
    ]


def report_context(report: StatusReport) -> dict[str, Any]:
    return {"report": report, "areas": report_areas(report), "content": report.content, "headings": HEADINGS}


def get_status_report_for_user(user: User, pk: int, *, with_files: bool = False) -> StatusReport:
    """A status report of a municipality whose barometer the user keeps: 404 outside it, 403 without the role."""
    reports = StatusReport.objects.select_related("municipality", "created_by")
    report = (reports if with_files else reports.defer("pdf", "word")).filter(pk=pk).first()
    if report is None:
        raise Http404
    get_municipality_for_analyst(user, report.municipality_id)
    return report


def status_report_request(*, actor: User, municipality: Organisation, data: Mapping[str, Any]) -> StatusReport:
    """Ask for the year's report (year, title, texts); the worker renders it after the transaction commits."""
    with transaction.atomic():
        report = StatusReport(municipality=municipality, created_by=actor, **data)
        report.full_clean()
        report.save()
        audit_log(
            actor=actor,
            action="barometer.status_report_request",
            target=report,
            organisation=municipality,
            changes={"year": report.year},
        )

    def enqueue() -> None:
        from mentornet.barometer.tasks import render_status_report

        render_status_report.enqueue(report_id=report.pk)

    transaction.on_commit(enqueue)
    return report


def status_report_render(report: StatusReport) -> StatusReport:
    """Build the content, then the PDF (WeasyPrint) and the Word file, with progress."""
    from weasyprint import HTML

    done = StatusReport.objects.filter(pk=report.pk)
    done.update(state=StatusReport.State.RUNNING, progress=5)
    try:
        report.content = build_content(report.municipality, report.year)
        done.update(progress=40)
        context = report_context(report) | {"made": timezone.localtime()}
        pdf = HTML(
            string=render_to_string("barometer/annual_pdf.html", context), base_url=str(settings.BASE_DIR)
        ).write_pdf()
        done.update(progress=80)
        word = render_to_string("barometer/annual_word.html", context).encode("utf-8")
    except Exception as error:
        done.update(
            state=StatusReport.State.FAILED, progress=100, error=type(error).__name__, finished_at=timezone.now()
        )
        raise
    done.update(
        state=StatusReport.State.DONE,
        progress=100,
        content=report.content,
        pdf=pdf,
        word=word,
        finished_at=timezone.now(),
    )
    report.refresh_from_db()
    return report


def status_report_download(*, actor: User, report: StatusReport, fmt: str) -> bytes:
    """The PDF or the Word file; every download is logged."""
    if report.state != StatusReport.State.DONE or fmt not in FILE_TYPES:
        raise ValueError("the report is not ready, or no such format")
    audit_log(
        actor=actor,
        action="barometer.status_report_download",
        target=report,
        organisation=report.municipality,
        changes={"format": fmt},
    )
    return bytes(report.pdf if fmt == "pdf" else report.word)
