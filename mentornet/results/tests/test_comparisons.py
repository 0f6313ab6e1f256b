"""Comparisons: this year against last year, branch against branch (suppressed for those who may not see every
branch's people), and two stored reports side by side; and the analysts' suppressed view of a programme."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentornet.accounts.models import Role, User
from mentornet.core.testing import make_programme, make_user
from mentornet.mentorships.tests.conftest import make_mentorship
from mentornet.organisations.models import Target
from mentornet.results.comparisons import _protect_shares, pair_figures, year_periods
from mentornet.results.computations import MetricValue
from mentornet.results.figures import figure
from mentornet.results.models import Report

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 7, 1)
FROZEN = time_machine.travel(datetime.datetime(2026, 7, 1, 12, tzinfo=datetime.UTC), tick=False)


def started(programme: Any, *days: datetime.date) -> None:
    for i, day in enumerate(days):
        days_ago = (timezone.localdate() - day).days
        make_mentorship(programme, days_ago=days_ago, mentee_name=f"M{programme.pk}x{i}")


def cells(body: str, label: str) -> list[str]:
    """The cells of the table row headed ``label``, as text."""
    row = re.search(rf"<th scope=\"row\">{re.escape(label)}</th>(.*?)</tr>", body, re.S)
    assert row, f"no row {label!r}"
    found = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    return [" ".join(re.sub(r"<span class=\"sr-only\">.*?</span>|<[^>]+>", " ", c).split()) for c in found]


def this_years_target(programme: Any) -> Target:
    """4 mentorships started in 2026."""
    return Target.objects.create(
        programme=programme,
        metric="mentorships_started",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        value=Decimal(4),
    )


@pytest.fixture
def analyst(world: Any) -> User:
    """A municipal analyst in KVINFO's own organisation (nadia's role, where the programme is)."""
    return make_user(role=Role.ANALYST, organisation=world.kvinfo, email="anna@example.org")


# Periods -----------------------------------------------------------------------------------------------------------


def test_this_year_so_far_is_set_against_the_same_days_last_year() -> None:
    before, after = year_periods("this_year", datetime.date(2024, 2, 29))
    assert (before.start, before.end) == (datetime.date(2023, 1, 1), datetime.date(2023, 2, 28))
    assert (after.start, after.end) == (datetime.date(2024, 1, 1), datetime.date(2024, 2, 29))
    before, after = year_periods("last_year", TODAY)
    assert (before.start, before.end, after.start, after.end) == (
        datetime.date(2024, 1, 1),
        datetime.date(2024, 12, 31),
        datetime.date(2025, 1, 1),
        datetime.date(2025, 12, 31),
    )


# The programme's dashboard for analysts ------------------------------------------------------------------------------


@FROZEN
def test_an_analyst_sees_the_dashboard_with_small_figures_hidden_and_no_people(
    client: Client, world: Any, analyst: User
) -> None:
    programme = world.kbh_programme
    started(programme, datetime.date(2026, 2, 1), datetime.date(2026, 3, 1))
    goal = this_years_target(programme)
    client.force_login(analyst)

    body = client.get(reverse("results:programme_results", args=[programme.pk])).content.decode()

    assert "<abbr title=" in body and ">..</abbr>" in body
    assert "se hvem" not in body and reverse("results:target_people", args=[programme.pk, goal.pk]) not in body
    assert reverse("results:breakdown", args=[programme.pk]) not in body
    assert client.get(reverse("results:target_people", args=[programme.pk, goal.pk])).status_code == 403


def test_a_share_over_few_people_is_hidden_but_zero_is_not() -> None:
    few = MetricValue(value=Decimal(50), numerator=Decimal(2), denominator=4)
    many = MetricValue(value=Decimal(0), numerator=Decimal(0), denominator=12)
    assert figure("share", few, suppress=True).text == ".."
    assert figure("share", few, suppress=False).text == "50 %"
    assert figure("share", many, suppress=True).text == "0 %"
    assert figure("count", MetricValue(value=Decimal(0)), suppress=True).text == "0"
    assert figure("days", MetricValue(value=Decimal(30), numerator=Decimal(90), denominator=3), suppress=True).hidden


# The dashboard's cache -------------------------------------------------------------------------------------------


@FROZEN
def test_the_dashboard_says_when_its_figures_were_computed_and_recomputes_on_request(
    client: Client, world: Any, alice: User, django_assert_max_num_queries: Any
) -> None:
    programme = world.kbh_programme
    started(programme, datetime.date(2026, 2, 1))
    this_years_target(programme)
    client.force_login(alice)
    url = reverse("results:programme_results", args=[programme.pk])
    first = client.get(url).content.decode()
    assert "Tallene er beregnet kl. 14:00." in first  # 12:00 UTC is 14:00 in Copenhagen in summer
    assert "Beregn igen nu" in first
    assert ">1<span" in first

    started(programme, datetime.date(2026, 3, 1))
    with django_assert_max_num_queries(6):  # session, user, memberships, programme, targets: nothing computed
        cached = client.get(url).content.decode()
    assert ">1<span" in cached  # still the figure of 14:00, and the page says so
    assert ">2<span" in client.get(url, {"beregn": "1"}).content.decode()


@FROZEN
def test_an_edited_target_period_is_computed_afresh(client: Client, world: Any, alice: User) -> None:
    programme = world.kbh_programme
    started(programme, datetime.date(2026, 2, 1))
    goal = this_years_target(programme)
    client.force_login(alice)
    url = reverse("results:programme_results", args=[programme.pk])
    client.get(url)
    started(programme, datetime.date(2026, 3, 1))
    Target.objects.filter(pk=goal.pk).update(period_start=datetime.date(2026, 1, 2))
    assert ">2<span" in client.get(url).content.decode()


# Year against year -------------------------------------------------------------------------------------------------


@FROZEN
def test_a_coordinator_sets_this_year_against_the_same_days_last_year(client: Client, world: Any, alice: User) -> None:
    programme = world.kbh_programme
    started(programme, datetime.date(2025, 3, 1), datetime.date(2025, 9, 1), datetime.date(2026, 2, 1))
    started(programme, datetime.date(2026, 5, 1), datetime.date(2026, 6, 30))
    client.force_login(alice)

    body = client.get(reverse("results:programme_compare", args=[programme.pk])).content.decode()

    assert "01.01.2025–01.07.2025" in body and "01.01.2026–01.07.2026" in body
    assert cells(body, "Påbegyndte forløb (match)") == ["1", "3", "+2"]
    # No follow-up is due in either period: "no data", never 0 %, and no change.
    assert cells(body, "I uddannelse ved opfølgning") == ["ingen data", "ingen data", "–"]

    url = reverse("results:programme_compare", args=[programme.pk])
    body = client.get(url, {"compare": "last_year"}).content.decode()
    assert "01.01.2024–31.12.2024" in body
    assert cells(body, "Påbegyndte forløb (match)") == ["0", "2", "+2"]


@FROZEN
def test_an_analyst_sees_the_years_suppressed(client: Client, world: Any, analyst: User) -> None:
    programme = world.kbh_programme
    started(programme, *[datetime.date(2026, 2, 1)] * 6)
    started(programme, datetime.date(2025, 2, 1))
    client.force_login(analyst)

    body = client.get(reverse("results:programme_compare", args=[programme.pk])).content.decode()

    assert cells(body, "Påbegyndte forløb (match)") == ["..", "6", "–"]


def test_branch_against_branch_is_one_choice_away(client: Client, world: Any, alice: User) -> None:
    client.force_login(alice)
    response = client.get(reverse("results:programme_compare", args=[world.kbh_programme.pk]), {"compare": "branches"})
    assert response["Location"] == reverse("results:organisation_results", args=[world.kvinfo.pk])


# Branch against branch ---------------------------------------------------------------------------------------------


@pytest.fixture
@FROZEN
def branches(world: Any) -> Any:
    """This year: 3 mentorships started in København, 10 in Tingbjerg (two programmes together)."""
    second = make_programme(world.tingbjerg, name="Tingbjerg 2")
    started(world.kbh_programme, *[datetime.date(2026, 2, 1)] * 3)
    started(world.tingbjerg_programme, *[datetime.date(2026, 3, 1)] * 6)
    started(second, *[datetime.date(2026, 4, 1)] * 4)
    return world


@FROZEN
def test_an_admin_sees_every_branch_and_the_total(client: Client, branches: Any, olivia: User) -> None:
    client.force_login(olivia)
    body = client.get(reverse("results:organisation_results", args=[branches.kvinfo.pk])).content.decode()
    assert cells(body, "Påbegyndte forløb (match)") == ["3", "10", "13"]
    assert "Påbegyndte forløb (match) fordelt på afdelinger" in body  # the chart, with its data table
    assert '<th scope="row">Tingbjerg</th><td>10</td>' in body


@FROZEN
def test_a_coordinator_cannot_work_out_a_small_branch_from_the_total(
    client: Client, branches: Any, alice: User
) -> None:
    client.force_login(alice)
    body = client.get(reverse("results:organisation_results", args=[branches.kvinfo.pk])).content.decode()
    # København's 3 is hidden, so Tingbjerg's 10 is too (else 13 − 10 gives it away); the total stays.
    assert cells(body, "Påbegyndte forløb (match)") == ["..", "..", "13"]
    assert "Skjult" in body


def test_a_shares_numerator_cannot_be_worked_out_from_the_total() -> None:
    values = [
        MetricValue(value=Decimal(30), numerator=Decimal(3), denominator=10),
        MetricValue(value=Decimal(40), numerator=Decimal(8), denominator=20),
        MetricValue(value=Decimal(50), numerator=Decimal(10), denominator=20),
    ]
    total = MetricValue(value=Decimal(42), numerator=Decimal(21), denominator=50)
    shown = [figure("share", v, suppress=True) for v in values]
    assert [f.text for f in shown] == ["..", "40 %", "50 %"]
    protected, whole = _protect_shares(values, shown, figure("share", total, suppress=True))
    assert [f.text for f in protected] == ["..", "..", "50 %"]
    assert whole.text == "42 %"


@FROZEN
def test_a_period_that_ends_before_it_starts_is_explained_and_kept(client: Client, world: Any, olivia: User) -> None:
    client.force_login(olivia)
    url = reverse("results:organisation_results", args=[world.kvinfo.pk])
    body = client.get(url, {"start": "2026-05-01", "end": "2026-04-01", "metric": "mentorships_started"})
    text = body.content.decode()
    assert "Perioden skal slutte på eller efter sin start." in text
    assert 'value="2026-05-01"' in text and 'value="2026-04-01"' in text


def test_the_organisation_page_is_for_its_admins_analysts_and_coordinators(
    client: Client, world: Any, analyst: User, bob: User, charlie: User, nadia: User
) -> None:
    url = reverse("results:organisation_results", args=[world.kvinfo.pk])
    for user, status in ((analyst, 200), (charlie, 200), (bob, 403), (nadia, 404)):
        client.force_login(user)
        assert client.get(url).status_code == status, user


@FROZEN
def test_the_organisation_page_costs_the_same_queries_with_more_data(
    client: Client, world: Any, olivia: User, django_assert_max_num_queries: Any
) -> None:
    client.force_login(olivia)
    url = reverse("results:organisation_results", args=[world.kvinfo.pk])
    started(world.kbh_programme, datetime.date(2026, 2, 1))
    with django_assert_max_num_queries(200) as few:
        client.get(url, {"start": "2026-01-01", "end": "2026-07-01", "metric": "mentorships_started", "beregn": "1"})
    started(world.kbh_programme, *[datetime.date(2026, 3, 1)] * 5)
    started(world.tingbjerg_programme, *[datetime.date(2026, 3, 1)] * 5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url, {"start": "2026-01-01", "end": "2026-07-01", "metric": "mentorships_started", "beregn": "1"})


# Two reports -------------------------------------------------------------------------------------------------------


def fig(metric: str, period: str, actual: str, **extra: Any) -> dict[str, Any]:
    base = {"metric": metric, "label": metric, "gender": "", "period": period, "target": "10", "actual": actual}
    return base | {"hidden": False, "status": "Nået", "funder": ""} | extra


def test_figures_of_two_reports_are_matched_on_metric_gender_funder_and_period() -> None:
    year, before = "01.01.2026–31.12.2026", "01.01.2025–31.12.2025"
    left = [fig("mentorships_started", year, "12"), fig("meetings_held", year, "80", funder="Fonden")]
    right = [
        fig("meetings_held", before, "70", funder="Fonden"),
        fig("meetings_held", before, "5", funder="Kommunen"),
        fig("mentorships_started", before, "9"),
    ]
    pairs = pair_figures(left, right)
    assert [(p.label, p.left and p.left["actual"], p.right and p.right["actual"]) for p in pairs] == [
        ("mentorships_started", "12", "9"),
        ("meetings_held", "80", "70"),
        ("meetings_held", None, "5"),
    ]
    # With the same periods on both sides, a figure matches its own period first.
    same = pair_figures([fig("m", before, "1"), fig("m", year, "2")], [fig("m", year, "3"), fig("m", before, "4")])
    assert [(p.left and p.left["actual"], p.right and p.right["actual"]) for p in same] == [("1", "4"), ("2", "3")]


def report(programme: Any, title: str, figures: list[dict[str, Any]]) -> Report:
    return Report.objects.create(
        programme=programme,
        title=title,
        period_start="2025-01-01",
        period_end="2025-12-31",
        state=Report.State.DONE,
        figures=figures,
    )


def test_a_coordinator_compares_two_reports_side_by_side(client: Client, world: Any, alice: User) -> None:
    this = report(world.kbh_programme, "Årsrapport 2026", [fig("mentorships_started", "2026", "12")])
    last = report(world.kbh_programme, "Årsrapport 2025", [fig("mentorships_started", "2025", "9")])
    client.force_login(alice)
    url = reverse("results:report_compare", args=[this.pk])

    assert "Årsrapport 2025" in client.get(url).content.decode()  # the choice
    body = client.get(url, {"med": last.pk}).content.decode()
    assert cells(body, "mentorships_started") == ["2026", "10", "12", "Nået", "2025", "10", "9", "Nået"]


def test_a_report_of_another_branch_answers_404(client: Client, world: Any, alice: User) -> None:
    this = report(world.kbh_programme, "København", [])
    theirs = report(world.tingbjerg_programme, "Tingbjerg", [])
    client.force_login(alice)
    url = reverse("results:report_compare", args=[this.pk])
    assert client.get(url, {"med": theirs.pk}).status_code == 404
    assert client.get(url, {"med": "x"}).status_code == 404


@FROZEN
def test_courses_held_by_branch_are_shown_to_everyone(client: Client, world: Any, alice: User) -> None:
    """A count of courses reveals no one, so a coordinator sees each branch's figure even where it is small."""
    from mentornet.activities.models import ActivityKind, Audience
    from mentornet.activities.tests.conftest import make_activity

    make_activity(world.kbh, kind=ActivityKind.INTRO_COURSE, audience=Audience.MENTORS, days=(-30,))
    for days in (-60, -20):
        make_activity(world.tingbjerg, kind=ActivityKind.INTRO_COURSE, audience=Audience.MENTORS, days=(days,))
    client.force_login(alice)
    body = client.get(reverse("results:organisation_results", args=[world.kvinfo.pk])).content.decode()
    assert cells(body, "Afholdte kurser for mentorer") == ["1", "2", "3"]


