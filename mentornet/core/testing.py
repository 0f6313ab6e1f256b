"""Plain factory functions for tests: ``make_<thing>(**overrides)`` with sensible defaults."""

from __future__ import annotations

import itertools
from typing import Any

from mentornet.accounts.models import ORGANISATION_ROLES, Membership, User
from mentornet.organisations.models import Branch, Organisation, Programme

PASSWORD = "correct horse battery staple"  # noqa: S105
_numbers = itertools.count(1)


def make_organisation(**overrides: Any) -> Organisation:
    number = next(_numbers)
    fields: dict[str, Any] = {"name": f"Organisation {number}", "kind": Organisation.Kind.NETWORK}
    return Organisation.objects.create(**(fields | overrides))


def make_branch(organisation: Organisation | None = None, **overrides: Any) -> Branch:
    number = next(_numbers)
    fields: dict[str, Any] = {"name": f"Afdeling {number}", "email": f"afdeling{number}@example.org"}
    return Branch.objects.create(organisation=organisation or make_organisation(), **(fields | overrides))


def make_programme(branch: Branch | None = None, **overrides: Any) -> Programme:
    number = next(_numbers)
    return Programme.objects.create(branch=branch or make_branch(), **({"name": f"Program {number}"} | overrides))


def make_user(
    *, role: str | None = None, branch: Branch | None = None, organisation: Organisation | None = None, **overrides: Any
) -> User:
    """A user with a known password and, given a role, one membership."""
    number = next(_numbers)
    fields: dict[str, Any] = {"email": f"user{number}@example.org", "full_name": f"Bruger {number}"}
    user = User.objects.create_user(password=PASSWORD, **(fields | overrides))
    if role is not None:
        scope = organisation or (branch.organisation if branch else make_organisation())
        Membership.objects.create(
            user=user, role=role, organisation=scope, branch=None if role in ORGANISATION_ROLES else branch
        )
    return user


def make_person(branch: Branch, *, kind: str = "mentee", **overrides: Any) -> Any:
    """A person in the register with their profile, registered by staff."""
    from mentornet.people.services.person import PersonInput, person_create

    number = next(_numbers)
    programme = overrides.pop("programme", None)
    fields: dict[str, Any] = {
        "first_name": f"Person{number}",
        "last_name": "Hansen",
        "email": f"person{number}@example.org",
    }
    return person_create(
        actor=None,
        branch=branch,
        kind=kind,
        data=PersonInput(person=fields | overrides),
        programme=programme,
        flag_duplicates=False,
    )
