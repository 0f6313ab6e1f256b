"""New definitions of an indicator (indicator_version_create): dates, values and the measurements' versions."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentornet.barometer.models import IndicatorVersion
from mentornet.barometer.services import MeasurementInput, indicator_version_create, measurement_create
from mentornet.barometer.tests.conftest import indicator
from mentornet.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def new_definition(**overrides: Any) -> dict[str, Any]:
    return {
        "valid_from": datetime.date(2009, 1, 1),
        "definition": "Ny metode",
        "unit": "percent",
        "direction": "rise",
        "source": "register",
        "change_note": "Ny opgørelse",
        **overrides,
    }


def test_every_measurement_keeps_its_version_and_later_ones_use_the_new(kk: Any) -> None:
    women = indicator(kk, "beskaeftigelse", 2)
    early = measurement_create(actor=None, data=MeasurementInput(women, datetime.date(2008, 4, 30), Decimal(50)))
    late = measurement_create(actor=None, data=MeasurementInput(women, datetime.date(2010, 4, 30), Decimal(52)))
    old = late.version
    version = indicator_version_create(actor=None, indicator=women, data=new_definition())
    early.refresh_from_db()
    late.refresh_from_db()
    assert early.version == old and late.version == old  # made under the old method, so they stay
    newer = measurement_create(actor=None, data=MeasurementInput(women, datetime.date(2011, 4, 30), Decimal(53)))
    assert newer.version == version
    entry = AuditEntry.objects.get(action="barometer.version_create")
    assert entry.changes["valid_from"] == "2009-01-01" and "definition" in entry.changes["changed"]


def test_a_definition_before_the_one_in_force_is_refused(kk: Any) -> None:
    employment = indicator(kk, "beskaeftigelse", 1)  # in force since 8 June 2007
    with pytest.raises(ValidationError) as refused:
        indicator_version_create(
            actor=None, indicator=employment, data=new_definition(valid_from=datetime.date(2007, 1, 1))
        )
    assert "efter 08.06.2007" in refused.value.message_dict["valid_from"][0]
    assert employment.versions.count() == 2


def test_a_definition_on_an_existing_date_is_refused(kk: Any) -> None:
    employment = indicator(kk, "beskaeftigelse", 1)
    future = timezone.localdate() + datetime.timedelta(days=30)
    indicator_version_create(actor=None, indicator=employment, data=new_definition(valid_from=future))
    with pytest.raises(ValidationError) as refused:
        indicator_version_create(actor=None, indicator=employment, data=new_definition(valid_from=future))
    assert "Der er allerede en definition" in refused.value.message_dict["valid_from"][0]
    assert employment.versions.count() == 3


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"target_value": Decimal(140)}, "target_value", "mellem 0 og 100"),
        ({"unit": "percentage_points", "baseline_value": Decimal(-140)}, "baseline_value", "mellem -100 og 100"),
        ({"survey_respondents": 100, "survey_immigrants": 500}, "survey_immigrants", "flere end"),
        ({"target_date": datetime.date(2012, 1, 1)}, "target_value", "måldato"),
    ],
)
def test_a_definition_the_unit_cannot_hold_is_refused(kk: Any, overrides: Any, field: str, text: str) -> None:
    women = indicator(kk, "beskaeftigelse", 2)
    with pytest.raises(ValidationError) as refused:
        indicator_version_create(actor=None, indicator=women, data=new_definition(**overrides))
    assert text in " ".join(refused.value.message_dict[field])
    assert not IndicatorVersion.objects.filter(indicator=women, valid_from=datetime.date(2009, 1, 1)).exists()
