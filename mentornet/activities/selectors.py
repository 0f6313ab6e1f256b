"""Reads for activities: access helpers, who is invited, lists, the branch calendar, the dashboards, results."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from mentornet.accounts.models import Role, User
from mentornet.activities.models import (
    COURSE_KINDS,
    Activity,
    ActivityKind,
    Attendance,
    Audience,
    CalendarFeed,
    Participation,
    SatisfactionAnswer,
    Session,
)
from mentornet.activities.tokens import rsvp_token, token_hash
from mentornet.core.access import access_for
from mentornet.organisations.models import Branch
from mentornet.organisations.selectors import branches_for_user
from mentornet.people.models import Kind, Person, Status
from mentornet.people.selectors import people_branch_ids

#: Who is invited, by audience: mentors and mentees in these stages of their pipelines.
MENTOR_STATUSES = (Status.COURSE_COMPLETED, Status.ACTIVE)
#: The introductory course is for the mentors who have not taken it yet.
NEW_MENTOR_STATUSES = (Status.INTERESTED, Status.INTERVIEW)
MENTEE_STATUSES = (Status.WAITING, Status.MATCHED)

#: States that hold (or wait for) a seat.
TAKING_PART = (Participation.State.ENROLLED, Participation.State.WAITING)


# --- Access -------------------------------------------------------------------------------------------------------


def manage_branch_ids(user: User) -> set[int]:
    """Branches whose activities the user runs: as coordinator, or as the organisation's admin."""
    return people_branch_ids(user)


def _visible_branch_ids(user: User) -> set[int]:
    access = access_for(user)
    if not access.memberships:
        return set()
    return set(branches_for_user(user).values_list("pk", flat=True))


def activities_for_user(user: User) -> QuerySet[Activity]:
    """Activities hosted by, or inviting, a branch the user runs activities in."""
    ids = manage_branch_ids(user)
    return Activity.objects.filter(Q(branch_id__in=ids) | Q(invited_branches__in=ids)).distinct()


def get_activity_for_user(user: User, pk: int) -> tuple[Activity, bool]:
    """The activity and whether the user may manage it. 404 when neither the host nor an invited branch is the
    user's; 403 for a branch member without the coordinator's role. An invited branch's coordinator reads only."""
    activity = Activity.objects.filter(pk=pk).select_related("branch__organisation", "created_by").first()
    if activity is None:
        raise Http404
    branch_ids = {activity.branch_id, *activity.invited_branches.values_list("pk", flat=True)}
    if not branch_ids & _visible_branch_ids(user):
        raise Http404
    managed = manage_branch_ids(user)
    if not branch_ids & managed:
        raise PermissionDenied
    return activity, activity.branch_id in managed


def get_activity_for_manager(user: User, pk: int) -> Activity:
    activity, can_manage = get_activity_for_user(user, pk)
    if not can_manage:
        raise PermissionDenied
    return activity


def get_session_for_manager(user: User, activity_id: int, session_id: int) -> Session:
    activity = get_activity_for_manager(user, activity_id)
    session = Session.objects.filter(pk=session_id, activity=activity).first()
    if session is None:
        raise Http404
    session.activity = activity
    return session


def get_participation_for_manager(user: User, activity_id: int, participation_id: int) -> Participation:
    activity = get_activity_for_manager(user, activity_id)
    participation = (
        Participation.objects.filter(pk=participation_id, activity=activity).select_related("person").first()
    )
    if participation is None:
        raise Http404
    participation.activity = activity
    return participation


def get_branch_for_calendar(user: User, pk: int) -> Branch:
    """A branch the user belongs to (any role) or administers; another branch is 404."""
    branch = branches_for_user(user).filter(pk=pk).first()
    if branch is None:
        raise Http404
    return branch


def get_participation_by_token(token: str) -> Participation:
    participation = (
        Participation.objects.filter(token_hash=token_hash(token)).select_related("activity__branch", "person").first()
    )
    if participation is None:
        raise Http404
    return participation


def get_participation_by_survey_token(token: str) -> Participation:
    participation = (
        Participation.objects.filter(survey_token_hash=token_hash(token))
        .select_related("activity__branch", "person")
        .first()
    )
    if participation is None:
        raise Http404
    return participation


def get_feed_by_token(token: str) -> CalendarFeed:
    feed = CalendarFeed.objects.filter(token_hash=token_hash(token)).select_related("user").first()
    if feed is None or not feed.user.is_active:
        raise Http404
    return feed


