"""Writes for the person register: create, update, move through the pipeline, reveal, export, erase."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentornet.accounts.models import User
from mentornet.core.services import REDACTED, audit_log
from mentornet.organisations.models import Branch, Programme
from mentornet.people.models import (
    FIRST_STATUS,
    SENSITIVE_FIELDS,
    ContactProfile,
    Kind,
    MenteeProfile,
    MentorProfile,
    Person,
    Screening,
    SensitiveData,
    Source,
    Status,
    StatusChange,
)

#: Person fields whose values may appear in the audit log; all others are logged by name only.
LOGGABLE_FIELDS = {"kind", "status", "branch", "programme", "source", "recruitment_channel", "gender"}

PROFILE_MODELS: dict[str, type[models.Model]] = {
    Kind.MENTOR: MentorProfile,
    Kind.MENTEE: MenteeProfile,
    Kind.CONTACT: ContactProfile,
}


@dataclass
class PersonInput:
    """Everything a form, a referral or an import knows about a person, split by where it is stored."""

    person: dict[str, Any]
    profile: dict[str, Any] = field(default_factory=dict)
    sensitive: dict[str, Any] = field(default_factory=dict)
    relations: dict[str, Iterable[Any]] = field(default_factory=dict)
    profile_relations: dict[str, Iterable[Any]] = field(default_factory=dict)


def _log_value(name: str, value: Any) -> Any:
    if name not in LOGGABLE_FIELDS:
        return REDACTED
    return str(value.pk) if isinstance(value, models.Model) else value


def profile_of(person: Person) -> models.Model:
    return getattr(person, f"{person.kind}_profile")  # type: ignore[no-any-return]


def person_create(
    *,
    actor: User | None,
    branch: Branch,
    kind: str,
    data: PersonInput,
    source: str = Source.MANUAL,
    programme: Programme | None = None,
    status: str | None = None,
    flag_duplicates: bool = True,
) -> Person:
    """Register a person with their profile, in the first stage of their pipeline, and flag likely duplicates."""
    from mentornet.people.services.duplicates import duplicates_flag

    with transaction.atomic():
        person = Person(
            organisation=branch.organisation,
            branch=branch,
            programme=programme,
            kind=kind,
            status=status or FIRST_STATUS[kind],
            source=source,
            **data.person,
        )
        person.full_clean()
        person.save()
        for name, values in data.relations.items():
            getattr(person, name).set(values)
        profile = PROFILE_MODELS[kind](person=person, **data.profile)
        profile.full_clean(exclude=["person"])
        profile.save()
        for name, values in data.profile_relations.items():
            getattr(profile, name).set(values)
        if any(data.sensitive.values()):
            SensitiveData.objects.create(person=person, **data.sensitive)
        StatusChange.objects.create(person=person, to_status=person.status, changed_by=actor)
        if person.status == Status.WAITING and kind == Kind.MENTEE:
            MenteeProfile.objects.filter(person=person).update(waiting_since=timezone.localdate())
        audit_log(
            actor=actor,
            action="person.create",
            target=person,
            branch=branch,
            changes={name: [None, _log_value(name, getattr(person, name))] for name in ["kind", "status", "source"]},
        )
        if flag_duplicates:
            duplicates_flag(person)
    return person


def person_update(*, actor: User, person: Person, data: PersonInput) -> Person:
    """Change a person's details and profile. Changed personal fields are logged by name, not value."""
    profile = profile_of(person)
    changed: dict[str, list[Any]] = {}
    with transaction.atomic():
        for instance, values in ((person, data.person), (profile, data.profile)):
            for name, value in values.items():
                if getattr(instance, name) != value:
                    changed[name] = [_log_value(name, getattr(instance, name)), _log_value(name, value)]
                    setattr(instance, name, value)
        person.full_clean()
        person.save()
        profile.full_clean(exclude=["person"])
        profile.save()
        for owner, relations in ((person, data.relations), (profile, data.profile_relations)):
            for name, items in relations.items():
                chosen = list(items)
                if set(getattr(owner, name).values_list("pk", flat=True)) != {item.pk for item in chosen}:
                    getattr(owner, name).set(chosen)
                    changed[name] = [REDACTED, REDACTED]
        if changed:
            audit_log(actor=actor, action="person.update", target=person, branch=person.branch, changes=changed)
    return person


def _check_move(person: Person, to_status: str) -> None:
    if to_status not in person.allowed_statuses():
        raise ValidationError(
            _("%(name)s cannot go from “%(from)s” to “%(to)s”.")
            % {"name": person, "from": person.get_status_display(), "to": Status(to_status).label}
        )
    if person.kind == Kind.MENTEE and to_status == Status.WAITING and person.status != Status.MATCHED:
        latest = person.screenings.order_by("-screened_on", "-pk").first()
        if latest is None or latest.outcome != Screening.Outcome.ELIGIBLE:
            raise ValidationError(_("Record a screening that finds the person eligible before matching."))
    if person.kind == Kind.MENTOR and to_status == Status.ACTIVE:
        needs_course = person.branch.programmes.filter(is_active=True, course_required=True).exists()
        if needs_course and person.mentor_profile.course_completed_on is None:
            raise ValidationError(_("The mentor must complete the introductory course first."))


def person_move(*, actor: User | None, person: Person, to_status: str, note: str = "") -> Person:
    """Move a person to another stage of their pipeline, if the rules allow it."""
    with transaction.atomic():
        _check_move(person, to_status)
        from_status = person.status
        person.status = to_status
        person.status_changed_at = timezone.now()
        person.save(update_fields=["status", "status_changed_at", "updated_at"])
        today = timezone.localdate()
        if person.kind == Kind.MENTEE and to_status == Status.WAITING:
            MenteeProfile.objects.filter(person=person).update(waiting_since=today)
        if person.kind == Kind.MENTOR and to_status == Status.COURSE_COMPLETED:
            MentorProfile.objects.filter(person=person, course_completed_on__isnull=True).update(
                course_completed_on=today
            )
        StatusChange.objects.create(
            person=person, from_status=from_status, to_status=to_status, changed_by=actor, note=note[:300]
        )
        audit_log(
            actor=actor,
            action="person.move",
            target=person,
            branch=person.branch,
            changes={"status": [from_status, to_status]},
        )
    return person


def sensitive_reveal(*, actor: User, person: Person, purpose: str) -> SensitiveData:
    """Show a person's special-category data; the reveal and its purpose go to the access log."""
    with transaction.atomic():
        audit_log(
            actor=actor, action="person.reveal", target=person, branch=person.branch, changes={"purpose": purpose}
        )
        data, _created = SensitiveData.objects.get_or_create(person=person)
    return data


def sensitive_update(*, actor: User, person: Person, data: Mapping[str, Any]) -> SensitiveData:
    with transaction.atomic():
        sensitive, _created = SensitiveData.objects.get_or_create(person=person)
        changed = [name for name in SENSITIVE_FIELDS if name in data and getattr(sensitive, name) != data[name]]
        for name in changed:
            setattr(sensitive, name, data[name])
        sensitive.full_clean(exclude=["person"])
        sensitive.save()
        if changed:
            audit_log(
                actor=actor,
                action="person.sensitive_update",
                target=person,
                branch=person.branch,
                changes={name: [REDACTED, REDACTED] for name in changed},
            )
    return sensitive
