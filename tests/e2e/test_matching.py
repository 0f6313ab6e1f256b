"""Journeys through matching in Chromium, in Danish, with axe-core on every page: a coordinator finds a mentor and
sends a proposal, the mentee chooses on a phone through the link, the mentor answers; the batch match of a waiting
list; and the programme's matching settings."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, ViewportSize, expect

from mentornet.accounts.models import User
from mentornet.matching.models import Candidate, Proposal
from mentornet.matching.services import exclusion_add, proposal_choose, proposal_create
from mentornet.matching.tests.conftest import make_mentor, make_waiting, support
from mentornet.people.models import Status
from tests.e2e.conftest import TIMEOUT_MS, axe_check, login
from tests.e2e.test_journeys import PHONE, assert_still_the_same_page, h1, main_menu, mark_the_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_VIEWPORT = ViewportSize(width=PHONE["width"], height=PHONE["height"])
TOO_HIGH = "Denne værdi skal være mindre end eller lig 100."  # Django's own Danish


def lead(page: Page) -> Locator:
    """The line under a person's name: kind · branch · programme · status."""
    return page.get_by_role("main").locator(".font-lead")


def expect_message(page: Page, text: str) -> None:
    """A message after a redirect, announced politely (role=status)."""
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()


def logout(page: Page) -> None:
    page.locator(".portal-user").get_by_role("button", name="Log ud").click()
    expect(h1(page)).to_have_text("Mentorer for integration")


def assert_unique_ids(page: Page) -> None:
    duplicates = page.evaluate(
        "[...document.querySelectorAll('[id]')].map(e => e.id).filter((id, i, ids) => ids.indexOf(id) !== i)"
    )
    assert not duplicates, f"ids used twice: {duplicates}"


