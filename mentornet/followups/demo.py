"""Demo data for follow-up: for the demo's closed mentorships, follow-ups (answered through the link or by phone,
not answered, waiting, or still to come), exit evaluations from both sides, and work-ability assessments for
praktik mentorships. Written with ``bulk_create`` and without audit entries per row, so ``--scale 10`` stays
fast. Run after the mentorships demo. Synthetic data only."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from mentornet.accounts.models import Membership, Role
from mentornet.core.links import link_token, new_salt, token_hash
from mentornet.followups.models import (
    AREAS,
    ExitEvaluation,
    FollowUp,
    Outcome,
    Recommendation,
    Side,
    WorkAbilityAssessment,
)
from mentornet.followups.services import (
    ANSWER_DAYS,
    EVALUATION_PURPOSE,
    FOLLOW_UP_PURPOSE,
)
from mentornet.mentorships.models import CloseReason, Mentorship, MentorshipKind, MentorshipStatus, planned_end_for

BATCH = 5000
OUTCOMES = [(Outcome.EDUCATION, 45), (Outcome.JOB, 30), (Outcome.BOTH, 10), (Outcome.OTHER, 15)]
#: How a follow-up that was due went: through the link, by phone, or no answer at all.
ANSWERS = [(FollowUp.State.ANSWERED, 50), (FollowUp.State.PHONE, 20), (FollowUp.State.NO_ANSWER, 30)]
EDUCATIONS = ["KEA", "Københavns Professionshøjskole", "SOSU H", "TEC", "VUC", "HF Tingbjerg", ""]
JOBS = ["Netto", "Føtex", "Hospitalsrengøring", "Lager i Brøndby", "Børnehave (pædagogmedhjælper)", ""]
COMMENTS = ["Det var rart at have en at tale med.", "Vi fik styr på ansøgningerne.", "", "", "Tak for forløbet."]


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


def _salted(purpose: str) -> tuple[str, str]:
    salt = new_salt()
    return salt, token_hash(link_token(purpose, salt))


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _follow_up(rng: random.Random, today: datetime.date, mentorship: Mentorship, months: int) -> FollowUp:
    assert mentorship.closed_on is not None
    due = planned_end_for(mentorship.closed_on, months)
    salt, hashed = _salted(FOLLOW_UP_PURPOSE)
    follow_up = FollowUp(mentorship=mentorship, due_on=due, token_salt=salt, token_hash=hashed)
    if due > today:
        return follow_up
    sent = min(due + datetime.timedelta(days=1), today)
    follow_up.sent_at = _at(sent)
    follow_up.answer_by = _at(sent + datetime.timedelta(days=ANSWER_DAYS))
    if sent + datetime.timedelta(days=ANSWER_DAYS) > today and rng.random() < 0.6:
        follow_up.state = FollowUp.State.SENT
        return follow_up
    follow_up.state = _pick(rng, ANSWERS)
    if follow_up.state != FollowUp.State.NO_ANSWER:
        follow_up.outcome = _pick(rng, OUTCOMES)
        names = EDUCATIONS if follow_up.outcome == Outcome.EDUCATION else JOBS
        follow_up.place = rng.choice(names) if follow_up.outcome != Outcome.OTHER else ""
        follow_up.answered_at = _at(min(sent + datetime.timedelta(days=rng.randint(0, 20)), today), 14)
    return follow_up


def _evaluation(rng: random.Random, today: datetime.date, mentorship: Mentorship, side: str) -> ExitEvaluation:
    assert mentorship.closed_on is not None
    salt, hashed = _salted(EVALUATION_PURPOSE)
    evaluation = ExitEvaluation(
        mentorship=mentorship, side=side, token_salt=salt, token_hash=hashed, sent_at=_at(mentorship.closed_on, 9)
    )
    if rng.random() < 0.6:
        good = mentorship.close_reason == CloseReason.COMPLETED
        evaluation.overall = rng.randint(3, 5) if good else rng.randint(1, 4)
        evaluation.helped = rng.randint(3, 5) if good else rng.randint(1, 4)
        evaluation.recommend = rng.random() < (0.9 if good else 0.6)
        evaluation.comment = rng.choice(COMMENTS)
        answered = min(mentorship.closed_on + datetime.timedelta(days=rng.randint(0, 10)), today)
        evaluation.answered_at = _at(answered, 19)
    return evaluation


def _assessment(rng: random.Random, mentorship: Mentorship, writer_id: int | None) -> WorkAbilityAssessment:
    assert mentorship.closed_on is not None
    scales = {area: rng.choice([None, 2, 3, 3, 4, 4, 5]) for area in AREAS}
    return WorkAbilityAssessment(
        mentorship=mentorship,
        period_start=mentorship.start_date,
        period_end=mentorship.closed_on,
        **scales,
        attendance_comment="Møder stabilt og til tiden." if (scales["attendance"] or 0) >= 4 else "",
        physical_comment="Korte pauser efter behov fungerede godt.",
        overall="Arbejder roligt og grundigt og er god til at spørge, når noget er uklart.",
        recommendation=_pick(rng, [(r, 1) for r in Recommendation.values]),
        written_by_id=writer_id,
        updated_at=_at(mentorship.closed_on, 12),
        created_at=_at(mentorship.closed_on, 12),
    )


def build(fake: Any, scale: float, places: dict[str, Any]) -> None:
    """Follow-ups, evaluations and assessments for every closed mentorship that ends a mentee's course."""
    rng = random.Random(2016)
    today = timezone.localdate()
    writers = dict(
        Membership.objects.filter(role=Role.COORDINATOR, branch__isnull=False)
        .order_by("-pk")
        .values_list("branch_id", "user_id")
    )
    closed = (
        Mentorship.objects.filter(status=MentorshipStatus.CLOSED, closed_on__isnull=False)
        .exclude(close_reason=CloseReason.REMATCH)
        .exclude(follow_up__isnull=False)
        .select_related("programme")
        .only("pk", "kind", "branch_id", "start_date", "closed_on", "close_reason", "programme__follow_up_months")
        .order_by("pk")
    )
    follow_ups: list[FollowUp] = []
    evaluations: list[ExitEvaluation] = []
    assessments: list[WorkAbilityAssessment] = []
    for mentorship in closed.iterator(chunk_size=BATCH):
        follow_ups.append(_follow_up(rng, today, mentorship, mentorship.programme.follow_up_months))
        evaluations.extend(_evaluation(rng, today, mentorship, side) for side in Side.values)
        if mentorship.kind == MentorshipKind.PRAKTIK and rng.random() < 0.7:
            assessments.append(_assessment(rng, mentorship, writers.get(mentorship.branch_id)))
    FollowUp.objects.bulk_create(follow_ups, batch_size=BATCH)
    ExitEvaluation.objects.bulk_create(evaluations, batch_size=BATCH, ignore_conflicts=True)
    WorkAbilityAssessment.objects.bulk_create(assessments, batch_size=BATCH)
