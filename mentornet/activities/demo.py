"""Demo data for activities: several years of courses and events in each branch, as the source documents plan them.

Per branch and year: two introductory courses for mentors (two evenings of three hours), two courses for mentees,
mentor meetings about every 6 weeks and supervision / experience exchange every 3 months; København holds 5
network events a year (not in June–August) and invites Tingbjerg to 4 of them; Tingbjerg holds a thematic course
on trauma. Past activities have enrolments, attendance, completed courses and questionnaire answers; coming ones
have invitations, answers and waiting lists. At ``--scale N`` meetings and supervision run in N parallel groups.
Written with ``bulk_create`` and without audit entries per row, so ``--scale 10`` stays fast. Synthetic only.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.utils import timezone

from mentornet.accounts.models import Membership, Role
from mentornet.activities.models import (
    Activity,
    ActivityKind,
    Attendance,
    Audience,
    Participation,
    SatisfactionAnswer,
    Session,
)
from mentornet.activities.tokens import rsvp_token, survey_token, token_hash
from mentornet.organisations.models import Branch
from mentornet.people.models import Kind, Person, Status

YEARS_BACK = 3
MONTHS_AHEAD = 6
NETWORK_MONTHS = (1, 3, 5, 9, 11)  # every other month, not in the summer
COMMENTS = [
    "Rigtig godt og brugbart.",
    "Dejligt at møde de andre mentorer.",
    "Lidt for lang tid på teori.",
    "Gode eksempler fra virkeligheden.",
    "Jeg savnede mere tid til spørgsmål.",
]
PLACES = {
    "kbh": "KVINFO, Christians Brygge 3, København K",
    "tingbjerg": "Områdesekretariatet, Tingbjerg",
    "vollsmose": "Vollsmose Kulturhus, Odense",
    "ishoj_branch": "Ishøj Rådhus, mødelokale 2",
}


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class Builder:
    def __init__(self, rng: random.Random, branch: Branch, creator: Any) -> None:
        self.rng = rng
        self.branch = branch
        self.creator = creator
        self.activities: list[Activity] = []
        self.sessions: list[tuple[int, datetime.datetime, datetime.datetime]] = []  # activity index, start, end
        self.invited: list[tuple[int, int]] = []  # activity index, branch id

    def add(
        self,
        kind: str,
        title: str,
        days: list[datetime.date],
        *,
        hour: int = 18,
        hours: int = 3,
        audience: str = Audience.MENTORS,
        capacity: int | None = None,
        place: str = "",
        invite: tuple[int, ...] = (),
    ) -> None:
        index = len(self.activities)
        starts = [_at(day, hour) for day in days]
        self.activities.append(
            Activity(
                organisation_id=self.branch.organisation_id,
                branch=self.branch,
                kind=kind,
                audience=audience,
                title=title,
                place=place,
                capacity=capacity,
                satisfaction_survey=kind != ActivityKind.MENTOR_MEETING,
                starts_at=starts[0],
                ends_at=starts[-1] + datetime.timedelta(hours=hours),
                created_by=self.creator,
                created_at=starts[0] - datetime.timedelta(days=40),
                invitations_sent_at=starts[0] - datetime.timedelta(days=39),
            )
        )
        for start in starts:
            self.sessions.append((index, start, start + datetime.timedelta(hours=hours)))
        for branch_id in (self.branch.pk, *invite):
            self.invited.append((index, branch_id))


def _weekday(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def _plan(
    builder: Builder, key: str, groups: int, places: dict[str, Any], start: datetime.date, end: datetime.date
) -> None:
    place = PLACES.get(key, "")
    for year in range(start.year, end.year + 1):
        for month, season in ((2, "forår"), (9, "efterår")):
            first = _weekday(datetime.date(year, month, 1) + datetime.timedelta(days=7), 1)  # a Tuesday
            if start <= first <= end:
                builder.add(
                    ActivityKind.INTRO_COURSE,
                    f"Introkursus for nye mentorer, {season} {year}",
                    [first, first + datetime.timedelta(days=2)],
                    capacity=20,
                    place=place,
                )
                mentee_day = first + datetime.timedelta(days=14)
                builder.add(
                    ActivityKind.MENTEE_COURSE,
                    f"Kursus for mentees: Sådan får du mest ud af din mentor, {season} {year}",
                    [mentee_day, mentee_day + datetime.timedelta(days=7)],
                    hour=17,
                    hours=2,
                    audience=Audience.MENTEES,
                    capacity=15,
                    place=place,
                )
        if key == "kbh":
            for number, month in enumerate(NETWORK_MONTHS):
                day = _weekday(datetime.date(year, month, 10), 3)  # a Thursday
                if start <= day <= end:
                    invite = (places["tingbjerg"].pk,) if number < 4 and "tingbjerg" in places else ()
                    builder.add(
                        ActivityKind.NETWORK_EVENT,
                        f"Netværksarrangement {['januar', 'marts', 'maj', 'september', 'november'][number]} {year}",
                        [day],
                        hour=17,
                        audience=Audience.BOTH,
                        capacity=60,
                        place=place,
                        invite=invite,
                    )
        if key == "tingbjerg":
            day = _weekday(datetime.date(year, 10, 15), 2)
            if start <= day <= end:
                builder.add(
                    ActivityKind.THEME_COURSE,
                    f"Temakursus: Traumer og reaktioner hos unge, {year}",
                    [day, day + datetime.timedelta(days=7)],
                    capacity=25,
                    place=place,
                    invite=(places["kbh"].pk,) if "kbh" in places else (),
                )
    for group in range(1, groups + 1):
        suffix = f", gruppe {group}" if groups > 1 else ""
        day = _weekday(start + datetime.timedelta(days=group), 0)
        while day <= end:
            builder.add(ActivityKind.MENTOR_MEETING, f"Mentormøde{suffix}", [day], hour=19, hours=2, place=place)
            day += datetime.timedelta(weeks=6)
        day = _weekday(start + datetime.timedelta(days=20 + group), 2)
        while day <= end:
            builder.add(
                ActivityKind.SUPERVISION,
                f"Supervision og erfaringsudveksling{suffix}",
                [day],
                hour=18,
                hours=2,
                capacity=12,
                place=place,
            )
            day += datetime.timedelta(weeks=13)


def build(fake: Any, scale: float, places: dict[str, Any]) -> None:
    rng = random.Random(2010)
    now = timezone.now()
    today = timezone.localdate()
    start = today.replace(year=today.year - YEARS_BACK, month=1, day=1)
    end = today + datetime.timedelta(days=30 * MONTHS_AHEAD)
    groups = max(1, round(scale))
    coordinators = {
        m.branch_id: m.user for m in Membership.objects.filter(role=Role.COORDINATOR).select_related("user")
    }
    for key in ("kbh", "tingbjerg", "vollsmose", "ishoj_branch"):
        branch = places.get(key)
        if not isinstance(branch, Branch):
            continue
        builder = Builder(rng, branch, coordinators.get(branch.pk))
        _plan(builder, key, groups if key != "ishoj_branch" else 1, places, start, end)
        _save(builder, rng, now)


def _people(branch_ids: list[int]) -> dict[str, list[int]]:
    rows = Person.objects.visible().filter(branch_id__in=branch_ids).values_list("pk", "kind", "status")
    pools: dict[str, list[int]] = {"new": [], "mentors": [], "mentees": []}
    for pk, kind, status in rows:
        if kind == Kind.MENTOR and status in (Status.INTERESTED, Status.INTERVIEW, Status.COURSE_COMPLETED):
            pools["new"].append(pk)
        if kind == Kind.MENTOR and status in (Status.COURSE_COMPLETED, Status.ACTIVE, Status.PAUSED):
            pools["mentors"].append(pk)
        if kind == Kind.MENTEE and status in (Status.WAITING, Status.MATCHED, Status.CLOSED):
            pools["mentees"].append(pk)
    return pools


def _save(builder: Builder, rng: random.Random, now: datetime.datetime) -> None:
    activities = Activity.objects.bulk_create(builder.activities, batch_size=500)
    sessions = Session.objects.bulk_create(
        [Session(activity=activities[i], starts_at=s, ends_at=e) for i, s, e in builder.sessions], batch_size=1000
    )
    Activity.invited_branches.through.objects.bulk_create(
        [
            Activity.invited_branches.through(activity_id=activities[i].pk, branch_id=branch_id)
            for i, branch_id in builder.invited
        ],
        batch_size=1000,
    )
    by_activity: dict[int, list[Session]] = {}
    for session in sessions:
        by_activity.setdefault(session.activity_id, []).append(session)
    branch_ids = sorted({branch_id for _i, branch_id in builder.invited})
    pools = _people(branch_ids)
    participations: list[Participation] = []
    for activity in activities:
        if activity.kind == ActivityKind.INTRO_COURSE:
            pool = pools["new"]
        elif activity.audience == Audience.MENTEES:
            pool = pools["mentees"]
        elif activity.audience == Audience.BOTH:
            pool = pools["mentors"] + pools["mentees"]
        else:
            pool = pools["mentors"]
        if not pool:
            continue
        wanted = min(len(pool), (activity.capacity or 18) + rng.randint(-4, 4 if activity.capacity else 0))
        people = rng.sample(pool, max(wanted, 1))
        past = activity.ends_at is not None and activity.ends_at < now
        seats = activity.capacity or len(people)
        enrolled = 0
        for number, person_id in enumerate(people):
            if past:
                state = Participation.State.ENROLLED if rng.random() < 0.85 else Participation.State.DECLINED
            else:
                roll = rng.random()
                state = (
                    Participation.State.INVITED
                    if roll < 0.4
                    else Participation.State.DECLINED
                    if roll < 0.5
                    else Participation.State.ENROLLED
                )
            if state == Participation.State.ENROLLED:
                if enrolled >= seats:
                    state = Participation.State.WAITING
                else:
                    enrolled += 1
            invited_at = activity.created_at + datetime.timedelta(days=1)
            participation = Participation(
                activity=activity,
                person_id=person_id,
                state=state,
                token_salt=f"{rng.getrandbits(128):032x}",
                invited_at=invited_at,
                responded_at=None if state == "invited" else invited_at + datetime.timedelta(days=rng.randint(1, 10)),
                state_changed_at=invited_at + datetime.timedelta(days=rng.randint(1, 10), minutes=number),
            )
            participation.token_hash = token_hash(rsvp_token(participation))
            participation.survey_token_hash = token_hash(survey_token(participation))
            participations.append(participation)
    marks, answers = _attendance(activities, by_activity, participations, rng, now)
    Participation.objects.bulk_create(participations, batch_size=1000)
    Attendance.objects.bulk_create(marks, batch_size=2000)
    SatisfactionAnswer.objects.bulk_create(answers, batch_size=1000)


def _attendance(
    activities: list[Activity],
    by_activity: dict[int, list[Session]],
    participations: list[Participation],
    rng: random.Random,
    now: datetime.datetime,
) -> tuple[list[Attendance], list[SatisfactionAnswer]]:
    """Who came to past sessions (completing the introductory course when at every evening), and answers."""
    kinds = {a.pk: a for a in activities}
    marks: list[Attendance] = []
    answers: list[SatisfactionAnswer] = []
    for participation in participations:
        activity = kinds[participation.activity_id]
        if participation.state != Participation.State.ENROLLED or activity.ends_at is None or activity.ends_at > now:
            continue
        present_all = True
        for session in by_activity.get(activity.pk, []):
            present = rng.random() < 0.88
            present_all &= present
            marks.append(
                Attendance(
                    session=session,
                    person_id=participation.person_id,
                    present=present,
                    recorded_by=activity.created_by,
                    recorded_at=session.ends_at,
                )
            )
        if activity.kind == ActivityKind.INTRO_COURSE and present_all:
            participation.completed_at = activity.ends_at
        if activity.satisfaction_survey and rng.random() < 0.5:
            answers.append(
                SatisfactionAnswer(
                    activity=activity,
                    person_id=participation.person_id,
                    rating=rng.choices([5, 4, 3, 2, 1], weights=[40, 35, 15, 7, 3])[0],
                    comment=rng.choice(COMMENTS) if rng.random() < 0.3 else "",
                    answered_at=activity.ends_at + datetime.timedelta(days=rng.randint(1, 5)),
                )
            )
    return marks, answers
