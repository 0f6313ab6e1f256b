from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentornet.core.models import AuditEntry
from mentornet.core.services import REDACTED
from mentornet.core.testing import make_person
from mentornet.people.models import Kind, Screening, SensitiveData, Status, StatusChange
from mentornet.people.services.intake import screening_record
from mentornet.people.services.person import (
    PersonInput,
    person_move,
    person_update,
    sensitive_reveal,
    sensitive_update,
)

pytestmark = pytest.mark.django_db


def test_a_new_person_starts_at_the_beginning_of_their_pipeline(amina):
    assert amina.status == Status.REFERRED
    assert amina.mentee_profile is not None
    assert list(StatusChange.objects.filter(person=amina).values_list("to_status", flat=True)) == [Status.REFERRED]


def test_moves_follow_the_pipeline(amina, alice):
    with pytest.raises(ValidationError, match="kan ikke gå fra"):
        person_move(actor=alice, person=amina, to_status=Status.MATCHED)
    person_move(actor=alice, person=amina, to_status=Status.SCREENING, note="Ringet op")
    assert StatusChange.objects.filter(person=amina, from_status=Status.REFERRED, to_status=Status.SCREENING).exists()
    entry = AuditEntry.objects.get(action="person.move")
    assert entry.changes == {"status": [Status.REFERRED, Status.SCREENING]}


def test_a_mentee_waits_for_a_match_only_after_an_eligible_screening(amina, alice):
    person_move(actor=alice, person=amina, to_status=Status.SCREENING)
    person_move(actor=alice, person=amina, to_status=Status.INTERVIEW)
    with pytest.raises(ValidationError, match="visitation"):
        person_move(actor=alice, person=amina, to_status=Status.WAITING)
    screening_record(
        actor=alice, person=amina, data={"motivation": Screening.Motivation.HIGH, "outcome": Screening.Outcome.ELIGIBLE}
    )
    person_move(actor=alice, person=amina, to_status=Status.WAITING)
    amina.mentee_profile.refresh_from_db()
    assert amina.mentee_profile.waiting_since == timezone.localdate()


def test_a_mentor_is_approved_only_after_the_mandatory_course(world, alice):
    mentor = make_person(world.kbh, kind=Kind.MENTOR)
    person_move(actor=alice, person=mentor, to_status=Status.INTERVIEW)
    person_move(actor=alice, person=mentor, to_status=Status.COURSE_COMPLETED)
    mentor.mentor_profile.refresh_from_db()
    assert mentor.mentor_profile.course_completed_on == timezone.localdate()
    person_move(actor=alice, person=mentor, to_status=Status.ACTIVE)
    assert mentor.status == Status.ACTIVE


def test_approving_a_mentor_without_the_course_is_refused_when_the_programme_requires_it(world, alice):
    mentor = make_person(world.kbh, kind=Kind.MENTOR)
    mentor.status = Status.COURSE_COMPLETED  # as if imported without a course date
    mentor.save()
    with pytest.raises(ValidationError, match="introduktionskurset"):
        person_move(actor=alice, person=mentor, to_status=Status.ACTIVE)


def test_personal_details_are_logged_by_name_not_value(amina, alice):
    person_update(
        actor=alice,
        person=amina,
        data=PersonInput(person={"phone": "+4587654321", "gender": "female"}, profile={"goals": "Blive sygeplejerske"}),
    )
    entry = AuditEntry.objects.get(action="person.update")
    assert entry.changes == {"phone": [REDACTED, REDACTED], "goals": [REDACTED, REDACTED]}


def test_every_reveal_of_special_category_data_is_logged_with_its_purpose(amina, alice):
    sensitive_update(actor=alice, person=amina, data={"ethnic_background": "minority", "country_of_origin": "Somalia"})
    update = AuditEntry.objects.get(action="person.sensitive_update")
    assert "Somalia" not in str(update.changes)
    data = sensitive_reveal(actor=alice, person=amina, purpose="matching")
    assert data.country_of_origin == "Somalia"
    reveal = AuditEntry.objects.get(action="person.reveal")
    assert (reveal.actor, reveal.changes) == (alice, {"purpose": "matching"})
    assert SensitiveData.objects.count() == 1
