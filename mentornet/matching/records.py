"""What the matching engine gets from the database: the programme's rules, and mentors and mentees as engine
records (``engine.Mentor``, ``engine.Mentee``), with the places they already hold. A constant number of queries
whatever the number of people."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from mentornet.matching.engine.records import DEFAULT_WEIGHTS, Mentee, Mentor, Rules
from mentornet.matching.models import Candidate, Exclusion, MatchingSettings, Proposal
from mentornet.mentorships.models import Mentorship, MentorshipStatus
from mentornet.organisations.models import Programme
from mentornet.people.models import (
    BackgroundWish,
    Kind,
    MenteeProfile,
    MentorProfile,
    Person,
    SensitiveData,
    Status,
)

#: Mentors who can still be matched: those who stopped are left out of the engine altogether.
MATCHABLE_MENTOR_STATUSES = (Status.INTERESTED, Status.INTERVIEW, Status.COURSE_COMPLETED, Status.ACTIVE, Status.PAUSED)


def settings_for(programme: Programme) -> MatchingSettings:
    found = MatchingSettings.objects.filter(programme=programme).first()
    return found or MatchingSettings(programme=programme)


def weights_for(programme: Programme) -> dict[str, float]:
    stored = settings_for(programme).weights or {}
    return {name: float(stored.get(name, default)) for name, default in DEFAULT_WEIGHTS.items()}


def rules_for(programme: Programme, weights: dict[str, float] | None = None) -> Rules:
    return Rules(
        branch_id=programme.branch_id,
        course_required=programme.course_required,
        weights=weights or weights_for(programme),
        top_n=programme.max_mentors_proposed,
    )


def _age(born: datetime.date | None, today: datetime.date) -> int | None:
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _sets(through: type, owner_field: str, item_field: str, owner_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    for owner, item in through.objects.filter(**{f"{owner_field}__in": owner_ids}).values_list(owner_field, item_field):  # type: ignore[attr-defined]
        found[owner].add(item)
    return {owner: frozenset(items) for owner, items in found.items()}


def holding_a_place() -> Q:
    """Candidates that hold one of the mentor's places: offered in an open, unexpired proposal; chosen; matched
    while the mentorship that came of it is active or paused (a closed mentorship frees the place)."""
    offered = Q(
        state=Candidate.State.OFFERED, proposal__state=Proposal.State.OPEN, proposal__expires_at__gt=timezone.now()
    )
    matched = Q(state=Candidate.State.ACCEPTED) & ~Q(proposal__mentorship__status=MentorshipStatus.CLOSED)
    return offered | Q(state=Candidate.State.CHOSEN) | matched


def places_taken(mentor_ids: Iterable[int]) -> dict[int, int]:
    """How many of each mentor's places are held by open or chosen proposals, or by matches; a mentorship started
    without a proposal (registered by hand) holds a place while it is open."""
    ids = list(mentor_ids)
    held = (
        Candidate.objects.filter(holding_a_place(), mentor_id__in=ids)
        .values("mentor_id")
        .annotate(n=Count("*"))
        .order_by()
    )
    taken = {row["mentor_id"]: row["n"] for row in held}
    by_hand = (
        Mentorship.objects.filter(mentor_id__in=ids, proposal__isnull=True)
        .exclude(status=MentorshipStatus.CLOSED)
        .values("mentor_id")
        .annotate(n=Count("*"))
        .order_by()
    )
    for row in by_hand:
        taken[row["mentor_id"]] = taken.get(row["mentor_id"], 0) + row["n"]
    return taken


def in_progress() -> Q:
    """Proposals still in progress: open and not expired, or chosen and waiting for the mentor."""
    return Q(state=Proposal.State.OPEN, expires_at__gt=timezone.now()) | Q(state=Proposal.State.CHOSEN)


def mentor_records(
    programme: Programme, *, with_background: bool = False, only: Iterable[int] | None = None
) -> list[Mentor]:
    """Every mentor of the programme's organisation who could be matched (or those of ``only``), as engine records."""
    found = Person.objects.visible().filter(
        organisation_id=programme.branch.organisation_id, kind=Kind.MENTOR, status__in=MATCHABLE_MENTOR_STATUSES
    )
    if only is not None:
        found = found.filter(pk__in=list(only))
    people = list(found.select_related("mentor_profile").order_by("pk"))
    ids = [p.pk for p in people]
    languages = _sets(Person.languages.through, "person_id", "language_id", ids)
    interests = _sets(Person.interests.through, "person_id", "topic_id", ids)
    competences = _sets(MentorProfile.competences.through, "mentorprofile_id", "topic_id", ids)
    fields = _sets(MentorProfile.fields.through, "mentorprofile_id", "topic_id", ids)
    taken = places_taken(ids)
    backgrounds = _backgrounds(ids) if with_background else {}
    today = timezone.localdate()
    empty: frozenset[int] = frozenset()
    records = []
    for person in people:
        profile = person.mentor_profile
        records.append(
            Mentor(
                id=person.pk,
                branch_id=person.branch_id,
                other_branches=profile.other_branches,
                active=person.status == Status.ACTIVE,
                course_completed=profile.course_completed_on is not None,
                free_slots=profile.capacity - taken.get(person.pk, 0),
                languages=languages.get(person.pk, empty),
                gender=person.gender,
                age=_age(person.birth_date, today),
                mentee_min_age=profile.mentee_min_age,
                mentee_max_age=profile.mentee_max_age,
                mentee_gender_wish=profile.mentee_gender_wish,
                competences=competences.get(person.pk, empty),
                fields=fields.get(person.pk, empty),
                interests=interests.get(person.pk, empty),
                area=person.area,
                municipality=person.municipality,
                availability=profile.availability,
                mentor_type=profile.mentor_type,
                background=backgrounds.get(person.pk, ""),
            )
        )
    return records


