"""What a report holds: templates, funder groups, charts, suppressed breakdowns, no data, and the Excel sheets."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from openpyxl import load_workbook

from mentornet.followups.tests.test_views import pdf_text
from mentornet.mentorships.tests.conftest import make_mentorship
from mentornet.organisations.models import Target
from mentornet.results.models import Report, ReportTemplate
from mentornet.results.services import report_render, report_request
from mentornet.results.suppression import SUPPRESSED_MARK

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)


def started(programme: Any, day: datetime.date, **person: Any) -> None:
    make_mentorship(programme, days_ago=(NOW.date() - day).days, **person)


def make_template(world: Any, **fields: Any) -> ReportTemplate:
    return ReportTemplate.objects.create(
        organisation=world.kvinfo, name=fields.pop("name", "Årsrapport"), addressees="Integrationsministeriet", **fields
    )


def make_report(world: Any, alice: Any, template: ReportTemplate | None = None, **data: Any) -> Report:
    fields = {
        "title": "Årsrapport 2025",
        "period_start": datetime.date(2025, 1, 1),
        "period_end": datetime.date(2025, 12, 31),
        "text": "Resumé\n=SUM(A1) Året i korte træk",
        "template": template,
    } | data
    report = report_request(actor=alice, programme=world.kbh_programme, data=fields)
    return report_render(report)


def goal(programme: Any, metric: str, value: int, funder: str = "", **fields: Any) -> Target:
    return Target.objects.create(
        programme=programme,
        metric=metric,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        value=Decimal(value),
        funder=funder,
        **fields,
    )


@time_machine.travel(NOW, tick=False)
def test_a_report_holds_suppressed_breakdowns_charts_and_the_sections_in_excel(world: Any, alice: Any) -> None:
    programme = world.kbh_programme
    for i in range(6):
        started(programme, datetime.date(2025, 3, 1 + i), mentee_name=f"N{i}", area="Nørrebro", gender="female")
    started(programme, datetime.date(2025, 5, 1), mentee_name="Valdemar", area="=Valby", gender="male")
    goal(programme, "mentorships_started", 10)

    report = make_report(world, alice)

    sections = report.sections
    assert sections["show"] == {"targets": True, "monthly": True, "age": True, "area": True}
    area = next(s for s in sections["breakdowns"] if s["key"] == "area")
    assert area["columns"][0] == "Område" and not area["empty"]
    rows = {row[0]: row[1:] for row in area["rows"]}
    # One man in Valby: hidden, and so is enough around him that he cannot be worked out.
    assert SUPPRESSED_MARK in rows["=Valby"]
    assert "1" not in [cell for row in area["rows"] for cell in row[1:]] + area["footer"][1:]
    monthly = sections["monthly"]
    assert monthly["categories"][:3] == ["jan.", "feb.", "mar."] and len(monthly["categories"]) == 12
    assert [0, 4] in monthly["suppressed"]  # May: 1 person, hidden (series 0, month 4)
    assert sections["targets_chart"]["series"][1][1] == [7.0]
    assert {"age", "area"} == {s["key"] for s in sections["breakdowns"]}  # never ethnic background

    text = pdf_text(bytes(report.pdf))
    assert "Påbegyndte forløb fordelt på køn og område" in text and "Påbegyndte forløb per måned" in text

    workbook = load_workbook(io.BytesIO(bytes(report.xlsx)))
    assert workbook.sheetnames == ["Rapport", "Mål og resultater", "Per måned", "Alder", "Område"]
    first = dict(workbook["Rapport"].iter_rows(min_row=2, values_only=True))
    assert first["Tekst"] == "Resumé\n=SUM(A1) Året i korte træk"  # text starting with a newline is not a formula
    area_rows = list(workbook["Område"].iter_rows(values_only=True))
    assert "'=Valby" in [row[0] for row in area_rows]  # formula injection escaped
    assert area_rows[-1][0] == "I alt"
    month_rows = list(workbook["Per måned"].iter_rows(values_only=True))
    assert month_rows[5][1] == "skjult"


@time_machine.travel(NOW, tick=False)
def test_a_template_groups_the_targets_by_funder_and_leaves_out_sections(world: Any, alice: Any) -> None:
    programme = world.kbh_programme
    goal(programme, "network_events", 5, funder="Københavns Kommune")
    goal(programme, "mentor_courses", 2, funder="Integrationsministeriet")
    goal(programme, "mentee_courses", 2)
    goal(programme, "contact_persons_recruited", 20, funder="Københavns Kommune")
    template = make_template(world, group_by_funder=True, show_monthly=False, show_age=False)

    report = make_report(world, alice, template)

    assert report.template == template
    assert [(f["funder"], f["metric"]) for f in report.figures] == [
        ("Integrationsministeriet", "mentor_courses"),
        ("Københavns Kommune", "contact_persons_recruited"),
        ("Københavns Kommune", "network_events"),
        ("", "mentee_courses"),
    ]
    assert report.sections["addressees"] == "Integrationsministeriet"
    assert [s["key"] for s in report.sections["breakdowns"]] == ["area"]
    assert report.sections["monthly"] is None
    text = pdf_text(bytes(report.pdf))
    assert "Bevillingsgiver: Københavns Kommune" in text and "Uden bevillingsgiver" in text
    assert "Til: Integrationsministeriet" in text
    assert "per måned" not in text and "køn og alder" not in text
    sheets = load_workbook(io.BytesIO(bytes(report.xlsx))).sheetnames
    assert sheets == ["Rapport", "Mål og resultater", "Område"]


@time_machine.travel(NOW, tick=False)
def test_a_period_without_records_says_no_data_in_every_section_rather_than_zeros(world: Any, alice: Any) -> None:
    goal(world.kbh_programme, "mentorships_started", 10)
    report = make_report(world, alice, period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2024, 12, 31))

    assert report.state == Report.State.DONE
    assert report.sections["monthly"] is None and report.sections["targets_chart"] is None
    assert all(section["empty"] for section in report.sections["breakdowns"])
    text = pdf_text(bytes(report.pdf))
    assert text.count("Ingen data") == 4  # targets, months, two breakdowns
    workbook = load_workbook(io.BytesIO(bytes(report.xlsx)))
    for name in ("Mål og resultater", "Per måned", "Alder", "Område"):
        assert workbook[name].cell(row=2, column=1).value == "Ingen data", name


@time_machine.travel(NOW, tick=False)
def test_a_fixed_or_yearly_template_period(world: Any) -> None:
    fixed = make_template(
        world,
        name="1. afrapportering",
        period_kind="fixed",
        period_start=datetime.date(2014, 8, 1),
        period_end=datetime.date(2015, 5, 31),
    )
    yearly = make_template(world, name="Årsrapport", period_kind="last_year")
    assert fixed.period(NOW.date()) == (datetime.date(2014, 8, 1), datetime.date(2015, 5, 31))
    assert yearly.period(NOW.date()) == (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))


@time_machine.travel(NOW, tick=False)
def test_courses_held_are_shown_however_few_while_a_few_people_are_hidden(world: Any, alice: Any) -> None:
    """Two courses held reveal no one: the funder sees "2"; two mentorships started are two people: hidden."""
    from mentornet.activities.models import ActivityKind, Audience
    from mentornet.activities.tests.conftest import make_activity

    programme = world.kbh_programme
    for days in (-300, -200):
        make_activity(world.kbh, kind=ActivityKind.INTRO_COURSE, audience=Audience.MENTORS, days=(days,))
    started(programme, datetime.date(2025, 5, 1))
    started(programme, datetime.date(2025, 6, 1))
    goal(programme, "mentor_courses", 2)
    goal(programme, "mentorships_started", 20)

    report = make_report(world, alice)

    shown = {f["metric"]: (f["actual"], f["hidden"]) for f in report.figures}
    assert shown["mentor_courses"] == ("2", False)
    assert shown["mentorships_started"] == (SUPPRESSED_MARK, True)


@time_machine.travel(NOW, tick=False)
def test_an_organisation_that_raised_its_threshold_gets_more_hidden(world: Any, alice: Any) -> None:
    """Seven mentorships are shown with the standard threshold of 5, hidden when the organisation asks for 10."""
    programme = world.kbh_programme
    for i in range(7):
        started(programme, datetime.date(2025, 5, 1 + i))
    goal(programme, "mentorships_started", 20)
    assert make_report(world, alice).figures[0]["actual"] == "7"

    world.kvinfo.suppression_threshold = 10
    world.kvinfo.save()
    programme.branch.organisation = world.kvinfo
    report = make_report(world, alice)

    assert (report.figures[0]["actual"], report.sections["threshold"]) == (SUPPRESSED_MARK, 10)
    assert "færre end 10 personer" in pdf_text(bytes(report.pdf))
