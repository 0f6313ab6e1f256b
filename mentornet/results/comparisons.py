"""Comparisons (sammenligninger): a programme's year against the year before, an organisation's branches against
each other, and two stored reports of a programme side by side.

Figures are suppressed for those who may not see the individuals. Between branches the counts add up to the
organisation's total, so each count row is suppressed as a table (with secondary suppression) and no hidden cell
can be worked out from the total; shares and averages are hidden when too few people are behind them.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from mentornet.organisations.models import Branch, Organisation, Programme
from mentornet.results.charts import Chart, bar_chart
from mentornet.results.computations import Metric, MetricValue
from mentornet.results.figures import Figure, figure
from mentornet.results.metrics import METRICS
from mentornet.results.selectors import Computed, Wanted, computed_at, computed_values
from mentornet.results.suppression import (
    MIN_THRESHOLD,
    SUPPRESSED_MARK,
    Cell,
    SuppressedTable,
    suppress_table,
    suppressed_label,
)

#: The catalogue in groups, for tables with one row per metric. A metric added to the catalogue later and not
#: listed here lands in "Other".
GROUPS: list[tuple[StrOrPromise, list[str]]] = [
    (
        gettext_lazy("Mentors and mentees"),
        ["mentors_recruited", "mentees_recruited", "contact_persons_recruited", "referrals"],
    ),
    (
        gettext_lazy("Mentorships"),
        [
            "mentorships_started",
            "mentorships_counted",
            "mentorships_completed",
            "mentorships_stopped_early",
            "average_duration",
            "waiting_time",
            "active_mentors",
            "meetings_held",
            "proposals",
            "rematch_rate",
        ],
    ),
    (
        gettext_lazy("Courses and events"),
        [
            "network_events",
            "mentor_courses",
            "mentee_courses",
            "activity_participants",
            "satisfaction",
            "supervision_attendance",
        ],
    ),
    (
        gettext_lazy("Follow-up"),
        [
            "follow_up_response_rate",
            "in_education_at_follow_up",
            "in_job_at_follow_up",
            "education_and_job_at_follow_up",
            "other_at_follow_up",
            "no_answer_at_follow_up",
        ],
    ),
]


def grouped_metrics() -> list[tuple[StrOrPromise, list[Metric]]]:
    listed = {key for _label, keys in GROUPS for key in keys}
    groups = [(label, [METRICS[key] for key in keys if key in METRICS]) for label, keys in GROUPS]
    other = [metric for key, metric in METRICS.items() if key not in listed]
    return groups + ([(gettext_lazy("Other"), other)] if other else [])


COUNT_METRICS = [key for key, metric in METRICS.items() if metric.unit == "count"]


# Year against year -------------------------------------------------------------------------------------------------

YEAR_CHOICES = {
    "this_year": gettext_lazy("This year so far against the same days last year"),
    "last_year": gettext_lazy("Last year against the year before"),
    "branches": gettext_lazy("Branch against branch"),
}


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date


def _same_day(day: datetime.date, year: int) -> datetime.date:
    """``day`` in ``year``; 29 February becomes the 28th in a year without it."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def year_periods(choice: str, today: datetime.date) -> tuple[Period, Period]:
    """(the earlier period, the later period) for a year-against-year choice."""
    if choice == "last_year":
        year = today.year - 1
        return Period(datetime.date(year - 1, 1, 1), datetime.date(year - 1, 12, 31)), Period(
            datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        )
    previous = today.year - 1
    return Period(datetime.date(previous, 1, 1), _same_day(today, previous)), Period(
        datetime.date(today.year, 1, 1), today
    )


@dataclass(frozen=True)
class YearRow:
    metric: Metric
    before: Figure
    after: Figure
    change: str


@dataclass(frozen=True)
class YearComparison:
    before: Period
    after: Period
    groups: list[tuple[StrOrPromise, list[YearRow]]]
    computed_at: datetime.datetime | None