def _backgrounds(person_ids: Iterable[int]) -> dict[int, str]:
    """Ethnic background, special-category data: read only when a mentee's own wish calls for it."""
    rows = SensitiveData.objects.filter(person_id__in=person_ids).exclude(ethnic_background="not_stated")
    return dict(rows.values_list("person_id", "ethnic_background"))


def mentee_records(mentees: list[Person], *, with_background: bool = False) -> list[Mentee]:
    ids = [p.pk for p in mentees]
    languages = _sets(Person.languages.through, "person_id", "language_id", ids)
    interests = _sets(Person.interests.through, "person_id", "topic_id", ids)
    needs = _sets(MenteeProfile.needs.through, "menteeprofile_id", "topic_id", ids)
    wishes = _sets(MenteeProfile.education_wishes.through, "menteeprofile_id", "topic_id", ids)
    wanting_same = [p.pk for p in mentees if p.mentee_profile.mentor_background_wish == BackgroundWish.SAME]
    backgrounds = _backgrounds(wanting_same) if wanting_same and with_background else {}
    excluded: dict[int, set[int]] = defaultdict(set)
    for mentee_id, mentor_id in Exclusion.objects.filter(mentee_id__in=ids).values_list("mentee_id", "mentor_id"):
        excluded[mentee_id].add(mentor_id)
    today = timezone.localdate()
    empty: frozenset[int] = frozenset()
    records = []
    for person in mentees:
        profile = person.mentee_profile
        waiting_since = profile.waiting_since or today
        records.append(
            Mentee(
                id=person.pk,
                branch_id=person.branch_id,
                languages=languages.get(person.pk, empty),
                gender=person.gender,
                age=_age(person.birth_date, today),
                needs=needs.get(person.pk, empty),
                education_wishes=wishes.get(person.pk, empty),
                interests=interests.get(person.pk, empty),
                area=person.area,
                municipality=person.municipality,
                availability=profile.availability,
                mentor_type_need=profile.mentor_type_need,
                mentor_gender_wish=profile.mentor_gender_wish,
                mentor_gender_required=profile.mentor_gender_required,
                background=backgrounds.get(person.pk, ""),
                background_wish=profile.mentor_background_wish if with_background else "",
                wait_days=max((today - waiting_since).days, 0),
                excluded_mentors=frozenset(excluded.get(person.pk, ())),
            )
        )
    return records


def waiting_list(programme: Programme) -> list[Person]:
    """The programme's branch's mentees waiting for a match and without a proposal in progress."""
    return list(
        Person.objects.visible()
        .filter(branch_id=programme.branch_id, kind=Kind.MENTEE, status=Status.WAITING)
        .filter(Q(programme=programme) | Q(programme__isnull=True))
        .exclude(Exists(Proposal.objects.filter(in_progress(), mentee=OuterRef("pk"))))
        .select_related("mentee_profile")
        .order_by("mentee_profile__waiting_since", "pk")
    )


def needs_background(mentees: list[Person], rules: Rules) -> bool:
    """Special-category data goes into the engine only when the programme weighs background and a mentee wishes it."""
    return rules.weights.get("background", 0) > 0 and any(p.mentee_profile.mentor_background_wish for p in mentees)
