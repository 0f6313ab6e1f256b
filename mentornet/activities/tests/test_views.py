from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentornet.activities.models import ActivityKind, Attendance, Participation, SatisfactionAnswer, Session
from mentornet.activities.services import calendar_feed_renew, participation_enrol, rsvp_answer
from mentornet.activities.tests.conftest import at, make_activity, make_member
from mentornet.activities.tokens import feed_token, rsvp_token, survey_token
from mentornet.people.models import Status

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _many(world: Any, alice: Any, n: int) -> None:
    """``n`` courses of two sessions, each with one of five seats taken."""
    for i in range(n):
        activity = make_activity(world.kbh, actor=alice, title=f"Møde {i}", days=(3 + i % 20, 24), capacity=5)
        participation_enrol(actor=alice, activity=activity, person=make_member(world.kbh))


# --- The list, the detail page and the calendar: a constant number of queries -------------------------------------


@pytest.mark.parametrize("n", [2, 12])
def test_the_list_takes_the_same_queries_whatever_its_length(
    world: Any, alice: Any, n: int, django_assert_max_num_queries: Any
) -> None:
    _many(world, alice, n)
    client = _client(alice)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("activities:activity_list"))
    assert response.status_code == 200
    assert response.content.decode().count('href="/aktiviteter/') >= n
    assert [(a.enrolled_count, a.free_seats, a.session_count) for a in response.context["page"]] == [(1, 4, 2)] * n


def test_the_list_filters_by_kind_and_shows_past_activities(world: Any, alice: Any) -> None:
    make_activity(world.kbh, actor=alice, title="Netværksaften", kind=ActivityKind.NETWORK_EVENT)
    make_activity(world.kbh, actor=alice, title="Sparring hos Hanne", kind=ActivityKind.SUPERVISION)
    make_activity(world.kbh, actor=alice, title="Gammelt møde", days=(-10,))
    client = _client(alice)
    page = client.get(reverse("activities:activity_list"), {"kind": "network_event"}).content.decode()
    assert "Netværksaften" in page and "Sparring hos Hanne" not in page and "Gammelt møde" not in page
    page = client.get(reverse("activities:activity_list"), {"when": "past"}).content.decode()
    assert "Gammelt møde" in page and "Netværksaften" not in page


def test_another_branch_in_the_list_address_is_not_found(world: Any, alice: Any) -> None:
    response = _client(alice).get(reverse("activities:activity_list"), {"afdeling": world.tingbjerg.pk})
    assert response.status_code == 404


