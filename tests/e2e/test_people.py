"""Journeys through the person register in Chromium, in Danish, with axe-core on every page and state on the way:
sign-up and intake, special-category data, referrals, importing a legacy register, duplicates, and a phone."""

from __future__ import annotations

import datetime
import re
import uuid
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import FilePayload, Locator, Page, expect

from mentornet.accounts.models import User
from mentornet.core.models import AuditEntry
from mentornet.people.models import ConsentText, ImportJob, Kind, Person
from mentornet.people.services.imports import import_set_columns, import_upload
from mentornet.people.services.intake import current_consent_text, signup
from mentornet.people.services.person import PersonInput, person_create, sensitive_update
from tests.e2e.conftest import axe_check, login
from tests.e2e.test_journeys import PHONE, assert_still_the_same_page, h1, main_menu, mark_the_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KBH = "KVINFOs Mentornetværk: København"
REQUIRED = "Dette felt er påkrævet."


def born(years: int) -> datetime.date:
    """A birthday that makes the person ``years`` old today, one to two months past (never today, never 29 Feb)."""
    today = timezone.localdate()
    return today.replace(year=today.year - years, day=1) - datetime.timedelta(days=30)


def lead(page: Page) -> Locator:
    """The line under a person's name: kind · branch · programme · status."""
    return page.get_by_role("main").locator(".font-lead")


def definition(page: Page, term: str) -> Locator:
    """The value next to a term in a definition list: the person page's profile."""
    return page.get_by_role("main").locator("dt", has_text=term).locator("xpath=following-sibling::dd[1]")


def expect_message(page: Page, text: str) -> None:
    """A message after a redirect, announced politely (role=status)."""
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()


def logout(page: Page) -> None:
    page.locator(".portal-user").get_by_role("button", name="Log ud").click()
    expect(h1(page)).to_have_text("Mentorer for integration")


def choose_signup_branch(page: Page, label: str = KBH) -> None:
    """Choosing the branch fetches that organisation's consent text with htmx: wait for it before ticking the box."""
    with page.expect_response(lambda response: "branch=" in response.url):
        page.get_by_role("main").get_by_label("Hvor vil du være med?").select_option(label=label)


def fill_mentee_signup(page: Page, *, first_name: str, last_name: str, email: str) -> None:
    main = page.get_by_role("main")
    choose_signup_branch(page)
    main.get_by_label("Fornavn").fill(first_name)
    main.get_by_label("Efternavn").fill(last_name)
    main.get_by_label("E-mail").fill(email)
    main.get_by_label("Telefon").fill("31 42 53 64")
    main.get_by_label("Fødselsdato").fill(born(22).isoformat())
    main.get_by_role("group", name="Køn", exact=True).get_by_label("Mand", exact=True).check()
    main.get_by_label("Postnummer").fill("2400")
    main.get_by_label("By", exact=True).fill("København NV")
    main.get_by_label("Dine mål og drømme").fill("Jeg vil gerne være elektriker og have en læreplads.")
    main.get_by_role("group", name="Hvad laver du nu?").get_by_label("Uddannelsesparat").check()
    main.get_by_role("checkbox", name="Somali").check()
    main.get_by_role("checkbox", name="Jeg giver samtykke til teksten ovenfor").check()


def screen(page: Page, *, outcome: str, note: str = "") -> None:
    """Fill in the screening form (visitation) on the current page, without saving it."""
    main = page.get_by_role("main")
    main.get_by_role("group", name="Motivation").get_by_label("Høj").check()
    main.get_by_role("group", name="Resultat").get_by_label(outcome).check()
    if note:
        main.get_by_label("Note").fill(note)


