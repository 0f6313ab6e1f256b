"""Writes for importing a legacy register: upload, map columns, dry run, then an all-or-nothing import.

The import runs in batches so that its progress can be shown, but the rows are staged (invisible) until the
last step makes them all visible in one transaction; a failure removes every staged row.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentornet.accounts.models import User
from mentornet.core.services import audit_log
from mentornet.organisations.models import Branch
from mentornet.people.importing import RowResult, convert_rows, suggest_columns
from mentornet.people.models import (
    FIRST_STATUS,
    PIPELINES,
    Consent,
    ConsentText,
    DuplicateFlag,
    ImportJob,
    ImportMapping,
    Kind,
    Person,
    Source,
    Status,
    StatusChange,
)
from mentornet.people.services.intake import SIGNUP_PURPOSE, current_consent_text
from mentornet.people.services.person import PROFILE_MODELS
from mentornet.people.spreadsheets import ImportFileError, is_blank_row, read_table

BATCH = 250


def import_upload(
    *,
    actor: User,
    branch: Branch,
    kind: str,
    file_name: str,
    content: bytes,
    encoding: str = "",
    mapping: ImportMapping | None = None,
) -> ImportJob:
    """Store an uploaded file and read its headings; the columns are guessed or taken from a saved mapping."""
    try:
        headers, _rows = read_table(content, file_name, encoding)
    except ImportFileError as error:
        raise ValidationError({"file": str(error)}) from None
    columns = suggest_columns(headers, kind)
    if mapping is not None:
        columns = {header: key for header, key in mapping.columns.items() if header in headers}
    job = ImportJob.objects.create(
        organisation=branch.organisation,
        branch=branch,
        kind=kind,
        created_by=actor,
        file_name=file_name[:200],
        file_sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        encoding=encoding,
        headers=headers,
        columns=columns,
    )
    audit_log(actor=actor, action="import.upload", target=job, branch=branch)
    return job


def earlier_import(job: ImportJob) -> ImportJob | None:
    """The same file imported before into the organisation, if it was."""
    return (
        ImportJob.objects.filter(organisation=job.organisation, file_sha256=job.file_sha256, state=ImportJob.State.DONE)
        .exclude(pk=job.pk)
        .order_by("-finished_at")
        .first()
    )


def import_set_columns(*, actor: User, job: ImportJob, columns: dict[str, str], save_as: str = "") -> ImportJob:
    """Set the mapping (heading → field), optionally saving it for next time, and queue the dry run."""
    from mentornet.people.tasks import check_import

    keys = [key for key in columns.values() if key]
    if len(keys) != len(set(keys)):
        raise ValidationError(_("Two columns are mapped to the same field. Map each field once."))
    if not ({"first_name", "full_name"} & set(keys)):
        raise ValidationError(_("Map a column to the name (full name or first name)."))
    with transaction.atomic():
        job.columns = {header: key for header, key in columns.items() if key}
        job.state = ImportJob.State.CHECKING
        job.processed_rows = 0
        job.save(update_fields=["columns", "state", "processed_rows"])
        if save_as:
            ImportMapping.objects.update_or_create(
                organisation=job.organisation, kind=job.kind, name=save_as[:100], defaults={"columns": job.columns}
            )
        audit_log(actor=actor, action="import.map", target=job, branch=job.branch)
        transaction.on_commit(lambda: check_import.enqueue(job_id=job.pk))
    return job


def _progress(job: ImportJob) -> Any:
    def report(done: int) -> None:
        if done % BATCH == 0 or done == job.total_rows:
            ImportJob.objects.filter(pk=job.pk).update(processed_rows=done)

    return report


def _rows(job: ImportJob) -> tuple[list[str], list[list[Any]]]:
    return read_table(bytes(job.content), job.file_name, job.encoding)


def import_check(job: ImportJob) -> ImportJob:
    """The dry run: every row is read and judged exactly as the import will; nothing is written but the report."""
    try:
        headers, rows = _rows(job)
    except ImportFileError as error:
        return _fail(job, str(error))
    total = sum(1 for row in rows if not is_blank_row(row))
    ImportJob.objects.filter(pk=job.pk).update(total_rows=total, processed_rows=0)
    job.total_rows = total
    counts = {"accepted": 0, "warning": 0, "error": 0, "duplicate": 0}
    report: list[dict[str, Any]] = []
    for result in convert_rows(headers, rows, job.columns, job.kind, job.organisation, _progress(job)):
        counts[result.outcome] += 1
        report.append(result.as_report())
    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportJob.State.CHECKED,
        processed_rows=total,
        accepted_rows=counts["accepted"],
        warning_rows=counts["warning"],
        error_rows=counts["error"],
        duplicate_rows=counts["duplicate"],
        report=report,
    )
    job.refresh_from_db()
    return job


def import_start(*, actor: User, job: ImportJob) -> ImportJob:
    """Queue the import of a checked file. Rows with errors and rows already in the register are skipped."""
    from mentornet.people.tasks import run_import

    if job.state != ImportJob.State.CHECKED:
        raise ValidationError(_("Check the file before importing it."))
    if job.accepted_rows + job.warning_rows == 0:
        raise ValidationError(_("There are no new rows to import."))
    with transaction.atomic():
        job.state = ImportJob.State.IMPORTING
        job.processed_rows = 0
        job.save(update_fields=["state", "processed_rows"])
        audit_log(actor=actor, action="import.start", target=job, branch=job.branch)
        transaction.on_commit(lambda: run_import.enqueue(job_id=job.pk))
    return job


def import_run(job: ImportJob) -> ImportJob:
    """Create the people of a checked file: staged batch by batch, then made visible all at once."""
    try:
        headers, rows = _rows(job)
        results = [
            r
            for r in convert_rows(headers, rows, job.columns, job.kind, job.organisation)
            if r.outcome in {"accepted", "warning"}
        ]
        job.total_rows = len(results)
        ImportJob.objects.filter(pk=job.pk).update(total_rows=len(results), processed_rows=0)
        consent_text = (
            current_consent_text(SIGNUP_PURPOSE[job.kind], job.organisation) if job.kind in SIGNUP_PURPOSE else None
        )
        for start in range(0, len(results), BATCH):
            with transaction.atomic():
                _stage(job, results[start : start + BATCH], consent_text)
            ImportJob.objects.filter(pk=job.pk).update(processed_rows=min(start + BATCH, len(results)))
        with transaction.atomic():
            created = Person.objects.filter(import_job=job, is_staged=True).update(is_staged=False)
            ImportJob.objects.filter(pk=job.pk).update(
                state=ImportJob.State.DONE, created_count=created, finished_at=timezone.now()
            )
            audit_log(
                actor=job.created_by,
                action="import.done",
                target=job,
                branch=job.branch,
                changes={"created": [None, created]},
            )
    except Exception as error:
        Person.objects.filter(import_job=job, is_staged=True).delete()
        return _fail(job, _("The import stopped and nothing was imported: %(error)s") % {"error": error})
    job.refresh_from_db()
    return job


def _stage(job: ImportJob, results: list[RowResult], consent_text: ConsentText | None) -> None:
    """Create one batch of people, invisible until the import finishes, in a handful of bulk inserts."""
    now = timezone.now()
    people: list[Person] = []
    for result in results:
        assert result.data is not None
        status = result.status if result.status in PIPELINES[job.kind] else FIRST_STATUS[job.kind]
        person = Person(
            organisation=job.organisation,
            branch=job.branch,
            kind=job.kind,
            status=status,
            source=Source.IMPORT,
            import_job=job,
            is_staged=True,
            created_at=result.registered or now,
            status_changed_at=result.registered or now,
            **result.data.person,
        )
        # The references are the job's own branch and organisation; checking each one per row would cost
        # three queries a row.
        person.clean_fields(exclude=["organisation", "branch", "programme", "import_job", "user", "merged_into"])
        people.append(person)
    Person.objects.bulk_create(people)
    profile_model = PROFILE_MODELS[job.kind]
    profiles = []
    for person, result in zip(people, results, strict=True):
        assert result.data is not None
        profile = dict(result.data.profile)
        if job.kind == Kind.MENTEE and person.status == Status.WAITING and not profile.get("waiting_since"):
            profile["waiting_since"] = person.created_at.date()
        profiles.append(profile_model(person=person, **profile))
    profile_model._default_manager.bulk_create(profiles)
    _bulk_relations(people, [r.data.relations for r in results if r.data], Person)
    _bulk_relations(profiles, [r.data.profile_relations for r in results if r.data], profile_model)
    StatusChange.objects.bulk_create(
        StatusChange(person=p, to_status=p.status, changed_at=p.created_at, changed_by=job.created_by) for p in people
    )
    DuplicateFlag.objects.bulk_create(
        DuplicateFlag(person=p, existing_id=pk, reason=DuplicateFlag.Reason.NAME)
        for p, result in zip(people, results, strict=True)
        for pk in result.similar_to
    )
    if consent_text is not None:
        Consent.objects.bulk_create(
            Consent(
                person=p,
                text=consent_text,
                method=Consent.Method.IMPORT,
                given_at=timezone.make_aware(datetime.datetime.combine(result.consent_date, datetime.time(12))),
                recorded_by=job.created_by,
            )
            for p, result in zip(people, results, strict=True)
            if result.consent_date is not None
        )


def _bulk_relations(owners: list[Any], relations: list[dict[str, Any]], model: type[Any]) -> None:
    """Many-to-many rows for a batch, one insert per relation."""
    names = {name for rel in relations for name in rel}
    for name in names:
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        through.objects.bulk_create(
            through(**{f"{source}_id": owner.pk, f"{target}_id": item.pk})
            for owner, rel in zip(owners, relations, strict=True)
            for item in rel.get(name, [])
        )


def _fail(job: ImportJob, message: str) -> ImportJob:
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.FAILED, error=message, finished_at=timezone.now())
    job.refresh_from_db()
    return job
