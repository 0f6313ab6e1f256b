"""Possible duplicates: the list, merge and keep apart."""

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
from mentornet.people.selectors import get_duplicate_for_user, open_duplicates, people_branch_ids
from mentornet.people.services.duplicates import duplicate_keep_apart, duplicate_merge


@login_required
def duplicate_list(request: AuthedRequest) -> HttpResponse:
    if not people_branch_ids(request.user):
        raise PermissionDenied
    page = Paginator(open_duplicates(request.user), 25).get_page(request.GET.get("side"))
    return render(request, "people/duplicate_list.html", {"page": page})


@login_required
@require_POST
def duplicate_resolve(request: AuthedRequest, flag_id: int, action: str) -> HttpResponse:
    flag = get_duplicate_for_user(request.user, flag_id)
    try:
        if action == "merge":
            kept = duplicate_merge(actor=request.user, flag=flag)
            messages.success(request, _("The records are merged into %(name)s. All history is kept.") % {"name": kept})
            return redirect("people:person_detail", person_id=kept.pk)
        duplicate_keep_apart(actor=request.user, flag=flag)
        messages.success(request, _("The two records are kept apart."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("people:duplicate_list")
