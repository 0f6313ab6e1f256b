"""The project bank in Chromium, in Danish, with axe-core on every page: a reader searches the public bank and reads
a project and the statistics; a project holder registers a project (a budget under 50.000 kr. a year is refused with
what was typed kept), sends it for approval; the municipal administrator approves it and it goes public; a holder
posts an event (an end before the start is refused) and readers find it in the public calendar and on the project
page."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from mentornet.accounts.models import Role, User
from mentornet.core.testing import make_organisation, make_user
from mentornet.organisations.models import Organisation
from mentornet.projects.reference import load_reference
from mentornet.projects.tests.conftest import make_project
from tests.e2e.conftest import axe_check, login
from tests.e2e.test_journeys import h1
from tests.e2e.test_matching import expect_message, logout

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def copenhagen() -> Organisation:
    municipality = make_organisation(name="Københavns Kommune", kind=Organisation.Kind.MUNICIPALITY)
    load_reference(municipality)
    return municipality


def test_a_reader_searches_the_project_bank_and_reads_the_statistics(
    page: Page, live_server: Any, copenhagen: Organisation
) -> None:
    page.goto("/projektbank/")
    expect(h1(page)).to_have_text("Projektbank")
    axe_check(page)
    main = page.get_by_role("main")
    main.locator("#id_area").select_option(label="Sundhed og omsorg")
    main.get_by_role("button", name="Søg", exact=True).click()
    expect(main.get_by_role("heading", name="32 projekter")).to_be_visible()
    axe_check(page)

    main.locator("#id_q").fill("Liv og død")
    main.locator("#id_area").select_option(label="Alle områder")
    main.get_by_role("button", name="Søg", exact=True).click()
    main.get_by_role("link", name="Liv og død - fortællinger og ritualer i et flerkulturelt København").click()
    expect(main.get_by_text("BIU 202/2006")).to_be_visible()
    expect(main.get_by_text("Senest opdateret")).to_be_visible()
    axe_check(page)

    page.goto("/projektbank/statistik/")
    expect(h1(page)).to_have_text("Projekter og medfinansiering pr. indsatsområde")
    expect(main.get_by_text("224 registreringer")).to_be_visible()
    axe_check(page)


def test_a_holder_registers_a_project_and_the_administrator_publishes_it(
    page: Page, live_server: Any, copenhagen: Organisation
) -> None:
    holder = make_user(role=Role.PROJECT_HOLDER, organisation=copenhagen, full_name="Hanne Holm")
    admin: User = make_user(role=Role.MUNICIPAL_ADMIN, organisation=copenhagen, full_name="Ida Integration")
    login(page, holder)
    page.get_by_role("link", name="Mine projekter").first.click()
    axe_check(page)
    main = page.get_by_role("main")
    main.get_by_role("link", name="Registrér et projekt").click()
    main.get_by_label("Projekt (tidsbegrænset)").check()
    main.locator("#id_title").fill("Pigefodbold i Mjølnerparken")
    main.locator("#id_owner").fill("KFF")
    main.get_by_label("Kultur og fritid").check()
    main.locator("#id_start_date").fill("2026-01-01")
    main.locator("#id_end_date").fill("2026-12-31")
    main.locator("#id_status").select_option("running")
    main.locator("#id_budget-0-year").fill("2026")
    main.locator("#id_budget-0-kind").select_option("expense")
    main.locator("#id_budget-0-label").fill("Trænere")
    main.locator("#id_budget-0-amount").fill("40.000")
    main.locator("#id_budget-1-year").fill("2026")
    main.locator("#id_budget-1-kind").select_option("income")
    main.locator("#id_budget-1-label").fill("Københavns Kommune")
    main.locator("#id_budget-1-amount").fill("40.000")
    main.locator("#id_budget-1-municipal").check()
    main.get_by_role("button", name="Gem").click()
    expect(main.get_by_text("dette budget er på 40.000 kr. om året").first).to_be_visible()
    expect(main.locator("#id_title")).to_have_value("Pigefodbold i Mjølnerparken")
    axe_check(page)

    main.locator("#id_budget-0-amount").fill("54.000,50")
    main.locator("#id_budget-1-amount").fill("54.000,50")
    main.get_by_role("button", name="Gem").click()
    expect_message(page, "Projektet er gemt.")
    main.get_by_role("button", name="Send til godkendelse").click()
    expect_message(page, "Projektet er sendt til kommunen til godkendelse.")
    axe_check(page)
    logout(page)

    login(page, admin)
    page.get_by_role("link", name="Projekter til godkendelse").first.click()
    axe_check(page)
    main.get_by_role("link", name="Pigefodbold i Mjølnerparken").click()
    expect(main.get_by_role("cell", name="54.000,5").first).to_be_visible()
    axe_check(page)
    main.get_by_role("button", name="Godkend og offentliggør").click()
    expect_message(page, "Projektet er offentliggjort i projektbanken.")
    logout(page)

    page.goto("/projektbank/?q=Pigefodbold")
    page.get_by_role("main").get_by_role("link", name="Pigefodbold i Mjølnerparken").click()
    expect(h1(page)).to_have_text("Pigefodbold i Mjølnerparken")


def test_a_holder_posts_an_event_and_readers_find_it_in_the_calendar(
    page: Page, live_server: Any, copenhagen: Organisation
) -> None:
    holder = make_user(role=Role.PROJECT_HOLDER, organisation=copenhagen, full_name="Hanne Holm")
    project = make_project(copenhagen, holder, published=True, title="Sprogcafé i Husum")
    make_project(copenhagen, holder, title="Hemmeligt udkast")
    day = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    login(page, holder)
    page.goto(f"/projekter/{project.pk}/rediger/")
    main = page.get_by_role("main")
    main.get_by_role("link", name="Arrangementer", exact=True).click()
    expect(h1(page)).to_have_text("Arrangementer: Sprogcafé i Husum")
    axe_check(page)
    main.get_by_role("link", name="Tilføj et arrangement").click()
    main.get_by_label("Titel").fill("Åbent hus i sprogcaféen")
    main.get_by_label("Starter").fill(f"{day}T17:00")
    main.get_by_label("Slutter").fill(f"{day}T16:00")
    main.get_by_label("Sted").fill("Husum Bibliotek")
    main.get_by_role("button", name="Gem").click()
    expect(
        main.get_by_text("Arrangementet skal slutte samtidig med eller efter, at det starter.").first
    ).to_be_visible()
    expect(main.get_by_label("Sted")).to_have_value("Husum Bibliotek")
    axe_check(page)
    main.get_by_label("Slutter").fill(f"{day}T19:00")
    main.get_by_role("button", name="Gem").click()
    expect_message(page, "Arrangementet er gemt.")
    expect(main.get_by_role("link", name="Åbent hus i sprogcaféen")).to_be_visible()
    logout(page)

    page.goto("/projektbank/")
    page.get_by_role("main").get_by_role("link", name="Projektkalender").click()
    expect(h1(page)).to_have_text("Projektkalender")
    expect(main.get_by_text("Åbent hus i sprogcaféen")).to_be_visible()
    axe_check(page)
    main.get_by_role("link", name="Forrige måned").click()
    expect(main.get_by_text("Åbent hus i sprogcaféen")).to_have_count(0)
    axe_check(page)
    page.go_back()
    main.get_by_role("link", name="Sprogcafé i Husum").click()
    expect(main.get_by_role("heading", name="Kommende arrangementer")).to_be_visible()
    expect(main.get_by_text("Husum Bibliotek")).to_be_visible()
