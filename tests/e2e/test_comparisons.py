"""Comparisons: a coordinator sets this year against last year and the branches against each other, an analyst
reads a programme's results with the small figures hidden, and two stored reports are read side by side."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from mentornet.accounts.models import Role, User
from mentornet.core.testing import make_user
from mentornet.mentorships.tests.conftest import make_mentorship
from mentornet.organisations.models import Target
from mentornet.results.models import Report
from tests.e2e.conftest import axe_check, login
from tests.e2e.test_journeys import h1

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_sets_this_year_against_last_year_and_the_branches(page: Page, alice: User, world: Any) -> None:
    programme = world.kbh_programme
    make_mentorship(programme, days_ago=0, mentee_name="Amina")
    year = timezone.localdate().year
    Target.objects.create(
        programme=programme,
        metric="mentorships_started",
        period_start=f"{year}-01-01",
        period_end=f"{year}-12-31",
        value=Decimal(30),
    )

    login(page, alice)
    page.goto(f"/programmer/{programme.pk}/resultater/")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Tallene er beregnet kl.")
    axe_check(page)
    main.get_by_role("link", name="I år mod sidste år").click()
    expect(h1(page)).to_have_text(f"År mod år: {programme.name}")
    table = main.get_by_role("table", name="Mentorforløb")
    expect(table.get_by_role("row", name="Påbegyndte forløb (match)")).to_contain_text("+1")
    axe_check(page)

    main.get_by_label("Sidste år mod året før").check()
    main.get_by_role("button", name="Vis").click()
    expect(table).to_contain_text(f"31.12.{year - 1}")
    axe_check(page)

    main.get_by_label("Afdeling mod afdeling").check()
    main.get_by_role("button", name="Vis").click()
    expect(h1(page)).to_have_text(f"Afdeling mod afdeling: {world.kvinfo.name}")
    # Alice may not see Tingbjerg's people, so small figures are hidden for her.
    expect(main).to_contain_text("Tal for færre end 5 personer")
    expect(main.get_by_role("img", name="Påbegyndte forløb (match) fordelt på afdelinger")).to_be_visible()
    axe_check(page)

    # A period that ends before it starts is explained, and what was typed stays.
    main.get_by_label("Til", exact=True).fill(f"{year - 1}-01-01")
    main.get_by_role("button", name="Vis").click()
    expect(main.get_by_role("alert")).to_contain_text("Perioden skal slutte på eller efter sin start.")
    expect(main.get_by_label("Til", exact=True)).to_have_value(f"{year - 1}-01-01")
    axe_check(page)


def test_an_analyst_reads_the_results_with_small_figures_hidden(page: Page, world: Any) -> None:
    analyst = make_user(role=Role.ANALYST, organisation=world.kvinfo, email="anna@example.org")
    programme = world.kbh_programme
    make_mentorship(programme, days_ago=0, mentee_name="Amina")

    login(page, analyst)
    page.goto(f"/organisationer/{world.kvinfo.pk}/resultater/")
    main = page.get_by_role("main")
    expect(main.get_by_role("table", name="Mentorforløb")).to_contain_text("..")
    axe_check(page)
    main.get_by_role("link", name=programme.name).click()
    expect(h1(page)).to_have_text(f"Resultater: {programme.name}")
    expect(main).not_to_contain_text("se hvem")
    axe_check(page)


def report(programme: Any, title: str, period: str, actual: str) -> Report:
    figure: dict[str, Any] = {
        "metric": "mentorships_started",
        "label": "Påbegyndte forløb (match)",
        "gender": "",
        "funder": "",
    }
    figure |= {"period": period, "target": "30", "actual": actual, "hidden": False, "status": "Nået"}
    return Report.objects.create(
        programme=programme,
        title=title,
        period_start="2025-01-01",
        period_end="2025-12-31",
        state=Report.State.DONE,
        figures=[figure],
    )


def test_a_coordinator_reads_two_reports_side_by_side(page: Page, alice: User, world: Any) -> None:
    this = report(world.kbh_programme, "Årsrapport 2025", "01.01.2025–31.12.2025", "34")
    report(world.kbh_programme, "Årsrapport 2024", "01.01.2024–31.12.2024", "28")

    login(page, alice)
    page.goto(f"/rapporter/{this.pk}/")
    main = page.get_by_role("main")
    main.get_by_role("link", name="Sammenlign med en anden rapport").click()
    expect(h1(page)).to_have_text("Sammenlign: Årsrapport 2025")
    axe_check(page)
    main.get_by_label("Sammenlign med").select_option(label="Årsrapport 2024 (01.01.2025–31.12.2025)")
    main.get_by_role("button", name="Sammenlign").click()
    row = main.get_by_role("table", name="De to rapporter side om side").get_by_role("row", name="Påbegyndte")
    expect(row).to_contain_text("34")
    expect(row).to_contain_text("28")
    expect(row).to_contain_text("01.01.2024–31.12.2024")
    axe_check(page)
