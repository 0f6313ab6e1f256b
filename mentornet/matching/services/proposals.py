"""Proposals: made, chosen through the mentee's link or by the coordinator, answered by the mentor, expired or
withdrawn; the non-binding first meeting."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mentornet.accounts.models import User
from mentornet.core.links import link_token, new_salt, token_hash
from mentornet.core.services import audit_log
from mentornet.matching import engine
from mentornet.matching.models import Candidate, Exclusion, MatchRun, Proposal
from mentornet.matching.records import (
    in_progress,
    mentee_records,
    mentor_records,
    needs_background,
    rules_for,
    settings_for,
)
from mentornet.matching.selectors import CONSTRAINT_LABELS, reasons_data
from mentornet.mentorships.models import CloseReason, Mentorship, MentorshipStatus
from mentornet.mentorships.services import mentorship_close, mentorship_start
from mentornet.notifications.models import Channel
from mentornet.notifications.services import message_send
from mentornet.organisations.models import Programme
from mentornet.people.models import Kind, Person, Status
from mentornet.people.services.person import person_move

LINK_PURPOSE = "mentornet.matching.proposal"


# --- Proposals ----------------------------------------------------------------------------------------------------


def proposal_token(proposal: Proposal) -> str:
    """The secret in the mentee's link, derived from the stored salt and the site's secret key (never stored)."""
    return link_token(LINK_PURPOSE, proposal.token_salt)


def choice_url(proposal: Proposal) -> str:
    return settings.SITE_URL + reverse("matching:choose", kwargs={"token": proposal_token(proposal)})


def _why_not(mentee: engine.Mentee, mentor: engine.Mentor, rules: engine.Rules) -> str:
    """The first hard constraint a mentor fails for a mentee, in words."""
    excluded = engine.rank(mentee, [mentor], rules, n=0).excluded
    failed = next((name for name in engine.CONSTRAINTS if excluded.get(name)), "")
    return str(CONSTRAINT_LABELS.get(failed, ""))


def proposals_expire(*, now: Any = None) -> int:
    """Close open proposals whose time is up and release their mentors. Returns how many expired."""
    now = now or timezone.now()
    count = 0
    with transaction.atomic():
        for proposal in Proposal.objects.select_for_update().filter(state=Proposal.State.OPEN, expires_at__lte=now):
            proposal.state = Proposal.State.EXPIRED
            proposal.closed_at = now
            proposal.save(update_fields=["state", "closed_at"])
            proposal.candidates.filter(state=Candidate.State.OFFERED).update(state=Candidate.State.RELEASED)
            audit_log(actor=None, action="proposal.expire", target=proposal.mentee, branch=proposal.mentee.branch)
            count += 1
    return count


def proposal_create(
    *,
    actor: User | None,
    mentee: Person,
    programme: Programme,
    mentor_ids: Sequence[int],
    run: MatchRun | None = None,
    notify: bool = True,
) -> Proposal:
    """Propose up to N mentors to a waiting mentee and reserve them while the mentee chooses.

    With ``notify`` the mentee gets the link by e-mail (when they have an address).

    Every hard constraint is checked again with the mentors' rows locked; a mentor who was reserved by someone
    else a moment ago is refused with the reason, and nothing is created."""
    ids = list(dict.fromkeys(mentor_ids))
    if not ids:
        raise ValidationError(_("Choose at least one mentor."))
    if len(ids) > programme.max_mentors_proposed:
        raise ValidationError(
            _("Propose at most %(n)d mentors in this programme.") % {"n": programme.max_mentors_proposed}
        )
    proposals_expire()
    with transaction.atomic():
        mentee = (
            Person.objects.select_for_update(of=("self",)).select_related("mentee_profile", "branch").get(pk=mentee.pk)
        )
        if mentee.kind != Kind.MENTEE or mentee.status != Status.WAITING:
            raise ValidationError(_("Only a mentee who is waiting for a match can get a proposal."))
        if mentee.branch_id != programme.branch_id:
            raise ValidationError(_("The mentee belongs to another branch than the programme."))
        if Proposal.objects.filter(in_progress(), mentee=mentee).exists():
            raise ValidationError(_("The mentee already has a proposal in progress."))
        mentors = {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
        rules = rules_for(programme)
        background = needs_background([mentee], rules)
        mentee_record = mentee_records([mentee], with_background=background)[0]
        records = {r.id: r for r in mentor_records(programme, only=ids, with_background=background)}
        ranking = engine.rank(mentee_record, list(records.values()), rules, n=len(records))
        ranked = {c.mentor_id: c for c in ranking.candidates}
        refused = []
        for mentor_id in ids:
            if mentor_id not in records:
                refused.append(_("%(name)s can no longer be matched.") % {"name": mentors.get(mentor_id, "?")})
            elif mentor_id not in ranked:
                why = _why_not(mentee_record, records[mentor_id], rules)
                refused.append(
                    _("%(name)s cannot be proposed: %(why)s") % {"name": mentors[mentor_id], "why": why.lower()}
                )
        if refused:
            raise ValidationError(refused)
        salt = new_salt()
        proposal = Proposal(
            mentee=mentee,
            programme=programme,
            run=run,
            created_by=actor,
            expires_at=timezone.now() + timedelta(days=programme.proposal_expiry_days),
            token_salt=salt,
        )
        proposal.token_hash = token_hash(proposal_token(proposal))
        try:
            with transaction.atomic():
                proposal.save()
        except IntegrityError as error:
            raise ValidationError(_("The mentee already has a proposal in progress.")) from error
        ordered = sorted(ids, key=lambda i: (-ranked[i].score, i))
        Candidate.objects.bulk_create(
            Candidate(
                proposal=proposal,
                mentor_id=mentor_id,
                rank=position,
                score=ranked[mentor_id].score,
                reasons=reasons_data(ranked[mentor_id]),
                presentation=mentors[mentor_id].mentor_profile.presentation,
            )
            for position, mentor_id in enumerate(ordered, start=1)
        )
        audit_log(
            actor=actor,
            action="proposal.create",
            target=mentee,
            branch=mentee.branch,
            changes={"mentors": [str(i) for i in ordered], "proposal": str(proposal.pk)},
        )
        if notify:
            _notify(proposal, "choose")
    return proposal


def _notify(proposal: Proposal, kind: str) -> None:
    """Queue the mentee's link to choose, or the chosen mentor's request to answer. Nothing sensitive in either."""
    mentee = proposal.mentee
    context: dict[str, Any] = {"branch": mentee.branch.name}
    if kind == "choose":
        person = mentee
        deadline = timezone.localtime(proposal.expires_at).date()
        context |= {"first_name": mentee.first_name, "proposal_id": proposal.pk, "deadline": f"{deadline:%d.%m.%Y}"}
    else:
        chosen = proposal.candidates.filter(state=Candidate.State.CHOSEN).select_related("mentor").get()
        person = chosen.mentor
        context |= {
            "first_name": person.first_name,
            "mentee_first_name": mentee.first_name,
            "url": settings.SITE_URL + reverse("matching:my_proposals"),
        }
    message_send(
        key=f"matching.{kind}:{proposal.pk}",
        template=f"matching.{kind}",
        person=person,
        organisation=mentee.organisation,
        context=context,
        channel=Channel.EMAIL if person.email or not person.phone else Channel.SMS,
        language=translation.get_language() or "da",
    )


def _close(proposal: Proposal, state: str, *, release: bool = True) -> None:
    proposal.state = state
    proposal.closed_at = timezone.now()
    proposal.save(update_fields=["state", "closed_at"])
    if release:
        proposal.candidates.filter(state=Candidate.State.OFFERED).update(state=Candidate.State.RELEASED)


def _locked(proposal: Proposal) -> Proposal:
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("mentee__branch", "programme")
        .get(pk=proposal.pk)
    )


def proposal_withdraw(*, actor: User, proposal: Proposal, reason: str = "") -> Proposal:
    with transaction.atomic():
        proposal = _locked(proposal)
        if proposal.state not in {Proposal.State.OPEN, Proposal.State.CHOSEN}:
            raise ValidationError(_("Only a proposal in progress can be withdrawn."))
        proposal.candidates.filter(state=Candidate.State.CHOSEN).update(state=Candidate.State.RELEASED)
        proposal.note = reason[:300]
        proposal.save(update_fields=["note"])
        _close(proposal, Proposal.State.WITHDRAWN)
        audit_log(actor=actor, action="proposal.withdraw", target=proposal.mentee, branch=proposal.mentee.branch)
    return proposal


def proposal_choose(*, actor: User | None, proposal: Proposal, mentor_id: int, notify: bool = True) -> Proposal:
    """Record the mentee's choice: through the link (``actor`` None) or by a coordinator who heard it in person."""
    with transaction.atomic():
        proposal = _locked(proposal)
        if not proposal.is_open:
            raise ValidationError(_("This proposal is no longer open."))
        chosen = proposal.candidates.filter(mentor_id=mentor_id, state=Candidate.State.OFFERED).first()
        if chosen is None:
            raise ValidationError(_("Choose one of the proposed mentors."))
        proposal.candidates.exclude(pk=chosen.pk).update(state=Candidate.State.NOT_CHOSEN)
        chosen.state = Candidate.State.CHOSEN
        chosen.save(update_fields=["state"])
        proposal.state = Proposal.State.CHOSEN
        proposal.chosen_at = timezone.now()
        proposal.chosen_via = Proposal.Via.LINK if actor is None else Proposal.Via.COORDINATOR
        proposal.chosen_by = actor
        proposal.save(update_fields=["state", "chosen_at", "chosen_via", "chosen_by"])
        audit_log(
            actor=actor,
            action="proposal.choose",
            target=proposal.mentee,
            branch=proposal.mentee.branch,
            changes={"mentor": str(mentor_id), "via": proposal.chosen_via},
        )
        if notify:
            _notify(proposal, "chosen")
    return proposal


