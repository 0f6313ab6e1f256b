from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from mentornet.matching.tests.conftest import make_mentor
from mentornet.mentorships.models import Meeting, Mentorship
from mentornet.mentorships.services import mentorship_start, refresh_last_meeting
from mentornet.organisations.models import Programme
from mentornet.people.models import Person, Status


def make_mentee(branch: Any, **fields: Any) -> Person:
    """A matched mentee with goals from the intake."""
    from mentornet.core.testing import make_person

    goals = fields.pop("goals", "Vil gerne starte på en uddannelse som sosu-hjælper.")
    mentee: Person = make_person(branch, kind="mentee", **fields)
    Person.objects.filter(pk=mentee.pk).update(status=Status.MATCHED)
    mentee.mentee_profile.goals = goals
    mentee.mentee_profile.save()
    mentee.refresh_from_db()
    return mentee


def make_mentorship(
    programme: Programme, *, mentor: Person | None = None, days_ago: int = 60, mentee_name: str = "Amina", **kw: Any
) -> Mentorship:
    """An active mentorship started ``days_ago`` days ago."""
    mentor = mentor or make_mentor(programme.branch, first_name="Karen")
    mentee = make_mentee(programme.branch, first_name=mentee_name, **kw)
    return mentorship_start(
        actor=None,
        mentor=mentor,
        mentee=mentee,
        programme=programme,
        start_date=timezone.localdate() - datetime.timedelta(days=days_ago),
    )


def add_meetings(mentorship: Mentorship, n: int, *, days_ago: int = 1, form: str = "in_person") -> None:
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    Meeting.objects.bulk_create(
        Meeting(mentorship=mentorship, date=day - datetime.timedelta(days=i), topic="job", form=form, note=f"Note {i}")
        for i in range(n)
    )
    refresh_last_meeting(Mentorship.objects.filter(pk=mentorship.pk))


@pytest.fixture
def bobs_mentor(world: Any, bob: Any) -> Person:
    """Bob's own mentor record in København."""
    return make_mentor(world.kbh, user=bob, first_name="Bob")


@pytest.fixture
def bobs_mentorship(world: Any, bobs_mentor: Person) -> Mentorship:
    return make_mentorship(world.kbh_programme, mentor=bobs_mentor, mentee_name="Amina")
