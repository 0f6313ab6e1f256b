"""Matching's messages (the mentee's link to choose, the chosen mentor's request) and periodic work."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mentornet.matching.models import Proposal
from mentornet.matching.services import choice_url, proposals_expire
from mentornet.notifications.registry import periodic_job, register_template


def _choice_link(context: dict[str, Any]) -> dict[str, Any]:
    # The link's token is worked out when the message is sent: it is never stored.
    proposal = Proposal.objects.filter(pk=context["proposal_id"]).first()
    return {"url": choice_url(proposal) if proposal else settings.SITE_URL}


register_template(
    "matching.choose",
    label=_("Proposal: the mentee chooses a mentor"),
    variables=["first_name", "url", "deadline", "branch"],
    inputs=("proposal_id",),
    resolve=_choice_link,
    da=(
        "Vælg din mentor",
        "Hej {{ first_name }}\n\nVi har fundet mentorer til dig. Læs, hvad de skriver om sig selv, og vælg den, "
        "du gerne vil mødes med:\n\n{{ url }}\n\nVælg senest {{ deadline }}. Du skal ikke logge ind.\n\n"
        "Venlig hilsen\n{{ branch }}",
    ),
    en=(
        "Choose your mentor",
        "Hi {{ first_name }}\n\nWe have found mentors for you. Read what they write about themselves and choose the "
        "one you would like to meet:\n\n{{ url }}\n\nPlease choose by {{ deadline }}. You do not need to log in.\n\n"
        "Best wishes\n{{ branch }}",
    ),
)

register_template(
    "matching.chosen",
    label=_("Proposal: a mentee has chosen the mentor"),
    variables=["first_name", "mentee_first_name", "url", "branch"],
    da=(
        "En mentee har valgt dig",
        "Hej {{ first_name }}\n\n{{ mentee_first_name }} har valgt dig som mentor. Log ind og bekræft, eller sig "
        "nej med en begrundelse:\n\n{{ url }}\n\nVenlig hilsen\n{{ branch }}",
    ),
    en=(
        "A mentee has chosen you",
        "Hi {{ first_name }}\n\n{{ mentee_first_name }} has chosen you as their mentor. Log in and confirm, or "
        "decline with a reason:\n\n{{ url }}\n\nBest wishes\n{{ branch }}",
    ),
)


@periodic_job("matching.expire_proposals")
def expire_proposals(now: datetime.datetime) -> int:
    return proposals_expire(now=now)