def person_for_user(user: User) -> Person | None:
    """The mentor's (or a mentee's) own record, when the login belongs to one."""
    if not user.is_authenticated:
        return None
    return Person.objects.visible().filter(user=user, anonymised_at__isnull=True).first()


# --- Who is invited -----------------------------------------------------------------------------------------------


def invitees(activity: Activity) -> QuerySet[Person]:
    """The right people for an activity: its audience, in the host and invited branches, in the fitting stages."""
    branch_ids = {activity.branch_id, *activity.invited_branches.values_list("pk", flat=True)}
    who = Q()
    if activity.audience in (Audience.MENTORS, Audience.BOTH):
        statuses = NEW_MENTOR_STATUSES if activity.kind == ActivityKind.INTRO_COURSE else MENTOR_STATUSES
        who |= Q(kind=Kind.MENTOR, status__in=statuses)
    if activity.audience in (Audience.MENTEES, Audience.BOTH):
        who |= Q(kind=Kind.MENTEE, status__in=MENTEE_STATUSES)
    return (
        Person.objects.visible()
        .filter(who, branch_id__in=branch_ids, anonymised_at__isnull=True)
        .exclude(Exists(Participation.objects.filter(activity=activity, person=OuterRef("pk"))))
        .order_by("pk")
    )


# --- Lists --------------------------------------------------------------------------------------------------------


