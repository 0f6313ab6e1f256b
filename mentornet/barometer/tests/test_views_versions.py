"""The form for a new definition of an indicator, and how the public page shows the definitions."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from mentornet.accounts.models import Role, User
from mentornet.barometer.models import IndicatorVersion
from mentornet.barometer.services import MeasurementInput, measurement_create
from mentornet.barometer.tests.conftest import indicator
from mentornet.core.testing import make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(kk: Any) -> User:
    return make_user(role=Role.ANALYST, organisation=kk)


def posted(**overrides: str) -> dict[str, str]:
    """The employment indicator's definition in force, as the form sends it back, with a new date and note."""
    return {
        "valid_from": "2011-01-01",
        "change_note": "Målet er hævet efter ny aftale.",
        "definition": "Andel beskæftigede, opgjort med alle SU-modtagere og efter ny metode.",
        "unit": "percent",
        "decimal_places": "2",
        "baseline_value": "54,40",
        "baseline_date": "2007-04-30",
        "baseline_label": "forår 2007",
        "target_value": "66,5",
        "target_date": "2014-12-31",
        "criterion_text": "66,5 procent",
        "political_goal": "Flere i job",
        "source": "register",
        "source_name": "Registerstatistik",
        **overrides,
    }


def test_the_form_starts_from_the_definition_in_force(client: Client, kk: Any, analyst: User) -> None:
    client.force_login(analyst)
    employment = indicator(kk, "beskaeftigelse", 1)
    page = client.get(reverse("barometer:version_create", args=[employment.pk])).content.decode()
    assert 'value="54,4"' in page and 'value="64"' in page  # a decimal comma, never "54.4" read as 544
    assert "opgjort med alle SU-modtagere" in page


def test_an_analyst_registers_a_new_definition_and_the_public_page_shows_it(
    client: Client, kk: Any, analyst: User
) -> None:
    employment = indicator(kk, "beskaeftigelse", 1)
    measurement_create(actor=None, data=MeasurementInput(employment, datetime.date(2010, 4, 30), Decimal("58.2")))
    public = reverse("barometer:indicator", args=[employment.pk])
    assert "efter ny metode" not in client.get(public).content.decode()  # now in the cache
    client.force_login(analyst)
    response = client.post(reverse("barometer:version_create", args=[employment.pk]), posted())
    assert response.status_code == 302 and response["Location"] == public
    version = employment.versions.get(valid_from=datetime.date(2011, 1, 1))
    assert version.baseline_value == Decimal("54.40") and version.target_value == Decimal("66.5")
    client.logout()
    page = client.get(public).content.decode()
    assert "Definition 3, fra 01.01.2011" in page and "efter ny metode" in page
    assert "Succeskriterium: 66,50 % senest 31.12.2014 (66,5 procent)." in page.replace("\xa0", " ")
    assert "<td>2, fra 08.06.2007</td>" in page  # the 2010 measurement keeps the definition it was made under
    assert "1 måling er lavet under den." in page
    assert page.count("<td>startmåling</td>") == 1  # the unchanged baseline is not repeated


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"valid_from": "2007-01-01"}, "efter 08.06.2007"),
        ({"valid_from": "2007-06-08"}, "Der er allerede en definition"),
        ({"change_note": ""}, "Dette felt er påkrævet"),
        ({"target_value": "140"}, "mellem 0 og 100 – du skrev 140"),
        ({"baseline_value": "fem"}, "fem er ikke et tal"),
        ({"target_value": "", "target_date": ""}, "Angiv en målværdi eller en retning"),
    ],
)
def test_a_bad_definition_is_refused_in_danish_and_nothing_typed_is_lost(
    client: Client, kk: Any, analyst: User, overrides: dict[str, str], error: str
) -> None:
    client.force_login(analyst)
    employment = indicator(kk, "beskaeftigelse", 1)
    response = client.post(reverse("barometer:version_create", args=[employment.pk]), posted(**overrides))
    page = response.content.decode()
    assert response.status_code == 200 and error in page
    assert "efter ny metode" in page and posted(**overrides)["change_note"] in page
    assert employment.versions.count() == 2


def test_every_error_shows_at_once(client: Client, kk: Any, analyst: User) -> None:
    client.force_login(analyst)
    employment = indicator(kk, "beskaeftigelse", 1)
    url = reverse("barometer:version_create", args=[employment.pk])
    form = client.post(url, posted(valid_from="2007-01-01", target_value="140")).context["form"]
    assert set(form.errors) == {"valid_from", "target_value"}


def test_a_municipal_administrator_may_register_a_definition_too(client: Client, kk: Any) -> None:
    client.force_login(make_user(role=Role.MUNICIPAL_ADMIN, organisation=kk))
    employment = indicator(kk, "beskaeftigelse", 1)
    assert client.post(reverse("barometer:version_create", args=[employment.pk]), posted()).status_code == 302
    assert employment.versions.count() == 3


def test_only_the_municipalitys_analysts_reach_the_form(client: Client, kk: Any, analyst: User) -> None:
    employment = indicator(kk, "beskaeftigelse", 1)
    url = reverse("barometer:version_create", args=[employment.pk])
    public = reverse("barometer:indicator", args=[employment.pk])
    assert client.post(url, posted()).status_code == 302  # to the log-in page
    assert url not in client.get(public).content.decode()
    client.force_login(make_user(role=Role.ANALYST, organisation=make_organisation(kind="municipality")))
    assert client.get(url).status_code == 404
    assert client.post(url, posted()).status_code == 404
    client.force_login(make_user(role=Role.ORGANISATION_ADMIN, organisation=kk))
    assert client.get(url).status_code == 403
    assert not IndicatorVersion.objects.filter(valid_from=datetime.date(2011, 1, 1)).exists()
    client.force_login(analyst)
    assert url in client.get(public).content.decode()
