"""The measurement upload's dry run: read a CSV or Excel file into rows, each with what is wrong with it.

Columns (headings in Danish or English, any case): område/area, nr/number, dato/date, værdi/value, and
optionally periode/period and etniske danskere/comparator. Reading reuses the people import's spreadsheet
reader and date parser."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mentornet.barometer.models import Area, Indicator, Measurement, check_value
from mentornet.barometer.parsing import parse_decimal
from mentornet.barometer.services import MeasurementInput, version_for
from mentornet.organisations.models import Organisation
from mentornet.people.parsing import ParseError, parse_date, parse_int
from mentornet.people.spreadsheets import ImportFileError, is_blank_row, read_table

COLUMNS = {
    "area": ("område", "omraade", "indsatsområde", "area"),
    "number": ("nr", "nr.", "nummer", "number", "indikator", "indicator"),
    "date": ("dato", "date"),
    "value": ("værdi", "vaerdi", "value"),
    "period": ("periode", "period"),
    "comparator": ("etniske danskere", "sammenligning", "comparator", "ethnic danes"),
}
REQUIRED = ("area", "number", "date", "value")


@dataclass
class UploadRow:
    number: int
    indicator_text: str
    data: MeasurementInput | None = None
    errors: list[str] = field(default_factory=list)


def _slug(text: str) -> str:
    text = text.strip().casefold()
    for letter, spelled in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(letter, spelled)
    return "-".join(text.split())


def _areas() -> dict[str, str]:
    names = {value: value for value in Area.values}
    names.update({_slug(str(label)): value for value, label in Area.choices})
    names.update({"beskaftigelse": Area.EMPLOYMENT, "kultur": Area.CULTURE, "sundhed": Area.HEALTH})
    return names


def read_upload(content: bytes, file_name: str, municipality: Organisation) -> list[UploadRow]:
    """Every row of the file with its problems; raises ImportFileError when the file cannot be read."""
    headers, body = read_table(content, file_name)
    positions: dict[str, int] = {}
    for index, header in enumerate(headers):
        for key, names in COLUMNS.items():
            if header.strip().casefold() in names:
                positions.setdefault(key, index)
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in positions]
    if missing:
        raise ImportFileError(_("The file lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)})
    indicators = {
        (indicator.area, indicator.number): indicator
        for indicator in Indicator.objects.filter(municipality=municipality).prefetch_related("versions")
    }
    existing = set(Measurement.objects.filter(indicator__municipality=municipality).values_list("indicator_id", "date"))
    areas = _areas()
    seen: set[tuple[int, datetime.date]] = set()
    rows = []
    for number, cells in enumerate(body, start=2):
        if is_blank_row(cells):
            continue
        cell = {key: cells[index] if index < len(cells) else None for key, index in positions.items()}
        row = _row(number, cell, indicators, areas)
        if row.data:
            found = (row.data.indicator.pk, row.data.date)
            if found in existing:
                row.errors.append(_("There is already a measurement of this indicator on this date."))
            elif found in seen:
                row.errors.append(_("The file has this measurement twice."))
            seen.add(found)
        rows.append(row)
    return rows


def _row(
    number: int, cell: dict[str, Any], indicators: dict[tuple[str, int], Indicator], areas: dict[str, str]
) -> UploadRow:
    area_text = str(cell["area"] or "").strip()
    row = UploadRow(number=number, indicator_text=f"{area_text} {cell['number'] or ''}".strip())
    values: dict[str, Any] = {}
    for key, parser in (("number", parse_int), ("date", parse_date), ("value", parse_decimal)):
        try:
            values[key] = parser(cell[key])
        except ParseError as error:
            row.errors.append(str(error))
            continue
        if values[key] is None:
            row.errors.append(_("The column %(column)s is empty.") % {"column": COLUMNS[key][0]})
    try:
        comparator = parse_decimal(cell.get("comparator"))
    except ParseError as error:
        row.errors.append(str(error))
        comparator = None
    indicator = indicators.get((areas.get(_slug(area_text), ""), values.get("number") or 0))
    if indicator is None and values.get("number") is not None:
        row.errors.append(_("Unknown indicator: %(indicator)s.") % {"indicator": row.indicator_text})
    if row.errors or indicator is None:
        return row
    date: datetime.date = values["date"]
    value: Decimal = values["value"]
    unit = version_for(list(indicator.versions.all()), date).unit
    for number_value in (value, comparator):
        try:
            if number_value is not None:
                check_value(unit, number_value)
        except ValidationError as error:
            row.errors.extend(error.messages)
    if not row.errors:
        period = str(cell.get("period") or "").strip()[:100]
        row.data = MeasurementInput(
            indicator=indicator, date=date, value=value, period_label=period, comparator_value=comparator
        )
    return row
