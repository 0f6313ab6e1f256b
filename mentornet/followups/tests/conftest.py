"""Factories for follow-up tests: mentorships with meetings, closed or not."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from mentornet.core.testing import make_person
from mentornet.followups.models import ExitEvaluation, FollowUp
from mentornet.followups.services import follow_up_url, followups_schedule
from mentornet.mentorships.models import Meeting, Mentorship, MentorshipKind, MentorshipStatus, planned_end_for
from mentornet.organisations.models import Programme


def make_mentorship(
    programme: Programme,
    *,
    meetings: int = 0,
    closed_days_ago: int | None = None,
    reason: str = "completed",
    kind: str = MentorshipKind.ORDINARY,
    mentee: Any = None,
    mentor: Any = None,
    **fields: Any,
) -> Mentorship:
    """A mentorship started 200 days ago, with ``meetings`` meetings, closed ``closed_days_ago`` days ago."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=200)
    mentee = mentee or make_person(programme.branch, kind="mentee", first_name="Amina", last_name="Hassan")
    mentor = mentor or make_person(programme.branch, kind="mentor", first_name="Karen", last_name="Berg")
    closed = closed_days_ago is not None
    mentorship = Mentorship.objects.create(
        mentor=mentor,
        mentee=mentee,
        programme=programme,
        branch=programme.branch,
        kind=kind,
        start_date=start,
        planned_end=planned_end_for(start, 6),
        status=MentorshipStatus.CLOSED if closed else MentorshipStatus.ACTIVE,
        closed_on=today - datetime.timedelta(days=closed_days_ago) if closed_days_ago is not None else None,
        close_reason=reason if closed else "",
        **fields,
    )
    Meeting.objects.bulk_create(
        Meeting(mentorship=mentorship, date=start + datetime.timedelta(days=7 * i), topic="education")
        for i in range(meetings)
    )
    return mentorship


def due_follow_up(programme: Programme, **fields: Any) -> tuple[FollowUp, str]:
    """A follow-up due today (the mentorship closed the programme's months ago), and the path of its link."""
    months_ago = timezone.localdate() - datetime.timedelta(days=31 * programme.follow_up_months + 1)
    mentorship = make_mentorship(
        programme, meetings=3, closed_days_ago=(timezone.localdate() - months_ago).days, **fields
    )
    followups_schedule()
    follow_up = FollowUp.objects.get(mentorship=mentorship)
    return follow_up, follow_up_url(follow_up).removeprefix("http://testserver")


def evaluation_of(mentorship: Mentorship, side: str) -> ExitEvaluation:
    return ExitEvaluation.objects.get(mentorship=mentorship, side=side)
