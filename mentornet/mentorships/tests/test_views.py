from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentornet.core.models import AuditEntry
from mentornet.mentorships.models import Concern, Meeting, Mentorship, MentorshipStatus
from mentornet.mentorships.selectors import mentor_panel, mentorships_panel
from mentornet.mentorships.services import concern_raise, mentorship_close
from mentornet.mentorships.tests.conftest import add_meetings, make_mentorship

TODAY = timezone.localdate


def _meeting_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "date": TODAY().isoformat(),
        "duration_minutes": "60",
        "form": "cafe",
        "topic": "education",
        "note": "Kiggede på HF",
        "submission": str(uuid.uuid4()),
    }
    return data | overrides


def _count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# --- The mentor's pages ---------------------------------------------------------------------------------------------


def test_the_mentor_logs_a_meeting_from_mine_forloeb_in_one_post(
    client: Client, bob: Any, bobs_mentorship: Mentorship
) -> None:
    client.force_login(bob)
    mine = client.get(reverse("mentorships:mine"))
    url = reverse("mentorships:meeting_create", args=[bobs_mentorship.pk])
    assert url in mine.content.decode()

    page = client.get(url)
    form = page.context["form"]
    assert form.initial["date"] == TODAY() and form.initial["duration_minutes"] == 60

    response = client.post(url, _meeting_data(), follow=True)
    assert response.redirect_chain == [(reverse("mentorships:mine"), 302)]
    assert "Tak! Mødet med Amina er skrevet ind." in response.content.decode()
    meeting = Meeting.objects.get()
    assert (meeting.form, meeting.topic, meeting.logged_by) == ("cafe", "education", bob)

    # The next time, the form used last is the default.
    assert client.get(url).context["form"].initial["form"] == "cafe"


