from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from mentornet.accounts.models import Role, User
from mentornet.barometer.models import Measurement
from mentornet.barometer.services import MeasurementInput, measurement_create
from mentornet.barometer.tests.conftest import indicator
from mentornet.core.testing import make_organisation, make_user

pytestmark = pytest.mark.django_db


def test_the_public_pages_answer_without_login_and_say_percentage_points(client: Client, kk: Any) -> None:
    assert client.get(reverse("barometer:summary")).status_code == 200
    page = client.get(reverse("barometer:area", args=["kultur-og-fritid"])).content.decode()
    assert "11 percentage points" in page or "11 procentpoint" in page
    assert client.get(reverse("barometer:area", args=["ukendt"])).status_code == 404


def test_the_indicator_page_says_the_definition_changed(client: Client, kk: Any) -> None:
    employment = indicator(kk, "beskaeftigelse", 1)
    measurement_create(
        actor=None, data=MeasurementInput(employment, datetime.date(2008, 4, 30), Decimal("56.1"), demo=True)
    )
    page = client.get(reverse("barometer:indicator", args=[employment.pk])).content.decode()
    assert "ca. 57 procent" in page and "64,0 procent" in page
    assert "56,10" in page  # the new measurement, after the cache was invalidated by the write
    assert "<svg" in page


def test_the_open_data_escapes_formulas_and_keeps_numbers(client: Client, kk: Any) -> None:
    employment = indicator(kk, "beskaeftigelse", 1)
    employment.name = "=HYPERLINK(1)"
    employment.save()
    csv = client.get(reverse("barometer:indicator_data", args=[employment.pk, "csv"])).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in csv and "54,4" in csv
    data = json.loads(client.get(reverse("barometer:indicator_data", args=[employment.pk, "json"])).content)
    assert data["rows"][0]["value"] == "54.4"


def test_the_summary_costs_the_same_queries_at_two_sizes(
    client: Client, kk: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(6):
        client.get(reverse("barometer:summary"))
    for day in range(1, 25):
        for number in (2, 3):
            item = indicator(kk, "beskaeftigelse", number)
            measurement_create(actor=None, data=MeasurementInput(item, datetime.date(2008, 1, day), Decimal(50)))
    with django_assert_max_num_queries(6):
        client.get(reverse("barometer:summary"))


@pytest.fixture
def analyst(kk: Any) -> User:
    return make_user(role=Role.ANALYST, organisation=kk)


def test_an_analyst_enters_a_measurement_with_a_decimal_comma(client: Client, kk: Any, analyst: User) -> None:
    client.force_login(analyst)
    employment = indicator(kk, "beskaeftigelse", 1)
    url = reverse("barometer:measurement_create", args=[employment.pk])
    refused = client.post(url, {"date": "2008-04-30", "value": "140", "period_label": "forår 2008"})
    assert refused.status_code == 200 and "forår 2008" in refused.content.decode()  # nothing typed is lost
    assert not Measurement.objects.exists()
    client.post(url, {"date": "2008-04-30", "value": "54,40"})
    assert Measurement.objects.get().value == Decimal("54.40")


def test_another_municipalitys_indicator_answers_404(client: Client, kk: Any) -> None:
    other = make_user(role=Role.ANALYST, organisation=make_organisation(kind="municipality"))
    client.force_login(other)
    url = reverse("barometer:measurement_create", args=[indicator(kk, "bolig", 1).pk])
    assert client.get(url).status_code == 404
    client.logout()
    assert client.post(url, {"date": "2008-04-30", "value": "1"}).status_code == 302
    assert not Measurement.objects.exists()


def test_the_upload_is_checked_first_and_then_saved(client: Client, kk: Any, analyst: User) -> None:
    client.force_login(analyst)
    url = reverse("barometer:upload", args=[kk.pk])
    content = b"omr\xc3\xa5de;nr;dato;v\xc3\xa6rdi\nBolig;2;30-04-2008;48,5\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("maalinger.csv", content, content_type="text/csv")
    response = client.post(url, {"action": "dry_run", "file": upload})
    assert response.context["ready"] and not Measurement.objects.exists()
    client.post(url, {"action": "commit"})
    assert Measurement.objects.get().value == Decimal("48.5")


def test_the_overview_shows_an_analyst_the_barometer_by_status(client: Client, kk: Any, nadia: Any) -> None:
    client.force_login(nadia)
    body = client.get(reverse("core:dashboard")).content.decode()
    assert "Integrationsbarometer" in body and "31 indikatorer:" in body
    assert reverse("barometer:manage", args=[kk.pk]) in body
    assert reverse("barometer:status_report_list", args=[kk.pk]) in body


def test_the_overview_shows_no_barometer_to_a_coordinator(client: Client, kk: Any, alice: Any) -> None:
    client.force_login(alice)
    assert "Integrationsbarometer</h2>" not in client.get(reverse("core:dashboard")).content.decode()
