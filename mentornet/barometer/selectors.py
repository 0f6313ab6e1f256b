"""Reads for the barometer: the public pages' figures (cached per data version) and the analysts' access helpers.

The public figures are built from three queries whatever the number of indicators and measurements, and
kept in the cache under a key made of the newest ``Indicator.updated_at`` (every write touches it) and the
language, so a change shows at once on every server and a reader never waits for a rebuild twice."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mentornet.accounts.models import Role, User
from mentornet.barometer.formatting import CHART_UNITS, show_value
from mentornet.barometer.models import Area, Indicator, IndicatorVersion, Measurement
from mentornet.barometer.services import version_for
from mentornet.barometer.status import Point, Status, indicator_status
from mentornet.core import stamps
from mentornet.core.access import access_for
from mentornet.organisations.models import Organisation
from mentornet.results.charts import Chart, line_chart

CACHE_SECONDS = 24 * 60 * 60
ENTRY_ROLES = (Role.ANALYST, Role.MUNICIPAL_ADMIN)
T = TypeVar("T")


@dataclass(frozen=True)
class Row:
    """One measured value as the pages show it."""

    label: str
    date: datetime.date | None
    value: str
    comparator: str
    demo: bool
    version: IndicatorVersion
    number: Decimal
    comparator_number: Decimal | None
    is_baseline: bool = False
    #: The definition's number on the page (1 for the first).
    version_number: int = 1


@dataclass(frozen=True)
class VersionView:
    """One definition of an indicator, numbered from 1, with the measurements made under it."""

    number: int
    version: IndicatorVersion
    target: str
    baseline: str
    measurements: int
    current: bool


@dataclass
class IndicatorView:
    indicator: Indicator
    version: IndicatorVersion
    versions: list[IndicatorVersion]
    status: Status
    rows: list[Row]
    baseline: str
    target: str
    latest: Row | None
    comparator_label: str
    chart: Chart | None = None
    has_demo: bool = False
    history: list[VersionView] = field(default_factory=list)


@dataclass
class AreaView:
    area: Area
    municipality: Organisation
    indicators: list[IndicatorView] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for view in self.indicators if view.status == status)

    @property
    def counts(self) -> list[tuple[Status, int]]:
        return [(status, self.count(status)) for status in Status]


def public_stamp() -> str:
    """Changes with every change to any indicator (each write touches ``updated_at``): part of every public cache
    key (see ``core.stamps``)."""

    def compute() -> str:
        stamp = Indicator.objects.aggregate(newest=Max("updated_at"), count=Count("pk"))
        newest = stamp["newest"].isoformat() if stamp["newest"] else "-"
        return f"{newest}:{stamp['count']}"

    return stamps.public_stamp("barometer", compute)


def _cached(name: str, build: Callable[[], T]) -> T:
    key = f"barometer:{public_stamp()}:{get_language()}:{name}"
    value: T | None = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_SECONDS)
    return value


def _indicators() -> QuerySet[Indicator]:
    return Indicator.objects.select_related("municipality").prefetch_related(
        Prefetch("versions", queryset=IndicatorVersion.objects.order_by("valid_from")),
        Prefetch("measurements", queryset=Measurement.objects.order_by("date")),
    )


def _date_label(day: datetime.date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


def indicator_view(indicator: Indicator, *, chart: bool = False) -> IndicatorView:
    """Status, baseline, target and history of a prefetched indicator (no queries)."""
    versions = list(indicator.versions.all())
    version = version_for(versions, timezone.localdate())
    measurements = list(indicator.measurements.all())
    by_pk = {v.pk: v for v in versions}
    numbers = {v.pk: number for number, v in enumerate(versions, start=1)}
    rows = [
        Row(
            label=v.baseline_label or _date_label(v.baseline_date),
            date=v.baseline_date,
            value=show_value(v.baseline_value, v.unit, v.decimal_places),
            comparator=show_value(v.baseline_comparator, v.unit, v.decimal_places),
            demo=False,
            version=v,
            number=v.baseline_value,
            comparator_number=v.baseline_comparator,
            is_baseline=True,
            version_number=numbers[v.pk],
        )
        for v in _distinct_baselines(versions)
        if v.baseline_value is not None
    ]
    for m in measurements:
        v = by_pk[m.version_id]
        rows.append(
            Row(
                label=m.period_label or _date_label(m.date),
                date=m.date,
                value=show_value(m.value, v.unit, v.decimal_places),
                comparator=show_value(m.comparator_value, v.unit, v.decimal_places),
                demo=m.demo,
                version=v,
                number=m.value,
                comparator_number=m.comparator_value,
                version_number=numbers[v.pk],
            )
        )
    rows.sort(key=lambda row: (row.date or datetime.date.min, not row.is_baseline))
    current = [m for m in measurements if m.version_id == version.pk]
    made_under = Counter(m.version_id for m in measurements)
    view = IndicatorView(
        indicator=indicator,
        version=version,
        versions=versions,
        status=indicator_status(version, [Point(m.date, m.value) for m in current]),
        rows=rows,
        baseline=show_value(version.baseline_value, version.unit, version.decimal_places),
        target=_target(version),
        latest=next((row for row in reversed(rows) if not row.is_baseline and row.version == version), None),
        comparator_label=version.comparator_label or _("ethnic Danes"),
        has_demo=any(m.demo for m in measurements),
        history=[
            VersionView(
                number=number,
                version=v,
                target=_target(v),
                baseline=show_value(v.baseline_value, v.unit, v.decimal_places),
                measurements=made_under[v.pk],
                current=v == version,
            )
            for number, v in enumerate(versions, start=1)
        ],
    )
    if chart:
        view.chart = _chart(view)
    return view


def _distinct_baselines(versions: list[IndicatorVersion]) -> list[IndicatorVersion]:
    """Each baseline once: a new version that keeps its predecessor's baseline (same date and values) adds no row
    to the history."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for v in versions:
        key = (v.baseline_date, v.baseline_value, v.baseline_comparator)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