def test_a_meeting_in_the_future_is_refused_in_danish_and_nothing_typed_is_lost(
    client: Client, bob: Any, bobs_mentorship: Mentorship
) -> None:
    client.force_login(bob)
    url = reverse("mentorships:meeting_create", args=[bobs_mentorship.pk])
    future = (TODAY() + datetime.timedelta(days=3)).isoformat()
    response = client.post(url, _meeting_data(date=future, note="Vi skal mødes på fredag"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Datoen ligger i fremtiden" in html
    assert "Vi skal mødes på fredag" in html
    assert not Meeting.objects.exists()


def test_a_meeting_before_the_start_is_refused(client: Client, bob: Any, bobs_mentorship: Mentorship) -> None:
    client.force_login(bob)
    url = reverse("mentorships:meeting_create", args=[bobs_mentorship.pk])
    before = (bobs_mentorship.start_date - datetime.timedelta(days=1)).isoformat()
    response = client.post(url, _meeting_data(date=before))
    assert response.status_code == 200
    assert "før forløbet startede" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_meeting_submitted_twice_is_stored_once(client: Client, bob: Any, bobs_mentorship: Mentorship) -> None:
    client.force_login(bob)
    url = reverse("mentorships:meeting_create", args=[bobs_mentorship.pk])
    data = _meeting_data()
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert Meeting.objects.count() == 1


def test_a_mentor_cannot_reach_another_mentors_mentorship(
    client: Client, world: Any, bob: Any, bobs_mentor: Any
) -> None:
    other = make_mentorship(world.kbh_programme, mentee_name="Omar")
    Meeting.objects.create(mentorship=other, date=TODAY(), topic="job", note="Karens hemmelige note")
    client.force_login(bob)
    assert client.get(reverse("mentorships:meeting_create", args=[other.pk])).status_code == 403
    assert client.get(reverse("mentorships:my_concern", args=[other.pk])).status_code == 404
    assert client.get(reverse("mentorships:detail", args=[other.pk])).status_code == 403
    assert "Karens hemmelige note" not in client.get(reverse("mentorships:mine")).content.decode()


def test_the_mentor_raises_a_concern_the_coordinator_sees_and_resolves_it(
    client: Client, alice: Any, bob: Any, bobs_mentorship: Mentorship
) -> None:
    client.force_login(bob)
    url = reverse("mentorships:my_concern", args=[bobs_mentorship.pk])
    response = client.post(url, {"text": "Amina virker meget presset"})
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.raised_by == bob
    assert "Amina virker meget presset" not in client.get(reverse("mentorships:mine")).content.decode()

    client.force_login(alice)
    detail = client.get(reverse("mentorships:detail", args=[bobs_mentorship.pk])).content.decode()
    assert "Amina virker meget presset" in detail
    client.post(reverse("mentorships:concern_resolve", args=[bobs_mentorship.pk, concern.pk]))
    concern.refresh_from_db()
    assert concern.resolved_by == alice


# --- The coordinator's pages ----------------------------------------------------------------------------------------


def test_the_list_shows_meetings_counts_and_the_inactivity_badge(client: Client, world: Any, alice: Any) -> None:
    quiet = make_mentorship(world.kbh_programme, days_ago=90)
    busy = make_mentorship(world.kbh_programme, days_ago=90, mentee_name="Omar")
    add_meetings(busy, 3)
    client.force_login(alice)
    response = client.get(reverse("mentorships:list"))
    rows = {m.pk: m for m in response.context["page"].object_list}
    assert rows[quiet.pk].inactive and not rows[busy.pk].inactive
    assert rows[busy.pk].meeting_count == 3 and rows[busy.pk].counts
    only_quiet = client.get(reverse("mentorships:list"), {"inactive": "on"}).context["page"].object_list
    assert [m.pk for m in only_quiet] == [quiet.pk]
    closed = client.get(reverse("mentorships:list"), {"status": "closed"}).context["page"].object_list
    assert list(closed) == []
    partial = client.get(reverse("mentorships:list"), {"inactive": "on"}, headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode() and "Amina Hansen" in partial.content.decode()


def test_another_branchs_mentorship_is_404(client: Client, world: Any, charlie: Any) -> None:
    mentorship = make_mentorship(world.kbh_programme)
    client.force_login(charlie)
    for name in ("detail", "edit", "close", "meeting_create"):
        assert client.get(reverse(f"mentorships:{name}", args=[mentorship.pk])).status_code == 404
    assert mentorship.pk not in [m.pk for m in client.get(reverse("mentorships:list")).context["page"].object_list]


def test_a_coordinator_closes_with_a_reason_and_a_second_close_is_told_in_danish(
    client: Client, world: Any, alice: Any, olivia: Any
) -> None:
    mentorship = make_mentorship(world.kbh_programme)
    url = reverse("mentorships:close", args=[mentorship.pk])
    client.force_login(olivia)
    stale = client.get(url)  # olivia opens the form first…
    assert stale.status_code == 200
    client.force_login(alice)
    data = {"reason": "completed", "closed_on": TODAY().isoformat(), "note": "Fik læreplads"}
    assert client.post(url, data).status_code == 302  # …alice closes it
    client.force_login(olivia)
    response = client.post(url, {**data, "reason": "moved"})
    assert response.status_code == 200
    assert "allerede afsluttet" in response.content.decode()
    mentorship.refresh_from_db()
    assert (mentorship.status, mentorship.close_reason) == (MentorshipStatus.CLOSED, "completed")
    assert AuditEntry.objects.filter(action="mentorship.close").count() == 1


def test_the_detail_page_shows_the_praktik_fields_and_the_history(client: Client, world: Any, alice: Any) -> None:
    mentorship = make_mentorship(world.kbh_programme)
    client.force_login(alice)
    url = reverse("mentorships:edit", args=[mentorship.pk])
    data = {
        "kind": "praktik",
        "planned_end": mentorship.planned_end.isoformat(),
        "frequency": "weekly",
        "place": "Biblioteket",
        "goals": "Fastholdelse",
        "workplace": "Netto Tingbjerg",
        "working_hours": "12 timer",
        "considerations": "Korte pauser",
    }
    assert client.post(url, data).status_code == 302
    html = client.get(reverse("mentorships:detail", args=[mentorship.pk])).content.decode()
    assert "Netto Tingbjerg" in html and "Korte pauser" in html
    assert AuditEntry.objects.filter(action="mentorship.update", object_id=str(mentorship.pk)).exists()


def test_the_branch_meetings_list_shows_every_meeting_of_the_branch(client: Client, world: Any, alice: Any) -> None:
    add_meetings(make_mentorship(world.kbh_programme), 2)
    add_meetings(make_mentorship(world.tingbjerg_programme, mentee_name="Omar"), 1)
    client.force_login(alice)
    response = client.get(reverse("mentorships:meetings"))
    assert response.context["page"].paginator.count == 2


# --- Query budgets --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["list", "detail", "mine"])
def test_the_pages_cost_the_same_queries_for_3_or_30(
    client: Client, world: Any, alice: Any, bob: Any, bobs_mentor: Any, name: str
) -> None:
    def build(n: int) -> Mentorship:
        first = make_mentorship(world.kbh_programme, mentor=bobs_mentor, mentee_name="Amina")
        add_meetings(first, n)
        concern_raise(actor=bob, mentorship=first, text="Bekymret")
        for i in range(n - 1):
            add_meetings(make_mentorship(world.kbh_programme, mentor=bobs_mentor, mentee_name=f"M{i}"), 2)
        return first

    def url(mentorship: Mentorship) -> str:
        if name == "detail":
            return reverse("mentorships:detail", args=[mentorship.pk])
        return reverse("mentorships:mine" if name == "mine" else "mentorships:list")

    client.force_login(bob if name == "mine" else alice)
    few = _count_queries(client, url(build(3)))
    many = _count_queries(client, url(build(30)))
    assert few == many


def test_the_dashboard_panels_render_in_constant_queries(
    world: Any, alice: Any, bob: Any, bobs_mentor: Any, django_assert_max_num_queries: Any
) -> None:
    for i in range(5):
        make_mentorship(world.kbh_programme, mentor=bobs_mentor, days_ago=90, mentee_name=f"M{i}")
    with django_assert_max_num_queries(5):
        panel = mentorships_panel(alice, {world.kbh.pk})
    html = render_to_string("mentorships/includes/dashboard_panel.html", {"panel": panel})
    assert reverse("mentorships:detail", args=[panel.inactive[0].pk]) in html
    assert panel.inactive_count == 5
    with django_assert_max_num_queries(3):
        mine = mentor_panel(bob)
    html = render_to_string("mentorships/includes/mentor_panel.html", {"panel": mine})
    assert html.count(reverse("mentorships:meeting_create", args=[mine.mentorships[0].pk])) == 1


def test_a_closed_mentorship_cannot_get_a_meeting_from_the_mentor(
    client: Client, world: Any, alice: Any, bob: Any, bobs_mentorship: Mentorship
) -> None:
    mentorship_close(actor=alice, mentorship=bobs_mentorship, reason="completed")
    client.force_login(bob)
    assert client.get(reverse("mentorships:meeting_create", args=[bobs_mentorship.pk])).status_code == 404


def test_a_coordinator_logs_and_deletes_a_meeting_from_the_mentorships_page(
    client: Client, world: Any, alice: Any, charlie: Any
) -> None:
    mentorship = make_mentorship(world.kbh_programme)
    client.force_login(alice)
    url = reverse("mentorships:meeting_create", args=[mentorship.pk])
    response = client.post(url, _meeting_data(form="phone"))
    assert response["Location"] == reverse("mentorships:detail", args=[mentorship.pk])
    meeting = Meeting.objects.get()
    assert meeting.logged_by == alice

    delete = reverse("mentorships:meeting_delete", args=[mentorship.pk, meeting.pk])
    client.force_login(charlie)
    assert client.post(delete).status_code == 404
    client.force_login(alice)
    assert client.post(delete).status_code == 302
    assert not Meeting.objects.exists()


def test_a_long_mentorship_shows_its_meetings_a_page_at_a_time_newest_first(
    client: Client, world: Any, alice: Any
) -> None:
    mentorship = make_mentorship(world.kbh_programme, days_ago=400)
    add_meetings(mentorship, 30)  # Note 0 is the newest
    client.force_login(alice)
    url = reverse("mentorships:detail", args=[mentorship.pk])

    first = client.get(url).content.decode()
    assert "30 møder" in first
    assert "Note 0<" in first and "Note 24<" in first and "Note 25<" not in first
    assert "Side 1 af 2" in first

    second = client.get(url, {"side": 2}).content.decode()
    assert "Note 25<" in second and "Note 29<" in second and "Note 0<" not in second
