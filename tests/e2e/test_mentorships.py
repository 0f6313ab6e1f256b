"""Journeys through mentorships in Chromium, in Danish, with axe-core on every page: the mentor logs a meeting on his
phone in a few taps, and a coordinator closes a mentorship with a reason."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from mentornet.accounts.models import User
from mentornet.matching.tests.conftest import make_mentor
from mentornet.mentorships.models import Meeting, Mentorship, MentorshipStatus
from mentornet.mentorships.tests.conftest import add_meetings, make_mentorship
from mentornet.people.models import Status
from tests.e2e.conftest import axe_check, login
from tests.e2e.test_journeys import PHONE, h1

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.browser_context_args(viewport=PHONE)
def test_the_mentor_logs_a_meeting_on_his_phone_in_a_few_taps(page: Page, bob: User, world: Any) -> None:
    mentor = make_mentor(world.kbh, user=bob, first_name="Bob")
    mentorship = make_mentorship(world.kbh_programme, mentor=mentor, mentee_name="Amina", days_ago=30)

    login(page, bob)
    main = page.get_by_role("main")
    expect(h1(page)).to_have_text("Oversigt")
    expect(main).to_contain_text("Der er ikke skrevet nogen møder ind endnu")
    axe_check(page)

    main.get_by_role("link", name="Log et møde – Amina").click()
    expect(h1(page)).to_have_text("Møde med Amina")
    expect(main.get_by_label("Hvornår mødtes I?")).to_have_value(timezone.localdate().isoformat())
    expect(main.get_by_role("radio", name="1 time")).to_be_checked()
    axe_check(page)

    # Forgetting the topic is said clearly, and what he chose is kept.
    main.get_by_role("radio", name="Café").check()
    main.get_by_role("button", name="Gem mødet").click()
    expect(main.get_by_role("alert")).to_contain_text("Vælg, hvad I mest talte om.")
    expect(main.get_by_role("radio", name="Café")).to_be_checked()
    axe_check(page)

    main.get_by_role("radio", name="Uddannelse").check()
    main.get_by_role("button", name="Gem mødet").click()
    expect(h1(page)).to_have_text("Mine forløb")
    expect(page.get_by_role("status").filter(has_text="Tak! Mødet med Amina er skrevet ind.")).to_be_visible()
    today = timezone.localdate()
    expect(main).to_contain_text(f"Seneste møde: {today:%d.%m.%Y}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    axe_check(page)

    meeting = Meeting.objects.get()
    assert (meeting.mentorship_id, meeting.form, meeting.topic, meeting.logged_by) == (
        mentorship.pk,
        "cafe",
        "education",
        bob,
    )

    # The next time, café is already chosen.
    main.get_by_role("link", name="Log et møde – Amina").click()
    expect(main.get_by_role("radio", name="Café")).to_be_checked()


def test_a_coordinator_closes_a_mentorship_with_a_reason(page: Page, alice: User, world: Any) -> None:
    mentorship = make_mentorship(world.kbh_programme, mentee_name="Amina", days_ago=200)
    add_meetings(mentorship, 1, days_ago=3, form="video")

    login(page, alice)
    page.goto("/forloeb/")
    main = page.get_by_role("main")
    expect(h1(page)).to_have_text("Mentorforløb")
    axe_check(page)

    main.get_by_role("link", name="Amina Hansen").click()
    expect(h1(page)).to_have_text("Amina Hansen med Karen Hansen")
    expect(main.get_by_role("table", name="Møder")).to_contain_text("Video")
    axe_check(page)

    main.get_by_role("link", name="Afslut forløbet").click()
    expect(h1(page)).to_have_text("Afslut forløbet")
    axe_check(page)
    main.get_by_role("button", name="Afslut forløbet").click()
    expect(main.get_by_role("alert")).to_contain_text("Vælg, hvorfor forløbet slutter.")
    axe_check(page)
    main.get_by_role("radio", name="Gennemført").check()
    main.get_by_label("Note").fill("Amina er startet på HF")
    main.get_by_role("button", name="Afslut forløbet").click()

    expect(h1(page)).to_have_text("Amina Hansen med Karen Hansen")
    expect(page.get_by_role("status").filter(has_text="Forløbet er afsluttet.")).to_be_visible()
    expect(main).to_contain_text("Gennemført (Amina er startet på HF)")
    axe_check(page)

    mentorship.refresh_from_db()
    assert (mentorship.status, mentorship.close_reason) == (MentorshipStatus.CLOSED, "completed")
    assert mentorship.mentee.status == Status.CLOSED
    assert Mentorship.objects.get().closed_on == timezone.localdate()
