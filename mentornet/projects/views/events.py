"""Project events: the holder posts them; the public calendar and the project page show those of published
projects."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentornet.core.http import AuthedRequest
from mentornet.core.views import handle_form, posted
from mentornet.projects import selectors, services
from mentornet.projects.forms import EventForm
from mentornet.projects.models import ProjectEvent

#: The public calendar's first page: what happens from now and a year ahead, at most this many events.
UPCOMING_DAYS = 366
UPCOMING_LIMIT = 200

Days = list[tuple[datetime.date, list[ProjectEvent]]]


@login_required
def event_list(request: AuthedRequest, project_id: int) -> HttpResponse:
    project = selectors.get_project_for_holder(request.user, project_id)
    return render(request, "projects/event_list.html", {"project": project, "events": project.events.all()})


@login_required
def event_create(request: AuthedRequest, project_id: int) -> HttpResponse:
    project = selectors.get_project_for_holder(request.user, project_id)
    form = EventForm(posted(request), instance=ProjectEvent(project=project))
    saved = handle_form(
        request,
        form,
        lambda data: services.event_create(actor=request.user, project=project, data=data),
        _("The event is saved."),
    )
    if saved:
        return redirect("projects:event_list", project_id=project.pk)
    return render(request, "projects/event_form.html", {"form": form, "project": project, "event": None})


@login_required
def event_edit(request: AuthedRequest, project_id: int, event_id: int) -> HttpResponse:
    event = selectors.get_event_for_holder(request.user, project_id, event_id)
    form = EventForm(posted(request), instance=event)
    saved = handle_form(
        request,
        form,
        lambda data: services.event_update(actor=request.user, event=event, data=data),
        _("The event is saved."),
    )
    if saved:
        return redirect("projects:event_list", project_id=event.project_id)
    return render(request, "projects/event_form.html", {"form": form, "project": event.project, "event": event})


@login_required
@require_POST
def event_delete(request: AuthedRequest, project_id: int, event_id: int) -> HttpResponse:
    event = selectors.get_event_for_holder(request.user, project_id, event_id)
    services.event_delete(actor=request.user, event=event)
    messages.success(request, _("The event is deleted."))
    return redirect("projects:event_list", project_id=project_id)


def _month(value: str) -> datetime.date | None:
    """The first day of the month asked for as "2026-05"; None when nothing (or nothing sensible) is asked."""
    year, _dash, number = value.partition("-")
    try:
        month = datetime.date(int(year), int(number), 1)
    except ValueError:
        return None
    return month if 1990 <= month.year <= 2100 else None


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _by_month(events: Iterable[ProjectEvent], first: datetime.date) -> list[tuple[datetime.date, Days]]:
    """Events grouped by the month and the day they start (local time), in order; one that started before
    ``first`` and is still going on is shown on ``first``."""
    months: dict[datetime.date, dict[datetime.date, list[ProjectEvent]]] = {}
    for event in events:
        day = max(timezone.localdate(event.starts_at), first)
        months.setdefault(day.replace(day=1), {}).setdefault(day, []).append(event)
    return [(month, list(days.items())) for month, days in months.items()]


def event_calendar(request: HttpRequest) -> HttpResponse:
    """Events of published projects: by default the coming year; ``?maaned=2026-05`` shows one month, past or not."""
    today = timezone.localdate()
    this_month = today.replace(day=1)
    month = _month(request.GET.get("maaned", ""))
    if month is None:
        now = timezone.now()
        events = selectors.public_events(now, now + datetime.timedelta(days=UPCOMING_DAYS))[:UPCOMING_LIMIT]
        shown, first = this_month, today
    else:
        following = (month + datetime.timedelta(days=32)).replace(day=1)
        events = selectors.public_events(_aware(month), _aware(following))
        shown, first = month, month
    context = {
        "month": month,
        "months": _by_month(events, first),
        "previous": (shown - datetime.timedelta(days=1)).replace(day=1),
        "following": (shown + datetime.timedelta(days=32)).replace(day=1),
        "this_month": this_month,
    }
    return render(request, "projects/event_calendar.html", context)
