"""Reports to funders: requested on a page, made in the background, suppressed small figures, logged downloads."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from mentornet.core.models import AuditEntry
from mentornet.followups.tests.test_views import pdf_text
from mentornet.mentorships.tests.conftest import make_mentorship
from mentornet.organisations.models import Target
from mentornet.results.models import Report
from mentornet.results.suppression import SUPPRESSED_MARK

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)


def target(programme: Any, metric: str, value: int, **fields: Any) -> Target:
    return Target.objects.create(
        programme=programme,
        metric=metric,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        value=Decimal(value),
        **fields,
    )


def request_report(client: Client, programme: Any, capture: Any, **data: Any) -> Any:
    form = {
        "title": "Årsrapport 2025 til Integrationsministeriet",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "text": '=HYPERLINK("x") Året bød på mange nye frivillige.',
    } | data
    with capture(execute=True):
        return client.post(reverse("results:report_list", args=[programme.pk]), form)


@time_machine.travel(NOW, tick=False)
def test_a_report_is_made_in_the_background_with_small_figures_hidden(
    client: Client, world: Any, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    programme = world.kbh_programme
    for i in range(6):
        make_mentorship(programme, days_ago=(NOW.date() - datetime.date(2025, 3, 1 + i)).days, mentee_name=f"M{i}")
    make_mentorship(
        programme, days_ago=(NOW.date() - datetime.date(2025, 5, 1)).days, mentee_name="Omar", gender="male"
    )
    target(programme, "mentorships_started", 10)  # 7: shown
    target(programme, "mentorships_started", 5, gender="male")  # 1 man: hidden
    client.force_login(alice)

    response = request_report(client, programme, django_capture_on_commit_callbacks)

    report = Report.objects.get()
    assert response["Location"] == reverse("results:report_detail", args=[report.pk])
    assert report.state == Report.State.DONE and report.progress == 100
    page = client.get(response["Location"]).content.decode()
    assert "Hent PDF" in page and "Hent Excel" in page
    assert [(f["actual"], f["hidden"]) for f in report.figures] == [("7", False), (SUPPRESSED_MARK, True)]

    text = pdf_text(bytes(client.get(reverse("results:report_file", args=[report.pk, "pdf"])).content))
    assert "Årsrapport 2025 til Integrationsministeriet" in text
    assert "Året bød på mange nye frivillige." in text
    assert f"{SUPPRESSED_MARK}: skjult" in text and "Hvad tallene betyder" in text

    workbook = load_workbook(io.BytesIO(client.get(reverse("results:report_file", args=[report.pk, "xlsx"])).content))
    rows = list(workbook["Mål og resultater"].iter_rows(values_only=True))
    assert rows[0][:5] == ("Måltal", "For", "Periode", "Mål", "Resultat")
    assert [row[4] for row in rows[1:]] == ["7", SUPPRESSED_MARK]
    assert AuditEntry.objects.filter(action="report.download").count() == 2


@time_machine.travel(NOW, tick=False)
def test_a_period_without_targets_says_so_rather_than_showing_zeros(
    client: Client, world: Any, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(alice)
    response = request_report(client, world.kbh_programme, django_capture_on_commit_callbacks)
    page = client.get(response["Location"]).content.decode()
    assert "Ingen data: programmet har ingen mål i perioden." in page
    report = Report.objects.get()
    assert "Ingen data" in pdf_text(bytes(report.pdf))


def test_a_period_that_ends_before_it_starts_is_explained_and_the_text_is_kept(
    client: Client, world: Any, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(alice)
    response = request_report(client, world.kbh_programme, django_capture_on_commit_callbacks, period_end="2024-12-31")
    body = response.content.decode()
    assert "Perioden skal slutte på eller efter sin start." in body
    assert "Året bød på mange nye frivillige." in body
    assert not Report.objects.exists()


def test_a_report_that_is_not_ready_cannot_be_downloaded(client: Client, world: Any, alice: Any) -> None:
    report = Report.objects.create(
        programme=world.kbh_programme, title="x", period_start="2025-01-01", period_end="2025-12-31"
    )
    client.force_login(alice)
    assert client.get(reverse("results:report_file", args=[report.pk, "pdf"])).status_code == 404
    assert client.get(reverse("results:report_file", args=[report.pk, "docx"])).status_code == 404
