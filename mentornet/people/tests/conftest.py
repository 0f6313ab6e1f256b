from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from mentornet.people.models import Kind
from mentornet.people.services.person import PersonInput, person_create


def years_ago(years: int, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=days)


@pytest.fixture
def ishoj_programme(world: Any) -> Any:
    from mentornet.core.testing import make_programme

    return make_programme(
        world.ishoj_branch,
        name="#MentorIshøj",
        mentee_min_age=18,
        mentee_max_age=30,
        residence_requirement="Ishøj Kommune",
    )


@pytest.fixture
def amina(world: Any, alice: Any) -> Any:
    """A mentee in København, signed up and waiting to be screened."""
    return person_create(
        actor=alice,
        branch=world.kbh,
        kind=Kind.MENTEE,
        data=PersonInput(
            person={
                "first_name": "Amina",
                "last_name": "Hassan",
                "email": "amina@example.org",
                "phone": "+4512345678",
                "birth_date": years_ago(24),
                "gender": "female",
                "municipality": "København",
                "area": "Nørrebro",
            }
        ),
        programme=world.kbh_programme,
    )
