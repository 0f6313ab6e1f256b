from __future__ import annotations

import pytest

from mentornet.core.testing import make_person
from mentornet.people.models import Consent, ConsentText, DuplicateFlag, Kind, Person, Screening, StatusChange
from mentornet.people.services.duplicates import duplicate_keep_apart, duplicate_merge, duplicates_flag
from mentornet.people.tests.conftest import years_ago

pytestmark = pytest.mark.django_db


def _again(branch, **fields):
    person = make_person(branch, **fields)
    return duplicates_flag(person)


def test_same_email_or_phone_is_flagged(world, amina):
    assert [(f.existing, f.reason) for f in _again(world.kbh, email="AMINA@example.org")] == [(amina, "email")]
    assert [(f.existing, f.reason) for f in _again(world.tingbjerg, phone="+4512345678", email="")] == [
        (amina, "phone")
    ]


def test_a_similar_name_and_the_same_birth_year_is_flagged(world, amina):
    flags = _again(
        world.kbh, first_name="Hassan,", last_name="Amina", email="", birth_date=amina.birth_date.replace(day=1)
    )
    assert [(f.existing, f.reason) for f in flags] == [(amina, "name")]


def test_a_similar_name_born_another_year_is_not_flagged(world, amina):
    assert _again(world.kbh, first_name="Amina", last_name="Hasan", email="", birth_date=years_ago(40)) == []


def test_a_mentor_is_not_a_duplicate_of_a_mentee(world, amina):
    assert _again(world.kbh, kind=Kind.MENTOR, email="amina@example.org") == []


def test_merging_keeps_all_history_on_the_older_record(world, amina, alice):
    newer = make_person(
        world.kbh,
        first_name="Amina",
        last_name="Hassan",
        email="amina@example.org",
        phone="",
        street="Nørrebrogade 1",
        birth_date=amina.birth_date,
    )
    Consent.objects.create(person=newer, text=ConsentText.objects.get(purpose="mentee_signup"), method="online")
    Screening.objects.create(person=newer, motivation="high", outcome="eligible")
    (flag,) = duplicates_flag(newer)
    kept = duplicate_merge(actor=alice, flag=flag)
    newer.refresh_from_db()
    amina.refresh_from_db()
    assert kept == amina
    assert newer.merged_into == amina
    assert amina.street == "Nørrebrogade 1"  # a blank filled from the newer record
    assert amina.phone == "+4512345678"  # nothing overwritten
    assert Consent.objects.filter(person=amina).count() == 1
    assert Screening.objects.filter(person=amina).count() == 1
    assert StatusChange.objects.filter(person=amina).count() == 2
    assert list(Person.objects.visible().filter(email="amina@example.org")) == [amina]
    flag.refresh_from_db()
    assert (flag.state, flag.resolved_by) == (DuplicateFlag.State.MERGED, alice)


def test_keeping_apart_closes_the_flag_and_keeps_both(world, amina, alice):
    (flag,) = _again(world.kbh, email="amina@example.org")
    duplicate_keep_apart(actor=alice, flag=flag)
    assert Person.objects.visible().filter(email__iexact="amina@example.org").count() == 2
    assert DuplicateFlag.objects.get().state == DuplicateFlag.State.KEPT_APART