def mentee_signup(world: Any, first_name: str, last_name: str, **person: Any) -> Person:
    """A mentee who signed up on the public form (the same service the form calls)."""
    fields = {"first_name": first_name, "last_name": last_name, "birth_date": born(24), **person}
    created, _new = signup(
        branch=world.kbh,
        kind=Kind.MENTEE,
        data=PersonInput(
            person=fields, profile={"goals": "Et studiejob og en uddannelse", "labour_market_status": "unemployed"}
        ),
        consent_text=current_consent_text(ConsentText.Purpose.MENTEE_SIGNUP, world.kvinfo),
        submission_id=uuid.uuid4(),
        programme=world.kbh_programme,
    )
    return created


# --- 1. Sign-up and intake ------------------------------------------------------------------------------------------


def test_a_volunteer_signs_up_and_a_coordinator_takes_her_from_interview_to_approved(
    page: Page, alice: User, world: Any
) -> None:
    page.goto("/")
    main = page.get_by_role("main")
    main_menu(page).get_by_role("link", name="Bliv mentor").click()
    expect(h1(page)).to_have_text("Bliv mentor")
    axe_check(page)

    # Sent empty: a summary of what is missing takes the focus and links to each field.
    main.get_by_role("button", name="Send tilmelding").click()
    summary = main.get_by_role("alert")
    expect(summary).to_contain_text("Ret venligst følgende")
    expect(summary).to_be_focused()
    branch_error = summary.get_by_role("link", name=f"Hvor vil du være med?: {REQUIRED}")
    expect(branch_error).to_have_attribute("href", "#id_branch")
    expect(summary.get_by_role("link", name=f"Fornavn: {REQUIRED}")).to_have_attribute("href", "#id_first_name")
    expect(summary.get_by_role("link", name=f"Jeg giver samtykke til teksten ovenfor: {REQUIRED}")).to_have_attribute(
        "href", "#id_consent"
    )
    axe_check(page)
    branch_error.click()
    expect(main.get_by_label("Hvor vil du være med?")).to_be_focused()

    choose_signup_branch(page)
    main.get_by_label("Fornavn").fill("Karen")
    main.get_by_label("Efternavn").fill("Holm")
    main.get_by_label("E-mail").fill("karen.holm@example.org")
    main.get_by_label("Telefon").fill("22 33 44 55")
    main.get_by_label("Fødselsdato").fill(born(58).isoformat())
    main.get_by_role("group", name="Køn", exact=True).get_by_label("Kvinde", exact=True).check()
    main.get_by_label("Postnummer").fill("2200")
    main.get_by_label("By", exact=True).fill("København N")
    main.get_by_role("checkbox", name="Arabisk").check()
    main.get_by_role("radio", name="Socialmentor (hverdagsliv, støtte)").check()
    main.get_by_role("checkbox", name="Hverdage, om aftenen").check()
    main.get_by_role("checkbox", name="Jeg giver samtykke til teksten ovenfor").check()
    main.get_by_role("button", name="Send tilmelding").click()

    expect(h1(page)).to_have_text("Tak for din tilmelding")
    expect(main).to_contain_text("Vi har modtaget din tilmelding som mentor.")
    axe_check(page)

    # The coordinator finds her among the mentors, still only interested.
    login(page, alice)
    main_menu(page).get_by_role("link", name="Mentorer").click()
    expect(h1(page)).to_have_text("Mentorer")
    expect(main.get_by_role("row", name=re.compile("Karen Holm"))).to_contain_text("Interesseret")
    axe_check(page)
    main.get_by_role("link", name="Karen Holm").click()
    expect(h1(page)).to_have_text("Karen Holm")
    expect(lead(page)).to_contain_text("Mentor · København · Mentornetværket København · Interesseret")
    expect(main.get_by_text("+45 22 33 44 55")).to_be_visible()
    axe_check(page)

    main.get_by_role("link", name="Registrer en samtale").click()
    expect(h1(page)).to_have_text("Samtale med Karen Holm")
    axe_check(page)
    main.get_by_label("Resumé").fill("Pensioneret lærer. Vil gerne hjælpe med lektier og dansk, tirsdag aften.")
    main.get_by_label("Passende mentortype").select_option(label="Socialmentor (hverdagsliv, støtte)")
    main.get_by_role("button", name="Gem").click()
    expect_message(page, "Samtalen er registreret.")
    expect(lead(page)).to_contain_text("Samtale")
    expect(main.get_by_text("Pensioneret lærer. Vil gerne hjælpe med lektier")).to_be_visible()
    axe_check(page)

    # On through the course to approved, with the status form.
    main.get_by_label("Ny status").select_option(label="Kursus gennemført")
    main.get_by_label("Note").fill("Introkursus i marts")
    main.get_by_role("button", name="Skift status").click()
    expect_message(page, "Karen Holm har nu status »Kursus gennemført«.")
    axe_check(page)
    main.get_by_label("Ny status").select_option(label="Godkendt, aktiv")
    main.get_by_role("button", name="Skift status").click()
    expect_message(page, "Karen Holm har nu status »Godkendt, aktiv«.")
    expect(lead(page)).to_contain_text("Godkendt, aktiv")
    expect(definition(page, "Introduktionskursus")).to_have_text(f"{timezone.localdate():%d.%m.%Y}")

    history = main.get_by_role("table", name="Statushistorik").locator("tbody tr")
    expect(history).to_have_count(4)
    expect(history).to_contain_text(
        [
            "Kursus gennemført Godkendt, aktiv Alice Andersen",
            "Samtale Kursus gennemført Alice Andersen Introkursus i marts",
            "Interesseret Samtale Alice Andersen",
            "– Interesseret –",
        ],
        use_inner_text=True,
    )
    axe_check(page)


