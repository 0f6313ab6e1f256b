"""Breakdowns: a metric by month and its people by a dimension × gender, suppressed when meant to be published."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentornet.core.models import AuditEntry
from mentornet.mentorships.tests.conftest import make_mentorship
from mentornet.people.models import SensitiveData
from mentornet.results.suppression import SUPPRESSED_MARK

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 12, 15, 12, tzinfo=datetime.UTC)


def started_on(programme: Any, day: datetime.date, **fields: Any) -> Any:
    return make_mentorship(programme, days_ago=(timezone.localdate() - day).days, **fields)


def page(client: Client, programme: Any, **params: Any) -> str:
    query: dict[str, Any] = {"metric": "mentorships_started", "year": 2026, "dimension": "area"} | params
    return client.get(reverse("results:breakdown", args=[programme.pk]), query).content.decode()


@pytest.fixture
def started(world: Any) -> None:
    for i in range(6):
        started_on(world.kbh_programme, datetime.date(2026, 3, 1 + i), mentee_name=f"N{i}", area="Nørrebro")
    for i in range(2):
        started_on(world.kbh_programme, datetime.date(2026, 9, 1 + i), mentee_name=f"V{i}", area="Valby")


@time_machine.travel(NOW, tick=False)
def test_the_months_and_the_groups_of_a_year(client: Client, world: Any, alice: Any, started: None) -> None:
    client.force_login(alice)
    body = page(client, world.kbh_programme)
    assert "8 personer i året" in body
    assert (
        '<th scope="row">mar.</th><td>6</td>' in body and '<th scope="row">sep.</th><td>2</td>' in body
    )  # the monthly data table beside the chart
    assert '<th scope="row">Valby</th>' in body
    assert "<abbr" not in body  # inside the organisation, every figure is shown
    assert body.count("<svg") >= 2 and 'role="img"' in body


@time_machine.travel(NOW, tick=False)
def test_published_figures_hide_groups_of_fewer_than_five_and_what_would_reveal_them(
    client: Client, world: Any, alice: Any, started: None
) -> None:
    client.force_login(alice)
    body = page(client, world.kbh_programme, publish="on")
    valby = body.split('<th scope="row">Valby</th>')[1].split("</tr>")[0]
    assert f">{SUPPRESSED_MARK}</abbr>" in valby and ">2<" not in valby
    # With Valby hidden, Nørrebro's 6 would reveal it from the total of 8: one more figure is hidden.
    assert body.count(f">{SUPPRESSED_MARK}</abbr>") >= 2


@time_machine.travel(NOW, tick=False)
def test_ethnic_background_is_for_the_branchs_coordinators_always_hidden_and_logged(
    client: Client, world: Any, alice: Any, olivia: Any, started: None
) -> None:
    mentee_ids = sorted(world.kbh_programme.mentorships.values_list("mentee_id", flat=True))
    for i, person_id in enumerate(mentee_ids):
        SensitiveData.objects.create(person_id=person_id, ethnic_background="danish" if i < 2 else "minority")
    client.force_login(olivia)
    refused = page(client, world.kbh_programme, dimension="ethnicity")
    assert "Etnisk baggrund" not in refused.split("<select")[2]  # not among her choices
    assert "personer i året" not in refused

    client.force_login(alice)
    body = page(client, world.kbh_programme, dimension="ethnicity")
    assert "8 personer i året" in body
    # Always suppressed: the 2 with Danish background, and what would reveal them from the total.
    assert "er skjult" in body
    assert body.count(f">{SUPPRESSED_MARK}</abbr>") >= 2
    assert AuditEntry.objects.filter(action="results.breakdown_sensitive").count() == 1
