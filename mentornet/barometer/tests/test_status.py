from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from mentornet.barometer.status import Point, Status, indicator_status

D = datetime.date


@dataclass
class Version:
    baseline_value: Decimal | None = Decimal("54.4")
    baseline_date: datetime.date | None = field(default_factory=lambda: D(2007, 4, 30))
    target_value: Decimal | None = None
    target_date: datetime.date | None = None
    direction: str = ""


def test_no_measurement_after_the_baseline_is_no_new_data() -> None:
    assert indicator_status(Version(direction="rise"), []) == Status.NO_DATA
    assert indicator_status(Version(direction="rise"), [Point(D(2007, 1, 1), Decimal(60))]) == Status.NO_DATA


def test_a_target_with_a_date_is_on_track_when_ahead_of_the_straight_line() -> None:
    version = Version(target_value=Decimal(64), target_date=D(2010, 12, 31))
    halfway = D(2009, 3, 1)
    assert indicator_status(version, [Point(halfway, Decimal(60))]) == Status.ON_TRACK
    assert indicator_status(version, [Point(halfway, Decimal(56))]) == Status.NOT_ON_TRACK
    assert indicator_status(version, [Point(halfway, Decimal(64))]) == Status.MET


def test_a_falling_target_is_met_at_or_below_it() -> None:
    version = Version(baseline_value=Decimal("50.47"), target_value=Decimal("40.47"), target_date=D(2010, 12, 31))
    assert indicator_status(version, [Point(D(2011, 1, 1), Decimal("40.0"))]) == Status.MET
    assert indicator_status(version, [Point(D(2011, 1, 1), Decimal("45.0"))]) == Status.NOT_ON_TRACK


def test_directions_compare_the_latest_measurement_with_the_baseline() -> None:
    rise, fall = Version(direction="rise"), Version(direction="fall")
    later = [Point(D(2008, 4, 30), Decimal(50)), Point(D(2009, 4, 30), Decimal(55))]
    assert indicator_status(rise, later) == Status.ON_TRACK
    assert indicator_status(fall, later) == Status.NOT_ON_TRACK
    assert indicator_status(Version(direction="not_rise"), [Point(D(2008, 1, 1), Decimal("54.4"))]) == Status.ON_TRACK


def test_towards_zero_is_met_at_zero() -> None:
    version = Version(baseline_value=Decimal("16.6"), direction="towards_zero")
    assert indicator_status(version, [Point(D(2008, 4, 30), Decimal(0))]) == Status.MET
    assert indicator_status(version, [Point(D(2008, 4, 30), Decimal(10))]) == Status.ON_TRACK


def test_without_a_baseline_the_first_measurement_is_the_reference() -> None:
    version = Version(baseline_value=None, baseline_date=None, direction="rise")
    assert indicator_status(version, [Point(D(2008, 1, 1), Decimal(5))]) == Status.NO_DATA
    assert indicator_status(version, [Point(D(2008, 1, 1), Decimal(5)), Point(D(2009, 1, 1), Decimal(9))]) == (
        Status.ON_TRACK
    )
