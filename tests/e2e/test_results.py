"""A coordinator follows her programme's targets: actual, pace, status, and the people behind a number."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from mentornet.accounts.models import User
from mentornet.mentorships.tests.conftest import make_mentorship
from mentornet.organisations.models import Target
from mentornet.people.models import SensitiveData
from tests.e2e.conftest import axe_check, login
from tests.e2e.test_journeys import h1

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_reads_the_programmes_results_and_sees_who_is_behind_a_number(
    page: Page, alice: User, world: Any
) -> None:
    programme = world.kbh_programme
    today = timezone.localdate()
    make_mentorship(programme, days_ago=0, mentee_name="Amina")
    Target.objects.create(
        programme=programme,
        metric="mentorships_started",
        period_start=today.replace(month=1, day=1),
        period_end=today.replace(month=12, day=31),
        value=Decimal(30),
    )

    login(page, alice)
    page.goto(f"/programmer/{programme.pk}/")
    main = page.get_by_role("main")
    main.get_by_role("link", name="Resultater målt mod målene").click()
    expect(h1(page)).to_have_text(f"Resultater: {programme.name}")
    table = main.get_by_role("table", name="Mål")
    expect(table).to_contain_text("Påbegyndte forløb (match)")
    expect(table).to_contain_text("30")
    expect(main.get_by_role("term").first).to_be_visible()  # the definitions
    axe_check(page)

    table.get_by_role("link", name="1 (se hvem)").click()
    expect(h1(page)).to_have_text("Påbegyndte forløb (match)")
    expect(main).to_contain_text("1 person bag tallet")
    expect(main.get_by_role("link", name="Amina")).to_be_visible()
    axe_check(page)


def test_a_coordinator_makes_a_report_for_the_funder(page: Page, alice: User, world: Any) -> None:
    programme = world.kbh_programme
    login(page, alice)
    page.goto(f"/programmer/{programme.pk}/resultater/")
    main = page.get_by_role("main")
    main.get_by_role("link", name="Rapporter til bevillingsgivere og udvalg").click()
    expect(h1(page)).to_have_text(f"Rapporter: {programme.name}")
    axe_check(page)

    # A period that ends before it starts is explained, and the text is kept.
    main.get_by_label("Periodens slutning").fill("2000-01-01")
    main.get_by_label("Koordinatorens tekst").fill("Et godt år med mange nye mentorer.")
    main.get_by_role("button", name="Lav rapporten").click()
    expect(main.get_by_role("alert")).to_contain_text("Perioden skal slutte på eller efter sin start.")
    expect(main.get_by_label("Koordinatorens tekst")).to_have_value("Et godt år med mange nye mentorer.")
    axe_check(page)

    main.get_by_label("Periodens slutning").fill(f"{timezone.localdate().year - 1}-12-31")
    main.get_by_role("button", name="Lav rapporten").click()
    expect(main.get_by_role("link", name="Hent PDF")).to_be_visible()
    expect(main).to_contain_text("Ingen data: programmet har ingen mål i perioden.")
    axe_check(page)


def test_a_coordinator_breaks_the_year_down_and_hides_small_figures(page: Page, alice: User, world: Any) -> None:
    programme = world.kbh_programme
    for i in range(6):
        mentorship = make_mentorship(programme, days_ago=i, mentee_name=f"N{i}", area="Nørrebro")
        SensitiveData.objects.create(person=mentorship.mentee, country_of_origin="Tyrkiet")
    valdemar = make_mentorship(programme, days_ago=1, mentee_name="Valdemar", area="Valby")
    SensitiveData.objects.create(person=valdemar.mentee, country_of_origin=" syrien")
    this_year = timezone.localdate().year
    login(page, alice)
    page.goto(f"/programmer/{programme.pk}/resultater/")
    main = page.get_by_role("main")
    main.get_by_role("link", name="Fordelinger og måneder").click()
    expect(h1(page)).to_have_text(f"Fordelinger: {programme.name}")
    main.get_by_label("Fordel på").select_option(label="Område")
    main.get_by_role("button", name="Vis").click()
    expect(main).to_contain_text("7 personer i året")
    expect(main.get_by_role("img").first).to_be_visible()  # the charts, with their data tables
    by_year = main.get_by_role("table", name="Påbegyndte forløb (match) pr. år")
    expect(by_year.get_by_role("row", name=f"{this_year} (indtil nu)")).to_contain_text("7")
    axe_check(page)

    main.get_by_label("Skjul små tal, som i en rapport").check()
    main.get_by_role("button", name="Vis").click()
    expect(main.get_by_role("row", name="Valby")).to_contain_text("..")
    axe_check(page)

    # Country of origin is special-category data: always hidden below 5, however it was typed.
    main.get_by_label("Skjul små tal, som i en rapport").uncheck()
    main.get_by_label("Fordel på").select_option(label="Oprindelsesland")
    main.get_by_role("button", name="Vis").click()
    expect(main.get_by_role("row", name="Syrien")).to_contain_text("..")
    expect(main.get_by_role("row", name="Tyrkiet")).to_contain_text("..")  # it would reveal Syrien from the 7
    axe_check(page)

    # A year without data says so; a year out of range is explained, and the choices are kept.
    main.get_by_label("År", exact=True).fill("2001")
    main.get_by_role("button", name="Vis").click()
    expect(main).to_contain_text("Ingen data i året.")
    axe_check(page)
    main.get_by_label("År", exact=True).fill("1999")
    main.get_by_role("button", name="Vis").click()
    expect(main.get_by_role("alert")).to_contain_text("Denne værdi skal være større end eller lig 2000.")
    expect(main.get_by_label("Fordel på")).to_have_value("country")
    axe_check(page)
