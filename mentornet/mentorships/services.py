"""Writes for mentorships: start, frame, pause and resume, close, meetings, milestones and the mentor's concerns.

Every write is audited on the mentorship itself, so the mentorship's history is its audit entries."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from mentornet.accounts.models import User
from mentornet.core.services import REDACTED, audit_log
from mentornet.matching.models import Proposal
from mentornet.mentorships.models import (
    Concern,
    Meeting,
    Mentorship,
    MentorshipKind,
    MentorshipStatus,
    Milestone,
    planned_end_for,
)
from mentornet.organisations.models import Programme
from mentornet.people.models import Kind, MenteeProfile, Person, Status
from mentornet.people.services.person import person_move

#: Frame and praktik fields a coordinator may change after the start.
FRAME_FIELDS = ("kind", "planned_end", "frequency", "place", "goals", "workplace", "working_hours", "considerations")
#: Free-text fields logged by name only.
PRIVATE_FIELDS = {"goals", "place", "workplace", "working_hours", "considerations"}


def _log(actor: User | None, action: str, mentorship: Mentorship, changes: Mapping[str, Any] | None = None) -> None:
    audit_log(actor=actor, action=action, target=mentorship, branch=mentorship.branch, changes=changes)


def _locked(mentorship: Mentorship) -> Mentorship:
    return (
        Mentorship.objects.select_for_update(of=("self",))
        .select_related("branch__organisation", "programme", "mentor", "mentee")
        .get(pk=mentorship.pk)
    )


# --- Start, frame, pause, close -----------------------------------------------------------------------------------


def mentorship_start(
    *,
    actor: User | None,
    mentor: Person,
    mentee: Person,
    programme: Programme,
    proposal: Proposal | None = None,
    start_date: datetime.date | None = None,
    kind: str = MentorshipKind.ORDINARY,
) -> Mentorship:
    """Start a mentorship; the mentee's goals from the intake carry over into the frame's goals.

    Called by matching when the chosen mentor accepts. A proposal makes at most one mentorship."""
    if mentor.kind != Kind.MENTOR or mentee.kind != Kind.MENTEE:
        raise ValidationError(_("A mentorship is between a mentor and a mentee."))
    with transaction.atomic():
        if proposal is not None:
            existing = Mentorship.objects.filter(proposal=proposal).first()
            if existing is not None:
                return existing
        start = start_date or timezone.localdate()
        goals = MenteeProfile.objects.filter(person=mentee).values_list("goals", flat=True).first() or ""
        mentorship = Mentorship(
            mentor=mentor,
            mentee=mentee,
            programme=programme,
            branch_id=programme.branch_id,
            proposal=proposal,
            kind=kind,
            start_date=start,
            planned_end=planned_end_for(start, programme.planned_duration_months),
            goals=goals,
        )
        mentorship.full_clean()
        mentorship.save()
        _log(
            actor,
            "mentorship.start",
            mentorship,
            {"mentor": str(mentor.pk), "mentee": str(mentee.pk), "start_date": str(start)},
        )
    return mentorship


def mentorship_update(*, actor: User, mentorship: Mentorship, data: Mapping[str, Any]) -> Mentorship:
    """Change the agreed frame (how often, where, goals) and the praktik details."""
    with transaction.atomic():
        mentorship = _locked(mentorship)
        changes: dict[str, list[Any]] = {}
        for name in FRAME_FIELDS:
            if name in data and getattr(mentorship, name) != data[name]:
                old, new = getattr(mentorship, name), data[name]
                changes[name] = [REDACTED, REDACTED] if name in PRIVATE_FIELDS else [str(old), str(new)]
                setattr(mentorship, name, new)
        if not changes:
            return mentorship
        mentorship.full_clean()
        mentorship.save()
        _log(actor, "mentorship.update", mentorship, changes)
    return mentorship


def _set_status(actor: User, mentorship: Mentorship, *, from_status: str, to_status: str, action: str) -> Mentorship:
    with transaction.atomic():
        mentorship = _locked(mentorship)
        if mentorship.status != from_status:
            raise ValidationError(
                _("The mentorship is “%(status)s” and cannot be changed that way.")
                % {"status": mentorship.get_status_display()}
            )
        mentorship.status = to_status
        mentorship.save(update_fields=["status", "updated_at"])
        _log(actor, action, mentorship, {"status": [from_status, to_status]})
    return mentorship


def mentorship_pause(*, actor: User, mentorship: Mentorship) -> Mentorship:
    return _set_status(
        actor,
        mentorship,
        from_status=MentorshipStatus.ACTIVE,
        to_status=MentorshipStatus.PAUSED,
        action="mentorship.pause",
    )


def mentorship_resume(*, actor: User, mentorship: Mentorship) -> Mentorship:
    return _set_status(
        actor,
        mentorship,
        from_status=MentorshipStatus.PAUSED,
        to_status=MentorshipStatus.ACTIVE,
        action="mentorship.resume",
    )


def _move_if_allowed(actor: User | None, person: Person, to_status: str, note: str) -> None:
    person.refresh_from_db()
    if person.status != to_status and to_status in person.allowed_statuses():
        person_move(actor=actor, person=person, to_status=to_status, note=note)


def mentorship_close(
    *,
    actor: User | None,
    mentorship: Mentorship,
    reason: str,
    note: str = "",
    closed_on: datetime.date | None = None,
    move_people: bool = True,
) -> Mentorship:
    """Close a mentorship with a reason. Two coordinators closing at once: the first wins, the second is told.

    The mentee's status moves to closed (or back to waiting for a rematch) when the pipeline allows it; the mentor's
    place is freed, and a mentor who stopped is moved to stopped."""
    today = timezone.localdate()
    closed_on = closed_on or today
    with transaction.atomic():
        mentorship = _locked(mentorship)
        if mentorship.status == MentorshipStatus.CLOSED:
            raise ValidationError(
                _("The mentorship was already closed on %(date)s. Nothing was changed.")
                % {"date": mentorship.closed_on.strftime("%d.%m.%Y") if mentorship.closed_on else "?"}
            )
        if closed_on > today:
            raise ValidationError({"closed_on": _("The end date cannot be in the future.")})
        if closed_on < mentorship.start_date:
            raise ValidationError({"closed_on": _("The end date cannot be before the mentorship started.")})
        from_status = mentorship.status
        mentorship.status = MentorshipStatus.CLOSED
        mentorship.close_reason = reason
        mentorship.close_note = note.strip()[:300]
        mentorship.closed_on = closed_on
        mentorship.full_clean()
        mentorship.save()
        _log(
            actor,
            "mentorship.close",
            mentorship,
            {"status": [from_status, MentorshipStatus.CLOSED], "close_reason": reason, "closed_on": str(closed_on)},
        )
        if move_people:
            label = str(mentorship.get_close_reason_display())
            others = Mentorship.objects.exclude(pk=mentorship.pk).exclude(status=MentorshipStatus.CLOSED)
            if not others.filter(mentee_id=mentorship.mentee_id).exists():
                mentee_to = Status.WAITING if reason == "rematch" else Status.CLOSED
                _move_if_allowed(actor, mentorship.mentee, mentee_to, label)
            if reason == "mentor_stopped" and not others.filter(mentor_id=mentorship.mentor_id).exists():
                _move_if_allowed(actor, mentorship.mentor, Status.STOPPED, label)
    return mentorship


# --- Meetings -----------------------------------------------------------------------------------------------------


def meeting_log(
    *,
    actor: User,
    mentorship: Mentorship,
    date: datetime.date,
    duration_minutes: int,
    form: str,
    topic: str,
    note: str = "",
    submission: uuid.UUID | None = None,
) -> Meeting:
    """Log a meeting. A form sent twice (the same ``submission``) stores one meeting and returns it.

    The mentorship's row is locked, so a meeting cannot slip in while a coordinator closes the mentorship."""
    with transaction.atomic():
        mentorship = _locked(mentorship)
        if submission is not None:
            existing = Meeting.objects.filter(submission=submission, mentorship=mentorship).first()
            if existing is not None:
                return existing
        if mentorship.status == MentorshipStatus.CLOSED:
            raise ValidationError(_("The mentorship is closed. Meetings can no longer be logged."))
        if date > timezone.localdate():
            raise ValidationError({"date": _("The date is in the future. Log the meeting once it has taken place.")})
        if date < mentorship.start_date:
            raise ValidationError(
                {
                    "date": _("The date is before the mentorship started (%(start)s).")
                    % {"start": mentorship.start_date.strftime("%d.%m.%Y")}
                }
            )
        meeting = Meeting(
            mentorship=mentorship,
            date=date,
            duration_minutes=duration_minutes,
            form=form,
            topic=topic,
            note=note.strip()[:300],
            logged_by=actor,
            submission=submission,
        )
        meeting.full_clean(exclude=["submission"])
        meeting.save()
        refresh_last_meeting(Mentorship.objects.filter(pk=mentorship.pk))
        _log(
            actor,
            "meeting.log",
            mentorship,
            {"meeting": str(meeting.pk), "date": str(date), "form": form, "topic": topic},
        )
    return meeting


