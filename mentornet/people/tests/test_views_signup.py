from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from mentornet.people.models import Consent, ConsentText, Language, Person, SensitiveData, Topic
from mentornet.people.tests.conftest import years_ago

pytestmark = pytest.mark.django_db


def _mentor(world, **overrides):
    data = {
        "branch": world.kbh.pk,
        "first_name": "Karen",
        "last_name": "Holm",
        "email": "karen@example.org",
        "phone": "+45 22 33 44 55",
        "birth_date": years_ago(52).isoformat(),
        "gender": "female",
        "postcode": "2200",
        "city": "København N",
        "languages": [Language.objects.get(code="da").pk, Language.objects.get(code="en").pk],
        "occupation": "Pensioneret skolelærer",
        "competences": [Topic.objects.filter(kind="support")[0].pk],
        "mentor_type": "social",
        "availability": ["2", "4"],
        "capacity": "1",
        "ethnic_background": "danish",
        "consent": "on",
        "consent_text_id": ConsentText.objects.get(purpose="mentor_signup", organisation=None).pk,
        "submission_id": str(uuid.uuid4()),
    }
    return data | overrides


def _mentee(world, **overrides):
    data = {
        "branch": world.kbh.pk,
        "first_name": "Omar",
        "last_name": "Abdi",
        "email": "omar@example.org",
        "phone": "12345678",
        "birth_date": years_ago(22).isoformat(),
        "gender": "male",
        "postcode": "2400",
        "city": "København NV",
        "goals": "Jeg vil gerne være elektriker",
        "labour_market_status": "ready_for_education",
        "consent": "on",
        "consent_text_id": ConsentText.objects.get(purpose="mentee_signup", organisation=None).pk,
        "submission_id": str(uuid.uuid4()),
    }
    return data | overrides


def test_a_volunteer_signs_up_as_mentor(client, world):
    response = client.post(reverse("people:signup_mentor"), _mentor(world))
    assert response["Location"] == reverse("people:signup_thanks") + "?type=mentor"
    karen = Person.objects.get()
    assert (karen.kind, karen.status, karen.phone) == ("mentor", "interested", "+4522334455")
    assert karen.mentor_profile.availability == 6
    assert karen.languages.count() == 2
    assert SensitiveData.objects.get(person=karen).ethnic_background == "danish"
    assert Consent.objects.get(person=karen).text.purpose == "mentor_signup"
    assert "Tak for din tilmelding" in client.get(response["Location"]).content.decode()


def test_a_young_person_asks_for_a_mentor(client, world):
    client.post(reverse("people:signup_mentee"), _mentee(world))
    omar = Person.objects.get()
    assert (omar.kind, omar.status, omar.programme) == ("mentee", "referred", world.kbh_programme)
    assert omar.mentee_profile.asked_for_mentor


def test_sending_the_same_form_twice_creates_one_person(client, world):
    data = _mentor(world)
    client.post(reverse("people:signup_mentor"), data)
    client.post(reverse("people:signup_mentor"), data)
    assert Person.objects.count() == 1


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"email": "karen@"}, "Indtast en gyldig e-mail-adresse"),
        ({"phone": "12 34"}, "Telefonnummeret 12 34 kan ikke læses"),
        ({"birth_date": "2999-01-01"}, "i fremtiden"),
        ({"birth_date": years_ago(16).isoformat()}, "mindst 18 år"),
        ({"first_name": "<script>alert(1)</script>"}, "uden HTML-koder"),
        ({"last_name": '=HYPERLINK("http://x")'}, "formel"),
        ({"consent": ""}, "Dette felt er påkrævet"),
        ({"branch": "999999"}, "Marker en gyldig valgmulighed"),
    ],
)
def test_bad_input_is_explained_in_danish_and_what_was_typed_is_kept(client, world, override, message):
    response = client.post(reverse("people:signup_mentor"), _mentor(world, **override))
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert 'value="Pensioneret skolelærer"' in body
    assert not Person.objects.exists()


def test_a_mentee_outside_the_programmes_age_band_is_told_so(client, world):
    world.kbh_programme.mentee_min_age, world.kbh_programme.mentee_max_age = 18, 30
    world.kbh_programme.save()
    body = client.post(
        reverse("people:signup_mentee"), _mentee(world, birth_date=years_ago(40).isoformat())
    ).content.decode()
    assert "er for personer mellem 18 og 30 år" in body
    assert not Person.objects.exists()


def test_a_bot_filling_the_hidden_field_is_thanked_and_forgotten(client, world):
    response = client.post(reverse("people:signup_mentor"), _mentor(world, website="http://spam.example"))
    assert response.status_code == 302
    assert not Person.objects.exists()


def test_too_many_sign_ups_from_one_client_are_refused(client, world, settings):
    settings.SIGNUP_LIMIT_PER_CLIENT = 2
    for number in range(2):
        client.post(reverse("people:signup_mentor"), _mentor(world, email=f"k{number}@example.org"))
    response = client.post(reverse("people:signup_mentor"), _mentor(world, email="k3@example.org"))
    assert response.status_code == 429
    assert "for mange tilmeldinger fra din forbindelse" in response.content.decode()
    assert Person.objects.count() == 2
    other = client.post(reverse("people:signup_mentor"), _mentor(world, email="k4@example.org"), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302


def test_the_global_limit_holds_whoever_asks(client, world, settings):
    settings.SIGNUP_LIMIT_GLOBAL = 1
    client.post(reverse("people:signup_mentee"), _mentee(world))
    response = client.post(
        reverse("people:signup_mentee"), _mentee(world, email="b@example.org"), REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code == 429


def test_the_form_shows_the_chosen_branchs_own_consent_text(client, world, olivia):
    from mentornet.people.services.intake import consent_text_publish

    own = consent_text_publish(
        actor=olivia, organisation=world.kvinfo, purpose="mentor_signup", text="KVINFOs egen tekst", text_en="Own"
    )
    fragment = client.get(
        reverse("people:signup_mentor"), {"branch": world.kbh.pk}, headers={"hx-request": "true"}
    ).content.decode()
    assert "KVINFOs egen tekst" in fragment
    assert f'value="{own.pk}"' in fragment
    # Consent ticked under another text (the default one shown before the branch was chosen) is not enough.
    response = client.post(reverse("people:signup_mentor"), _mentor(world, consent_text_id=own.pk - 1))
    assert "Samtykketeksten for den afdeling, du har valgt, er en anden" in response.content.decode()
    assert not Person.objects.exists()
    client.post(reverse("people:signup_mentor"), _mentor(world, consent_text_id=own.pk))
    assert Consent.objects.get().text == own