def test_the_person_page_shows_an_address_without_a_street_as_postcode_and_city(
    page: Page, alice: User, world: Any
) -> None:
    karen = person_create(
        actor=alice,
        branch=world.kbh,
        kind=Kind.MENTOR,
        data=PersonInput(
            person={"first_name": "Karen", "last_name": "Holm", "postcode": "2200", "city": "København N"}
        ),
    )
    login(page, alice)
    page.goto(f"/person/{karen.pk}/")
    expect(definition(page, "Adresse")).to_have_text("2200 København N", timeout=500)  # the page has loaded


def test_a_young_person_asks_for_a_mentor_and_the_coordinator_screens_him_in_and_another_out(
    page: Page, alice: User, world: Any
) -> None:
    page.goto("/")
    main = page.get_by_role("main")
    main_menu(page).get_by_role("link", name="Få en mentor").click()
    expect(h1(page)).to_have_text("Få en mentor")
    fill_mentee_signup(page, first_name="Omar", last_name="Abdi", email="omar@example.org")
    main.get_by_role("button", name="Send tilmelding").click()
    expect(h1(page)).to_have_text("Tak for din tilmelding")
    expect(main).to_contain_text("Vi har modtaget din tilmelding.")
    axe_check(page)
    mentee_signup(world, "Layla", "Mahmoud", email="layla@example.org")

    login(page, alice)
    main_menu(page).get_by_role("link", name="Mentees").click()
    expect(h1(page)).to_have_text("Mentees")
    expect(main.get_by_role("row", name=re.compile("Omar Abdi"))).to_contain_text("Henvist eller tilmeldt")
    axe_check(page)

    # Omar is eligible: the screening moves him on to the interview.
    main.get_by_role("link", name="Omar Abdi").click()
    expect(lead(page)).to_contain_text("Henvist eller tilmeldt")
    axe_check(page)
    main.get_by_role("link", name="Visiter").click()
    expect(h1(page)).to_have_text("Visitation af Omar Abdi")
    axe_check(page)
    screen(page, outcome="Kan optages: fortsæt til samtale og match")
    main.get_by_role("button", name="Gem visitationen").click()
    expect_message(page, "Visitationen er registreret.")
    expect(h1(page)).to_have_text("Omar Abdi")
    expect(lead(page)).to_contain_text("Samtale")
    expect(main.get_by_role("heading", name="Visitationer")).to_be_visible()
    expect(main.get_by_text("Kan optages: fortsæt til samtale og match")).to_be_visible()
    axe_check(page)

    # Layla needs another kind of help: she is referred elsewhere, with a category and never a diagnosis.
    main_menu(page).get_by_role("link", name="Mentees").click()
    main.get_by_role("link", name="Layla Mahmoud").click()
    main.get_by_role("link", name="Visiter").click()
    screen(page, outcome="Kan ikke optages: henvis videre")
    main.get_by_role("button", name="Gem visitationen").click()
    summary = main.get_by_role("alert")
    expect(summary).to_contain_text("Vælg årsagen til afvisningen.")
    axe_check(page)
    main.get_by_label("Årsag til afvisning").select_option(
        label="Har brug for professionel hjælp (f.eks. en psykolog eller sagsbehandler)"
    )
    main.get_by_label("Henvist til").fill("Headspace Nørrebro")
    main.get_by_role("button", name="Gem visitationen").click()
    expect_message(page, "Visitationen er registreret.")
    expect(lead(page)).to_contain_text("Henvist videre")
    expect(main.get_by_text("henvist til Headspace Nørrebro")).to_be_visible()
    axe_check(page)


