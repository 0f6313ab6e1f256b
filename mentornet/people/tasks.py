"""Background work for the person register: the import's dry run and the import itself."""

from __future__ import annotations

from django_tasks import task

from mentornet.people.models import ImportJob
from mentornet.people.services.imports import import_check, import_run


@task()
def check_import(*, job_id: int) -> None:
    job = ImportJob.objects.filter(pk=job_id, state=ImportJob.State.CHECKING).first()
    if job is not None:
        import_check(job)


@task()
def run_import(*, job_id: int) -> None:
    job = ImportJob.objects.filter(pk=job_id, state=ImportJob.State.IMPORTING).first()
    if job is not None:
        import_run(job)
