from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from mentornet.people.models import Consent, ImportJob, Kind, Person
from mentornet.people.services import imports
from mentornet.people.services.imports import import_set_columns, import_start, import_upload

pytestmark = pytest.mark.django_db

MESSY = (
    "Fornavn;Efternavn;E-mail;Tlf.;Fødselsdato;Køn;Sprog;Samtykke;Oprettet\r\n"
    "Mette;Ørsted;mette@example.org;+45 12 34 56 78;03-04-1965;K;Dansk, engelsk;Ja;1/2/09\r\n"
    "Jens;Åberg;jens@example.org;22334455;3/4/70;Mand;dansk;Nej;01-03-2009\r\n"
    "Fatima;Æbelø;fatima@;12 34;31-02-1980;Q;klingon;Ja;\r\n"
    ";;;;;;;;\r\n"
    "Mette;Ørsted;mette@example.org;+4512345678;03-04-1965;K;Dansk;Ja;1/2/09\r\n"
    "Søren;Kierkegaard;;;05-05-1975;M;Dansk, tysk;;\r\n"
)


def _job(world, alice, content: bytes = MESSY.encode("cp1252"), name="mentorbank.csv", kind=Kind.MENTOR):
    return import_upload(actor=alice, branch=world.kbh, kind=kind, file_name=name, content=content)


def _checked(world, alice, django_capture_on_commit_callbacks, **kwargs):
    job = _job(world, alice, **kwargs)
    with django_capture_on_commit_callbacks(execute=True):
        import_set_columns(actor=alice, job=job, columns=job.columns)
    job.refresh_from_db()
    return job


