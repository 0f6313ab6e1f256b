"""Every metric against a deliberately plain reference computation over the same records.

The reference loops over every row in Python (day by day for the daily average) and shares no code with the
module, so a wrong filter, date edge or denominator in either shows up as a difference."""

from __future__ import annotations

import datetime
import uuid
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.functional import Promise

from mentornet.activities.models import Activity, Attendance, SatisfactionAnswer, Session
from mentornet.core.testing import make_person, make_programme
from mentornet.followups.models import FollowUp
from mentornet.matching.models import Proposal
from mentornet.mentorships.models import Meeting, Mentorship
from mentornet.organisations.models import Programme, Target
from mentornet.people.models import Consent, ConsentText, MenteeProfile, Person, Referral
from mentornet.results.computations import MetricValue
from mentornet.results.metrics import METRICS, compute

D = datetime.date
YEAR_2024 = (D(2024, 1, 1), D(2024, 12, 31))
PERIODS = [
    YEAR_2024,
    (D(2023, 12, 1), D(2023, 12, 31)),  # the month before New Year
    (D(2024, 1, 1), D(2024, 1, 31)),  # the month after
    (D(2023, 12, 25), D(2024, 1, 7)),  # across New Year
    (D(2024, 12, 31), D(2024, 12, 31)),  # the last day alone
    (D(2024, 1, 10), D(2024, 1, 20)),  # starts on the day the New Year mentorship closed
    (D(2024, 5, 25), D(2024, 6, 1)),  # ends on the day Ole's only mentorship that year started
    (D(2030, 1, 1), D(2030, 12, 31)),  # nothing happened
]
GENDERS = ["", "female", "male"]


