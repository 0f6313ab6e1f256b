from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mentornet.core.models import AuditEntry
from mentornet.core.testing import make_person
from mentornet.people.models import Kind, Language, MentorProfile, Status
from mentornet.people.services.person import sensitive_update
from mentornet.people.tests.conftest import years_ago

pytestmark = pytest.mark.django_db

MENTEES = reverse("people:person_list", args=["mentees"])


@pytest.fixture
def crowd(world, amina):
    """A handful of mentees in København and one in Tingbjerg."""
    arabic = Language.objects.get(code="ar")
    omar = make_person(world.kbh, first_name="Omar", gender="male", birth_date=years_ago(19), area="Tingbjerg")
    omar.languages.add(arabic)
    make_person(
        world.kbh,
        first_name="Sara",
        gender="female",
        birth_date=years_ago(45),
        area="Valby",
        recruitment_channel="press",
    )
    make_person(world.tingbjerg, first_name="Tariq", gender="male", birth_date=years_ago(21))
    return omar


def _names(response) -> str:
    return str(response.content.decode())


def test_a_coordinator_lists_her_branchs_mentees_only(client, alice, crowd):
    client.force_login(alice)
    body = _names(client.get(MENTEES))
    assert "Amina Hassan" in body
    assert "Omar" in body
    assert "Tariq" not in body  # Tingbjerg's


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ({"q": "omar"}, "Omar", "Amina"),
        ({"gender": "female"}, "Sara", "Omar"),
        ({"age_band": "18-24"}, "Omar", "Sara"),
        ({"area": "valby"}, "Sara", "Omar"),
        ({"status": "referred"}, "Amina", "ingen"),
        ({"channel": "press"}, "Sara", "Omar"),
    ],
)
def test_the_list_filters(client, alice, crowd, query, present, absent):
    client.force_login(alice)
    body = _names(client.get(MENTEES, query))
    assert present in body
    assert absent not in body


def test_the_list_filters_by_language_and_sorts(client, alice, crowd):
    client.force_login(alice)
    body = _names(client.get(MENTEES, {"language": Language.objects.get(code="ar").pk}))
    assert "Omar" in body
    assert "Amina" not in body
    body = _names(client.get(MENTEES, {"sort": "-age"}))
    assert body.index("Sara") < body.index("Omar")


def test_mentors_filter_on_the_course_and_mentees_on_waiting_time(client, alice, world, amina):
    client.force_login(alice)
    trained = make_person(world.kbh, kind=Kind.MENTOR, first_name="Birgit")
    MentorProfile.objects.filter(person=trained).update(course_completed_on="2025-01-10")
    make_person(world.kbh, kind=Kind.MENTOR, first_name="Carsten")
    body = _names(client.get(reverse("people:person_list", args=["mentorer"]), {"course": "missing"}))
    assert "Carsten" in body
    assert "Birgit" not in body
    amina.status = Status.WAITING
    amina.save()
    amina.mentee_profile.waiting_since = years_ago(0, days=70)
    amina.mentee_profile.save()
    assert "Amina" in _names(client.get(MENTEES, {"waiting_weeks": 8}))
    assert "Amina" not in _names(client.get(MENTEES, {"waiting_weeks": 13}))


def test_the_list_returns_just_the_rows_to_htmx(client, alice, crowd):
    client.force_login(alice)
    body = _names(client.get(MENTEES, {"q": "omar"}, headers={"hx-request": "true"}))
    assert "<html" not in body
    assert "Omar" in body


def test_the_list_costs_the_same_queries_for_many_people(client, alice, world, django_assert_max_num_queries):
    client.force_login(alice)
    for number in range(3):
        make_person(world.kbh, first_name=f"First{number}")
    with django_assert_max_num_queries(12) as few:
        client.get(MENTEES)
    for number in range(60):
        make_person(world.kbh, first_name=f"P{number}", birth_date=years_ago(20 + number % 30))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(MENTEES, {"side": 2, "sort": "age"}).status_code == 200


