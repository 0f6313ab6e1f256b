"""Read messy Danish spreadsheet values: the legacy mentor-bank import and the forms use these parsers.

Each parser takes a raw cell (a string, or what an Excel reader gives: int, float, date, datetime, bool or
None) and returns a typed value, or raises ``ParseError`` with a translatable message. Blank cells give
None (``split_list`` gives ``[]``); the caller decides whether a value is required. No Django here beyond
translation and the e-mail validator, so the parsers can be tested and reused alone.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DANISH_TIME = ZoneInfo("Europe/Copenhagen")
OLDEST_BIRTH_YEARS = 110


class ParseError(ValueError):
    """A value that cannot be read; ``message`` and ``params`` fit Django's ``ValidationError`` too."""

    def __init__(self, message: StrOrPromise, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params: dict[str, object] = params

    def __str__(self) -> str:
        return str(self.message) % self.params


def _shown(value: object) -> str:
    """The value as the user wrote it, cut short for an error message."""
    text = value.strip() if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _whole_number(value: float) -> int | None:
    """A float that is a whole number (Excel gives 12345678.0), else None."""
    if not math.isfinite(value) or value != int(value):
        return None
    return int(value)


# --- Dates ---------------------------------------------------------------------------------------------

_DANISH_DATE = re.compile(r"(\d{1,2})([-./])(\d{1,2})\2(\d{4}|\d{2})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
# Excel's 1900 date system counts 1900-02-29, a day that never was: serial 60. From serial 61 on, day 0
# is 1899-12-30; below 60, day 0 is 1899-12-31.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_LAST_SERIAL = (date.max - _EXCEL_EPOCH).days


def danish_today() -> date:
    return datetime.now(DANISH_TIME).date()


def _from_excel_serial(value: float) -> date | None:
    serial = math.floor(value) if math.isfinite(value) else 0
    if serial < 1 or serial == 60 or serial > _EXCEL_LAST_SERIAL:
        return None
    return _EXCEL_EPOCH + timedelta(days=serial if serial > 60 else serial + 1)


def parse_date(value: object, *, today: date | None = None) -> date | None:
    """Day first, always: dd-mm-yyyy, d.m.yyyy, d/m/yy, ISO yyyy-mm-dd, Excel dates and serial numbers.

    A two-digit year is put in the latest century that keeps the date from being in the future.
    """
    if _blank(value):
        return None
    unreadable = ParseError(_("Cannot read the date %(value)s. Write it as dd-mm-yyyy."), value=_shown(value))
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise unreadable
    if isinstance(value, int | float):
        serial_date = _from_excel_serial(value)
        if serial_date is None:
            raise unreadable
        return serial_date
    if not isinstance(value, str):
        raise unreadable
    text = value.strip()
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DANISH_DATE.fullmatch(text):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
        if len(match[4]) == 2:
            today = today or danish_today()
            year += today.year - today.year % 100
            if _valid_date(year, month, day) and date(year, month, day) > today:
                year -= 100
    else:
        raise unreadable
    if not _valid_date(year, month, day):
        raise ParseError(_("The date %(value)s does not exist. Write it as dd-mm-yyyy, day first."), value=text)
    return date(year, month, day)


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _years_before(day: date, years: int) -> date:
    """The same day so many years earlier; 29 February becomes the 28th in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def parse_birth_date(value: object, *, today: date | None = None) -> date | None:
    """``parse_date``, and the date is neither in the future nor more than 110 years ago."""
    today = today or danish_today()
    born = parse_date(value, today=today)
    if born is None:
        return None
    shown = born.strftime("%d-%m-%Y")
    if born > today:
        raise ParseError(_("The birth date %(value)s is in the future."), value=shown)
    if born < _years_before(today, OLDEST_BIRTH_YEARS):
        raise ParseError(_("The birth date %(value)s is more than 110 years ago."), value=shown)
    return born


# --- Yes/no, gender, numbers ---------------------------------------------------------------------------

_TRUE = {"ja", "j", "yes", "y", "sand", "true", "1", "x"}
_FALSE = {"nej", "n", "no", "falsk", "false", "0"}


def parse_bool(value: object) -> bool | None:
    """Ja/Nej, J/N, yes/no, sand/falsk, true/false, 1/0, and x for a ticked box."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().casefold()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise ParseError(_("Cannot read %(value)s as yes or no. Write Ja or Nej."), value=_shown(value))


_GENDERS = {
    "female": {"k", "kvinde", "kvindelig", "kvindeligt", "kvinder", "f", "female", "woman", "pige"},
    "male": {"m", "mand", "mandlig", "mandligt", "mænd", "male", "man", "dreng", "boy"},
    "other": {"andet", "anden", "other", "ikke binær", "ikkebinær", "non binary", "nonbinary", "x"},
}
_GENDER_WORDS = {word: gender for gender, words in _GENDERS.items() for word in words}


def parse_gender(value: object) -> str | None:
    """ "female", "male" or "other", from K/Kvinde/F, M/Mand/Dreng, Andet/Ikke-binær and their kin."""
    if _blank(value):
        return None
    if isinstance(value, str):
        word = " ".join(value.casefold().replace("-", " ").strip(" .").split())
        if word in _GENDER_WORDS:
            return _GENDER_WORDS[word]
    raise ParseError(_("Unknown gender value %(value)s. Use K, M or Andet."), value=_shown(value))


_PHONE_SEPARATORS = re.compile(r"[\s\-.()/]")


def parse_phone(value: object) -> str | None:
    """A Danish number as +45 and 8 digits; a foreign number (+ or 00, then 7 to 15 digits) as + and digits."""
    if _blank(value):
        return None
    unreadable = ParseError(
        _("Cannot read the phone number %(value)s. Write 8 digits, or + and the country code."),
        value=_shown(value),
    )
    if isinstance(value, bool):
        raise unreadable
    if isinstance(value, float):
        whole = _whole_number(value)
        if whole is None:
            raise unreadable
        value = whole
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise unreadable
    number = _PHONE_SEPARATORS.sub("", value)
    if len(number) == 8 and number.isascii() and number.isdigit():
        return "+45" + number  # before the 00 prefix: eight digits are a Danish number, even 00123456
    if number.startswith("00"):
        number = "+" + number[2:]
    international = number.startswith("+")
    digits = number.removeprefix("+")
    if not digits.isascii() or not digits.isdigit():
        raise unreadable
    if digits.startswith("45") and (international or len(digits) == 10):
        if len(digits) != 10:
            raise unreadable
        return "+" + digits
    if international and 7 <= len(digits) <= 15:
        return "+" + digits
    raise unreadable


def parse_email(value: object) -> str | None:
    if _blank(value):
        return None
    address = value.strip().lower() if isinstance(value, str) else ""
    try:
        validate_email(address)
    except ValidationError:
        raise ParseError(_("%(value)s is not a valid e-mail address."), value=_shown(value)) from None
    return address


_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")


def parse_int(value: object, *, minimum: int | None = None, maximum: int | None = None) -> int | None:
    """A whole number; spaces and Danish thousands dots (1.000) are allowed in text."""
    if _blank(value):
        return None
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float):
        number = _whole_number(value)
    elif isinstance(value, str):
        text = "".join(value.split())
        if _THOUSANDS.fullmatch(text):
            text = text.replace(".", "")
        if re.fullmatch(r"[+-]?\d+", text) and text.isascii():
            number = int(text)
    if number is None:
        raise ParseError(_("%(value)s is not a whole number."), value=_shown(value))
    if minimum is not None and number < minimum:
        raise ParseError(
            _("%(value)s is too small: the smallest allowed is %(minimum)s."), value=number, minimum=minimum
        )
    if maximum is not None and number > maximum:
        raise ParseError(
            _("%(value)s is too large: the largest allowed is %(maximum)s."), value=number, maximum=maximum
        )
    return number


# --- Lists and names -----------------------------------------------------------------------------------

_LIST_SEPARATORS = re.compile(r"[,;/\n]|\s+og\s+", re.IGNORECASE)


def split_list(value: object) -> list[str]:
    """Items split on , ; / line breaks and " og ": each kept once (case-insensitively), in order."""
    if _blank(value):
        return []
    items: dict[str, str] = {}
    for part in _LIST_SEPARATORS.split(str(value)):
        item = " ".join(part.split())
        if item:
            items.setdefault(item.casefold(), item)
    return list(items.values())


_KEPT_LETTERS = set("æøå")
_APOSTROPHES = set("'’`´ʼ")


def normalise_name(value: str) -> str:
    """A name folded for duplicate detection: no case, no accents (but æ, ø, å stay), no punctuation."""
    letters: list[str] = []
    for char in unicodedata.normalize("NFC", value).casefold():
        if char in _KEPT_LETTERS:
            letters.append(char)
        elif char in _APOSTROPHES:
            continue
        else:
            for part in unicodedata.normalize("NFKD", char):
                if unicodedata.combining(part):
                    continue
                letters.append(part if part.isalnum() else " ")
    return " ".join("".join(letters).split())


def name_similarity(a: str, b: str) -> float:
    """How alike two names are, 0 to 1, also with the family name moved first or last ("Hassan, Fatima")."""
    return normalised_similarity(normalise_name(a), normalise_name(b))


def normalised_similarity(first: str, second: str, *, at_least: float = 0.0) -> float:
    """``name_similarity`` of two already normalised names.

    With ``at_least``, pairs that cannot reach it are given up early (0.0) using difflib's cheap upper bounds,
    which keeps duplicate checks against a large register fast."""
    if not first or not second:
        return 0.0
    words = second.split()
    best = 0.0
    for candidate in {second, " ".join(words[1:] + words[:1]), " ".join(words[-1:] + words[:-1])}:
        matcher = difflib.SequenceMatcher(None, first, candidate)
        if matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least:
            continue
        best = max(best, matcher.ratio())
    return best


# --- Uploaded files ------------------------------------------------------------------------------------

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_ENCODING_NAMES = {"utf-8": "UTF-8", "cp1252": "Windows-1252"}


def decode_upload(data: bytes, declared: str | None = None) -> str:
    """The text of an uploaded CSV file: UTF-8 (with or without BOM) or Windows-1252, never a mix.

    ``declared`` ("utf-8" or "cp1252") skips the guessing; the bytes must then decode strictly.
    """
    if data.startswith(_UTF16_BOMS):
        raise ParseError(_("The file is saved as UTF-16 (Unicode text). Save it as CSV UTF-8 and upload it again."))
    if b"\x00" in data:
        raise ParseError(_("The file contains binary data, so it is not a CSV file."))
    if declared is not None:
        return _decode_declared(data, declared)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if _UTF8_MULTIBYTE.search(data):
        raise ParseError(
            _(
                "The file mixes character encodings (both UTF-8 and Windows-1252). "
                "Save it again as UTF-8 and upload it again."
            )
        )
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ParseError(
            _("Cannot tell the file's character encoding. Save it as UTF-8 and upload it again.")
        ) from None


def _decode_declared(data: bytes, declared: str) -> str:
    encoding = declared.strip().lower().replace("_", "-")
    encoding = {"utf8": "utf-8", "windows-1252": "cp1252"}.get(encoding, encoding)
    if encoding not in _ENCODING_NAMES:
        raise ValueError(f"Unsupported encoding {declared!r}: use 'utf-8' or 'cp1252'.")
    wrong = ParseError(
        _("The file is not in %(encoding)s. Choose another character encoding, or save the file as UTF-8."),
        encoding=_ENCODING_NAMES[encoding],
    )
    if encoding == "cp1252" and data.startswith(_UTF8_BOM):
        raise wrong  # a UTF-8 byte order mark: the file is UTF-8, whatever was chosen
    try:
        return data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError:
        raise wrong from None
