from __future__ import annotations

import datetime
import shutil
import subprocess
from typing import Any

import pytest
from django.urls import reverse

from mentornet.core.models import AuditEntry
from mentornet.followups.models import Document, FollowUp, Outcome
from mentornet.followups.services import evaluation_url, followups_schedule
from mentornet.followups.tests.conftest import due_follow_up, evaluation_of, make_mentorship
from mentornet.followups.tests.test_services import ASSESSMENT
from mentornet.people.services.rights import person_anonymise

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    """The text of a PDF, read back with poppler's pdftotext (installed by scripts/system-packages.sh)."""
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "run scripts/system-packages.sh"
    command = [pdftotext, "-layout", "-", "-"]  # a fixed command on the test's own bytes
    return subprocess.run(command, input=content, capture_output=True, check=True).stdout.decode()  # noqa: S603


# --- The mentee's follow-up link ----------------------------------------------------------------------------------


def test_the_mentee_answers_the_follow_up_through_the_link(client: Any, world: Any) -> None:
    follow_up, path = due_follow_up(world.kbh_programme)
    page = client.get(path)
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0")
    body = page.content.decode()
    assert "Amina" in body
    assert "Hassan" not in body  # nothing more than the first name on a public page
    response = client.post(path, {"outcome": "education", "place": "KEA"})
    assert response.status_code == 200
    follow_up.refresh_from_db()
    assert (follow_up.state, follow_up.outcome, follow_up.place) == ("answered", "education", "KEA")


def test_a_second_use_of_the_link_says_so_and_changes_nothing(client: Any, world: Any) -> None:
    follow_up, path = due_follow_up(world.kbh_programme)
    client.post(path, {"outcome": "job", "place": "Netto"})
    again = client.post(path, {"outcome": "other", "place": "Noget andet"})
    assert again.status_code == 410
    assert "Du har allerede svaret" in again.content.decode()
    assert client.get(path).status_code == 410
    follow_up.refresh_from_db()
    assert (follow_up.outcome, follow_up.place) == ("job", "Netto")
    assert AuditEntry.objects.filter(action="followup.answer").count() == 1


def test_a_missing_answer_keeps_what_was_typed(client: Any, world: Any) -> None:
    follow_up, path = due_follow_up(world.kbh_programme)
    response = client.post(path, {"place": "Københavns Erhvervsakademi"})
    assert response.status_code == 200
    assert 'value="Københavns Erhvervsakademi"' in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUp.State.SCHEDULED


def test_the_link_after_erasure_stores_nothing(client: Any, world: Any, alice: Any) -> None:
    follow_up, path = due_follow_up(world.kbh_programme)
    person_anonymise(actor=alice, person=follow_up.mentorship.mentee)
    response = client.post(path, {"outcome": "job", "place": "Netto"})
    assert response.status_code == 410
    assert "Anonymiseret" not in response.content.decode()
    follow_up.refresh_from_db()
    assert (follow_up.state, follow_up.place) == ("scheduled", "")


def test_an_unknown_link_is_404(client: Any, world: Any) -> None:
    assert client.get(reverse("followups:answer", kwargs={"followup_token": "x" * 43})).status_code == 404
    assert client.get(reverse("followups:evaluation", kwargs={"evaluation_token": "x" * 43})).status_code == 404


def test_both_sides_answer_the_exit_evaluation_once(client: Any, world: Any) -> None:
    mentorship = make_mentorship(world.kbh_programme, closed_days_ago=1)
    followups_schedule()
    mentor_path = evaluation_url(evaluation_of(mentorship, "mentor")).removeprefix("http://testserver")
    assert "Karen" in client.get(mentor_path).content.decode()
    data = {"overall": "5", "helped": "4", "recommend": "yes", "comment": "Et godt forløb"}
    assert client.post(mentor_path, data).status_code == 200
    assert client.post(mentor_path, {**data, "overall": "1"}).status_code == 410
    evaluation = evaluation_of(mentorship, "mentor")
    assert (evaluation.overall, evaluation.recommend, evaluation.comment) == (5, True, "Et godt forløb")
    mentee_path = evaluation_url(evaluation_of(mentorship, "mentee")).removeprefix("http://testserver")
    assert client.post(mentee_path, {"overall": "3"}).status_code == 200  # not all answered: the form again
    assert evaluation_of(mentorship, "mentee").answered_at is None


# --- The coordinator's pages --------------------------------------------------------------------------------------