def watch_console(page: Page) -> list[str]:
    """The console watch of the ``page`` fixture, for a page opened in a context of its own."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(TIMEOUT_MS)
    return errors


# --- 1. From "Find mentor" to a match -------------------------------------------------------------------------------


def test_a_coordinator_proposes_two_mentors_the_mentee_chooses_on_her_phone_and_the_mentor_says_yes(
    page: Page, browser: Browser, live_server: Any, settings: Any, alice: User, bob: User, world: Any
) -> None:
    settings.SITE_URL = live_server.url  # the mentee's link points at this server
    cv, danish = support("CV"), support("Dansk sprog")
    make_mentor(
        world.kbh,
        user=bob,
        first_name="Bob",
        presentation="Jeg er ingeniør og elsker fodbold. Jeg har læst mange ansøgninger.",
        competences=[cv],
    )
    make_mentor(world.kbh, first_name="Karen", presentation="Pensioneret dansklærer.", competences=[danish])
    make_mentor(world.kbh, first_name="Zenia", presentation="Jeg studerer medicin og kan lide at lave mad.")
    make_mentor(world.kbh, first_name="Jens", presentation="Tømrer i tyve år.")
    amina = make_waiting(world.kbh, first_name="Amina", last_name="Hassan", needs=[cv, danish])

    login(page, alice)
    page.goto(f"/person/{amina.pk}/")
    main = page.get_by_role("main")
    expect(h1(page)).to_have_text("Amina Hassan")
    axe_check(page)

    # The best two are ticked, with the reasons in words; the others can be found by name.
    main.get_by_role("link", name="Find mentor").click()
    expect(h1(page)).to_have_text("Find mentor til Amina Hassan")
    best = main.get_by_role("table", name="Bedste kandidater")
    expect(best.get_by_role("row", name=re.compile("Bob Hansen"))).to_contain_text("Kan hjælpe med: CV")
    expect(best.get_by_role("row", name=re.compile("Karen Hansen"))).to_contain_text("Kan hjælpe med: Dansk sprog")
    expect(best.get_by_role("checkbox", name="Foreslå Bob Hansen")).to_be_checked()
    expect(best.get_by_role("checkbox", name="Foreslå Karen Hansen")).to_be_checked()
    eligible = main.get_by_role("table", name="Egnede mentorer")
    expect(eligible.get_by_role("link", name="Jens Hansen")).to_be_visible()
    axe_check(page)

    mark_the_page(page)
    with page.expect_response(lambda response: "q=zen" in response.url):
        main.get_by_label("Søg på navn").fill("zen")
    expect(eligible.get_by_role("link", name="Zenia Hansen")).to_be_visible()
    expect(eligible.get_by_role("link", name="Jens Hansen")).to_have_count(0)
    assert_still_the_same_page(page)
    axe_check(page)

    # She would rather propose Zenia than Karen: three is one too many, and what she ticked is kept.
    eligible.get_by_role("checkbox", name="Foreslå Zenia Hansen").check()
    main.get_by_role("button", name="Send forslaget").click()
    expect(main.get_by_role("alert")).to_contain_text("Foreslå højst 2 mentorer i dette program.")
    expect(best.get_by_role("checkbox", name="Foreslå Karen Hansen")).to_be_checked()
    expect(eligible.get_by_role("checkbox", name="Foreslå Zenia Hansen")).to_be_checked()
    axe_check(page)
    best.get_by_role("checkbox", name="Foreslå Karen Hansen").uncheck()
    main.get_by_role("button", name="Send forslaget").click()
    expect(h1(page)).to_have_text("Forslag til Amina Hassan")
    expect_message(page, "Forslaget er lavet, og mentorerne er reserveret.")
    shown = main.get_by_role("table", name="De viste mentorer")
    expect(shown.get_by_role("link")).to_have_text(["Bob Hansen", "Zenia Hansen"])
    link = main.get_by_label("Link til mentee (kræver ikke login)")
    expect(link).to_have_attribute("readonly", "")
    axe_check(page)
    choice_link = link.input_value()
    assert choice_link.startswith(f"{live_server.url}/valg/")

    # On her phone, without logging in, Amina sees first names and presentations, never a surname.
    phone_context = browser.new_context(viewport=PHONE_VIEWPORT, locale="en-GB")
    phone = phone_context.new_page()
    errors = watch_console(phone)
    phone.goto(choice_link)
    phone_main = phone.get_by_role("main")
    expect(h1(phone)).to_have_text("Hej Amina. Vælg din mentor")
    choice = phone_main.get_by_role("group", name="Hvilken mentor vælger du?")
    expect(choice.get_by_role("radio")).to_have_count(2)
    expect(choice.get_by_role("radio", name="Bob", exact=True)).to_be_visible()
    expect(choice.get_by_text("Jeg er ingeniør og elsker fodbold.")).to_be_visible()
    expect(choice.get_by_role("radio", name="Zenia", exact=True)).to_be_visible()
    expect(choice.get_by_text("Jeg studerer medicin")).to_be_visible()
    expect(phone_main).not_to_contain_text("Hansen")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    axe_check(phone)

    phone_main.get_by_role("button", name="Vælg denne mentor").click()
    summary = phone_main.get_by_role("alert")
    expect(summary).to_contain_text("Vælg en af mentorerne.")
    expect(summary).to_be_focused()
    axe_check(phone)

    choice.get_by_role("radio", name="Bob", exact=True).check()
    phone_main.get_by_role("button", name="Vælg denne mentor").click()
    expect(h1(phone)).to_have_text("Tak, Amina")
    expect(phone_main).to_contain_text("Du har valgt Bob.")
    axe_check(phone)
    chosen_at = Proposal.objects.get(mentee=amina).chosen_at

    # The link is used: opening it again changes nothing.
    phone.goto(choice_link)
    expect(h1(phone)).to_have_text("Tak, Amina")
    expect(phone_main).to_contain_text("Linket er brugt. Du skal ikke gøre mere her.")
    expect(phone_main.get_by_role("radio")).to_have_count(0)
    axe_check(phone)
    phone_context.close()
    assert not errors, "The browser console reported errors:\n" + "\n".join(errors)
    proposal = Proposal.objects.get(mentee=amina)
    assert (proposal.state, proposal.chosen_at, proposal.chosen_via) == (
        Proposal.State.CHOSEN,
        chosen_at,
        Proposal.Via.LINK,
    )

    # Bob sees that a mentee has chosen him, and says yes.
    logout(page)
    login(page, bob)
    axe_check(page)
    main.get_by_role("link", name="1 mentee har valgt dig: svar venligst").click()
    expect(h1(page)).to_have_text("Mentees, der har valgt dig")
    axe_check(page)
    main.get_by_role("link", name="Svar – Amina").click()
    expect(h1(page)).to_have_text("Amina har valgt dig")
    axe_check(page)
    main.get_by_role("radio", name="Ja, jeg vil gerne være mentor").check()
    main.get_by_role("button", name="Send mit svar").click()
    expect_message(page, "Tak. Koordinatoren har fået besked.")
    axe_check(page)

    # Amina is matched.
    logout(page)
    login(page, alice)
    page.goto(f"/person/{amina.pk}/")
    expect(lead(page)).to_contain_text("Matchet")
    axe_check(page)


# --- 2. Nobody can be proposed --------------------------------------------------------------------------------------


def test_when_no_mentor_can_be_proposed_the_coordinator_is_told_which_rule_left_out_how_many(
    page: Page, alice: User, world: Any
) -> None:
    make_mentor(world.kbh, first_name="Layla", languages=("ar",))
    make_mentor(world.kbh, first_name="Omar", languages=("ar",))
    mentee = make_waiting(world.kbh, first_name="Sofie", last_name="Berg", languages=("da",))
    ole = make_mentor(world.kbh, first_name="Ole")
    exclusion_add(actor=alice, mentee=mentee, mentor=ole, reason="Kender familien")

    login(page, alice)
    page.goto(f"/person/{mentee.pk}/")
    main = page.get_by_role("main")
    expect(h1(page)).to_have_text("Sofie Berg")
    axe_check(page)
    main.get_by_role("link", name="Find mentor").click()
    expect(h1(page)).to_have_text("Find mentor til Sofie Berg")
    warning = main.get_by_role("status").filter(has_text="Ingen mentor kan foreslås til Sofie lige nu")
    expect(warning.get_by_role("listitem")).to_have_text(
        ["Udelukket af en koordinator for denne mentee: 1 mentor", "Intet fælles sprog: 2 mentorer"]
    )
    expect(main.get_by_role("button", name="Send forslaget")).to_have_count(0)
    expect(main.get_by_text("Ole Hansen: Kender familien")).to_be_visible()
    axe_check(page)


# --- 3. The batch match ---------------------------------------------------------------------------------------------


def test_a_coordinator_matches_the_waiting_list_from_her_dashboard_and_proposes_every_pair(
    page: Page, alice: User, world: Any
) -> None:
    cv, housing = support("CV"), support("Bolig")
    for name, topic in (("Karen", cv), ("Jens", housing), ("Lone", cv), ("Ole", housing)):
        make_mentor(world.kbh, first_name=name, competences=[topic])
    amina = make_waiting(world.kbh, first_name="Amina", last_name="Hassan", needs=[cv], days=30)
    make_waiting(world.kbh, first_name="Yusuf", last_name="Ali", needs=[housing], days=5)

    login(page, alice)
    axe_check(page)
    main = page.get_by_role("main")
    programme = main.get_by_role("listitem").filter(has=page.get_by_role("link", name="Mentornetværket København"))
    programme.get_by_role("link", name="Match ventelisten").click()
    expect(h1(page)).to_have_text("Match ventelisten: Mentornetværket København")
    axe_check(page)

    main.get_by_role("button", name="Match ventelisten").click()
    expect(h1(page)).to_have_text("Foreslåede par: Mentornetværket København")
    expect(main.get_by_text("2 af 2 ventende mentees fik en mentor.")).to_be_visible()
    pairs = main.get_by_role("table", name="Foreslåede par")
    amina_row = pairs.get_by_role("row", name=re.compile("Amina Hassan"))
    expect(amina_row).to_contain_text(re.compile(r"(Karen|Lone) Hansen \d+"))
    expect(amina_row).to_contain_text("Kan hjælpe med: CV")
    yusuf_row = pairs.get_by_role("row", name=re.compile("Yusuf Ali"))
    expect(yusuf_row).to_contain_text(re.compile(r"(Jens|Ole) Hansen \d+"))
    expect(yusuf_row).to_contain_text("Kan hjælpe med: Bolig")
    axe_check(page)

    main.get_by_role("button", name="Foreslå alle par").click()
    expect_message(page, "2 forslag er lavet.")
    expect(pairs.get_by_role("link", name="Foreslået")).to_have_count(2)
    expect(pairs.get_by_role("checkbox")).to_have_count(0)
    axe_check(page)

    amina_row.get_by_role("link", name="Foreslået").click()
    expect(h1(page)).to_have_text("Forslag til Amina Hassan")
    expect(main).to_contain_text("fra et samlet match")
    axe_check(page)
    assert Proposal.objects.filter(run__isnull=False).count() == 2
    assert Candidate.objects.filter(proposal__mentee=amina).count() == 2


# --- 4. Settings ----------------------------------------------------------------------------------------------------


def test_a_coordinator_tries_new_weights_on_the_waiting_list_before_she_saves_them(
    page: Page, alice: User, world: Any
) -> None:
    cv = support("CV")
    make_mentor(world.kbh, first_name="Karen", competences=[cv])
    make_mentor(world.kbh, first_name="Jens")
    make_waiting(world.kbh, first_name="Amina", last_name="Hassan", needs=[cv])

    login(page, alice)
    page.goto(f"/programmer/{world.kbh_programme.pk}/match/")
    expect(h1(page)).to_have_text("Match ventelisten: Mentornetværket København")
    axe_check(page)
    main = page.get_by_role("main")
    main.get_by_role("link", name="Matchindstillinger").click()
    expect(h1(page)).to_have_text("Matchindstillinger: Mentornetværket København")
    axe_check(page)

    age = main.get_by_label("Lille aldersforskel")
    mark_the_page(page)
    age.fill("80")
    main.get_by_role("button", name="Prøv på ventelisten").click()
    preview = page.locator("#preview")
    expect(preview).to_contain_text("Intet er gemt endnu")
    expect(preview.get_by_role("row", name=re.compile("Amina Hassan"))).to_be_visible()
    assert_still_the_same_page(page)
    axe_check(page)

    # Out of range: the weight is refused, and what she typed stays for her to correct.
    age.fill("150")
    main.get_by_role("button", name="Gem").click()
    summary = main.get_by_role("alert")
    expect(summary.get_by_role("link", name=f"Lille aldersforskel: {TOO_HIGH}")).to_have_count(1)
    expect(summary).to_be_focused()
    expect(main.get_by_label("Lille aldersforskel")).to_have_value("150")
    axe_check(page)

    # Trying it on the waiting list is refused in the same words.
    main.get_by_role("button", name="Prøv på ventelisten").click()
    preview_error = preview.get_by_role("alert")
    expect(preview_error.get_by_role("link", name=f"Lille aldersforskel: {TOO_HIGH}")).to_have_count(1)
    expect(preview_error).to_be_focused()
    expect(preview).not_to_contain_text("Intet er gemt endnu")
    assert_unique_ids(page)  # two error summaries on the page, each with its own heading
    axe_check(page)

    main.get_by_label("Lille aldersforskel").fill("80")
    main.get_by_role("button", name="Gem").click()
    expect_message(page, "Matchindstillingerne er gemt.")
    expect(main.get_by_label("Lille aldersforskel")).to_have_value("80")
    axe_check(page)


# --- 5. A mentor says no --------------------------------------------------------------------------------------------


def test_a_chosen_mentor_declines_and_must_say_why(page: Page, alice: User, bob: User, world: Any) -> None:
    mentor = make_mentor(world.kbh, user=bob, first_name="Bob", presentation="Ingeniør.")
    mentee = make_waiting(world.kbh, first_name="Amina", last_name="Hassan")
    proposal = proposal_create(actor=alice, mentee=mentee, programme=world.kbh_programme, mentor_ids=[mentor.pk])
    proposal_choose(actor=None, proposal=proposal, mentor_id=mentor.pk)

    login(page, bob)
    main = page.get_by_role("main")
    main_menu(page).get_by_role("link", name="Forslag", exact=True).click()
    expect(h1(page)).to_have_text("Mentees, der har valgt dig")
    axe_check(page)
    main.get_by_role("link", name="Svar – Amina").click()
    expect(h1(page)).to_have_text("Amina har valgt dig")
    axe_check(page)

    main.get_by_role("radio", name="Nej, jeg siger nej tak").check()
    main.get_by_role("button", name="Send mit svar").click()
    summary = main.get_by_role("alert")
    expect(summary).to_contain_text("Fortæl koordinatoren, hvorfor du siger nej.")
    expect(main.get_by_role("radio", name="Nej, jeg siger nej tak")).to_be_checked()
    axe_check(page)

    main.get_by_label("Hvis du siger nej: hvorfor?").fill("Jeg flytter til Aarhus i næste måned.")
    main.get_by_role("button", name="Send mit svar").click()
    expect_message(page, "Du har sagt nej. Koordinatoren finder en anden mentor.")
    expect(main).to_contain_text("Ingen mentee har valgt dig endnu.")
    axe_check(page)

    proposal.refresh_from_db()
    mentee.refresh_from_db()
    assert (proposal.state, mentee.status) == (Proposal.State.DECLINED, Status.WAITING)
    assert proposal.candidates.get().response_reason == "Jeg flytter til Aarhus i næste måned."
