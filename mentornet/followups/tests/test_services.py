from __future__ import annotations

import datetime
import re
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from mentornet.core.models import AuditEntry
from mentornet.followups.models import Document, ExitEvaluation, FollowUp, Outcome, WorkAbilityAssessment
from mentornet.followups.notifications import (
    mark_no_answer,
    remind_follow_ups,
    send_exit_evaluations,
    send_follow_ups,
)
from mentornet.followups.selectors import certificate_available, followups_panel, get_followup_by_token
from mentornet.followups.services import (
    AlreadyAnswered,
    Erased,
    _new_evaluation,
    document_request,
    evaluation_answer,
    follow_up_answer,
    follow_up_record_phone,
    followups_schedule,
    work_ability_save,
)
from mentornet.followups.tests.conftest import due_follow_up, evaluation_of, make_mentorship
from mentornet.mentorships.models import planned_end_for
from mentornet.notifications.models import Message
from mentornet.people.models import Person
from mentornet.people.services.rights import person_anonymise, person_data_export

pytestmark = pytest.mark.django_db

ASSESSMENT = {
    "period_start": datetime.date(2026, 1, 5),
    "period_end": datetime.date(2026, 4, 30),
    **dict.fromkeys(("attendance", "pace", "cooperation", "instructions", "independence", "danish"), 4),
    "physical": None,
    **{
        f"{name}_comment": ""
        for name in ("attendance", "pace", "cooperation", "instructions", "independence", "danish", "physical")
    },
    "attendance_comment": "Altid til tiden.",
    "overall": "Klar til job med få hensyn.",
    "recommendation": "job_considerations",
    "recommendation_note": "",
}


def test_scheduling_is_idempotent_and_skips_rematches_and_open_mentorships(world: Any) -> None:
    closed = make_mentorship(world.kbh_programme, closed_days_ago=3)
    make_mentorship(world.kbh_programme, closed_days_ago=3, reason="rematch")
    make_mentorship(world.kbh_programme)
    assert followups_schedule() == (1, 2)
    assert followups_schedule() == (0, 0)
    follow_up = FollowUp.objects.get()
    assert follow_up.mentorship == closed
    assert closed.closed_on is not None
    assert follow_up.due_on == planned_end_for(closed.closed_on, world.kbh_programme.follow_up_months)
    assert set(ExitEvaluation.objects.values_list("side", flat=True)) == {"mentor", "mentee"}


def test_exit_evaluations_are_sent_once_to_both_sides(world: Any, django_capture_on_commit_callbacks: Any) -> None:
    make_mentorship(world.kbh_programme, closed_days_ago=1)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_exit_evaluations(now) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert send_exit_evaluations(now) == 0
    assert len(mail.outbox) == 2
    assert {m.to[0] for m in mail.outbox} == {m.person.email for m in Message.objects.all() if m.person}
    assert all("/evaluering/" in m.body for m in mail.outbox)
    assert ExitEvaluation.objects.filter(sent_at__isnull=True).count() == 0


def test_a_follow_up_is_sent_when_due_and_only_once(world: Any, django_capture_on_commit_callbacks: Any) -> None:
    follow_up, _path = due_follow_up(world.kbh_programme)
    not_yet = make_mentorship(world.kbh_programme, closed_days_ago=10)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_follow_ups(now) == 1
        assert send_follow_ups(now) == 0
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUp.State.SENT
    assert follow_up.answer_by is not None
    assert FollowUp.objects.get(mentorship=not_yet).state == FollowUp.State.SCHEDULED
    messages = Message.objects.filter(code="followups.follow_up")
    assert messages.count() == 1
    body = [m for m in mail.outbox if "/opfoelgning/svar/" in str(m.body)]
    assert len(body) == 1
    token = re.search(r"/opfoelgning/svar/([^/]+)/", str(body[0].body))
    assert token is not None
    assert get_followup_by_token(token.group(1)) == follow_up
    assert token.group(1) not in follow_up.token_hash


