from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from mentornet.core.http import AuthedRequest, PublicRequest
from mentornet.core.selectors import dashboard_for, organisation_audit_log
from mentornet.organisations.selectors import get_organisation_for_admin

T = TypeVar("T")


def add_form_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's validation error on the form that sent the data."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def handle_form(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[dict[str, Any]], T],
    success_message: str | Callable[[T], str],
) -> T | None:
    """On a valid POST, save through ``save`` (a service call) and flash the message; else None.

    A service's ValidationError lands on the form, so the user keeps what they typed. The message may be
    a function of what was saved."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = save(form.cleaned_data)
    except ValidationError as error:
        add_form_errors(form, error)
        return None
    messages.success(request, success_message(result) if callable(success_message) else success_message)
    return result


def posted(request: HttpRequest) -> QueryDict | None:
    """The POST data, bound even when empty (nothing ticked is an answer to report, not an unsent form)."""
    return request.POST if request.method == "POST" else None


def run_service(request: HttpRequest, action: Callable[[], object], done: str) -> bool:
    """Run a service for a button press and flash what happened; a refusal (ValidationError) is said instead."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, done)
    return True


def flash_form_errors(request: HttpRequest, form: forms.BaseForm) -> None:
    """A small form's errors as one message, for forms posted from a page that shows no form of its own."""
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))


def run_form_service(
    request: HttpRequest, form: forms.BaseForm, action: Callable[[dict[str, Any]], object], done: str
) -> None:
    """``run_service`` on a valid form's data; an invalid form's errors are flashed instead."""
    if form.is_valid():
        run_service(request, lambda: action(form.cleaned_data), done)
    else:
        flash_form_errors(request, form)


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; send them to the real icon."""
    return redirect(static("img/favicon.svg"))


@require_GET
def home(request: PublicRequest) -> HttpResponse:
    return render(request, "core/home.html")


@login_required
def dashboard(request: AuthedRequest) -> HttpResponse:
    return render(request, "core/dashboard.html", {"dashboard": dashboard_for(request.user)})


@login_required
def audit_log_list(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request.user, organisation_id)
    page = Paginator(organisation_audit_log(organisation), 50).get_page(request.GET.get("side"))
    return render(request, "core/audit_log.html", {"organisation": organisation, "page": page})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "core/error.html", {"status": 403, "kind": "csrf"}, status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"status": 400, "kind": "bad_request"}, status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"status": 403, "kind": "forbidden"}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"status": 404, "kind": "not_found"}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request: context processors may be what failed.
    body = loader.render_to_string("core/error.html", {"status": 500, "kind": "server_error"})
    return HttpResponse(body, status=500)


def lazy_context(build: Callable[[], dict[str, Any]], *names: str) -> dict[str, Any]:
    """Context values worked out once, and only when the template uses one: behind a ``{% cache %}`` fragment of a
    public page they cost nothing while the fragment is in the cache."""
    built: dict[str, Any] = {}

    def value(name: str) -> Any:
        if not built:
            built.update(build())
        return built[name]

    return {name: SimpleLazyObject(partial(value, name)) for name in names}
