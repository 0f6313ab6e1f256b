"""Exclusions of a mentor for a mentee, the mentor's own presentation, and a programme's matching settings."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mentornet.accounts.models import User
from mentornet.core.services import REDACTED, audit_log
from mentornet.matching import engine
from mentornet.matching.models import Exclusion, MatchingSettings
from mentornet.matching.records import (
    settings_for,
)
from mentornet.organisations.models import Programme
from mentornet.people.models import Kind, MentorProfile, Person

# --- Exclusions ---------------------------------------------------------------------------------------------------


def exclusion_add(*, actor: User | None, mentee: Person, mentor: Person, reason: str) -> Exclusion:
    """Never propose ``mentor`` to ``mentee`` again; the reason is kept for the next coordinator."""
    if mentor.kind != Kind.MENTOR or mentor.organisation_id != mentee.organisation_id:
        raise ValidationError(_("Choose a mentor of the organisation."))
    with transaction.atomic():
        exclusion, created = Exclusion.objects.get_or_create(
            mentee=mentee, mentor=mentor, defaults={"reason": reason[:300], "created_by": actor}
        )
        if created:
            audit_log(
                actor=actor,
                action="matching.exclude",
                target=mentee,
                branch=mentee.branch,
                changes={"mentor": str(mentor.pk)},
            )
    return exclusion


def exclusion_remove(*, actor: User, exclusion: Exclusion) -> None:
    with transaction.atomic():
        mentee = exclusion.mentee
        audit_log(
            actor=actor,
            action="matching.include",
            target=mentee,
            branch=mentee.branch,
            changes={"mentor": str(exclusion.mentor_id)},
        )
        exclusion.delete()


# --- The mentor's presentation ------------------------------------------------------------------------------------


def mentor_presentation_update(*, actor: User, mentor: Person, presentation: str) -> MentorProfile:
    """The mentor's own words for mentees who choose. Proposals already sent keep the text they showed."""
    with transaction.atomic():
        profile = MentorProfile.objects.select_for_update().get(person=mentor)
        if profile.presentation != presentation:
            profile.presentation = presentation
            profile.full_clean(exclude=["person"])
            profile.save(update_fields=["presentation"])
            audit_log(
                actor=actor,
                action="matching.presentation",
                target=mentor,
                branch=mentor.branch,
                changes={"presentation": [REDACTED, REDACTED]},
            )
    return profile


# --- Settings -----------------------------------------------------------------------------------------------------


def matching_settings_update(*, actor: User, programme: Programme, data: dict[str, Any]) -> MatchingSettings:
    """Save a programme's weights, N, reservation period and first-meeting step."""
    with transaction.atomic():
        found = settings_for(programme)
        before = {"weights": dict(found.weights), "first_meeting_step": found.first_meeting_step}
        found.weights = {name: float(data[name]) for name in engine.CRITERIA if name in data}
        found.first_meeting_step = bool(data.get("first_meeting_step"))
        found.save()
        changes: dict[str, Any] = {}
        for name in ("max_mentors_proposed", "proposal_expiry_days"):
            if name in data and getattr(programme, name) != data[name]:
                changes[name] = [getattr(programme, name), data[name]]
                setattr(programme, name, data[name])
        if changes:
            programme.save(update_fields=[*changes, "updated_at"])
        if before["weights"] != found.weights:
            changes["weights"] = [before["weights"], found.weights]
        if before["first_meeting_step"] != found.first_meeting_step:
            changes["first_meeting_step"] = [before["first_meeting_step"], found.first_meeting_step]
        audit_log(actor=actor, action="matching.settings", target=programme, branch=programme.branch, changes=changes)
    return found