@pytest.mark.parametrize("n", [3, 30])
def test_the_detail_page_takes_the_same_queries_whatever_the_number_of_people(
    world: Any, alice: Any, n: int, django_assert_max_num_queries: Any
) -> None:
    course = make_activity(world.kbh, actor=alice, kind=ActivityKind.INTRO_COURSE, days=(-8, -1), capacity=n // 2)
    for _ in range(n):
        person = make_member(world.kbh, status=Status.INTERVIEW)
        participation = Participation.objects.create(
            activity=course,
            person=person,
            state="enrolled" if _ % 2 else "waiting",
            token_salt=str(person.pk),
            token_hash=f"t{person.pk}",
            survey_token_hash=f"s{person.pk}",
        )
        Attendance.objects.create(session=course.sessions.all()[0], person=participation.person)
    SatisfactionAnswer.objects.create(activity=course, rating=4)
    client = _client(alice)
    with django_assert_max_num_queries(17):
        response = client.get(reverse("activities:activity_detail", args=[course.pk]))
    assert response.status_code == 200
    assert response.context["roster"].counts["enrolled"] == n // 2


@pytest.mark.parametrize("n", [2, 20])
def test_the_branch_calendar_takes_the_same_queries_whatever_its_length(
    world: Any, alice: Any, n: int, django_assert_max_num_queries: Any
) -> None:
    _many(world, alice, n)
    client = _client(alice)
    month = timezone.localdate().strftime("%Y-%m")
    with django_assert_max_num_queries(5):
        response = client.get(reverse("activities:branch_calendar", args=[world.kbh.pk]), {"maaned": month})
    assert response.status_code == 200


def test_the_branch_calendar_shows_what_the_branch_is_invited_to(world: Any, alice: Any, charlie: Any) -> None:
    make_activity(world.kbh, actor=alice, title="Netværksaften", days=(2,), invited=(world.tingbjerg,))
    make_activity(world.kbh, actor=alice, title="Kun København", days=(2,))
    month = timezone.localdate(at(2)).strftime("%Y-%m")
    page = _client(charlie).get(reverse("activities:branch_calendar", args=[world.tingbjerg.pk]), {"maaned": month})
    text = page.content.decode()
    assert "Netværksaften" in text and "Kun København" not in text
    following = (timezone.localdate(at(2)).replace(day=1) + datetime.timedelta(days=32)).strftime("%Y-%m")
    assert f"?maaned={following}" in text
    assert _client(charlie).get(reverse("activities:branch_calendar", args=[world.kbh.pk])).status_code == 404


# --- Access -------------------------------------------------------------------------------------------------------


def test_another_branchs_activity_is_not_found_unless_the_branch_is_invited(
    world: Any, alice: Any, charlie: Any
) -> None:
    own = make_activity(world.kbh, actor=alice)
    invited = make_activity(world.kbh, actor=alice, invited=(world.tingbjerg,))
    client = _client(charlie)
    assert client.get(reverse("activities:activity_detail", args=[own.pk])).status_code == 404
    response = client.get(reverse("activities:activity_detail", args=[invited.pk]))
    assert response.status_code == 200
    assert not response.context["can_manage"] and "roster" not in response.context
    assert client.get(reverse("activities:activity_edit", args=[invited.pk])).status_code == 403
    assert client.post(reverse("activities:activity_invite", args=[invited.pk])).status_code == 403


# --- Planning -----------------------------------------------------------------------------------------------------


def test_a_coordinator_plans_a_course_of_two_evenings(world: Any, alice: Any) -> None:
    day = timezone.localdate() + datetime.timedelta(days=10)
    response = _client(alice).post(
        reverse("activities:activity_create"),
        {
            "kind": "intro_course",
            "audience": "mentors",
            "title": "Introkursus, forår",
            "place": "KVINFO, Christians Brygge 3",
            "capacity": "20",
            "satisfaction_survey": "on",
            "invited_branches": [world.tingbjerg.pk],
            "date": day.isoformat(),
            "starts": "18:00",
            "ends": "21:00",
            "count": "2",
            "every_weeks": "1",
        },
    )
    course = Participation.objects.none().model._meta.apps.get_model("activities", "Activity").objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "activities:activity_detail", args=[course.pk]
    )
    sessions = list(Session.objects.filter(activity=course))
    assert [timezone.localtime(s.starts_at).hour for s in sessions] == [18, 18]
    assert (sessions[1].starts_at - sessions[0].starts_at).days == 7


