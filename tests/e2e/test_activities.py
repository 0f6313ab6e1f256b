"""Journeys through activities in Chromium, in Danish, with axe-core on every page: a coordinator plans the
introductory course (two evenings), enrols mentors (one goes on the waiting list), records the attendance, and the
mentor who came both evenings has completed the course; a mentor answers an invitation on a phone, and the branch
calendar and "Min kalender" with the secret calendar address."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import Browser, Page, ViewportSize, expect

from mentornet.accounts.models import User
from mentornet.activities.models import Activity, ActivityKind, Participation, SatisfactionAnswer
from mentornet.activities.services import activity_create, activity_invite, rsvp_url, survey_url
from mentornet.activities.tests.conftest import at, make_member
from mentornet.people.models import Status
from tests.e2e.conftest import axe_check, login
from tests.e2e.test_journeys import PHONE, h1
from tests.e2e.test_matching import expect_message, lead, logout, watch_console

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_VIEWPORT = ViewportSize(width=PHONE["width"], height=PHONE["height"])


def test_a_coordinator_runs_the_introductory_course_and_its_attendance(
    page: Page, live_server: Any, alice: User, world: Any
) -> None:
    bob = make_member(world.kbh, status=Status.INTERVIEW, first_name="Bob")
    karen = make_member(world.kbh, status=Status.INTERVIEW, first_name="Karen")
    make_member(world.kbh, status=Status.INTERVIEW, first_name="Jens")
    first_evening = timezone.localdate() + datetime.timedelta(days=7)

    login(page, alice)
    page.goto("/aktiviteter/")
    main = page.get_by_role("main")
    expect(h1(page)).to_have_text("Kurser og arrangementer: København")
    axe_check(page)

    # Plan the course: two evenings of three hours, a week apart, with two seats.
    main.get_by_role("link", name="Planlæg et kursus eller et arrangement").click()
    expect(h1(page)).to_have_text("Planlæg et kursus eller et arrangement")
    axe_check(page)
    main.get_by_label("Type").select_option(label="Introkursus for mentorer (obligatorisk)")
    main.get_by_label("Titel").fill("Introkursus for nye mentorer")
    main.get_by_label("Sted").fill("KVINFO, Christians Brygge 3")
    main.get_by_label("Pladser").fill("2")
    main.get_by_label("Dato for første gang").fill(first_evening.isoformat())
    main.get_by_label("Starter kl.").fill("18:00")
    main.get_by_label("Slutter kl.").fill("17:00")
    main.get_by_label("Hvor mange gange").fill("2")
    main.get_by_role("button", name="Gem").click()
    # A mistake is said, and what was typed is kept.
    expect(main.get_by_role("alert")).to_contain_text("Gangen skal slutte, efter den er begyndt.")
    expect(main.get_by_label("Titel")).to_have_value("Introkursus for nye mentorer")
    axe_check(page)
    main.get_by_label("Slutter kl.").fill("21:00")
    main.get_by_role("button", name="Gem").click()
    expect(h1(page)).to_have_text("Introkursus for nye mentorer")
    expect_message(page, "1 aktivitet er planlagt.")
    sessions = main.get_by_role("table", name="Gange")
    expect(sessions.get_by_role("row")).to_have_count(3)  # the header and two evenings
    axe_check(page)

    # Enrol three mentors in two seats: the third goes on the waiting list.
    for name in ("Bob Hansen", "Karen Hansen"):
        main.get_by_label("Person, der skal tilmeldes").select_option(label=name)
        main.get_by_role("button", name="Tilmeld personen").click()
        expect_message(page, f"{name} er tilmeldt.")
    # The list can be searched by name (htmx swaps the list; the page stays).
    with page.expect_response(lambda response: "q=jen" in response.url):
        main.get_by_label("Søg på navn").fill("jen")
    expect(main.get_by_label("Person, der skal tilmeldes").locator("option")).to_have_text(["Vælg", "Jens Hansen"])
    main.get_by_label("Person, der skal tilmeldes").select_option(label="Jens Hansen")
    main.get_by_role("button", name="Tilmeld personen").click()
    expect(page.get_by_role("alert").filter(has_text="Aktiviteten er fuld")).to_contain_text(
        "Jens Hansen er på ventelisten"
    )
    expect(main.get_by_role("heading", name="Venteliste (1)")).to_be_visible()
    axe_check(page)
    main.get_by_role("link", name="Rediger").click()
    expect(h1(page)).to_have_text("Rediger Introkursus for nye mentorer")
    expect(main.get_by_label("Pladser")).to_have_value("2")
    axe_check(page)
    main.get_by_role("link", name="Annuller").click()

    # After the second evening: attendance for each session.
    course = Activity.objects.get()
    assert course.ends_at is not None
    with time_machine.travel(course.ends_at + datetime.timedelta(hours=12), tick=True):
        logout(page)
        login(page, alice)
        page.goto(f"/aktiviteter/{course.pk}/")
        evenings = list(course.sessions.all())
        for number, session in enumerate(evenings):
            date = f"{session.starts_at.astimezone(timezone.get_current_timezone()).day}."
            main.get_by_role("link", name=re.compile(rf"^Fremmøde {re.escape(date)}")).click()
            expect(h1(page)).to_contain_text("Fremmøde: Introkursus for nye mentorer")
            axe_check(page)
            main.get_by_role("checkbox", name="Bob Hansen").check()
            if number == 0:
                main.get_by_role("checkbox", name="Karen Hansen").check()
            main.get_by_role("button", name="Gem fremmødet").click()
            expect(main.get_by_role("status")).to_have_text("Fremmødet er gemt.")
            axe_check(page)
            main.get_by_role("link", name="Tilbage til aktiviteten").click()
        enrolled = main.get_by_role("table", name="Tilmeldt")
        expect(enrolled.get_by_role("row", name=re.compile("Bob Hansen"))).to_contain_text("Gennemført")
        expect(enrolled.get_by_role("row", name=re.compile("Karen Hansen"))).to_contain_text("1 / 2")
        axe_check(page)

        # Bob came both evenings: his status is now "Kursus gennemført"; Karen's is not.
        enrolled.get_by_role("link", name="Bob Hansen").click()
        expect(lead(page)).to_contain_text("Kursus gennemført")
        axe_check(page)
        page.goto(f"/person/{karen.pk}/")
        expect(lead(page)).not_to_contain_text("Kursus gennemført")
    bob.refresh_from_db()
    assert bob.status == Status.COURSE_COMPLETED
    assert bob.mentor_profile.course_completed_on == timezone.localdate(course.ends_at)


def test_a_mentor_answers_an_invitation_on_her_phone(
    page: Page, browser: Browser, live_server: Any, settings: Any, alice: User, bob: User, world: Any
) -> None:
    settings.SITE_URL = live_server.url
    karen = make_member(world.kbh, first_name="Karen")
    meeting = activity_create(
        actor=alice,
        branch=world.kbh,
        data={"kind": ActivityKind.MENTOR_MEETING, "audience": "mentors", "title": "Mentormøde om grænser"},
        sessions=[(at(5, 19), at(5, 21))],
    )
    activity_invite(actor=alice, activity=meeting)
    participation = Participation.objects.get(person=karen)
    link = rsvp_url(participation)

    phone_context = browser.new_context(viewport=PHONE_VIEWPORT, locale="en-GB")
    phone = phone_context.new_page()
    errors = watch_console(phone)
    phone.goto(link)
    phone_main = phone.get_by_role("main")
    expect(h1(phone)).to_have_text("Hej Karen")
    expect(phone_main).to_contain_text("Du er inviteret til Mentormøde om grænser.")
    expect(phone_main).not_to_contain_text("Hansen")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    axe_check(phone)

    phone_main.get_by_role("button", name="Send mit svar").click()
    expect(phone_main.get_by_role("alert")).to_contain_text("Vælg ja eller nej.")
    axe_check(phone)
    phone_main.get_by_role("radio", name="Ja, jeg kommer").check()
    phone_main.get_by_role("button", name="Send mit svar").click()
    expect(phone_main.get_by_role("status")).to_contain_text("Du er tilmeldt. Vi glæder os til at se dig.")
    axe_check(phone)
    # Answering yes again counts once.
    phone_main.get_by_role("radio", name="Ja, jeg kommer").check()
    phone_main.get_by_role("button", name="Send mit svar").click()
    expect(phone_main.get_by_role("status")).to_contain_text("Du er tilmeldt.")
    assert Participation.objects.filter(activity=meeting, state="enrolled").count() == 1

    # After the start the link is closed, and nothing changes.
    with time_machine.travel(at(5, 19) + datetime.timedelta(minutes=10), tick=True):
        response = phone.goto(link)
        assert response is not None and response.status == 410
        expect(h1(phone)).to_have_text("Det er for sent at svare")
        axe_check(phone)

    # Afterwards, the one-minute questionnaire, once.
    with time_machine.travel(at(5, 22), tick=True):
        phone.goto(survey_url(participation))
        expect(h1(phone)).to_have_text("Hvordan var Mentormøde om grænser?")
        axe_check(phone)
        phone_main.get_by_role("button", name="Send mit svar").click()
        expect(phone_main.get_by_role("alert")).to_contain_text("Vælg, hvordan det var, fra 1 til 5.")
        axe_check(phone)
        phone_main.get_by_role("radio", name="4 – Godt").check()
        phone_main.get_by_label("Er der noget, du vil fortælle os?").fill("Godt at høre de andres erfaringer.")
        phone_main.get_by_role("button", name="Send mit svar").click()
        expect(h1(phone)).to_have_text("Tak for dit svar")
        axe_check(phone)
    phone_context.close()
    errors = [e for e in errors if "status of 410" not in e]  # the closed link's own page, not a broken resource
    assert not errors, "The browser console reported errors:\n" + "\n".join(errors)
    participation.refresh_from_db()
    assert participation.state == Participation.State.ENROLLED
    assert list(SatisfactionAnswer.objects.values_list("rating", flat=True)) == [4]


def test_the_branch_calendar_and_my_calendar_address(page: Page, alice: User, world: Any) -> None:
    activity_create(
        actor=alice,
        branch=world.kbh,
        data={"kind": ActivityKind.NETWORK_EVENT, "audience": "both", "title": "Netværksaften: Job i Danmark"},
        sessions=[(at(3, 17), at(3, 20))],
    )
    login(page, alice)
    month = timezone.localdate(at(3, 17))
    page.goto(f"/kalender/{world.kbh.pk}/?maaned={month:%Y-%m}")
    main = page.get_by_role("main")
    expect(h1(page)).to_contain_text("Kalender: København")
    expect(main.get_by_role("link", name="Netværksaften: Job i Danmark")).to_be_visible()
    axe_check(page)
    main.get_by_role("link", name=re.compile("^Næste måned")).click()
    expect(main).to_contain_text("Der er ikke planlagt noget i denne måned.")
    axe_check(page)

    page.goto("/min-kalender/")
    expect(h1(page)).to_have_text("Min kalender")
    axe_check(page)
    main.get_by_role("button", name="Lav min kalenderadresse").click()
    expect_message(page, "Din kalenderadresse er klar.")
    address = main.get_by_label("Din hemmelige kalenderadresse")
    first = address.input_value()
    assert re.search(r"/ical/[0-9a-f]{43}\.ics$", first)
    axe_check(page)
    main.get_by_role("button", name="Lav en ny hemmelig adresse").click()
    expect_message(page, "Den gamle virker ikke længere")
    assert address.input_value() != first
    axe_check(page)
