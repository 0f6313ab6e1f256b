"""What a report holds: the targets table, its chart, the months, the breakdowns, and the Excel workbook.

Everything here is computed once, when the report is made, and kept with it as plain data (``Report.figures``
and ``Report.sections``), so a stored report re-opens exactly as it was made. A report leaves the organisation:
every figure of fewer persons than the organisation's threshold (at least 5) is hidden, with secondary
suppression. Ethnic background and country of origin are never in a report.
"""

from __future__ import annotations

import base64
import datetime
from collections.abc import Sequence
from decimal import Decimal
from itertools import groupby
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from mentornet.core.exports import Sheet, write_xlsx_sheets
from mentornet.organisations.models import Organisation, OrganisationLogo
from mentornet.results.breakdowns import DIMENSIONS, MONTHS, people_table
from mentornet.results.charts import Chart, bar_chart, chart_data, line_chart
from mentornet.results.figures import is_hidden
from mentornet.results.metrics import METRICS, compute
from mentornet.results.models import Report
from mentornet.results.selectors import target_row
from mentornet.results.suppression import MIN_THRESHOLD, SUPPRESSED_MARK, suppress_table

#: The metric behind the monthly chart and the breakdowns.
STARTED = "mentorships_started"
#: The breakdowns a report may hold (never ethnic background or country of origin).
REPORT_DIMENSIONS = ("age", "area")
Figure = dict[str, Any]


def report_threshold(report: Report) -> int:
    """The organisation's small-cell threshold: groups of fewer persons are hidden in its reports."""
    return int(report.programme.branch.organisation.suppression_threshold)


def _number(value: Decimal | None) -> str:
    return "" if value is None else formats.number_format(value.normalize(), use_l10n=True)


def report_figures(report: Report, *, by_funder: bool = False) -> list[Figure]:
    """Each target overlapping the report's period, as of the period's end (or today, if sooner); grouped by funder
    (in name order, those without a funder last) when ``by_funder``."""
    as_of = min(report.period_end, timezone.localdate())
    targets = report.programme.targets.filter(period_start__lte=report.period_end, period_end__gte=report.period_start)
    figures: list[Figure] = []
    for target in targets.order_by("period_start", "metric", "gender"):
        target.programme = report.programme
        row = target_row(target, as_of)
        hidden = row.actual is not None and is_hidden(row.metric.unit, row.actual, threshold=report_threshold(report))
        unit = " %" if row.metric.unit == "share" else ""
        goal = _number(target.value) + (f"–{_number(target.value_max)}" if target.value_max is not None else "")
        number = None if row.actual is None or row.actual.value is None or hidden else float(row.actual.value)
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
                "funder": target.funder,
                "unit": row.metric.unit,
                "target_number": float(target.value),
                "actual_number": number,
            }
        )
    if by_funder:
        figures.sort(key=lambda f: (f["funder"] == "", f["funder"]))  # stable: the period order stays within
    return figures


def _chart_spec(
    kind: str, title: str, description: str, categories: list[str], series: list[Any], **extra: Any
) -> dict[str, Any]:
    spec = {"kind": kind, "title": title, "description": description, "categories": categories, "series": series}
    return spec | extra


def chart_from_spec(spec: dict[str, Any]) -> Chart:
    """The chart as stored with a report, drawn again: the same input gives the same SVG, on the page and in the PDF."""
    draw = bar_chart if spec["kind"] == "bar" else line_chart
    return draw(
        spec["title"],
        spec["description"],
        spec["categories"],
        [(label, values) for label, values in spec["series"]],
        suppressed={(s, c) for s, c in spec.get("suppressed", [])},
        category_label=spec.get("category_label"),
        width=spec.get("width", 640),
    )


def _figure_name(figure: Figure) -> str:
    name = figure["label"] + (f" ({figure['gender'].lower()})" if figure["gender"] else "")
    return f"{name}, {figure['funder']}" if figure["funder"] else name


def targets_chart(figures: list[Figure]) -> dict[str, Any] | None:
    """Each count target against its result as bars; a hidden result is a hidden bar. None without count targets."""
    counts = [f for f in figures if f["unit"] == "count"]
    if not counts:
        return None
    return _chart_spec(
        "bar",
        _("Targets and results"),
        _("Each target that counts people or events, against the result. A hidden result is left out."),
        [_figure_name(f) for f in counts],
        [[_("Target"), [f["target_number"] for f in counts]], [_("Result"), [f["actual_number"] for f in counts]]],
        suppressed=[[1, i] for i, f in enumerate(counts) if f["hidden"]],
        category_label=_("Target"),
        width=max(640, 150 * len(counts)),
    )


