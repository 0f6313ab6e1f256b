"""Demo data for accounts: one login per role, and a synthetic user base that grows with --scale."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.hashers import make_password
from django.utils.text import slugify
from faker import Faker

from mentornet.accounts.models import Membership, Role, User
from mentornet.core.demo import person_name
from mentornet.organisations.models import Branch, Organisation

DEMO_PASSWORD = "mentornet-demo"  # noqa: S105

#: (e-mail, what the login is for, role, organisation key, branch key or None)
DEMO_LOGINS: list[tuple[str, str, str, str, str | None]] = [
    ("admin@mentornet.example", "Organisation admin, KVINFOs Mentornetværk", Role.ORGANISATION_ADMIN, "kvinfo", None),
    ("koordinator.kbh@mentornet.example", "Coordinator, København", Role.COORDINATOR, "kvinfo", "kbh"),
    ("koordinator.tingbjerg@mentornet.example", "Coordinator, Tingbjerg", Role.COORDINATOR, "kvinfo", "tingbjerg"),
    ("mentor@mentornet.example", "Mentor, København", Role.MENTOR, "kvinfo", "kbh"),
    ("henviser@mentornet.example", "Partner referrer (jobkonsulent), Tingbjerg", Role.REFERRER, "kvinfo", "tingbjerg"),
    ("analytiker@mentornet.example", "Municipal analyst, Københavns Kommune", Role.ANALYST, "copenhagen", None),
    (
        "integration@mentornet.example",
        "Municipal integration administrator, Københavns Kommune",
        Role.MUNICIPAL_ADMIN,
        "copenhagen",
        None,
    ),
    ("projektholder@mentornet.example", "Project holder, Københavns Kommune", Role.PROJECT_HOLDER, "copenhagen", None),
    ("admin.ishoj@mentornet.example", "Organisation admin, Ishøj Kommune", Role.ORGANISATION_ADMIN, "ishoj", None),
    ("koordinator.ishoj@mentornet.example", "Coordinator, #MentorIshøj", Role.COORDINATOR, "ishoj", "ishoj_branch"),
]

#: Staff and partners with a login per branch at --scale 1: (branch key, role, count). Mentors' logins come
#: with their person records (people/demo.py).
USER_BASE: list[tuple[str, str, int]] = [
    ("kbh", Role.COORDINATOR, 3),
    ("kbh", Role.REFERRER, 20),
    ("tingbjerg", Role.COORDINATOR, 1),
    ("tingbjerg", Role.REFERRER, 10),
    ("vollsmose", Role.COORDINATOR, 2),
    ("vollsmose", Role.REFERRER, 5),
    ("ishoj_branch", Role.COORDINATOR, 1),
    ("ishoj_branch", Role.REFERRER, 8),
]


def build(fake: Faker, scale: float, places: dict[str, Any]) -> None:
    password = make_password(DEMO_PASSWORD)
    for email, _purpose, role, organisation_key, branch_key in DEMO_LOGINS:
        user = User.objects.create(
            email=email, full_name=person_name(fake), phone=fake.phone_number(), password=password
        )
        Membership.objects.create(
            user=user,
            role=role,
            organisation=places[organisation_key],
            branch=places[branch_key] if branch_key else None,
        )

    unusable = make_password(None)
    users: list[User] = []
    scopes: list[tuple[str, Organisation, Branch]] = []
    for branch_key, role, count in USER_BASE:
        branch: Branch = places[branch_key]
        for _ in range(max(round(count * scale), 1) if role != Role.COORDINATOR else count):
            name = person_name(fake)
            number = len(users) + 1
            users.append(
                User(
                    email=f"{slugify(name)}.{number}@eksempel.example",
                    full_name=name,
                    phone=fake.phone_number(),
                    password=unusable,
                )
            )
            scopes.append((role, branch.organisation, branch))
    User.objects.bulk_create(users, batch_size=1000)
    created = {user.email: user for user in User.objects.filter(email__endswith="@eksempel.example")}
    Membership.objects.bulk_create(
        (
            Membership(user=created[user.email], role=role, organisation=organisation, branch=branch)
            for user, (role, organisation, branch) in zip(users, scopes, strict=True)
        ),
        batch_size=1000,
    )