def test_a_follow_up_due_long_ago_is_left_for_a_call_and_periodic_reruns_send_nothing_twice(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    old = make_mentorship(world.kbh_programme, closed_days_ago=400)
    due_follow_up(world.kbh_programme)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("periodic", stdout=StringIO())
    sent = Message.objects.filter(code__startswith="followups.").count()
    assert sent == 1  # the follow-up due now; the old one is not sent, nor are evaluations of old closures
    assert FollowUp.objects.get(mentorship=old).state == FollowUp.State.SCHEDULED
    with django_capture_on_commit_callbacks(execute=True):
        call_command("periodic", stdout=StringIO())
    assert Message.objects.filter(code__startswith="followups.").count() == sent
    assert len([m for m in mail.outbox if "/opfoelgning/svar/" in str(m.body)]) == 1


def test_an_erased_mentee_or_one_without_an_address_gets_no_follow_up(world: Any) -> None:
    follow_up, _path = due_follow_up(world.kbh_programme)
    Person.objects.filter(pk=follow_up.mentorship.mentee_id).update(email="", phone="")
    assert send_follow_ups(timezone.now()) == 0
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUp.State.SCHEDULED


def test_a_mentee_who_has_not_answered_gets_one_reminder(world: Any) -> None:
    follow_up, _path = due_follow_up(world.kbh_programme)
    now = timezone.now()
    send_follow_ups(now)
    assert remind_follow_ups(now + datetime.timedelta(days=13)) == 0
    assert remind_follow_ups(now + datetime.timedelta(days=15)) == 1
    assert remind_follow_ups(now + datetime.timedelta(days=16)) == 0
    follow_up_answer(follow_up=follow_up, outcome=Outcome.JOB)
    assert Message.objects.filter(code="followups.follow_up_reminder").count() == 1
    other, _path = due_follow_up(world.kbh_programme)
    send_follow_ups(now)
    follow_up_answer(follow_up=other, outcome=Outcome.JOB)
    assert remind_follow_ups(now + datetime.timedelta(days=15)) == 0  # answered: no reminder


def test_no_answer_after_the_deadline_is_an_outcome_of_its_own(world: Any, alice: Any) -> None:
    follow_up, _path = due_follow_up(world.kbh_programme)
    send_follow_ups(timezone.now())
    assert mark_no_answer(timezone.now()) == 0
    assert FollowUp.objects.get().state == FollowUp.State.SENT
    mark_no_answer(timezone.now() + datetime.timedelta(days=31))
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUp.State.NO_ANSWER
    assert follow_up.outcome == ""
    assert AuditEntry.objects.filter(action="followup.no_answer").count() == 1
    mark_no_answer(timezone.now() + datetime.timedelta(days=32))
    assert AuditEntry.objects.filter(action="followup.no_answer").count() == 1
    # The coordinator can still record the answer by phone.
    follow_up_record_phone(actor=alice, follow_up=follow_up, outcome=Outcome.JOB, place="Netto")
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUp.State.PHONE


def test_the_link_answers_once_and_a_second_answer_changes_nothing(world: Any) -> None:
    follow_up, _path = due_follow_up(world.kbh_programme)
    follow_up_answer(follow_up=follow_up, outcome=Outcome.EDUCATION, place="KEA")
    with pytest.raises(AlreadyAnswered):
        follow_up_answer(follow_up=follow_up, outcome=Outcome.JOB, place="Netto")
    follow_up.refresh_from_db()
    assert (follow_up.state, follow_up.outcome, follow_up.place) == ("answered", "education", "KEA")
    assert AuditEntry.objects.filter(action="followup.answer").count() == 1


def test_a_phone_answer_does_not_overwrite_the_mentees_own(world: Any, alice: Any) -> None:
    follow_up, _path = due_follow_up(world.kbh_programme)
    follow_up_answer(follow_up=follow_up, outcome=Outcome.BOTH)
    with pytest.raises(ValidationError):
        follow_up_record_phone(actor=alice, follow_up=follow_up, outcome=Outcome.OTHER)
    follow_up.refresh_from_db()
    assert follow_up.outcome == Outcome.BOTH


def test_an_unknown_outcome_is_refused(world: Any) -> None:
    follow_up, _path = due_follow_up(world.kbh_programme)
    with pytest.raises(ValidationError):
        follow_up_answer(follow_up=follow_up, outcome="unemployed")
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUp.State.SCHEDULED


def test_after_erasure_nothing_is_stored(world: Any, alice: Any) -> None:
    follow_up, _path = due_follow_up(world.kbh_programme)
    person_anonymise(actor=alice, person=follow_up.mentorship.mentee)
    with pytest.raises(Erased):
        follow_up_answer(follow_up=follow_up, outcome=Outcome.JOB, place="Netto")
    follow_up.refresh_from_db()
    assert (follow_up.state, follow_up.place) == ("scheduled", "")


def test_an_exit_evaluation_is_answered_once(world: Any) -> None:
    mentorship = make_mentorship(world.kbh_programme, closed_days_ago=2)
    followups_schedule()
    evaluation = evaluation_of(mentorship, "mentee")
    data = {"overall": 5, "helped": 4, "recommend": True, "comment": "Tak for hjælpen"}
    evaluation_answer(evaluation=evaluation, data=data)
    with pytest.raises(AlreadyAnswered):
        evaluation_answer(evaluation=evaluation, data={**data, "overall": 1})
    evaluation.refresh_from_db()
    assert (evaluation.overall, evaluation.recommend) == (5, True)


def test_the_certificate_needs_the_programmes_number_of_meetings(world: Any) -> None:
    programme = world.kbh_programme
    assert programme.meeting_threshold == 2
    assert not certificate_available(make_mentorship(programme, meetings=1), 1)
    assert certificate_available(make_mentorship(programme, meetings=2), 2)
    assert certificate_available(make_mentorship(programme, meetings=2, closed_days_ago=1), 2)
    stopped = make_mentorship(programme, meetings=5, closed_days_ago=1, reason="mentee_stopped")
    assert not certificate_available(stopped, 5)


def test_the_certificate_is_rendered_in_the_background(world: Any, alice: Any) -> None:
    mentorship = make_mentorship(world.kbh_programme, meetings=3, closed_days_ago=1)
    with pytest.raises(ValidationError):
        document_request(actor=alice, mentorship=make_mentorship(world.kbh_programme, meetings=1), kind="certificate")
    document = document_request(actor=alice, mentorship=mentorship, kind="certificate")
    document.refresh_from_db()
    assert document.state == Document.State.PENDING  # the task runs after the commit


def test_only_a_praktik_has_a_work_ability_assessment(world: Any, alice: Any) -> None:
    with pytest.raises(ValidationError):
        work_ability_save(actor=alice, mentorship=make_mentorship(world.kbh_programme), data=ASSESSMENT)
    praktik = make_mentorship(world.kbh_programme, kind="praktik", workplace="Netto")
    assessment = work_ability_save(actor=alice, mentorship=praktik, data=ASSESSMENT)
    again = work_ability_save(actor=alice, mentorship=praktik, data={**ASSESSMENT, "overall": "Ny tekst"})
    assert again.pk == assessment.pk
    assert AuditEntry.objects.filter(action__startswith="work_ability.").count() == 2
    with pytest.raises(ValidationError):
        work_ability_save(actor=alice, mentorship=praktik, data={**ASSESSMENT, "period_end": datetime.date(2025, 1, 1)})


def test_the_panel_counts_due_and_unanswered_follow_ups(world: Any, alice: Any, charlie: Any) -> None:
    due_follow_up(world.kbh_programme)
    panel = followups_panel(alice, {world.kbh.pk})
    assert (panel.due, panel.total, len(panel.first)) == (1, 1, 1)
    assert followups_panel(charlie, {world.tingbjerg.pk}).total == 0


def test_the_panel_costs_the_same_queries_for_more_follow_ups(
    world: Any, alice: Any, django_assert_num_queries: Any
) -> None:
    due_follow_up(world.kbh_programme)
    followups_panel(alice, {world.kbh.pk})  # the user's branches are cached for the request, as in a view
    with django_assert_num_queries(2):
        followups_panel(alice, {world.kbh.pk})
    for _ in range(8):
        due_follow_up(world.kbh_programme)
    with django_assert_num_queries(2):
        panel = followups_panel(alice, {world.kbh.pk})
        assert [f.mentorship.mentee.first_name for f in panel.first] == ["Amina"] * 5
    assert panel.due == 9


def test_the_export_holds_the_follow_up_and_erasure_blanks_the_free_texts(world: Any, alice: Any) -> None:
    follow_up, _path = due_follow_up(world.kbh_programme, kind="praktik")
    follow_up_answer(follow_up=follow_up, outcome=Outcome.JOB, place="Netto Valby")
    mentorship = follow_up.mentorship
    _new_evaluation(mentorship, "mentee").save()  # closed too long ago to be asked: made by hand here
    evaluation_answer(
        evaluation=evaluation_of(mentorship, "mentee"),
        data={"overall": 4, "helped": 4, "recommend": True, "comment": "Min mentor hjalp mig"},
    )
    work_ability_save(actor=alice, mentorship=mentorship, data=ASSESSMENT)
    text = str(person_data_export(actor=alice, person=mentorship.mentee))
    assert "Netto Valby" in text
    assert "Min mentor hjalp mig" in text
    assert "Altid til tiden." in text
    person_anonymise(actor=alice, person=mentorship.mentee)
    follow_up.refresh_from_db()
    assert (follow_up.place, follow_up.outcome) == ("", Outcome.JOB)
    assert evaluation_of(mentorship, "mentee").comment == ""
    assessment = WorkAbilityAssessment.objects.get(mentorship=mentorship)
    assert (assessment.attendance_comment, assessment.overall, assessment.attendance) == ("", "", 4)