def meeting_delete(*, actor: User, meeting: Meeting) -> None:
    with transaction.atomic():
        mentorship = meeting.mentorship
        _log(actor, "meeting.delete", mentorship, {"meeting": str(meeting.pk), "date": str(meeting.date)})
        meeting.delete()
        refresh_last_meeting(Mentorship.objects.filter(pk=mentorship.pk))


def refresh_last_meeting(mentorships: QuerySet[Mentorship]) -> int:
    """Set ``last_meeting_on`` from the meetings themselves (one UPDATE for any number of mentorships)."""
    newest = Meeting.objects.filter(mentorship=OuterRef("pk")).order_by("-date").values("date")[:1]
    return mentorships.update(last_meeting_on=Subquery(newest))


# --- Milestones ---------------------------------------------------------------------------------------------------


def milestone_add(*, actor: User, mentorship: Mentorship, kind: str, date: datetime.date, note: str = "") -> Milestone:
    if date > timezone.localdate():
        raise ValidationError({"date": _("The date cannot be in the future.")})
    with transaction.atomic():
        milestone = Milestone(mentorship=mentorship, kind=kind, date=date, note=note.strip()[:300], created_by=actor)
        milestone.full_clean()
        milestone.save()
        _log(actor, "milestone.add", mentorship, {"milestone": str(milestone.pk), "kind": kind, "date": str(date)})
    return milestone


