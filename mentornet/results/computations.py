"""The computations behind the metric catalogue (``metrics.py``): what each metric counts, from the records.

Each computation takes a ``Scope`` (programmes, branches, an inclusive period, a gender) and returns a
``MetricValue`` in a constant number of queries whatever the data size. Periods are inclusive dates; a timestamp's
date is its local (Danish) date. Shares are percentages; a share or an average without a denominator is ``None``,
never 0. The scope rules are in ``metrics.py``'s docstring.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone
from django_stubs_ext import StrOrPromise

from mentornet.activities.models import Activity, ActivityKind, Attendance, SatisfactionAnswer
from mentornet.followups.models import FollowUp
from mentornet.matching.models import Proposal
from mentornet.mentorships.models import CloseReason, Meeting, Mentorship
from mentornet.people.models import Person, Referral

Unit = Literal["count", "share", "average", "days", "rating"]
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Scope:
    """What a metric is computed over: the programmes (and their branches), the inclusive period, the gender."""

    programme_ids: frozenset[int]
    branch_ids: frozenset[int]
    start: datetime.date
    end: datetime.date
    gender: str = ""


@dataclass(frozen=True)
class MetricValue:
    """A computed metric. ``value`` is ``None`` when there is no data to compute a share or an average from.

    ``numerator``/``denominator`` are set for shares and averages (``None`` for counts); ``person_ids`` are the
    people behind the number (empty where it makes no sense); ``breakdown`` splits a count by a category."""

    value: Decimal | None
    numerator: Decimal | None = None
    denominator: int | None = None
    person_ids: frozenset[int] = frozenset()
    breakdown: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Metric:
    """A metric's definition: its key (as in ``Target.Metric``), label, plain-language definition and unit."""

    key: str
    label: StrOrPromise
    definition: StrOrPromise
    unit: Unit
    compute: Callable[[Scope], MetricValue]
    #: Whether the figure counts people (or is computed from them). Courses and events held count activities:
    #: a small number of them reveals no one, so they are never suppressed.
    people: bool = True


def count_value(
    person_ids: Iterable[int], number: int | None = None, breakdown: dict[str, int] | None = None
) -> MetricValue:
    ids = frozenset(person_ids)
    return MetricValue(value=Decimal(len(ids) if number is None else number), person_ids=ids, breakdown=breakdown or {})


def ratio(numerator: Decimal | int, denominator: int, *, percent: bool) -> Decimal | None:
    """``numerator / denominator`` (times 100 for a share) to two places, or ``None`` without a denominator."""
    if not denominator:
        return None
    value = Decimal(numerator) * (100 if percent else 1) / Decimal(denominator)
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def share_value(numerator: int, denominator: int, person_ids: Iterable[int] = ()) -> MetricValue:
    return MetricValue(
        value=ratio(numerator, denominator, percent=True),
        numerator=Decimal(numerator),
        denominator=denominator,
        person_ids=frozenset(person_ids),
    )


def average_value(total: Decimal | int, n: int, person_ids: Iterable[int] = ()) -> MetricValue:
    return MetricValue(
        value=ratio(total, n, percent=False), numerator=Decimal(total), denominator=n, person_ids=frozenset(person_ids)
    )