def test_the_list_shows_due_follow_ups_and_records_a_phone_answer(client: Any, world: Any, alice: Any) -> None:
    follow_up, _path = due_follow_up(world.kbh_programme)
    client.force_login(alice)
    body = client.get(reverse("followups:list")).content.decode()
    assert "Amina Hassan" in body
    response = client.post(
        reverse("followups:detail", args=[follow_up.pk]), {"outcome": "job", "place": "Netto", "next": "list"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("followups:list")
    follow_up.refresh_from_db()
    assert (follow_up.state, follow_up.recorded_by) == (FollowUp.State.PHONE, alice)
    answered = client.get(reverse("followups:list"), {"vis": "answered"}).content.decode()
    assert "Amina Hassan" in answered


def test_a_phone_answer_without_an_outcome_keeps_the_text(client: Any, world: Any, alice: Any) -> None:
    follow_up, _path = due_follow_up(world.kbh_programme)
    client.force_login(alice)
    response = client.post(reverse("followups:detail", args=[follow_up.pk]), {"place": "Netto Valby"})
    assert response.status_code == 200
    assert 'value="Netto Valby"' in response.content.decode()


def test_the_list_filters_by_programme(client: Any, world: Any, olivia: Any) -> None:
    due_follow_up(world.kbh_programme)
    due_follow_up(world.tingbjerg_programme, mentee=None)
    client.force_login(olivia)
    everything = client.get(reverse("followups:list")).content.decode()
    only = client.get(reverse("followups:list"), {"programme": world.tingbjerg_programme.pk}).content.decode()
    assert everything.count("followups/") >= only.count("followups/")
    assert world.kbh_programme.name in everything
    assert world.kbh_programme.name not in only.split("<table")[-1]


def test_another_branch_gets_404_and_a_mentor_403(client: Any, world: Any, charlie: Any, bob: Any) -> None:
    follow_up, _path = due_follow_up(world.kbh_programme)
    urls = [
        reverse("followups:detail", args=[follow_up.pk]),
        reverse("followups:mentorship", args=[follow_up.mentorship_id]),
        reverse("followups:certificate", args=[follow_up.mentorship_id]),
    ]
    client.force_login(charlie)
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    assert "Amina" not in client.get(reverse("followups:list")).content.decode()
    client.force_login(bob)
    assert [client.get(url).status_code for url in urls] == [403, 403, 403]
    assert client.get(reverse("followups:list")).status_code == 403


def test_the_list_costs_the_same_queries_for_more_follow_ups(
    client: Any, world: Any, alice: Any, django_assert_max_num_queries: Any
) -> None:
    due_follow_up(world.kbh_programme)
    client.force_login(alice)
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("followups:list"))
    for _ in range(15):
        due_follow_up(world.kbh_programme)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(reverse("followups:list")).content.decode()
    assert body.count('name="outcome"') == 16


# --- Documents ----------------------------------------------------------------------------------------------------


def test_the_certificate_is_made_in_the_background_and_its_download_is_logged(
    client: Any, world: Any, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    mentorship = make_mentorship(world.kbh_programme, meetings=3, closed_days_ago=1)
    client.force_login(alice)
    page = reverse("followups:mentorship", args=[mentorship.pk])
    assert "Download the PDF" not in client.get(page).content.decode()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("followups:document_request", args=[mentorship.pk, "certificate"]))
    pending = client.get(page, headers={"HX-Request": "true"}).content.decode()
    assert "<progress" in pending
    assert "hx-trigger" in pending
    for callback in callbacks:
        callback()
    done = client.get(page, headers={"HX-Request": "true"}).content.decode()
    assert "<progress" not in done
    assert reverse("followups:certificate", args=[mentorship.pk]) in done
    response = client.get(reverse("followups:certificate", args=[mentorship.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Amina Hassan" in text
    assert world.kbh_programme.name in text
    assert world.kvinfo.name in text
    assert "3 møder" in text
    assert AuditEntry.objects.filter(action="document.download", actor=alice).count() == 1


def test_no_certificate_below_the_programmes_number_of_meetings(client: Any, world: Any, alice: Any) -> None:
    mentorship = make_mentorship(world.kbh_programme, meetings=1)
    client.force_login(alice)
    client.post(reverse("followups:document_request", args=[mentorship.pk, "certificate"]))
    assert not Document.objects.exists()
    assert client.get(reverse("followups:certificate", args=[mentorship.pk])).status_code == 404


def test_the_work_ability_assessment_is_written_and_rendered(
    client: Any, world: Any, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    praktik = make_mentorship(
        world.kbh_programme, kind="praktik", workplace="Netto Valby", working_hours="15 timer om ugen", meetings=2
    )
    url = reverse("followups:work_ability", args=[praktik.pk])
    client.force_login(alice)
    assert client.get(url).status_code == 200
    form = {
        key: ("" if value is None else value.isoformat() if isinstance(value, datetime.date) else value)
        for key, value in ASSESSMENT.items()
    }
    assert client.post(url, {**form, "overall": ""}).status_code == 200  # missing: the form again
    assert client.post(url, form).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("followups:document_request", args=[praktik.pk, "work_ability"]))
    text = pdf_text(client.get(reverse("followups:work_ability_pdf", args=[praktik.pk])).content)
    for expected in ("Amina Hassan", "Netto Valby", "15 timer om ugen", "Altid til tiden.", "Alice Andersen"):
        assert expected in text
    assert "Arbejdsevnevurdering" in text
    ordinary = make_mentorship(world.kbh_programme)
    assert client.get(reverse("followups:work_ability", args=[ordinary.pk])).status_code == 404


def test_an_ordinary_mentorship_page_shows_evaluations_and_follow_up(client: Any, world: Any, alice: Any) -> None:
    follow_up, _path = due_follow_up(world.kbh_programme)
    FollowUp.objects.filter(pk=follow_up.pk).update(state="answered", outcome=Outcome.JOB, place="Netto")
    client.force_login(alice)
    body = client.get(reverse("followups:mentorship", args=[follow_up.mentorship_id])).content.decode()
    assert "Netto" in body
    assert reverse("followups:detail", args=[follow_up.pk]) in body
    assert reverse("followups:work_ability", args=[follow_up.mentorship_id]) not in body  # not a praktik
