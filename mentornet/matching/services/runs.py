"""Batch runs: the best pairing of a programme's waiting list, made in the background, accepted pair by pair."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentornet.accounts.models import User
from mentornet.core.services import audit_log
from mentornet.matching import engine
from mentornet.matching.models import MatchRun
from mentornet.matching.records import (
    mentee_records,
    mentor_records,
    needs_background,
    rules_for,
    waiting_list,
)
from mentornet.matching.selectors import reasons_data
from mentornet.matching.services.proposals import proposal_create
from mentornet.organisations.models import Programme
from mentornet.people.models import Person

# --- Batch runs ---------------------------------------------------------------------------------------------------


def batch_for(
    programme: Programme, weights: dict[str, float] | None = None, progress: Callable[[float], None] | None = None
) -> tuple[list[Person], engine.BatchResult]:
    """The engine's batch for the programme's waiting list now."""
    mentees = waiting_list(programme)
    rules = rules_for(programme, weights)
    background = needs_background(mentees, rules)
    records = mentor_records(programme, with_background=background)
    result = engine.batch(mentee_records(mentees, with_background=background), records, rules, progress=progress)
    return mentees, result


def _candidate_data(candidate: engine.Candidate | None) -> dict[str, Any] | None:
    if candidate is None:
        return None
    return {"mentor_id": candidate.mentor_id, "score": candidate.score, "reasons": reasons_data(candidate)}


def match_run_start(*, actor: User, programme: Programme) -> MatchRun:
    from mentornet.matching.tasks import run_match

    with transaction.atomic():
        if MatchRun.objects.filter(programme=programme, state=MatchRun.State.RUNNING).exists():
            raise ValidationError(_("The waiting list is being matched already."))
        run = MatchRun.objects.create(programme=programme, created_by=actor)
        audit_log(actor=actor, action="matching.batch", target=programme, branch=programme.branch)
        transaction.on_commit(lambda: run_match.enqueue(run_id=run.pk))
    return run


def match_run_execute(run: MatchRun) -> MatchRun:
    """The background part of a batch run: match the waiting list, store the suggested pairs."""

    def progress(share: float) -> None:
        MatchRun.objects.filter(pk=run.pk).update(progress=min(int(share * 100), 99))

    try:
        mentees, result = batch_for(run.programme, progress=progress)
        run.result = [
            {"mentee_id": pair.mentee_id, "first": _candidate_data(pair.first), "second": _candidate_data(pair.second)}
            for pair in result.pairs
        ]
        run.mentees = len(mentees)
        run.pairs = sum(1 for pair in result.pairs if pair.first)
        run.state = MatchRun.State.DONE
    except Exception as error:
        run.state = MatchRun.State.FAILED
        run.error = str(error)[:500]
    run.progress = 100
    run.finished_at = timezone.now()
    run.save(update_fields=["result", "mentees", "pairs", "state", "error", "progress", "finished_at"])
    return run


def match_run_accept(*, actor: User, run: MatchRun, mentee_ids: Sequence[int]) -> tuple[int, list[str]]:
    """Turn suggested pairs into proposals (first and second candidate). Returns how many, and why others failed."""
    if run.state != MatchRun.State.DONE:
        raise ValidationError(_("The batch match has not finished."))
    wanted = set(mentee_ids)
    people = Person.objects.in_bulk([row["mentee_id"] for row in run.result if row["mentee_id"] in wanted])
    made, problems = 0, []
    for row in run.result:
        mentee = people.get(row["mentee_id"])
        if mentee is None or row.get("proposal_id") or row["first"] is None:
            continue
        ids = [c["mentor_id"] for c in (row["first"], row["second"]) if c][: run.programme.max_mentors_proposed]
        try:
            proposal = proposal_create(actor=actor, mentee=mentee, programme=run.programme, mentor_ids=ids, run=run)
        except ValidationError as error:
            row["problem"] = " ".join(error.messages)
            problems.append(f"{mentee}: {row['problem']}")
        else:
            row["proposal_id"] = proposal.pk
            row.pop("problem", None)
            made += 1
    MatchRun.objects.filter(pk=run.pk).update(result=run.result)
    return made, problems
