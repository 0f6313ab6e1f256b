"""Proposals through their life: reservation, choice, answer, first meeting, expiry; batch runs; settings."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentornet.core.models import AuditEntry
from mentornet.matching.models import Candidate, Exclusion, MatchRun, Proposal
from mentornet.matching.records import places_taken, waiting_list
from mentornet.matching.services import (
    first_meeting_record,
    match_run_accept,
    match_run_start,
    matching_settings_update,
    mentor_respond,
    proposal_choose,
    proposal_create,
    proposal_token,
    proposal_withdraw,
    proposals_expire,
)
from mentornet.matching.tests.conftest import make_mentor, make_waiting, support
from mentornet.notifications import sms
from mentornet.people.models import Status

pytestmark = pytest.mark.django_db


def _propose(alice: Any, world: Any, mentee: Any, *mentors: Any) -> Proposal:
    return proposal_create(
        actor=alice, mentee=mentee, programme=world.kbh_programme, mentor_ids=[m.pk for m in mentors]
    )


def test_a_proposal_records_what_was_shown_and_reserves_the_mentors(
    world: Any, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    cv = support("CV")
    good = make_mentor(world.kbh, competences=[cv], presentation="Jeg arbejder i en bank.")
    other = make_mentor(world.kbh)
    mentee = make_waiting(world.kbh, needs=[cv])

    with django_capture_on_commit_callbacks(execute=True):
        proposal = _propose(alice, world, mentee, other, good)

    shown = list(proposal.candidates.order_by("rank"))
    assert [c.mentor_id for c in shown] == [good.pk, other.pk]  # best score first
    assert shown[0].score > shown[1].score
    assert shown[0].reasons[0]["criterion"] == "needs" and shown[0].reasons[0]["matched"] == [cv.pk]
    assert shown[0].presentation == "Jeg arbejder i en bank."
    assert places_taken([good.pk, other.pk]) == {good.pk: 1, other.pk: 1}
    assert timezone.localdate(proposal.expires_at) == timezone.localdate() + datetime.timedelta(days=14)
    assert mentee not in waiting_list(world.kbh_programme)
    assert AuditEntry.objects.filter(action="proposal.create", object_id=str(mentee.pk)).exists()
    # The mentee gets the link; it opens the proposal, and only its hash is stored.
    assert mail.outbox[-1].to == [mentee.email]
    assert proposal_token(proposal) in mail.outbox[-1].body
    assert proposal_token(proposal) not in proposal.token_hash


def test_a_mentee_with_only_a_phone_number_gets_the_link_by_text_message(
    world: Any, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    mentee = make_waiting(world.kbh, email="", phone="+4512345678")
    with django_capture_on_commit_callbacks(execute=True):
        proposal = _propose(alice, world, mentee, make_mentor(world.kbh))
    [(to, text)] = sms.outbox
    assert to == "+4512345678"
    assert proposal_token(proposal) in text
    assert mail.outbox == []


def test_a_reserved_mentor_with_one_place_cannot_be_proposed_again(world: Any, alice: Any) -> None:
    mentor = make_mentor(world.kbh, capacity=1)
    first, second = make_waiting(world.kbh), make_waiting(world.kbh)
    _propose(alice, world, first, mentor)

    with pytest.raises(ValidationError) as refused:
        _propose(alice, world, second, mentor)

    assert "ingen ledig plads" in " ".join(refused.value.messages)
    assert not Proposal.objects.filter(mentee=second).exists()


def test_a_mentor_with_two_places_can_be_proposed_twice(world: Any, alice: Any) -> None:
    mentor = make_mentor(world.kbh, capacity=2)
    _propose(alice, world, make_waiting(world.kbh), mentor)
    _propose(alice, world, make_waiting(world.kbh), mentor)
    assert places_taken([mentor.pk]) == {mentor.pk: 2}


def test_a_proposal_cannot_hold_more_mentors_than_the_programme_allows(world: Any, alice: Any) -> None:
    mentors = [make_mentor(world.kbh) for _ in range(3)]
    with pytest.raises(ValidationError, match="højst 2"):
        _propose(alice, world, make_waiting(world.kbh), *mentors)


def test_a_mentor_failing_a_hard_constraint_is_refused_with_the_reason(world: Any, alice: Any) -> None:
    arabic_only = make_mentor(world.kbh, languages=("ar",))
    with pytest.raises(ValidationError, match="intet fælles sprog"):
        _propose(alice, world, make_waiting(world.kbh, languages=("da",)), arabic_only)


def test_a_mentee_has_one_proposal_in_progress_at_a_time(world: Any, alice: Any) -> None:
    mentee = make_waiting(world.kbh)
    _propose(alice, world, mentee, make_mentor(world.kbh))
    with pytest.raises(ValidationError, match="allerede"):
        _propose(alice, world, mentee, make_mentor(world.kbh))


def test_choosing_keeps_the_chosen_mentors_place_and_frees_the_other(
    world: Any, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    chosen, other = make_mentor(world.kbh), make_mentor(world.kbh)
    proposal = _propose(alice, world, make_waiting(world.kbh), chosen, other)

    with django_capture_on_commit_callbacks(execute=True):
        proposal_choose(actor=None, proposal=proposal, mentor_id=chosen.pk)

    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.CHOSEN and proposal.chosen_via == Proposal.Via.LINK
    assert places_taken([chosen.pk, other.pk]) == {chosen.pk: 1}
    assert mail.outbox[-1].to == [chosen.email]
    with pytest.raises(ValidationError):  # a second choice through a reused link changes nothing
        proposal_choose(actor=None, proposal=proposal, mentor_id=other.pk)
    assert Candidate.objects.get(proposal=proposal, mentor=other).state == Candidate.State.NOT_CHOSEN


def test_the_mentor_accepting_matches_the_mentee(world: Any, alice: Any, bob: Any) -> None:
    mentor = make_mentor(world.kbh, user=bob)
    mentee = make_waiting(world.kbh)
    proposal = _propose(alice, world, mentee, mentor)
    proposal_choose(actor=alice, proposal=proposal, mentor_id=mentor.pk)

    mentor_respond(actor=bob, candidate=proposal.candidates.get(), accept=True)

    proposal.refresh_from_db()
    mentee.refresh_from_db()
    assert proposal.state == Proposal.State.ACCEPTED
    assert mentee.status == Status.MATCHED
    assert places_taken([mentor.pk]) == {mentor.pk: 1}


def test_a_closed_mentorship_frees_the_mentors_place(world: Any, alice: Any, bob: Any) -> None:
    from mentornet.mentorships.models import Mentorship
    from mentornet.mentorships.services import mentorship_close, mentorship_pause

    mentor = make_mentor(world.kbh, user=bob, capacity=1)
    proposal = _propose(alice, world, make_waiting(world.kbh), mentor)
    proposal_choose(actor=alice, proposal=proposal, mentor_id=mentor.pk)
    mentor_respond(actor=bob, candidate=proposal.candidates.get(), accept=True)
    mentorship = Mentorship.objects.get(proposal=proposal)

    mentorship_pause(actor=alice, mentorship=mentorship)
    assert places_taken([mentor.pk]) == {mentor.pk: 1}  # a paused mentorship still holds the place
    with pytest.raises(ValidationError):
        _propose(alice, world, make_waiting(world.kbh), mentor)

    mentorship_close(actor=alice, mentorship=mentorship, reason="completed")
    assert places_taken([mentor.pk]) == {}
    assert _propose(alice, world, make_waiting(world.kbh), mentor).candidates.get().mentor == mentor


def test_the_mentor_declining_reopens_the_mentee_and_excludes_the_mentor(world: Any, alice: Any, bob: Any) -> None:
    mentor = make_mentor(world.kbh, user=bob)
    mentee = make_waiting(world.kbh)
    proposal = _propose(alice, world, mentee, mentor)
    proposal_choose(actor=alice, proposal=proposal, mentor_id=mentor.pk)

    with pytest.raises(ValidationError):
        mentor_respond(actor=bob, candidate=proposal.candidates.get(), accept=False, reason=" ")
    mentor_respond(actor=bob, candidate=proposal.candidates.get(), accept=False, reason="Jeg flytter til Aarhus")

    proposal.refresh_from_db()
    mentee.refresh_from_db()
    assert proposal.state == Proposal.State.DECLINED
    assert mentee.status == Status.WAITING
    assert mentee in waiting_list(world.kbh_programme)
    assert places_taken([mentor.pk]) == {}
    assert Exclusion.objects.filter(mentee=mentee, mentor=mentor).exists()
    assert proposal.candidates.get().response_reason == "Jeg flytter til Aarhus"


def _first_meeting(world: Any, alice: Any, bob: Any) -> tuple[Proposal, Any, Any]:
    matching_settings_update(actor=alice, programme=world.kbh_programme, data={"first_meeting_step": True})
    mentor = make_mentor(world.kbh, user=bob)
    mentee = make_waiting(world.kbh)
    proposal = _propose(alice, world, mentee, mentor)
    proposal_choose(actor=None, proposal=proposal, mentor_id=mentor.pk)
    mentor_respond(actor=bob, candidate=proposal.candidates.get(), accept=True)
    proposal.refresh_from_db()
    return proposal, mentor, mentee


def test_with_the_first_meeting_step_both_sides_confirm(world: Any, alice: Any, bob: Any) -> None:
    proposal, _mentor, _mentee = _first_meeting(world, alice, bob)
    assert proposal.state == Proposal.State.FIRST_MEETING

    first_meeting_record(actor=None, proposal=proposal, side="mentee", go_on=True)
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.FIRST_MEETING
    first_meeting_record(actor=bob, proposal=proposal, side="mentor", go_on=True)
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.ACCEPTED


def test_a_rematch_after_the_first_meeting_puts_the_mentee_back_on_the_list(world: Any, alice: Any, bob: Any) -> None:
    proposal, mentor, mentee = _first_meeting(world, alice, bob)

    first_meeting_record(actor=None, proposal=proposal, side="mentee", go_on=False, reason="Vi klikkede ikke")

    proposal.refresh_from_db()
    mentee.refresh_from_db()
    assert proposal.state == Proposal.State.REMATCH and proposal.rematch_asked_by == "mentee"
    assert mentee.status == Status.WAITING
    assert places_taken([mentor.pk]) == {}
    assert Exclusion.objects.filter(mentee=mentee, mentor=mentor).exists()


def test_an_expired_proposal_frees_its_mentors_and_cannot_be_chosen(world: Any, alice: Any) -> None:
    mentor = make_mentor(world.kbh)
    mentee = make_waiting(world.kbh)
    proposal = _propose(alice, world, mentee, mentor)
    Proposal.objects.filter(pk=proposal.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    assert places_taken([mentor.pk]) == {}  # free at once, before the expiry job runs
    assert mentee in waiting_list(world.kbh_programme)
    with pytest.raises(ValidationError):
        proposal_choose(actor=None, proposal=Proposal.objects.get(pk=proposal.pk), mentor_id=mentor.pk)
    assert proposals_expire() == 1
    assert Proposal.objects.get(pk=proposal.pk).state == Proposal.State.EXPIRED


def test_withdrawing_frees_the_mentors(world: Any, alice: Any) -> None:
    mentor = make_mentor(world.kbh)
    proposal = _propose(alice, world, make_waiting(world.kbh), mentor)
    proposal_withdraw(actor=alice, proposal=proposal, reason="Mentee er flyttet")
    assert places_taken([mentor.pk]) == {}
    assert Proposal.objects.get(pk=proposal.pk).state == Proposal.State.WITHDRAWN


def test_the_batch_run_suggests_pairs_and_accepting_makes_proposals(
    world: Any, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    cv, housing = support("CV"), support("Bolig")
    cv_mentor = make_mentor(world.kbh, competences=[cv])
    housing_mentor = make_mentor(world.kbh, competences=[housing])
    wants_cv = make_waiting(world.kbh, needs=[cv])
    wants_housing = make_waiting(world.kbh, needs=[housing])

    with django_capture_on_commit_callbacks(execute=True):
        run = match_run_start(actor=alice, programme=world.kbh_programme)

    run.refresh_from_db()
    assert run.state == MatchRun.State.DONE and run.progress == 100
    firsts = {row["mentee_id"]: row["first"]["mentor_id"] for row in run.result}
    assert firsts == {wants_cv.pk: cv_mentor.pk, wants_housing.pk: housing_mentor.pk}

    made, problems = match_run_accept(actor=alice, run=run, mentee_ids=[wants_cv.pk])
    assert (made, problems) == (1, [])
    proposal = Proposal.objects.get(mentee=wants_cv)
    assert proposal.run == run
    assert proposal.candidates.get(rank=1).mentor == cv_mentor

    # Accepting again does not make a second proposal.
    assert match_run_accept(actor=alice, run=MatchRun.objects.get(pk=run.pk), mentee_ids=[wants_cv.pk]) == (0, [])


def test_accepting_a_pair_whose_mentor_was_taken_since_reports_it(
    world: Any, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    mentor = make_mentor(world.kbh, capacity=1)
    mentee = make_waiting(world.kbh)
    with django_capture_on_commit_callbacks(execute=True):
        run = match_run_start(actor=alice, programme=world.kbh_programme)
    run.refresh_from_db()
    _propose(alice, world, make_waiting(world.kbh), mentor)  # someone took the place meanwhile

    made, problems = match_run_accept(actor=alice, run=run, mentee_ids=[mentee.pk])

    assert made == 0 and "ingen ledig plads" in problems[0]
    assert not Proposal.objects.filter(mentee=mentee).exists()


def test_saving_settings_changes_the_ranking_and_is_audited(world: Any, alice: Any) -> None:
    programme = world.kbh_programme
    data = {"needs": 0, "interests": 50, "max_mentors_proposed": 1, "proposal_expiry_days": 7}
    matching_settings_update(actor=alice, programme=programme, data=data)
    programme.refresh_from_db()
    assert programme.max_mentors_proposed == 1 and programme.proposal_expiry_days == 7
    assert programme.matching.weights == {"needs": 0.0, "interests": 50.0}
    entry = AuditEntry.objects.get(action="matching.settings")
    assert entry.changes["max_mentors_proposed"] == [2, 1]


def test_erasing_a_person_empties_what_matching_kept_about_them(world: Any, alice: Any) -> None:
    from mentornet.people.services.rights import person_anonymise, person_data_export

    mentor = make_mentor(world.kbh, first_name="Karen", presentation="Jeg bor på Nørrebro med min mand Per.")
    mentee = make_waiting(world.kbh)
    proposal = _propose(alice, world, mentee, mentor)
    Exclusion.objects.create(mentee=mentee, mentor=make_mentor(world.kbh), reason="Kender familien Jensen")
    copy = person_data_export(actor=alice, person=mentee)
    assert copy["Forslag"][0]["Mentorer"] == ["Karen"]

    person_anonymise(actor=alice, person=mentor)
    person_anonymise(actor=alice, person=mentee)

    assert proposal.candidates.get().presentation == ""
    assert Exclusion.objects.get(mentee=mentee).reason == "Anonymiseret"
