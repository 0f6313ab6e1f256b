"""Demo data for mentorships: several years of mentorships in every state, with meetings in realistic rhythms.

Matched mentees get an active or paused mentorship, closed mentees a closed one with a reason. Meetings come 1–4
times a month (Esbjerg: "mødes 1-4 gange om måneden"); some active mentorships have gone quiet, so the inactivity
flag has something to show. Everything is written with ``bulk_create`` in batches and without audit entries per
row, so that ``--scale 10`` (about a million meetings) stays fast. Synthetic data only.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator, Sequence
from typing import Any

from django.utils import timezone

from mentornet.mentorships.models import (
    CloseReason,
    Concern,
    Frequency,
    Meeting,
    MeetingForm,
    MeetingTopic,
    Mentorship,
    MentorshipKind,
    MentorshipStatus,
    Milestone,
    MilestoneKind,
    planned_end_for,
)
from mentornet.mentorships.services import refresh_last_meeting
from mentornet.organisations.models import Programme
from mentornet.people.models import Kind, MenteeProfile, Person, Status

BATCH = 5000
#: Share of mentees who had an earlier mentorship that ended (a rematch, or a mentor who stopped).
EARLIER = 0.45
#: Meetings a month, per mentorship: most meet two or three times, some weekly, some monthly.
RHYTHMS = [1, 2, 2, 3, 3, 4, 4]
CLOSE_REASONS = [
    (CloseReason.COMPLETED, 60),
    (CloseReason.MENTEE_STOPPED, 12),
    (CloseReason.MENTOR_STOPPED, 8),
    (CloseReason.MOVED, 8),
    (CloseReason.REMATCH, 7),
    (CloseReason.OTHER, 5),
]
PLACES = ["Biblioteket", "En café på Nørrebro", "Bydelshuset", "Over video", "Gåture i parken", "Hjemme hos mentor"]
NOTES = ["Talte om SU og budget", "Øvede jobsamtale", "Kiggede på uddannelser", "Gik en tur", "Skrev ansøgning", ""]
CONCERNS = [
    "Mentee har aflyst de sidste tre møder, og jeg er i tvivl om, hvordan jeg skal gribe det an.",
    "Jeg oplever, at mentee har brug for mere hjælp, end jeg kan give som frivillig.",
]


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


def _dates(rng: random.Random, start: datetime.date, end: datetime.date, per_month: int) -> Iterator[datetime.date]:
    """Meeting dates from ``start`` to ``end`` about ``per_month`` times a month, with some jitter."""
    step = 30 / per_month
    day = start + datetime.timedelta(days=rng.randint(0, int(step)))
    while day <= end:
        yield day
        day += datetime.timedelta(days=max(1, round(rng.gauss(step, step / 4))))


def _flush(model: Any, rows: list[Any]) -> None:
    if rows:
        model.objects.bulk_create(rows, batch_size=BATCH)
        rows.clear()


def build(fake: Any, scale: float, places: dict[str, Any]) -> None:
    rng = random.Random(2015)
    today = timezone.localdate()
    programmes = {p.branch_id: p for p in Programme.objects.order_by("-pk")}
    taken = set(Mentorship.objects.values_list("mentee_id", flat=True))
    mentors: dict[int, list[tuple[int, int | None]]] = {}  # every trained mentor, for mentorships now closed
    active: dict[int, list[tuple[int, int | None]]] = {}  # approved, active mentors, for the open ones
    for pk, branch_id, user_id, status in (
        Person.objects.visible().filter(kind=Kind.MENTOR).values_list("pk", "branch_id", "user_id", "status")
    ):
        if status in (Status.ACTIVE, Status.PAUSED, Status.STOPPED):
            mentors.setdefault(branch_id, []).append((pk, user_id))
        if status == Status.ACTIVE:
            active.setdefault(branch_id, []).append((pk, user_id))
    users = {pk: user_id for rows in mentors.values() for pk, user_id in rows}
    goals = dict(MenteeProfile.objects.exclude(goals="").values_list("person_id", "goals"))
    mentees = (
        Person.objects.visible()
        .filter(kind=Kind.MENTEE, status__in=[Status.MATCHED, Status.CLOSED])
        .exclude(pk__in=taken)
        .values_list("pk", "branch_id", "programme_id", "status")
        .order_by("pk")
    )
    mentorships: list[Mentorship] = []
    for pk, branch_id, programme_id, status in mentees:
        candidates = (mentors if status == Status.CLOSED else active).get(branch_id)
        programme = programmes.get(branch_id)
        if not candidates or programme is None:
            continue
        current = _mentorship(rng, today, pk, candidates, programme_id or programme.pk, programme, status, goals)
        mentorships.append(current)
        if rng.random() < EARLIER and mentors.get(branch_id):
            mentorships.append(_earlier(rng, current, mentors[branch_id]))
    Mentorship.objects.bulk_create(mentorships, batch_size=BATCH)
    _meetings_and_more(rng, today, mentorships, users)


def _mentorship(
    rng: random.Random,
    today: datetime.date,
    mentee_id: int,
    mentors: list[tuple[int, int | None]],
    programme_id: int,
    programme: Programme,
    status: str,
    goals: dict[int, str],
) -> Mentorship:
    mentor_id, _user = rng.choice(mentors)
    closed = status == Status.CLOSED
    if closed:
        length = rng.randint(90, 1100)
        start = today - datetime.timedelta(days=rng.randint(length + 10, 5 * 365))
        closed_on: datetime.date | None = start + datetime.timedelta(days=length)
    else:
        start = today - datetime.timedelta(days=rng.randint(20, 4 * 365))
        closed_on = None
    praktik = rng.random() < 0.1
    return Mentorship(
        mentor_id=mentor_id,
        mentee_id=mentee_id,
        programme_id=programme_id,
        branch_id=programme.branch_id,
        kind=MentorshipKind.PRAKTIK if praktik else MentorshipKind.ORDINARY,
        start_date=start,
        planned_end=planned_end_for(start, programme.planned_duration_months),
        frequency=rng.choice(Frequency.values),
        place=rng.choice(PLACES),
        goals=goals.get(mentee_id, ""),
        workplace="Netto, Tingbjerg" if praktik else "",
        working_hours="12 timer om ugen, formiddage" if praktik else "",
        considerations="Korte pauser efter behov" if praktik else "",
        status=MentorshipStatus.CLOSED
        if closed
        else (MentorshipStatus.PAUSED if rng.random() < 0.12 else MentorshipStatus.ACTIVE),
        closed_on=closed_on,
        close_reason=_pick(rng, CLOSE_REASONS) if closed else "",
        created_at=timezone.make_aware(datetime.datetime.combine(start, datetime.time(10))),
    )


def _earlier(rng: random.Random, current: Mentorship, mentors: list[tuple[int, int | None]]) -> Mentorship:
    """A mentorship the mentee had before ``current``, closed a few weeks before it started."""
    closed_on = current.start_date - datetime.timedelta(days=rng.randint(14, 90))
    start = closed_on - datetime.timedelta(days=rng.randint(30, 300))
    return Mentorship(
        mentor_id=rng.choice(mentors)[0],
        mentee_id=current.mentee_id,
        programme_id=current.programme_id,
        branch_id=current.branch_id,
        start_date=start,
        planned_end=max(current.planned_end - (current.start_date - start), start),
        frequency=rng.choice(Frequency.values),
        place=rng.choice(PLACES),
        goals=current.goals,
        status=MentorshipStatus.CLOSED,
        closed_on=closed_on,
        close_reason=rng.choice([CloseReason.REMATCH, CloseReason.MENTOR_STOPPED, CloseReason.MOVED]),
        created_at=timezone.make_aware(datetime.datetime.combine(start, datetime.time(10))),
    )


def _meetings_and_more(
    rng: random.Random, today: datetime.date, mentorships: list[Mentorship], users: dict[int, int | None]
) -> None:
    meetings: list[Meeting] = []
    milestones: list[Milestone] = []
    concerns: list[Concern] = []
    forms, topics = MeetingForm.values, MeetingTopic.values
    for mentorship in mentorships:
        end = mentorship.closed_on or today
        if mentorship.status == MentorshipStatus.ACTIVE and rng.random() < 0.2:
            end = today - datetime.timedelta(days=rng.randint(35, 120))  # gone quiet: the inactivity flag shows
        usual_form = rng.choice(forms)
        user_id = users.get(mentorship.mentor_id)
        for day in _dates(rng, mentorship.start_date, end, rng.choice(RHYTHMS)):
            meetings.append(
                Meeting(
                    mentorship_id=mentorship.pk,
                    date=day,
                    duration_minutes=rng.choice([45, 60, 60, 90, 120]),
                    form=usual_form if rng.random() < 0.7 else rng.choice(forms),
                    topic=rng.choice(topics),
                    note=rng.choice(NOTES) if rng.random() < 0.3 else "",
                    logged_by_id=user_id,
                )
            )
            if len(meetings) >= BATCH:
                _flush(Meeting, meetings)
        if rng.random() < 0.35:
            span = max((end - mentorship.start_date).days, 1)
            milestones.append(
                Milestone(
                    mentorship_id=mentorship.pk,
                    kind=rng.choice(MilestoneKind.values),
                    date=mentorship.start_date + datetime.timedelta(days=rng.randint(0, span)),
                )
            )
        if mentorship.status == MentorshipStatus.ACTIVE and rng.random() < 0.02:
            concerns.append(Concern(mentorship_id=mentorship.pk, raised_by_id=user_id, text=rng.choice(CONCERNS)))
    _flush(Meeting, meetings)
    _flush(Milestone, milestones)
    _flush(Concern, concerns)
    refresh_last_meeting(Mentorship.objects.all())  # the demo fills an empty database
