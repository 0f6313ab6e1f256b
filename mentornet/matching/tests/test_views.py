"""The matching pages as coordinators, mentors and mentees use them."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from mentornet.core.models import AuditEntry
from mentornet.matching.models import Candidate, Exclusion, MatchRun, Proposal
from mentornet.matching.services import proposal_choose, proposal_create, proposal_token
from mentornet.matching.tests.conftest import make_mentor, make_waiting, support
from mentornet.people.models import Status

pytestmark = pytest.mark.django_db


def _find(person: Any) -> str:
    return reverse("matching:find_mentor", args=[person.pk])


def _propose(alice: Any, world: Any, mentee: Any, *mentors: Any) -> Proposal:
    return proposal_create(
        actor=alice, mentee=mentee, programme=world.kbh_programme, mentor_ids=[m.pk for m in mentors]
    )


def test_find_mentor_shows_the_best_candidates_with_reasons_in_danish(client: Any, world: Any, alice: Any) -> None:
    cv = support("CV")
    make_mentor(world.kbh, first_name="Karen", competences=[cv])
    make_mentor(world.kbh, first_name="Jens")
    mentee = make_waiting(world.kbh, needs=[cv])
    client.force_login(alice)

    body = client.get(_find(mentee)).content.decode()

    assert "Bedste kandidater" in body
    assert body.index("Karen") < body.index("Jens")
    assert "Kan hjælpe med: CV" in body
    assert 'name="mentor" value=' in body and "checked" in body  # the top N are ticked


def test_with_no_eligible_mentor_the_page_says_which_rule_excluded_whom(client: Any, world: Any, alice: Any) -> None:
    make_mentor(world.kbh, languages=("ar",))
    make_mentor(world.kbh, languages=("ar",))
    mentee = make_waiting(world.kbh, languages=("da",))
    full = make_mentor(world.kbh, capacity=1)
    _propose(alice, world, make_waiting(world.kbh), full)
    Exclusion.objects.create(mentee=mentee, mentor=make_mentor(world.kbh), reason="Kender familien")
    client.force_login(alice)

    body = client.get(_find(mentee)).content.decode()

    assert "Ingen mentor kan foreslås" in body
    assert "Intet fælles sprog: 2 mentorer" in body
    assert "Ingen ledig plads (matchet eller reserveret i andre forslag): 1 mentor" in body
    assert "Udelukket af en koordinator for denne mentee: 1 mentor" in body


def test_sending_a_proposal_reserves_the_ticked_mentors(client: Any, world: Any, alice: Any) -> None:
    karen, jens = make_mentor(world.kbh), make_mentor(world.kbh)
    mentee = make_waiting(world.kbh)
    client.force_login(alice)

    response = client.post(_find(mentee), {"mentor": [karen.pk, jens.pk]})

    proposal = Proposal.objects.get(mentee=mentee)
    assert response["Location"] == reverse("matching:proposal_detail", args=[proposal.pk])
    assert set(proposal.candidates.values_list("mentor_id", flat=True)) == {karen.pk, jens.pk}
    # While the proposal is open, "Find mentor" leads to it rather than to a second proposal.
    assert client.get(_find(mentee))["Location"] == response["Location"]


def test_sending_without_a_ticked_mentor_says_so(client: Any, world: Any, alice: Any) -> None:
    make_mentor(world.kbh)
    mentee = make_waiting(world.kbh)
    client.force_login(alice)
    body = client.post(_find(mentee), {}).content.decode()
    assert "Sæt flueben ved mindst én mentor" in body
    assert not Proposal.objects.exists()


def test_a_mentor_reserved_meanwhile_is_refused_and_the_ticks_are_kept(client: Any, world: Any, alice: Any) -> None:
    """Two coordinators, one free place: the one who sends second is told, and nothing is double-booked."""
    last_place = make_mentor(world.kbh, capacity=1, first_name="Lone")
    other = make_mentor(world.kbh, first_name="Ole")
    first, second = make_waiting(world.kbh), make_waiting(world.kbh)
    client.force_login(alice)
    client.get(_find(second))  # the second coordinator has the page open…
    _propose(alice, world, first, last_place)  # …when the first one proposes Lone

    response = client.post(_find(second), {"mentor": [last_place.pk, other.pk]})

    body = response.content.decode()
    assert response.status_code == 200
    assert "Lone Hansen kan ikke foreslås: ingen ledig plads" in body
    assert f'value="{other.pk}" id="mentor-{other.pk}" checked' in body
    assert not Proposal.objects.filter(mentee=second).exists()
    assert Candidate.objects.filter(mentor=last_place).count() == 1


def test_the_manual_search_finds_eligible_mentors_by_name(client: Any, world: Any, alice: Any) -> None:
    for _ in range(3):
        make_mentor(world.kbh)
    make_mentor(world.kbh, first_name="Zenia")
    mentee = make_waiting(world.kbh)
    client.force_login(alice)

    body = client.get(_find(mentee), {"q": "zen"}, headers={"HX-Request": "true"}).content.decode()

    assert "Zenia" in body
    assert "Person" not in body.replace("Zenia Hansen", "")  # only the match (the top N are outside the partial)


def test_excluding_a_mentor_takes_them_off_the_list_until_undone(client: Any, world: Any, alice: Any) -> None:
    mentor = make_mentor(world.kbh, first_name="Kasper")
    mentee = make_waiting(world.kbh)
    client.force_login(alice)

    missing_reason = client.post(
        reverse("matching:exclusion_create", args=[mentee.pk]), {"mentor": mentor.pk}, follow=True
    )
    assert "Skriv hvorfor" in missing_reason.content.decode()
    client.post(reverse("matching:exclusion_create", args=[mentee.pk]), {"mentor": mentor.pk, "reason": "Nabo"})
    exclusion = Exclusion.objects.get(mentee=mentee)
    assert exclusion.reason == "Nabo"
    body = client.get(_find(mentee)).content.decode()
    assert "Udelukket af en koordinator for denne mentee: 1 mentor" in body

    client.post(reverse("matching:exclusion_delete", args=[mentee.pk, exclusion.pk]))
    assert not Exclusion.objects.exists()
    assert AuditEntry.objects.filter(action__in=["matching.exclude", "matching.include"]).count() == 2


def test_matching_pages_of_another_branch_answer_404_and_mentors_get_403(
    client: Any, world: Any, alice: Any, bob: Any, charlie: Any
) -> None:
    mentor = make_mentor(world.kbh)
    mentee = make_waiting(world.kbh)
    proposal = _propose(alice, world, mentee, mentor)
    urls = [
        _find(mentee),
        reverse("matching:proposal_detail", args=[proposal.pk]),
        reverse("matching:batch", args=[world.kbh_programme.pk]),
        reverse("matching:settings", args=[world.kbh_programme.pk]),
    ]
    client.force_login(charlie)
    assert [client.get(url).status_code for url in urls] == [404, 404, 404, 404]
    client.force_login(bob)
    assert [client.get(url).status_code for url in urls] == [403, 403, 403, 403]


# --- The mentee's link --------------------------------------------------------------------------------------------


def test_the_mentee_chooses_through_the_link_without_logging_in(client: Any, world: Any, alice: Any) -> None:
    karen = make_mentor(world.kbh, first_name="Karen", presentation="Jeg er sygeplejerske og elsker at bage.")
    jens = make_mentor(world.kbh, first_name="Jens")
    proposal = _propose(alice, world, make_waiting(world.kbh, first_name="Amina"), karen, jens)
    url = reverse("matching:choose", args=[proposal_token(proposal)])

    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert "Hej Amina. Vælg din mentor" in body
    assert "Jeg er sygeplejerske og elsker at bage." in body
    assert "Hansen" not in body  # first names only, no scores or reasons
    assert "Point" not in body and "Kan hjælpe med" not in body

    missing = client.post(url, {})
    assert "Vælg en af mentorerne." in missing.content.decode()

    assert client.post(url, {"mentor": karen.pk})["Location"] == url
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.CHOSEN and proposal.chosen_via == "link"
    thanks = client.get(url).content.decode()
    assert "Du har valgt Karen" in thanks

    # The link used again changes nothing.
    again = client.post(url, {"mentor": jens.pk})
    assert "Du har valgt Karen" in again.content.decode()
    assert Candidate.objects.get(proposal=proposal, mentor=jens).state == Candidate.State.NOT_CHOSEN


def test_an_expired_link_shows_a_friendly_page_and_changes_nothing(client: Any, world: Any, alice: Any) -> None:
    mentor = make_mentor(world.kbh)
    proposal = _propose(alice, world, make_waiting(world.kbh), mentor)
    Proposal.objects.filter(pk=proposal.pk).update(expires_at=timezone.now() - datetime.timedelta(hours=1))
    url = reverse("matching:choose", args=[proposal_token(proposal)])

    response = client.post(url, {"mentor": mentor.pk})

    assert response.status_code == 410
    assert "Linket er ikke længere åbent" in response.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).state == Proposal.State.OPEN
    assert client.get(reverse("matching:choose", args=["x" * 43])).status_code == 404


# --- The mentor's side --------------------------------------------------------------------------------------------


def test_the_chosen_mentor_declines_with_a_reason_and_the_mentee_waits_again(
    client: Any, world: Any, alice: Any, bob: Any, mentor_user: Any
) -> None:
    mentee = make_waiting(world.kbh, first_name="Amina")
    proposal = _propose(alice, world, mentee, mentor_user)
    proposal_choose(actor=None, proposal=proposal, mentor_id=mentor_user.pk)
    candidate = proposal.candidates.get()
    client.force_login(bob)

    assert "Amina" in client.get(reverse("matching:my_proposals")).content.decode()
    url = reverse("matching:my_proposal_respond", args=[candidate.pk])
    no_reason = client.post(url, {"answer": "decline"})
    assert "Fortæl koordinatoren, hvorfor du siger nej." in no_reason.content.decode()
    client.post(url, {"answer": "decline", "reason": "Jeg skal flytte"})

    proposal.refresh_from_db()
    mentee.refresh_from_db()
    assert proposal.state == Proposal.State.DECLINED and mentee.status == Status.WAITING
    assert "Amina" not in client.get(reverse("matching:my_proposals")).content.decode()
    client.force_login(alice)
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert "Mangler et nyt forslag" in dashboard and "Amina" in dashboard


def test_the_chosen_mentor_accepts_and_the_mentee_is_matched(
    client: Any, world: Any, alice: Any, bob: Any, mentor_user: Any
) -> None:
    mentee = make_waiting(world.kbh)
    proposal = _propose(alice, world, mentee, mentor_user)
    proposal_choose(actor=alice, proposal=proposal, mentor_id=mentor_user.pk)
    client.force_login(bob)
    assert "1 mentee har valgt dig" in client.get(reverse("core:dashboard")).content.decode()

    client.post(reverse("matching:my_proposal_respond", args=[proposal.candidates.get().pk]), {"answer": "accept"})

    mentee.refresh_from_db()
    assert mentee.status == Status.MATCHED


def test_another_mentors_candidacy_answers_404(client: Any, world: Any, alice: Any, bob: Any) -> None:
    other = make_mentor(world.kbh)
    proposal = _propose(alice, world, make_waiting(world.kbh), other)
    proposal_choose(actor=alice, proposal=proposal, mentor_id=other.pk)
    make_mentor(world.kbh, user=bob)
    client.force_login(bob)
    url = reverse("matching:my_proposal_respond", args=[proposal.candidates.get().pk])
    assert client.get(url).status_code == 404


def test_a_mentor_writes_the_presentation_mentees_see(client: Any, world: Any, bob: Any, mentor_user: Any) -> None:
    client.force_login(bob)
    url = reverse("matching:my_presentation")
    assert client.post(url, {"presentation": "<b>Hej</b>"}).status_code == 200  # markup refused, text kept
    client.post(url, {"presentation": "Jeg er lærer og spiller skak."})
    mentor_user.mentor_profile.refresh_from_db()
    assert mentor_user.mentor_profile.presentation == "Jeg er lærer og spiller skak."
    entry = AuditEntry.objects.get(action="matching.presentation")
    assert "skak" not in str(entry.changes)  # the text itself stays out of the audit log


# --- Batch and settings -------------------------------------------------------------------------------------------


def test_the_batch_page_runs_in_the_background_and_accepts_pairs(
    client: Any, world: Any, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    mentors = [make_mentor(world.kbh) for _ in range(2)]
    mentees = [make_waiting(world.kbh, days=d) for d in (5, 50)]
    client.force_login(alice)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("matching:batch", args=[world.kbh_programme.pk]))
    run = MatchRun.objects.get()
    assert response["Location"] == reverse("matching:run_detail", args=[run.pk])
    body = client.get(response["Location"]).content.decode()
    assert "2 af 2 ventende mentees fik en mentor." in body
    assert all(m.full_name in body for m in mentors + mentees)

    client.post(response["Location"], {"all": "1"})
    assert Proposal.objects.filter(run=run).count() == 2
    assert "Foreslået" in client.get(response["Location"]).content.decode()


def test_the_progress_partial_asks_for_a_refresh_when_the_run_is_done(client: Any, world: Any, alice: Any) -> None:
    run = MatchRun.objects.create(programme=world.kbh_programme, created_by=alice, progress=40)
    client.force_login(alice)
    url = reverse("matching:run_detail", args=[run.pk])
    assert 'value="40"' in client.get(url, headers={"HX-Request": "true"}).content.decode()
    MatchRun.objects.filter(pk=run.pk).update(state=MatchRun.State.DONE)
    assert client.get(url, headers={"HX-Request": "true"})["HX-Refresh"] == "true"


def _settings_data(**overrides: Any) -> dict[str, Any]:
    weights = {
        "needs": 25,
        "education": 20,
        "interests": 10,
        "age": 5,
        "geography": 10,
        "availability": 10,
        "mentor_type": 10,
        "gender": 5,
        "background": 5,
        "waiting": 10,
    }
    return weights | {"max_mentors_proposed": 2, "proposal_expiry_days": 14} | overrides


def test_the_settings_preview_shows_the_effect_before_saving(client: Any, world: Any, alice: Any) -> None:
    cv, housing = support("CV"), support("Bolig")
    make_mentor(world.kbh, first_name="Boligmentor", competences=[housing])  # first: wins a tie
    make_mentor(world.kbh, first_name="Cvmentor", competences=[cv])
    make_waiting(world.kbh, needs=[cv])
    client.force_login(alice)
    url = reverse("matching:settings", args=[world.kbh_programme.pk])

    # Without the needs criterion the two mentors tie, and the tie goes to the first registered.
    preview = client.post(url, _settings_data(needs=0), headers={"HX-Request": "true"}).content.decode()
    assert "1 ville få en anden mentor end med de gemte vægte. Intet er gemt endnu." in preview
    assert preview.index("Cvmentor") < preview.index("Boligmentor")  # saved weights' pick, then the new one
    assert not AuditEntry.objects.filter(action="matching.settings").exists()

    bad = client.post(url, _settings_data(needs=150, max_mentors_proposed="")).content.decode()
    assert "Denne værdi skal være mindre end eller lig 100." in bad
    assert 'value="150"' in bad  # what was typed is kept

    client.post(url, _settings_data(needs=40, max_mentors_proposed=1))
    world.kbh_programme.refresh_from_db()
    assert world.kbh_programme.max_mentors_proposed == 1
    assert world.kbh_programme.matching.weights["needs"] == 40


def test_find_mentor_costs_the_same_queries_however_many_mentors_there_are(
    client: Any, world: Any, alice: Any, django_assert_max_num_queries: Any
) -> None:
    cv = support("CV")
    mentee = make_waiting(world.kbh, needs=[cv])
    make_mentor(world.kbh, competences=[cv])
    client.force_login(alice)
    with django_assert_max_num_queries(60) as few:
        client.get(_find(mentee))
    for _ in range(30):
        make_mentor(world.kbh, competences=[cv])
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(_find(mentee)).content.decode()
    # The best two, then the next 25 of the 29 other eligible mentors: search finds the rest.
    assert body.count('class="form-checkbox" name="mentor"') == 2 + 25
    assert "29 egnede mentorer mere · viser de bedste 25; søg for at finde andre" in body


def test_the_overview_lists_the_longest_waits_first_and_leaves_out_mentees_with_a_proposal(
    client: Any, world: Any, alice: Any, charlie: Any
) -> None:
    make_waiting(world.kbh, first_name="Nour", days=20)
    make_waiting(world.kbh, first_name="Amina", days=200)
    _propose(alice, world, make_waiting(world.kbh, first_name="Sara", days=400), make_mentor(world.kbh))
    make_waiting(world.tingbjerg, first_name="Hiba", days=500)  # another branch
    client.force_login(alice)

    body = client.get(reverse("core:dashboard")).content.decode()

    assert "2 mentees venter på en mentor" in body
    assert body.index("Amina") < body.index("Nour")
    assert "har ventet 6\xa0måneder" in body
    assert "Hiba" not in body
    assert "Sara" not in body.split("venter på en mentor")[1].split("</ul>")[0]