def _local_days(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The moments that bound the local (Danish) dates ``start``..``end``: a range a database index can use, where
    ``__date`` would convert every row."""
    zone = timezone.get_current_timezone()
    first = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    after = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return first, after - datetime.timedelta(microseconds=1)


# Scopes of each record type ---------------------------------------------------------------------------------------


def _mentorships(scope: Scope) -> QuerySet[Mentorship]:
    qs = Mentorship.objects.filter(programme_id__in=scope.programme_ids).order_by()
    return qs.filter(mentee__gender=scope.gender) if scope.gender else qs


def _people(scope: Scope, kind: str) -> QuerySet[Person]:
    in_scope = Q(programme_id__in=scope.programme_ids) | Q(programme__isnull=True, branch_id__in=scope.branch_ids)
    qs = Person.objects.visible().filter(in_scope, kind=kind).order_by()
    return qs.filter(gender=scope.gender) if scope.gender else qs


def _attendance(scope: Scope) -> QuerySet[Attendance]:
    qs = Attendance.objects.filter(
        present=True,
        session__activity__branch_id__in=scope.branch_ids,
        session__starts_at__range=_local_days(scope.start, scope.end),
    )
    return qs.filter(person__gender=scope.gender) if scope.gender else qs


def _follow_ups(scope: Scope) -> QuerySet[FollowUp]:
    qs = FollowUp.objects.filter(
        mentorship__programme_id__in=scope.programme_ids,
        due_on__range=(scope.start, scope.end),
        state__in=[FollowUp.State.ANSWERED, FollowUp.State.PHONE, FollowUp.State.NO_ANSWER],
    )
    return qs.filter(mentorship__mentee__gender=scope.gender) if scope.gender else qs


# Computations ------------------------------------------------------------------------------------------------------


def recruited(kind: str) -> Callable[[Scope], MetricValue]:
    def compute(scope: Scope) -> MetricValue:
        people = _people(scope, kind).filter(created_at__range=_local_days(scope.start, scope.end))
        return count_value(people.values_list("pk", flat=True))

    return compute


def mentorships_started(scope: Scope) -> MetricValue:
    started = _mentorships(scope).filter(start_date__range=(scope.start, scope.end))
    rows = list(started.values_list("pk", "mentee_id"))
    return count_value((mentee for _pk, mentee in rows), number=len(rows))


def mentorships_counted(scope: Scope) -> MetricValue:
    started = _mentorships(scope).filter(start_date__range=(scope.start, scope.end))
    counted = started.annotate(held=Count("meetings", filter=Q(meetings__date__lte=scope.end))).filter(
        held__gte=F("programme__meeting_threshold")
    )
    rows = list(counted.values_list("pk", "mentee_id"))
    return count_value((mentee for _pk, mentee in rows), number=len(rows))


def _closed(scope: Scope, *, completed: bool) -> MetricValue:
    closed = _mentorships(scope).filter(closed_on__range=(scope.start, scope.end)).exclude(close_reason="")
    if completed:
        closed = closed.filter(close_reason=CloseReason.COMPLETED)
    else:
        closed = closed.exclude(close_reason=CloseReason.COMPLETED)
    rows = list(closed.values_list("mentee_id", "close_reason"))
    breakdown = dict(Counter(reason for _mentee, reason in rows))
    return count_value((mentee for mentee, _reason in rows), number=len(rows), breakdown=breakdown)


def mentorships_completed(scope: Scope) -> MetricValue:
    return _closed(scope, completed=True)


def mentorships_stopped_early(scope: Scope) -> MetricValue:
    return _closed(scope, completed=False)


def average_duration(scope: Scope) -> MetricValue:
    closed = _mentorships(scope).filter(closed_on__range=(scope.start, scope.end))
    rows = list(closed.values_list("mentee_id", "start_date", "closed_on"))
    total = sum(_days(start, closed_on) for _mentee, start, closed_on in rows)
    return average_value(total, len(rows), (mentee for mentee, _s, _c in rows))


def _days(first: datetime.date | None, last: datetime.date | None) -> int:
    """Days from ``first`` to ``last``; both are set by the queries' filters."""
    if first is None or last is None:
        raise ValueError("A date the query filtered on is missing.")
    return (last - first).days


def meetings_held(scope: Scope) -> MetricValue:
    meetings = Meeting.objects.filter(
        mentorship__in=_mentorships(scope), date__range=(scope.start, scope.end)
    ).values_list("mentorship__mentee_id", flat=True)
    mentees = list(meetings)
    return count_value(mentees, number=len(mentees))


def active_mentors(scope: Scope) -> MetricValue:
    """Mentor-days over the period's days: each mentor counts once a day however many mentorships they have."""
    qs = (
        Mentorship.objects.filter(programme_id__in=scope.programme_ids, start_date__lte=scope.end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=scope.start))
        .order_by()
    )
    if scope.gender:
        qs = qs.filter(mentor__gender=scope.gender)
    intervals: dict[int, list[tuple[datetime.date, datetime.date]]] = {}
    for mentor, start, closed_on in qs.values_list("mentor_id", "start_date", "closed_on"):
        first, last = max(start, scope.start), min(closed_on or scope.end, scope.end)
        if first <= last:
            intervals.setdefault(mentor, []).append((first, last))
    mentor_days = sum(_covered_days(spans) for spans in intervals.values())
    days = (scope.end - scope.start).days + 1
    return average_value(mentor_days, max(days, 0), intervals.keys())


def _covered_days(spans: list[tuple[datetime.date, datetime.date]]) -> int:
    """Days covered by the union of inclusive date spans."""
    total, reached = 0, None
    for first, last in sorted(spans):
        if reached is not None and first <= reached:
            first = reached + datetime.timedelta(days=1)
        if first <= last:
            total += (last - first).days + 1
        reached = last if reached is None else max(reached, last)
    return total


