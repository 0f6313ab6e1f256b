"""The coordinator's person register: lists, export, the person page, editing and pipeline moves."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentornet.core.exports import export_response
from mentornet.core.http import AuthedRequest
from mentornet.core.services import audit_log
from mentornet.core.views import handle_form
from mentornet.organisations.models import Branch
from mentornet.people.forms.person import MoveForm, PersonFilterForm, RevealForm, SensitiveForm, person_form_class
from mentornet.people.models import Kind, Person, SensitiveData
from mentornet.people.selectors import (
    KIND_SLUGS,
    SLUG_FOR,
    can_reveal,
    get_person_for_user,
    people_branch_ids,
    person_detail,
    person_list,
)
from mentornet.people.services.person import (
    person_create,
    person_move,
    person_update,
    sensitive_reveal,
    sensitive_update,
)


def _kind(slug: str) -> str:
    if slug not in KIND_SLUGS:
        raise Http404
    return KIND_SLUGS[slug]


def _filter_form(request: AuthedRequest, kind: str) -> PersonFilterForm:
    branches = Branch.objects.filter(pk__in=people_branch_ids(request.user)).order_by("name")
    return PersonFilterForm(request.GET or None, kind=kind, branches=branches)


@login_required
def person_list_view(request: AuthedRequest, kind_slug: str) -> HttpResponse:
    kind = _kind(kind_slug)
    form = _filter_form(request, kind)
    people = person_list(request.user, form.filters())
    page = Paginator(people, 50).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    context = {"kind": kind, "kind_slug": kind_slug, "form": form, "page": page, "query": query.urlencode()}
    template = "people/person_list.html#results" if request.htmx else "people/person_list.html"
    return render(request, template, context)


@login_required
def person_export(request: AuthedRequest, kind_slug: str) -> HttpResponse:
    """The list as it is filtered, as a spreadsheet. Special-category data is never exported; the export is logged."""
    kind = _kind(kind_slug)
    fmt = request.GET.get("format", "xlsx")
    if fmt not in {"xlsx", "csv"}:
        raise Http404
    form = _filter_form(request, kind)
    people = person_list(request.user, form.filters()).prefetch_related("languages")
    headers = [
        _("First name"),
        _("Last name"),
        _("E-mail"),
        _("Phone"),
        _("Date of birth"),
        _("Gender"),
        _("Municipality"),
        _("Area"),
        _("Branch"),
        _("Status"),
        _("Languages"),
        _("Registered"),
    ]
    rows = (
        [
            p.first_name,
            p.last_name,
            p.email,
            p.phone,
            p.birth_date,
            p.get_gender_display(),
            p.municipality,
            p.area,
            p.branch.name,
            p.get_status_display(),
            ", ".join(str(lang) for lang in p.languages.all()),
            timezone.localdate(p.created_at),
        ]
        for p in people.iterator(chunk_size=1000)
    )
    audit_log(
        actor=request.user,
        action="people.export",
        changes={"kind": kind, "format": fmt, "filters": request.GET.urlencode()},
    )
    stem = f"{kind_slug}-{timezone.localdate():%Y-%m-%d}"
    return export_response(fmt, stem, headers, rows, sheet_title=str(Kind(kind).label))


@login_required
def person_create_view(request: AuthedRequest, kind_slug: str) -> HttpResponse:
    kind = _kind(kind_slug)
    branches = Branch.objects.filter(pk__in=people_branch_ids(request.user), is_active=True).order_by("name")
    if not branches:
        raise PermissionDenied
    form_class = person_form_class(kind)
    form = form_class(request.POST or None)
    branch_id = request.POST.get("branch") or (branches[0].pk if len(branches) == 1 else "")
    branch = branches.filter(pk=branch_id).first() if str(branch_id).isdigit() else None
    if request.method == "POST" and branch is None:
        form.is_valid()
        form.add_error(None, _("Choose the branch the person belongs to."))
    elif branch is not None:
        person = handle_form(
            request,
            form,
            lambda data: person_create(actor=request.user, branch=branch, kind=kind, data=form.person_input()),  # type: ignore[attr-defined]
            _("The person is registered."),
        )
        if person:
            return redirect("people:person_detail", person_id=person.pk)
    context = {"form": form, "kind": kind, "kind_slug": kind_slug, "branches": branches, "branch_id": str(branch_id)}
    return render(request, "people/person_create.html", context)


@login_required
def person_detail_view(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, person_id)
    context = {
        "person": person,
        "profile": getattr(person, f"{person.kind}_profile"),
        "kind_slug": SLUG_FOR[person.kind],
        "may_reveal": can_reveal(request.user, person),
        "has_sensitive": SensitiveData.objects.filter(person=person).exists(),
        "move_form": MoveForm(person=person),
        "reveal_form": RevealForm(),
        "proposals": _proposals(person),
        **person_detail(person),
    }
    return render(request, "people/person_detail.html", context)


def _proposals(person: Person) -> list[Any]:
    """The matching proposals a mentee got, or a mentor was shown in (the matching app's records)."""
    if person.kind == Kind.MENTEE:
        return list(person.proposals.prefetch_related("candidates__mentor"))
    if person.kind == Kind.MENTOR:
        return [c.proposal for c in person.candidacies.select_related("proposal__mentee").order_by("-pk")]
    return []


@login_required
def person_edit(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, person_id)
    form_class = person_form_class(person.kind)
    form = form_class(request.POST or None, initial=form_class.initial_for(person))  # type: ignore[attr-defined]
    saved = handle_form(
        request,
        form,
        lambda data: person_update(actor=request.user, person=person, data=form.person_input()),  # type: ignore[attr-defined]
        _("The changes are saved."),
    )
    if saved:
        return redirect("people:person_detail", person_id=person.pk)
    return render(
        request, "people/person_edit.html", {"person": person, "form": form, "kind_slug": SLUG_FOR[person.kind]}
    )


@login_required
@require_POST
def person_move_view(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, person_id)
    form = MoveForm(request.POST, person=person)
    if form.is_valid():
        try:
            person_move(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(name)s is now “%(status)s”.") % {"name": person, "status": person.get_status_display()}
            )
    else:
        messages.error(request, _("Choose one of the statuses the person can move to."))
    return redirect("people:person_detail", person_id=person.pk)


@login_required
@require_POST
def person_reveal(request: AuthedRequest, person_id: int) -> HttpResponse:
    """Show the special-category data, for a stated purpose that goes to the access log."""
    person = get_person_for_user(request.user, person_id)
    if not can_reveal(request.user, person):
        raise PermissionDenied
    form = RevealForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose why you need to see the information."))
        return redirect("people:person_detail", person_id=person.pk)
    purpose = dict(RevealForm.PURPOSES)[form.cleaned_data["purpose"]]
    sensitive = sensitive_reveal(actor=request.user, person=person, purpose=form.cleaned_data["purpose"])
    context = {"person": person, "sensitive": sensitive, "purpose": purpose}
    if request.htmx:
        return render(request, "people/person_detail.html#sensitive_revealed", context)
    return render(request, "people/sensitive_revealed.html", context)


@login_required
def sensitive_edit(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, person_id)
    if not can_reveal(request.user, person):
        raise PermissionDenied
    if request.method == "POST":
        instance = SensitiveData.objects.filter(person=person).first() or SensitiveData(person=person)
        form = SensitiveForm(request.POST, instance=instance)
    else:
        # Opening the form shows the values: that is a reveal, logged like one.
        form = SensitiveForm(instance=sensitive_reveal(actor=request.user, person=person, purpose="edit"))
    saved = handle_form(
        request,
        form,
        lambda data: sensitive_update(actor=request.user, person=person, data=data),
        _("The special-category information is saved."),
    )
    if saved:
        return redirect("people:person_detail", person_id=person.pk)
    return render(request, "people/sensitive_edit.html", {"person": person, "form": form})
