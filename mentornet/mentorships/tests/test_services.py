from __future__ import annotations

import datetime
import threading
import uuid
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from mentornet.core.models import AuditEntry
from mentornet.matching.models import Candidate, Proposal
from mentornet.matching.services import (
    first_meeting_record,
    matching_settings_update,
    mentor_respond,
    proposal_choose,
    proposal_create,
)
from mentornet.matching.tests.conftest import make_mentor, make_waiting
from mentornet.mentorships.models import CloseReason, Meeting, Mentorship, MentorshipStatus
from mentornet.mentorships.notifications import remind_inactive
from mentornet.mentorships.selectors import MentorshipFilters, mentor_panel, mentorship_list, mentorships_panel
from mentornet.mentorships.services import (
    concern_raise,
    concern_resolve,
    meeting_delete,
    meeting_log,
    mentorship_close,
    mentorship_pause,
    mentorship_resume,
    mentorship_update,
    milestone_add,
)
from mentornet.mentorships.tests.conftest import add_meetings, make_mentorship
from mentornet.notifications.models import Message
from mentornet.people.models import MenteeProfile, Person, Status
from mentornet.people.services.rights import person_anonymise, person_data_export

TODAY = timezone.localdate


def _log(actor: Any, mentorship: Mentorship, **overrides: Any) -> Meeting:
    data: dict[str, Any] = {"date": TODAY(), "duration_minutes": 60, "form": "cafe", "topic": "job"}
    return meeting_log(actor=actor, mentorship=mentorship, **(data | overrides))


# --- Start ----------------------------------------------------------------------------------------------------------


def test_a_mentor_who_accepts_starts_a_mentorship_with_the_mentees_goals(world: Any, alice: Any, bob: Any) -> None:
    mentor = make_mentor(world.kbh, user=bob, first_name="Bob")
    mentee = make_waiting(world.kbh, first_name="Amina")
    MenteeProfile.objects.filter(person=mentee).update(goals="Starte på HF")
    proposal = proposal_create(
        actor=alice, mentee=mentee, programme=world.kbh_programme, mentor_ids=[mentor.pk], notify=False
    )
    proposal_choose(actor=None, proposal=proposal, mentor_id=mentor.pk, notify=False)
    candidate = Candidate.objects.get(proposal=proposal, mentor=mentor)
    mentor_respond(actor=bob, candidate=candidate, accept=True)

    mentorship = Mentorship.objects.get(proposal=proposal)
    assert (mentorship.mentor, mentorship.mentee, mentorship.branch) == (mentor, mentee, world.kbh)
    assert mentorship.goals == "Starte på HF"
    assert mentorship.status == MentorshipStatus.ACTIVE
    assert mentorship.start_date == TODAY()
    assert (mentorship.planned_end - mentorship.start_date).days in range(181, 185)  # six months
    assert AuditEntry.objects.filter(action="mentorship.start", object_id=str(mentorship.pk)).exists()


def test_a_rematch_after_the_first_meeting_closes_the_mentorship(world: Any, alice: Any, bob: Any) -> None:
    matching_settings_update(actor=alice, programme=world.kbh_programme, data={"first_meeting_step": True})
    mentor = make_mentor(world.kbh, user=bob, first_name="Bob")
    mentee = make_waiting(world.kbh, first_name="Amina")
    proposal = proposal_create(
        actor=alice, mentee=mentee, programme=world.kbh_programme, mentor_ids=[mentor.pk], notify=False
    )
    proposal_choose(actor=None, proposal=proposal, mentor_id=mentor.pk, notify=False)
    mentor_respond(actor=bob, candidate=Candidate.objects.get(proposal=proposal), accept=True)
    first_meeting_record(actor=None, proposal=proposal, side=Proposal.Side.MENTEE, go_on=False, reason="Ikke kemi")

    mentorship = Mentorship.objects.get(proposal=proposal)
    assert (mentorship.status, mentorship.close_reason) == (MentorshipStatus.CLOSED, CloseReason.REMATCH)
    mentee.refresh_from_db()
    assert mentee.status == Status.WAITING