def _months(start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    months = []
    first = start.replace(day=1)
    while first <= end:
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        months.append((max(first, start), min(following - datetime.timedelta(days=1), end)))
        first = following
    return months


def monthly_chart(report: Report) -> dict[str, Any] | None:
    """Mentorships started in each month of the period, suppressed; None when none started (no data)."""
    months = _months(report.period_start, report.period_end)
    one_year = report.period_start.year == report.period_end.year
    names = [str(MONTHS[a.month - 1]) + ("" if one_year else f" {a:%Y}") for a, _b in months]
    counts = [compute(STARTED, programmes=[report.programme], start=a, end=b).value or 0 for a, b in months]
    if not any(counts):
        return None
    label = str(METRICS[STARTED].label)
    cells = {(name, label): int(n) for name, n in zip(names, counts, strict=True)}
    table = suppress_table(names, [label], cells, threshold=report_threshold(report))
    categories, series, hidden = chart_data(table)
    return _chart_spec(
        "line",
        _("%(metric)s by month") % {"metric": label},
        _("How many mentorships started in each month of the period. A hidden month is left out."),
        categories,
        [[str(name), values] for name, values in series],
        suppressed=sorted([s, c] for s, c in hidden),
        category_label=_("Month"),
        width=max(640, (48 if one_year else 64) * len(categories)),
    )


def breakdown_section(report: Report, dimension: str) -> dict[str, Any]:
    """The people who started a mentorship in the period, by ``dimension`` × gender, suppressed."""
    table = people_table(
        programme=report.programme,
        metric=STARTED,
        start=report.period_start,
        end=report.period_end,
        dimension=dimension,
        suppressed=True,
        threshold=report_threshold(report),
    )
    title = _("Mentorships started by gender and %(dimension)s") % {"dimension": str(DIMENSIONS[dimension]).lower()}
    total = table.grand_total
    rows = [
        [row, *(table.text(table.cell(row, c)) for c in table.columns), table.text(table.row_totals[row])]
        for row in table.rows
    ]
    return {
        "key": dimension,
        "title": title,
        "sheet": str(DIMENSIONS[dimension]),
        "columns": [str(DIMENSIONS[dimension]), *table.columns, _("Total")],
        "rows": rows,
        "footer": [_("Total"), *(table.text(table.column_totals[c]) for c in table.columns), table.text(total)],
        "empty": not total.suppressed and not total.value,
    }


def sections_for(report: Report) -> dict[str, Any]:
    """What the report holds besides the targets table, as chosen by its template (everything without one)."""
    template = report.template
    show = {
        "targets": template is None or template.show_targets,
        "monthly": template is None or template.show_monthly,
        "age": template is None or template.show_age,
        "area": template is None or template.show_area,
    }
    return {
        "addressees": template.addressees if template else "",
        "grouped": bool(template and template.group_by_funder),
        "show": show,
        "threshold": report_threshold(report),
    }


def report_logo(organisation: Organisation) -> str:
    """The organisation's logo as a data: URI, for the PDF only (the pages' CSP allows no inline images)."""
    logo = OrganisationLogo.objects.filter(organisation=organisation).first() if organisation.logo_type else None
    if logo is None:
        return ""
    return f"data:{organisation.logo_type};base64,{base64.b64encode(bytes(logo.image)).decode('ascii')}"


def report_context(report: Report, *, figures: list[Figure], sections: dict[str, Any], logo: str) -> dict[str, Any]:
    """The context of the report's content, the same on the page and in the PDF."""
    show = sections.get("show", {"targets": True})
    groups = [(funder, list(items)) for funder, items in groupby(figures, key=lambda f: f.get("funder", ""))]
    metrics = [str(f["metric"]) for f in figures]
    if show.get("monthly") or show.get("age") or show.get("area"):
        metrics.append(STARTED)
    targets_spec, monthly_spec = sections.get("targets_chart"), sections.get("monthly")
    return {
        "report": report,
        "programme": report.programme,
        "organisation": report.programme.branch.organisation,
        "logo": logo,
        "figures": figures,
        "groups": groups if sections.get("grouped") else [("", figures)],
        "grouped": sections.get("grouped", False),
        "addressees": sections.get("addressees", ""),
        "show": show,
        "targets_chart": chart_from_spec(targets_spec) if targets_spec else None,
        "monthly": chart_from_spec(monthly_spec) if monthly_spec else None,
        "breakdowns": sections.get("breakdowns", []),
        "definitions": [METRICS[key] for key in dict.fromkeys(metrics)],
        "mark": SUPPRESSED_MARK,
        "threshold": sections.get("threshold", MIN_THRESHOLD),
    }


def _or_no_data(headers: Sequence[str], rows: list[list[Any]]) -> list[list[Any]]:
    return rows or [[_("No data"), *[""] * (len(headers) - 1)]]


def report_workbook(report: Report, context: dict[str, Any]) -> bytes:
    """The report as an Excel workbook: the report's own text, then one sheet per section."""
    sheets: list[Sheet] = [
        (
            _("Report"),
            [_("Field"), _("Content")],
            [
                [_("Title"), report.title],
                [_("Programme"), report.programme.name],
                [_("Period"), f"{report.period_start:%d.%m.%Y}–{report.period_end:%d.%m.%Y}"],
                [_("Addressees"), context["addressees"]],
                [_("Text"), report.text],
            ],
        )
    ]
    show = context["show"]
    if show.get("targets"):
        headers = [_("Metric"), _("For"), _("Period"), _("Target"), _("Result"), _("Status"), _("Funder")]
        rows = [
            [f["label"], f["gender"], f["period"], f["target"], f["actual"], f["status"], f.get("funder", "")]
            for f in context["figures"]
        ]
        sheets.append((_("Targets and results"), headers, _or_no_data(headers, rows)))
    if show.get("monthly"):
        chart: Chart | None = context["monthly"]
        headers = list(chart.table.columns) if chart else [_("Month"), str(METRICS[STARTED].label)]
        rows = [list(row) for row in chart.table.rows] if chart else []
        sheets.append((_("By month"), headers, _or_no_data(headers, rows)))
    for section in context["breakdowns"]:
        rows = [] if section["empty"] else [*section["rows"], section["footer"]]
        sheets.append((section["sheet"], section["columns"], _or_no_data(section["columns"], rows)))
    return write_xlsx_sheets(sheets)
