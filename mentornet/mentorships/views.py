"""Mentorship pages: the coordinators' list, a mentorship's page and its actions, the branch's meetings; the mentor's
"Mine forløb", the quick meeting log on a phone and the private concern form."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentornet.core.http import AuthedRequest
from mentornet.core.views import flash_form_errors, handle_form, run_service
from mentornet.mentorships.forms import CloseForm, ConcernForm, FrameForm, ListFilterForm, MeetingLogForm, MilestoneForm
from mentornet.mentorships.models import Meeting, Mentorship, MentorshipKind, Milestone
from mentornet.mentorships.selectors import (
    MentorshipFilters,
    branch_meetings,
    get_concern_for_user,
    get_mentorship_for_mentor,
    get_mentorship_for_user,
    last_form_used,
    mentorship_detail,
    mentorship_list,
    mentorships_for_mentor,
    programmes_for,
)
from mentornet.mentorships.services import (
    concern_raise,
    concern_resolve,
    meeting_delete,
    meeting_log,
    mentorship_close,
    mentorship_pause,
    mentorship_resume,
    mentorship_update,
    milestone_add,
    milestone_delete,
)

PAGE_SIZE = 50
MEETINGS_PER_PAGE = 25


# --- The coordinators' pages --------------------------------------------------------------------------------------


@login_required
def mentorship_list_view(request: AuthedRequest) -> HttpResponse:
    programmes = list(programmes_for(request.user))
    form = ListFilterForm(request.GET or None, programmes=programmes)
    data = form.cleaned_data if form.is_valid() else {}
    filters = MentorshipFilters(
        status=data.get("status") or "", programme=data.get("programme"), inactive=bool(data.get("inactive"))
    )
    page = Paginator(mentorship_list(request.user, filters), PAGE_SIZE).get_page(request.GET.get("side"))
    query = urlencode([(k, str(v)) for k, v in request.GET.items() if k != "side" and v])
    context = {"form": form, "page": page, "query": query}
    template = "mentorships/mentorship_list.html#results" if request.htmx else "mentorships/mentorship_list.html"
    return render(request, template, context)


@login_required
def mentorship_detail_view(request: AuthedRequest, mentorship_id: int) -> HttpResponse:
    mentorship = get_mentorship_for_user(request.user, mentorship_id)
    context = {
        "mentorship": mentorship,
        "is_praktik": mentorship.kind == MentorshipKind.PRAKTIK,
        "milestone_form": MilestoneForm(initial={"date": timezone.localdate()}),
        **mentorship_detail(mentorship),
    }
    # The newest meetings first, a page at a time: a long mentorship has hundreds.
    context["page"] = Paginator(context["meetings"], MEETINGS_PER_PAGE).get_page(request.GET.get("side"))
    return render(request, "mentorships/mentorship_detail.html", context)


@login_required
def mentorship_edit(request: AuthedRequest, mentorship_id: int) -> HttpResponse:
    mentorship = get_mentorship_for_user(request.user, mentorship_id)
    form = FrameForm(request.POST or None, instance=Mentorship.objects.get(pk=mentorship.pk))
    saved = handle_form(
        request,
        form,
        lambda data: mentorship_update(actor=request.user, mentorship=mentorship, data=data),
        _("The frame of the mentorship is saved."),
    )
    if saved is not None:
        return redirect("mentorships:detail", mentorship_id=mentorship.pk)
    return render(request, "mentorships/mentorship_edit.html", {"mentorship": mentorship, "form": form})


def _simple_action(
    request: AuthedRequest, mentorship_id: int, action: Callable[[Mentorship], object], done: str
) -> HttpResponse:
    mentorship = get_mentorship_for_user(request.user, mentorship_id)
    run_service(request, lambda: action(mentorship), done)
    return redirect("mentorships:detail", mentorship_id=mentorship.pk)


@login_required
@require_POST
def mentorship_pause_view(request: AuthedRequest, mentorship_id: int) -> HttpResponse:
    return _simple_action(
        request,
        mentorship_id,
        lambda m: mentorship_pause(actor=request.user, mentorship=m),
        _("The mentorship is paused. No reminders are sent while it is paused."),
    )


@login_required
@require_POST
def mentorship_resume_view(request: AuthedRequest, mentorship_id: int) -> HttpResponse:
    return _simple_action(
        request,
        mentorship_id,
        lambda m: mentorship_resume(actor=request.user, mentorship=m),
        _("The mentorship is active again."),
    )


@login_required
def mentorship_close_view(request: AuthedRequest, mentorship_id: int) -> HttpResponse:
    mentorship = get_mentorship_for_user(request.user, mentorship_id)
    form = CloseForm(request.POST or None)
    saved = handle_form(
        request,
        form,
        lambda data: mentorship_close(actor=request.user, mentorship=mentorship, **data),
        _("The mentorship is closed."),
    )
    if saved is not None:
        return redirect("mentorships:detail", mentorship_id=mentorship.pk)
    return render(request, "mentorships/mentorship_close.html", {"mentorship": mentorship, "form": form})


@login_required
@require_POST
def meeting_delete_view(request: AuthedRequest, mentorship_id: int, meeting_id: int) -> HttpResponse:
    mentorship = get_mentorship_for_user(request.user, mentorship_id)
    meeting = Meeting.objects.filter(pk=meeting_id, mentorship=mentorship).select_related("mentorship__branch").first()
    if meeting is None:
        raise Http404
    meeting_delete(actor=request.user, meeting=meeting)
    messages.success(request, _("The meeting is deleted."))
    return redirect("mentorships:detail", mentorship_id=mentorship.pk)


@login_required
@require_POST
def milestone_create(request: AuthedRequest, mentorship_id: int) -> HttpResponse:
    mentorship = get_mentorship_for_user(request.user, mentorship_id)
    form = MilestoneForm(request.POST)
    saved = handle_form(
        request,
        form,
        lambda data: milestone_add(actor=request.user, mentorship=mentorship, **data),
        _("The milestone is added."),
    )
    if saved is None:
        flash_form_errors(request, form)
    return redirect("mentorships:detail", mentorship_id=mentorship.pk)


@login_required
@require_POST
def milestone_delete_view(request: AuthedRequest, mentorship_id: int, milestone_id: int) -> HttpResponse:
    mentorship = get_mentorship_for_user(request.user, mentorship_id)
    milestone = Milestone.objects.filter(pk=milestone_id, mentorship=mentorship).select_related("mentorship").first()
    if milestone is None:
        raise Http404
    milestone_delete(actor=request.user, milestone=milestone)
    messages.success(request, _("The milestone is deleted."))
    return redirect("mentorships:detail", mentorship_id=mentorship.pk)


@login_required
@require_POST
def concern_resolve_view(request: AuthedRequest, mentorship_id: int, concern_id: int) -> HttpResponse:
    mentorship = get_mentorship_for_user(request.user, mentorship_id)
    concern_resolve(actor=request.user, concern=get_concern_for_user(request.user, mentorship, concern_id))
    messages.success(request, _("The concern is marked as handled."))
    return redirect("mentorships:detail", mentorship_id=mentorship.pk)


@login_required
def meeting_list(request: AuthedRequest) -> HttpResponse:
    programmes = list(programmes_for(request.user))
    raw = request.GET.get("programme", "")
    chosen = int(raw) if raw.isdigit() else None
    page = Paginator(branch_meetings(request.user, programme=chosen), PAGE_SIZE).get_page(request.GET.get("side"))
    query = urlencode({"programme": chosen}) if chosen else ""
    context = {"page": page, "programmes": programmes, "chosen": chosen, "query": query}
    return render(request, "mentorships/meeting_list.html", context)


# --- Logging a meeting (the mentor on a phone, or a coordinator) --------------------------------------------------


def _for_logging(request: AuthedRequest, mentorship_id: int) -> tuple[Mentorship, bool]:
    """The mentor's own mentorship, or one in the coordinator's branches (then ``True``)."""
    if Mentorship.objects.filter(pk=mentorship_id, mentor__user=request.user).exists():
        return get_mentorship_for_mentor(request.user, mentorship_id), False
    return get_mentorship_for_user(request.user, mentorship_id), True


@login_required
def meeting_create(request: AuthedRequest, mentorship_id: int) -> HttpResponse:
    mentorship, as_coordinator = _for_logging(request, mentorship_id)
    initial: dict[str, Any] = {
        "date": timezone.localdate(),
        "duration_minutes": 60,
        "form": last_form_used(request.user) or "in_person",
        "submission": uuid.uuid4(),
    }
    form = MeetingLogForm(request.POST or None, initial=initial)
    saved = handle_form(
        request,
        form,
        lambda data: meeting_log(actor=request.user, mentorship=mentorship, **data),
        _("Thank you! The meeting with %(name)s is logged.") % {"name": mentorship.mentee.first_name},
    )
    if saved is not None:
        if as_coordinator:
            return redirect("mentorships:detail", mentorship_id=mentorship.pk)
        return redirect("mentorships:mine")
    context = {"mentorship": mentorship, "form": form, "as_coordinator": as_coordinator}
    return render(request, "mentorships/meeting_create.html", context)


# --- The mentor's own pages ---------------------------------------------------------------------------------------


@login_required
def my_mentorships(request: AuthedRequest) -> HttpResponse:
    mentorships = list(mentorships_for_mentor(request.user))
    return render(request, "mentorships/my_mentorships.html", {"mentorships": mentorships})


@login_required
def my_concern(request: AuthedRequest, mentorship_id: int) -> HttpResponse:
    mentorship = get_mentorship_for_mentor(request.user, mentorship_id)
    form = ConcernForm(request.POST or None)
    saved = handle_form(
        request,
        form,
        lambda data: concern_raise(actor=request.user, mentorship=mentorship, text=data["text"]),
        _("Thank you for telling us. A coordinator will contact you."),
    )
    if saved is not None:
        return redirect("mentorships:mine")
    return render(request, "mentorships/my_concern.html", {"mentorship": mentorship, "form": form})