def with_counts(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    return activities.annotate(
        # distinct: the join with the sessions would count each person once per session.
        enrolled_count=Count(
            "participations", filter=Q(participations__state=Participation.State.ENROLLED), distinct=True
        ),
        waiting_count=Count(
            "participations", filter=Q(participations__state=Participation.State.WAITING), distinct=True
        ),
        invited_count=Count(
            "participations", filter=Q(participations__state=Participation.State.INVITED), distinct=True
        ),
        session_count=Count("sessions", distinct=True),
    )


def free_seats(activity: Any) -> int | None:
    """Seats left, from the annotated counts; None when there is no limit."""
    if activity.capacity is None:
        return None
    return max(int(activity.capacity) - int(activity.enrolled_count), 0)


def activity_list(user: User, *, branch_ids: set[int], upcoming: bool = True, kind: str = "") -> QuerySet[Activity]:
    now = timezone.now()
    found = Activity.objects.filter(Q(branch_id__in=branch_ids) | Q(invited_branches__in=branch_ids)).distinct()
    found = found.filter(Q(ends_at__gte=now) | Q(ends_at__isnull=True)) if upcoming else found.filter(ends_at__lt=now)
    if kind:
        found = found.filter(kind=kind)
    ordering = ["starts_at", "pk"] if upcoming else ["-starts_at", "-pk"]
    return with_counts(found).select_related("branch").order_by(*ordering)


@dataclass
class Roster:
    """The people of an activity by state, with how many sessions each attended."""

    enrolled: list[Participation]
    waiting: list[Participation]
    invited: list[Participation]
    declined: list[Participation]
    attended: dict[int, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def roster(activity: Activity, *, limit: int = 200) -> Roster:
    """Up to ``limit`` people per state (the counts are exact); a fixed number of queries."""
    counts = dict(
        Participation.objects.filter(activity=activity).values_list("state").annotate(n=Count("pk")).order_by()
    )
    rows: dict[str, list[Participation]] = {}
    for state in Participation.State.values:
        rows[state] = []
    base = Participation.objects.filter(activity=activity).select_related("person").order_by("state_changed_at", "pk")
    for state in Participation.State.values:
        if counts.get(state):
            rows[state] = list(base.filter(state=state)[:limit])
    attended = dict(
        Attendance.objects.filter(session__activity=activity, present=True)
        .values_list("person_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for participation in rows["enrolled"]:
        participation.attended = attended.get(participation.person_id, 0)  # type: ignore[attr-defined]
    return Roster(
        enrolled=rows["enrolled"],
        waiting=rows["waiting"],
        invited=rows["invited"],
        declined=rows["declined"] + rows["cancelled"],
        attended=attended,
        counts={state: counts.get(state, 0) for state in Participation.State.values},
    )


def attendance_sheet(session: Session) -> list[dict[str, Any]]:
    """The enrolled, with whether each was present at the session (None: not recorded yet)."""
    marks = dict(Attendance.objects.filter(session=session).values_list("person_id", "present"))
    enrolled = (
        Participation.objects.filter(activity_id=session.activity_id, state=Participation.State.ENROLLED)
        .select_related("person")
        .order_by("person__first_name", "person__last_name", "pk")
    )
    return [{"participation": p, "person": p.person, "present": marks.get(p.person_id)} for p in enrolled]


@dataclass
class Results:
    count: int
    average: float | None
    distribution: list[tuple[int, int, int]]  # rating, answers, percentage
    comments: list[str]


def satisfaction_results(activity: Activity) -> Results:
    rows = SatisfactionAnswer.objects.filter(activity=activity).values_list("rating").annotate(n=Count("pk"))
    ratings = Counter(dict(rows.order_by()))
    count = sum(ratings.values())
    average = round(sum(r * n for r, n in ratings.items()) / count, 1) if count else None
    distribution = [
        (r, ratings.get(r, 0), round(100 * ratings.get(r, 0) / count) if count else 0) for r in range(5, 0, -1)
    ]
    comments = list(
        SatisfactionAnswer.objects.filter(activity=activity)
        .exclude(comment="")
        .order_by("-answered_at")
        .values_list("comment", flat=True)[:50]
    )
    return Results(count, average, distribution, comments)


# --- Calendars ----------------------------------------------------------------------------------------------------


def branch_sessions(branch: Branch, start: datetime.datetime, end: datetime.datetime) -> list[Session]:
    """Sessions between ``start`` and ``end`` of activities hosted by or inviting the branch; two queries."""
    hosted_or_invited = Q(activity__branch=branch) | Q(
        Exists(Activity.invited_branches.through.objects.filter(activity_id=OuterRef("activity_id"), branch=branch))
    )
    return list(
        Session.objects.filter(hosted_or_invited, starts_at__gte=start, starts_at__lt=end)
        .select_related("activity__branch")
        .order_by("starts_at", "pk")
    )


FEED_PAST_DAYS = 90


def feed_sessions(user: User) -> list[Session]:
    """A calendar feed's sessions: a coordinator's branches' activities; a mentor's or mentee's own (enrolled in
    or invited to). From three months back on."""
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    managed = manage_branch_ids(user)
    own = Q()
    if managed:
        invited = Activity.invited_branches.through.objects.filter(
            activity_id=OuterRef("activity_id"), branch_id__in=managed
        )
        own |= Q(activity__branch_id__in=managed) | Q(Exists(invited))
    person = person_for_user(user)
    if person is not None:
        mine = Participation.objects.filter(
            activity_id=OuterRef("activity_id"),
            person=person,
            state__in=[Participation.State.INVITED, *TAKING_PART],
        )
        own |= Q(Exists(mine))
    if not own:
        return []
    return list(
        Session.objects.filter(own, starts_at__gte=since).select_related("activity__branch").order_by("starts_at")
    )


# --- The start page -----------------------------------------------------------------------------------------------


PANEL_ROWS = 8


def activities_panel(user: User, branch_ids: set[int]) -> list[Activity]:
    """Upcoming courses and events of the coordinator's branches, with enrolled, waiting and free seats; two queries
    whatever the number of activities."""
    if not branch_ids:
        return []
    now = timezone.now()
    found = (
        Activity.objects.filter(Q(branch_id__in=branch_ids), ends_at__gte=now)
        .select_related("branch")
        .order_by("starts_at", "pk")
    )
    rows = list(with_counts(found)[:PANEL_ROWS])
    for row in rows:
        row.free_seats = free_seats(row)  # type: ignore[attr-defined]
    return rows


def my_activities(user: User, *, limit: int = 5) -> list[Participation]:
    """A mentor's or mentee's next activities: enrolled, waiting or invited and not yet answered."""
    person = person_for_user(user)
    if person is None:
        return []
    now = timezone.now()
    next_sessions = Session.objects.filter(starts_at__gte=now).order_by("starts_at")
    rows: list[Participation] = list(
        Participation.objects.filter(
            person=person,
            state__in=[Participation.State.INVITED, *TAKING_PART],
            activity__ends_at__gte=now,
        )
        .select_related("activity__branch")
        .prefetch_related(Prefetch("activity__sessions", queryset=next_sessions, to_attr="next_sessions"))
        .order_by("activity__starts_at", "pk")[:limit]
    )
    for row in rows:
        row.rsvp_token = rsvp_token(row)  # type: ignore[attr-defined]
    return rows


def course_kinds() -> frozenset[str]:
    return frozenset(str(k) for k in COURSE_KINDS)


def is_mentor_user(user: User) -> bool:
    return access_for(user).has_role(Role.MENTOR)
