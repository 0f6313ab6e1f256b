"""The coordinators' pages: activities, their sessions, invitations, enrolment and attendance."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mentornet.activities.forms import (
    ActivityForm,
    EnrolForm,
    ListFilterForm,
    PlanForm,
    SessionForm,
)
from mentornet.activities.models import Activity, Audience, Participation
from mentornet.activities.selectors import (
    activity_list,
    attendance_sheet,
    free_seats,
    get_activity_for_manager,
    get_activity_for_user,
    get_participation_for_manager,
    get_session_for_manager,
    manage_branch_ids,
    roster,
    satisfaction_results,
    with_counts,
)
from mentornet.activities.services import (
    activities_plan_series,
    activity_invite,
    activity_update,
    attendance_record,
    course_complete,
    participation_cancel,
    participation_enrol,
    session_add,
    session_delete,
)
from mentornet.core.http import AuthedRequest
from mentornet.core.views import flash_form_errors, handle_form, run_service
from mentornet.organisations.models import Branch
from mentornet.people.models import Kind, Person

# --- The list and planning ----------------------------------------------------------------------------------------


def _managed_branch(request: AuthedRequest) -> tuple[Branch, list[Branch]]:
    """The branch chosen in ``?afdeling=`` among those the user runs, or their first; 403 without any."""
    ids = manage_branch_ids(request.user)
    if not ids:
        raise PermissionDenied
    branches = list(Branch.objects.filter(pk__in=ids).order_by("name"))
    wanted = request.GET.get("afdeling", "")
    chosen = next((b for b in branches if str(b.pk) == wanted), None)
    if wanted and chosen is None:
        raise Http404
    return chosen or branches[0], branches


@login_required
def activity_list_view(request: AuthedRequest) -> HttpResponse:
    branch, branches = _managed_branch(request)
    filters = ListFilterForm(request.GET)
    data = filters.cleaned_data if filters.is_valid() else {}
    past = data.get("when") == "past"
    found = activity_list(request.user, branch_ids={branch.pk}, upcoming=not past, kind=data.get("kind", ""))
    page = Paginator(found, 50).get_page(request.GET.get("side"))
    for activity in page:
        activity.free_seats = free_seats(activity)  # type: ignore[attr-defined]
    context = {"branch": branch, "branches": branches, "filters": filters, "page": page, "past": past}
    return render(request, "activities/activity_list.html", context)


@login_required
def activity_create(request: AuthedRequest) -> HttpResponse:
    branch, _branches = _managed_branch(request)
    form = PlanForm(request.POST or None, branch=branch, initial={"audience": Audience.MENTORS})
    made = handle_form(
        request,
        form,
        lambda data: activities_plan_series(
            actor=request.user,
            branch=branch,
            data=data,
            invited_branches=data["invited_branches"],
            first_start=form.first_session()[0],
            first_end=form.first_session()[1],
            every_weeks=data["every_weeks"],
            count=data["count"],
            skip_summer=data["skip_summer"],
        ),
        lambda made: (
            ngettext("%(n)d activity is planned.", "%(n)d activities are planned.", len(made)) % {"n": len(made)}
        ),
    )
    if made:
        if len(made) == 1:
            return redirect("activities:activity_detail", activity_id=made[0].pk)
        return redirect(f"{reverse('activities:activity_list')}?afdeling={branch.pk}")
    return render(request, "activities/activity_form.html", {"form": form, "branch": branch, "activity": None})


@login_required
def activity_edit(request: AuthedRequest, activity_id: int) -> HttpResponse:
    activity = get_activity_for_manager(request.user, activity_id)
    form = ActivityForm(request.POST or None, instance=activity, branch=activity.branch)
    saved = handle_form(
        request,
        form,
        lambda data: activity_update(
            actor=request.user, activity=activity, data=data, invited_branches=data["invited_branches"]
        ),
        _("The activity is saved."),
    )
    if saved is not None:
        return redirect("activities:activity_detail", activity_id=activity.pk)
    activity.refresh_from_db()
    return render(
        request, "activities/activity_form.html", {"form": form, "branch": activity.branch, "activity": activity}
    )


# --- The detail page ----------------------------------------------------------------------------------------------


def _enrol_people(activity: Activity) -> QuerySet[Person]:
    kinds: dict[str, list[str]] = {Audience.MENTORS: [Kind.MENTOR], Audience.MENTEES: [Kind.MENTEE]}
    branch_kinds = kinds.get(activity.audience, [Kind.MENTOR, Kind.MENTEE])
    branch_ids = [activity.branch_id, *activity.invited_branches.values_list("pk", flat=True)]
    taking_part = Participation.objects.filter(
        activity=activity, state__in=[Participation.State.ENROLLED, Participation.State.WAITING]
    ).values("person_id")
    return (
        Person.objects.visible()
        .filter(branch_id__in=branch_ids, kind__in=branch_kinds, anonymised_at__isnull=True)
        .exclude(pk__in=taking_part)
        .order_by("first_name", "last_name", "pk")
    )


ENROL_CHOICES = 50


def _enrol_choices(activity: Activity, query: str) -> QuerySet[Person]:
    """What the enrol list shows: people whose name matches the search, the first 50 (the whole branch would be
    thousands of options)."""
    people = _enrol_people(activity)
    for word in query.split():
        people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return people[:ENROL_CHOICES]


@login_required
def activity_detail(request: AuthedRequest, activity_id: int) -> HttpResponse:
    activity, can_manage = get_activity_for_user(request.user, activity_id)
    counted = with_counts(Activity.objects.filter(pk=activity.pk)).get()
    context: dict[str, Any] = {
        "activity": activity,
        "can_manage": can_manage,
        "sessions": list(activity.sessions.all()),
        "invited_branches": [b for b in activity.invited_branches.all() if b.pk != activity.branch_id],
        "counts": counted,
        "free_seats": free_seats(counted),
        "now": timezone.now(),
    }
    if can_manage:
        query = request.GET.get("q", "").strip()[:100]
        context.update(
            {
                "query": query,
                "roster": roster(activity),
                "enrol_form": EnrolForm(people=_enrol_choices(activity, query)),
                "session_form": SessionForm(),
                "results": satisfaction_results(activity) if activity.satisfaction_survey else None,
            }
        )
    if request.htmx and "q" in request.GET:
        return render(request, "activities/activity_detail.html#enrol", context)
    return render(request, "activities/activity_detail.html", context)


@login_required
@require_POST
def activity_invite_view(request: AuthedRequest, activity_id: int) -> HttpResponse:
    activity = get_activity_for_manager(request.user, activity_id)
    run_service(
        request,
        lambda: activity_invite(actor=request.user, activity=activity),
        _("The invitations are being sent. People who are already invited are not invited again."),
    )
    return redirect("activities:activity_detail", activity_id=activity.pk)


@login_required
@require_POST
def activity_enrol(request: AuthedRequest, activity_id: int) -> HttpResponse:
    activity = get_activity_for_manager(request.user, activity_id)
    form = EnrolForm(request.POST, people=_enrol_people(activity))
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("activities:activity_detail", activity_id=activity.pk)
    person = form.cleaned_data["person"]
    try:
        participation = participation_enrol(actor=request.user, activity=activity, person=person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if participation.state == Participation.State.WAITING:
            messages.warning(
                request,
                _("The activity is full, so %(name)s is on the waiting list and moves up when a seat is free.")
                % {"name": person.full_name},
            )
        else:
            messages.success(request, _("%(name)s is enrolled.") % {"name": person.full_name})
    return redirect("activities:activity_detail", activity_id=activity.pk)


@login_required
@require_POST
def participation_cancel_view(request: AuthedRequest, activity_id: int, participation_id: int) -> HttpResponse:
    participation = get_participation_for_manager(request.user, activity_id, participation_id)
    run_service(
        request,
        lambda: participation_cancel(actor=request.user, participation=participation),
        _("%(name)s is taken off the activity.") % {"name": participation.person.full_name},
    )
    return redirect("activities:activity_detail", activity_id=activity_id)


@login_required
@require_POST
def participation_complete(request: AuthedRequest, activity_id: int, participation_id: int) -> HttpResponse:
    participation = get_participation_for_manager(request.user, activity_id, participation_id)
    run_service(
        request,
        lambda: course_complete(actor=request.user, participation=participation),
        _("%(name)s has completed the introductory course.") % {"name": participation.person.full_name},
    )
    return redirect("activities:activity_detail", activity_id=activity_id)


@login_required
@require_POST
def session_add_view(request: AuthedRequest, activity_id: int) -> HttpResponse:
    activity = get_activity_for_manager(request.user, activity_id)
    form = SessionForm(request.POST)
    if form.is_valid():
        starts_at, ends_at = form.times()
        run_service(
            request,
            lambda: session_add(
                actor=request.user,
                activity=activity,
                starts_at=starts_at,
                ends_at=ends_at,
                place=form.cleaned_data["place"],
            ),
            _("The session is added."),
        )
    else:
        flash_form_errors(request, form)
    return redirect("activities:activity_detail", activity_id=activity.pk)


@login_required
@require_POST
def session_delete_view(request: AuthedRequest, activity_id: int, session_id: int) -> HttpResponse:
    session = get_session_for_manager(request.user, activity_id, session_id)
    run_service(request, lambda: session_delete(actor=request.user, session=session), _("The session is deleted."))
    return redirect("activities:activity_detail", activity_id=activity_id)


@login_required
def session_attendance(request: AuthedRequest, activity_id: int, session_id: int) -> HttpResponse:
    session = get_session_for_manager(request.user, activity_id, session_id)
    error = ""
    saved = False
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("present") if v.isdigit()]
        try:
            attendance_record(actor=request.user, session=session, present_ids=ids)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            saved = True
            if not request.htmx:
                messages.success(request, _("The attendance is saved."))
                return redirect("activities:session_attendance", activity_id=activity_id, session_id=session.pk)
    context = {
        "activity": session.activity,
        "session": session,
        "sheet": attendance_sheet(session),
        "error": error,
        "saved": saved,
        "started": session.starts_at <= timezone.now(),
    }
    if request.htmx:
        return render(request, "activities/session_attendance.html#sheet", context)
    return render(request, "activities/session_attendance.html", context, status=400 if error else 200)


# --- Calendars ----------------------------------------------------------------------------------------------------
