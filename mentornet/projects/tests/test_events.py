from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentornet.accounts.models import Role, User
from mentornet.core.models import AuditEntry
from mentornet.core.testing import make_user
from mentornet.organisations.models import Organisation
from mentornet.projects.models import Project, ProjectEvent
from mentornet.projects.services import event_create, event_delete, event_update
from mentornet.projects.tests.conftest import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_may_2026() -> Iterator[None]:
    with time_machine.travel(datetime.datetime(2026, 5, 12, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def at(day: int, hour: int, month: int = 5) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, tzinfo=timezone.get_current_timezone())


def make_event(project: Project, title: str = "Åbent hus", **overrides: Any) -> ProjectEvent:
    data = {"title": title, "starts_at": at(20, 17), "ends_at": at(20, 19), "place": "Tingbjerg Bibliotek"}
    return event_create(actor=project.holder, project=project, data=data | overrides)


def test_events_are_audited_from_creation_to_deletion(copenhagen: Organisation, holder: User) -> None:
    project = make_project(copenhagen, holder)
    event = make_event(project)
    event_update(actor=holder, event=event, data={"title": "Åbent hus og fællesspisning"})
    event_delete(actor=holder, event=event)
    assert not ProjectEvent.objects.exists()
    entries = AuditEntry.objects.filter(action__startswith="project_event.").order_by("pk")
    assert [e.action for e in entries] == ["project_event.create", "project_event.update", "project_event.delete"]
    assert entries[1].changes["title"] == ["Åbent hus", "Åbent hus og fællesspisning"]
    assert all(e.organisation == copenhagen and e.actor == holder for e in entries)


def test_an_event_ending_before_it_starts_is_refused(copenhagen: Organisation, holder: User) -> None:
    project = make_project(copenhagen, holder)
    with pytest.raises(ValidationError) as refused:
        make_event(project, ends_at=at(20, 16))
    assert "ends_at" in refused.value.error_dict
    assert not ProjectEvent.objects.exists() and not AuditEntry.objects.filter(action="project_event.create").exists()


def _form(**overrides: str) -> dict[str, str]:
    return {"title": "Informationsmøde", "starts_at": "2026-06-03T17:00", "ends_at": "2026-06-03T19:00"} | overrides


def test_a_holder_posts_an_event_and_a_wrong_end_keeps_what_was_typed(
    client: Client, copenhagen: Organisation, holder: User
) -> None:
    project = make_project(copenhagen, holder)
    client.force_login(holder)
    url = reverse("projects:event_create", args=[project.pk])
    refused = client.post(url, _form(ends_at="2026-06-03T16:00", place="Husum Medborgerhus"))
    assert refused.status_code == 200 and not ProjectEvent.objects.exists()
    assert "Arrangementet skal slutte" in refused.text or "must end on or after" in refused.text
    assert 'value="Husum Medborgerhus"' in refused.text and 'value="2026-06-03T16:00"' in refused.text
    assert client.post(url, _form(url="www.example.dk/moede")).status_code == 302
    event = ProjectEvent.objects.get()
    assert event.project == project and event.url == "https://www.example.dk/moede"
    assert timezone.localtime(event.starts_at).hour == 17
    assert "Informationsmøde" in client.get(reverse("projects:event_list", args=[project.pk])).text
    edit = reverse("projects:event_edit", args=[project.pk, event.pk])
    assert client.post(edit, _form(title="Infomøde")).status_code == 302
    assert client.post(reverse("projects:event_delete", args=[project.pk, event.pk])).status_code == 302
    assert not ProjectEvent.objects.exists()


def test_another_holders_event_answers_404(
    client: Client, copenhagen: Organisation, aarhus: Organisation, holder: User
) -> None:
    colleague = make_user(role=Role.PROJECT_HOLDER, organisation=copenhagen)
    theirs = make_event(make_project(copenhagen, colleague, title="Kollegas projekt"))
    elsewhere = make_event(make_project(aarhus, make_user(role=Role.PROJECT_HOLDER, organisation=aarhus)))
    mine = make_project(copenhagen, holder)
    client.force_login(holder)
    for event in (theirs, elsewhere):
        project_id = event.project_id
        assert client.get(reverse("projects:event_list", args=[project_id])).status_code == 404
        assert client.get(reverse("projects:event_create", args=[project_id])).status_code == 404
        assert client.get(reverse("projects:event_edit", args=[project_id, event.pk])).status_code == 404
        assert client.post(reverse("projects:event_delete", args=[project_id, event.pk])).status_code == 404
        # Nor through one's own project's address.
        assert client.get(reverse("projects:event_edit", args=[mine.pk, event.pk])).status_code == 404
    assert ProjectEvent.objects.count() == 2


def test_the_public_calendar_shows_published_projects_only(client: Client, copenhagen: Organisation) -> None:
    public = make_project(copenhagen, published=True, title="Lektiecafé")
    make_event(public, title="Lektiecafé åbner")
    make_event(make_project(copenhagen, title="Hemmeligt udkast"), title="Hemmeligt møde")
    make_event(public, title="Sidste års fest", starts_at=at(10, 17, month=3), ends_at=at(10, 20, month=3))
    response = client.get(reverse("projects:event_calendar"))
    assert "Lektiecafé åbner" in response.text
    assert reverse("projects:project_detail", args=[public.pk]) in response.text
    assert "Hemmeligt møde" not in response.text and "Hemmeligt udkast" not in response.text
    assert "Sidste års fest" not in response.text  # over: not upcoming
    march = client.get(reverse("projects:event_calendar"), {"maaned": "2026-03"})
    assert "Sidste års fest" in march.text and "Lektiecafé åbner" not in march.text
    assert "maaned=2026-02" in march.text and "maaned=2026-04" in march.text
    assert "Lektiecafé åbner" in client.get(reverse("projects:event_calendar"), {"maaned": "nonsense"}).text


def test_the_project_page_shows_its_upcoming_events(client: Client, copenhagen: Organisation) -> None:
    project = make_project(copenhagen, published=True)
    make_event(project, title="Åbent hus")
    make_event(project, title="Forårsfest", starts_at=at(1, 17), ends_at=at(1, 20))
    page = client.get(reverse("projects:project_detail", args=[project.pk])).text
    assert "Åbent hus" in page and "Forårsfest" not in page


@pytest.mark.parametrize("events", [1, 12])
def test_the_calendar_takes_the_same_queries_whatever_the_number_of_events(
    client: Client, copenhagen: Organisation, events: int, django_assert_num_queries: Any
) -> None:
    for number in range(events):
        make_event(make_project(copenhagen, published=True, title=f"Projekt {number}"), title=f"Møde {number}")
    with django_assert_num_queries(1):
        response = client.get(reverse("projects:event_calendar"))
    assert f"Møde {events - 1}" in response.text