def change(metric: Metric, before: Figure, after: Figure) -> str:
    """The change from ``before`` to ``after`` as shown (to one decimal) with a sign, in percentage points for a
    share; "–" when either is hidden or missing."""
    if before.value is None or after.value is None:
        return "–"
    tenth = Decimal("0.1")  # the difference of the figures as shown, so that 3,9 and 4,0 differ by 0,1
    diff = after.value.quantize(tenth) - before.value.quantize(tenth)
    sign = "+" if diff > 0 else "−" if diff < 0 else "±"
    text = sign + floatformat(abs(diff), "-1g")
    return _("%(change)s percentage points") % {"change": text} if metric.unit == "share" else text


def year_comparison(
    programme: Programme,
    choice: str,
    today: datetime.date,
    *,
    suppress: bool,
    threshold: int = MIN_THRESHOLD,
    fresh: bool = False,
) -> YearComparison:
    """Every metric of the catalogue for the programme over two periods, with the change."""
    before, after = year_periods(choice, today)
    wanted = {(key, p): Wanted(key, p.start, p.end) for key in METRICS for p in (before, after)}
    values = computed_values([programme], wanted.values(), fresh=fresh)

    def shown(metric: Metric, period: Period) -> Figure:
        value = values[wanted[(metric.key, period)]].value
        return figure(metric.unit, value, suppress=suppress, places="-1g", threshold=threshold)

    groups = []
    for label, metrics in grouped_metrics():
        rows = []
        for metric in metrics:
            old, new = shown(metric, before), shown(metric, after)
            rows.append(YearRow(metric, old, new, change(metric, old, new)))
        groups.append((label, rows))
    return YearComparison(before, after, groups, computed_at(values.values()))


# Branch against branch ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BranchRow:
    metric: Metric
    cells: list[Figure]
    total: Figure


@dataclass(frozen=True)
class BranchComparison:
    branches: list[Branch]
    groups: list[tuple[StrOrPromise, list[BranchRow]]]
    chart: Chart | None
    chart_metric: Metric
    computed_at: datetime.datetime | None


def _from_cell(table: SuppressedTable, cell: Cell) -> Figure:
    if cell.suppressed:
        return Figure(table.text(cell), hidden=str(table.label(cell)))
    return Figure(table.text(cell), value=Decimal(cell.value or 0))


def _count_row(metric: Metric, counts: dict[str, int], *, suppress: bool, threshold: int) -> BranchRow:
    """A count over the branches with their total; suppressed as a one-row table, so that the total cannot give a
    hidden branch away. A count of activities (courses held) hides no one and is shown as it is."""
    columns = list(counts)
    if suppress and metric.people:
        grid = {(metric.key, c): n for c, n in counts.items()}
        table = suppress_table([metric.key], columns, grid, threshold=threshold)
        hidden = [_from_cell(table, table.cell(metric.key, c)) for c in columns]
        return BranchRow(metric, hidden, _from_cell(table, table.row_totals[metric.key]))
    shown = [Figure(floatformat(n, "0g"), value=Decimal(n)) for n in counts.values()]
    total = sum(counts.values())
    return BranchRow(metric, shown, Figure(floatformat(total, "0g"), value=Decimal(total)))


def _protect_shares(
    values: list[MetricValue], cells: list[Figure], total: Figure, *, threshold: int = MIN_THRESHOLD
) -> tuple[list[Figure], Figure]:
    """A share shows its numerator and denominator ("12 of 20"), and both add up to the organisation's: suppress
    each as a one-row table with its total and hide every share whose numerator or denominator is hidden there,
    so that no small branch can be worked out from the total."""
    columns = [str(i) for i in range(len(values))]
    hidden = [False] * len(values)
    total_hidden = False
    for part in ("numerator", "denominator"):
        counts = {c: int(getattr(v, part) or 0) for c, v in zip(columns, values, strict=True)}
        table = suppress_table([part], columns, {(part, c): n for c, n in counts.items()}, threshold=threshold)
        hidden = [h or table.cell(part, c).suppressed for h, c in zip(hidden, columns, strict=True)]
        total_hidden = total_hidden or table.row_totals[part].suppressed
    mark = Figure(SUPPRESSED_MARK, hidden=suppressed_label(threshold))
    return [mark if h else cell for h, cell in zip(hidden, cells, strict=True)], mark if total_hidden else total


def organisation_branches(organisation: Organisation) -> list[Branch]:
    """The organisation's branches that have a programme, each with its programmes (prefetched)."""
    return list(
        organisation.branches.filter(programmes__isnull=False)
        .distinct()
        .prefetch_related("programmes")
        .order_by("name", "pk")
    )


