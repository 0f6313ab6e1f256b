"""Writes for taking part: enrol and the waiting list, answers through a link, attendance and course completion,
satisfaction answers.

Seats are counted with the activity's row locked, so two answers for the last seat at the same moment cannot both
get it: the second goes on the waiting list. One participation per person and activity: answering twice changes
the answer, never the count.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentornet.accounts.models import User
from mentornet.activities.models import (
    Activity,
    ActivityKind,
    Attendance,
    Participation,
    SatisfactionAnswer,
    Session,
)
from mentornet.activities.services.links import new_participation, participation_notify
from mentornet.core.services import audit_log
from mentornet.people.models import Kind, MentorProfile, Person, Status
from mentornet.people.services.person import person_move

# --- Enrolment and the waiting list -------------------------------------------------------------------------------


def _locked(activity: Activity) -> Activity:
    return Activity.objects.select_for_update().select_related("branch__organisation").get(pk=activity.pk)


def _seat_taken(activity: Activity) -> bool:
    if activity.capacity is None:
        return False
    enrolled = Participation.objects.filter(activity=activity, state=Participation.State.ENROLLED).count()
    return enrolled >= activity.capacity


def _set_state(participation: Participation, state: str, now: datetime.datetime) -> None:
    participation.state = state
    participation.state_changed_at = now
    participation.full_clean(exclude=["activity", "person"])
    participation.save()


def _join(activity: Activity, participation: Participation, now: datetime.datetime) -> None:
    """Enrol, or the waiting list when full. Someone already enrolled or waiting keeps their place."""
    if participation.state in (Participation.State.ENROLLED, Participation.State.WAITING):
        return
    full = (
        _seat_taken(activity)
        or Participation.objects.filter(activity=activity, state=Participation.State.WAITING).exists()
    )
    _set_state(participation, Participation.State.WAITING if full else Participation.State.ENROLLED, now)


def move_up(activity: Activity) -> list[Participation]:
    """Give free seats to the waiting list, first come first served, and tell each person."""
    moved = []
    now = timezone.now()
    while not _seat_taken(activity):
        first = (
            Participation.objects.filter(activity=activity, state=Participation.State.WAITING)
            .select_related("person")
            .order_by("state_changed_at", "pk")
            .first()
        )
        if first is None:
            break
        _set_state(first, Participation.State.ENROLLED, now)
        first.activity = activity
        audit_log(actor=None, action="participation.move_up", target=first.person, branch=activity.branch)
        participation_notify(first, "activities.moved_up", f"activities.moved_up:{first.pk}:{now.isoformat()}")
        moved.append(first)
    return moved


def participation_enrol(*, actor: User | None, activity: Activity, person: Person) -> Participation:
    """The coordinator enrols a person; over capacity they go on the waiting list."""
    if activity.has_ended():
        raise ValidationError(_("The activity is over; nobody can be enrolled now."))
    with transaction.atomic():
        activity = _locked(activity)
        if person.organisation_id != activity.organisation_id:
            raise ValidationError(_("Choose a person of the organisation."))
        participation = Participation.objects.filter(activity=activity, person=person).first()
        now = timezone.now()
        if participation is None:
            participation = new_participation(activity, person, Participation.State.INVITED, now)
            participation.save()
        if participation.state in (Participation.State.ENROLLED, Participation.State.WAITING):
            raise ValidationError(
                _("%(name)s is already %(state)s.")
                % {"name": person.full_name, "state": participation.get_state_display().lower()}
            )
        _join(activity, participation, now)
        audit_log(
            actor=actor,
            action="participation.enrol",
            target=person,
            branch=activity.branch,
            changes={"activity": str(activity.pk), "state": participation.state},
        )
    return participation


class TooLate(ValidationError):
    """The activity has started: answers through the link are closed."""


def rsvp_answer(*, participation: Participation, attending: bool) -> Participation:
    """A yes or no through the person's own link. The latest answer before the start counts, once."""
    with transaction.atomic():
        activity = _locked(participation.activity)
        if activity.has_started():
            raise TooLate(_("The activity has started, so the answer can no longer be changed."))
        participation = Participation.objects.select_for_update().select_related("person").get(pk=participation.pk)
        participation.activity = activity
        if participation.state == Participation.State.CANCELLED:
            raise ValidationError(_("Your coordinator has taken you off this activity. Contact them to come back."))
        now = timezone.now()
        was_enrolled = participation.state == Participation.State.ENROLLED
        if attending:
            _join(activity, participation, now)
        elif participation.state != Participation.State.DECLINED:
            _set_state(participation, Participation.State.DECLINED, now)
        participation.responded_at = now
        participation.save(update_fields=["responded_at"])
        audit_log(
            actor=None,
            action="participation.rsvp",
            target=participation.person,
            branch=activity.branch,
            changes={"activity": str(activity.pk), "state": participation.state},
        )
        if was_enrolled and not attending:
            move_up(activity)
    return participation


