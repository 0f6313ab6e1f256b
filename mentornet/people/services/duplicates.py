"""Likely duplicates: flag them when a person arrives, then merge or keep apart. A merge keeps all history."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mentornet.accounts.models import User
from mentornet.core.services import audit_log
from mentornet.people.models import (
    Consent,
    DuplicateFlag,
    Interview,
    Person,
    Referral,
    Screening,
    SensitiveData,
    StatusChange,
)
from mentornet.people.parsing import normalise_name, normalised_similarity
from mentornet.people.services.person import profile_of

#: How alike two names must be (0–1) to flag people born the same year.
NAME_THRESHOLD = 0.85

#: Fields a merge copies from the duplicate where the kept record has nothing.
FILLABLE = [
    "last_name",
    "email",
    "phone",
    "birth_date",
    "gender",
    "street",
    "postcode",
    "city",
    "municipality",
    "area",
    "recruitment_channel",
    "programme",
]


def find_duplicates(person: Person) -> list[tuple[Person, str]]:
    """People of the same kind and organisation sharing an e-mail or phone, or a similar name and birth year."""
    others = Person.objects.visible().filter(organisation=person.organisation, kind=person.kind).exclude(pk=person.pk)
    exact = Q(pk__in=[])
    if person.email:
        exact |= Q(email__iexact=person.email)
    if person.phone:
        exact |= Q(phone=person.phone)
    found: dict[int, tuple[Person, str]] = {}
    for other in others.filter(exact):
        reason = (
            DuplicateFlag.Reason.EMAIL
            if person.email and other.email.lower() == person.email.lower()
            else (DuplicateFlag.Reason.PHONE)
        )
        found[other.pk] = (other, reason)
    if person.birth_date is not None:
        same_year = others.filter(birth_date__year=person.birth_date.year).exclude(pk__in=found)
        key = normalise_name(person.full_name)
        for other in same_year.only("pk", "first_name", "last_name"):
            if normalised_similarity(key, normalise_name(other.full_name), at_least=NAME_THRESHOLD) >= NAME_THRESHOLD:
                found[other.pk] = (other, DuplicateFlag.Reason.NAME)
    return sorted(found.values(), key=lambda pair: pair[0].pk)


def duplicates_flag(person: Person) -> list[DuplicateFlag]:
    flags = [
        DuplicateFlag.objects.get_or_create(person=person, existing=other, defaults={"reason": reason})[0]
        for other, reason in find_duplicates(person)
    ]
    if flags:
        audit_log(actor=None, action="person.duplicate_flag", target=person, branch=person.branch)
    return flags


def _resolve(flag: DuplicateFlag, actor: User, state: str) -> None:
    if flag.state != DuplicateFlag.State.OPEN:
        raise ValidationError(_("This possible duplicate has already been dealt with."))
    flag.state = state
    flag.resolved_by = actor
    flag.resolved_at = timezone.now()
    flag.save(update_fields=["state", "resolved_by", "resolved_at"])


def duplicate_keep_apart(*, actor: User, flag: DuplicateFlag) -> None:
    with transaction.atomic():
        _resolve(flag, actor, DuplicateFlag.State.KEPT_APART)
        audit_log(actor=actor, action="person.keep_apart", target=flag.person, branch=flag.person.branch)


def duplicate_merge(*, actor: User, flag: DuplicateFlag) -> Person:
    """Merge the new record into the existing one: history moves over, blanks are filled, nothing is lost."""
    kept, merged = flag.existing, flag.person
    with transaction.atomic():
        _resolve(flag, actor, DuplicateFlag.State.MERGED)
        for field in FILLABLE:
            if not getattr(kept, field) and getattr(merged, field):
                setattr(kept, field, getattr(merged, field))
        if kept.user_id is None and merged.user_id is not None:
            kept.user_id, merged.user_id = merged.user_id, None
            merged.save(update_fields=["user"])
        kept.save()
        for name in ("languages", "interests"):
            getattr(kept, name).add(*getattr(merged, name).all())
        _merge_profiles(kept, merged)
        _merge_sensitive(kept, merged)
        for model in (Consent, Referral, Screening, Interview, StatusChange):
            model.objects.filter(person=merged).update(person=kept)
        DuplicateFlag.objects.filter(person=merged, state=DuplicateFlag.State.OPEN).exclude(existing=kept).update(
            person=kept
        )
        merged.merged_into = kept
        merged.save(update_fields=["merged_into", "updated_at"])
        audit_log(
            actor=actor,
            action="person.merge",
            target=kept,
            branch=kept.branch,
            changes={"merged_person": [None, merged.pk]},
        )
    return kept


def _merge_profiles(kept: Person, merged: Person) -> None:
    kept_profile, merged_profile = profile_of(kept), profile_of(merged)
    for field in kept_profile._meta.concrete_fields:
        if field.primary_key:
            continue
        if not getattr(kept_profile, field.attname) and getattr(merged_profile, field.attname):
            setattr(kept_profile, field.attname, getattr(merged_profile, field.attname))
    kept_profile.save()
    for field in kept_profile._meta.many_to_many:
        getattr(kept_profile, field.name).add(*getattr(merged_profile, field.name).all())


def _merge_sensitive(kept: Person, merged: Person) -> None:
    source = SensitiveData.objects.filter(person=merged).first()
    if source is None:
        return
    target, _created = SensitiveData.objects.get_or_create(person=kept)
    for field in target._meta.concrete_fields:
        if field.name in {"person", "updated_at"}:
            continue
        if not getattr(target, field.attname) and getattr(source, field.attname):
            setattr(target, field.attname, getattr(source, field.attname))
    target.save()
