"""An indicator's status: met, on track, not on track, or no new data. Plain Python, no queries.

The rules, as the public pages state them (``RULES``):

1. Only measurements made under the indicator's current version count; older ones used another definition.
2. The reference is the version's baseline; without one, its first measurement (and later ones are compared).
3. No new data: no measurement under the current version after the reference.
4. The goal's direction comes from the target value (above or below the reference), else from the direction
   (must rise, must fall, must not rise, towards 0, whose target is 0).
5. Met: the latest measurement has reached the target value (at or beyond it in the goal's direction).
6. With a target value and a target date, on track means at least as far as a straight line from the reference
   (at its date) to the target (at the target date) has come by the latest measurement's date.
7. Otherwise on track means the latest measurement has moved from the reference in the goal's direction
   (for "must not rise": has not risen). Everything else is not on track.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _

from mentornet.barometer.models import Direction


class Status(models.TextChoices):
    MET = "met", _("Met")
    ON_TRACK = "on_track", _("On track")
    NOT_ON_TRACK = "not_on_track", _("Not on track")
    NO_DATA = "no_data", _("No new data")


RULES = (
    _("Only measurements made under the current definition count."),
    _("The baseline is the reference; without one, the first measurement is."),
    _("No new data: no measurement under the current definition since the reference."),
    _("Met: the latest measurement has reached the target value."),
    _(
        "On track, with a target value and a target date: at least as far as a straight line from the baseline "
        "to the target requires by the date of the latest measurement."
    ),
    _(
        "On track, with a direction only: the latest measurement has moved from the baseline in the right "
        "direction (for “must not rise”: it has not risen)."
    ),
    _("Not on track: everything else."),
)


class Criterion(Protocol):
    baseline_value: Decimal | None
    baseline_date: datetime.date | None
    target_value: Decimal | None
    target_date: datetime.date | None
    direction: str


@dataclass(frozen=True)
class Point:
    date: datetime.date
    value: Decimal


def indicator_status(version: Criterion, points: Sequence[Point]) -> Status:
    """The status of an indicator from its current version and that version's measurements (any order)."""
    ordered = sorted(points, key=lambda point: point.date)
    if version.baseline_value is not None:
        reference = Point(version.baseline_date or datetime.date.min, version.baseline_value)
        later = [point for point in ordered if point.date > reference.date]
    elif ordered:
        reference, later = ordered[0], ordered[1:]
    else:
        return Status.NO_DATA
    if not later:
        return Status.NO_DATA
    latest = later[-1]
    target = Decimal(0) if version.direction == Direction.TOWARDS_ZERO else version.target_value
    sign = _sign(version.direction, reference.value, target)
    if target is not None and (latest.value - target) * sign >= 0:
        return Status.MET
    if target is not None and version.target_date and version.target_date > reference.date:
        span = (version.target_date - reference.date).days
        elapsed = min((latest.date - reference.date).days, span)
        expected = reference.value + (target - reference.value) * Decimal(elapsed) / Decimal(span)
        return Status.ON_TRACK if (latest.value - expected) * sign >= 0 else Status.NOT_ON_TRACK
    moved = (latest.value - reference.value) * sign
    if version.direction == Direction.NOT_RISE:
        return Status.ON_TRACK if moved >= 0 else Status.NOT_ON_TRACK
    return Status.ON_TRACK if moved > 0 else Status.NOT_ON_TRACK


def _sign(direction: str, reference: Decimal, target: Decimal | None) -> int:
    """+1 when higher is better, -1 when lower is."""
    if target is not None and target != reference and direction != Direction.NOT_RISE:
        return 1 if target > reference else -1
    return 1 if direction == Direction.RISE else -1