def participation_cancel(*, actor: User, participation: Participation) -> Participation:
    """The coordinator takes a person off the activity; the first on the waiting list moves up and is told."""
    with transaction.atomic():
        activity = _locked(participation.activity)
        participation = Participation.objects.select_for_update().select_related("person").get(pk=participation.pk)
        if participation.state not in (Participation.State.ENROLLED, Participation.State.WAITING):
            raise ValidationError(_("Only someone enrolled or on the waiting list can be cancelled."))
        was_enrolled = participation.state == Participation.State.ENROLLED
        _set_state(participation, Participation.State.CANCELLED, timezone.now())
        audit_log(
            actor=actor,
            action="participation.cancel",
            target=participation.person,
            branch=activity.branch,
            changes={"activity": str(activity.pk)},
        )
        if was_enrolled:
            move_up(activity)
    return participation


# --- Attendance and course completion -----------------------------------------------------------------------------


def attendance_record(*, actor: User, session: Session, present_ids: Iterable[int]) -> int:
    """Record who came, for every enrolled person (ticked: present; not ticked: absent). Recording again
    replaces the marks. Mentors who have now attended every session of an introductory course complete it.
    Returns how many were present."""
    activity = session.activity
    if session.starts_at > timezone.now():
        raise ValidationError(_("Attendance can be recorded when the session has started."))
    present = set(present_ids)
    with transaction.atomic():
        enrolled = list(
            Participation.objects.filter(activity=activity, state=Participation.State.ENROLLED).values_list(
                "person_id", flat=True
            )
        )
        now = timezone.now()
        existing = {a.person_id: a for a in Attendance.objects.filter(session=session, person_id__in=enrolled)}
        changed = []
        for person_id in enrolled:
            mark = existing.get(person_id)
            if mark is None:
                existing[person_id] = Attendance(
                    session=session, person_id=person_id, present=person_id in present, recorded_by=actor
                )
            elif mark.present != (person_id in present):
                mark.present, mark.recorded_by, mark.recorded_at = person_id in present, actor, now
                changed.append(mark)
        Attendance.objects.bulk_create([a for a in existing.values() if a.pk is None])
        Attendance.objects.bulk_update(changed, ["present", "recorded_by", "recorded_at"])
        count = sum(1 for person_id in enrolled if person_id in present)
        audit_log(
            actor=actor,
            action="attendance.record",
            target=activity,
            branch=activity.branch,
            changes={"session": str(session.pk), "present": count, "enrolled": len(enrolled)},
        )
        if activity.kind == ActivityKind.INTRO_COURSE:
            _complete_attended(actor, activity)
    return count


def _complete_attended(actor: User, activity: Activity) -> None:
    sessions = activity.sessions.count()
    done = (
        Participation.objects.filter(
            activity=activity,
            state=Participation.State.ENROLLED,
            completed_at__isnull=True,
            person__kind=Kind.MENTOR,
        )
        .select_related("person")
        .order_by("pk")
    )
    attended: dict[int, int] = {}
    for person_id in Attendance.objects.filter(session__activity=activity, present=True).values_list(
        "person_id", flat=True
    ):
        attended[person_id] = attended.get(person_id, 0) + 1
    for participation in done:
        if sessions and attended.get(participation.person_id, 0) >= sessions:
            participation.activity = activity
            course_complete(actor=actor, participation=participation)


def course_complete(*, actor: User, participation: Participation) -> Participation:
    """The mentor has completed the introductory course: by attending every session, or as the coordinator marks.
    The date is set on the mentor's profile and the mentor moves to "course completed" where the pipeline allows."""
    activity = participation.activity
    person = participation.person
    if activity.kind != ActivityKind.INTRO_COURSE or person.kind != Kind.MENTOR:
        raise ValidationError(_("Only a mentor on an introductory course can complete it."))
    if participation.state != Participation.State.ENROLLED:
        raise ValidationError(_("Only an enrolled mentor can complete the course."))
    with transaction.atomic():
        now = timezone.now()
        Participation.objects.filter(pk=participation.pk).update(completed_at=now)
        participation.completed_at = now
        day = timezone.localdate(min(activity.ends_at or now, now))
        MentorProfile.objects.filter(person=person, course_completed_on__isnull=True).update(course_completed_on=day)
        person.refresh_from_db()
        if Status.COURSE_COMPLETED in person.allowed_statuses():
            person_move(actor=actor, person=person, to_status=Status.COURSE_COMPLETED, note=activity.title[:300])
        audit_log(
            actor=actor,
            action="course.complete",
            target=person,
            branch=activity.branch,
            changes={"activity": str(activity.pk)},
        )
    return participation


# --- Satisfaction -------------------------------------------------------------------------------------------------


def satisfaction_answer(*, participation: Participation, rating: int, comment: str = "") -> SatisfactionAnswer:
    """One answer per participant, after the activity has ended."""
    activity = participation.activity
    if not activity.has_ended():
        raise ValidationError(_("The questionnaire opens when the activity is over."))
    with transaction.atomic():
        Participation.objects.select_for_update().get(pk=participation.pk)
        if SatisfactionAnswer.objects.filter(activity=activity, person=participation.person).exists():
            raise ValidationError(_("You have already answered. Thank you."))
        answer = SatisfactionAnswer(
            activity=activity, person=participation.person, rating=rating, comment=comment.strip()[:1000]
        )
        answer.full_clean()
        answer.save()
        audit_log(actor=None, action="satisfaction.answer", target=activity, branch=activity.branch)
    return answer