def mentor_respond(*, actor: User, candidate: Candidate, accept: bool, reason: str = "") -> Proposal:
    """The chosen mentor accepts (the mentee is matched) or declines with a reason (the mentee waits again)."""
    if not accept and not reason.strip():
        raise ValidationError({"reason": _("Tell the coordinator why you decline.")})
    with transaction.atomic():
        proposal = _locked(candidate.proposal)
        candidate = Candidate.objects.select_for_update(of=("self",)).select_related("mentor").get(pk=candidate.pk)
        if proposal.state != Proposal.State.CHOSEN or candidate.state != Candidate.State.CHOSEN:
            raise ValidationError(_("This proposal has already been answered."))
        now = timezone.now()
        candidate.state = Candidate.State.ACCEPTED if accept else Candidate.State.DECLINED
        candidate.response_reason = reason.strip()[:300]
        candidate.responded_at = now
        candidate.responded_by = actor
        candidate.save(update_fields=["state", "response_reason", "responded_at", "responded_by"])
        mentee = proposal.mentee
        if accept:
            first_meeting = settings_for(proposal.programme).first_meeting_step if proposal.programme else False
            proposal.state = Proposal.State.FIRST_MEETING if first_meeting else Proposal.State.ACCEPTED
            proposal.save(update_fields=["state"])
            person_move(
                actor=actor, person=mentee, to_status=Status.MATCHED, note=_("Matched with %s") % candidate.mentor
            )
            if proposal.programme is not None:
                mentorship_start(
                    actor=actor, mentor=candidate.mentor, mentee=mentee, programme=proposal.programme, proposal=proposal
                )
        else:
            _close(proposal, Proposal.State.DECLINED)
            Exclusion.objects.get_or_create(
                mentee=mentee,
                mentor=candidate.mentor,
                defaults={"reason": _("Declined: %s") % candidate.response_reason, "created_by": actor},
            )
        audit_log(
            actor=actor,
            action="proposal.accept" if accept else "proposal.decline",
            target=mentee,
            branch=mentee.branch,
            changes={"mentor": str(candidate.mentor_id)},
        )
    return proposal