# --- 2. Special-category data ---------------------------------------------------------------------------------------


def test_a_coordinator_reveals_special_category_data_for_a_purpose_and_an_admin_cannot(
    page: Page, alice: User, olivia: User, world: Any
) -> None:
    amina = person_create(
        actor=alice,
        branch=world.kbh,
        kind=Kind.MENTEE,
        data=PersonInput(person={"first_name": "Amina", "last_name": "Hassan", "birth_date": born(24)}),
        programme=world.kbh_programme,
    )
    sensitive_update(
        actor=alice,
        person=amina,
        data={"ethnic_background": "minority", "country_of_origin": "Somalia", "health_note": "Har brug for pauser"},
    )

    login(page, alice)
    page.goto(f"/person/{amina.pk}/")
    main = page.get_by_role("main")
    expect(h1(page)).to_have_text("Amina Hassan")
    expect(main.get_by_text("Etnisk baggrund, helbred, misbrug og kriminelt miljø er skjult.")).to_be_visible()
    expect(main.get_by_text("Somalia")).to_have_count(0)
    axe_check(page)

    mark_the_page(page)
    main.get_by_label("Hvorfor skal du se oplysningerne?").select_option(label="Matchning")
    main.get_by_role("button", name="Vis", exact=True).click()
    expect(main.get_by_role("status")).to_contain_text(
        "Vist til formålet: Matchning. Visningen er registreret i adgangsloggen."
    )
    expect(main.get_by_text("Etnisk minoritetsbaggrund")).to_be_visible()
    expect(main.get_by_text("Somalia")).to_be_visible()
    expect(main.get_by_text("Har brug for pauser")).to_be_visible()
    assert_still_the_same_page(page)
    axe_check(page)
    entry = AuditEntry.objects.get(action="person.reveal", object_id=str(amina.pk))
    assert (entry.actor, entry.changes) == (alice, {"purpose": "matching"})

    # The organisation's admin may see the person, but not the special-category data.
    logout(page)
    login(page, olivia)
    page.goto(f"/person/{amina.pk}/")
    expect(h1(page)).to_have_text("Amina Hassan")
    expect(main.get_by_text("Kun afdelingens koordinatorer kan se følsomme oplysninger.")).to_be_visible()
    expect(main.get_by_role("button", name="Vis", exact=True)).to_have_count(0)
    expect(main.get_by_text("Somalia")).to_have_count(0)
    axe_check(page)


# --- 3. Referrals ---------------------------------------------------------------------------------------------------


