"""The organisation admin keeps report templates; a report made from one shows its sections, charts and tables."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from mentornet.accounts.models import User
from mentornet.mentorships.tests.conftest import make_mentorship
from tests.e2e.conftest import axe_check, login
from tests.e2e.test_journeys import h1

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_makes_a_template_and_a_report_for_the_two_funders_from_it(
    page: Page, olivia: User, world: Any
) -> None:
    programme = world.kbh_programme
    today = timezone.localdate()
    for i in range(6):
        day = datetime.date(today.year - 1, 3, 1 + i)
        make_mentorship(programme, days_ago=(today - day).days, mentee_name=f"N{i}", area="Nørrebro")
    login(page, olivia)
    page.goto(f"/organisationer/{world.kvinfo.pk}/")
    main = page.get_by_role("main")
    main.get_by_role("link", name="Rapportskabeloner").click()
    expect(h1(page)).to_have_text("Rapportskabeloner")
    axe_check(page)

    main.get_by_role("link", name="Ny rapportskabelon").click()
    main.get_by_label("Navn").fill("Årsrapport til Københavns Kommune og Integrationsministeriet")
    main.get_by_label("Modtagere").fill("Københavns Kommune og Integrationsministeriet")
    main.get_by_label("Faste datoer").check()
    main.get_by_label("Disposition til teksten").fill("Året kort fortalt\nMål og resultater")
    main.get_by_role("button", name="Gem").click()
    expect(main.get_by_role("alert")).to_contain_text("Faste datoer skal have både en start og en slutning.")
    expect(main.get_by_label("Disposition til teksten")).to_have_value("Året kort fortalt\nMål og resultater")
    axe_check(page)
    main.get_by_label("Sidste kalenderår").check()
    main.get_by_label("Saml målene efter bevillingsgiver").check()
    main.get_by_role("button", name="Gem").click()
    name = "Årsrapport til Københavns Kommune og Integrationsministeriet"
    expect(main.get_by_role("link", name=name)).to_be_visible()

    page.goto(f"/programmer/{programme.pk}/rapporter/")
    main.get_by_label("Start fra en skabelon").select_option(label=name)
    main.get_by_role("button", name="Brug skabelonen").click()
    expect(main.get_by_label("Koordinatorens tekst")).to_have_value("Året kort fortalt\nMål og resultater")
    expect(main.get_by_label("Periodens start")).to_have_value(f"{today.year - 1}-01-01")
    axe_check(page)

    main.get_by_role("button", name="Lav rapporten").click()
    expect(main.get_by_role("link", name="Hent PDF")).to_be_visible()
    expect(main).to_contain_text("Til: Københavns Kommune og Integrationsministeriet")
    expect(main.get_by_role("img", name="Påbegyndte forløb (match) per måned")).to_be_visible()
    expect(main.get_by_role("table", name="Påbegyndte forløb fordelt på køn og område")).to_contain_text("Nørrebro")
    expect(main).to_contain_text("Ingen data: programmet har ingen mål i perioden.")
    axe_check(page)
