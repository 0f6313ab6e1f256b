"""Messages about activities: the invitation, a seat from the waiting list, the questionnaire afterwards, and a
reminder the day before. The periodic jobs derive each message's key from what makes it due, so they can run
every few minutes."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from mentornet.activities.models import Attendance, Participation, SatisfactionAnswer, Session
from mentornet.activities.services.links import link_for_message, participation_notify
from mentornet.notifications.registry import periodic_job, register_template

VARIABLES = ["first_name", "title", "when", "place", "branch", "url"]
#: Stored with the message; the link itself is worked out when it is sent, so its secret is never stored.
INPUTS = ("participation_id",)


def _answer_link(context: dict[str, Any]) -> dict[str, Any]:
    return link_for_message(context)


def _survey_link(context: dict[str, Any]) -> dict[str, Any]:
    return link_for_message(context, survey=True)


register_template(
    "activities.invitation",
    inputs=INPUTS,
    resolve=_answer_link,
    label=_("Invitation to a course or an event"),
    variables=VARIABLES,
    da=(
        "Invitation: {{ title }}",
        "Hej {{ first_name }}\n\nDu er inviteret til {{ title }}, {{ when }}, {{ place }}.\n\n"
        "Svar ja eller nej her (det tager et øjeblik):\n{{ url }}\n\nVenlig hilsen\n{{ branch }}",
    ),
    en=(
        "Invitation: {{ title }}",
        "Hello {{ first_name }}\n\nYou are invited to {{ title }}, {{ when }}, {{ place }}.\n\n"
        "Answer yes or no here (it takes a moment):\n{{ url }}\n\nBest regards\n{{ branch }}",
    ),
)
register_template(
    "activities.moved_up",
    inputs=INPUTS,
    resolve=_answer_link,
    label=_("A seat from the waiting list"),
    variables=VARIABLES,
    da=(
        "Du har fået en plads: {{ title }}",
        "Hej {{ first_name }}\n\nDer er blevet en plads ledig, og du er nu tilmeldt {{ title }}, {{ when }}, "
        "{{ place }}.\n\nKan du alligevel ikke komme, så meld fra her:\n{{ url }}\n\nVenlig hilsen\n{{ branch }}",
    ),
    en=(
        "You have a seat: {{ title }}",
        "Hello {{ first_name }}\n\nA seat has become free, and you are now enrolled in {{ title }}, {{ when }}, "
        "{{ place }}.\n\nIf you cannot come after all, say so here:\n{{ url }}\n\nBest regards\n{{ branch }}",
    ),
)
register_template(
    "activities.satisfaction",
    inputs=INPUTS,
    resolve=_survey_link,
    label=_("How was it? (questionnaire after an activity)"),
    variables=VARIABLES,
    da=(
        "Hvordan var det? {{ title }}",
        "Hej {{ first_name }}\n\nTak fordi du deltog i {{ title }}. Vil du bruge et minut på at fortælle, "
        "hvordan det var?\n{{ url }}\n\nVenlig hilsen\n{{ branch }}",
    ),
    en=(
        "How was it? {{ title }}",
        "Hello {{ first_name }}\n\nThank you for taking part in {{ title }}. Would you spend one minute telling us "
        "how it was?\n{{ url }}\n\nBest regards\n{{ branch }}",
    ),
)
register_template(
    "activities.reminder",
    inputs=INPUTS,
    resolve=_answer_link,
    label=_("Reminder the day before a course or an event"),
    variables=VARIABLES,
    da=(
        "I morgen: {{ title }}",
        "Hej {{ first_name }}\n\nHusk {{ title }} i morgen, {{ when }}, {{ place }}.\n\n"
        "Kan du ikke komme, så meld fra her:\n{{ url }}\n\nVenlig hilsen\n{{ branch }}",
    ),
    en=(
        "Tomorrow: {{ title }}",
        "Hello {{ first_name }}\n\nRemember {{ title }} tomorrow, {{ when }}, {{ place }}.\n\n"
        "If you cannot come, say so here:\n{{ url }}\n\nBest regards\n{{ branch }}",
    ),
)

#: The questionnaire goes out once, within this long after the end (not for activities long past).
SURVEY_WINDOW = datetime.timedelta(days=14)


@periodic_job("activities.satisfaction")
def send_questionnaires(now: datetime.datetime) -> int:
    """The questionnaire after an activity, once per participant: the enrolled who were not marked absent at
    every session."""
    absent_only = Exists(
        Attendance.objects.filter(session__activity=OuterRef("activity"), person=OuterRef("person"), present=False)
    ) & ~Exists(
        Attendance.objects.filter(session__activity=OuterRef("activity"), person=OuterRef("person"), present=True)
    )
    answered = SatisfactionAnswer.objects.filter(activity=OuterRef("activity"), person=OuterRef("person"))
    due = (
        Participation.objects.filter(
            state=Participation.State.ENROLLED,
            activity__satisfaction_survey=True,
            activity__ends_at__lte=now,
            activity__ends_at__gt=now - SURVEY_WINDOW,
            person__anonymised_at__isnull=True,
        )
        .exclude(absent_only)
        .exclude(Exists(answered))
        .select_related("activity__branch__organisation", "person")
    )
    sent = 0
    for participation in due:
        key = f"activities.satisfaction:{participation.activity_id}:{participation.person_id}"
        sent += _send(participation, "activities.satisfaction", key)
    return sent


@periodic_job("activities.reminder")
def send_reminders(now: datetime.datetime) -> int:
    """A reminder to the enrolled about a session starting within the next day, once per session and person."""
    sessions = Session.objects.filter(starts_at__gt=now, starts_at__lte=now + datetime.timedelta(days=1))
    due = Participation.objects.filter(
        Exists(sessions.filter(activity=OuterRef("activity"))),
        state=Participation.State.ENROLLED,
        person__anonymised_at__isnull=True,
    ).select_related("activity__branch__organisation", "person")
    activity_sessions: dict[int, list[int]] = {}
    for activity_id, session_id in sessions.values_list("activity_id", "pk"):
        activity_sessions.setdefault(activity_id, []).append(session_id)
    sent = 0
    for participation in due:
        for session_id in activity_sessions.get(participation.activity_id, []):
            sent += _send(
                participation, "activities.reminder", f"activities.reminder:{session_id}:{participation.person_id}"
            )
    return sent


def _send(participation: Participation, template: str, key: str) -> int:
    return int(participation_notify(participation, template, key))