def test_the_export_holds_the_filtered_list_escapes_formulas_and_is_logged(client, alice, world, amina):
    make_person(world.kbh, first_name='=HYPERLINK("http://evil")', last_name="+1")
    sensitive_update(actor=alice, person=amina, data={"country_of_origin": "Somalia"})
    client.force_login(alice)
    response = client.get(reverse("people:person_export", args=["mentees"]), {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "Amina" in values
    assert '\'=HYPERLINK("http://evil")' in values
    assert "Somalia" not in values  # special categories are never exported
    csv = client.get(reverse("people:person_export", args=["mentees"]), {"format": "csv", "q": "amina"}).content.decode(
        "utf-8-sig"
    )
    assert "Amina" in csv
    assert "HYPERLINK" not in csv
    assert AuditEntry.objects.filter(action="people.export", actor=alice).count() == 2


def test_the_person_page_masks_special_categories_until_revealed(client, alice, amina):
    sensitive_update(actor=alice, person=amina, data={"country_of_origin": "Somalia", "health_note": "Rolige rammer"})
    client.force_login(alice)
    page = _names(client.get(reverse("people:person_detail", args=[amina.pk])))
    assert "Amina Hassan" in page
    assert "Somalia" not in page
    revealed = _names(
        client.post(
            reverse("people:person_reveal", args=[amina.pk]), {"purpose": "matching"}, headers={"hx-request": "true"}
        )
    )
    assert "Somalia" in revealed
    assert "<html" not in revealed
    assert AuditEntry.objects.filter(action="person.reveal", object_id=str(amina.pk), actor=alice).exists()


def test_an_admin_sees_the_person_but_not_the_special_categories(client, olivia, alice, amina):
    sensitive_update(actor=alice, person=amina, data={"country_of_origin": "Somalia"})
    client.force_login(olivia)
    page = _names(client.get(reverse("people:person_detail", args=[amina.pk])))
    assert "Amina Hassan" in page
    assert reverse("people:person_reveal", args=[amina.pk]) not in page
    assert client.post(reverse("people:person_reveal", args=[amina.pk]), {"purpose": "matching"}).status_code == 403


def test_a_stored_script_is_shown_as_text(client, alice, world):
    person = make_person(world.kbh, first_name="<script>alert(1)</script>", note="<img src=x onerror=alert(1)>")
    client.force_login(alice)
    page = _names(client.get(reverse("people:person_detail", args=[person.pk])))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page


def test_a_coordinator_moves_a_person_on_and_sees_the_history(client, alice, amina):
    client.force_login(alice)
    response = client.post(
        reverse("people:person_move", args=[amina.pk]), {"to_status": "screening", "note": "Ringet op"}, follow=True
    )
    body = response.content.decode()
    assert "Ringet op" in body
    amina.refresh_from_db()
    assert amina.status == "screening"


def test_a_move_the_pipeline_does_not_allow_is_explained(client, alice, amina):
    client.force_login(alice)
    response = client.post(reverse("people:person_move", args=[amina.pk]), {"to_status": "matched"}, follow=True)
    assert "Vælg en af de statusser" in response.content.decode()


def test_a_coordinator_registers_and_edits_a_contact_person(client, alice, world):
    client.force_login(alice)
    response = client.post(
        reverse("people:person_create", args=["kontaktpersoner"]),
        {
            "branch": world.kbh.pk,
            "first_name": "Leila",
            "last_name": "Nasser",
            "organisation_name": "Biblioteket",
            "role_title": "Bibliotekar",
        },
    )
    person = world.kbh.people.get(first_name="Leila")
    assert response["Location"] == reverse("people:person_detail", args=[person.pk])
    assert (person.kind, person.status, person.contact_profile.organisation_name) == (
        "contact",
        "active",
        "Biblioteket",
    )
    client.post(
        reverse("people:person_edit", args=[person.pk]),
        {"first_name": "Leila", "last_name": "Nasser", "organisation_name": "Sundhedshuset"},
    )
    person.contact_profile.refresh_from_db()
    assert person.contact_profile.organisation_name == "Sundhedshuset"


def test_a_withdrawn_consent_is_recorded_and_kept_in_the_history(client, alice, amina):
    from mentornet.people.models import Consent, ConsentText

    consent = Consent.objects.create(
        person=amina, text=ConsentText.objects.get(purpose="mentee_signup", organisation=None), method="online"
    )
    client.force_login(alice)
    page = client.post(reverse("people:consent_withdraw", args=[amina.pk, consent.pk]), follow=True).content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert "trukket tilbage" in page
    assert AuditEntry.objects.filter(action="consent.withdraw", actor=alice).exists()
