from __future__ import annotations

import pytest

from mentornet.core.models import AuditEntry
from mentornet.people.models import Consent, ConsentText, SensitiveData
from mentornet.people.services.person import sensitive_update
from mentornet.people.services.rights import person_anonymise, person_data_export

pytestmark = pytest.mark.django_db


def test_an_access_request_gets_everything_including_special_categories_and_is_logged(amina, alice):
    sensitive_update(actor=alice, person=amina, data={"country_of_origin": "Somalia"})
    Consent.objects.create(person=amina, text=ConsentText.objects.get(purpose="mentee_signup"), method="online")
    data = person_data_export(actor=alice, person=amina)
    flat = str(data)
    assert "Amina" in flat
    assert "Somalia" in flat
    assert "samtykke" in flat.lower()
    assert AuditEntry.objects.filter(action="person.data_export", actor=alice).exists()


def test_erasure_removes_identity_and_special_categories_but_keeps_the_statistics(amina, alice):
    sensitive_update(actor=alice, person=amina, data={"health_note": "Har brug for rolige rammer"})
    born = amina.birth_date
    person_anonymise(actor=alice, person=amina)
    amina.refresh_from_db()
    assert amina.first_name == "Anonymiseret"
    assert (amina.email, amina.phone, amina.street) == ("", "", "")
    assert not SensitiveData.objects.filter(person=amina).exists()
    assert (amina.gender, amina.birth_date.year, amina.status, amina.area) == (
        "female",
        born.year,
        "referred",
        "Nørrebro",
    )
    assert amina.birth_date.day == 1  # the day is gone
    names = set(AuditEntry.objects.filter(object_id=str(amina.pk)).values_list("object_repr", flat=True))
    assert all("Amina" not in name for name in names)


def test_a_mentors_login_is_closed_when_they_are_erased(world, alice):
    from mentornet.core.testing import make_person, make_user

    login = make_user(role="mentor", branch=world.kbh, full_name="Mette Mentor")
    mentor = make_person(world.kbh, kind="mentor", user=login)
    person_anonymise(actor=alice, person=mentor)
    login.refresh_from_db()
    assert not login.is_active
    assert "Mette" not in login.full_name
    assert not login.memberships.exists()
