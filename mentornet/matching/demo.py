"""Demo data for matching: proposals in every state, made through the services as a coordinator would."""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from mentornet.accounts.models import Membership, Role
from mentornet.matching import engine
from mentornet.matching.models import Proposal
from mentornet.matching.records import mentee_records, mentor_records, rules_for, waiting_list
from mentornet.matching.services import mentor_respond, proposal_choose, proposal_create, proposal_withdraw
from mentornet.organisations.models import Programme

#: Of the waiting mentees given a proposal: how far each got (open, chosen, accepted, declined, withdrawn).
OUTCOMES = [("open", 50), ("chosen", 20), ("accepted", 15), ("declined", 10), ("withdrawn", 5)]


def build(fake: Any, scale: float, places: dict[str, Any]) -> None:
    rng = random.Random(2016)
    coordinators = {
        m.branch_id: m.user for m in Membership.objects.filter(role=Role.COORDINATOR).select_related("user")
    }
    for programme in Programme.objects.filter(is_active=True).select_related("branch").order_by("pk"):
        coordinator = coordinators.get(programme.branch_id)
        mentees = waiting_list(programme)
        if coordinator is None or not mentees:
            continue
        rules = rules_for(programme)
        mentors = mentor_records(programme)  # free places as they are now; proposal_create checks again
        records = {r.id: r for r in mentee_records(mentees)}
        for mentee in mentees[: max(2, round(len(mentees) * 0.3))]:
            ranking = engine.rank(records[mentee.pk], mentors, rules)
            ids = [c.mentor_id for c in ranking.candidates]
            if not ids:
                continue
            try:
                proposal = proposal_create(
                    actor=coordinator, mentee=mentee, programme=programme, mentor_ids=ids, notify=False
                )
            except ValidationError:
                continue  # the mentor's last place went to an earlier mentee
            _advance(proposal, rng, coordinator)
            Proposal.objects.filter(pk=proposal.pk).update(
                created_at=proposal.created_at - datetime.timedelta(days=rng.randint(0, 10))
            )


def _advance(proposal: Proposal, rng: random.Random, coordinator: Any) -> None:
    outcome = rng.choices([o for o, _w in OUTCOMES], weights=[w for _o, w in OUTCOMES])[0]
    if outcome == "withdrawn":
        proposal_withdraw(actor=coordinator, proposal=proposal, reason="Mentee er flyttet")
        return
    if outcome == "open":
        return
    first = proposal.candidates.order_by("rank").select_related("mentor__user").first()
    assert first is not None
    proposal_choose(actor=None, proposal=proposal, mentor_id=first.mentor_id, notify=False)
    first.refresh_from_db()
    if outcome == "chosen":
        return
    mentor_user = first.mentor.user or coordinator
    reason = "" if outcome == "accepted" else rng.choice(["Har fået nyt job og mindre tid", "Skal flytte"])
    mentor_respond(actor=mentor_user, candidate=first, accept=outcome == "accepted", reason=reason)
    if outcome == "accepted":
        Proposal.objects.filter(pk=proposal.pk).update(chosen_at=timezone.now() - datetime.timedelta(days=2))