def test_a_plan_with_mistakes_keeps_what_was_typed(world: Any, alice: Any) -> None:
    response = _client(alice).post(
        reverse("activities:activity_create"),
        {
            "kind": "network_event",
            "audience": "both",
            "title": "Sommerfest for alle",
            "date": timezone.localdate().isoformat(),
            "starts": "18:00",
            "ends": "17:00",
            "count": "1",
            "every_weeks": "1",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Sommerfest for alle"' in page
    assert "alert-error" in page and 'href="#id_ends"' in page


# --- Attendance ---------------------------------------------------------------------------------------------------


def test_attendance_is_recorded_with_htmx_and_completes_the_course(world: Any, alice: Any) -> None:
    course = make_activity(world.kbh, actor=alice, kind=ActivityKind.INTRO_COURSE, days=(-8, -1))
    mentor = make_member(world.kbh, status=Status.INTERVIEW)
    with time_machine.travel(at(-9)):
        participation_enrol(actor=alice, activity=course, person=mentor)
    client = _client(alice)
    for session in course.sessions.all():
        url = reverse("activities:session_attendance", args=[course.pk, session.pk])
        response = client.post(url, {"present": [mentor.pk]}, headers={"HX-Request": "true"})
        assert response.status_code == 200
        assert "<html" not in response.content.decode() and 'id="sheet"' in response.content.decode()
    mentor.refresh_from_db()
    assert mentor.status == Status.COURSE_COMPLETED
    assert Attendance.objects.filter(person=mentor, present=True).count() == 2


def test_attendance_before_the_session_is_refused(world: Any, alice: Any) -> None:
    event = make_activity(world.kbh, actor=alice, days=(3,))
    session = event.sessions.get()
    response = _client(alice).post(reverse("activities:session_attendance", args=[event.pk, session.pk]), {})
    assert response.status_code == 400
    assert not Attendance.objects.exists()


# --- The answer link ----------------------------------------------------------------------------------------------


def _invited(world: Any, alice: Any, **kwargs: Any) -> Participation:
    activity = make_activity(world.kbh, actor=alice, **kwargs)
    person = make_member(world.kbh)
    participation = Participation(activity=activity, person=person, state="invited", token_salt=f"s{person.pk}")
    from mentornet.activities.tokens import token_hash

    participation.token_hash = token_hash(rsvp_token(participation))
    participation.survey_token_hash = token_hash(survey_token(participation))
    participation.save()
    return participation


def test_an_invited_mentor_answers_yes_through_the_link(world: Any, alice: Any) -> None:
    participation = _invited(world, alice)
    url = reverse("activities:rsvp", args=[rsvp_token(participation)])
    client = Client()
    assert client.get(url).status_code == 200
    response = client.post(url, {"answer": "yes"})
    assert response.status_code == 302
    client.post(url, {"answer": "yes"})
    participation.refresh_from_db()
    assert participation.state == Participation.State.ENROLLED
    assert Participation.objects.filter(state="enrolled").count() == 1


def test_an_answer_over_capacity_goes_on_the_waiting_list(world: Any, alice: Any) -> None:
    participation = _invited(world, alice, capacity=1)
    participation_enrol(actor=alice, activity=participation.activity, person=make_member(world.kbh))
    url = reverse("activities:rsvp", args=[rsvp_token(participation)])
    Client().post(url, {"answer": "yes"})
    participation.refresh_from_db()
    assert participation.state == Participation.State.WAITING


def test_an_answer_after_the_start_is_gone_and_changes_nothing(world: Any, alice: Any) -> None:
    participation = _invited(world, alice, days=(1,))
    rsvp_answer(participation=participation, attending=True)
    url = reverse("activities:rsvp", args=[rsvp_token(participation)])
    with time_machine.travel(at(1) + datetime.timedelta(minutes=1)):
        response = Client().post(url, {"answer": "no"})
    assert response.status_code == 410
    participation.refresh_from_db()
    assert participation.state == Participation.State.ENROLLED


def test_an_unknown_or_empty_answer_link(world: Any, alice: Any) -> None:
    assert Client().get(reverse("activities:rsvp", args=["x" * 43])).status_code == 404
    participation = _invited(world, alice)
    response = Client().post(reverse("activities:rsvp", args=[rsvp_token(participation)]), {})
    assert response.status_code == 200 and "alert-error" in response.content.decode()
    participation.refresh_from_db()
    assert participation.state == Participation.State.INVITED


# --- The questionnaire --------------------------------------------------------------------------------------------


def test_a_participant_answers_the_questionnaire_once(world: Any, alice: Any) -> None:
    participation = _invited(world, alice, days=(-2,))
    Participation.objects.filter(pk=participation.pk).update(state="enrolled")
    url = reverse("activities:satisfaction", args=[survey_token(participation)])
    client = Client()
    assert client.get(url).status_code == 200
    assert client.post(url, {"rating": "9"}).status_code == 200
    response = client.post(url, {"rating": "4", "comment": "Godt oplæg"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert client.post(url, {"rating": "1"}).status_code == 410
    assert list(SatisfactionAnswer.objects.values_list("rating", "comment")) == [(4, "Godt oplæg")]


# --- Calendar feeds -----------------------------------------------------------------------------------------------


def _unfold(text: str) -> list[str]:
    assert "\r\n" in text and not re.search(r"(?<!\r)\n", text), "lines end in CRLF"
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75, line
    return text.replace("\r\n ", "").rstrip("\r\n").split("\r\n")


def test_the_ics_feed_is_valid_icalendar(world: Any, alice: Any, bob: Any) -> None:
    mentor = make_member(world.kbh, user=bob)
    title = "Kursus om traumer; krop, sind\\ og sprog – en lang titel der skal foldes over flere linjer æøå æøå"
    activity = make_activity(world.kbh, actor=alice, title=title, place="Huset, 2. sal", description="Linje 1\nLinje 2")
    participation_enrol(actor=alice, activity=activity, person=mentor)
    make_activity(world.kbh, actor=alice, title="Ikke min")
    response = Client().get(reverse("activities:ical_feed", args=[feed_token(calendar_feed_renew(actor=bob))]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    lines = _unfold(response.content.decode())
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1
    fields = dict(line.split(":", 1) for line in lines if ":" in line)
    assert (
        fields["SUMMARY"]
        == "Kursus om traumer\\; krop\\, sind\\\\ og sprog – en lang titel der skal foldes over flere linjer æøå æøå"
    )
    assert fields["LOCATION"] == "Huset\\, 2. sal"
    assert fields["DESCRIPTION"] == "Linje 1\\nLinje 2"
    assert re.fullmatch(r"\d{8}T\d{6}Z", fields["DTSTART"]) and re.fullmatch(r"\d{8}T\d{6}Z", fields["DTEND"])
    assert fields["DTSTART"] == at(7).astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert fields["UID"].startswith("session-") and "DTSTAMP" in fields


def test_a_coordinators_feed_holds_the_branch_and_a_new_secret_ends_the_old(world: Any, alice: Any) -> None:
    make_activity(world.kbh, actor=alice, title="Mentormøde")
    make_activity(world.tingbjerg, actor=alice, title="Tingbjerg alene")
    client = _client(alice)
    client.post(reverse("activities:calendar_feed_renew"))
    old = client.get(reverse("activities:my_calendar")).context["feed_url"]
    body = Client().get(old).content.decode()
    assert "SUMMARY:Mentormøde" in body and "Tingbjerg alene" not in body
    client.post(reverse("activities:calendar_feed_renew"))
    new = client.get(reverse("activities:my_calendar")).context["feed_url"]
    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200


def test_a_mentors_calendar_page_lists_their_next_activities(world: Any, alice: Any, bob: Any) -> None:
    mentor = make_member(world.kbh, user=bob)
    activity = make_activity(world.kbh, actor=alice, title="Netværksaften")
    participation = participation_enrol(actor=alice, activity=activity, person=mentor)
    page = _client(bob).get(reverse("activities:my_calendar"))
    assert page.status_code == 200
    assert "Netværksaften" in page.content.decode()
    assert page.context["mine"] == [participation]


# --- The start page panels ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [2, 15])
def test_the_coordinators_panel_shows_free_seats_in_constant_queries(
    world: Any, alice: Any, n: int, django_assert_max_num_queries: Any
) -> None:
    _many(world, alice, n)
    from django.template.loader import render_to_string

    from mentornet.activities.selectors import activities_panel

    with django_assert_max_num_queries(2):
        rows = activities_panel(alice, {world.kbh.pk})
        html = render_to_string("activities/includes/dashboard_panel.html", {"activities_panel": rows})
    assert len(rows) == min(n, 8)
    assert all(row.free_seats == 4 for row in rows)  # type: ignore[attr-defined]
    assert "Møde" in html
    assert activities_panel(alice, set()) == []


@pytest.mark.parametrize("n", [1, 6])
def test_a_mentors_next_activities_in_constant_queries(
    world: Any, alice: Any, bob: Any, n: int, django_assert_max_num_queries: Any
) -> None:
    mentor = make_member(world.kbh, user=bob)
    for i in range(n):
        activity = make_activity(world.kbh, actor=alice, title=f"Kursus {i}", days=(2 + i, 9 + i))
        participation_enrol(actor=alice, activity=activity, person=mentor)
    make_activity(world.kbh, actor=alice, title="Ikke inviteret")
    from django.template.loader import render_to_string

    from mentornet.activities.selectors import my_activities

    with django_assert_max_num_queries(4):
        rows = my_activities(bob)
        html = render_to_string("activities/includes/my_activities.html", {"my_activities": rows})
    assert [row.activity.title for row in rows] == [f"Kursus {i}" for i in range(min(n, 5))]
    assert "Ikke inviteret" not in html
    assert my_activities(alice) == []


def test_the_enrol_list_is_searched_by_name_with_htmx(world: Any, alice: Any) -> None:
    activity = make_activity(world.kbh, actor=alice)
    make_member(world.kbh, first_name="Yasmin", last_name="Ali")
    make_member(world.kbh, first_name="Peter", last_name="Nielsen")
    url = reverse("activities:activity_detail", args=[activity.pk])
    response = _client(alice).get(url, {"q": "yas"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Yasmin Ali" in html and "Peter Nielsen" not in html


def test_enrolling_over_capacity_says_so_and_a_cancellation_moves_the_first_up(world: Any, alice: Any) -> None:
    course = make_activity(world.kbh, actor=alice, capacity=1)
    first, second = make_member(world.kbh), make_member(world.kbh)
    client = _client(alice)
    enrol = reverse("activities:activity_enrol", args=[course.pk])
    client.post(enrol, {"person": first.pk}, follow=True)
    response = client.post(enrol, {"person": second.pk}, follow=True)
    levels = [m.level_tag for m in response.context["messages"]]
    assert levels == ["warning"]
    assert response.context["roster"].counts == {
        "invited": 0,
        "enrolled": 1,
        "waiting": 1,
        "declined": 0,
        "cancelled": 0,
    }
    # Enrolling the same person again is refused and counted once.
    response = client.post(enrol, {"person": first.pk}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    taken = Participation.objects.get(person=first)
    client.post(reverse("activities:participation_cancel", args=[course.pk, taken.pk]))
    assert Participation.objects.get(person=second).state == Participation.State.ENROLLED
