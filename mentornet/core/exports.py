"""Safe CSV and Excel exports: no formula injection, æøå intact, and Danish Excel's expectations met.

CSV files are UTF-8 with a byte order mark, semicolon-separated with CRLF line endings, as Danish Excel
opens them by a double click. Every text cell that a spreadsheet could take for a formula gets a leading
apostrophe (OWASP's advice on CSV injection); numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar, overload
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

T = TypeVar("T")

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# OWASP's characters, and their full-width forms, which some spreadsheets also take as a formula's start.
FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
CONTROL_STARTS = ("\t", "\r")
DATE_FORMAT = "%d-%m-%Y"
DATETIME_FORMAT = "%d-%m-%Y %H:%M"
EXCEL_DATE_FORMAT = "DD-MM-YYYY"
EXCEL_DATETIME_FORMAT = "DD-MM-YYYY HH:MM"


@overload
def escape_formula(value: str) -> str: ...
@overload
def escape_formula(value: T) -> T: ...
def escape_formula(value: object) -> object:
    """Text that starts (after any spaces) with = + - @, a tab or a carriage return gets a leading '."""
    if isinstance(value, str) and (value[:1] in CONTROL_STARTS or value.lstrip()[:1] in FORMULA_STARTS):
        return "'" + value
    return value


def _local(moment: datetime) -> datetime:
    """Naive local time: Excel has no time zones."""
    return timezone.localtime(moment).replace(tzinfo=None) if timezone.is_aware(moment) else moment


def _yes_no(value: bool) -> str:
    return gettext("Yes") if value else gettext("No")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, datetime):
        return _local(value).strftime(DATETIME_FORMAT)
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, float | Decimal):
        return str(value).replace(".", ",")  # Danish Excel reads 1.5 as the first of May
    if isinstance(value, int):
        return str(value)
    return escape_formula(str(value))


def _check_width(headers: Sequence[Any], row: Sequence[Any]) -> None:
    if len(row) != len(headers):
        raise ValueError(f"A row has {len(row)} cells, but there are {len(headers)} headers.")


def write_csv(headers: Sequence[str | Promise], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_csv_cell(header) for header in headers])
    for row in rows:
        _check_width(headers, row)
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def safe_sheet_title(title: str) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of []:*?/\\, no apostrophe at the ends."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", ILLEGAL_CHARACTERS_RE.sub("", title))
    cleaned = " ".join(cleaned.split())[:31].strip(" '")
    return cleaned or "Sheet1"


def _xlsx_value(value: Any) -> tuple[Any, str | None]:
    """The value openpyxl should store, and its number format."""
    if isinstance(value, bool):
        return _yes_no(value), None
    if isinstance(value, datetime):
        return _local(value), EXCEL_DATETIME_FORMAT
    if isinstance(value, date):
        return value, EXCEL_DATE_FORMAT
    if value is None or isinstance(value, int | float | Decimal):
        return value, None
    # openpyxl would store "=…" text as a formula; the apostrophe keeps it text.
    return escape_formula(ILLEGAL_CHARACTERS_RE.sub("", str(value))), None


#: One worksheet: its title, its header row and its rows.
Sheet = tuple[str, Sequence[str | Promise], Iterable[Sequence[Any]]]


def _unique_title(title: str, taken: set[str]) -> str:
    """A safe sheet title not yet in the workbook (Excel compares them without case)."""
    base = safe_sheet_title(title)
    name, n = base, 1
    while name.casefold() in taken:
        n += 1
        name = safe_sheet_title(f"{base[: 31 - len(str(n)) - 1]} {n}")
    taken.add(name.casefold())
    return name


def write_xlsx_sheets(sheets: Iterable[Sheet]) -> bytes:
    """A workbook with one sheet per ``(title, headers, rows)``, every text cell escaped as in ``write_xlsx``."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    taken: set[str] = set()
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=_unique_title(title, taken))
        sheet.freeze_panes = "A2"
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(sheet, value=_xlsx_value(str(header))[0])
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in rows:
            _check_width(headers, row)
            cells = []
            for value in row:
                stored, number_format = _xlsx_value(value)
                cell = WriteOnlyCell(sheet, value=stored)
                if number_format:
                    cell.number_format = number_format
                cells.append(cell)
            sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_xlsx(headers: Sequence[str | Promise], rows: Iterable[Sequence[Any]], *, sheet_title: str) -> bytes:
    return write_xlsx_sheets([(sheet_title, headers, rows)])


def _ascii_filename(stem: str) -> str:
    """The stem in plain ASCII for the old filename= parameter: æ ø å as ae oe aa, the rest folded or dropped."""
    for danish, plain in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("Æ", "Ae"), ("Ø", "Oe"), ("Å", "Aa")):
        stem = stem.replace(danish, plain)
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_stem).strip("-.") or "export"


def content_disposition(filename_stem: str, extension: str) -> str:
    """An attachment header with a safe ASCII filename and the full UTF-8 name as RFC 5987 filename*."""
    # No control characters, quotes, path separators or characters Windows refuses; no leading dots.
    unicode_stem = " ".join(re.sub(r'[\x00-\x1f\x7f/\\"<>:|?*]', " ", filename_stem).split()).strip(" .") or "export"
    ascii_name = f"{_ascii_filename(unicode_stem)}.{extension}"
    unicode_name = quote(f"{unicode_stem}.{extension}", safe="")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{unicode_name}"


def export_response(
    fmt: str,
    filename_stem: str,
    headers: Sequence[str | Promise],
    rows: Iterable[Sequence[Any]],
    *,
    sheet_title: str,
) -> HttpResponse:
    """A download of the rows as "csv" or "xlsx"; never cached, since exports hold personal data."""
    if fmt == "csv":
        content = write_csv(headers, rows)
    elif fmt == "xlsx":
        content = write_xlsx(headers, rows, sheet_title=sheet_title)
    else:
        raise ValueError(f"Unknown export format {fmt!r}: use 'csv' or 'xlsx'.")
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(filename_stem, fmt)
    response["Cache-Control"] = "no-store"
    return response
