"""Background work for matching: batch runs (its messages go through notifications)."""

from __future__ import annotations

from django_tasks import task

from mentornet.matching.models import MatchRun
from mentornet.matching.services import match_run_execute


@task()
def run_match(*, run_id: int) -> None:
    run = MatchRun.objects.filter(pk=run_id, state=MatchRun.State.RUNNING).select_related("programme__branch").first()
    if run is not None:
        match_run_execute(run)
