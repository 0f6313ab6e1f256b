"""Breakdowns: a metric by year and by month, and its people by a dimension × gender, suppressed when meant to be
published."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from mentornet.core.models import AuditEntry
from mentornet.core.testing import make_person
from mentornet.matching.selectors import get_programme_for_matching
from mentornet.matching.tests.conftest import make_mentor
from mentornet.mentorships.models import Mentorship
from mentornet.mentorships.tests.conftest import make_mentorship
from mentornet.people.models import Consent, ConsentText, MenteeProfile, Person, Referral, SensitiveData
from mentornet.results.breakdowns import DIMENSIONS, breakdown, dimensions_for, people_table, programme_years
from mentornet.results.suppression import SUPPRESSED_MARK

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 12, 15, 12, tzinfo=datetime.UTC)
VERSIONS = itertools.count(100)


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


def table_of(programme: Any, dimension: str, metric: str = "mentorships_started") -> dict[str, int | None]:
    """Each row's total in the year 2026, unsuppressed, under English labels."""
    with translation.override("en"):
        table = people_table(
            programme=programme,
            metric=metric,
            start=datetime.date(2026, 1, 1),
            end=datetime.date(2026, 12, 31),
            dimension=dimension,
            suppressed=False,
        )
    return {row: table.row_totals[row].value for row in table.rows}


def refer(person: Person, partner: str, day: datetime.date) -> None:
    text = ConsentText.objects.create(
        organisation=person.organisation, purpose="referral", version=next(VERSIONS), text="x", text_en="x"
    )
    consent = Consent.objects.create(person=person, text=text, method="via_referrer")
    when = datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)
    Referral.objects.create(
        person=person,
        branch=person.branch,
        partner=partner,
        reason="Job",
        motivation="asked",
        consent=consent,
        created_at=when,
    )


def mentees(programme: Any) -> list[Person]:
    return [m.mentee for m in programme.mentorships.select_related("mentee").order_by("mentee__first_name")]


@time_machine.travel(NOW, tick=False)
def test_people_are_grouped_by_the_partner_behind_their_earliest_referral(world: Any, started: None) -> None:
    n0, n1, n2, *_rest = mentees(world.kbh_programme)
    refer(n0, "CPH West", datetime.date(2026, 2, 1))
    refer(n0, "Jobcenter Vallensbæk", datetime.date(2026, 1, 5))  # earlier: this one counts
    refer(n1, "jobcenter  vallensbæk ", datetime.date(2026, 3, 1))  # the same partner, typed differently
    refer(n2, "CPH West", datetime.date(2026, 3, 1))
    assert table_of(world.kbh_programme, "referral") == {"CPH West": 1, "Jobcenter Vallensbæk": 2, "No referral": 5}


@time_machine.travel(NOW, tick=False)
def test_mentors_are_grouped_by_their_type_and_mentees_by_the_type_they_need(world: Any, started: None) -> None:
    programme = world.kbh_programme
    n0, n1, n2, *_rest = mentees(programme)
    MenteeProfile.objects.filter(person__in=[n0, n1]).update(mentor_type_need="business")
    MenteeProfile.objects.filter(person=n2).update(mentor_type_need="social")
    assert table_of(programme, "mentor_type") == {
        "Business mentor (job, CV, network)": 2,
        "Social mentor (everyday life, support)": 1,
        "Not known": 5,
    }
    make_mentor(world.kbh, first_name="Sofie", mentor_type="social")
    # The fixture's mentorships each brought a mentor of the default type.
    assert table_of(programme, "mentor_type", metric="mentors_recruited") == {
        "Both": 8,
        "Social mentor (everyday life, support)": 1,
    }


@time_machine.travel(NOW, tick=False)
def test_countries_of_origin_are_one_row_however_they_are_typed(world: Any, started: None) -> None:
    spellings = ["Tyrkiet", "tyrkiet", " Tyrkiet ", "Syrien", "syrien", ""]
    for person, country in zip(mentees(world.kbh_programme), spellings, strict=False):
        SensitiveData.objects.create(person=person, country_of_origin=country)
    assert table_of(world.kbh_programme, "country") == {"Not known": 3, "Syrien": 2, "Tyrkiet": 3}


@time_machine.travel(NOW, tick=False)
def test_country_of_origin_is_for_the_branchs_coordinators_always_hidden_and_logged(
    client: Client, world: Any, alice: Any, olivia: Any, started: None
) -> None:
    for person, country in zip(mentees(world.kbh_programme), ["Tyrkiet"] * 6 + ["Syrien"] * 2, strict=True):
        SensitiveData.objects.create(person=person, country_of_origin=country)
    assert "country" not in dimensions_for(olivia, world.kbh_programme)
    client.force_login(olivia)
    refused = page(client, world.kbh_programme, dimension="country")
    assert "Oprindelsesland" not in refused.split("<select")[2]
    assert "kun vælges af afdelingens koordinatorer" in refused  # a form error, not a server error
    assert "Syrien" not in refused and "personer i året" not in refused
    assert not AuditEntry.objects.filter(action="results.breakdown_sensitive").exists()

    client.force_login(alice)
    body = page(client, world.kbh_programme, dimension="country")
    syrien = body.split('<th scope="row">Syrien</th>')[1].split("</tr>")[0]
    assert f">{SUPPRESSED_MARK}</abbr>" in syrien and ">2<" not in syrien
    entry = AuditEntry.objects.get(action="results.breakdown_sensitive")
    assert entry.changes["dimension"] == "country"


