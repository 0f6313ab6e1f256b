from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from mentornet.activities.models import Activity, ActivityKind, Audience
from mentornet.activities.services import activity_create
from mentornet.core.testing import make_person
from mentornet.people.models import Person, Status


def at(days: float, hour: int = 18) -> datetime.datetime:
    """A local time ``days`` from today at ``hour`` o'clock."""
    day = timezone.localdate() + datetime.timedelta(days=int(days))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def make_activity(
    branch: Any,
    *,
    actor: Any = None,
    kind: str = ActivityKind.MENTOR_MEETING,
    audience: str = Audience.MENTORS,
    title: str = "Mentormøde",
    capacity: int | None = None,
    days: tuple[float, ...] = (7,),
    invited: tuple[Any, ...] = (),
    **data: Any,
) -> Activity:
    """An activity with one three-hour session per day offset in ``days`` (negative: in the past)."""
    times = [(at(d), at(d) + datetime.timedelta(hours=3)) for d in days]
    return activity_create(
        actor=actor,
        branch=branch,
        data={"kind": kind, "audience": audience, "title": title, "capacity": capacity, "place": "Huset", **data},
        invited_branches=invited,
        sessions=times,
    )


def make_member(branch: Any, *, kind: str = "mentor", status: str = Status.ACTIVE, **fields: Any) -> Person:
    person: Person = make_person(branch, kind=kind, **fields)
    Person.objects.filter(pk=person.pk).update(status=status)
    person.refresh_from_db()
    return person
