"""Journeys through follow-up in Chromium, in Danish, with axe-core on every page: a mentee answers the follow-up
questionnaire through the link on her phone, a coordinator records another mentee's answer by phone, and the
completion certificate and work-ability assessment are made."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, ViewportSize, expect

from mentornet.accounts.models import User
from mentornet.followups.models import ExitEvaluation, FollowUp
from mentornet.followups.notifications import send_follow_ups
from mentornet.followups.services import evaluation_url, followups_schedule
from mentornet.followups.tests.conftest import due_follow_up, make_mentorship
from mentornet.notifications.models import Message
from tests.e2e.conftest import TIMEOUT_MS, axe_check, login
from tests.e2e.test_journeys import PHONE, h1

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_VIEWPORT = ViewportSize(width=PHONE["width"], height=PHONE["height"])


def test_a_mentee_answers_the_follow_up_on_her_phone_and_a_second_try_changes_nothing(
    browser: Browser, live_server: Any, settings: Any, world: Any
) -> None:
    settings.SITE_URL = live_server.url
    follow_up, _path = due_follow_up(world.kbh_programme)
    send_follow_ups(timezone.now())
    assert Message.objects.get(code="followups.follow_up").state == Message.State.SENT
    # The link is in the e-mail only: its token is worked out when the message is sent, never stored.
    (link,) = re.findall(r"https?://\S+/opfoelgning/svar/\S+", str(mail.outbox[-1].body))
    assert link.startswith(f"{live_server.url}/opfoelgning/svar/")

    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="en-GB")
    phone = context.new_page()
    phone.set_default_timeout(TIMEOUT_MS)
    phone.goto(link)
    main = phone.get_by_role("main")
    expect(h1(phone)).to_have_text("Hej Amina. Hvad laver du nu?")
    expect(main).not_to_contain_text("Hassan")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    axe_check(phone)

    # Forgetting the answer keeps what she typed.
    main.get_by_label("Navnet på uddannelsen eller arbejdspladsen (du må gerne springe over)").fill("KEA")
    main.get_by_role("button", name="Send mit svar").click()
    expect(main.get_by_role("alert")).to_contain_text("Vælg et af svarene.")
    expect(main.get_by_label("Navnet på uddannelsen eller arbejdspladsen (du må gerne springe over)")).to_have_value(
        "KEA"
    )
    axe_check(phone)
    main.get_by_role("group", name="Hvad laver du nu?").get_by_role("radio", name="I uddannelse", exact=True).check()
    main.get_by_role("button", name="Send mit svar").click()
    expect(h1(phone)).to_have_text("Tak for dit svar")
    axe_check(phone)
    follow_up.refresh_from_db()
    assert (follow_up.state, follow_up.outcome, follow_up.place) == ("answered", "education", "KEA")

    # The link again: a friendly page, and nothing changes.
    response = phone.goto(link)
    assert response is not None and response.status == 410
    expect(h1(phone)).to_have_text("Du har allerede svaret")
    axe_check(phone)
    follow_up.refresh_from_db()
    assert follow_up.outcome == "education"

    # Her exit evaluation of a later mentorship, on the same phone.
    mentorship = make_mentorship(world.kbh_programme, closed_days_ago=1, mentee=follow_up.mentorship.mentee)
    followups_schedule()
    evaluation = ExitEvaluation.objects.get(mentorship=mentorship, side="mentee")
    phone.goto(evaluation_url(evaluation))
    expect(h1(phone)).to_have_text("Hej Amina. Hvordan gik mentorforløbet?")
    axe_check(phone)
    main.get_by_role("group", name="Alt i alt, hvor godt var mentorforløbet?").get_by_role(
        "radio", name="4 – Meget"
    ).check()
    main.get_by_role("group", name="Hjalp mentorforløbet dig mod dine mål?").get_by_role(
        "radio", name="5 – Rigtig meget"
    ).check()
    main.get_by_role("group", name="Vil du anbefale andre at få en mentor?").get_by_role("radio", name="Ja").check()
    main.get_by_role("button", name="Send mit svar").click()
    expect(h1(phone)).to_have_text("Tak for dit svar")
    axe_check(phone)
    evaluation.refresh_from_db()
    assert (evaluation.overall, evaluation.helped, evaluation.recommend) == (4, 5, True)
    context.close()


def test_a_coordinator_records_an_answer_by_phone_and_makes_the_certificate(
    page: Page, alice: User, world: Any
) -> None:
    follow_up, _path = due_follow_up(world.kbh_programme, mentee=None)
    login(page, alice)
    page.goto("/opfoelgning/")
    main = page.get_by_role("main")
    expect(h1(page)).to_have_text("Opfølgninger")
    row = main.get_by_role("row", name=re.compile("Amina Hassan"))
    expect(row).to_contain_text("Planlagt")
    axe_check(page)

    row.get_by_role("link", name="Amina Hassan").click()
    expect(h1(page)).to_have_text("Opfølgning: Amina Hassan")
    axe_check(page)
    main.get_by_role("button", name="Registrér svaret").click()
    expect(main.get_by_role("alert")).to_be_visible()
    axe_check(page)
    main.get_by_role("group", name="Hvad laver mentee nu?").get_by_role("radio", name="I job", exact=True).check()
    main.get_by_label("Navnet på uddannelsen eller arbejdspladsen").fill("Netto Valby")
    main.get_by_role("button", name="Registrér svaret").click()
    expect(page.get_by_role("status").filter(has_text="Svaret er registreret.")).to_be_visible()
    expect(main).to_contain_text("i telefonen, registreret af Alice Andersen")
    axe_check(page)
    follow_up.refresh_from_db()
    assert (follow_up.state, follow_up.place) == (FollowUp.State.PHONE, "Netto Valby")

    # The mentorship's page: the certificate is made in the background, then downloaded.
    main.get_by_role("link", name="Mentorforløbets evalueringer og dokumenter").click()
    expect(h1(page)).to_have_text("Evaluering og opfølgning: Amina Hassan")
    expect(main).to_contain_text("Netto Valby")
    axe_check(page)
    main.get_by_role("button", name=re.compile("Lav PDF’en")).click()
    download_link = main.get_by_role("link", name=re.compile("Hent PDF’en"))
    expect(download_link).to_be_visible()
    axe_check(page)
    with page.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename.startswith("forloebsbevis-")


def test_a_coordinator_writes_the_work_ability_assessment_of_a_praktik(page: Page, alice: User, world: Any) -> None:
    praktik = make_mentorship(world.kbh_programme, kind="praktik", workplace="Netto Valby", meetings=2)
    login(page, alice)
    page.goto(f"/forloeb/{praktik.pk}/arbejdsevne/")
    main = page.get_by_role("main")
    expect(h1(page)).to_have_text("Arbejdsevnevurdering: Amina Hassan")
    axe_check(page)
    main.get_by_role("combobox", name=re.compile("^Fremmøde og punktlighed")).select_option("4")
    main.get_by_label(re.compile("^Kommentar til: Fremmøde og punktlighed")).fill("Altid til tiden.")
    main.get_by_role("button", name="Gem vurderingen").click()
    expect(main.get_by_role("alert")).to_be_visible()
    expect(main.get_by_label(re.compile("^Kommentar til: Fremmøde og punktlighed"))).to_have_value("Altid til tiden.")
    axe_check(page)
    main.get_by_label("Samlet vurdering").fill("Klar til job med få hensyn.")
    main.get_by_role("radio", name="Klar til arbejde med særlige hensyn").check()
    main.get_by_role("button", name="Gem vurderingen").click()
    expect(h1(page)).to_have_text("Evaluering og opfølgning: Amina Hassan")
    axe_check(page)
    main.get_by_role("button", name=re.compile("Lav PDF’en.*Arbejdsevnevurdering")).click()
    expect(main.get_by_role("link", name=re.compile("Hent PDF’en"))).to_be_visible()
    axe_check(page)