@time_machine.travel(NOW, tick=False)
def test_published_months_hide_counts_of_one_to_four_and_do_not_draw_them(
    client: Client, world: Any, alice: Any, started: None
) -> None:
    client.force_login(alice)
    shown = page(client, world.kbh_programme)
    assert '<th scope="row">sep.</th><td>2</td>' in shown
    body = page(client, world.kbh_programme, publish="on")
    assert '<th scope="row">sep.</th><td>skjult</td>' in body
    # The year's 8 would reveal September from March's 6: March is hidden too.
    assert '<th scope="row">mar.</th><td>skjult</td>' in body
    assert "sep.: 2" not in body and "mar.: 6" not in body  # no marker drawn for them


@pytest.fixture
def crossing(world: Any) -> Mentorship:
    """A mentorship started just before New Year 2026 and completed in January."""
    mentorship: Mentorship = started_on(world.kbh_programme, datetime.date(2025, 12, 28), mentee_name="Nytår")
    Mentorship.objects.filter(pk=mentorship.pk).update(closed_on=datetime.date(2026, 1, 10), close_reason="completed")
    return mentorship


@time_machine.travel(NOW, tick=False)
def test_by_year_a_mentorship_counts_in_the_year_it_started_and_this_year_is_so_far(
    world: Any, alice: Any, started: None, crossing: Mentorship
) -> None:
    def yearly(metric: str, publish: bool = False) -> tuple[tuple[str, ...], ...]:
        with translation.override("en"):
            result = breakdown(
                user=alice, programme=world.kbh_programme, metric=metric, year=2026, dimension="age", publish=publish
            )
        return result.yearly.table.rows

    assert yearly("mentorships_started") == (("2025", "1"), ("2026 (so far)", "8"))
    assert yearly("mentorships_completed") == (("2025", "0"), ("2026 (so far)", "1"))
    # Published: 2025's one is hidden, and so is 2026, which would reveal it from the total.
    assert yearly("mentorships_started", publish=True) == (("2025", "hidden"), ("2026 (so far)", "hidden"))


@time_machine.travel(NOW, tick=False)
def test_the_years_run_from_the_programmes_start_but_at_most_ten_back(world: Any) -> None:
    programme = world.kbh_programme
    today = datetime.date(2026, 12, 15)
    assert programme_years(programme, today) == [2026]  # no start date and no data yet
    started_on(programme, datetime.date(2023, 5, 1))
    assert programme_years(programme, today) == [2023, 2024, 2025, 2026]
    programme.start_date = datetime.date(2009, 8, 1)
    assert programme_years(programme, today) == list(range(2017, 2027))
    programme.start_date = datetime.date(2027, 1, 1)
    assert programme_years(programme, today) == [2026]


@time_machine.travel(NOW, tick=False)
def test_a_year_without_data_says_so_instead_of_showing_zeros(
    client: Client, world: Any, alice: Any, started: None
) -> None:
    client.force_login(alice)
    body = page(client, world.kbh_programme, year=2024)
    assert "Ingen data i året." in body
    assert "i året</h2>" not in body and "table--zebra" not in body
    assert "2026 (indtil nu)" in body  # the years with data are still shown


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("dimension", list(DIMENSIONS))
def test_a_breakdown_takes_the_same_number_of_queries_however_many_people(
    world: Any, alice: Any, dimension: str
) -> None:
    programme = world.kbh_programme

    def queries() -> int:
        user = type(alice).objects.get(pk=alice.pk)  # as in a new request: nothing cached on the user
        fetched = get_programme_for_matching(user, programme.pk)  # as the page gets it
        with CaptureQueriesContext(connection) as captured:
            breakdown(
                user=user,
                programme=fetched,
                metric="mentorships_started",
                year=2026,
                dimension=dimension,
                publish=True,
            )
        return len(captured)

    def add(n: int) -> None:
        for i in range(n):
            mentorship = started_on(programme, datetime.date(2026, 1 + i, 3), area=f"Område {i}", gender="female")
            SensitiveData.objects.create(person=mentorship.mentee, country_of_origin=f"Land {i}")
            refer(mentorship.mentee, f"Partner {i}", datetime.date(2026, 1, 1 + i))

    add(2)
    queries()  # once first, as a running process has its content types cached (the audit entry needs one)
    few = queries()
    add(8)
    assert queries() == few
    make_person(world.kbh, kind="mentor")  # noise outside the metric's people changes nothing either
    assert queries() == few