def waiting_time(scope: Scope) -> MetricValue:
    started = _mentorships(scope).filter(
        start_date__range=(scope.start, scope.end),
        mentee__mentee_profile__waiting_since__isnull=False,
        mentee__mentee_profile__waiting_since__lte=F("start_date"),
    )
    rows = list(started.values_list("mentee_id", "start_date", "mentee__mentee_profile__waiting_since"))
    total = sum(_days(since, start) for _mentee, start, since in rows)
    return average_value(total, len(rows), (mentee for mentee, _s, _w in rows))


def _proposals(scope: Scope) -> QuerySet[Proposal]:
    qs = Proposal.objects.filter(
        programme_id__in=scope.programme_ids, created_at__range=_local_days(scope.start, scope.end)
    )
    return qs.filter(mentee__gender=scope.gender) if scope.gender else qs


def proposals(scope: Scope) -> MetricValue:
    rows = list(_proposals(scope).values_list("mentee_id", "state"))
    return count_value(
        (mentee for mentee, _state in rows), number=len(rows), breakdown=dict(Counter(s for _m, s in rows))
    )


def rematch_rate(scope: Scope) -> MetricValue:
    decided = _proposals(scope).filter(state__in=[Proposal.State.ACCEPTED, Proposal.State.REMATCH])
    rows = list(decided.values_list("mentee_id", "state"))
    rematched = [mentee for mentee, state in rows if state == Proposal.State.REMATCH]
    return share_value(len(rematched), len(rows), rematched)


def activities_held(kinds: Q) -> Callable[[Scope], MetricValue]:
    def compute(scope: Scope) -> MetricValue:
        held = Activity.objects.filter(
            kinds, branch_id__in=scope.branch_ids, starts_at__range=_local_days(scope.start, scope.end)
        )
        return MetricValue(value=Decimal(held.count()))

    return compute


def activity_participants(scope: Scope) -> MetricValue:
    rows = set(
        _attendance(scope)
        .exclude(session__activity__kind=ActivityKind.SUPERVISION)
        .values_list("session__activity_id", "person_id", "session__activity__kind")
    )
    breakdown = dict(Counter(kind for _activity, _person, kind in rows))
    return count_value((person for _a, person, _k in rows), number=len(rows), breakdown=breakdown)


def supervision_attendance(scope: Scope) -> MetricValue:
    people = list(
        _attendance(scope).filter(session__activity__kind=ActivityKind.SUPERVISION).values_list("person_id", flat=True)
    )
    return count_value(people, number=len(people))


def satisfaction(scope: Scope) -> MetricValue:
    answers = SatisfactionAnswer.objects.filter(
        activity__branch_id__in=scope.branch_ids, answered_at__range=_local_days(scope.start, scope.end)
    )
    if scope.gender:
        answers = answers.filter(person__gender=scope.gender)
    result = answers.aggregate(n=Count("pk"), total=Sum("rating"))
    return average_value(result["total"] or 0, result["n"])


def follow_up_share(outcomes: tuple[str, ...] | None) -> Callable[[Scope], MetricValue]:
    """Share of settled follow-ups due in the period with one of ``outcomes`` (``None``: with no answer)."""

    def compute(scope: Scope) -> MetricValue:
        rows = list(_follow_ups(scope).values_list("mentorship__mentee_id", "state", "outcome"))
        if outcomes is None:
            hits = [mentee for mentee, state, _o in rows if state == FollowUp.State.NO_ANSWER]
        else:
            hits = [mentee for mentee, state, o in rows if state != FollowUp.State.NO_ANSWER and o in outcomes]
        return share_value(len(hits), len(rows), hits)

    return compute


def follow_up_response_rate(scope: Scope) -> MetricValue:
    rows = list(_follow_ups(scope).values_list("mentorship__mentee_id", "state"))
    answered = [mentee for mentee, state in rows if state != FollowUp.State.NO_ANSWER]
    return share_value(len(answered), len(rows), answered)


def referrals(scope: Scope) -> MetricValue:
    qs = Referral.objects.filter(
        branch_id__in=scope.branch_ids,
        created_at__range=_local_days(scope.start, scope.end),
        person__is_staged=False,
        person__merged_into__isnull=True,
    )
    if scope.gender:
        qs = qs.filter(person__gender=scope.gender)
    rows = list(qs.values_list("person_id", "partner"))
    breakdown = dict(Counter(partner.strip() for _person, partner in rows))
    return count_value((person for person, _p in rows), number=len(rows), breakdown=breakdown)
