"""Data subject rights on the person page: a copy of the data (access request) and erasure."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mentornet.core.http import AuthedRequest
from mentornet.people.selectors import can_reveal, get_person_for_user
from mentornet.people.services.rights import person_anonymise, person_data_export


@login_required
def person_data(request: AuthedRequest, person_id: int) -> HttpResponse:
    """Everything stored about the person, as a readable page or as JSON. Coordinators of the branch only."""
    person = get_person_for_user(request.user, person_id)
    if not can_reveal(request.user, person):
        raise PermissionDenied
    data = person_data_export(actor=request.user, person=person)
    if request.GET.get("format") == "json":
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json"
        )
        response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "people/person_data.html", {"person": person, "data": data})


@login_required
def person_erase(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, person_id)
    if not can_reveal(request.user, person):
        raise PermissionDenied
    if request.method == "POST":
        if request.POST.get("confirm") != "ja":
            messages.error(request, _("Tick the box to confirm the erasure."))
        else:
            try:
                person_anonymise(actor=request.user, person=person)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The person is anonymised. The record still counts in statistics."))
                return redirect("people:person_detail", person_id=person.pk)
    return render(request, "people/person_erase.html", {"person": person})
