from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError

from mentornet.organisations.models import Organisation
from mentornet.projects.budget import summarise
from mentornet.projects.forms import parse_amount
from mentornet.projects.models import BudgetLine, Project
from mentornet.projects.services import project_create
from mentornet.projects.tests.conftest import line, project_data


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("54.000,50", "54000.50"),
        ("54000,5", "54000.5"),
        ("1.229.696", "1229696"),
        ("54 000", "54000"),
        ("54000.50", "54000.50"),
        ("435.000 kr.", "435000"),
    ],
)
def test_it_reads_amounts_as_danes_write_them(typed: str, amount: str) -> None:
    assert parse_amount(typed) == Decimal(amount)


@pytest.mark.parametrize("typed", ["54,000.50", "femtusind", "5.4.3"])
def test_it_refuses_what_is_not_an_amount(typed: str) -> None:
    with pytest.raises(forms.ValidationError):
        parse_amount(typed)


def _lines(rows: list[dict[str, object]]) -> list[BudgetLine]:
    return [BudgetLine(**row) for row in rows]


def test_the_kvinfo_budget_is_flagged_because_its_funders_do_not_add_up() -> None:
    """000's budget: expenses 2.434.000 kr., but KK 1.095.000 + INM 1.364.000 = 2.459.000 kr."""
    budget = summarise(
        _lines(
            [
                line(2010, "expense", "I alt", "1215000"),
                line(2011, "expense", "I alt", "1219000"),
                line(2010, "income", "KK", "560000", municipal=True),
                line(2011, "income", "KK", "535000", municipal=True),
                line(2010, "income", "INM", "680000"),
                line(2011, "income", "INM", "684000"),
            ]
        )
    )
    assert budget.expenses == Decimal(2_434_000)
    assert budget.income == Decimal(2_459_000)
    assert budget.municipal == Decimal(1_095_000)
    assert not budget.reconciles
    assert [y.year for y in budget.mismatched_years] == [2010]


def test_a_budget_whose_funders_cover_the_expenses_reconciles() -> None:
    budget = summarise(
        _lines([line(2010, "expense", "Løn", "90000"), line(2010, "income", "KK", "90000", municipal=True)])
    )
    assert budget.reconciles


@pytest.mark.django_db
def test_a_project_under_50000_kr_a_year_is_refused_and_nothing_is_saved(copenhagen: Organisation) -> None:
    with pytest.raises(ValidationError) as caught:
        project_create(
            actor=None,
            municipality=copenhagen,
            data=project_data(),
            areas=["employment"],
            budget_lines=[line(2010, "expense", "Løn", "40000"), line(2010, "income", "KK", "40000", municipal=True)],
        )
    assert "50.000 kr." in " ".join(caught.value.messages)
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_a_project_without_municipal_funding_is_refused(copenhagen: Organisation) -> None:
    with pytest.raises(ValidationError) as caught:
        project_create(
            actor=None,
            municipality=copenhagen,
            data=project_data(),
            areas=["employment"],
            budget_lines=[line(2010, "expense", "Løn", "90000"), line(2010, "income", "Realdania", "90000")],
        )
    assert "kommunen" in " ".join(caught.value.messages) or "municipality" in " ".join(caught.value.messages)


@pytest.mark.django_db
def test_a_period_ending_before_it_starts_is_refused(copenhagen: Organisation) -> None:
    import datetime

    with pytest.raises(ValidationError) as caught:
        project_create(
            actor=None,
            municipality=copenhagen,
            data=project_data(end_date=datetime.date(2009, 1, 1)),
            areas=["employment"],
            budget_lines=[line(2010, "expense", "Løn", "90000"), line(2010, "income", "KK", "90000", municipal=True)],
        )
    assert "end_date" in caught.value.message_dict


@pytest.mark.django_db
def test_an_ongoing_indsats_needs_no_end_date_nor_budget(copenhagen: Organisation) -> None:
    project = project_create(
        actor=None,
        municipality=copenhagen,
        data=project_data(kind=Project.Kind.INDSATS, end_date=None, participants_estimate=1750),
        areas=["employment"],
    )
    assert project.kind == Project.Kind.INDSATS


@pytest.mark.django_db
def test_an_unbalanced_budget_is_saved_all_the_same(copenhagen: Organisation) -> None:
    project = project_create(
        actor=None,
        municipality=copenhagen,
        data=project_data(),
        areas=["employment", "safety"],
        budget_lines=[line(2010, "expense", "Løn", "90000"), line(2010, "income", "KK", "95000", municipal=True)],
    )
    assert not summarise(project.budget_lines.all()).reconciles
    assert project.area_rows.count() == 2
