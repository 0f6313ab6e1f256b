"""Demo data for the barometer: the real 2007 startmåling, plus made-up later measurements marked as demo data."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from faker import Faker

from mentornet.barometer.models import Direction, Measurement, Unit
from mentornet.barometer.services import reference_load, version_for

#: Yearly measurements in spring; employment also in autumn (the barometer is "updated twice a year").
YEARS = (2008, 2009, 2010)


def build(fake: Faker, scale: float, places: dict[str, Any]) -> None:
    indicators = reference_load(municipality=places["copenhagen"])
    measurements = []
    for indicator in indicators:
        versions = list(indicator.versions.all())
        version = version_for(versions, datetime.date(2008, 4, 30))
        if version.baseline_value is None:
            continue
        rising = (version.target_value or 0) > version.baseline_value or version.direction == Direction.RISE
        step = max(abs(version.baseline_value) * Decimal("0.03"), Decimal("0.01"))
        dates = [datetime.date(year, 4, 30) for year in YEARS]
        if indicator.area == "beskaeftigelse":
            dates += [datetime.date(year, 10, 31) for year in YEARS]
        for index, day in enumerate(sorted(dates), start=1):
            drift = step * index * Decimal(fake.random.choice((-1, 1, 1, 2))) / 2
            value = version.baseline_value + (drift if rising else -drift)
            if version.unit in (Unit.COUNT, Unit.RANK, Unit.WEEKS):
                value = value.quantize(Decimal(1))
            value = min(max(value, Decimal(0)), Decimal(100) if version.unit == Unit.PERCENT else value)
            label = ("forår " if day.month == 4 else "efterår ") + str(day.year)
            measurements.append(
                Measurement(indicator=indicator, version=version, date=day, period_label=label, value=value, demo=True)
            )
    Measurement.objects.bulk_create(measurements)
