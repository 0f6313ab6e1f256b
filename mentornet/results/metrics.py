"""The metric catalogue (nøgletal): every result number defined once, with a precise definition shown in the UI.

Each metric computes from the records, never from a hand-entered number, with a constant number of queries
whatever the data size. Periods are inclusive dates; a timestamp's date is its local (Danish) date. Shares are
percentages; a share or an average without a denominator is ``None``, never 0.

Scope: mentorship, meeting, proposal and follow-up metrics read the programmes' own records; people without a
programme count in their branch; activities, satisfaction and referrals belong to a branch, so they read the
programmes' branches (the host branch for activities). Records of erased people count (the numbers must not move
when someone is erased); half-imported (staged) and merged person records do not.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from mentornet.activities.models import ActivityKind, Audience
from mentornet.followups.models import Outcome
from mentornet.organisations.models import Programme
from mentornet.people.models import Kind
from mentornet.results.computations import (
    Metric,
    MetricValue,
    Scope,
    active_mentors,
    activities_held,
    activity_participants,
    average_duration,
    follow_up_response_rate,
    follow_up_share,
    meetings_held,
    mentorships_completed,
    mentorships_counted,
    mentorships_started,
    mentorships_stopped_early,
    proposals,
    recruited,
    referrals,
    rematch_rate,
    satisfaction,
    supervision_attendance,
    waiting_time,
)

# The catalogue -----------------------------------------------------------------------------------------------------

_MENTOR_COURSES = Q(kind=ActivityKind.INTRO_COURSE) | Q(
    kind=ActivityKind.THEME_COURSE, audience__in=[Audience.MENTORS, Audience.BOTH]
)
_MENTEE_COURSES = Q(kind=ActivityKind.MENTEE_COURSE) | Q(
    kind=ActivityKind.THEME_COURSE, audience__in=[Audience.MENTEES, Audience.BOTH]
)
_RECRUITED = _(
    "People of this type registered in the period (the date they were entered), in the programme, or in its "
    "branch when they have no programme. Erased people count; half-imported and merged records do not. "
    "Gender is the person's own."
)
_FOLLOW_UP = _(
    "Follow-ups due in the period that are settled (answered through the link, by phone, or marked as no answer); "
    "follow-ups still waiting for an answer are left out. Gender is the mentee's."
)

_CATALOGUE: list[Metric] = [
    Metric("mentors_recruited", _("Mentors recruited"), _RECRUITED, "count", recruited(Kind.MENTOR)),
    Metric("mentees_recruited", _("Mentees recruited"), _RECRUITED, "count", recruited(Kind.MENTEE)),
    Metric("contact_persons_recruited", _("Contact persons recruited"), _RECRUITED, "count", recruited(Kind.CONTACT)),
    Metric(
        "mentorships_started",
        _("Mentorships started (matches)"),
        _(
            "Mentorships in the programme whose start date is in the period, whatever happened to them later. "
            "Gender is the mentee's."
        ),
        "count",
        mentorships_started,
    ),
    Metric(
        "mentorships_counted",
        _("Mentorships that count"),
        _(
            "Mentorships started in the period that had at least the programme's number of meetings (the meeting "
            "threshold) dated on or before the period's last day. Gender is the mentee's."
        ),
        "count",
        mentorships_counted,
    ),
    Metric(
        "mentorships_completed",
        _("Mentorships completed"),
        _("Mentorships closed in the period (closing date) with the reason “completed”. Gender is the mentee's."),
        "count",
        mentorships_completed,
    ),
    Metric(
        "mentorships_stopped_early",
        _("Mentorships stopped early"),
        _(
            "Mentorships closed in the period (closing date) for any reason other than “completed”, including "
            "rematch and moving away, split by reason. Gender is the mentee's."
        ),
        "count",
        mentorships_stopped_early,
    ),
    Metric(
        "average_duration",
        _("Average duration of mentorships"),
        _(
            "For mentorships closed in the period, whatever the reason, the average number of days from the start "
            "date to the closing date. Gender is the mentee's."
        ),
        "days",
        average_duration,
    ),
    Metric(
        "meetings_held",
        _("Meetings held"),
        _("Meetings logged in the programme's mentorships whose date is in the period. Gender is the mentee's."),
        "count",
        meetings_held,
    ),
    Metric(
        "active_mentors",
        _("Active mentors (average)"),
        _(
            "For each day of the period, the number of different mentors with an active or paused mentorship that "
            "day (started on or before it and not closed before it), averaged over all days of the period. "
            "Gender is the mentor's."
        ),
        "average",
        active_mentors,
    ),
    Metric(
        "waiting_time",
        _("Waiting time to a match"),
        _(
            "For mentorships started in the period, the average number of days from the date the mentee was put on "
            "the waiting list to the start. Mentees with no waiting date, or one after the start, are left out. "
            "Gender is the mentee's."
        ),
        "days",
        waiting_time,
    ),
    Metric(
        "proposals",
        _("Proposals made"),
        _(
            "Proposals of mentors to a mentee made in the period (the date of the proposal), whatever became of "
            "them, split by their state. Gender is the mentee's."
        ),
        "count",
        proposals,
    ),
    Metric(
        "rematch_rate",
        _("Rematch rate"),
        _(
            "Of the proposals made in the period that ended in a match or in a rematch after the first meeting, the "
            "share that ended in a rematch. Open, declined, expired and withdrawn proposals are left out. "
            "Gender is the mentee's."
        ),
        "share",
        rematch_rate,
    ),
    Metric(
        "network_events",
        _("Network events held"),
        _("Network events hosted by the programme's branch whose first session is in the period."),
        "count",
        activities_held(Q(kind=ActivityKind.NETWORK_EVENT)),
        people=False,
    ),
    Metric(
        "mentor_courses",
        _("Courses for mentors held"),
        _(
            "Introductory courses, and thematic courses for mentors, hosted by the programme's branch whose first "
            "session is in the period."
        ),
        "count",
        activities_held(_MENTOR_COURSES),
        people=False,
    ),
    Metric(
        "mentee_courses",
        _("Courses for mentees held"),
        _(
            "Courses for mentees, and thematic courses for mentees, hosted by the programme's branch whose first "
            "session is in the period."
        ),
        "count",
        activities_held(_MENTEE_COURSES),
        people=False,
    ),
    Metric(
        "activity_participants",
        _("Participants in courses and events"),
        _(
            "People marked present at least once at a session in the period of a course or event hosted by the "
            "programme's branch (supervision not included), counted once per activity and split by type. "
            "Gender is the participant's."
        ),
        "count",
        activity_participants,
    ),
    Metric(
        "satisfaction",
        _("Satisfaction with courses and events"),
        _(
            "The average rating from 1 to 5 of the questionnaire answers given in the period about activities "
            "hosted by the programme's branch. Gender is the respondent's; erased respondents count only without "
            "a gender filter."
        ),
        "rating",
        satisfaction,
    ),
    Metric(
        "supervision_attendance",
        _("Supervision attendance"),
        _(
            "Attendances at supervision sessions in the period hosted by the programme's branch: each person marked "
            "present at a session counts once. Gender is the participant's."
        ),
        "count",
        supervision_attendance,
    ),
    Metric(
        "in_education_at_follow_up",
        _("In education at follow-up"),
        format_lazy(
            "{} {}", _("The share of follow-ups answered “in education” or “both education and a job”."), _FOLLOW_UP
        ),
        "share",
        follow_up_share((Outcome.EDUCATION, Outcome.BOTH)),
    ),
    Metric(
        "in_job_at_follow_up",
        _("In a job at follow-up"),
        format_lazy(
            "{} {}", _("The share of follow-ups answered “in a job” or “both education and a job”."), _FOLLOW_UP
        ),
        "share",
        follow_up_share((Outcome.JOB, Outcome.BOTH)),
    ),
    Metric(
        "education_and_job_at_follow_up",
        _("Both education and a job at follow-up"),
        format_lazy("{} {}", _("The share of follow-ups answered “both education and a job”."), _FOLLOW_UP),
        "share",
        follow_up_share((Outcome.BOTH,)),
    ),
    Metric(
        "other_at_follow_up",
        _("Something else at follow-up"),
        format_lazy("{} {}", _("The share of follow-ups answered “something else”."), _FOLLOW_UP),
        "share",
        follow_up_share((Outcome.OTHER,)),
    ),
    Metric(
        "no_answer_at_follow_up",
        _("No answer at follow-up"),
        format_lazy("{} {}", _("The share of follow-ups marked as no answer."), _FOLLOW_UP),
        "share",
        follow_up_share(None),
    ),
    Metric(
        "follow_up_response_rate",
        _("Follow-up response rate"),
        format_lazy("{} {}", _("The share of follow-ups answered through the link or by phone."), _FOLLOW_UP),
        "share",
        follow_up_response_rate,
    ),
    Metric(
        "referrals",
        _("Referrals"),
        _(
            "Referrals from partners to the programme's branch registered in the period, split by the partner "
            "organisation. Half-imported and merged people are left out. Gender is the referred person's."
        ),
        "count",
        referrals,
    ),
]

#: Every metric by key, in the catalogue's order. Its keys include every ``Target.Metric`` value.
METRICS: dict[str, Metric] = {metric.key: metric for metric in _CATALOGUE}


def scope_for(
    programmes: list[Programme] | QuerySet[Programme], *, start: datetime.date, end: datetime.date, gender: str = ""
) -> Scope:
    """The scope of ``programmes`` (one query for a queryset, none for a list) over the inclusive period."""
    pairs = [(p.pk, p.branch_id) for p in programmes]
    return Scope(
        programme_ids=frozenset(pk for pk, _branch in pairs),
        branch_ids=frozenset(branch for _pk, branch in pairs),
        start=start,
        end=end,
        gender=gender,
    )


def compute(
    key: str,
    *,
    programmes: list[Programme] | QuerySet[Programme],
    start: datetime.date,
    end: datetime.date,
    gender: str = "",
) -> MetricValue:
    """The metric ``key`` over ``programmes`` for the inclusive period ``start``–``end``, optionally for one gender.

    Raises ``KeyError`` for an unknown key and ``ValueError`` for a period that ends before it starts."""
    metric = METRICS[key]
    if end < start:
        raise ValueError("The period ends before it starts.")
    return metric.compute(scope_for(programmes, start=start, end=end, gender=gender))
