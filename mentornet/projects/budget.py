"""Budget arithmetic and the project bank's registration rules, on plain budget lines (saved or not yet)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from mentornet.projects.models import MIN_ANNUAL_BUDGET, BudgetLine, Project


class Line(Protocol):
    year: int
    kind: str
    municipal: bool
    amount: Decimal


@dataclass
class BudgetYear:
    year: int
    expenses: Decimal = Decimal(0)
    income: Decimal = Decimal(0)
    municipal: Decimal = Decimal(0)

    @property
    def total(self) -> Decimal:
        """The year's budget: its expenses, or its income when no expenses are given."""
        return self.expenses or self.income

    @property
    def reconciles(self) -> bool:
        """The funders add up to the expenses (a year with only one side is not compared)."""
        return not (self.expenses and self.income) or self.expenses == self.income


@dataclass
class Budget:
    years: list[BudgetYear] = field(default_factory=list)

    @property
    def expenses(self) -> Decimal:
        return sum((y.expenses for y in self.years), Decimal(0))

    @property
    def income(self) -> Decimal:
        return sum((y.income for y in self.years), Decimal(0))

    @property
    def municipal(self) -> Decimal:
        return sum((y.municipal for y in self.years), Decimal(0))

    @property
    def annual_average(self) -> Decimal:
        return sum((y.total for y in self.years), Decimal(0)) / len(self.years) if self.years else Decimal(0)

    @property
    def mismatched_years(self) -> list[BudgetYear]:
        return [y for y in self.years if not y.reconciles]

    @property
    def reconciles(self) -> bool:
        """Funders add up to the expenses, year by year and in total."""
        return not self.mismatched_years and (not (self.expenses and self.income) or self.expenses == self.income)


def summarise(lines: Iterable[Line]) -> Budget:
    years: dict[int, BudgetYear] = {}
    for line in lines:
        year = years.setdefault(line.year, BudgetYear(line.year))
        if line.kind == BudgetLine.Kind.EXPENSE:
            year.expenses += line.amount
        else:
            year.income += line.amount
            if line.municipal:
                year.municipal += line.amount
    return Budget(sorted(years.values(), key=lambda y: y.year))


def _kr(amount: Decimal) -> str:
    return number_format(amount, decimal_pos=0, force_grouping=True)


def check_rules(project: Project, lines: Iterable[Line]) -> None:
    """The project bank's rules for a project: a period, a budget over 50.000 kr. a year and municipal funding.

    An indsats is ongoing and has no such rules. A budget whose funders do not add up is flagged, not refused."""
    errors: dict[str, list[str]] = {}
    if project.start_date and project.end_date and project.end_date < project.start_date:
        errors.setdefault("end_date", []).append(_("The period must end on or after its start."))
    if project.kind == Project.Kind.PROJECT:
        if project.end_date is None:
            errors.setdefault("end_date", []).append(
                _("A project is time-limited: give its end date, or register it as an ongoing initiative.")
            )
        budget = summarise(lines)
        if budget.annual_average <= MIN_ANNUAL_BUDGET:
            errors.setdefault("__all__", []).append(
                _(
                    "The project bank holds projects with a budget over %(limit)s kr. a year; this budget is "
                    "%(average)s kr. a year. Add the budget lines, or register it as an ongoing initiative."
                )
                % {"limit": _kr(MIN_ANNUAL_BUDGET), "average": _kr(budget.annual_average)}
            )
        if not budget.municipal:
            errors.setdefault("__all__", []).append(
                _(
                    "A project in the project bank is funded fully or partly by the municipality: add an income "
                    "line from the municipality and tick “municipal funding”."
                )
            )
    if errors:
        raise ValidationError(errors)
