"""Calendars: a branch's month, the user's own calendar and its secret iCalendar feed."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from mentornet.activities.ical import calendar
from mentornet.activities.models import CalendarFeed
from mentornet.activities.selectors import (
    branch_sessions,
    feed_sessions,
    get_branch_for_calendar,
    get_feed_by_token,
    manage_branch_ids,
    my_activities,
)
from mentornet.activities.services import (
    calendar_feed_renew,
    feed_url,
)
from mentornet.core.http import AuthedRequest, PublicRequest
from mentornet.organisations.selectors import branches_for_user

# --- The list and planning ----------------------------------------------------------------------------------------


def _month(value: str) -> datetime.date:
    try:
        year, month = (int(part) for part in value.split("-", 1))
        return datetime.date(year, month, 1)
    except ValueError:
        today = timezone.localdate()
        return today.replace(day=1)


@login_required
def branch_calendar(request: AuthedRequest, branch_id: int) -> HttpResponse:
    branch = get_branch_for_calendar(request.user, branch_id)
    month = _month(request.GET.get("maaned", ""))
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    previous = (month - datetime.timedelta(days=1)).replace(day=1)
    start = timezone.make_aware(datetime.datetime.combine(month, datetime.time()))
    end = timezone.make_aware(datetime.datetime.combine(following, datetime.time()))
    days: dict[datetime.date, list[Any]] = {}
    for session in branch_sessions(branch, start, end):
        days.setdefault(timezone.localdate(session.starts_at), []).append(session)
    context = {
        "branch": branch,
        "month": month,
        "previous": previous,
        "following": following,
        "days": sorted(days.items()),
        "can_manage": branch.pk in manage_branch_ids(request.user),
    }
    return render(request, "activities/branch_calendar.html", context)


@login_required
def my_calendar(request: AuthedRequest) -> HttpResponse:
    feed = CalendarFeed.objects.filter(user=request.user).first()
    context = {
        "feed_url": feed_url(feed) if feed else "",
        "mine": my_activities(request.user, limit=50),
        "branches": list(branches_for_user(request.user).order_by("name")),
    }
    return render(request, "activities/my_calendar.html", context)


@login_required
@require_POST
def calendar_feed_renew_view(request: AuthedRequest) -> HttpResponse:
    had = CalendarFeed.objects.filter(user=request.user).exists()
    calendar_feed_renew(actor=request.user)
    messages.success(
        request,
        _("You have a new calendar address. The old one no longer works: update your calendar.")
        if had
        else _("Your calendar address is ready. Add it to your calendar."),
    )
    return redirect("activities:my_calendar")


@never_cache
@require_GET
def ical_feed(request: PublicRequest, feed_token: str) -> HttpResponse:
    feed = get_feed_by_token(feed_token)
    body = calendar(feed_sessions(feed.user), name=_("mentornet: my activities"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="mentornet.ics"'
    return response


# --- The no-login links -------------------------------------------------------------------------------------------