def test_the_frame_and_praktik_fields_can_be_changed_and_are_logged_by_name(world: Any, alice: Any) -> None:
    mentorship = make_mentorship(world.kbh_programme)
    mentorship_update(
        actor=alice,
        mentorship=mentorship,
        data={"kind": "praktik", "frequency": "weekly", "workplace": "Netto", "considerations": "Pauser"},
    )
    mentorship.refresh_from_db()
    assert (mentorship.kind, mentorship.workplace, mentorship.considerations) == ("praktik", "Netto", "Pauser")
    entry = AuditEntry.objects.get(action="mentorship.update")
    assert entry.changes["considerations"] == ["***", "***"]
    assert entry.changes["frequency"] == ["", "weekly"]


def test_pause_and_resume(world: Any, alice: Any) -> None:
    mentorship = make_mentorship(world.kbh_programme)
    mentorship_pause(actor=alice, mentorship=mentorship)
    with pytest.raises(ValidationError):
        mentorship_pause(actor=alice, mentorship=mentorship)
    mentorship_resume(actor=alice, mentorship=mentorship)
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.ACTIVE
    assert AuditEntry.objects.filter(action__in=["mentorship.pause", "mentorship.resume"]).count() == 2


# --- Close ----------------------------------------------------------------------------------------------------------


def test_closing_moves_the_mentee_to_closed_and_a_second_close_is_refused(world: Any, alice: Any) -> None:
    mentorship = make_mentorship(world.kbh_programme)
    mentorship_close(actor=alice, mentorship=mentorship, reason=CloseReason.COMPLETED, note="Fik læreplads")
    mentorship.refresh_from_db()
    assert (mentorship.status, mentorship.closed_on) == (MentorshipStatus.CLOSED, TODAY())
    assert mentorship.mentee.status == Status.CLOSED
    with pytest.raises(ValidationError) as refused:
        mentorship_close(actor=alice, mentorship=mentorship, reason=CloseReason.OTHER)
    assert "already closed" in refused.value.messages[0] or "allerede afsluttet" in refused.value.messages[0]
    mentorship.refresh_from_db()
    assert mentorship.close_reason == CloseReason.COMPLETED  # the first close stands
    assert AuditEntry.objects.filter(action="mentorship.close").count() == 1


def test_a_rematch_puts_the_mentee_back_on_the_waiting_list_and_a_mentor_who_stopped_stops(
    world: Any, alice: Any
) -> None:
    mentorship = make_mentorship(world.kbh_programme)
    mentorship_close(actor=alice, mentorship=mentorship, reason=CloseReason.REMATCH)
    mentorship.mentee.refresh_from_db()
    assert mentorship.mentee.status == Status.WAITING
    other = make_mentorship(world.kbh_programme, mentee_name="Omar")
    mentorship_close(actor=alice, mentorship=other, reason=CloseReason.MENTOR_STOPPED)
    other.mentor.refresh_from_db()
    assert other.mentor.status == Status.STOPPED


def test_a_close_dated_before_the_start_or_in_the_future_is_refused(world: Any, alice: Any) -> None:
    mentorship = make_mentorship(world.kbh_programme, days_ago=10)
    for day in (TODAY() - datetime.timedelta(days=11), TODAY() + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError) as refused:
            mentorship_close(actor=alice, mentorship=mentorship, reason="completed", closed_on=day)
        assert "closed_on" in refused.value.message_dict
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.ACTIVE


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_closing_at_once_close_it_once(world: Any, alice: Any, charlie: Any) -> None:
    """Needs two real connections with row locks (PostgreSQL); on SQLite writes run one at a time and the sequential
    test above covers the recheck."""
    if connection.vendor != "postgresql":
        pytest.skip("needs two concurrent connections with row locks (PostgreSQL)")
    mentorship = make_mentorship(world.kbh_programme)
    start = threading.Barrier(2)
    results: list[str] = []

    def close(reason: str) -> None:
        try:
            start.wait()
            mentorship_close(actor=alice, mentorship=Mentorship.objects.get(pk=mentorship.pk), reason=reason)
            results.append("closed")
        except ValidationError:
            results.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=close, args=(r,)) for r in ("completed", "moved")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == ["closed", "refused"]
    assert AuditEntry.objects.filter(action="mentorship.close").count() == 1


# --- Meetings -------------------------------------------------------------------------------------------------------


def test_a_meeting_in_the_future_or_before_the_start_is_refused(world: Any, bob: Any) -> None:
    mentorship = make_mentorship(world.kbh_programme, days_ago=10)
    with pytest.raises(ValidationError) as future:
        _log(bob, mentorship, date=TODAY() + datetime.timedelta(days=1))
    assert "date" in future.value.message_dict
    with pytest.raises(ValidationError) as before:
        _log(bob, mentorship, date=TODAY() - datetime.timedelta(days=11))
    assert "date" in before.value.message_dict
    assert not Meeting.objects.exists()


