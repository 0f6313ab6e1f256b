from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from mentornet.accounts.models import Role, User
from mentornet.core.testing import make_organisation, make_user
from mentornet.organisations.models import Organisation
from mentornet.projects.models import Project
from mentornet.projects.services import project_create


@pytest.fixture
def copenhagen(db: None) -> Organisation:
    return make_organisation(name="Københavns Kommune", kind=Organisation.Kind.MUNICIPALITY)


@pytest.fixture
def aarhus(db: None) -> Organisation:
    return make_organisation(name="Aarhus Kommune", kind=Organisation.Kind.MUNICIPALITY)


@pytest.fixture
def holder(copenhagen: Organisation) -> User:
    return make_user(role=Role.PROJECT_HOLDER, organisation=copenhagen, full_name="Hanne Holm")


@pytest.fixture
def municipal_admin(copenhagen: Organisation) -> User:
    return make_user(role=Role.MUNICIPAL_ADMIN, organisation=copenhagen, full_name="Ida Integration")


def project_data(**overrides: Any) -> dict[str, Any]:
    return {
        "kind": Project.Kind.PROJECT,
        "title": "Mentorer i Tingbjerg",
        "owner": "BIF",
        "purpose": "Flere i job og uddannelse.",
        "target_groups": "Unge 18-30 år",
        "nationalities": "Somaliske, tyrkiske",
        "district": "bronshoj_husum",
        "funding_pool": "8 mio. kr.-puljen",
        "start_date": datetime.date(2010, 1, 1),
        "end_date": datetime.date(2011, 12, 31),
        "status": Project.Status.RUNNING,
        "decision_reference": "BIU 202/2006",
        **overrides,
    }


def line(year: int, kind: str, label: str, amount: str, *, municipal: bool = False) -> dict[str, Any]:
    return {
        "year": year,
        "kind": kind,
        "label": label,
        "amount": Decimal(amount),
        "municipal": municipal,
        "including_vat": True,
    }


def balanced_budget(year: int = 2010) -> list[dict[str, Any]]:
    return [
        line(year, "expense", "Projektmedarbejdere", "100000"),
        line(year, "income", "KK", "100000", municipal=True),
    ]


def make_project(
    municipality: Organisation,
    holder: User | None = None,
    *,
    areas: tuple[str, ...] = ("employment",),
    published: bool = False,
    budget: list[dict[str, Any]] | None = None,
    **overrides: Any,
) -> Project:
    project = project_create(
        actor=holder,
        municipality=municipality,
        data=project_data(**overrides),
        areas=areas,
        activities=[{"activity": "Matchning", "success_criterion": "55 match om året"}],
        budget_lines=balanced_budget() if budget is None else budget,
    )
    if published:
        Project.objects.filter(pk=project.pk).update(published=True)
        project.refresh_from_db()
    return project
