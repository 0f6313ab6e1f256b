"""Breakdowns of a programme's figures (fordelinger): a metric by year, by month over one year, and the people
behind it by one dimension × gender, suppressed where the figures are meant to leave the organisation.

Ethnic background and country of origin are special-category data: only the branch's coordinators may break
figures down by them, the table is always suppressed, and every such breakdown is written to the audit log.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from mentornet.accounts.models import Role, User
from mentornet.core.access import access_for
from mentornet.core.services import audit_log
from mentornet.mentorships.models import Mentorship
from mentornet.organisations.models import Programme
from mentornet.people.models import (
    EthnicBackground,
    Gender,
    Kind,
    MentorType,
    Person,
    RecruitmentChannel,
    Referral,
    SensitiveData,
)
from mentornet.people.selectors import AGE_BANDS
from mentornet.results.charts import Chart, bar_chart, line_chart
from mentornet.results.metrics import METRICS, compute
from mentornet.results.suppression import MIN_THRESHOLD, Cell, SuppressedTable, suppress_table

#: Metrics whose people can be broken down (counts of persons). For the mentorship metrics the people are the
#: mentees; for the recruitment metrics the people recruited.
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
#: The by-year chart goes back at most this many years, this year included.
MAX_YEARS = 10

#: A person's group in a dimension, on the last day of the period.
Key = Callable[[Person, datetime.date], str]


def _age_band(people: list[Person]) -> Key:
    def key(person: Person, on: datetime.date) -> str:
        age = person.age(on)
        if age is None:
            return str(UNKNOWN)
        return next((str(label) for _key, label, low, high in AGE_BANDS if low <= age <= high), str(UNKNOWN))

    return key


def _area(people: list[Person]) -> Key:
    return lambda person, _on: person.area.strip().title() or str(UNKNOWN)


def _channel(people: list[Person]) -> Key:
    labels = dict(RecruitmentChannel.choices)
    return lambda person, _on: str(labels.get(person.recruitment_channel, UNKNOWN))


def _referral_source(people: list[Person]) -> Key:
    """The partner organisation behind the person's earliest referral, in one query for everyone."""
    earliest: dict[int, str] = {}
    referrals = Referral.objects.filter(person__in=people).order_by("created_at", "pk")
    for person_id, partner in referrals.values_list("person_id", "partner"):
        earliest.setdefault(person_id, partner)
    names = _same_spelling(earliest.values())
    return lambda person, _on: names.get(earliest.get(person.pk, ""), str(_("No referral")))


def _mentor_type(people: list[Person]) -> Key:
    """A mentor's type; for a mentee the type of mentor they need."""
    rows = Person.objects.filter(pk__in=[p.pk for p in people]).values_list(
        "pk", "kind", "mentor_profile__mentor_type", "mentee_profile__mentor_type_need"
    )
    types = {pk: (given if kind == Kind.MENTOR else needed) for pk, kind, given, needed in rows}
    labels = dict(MentorType.choices)
    return lambda person, _on: str(labels.get(types.get(person.pk) or "", UNKNOWN))


def _ethnicity(people: list[Person]) -> Key:
    stored = dict(SensitiveData.objects.filter(person__in=people).values_list("person_id", "ethnic_background"))
    labels = dict(EthnicBackground.choices)
    return lambda person, _on: str(labels.get(stored.get(person.pk, ""), UNKNOWN))


def _country(people: list[Person]) -> Key:
    stored = dict(SensitiveData.objects.filter(person__in=people).values_list("person_id", "country_of_origin"))
    names = _same_spelling(stored.values())
    return lambda person, _on: names.get(stored.get(person.pk, "")) or str(UNKNOWN)


def _same_spelling(texts: Iterable[str]) -> dict[str, str]:
    """Each free-text value mapped to one spelling of its group: values that differ only in case and spaces
    ("tyrkiet", "Tyrkiet ") are one group, shown in its most common spelling (on a tie the first in sort order)."""
    spellings: dict[str, Counter[str]] = {}
    for text in texts:
        spellings.setdefault(" ".join(text.split()).casefold(), Counter())[" ".join(text.split())] += 1
    chosen = {group: min(seen, key=lambda s: (-seen[s], s)) for group, seen in spellings.items()}
    return {text: chosen[" ".join(text.split()).casefold()] for text in texts if text.strip()}