def local(day: datetime.date, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@dataclass
class Data:
    programme: Programme
    other: Programme
    people: dict[str, Person]
    mentorships: dict[str, Mentorship]


def person(branch: Any, kind: str, name: str, gender: str, registered: datetime.datetime, **fields: Any) -> Person:
    created: Person = make_person(branch, kind=kind, first_name=name, gender=gender, **fields)
    Person.objects.filter(pk=created.pk).update(created_at=registered)
    return created


def mentorship(
    programme: Programme,
    mentor: Person,
    mentee: Person,
    start: datetime.date,
    *,
    meetings: tuple[datetime.date, ...] = (),
    closed_on: datetime.date | None = None,
    reason: str = "",
    status: str = "active",
) -> Mentorship:
    created = Mentorship.objects.create(
        mentor=mentor,
        mentee=mentee,
        programme=programme,
        branch=programme.branch,
        start_date=start,
        planned_end=start + datetime.timedelta(days=180),
        status="closed" if closed_on else status,
        closed_on=closed_on,
        close_reason=reason,
    )
    Meeting.objects.bulk_create(Meeting(mentorship=created, date=day, topic="job") for day in meetings)
    return created


def follow_up(of: Mentorship, due: datetime.date, state: str, outcome: str = "") -> FollowUp:
    return FollowUp.objects.create(
        mentorship=of, due_on=due, state=state, outcome=outcome, token_salt="s", token_hash=uuid.uuid4().hex
    )


def proposal(programme: Programme, mentee: Person, made: datetime.datetime, state: str) -> Proposal:
    return Proposal.objects.create(
        mentee=mentee,
        programme=programme,
        state=state,
        created_at=made,
        expires_at=made + datetime.timedelta(days=14),
        token_salt="s",
        token_hash=uuid.uuid4().hex,
    )


def activity(branch: Any, kind: str, *days: datetime.date, audience: str = "mentors") -> Activity:
    created = Activity.objects.create(
        organisation=branch.organisation,
        branch=branch,
        kind=kind,
        audience=audience,
        title=kind,
        starts_at=local(days[0], 18),
        ends_at=local(days[-1], 21),
    )
    for day in days:
        Session.objects.create(activity=created, starts_at=local(day, 18), ends_at=local(day, 21))
    return created


def attend(item: Activity, who: Person, *, present: bool = True, session: int = 0) -> None:
    Attendance.objects.create(session=list(item.sessions.order_by("starts_at"))[session], person=who, present=present)


def referral(branch: Any, who: Person, partner: str, when: datetime.datetime) -> Referral:
    text = ConsentText.objects.create(
        organisation=branch.organisation, purpose="referral", version=100 + who.pk, text="x", text_en="x"
    )
    consent = Consent.objects.create(person=who, text=text, method="via_referrer")
    return Referral.objects.create(
        person=who,
        branch=branch,
        partner=partner,
        reason="Uddannelse",
        motivation="asked",
        consent=consent,
        created_at=when,
    )


@pytest.fixture
def data(world: Any) -> Data:
    """Small but tricky records in København's programme, and noise in Tingbjerg that must never count."""
    kbh, ting = world.kbh, world.tingbjerg
    p, other = world.kbh_programme, world.tingbjerg_programme
    reg = local(D(2024, 1, 10))
    people = {
        "m1": person(kbh, "mentor", "Karen", "female", local(D(2023, 12, 31), 23, 30), programme=p),
        "m2": person(kbh, "mentor", "Ole", "male", reg, programme=p),
        "m3": person(ting, "mentor", "Tina", "female", reg, programme=other),
        "m_staged": person(kbh, "mentor", "Staged", "female", reg, programme=p),
        "m_merged": person(kbh, "mentor", "Merged", "male", reg, programme=p),
        "e1": person(kbh, "mentee", "Amina", "female", local(D(2023, 10, 1)), programme=p),
        "e2": person(kbh, "mentee", "Hassan", "male", local(D(2024, 1, 1), 0, 30), programme=p),
        "e3": person(kbh, "mentee", "Sara", "female", reg, programme=p),
        "e4": person(kbh, "mentee", "Ali", "male", local(D(2024, 12, 1)), programme=p),
        "e5": person(kbh, "mentee", "Leila", "female", local(D(2024, 1, 2))),  # no programme: the branch's
        "e_ting": person(ting, "mentee", "Noor", "female", reg, programme=other),
        "e_ting_free": person(ting, "mentee", "Free", "female", reg),  # no programme, another branch
        "c1": person(kbh, "contact", "Jens", "male", local(D(2024, 12, 31), 23, 30), programme=p),
        "c2": person(kbh, "contact", "Mette", "female", local(D(2025, 1, 1), 0, 30), programme=p),
        "c_erased": person(kbh, "contact", "Slettet", "", local(D(2024, 6, 1)), programme=p),
    }
    Person.objects.filter(pk=people["m_staged"].pk).update(is_staged=True)
    Person.objects.filter(pk=people["m_merged"].pk).update(merged_into=people["m1"])
    Person.objects.filter(pk=people["c_erased"].pk).update(anonymised_at=timezone.now())
    for key, since in {"e1": D(2023, 11, 1), "e2": D(2024, 1, 15), "e4": D(2025, 1, 10), "e5": D(2024, 1, 1)}.items():
        MenteeProfile.objects.filter(person=people[key]).update(waiting_since=since)
    MenteeProfile.objects.filter(person=people["e3"]).update(waiting_since=None)

    m, e = people, people
    ships = {
        # Crosses New Year: started in December, closed in January; one meeting each side of it.
        "A": mentorship(
            p,
            m["m1"],
            e["e1"],
            D(2023, 12, 15),
            meetings=(D(2023, 12, 20), D(2024, 1, 5)),
            closed_on=D(2024, 1, 10),
            reason="completed",
        ),
        "B": mentorship(
            p,
            m["m1"],
            e["e2"],
            D(2024, 3, 1),
            meetings=(D(2024, 3, 5), D(2024, 3, 20), D(2024, 4, 1)),
            status="paused",
        ),
        "C": mentorship(
            p,
            m["m2"],
            e["e3"],
            D(2024, 6, 1),
            meetings=(D(2024, 6, 10), D(2024, 6, 20)),
            closed_on=D(2024, 8, 15),
            reason="mentee_stopped",
        ),
        # A meeting before and one after the period's end.
        "D": mentorship(p, m["m2"], e["e4"], D(2024, 12, 20), meetings=(D(2024, 12, 28), D(2025, 1, 5))),
        # Overlaps B for the same mentor: the mentor counts once a day.
        "E": mentorship(p, m["m1"], e["e5"], D(2024, 2, 1), closed_on=D(2024, 12, 31), reason="rematch"),
        "G": mentorship(
            p, m["m2"], e["e2"], D(2023, 1, 1), meetings=(D(2023, 2, 1),), closed_on=D(2023, 6, 1), reason="completed"
        ),
        "F": mentorship(
            other, m["m3"], e["e_ting"], D(2024, 1, 1), meetings=(D(2024, 1, 2), D(2024, 1, 3), D(2024, 1, 4))
        ),
    }
    follow_up(ships["A"], D(2024, 7, 10), "answered", "education")
    follow_up(ships["C"], D(2024, 12, 31), "phone", "both")  # due on the period's last day
    follow_up(ships["E"], D(2024, 6, 30), "no_answer")
    follow_up(ships["G"], D(2024, 3, 1), "sent")  # still waiting: left out
    follow_up(ships["B"], D(2024, 2, 1), "answered", "job")
    follow_up(ships["D"], D(2024, 5, 1), "answered", "other")
    follow_up(ships["F"], D(2024, 5, 5), "answered", "job")

    proposal(p, e["e1"], local(D(2023, 12, 1)), "accepted")
    proposal(p, e["e2"], local(D(2024, 1, 20)), "rematch")
    proposal(p, e["e2"], local(D(2024, 2, 20)), "accepted")
    proposal(p, e["e3"], local(D(2024, 5, 1)), "declined")
    proposal(p, e["e4"], local(D(2024, 12, 31), 23, 30), "accepted")
    proposal(p, e["e5"], local(D(2024, 1, 2)), "expired")
    proposal(other, e["e_ting"], local(D(2024, 3, 1)), "rematch")

    network = activity(kbh, "network_event", D(2024, 5, 1))
    intro = activity(kbh, "intro_course", D(2024, 12, 30), D(2025, 1, 6))
    mentee_course = activity(kbh, "mentee_course", D(2023, 12, 28), D(2024, 1, 4), audience="mentees")
    theme = activity(kbh, "theme_course", D(2024, 9, 1), audience="both")
    theme_mentees = activity(kbh, "theme_course", D(2024, 9, 2), audience="mentees")
    supervision = activity(kbh, "supervision", D(2024, 10, 1), D(2024, 12, 31))
    ting_event = activity(ting, "network_event", D(2024, 5, 1))
    for who in ("m1", "m2", "e1"):
        attend(network, m[who])
    attend(network, e["e2"], present=False)
    attend(intro, m["m1"], session=0)
    attend(intro, m["m1"], session=1)
    attend(mentee_course, e["e1"], session=0)
    attend(mentee_course, e["e1"], session=1)
    attend(mentee_course, e["e3"], session=1)
    attend(theme, e["e2"])
    attend(supervision, m["m1"], session=0)
    attend(supervision, m["m1"], session=1)
    attend(supervision, m["m2"], session=1)
    attend(ting_event, m["m3"])
    SatisfactionAnswer.objects.create(activity=network, person=m["m1"], rating=5, answered_at=local(D(2024, 5, 2)))
    SatisfactionAnswer.objects.create(activity=network, person=e["e1"], rating=3, answered_at=local(D(2024, 5, 3)))
    SatisfactionAnswer.objects.create(activity=network, person=None, rating=2, answered_at=local(D(2024, 5, 3)))
    SatisfactionAnswer.objects.create(activity=intro, person=m["m2"], rating=4, answered_at=local(D(2025, 1, 7)))
    SatisfactionAnswer.objects.create(
        activity=theme_mentees, person=m["m2"], rating=4, answered_at=local(D(2024, 12, 31), 23)
    )
    SatisfactionAnswer.objects.create(activity=ting_event, person=m["m3"], rating=1, answered_at=local(D(2024, 5, 2)))

    referral(kbh, e["e1"], "Jobcenter Vallensbæk", local(D(2024, 2, 1)))
    referral(kbh, e["e2"], "CPH West", local(D(2024, 3, 1)))
    referral(kbh, e["e5"], "Jobcenter Vallensbæk", local(D(2024, 12, 31), 23, 59))
    referral(kbh, e["e3"], "Jobcenter Vallensbæk", local(D(2023, 6, 1)))
    referral(kbh, m["m_staged"], "CPH West", local(D(2024, 4, 1)))
    referral(ting, e["e_ting"], "Jobcenter Vallensbæk", local(D(2024, 2, 1)))
    return Data(programme=p, other=other, people=people, mentorships=ships)


# The reference: plain loops over every row -------------------------------------------------------------------------


@dataclass
class Ref:
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: int | None = None
    person_ids: frozenset[int] = frozenset()
    breakdown: dict[str, int] | None = None


def rounded(numerator: int, denominator: int, times: int) -> Decimal | None:
    if denominator == 0:
        return None
    return (Decimal(numerator * times) / Decimal(denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def share(hits: list[int], total: int) -> Ref:
    return Ref(rounded(len(hits), total, 100), Decimal(len(hits)), total, frozenset(hits))


def average(values: list[int], ids: list[int]) -> Ref:
    return Ref(rounded(sum(values), len(values), 1), Decimal(sum(values)), len(values), frozenset(ids))


def count(ids: list[int], breakdown: list[str] | None = None) -> Ref:
    return Ref(Decimal(len(ids)), None, None, frozenset(ids), dict(Counter(breakdown)) if breakdown else {})


def reference(key: str, programmes: list[Programme], start: datetime.date, end: datetime.date, gender: str) -> Ref:
    pids = {p.pk for p in programmes}
    bids = {p.branch_id for p in programmes}

    def within(day: datetime.date | None) -> bool:
        return day is not None and start <= day <= end

    def local_day(moment: datetime.datetime | None) -> datetime.date | None:
        return None if moment is None else timezone.localtime(moment).date()

    def fits(who: Person | None) -> bool:
        return not gender or (who is not None and who.gender == gender)

    ships = [s for s in Mentorship.objects.all() if s.programme_id in pids and fits(s.mentee)]
    kinds = {"mentors_recruited": "mentor", "mentees_recruited": "mentee", "contact_persons_recruited": "contact"}
    if key in kinds:
        ids = [
            x.pk
            for x in Person.objects.all()
            if x.kind == kinds[key]
            and not x.is_staged
            and x.merged_into_id is None
            and (x.programme_id in pids or (x.programme_id is None and x.branch_id in bids))
            and fits(x)
            and within(local_day(x.created_at))
        ]
        return count(ids)
    if key == "mentorships_started":
        return count([s.mentee_id for s in ships if within(s.start_date)])
    if key == "mentorships_counted":
        return count(
            [
                s.mentee_id
                for s in ships
                if within(s.start_date)
                and len([x for x in s.meetings.all() if x.date <= end]) >= s.programme.meeting_threshold
            ]
        )
    if key in ("mentorships_completed", "mentorships_stopped_early"):
        closed = [s for s in ships if within(s.closed_on) and s.close_reason]
        chosen = [s for s in closed if (s.close_reason == "completed") == (key == "mentorships_completed")]
        return count([s.mentee_id for s in chosen], [s.close_reason for s in chosen])
    if key == "average_duration":
        closed = [s for s in ships if within(s.closed_on)]
        return average(
            [(s.closed_on - s.start_date).days for s in closed if s.closed_on], [s.mentee_id for s in closed]
        )
    if key == "meetings_held":
        return count([s.mentee_id for s in ships for x in s.meetings.all() if within(x.date)])
    if key == "active_mentors":
        mentor_ships = [s for s in Mentorship.objects.all() if s.programme_id in pids and fits(s.mentor)]
        daily, everyone = [], set()
        day = start
        while day <= end:
            mentors = {
                s.mentor_id for s in mentor_ships if s.start_date <= day and (s.closed_on is None or s.closed_on >= day)
            }
            daily.append(len(mentors))
            everyone |= mentors
            day += datetime.timedelta(days=1)
        return Ref(rounded(sum(daily), len(daily), 1), Decimal(sum(daily)), len(daily), frozenset(everyone))
    if key == "waiting_time":
        waits, ids = [], []
        for s in ships:
            since = s.mentee.mentee_profile.waiting_since
            if within(s.start_date) and since is not None and since <= s.start_date:
                waits.append((s.start_date - since).days)
                ids.append(s.mentee_id)
        return average(waits, ids)
    made = [
        x
        for x in Proposal.objects.all()
        if x.programme_id in pids and fits(x.mentee) and within(local_day(x.created_at))
    ]
    if key == "proposals":
        return count([x.mentee_id for x in made], [x.state for x in made])
    if key == "rematch_rate":
        decided = [x for x in made if x.state in ("accepted", "rematch")]
        return share([x.mentee_id for x in decided if x.state == "rematch"], len(decided))
    held = [a for a in Activity.objects.all() if a.branch_id in bids and within(local_day(a.starts_at))]
    courses = {
        "network_events": lambda a: a.kind == "network_event",
        "mentor_courses": lambda a: a.kind == "intro_course" or (a.kind == "theme_course" and a.audience != "mentees"),
        "mentee_courses": lambda a: a.kind == "mentee_course" or (a.kind == "theme_course" and a.audience != "mentors"),
    }
    if key in courses:
        return Ref(Decimal(len([a for a in held if courses[key](a)])))
    present = [
        x
        for x in Attendance.objects.all()
        if x.present
        and x.session.activity.branch_id in bids
        and within(local_day(x.session.starts_at))
        and fits(x.person)
    ]
    if key == "activity_participants":
        pairs = {
            (x.session.activity_id, x.person_id, x.session.activity.kind)
            for x in present
            if x.session.activity.kind != "supervision"
        }
        return count([who for _a, who, _k in pairs], [kind for _a, _w, kind in pairs])
    if key == "supervision_attendance":
        return count([x.person_id for x in present if x.session.activity.kind == "supervision"])
    if key == "satisfaction":
        ratings = [
            x.rating
            for x in SatisfactionAnswer.objects.all()
            if x.activity.branch_id in bids and within(local_day(x.answered_at)) and fits(x.person)
        ]
        return Ref(rounded(sum(ratings), len(ratings), 1), Decimal(sum(ratings)), len(ratings))
    settled = [
        f
        for f in FollowUp.objects.all()
        if f.mentorship.programme_id in pids
        and fits(f.mentorship.mentee)
        and within(f.due_on)
        and f.state in ("answered", "phone", "no_answer")
    ]
    answered = [f for f in settled if f.state != "no_answer"]
    outcomes = {
        "in_education_at_follow_up": ("education", "both"),
        "in_job_at_follow_up": ("job", "both"),
        "education_and_job_at_follow_up": ("both",),
        "other_at_follow_up": ("other",),
    }
    if key in outcomes:
        return share([f.mentorship.mentee_id for f in answered if f.outcome in outcomes[key]], len(settled))
    if key == "no_answer_at_follow_up":
        return share([f.mentorship.mentee_id for f in settled if f.state == "no_answer"], len(settled))
    if key == "follow_up_response_rate":
        return share([f.mentorship.mentee_id for f in answered], len(settled))
    if key == "referrals":
        found = [
            r
            for r in Referral.objects.all()
            if r.branch_id in bids
            and not r.person.is_staged
            and r.person.merged_into_id is None
            and fits(r.person)
            and within(local_day(r.created_at))
        ]
        return count([r.person_id for r in found], [r.partner for r in found])
    raise AssertionError(f"No reference for {key}")


def same(actual: MetricValue, expected: Ref, unit: str) -> None:
    assert actual.value == expected.value
    assert actual.person_ids == expected.person_ids
    if unit == "count":
        assert actual.numerator is None
        assert actual.denominator is None
        if expected.breakdown is not None:
            assert actual.breakdown == expected.breakdown
    else:
        assert actual.numerator == expected.numerator
        assert actual.denominator == expected.denominator


# Tests -------------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("key", list(METRICS))
def test_each_metric_matches_the_reference_for_every_period_and_gender(data: Data, key: str) -> None:
    programmes = [data.programme]
    for start, end in PERIODS:
        for gender in GENDERS:
            actual = compute(key, programmes=programmes, start=start, end=end, gender=gender)
            expected = reference(key, programmes, start, end, gender)
            try:
                same(actual, expected, METRICS[key].unit)
            except AssertionError as error:
                raise AssertionError(f"{key} {start}–{end} {gender!r}: {actual} != {expected}") from error


@pytest.mark.django_db
@pytest.mark.parametrize("key", list(METRICS))
def test_each_metric_matches_the_reference_over_two_programmes_as_a_queryset(data: Data, key: str) -> None:
    programmes = Programme.objects.filter(pk__in=[data.programme.pk, data.other.pk])
    actual = compute(key, programmes=programmes, start=YEAR_2024[0], end=YEAR_2024[1])
    same(actual, reference(key, list(programmes), *YEAR_2024, ""), METRICS[key].unit)


@pytest.mark.django_db
@pytest.mark.parametrize(("threshold", "in_2024", "in_december_2023"), [(1, 3, 1), (2, 2, 0), (3, 1, 0)])
def test_mentorships_count_by_the_programmes_meeting_threshold(
    data: Data, threshold: int, in_2024: int, in_december_2023: int
) -> None:
    Programme.objects.filter(pk=data.programme.pk).update(meeting_threshold=threshold)
    programmes = list(Programme.objects.filter(pk=data.programme.pk))

    year = compute("mentorships_counted", programmes=programmes, start=YEAR_2024[0], end=YEAR_2024[1])
    december = compute("mentorships_counted", programmes=programmes, start=D(2023, 12, 1), end=D(2023, 12, 31))

    assert year.value == in_2024
    # The New Year mentorship had one meeting by 31 December and its second in January: only meetings up to
    # the period's end count.
    assert december.value == in_december_2023
    for start, end in PERIODS:
        for gender in GENDERS:
            actual = compute("mentorships_counted", programmes=programmes, start=start, end=end, gender=gender)
            same(actual, reference("mentorships_counted", programmes, start, end, gender), "count")


@pytest.mark.django_db
def test_the_new_year_mentorship_starts_in_one_year_and_ends_in_the_next(data: Data) -> None:
    p = [data.programme]
    amina = data.people["e1"].pk
    started_2023 = compute("mentorships_started", programmes=p, start=D(2023, 1, 1), end=D(2023, 12, 31))
    completed_2024 = compute("mentorships_completed", programmes=p, start=YEAR_2024[0], end=YEAR_2024[1])
    duration_january = compute("average_duration", programmes=p, start=D(2024, 1, 1), end=D(2024, 1, 31))

    assert amina in started_2023.person_ids
    assert completed_2024.person_ids == {amina}
    assert duration_january.value == Decimal(26)  # 15 December to 10 January
    # Karen is active the whole of January 2024 (New Year mentorship until the 10th, then Leila from 1 February:
    # no), Ole not at all: 10 mentor-days over 31 days.
    january = compute("active_mentors", programmes=p, start=D(2024, 1, 1), end=D(2024, 1, 31))
    assert (january.numerator, january.denominator) == (Decimal(10), 31)
    assert january.value == Decimal("0.32")


@pytest.mark.django_db
def test_a_follow_up_due_on_the_last_day_counts_in_the_period(data: Data) -> None:
    p = [data.programme]
    last_day = compute("in_education_at_follow_up", programmes=p, start=D(2024, 12, 31), end=D(2024, 12, 31))
    year = compute("in_education_at_follow_up", programmes=p, start=YEAR_2024[0], end=YEAR_2024[1])
    response = compute("follow_up_response_rate", programmes=p, start=YEAR_2024[0], end=YEAR_2024[1])

    assert last_day.value == Decimal(100)  # "both education and a job" is in education
    assert last_day.person_ids == {data.people["e3"].pk}
    # Settled in 2024: education, both, no answer, job, other (the one still waiting is left out): 2 of 5.
    assert (year.numerator, year.denominator, year.value) == (Decimal(2), 5, Decimal("40.00"))
    assert (response.numerator, response.denominator) == (Decimal(4), 5)


@pytest.mark.django_db
def test_a_period_without_data_gives_none_for_shares_and_averages_and_zero_for_counts(data: Data) -> None:
    # 2023 before December in a programme of its own: nothing at all happened there.
    empty = make_programme(data.programme.branch, name="Tom")
    for key, metric in METRICS.items():
        value = compute(key, programmes=[empty], start=D(2023, 7, 1), end=D(2023, 11, 30))
        if metric.unit == "count":
            assert value.value == 0, key
        elif key == "active_mentors":
            assert (value.value, value.denominator) == (Decimal(0), 153), key  # the days exist, mentors do not
        else:
            assert value.value is None, key
            assert value.denominator == 0, key
        assert value.person_ids == frozenset(), key


@pytest.mark.django_db
def test_the_gender_filter_uses_the_mentee_the_mentor_or_the_person(data: Data) -> None:
    p, (start, end) = [data.programme], YEAR_2024
    started_women = compute("mentorships_started", programmes=p, start=start, end=end, gender="female")
    started_men = compute("mentorships_started", programmes=p, start=start, end=end, gender="male")
    active_men = compute("active_mentors", programmes=p, start=start, end=end, gender="male")
    contacts_men = compute("contact_persons_recruited", programmes=p, start=start, end=end, gender="male")

    assert started_women.person_ids == {data.people["e3"].pk, data.people["e5"].pk}
    assert started_men.person_ids == {data.people["e2"].pk, data.people["e4"].pk}
    assert active_men.person_ids == {data.people["m2"].pk}
    # Registered 31 December at 23:30 Danish time (22:30 UTC) is in 2024; 1 January 00:30 is not.
    assert contacts_men.person_ids == {data.people["c1"].pk}


@pytest.mark.django_db
def test_people_without_a_programme_count_in_their_branch_and_staged_or_merged_do_not(data: Data) -> None:
    p, (start, end) = [data.programme], YEAR_2024
    mentees = compute("mentees_recruited", programmes=p, start=start, end=end)
    mentors = compute("mentors_recruited", programmes=p, start=start, end=end)

    # Leila has no programme and counts in København's; Free has none either but is in Tingbjerg.
    assert mentees.person_ids == {data.people[k].pk for k in ("e2", "e3", "e4", "e5")}
    assert mentors.person_ids == {data.people["m2"].pk}  # Karen registered 31 Dec 2023; staged and merged left out


@pytest.mark.django_db
def test_the_catalogue_covers_every_target_metric_and_defines_each(data: Data) -> None:
    assert set(Target.Metric.values) <= set(METRICS)
    for key, metric in METRICS.items():
        assert metric.key == key
        assert len(str(metric.definition)) > 40
        # Translated when shown, not when the module is imported.
        assert isinstance(metric.label, Promise)
        assert isinstance(metric.definition, Promise)
        assert metric.unit in {"count", "share", "average", "days", "rating"}
    with pytest.raises(KeyError):
        compute("nonsense", programmes=[data.programme], start=D(2024, 1, 1), end=D(2024, 1, 1))
    with pytest.raises(ValueError, match="ends before"):
        compute("meetings_held", programmes=[data.programme], start=D(2024, 1, 2), end=D(2024, 1, 1))


def _queries(key: str, programme: Programme) -> int:
    with CaptureQueriesContext(connection) as queries:
        compute(key, programmes=[programme], start=YEAR_2024[0], end=YEAR_2024[1])
    return len(queries)


@pytest.mark.django_db
def test_each_metric_costs_the_same_queries_however_much_data(data: Data) -> None:
    small = {key: _queries(key, data.programme) for key in METRICS}
    p, kbh = data.programme, data.programme.branch
    for n in range(8):
        mentor = person(kbh, "mentor", f"M{n}", "female", local(D(2024, 2, n + 1)), programme=p)
        mentee = person(kbh, "mentee", f"E{n}", "male", local(D(2024, 2, n + 1)), programme=p)
        ship = mentorship(
            p,
            mentor,
            mentee,
            D(2024, 3, n + 1),
            meetings=(D(2024, 4, 1), D(2024, 5, 1)),
            closed_on=D(2024, 9, 1),
            reason="completed",
        )
        follow_up(ship, D(2024, 10, n + 1), "answered", "education")
        proposal(p, mentee, local(D(2024, 2, 20)), "accepted")
        event = activity(kbh, "network_event", D(2024, 6, n + 1))
        attend(event, mentor)
        SatisfactionAnswer.objects.create(activity=event, person=mentor, rating=4, answered_at=local(D(2024, 6, 20)))
        referral(kbh, mentee, "CPH West", local(D(2024, 2, 1)))
    large = {key: _queries(key, data.programme) for key in METRICS}

    assert large == small
    assert max(small.values()) <= 2