def _imported(job, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        import_start(actor=alice, job=job)
    job.refresh_from_db()
    return job


def test_the_columns_are_guessed_from_danish_headings(world, alice):
    job = _job(world, alice)
    assert job.encoding == ""
    assert job.columns == {
        "Fornavn": "first_name",
        "Efternavn": "last_name",
        "E-mail": "email",
        "Tlf.": "phone",
        "Fødselsdato": "birth_date",
        "Køn": "gender",
        "Sprog": "languages",
        "Samtykke": "consent_date",
        "Oprettet": "registered",
    }


def test_the_dry_run_reports_every_row_in_danish_and_imports_nothing(world, alice, django_capture_on_commit_callbacks):
    job = _checked(world, alice, django_capture_on_commit_callbacks)
    assert job.state == ImportJob.State.CHECKED
    assert (job.total_rows, job.processed_rows) == (5, 5)
    assert (job.accepted_rows, job.warning_rows, job.error_rows, job.duplicate_rows) == (3, 0, 1, 1)
    fatima = next(row for row in job.report if row["name"] == "Fatima Æbelø")
    text = " ".join(fatima["messages"])
    assert "e-mailadresse" in text
    assert "findes ikke" in text  # 31-02-1980
    assert "Ukendt værdi for køn" in text
    duplicate = next(row for row in job.report if row["row"] == 6)  # the spreadsheet's own row number
    assert "række 2" in duplicate["messages"][0]
    assert not Person.objects.exists()


def test_the_import_creates_the_accepted_rows_with_their_values(world, alice, django_capture_on_commit_callbacks):
    job = _imported(
        _checked(world, alice, django_capture_on_commit_callbacks), alice, django_capture_on_commit_callbacks
    )
    assert (job.state, job.created_count) == (ImportJob.State.DONE, 3)
    mette = Person.objects.get(first_name="Mette")
    assert (mette.last_name, mette.phone, str(mette.birth_date), mette.gender) == (
        "Ørsted",
        "+4512345678",
        "1965-04-03",
        "female",
    )
    assert sorted(lang.code for lang in mette.languages.all()) == ["da", "en"]
    assert mette.created_at.date().isoformat() == "2009-02-01"
    assert (mette.source, mette.kind, mette.status) == ("import", "mentor", "interested")
    assert Consent.objects.get(person=mette).method == "import"
    assert not Consent.objects.filter(person__first_name="Jens").exists()  # "Nej"
    assert Person.objects.get(first_name="Søren").languages.count() == 2


def test_importing_the_same_file_again_creates_nothing_new(world, alice, django_capture_on_commit_callbacks):
    _imported(_checked(world, alice, django_capture_on_commit_callbacks), alice, django_capture_on_commit_callbacks)
    again = _checked(world, alice, django_capture_on_commit_callbacks)
    assert (again.accepted_rows, again.duplicate_rows) == (0, 4)
    with pytest.raises(ValidationError):
        import_start(actor=alice, job=again)
    assert Person.objects.count() == 3


def test_utf8_with_a_bom_and_an_excel_workbook_are_read_too(world, alice, django_capture_on_commit_callbacks):
    bom = _checked(world, alice, django_capture_on_commit_callbacks, content=b"\xef\xbb\xbf" + MESSY.encode())
    assert bom.accepted_rows == 3
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Navn", "Telefon", "Født", "Køn"])
    sheet.append(["Hassan, Fatima", 12345678, "03-04-1990", "Kvinde"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    xlsx = _checked(
        world, alice, django_capture_on_commit_callbacks, content=buffer.getvalue(), name="bank.xlsx", kind=Kind.MENTEE
    )
    assert (xlsx.accepted_rows, xlsx.error_rows) == (1, 0)
    _imported(xlsx, alice, django_capture_on_commit_callbacks)
    fatima = Person.objects.get(kind=Kind.MENTEE)
    assert (fatima.first_name, fatima.last_name, fatima.phone) == ("Fatima", "Hassan", "+4512345678")


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("Navn\r\nSøren\r\n".encode() + "Ørsted\r\n".encode("cp1252"), "mixed.csv", "blander tegnsæt"),
        (b"%PDF-1.4 binary", "bank.pdf", "CSV-fil"),
        (b"Not a workbook", "bank.xlsx", "ikke en Excel"),
        (b"", "empty.csv", "tom"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(world, alice, content, name, message):
    with pytest.raises(ValidationError, match=message):
        _job(world, alice, content=content, name=name)
    assert not ImportJob.objects.exists()


def test_a_failure_half_way_leaves_nothing_behind(world, alice, django_capture_on_commit_callbacks, monkeypatch):
    rows = "Fornavn;E-mail\r\n" + "".join(f"Person{n};p{n}@example.org\r\n" for n in range(600))
    job = _checked(world, alice, django_capture_on_commit_callbacks, content=rows.encode())
    real_stage, calls = imports._stage, []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_stage(*args, **kwargs)

    monkeypatch.setattr(imports, "_stage", failing)
    job = _imported(job, alice, django_capture_on_commit_callbacks)
    assert job.state == ImportJob.State.FAILED
    assert "disk full" in job.error
    assert not Person.objects.exists()  # the first batch was staged, then removed


def test_a_coordinator_imports_through_the_pages(client, alice, world, django_capture_on_commit_callbacks):
    client.force_login(alice)
    upload = SimpleUploadedFile("mentorbank.csv", MESSY.encode("cp1252"), content_type="text/csv")
    response = client.post(reverse("people:import_list"), {"branch": world.kbh.pk, "kind": "mentor", "file": upload})
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("people:import_detail", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Fødselsdato" in page
    columns = {f"column_{n}": job.columns.get(header, "") for n, header in enumerate(job.headers)}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {**columns, "save_as": "Gammel mentorbank"})
    page = client.get(response["Location"]).content.decode()
    assert "3 rækker er klar" in page
    assert "Ukendt værdi for køn" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("people:import_commit", args=[job.pk]), {"confirm": "ja"})
    page = client.get(response["Location"]).content.decode()
    assert "3 personer blev importeret" in page
    assert Person.objects.filter(branch=world.kbh, kind="mentor").count() == 3


def test_the_progress_is_polled_while_the_work_runs(client, alice, world):
    job = _job(world, alice)
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.IMPORTING, total_rows=400, processed_rows=100)
    client.force_login(alice)
    fragment = client.get(
        reverse("people:import_detail", args=[job.pk]), headers={"hx-request": "true"}
    ).content.decode()
    assert "<progress" in fragment
    assert 'value="25"' in fragment
    assert "<html" not in fragment
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.DONE)
    done = client.get(reverse("people:import_detail", args=[job.pk]), headers={"hx-request": "true"})
    assert done["HX-Refresh"] == "true"


def test_an_oversized_or_wrong_upload_is_refused_by_the_form(client, alice, world):
    client.force_login(alice)
    big = SimpleUploadedFile("big.csv", b"a" * (5 * 1024 * 1024 + 1))
    body = client.post(
        reverse("people:import_list"), {"branch": world.kbh.pk, "kind": "mentor", "file": big}
    ).content.decode()
    assert "større end 5 MB" in body
    exe = SimpleUploadedFile("virus.exe", b"MZ")
    body = client.post(
        reverse("people:import_list"), {"branch": world.kbh.pk, "kind": "mentor", "file": exe}
    ).content.decode()
    assert "CSV-fil" in body
    assert not ImportJob.objects.exists()


def test_the_report_lists_every_row_when_asked(client, alice, world, django_capture_on_commit_callbacks):
    job = _checked(world, alice, django_capture_on_commit_callbacks)
    client.force_login(alice)
    problems = client.get(reverse("people:import_detail", args=[job.pk])).content.decode()
    assert "Søren Kierkegaard" not in problems  # accepted rows are not problems
    everything = client.get(reverse("people:import_detail", args=[job.pk]), {"vis": "alle"}).content.decode()
    assert "Søren Kierkegaard" in everything
    assert "Klar" in everything
