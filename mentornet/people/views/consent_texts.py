"""An organisation's own consent texts: read the versions, publish a new one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mentornet.core.http import AuthedRequest
from mentornet.core.views import handle_form
from mentornet.organisations.selectors import get_organisation_for_admin
from mentornet.people.forms.intake import ConsentTextForm
from mentornet.people.models import ConsentText
from mentornet.people.services.intake import consent_text_publish, current_consent_text


@login_required
def consent_text_list(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request.user, organisation_id)
    form = ConsentTextForm(request.POST or None)
    published = handle_form(
        request,
        form,
        lambda data: consent_text_publish(actor=request.user, organisation=organisation, **data),
        _("The new version is published. Consents already given keep the text they were given to."),
    )
    if published:
        return redirect("people:consent_text_list", organisation_id=organisation.pk)
    current = [current_consent_text(purpose, organisation) for purpose in ConsentText.Purpose.values]
    history = ConsentText.objects.filter(Q(organisation=organisation) | Q(organisation__isnull=True)).order_by(
        "purpose", "-version"
    )
    context = {"organisation": organisation, "form": form, "current": current, "history": history}
    return render(request, "people/consent_text_list.html", context)
