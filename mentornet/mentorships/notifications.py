"""Messages of mentorships: the friendly reminder to a mentor when no meeting has been logged for a while."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentornet.mentorships.models import Mentorship, MentorshipStatus
from mentornet.mentorships.selectors import inactive_q, with_meeting_stats
from mentornet.notifications.models import Channel, Message
from mentornet.notifications.registry import periodic_job, register_template
from mentornet.notifications.services import message_send
from mentornet.organisations.models import Programme

INACTIVITY = "mentorships.inactivity"
BATCH = 500

register_template(
    INACTIVITY,
    label=_("Reminder: no meeting logged"),
    variables=["first_name", "mentee_first_name", "weeks", "url"],
    da=(
        "Hvordan går det med {{ mentee_first_name }}?",
        "Kære {{ first_name }}\n\n"
        "Vi har ikke set et møde med {{ mentee_first_name }} i {{ weeks }} uger. Det er helt i orden, hvis I har "
        "holdt en pause. Hvis I har mødtes, kan du skrive mødet ind her (det tager et halvt minut):\n\n"
        "{{ url }}\n\n"
        "Hvis noget er svært, er du altid velkommen til at kontakte din koordinator.\n\n"
        "Venlig hilsen\nKoordinatorerne",
    ),
    en=(
        "How are things with {{ mentee_first_name }}?",
        "Dear {{ first_name }}\n\n"
        "We have not seen a meeting with {{ mentee_first_name }} for {{ weeks }} weeks. That is quite all right if "
        "you have taken a break. If you have met, you can log the meeting here (it takes half a minute):\n\n"
        "{{ url }}\n\n"
        "If something is difficult, you are always welcome to contact your coordinator.\n\n"
        "Best wishes\nThe coordinators",
    ),
)


def reminder_key(mentorship_id: int, since: datetime.date) -> str:
    """One reminder per inactivity period: the period starts at the last meeting (or the start)."""
    return f"{INACTIVITY}:{mentorship_id}:{since.isoformat()}"


@periodic_job(INACTIVITY)
def remind_inactive(now: datetime.datetime) -> int:
    """Remind the mentors of active mentorships without a meeting for the programme's interval. Safe to rerun:
    a period already reminded about is skipped without a message being queued."""
    today = timezone.localdate(now)
    programmes = list(Programme.objects.filter(is_active=True).only("pk", "inactivity_weeks"))
    weeks = {p.pk: p.inactivity_weeks for p in programmes}
    due = (
        with_meeting_stats(Mentorship.objects.filter(status=MentorshipStatus.ACTIVE))
        .filter(inactive_q(programmes, today))
        .select_related("mentor", "mentee", "branch__organisation")
        .order_by("pk")
    )
    queued = 0
    for start in range(0, due.count(), BATCH):
        rows = list(due[start : start + BATCH])
        keys = {m.pk: reminder_key(m.pk, m.last_activity) for m in rows}  # type: ignore[attr-defined]
        sent = set(Message.objects.filter(key__in=keys.values()).values_list("key", flat=True))
        for mentorship in rows:
            mentor = mentorship.mentor
            if keys[mentorship.pk] in sent or mentor.anonymised_at or not (mentor.email or mentor.phone):
                continue
            url = settings.SITE_URL + reverse("mentorships:meeting_create", kwargs={"mentorship_id": mentorship.pk})
            message = message_send(
                key=keys[mentorship.pk],
                template=INACTIVITY,
                person=mentor,
                organisation=mentorship.branch.organisation,
                context={
                    "first_name": mentor.first_name,
                    "mentee_first_name": mentorship.mentee.first_name,
                    "weeks": weeks[mentorship.programme_id],
                    "url": url,
                },
                channel=Channel.EMAIL if mentor.email else Channel.SMS,
            )
            queued += message is not None
    return queued
