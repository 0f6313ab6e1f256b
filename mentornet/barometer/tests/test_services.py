from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from mentornet.barometer.importing import read_upload
from mentornet.barometer.models import Indicator, Measurement
from mentornet.barometer.parsing import parse_decimal
from mentornet.barometer.services import MeasurementInput, measurement_create, measurements_import
from mentornet.barometer.tests.conftest import indicator
from mentornet.core.models import AuditEntry
from mentornet.people.parsing import ParseError

pytestmark = pytest.mark.django_db


def test_the_2007_startmaaling_matches_the_source(kk: Any) -> None:
    assert Indicator.objects.filter(municipality=kk).count() == 31
    employment = list(indicator(kk, "beskaeftigelse", 1).versions.order_by("valid_from"))
    assert [v.target_value for v in employment] == [Decimal(57), Decimal(64)]
    assert employment[-1].baseline_value == Decimal("54.40")
    housing = indicator(kk, "bolig", 2).versions.get()
    assert (housing.baseline_value, housing.target_value) == (Decimal("50.47"), Decimal("40.47"))
    assert indicator(kk, "bolig", 1).versions.get().baseline_value == Decimal(4627)
    gap = indicator(kk, "kultur-og-fritid", 3).versions.get()
    assert (gap.baseline_value, gap.unit) == (Decimal(11), "percentage_points")
    safety = indicator(kk, "tryghed", 1).versions.get()
    assert (safety.baseline_value, safety.baseline_comparator) == (Decimal("2.6"), Decimal("1.1"))
    smoking = indicator(kk, "sundhed-og-omsorg", 1).versions.get()
    assert (smoking.baseline_value, smoking.baseline_comparator, smoking.survey_respondents) == (
        Decimal(28),
        Decimal(29),
        1300,
    )
    assert indicator(kk, "uddannelse", 9).versions.get().unit == "rank"


def test_a_measurement_keeps_the_version_in_force_on_its_date(kk: Any) -> None:
    employment = indicator(kk, "beskaeftigelse", 1)
    old = measurement_create(actor=None, data=MeasurementInput(employment, datetime.date(2006, 12, 31), Decimal(48)))
    new = measurement_create(actor=None, data=MeasurementInput(employment, datetime.date(2008, 4, 30), Decimal(56)))
    assert old.version.target_value == 57
    assert new.version.target_value == 64
    assert AuditEntry.objects.filter(action="barometer.measurement_create").count() == 2


def test_a_percentage_of_140_is_refused_in_danish_terms(kk: Any) -> None:
    employment = indicator(kk, "beskaeftigelse", 1)
    with pytest.raises(ValidationError, match="mellem 0 og 100 – du skrev 140"):
        measurement_create(actor=None, data=MeasurementInput(employment, datetime.date(2008, 4, 30), Decimal(140)))


def test_a_decimal_comma_and_danish_thousands_are_read() -> None:
    assert parse_decimal("54,40") == Decimal("54.40")
    assert parse_decimal("4.627") == Decimal(4627)
    assert parse_decimal("54.4 %") == Decimal("54.4")
    with pytest.raises(ParseError):
        parse_decimal("mange")


CSV = (
    "område;nr;dato;periode;værdi;etniske danskere\n"
    "Beskæftigelse;1;30-04-2008;forår 2008;56,10;\n"
    "Bolig;99;30-04-2008;;40;\n"
    "Tryghed;3;30-04-2008;;abc;\n"
    "Beskæftigelse;2;30-04-2008;;140;\n"
    "Beskæftigelse;1;30-04-2008;;57;\n"
)


def test_the_dry_run_reports_each_bad_row_and_saves_nothing(kk: Any) -> None:
    rows = read_upload(CSV.encode(), "maalinger.csv", kk)
    assert [bool(row.errors) for row in rows] == [False, True, True, True, True]
    assert "Ukendt indikator: Bolig 99." in rows[1].errors[0]
    assert "abc er ikke et tal" in rows[2].errors[0]
    assert "mellem 0 og 100 – du skrev 140" in rows[3].errors[0]
    assert "Filen har denne måling to gange." in rows[4].errors[0]
    assert rows[0].data and rows[0].data.value == Decimal("56.10")
    assert not Measurement.objects.exists()


def test_the_commit_saves_every_row_or_none(kk: Any) -> None:
    employment, women = indicator(kk, "beskaeftigelse", 1), indicator(kk, "beskaeftigelse", 2)
    day = datetime.date(2008, 4, 30)
    measurement_create(actor=None, data=MeasurementInput(women, day, Decimal(50)))
    rows = [(2, MeasurementInput(employment, day, Decimal(56))), (3, MeasurementInput(women, day, Decimal(51)))]
    with pytest.raises(ValidationError, match="Række 3"):
        measurements_import(actor=None, municipality=kk, rows=rows)
    assert Measurement.objects.count() == 1
    saved = measurements_import(actor=None, municipality=kk, rows=rows[:1])
    assert len(saved) == 1 and Measurement.objects.count() == 2