def milestone_delete(*, actor: User, milestone: Milestone) -> None:
    with transaction.atomic():
        _log(actor, "milestone.delete", milestone.mentorship, {"milestone": str(milestone.pk), "kind": milestone.kind})
        milestone.delete()


# --- Concerns -----------------------------------------------------------------------------------------------------


def concern_raise(*, actor: User, mentorship: Mentorship, text: str) -> Concern:
    """The mentor's private "jeg er bekymret for forløbet": for the branch's coordinators, never the mentee."""
    with transaction.atomic():
        concern = Concern(mentorship=mentorship, raised_by=actor, text=text.strip())
        concern.full_clean()
        concern.save()
        _log(actor, "concern.raise", mentorship, {"concern": str(concern.pk), "text": REDACTED})
    return concern


def concern_resolve(*, actor: User, concern: Concern) -> Concern:
    with transaction.atomic():
        concern = Concern.objects.select_for_update().select_related("mentorship__branch").get(pk=concern.pk)
        if concern.resolved_at is not None:
            return concern
        concern.resolved_at = timezone.now()
        concern.resolved_by = actor
        concern.save(update_fields=["resolved_at", "resolved_by"])
        _log(actor, "concern.resolve", concern.mentorship, {"concern": str(concern.pk)})
    return concern
