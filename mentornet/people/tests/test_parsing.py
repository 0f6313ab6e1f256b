from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from mentornet.people.parsing import (
    ParseError,
    decode_upload,
    name_similarity,
    normalise_name,
    normalised_similarity,
    parse_birth_date,
    parse_bool,
    parse_date,
    parse_email,
    parse_gender,
    parse_int,
    parse_phone,
    split_list,
)

TODAY = date(2025, 6, 1)
DANISH_TEXT = "abcXYZ 019,;\"'\n" + "æøåÆØÅé"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    "parser", [parse_date, parse_birth_date, parse_bool, parse_gender, parse_phone, parse_email, parse_int]
)
@pytest.mark.parametrize("blank", [None, "", "   ", "\t\n"])
def test_every_parser_reads_a_blank_cell_as_none(parser, blank):
    assert parser(blank) is None


# --- Dates ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("03-04-2005", date(2005, 4, 3)),
        ("3-4-2005", date(2005, 4, 3)),
        ("03.04.2005", date(2005, 4, 3)),
        ("3.4.2005", date(2005, 4, 3)),
        ("03/04/2005", date(2005, 4, 3)),
        ("3/4/2005", date(2005, 4, 3)),
        ("3/4/05", date(2005, 4, 3)),
        ("3/4/87", date(1987, 4, 3)),
        ("03-04-25", date(2025, 4, 3)),
        ("03-07-25", date(1925, 7, 3)),
        ("2005-04-03", date(2005, 4, 3)),
        ("2005-04-03 00:00:00", date(2005, 4, 3)),
        ("  31-12-1999 ", date(1999, 12, 31)),
        ("29-02-2024", date(2024, 2, 29)),
        (datetime(2005, 4, 3, 14, 30), date(2005, 4, 3)),  # noqa: DTZ001 (Excel's datetimes are naive)
        (date(2005, 4, 3), date(2005, 4, 3)),
        (45000, date(2023, 3, 15)),
        (45000.75, date(2023, 3, 15)),
        (1, date(1900, 1, 1)),
        (59, date(1900, 2, 28)),
        (61, date(1900, 3, 1)),
    ],
)
def test_it_reads_danish_iso_and_excel_dates(raw, expected):
    assert parse_date(raw, today=TODAY) == expected


@pytest.mark.parametrize(
    "raw", ["yesterday", "2005", "3/4", "03-04-205", "3-4/2005", "2005/04/03", "0", -5, 60, 10**9, True, float("nan")]
)
def test_it_rejects_what_is_not_a_date(raw):
    with pytest.raises(ParseError) as caught:
        parse_date(raw, today=TODAY)
    assert str(caught.value) == f"Cannot read the date {str(raw).strip()}. Write it as dd-mm-yyyy."


def test_it_does_not_read_an_excel_serial_from_text():
    with pytest.raises(ParseError, match="Cannot read the date 45000"):
        parse_date("45000")


@pytest.mark.parametrize("raw", ["31-02-2020", "29-02-2023", "00-01-2020", "12/31/2020", "2020-13-01", "29/2/01"])
def test_it_rejects_an_impossible_date_and_never_guesses_month_first(raw):
    with pytest.raises(ParseError) as caught:
        parse_date(raw, today=TODAY)
    assert str(caught.value) == f"The date {raw} does not exist. Write it as dd-mm-yyyy, day first."
    assert caught.value.params == {"value": raw}


@given(st.dates())
def test_a_date_written_day_first_reads_back_as_itself(day):
    assert parse_date(f"{day.day:02d}-{day.month:02d}-{day.year:04d}") == day
    assert parse_date(f"{day.day}/{day.month}/{day.year:04d}") == day


@given(st.dates(min_value=date(1926, 6, 2), max_value=TODAY))
def test_a_two_digit_year_is_the_last_hundred_years(day):
    assert parse_date(f"{day.day}/{day.month}/{day.year % 100:02d}", today=TODAY) == day


