"""The municipality's analyst makes the year's status report and finds it ready to download."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from mentornet.accounts.models import Role
from mentornet.barometer.services import reference_load
from mentornet.core.testing import make_user
from tests.e2e.conftest import axe_check, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_analyst_makes_the_status_report_for_2007(page: Page, world: Any) -> None:
    reference_load(municipality=world.ishoj)
    login(page, make_user(role=Role.ANALYST, organisation=world.ishoj))
    page.goto(f"/barometer/kommuner/{world.ishoj.pk}/")
    main = page.get_by_role("main")
    main.get_by_role("link", name="Statusrapporter").click()
    axe_check(page)

    page.locator("input[name=year]").fill("1999")
    page.locator("textarea[name=beskaeftigelse-proposals]").fill("Flere virksomhedsrettede jobkonsulenter.")
    page.locator("form[method=post] button[type=submit]").last.click()
    expect(main.get_by_role("alert")).to_contain_text("2100")
    expect(page.locator("textarea[name=beskaeftigelse-proposals]")).to_have_value(
        "Flere virksomhedsrettede jobkonsulenter."
    )
    axe_check(page)

    page.locator("input[name=year]").fill("2007")
    page.locator("form[method=post] button[type=submit]").last.click()
    expect(main.locator("h1")).to_have_text("Statusrapport 2007")
    expect(main).to_contain_text("Flere virksomhedsrettede jobkonsulenter.")
    expect(main).to_contain_text("54,40 %")
    axe_check(page)

    with page.expect_download() as download:
        main.get_by_role("link", name="Hent til Word").click()
    assert download.value.suggested_filename == "statusrapport-2007.doc"
    main.get_by_role("link", name="Alle statusrapporter").click()
    expect(main.get_by_role("table")).to_contain_text("Statusrapport 2007")
    axe_check(page)
