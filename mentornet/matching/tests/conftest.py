from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from mentornet.core.testing import make_person
from mentornet.people.models import Language, MenteeProfile, MentorProfile, Person, Status, Topic


def _languages(codes: tuple[str, ...]) -> list[Language]:
    return list(Language.objects.filter(code__in=codes))


def make_mentor(branch: Any, *, languages: tuple[str, ...] = ("da",), user: Any = None, **profile: Any) -> Person:
    """An approved, active mentor who has completed the course."""
    person_fields = {k: profile.pop(k) for k in ("first_name", "gender", "birth_date", "area") if k in profile}
    mentor: Person = make_person(branch, kind="mentor", **person_fields)
    Person.objects.filter(pk=mentor.pk).update(status=profile.pop("status", Status.ACTIVE), user=user)
    MentorProfile.objects.filter(person=mentor).update(
        course_completed_on=timezone.localdate(),
        **{k: v for k, v in profile.items() if k not in {"competences", "fields"}},
    )
    mentor.languages.set(_languages(languages))
    if "competences" in profile:
        mentor.mentor_profile.competences.set(profile["competences"])
    mentor.refresh_from_db()
    return mentor


def make_waiting(branch: Any, *, languages: tuple[str, ...] = ("da",), days: int = 10, **fields: Any) -> Person:
    """A screened mentee waiting for a match since ``days`` ago."""
    needs = fields.pop("needs", ())
    profile = {k: fields.pop(k) for k in ("mentor_gender_wish", "mentor_gender_required") if k in fields}
    mentee: Person = make_person(branch, kind="mentee", **fields)
    Person.objects.filter(pk=mentee.pk).update(status=Status.WAITING)
    MenteeProfile.objects.filter(person=mentee).update(
        waiting_since=timezone.localdate() - datetime.timedelta(days=days), **profile
    )
    mentee.languages.set(_languages(languages))
    if needs:
        mentee.mentee_profile.needs.set(needs)
    mentee.refresh_from_db()
    return mentee


def support(name: str) -> Topic:
    return Topic.objects.get(kind=Topic.Kind.SUPPORT, name=name)


@pytest.fixture
def mentor_user(world: Any, bob: Any) -> Person:
    """Bob's own mentor record in København, with a presentation."""
    return make_mentor(world.kbh, user=bob, first_name="Bob", presentation="Jeg er ingeniør og elsker fodbold.")
