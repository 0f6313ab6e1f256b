"""The programme's results page: every target against what the records say, with the pace and a status."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from mentornet.mentorships.tests.conftest import make_mentorship
from mentornet.organisations.models import Target

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 7, 1)


def target(programme: Any, metric: str, start: str, end: str, value: int, **fields: Any) -> Target:
    return Target.objects.create(
        programme=programme,
        metric=metric,
        period_start=datetime.date.fromisoformat(start),
        period_end=datetime.date.fromisoformat(end),
        value=Decimal(value),
        **fields,
    )


def rows(body: str) -> dict[str, str]:
    """Each table row's text, keyed by its first cell + period."""
    found = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S):
        cells = [re.sub(r"<[^>]+>", "", cell).split() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        if cells:
            found[" ".join(cells[0]) + " " + " ".join(cells[1])] = " | ".join(" ".join(c) for c in cells[2:])
    return found


@time_machine.travel(datetime.datetime(2026, 7, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_each_target_shows_the_actual_the_pace_and_a_status(client: Client, world: Any, alice: Any) -> None:
    programme = world.kbh_programme
    make_mentorship(programme, days_ago=(TODAY - datetime.date(2026, 2, 1)).days, mentee_name="Amina")
    make_mentorship(programme, days_ago=(TODAY - datetime.date(2026, 3, 1)).days, mentee_name="Sara")
    target(programme, "mentorships_started", "2026-01-01", "2026-12-31", 4)
    target(programme, "mentorships_started", "2026-01-01", "2026-06-30", 10, note="first half")
    target(programme, "mentorships_started", "2025-01-01", "2025-12-31", 1)
    target(programme, "mentorships_started", "2027-01-01", "2027-12-31", 5)
    target(programme, "in_education_at_follow_up", "2026-01-01", "2026-12-31", 50, kind="share_at_least")
    target(programme, "active_mentors", "2026-01-01", "2026-12-31", 5, kind="average_between", value_max=Decimal(9))
    client.force_login(alice)

    body = client.get(reverse("results:programme_results", args=[programme.pk])).content.decode()
    found = rows(body)

    # 2 of 4 by 1 July, when about half the year (and so 2 of 4) should be done: on track.
    assert found["Påbegyndte forløb (match) 01.01.2026–31.12.2026"] == "4 | 2 (se hvem) | 2 | På vej"
    assert found["Påbegyndte forløb (match) 01.01.2026–30.06.2026"] == "10 | 2 (se hvem) | 10 | Ikke nået"
    assert found["Påbegyndte forløb (match) 01.01.2025–31.12.2025"] == "1 | 0 | 1 | Ikke nået"
    assert found["Påbegyndte forløb (match) 01.01.2027–31.12.2027"] == "5 | – | – | Ikke startet"
    # A share without any follow-up due is "no data", never a misleading 0 %.
    assert found["I uddannelse ved opfølgning 01.01.2026–31.12.2026"] == "50 % | ingen data | – | Ingen data endnu"
    # About 1.5 mentors a day on average so far, below the range of 5–9.
    assert found["Aktive mentorer (gennemsnit) 01.01.2026–31.12.2026"].endswith("| – | Uden for intervallet")
    assert "Hvad tallene betyder" in body


@time_machine.travel(datetime.datetime(2026, 7, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_the_people_behind_a_number_are_one_click_away(client: Client, world: Any, alice: Any) -> None:
    programme = world.kbh_programme
    make_mentorship(programme, days_ago=30, mentee_name="Amina")
    make_mentorship(programme, days_ago=400, mentee_name="Sara")  # 2025: outside the period
    goal = target(programme, "mentorships_started", "2026-01-01", "2026-12-31", 4)
    client.force_login(alice)

    body = client.get(reverse("results:target_people", args=[programme.pk, goal.pk])).content.decode()

    assert "1 person bag tallet" in body
    assert "Amina" in body and "Sara" not in body


def test_another_branchs_programme_answers_404(client: Client, world: Any, charlie: Any) -> None:
    client.force_login(charlie)
    url = reverse("results:programme_results", args=[world.kbh_programme.pk])
    assert client.get(url).status_code == 404


@time_machine.travel(datetime.datetime(2026, 7, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_the_page_costs_the_same_queries_with_more_data(
    client: Client, world: Any, alice: Any, django_assert_max_num_queries: Any
) -> None:
    programme = world.kbh_programme
    for metric in ("mentorships_started", "mentorships_counted", "active_mentors"):
        target(
            programme,
            metric,
            "2026-01-01",
            "2026-12-31",
            4,
            **({"kind": "average_between", "value_max": Decimal(9)} if metric == "active_mentors" else {}),
        )
    client.force_login(alice)
    url = reverse("results:programme_results", args=[programme.pk])
    make_mentorship(programme, days_ago=30)
    # Computed afresh both times ("Beregn igen nu"), so that the cache cannot hide the cost of the computation.
    with django_assert_max_num_queries(60) as few:
        client.get(url, {"beregn": "1"})
    for i in range(10):
        make_mentorship(programme, days_ago=20 + i, mentee_name=f"M{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url, {"beregn": "1"}).status_code == 200
    # From the cache: nothing is computed at all.
    with django_assert_max_num_queries(len(few.captured_queries) - 3):
        assert client.get(url).status_code == 200
