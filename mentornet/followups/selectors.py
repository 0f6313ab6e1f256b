"""Reads for follow-up: the coordinator's list, a mentorship's evaluations, the dashboard panel, access helpers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from mentornet.accounts.models import User
from mentornet.core.links import token_hash
from mentornet.followups.models import Document, ExitEvaluation, FollowUp, WorkAbilityAssessment
from mentornet.mentorships.models import CloseReason, Mentorship, MentorshipKind, MentorshipStatus
from mentornet.mentorships.selectors import get_mentorship_for_user
from mentornet.organisations.models import Programme
from mentornet.people.selectors import people_branch_ids

#: The follow-up list's filters: what each tab shows.
VIEWS = ("due", "sent", "answered", "no_answer")
PANEL_SIZE = 5


#: A follow-up without an answer stays a task (call them) for this long after it was due; older ones stay on the
#: "no answer" tab, but are no longer anyone's task.
CALL_WINDOW_DAYS = 90


def _open_q(today: datetime.date) -> Q:
    """Follow-ups that need the coordinator: due and not sent, sent and waiting, or recently not answered."""
    return (
        Q(state=FollowUp.State.SCHEDULED, due_on__lte=today)
        | Q(state=FollowUp.State.SENT)
        | Q(state=FollowUp.State.NO_ANSWER, due_on__gte=today - datetime.timedelta(days=CALL_WINDOW_DAYS))
    )


def _view_q(view: str, today: datetime.date) -> Q:
    if view == "sent":
        return Q(state=FollowUp.State.SENT)
    if view == "answered":
        return Q(state__in=[FollowUp.State.ANSWERED, FollowUp.State.PHONE])
    if view == "no_answer":
        return Q(state=FollowUp.State.NO_ANSWER)
    return Q(state=FollowUp.State.SCHEDULED, due_on__lte=today)


def followup_list(
    user: User, *, view: str = "due", programme: int | None = None, today: datetime.date | None = None
) -> QuerySet[FollowUp]:
    """The follow-ups of the branches the user works with people in, for one tab of the list."""
    today = today or timezone.localdate()
    found = FollowUp.objects.filter(mentorship__branch_id__in=people_branch_ids(user)).filter(
        _view_q(view if view in VIEWS else "due", today)
    )
    if programme:
        found = found.filter(mentorship__programme_id=programme)
    return found.select_related("mentorship__mentee", "mentorship__programme", "recorded_by").order_by("due_on", "pk")


def followup_counts(user: User, *, programme: int | None = None, today: datetime.date | None = None) -> dict[str, int]:
    """How many follow-ups each tab holds, in one query."""
    today = today or timezone.localdate()
    found = FollowUp.objects.filter(mentorship__branch_id__in=people_branch_ids(user))
    if programme:
        found = found.filter(mentorship__programme_id=programme)
    return found.aggregate(**{view: Count("pk", filter=_view_q(view, today)) for view in VIEWS})


def programmes_for(user: User) -> QuerySet[Programme]:
    return Programme.objects.filter(branch_id__in=people_branch_ids(user)).order_by("name")


def get_followup_for_user(user: User, pk: int) -> FollowUp:
    """A follow-up for the coordinators of its mentorship's branch: another branch's is 404, a mentor gets 403."""
    found = FollowUp.objects.filter(pk=pk).values_list("mentorship_id", flat=True).first()
    if found is None:
        raise Http404
    mentorship = get_mentorship_for_user(user, found)
    follow_up = FollowUp.objects.select_related("recorded_by").get(pk=pk)
    follow_up.mentorship = mentorship
    return follow_up


def get_followup_by_token(token: str) -> FollowUp:
    follow_up = (
        FollowUp.objects.filter(token_hash=token_hash(token))
        .select_related("mentorship__mentee", "mentorship__branch__organisation")
        .first()
    )
    if follow_up is None:
        raise Http404
    return follow_up


def get_evaluation_by_token(token: str) -> ExitEvaluation:
    evaluation = (
        ExitEvaluation.objects.filter(token_hash=token_hash(token))
        .select_related("mentorship__mentee", "mentorship__mentor", "mentorship__branch__organisation")
        .first()
    )
    if evaluation is None:
        raise Http404
    return evaluation


def meeting_count(mentorship: Mentorship) -> int:
    return mentorship.meetings.count()


def certificate_available(mentorship: Mentorship, meetings: int) -> bool:
    """A completion certificate for the mentee: the mentorship is active or closed as completed, and it has at
    least the programme's number of meetings for a mentorship to count."""
    completed = mentorship.status == MentorshipStatus.CLOSED and mentorship.close_reason == CloseReason.COMPLETED
    going = mentorship.status == MentorshipStatus.ACTIVE
    return (completed or going) and meetings >= mentorship.programme.meeting_threshold


