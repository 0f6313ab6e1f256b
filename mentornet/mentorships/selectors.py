"""Reads for mentorships: lists with the last meeting and the count in constant queries, inactivity, the start
page panels and the access helpers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from mentornet.accounts.models import Role, User
from mentornet.core.access import access_for
from mentornet.core.models import AuditEntry
from mentornet.mentorships.models import Concern, Meeting, Mentorship, MentorshipStatus
from mentornet.organisations.models import Programme
from mentornet.organisations.selectors import branches_for_user
from mentornet.people.selectors import people_branch_ids


def with_meeting_stats(mentorships: QuerySet[Mentorship]) -> QuerySet[Mentorship]:
    """Each mentorship with ``last_meeting``, ``meeting_count``, ``last_activity`` (the last meeting, or the start)
    and ``counts`` (enough meetings for the programme's rule), as subqueries: one query for any number of rows."""
    meetings = Meeting.objects.filter(mentorship=OuterRef("pk")).order_by()
    count = meetings.values("mentorship").annotate(n=Count("pk")).values("n")
    return mentorships.annotate(
        last_meeting=F("last_meeting_on"),
        meeting_count=Coalesce(Subquery(count, output_field=IntegerField()), Value(0)),
    ).annotate(
        last_activity=Coalesce(F("last_meeting"), F("start_date")),
        counts=Case(
            When(meeting_count__gte=F("programme__meeting_threshold"), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


def inactive_q(programmes: list[Programme], today: datetime.date | None = None) -> Q:
    """Active mentorships without a meeting for their programme's ``inactivity_weeks`` (counted from the start if
    none). Needs ``with_meeting_stats``; one condition per programme, so the query stays one query."""
    today = today or timezone.localdate()
    condition = Q(pk__in=[])
    for programme in programmes:
        limit = today - datetime.timedelta(weeks=programme.inactivity_weeks)
        condition |= Q(programme_id=programme.pk, last_activity__lt=limit)
    return Q(status=MentorshipStatus.ACTIVE) & condition


def _programmes(branch_ids: set[int]) -> list[Programme]:
    return list(Programme.objects.filter(branch_id__in=branch_ids).only("pk", "inactivity_weeks", "name"))


def with_inactive_flag(
    mentorships: QuerySet[Mentorship], programmes: list[Programme], today: datetime.date | None = None
) -> QuerySet[Mentorship]:
    return mentorships.annotate(
        inactive=Case(
            When(inactive_q(programmes, today), then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )


# --- Access -------------------------------------------------------------------------------------------------------


def _base() -> QuerySet[Mentorship]:
    return Mentorship.objects.select_related("mentor", "mentee", "programme", "branch__organisation")


def get_mentorship_for_user(user: User, pk: int) -> Mentorship:
    """A mentorship for the coordinators and organisation admins of its branch. Another branch's is 404; a member
    of the branch without the role gets 403."""
    mentorship = _base().filter(pk=pk, branch__in=branches_for_user(user)).first()
    if mentorship is None:
        raise Http404
    if mentorship.branch_id not in people_branch_ids(user):
        raise PermissionDenied
    return mentorship


def _check_mentor(user: User) -> None:
    if not access_for(user).has_role(Role.MENTOR):
        raise PermissionDenied


def mentorships_for_mentor(user: User) -> QuerySet[Mentorship]:
    """The mentor's own open mentorships, with their meeting figures."""
    _check_mentor(user)
    return with_meeting_stats(
        _base().filter(mentor__user=user).exclude(status=MentorshipStatus.CLOSED).order_by("mentee__first_name", "pk")
    )


def get_mentorship_for_mentor(user: User, pk: int) -> Mentorship:
    """One of the mentor's own open mentorships; anyone else's is 404."""
    mentorship = mentorships_for_mentor(user).filter(pk=pk).first()
    if mentorship is None:
        raise Http404
    return mentorship


def last_form_used(user: User) -> str | None:
    """The form of the meeting the user logged last, as the default for the next one."""
    return Meeting.objects.filter(logged_by=user).order_by("-created_at", "-pk").values_list("form", flat=True).first()


# --- The coordinator's pages --------------------------------------------------------------------------------------


@dataclass
class MentorshipFilters:
    status: str = ""
    programme: int | None = None
    inactive: bool = False
    query: dict[str, Any] = field(default_factory=dict)


def mentorship_list(user: User, filters: MentorshipFilters) -> QuerySet[Mentorship]:
    """The mentorships of the user's branches, newest first, with meeting figures and the inactivity flag."""
    branch_ids = people_branch_ids(user)
    if not branch_ids:
        raise PermissionDenied
    found = with_meeting_stats(_base().filter(branch_id__in=branch_ids))
    found = with_inactive_flag(found, _programmes(branch_ids))
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.programme:
        found = found.filter(programme_id=filters.programme)
    if filters.inactive:
        found = found.filter(Q(inactive=True))
    return found.order_by("-start_date", "-pk")


def programmes_for(user: User) -> QuerySet[Programme]:
    return Programme.objects.filter(branch_id__in=people_branch_ids(user)).select_related("branch").order_by("name")


def mentorship_detail(mentorship: Mentorship) -> dict[str, Any]:
    """What the mentorship's page shows besides the mentorship: its meetings, milestones, open concerns and history."""
    found = with_inactive_flag(with_meeting_stats(Mentorship.objects.filter(pk=mentorship.pk)), [mentorship.programme])
    row = found.get()
    stats = {name: getattr(row, name) for name in ("last_meeting", "meeting_count", "counts", "inactive")}
    content_type = ContentType.objects.get_for_model(Mentorship)
    return {
        **stats,
        "meetings": mentorship.meetings.select_related("logged_by").order_by("-date", "-pk"),
        "milestones": list(mentorship.milestones.order_by("date", "pk")),
        "concerns": list(
            mentorship.concerns.filter(resolved_at__isnull=True).select_related("raised_by").order_by("-created_at")
        ),
        "history": list(
            AuditEntry.objects.filter(content_type=content_type, object_id=str(mentorship.pk))
            .select_related("actor")
            .order_by("-created_at", "-id")[:50]
        ),
    }


def branch_meetings(user: User, *, programme: int | None = None) -> QuerySet[Meeting]:
    """Every meeting in the user's branches, newest first."""
    branch_ids = people_branch_ids(user)
    if not branch_ids:
        raise PermissionDenied
    found = Meeting.objects.filter(mentorship__branch_id__in=branch_ids)
    if programme:
        found = found.filter(mentorship__programme_id=programme)
    return found.select_related("mentorship__mentor", "mentorship__mentee", "logged_by").order_by("-date", "-pk")


def get_concern_for_user(user: User, mentorship: Mentorship, pk: int) -> Concern:
    concern = Concern.objects.filter(pk=pk, mentorship=mentorship).select_related("mentorship__branch").first()
    if concern is None:
        raise Http404
    return concern


# --- The start page -----------------------------------------------------------------------------------------------


PANEL_ROWS = 5


@dataclass
class MentorshipsPanel:
    active: int = 0
    paused: int = 0
    inactive_count: int = 0
    inactive: list[Mentorship] = field(default_factory=list)
    open_concerns: int = 0


def mentorships_panel(user: User, branch_ids: set[int]) -> MentorshipsPanel:
    """For coordinators (``branch_ids``): active and paused mentorships, the inactive ones first, and open concerns.
    Four queries whatever the volume."""
    if not branch_ids:
        return MentorshipsPanel()
    mentorships = Mentorship.objects.filter(branch_id__in=branch_ids)
    counts = mentorships.aggregate(
        active=Count("pk", filter=Q(status=MentorshipStatus.ACTIVE)),
        paused=Count("pk", filter=Q(status=MentorshipStatus.PAUSED)),
    )
    inactive = with_meeting_stats(
        mentorships.filter(status=MentorshipStatus.ACTIVE).select_related("mentor", "mentee")
    ).filter(inactive_q(_programmes(branch_ids)))
    rows = list(inactive.order_by("last_activity", "pk")[:PANEL_ROWS])
    return MentorshipsPanel(
        active=counts["active"],
        paused=counts["paused"],
        inactive_count=inactive.count(),  # always counted, so the page costs the same queries at any size
        inactive=rows,
        open_concerns=Concern.objects.filter(mentorship__branch_id__in=branch_ids, resolved_at__isnull=True).count(),
    )


@dataclass
class MentorPanel:
    mentorships: list[Mentorship] = field(default_factory=list)


def mentor_panel(user: User) -> MentorPanel:
    """For a mentor's start page: their open mentorships with the last meeting (one query)."""
    if not access_for(user).has_role(Role.MENTOR):
        return MentorPanel()
    return MentorPanel(mentorships=list(mentorships_for_mentor(user)))
