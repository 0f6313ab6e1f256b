"""An organisation admin writes the organisation's own text for a message, with a preview."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from mentornet.accounts.models import User
from tests.e2e.conftest import axe_check, login
from tests.e2e.test_journeys import h1, main_menu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_rewords_the_inactivity_reminder(page: Page, olivia: User, world: Any) -> None:
    login(page, olivia)
    main_menu(page).get_by_role("link", name="Organisation").click()
    main = page.get_by_role("main")
    main.get_by_role("link", name="Beskeder").click()
    expect(h1(page)).to_have_text("Beskeder")
    axe_check(page)

    main.get_by_role("row", name="Påmindelse: intet møde skrevet ind").get_by_role("link").first.click()
    expect(main).to_contain_text("Forhåndsvisning")
    main.get_by_label("Tekst").fill("Hej {{ first_name }}, husk {{ cpr }}.")
    main.get_by_role("button", name="Gem").click()
    expect(main.get_by_role("alert")).to_contain_text("Ukendt pladsholder: cpr")
    expect(main.get_by_label("Tekst")).to_have_value("Hej {{ first_name }}, husk {{ cpr }}.")
    axe_check(page)

    main.get_by_label("Tekst").fill("Hej {{ first_name }}, vi har ikke hørt fra jer i {{ weeks }} uger.")
    main.get_by_role("button", name="Gem").click()
    expect(main.get_by_role("row", name="Påmindelse: intet møde skrevet ind")).to_contain_text("Egen tekst")
    axe_check(page)
