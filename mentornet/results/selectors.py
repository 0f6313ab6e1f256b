"""Reads for the results pages: a programme's targets against what the records say."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentornet.accounts.models import Role, User
from mentornet.core.access import access_for
from mentornet.matching.selectors import get_programme_for_matching
from mentornet.organisations.models import Organisation, Programme, Target
from mentornet.organisations.selectors import branches_for_user, organisations_for_user
from mentornet.people.models import Person
from mentornet.people.selectors import people_branch_ids
from mentornet.results.computations import Metric, MetricValue
from mentornet.results.metrics import METRICS, compute
from mentornet.results.models import Report

#: How long computed figures are kept (seconds). Pages say when their figures were computed and offer a
#: recompute, so a figure is never stale without saying so.
CACHE_SECONDS = 300

#: A target's standing, with the label and DKFDS badge it is shown with.
STATUSES = {
    "met": (_("Met"), "badge-success"),
    "on_track": (_("On track"), "badge-success"),
    "behind": (_("Behind"), "badge-warning"),
    "outside": (_("Outside the range"), "badge-warning"),
    "missed": (_("Not met"), "badge-error"),
    "not_started": (_("Not started"), "badge-info"),
    "no_data": (_("No data yet"), "badge-info"),
}


@dataclass(frozen=True)
class Wanted:
    """One computation: a metric over an inclusive period, optionally for one gender."""

    metric: str
    start: datetime.date
    end: datetime.date
    gender: str = ""


@dataclass(frozen=True)
class Computed:
    value: MetricValue
    at: datetime.datetime


def _cache_key(programmes: Sequence[Programme], wanted: Wanted) -> str:
    """Keyed by everything the figure depends on besides the records: the programmes and their rules (their
    ``updated_at``), the metric, the period and the gender. An edited target asks for another key."""
    scope = ",".join(f"{p.pk}.{p.updated_at.timestamp():.6f}" for p in sorted(programmes, key=lambda p: p.pk))
    what = f"{scope}:{wanted.metric}:{wanted.start:%Y%m%d}:{wanted.end:%Y%m%d}:{wanted.gender}"
    return "results:v1:" + hashlib.sha256(what.encode()).hexdigest()


def computed_values(
    programmes: Sequence[Programme], wanted: Iterable[Wanted], *, fresh: bool = False
) -> dict[Wanted, Computed]:
    """Each distinct computation over ``programmes`` once: from the cache unless ``fresh`` or missing there,
    else computed now and kept for ``CACHE_SECONDS``."""
    keys = {w: _cache_key(programmes, w) for w in dict.fromkeys(wanted)}
    cached = {} if fresh or not keys else cache.get_many(keys.values())
    found: dict[Wanted, Computed] = {}
    missing: dict[str, Computed] = {}
    for w, key in keys.items():
        hit = cached.get(key)
        if not isinstance(hit, Computed):
            hit = Computed(
                compute(w.metric, programmes=list(programmes), start=w.start, end=w.end, gender=w.gender),
                timezone.now(),
            )
            missing[key] = hit
        found[w] = hit
    if missing:
        cache.set_many(missing, CACHE_SECONDS)
    return found


@dataclass
class TargetRow:
    target: Target
    metric: Metric
    #: What the records say over the target's period so far (up to today); None before the period starts.
    actual: MetricValue | None
    #: For a count: the share of the target expected by today if the period went evenly (the pace).
    expected: Decimal | None
    status: str
    #: When ``actual`` was computed (it may come from the cache).
    computed_at: datetime.datetime | None = None

    @property
    def status_label(self) -> str:
        return str(STATUSES[self.status][0])

    @property
    def badge(self) -> str:
        return STATUSES[self.status][1]


def _elapsed(target: Target, today: datetime.date) -> Decimal:
    """The share of the target's period that has passed by the end of today, 0..1."""
    days = (target.period_end - target.period_start).days + 1
    passed = (min(today, target.period_end) - target.period_start).days + 1
    return Decimal(max(0, min(passed, days))) / Decimal(days)


def _status(target: Target, actual: MetricValue, expected: Decimal | None, today: datetime.date) -> str:
    ended = today >= target.period_end
    value = actual.value
    if value is None:
        return "no_data"
    if target.kind == Target.Kind.AVERAGE_BETWEEN:
        ok = target.value <= value <= (target.value_max if target.value_max is not None else value)
    else:
        ok = value >= target.value
    if ok:
        return "met" if ended or target.kind == Target.Kind.COUNT_AT_LEAST else "on_track"
    if ended:
        return "missed"
    if target.kind == Target.Kind.COUNT_AT_LEAST and expected is not None and value >= expected:
        return "on_track"
    return "outside" if target.kind == Target.Kind.AVERAGE_BETWEEN else "behind"


