"""The rest of the person register in Chromium, with axe on every page: registering and editing a person by hand,
recording consent, editing special-category data, the access copy and erasure, and an organisation's consent texts."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from mentornet.accounts.models import User
from mentornet.people.models import Person, SensitiveData
from tests.e2e.conftest import axe_check, login
from tests.e2e.test_journeys import h1, main_menu
from tests.e2e.test_people import definition, expect_message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_keeps_a_record_from_registration_to_erasure(page: Page, alice: User, world: Any) -> None:
    login(page, alice)
    main = page.get_by_role("main")
    main_menu(page).get_by_role("link", name="Kontaktpersoner").click()
    main.get_by_role("link", name="Registrer en person").click()
    expect(h1(page)).to_have_text("Registrer en person")
    axe_check(page)
    main.get_by_role("button", name="Registrer").click()
    expect(main.get_by_role("alert")).to_contain_text("Dette felt er påkrævet")
    axe_check(page)
    main.get_by_label("Fornavn").fill("Leila")
    main.get_by_label("Efternavn").fill("Nasser")
    main.get_by_label("Telefon").fill("40 50 60 70")
    main.get_by_label("Personens organisation").fill("Biblioteket")
    main.get_by_role("button", name="Registrer").click()

    expect(h1(page)).to_have_text("Leila Nasser")
    expect(definition(page, "Telefon")).to_have_text("+45 40 50 60 70")
    axe_check(page)

    main.get_by_role("link", name="Rediger", exact=True).click()
    expect(h1(page)).to_have_text("Rediger Leila Nasser")
    axe_check(page)
    main.get_by_label("Personens rolle").fill("Bibliotekar")
    main.get_by_role("button", name="Gem").click()
    expect_message(page, "Ændringerne er gemt.")

    main.get_by_role("link", name="Registrer samtykke").click()
    expect(h1(page)).to_contain_text("Samtykke fra Leila Nasser")
    axe_check(page)
    main.get_by_label("Underskrevet på papir").check()
    main.get_by_role("button", name="Gem").click()
    expect_message(page, "Samtykket er registreret.")

    main.get_by_role("button", name="Vis og rediger").click()
    main.get_by_role("link", name="Rediger følsomme oplysninger").click()
    expect(h1(page)).to_contain_text("Leila Nasser")
    axe_check(page)
    main.get_by_label("Oprindelsesland").fill("Libanon")
    main.get_by_role("button", name="Gem").click()
    expect_message(page, "De følsomme oplysninger er gemt.")
    person = Person.objects.get(first_name="Leila")
    assert SensitiveData.objects.get(person=person).country_of_origin == "Libanon"

    main.get_by_role("link", name="Se alt, vi har registreret (indsigt)").click()
    expect(main.get_by_text("Libanon")).to_be_visible()
    expect(main.get_by_text("Biblioteket")).to_be_visible()
    axe_check(page)
    page.go_back()

    main.get_by_role("link", name="Slet personen").click()
    expect(h1(page)).to_have_text("Slet Leila Nasser")
    axe_check(page)
    main.get_by_label("Ja, slet personens oplysninger").check()
    main.get_by_role("button", name="Slet", exact=True).click()
    expect(h1(page)).to_have_text(f"Anonymiseret #{person.pk}")
    expect(main.get_by_text("Libanon")).to_have_count(0)
    axe_check(page)


def test_an_admin_publishes_the_organisations_own_consent_text(page: Page, olivia: User, world: Any) -> None:
    login(page, olivia)
    main = page.get_by_role("main")
    main_menu(page).get_by_role("link", name="Organisation").click()
    main.get_by_role("link", name="Samtykketekster").click()
    expect(h1(page)).to_have_text("Samtykketekster")
    axe_check(page)
    main.get_by_label("Samtykke til").select_option(label="Tilmelding som mentor")
    main.get_by_label("Tekst på dansk").fill("KVINFO registrerer dine oplysninger for at finde en mentee til dig.")
    main.get_by_label("Tekst på engelsk").fill("KVINFO registers your information to find a mentee for you.")
    main.get_by_role("button", name="Offentliggør").click()
    expect_message(page, "Den nye version er offentliggjort.")
    expect(main.get_by_text("Jeres organisations tekst, version 2")).to_be_visible()
    axe_check(page)

    page.locator(".portal-user").get_by_role("button", name="Log ud").click()
    main_menu(page).get_by_role("link", name="Bliv mentor").click()
    main.get_by_label("Hvor vil du være med?").select_option(label="KVINFOs Mentornetværk: København")
    expect(main.get_by_text("KVINFO registrerer dine oplysninger")).to_be_visible()
    axe_check(page)