def _target(version: IndicatorVersion) -> str:
    if version.target_value is None:
        return str(version.get_direction_display())
    value = show_value(version.target_value, version.unit, version.decimal_places)
    if version.target_date:
        return _("%(value)s by %(date)s") % {"value": value, "date": _date_label(version.target_date)}
    return value


def _chart(view: IndicatorView) -> Chart | None:
    """The history as a line chart; None when a value is negative (the chart's value axis starts at 0)."""
    numbers = [(row.number, row.comparator_number) for row in view.rows]
    if not numbers or any(value is not None and value < 0 for pair in numbers for value in pair):
        return None
    series: list[tuple[str, list[float | None]]] = [(view.indicator.name[:60], [float(v) for v, _c in numbers])]
    if any(c is not None for _v, c in numbers):
        series.append((view.comparator_label, [None if c is None else float(c) for _v, c in numbers]))
    return line_chart(
        view.indicator.name,
        _("The measurements of the indicator over time, from the baseline."),
        [row.label for row in view.rows],
        list(series),
        unit=CHART_UNITS.get(view.version.unit, ""),
        category_label=_("Measurement"),
    )


def public_summary() -> list[AreaView]:
    """Every municipality's barometer, area by area, in the areas' order."""

    def build() -> list[AreaView]:
        groups: dict[tuple[int, str], AreaView] = {}
        for indicator in _indicators():
            key = (indicator.municipality_id, indicator.area)
            group = groups.setdefault(key, AreaView(area=Area(indicator.area), municipality=indicator.municipality))
            group.indicators.append(indicator_view(indicator))
        order = list(Area.values)
        return sorted(groups.values(), key=lambda g: (g.municipality.name, order.index(g.area)))

    return _cached("summary", build)


def public_area(area: str) -> list[AreaView]:
    return [group for group in public_summary() if group.area == area]


def public_indicator_head(pk: int) -> Indicator | None:
    """The indicator with its municipality, for a public page's title and links (cached like the page)."""
    return _cached(f"head:{pk}", lambda: Indicator.objects.filter(pk=pk).select_related("municipality").first())


def public_indicator(pk: int) -> IndicatorView:
    def build() -> IndicatorView | None:
        indicator = _indicators().filter(pk=pk).first()
        return indicator_view(indicator, chart=True) if indicator else None

    view = _cached(f"indicator:{pk}", build)
    if view is None:
        raise Http404
    return view


def get_municipality_for_analyst(user: User, pk: int) -> Organisation:
    """The municipality, for its analysts and integration administrators: 404 outside it, 403 without the role."""
    access = access_for(user)
    if pk not in access.organisation_ids():
        raise Http404
    if pk not in access.organisation_ids(*ENTRY_ROLES):
        raise PermissionDenied
    return Organisation.objects.get(pk=pk)


def get_indicator_for_analyst(user: User, pk: int) -> Indicator:
    indicator = Indicator.objects.select_related("municipality").filter(pk=pk).first()
    if indicator is None:
        raise Http404
    get_municipality_for_analyst(user, indicator.municipality_id)
    return indicator


def can_enter(user: User | AnonymousUser, indicator: Indicator) -> bool:
    """Whether the user keeps this indicator's barometer (to show the links to the forms); no query when anonymous."""
    return indicator.municipality_id in access_for(user).organisation_ids(*ENTRY_ROLES)


def indicators_for_entry(municipality: Organisation) -> list[IndicatorView]:
    return [indicator_view(indicator) for indicator in _indicators().filter(municipality=municipality)]


def entry_municipalities(user: User) -> list[Organisation]:
    """The municipalities whose barometer the user keeps (for the menu)."""
    access = access_for(user)
    return list({m.organisation_id: m.organisation for m in access.memberships if m.role in ENTRY_ROLES}.values())


@dataclass
class BarometerPanel:
    """The start page's barometer panel for one municipality the user keeps: its indicators by status."""

    municipality: Organisation
    indicators: int
    counts: list[tuple[Status, int]]


def barometer_panels(user: User) -> list[BarometerPanel]:
    """One panel per municipality whose barometer the user keeps (none, and no query, for everyone else)."""
    municipalities = {m.pk: m for m in entry_municipalities(user)}
    if not municipalities:
        return []
    panels: dict[int, BarometerPanel] = {}
    for group in public_summary():
        if group.municipality.pk in municipalities:
            panel = panels.setdefault(
                group.municipality.pk, BarometerPanel(municipalities[group.municipality.pk], 0, [])
            )
            panel.indicators += len(group.indicators)
            panel.counts = [(status, dict(panel.counts).get(status, 0) + count) for status, count in group.counts]
    return [panels.get(pk) or BarometerPanel(m, 0, []) for pk, m in municipalities.items()]
