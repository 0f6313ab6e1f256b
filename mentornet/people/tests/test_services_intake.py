from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ValidationError

from mentornet.core.testing import make_person
from mentornet.people.models import (
    Consent,
    ConsentText,
    ExclusionCategory,
    Kind,
    Person,
    Referral,
    Screening,
    Status,
)
from mentornet.people.services.intake import (
    consent_text_publish,
    current_consent_text,
    interview_record,
    referral_create,
    screening_checks,
    screening_record,
    signup,
)
from mentornet.people.services.person import PersonInput
from mentornet.people.tests.conftest import years_ago

pytestmark = pytest.mark.django_db


def _input(**person):
    return PersonInput(person={"first_name": "Yusuf", "last_name": "Ali", "email": "yusuf@example.org", **person})


def test_a_sign_up_stores_the_consent_text_version_it_was_given_to(world):
    text = current_consent_text(ConsentText.Purpose.MENTEE_SIGNUP)
    person, created = signup(
        branch=world.kbh, kind=Kind.MENTEE, data=_input(), consent_text=text, submission_id=uuid.uuid4()
    )
    assert created
    consent = Consent.objects.get(person=person)
    assert (consent.text, consent.method) == (text, Consent.Method.ONLINE)
    assert person.source == "signup"


def test_the_same_submission_twice_gives_one_person(world):
    text = current_consent_text(ConsentText.Purpose.MENTOR_SIGNUP)
    submission = uuid.uuid4()
    first, _ = signup(branch=world.kbh, kind=Kind.MENTOR, data=_input(), consent_text=text, submission_id=submission)
    again, created = signup(
        branch=world.kbh, kind=Kind.MENTOR, data=_input(), consent_text=text, submission_id=submission
    )
    assert (again, created) == (first, False)
    assert Person.objects.count() == 1


def test_a_partner_refers_with_recorded_consent(world, rashid):
    referral = referral_create(
        actor=rashid,
        branch=world.tingbjerg,
        data=_input(birth_date=years_ago(22)),
        partner="Jobcenter København",
        reason="Vil gerne i gang med en uddannelse",
        motivation=Referral.Motivation.ASKED,
        consent_method=Consent.Method.VIA_REFERRER,
    )
    assert referral.person.status == Status.REFERRED
    assert referral.consent.text.purpose == ConsentText.Purpose.REFERRAL
    assert referral.consent.recorded_by == rashid


def test_a_referral_to_a_branch_the_partner_does_not_work_with_is_refused(world, rashid):
    with pytest.raises(ValidationError):
        referral_create(
            actor=rashid,
            branch=world.kbh,
            data=_input(),
            partner="Jobcenter",
            reason="x",
            motivation=Referral.Motivation.AGREED,
            consent_method=Consent.Method.VIA_REFERRER,
        )
    assert not Person.objects.exists()


def test_screening_applies_the_programmes_age_band_and_residence(world, ishoj_programme):
    young = make_person(world.ishoj_branch, birth_date=years_ago(24), municipality="Ishøj")
    older = make_person(world.ishoj_branch, birth_date=years_ago(34), municipality="Brøndby")
    assert screening_checks(young, ishoj_programme) == {"age_ok": True, "residence_ok": True}
    assert screening_checks(older, ishoj_programme) == {"age_ok": False, "residence_ok": False}


def test_an_eligible_outcome_is_refused_for_someone_outside_the_rules(world, ishoj_programme, ivan):
    older = make_person(world.ishoj_branch, birth_date=years_ago(34), municipality="Ishøj", programme=None)
    with pytest.raises(ValidationError):
        screening_record(
            actor=ivan,
            person=older,
            data={"programme": ishoj_programme, "motivation": "high", "outcome": Screening.Outcome.ELIGIBLE},
        )
    assert not Screening.objects.exists()


def test_an_excluded_person_is_referred_elsewhere_not_deleted(world, amina, alice):
    screening = screening_record(
        actor=alice,
        person=amina,
        data={
            "motivation": "low",
            "outcome": Screening.Outcome.EXCLUDED,
            "exclusion_category": ExclusionCategory.PROFESSIONAL_HELP,
            "referred_to": "Kommunens psykologhjælp for unge",
        },
    )
    amina.refresh_from_db()
    assert amina.status == Status.REFERRED_ELSEWHERE
    assert screening.exclusion_category == ExclusionCategory.PROFESSIONAL_HELP
    assert amina.status_changes.first().note == "Kommunens psykologhjælp for unge"


def test_an_eligible_mentee_goes_on_to_the_interview(amina, alice):
    screening_record(actor=alice, person=amina, data={"motivation": "high", "outcome": Screening.Outcome.ELIGIBLE})
    amina.refresh_from_db()
    assert amina.status == Status.INTERVIEW
    assert list(amina.status_changes.values_list("to_status", flat=True))[:2] == [Status.INTERVIEW, Status.SCREENING]


def test_an_interview_moves_an_interested_mentor_on(world, alice):
    mentor = make_person(world.kbh, kind=Kind.MENTOR)
    interview_record(actor=alice, person=mentor, data={"summary": "Erfaren lærer, vil gerne hjælpe med lektier"})
    mentor.refresh_from_db()
    assert mentor.status == Status.INTERVIEW


def test_an_organisation_publishes_its_own_consent_text_and_old_consents_keep_theirs(world, olivia):
    default = current_consent_text(ConsentText.Purpose.MENTEE_SIGNUP, world.kvinfo)
    assert default.organisation is None
    person, _ = signup(
        branch=world.kbh, kind=Kind.MENTEE, data=_input(), consent_text=default, submission_id=uuid.uuid4()
    )
    own = consent_text_publish(
        actor=olivia, organisation=world.kvinfo, purpose="mentee_signup", text="Ny tekst", text_en="New text"
    )
    assert own.version == default.version + 1
    assert current_consent_text(ConsentText.Purpose.MENTEE_SIGNUP, world.kvinfo) == own
    assert current_consent_text(ConsentText.Purpose.MENTEE_SIGNUP, world.ishoj) == default
    assert person.consents.get().text == default