def test_a_partner_refers_a_young_man_and_follows_his_status_but_not_the_coordinators_notes(
    page: Page, rashid: User, charlie: User, world: Any
) -> None:
    note = "Bor hos sin moster og har brug for ro til lektierne"
    login(page, rashid)
    main = page.get_by_role("main")
    main_menu(page).get_by_role("link", name="Henvisninger").click()
    expect(h1(page)).to_have_text("Dine henvisninger")
    expect(main.get_by_text("Du har ikke henvist nogen endnu.")).to_be_visible()
    axe_check(page)

    main.get_by_role("link", name="Henvis en person").click()
    expect(h1(page)).to_have_text("Henvis en person")
    axe_check(page)
    expect(main.get_by_label("Henvis til")).to_have_value(str(world.tingbjerg.pk))
    main.get_by_label("Din organisation").fill("Jobcenter København")
    main.get_by_label("Fornavn").fill("Yusuf")
    main.get_by_label("Efternavn").fill("Ali")
    main.get_by_label("Telefon").fill("40 50 60 70")
    main.get_by_label("Fødselsdato").fill(born(19).isoformat())
    main.get_by_label("Kommune, personen bor i").fill("København")
    main.get_by_label("Hvorfor en mentor?").fill("Vil gerne i lære som tømrer og mangler en at øve samtaler med.")
    main.get_by_role("group", name="Personens motivation").get_by_label("Har selv bedt om en mentor").check()
    main.get_by_role("group", name="Hvordan gav personen samtykke?").get_by_label("Mundtligt, til mig").check()
    main.get_by_role("checkbox", name="Personen har givet samtykke som beskrevet ovenfor").check()
    main.get_by_role("button", name="Send henvisningen").click()

    expect(h1(page)).to_have_text("Dine henvisninger")
    expect_message(page, "Tak. Henvisningen er sendt til afdelingens koordinatorer.")
    referrals = main.get_by_role("table", name="Dine henvisninger").locator("tbody tr")
    expect(referrals).to_have_count(1)
    expect(referrals).to_contain_text(["Yusuf Ali"])
    expect(referrals).to_contain_text(["Tingbjerg Henvist eller tilmeldt"], use_inner_text=True)
    axe_check(page)

    # Tingbjerg's coordinator screens him, with a note for the coordinators only.
    logout(page)
    login(page, charlie)
    main_menu(page).get_by_role("link", name="Mentees").click()
    main.get_by_role("link", name="Yusuf Ali").click()
    expect(main.get_by_role("heading", name="Henvisninger")).to_be_visible()
    expect(main.get_by_text("Jobcenter København")).to_be_visible()
    main.get_by_role("link", name="Visiter").click()
    screen(page, outcome="Kan optages: fortsæt til samtale og match", note=note)
    main.get_by_role("button", name="Gem visitationen").click()
    expect(lead(page)).to_contain_text("Samtale")
    expect(main.get_by_text(note)).to_be_visible()
    axe_check(page)

    logout(page)
    login(page, rashid)
    main_menu(page).get_by_role("link", name="Henvisninger").click()
    expect(referrals).to_contain_text(["Tingbjerg Samtale"], use_inner_text=True)
    expect(page.get_by_text(note)).to_have_count(0)
    axe_check(page)


# --- 4. Importing a legacy register ---------------------------------------------------------------------------------

MESSY_CSV = (
    "Fornavn;Efternavn;E-mail;Tlf.;Fødselsdato;Køn;Sprog\r\n"
    "Fatima;Hassan;fatima@example.org;+45 12 34 56 78;03-04-1985;K;Arabisk\r\n"
    "Jens;Ømand;jens@example.org;22 33 44 55;7/9/62;Mand;Dansk, Engelsk og Klingonsk\r\n"
    "Sørine;Åberg;ikke-en-mail;87654321;31-02-1990;K;Dansk\r\n"
    "Fatima;Hassan;fatima@example.org;+45 12 34 56 78;03-04-1985;K;Arabisk\r\n"
).encode("cp1252")


