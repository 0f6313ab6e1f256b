"""An organisation admin sets up a programme with its rules and targets; the remaining admin pages and the
error page, each checked with axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from mentornet.accounts.models import User
from mentornet.organisations.models import Programme, Target
from tests.e2e.conftest import axe_check, login
from tests.e2e.test_journeys import h1, main_menu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_organisation_admin_sets_up_a_programme_with_rules_and_targets(page: Page, olivia: User, world: Any) -> None:
    login(page, olivia)
    main = page.get_by_role("main")
    main_menu(page).get_by_role("link", name="Organisation").click()
    main.get_by_role("link", name="Rediger organisation").click()
    expect(h1(page)).to_have_text("Rediger organisation")
    axe_check(page)
    main.get_by_label("CVR-nummer").fill("12919247")
    main.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("status")).to_contain_text("Organisationen er gemt.")

    main.get_by_role("link", name="København").first.click()
    main.get_by_role("link", name="Rediger afdeling").click()
    expect(h1(page)).to_have_text("Rediger afdeling")
    axe_check(page)
    main.get_by_role("link", name="Annuller").click()

    main.get_by_role("link", name="Nyt program").click()
    expect(h1(page)).to_have_text("Nyt program")
    axe_check(page)
    main.get_by_label("Navn").fill("Unge i job")
    main.get_by_label("Yngste alder for mentees").fill("25")
    main.get_by_label("Ældste alder for mentees").fill("18")
    main.get_by_role("button", name="Gem").click()
    expect(main.get_by_role("alert")).to_contain_text("Den ældste alder skal være mindst lige så høj som den yngste.")
    expect(main.get_by_label("Navn")).to_have_value("Unge i job")
    axe_check(page)
    main.get_by_label("Ældste alder for mentees").fill("30")
    main.get_by_role("button", name="Gem").click()

    expect(h1(page)).to_have_text("Unge i job")
    expect(main.get_by_text("25 til 30 år")).to_be_visible()
    axe_check(page)
    programme = Programme.objects.get(name="Unge i job")

    main.get_by_role("link", name="Nyt mål").click()
    expect(h1(page)).to_have_text("Nyt mål")
    main.get_by_label("Måltal").select_option(label="Aktive mentorer (gennemsnit)")
    main.get_by_label("Type").select_option(label="Gennemsnit inden for et interval")
    main.get_by_label("Periodens start").fill("2027-01-01")
    main.get_by_label("Periodens slutning").fill("2027-12-31")
    main.get_by_label("Målværdi").fill("8")
    main.get_by_role("button", name="Gem").click()
    expect(main.get_by_role("alert")).to_contain_text("Et interval skal have en øvre værdi.")
    axe_check(page)
    main.get_by_label("Øvre værdi").fill("10")
    main.get_by_role("button", name="Gem").click()

    expect(page.get_by_role("status")).to_contain_text("Målet er tilføjet.")
    expect(main.get_by_role("table", name="Mål")).to_contain_text("8–10")
    main.get_by_role("link", name="Rediger Aktive mentorer (gennemsnit) 2027").click()
    expect(h1(page)).to_have_text("Rediger mål")
    axe_check(page)
    main.get_by_role("button", name="Slet mål").click()
    expect(page.get_by_role("status")).to_contain_text("Målet er slettet.")
    assert not Target.objects.filter(programme=programme).exists()

    main.get_by_role("link", name="Rediger program").click()
    expect(h1(page)).to_have_text("Rediger program")
    axe_check(page)


def test_a_page_that_does_not_exist_is_explained_in_danish_and_english(page: Page, alice: User, world: Any) -> None:
    login(page, alice)
    response = page.goto(f"/afdelinger/{world.tingbjerg.pk}/")  # another branch: it does not exist for her
    assert response is not None
    assert response.status == 404
    expect(h1(page)).to_have_text("Siden findes ikke")
    axe_check(page)
    page.locator(".portal-user").get_by_role("button", name="English").click()
    expect(h1(page)).to_have_text("Page not found")
    axe_check(page)