def _row(target: Target, today: datetime.date, computed: Computed | None) -> TargetRow:
    metric = METRICS[target.metric]
    if computed is None:
        return TargetRow(target, metric, None, None, "not_started")
    actual = computed.value
    expected = None
    if target.kind == Target.Kind.COUNT_AT_LEAST:
        expected = (target.value * _elapsed(target, today)).quantize(Decimal("0.1"))
    status = _status(target, actual, expected, today)
    return TargetRow(target, metric, actual, expected, status, computed.at)


def _wanted(target: Target, today: datetime.date) -> Wanted | None:
    """What a target's actual is computed over by ``today``; None before its period starts."""
    if today < target.period_start:
        return None
    return Wanted(target.metric, target.period_start, min(today, target.period_end), target.gender)


def target_row(target: Target, today: datetime.date) -> TargetRow:
    """One target, computed now (never from the cache: for reports and the people behind a number)."""
    wanted = _wanted(target, today)
    computed = None if wanted is None else computed_values([target.programme], [wanted], fresh=True)[wanted]
    return _row(target, today, computed)


def target_rows(programme: Programme, today: datetime.date, *, fresh: bool = False) -> list[TargetRow]:
    """Every target of the programme with its actual, pace and status; each distinct (metric, period, gender)
    is computed once, and taken from the cache when computed in the last ``CACHE_SECONDS`` unless ``fresh``.
    The queries depend on the number of targets, never on the amount of data."""
    targets = list(programme.targets.order_by("period_start", "metric", "gender"))
    wanted = {target.pk: _wanted(target, today) for target in targets}
    values = computed_values([programme], [w for w in wanted.values() if w is not None], fresh=fresh)
    rows = []
    for target in targets:
        target.programme = programme
        found = wanted[target.pk]
        rows.append(_row(target, today, None if found is None else values[found]))
    return rows


def computed_at(rows: Iterable[TargetRow | Computed]) -> datetime.datetime | None:
    """The oldest computation among ``rows``: what a page says its figures are as of."""
    moments = [row.computed_at if isinstance(row, TargetRow) else row.at for row in rows]
    return min((moment for moment in moments if moment is not None), default=None)


def get_programme_for_results(user: User, pk: int) -> tuple[Programme, bool]:
    """The programme, and whether the user may see the individuals behind its figures: the branch's
    coordinators and the organisation's admins may (True); the organisation's analysts see suppressed figures
    only (False). 404 outside everything the user has, 403 for a member of the branch without either role."""
    analyst_of = access_for(user).organisation_ids(Role.ANALYST)
    programme = (
        Programme.objects.filter(Q(branch__in=branches_for_user(user)) | Q(branch__organisation_id__in=analyst_of))
        .filter(pk=pk)
        .select_related("branch__organisation")
        .first()
    )
    if programme is None:
        raise Http404
    if programme.branch_id in people_branch_ids(user):
        return programme, True
    if programme.branch.organisation_id in analyst_of:
        return programme, False
    raise PermissionDenied


def get_organisation_for_results(user: User, pk: int) -> tuple[Organisation, bool]:
    """The organisation, for its admins, its analysts and the coordinators of any of its branches, and whether
    the user may see the individuals of every branch (so that nothing is suppressed). 404 when the user has
    nothing there, 403 for a member without any of those roles."""
    organisation = organisations_for_user(user).filter(pk=pk).first()
    if organisation is None:
        raise Http404
    access = access_for(user)
    roles = {m.role for m in access.memberships if m.organisation_id == organisation.pk}
    if not roles & {Role.ORGANISATION_ADMIN, Role.ANALYST, Role.COORDINATOR}:
        raise PermissionDenied
    branch_ids = set(organisation.branches.values_list("pk", flat=True))
    return organisation, branch_ids <= people_branch_ids(user)


def results_branch_ids(user: User, organisation: Organisation) -> set[int]:
    """The organisation's branches whose programme results the user can open (see ``get_programme_for_results``)."""
    access = access_for(user)
    if organisation.pk in access.organisation_ids(Role.ANALYST, Role.ORGANISATION_ADMIN):
        return set(organisation.branches.values_list("pk", flat=True))
    return people_branch_ids(user)


def get_target(programme: Programme, pk: int) -> Target:
    target = programme.targets.filter(pk=pk).first()
    if target is None:
        raise Http404
    target.programme = programme
    return target


def people_behind(row: TargetRow) -> list[Person]:
    """The people behind a target's number, for those allowed to see them (the caller checks)."""
    if row.actual is None or not row.actual.person_ids:
        return []
    return list(
        Person.objects.filter(pk__in=row.actual.person_ids).select_related("branch").order_by("first_name", "pk")
    )


def get_report_for_user(user: User, pk: int, *, with_files: bool = False) -> Report:
    """A report of a programme the user works with people in; another branch's answers 404."""
    found = Report.objects.filter(pk=pk).select_related("programme__branch__organisation", "created_by")
    report = (found if with_files else found.defer("pdf", "xlsx")).first()
    if report is None:
        raise Http404
    get_programme_for_matching(user, report.programme_id)
    return report