def test_a_coordinator_imports_a_messy_spreadsheet_after_checking_it(page: Page, alice: User, world: Any) -> None:
    login(page, alice)
    main = page.get_by_role("main")
    main_menu(page).get_by_role("link", name="Mentorer").click()
    main.get_by_role("link", name="Import", exact=True).click()
    expect(h1(page)).to_have_text("Importer et eksisterende register")
    axe_check(page)

    main.get_by_label("Importer til").select_option(label="København")
    main.get_by_role("group", name="Hvem er i filen?").get_by_label("Mentor", exact=True).check()
    upload = FilePayload(name="mentorbank.csv", mimeType="text/csv", buffer=MESSY_CSV)
    main.get_by_label("Fil", exact=True).set_input_files(files=upload)
    main.get_by_role("button", name="Upload").click()

    # The columns are guessed from the Danish headings, in a Windows-1252 file.
    expect(h1(page)).to_have_text("mentorbank.csv")
    expect_message(page, "Filen er uploadet. Tjek, hvilket felt hver kolonne indeholder.")
    expect(main.get_by_role("heading", name="Hvilket felt indeholder hver kolonne?")).to_be_visible()
    guessed = [("Fornavn", "first_name"), ("Tlf.", "phone"), ("Fødselsdato", "birth_date"), ("Sprog", "languages")]
    for heading, field in guessed:
        expect(main.get_by_label(heading)).to_have_value(field)
    axe_check(page)

    # The dry run reports every row that will not go in as it is, in Danish.
    main.get_by_role("button", name="Tjek filen").click()
    expect_message(page, "Filen bliver tjekket. Der er ikke importeret noget endnu.")
    expect(main.get_by_role("heading", name="Kontrollen")).to_be_visible()  # its counts: see the test below
    problems = main.get_by_role("table", name="Rækker").locator("tbody tr")
    expect(problems).to_have_text(
        [
            "3 Jens Ømand Advarsel Ukendt sprog Klingonsk: udeladt.",
            "4 Sørine Åberg Fejl E-mail: ikke-en-mail er ikke en gyldig e-mailadresse. "
            "Fødselsdato: Datoen 31-02-1990 findes ikke. Skriv den som dd-mm-åååå, med dagen først.",
            "5 Fatima Hassan Sprunget over Findes allerede i række 2 i filen: springes over.",
        ],
        use_inner_text=True,
    )
    axe_check(page)

    # Rows with errors are left out only when she says so.
    main.get_by_role("button", name="Importer 2 rækker").click()
    expect(main.get_by_role("alert")).to_contain_text("Sæt kryds i feltet for at importere uden rækkerne med fejl.")
    axe_check(page)
    main.get_by_role("checkbox", name="Importer uden rækkerne med fejl").check()
    main.get_by_role("button", name="Importer 2 rækker").click()
    expect_message(page, "Importen er startet.")
    expect_message(page, "2 personer blev importeret.")
    axe_check(page)

    # While a job runs, the page shows its progress and polls; when it is done, the page shows the result.
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.IMPORTING, processed_rows=1, total_rows=2)
    page.reload()
    expect(main.get_by_role("heading", name="Importeres")).to_be_visible()
    expect(main.get_by_role("progressbar", name="1 af 2 rækker")).to_be_visible()
    axe_check(page)
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.DONE, processed_rows=2)
    expect_message(page, "2 personer blev importeret.")
    expect(main.get_by_role("heading", name="Importeres")).to_have_count(0)

    main_menu(page).get_by_role("link", name="Mentorer").click()
    expect(main.get_by_text("2 personer fundet")).to_be_visible()
    expect(main.get_by_role("row", name=re.compile("Fatima Hassan"))).to_contain_text("Interesseret")
    expect(main.get_by_role("row", name=re.compile("Jens Ømand"))).to_contain_text("Interesseret")
    axe_check(page)
    main.get_by_role("link", name="Jens Ømand").click()
    expect(definition(page, "Fødselsdato")).to_contain_text("07.09.1962")
    expect(definition(page, "Telefon")).to_have_text("+45 22 33 44 55")
    expect(definition(page, "Køn")).to_have_text("Mand")
    expect(definition(page, "Sprog")).to_have_text("Dansk, Engelsk")
    expect(definition(page, "Registreret via")).to_contain_text("Import")
    axe_check(page)


