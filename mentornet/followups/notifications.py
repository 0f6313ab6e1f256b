"""Messages of follow-up: the exit evaluation right after the end, the follow-up questionnaire when it is due,
and "no answer" after its deadline. Every job is safe to run every few minutes: each message's key is the
evaluation or follow-up it is about, so it is never sent twice."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentornet.followups.models import ExitEvaluation, FollowUp, Side
from mentornet.followups.services import (
    ANSWER_DAYS,
    evaluation_mark_sent,
    evaluation_url,
    follow_up_mark_sent,
    follow_up_url,
    followups_mark_no_answer,
    followups_schedule,
)
from mentornet.notifications.models import Channel
from mentornet.notifications.registry import periodic_job, register_template
from mentornet.notifications.services import message_send
from mentornet.people.models import Person

EVALUATION_MENTOR = "followups.evaluation_mentor"
EVALUATION_MENTEE = "followups.evaluation_mentee"
FOLLOW_UP = "followups.follow_up"
FOLLOW_UP_REMINDER = "followups.follow_up_reminder"
#: A follow-up due longer ago than this (e.g. of a mentorship entered after the fact) is not sent by message any
#: more: it stays due on the coordinator's list, for a phone call.
SEND_WINDOW_DAYS = 60
#: A mentee who has not answered gets one reminder this many days after the questionnaire was sent.
REMINDER_DAYS = 14
BATCH = 500


# The links' tokens are worked out when each message is sent: they are never stored, not even in the message log.
def _evaluation_link(context: dict[str, Any]) -> dict[str, Any]:
    evaluation = ExitEvaluation.objects.filter(pk=context["evaluation_id"]).first()
    return {"url": evaluation_url(evaluation) if evaluation else settings.SITE_URL}


def _follow_up_link(context: dict[str, Any]) -> dict[str, Any]:
    follow_up = FollowUp.objects.filter(pk=context["follow_up_id"]).first()
    return {"url": follow_up_url(follow_up) if follow_up else settings.SITE_URL}


register_template(
    EVALUATION_MENTOR,
    label=_("Exit evaluation: to the mentor"),
    variables=["first_name", "other_first_name", "url"],
    inputs=("evaluation_id",),
    resolve=_evaluation_link,
    da=(
        "Tak for din indsats som mentor, {{ first_name }}",
        "Kære {{ first_name }}\n\n"
        "Forløbet med {{ other_first_name }} er slut. Tak for din tid og dit engagement.\n\n"
        "Vil du svare på fire korte spørgsmål om, hvordan det gik? Det tager et minut, og du skal ikke logge ind:\n\n"
        "{{ url }}\n\n"
        "Venlig hilsen\nKoordinatorerne",
    ),
    en=(
        "Thank you for your work as a mentor, {{ first_name }}",
        "Dear {{ first_name }}\n\n"
        "The mentorship with {{ other_first_name }} has ended. Thank you for your time and commitment.\n\n"
        "Would you answer four short questions about how it went? It takes a minute, and you do not log in:\n\n"
        "{{ url }}\n\n"
        "Best wishes\nThe coordinators",
    ),
)

register_template(
    EVALUATION_MENTEE,
    label=_("Exit evaluation: to the mentee"),
    variables=["first_name", "other_first_name", "url"],
    inputs=("evaluation_id",),
    resolve=_evaluation_link,
    da=(
        "Hvordan var det at have en mentor, {{ first_name }}?",
        "Kære {{ first_name }}\n\n"
        "Dit forløb med {{ other_first_name }} er slut. Vi vil gerne høre, hvordan det har været.\n\n"
        "Svar på fire korte spørgsmål her. Det tager et minut, og du skal ikke logge ind:\n\n"
        "{{ url }}\n\n"
        "Venlig hilsen\nKoordinatorerne",
    ),
    en=(
        "How was it to have a mentor, {{ first_name }}?",
        "Dear {{ first_name }}\n\n"
        "Your mentorship with {{ other_first_name }} has ended. We would like to hear how it has been.\n\n"
        "Answer four short questions here. It takes a minute, and you do not log in:\n\n"
        "{{ url }}\n\n"
        "Best wishes\nThe coordinators",
    ),
)

register_template(
    FOLLOW_UP,
    label=_("Follow-up: what the mentee does now"),
    variables=["first_name", "url", "days"],
    inputs=("follow_up_id",),
    resolve=_follow_up_link,
    da=(
        "Hvad laver du nu, {{ first_name }}?",
        "Hej {{ first_name }}\n\n"
        "Det er et stykke tid siden, dit mentorforløb sluttede. Vi vil gerne høre, hvad du laver nu.\n\n"
        "Der er kun ét spørgsmål, og du skal ikke logge ind:\n\n"
        "{{ url }}\n\n"
        "Du kan svare de næste {{ days }} dage. Tak for hjælpen!\n\n"
        "Venlig hilsen\nKoordinatorerne",
    ),
    en=(
        "What are you doing now, {{ first_name }}?",
        "Hi {{ first_name }}\n\n"
        "It is a while since your mentorship ended. We would like to hear what you are doing now.\n\n"
        "There is only one question, and you do not log in:\n\n"
        "{{ url }}\n\n"
        "You can answer in the next {{ days }} days. Thank you for your help!\n\n"
        "Best wishes\nThe coordinators",
    ),
)

register_template(
    FOLLOW_UP_REMINDER,
    label=_("Follow-up: a reminder to answer"),
    variables=["first_name", "url"],
    inputs=("follow_up_id",),
    resolve=_follow_up_link,
    da=(
        "En lille påmindelse, {{ first_name }}",
        "Hej {{ first_name }}\n\n"
        "For et stykke tid siden spurgte vi, hvad du laver nu. Vi har ikke fået dit svar endnu.\n\n"
        "Det tager under et minut, og du skal ikke logge ind:\n\n"
        "{{ url }}\n\n"
        "Hvis du allerede har svaret, kan du se bort fra denne besked.\n\n"
        "Venlig hilsen\nKoordinatorerne",
    ),
    en=(
        "A small reminder, {{ first_name }}",
        "Hi {{ first_name }}\n\n"
        "A while ago we asked what you are doing now. We have not had your answer yet.\n\n"
        "It takes under a minute, and you do not log in:\n\n"
        "{{ url }}\n\n"
        "If you have already answered, please ignore this message.\n\n"
        "Best wishes\nThe coordinators",
    ),
)


def _reachable(person: Person) -> bool:
    return person.anonymised_at is None and bool(person.email or person.phone)


def _channel(person: Person) -> str:
    return Channel.EMAIL if person.email else Channel.SMS


@periodic_job("followups.exit_evaluations")
def send_exit_evaluations(now: datetime.datetime) -> int:
    """Make the exit evaluations of mentorships just closed, and send each side its link once."""
    followups_schedule(today=timezone.localdate(now))
    due = (
        ExitEvaluation.objects.filter(sent_at__isnull=True, answered_at__isnull=True)
        .select_related("mentorship__mentor", "mentorship__mentee", "mentorship__branch__organisation")
        .order_by("pk")
    )
    queued = 0
    for evaluation in due[:BATCH]:
        mentorship = evaluation.mentorship
        person, other = (
            (mentorship.mentor, mentorship.mentee)
            if evaluation.side == Side.MENTOR
            else (mentorship.mentee, mentorship.mentor)
        )
        if not _reachable(person):
            continue
        message = message_send(
            key=f"followups.evaluation:{evaluation.pk}",
            template=EVALUATION_MENTOR if evaluation.side == Side.MENTOR else EVALUATION_MENTEE,
            person=person,
            organisation=mentorship.branch.organisation,
            context={
                "first_name": person.first_name,
                "other_first_name": other.first_name,
                "evaluation_id": evaluation.pk,
            },
            channel=_channel(person),
        )
        evaluation_mark_sent(evaluation=evaluation, now=now)
        queued += message is not None
    return queued


@periodic_job("followups.follow_ups")
def send_follow_ups(now: datetime.datetime) -> int:
    """Make the follow-ups of closed mentorships, and send the mentee the questionnaire when it is due. A mentee
    without an address, or erased, gets nothing, nor does one whose follow-up was due long ago: the follow-up stays
    due on the coordinator's list, for a call."""
    followups_schedule(today=timezone.localdate(now))
    due = (
        FollowUp.objects.filter(
            state=FollowUp.State.SCHEDULED,
            due_on__lte=timezone.localdate(now),
            due_on__gte=timezone.localdate(now) - datetime.timedelta(days=SEND_WINDOW_DAYS),
        )
        .filter(mentorship__mentee__anonymised_at__isnull=True)
        .exclude(mentorship__mentee__email="", mentorship__mentee__phone="")
        .select_related("mentorship__mentee", "mentorship__branch__organisation")
        .order_by("due_on", "pk")
    )
    queued = 0
    for follow_up in due[:BATCH]:
        mentee = follow_up.mentorship.mentee
        message = message_send(
            key=f"{FOLLOW_UP}:{follow_up.pk}",
            template=FOLLOW_UP,
            person=mentee,
            organisation=follow_up.mentorship.branch.organisation,
            context={"first_name": mentee.first_name, "follow_up_id": follow_up.pk, "days": ANSWER_DAYS},
            channel=_channel(mentee),
        )
        follow_up_mark_sent(follow_up=follow_up, now=now)
        queued += message is not None
    return queued


