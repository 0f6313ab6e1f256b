from __future__ import annotations

import pytest
from django.urls import reverse

from mentornet.core.testing import make_user
from mentornet.people.models import Person, Referral
from mentornet.people.services.intake import screening_record
from mentornet.people.tests.conftest import years_ago

pytestmark = pytest.mark.django_db


def _referral(world, **overrides):
    return {
        "branch": world.tingbjerg.pk,
        "first_name": "Hamza",
        "last_name": "Yilmaz",
        "phone": "20 30 40 50",
        "birth_date": years_ago(23).isoformat(),
        "municipality": "København",
        "partner": "Jobcenter København",
        "reason": "Ønsker hjælp til at søge ind på en erhvervsuddannelse",
        "motivation": "asked",
        "consent_method": "via_referrer",
        "consent": "on",
    } | overrides


def test_a_referrer_refers_and_follows_the_status(client, rashid, charlie, world):
    client.force_login(rashid)
    response = client.post(reverse("people:referral_create"), _referral(world))
    assert response["Location"] == reverse("people:referral_list")
    hamza = Person.objects.get()
    assert hamza.consents.get().recorded_by == rashid
    screening_record(
        actor=charlie, person=hamza, data={"motivation": "high", "outcome": "eligible", "note": "Fortroligt notat"}
    )
    body = client.get(reverse("people:referral_list")).content.decode()
    assert "Hamza Yilmaz" in body
    assert "Samtale" in body  # how far it has come
    assert "Fortroligt notat" not in body


def test_a_referrer_sees_only_their_own_referrals(client, rashid, world):
    other = make_user(role="referrer", branch=world.tingbjerg, email="other@example.org")
    client.force_login(other)
    client.post(reverse("people:referral_create"), _referral(world, first_name="Ikke", last_name="Rashids"))
    client.force_login(rashid)
    assert "Rashids" not in client.get(reverse("people:referral_list")).content.decode()
    # A referrer has no access to the register, not even for people in their own branch.
    assert client.get(reverse("people:person_detail", args=[Person.objects.get().pk])).status_code == 403


def test_a_forged_referral_to_another_branch_is_refused(client, rashid, world):
    client.force_login(rashid)
    response = client.post(reverse("people:referral_create"), _referral(world, branch=world.kbh.pk))
    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed" in response.content.decode()
    assert not Person.objects.exists()
    assert not Referral.objects.exists()


def test_a_referral_without_consent_is_refused(client, rashid, world):
    client.force_login(rashid)
    response = client.post(reverse("people:referral_create"), _referral(world, consent=""))
    assert "Dette felt er påkrævet" in response.content.decode()
    assert not Person.objects.exists()


def test_a_referral_outside_the_programmes_age_band_is_explained(client, rashid, world):
    world.tingbjerg_programme.mentee_min_age, world.tingbjerg_programme.mentee_max_age = 18, 30
    world.tingbjerg_programme.save()
    client.force_login(rashid)
    response = client.post(reverse("people:referral_create"), _referral(world, birth_date=years_ago(45).isoformat()))
    assert "er for personer mellem 18 og 30 år" in response.content.decode()
    assert not Person.objects.exists()