def latest_documents(mentorship: Mentorship) -> dict[str, Document]:
    """The newest document of each kind, without its content."""
    latest: dict[str, Document] = {}
    for document in Document.objects.filter(mentorship=mentorship).defer("content").order_by("-created_at", "-pk"):
        latest.setdefault(document.kind, document)
    return latest


def get_document(mentorship: Mentorship, kind: str) -> Document:
    document = (
        Document.objects.filter(mentorship=mentorship, kind=kind, state=Document.State.DONE)
        .order_by("-created_at", "-pk")
        .first()
    )
    if document is None:
        raise Http404
    return document


def mentorship_followup(mentorship: Mentorship) -> dict[str, Any]:
    """What the results page of one mentorship shows."""
    meetings = meeting_count(mentorship)
    evaluations = {e.side: e for e in ExitEvaluation.objects.filter(mentorship=mentorship)}
    documents = latest_documents(mentorship)
    return {
        "mentorship": mentorship,
        "follow_up": FollowUp.objects.filter(mentorship=mentorship).select_related("recorded_by").first(),
        "mentor_evaluation": evaluations.get("mentor"),
        "mentee_evaluation": evaluations.get("mentee"),
        "meetings": meetings,
        "certificate_available": certificate_available(mentorship, meetings),
        "is_praktik": mentorship.kind == MentorshipKind.PRAKTIK,
        "assessment": WorkAbilityAssessment.objects.filter(mentorship=mentorship).select_related("written_by").first(),
        "documents": documents,
        "polling": any(d.state in {Document.State.PENDING, Document.State.RUNNING} for d in documents.values()),
        "sides": [
            (gettext("The mentor's answer"), evaluations.get("mentor")),
            (gettext("The mentee's answer"), evaluations.get("mentee")),
        ],
    }


@dataclass
class FollowupsPanel:
    """The dashboard's follow-ups: how many are due or waiting for an answer, and the first few."""

    due: int = 0
    waiting: int = 0
    no_answer: int = 0
    first: list[FollowUp] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.due + self.waiting + self.no_answer


def followups_panel(user: User, branch_ids: set[int]) -> FollowupsPanel:
    """Follow-ups due and without an answer in the given branches (those the user works with people in). Two
    queries, whatever the number of follow-ups."""
    today = timezone.localdate()
    ids = set(branch_ids) & people_branch_ids(user)
    if not ids:
        return FollowupsPanel()
    found = FollowUp.objects.filter(mentorship__branch_id__in=ids).filter(_open_q(today))
    counts = found.aggregate(
        due=Count("pk", filter=Q(state=FollowUp.State.SCHEDULED)),
        waiting=Count("pk", filter=Q(state=FollowUp.State.SENT)),
        no_answer=Count("pk", filter=Q(state=FollowUp.State.NO_ANSWER)),
    )
    first = list(found.select_related("mentorship__mentee").order_by("due_on", "pk")[:PANEL_SIZE])
    return FollowupsPanel(first=first, **counts)
