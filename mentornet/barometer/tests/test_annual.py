from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from mentornet.accounts.models import Role, User
from mentornet.barometer.annual import build_content, status_report_request
from mentornet.barometer.models import Measurement, StatusReport
from mentornet.barometer.services import MeasurementInput, measurement_create
from mentornet.barometer.tests.conftest import indicator
from mentornet.core.models import AuditEntry
from mentornet.core.testing import make_organisation, make_user
from mentornet.projects.tests.conftest import line, make_project

pytestmark = pytest.mark.django_db

TEXTS = {
    "beskaeftigelse": {
        "status": "Halvdelen er uden for arbejdsmarkedet.",
        "initiatives": "",
        "proposals": "Jobkonsulenter.",
    }
}


def _area(content: dict[str, Any], area: str) -> dict[str, Any]:
    return next(item for item in content["areas"] if item["area"] == area)


def _request(
    capture: Any, user: User, municipality: Any, year: int = 2007, texts: dict[str, Any] | None = None
) -> StatusReport:
    with translation.override("da"), capture(execute=True):
        report = status_report_request(
            actor=user,
            municipality=municipality,
            data={"year": year, "title": f"Statusrapport {year}", "texts": texts or {}},
        )
    report.refresh_from_db()
    return report


def test_the_content_follows_the_six_areas_with_each_indicator_and_its_unit(kk: Any) -> None:
    with translation.override("da"):
        content = build_content(kk, 2007)
    assert [area["area"] for area in content["areas"]] == [
        "beskaeftigelse",
        "uddannelse",
        "bolig",
        "tryghed",
        "kultur-og-fritid",
        "sundhed-og-omsorg",
    ]
    employment = _area(content, "beskaeftigelse")
    assert employment["has_data"]
    first = employment["indicators"][0]
    assert (first["number"], first["baseline"]) == (1, "54,40 %")
    assert first["latest"] == ""  # the startmåling is the baseline: nothing measured since
    assert first["status"] == "no_data"
    culture = _area(content, "kultur-og-fritid")
    points = [row["baseline"] for row in culture["indicators"] if "procentpoint" in row["baseline"]]
    assert points and not any(value.endswith("%") for value in points)


def test_the_latest_measurement_is_the_last_one_of_the_year_or_before(kk: Any) -> None:
    employment = indicator(kk, "beskaeftigelse", 1)
    for day, value in ((datetime.date(2008, 4, 30), "58.2"), (datetime.date(2009, 4, 30), "50")):
        measurement_create(
            actor=None, data=MeasurementInput(employment, day, Decimal(value), period_label=str(day.year))
        )
    with translation.override("da"):
        row = _area(build_content(kk, 2008), "beskaeftigelse")["indicators"][0]
    assert (row["latest"], row["latest_label"], row["status"]) == ("58,20 %", "2008", "on_track")


def test_a_project_in_two_areas_is_listed_in_each_and_the_total_counts_registrations(kk: Any) -> None:
    budget = [line(2010, "expense", "Løn", "300000"), line(2010, "income", "KK", "120000", municipal=True)]
    budget.append(line(2010, "income", "INM", "180000"))
    make_project(kk, areas=("employment", "education"), published=True, budget=budget, title="Jobbro")
    make_project(kk, areas=("employment",), published=False, title="Kladde")
    make_project(make_organisation(name="Aarhus"), areas=("employment",), published=True, title="Andet sted")
    with translation.override("da"):
        content = build_content(kk, 2010)
    for area in ("beskaeftigelse", "uddannelse"):
        listed = _area(content, area)
        assert [p["title"] for p in listed["projects"]] == ["Jobbro"]
        assert listed["cofinancing"] == "120.000 kr."
    assert _area(content, "bolig")["projects"] == []
    assert (content["registrations"], content["projects"]) == (2, 1)
    assert (content["cofinancing_registrations"], content["cofinancing"]) == ("240.000 kr.", "120.000 kr.")


def test_a_year_without_data_says_so_and_never_shows_a_zero(
    kk: Any, nadia: User, django_capture_on_commit_callbacks: Any
) -> None:
    report = _request(django_capture_on_commit_callbacks, nadia, kk, year=2001)
    assert report.state == StatusReport.State.DONE
    assert not any(area["has_data"] for area in report.content["areas"])
    assert report.content["cofinancing"] == ""
    word = bytes(report.word).decode()
    assert word.count("Ingen data") >= 6 or word.count("No data") >= 6
    assert "0 kr." not in word


