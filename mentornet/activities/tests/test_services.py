from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from mentornet.activities.models import (
    Activity,
    ActivityKind,
    Attendance,
    Audience,
    CalendarFeed,
    Participation,
    SatisfactionAnswer,
)
from mentornet.activities.notifications import send_questionnaires, send_reminders
from mentornet.activities.selectors import get_feed_by_token, satisfaction_results
from mentornet.activities.services import (
    TooLate,
    activities_plan_series,
    activity_invite,
    attendance_record,
    calendar_feed_renew,
    course_complete,
    participation_cancel,
    participation_enrol,
    rsvp_answer,
    satisfaction_answer,
    series_starts,
)
from mentornet.activities.tests.conftest import at, make_activity, make_member
from mentornet.activities.tokens import feed_token, rsvp_token, survey_token
from mentornet.core.models import AuditEntry
from mentornet.notifications.models import Message
from mentornet.people.models import Kind, MentorProfile, Status
from mentornet.people.services.rights import person_anonymise, person_data_export

pytestmark = pytest.mark.django_db


# --- Planning in series -------------------------------------------------------------------------------------------


def test_a_course_in_series_is_one_activity_with_its_evenings(world: Any, alice: Any) -> None:
    made = activities_plan_series(
        actor=alice,
        branch=world.kbh,
        data={"kind": ActivityKind.INTRO_COURSE, "audience": Audience.MENTORS, "title": "Introkursus"},
        first_start=at(7),
        first_end=at(7) + datetime.timedelta(hours=3),
        every_weeks=1,
        count=2,
    )
    assert len(made) == 1
    course = made[0]
    assert course.sessions.count() == 2
    assert course.starts_at == at(7) and course.ends_at == at(14) + datetime.timedelta(hours=3)
    assert set(course.invited_branches.all()) == {world.kbh}
    assert AuditEntry.objects.filter(action="activity.create", object_id=str(course.pk)).exists()


def test_meetings_in_series_are_separate_activities_every_six_weeks(world: Any, alice: Any) -> None:
    made = activities_plan_series(
        actor=alice,
        branch=world.kbh,
        data={"kind": ActivityKind.MENTOR_MEETING, "audience": Audience.MENTORS, "title": "Mentormøde"},
        invited_branches=[world.tingbjerg],
        first_start=at(3),
        first_end=at(3) + datetime.timedelta(hours=2),
        every_weeks=6,
        count=4,
    )
    assert len(made) == 4
    assert [a.sessions.count() for a in made] == [1, 1, 1, 1]
    assert (made[1].sessions.get().starts_at - made[0].sessions.get().starts_at).days in {
        41,
        42,
        43,
    }  # across summer time, same clock time
    assert {timezone.localtime(a.starts_at).hour for a in made} == {18}
    assert set(made[0].invited_branches.all()) == {world.kbh, world.tingbjerg}


def test_a_series_can_leave_out_the_summer() -> None:
    first = timezone.make_aware(datetime.datetime(2027, 3, 10, 19))  # noqa: DTZ001
    starts = series_starts(first, every_weeks=8, count=5, skip_summer=True)
    assert len(starts) == 5
    assert not [s for s in starts if timezone.localtime(s).month in (6, 7, 8)]
    assert {timezone.localtime(s).hour for s in starts} == {19}


def test_a_session_must_end_after_it_starts(world: Any, alice: Any) -> None:
    with pytest.raises(ValidationError):
        activities_plan_series(
            actor=alice,
            branch=world.kbh,
            data={"kind": ActivityKind.NETWORK_EVENT, "audience": Audience.BOTH, "title": "Netværk"},
            first_start=at(3),
            first_end=at(3),
        )
    assert not Activity.objects.exists()


# --- Invitations --------------------------------------------------------------------------------------------------