def first_meeting_record(
    *, actor: User | None, proposal: Proposal, side: str, go_on: bool, reason: str = ""
) -> Proposal:
    """After the non-binding first meeting, one side confirms or asks for another match.

    Both confirming makes the match final; either asking for a rematch releases the mentor and puts the mentee
    back on the waiting list (the mentor is not proposed to them again)."""
    if side not in Proposal.Side.values:
        raise ValueError(side)
    with transaction.atomic():
        proposal = _locked(proposal)
        if proposal.state != Proposal.State.FIRST_MEETING:
            raise ValidationError(_("There is no first meeting to answer for."))
        match = proposal.candidates.select_related("mentor").get(state=Candidate.State.ACCEPTED)
        now = timezone.now()
        mentee = proposal.mentee
        if go_on:
            setattr(proposal, f"{side}_confirmed_at", now)
            if proposal.mentee_confirmed_at and proposal.mentor_confirmed_at:
                proposal.state = Proposal.State.ACCEPTED
            proposal.save(update_fields=[f"{side}_confirmed_at", "state"])
        else:
            proposal.rematch_asked_by = side
            proposal.note = reason.strip()[:300]
            proposal.save(update_fields=["rematch_asked_by", "note"])
            _close(proposal, Proposal.State.REMATCH)
            match.state = Candidate.State.RELEASED
            match.save(update_fields=["state"])
            started = Mentorship.objects.filter(proposal=proposal).exclude(status=MentorshipStatus.CLOSED).first()
            if started is not None:
                mentorship_close(
                    actor=actor, mentorship=started, reason=CloseReason.REMATCH, note=reason, move_people=False
                )
            Exclusion.objects.get_or_create(
                mentee=mentee,
                mentor=match.mentor,
                defaults={"reason": _("Rematch after the first meeting"), "created_by": actor},
            )
            person_move(actor=actor, person=mentee, to_status=Status.WAITING, note=_("Rematch after the first meeting"))
        audit_log(
            actor=actor,
            action="proposal.first_meeting",
            target=mentee,
            branch=mentee.branch,
            changes={"side": side, "go_on": go_on},
        )
    return proposal