def branch_comparison(
    organisation: Organisation,
    start: datetime.date,
    end: datetime.date,
    *,
    suppress: bool,
    threshold: int = MIN_THRESHOLD,
    chart_metric: str,
    fresh: bool = False,
) -> BranchComparison:
    """Every metric of the catalogue for each branch (its programmes together) and the organisation in total.
    Queries: a fixed number per branch and metric, never depending on the amount of data."""
    branches = organisation_branches(organisation)
    wanted = {key: Wanted(key, start, end) for key in METRICS}
    per_branch: dict[int, dict[Wanted, Computed]] = {
        b.pk: computed_values(list(b.programmes.all()), wanted.values(), fresh=fresh) for b in branches
    }
    everyone: Sequence[Programme] = [p for b in branches for p in b.programmes.all()]
    others = [w for key, w in wanted.items() if METRICS[key].unit != "count"]
    totals = computed_values(everyone, others, fresh=fresh) if branches else {}
    found = [c for values in per_branch.values() for c in values.values()] + list(totals.values())

    def row(metric: Metric) -> BranchRow:
        w = wanted[metric.key]
        if metric.unit == "count":
            counts = {str(b.pk): int(per_branch[b.pk][w].value.value or 0) for b in branches}
            return _count_row(metric, counts, suppress=suppress, threshold=threshold)
        values = [per_branch[b.pk][w].value for b in branches]
        cells = [figure(metric.unit, v, suppress=suppress, places="-1g", threshold=threshold) for v in values]
        total = figure(metric.unit, totals[w].value, suppress=suppress, places="-1g", threshold=threshold)
        if suppress and metric.unit == "share":
            cells, total = _protect_shares(values, cells, total, threshold=threshold)
        return BranchRow(metric, cells, total)

    groups = [(label, [row(m) for m in metrics]) for label, metrics in grouped_metrics()] if branches else []
    shown = METRICS[chart_metric]
    chart = None
    if branches:
        cells = next(r.cells for _label, rows in groups for r in rows if r.metric.key == chart_metric)
        chart = bar_chart(
            _("%(metric)s by branch") % {"metric": shown.label},
            _("The figure for each branch in the period. A branch shown as hidden has too few people to show."),
            [b.name for b in branches],
            [(shown.label, [None if c.value is None else float(c.value) for c in cells])],
            suppressed=[(0, i) for i, c in enumerate(cells) if c.hidden],
            category_label=_("Branch"),
        )
    return BranchComparison(branches, groups, chart, shown, computed_at(found))


# Two stored reports ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FigurePair:
    """One line of two reports side by side: a figure of each (None where a report does not have it)."""

    label: str
    gender: str
    funder: str
    left: dict[str, Any] | None
    right: dict[str, Any] | None


def _identity(figure: dict[str, Any]) -> tuple[str, str, str]:
    return (str(figure.get("metric", "")), str(figure.get("gender", "")), str(figure.get("funder", "")))


def pair_figures(left: list[dict[str, Any]], right: list[dict[str, Any]]) -> list[FigurePair]:
    """Match the figures of two reports: first on (metric, gender, funder, period); what is left, on (metric,
    gender, funder) in period order, so that a year's report lines up with the year before's. Figures only in one
    report stay alone. The order is the left report's, then the right report's leftovers."""
    unmatched = list(range(len(right)))
    partner: dict[int, int] = {}
    for loose in (False, True):
        for i, figure_ in enumerate(left):
            if i in partner:
                continue
            for j in unmatched:
                same = _identity(right[j]) == _identity(figure_)
                if same and (loose or right[j].get("period") == figure_.get("period")):
                    partner[i] = j
                    unmatched.remove(j)
                    break

    def pair(a: dict[str, Any] | None, b: dict[str, Any] | None) -> FigurePair:
        one = a or b or {}
        return FigurePair(str(one.get("label", "")), str(one.get("gender", "")), str(one.get("funder", "")), a, b)

    pairs = [pair(f, right[partner[i]] if i in partner else None) for i, f in enumerate(left)]
    return pairs + [pair(None, right[j]) for j in unmatched]