def test_the_change_is_the_difference_of_the_figures_as_shown() -> None:
    from mentornet.results.comparisons import change
    from mentornet.results.figures import Figure
    from mentornet.results.metrics import METRICS

    rating = METRICS["satisfaction"]
    assert change(rating, Figure("3,9", value=Decimal("3.94")), Figure("4,0", value=Decimal("3.96"))) == "+0,1"
    share = METRICS["in_education_at_follow_up"]
    assert change(share, Figure("50 %", value=Decimal(50)), Figure("40 %", value=Decimal(40))) == "−10 procentpoint"
    assert change(share, Figure(".."), Figure("40 %", value=Decimal(40))) == "–"


@FROZEN
def test_an_analyst_sees_what_the_organisations_own_threshold_hides(client: Client, world: Any, analyst: User) -> None:
    programme = world.kbh_programme
    started(programme, *[datetime.date(2026, 2, 1)] * 7)
    this_years_target(programme)
    client.force_login(analyst)
    url = reverse("results:programme_results", args=[programme.pk])

    def so_far(body: str) -> str:
        row = re.search(r"<tr>\s*<td>Påbegyndte forløb \(match\)</td>(.*?)</tr>", body, re.S)
        assert row
        return " ".join(re.sub(r"<[^>]+>", " ", re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)[2]).split())

    assert so_far(client.get(url).content.decode()) == "7"
    world.kvinfo.suppression_threshold = 10
    world.kvinfo.save()
    body = client.get(url + "?beregn=1").content.decode()
    assert so_far(body).startswith("..")
    assert "Tal for færre end 10 personer" in body
