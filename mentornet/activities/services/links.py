"""Secret links in messages, a new participation with its link secrets, and the message to a participant."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from mentornet.activities.models import Activity, CalendarFeed, Participation
from mentornet.activities.tokens import feed_token, rsvp_token, survey_token, token_hash
from mentornet.core.links import new_salt
from mentornet.people.models import Person

# --- Secret links -------------------------------------------------------------------------------------------------


def rsvp_url(participation: Participation) -> str:
    return settings.SITE_URL + reverse("activities:rsvp", kwargs={"rsvp_token": rsvp_token(participation)})


def survey_url(participation: Participation) -> str:
    return settings.SITE_URL + reverse("activities:satisfaction", kwargs={"survey_token": survey_token(participation)})


def feed_url(feed: CalendarFeed) -> str:
    return settings.SITE_URL + reverse("activities:ical_feed", kwargs={"feed_token": feed_token(feed)})


def new_participation(activity: Activity, person: Person, state: str, now: datetime.datetime) -> Participation:
    participation = Participation(
        activity=activity, person=person, state=state, token_salt=new_salt(), state_changed_at=now
    )
    participation.token_hash = token_hash(rsvp_token(participation))
    participation.survey_token_hash = token_hash(survey_token(participation))
    return participation


def _when(activity: Activity) -> str:
    if activity.starts_at is None:
        return ""
    return timezone.localtime(activity.starts_at).strftime("%d.%m.%Y %H:%M")


def participation_notify(participation: Participation, template: str, key: str) -> bool:
    """Queue one message to the participant; False when this key was sent before. Their own link is worked out when
    the message is sent (``link_for_message``), so its secret is never stored with the message."""
    from mentornet.notifications.services import message_send

    activity = participation.activity
    context = {
        "first_name": participation.person.first_name,
        "title": activity.title,
        "when": _when(activity),
        "place": activity.place,
        "branch": activity.branch.name,
        "participation_id": participation.pk,
    }
    return (
        message_send(
            key=key,
            template=template,
            person=participation.person,
            organisation=activity.branch.organisation,
            context=context,
            language=translation.get_language() or "da",
        )
        is not None
    )


def link_for_message(context: dict[str, Any], *, survey: bool = False) -> dict[str, str]:
    """The participant's answer (or questionnaire) link for a message being sent."""
    participation = Participation.objects.filter(pk=int(context.get("participation_id") or 0)).first()
    if participation is None:
        return {"url": settings.SITE_URL}
    return {"url": survey_url(participation) if survey else rsvp_url(participation)}
