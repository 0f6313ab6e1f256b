"""Reads for the results pages: a programme's targets against what the records say."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from mentornet.accounts.models import User
from mentornet.matching.selectors import get_programme_for_matching
from mentornet.organisations.models import Programme, Target
from mentornet.people.models import Person
from mentornet.results.computations import Metric, MetricValue
from mentornet.results.metrics import METRICS, compute
from mentornet.results.models import Report

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


@dataclass
class TargetRow:
    target: Target
    metric: Metric
    #: What the records say over the target's period so far (up to today); None before the period starts.
    actual: MetricValue | None
    #: For a count: the share of the target expected by today if the period went evenly (the pace).
    expected: Decimal | None
    status: str

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


def target_row(target: Target, today: datetime.date) -> TargetRow:
    metric = METRICS[target.metric]
    if today < target.period_start:
        return TargetRow(target, metric, None, None, "not_started")
    actual = compute(
        target.metric,
        programmes=[target.programme],
        start=target.period_start,
        end=min(today, target.period_end),
        gender=target.gender,
    )
    expected = None
    if target.kind == Target.Kind.COUNT_AT_LEAST:
        expected = (target.value * _elapsed(target, today)).quantize(Decimal("0.1"))
    return TargetRow(target, metric, actual, expected, _status(target, actual, expected, today))


def target_rows(programme: Programme, today: datetime.date) -> list[TargetRow]:
    """Every target of the programme with its actual, pace and status. The queries depend on the number of
    targets, never on the amount of data."""
    targets = list(programme.targets.order_by("period_start", "metric", "gender"))
    for target in targets:
        target.programme = programme
    return [target_row(target, today) for target in targets]


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
