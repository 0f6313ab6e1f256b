"""Reading an uploaded spreadsheet (CSV in UTF-8 or Windows-1252, or an Excel workbook) into rows."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext_lazy as _

from mentornet.people.parsing import ParseError, decode_upload

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000


class ImportFileError(ValueError):
    """The file cannot be read at all; the message is for the user."""


def read_table(content: bytes, file_name: str, encoding: str = "") -> tuple[list[str], list[list[Any]]]:
    """Headers and rows of a CSV or Excel file. Raises ImportFileError with a message for the user."""
    if not content:
        raise ImportFileError(_("The file is empty."))
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB. Split it into smaller files."))
    name = file_name.lower()
    if name.endswith(".xlsx"):
        if not content.startswith(b"PK\x03\x04"):
            raise ImportFileError(_("The file is called .xlsx but is not an Excel workbook."))
        table = _read_xlsx(content)
    elif name.endswith((".csv", ".txt")):
        try:
            text = decode_upload(content, encoding or None)
        except ParseError as error:
            raise ImportFileError(str(error)) from None
        table = _read_csv(text)
    else:
        raise ImportFileError(_("Upload a CSV file (.csv) or an Excel workbook (.xlsx)."))
    while table and is_blank_row(table[-1]):
        table.pop()
    while table and is_blank_row(table[0]):
        table.pop(0)
    if not table:
        raise ImportFileError(_("The file has no rows."))
    rows = table
    headers = [str(cell).strip() if cell is not None else "" for cell in rows[0]]
    if not any(headers):
        raise ImportFileError(_("The first row must hold the column headings."))
    headers = [header or f"{_('Column')} {number}" for number, header in enumerate(headers, 1)]
    if len(set(headers)) != len(headers):
        raise ImportFileError(_("Two columns have the same heading. Give each column its own heading."))
    body = rows[1:]
    if len(body) > MAX_ROWS:
        raise ImportFileError(_("The file has more than 50,000 rows. Split it into smaller files."))
    return headers, body


def _read_xlsx(content: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise ImportFileError(_("The Excel workbook cannot be read. Save it again and upload it again.")) from None
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _read_csv(text: str) -> list[list[Any]]:
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = "excel"
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def is_blank_row(row: list[Any]) -> bool:
    return all(blank(cell) is None for cell in row)


def blank(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value
