"""Background work for matching: batch runs, and the e-mails of a proposal."""

from __future__ import annotations

from django.utils import translation
from django_tasks import task

from mentornet.matching.models import MatchRun, Proposal
from mentornet.matching.services import EMAIL_KINDS, match_run_execute, proposal_email_send


@task()
def run_match(*, run_id: int) -> None:
    run = MatchRun.objects.filter(pk=run_id, state=MatchRun.State.RUNNING).select_related("programme__branch").first()
    if run is not None:
        match_run_execute(run)


@task()
def send_proposal_email(*, proposal_id: int, kind: str, language: str) -> None:
    if kind not in EMAIL_KINDS:
        raise ValueError(f"unknown proposal e-mail kind: {kind}")
    proposal = Proposal.objects.filter(pk=proposal_id).select_related("mentee", "programme").first()
    if proposal is not None:
        with translation.override(language):
            proposal_email_send(proposal, kind)
