from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateSyntaxError
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentornet.core.http import AuthedRequest
from mentornet.core.views import handle_form
from mentornet.notifications import services
from mentornet.notifications.forms import MessageTextForm
from mentornet.notifications.registry import LANGUAGES
from mentornet.notifications.selectors import get_kind, message_kinds
from mentornet.organisations.selectors import get_organisation_for_admin


@login_required
def message_list(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request.user, organisation_id)
    context = {"organisation": organisation, "rows": message_kinds(organisation), "languages": LANGUAGES}
    return render(request, "notifications/message_list.html", context)


@login_required
def message_edit(request: AuthedRequest, organisation_id: int, code: str, language: str) -> HttpResponse:
    organisation = get_organisation_for_admin(request.user, organisation_id)
    kind = get_kind(code, language)
    subject, body = services.message_text(kind, organisation, language)
    form = MessageTextForm(request.POST or None, initial={"subject": subject, "body": body})
    saved = handle_form(
        request,
        form,
        lambda data: services.message_template_update(
            actor=request.user, organisation=organisation, kind=kind, language=language, **data
        ),
        _("The text is saved."),
    )
    if saved:
        return redirect("notifications:message_list", organisation_id=organisation.pk)
    if form.is_bound:
        subject, body = form.data.get("subject", ""), form.data.get("body", "")
    try:
        preview = services.render_text(subject, body, {name: f"[{name}]" for name in kind.variables})
    except TemplateSyntaxError:
        preview = None
    context = {"organisation": organisation, "kind": kind, "language": language, "form": form, "preview": preview}
    return render(request, "notifications/message_edit.html", context)


@login_required
@require_POST
def message_reset(request: AuthedRequest, organisation_id: int, code: str, language: str) -> HttpResponse:
    organisation = get_organisation_for_admin(request.user, organisation_id)
    kind = get_kind(code, language)
    services.message_template_reset(actor=request.user, organisation=organisation, kind=kind, language=language)
    messages.success(request, _("The standard text is used again."))
    return redirect("notifications:message_list", organisation_id=organisation.pk)