def test_the_check_of_an_import_counts_a_single_row_in_the_singular(page: Page, alice: User, world: Any) -> None:
    job = import_upload(actor=alice, branch=world.kbh, kind=Kind.MENTOR, file_name="mentorbank.csv", content=MESSY_CSV)
    import_set_columns(actor=alice, job=job, columns=job.columns)  # the check runs when this commits

    login(page, alice)
    page.goto(f"/import/{job.pk}/")
    summary = (
        page.get_by_role("main").get_by_role("heading", name="Kontrollen").locator("xpath=following-sibling::ul[1]")
    )
    expect(summary.get_by_role("listitem")).to_have_text(
        [
            "1 række er klar.",
            "1 række bliver importeret med en advarsel.",
            "1 række findes allerede i registret og springes over.",
            "1 række har fejl og bliver ikke importeret.",
        ],
        timeout=500,  # the page has loaded: no need to wait for the text to change
    )


# --- 5. Duplicates --------------------------------------------------------------------------------------------------


def test_a_coordinator_merges_a_mentee_who_signed_up_twice_and_keeps_both_consents(
    page: Page, alice: User, world: Any
) -> None:
    mentee_signup(world, "Amina", "Hassan", email="amina@example.org", phone="+4512345678")
    mentee_signup(world, "Amina", "Hasan", email="Amina@example.org", phone="+4587654321", area="Nørrebro")

    login(page, alice)
    main = page.get_by_role("main")
    main_menu(page).get_by_role("link", name="Mentees").click()
    main.get_by_role("link", name="Dubletter", exact=True).click()
    expect(h1(page)).to_have_text("Mulige dubletter")
    card = main.get_by_role("listitem").filter(has=page.get_by_role("heading", name="Samme e-mail"))
    expect(card).to_contain_text("Ny: Amina Hasan")
    expect(card).to_contain_text("Registreret i forvejen: Amina Hassan")
    axe_check(page)

    card.get_by_role("button", name="Flet Amina Hasan ind i den ældste registrering").click()
    expect(h1(page)).to_have_text("Amina Hassan")
    expect_message(page, "Registreringerne er flettet ind i Amina Hassan. Al historik er bevaret.")
    consents = main.get_by_role("heading", name="Samtykker").locator("xpath=following-sibling::ul[1]/li")
    expect(consents).to_have_count(2)
    expect(consents).to_contain_text(["Tilmelding som mentee, version 1: Formular på nettet"] * 2)
    expect(main.get_by_text("Nørrebro")).to_be_visible()  # a blank on the kept record, filled from the other
    axe_check(page)

    main_menu(page).get_by_role("link", name="Mentees").click()
    main.get_by_role("link", name="Dubletter", exact=True).click()
    expect(main.get_by_text("Der er ingen mulige dubletter at tjekke.")).to_be_visible()


# --- 6. On a phone --------------------------------------------------------------------------------------------------


@pytest.mark.browser_context_args(viewport=PHONE)
def test_on_a_phone_a_young_person_signs_up_for_a_mentor(page: Page, world: Any) -> None:
    page.goto("/")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("dialog", name="Menu").get_by_role("link", name="Få en mentor").click()
    expect(h1(page)).to_have_text("Få en mentor")
    axe_check(page)

    fill_mentee_signup(page, first_name="Hamza", last_name="Yilmaz", email="hamza@example.org")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the form scrolls sideways"
    axe_check(page)
    page.get_by_role("main").get_by_role("button", name="Send tilmelding").click()

    expect(h1(page)).to_have_text("Tak for din tilmelding")
    axe_check(page)
    hamza = Person.objects.get(email="hamza@example.org")
    assert (hamza.kind, hamza.status, hamza.phone) == (Kind.MENTEE, "referred", "+4531425364")