def test_a_form_sent_twice_stores_one_meeting(world: Any, bob: Any) -> None:
    mentorship = make_mentorship(world.kbh_programme)
    submission = uuid.uuid4()
    first = _log(bob, mentorship, submission=submission)
    second = _log(bob, mentorship, submission=submission, note="igen")
    assert first.pk == second.pk
    assert Meeting.objects.count() == 1
    assert AuditEntry.objects.filter(action="meeting.log").count() == 1


def test_no_meeting_is_logged_in_a_closed_mentorship(world: Any, alice: Any) -> None:
    mentorship = make_mentorship(world.kbh_programme)
    mentorship_close(actor=alice, mentorship=mentorship, reason="completed")
    with pytest.raises(ValidationError):
        _log(alice, mentorship)


def test_a_coordinator_deletes_a_meeting_and_it_is_logged(world: Any, alice: Any) -> None:
    mentorship = make_mentorship(world.kbh_programme)
    meeting = _log(alice, mentorship)
    meeting_delete(actor=alice, meeting=meeting)
    assert not Meeting.objects.exists()
    assert AuditEntry.objects.get(action="meeting.delete").object_id == str(mentorship.pk)


def test_the_last_meeting_follows_logging_and_deleting_meetings(world: Any, alice: Any) -> None:
    mentorship = make_mentorship(world.kbh_programme, days_ago=60)
    older = _log(alice, mentorship, date=TODAY() - datetime.timedelta(days=20))
    newer = _log(alice, mentorship, date=TODAY() - datetime.timedelta(days=5))
    _log(alice, mentorship, date=TODAY() - datetime.timedelta(days=30))  # logged late: not the newest
    mentorship.refresh_from_db()
    assert mentorship.last_meeting_on == newer.date

    meeting_delete(actor=alice, meeting=newer)
    mentorship.refresh_from_db()
    assert mentorship.last_meeting_on == older.date


def test_milestones_and_concerns_are_audited(world: Any, alice: Any, bob: Any) -> None:
    mentorship = make_mentorship(world.kbh_programme)
    milestone_add(actor=alice, mentorship=mentorship, kind="job", date=TODAY())
    with pytest.raises(ValidationError):
        milestone_add(actor=alice, mentorship=mentorship, kind="job", date=TODAY() + datetime.timedelta(days=2))
    concern = concern_raise(actor=bob, mentorship=mentorship, text="Mentee aflyser hele tiden")
    concern_resolve(actor=alice, concern=concern)
    concern.refresh_from_db()
    assert concern.resolved_by == alice
    actions = set(AuditEntry.objects.filter(object_id=str(mentorship.pk)).values_list("action", flat=True))
    assert {"milestone.add", "concern.raise", "concern.resolve"} <= actions
    assert AuditEntry.objects.get(action="concern.raise").changes["text"] == "***"


# --- Selectors ------------------------------------------------------------------------------------------------------


def test_a_mentorship_counts_once_it_has_the_programmes_number_of_meetings(world: Any, alice: Any) -> None:
    world.kbh_programme.meeting_threshold = 2
    world.kbh_programme.save()
    one, two = make_mentorship(world.kbh_programme), make_mentorship(world.kbh_programme, mentee_name="Omar")
    add_meetings(one, 1)
    add_meetings(two, 2)
    rows = {m.pk: m for m in mentorship_list(alice, MentorshipFilters())}
    assert (rows[one.pk].meeting_count, rows[one.pk].counts) == (1, False)  # type: ignore[attr-defined]
    assert (rows[two.pk].meeting_count, rows[two.pk].counts) == (2, True)  # type: ignore[attr-defined]


