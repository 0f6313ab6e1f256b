"""Reading a measured value as people write it: "54,40", "54.40", "4.627", "1.234,5", "54,4 %" or an Excel number."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from mentornet.people.parsing import ParseError

_DANISH_THOUSANDS = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d+)?|[.,]\d+)")


def parse_decimal(value: object) -> Decimal | None:
    """A decimal number; blank gives None.

    A comma is the decimal mark (Danish). Dots followed by groups of three digits are thousands separators
    (Danish "4.627"); any other single dot is a decimal point, as an English spreadsheet writes it."""
    if value is None or isinstance(value, bool):
        return None if value is None else _refuse(value)
    if isinstance(value, int | float | Decimal):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return _refuse(value)
        return number if number.is_finite() else _refuse(value)
    text = "".join(str(value).split()).removesuffix("%")
    if not text:
        return None
    if _DANISH_THOUSANDS.fullmatch(text):
        text = text.replace(".", "")
    if not (_NUMBER.fullmatch(text) and text.isascii()):
        return _refuse(value)
    return Decimal(text.replace(",", "."))


def _refuse(value: object) -> Decimal:
    shown = str(value).strip()
    raise ParseError(_("%(value)s is not a number. Write it like 54,40."), value=shown[:60])