def test_a_birth_date_is_read_like_any_date():
    assert parse_birth_date("3/4/87", today=TODAY) == date(1987, 4, 3)
    assert parse_birth_date("01-06-2025", today=TODAY) == TODAY
    assert parse_birth_date("01-06-1915", today=TODAY) == date(1915, 6, 1)


def test_a_birth_date_in_the_future_is_rejected():
    with pytest.raises(ParseError, match=r"^The birth date 02-06-2025 is in the future\.$"):
        parse_birth_date("2025-06-02", today=TODAY)


def test_a_birth_date_more_than_110_years_ago_is_rejected():
    with pytest.raises(ParseError, match=r"^The birth date 31-05-1915 is more than 110 years ago\.$"):
        parse_birth_date("31-05-1915", today=TODAY)


def test_the_110_years_count_from_the_28th_when_today_is_a_leap_day():
    assert parse_birth_date("28-02-1914", today=date(2024, 2, 29)) == date(1914, 2, 28)


# --- Yes/no, gender, numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["Ja", "ja", " JA ", "J", "yes", "Y", "sand", "True", "1", "x", "X", True, 1, 1.0])
def test_it_reads_yes(raw):
    assert parse_bool(raw) is True


@pytest.mark.parametrize("raw", ["Nej", "nej ", "N", "no", "n", "Falsk", "FALSE", "0", False, 0, 0.0])
def test_it_reads_no(raw):
    assert parse_bool(raw) is False


@pytest.mark.parametrize("raw", ["måske", "2", 2, "ja tak", date(2020, 1, 1)])
def test_it_rejects_what_is_neither_yes_nor_no(raw):
    with pytest.raises(ParseError, match=r"^Cannot read .+ as yes or no\. Write Ja or Nej\.$"):
        parse_bool(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        *[(raw, "female") for raw in ["K", "k", "Kvinde", "kvindelig", "F", "Female", "pige", " K. "]],
        *[(raw, "male") for raw in ["M", "Mand", "MANDLIG", "male", "Dreng"]],
        *[(raw, "other") for raw in ["Andet", "other", "Ikke-binær", "ikke binær", "Non-binary"]],
    ],
)
def test_it_reads_gender_in_danish_and_english(raw, expected):
    assert parse_gender(raw) == expected


@pytest.mark.parametrize("raw", ["Q", "kvindemand", "1", 1])
def test_it_rejects_an_unknown_gender(raw):
    with pytest.raises(ParseError) as caught:
        parse_gender(raw)
    assert str(caught.value) == f"Unknown gender value {raw}. Use K, M or Andet."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+45 12 34 56 78", "+4512345678"),
        ("0045 12345678", "+4512345678"),
        ("12 34 56 78", "+4512345678"),
        ("12-34-56-78", "+4512345678"),
        ("(+45) 1234 5678", "+4512345678"),
        ("45 12 34 56", "+4545123456"),
        ("4512345678", "+4512345678"),
        (12345678, "+4512345678"),
        (12345678.0, "+4512345678"),
        ("+46 70 123 45 67", "+46701234567"),
        ("0046 70 123 45 67", "+46701234567"),
        ("+1 (202) 555-0143", "+12025550143"),
        ("+2901234", "+2901234"),
    ],
)
def test_it_normalises_phone_numbers(raw, expected):
    assert parse_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["1234567", "123456789", "+45 1234 567", "+45 123 456 789", "+123456", "+1234567890123456", "tlf 12345678",
     "12 34 56 78 / 87 65 43 21", "++4512345678", "１２３４５６７８", 1234567.5, True],
)  # fmt: skip
def test_it_rejects_what_is_not_a_phone_number(raw):
    with pytest.raises(ParseError, match=r"^Cannot read the phone number .+\. Write 8 digits, or \+ and the country"):
        parse_phone(raw)