def test_inactivity_counts_from_the_last_meeting_or_the_start(world: Any, alice: Any) -> None:
    quiet = make_mentorship(world.kbh_programme, days_ago=40)  # no meeting, started 40 days ago
    recent = make_mentorship(world.kbh_programme, days_ago=40, mentee_name="Omar")
    add_meetings(recent, 1, days_ago=3)
    new = make_mentorship(world.kbh_programme, days_ago=5, mentee_name="Sara")
    old_meeting = make_mentorship(world.kbh_programme, days_ago=100, mentee_name="Lina")
    add_meetings(old_meeting, 1, days_ago=29)
    paused = make_mentorship(world.kbh_programme, days_ago=100, mentee_name="Ali")
    mentorship_pause(actor=alice, mentorship=paused)
    inactive = {m.pk for m in mentorship_list(alice, MentorshipFilters(inactive=True))}
    assert inactive == {quiet.pk, old_meeting.pk}
    assert new.pk not in inactive

    panel = mentorships_panel(alice, {world.kbh.pk})
    assert (panel.active, panel.paused, panel.inactive_count) == (4, 1, 2)
    assert [m.pk for m in panel.inactive] == [quiet.pk, old_meeting.pk]  # quiet the longest first


def test_the_mentor_panel_shows_only_the_mentors_own_open_mentorships(
    world: Any, alice: Any, bob: Any, bobs_mentor: Any
) -> None:
    own = make_mentorship(world.kbh_programme, mentor=bobs_mentor)
    closed = make_mentorship(world.kbh_programme, mentor=bobs_mentor, mentee_name="Omar")
    mentorship_close(actor=alice, mentorship=closed, reason="completed")
    make_mentorship(world.kbh_programme, mentee_name="Sara")  # another mentor's
    assert [m.pk for m in mentor_panel(bob).mentorships] == [own.pk]
    assert mentor_panel(alice).mentorships == []


# --- The reminder ---------------------------------------------------------------------------------------------------


def test_the_inactivity_reminder_is_sent_once_per_quiet_period(
    world: Any, bob: Any, bobs_mentor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    mentorship = make_mentorship(world.kbh_programme, mentor=bobs_mentor, days_ago=60)
    make_mentorship(world.kbh_programme, days_ago=3, mentee_name="Omar")  # too new to remind about
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_inactive(timezone.now()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_inactive(timezone.now()) == 0  # safe to rerun
    message = Message.objects.get()
    assert message.person == bobs_mentor
    assert message.key == f"mentorships.inactivity:{mentorship.pk}:{mentorship.start_date.isoformat()}"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [bobs_mentor.email]
    assert f"/forloeb/{mentorship.pk}/moeder/ny/" in mail.outbox[0].body
    assert "Amina" in mail.outbox[0].subject

    # A meeting long ago starts a new quiet period: one new reminder.
    add_meetings(mentorship, 1, days_ago=30)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_inactive(timezone.now()) == 1
    assert Message.objects.count() == 2


def test_a_mentor_without_an_e_mail_address_is_reminded_by_sms(
    world: Any, bob: Any, django_capture_on_commit_callbacks: Any
) -> None:
    mentor = make_mentor(world.kbh, first_name="Karen")
    Person.objects.filter(pk=mentor.pk).update(email="", phone="+4512345678")
    make_mentorship(world.kbh_programme, mentor=mentor, days_ago=60)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_inactive(timezone.now()) == 1
    assert Message.objects.get().channel == "sms"
    assert mail.outbox == []


# --- Data rights ----------------------------------------------------------------------------------------------------


def test_the_export_holds_the_mentorships_and_erasure_empties_their_free_text(world: Any, alice: Any, bob: Any) -> None:
    mentorship = make_mentorship(world.kbh_programme)
    _log(alice, mentorship, note="Talte om SU")
    concern_raise(actor=bob, mentorship=mentorship, text="Bekymret for Amina")
    milestone_add(actor=alice, mentorship=mentorship, kind="job", date=TODAY(), note="Job i Netto")

    exported = str(person_data_export(actor=alice, person=mentorship.mentee))
    assert "Talte om SU" in exported and "Job i Netto" in exported
    assert "Bekymret for Amina" not in exported  # the mentor's concern is for the coordinators only
    assert "Bekymret for Amina" in str(person_data_export(actor=alice, person=mentorship.mentor))

    person_anonymise(actor=alice, person=mentorship.mentee)
    mentorship.refresh_from_db()
    assert mentorship.goals == ""
    assert set(mentorship.meetings.values_list("note", flat=True)) == {""}
    assert set(mentorship.milestones.values_list("note", flat=True)) == {""}
    assert "Amina" not in mentorship.concerns.get().text
    entries = AuditEntry.objects.filter(object_id=str(mentorship.pk), content_type__model="mentorship")
    assert all("Amina" not in e.object_repr for e in entries)
    assert mentorship.meetings.count() == 1  # still counted in statistics
