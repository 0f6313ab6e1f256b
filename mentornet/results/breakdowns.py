"""Breakdowns of a programme's figures (fordelinger): a metric by month over a year, and the people behind it by
one dimension × gender, suppressed where the figures are meant to leave the organisation.

Ethnic background is special-category data: only the branch's coordinators may break figures down by it, the
table is always suppressed, and every such breakdown is written to the audit log.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from mentornet.accounts.models import Role, User
from mentornet.core.access import access_for
from mentornet.core.services import audit_log
from mentornet.organisations.models import Programme
from mentornet.people.models import EthnicBackground, Gender, Person, RecruitmentChannel, SensitiveData
from mentornet.people.selectors import AGE_BANDS
from mentornet.results.charts import Chart, bar_chart, line_chart
from mentornet.results.metrics import METRICS, compute
from mentornet.results.suppression import MIN_THRESHOLD, Cell, SuppressedTable, suppress_table

#: Metrics whose people can be broken down (counts of persons).
METRIC_CHOICES = [
    "mentorships_started",
    "mentorships_counted",
    "mentorships_completed",
    "mentorships_stopped_early",
    "mentees_recruited",
    "mentors_recruited",
    "contact_persons_recruited",
]
UNKNOWN = _("Not known")
MONTHS = [_("Jan"), _("Feb"), _("Mar"), _("Apr"), _("May"), _("Jun")]
MONTHS += [_("Jul"), _("Aug"), _("Sep"), _("Oct"), _("Nov"), _("Dec")]


def _age_band(person: Person, on: datetime.date) -> str:
    if person.birth_date is None:
        return str(UNKNOWN)
    age = on.year - person.birth_date.year - ((on.month, on.day) < (person.birth_date.month, person.birth_date.day))
    return next((str(label) for _key, label, low, high in AGE_BANDS if low <= age <= high), str(UNKNOWN))


def _ethnicity(people: list[Person]) -> Callable[[Person, datetime.date], str]:
    stored = dict(SensitiveData.objects.filter(person__in=people).values_list("person_id", "ethnic_background"))
    labels = dict(EthnicBackground.choices)
    return lambda person, _on: str(labels.get(stored.get(person.pk, ""), UNKNOWN))


DIMENSIONS: dict[str, StrOrPromise] = {
    "age": _("Age"),
    "area": _("Area"),
    "channel": _("How they heard of us"),
    "ethnicity": _("Ethnic background"),
}


def dimensions_for(user: User, programme: Programme) -> dict[str, StrOrPromise]:
    """The dimensions the user may break figures down by: ethnic background only for the branch's coordinators."""
    allowed = dict(DIMENSIONS)
    if programme.branch_id not in access_for(user).branch_ids(Role.COORDINATOR):
        del allowed["ethnicity"]
    return allowed


@dataclass
class Shown:
    """A figure as the page shows it: the number, or the hidden mark with its explanation."""

    text: str
    hidden: str


@dataclass
class Breakdown:
    metric_label: StrOrPromise
    year: int
    monthly: Chart
    table: SuppressedTable
    chart: Chart
    suppressed: bool
    total: int

    def _shown(self, cell: Cell) -> Shown:
        return Shown(self.table.text(cell), str(self.table.label(cell)))

    @property
    def body(self) -> list[tuple[str, list[Shown]]]:
        """Each row: its label, then its cells and its total."""
        table = self.table
        return [
            (row, [*(self._shown(table.cell(row, c)) for c in table.columns), self._shown(table.row_totals[row])])
            for row in table.rows
        ]

    @property
    def footer(self) -> list[Shown]:
        table = self.table
        return [*(self._shown(table.column_totals[c]) for c in table.columns), self._shown(table.grand_total)]


def breakdown(*, user: User, programme: Programme, metric: str, year: int, dimension: str, publish: bool) -> Breakdown:
    """``metric`` over ``year``: by month, and its people by ``dimension`` × gender. ``publish`` suppresses as for a
    report; a breakdown by ethnic background is always suppressed and is logged."""
    if dimension not in dimensions_for(user, programme) or metric not in METRIC_CHOICES:
        raise PermissionError(dimension)
    label = METRICS[metric].label
    counts: list[float | None] = []
    for month in range(1, 13):
        start = datetime.date(year, month, 1)
        end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        value = compute(metric, programmes=[programme], start=start, end=end).value
        counts.append(None if value is None else float(value))
    whole = compute(metric, programmes=[programme], start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31))
    people = list(
        Person.objects.filter(pk__in=whole.person_ids).only("pk", "gender", "birth_date", "area", "recruitment_channel")
    )
    on = datetime.date(year, 12, 31)
    channels = dict(RecruitmentChannel.choices)
    key: Callable[[Person, datetime.date], str] = {
        "age": _age_band,
        "area": lambda p, _on: p.area.strip().title() or str(UNKNOWN),
        "channel": lambda p, _on: str(channels.get(p.recruitment_channel, UNKNOWN)),
    }.get(dimension) or _ethnicity(people)
    genders = dict(Gender.choices)
    cells = Counter((key(p, on), str(genders.get(p.gender, UNKNOWN))) for p in people)
    rows = sorted({row for row, _g in cells}) or [str(UNKNOWN)]
    columns = [str(genders[g]) for g in Gender.values if str(genders[g]) in {c for _r, c in cells}] or [str(UNKNOWN)]
    if str(UNKNOWN) in {c for _r, c in cells} and str(UNKNOWN) not in columns:
        columns.append(str(UNKNOWN))
    sensitive = dimension == "ethnicity"
    suppressed = publish or sensitive
    table = suppress_table(rows, columns, cells) if suppressed else _unsuppressed(rows, columns, cells)
    if sensitive:
        audit_log(
            actor=user,
            action="results.breakdown_sensitive",
            target=programme,
            branch=programme.branch,
            changes={"metric": metric, "year": str(year)},
        )
    totals = [table.row_totals[row] for row in rows]
    hidden = [(0, i) for i, cell in enumerate(totals) if cell.suppressed]
    chart = bar_chart(
        _("%(metric)s %(year)s by %(dimension)s") % {"metric": label, "year": year, "dimension": DIMENSIONS[dimension]},
        _("Number of people in each group. A group shown as hidden is left out so that no one can be recognised."),
        rows,
        [(_("People"), [None if cell.value is None else float(cell.value) for cell in totals])],
        suppressed=hidden,
        category_label=DIMENSIONS[dimension],
    )
    monthly = line_chart(
        _("%(metric)s %(year)s by month") % {"metric": label, "year": year},
        _("How many in each month of the year."),
        MONTHS,
        [(label, counts)],
        category_label=_("Month"),
    )
    return Breakdown(label, year, monthly, table, chart, suppressed, len(people))


def _unsuppressed(rows: list[str], columns: list[str], cells: Counter[tuple[str, str]]) -> SuppressedTable:
    """The same table with every figure shown (inside the organisation, for those who may see the people)."""

    def cell(n: int) -> Cell:
        return Cell(value=n, suppressed=False, reason=None)

    return SuppressedTable(
        rows=tuple(rows),
        columns=tuple(columns),
        cells={(r, c): cell(cells[(r, c)]) for r in rows for c in columns},
        row_totals={r: cell(sum(cells[(r, c)] for c in columns)) for r in rows},
        column_totals={c: cell(sum(cells[(r, c)] for r in rows)) for c in columns},
        grand_total=cell(sum(cells.values())),
        threshold=MIN_THRESHOLD,
        with_totals=True,
    )