@periodic_job("followups.reminders")
def remind_follow_ups(now: datetime.datetime) -> int:
    """One reminder to a mentee who has not answered ``REMINDER_DAYS`` after the questionnaire, while the link
    still counts. The key is the follow-up, so there is never a second reminder."""
    due = (
        FollowUp.objects.filter(
            state=FollowUp.State.SENT,
            sent_at__lte=now - datetime.timedelta(days=REMINDER_DAYS),
            answer_by__gt=now,
            mentorship__mentee__anonymised_at__isnull=True,
        )
        .exclude(mentorship__mentee__email="", mentorship__mentee__phone="")
        .select_related("mentorship__mentee", "mentorship__branch__organisation")
        .order_by("pk")
    )
    queued = 0
    for follow_up in due[:BATCH]:
        mentee = follow_up.mentorship.mentee
        message = message_send(
            key=f"{FOLLOW_UP_REMINDER}:{follow_up.pk}",
            template=FOLLOW_UP_REMINDER,
            person=mentee,
            organisation=follow_up.mentorship.branch.organisation,
            context={"first_name": mentee.first_name, "follow_up_id": follow_up.pk},
            channel=_channel(mentee),
        )
        queued += message is not None
    return queued


@periodic_job("followups.no_answer")
def mark_no_answer(now: datetime.datetime) -> int:
    """Follow-ups not answered by their deadline count as "no answer"; nothing is sent."""
    followups_mark_no_answer(now=now)
    return 0
