"""Writes for intake: sign-up, referral, consent, screening (visitation) and interviews."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentornet.accounts.models import Role, User
from mentornet.core.access import access_for
from mentornet.core.services import audit_log
from mentornet.organisations.models import Branch, Organisation, Programme
from mentornet.people.models import (
    Consent,
    ConsentText,
    Interview,
    Kind,
    Person,
    Referral,
    Screening,
    Source,
    Status,
)
from mentornet.people.services.person import PersonInput, person_create, person_move

SIGNUP_PURPOSE: dict[str, str] = {
    Kind.MENTOR: ConsentText.Purpose.MENTOR_SIGNUP,
    Kind.MENTEE: ConsentText.Purpose.MENTEE_SIGNUP,
}


def current_consent_text(purpose: str, organisation: Organisation | None = None) -> ConsentText:
    """The newest text for the purpose: the organisation's own if it has published one, else the default."""
    texts = ConsentText.objects.filter(purpose=purpose).order_by("-version")
    text = (texts.filter(organisation=organisation).first() if organisation else None) or texts.filter(
        organisation__isnull=True
    ).first()
    if text is None:
        raise ValidationError(_("There is no consent text for this purpose yet."))
    return text


def consent_text_publish(
    *, actor: User, organisation: Organisation, purpose: str, text: str, text_en: str
) -> ConsentText:
    """Publish a new version of the organisation's consent text. Earlier versions stay as they were."""
    with transaction.atomic():
        latest = (
            ConsentText.objects.filter(organisation=organisation, purpose=purpose)
            .select_for_update()
            .order_by("-version")
            .first()
        )
        default = ConsentText.objects.filter(organisation__isnull=True, purpose=purpose).order_by("-version").first()
        version = max(latest.version if latest else 0, default.version if default else 0) + 1
        consent_text = ConsentText(
            organisation=organisation, purpose=purpose, version=version, text=text, text_en=text_en
        )
        consent_text.full_clean()
        consent_text.save()
        audit_log(
            actor=actor,
            action="consent_text.publish",
            target=consent_text,
            organisation=organisation,
            changes={"purpose": [None, purpose], "version": [None, version]},
        )
    return consent_text


def consent_record(
    *, actor: User | None, person: Person, text: ConsentText, method: str, given_at: Any = None
) -> Consent:
    consent = Consent.objects.create(
        person=person, text=text, method=method, given_at=given_at or timezone.now(), recorded_by=actor
    )
    audit_log(
        actor=actor,
        action="consent.record",
        target=person,
        branch=person.branch,
        changes={"text": [None, str(text)], "method": [None, method]},
    )
    return consent


def consent_withdraw(*, actor: User, consent: Consent) -> Consent:
    with transaction.atomic():
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        audit_log(actor=actor, action="consent.withdraw", target=consent.person, branch=consent.person.branch)
    return consent


def signup(
    *,
    branch: Branch,
    kind: str,
    data: PersonInput,
    consent_text: ConsentText,
    submission_id: uuid.UUID,
    programme: Programme | None = None,
) -> tuple[Person, bool]:
    """A public sign-up. The same form sent twice (same submission id) gives the same person, once."""
    existing = Person.objects.filter(submission_id=submission_id).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            data.person["submission_id"] = submission_id
            person = person_create(
                actor=None, branch=branch, kind=kind, data=data, source=Source.SIGNUP, programme=programme
            )
            consent_record(actor=None, person=person, text=consent_text, method=Consent.Method.ONLINE)
    except IntegrityError:
        # Two identical submissions raced; the other one won.
        return Person.objects.get(submission_id=submission_id), False
    return person, True