@given(
    digits=st.text(alphabet="0123456789", min_size=8, max_size=8),
    prefix=st.sampled_from(["", "+45", "+45 ", "0045", "0045 ", "(+45) ", "+45-"]),
    separators=st.lists(st.sampled_from(["", " ", "-", "  "]), min_size=8, max_size=8),
)
def test_any_danish_number_however_spaced_becomes_plus_45_and_eight_digits(digits, prefix, separators):
    written = prefix + "".join(digit + gap for digit, gap in zip(digits, separators, strict=True))
    assert parse_phone(written) == "+45" + digits


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(" Anna@Example.DK ", "anna@example.dk"), ("fatima.hassan+mentor@kk.dk", "fatima.hassan+mentor@kk.dk")],
)
def test_it_trims_and_lowercases_an_email_address(raw, expected):
    assert parse_email(raw) == expected


@pytest.mark.parametrize("raw", ["anna", "anna@", "@example.dk", "anna @example.dk", "anna@example", 42])
def test_it_rejects_an_invalid_email_address(raw):
    with pytest.raises(ParseError) as caught:
        parse_email(raw)
    assert str(caught.value) == f"{raw} is not a valid e-mail address."


@pytest.mark.parametrize(
    ("raw", "expected"), [("42", 42), (" -7 ", -7), ("+3", 3), ("1.000", 1000), ("12 500", 12500), (5, 5), (5.0, 5)]
)
def test_it_reads_whole_numbers(raw, expected):
    assert parse_int(raw) == expected


@pytest.mark.parametrize("raw", ["4,5", "1.5", "12.34", "fem", "٣", "1e3", 2.5, True, float("inf")])
def test_it_rejects_what_is_not_a_whole_number(raw):
    with pytest.raises(ParseError, match=r" is not a whole number\.$"):
        parse_int(raw)


def test_it_holds_a_number_within_its_limits():
    assert parse_int("18", minimum=18, maximum=30) == 18
    assert parse_int("30", minimum=18, maximum=30) == 30
    with pytest.raises(ParseError, match=r"^17 is too small: the smallest allowed is 18\.$"):
        parse_int("17", minimum=18)
    with pytest.raises(ParseError, match=r"^31 is too large: the largest allowed is 30\.$"):
        parse_int(31, maximum=30)


# --- Lists and names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Dansk, engelsk; arabisk / somali", ["Dansk", "engelsk", "arabisk", "somali"]),
        ("Dansk og engelsk Og tyrkisk", ["Dansk", "engelsk", "tyrkisk"]),
        ("Dansk, dansk,  DANSK ,engelsk", ["Dansk", "engelsk"]),
        ("Dansk\nFransk", ["Dansk", "Fransk"]),
        (" ; , ", []),
        ("Sorani  kurdisk", ["Sorani kurdisk"]),
        ("Tagalog", ["Tagalog"]),
        (None, []),
        ("", []),
    ],
)
def test_it_splits_a_list_keeping_order_and_dropping_repeats(raw, expected):
    assert split_list(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Søren   ÆBLØ ", "søren æblø"),
        ("Åse Ågård", "åse ågård"),
        ("A\u030ase", "åse"),
        ("Zoë Müller", "zoe muller"),
        ("José Núñez", "jose nunez"),
        ("Anne-Marie O'Brien", "anne marie obrien"),
        ("Hassan, Fatima", "hassan fatima"),
    ],
)
def test_it_normalises_names_for_duplicate_detection(raw, expected):
    assert normalise_name(raw) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Fatima Hassan", "Hassan, Fatima"),
        ("Fatima Hassan", "fatima  hasan"),
        ("Hassan, Fatima", "fatima  hasan"),
        ("Anna Jensen", "Anne Jensen"),
        ("Fatima Ali Hassan", "Hassan, Fatima Ali"),
        ("Anne-Marie Sørensen", "Anne Marie Sorensen"),
    ],
)
def test_it_finds_the_same_person_written_differently(a, b):
    assert name_similarity(a, b) > 0.85
    assert name_similarity(b, a) > 0.85


def test_it_tells_different_people_apart():
    assert name_similarity("Anna Jensen", "Mohammed Ali") < 0.5
    assert name_similarity("Anna Jensen", "") == 0.0
    assert name_similarity("Anna Jensen", "anna jensen") == 1.0


# --- Uploaded files ------------------------------------------------------------------------------------