def test_the_word_file_is_standalone_html_with_inline_styles_and_the_texts(
    kk: Any, nadia: User, django_capture_on_commit_callbacks: Any
) -> None:
    report = _request(django_capture_on_commit_callbacks, nadia, kk, texts=TEXTS)
    assert bytes(report.pdf).startswith(b"%PDF")
    word = bytes(report.word).decode()
    assert word.startswith("<!doctype html>") and "urn:schemas-microsoft-com:office:word" in word
    assert "<link" not in word and "<script" not in word and " src=" not in word and "<style" not in word
    assert 'style="border-collapse: collapse;' in word
    assert "Halvdelen er uden for arbejdsmarkedet." in word and "Jobkonsulenter." in word
    assert word.index("Beskæftigelse") < word.index("Uddannelse") < word.index("Sundhed og omsorg")


def test_building_the_content_takes_the_same_queries_whatever_the_data(kk: Any) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            build_content(kk, 2010)
        return len(queries)

    make_project(
        kk, areas=("employment",), published=True, budget=[line(2010, "income", "KK", "60000", municipal=True)]
    )
    small = count()
    employment = indicator(kk, "beskaeftigelse", 1)
    for year in range(2008, 2011):
        measurement_create(actor=None, data=MeasurementInput(employment, datetime.date(year, 4, 30), Decimal("55")))
    for number in range(5):
        budget = [line(2010, "income", "KK", "60000", municipal=True)]
        make_project(kk, areas=("employment", "housing"), published=True, budget=budget, title=f"P{number}")
    assert Measurement.objects.count() >= 3
    assert count() == small


def test_an_analyst_makes_the_report_and_downloads_it_audited(
    client: Client, kk: Any, nadia: User, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(nadia)
    url = reverse("barometer:status_report_list", args=[kk.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"year": "2007", "title": "", "beskaeftigelse-status": "Status på beskæftigelse."})
    report = StatusReport.objects.get()
    assert response.status_code == 302 and report.title in ("Statusrapport 2007", "Status report 2007")
    assert report.texts == {
        "beskaeftigelse": {"status": "Status på beskæftigelse.", "initiatives": "", "proposals": ""}
    }
    page = client.get(reverse("barometer:status_report_detail", args=[report.pk])).content.decode()
    assert "Status på beskæftigelse." in page and "rapport.doc" in page
    word = client.get(reverse("barometer:status_report_file", args=[report.pk, "doc"]))
    assert word["Content-Type"] == "application/msword"
    assert 'filename="statusrapport-2007.doc"' in word["Content-Disposition"] or ".doc" in word["Content-Disposition"]
    pdf = client.get(reverse("barometer:status_report_file", args=[report.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    downloads = AuditEntry.objects.filter(action="barometer.status_report_download", actor=nadia)
    assert sorted(entry.changes["format"] for entry in downloads) == ["doc", "pdf"]
    assert client.get(reverse("barometer:status_report_file", args=[report.pk, "xlsx"])).status_code == 404


def test_a_year_outside_2000_to_2100_is_refused_and_the_texts_are_kept(client: Client, kk: Any, nadia: User) -> None:
    client.force_login(nadia)
    url = reverse("barometer:status_report_list", args=[kk.pk])
    response = client.post(url, {"year": "1999", "bolig-proposals": "Flere almene boliger."})
    page = response.content.decode()
    assert response.status_code == 200 and not StatusReport.objects.exists()
    assert "2000" in page and "2100" in page
    assert "Flere almene boliger." in page


def test_the_progress_partial_shows_while_the_report_waits(client: Client, kk: Any, nadia: User) -> None:
    report = StatusReport.objects.create(municipality=kk, year=2007, title="Statusrapport 2007", progress=40)
    client.force_login(nadia)
    url = reverse("barometer:status_report_detail", args=[report.pk])
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert '<progress id="report-progress" max="100" value="40">' in partial and "<html" not in partial
    assert client.get(reverse("barometer:status_report_file", args=[report.pk, "pdf"])).status_code == 404
    StatusReport.objects.filter(pk=report.pk).update(state=StatusReport.State.DONE)
    assert client.get(url, headers={"HX-Request": "true"})["HX-Refresh"] == "true"


def test_another_municipality_gets_404_and_a_member_without_the_role_403(client: Client, kk: Any, ivan: User) -> None:
    report = StatusReport.objects.create(municipality=kk, year=2007, title="Statusrapport 2007")
    outsider = make_user(role=Role.ANALYST, organisation=make_organisation(name="Aarhus Kommune"))
    client.force_login(outsider)
    assert client.get(reverse("barometer:status_report_detail", args=[report.pk])).status_code == 404
    assert client.get(reverse("barometer:status_report_list", args=[kk.pk])).status_code == 404
    client.force_login(ivan)
    assert client.get(reverse("barometer:status_report_detail", args=[report.pk])).status_code == 403