def referral_create(
    *,
    actor: User,
    branch: Branch,
    data: PersonInput,
    partner: str,
    reason: str,
    motivation: str,
    consent_method: str,
    programme: Programme | None = None,
) -> Referral:
    """A partner refers a person, with the person's consent, to a branch the partner refers to."""
    if branch.pk not in access_for(actor).branch_ids(Role.REFERRER):
        raise ValidationError({"branch": _("You can only refer to branches you work with.")})
    with transaction.atomic():
        person = person_create(
            actor=actor,
            branch=branch,
            kind=Kind.MENTEE,
            data=data,
            source=Source.REFERRAL,
            programme=programme,
            status=Status.REFERRED,
        )
        consent = consent_record(
            actor=actor,
            person=person,
            text=current_consent_text(ConsentText.Purpose.REFERRAL, branch.organisation),
            method=consent_method,
        )
        referral = Referral(
            person=person,
            branch=branch,
            referrer=actor,
            partner=partner,
            reason=reason,
            motivation=motivation,
            consent=consent,
        )
        referral.full_clean()
        referral.save()
        audit_log(actor=actor, action="referral.create", target=person, branch=branch)
    return referral


def _place(name: str) -> str:
    return name.casefold().replace("kommune", "").strip()


def screening_checks(person: Person, programme: Programme | None) -> dict[str, bool | None]:
    """The programme's rules applied to what is known about the person; None where there is no rule or no data."""
    if programme is None:
        return {"age_ok": None, "residence_ok": None}
    age = person.age()
    age_ok: bool | None = None
    if age is not None and (programme.mentee_min_age is not None or programme.mentee_max_age is not None):
        age_ok = (programme.mentee_min_age or 0) <= age <= (programme.mentee_max_age or 200)
    residence_ok: bool | None = None
    rule = _place(programme.residence_requirement)
    places = {_place(value) for value in (person.municipality, person.area, person.city) if value.strip()}
    if rule and places:
        residence_ok = any(rule in place or place in rule for place in places)
    return {"age_ok": age_ok, "residence_ok": residence_ok}


def screening_record(*, actor: User, person: Person, data: dict[str, Any]) -> Screening:
    """Screen a mentee against the programme's rules. An exclusion refers the person elsewhere; nothing is deleted."""
    programme = data.get("programme") or person.programme
    checks = screening_checks(person, programme)
    outcome = data["outcome"]
    if outcome == Screening.Outcome.ELIGIBLE:
        if checks["age_ok"] is False:
            raise ValidationError({"outcome": _("The person's age is outside the programme's age band.")})
        if checks["residence_ok"] is False:
            raise ValidationError({"outcome": _("The person does not live in the programme's area.")})
        if data.get("target_group_ok") is False:
            raise ValidationError({"outcome": _("The person is outside the programme's target group.")})
    with transaction.atomic():
        screening = Screening(person=person, screened_by=actor, **{**data, "programme": programme}, **checks)
        screening.full_clean()
        screening.save()
        if programme is not None and person.programme_id != programme.pk:
            person.programme = programme
            person.save(update_fields=["programme", "updated_at"])
        audit_log(
            actor=actor,
            action="person.screen",
            target=person,
            branch=person.branch,
            changes={"outcome": [None, outcome], "exclusion_category": [None, screening.exclusion_category]},
        )
        if outcome == Screening.Outcome.EXCLUDED and Status.REFERRED_ELSEWHERE in person.allowed_statuses():
            person_move(actor=actor, person=person, to_status=Status.REFERRED_ELSEWHERE, note=screening.referred_to)
        elif outcome == Screening.Outcome.ELIGIBLE and person.status in (Status.REFERRED, Status.SCREENING):
            if person.status == Status.REFERRED:
                person_move(actor=actor, person=person, to_status=Status.SCREENING)
            person_move(actor=actor, person=person, to_status=Status.INTERVIEW)
    return screening


def interview_record(*, actor: User, person: Person, data: dict[str, Any]) -> Interview:
    """Record an intake interview; a mentor who was only interested moves on to the interview stage."""
    with transaction.atomic():
        interview = Interview(person=person, held_by=actor, **data)
        interview.full_clean()
        interview.save()
        audit_log(actor=actor, action="person.interview", target=person, branch=person.branch)
        if person.kind == Kind.MENTOR and person.status == Status.INTERESTED:
            person_move(actor=actor, person=person, to_status=Status.INTERVIEW)
    return interview