@dataclass(frozen=True)
class Dimension:
    """A way to group people: its label, how to build the key function for a set of people (at most one query),
    and whether it is special-category data (only for the branch's coordinators, always suppressed, logged)."""

    label: StrOrPromise
    key_for: Callable[[list[Person]], Key]
    sensitive: bool = False


DIMENSION_DEFINITIONS: dict[str, Dimension] = {
    "age": Dimension(_("Age"), _age_band),
    "area": Dimension(_("Area"), _area),
    "referral": Dimension(_("Referred by"), _referral_source),
    "mentor_type": Dimension(_("Mentor type (for mentees: the type they need)"), _mentor_type),
    "channel": Dimension(_("How they heard of us"), _channel),
    "ethnicity": Dimension(_("Ethnic background"), _ethnicity, sensitive=True),
    "country": Dimension(_("Country of origin"), _country, sensitive=True),
}
#: Each dimension's label.
DIMENSIONS: dict[str, StrOrPromise] = {key: d.label for key, d in DIMENSION_DEFINITIONS.items()}


def dimensions_for(user: User, programme: Programme) -> dict[str, StrOrPromise]:
    """The dimensions the user may break figures down by, with their labels: special-category ones only for the
    branch's coordinators."""
    coordinator = programme.branch_id in access_for(user).branch_ids(Role.COORDINATOR)
    return {key: d.label for key, d in DIMENSION_DEFINITIONS.items() if coordinator or not d.sensitive}


@dataclass
class Shown:
    """A figure as the page shows it: the number, or the hidden mark with its explanation."""

    text: str
    hidden: str


@dataclass
class Breakdown:
    metric_label: StrOrPromise
    year: int
    yearly: Chart
    monthly: Chart
    table: SuppressedTable
    chart: Chart
    #: Small figures are hidden in the yearly and monthly figures (publishing).
    publish: bool
    #: Small figures are hidden in the people table (publishing, or special-category data).
    suppressed: bool
    #: The people in the year, or None when that figure is hidden.
    total: int | None

    @property
    def empty(self) -> bool:
        """Nobody behind the metric in the year: the page says so instead of showing zeros."""
        return self.total == 0

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


def people_table(
    *,
    programme: Programme,
    metric: str,
    start: datetime.date,
    end: datetime.date,
    dimension: str,
    suppressed: bool,
    threshold: int = MIN_THRESHOLD,
) -> SuppressedTable:
    """The people behind ``metric`` over the inclusive period, counted by ``dimension`` (rows) × gender (columns),
    suppressed below ``threshold`` when ``suppressed``. The caller checks that the dimension is allowed (see
    ``dimensions_for``)."""
    whole = compute(metric, programmes=[programme], start=start, end=end)
    people = list(
        Person.objects.filter(pk__in=whole.person_ids).only("pk", "gender", "birth_date", "area", "recruitment_channel")
    )
    key = DIMENSION_DEFINITIONS[dimension].key_for(people)
    genders = dict(Gender.choices)
    cells = Counter((key(p, end), str(genders.get(p.gender, UNKNOWN))) for p in people)
    rows = sorted({row for row, _g in cells}) or [str(UNKNOWN)]
    columns = [str(genders[g]) for g in Gender.values if str(genders[g]) in {c for _r, c in cells}] or [str(UNKNOWN)]
    if str(UNKNOWN) in {c for _r, c in cells} and str(UNKNOWN) not in columns:
        columns.append(str(UNKNOWN))
    if suppressed:
        return suppress_table(rows, columns, cells, threshold=threshold)
    return _unsuppressed(rows, columns, cells)


def programme_years(programme: Programme, today: datetime.date) -> list[int]:
    """The programme's years up to this one: from its start date's year, or without one the earliest year with
    mentorships or people, but at most the last ``MAX_YEARS``."""
    first = programme.start_date
    if first is None:
        started = Mentorship.objects.filter(programme=programme).aggregate(first=Min("start_date"))["first"]
        created = Person.objects.filter(programme=programme).aggregate(first=Min("created_at"))["first"]
        dates = [d for d in (started, created and timezone.localdate(created)) if d is not None]
        first = min(dates, default=today)
    return list(range(min(max(first.year, today.year - MAX_YEARS + 1), today.year), today.year + 1))


