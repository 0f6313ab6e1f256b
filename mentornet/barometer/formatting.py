"""A value with its unit, as the pages write it: "54,40 %", "11 procentpoint", "nr. 29", "21 uger"."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from mentornet.barometer.models import Unit

#: The short unit after a number on a chart's axis.
CHART_UNITS: dict[str, str] = {Unit.PERCENT: "%", Unit.POINTS: "pp"}


def show_value(value: Decimal | None, unit: str, decimals: int) -> str:
    """The value in the active language with its unit; percentage points are never written as per cent."""
    if value is None:
        return ""
    number = number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=unit == Unit.COUNT)
    if unit == Unit.PERCENT:
        return _("%(value)s%%") % {"value": number}
    if unit == Unit.POINTS:
        return _("%(value)s percentage points") % {"value": number}
    if unit == Unit.WEEKS:
        return _("%(value)s weeks") % {"value": number}
    if unit == Unit.GRADE_POINTS:
        return _("%(value)s grade points") % {"value": number}
    if unit == Unit.RANK:
        return _("no. %(value)s") % {"value": number}
    return number
