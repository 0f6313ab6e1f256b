from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentornet.accounts.selectors import branch_coordinators
from mentornet.core.access import access_for
from mentornet.core.http import AuthedRequest
from mentornet.core.views import handle_form
from mentornet.organisations import services
from mentornet.organisations.forms import BranchForm, OrganisationForm, ProgrammeForm, TargetEditForm, TargetForm
from mentornet.organisations.models import Branch, Programme, Target
from mentornet.organisations.selectors import (
    branch_list,
    get_branch_for_admin,
    get_branch_for_user,
    get_organisation_for_admin,
    get_organisation_logo,
    get_programme_for_admin,
    get_programme_for_user,
    get_target_for_admin,
    programme_targets,
    with_team_and_programmes,
)


@login_required
def organisation_detail(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request.user, organisation_id)
    context = {"organisation": organisation, "branches": branch_list(organisation)}
    return render(request, "organisations/organisation_detail.html", context)


@login_required
def organisation_edit(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request.user, organisation_id)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    saved = handle_form(
        request,
        form,
        lambda data: services.organisation_update(actor=request.user, organisation=organisation, data=data),
        _("The organisation is saved."),
    )
    if saved:
        return redirect("organisations:organisation_detail", organisation_id=organisation.pk)
    return render(request, "organisations/organisation_form.html", {"organisation": organisation, "form": form})


@login_required
def organisation_logo(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    """The logo, for the organisation's pages and reports (the pages' CSP allows no inline images)."""
    logo = get_organisation_logo(request.user, organisation_id)
    response = HttpResponse(bytes(logo.image), content_type=logo.organisation.logo_type)
    response["Cache-Control"] = "private, no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def branch_create(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request.user, organisation_id)
    form = BranchForm(request.POST or None, instance=Branch(organisation=organisation))
    branch = handle_form(
        request,
        form,
        lambda data: services.branch_create(actor=request.user, organisation=organisation, data=data),
        _("The branch is created."),
    )
    if branch:
        return redirect("organisations:branch_detail", branch_id=branch.pk)
    return render(request, "organisations/branch_form.html", {"organisation": organisation, "form": form})


@login_required
def branch_detail(request: AuthedRequest, branch_id: int) -> HttpResponse:
    branch = with_team_and_programmes(Branch.objects.filter(pk=get_branch_for_user(request.user, branch_id).pk))[0]
    context = {
        "branch": branch,
        "coordinators": branch_coordinators(branch),
        "is_admin": access_for(request.user).is_admin_of(branch.organisation_id),
    }
    return render(request, "organisations/branch_detail.html", context)


@login_required
def branch_edit(request: AuthedRequest, branch_id: int) -> HttpResponse:
    branch = get_branch_for_admin(request.user, branch_id)
    form = BranchForm(request.POST or None, instance=branch)
    saved = handle_form(
        request,
        form,
        lambda data: services.branch_update(actor=request.user, branch=branch, data=data),
        _("The branch is saved."),
    )
    if saved:
        return redirect("organisations:branch_detail", branch_id=branch.pk)
    return render(
        request, "organisations/branch_form.html", {"organisation": branch.organisation, "branch": branch, "form": form}
    )


@login_required
def programme_create(request: AuthedRequest, branch_id: int) -> HttpResponse:
    branch = get_branch_for_admin(request.user, branch_id)
    form = ProgrammeForm(request.POST or None, instance=Programme(branch=branch))
    programme = handle_form(
        request,
        form,
        lambda data: services.programme_create(actor=request.user, branch=branch, data=data),
        _("The programme is created."),
    )
    if programme:
        return redirect("organisations:programme_detail", programme_id=programme.pk)
    return render(request, "organisations/programme_form.html", {"branch": branch, "form": form})


@login_required
def programme_detail(request: AuthedRequest, programme_id: int) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_id)
    context = {
        "programme": programme,
        "targets": programme_targets(programme),
        "is_admin": access_for(request.user).is_admin_of(programme.branch.organisation_id),
    }
    return render(request, "organisations/programme_detail.html", context)


@login_required
def programme_edit(request: AuthedRequest, programme_id: int) -> HttpResponse:
    programme = get_programme_for_admin(request.user, programme_id)
    form = ProgrammeForm(request.POST or None, instance=programme)
    saved = handle_form(
        request,
        form,
        lambda data: services.programme_update(actor=request.user, programme=programme, data=data),
        _("The programme is saved."),
    )
    if saved:
        return redirect("organisations:programme_detail", programme_id=programme.pk)
    context = {"branch": programme.branch, "programme": programme, "form": form}
    return render(request, "organisations/programme_form.html", context)


@login_required
def target_create(request: AuthedRequest, programme_id: int) -> HttpResponse:
    programme = get_programme_for_admin(request.user, programme_id)
    form = TargetForm(request.POST or None, instance=Target(programme=programme))
    target = handle_form(
        request,
        form,
        lambda data: services.target_create(actor=request.user, programme=programme, data=data),
        _("The target is added."),
    )
    if target:
        return redirect("organisations:programme_detail", programme_id=programme.pk)
    return render(request, "organisations/target_form.html", {"programme": programme, "form": form})


@login_required
def target_edit(request: AuthedRequest, programme_id: int, target_id: int) -> HttpResponse:
    target = get_target_for_admin(request.user, programme_id, target_id)
    form = TargetEditForm(request.POST or None, instance=target)
    saved = handle_form(
        request,
        form,
        lambda data: services.target_update(
            actor=request.user,
            target=target,
            data={k: v for k, v in data.items() if k != "revision_note"},
            revision_note=data["revision_note"],
        ),
        _("The target is saved."),
    )
    if saved:
        return redirect("organisations:programme_detail", programme_id=programme_id)
    context = {
        "programme": target.programme,
        "target": target,
        "form": form,
        "revisions": target.revisions.select_related("changed_by"),
    }
    return render(request, "organisations/target_form.html", context)


@login_required
@require_POST
def target_delete(request: AuthedRequest, programme_id: int, target_id: int) -> HttpResponse:
    target = get_target_for_admin(request.user, programme_id, target_id)
    services.target_delete(actor=request.user, target=target)
    messages.success(request, _("The target is deleted."))
    return redirect("organisations:programme_detail", programme_id=programme_id)