def breakdown(*, user: User, programme: Programme, metric: str, year: int, dimension: str, publish: bool) -> Breakdown:
    """``metric`` by year, by month over ``year``, and its people in ``year`` by ``dimension`` × gender.
    ``publish`` hides small figures as for a report; a breakdown by special-category data always hides them in the
    people table and is logged."""
    if dimension not in dimensions_for(user, programme) or metric not in METRIC_CHOICES:
        raise PermissionError(dimension)
    label = METRICS[metric].label
    today = timezone.localdate()
    threshold = programme.branch.organisation.suppression_threshold
    yearly = _yearly(programme, metric, label, today, publish=publish, threshold=threshold)
    monthly = _monthly(programme, metric, label, year, today, publish=publish, threshold=threshold)
    sensitive = DIMENSION_DEFINITIONS[dimension].sensitive
    suppressed = publish or sensitive
    table = people_table(
        programme=programme,
        metric=metric,
        start=datetime.date(year, 1, 1),
        end=datetime.date(year, 12, 31),
        dimension=dimension,
        suppressed=suppressed,
        threshold=threshold,
    )
    if sensitive:
        audit_log(
            actor=user,
            action="results.breakdown_sensitive",
            target=programme,
            branch=programme.branch,
            changes={"metric": metric, "year": str(year), "dimension": dimension},
        )
    rows = list(table.rows)
    totals = [table.row_totals[row] for row in rows]
    hidden = [(0, i) for i, cell in enumerate(totals) if cell.suppressed]
    dimension_label = DIMENSIONS[dimension]
    chart = bar_chart(
        _("%(metric)s %(year)s by %(dimension)s") % {"metric": label, "year": year, "dimension": dimension_label},
        _("Number of people in each group. A group shown as hidden is left out so that no one can be recognised."),
        rows,
        [(_("People"), [None if cell.value is None else float(cell.value) for cell in totals])],
        suppressed=hidden,
        category_label=dimension_label,
    )
    return Breakdown(label, year, yearly, monthly, table, chart, publish, suppressed, table.grand_total.value)


def _yearly(
    programme: Programme, metric: str, label: StrOrPromise, today: datetime.date, *, publish: bool, threshold: int
) -> Chart:
    years = programme_years(programme, today)
    counts = [_count(programme, metric, datetime.date(y, 1, 1), datetime.date(y, 12, 31)) for y in years]
    values, hidden = _published(counts, publish=publish, threshold=threshold)
    so_far = _("%(year)s (so far)")
    categories = [str(so_far % {"year": y}) if y == today.year else str(y) for y in years]
    return bar_chart(
        _("%(metric)s by year") % {"metric": label},
        _("How many in each of the programme's years. This year is counted so far."),
        categories,
        [(label, values)],
        suppressed=hidden,
        category_label=_("Year"),
        width=max(640, 100 * len(years)),  # room for "2026 (so far)" under each bar
    )


def _monthly(
    programme: Programme,
    metric: str,
    label: StrOrPromise,
    year: int,
    today: datetime.date,
    *,
    publish: bool,
    threshold: int,
) -> Chart:
    """The metric in each month of ``year``; months still to come have no data."""
    counts: list[int | None] = []
    for month in range(1, 13):
        start = datetime.date(year, month, 1)
        end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        counts.append(None if start > today else _count(programme, metric, start, end))
    values, hidden = _published(counts, publish=publish, threshold=threshold)
    return line_chart(
        _("%(metric)s %(year)s by month") % {"metric": label, "year": year},
        _("How many in each month of the year."),
        MONTHS,
        [(label, values)],
        suppressed=hidden,
        category_label=_("Month"),
    )


def _count(programme: Programme, metric: str, start: datetime.date, end: datetime.date) -> int:
    value = compute(metric, programmes=[programme], start=start, end=end).value
    return int(value or 0)


def _published(
    counts: Sequence[int | None], *, publish: bool, threshold: int
) -> tuple[list[float | None], set[tuple[int, int]]]:
    """One chart series from counts (None: no data). When publishing, counts below ``threshold``, and counts that
    would reveal them from the total, are hidden: None, and listed as suppressed for the chart."""
    if not publish:
        return [None if n is None else float(n) for n in counts], set()
    known = {str(i): n for i, n in enumerate(counts) if n is not None}
    if not known:
        return [None] * len(counts), set()
    table = suppress_table(list(known), ["n"], {(i, "n"): n for i, n in known.items()}, threshold=threshold)
    hidden = {(0, int(i)) for i in known if table.cell(i, "n").suppressed}
    values = [None if n is None or (0, i) in hidden else float(n) for i, n in enumerate(counts)]
    return values, hidden


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
