"""One computed metric as a page shows it: its number with its unit, or the hidden mark for those who may not see
the individuals (small-cell suppression of a single figure, as in a report that leaves the organisation)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from mentornet.results.computations import MetricValue, Unit
from mentornet.results.suppression import MIN_THRESHOLD, SUPPRESSED_MARK, suppressed_label


@dataclass(frozen=True)
class Figure:
    """``text`` is what the cell says; ``hidden`` explains a hidden figure ("" when shown); ``detail`` is the
    "n of N" line under a visible share."""

    text: str
    hidden: str = ""
    detail: str = ""
    #: The number itself when it is shown (for a difference), else None.
    value: Decimal | None = None


def _small(n: Decimal | int | None, threshold: int) -> bool:
    return n is not None and 0 < n < threshold


def is_hidden(unit: Unit, value: MetricValue, *, threshold: int = MIN_THRESHOLD) -> bool:
    """Whether publishing ``value`` would show 1..threshold-1 persons: a count of that size; a share whose
    numerator or denominator is that small; an average over that few people (the people behind it, or the
    denominator where a metric names none). A count of activities (no people behind it) hides no one."""
    if value.value is None:
        return False
    if unit == "count":
        return bool(value.person_ids) and _small(value.value, threshold)
    if unit == "share":
        return _small(value.numerator, threshold) or _small(value.denominator, threshold)
    people = len(value.person_ids) if value.person_ids else value.denominator
    return _small(people, threshold)


def number(value: Decimal, unit: Unit, places: str = "-2g") -> str:
    """A number in the active language with its unit: "12", "45,5 %"."""
    return floatformat(value, places) + (" %" if unit == "share" else "")


def figure(
    unit: Unit, value: MetricValue | None, *, suppress: bool, places: str = "-2g", threshold: int = MIN_THRESHOLD
) -> Figure:
    """The figure as shown: "–" before its period starts, "no data" without a denominator, the hidden mark when
    ``suppress`` and it would reveal fewer than ``threshold`` persons."""
    if value is None:
        return Figure("–")
    if value.value is None:
        return Figure(_("no data"))
    if suppress and is_hidden(unit, value, threshold=threshold):
        return Figure(SUPPRESSED_MARK, hidden=suppressed_label(threshold))
    detail = ""
    if unit == "share" and value.denominator:
        detail = _("%(n)s of %(total)s") % {"n": floatformat(value.numerator, "-2"), "total": value.denominator}
    return Figure(number(value.value, unit, places), detail=detail, value=value.value)