def test_it_decodes_utf8_with_and_without_a_byte_order_mark():
    assert decode_upload("Navn;By\nSøren;Århus\n".encode()) == "Navn;By\nSøren;Århus\n"
    assert decode_upload("Navn;By\nSøren;Århus\n".encode("utf-8-sig")) == "Navn;By\nSøren;Århus\n"


def test_it_decodes_windows_1252_when_the_file_is_not_utf8():
    assert decode_upload("Søren;Århus;€".encode("cp1252")) == "Søren;Århus;€"


def test_it_refuses_a_file_that_mixes_encodings():
    with pytest.raises(ParseError, match=r"^The file mixes character encodings \(both UTF-8 and Windows-1252\)"):
        decode_upload("Ø;".encode() + "Ø".encode("cp1252"))


def test_it_refuses_a_binary_or_utf16_file():
    with pytest.raises(ParseError, match=r"^The file contains binary data, so it is not a CSV file\.$"):
        decode_upload(b"PK\x03\x04\x00\x00workbook.xml")
    with pytest.raises(ParseError, match=r"^The file is saved as UTF-16 \(Unicode text\)\."):
        decode_upload("Søren".encode("utf-16"))


def test_it_refuses_bytes_that_are_neither_utf8_nor_windows_1252():
    with pytest.raises(ParseError, match=r"^Cannot tell the file's character encoding\."):
        decode_upload(b"S\x81ren")


def test_a_declared_encoding_is_used_strictly():
    assert decode_upload("Søren".encode("cp1252"), declared="cp1252") == "Søren"
    assert decode_upload("Søren".encode("utf-8-sig"), declared="UTF-8") == "Søren"
    assert decode_upload("SÃ¸ren".encode("cp1252"), declared="windows-1252") == "SÃ¸ren"
    with pytest.raises(ParseError, match=r"^The file is not in UTF-8\. Choose another character encoding"):
        decode_upload("Søren".encode("cp1252"), declared="utf-8")
    with pytest.raises(ParseError, match=r"^The file is not in Windows-1252\."):
        decode_upload("Søren".encode("utf-8-sig"), declared="cp1252")
    with pytest.raises(ParseError, match=r"^The file is not in Windows-1252\."):
        decode_upload(b"S\x81ren", declared="cp1252")


def test_an_unsupported_declared_encoding_is_a_programming_error():
    with pytest.raises(ValueError, match="Unsupported encoding 'latin-9'"):
        decode_upload(b"x", declared="latin-9")


@given(text=st.text(alphabet=DANISH_TEXT), encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_danish_text_round_trips_through_each_encoding(text, encoding):
    assert decode_upload(text.encode(encoding)) == text


@given(
    utf8_part=st.text(alphabet=DANISH_TEXT).filter(lambda text: not text.isascii()),
    cp1252_part=st.text(alphabet=DANISH_TEXT).filter(lambda text: not text.isascii()),
    utf8_first=st.booleans(),
)
def test_mixed_encodings_are_always_detected(utf8_part, cp1252_part, utf8_first):
    parts = [utf8_part.encode(), cp1252_part.encode("cp1252")]
    with pytest.raises(ParseError, match="mixes character encodings"):
        decode_upload(b"".join(parts if utf8_first else parts[::-1]))


def test_a_parse_error_carries_its_message_and_parameters_for_a_form():
    error = ParseError("%(value)s is not a whole number.", value="fem")
    assert isinstance(error, ValueError)
    assert (error.message, error.params, str(error)) == (
        "%(value)s is not a whole number.",
        {"value": "fem"},
        "fem is not a whole number.",
    )


NAMES = st.text(alphabet="abcdefghijklmnoprstuvyæøå ", min_size=1, max_size=20)


@given(NAMES, NAMES, st.floats(min_value=0.5, max_value=0.95))
def test_giving_up_early_never_changes_whether_two_names_are_alike(a, b, threshold):
    first, second = normalise_name(a), normalise_name(b)
    assert (normalised_similarity(first, second, at_least=threshold) >= threshold) == (
        name_similarity(a, b) >= threshold
    )
