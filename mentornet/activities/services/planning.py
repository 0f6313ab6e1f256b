"""Writes for planning activities: sessions (one by one or in series), edits, invitation rounds, calendar feeds."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mentornet.accounts.models import User
from mentornet.activities.models import COURSE_KINDS, Activity, CalendarFeed, Participation, Session
from mentornet.activities.selectors import invitees
from mentornet.activities.services.links import new_participation, participation_notify
from mentornet.activities.services.participation import move_up
from mentornet.activities.tokens import feed_token, token_hash
from mentornet.core.links import new_salt
from mentornet.core.services import audit_log
from mentornet.organisations.models import Branch

ACTIVITY_FIELDS = ("kind", "audience", "title", "description", "place", "capacity", "satisfaction_survey")
SUMMER_MONTHS = (6, 7, 8)


# --- Planning -----------------------------------------------------------------------------------------------------


def series_starts(
    first: datetime.datetime, *, every_weeks: int, count: int, skip_summer: bool = False
) -> list[datetime.datetime]:
    """``count`` start times every ``every_weeks`` weeks at the same local clock time (across summer time),
    leaving out June–August when asked (the slot is skipped, not counted)."""
    local = timezone.localtime(first).replace(tzinfo=None)
    starts: list[datetime.datetime] = []
    step = 0
    while len(starts) < count and step < count * 4 + 60:
        when = local + datetime.timedelta(weeks=every_weeks * step)
        step += 1
        if skip_summer and when.month in SUMMER_MONTHS:
            continue
        starts.append(timezone.make_aware(when))
    return starts


def _refresh_span(activity: Activity) -> None:
    sessions = list(activity.sessions.order_by("starts_at").values_list("starts_at", "ends_at"))
    activity.starts_at = sessions[0][0] if sessions else None
    activity.ends_at = max(end for _start, end in sessions) if sessions else None
    activity.save(update_fields=["starts_at", "ends_at"])


def _add_sessions(activity: Activity, times: Iterable[tuple[datetime.datetime, datetime.datetime]]) -> list[Session]:
    made = []
    for starts_at, ends_at in times:
        session = Session(activity=activity, starts_at=starts_at, ends_at=ends_at)
        session.full_clean(exclude=["activity"])
        session.save()
        made.append(session)
    return made


def activity_create(
    *,
    actor: User | None,
    branch: Branch,
    data: dict[str, Any],
    invited_branches: Iterable[Branch] = (),
    sessions: Sequence[tuple[datetime.datetime, datetime.datetime]] = (),
) -> Activity:
    """A course or an event with its sessions. The host branch is always among those invited."""
    with transaction.atomic():
        activity = Activity(
            organisation=branch.organisation,
            branch=branch,
            created_by=actor,
            **{k: data[k] for k in ACTIVITY_FIELDS if k in data},
        )
        activity.full_clean()
        activity.save()
        activity.invited_branches.set(
            {branch.pk, *(b.pk for b in invited_branches if b.organisation_id == branch.organisation_id)}
        )
        _add_sessions(activity, sessions)
        _refresh_span(activity)
        audit_log(
            actor=actor,
            action="activity.create",
            target=activity,
            branch=branch,
            changes={"kind": activity.kind, "sessions": len(sessions)},
        )
    return activity


def activities_plan_series(
    *,
    actor: User,
    branch: Branch,
    data: dict[str, Any],
    invited_branches: Iterable[Branch] = (),
    first_start: datetime.datetime,
    first_end: datetime.datetime,
    every_weeks: int = 1,
    count: int = 1,
    skip_summer: bool = False,
) -> list[Activity]:
    """Plan in series. A course is one activity with ``count`` sessions (participants enrol once for all of them);
    meetings, supervision and network events become ``count`` separate activities of one session each, because
    each has its own invitation, answers, attendance and questionnaire."""
    if first_end <= first_start:
        raise ValidationError({"ends": _("The session must end after it starts.")})
    if not 1 <= count <= 52:
        raise ValidationError({"count": _("Plan between 1 and 52 at a time.")})
    duration = first_end - first_start
    starts = series_starts(first_start, every_weeks=every_weeks, count=count, skip_summer=skip_summer)
    times = [(start, start + duration) for start in starts]
    invited = list(invited_branches)
    with transaction.atomic():
        if data.get("kind") in COURSE_KINDS:
            return [activity_create(actor=actor, branch=branch, data=data, invited_branches=invited, sessions=times)]
        return [
            activity_create(actor=actor, branch=branch, data=data, invited_branches=invited, sessions=[time])
            for time in times
        ]


def activity_update(
    *, actor: User, activity: Activity, data: dict[str, Any], invited_branches: Iterable[Branch]
) -> Activity:
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        changes: dict[str, Any] = {}
        for name in ACTIVITY_FIELDS:
            if name in data and getattr(activity, name) != data[name]:
                changes[name] = [str(getattr(activity, name)), str(data[name])]
                setattr(activity, name, data[name])
        activity.full_clean()
        activity.save()
        before = set(activity.invited_branches.values_list("pk", flat=True))
        after = {activity.branch_id, *(b.pk for b in invited_branches if b.organisation_id == activity.organisation_id)}
        if before != after:
            activity.invited_branches.set(after)
            changes["invited_branches"] = [sorted(before), sorted(after)]
        if "capacity" in changes:
            move_up(activity)
        audit_log(actor=actor, action="activity.update", target=activity, branch=activity.branch, changes=changes)
    return activity


def session_add(
    *, actor: User, activity: Activity, starts_at: datetime.datetime, ends_at: datetime.datetime, place: str = ""
) -> Session:
    with transaction.atomic():
        session = Session(activity=activity, starts_at=starts_at, ends_at=ends_at, place=place)
        session.full_clean()
        session.save()
        _refresh_span(activity)
        audit_log(
            actor=actor,
            action="session.add",
            target=activity,
            branch=activity.branch,
            changes={"starts_at": starts_at.isoformat()},
        )
    return session


def session_delete(*, actor: User, session: Session) -> None:
    if session.attendance.exists():
        raise ValidationError(_("Attendance has been recorded for this session, so it cannot be deleted."))
    activity = session.activity
    with transaction.atomic():
        audit_log(
            actor=actor,
            action="session.delete",
            target=activity,
            branch=activity.branch,
            changes={"starts_at": session.starts_at.isoformat()},
        )
        session.delete()
        _refresh_span(activity)


# --- Invitations --------------------------------------------------------------------------------------------------


def activity_invite(*, actor: User, activity: Activity) -> None:
    """Invite the right people in the background; each gets an invitation with their own answer link once."""
    from mentornet.activities.tasks import send_invitations

    if activity.has_started():
        raise ValidationError(_("The activity has started; it is too late to invite."))
    with transaction.atomic():
        audit_log(actor=actor, action="activity.invite", target=activity, branch=activity.branch)
        language = translation.get_language() or "da"
        transaction.on_commit(lambda: send_invitations.enqueue(activity_id=activity.pk, language=language))


def invitations_create(activity: Activity) -> int:
    """The background part of an invitation round: a participation for each person not yet invited, and their
    message. Running it again invites only people who are new since. Returns how many were invited."""
    now = timezone.now()
    with transaction.atomic():
        people = list(invitees(activity).select_related("organisation"))
        made = Participation.objects.bulk_create(
            [new_participation(activity, person, Participation.State.INVITED, now) for person in people],
            ignore_conflicts=True,
        )
        Participation.objects.filter(activity=activity, person__in=people, invited_at__isnull=True).update(
            invited_at=now
        )
        Activity.objects.filter(pk=activity.pk).update(invitations_sent_at=now)
        for participation in Participation.objects.filter(activity=activity, person__in=people).select_related(
            "person"
        ):
            participation_notify(participation, "activities.invitation", f"activities.invitation:{participation.pk}")
    return len(made)


# --- Calendar feeds -----------------------------------------------------------------------------------------------


def calendar_feed_renew(*, actor: User) -> CalendarFeed:
    """A new secret calendar address for the user; the old one stops working at once."""
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().filter(user=actor).first() or CalendarFeed(user=actor)
        feed.token_salt = new_salt()
        feed.token_hash = token_hash(feed_token(feed))
        feed.created_at = timezone.now()
        feed.save()
        audit_log(actor=actor, action="calendar_feed.renew", target=actor)
    return feed
