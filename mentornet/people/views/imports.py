"""Importing a legacy register: upload, map the columns, read the dry-run report, import with a progress bar."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentornet.core.http import AuthedRequest
from mentornet.core.views import handle_form
from mentornet.organisations.models import Branch
from mentornet.people.forms.imports import ImportColumnsForm, ImportUploadForm
from mentornet.people.models import ImportJob
from mentornet.people.selectors import get_import_job_for_user, import_jobs_for_user, people_branch_ids
from mentornet.people.services.imports import earlier_import, import_set_columns, import_start, import_upload


@login_required
def import_list(request: AuthedRequest) -> HttpResponse:
    branch_ids = people_branch_ids(request.user)
    if not branch_ids:
        raise PermissionDenied
    branches = Branch.objects.filter(pk__in=branch_ids, is_active=True).order_by("name")
    form = ImportUploadForm(request.POST or None, request.FILES or None, branches=branches)
    job = handle_form(
        request,
        form,
        lambda data: import_upload(
            actor=request.user,
            branch=data["branch"],
            kind=data["kind"],
            file_name=data["file"].name,
            content=data["file"].read(),
            encoding=data["encoding"],
            mapping=data["mapping"],
        ),
        _("The file is uploaded. Check which field each column holds."),
    )
    if job:
        return redirect("people:import_detail", job_id=job.pk)
    jobs = import_jobs_for_user(request.user)[:20]
    return render(request, "people/import_list.html", {"form": form, "jobs": jobs})


@login_required
def import_detail(request: AuthedRequest, job_id: int) -> HttpResponse:
    job = get_import_job_for_user(request.user, job_id)
    if request.htmx and not job.is_running:
        return HttpResponse(headers={"HX-Refresh": "true"})  # the work finished: show the result page
    form = ImportColumnsForm(request.POST or None, job=job)
    if job.state in {ImportJob.State.UPLOADED, ImportJob.State.CHECKED, ImportJob.State.FAILED}:
        saved = handle_form(
            request,
            form,
            lambda data: import_set_columns(
                actor=request.user, job=job, columns=form.columns(), save_as=data["save_as"]
            ),
            _("The file is being checked. Nothing is imported yet."),
        )
        if saved:
            return redirect("people:import_detail", job_id=job.pk)
    show_all = request.GET.get("vis") == "alle"
    rows = job.report if show_all else [row for row in job.report if row["outcome"] != "accepted"]
    context = {
        "job": job,
        "form": form,
        "rows": Paginator(rows, 100).get_page(request.GET.get("side")),
        "show_all": show_all,
        "query": "vis=alle" if show_all else "",
        "earlier": earlier_import(job),
    }
    template = "people/import_detail.html#progress" if request.htmx else "people/import_detail.html"
    return render(request, template, context)


@login_required
@require_POST
def import_commit(request: AuthedRequest, job_id: int) -> HttpResponse:
    job = get_import_job_for_user(request.user, job_id)
    if job.error_rows and request.POST.get("confirm") != "ja":
        messages.error(request, _("Tick the box to import without the rows that have errors."))
    else:
        try:
            import_start(actor=request.user, job=job)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The import has started."))
    return redirect("people:import_detail", job_id=job.pk)
