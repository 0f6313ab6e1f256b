"""Real user journeys in Chromium, in Danish, with axe-core on the pages a person sees on the way."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Locator, Page, expect

from mentornet.accounts.models import User
from tests.e2e.conftest import axe_check, login, submit_login_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def main_menu(page: Page) -> Locator:
    # The desktop menu: the phone drawer holds the same links, and before the stylesheet has loaded after a
    # navigation both are in the accessibility tree.
    return page.locator(".navigation-menu").get_by_role("navigation", name="Hovedmenu")


def header_login_link(page: Page) -> Locator:
    return page.locator(".portal-user").get_by_role("link", name="Log ind", exact=True)


def mark_the_page(page: Page) -> None:
    """Leave a mark in the window: a full page load wipes it, an htmx swap keeps it."""
    page.evaluate("window.stillTheSamePage = true")


def assert_still_the_same_page(page: Page) -> None:
    assert page.evaluate("window.stillTheSamePage === true"), "the page was reloaded instead of updated by htmx"


def test_a_coordinator_logs_in_sees_her_branch_switches_language_and_logs_out(page: Page, alice: User) -> None:
    page.goto("/")
    expect(h1(page)).to_have_text("Mentorer for integration")
    axe_check(page)

    header_login_link(page).click()
    expect(h1(page)).to_have_text("Log ind")
    axe_check(page)
    submit_login_form(page, "alice@example.org")

    expect(h1(page)).to_have_text("Oversigt")
    expect(page.get_by_text("Velkommen, Alice.")).to_be_visible()
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name="Dine afdelinger")).to_be_visible()
    expect(main.get_by_role("link", name="København", exact=True)).to_be_visible()
    expect(main.get_by_text("Tingbjerg")).to_have_count(0)
    axe_check(page)

    main.get_by_role("link", name="København", exact=True).click()
    expect(h1(page)).to_have_text("København")
    expect(main.get_by_role("heading", name="Kontakt og lokaler")).to_be_visible()
    expect(main.get_by_role("link", name="alice@example.org")).to_be_visible()
    expect(main.get_by_role("link", name="Mentornetværket København")).to_be_visible()
    axe_check(page)

    page.locator(".portal-user").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(h1(page)).to_have_text("København")
    expect(main.get_by_role("heading", name="Contact and premises")).to_be_visible()
    expect(
        page.locator(".navigation-menu")
        .get_by_role("navigation", name="Main menu")
        .get_by_role("link", name="Overview")
    ).to_be_visible()
    expect(page.locator(".portal-user").get_by_role("button", name="Log out")).to_be_visible()
    axe_check(page)

    page.locator(".portal-user").get_by_role("button", name="Dansk").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(h1(page)).to_have_text("København")
    expect(main.get_by_role("heading", name="Kontakt og lokaler")).to_be_visible()
    expect(main_menu(page).get_by_role("link", name="Oversigt")).to_be_visible()

    page.locator(".portal-user").get_by_role("button", name="Log ud").click()
    expect(h1(page)).to_have_text("Mentorer for integration")
    expect(header_login_link(page)).to_be_visible()
    expect(page.get_by_text("Alice Andersen")).to_have_count(0)


@pytest.mark.browser_context_args(viewport=PHONE)
def test_on_a_phone_the_menu_button_opens_a_drawer_where_a_coordinator_logs_out(page: Page, alice: User) -> None:
    login(page, alice)
    axe_check(page)

    drawer = page.get_by_role("dialog", name="Menu")
    menu_button = page.get_by_role("button", name="Menu")
    expect(drawer).to_be_hidden()
    menu_button.click()
    expect(drawer).to_be_visible()
    expect(drawer.get_by_role("button", name="Luk menu")).to_be_focused()
    expect(drawer.get_by_role("link", name="Oversigt")).to_be_visible()
    expect(drawer.get_by_text("Alice Andersen")).to_be_visible()
    axe_check(page)

    page.keyboard.press("Escape")
    expect(drawer).to_be_hidden()
    expect(menu_button).to_be_focused()

    menu_button.click()
    drawer.get_by_role("button", name="Log ud").click()
    expect(h1(page)).to_have_text("Mentorer for integration")
    expect(page.get_by_text("Alice Andersen")).to_have_count(0)


def test_a_visitor_reads_about_mentors_and_mistypes_her_password(page: Page, alice: User) -> None:
    page.goto("/")
    expect(h1(page)).to_have_text("Mentorer for integration")

    main_menu(page).get_by_role("link", name="Bliv mentor").click()
    expect(h1(page)).to_have_text("Bliv mentor")
    expect(page.get_by_role("heading", name="Hvad det indebærer")).to_be_visible()
    expect(page.get_by_role("combobox", name="Hvor vil du være med?")).to_contain_text(
        "KVINFOs Mentornetværk: København"
    )
    axe_check(page)

    main_menu(page).get_by_role("link", name="Få en mentor").click()
    expect(h1(page)).to_have_text("Få en mentor")
    expect(page.get_by_role("heading", name="Sådan får du en mentor")).to_be_visible()
    axe_check(page)

    header_login_link(page).click()
    submit_login_form(page, "alice@example.org", password="not the password")
    expect(h1(page)).to_have_text("Log ind")
    expect(page.get_by_role("alert")).to_contain_text("E-mailadressen eller adgangskoden er forkert")
    main = page.get_by_role("main")
    expect(main.get_by_label("E-mail")).to_have_value("alice@example.org")
    expect(main.get_by_label("Adgangskode")).to_have_value("")
    axe_check(page)


def test_an_organisation_admin_creates_a_branch_and_gives_a_person_roles(page: Page, olivia: User) -> None:
    login(page, olivia)
    axe_check(page)
    main = page.get_by_role("main")

    main_menu(page).get_by_role("link", name="Organisation").click()
    expect(h1(page)).to_have_text("KVINFOs Mentornetværk")
    axe_check(page)

    # A new branch, first with a postcode that is not Danish.
    main.get_by_role("link", name="Ny afdeling").click()
    expect(h1(page)).to_have_text("Ny afdeling")
    axe_check(page)
    main.get_by_label("Navn").fill("Vollsmose")
    main.get_by_label("Postnummer (valgfrit)").fill("12")
    main.get_by_label("By (valgfrit)").fill("Odense")
    main.get_by_label("E-mail (valgfrit)").fill("vollsmose@example.org")
    main.get_by_role("button", name="Gem").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Ret venligst følgende")
    expect(summary).to_be_focused()
    error_link = summary.get_by_role("link", name="Postnummer: Et dansk postnummer har præcis 4 cifre.")
    expect(error_link).to_have_attribute("href", "#id_postcode")
    expect(main.get_by_label("Navn")).to_have_value("Vollsmose")
    expect(main.get_by_label("By (valgfrit)")).to_have_value("Odense")
    expect(main.get_by_label("E-mail (valgfrit)")).to_have_value("vollsmose@example.org")
    axe_check(page)
    error_link.click()
    expect(main.get_by_label("Postnummer (valgfrit)")).to_be_focused()

    main.get_by_label("Postnummer (valgfrit)").fill("5240")
    main.get_by_role("button", name="Gem").click()
    expect(h1(page)).to_have_text("Vollsmose")
    expect(page.get_by_role("status")).to_contain_text("Afdelingen er oprettet.")
    expect(main.get_by_text("5240 Odense")).to_be_visible()
    axe_check(page)

    # A new person becomes coordinator in Vollsmose and gets an invitation.
    main_menu(page).get_by_role("link", name="Organisation").click()
    main.get_by_role("link", name="Brugere og roller").click()
    expect(h1(page)).to_have_text("Brugere og roller")
    axe_check(page)
    main.get_by_role("link", name="Giv en person en rolle").click()
    expect(h1(page)).to_have_text("Giv en person en rolle")
    axe_check(page)
    main.get_by_label("Fulde navn").fill("Dorte Dam")
    main.get_by_label("E-mail").fill("dorte@example.org")
    main.get_by_label("Rolle").select_option(label="Koordinator")
    main.get_by_label("Afdeling").select_option(label="Vollsmose")
    main.get_by_role("button", name="Giv rolle").click()

    expect(h1(page)).to_have_text("Dorte Dam")
    expect(page.get_by_role("status")).to_contain_text("Dorte Dam har nu rollen")
    roles = page.locator("#memberships")
    expect(roles.get_by_role("listitem")).to_have_text(["Koordinator · Vollsmose Fjern rollen: Koordinator"])
    assert [message.to for message in mail.outbox] == [["dorte@example.org"]]
    axe_check(page)

    # A second role and a removal through htmx: only the roles section changes.
    mark_the_page(page)
    roles.get_by_label("Rolle").select_option(label="Mentor")
    roles.get_by_label("Afdeling").select_option(label="København")
    roles.get_by_role("button", name="Tilføj rolle").click()
    expect(page.locator("#role-status")).to_contain_text("Rollen er tilføjet.")
    expect(roles.get_by_role("listitem")).to_contain_text(["Koordinator · Vollsmose", "Mentor · København"])
    assert_still_the_same_page(page)
    axe_check(page)

    roles.get_by_role("button", name="Fjern rollen: Koordinator").click()
    expect(page.locator("#role-status")).to_contain_text("Rollen er fjernet.")
    expect(roles.get_by_role("listitem")).to_have_text(["Mentor · København Fjern rollen: Mentor"])
    assert_still_the_same_page(page)
    axe_check(page)

    # The audit log tells what she did, newest first.
    main_menu(page).get_by_role("link", name="Organisation").click()
    main.get_by_role("link", name="Aktivitetslog").click()
    expect(h1(page)).to_have_text("Aktivitetslog")
    entries = page.get_by_role("table", name="Aktivitetslog").locator("tbody tr")
    expect(entries).to_have_count(5)
    expect(entries).to_contain_text(
        [
            "Olivia Olsen fjernede en rolle fra Dorte Dam Vollsmose",
            "Olivia Olsen gav en rolle til Dorte Dam København",
            "Olivia Olsen gav en rolle til Dorte Dam Vollsmose",
            "Olivia Olsen inviterede brugeren Dorte Dam",
            "Olivia Olsen oprettede afdelingen Vollsmose",
        ],
        use_inner_text=True,
    )
    axe_check(page)


def test_a_keyboard_user_keeps_her_place_in_the_roles_section_after_an_htmx_update(
    page: Page, olivia: User, bob: User, world: Any
) -> None:
    login(page, olivia)
    page.goto(reverse("accounts:user_detail", args=[world.kvinfo.pk, bob.pk]))
    roles = page.locator("#memberships")

    roles.get_by_role("button", name="Tilføj rolle").press("Enter")  # nothing chosen yet
    expect(roles.get_by_role("alert")).to_contain_text("Ret venligst følgende")
    expect(roles.get_by_role("alert")).to_be_focused(timeout=1_000)

    roles.get_by_label("Rolle").select_option(label="Koordinator")
    roles.get_by_label("Afdeling").select_option(label="København")
    roles.get_by_role("button", name="Tilføj rolle").press("Enter")
    expect(page.locator("#role-status")).to_contain_text("Rollen er tilføjet.")
    expect(roles.get_by_role("heading", name="Roller i KVINFOs Mentornetværk")).to_be_focused(timeout=1_000)


def test_a_coordinator_who_forgot_her_password_chooses_a_new_one_from_the_email(
    page: Page, alice: User, settings: Any, live_server: Any
) -> None:
    settings.SITE_URL = live_server.url  # so the link in the e-mail leads to the test server
    new_password = "en sommerdag ved Øresund"

    page.goto("/log-ind/")
    page.get_by_role("link", name="Glemt din adgangskode?").click()
    expect(h1(page)).to_have_text("Glemt din adgangskode?")
    axe_check(page)
    page.get_by_role("main").get_by_label("E-mail").fill("alice@example.org")
    page.get_by_role("button", name="Send link").click()

    expect(h1(page)).to_have_text("Tjek din e-mail")
    axe_check(page)
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["alice@example.org"]
    assert email.subject == "Vælg en ny adgangskode til mentornet"
    link = re.search(r"http://\S+/adgangskode/\S+/\S+/", str(email.body))
    assert link, email.body

    page.goto(link.group())
    expect(h1(page)).to_have_text("Vælg en adgangskode")
    axe_check(page)
    page.get_by_label("Ny adgangskode", exact=True).fill(new_password)
    page.get_by_label("Bekræftelse af ny adgangskode").fill(new_password)
    page.get_by_role("button", name="Gem adgangskode").click()

    expect(h1(page)).to_have_text("Din adgangskode er gemt")
    axe_check(page)
    page.get_by_role("main").get_by_role("link", name="Log ind").click()
    submit_login_form(page, "alice@example.org", password=new_password)
    expect(h1(page)).to_have_text("Oversigt")
    expect(page.get_by_text("Velkommen, Alice.")).to_be_visible()
