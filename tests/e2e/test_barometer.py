"""A citizen reads the public barometer; the municipality's analyst enters a measurement and checks an upload."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from mentornet.accounts.models import Role
from mentornet.barometer.models import Indicator
from mentornet.barometer.services import reference_load
from mentornet.core.testing import make_user
from tests.e2e.conftest import axe_check, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_and_an_analyst_use_the_barometer(page: Page, world: Any, tmp_path: Any) -> None:
    reference_load(municipality=world.ishoj)
    employment = Indicator.objects.get(area="beskaeftigelse", number=1)

    page.goto("/barometer/")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Andel beskæftigede indvandrere/efterkommere i København")
    axe_check(page)

    page.goto("/barometer/kultur-og-fritid/")
    expect(main.get_by_role("table")).to_contain_text("11")
    axe_check(page)

    main.get_by_role("link", name="over 15 år i København, der er medlem af en idræts").click()
    expect(main.locator("h1")).to_contain_text("3. Forskellen")
    axe_check(page)

    analyst = make_user(role=Role.ANALYST, organisation=world.ishoj)
    login(page, analyst)
    page.goto(f"/barometer/indikatorer/{employment.pk}/maalinger/ny/")
    page.locator("input[name=date]").fill("2008-04-30")
    page.locator("input[name=period_label]").fill("forår 2008")
    page.locator("input[name=value]").fill("140")
    page.locator("form[method=post] button[type=submit]").last.click()
    expect(page.locator("input[name=period_label]")).to_have_value("forår 2008")
    axe_check(page)
    page.locator("input[name=value]").fill("56,10")
    page.locator("form[method=post] button[type=submit]").last.click()
    expect(main.locator("table")).to_contain_text("56,10")

    file = tmp_path / "maalinger.csv"
    file.write_text("område;nr;dato;værdi\nBolig;99;30-04-2009;40\nBolig;2;30-04-2009;48,5\n", encoding="utf-8")
    page.goto(f"/barometer/kommuner/{world.ishoj.pk}/upload/")
    page.locator("input[type=file]").set_input_files(str(file))
    page.locator("button[value=dry_run]").click()
    expect(main.get_by_role("table")).to_contain_text("Bolig 99")
    expect(page.locator("button[value=commit]")).to_have_count(0)
    axe_check(page)


def test_an_analyst_registers_a_new_definition(page: Page, world: Any) -> None:
    reference_load(municipality=world.ishoj)
    login(page, make_user(role=Role.ANALYST, organisation=world.ishoj))
    page.goto(f"/barometer/kommuner/{world.ishoj.pk}/")
    main = page.get_by_role("main")
    name = re.compile(r"^Ny definition\W+Andel beskæftigede indvandrere.efterkommere i København$")
    main.get_by_role("link", name=name).click()
    expect(page.locator("input[name=baseline_value]")).to_have_value("54,4")  # starts from the one in force
    page.locator("input[name=valid_from]").fill("2007-01-01")
    page.locator("textarea[name=change_note]").fill("Målet er hævet til 66 procent.")
    page.locator("input[name=target_value]").fill("66")
    page.get_by_role("button", name="Gem den nye definition").click()
    expect(page.get_by_role("alert")).to_contain_text("efter 08.06.2007")
    expect(page.locator("textarea[name=change_note]")).to_have_value("Målet er hævet til 66 procent.")
    axe_check(page)

    page.locator("input[name=valid_from]").fill("2011-01-01")
    page.get_by_role("button", name="Gem den nye definition").click()
    expect(main.get_by_role("note")).to_contain_text("Definition 3, fra 01.01.2011 (gælder nu)")
    expect(main.get_by_role("note")).to_contain_text("Målet er hævet til 66 procent.")
    axe_check(page)