def test_invitations_go_to_the_right_people_once(
    world: Any, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    active = make_member(world.kbh, first_name="Aktiv")
    tingbjerg = make_member(world.tingbjerg, first_name="Tingbjerg")
    make_member(world.kbh, status=Status.STOPPED, first_name="Stoppet")
    make_member(world.kbh, status=Status.INTERESTED, first_name="Ny")
    make_member(world.kbh, kind=Kind.MENTEE, status=Status.WAITING, first_name="Mentee")
    make_member(world.ishoj_branch, first_name="Ishøj")
    meeting = make_activity(world.kbh, actor=alice, invited=(world.tingbjerg,))
    with django_capture_on_commit_callbacks(execute=True):
        activity_invite(actor=alice, activity=meeting)
    invited = set(Participation.objects.filter(activity=meeting).values_list("person__first_name", flat=True))
    assert invited == {"Aktiv", "Tingbjerg"}
    assert {m.to[0] for m in mail.outbox} == {active.email, tingbjerg.email}
    participation = Participation.objects.get(person=active)
    assert rsvp_token(participation) in next(m.body for m in mail.outbox if m.to == [active.email])
    assert participation.invited_at is not None
    # A second round invites nobody twice.
    with django_capture_on_commit_callbacks(execute=True):
        activity_invite(actor=alice, activity=meeting)
    assert Participation.objects.filter(activity=meeting).count() == 2
    assert len(mail.outbox) == 2
    assert Message.objects.filter(code="activities.invitation").count() == 2


def test_the_introductory_course_invites_new_mentors_and_mentee_courses_mentees(
    world: Any, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    make_member(world.kbh, first_name="Aktiv")
    make_member(world.kbh, status=Status.INTERVIEW, first_name="Ny")
    make_member(world.kbh, kind=Kind.MENTEE, status=Status.MATCHED, first_name="Mentee")
    course = make_activity(world.kbh, actor=alice, kind=ActivityKind.INTRO_COURSE, days=(7, 14))
    mentees = make_activity(world.kbh, actor=alice, kind=ActivityKind.MENTEE_COURSE, audience=Audience.MENTEES)
    with django_capture_on_commit_callbacks(execute=True):
        activity_invite(actor=alice, activity=course)
        activity_invite(actor=alice, activity=mentees)
    assert list(course.participations.values_list("person__first_name", flat=True)) == ["Ny"]
    assert list(mentees.participations.values_list("person__first_name", flat=True)) == ["Mentee"]


def test_it_is_too_late_to_invite_when_the_activity_has_started(world: Any, alice: Any) -> None:
    started = make_activity(world.kbh, actor=alice, days=(-1, 7))
    with pytest.raises(ValidationError):
        activity_invite(actor=alice, activity=started)


# --- Enrolment, the waiting list and answers ----------------------------------------------------------------------


def test_over_capacity_goes_on_the_waiting_list_and_a_cancellation_moves_the_first_up(
    world: Any, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    course = make_activity(world.kbh, actor=alice, capacity=1)
    first, second, third = (make_member(world.kbh) for _ in range(3))
    assert participation_enrol(actor=alice, activity=course, person=first).state == Participation.State.ENROLLED
    assert participation_enrol(actor=alice, activity=course, person=second).state == Participation.State.WAITING
    assert participation_enrol(actor=alice, activity=course, person=third).state == Participation.State.WAITING
    with pytest.raises(ValidationError):  # already enrolled: counted once
        participation_enrol(actor=alice, activity=course, person=first)
    assert course.participations.count() == 3
    with django_capture_on_commit_callbacks(execute=True):
        participation_cancel(actor=alice, participation=Participation.objects.get(person=first))
    states = dict(course.participations.values_list("person_id", "state"))
    assert states == {first.pk: "cancelled", second.pk: "enrolled", third.pk: "waiting"}
    assert [m.to for m in mail.outbox] == [[second.email]]
    assert AuditEntry.objects.filter(action="participation.move_up").count() == 1


def test_an_answer_given_twice_counts_once_and_the_latest_counts(
    world: Any, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_activity(world.kbh, actor=alice, capacity=1)
    mentor, other = make_member(world.kbh), make_member(world.kbh)
    with django_capture_on_commit_callbacks(execute=True):
        activity_invite(actor=alice, activity=event)
    mine = Participation.objects.get(person=mentor)
    rsvp_answer(participation=mine, attending=True)
    rsvp_answer(participation=mine, attending=True)
    assert event.participations.filter(state=Participation.State.ENROLLED).count() == 1
    theirs = Participation.objects.get(person=other)
    assert rsvp_answer(participation=theirs, attending=True).state == Participation.State.WAITING
    with django_capture_on_commit_callbacks(execute=True):
        assert rsvp_answer(participation=mine, attending=False).state == Participation.State.DECLINED
    theirs.refresh_from_db()
    assert theirs.state == Participation.State.ENROLLED
    assert mail.outbox[-1].to == [other.email]
    assert AuditEntry.objects.filter(action="participation.rsvp").count() == 4


def test_an_answer_after_the_start_changes_nothing(world: Any, alice: Any) -> None:
    event = make_activity(world.kbh, actor=alice, days=(1,))
    participation = participation_enrol(actor=alice, activity=event, person=make_member(world.kbh))
    with time_machine.travel(at(1) + datetime.timedelta(minutes=5)), pytest.raises(TooLate):
        rsvp_answer(participation=participation, attending=False)
    participation.refresh_from_db()
    assert participation.state == Participation.State.ENROLLED
    assert participation.responded_at is None


def test_nobody_can_be_enrolled_in_an_activity_that_is_over(world: Any, alice: Any) -> None:
    past = make_activity(world.kbh, actor=alice, days=(-3,))
    with pytest.raises(ValidationError):
        participation_enrol(actor=alice, activity=past, person=make_member(world.kbh))


# --- Attendance and course completion -----------------------------------------------------------------------------


def _course_with(world: Any, alice: Any, *statuses: str) -> tuple[Activity, list[Any]]:
    course = make_activity(world.kbh, actor=alice, kind=ActivityKind.INTRO_COURSE, days=(-8, -1))
    people = [make_member(world.kbh, status=status) for status in statuses]
    for person in people:
        Participation.objects.create(
            activity=course,
            person=person,
            state="enrolled",
            token_salt=str(person.pk),
            token_hash=f"t{person.pk}",
            survey_token_hash=f"s{person.pk}",
        )
    return course, people


def test_a_mentor_who_attended_every_session_completes_the_introductory_course(world: Any, alice: Any) -> None:
    course, (full, half, early) = _course_with(world, alice, Status.INTERVIEW, Status.INTERVIEW, Status.INTERESTED)
    first, second = course.sessions.all()
    assert attendance_record(actor=alice, session=first, present_ids=[full.pk, half.pk, early.pk]) == 3
    full.refresh_from_db()
    assert full.status == Status.INTERVIEW  # one of two evenings is not enough
    attendance_record(actor=alice, session=second, present_ids=[full.pk, early.pk])
    for person in (full, half, early):
        person.refresh_from_db()
    assert full.status == Status.COURSE_COMPLETED
    assert MentorProfile.objects.get(person=full).course_completed_on == timezone.localdate(second.ends_at)
    assert half.status == Status.INTERVIEW
    assert MentorProfile.objects.get(person=half).course_completed_on is None
    # The pipeline does not allow interested → course completed: the date is kept, the status is not moved.
    assert early.status == Status.INTERESTED
    assert MentorProfile.objects.get(person=early).course_completed_on is not None
    assert Participation.objects.filter(completed_at__isnull=False).count() == 2


def test_recording_attendance_again_replaces_the_marks(world: Any, alice: Any) -> None:
    course, (mentor,) = _course_with(world, alice, Status.ACTIVE)
    session = course.sessions.first()
    assert session is not None
    attendance_record(actor=alice, session=session, present_ids=[mentor.pk])
    attendance_record(actor=alice, session=session, present_ids=[])
    assert list(Attendance.objects.values_list("present", flat=True)) == [False]


def test_attendance_waits_for_the_session(world: Any, alice: Any) -> None:
    event = make_activity(world.kbh, actor=alice, days=(2,))
    session = event.sessions.get()
    with pytest.raises(ValidationError):
        attendance_record(actor=alice, session=session, present_ids=[])


def test_the_coordinator_can_mark_the_course_completed(world: Any, alice: Any) -> None:
    _course, (mentor,) = _course_with(world, alice, Status.INTERVIEW)
    participation = Participation.objects.select_related("activity", "person").get(person=mentor)
    course_complete(actor=alice, participation=participation)
    mentor.refresh_from_db()
    assert mentor.status == Status.COURSE_COMPLETED
    assert AuditEntry.objects.filter(action="course.complete", actor=alice).exists()
    meeting = make_activity(world.kbh, actor=alice)
    other = participation_enrol(actor=alice, activity=meeting, person=make_member(world.kbh))
    with pytest.raises(ValidationError):
        course_complete(actor=alice, participation=other)


# --- Satisfaction and the periodic jobs ---------------------------------------------------------------------------


def test_the_questionnaire_is_sent_once_to_those_who_came(
    world: Any, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    course, (came, absent, unrecorded) = _course_with(world, alice, Status.ACTIVE, Status.ACTIVE, Status.ACTIVE)
    Attendance.objects.create(session=course.sessions.all()[0], person=came, present=True)
    Attendance.objects.create(session=course.sessions.all()[0], person=absent, present=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_questionnaires(timezone.now()) == 2
        assert send_questionnaires(timezone.now()) == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted([came.email, unrecorded.email])
    participation = Participation.objects.get(person=came)
    assert survey_token(participation) in next(m.body for m in mail.outbox if m.to == [came.email])


def test_a_participant_answers_the_questionnaire_once(world: Any, alice: Any) -> None:
    course, (one, two) = _course_with(world, alice, Status.ACTIVE, Status.ACTIVE)
    first = Participation.objects.select_related("activity", "person").get(person=one)
    satisfaction_answer(participation=first, rating=5, comment="Rigtig godt")
    with pytest.raises(ValidationError):
        satisfaction_answer(participation=first, rating=1)
    second = Participation.objects.select_related("activity", "person").get(person=two)
    satisfaction_answer(participation=second, rating=4)
    results = satisfaction_results(course)
    assert (results.count, results.average) == (2, 4.5)
    assert results.distribution[0] == (5, 1, 50) and results.distribution[1] == (4, 1, 50)
    assert results.comments == ["Rigtig godt"]


def test_the_questionnaire_waits_for_the_end(world: Any, alice: Any) -> None:
    event = make_activity(world.kbh, actor=alice, days=(3,))
    participation = participation_enrol(actor=alice, activity=event, person=make_member(world.kbh))
    with pytest.raises(ValidationError):
        satisfaction_answer(participation=participation, rating=3)
    assert not SatisfactionAnswer.objects.exists()


def test_a_reminder_goes_the_day_before_once(world: Any, alice: Any, django_capture_on_commit_callbacks: Any) -> None:
    event = make_activity(world.kbh, actor=alice, days=(1,))
    mentor = make_member(world.kbh)
    participation_enrol(actor=alice, activity=event, person=mentor)
    make_activity(world.kbh, actor=alice, days=(5,))
    with time_machine.travel(at(1) - datetime.timedelta(hours=20)), django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(timezone.now()) == 1
        assert send_reminders(timezone.now()) == 0
    assert [m.to for m in mail.outbox] == [[mentor.email]]


# --- Calendar feeds -----------------------------------------------------------------------------------------------


def test_a_new_calendar_secret_ends_the_old_one(world: Any, bob: Any) -> None:
    old = feed_token(calendar_feed_renew(actor=bob))
    assert get_feed_by_token(old).user == bob
    new = feed_token(calendar_feed_renew(actor=bob))
    assert new != old
    assert CalendarFeed.objects.count() == 1
    with pytest.raises(Http404):
        get_feed_by_token(old)


# --- Data rights --------------------------------------------------------------------------------------------------


def test_participations_and_answers_are_exported_and_erased(world: Any, alice: Any) -> None:
    course, (mentor,) = _course_with(world, alice, Status.ACTIVE)
    Attendance.objects.create(session=course.sessions.all()[0], person=mentor, present=True)
    participation = Participation.objects.select_related("activity", "person").get(person=mentor)
    satisfaction_answer(participation=participation, rating=2, comment="Min nabo Jens var der")
    data = person_data_export(actor=alice, person=mentor)
    text = str(data)
    assert course.title in text and "Min nabo Jens var der" in text
    person_anonymise(actor=alice, person=mentor)
    answer = SatisfactionAnswer.objects.get()
    assert (answer.person, answer.comment, answer.rating) == (None, "", 2)  # still counts in the results
    assert not Participation.objects.filter(person=mentor).exists()
    assert not Attendance.objects.filter(person=mentor).exists()


def test_someone_the_coordinator_took_off_cannot_answer_themselves_back(world: Any, alice: Any) -> None:
    event = make_activity(world.kbh, actor=alice)
    participation = participation_enrol(actor=alice, activity=event, person=make_member(world.kbh))
    participation_cancel(actor=alice, participation=participation)
    with pytest.raises(ValidationError):
        rsvp_answer(participation=participation, attending=True)
    participation.refresh_from_db()
    assert participation.state == Participation.State.CANCELLED


def test_the_answer_link_is_not_stored_with_the_message(
    world: Any, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    mentor = make_member(world.kbh)
    meeting = make_activity(world.kbh, actor=alice)
    with django_capture_on_commit_callbacks(execute=True):
        activity_invite(actor=alice, activity=meeting)
    token = rsvp_token(Participation.objects.get(person=mentor))
    message = Message.objects.get()
    assert token not in str(message.context)
    assert token in mail.outbox[0].body and "København" in mail.outbox[0].body
