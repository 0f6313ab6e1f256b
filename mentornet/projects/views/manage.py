"""Project holders register and update their projects; a municipal administrator approves publication."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentornet.accounts.models import Role
from mentornet.core.access import access_for
from mentornet.core.http import AuthedRequest
from mentornet.core.views import add_form_errors, run_service
from mentornet.projects import selectors, services
from mentornet.projects.budget import summarise
from mentornet.projects.forms import ActivityFormSet, BudgetLineFormSet, ProjectForm, filled
from mentornet.projects.models import Project


@login_required
def my_projects(request: AuthedRequest) -> HttpResponse:
    projects = selectors.holder_projects(request.user).order_by("-updated_at", "pk")
    return render(request, "projects/my_projects.html", {"projects": projects})


def _edit(request: AuthedRequest, project: Project | None) -> HttpResponse:
    """The registration form with its activities and budget lines; every error shows with what was typed."""
    data = request.POST if request.method == "POST" else None
    form = ProjectForm(
        data, instance=project or Project(), organisation_ids=access_for(request.user).organisation_ids()
    )
    activities = ActivityFormSet(
        data,
        prefix="activities",
        initial=[{"activity": a.activity, "success_criterion": a.success_criterion} for a in _rows(project, "a")],
    )
    budget = BudgetLineFormSet(
        data,
        prefix="budget",
        initial=[{f: getattr(line, f) for f in services.LINE_FIELDS} for line in _rows(project, "b")],
    )
    if data is not None and all([form.is_valid(), activities.is_valid(), budget.is_valid()]):
        fields = dict(form.cleaned_data)
        areas, lines = fields.pop("areas"), filled(budget)
        try:
            if project is None:
                municipality = min(
                    (m for m in access_for(request.user).memberships if m.role == Role.PROJECT_HOLDER),
                    key=lambda m: m.pk,
                ).organisation
                project = services.project_create(
                    actor=request.user,
                    municipality=municipality,
                    data=fields,
                    areas=areas,
                    activities=filled(activities),
                    budget_lines=lines,
                )
            else:
                services.project_update(
                    actor=request.user,
                    project=project,
                    data=fields,
                    areas=areas,
                    activities=filled(activities),
                    budget_lines=lines,
                )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The project is saved."))
            return redirect("projects:project_edit", project_id=project.pk)
    context = {
        "form": form,
        "activities": activities,
        "budget_formset": budget,
        "project": project,
        "budget": summarise(project.budget_lines.all()) if project else None,
    }
    return render(request, "projects/project_form.html", context)


def _rows(project: Project | None, which: str) -> list:  # type: ignore[type-arg]
    if project is None:
        return []
    return list(project.activities.all() if which == "a" else project.budget_lines.all())


@login_required
def project_create(request: AuthedRequest) -> HttpResponse:
    selectors.holder_projects(request.user)  # 403 without the project holder role
    return _edit(request, None)


@login_required
def project_edit(request: AuthedRequest, project_id: int) -> HttpResponse:
    return _edit(request, selectors.get_project_for_holder(request.user, project_id))


@login_required
@require_POST
def project_submit(request: AuthedRequest, project_id: int) -> HttpResponse:
    project = selectors.get_project_for_holder(request.user, project_id)
    run_service(
        request,
        lambda: services.project_submit(actor=request.user, project=project),
        _("The project is sent to the municipality for approval."),
    )
    return redirect("projects:project_edit", project_id=project.pk)


@login_required
def approval_list(request: AuthedRequest) -> HttpResponse:
    return render(request, "projects/approval_list.html", {"projects": selectors.awaiting_approval(request.user)})


@login_required
def project_review(request: AuthedRequest, project_id: int) -> HttpResponse:
    project = selectors.get_project_for_approval(request.user, project_id)
    context = {"project": project, "budget": summarise(project.budget_lines.all()), "review": True}
    return render(request, "projects/project_review.html", context)


@login_required
@require_POST
def project_approve(request: AuthedRequest, project_id: int) -> HttpResponse:
    project = selectors.get_project_for_approval(request.user, project_id)
    if not run_service(
        request,
        lambda: services.project_approve(actor=request.user, project=project),
        _("The project is published in the project bank."),
    ):
        return redirect("projects:project_review", project_id=project.pk)
    return redirect("projects:approval_list")
