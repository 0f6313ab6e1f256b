"""What the matching engine works on and what it answers: plain, frozen records, no Django.

The Django side (``mentornet.matching.selectors``) turns people into these records; the engine never sees a
name, and sees special-category data (``background``) only when a mentee's wish calls for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

#: Soft criteria, in the order explanations list them. Each scores 0..1 and is multiplied by its weight.
CRITERIA: tuple[str, ...] = (
    "needs",  # the mentee's needs ↔ what the mentor can help with
    "education",  # education/work wishes ↔ the mentor's fields of work and education
    "interests",  # shared interests
    "age",  # a smaller age difference scores higher
    "geography",  # same area 1, same municipality 0.6
    "availability",  # overlap of when they can meet
    "mentor_type",  # business/social mentor ↔ what the mentee needs
    "gender",  # only when the mentee wishes a gender (and it is not a must)
    "background",  # only when the mentee wishes it: same background, or a Danish/minority mentor
    "waiting",  # batch only: longer waits are assigned first (same for all of a mentee's candidates)
)

DEFAULT_WEIGHTS: Mapping[str, float] = {
    "needs": 25.0,
    "education": 20.0,
    "interests": 10.0,
    "age": 5.0,
    "geography": 10.0,
    "availability": 10.0,
    "mentor_type": 10.0,
    "gender": 5.0,
    "background": 5.0,
    "waiting": 10.0,
}

#: Hard constraints, in the order they are checked; a mentor excluded for a mentee is counted under the first
#: constraint it fails.
CONSTRAINTS: tuple[str, ...] = (
    "excluded",  # the coordinator excluded this mentor for this mentee
    "not_active",  # the mentor is not approved/active
    "course",  # the programme requires the introductory course and the mentor has not completed it
    "branch",  # another branch, and the mentor has not opted in to other branches
    "capacity",  # no free slot (capacity minus matches minus open proposals)
    "language",  # no language in common (only checked when the mentee's languages are known)
    "gender_required",  # the mentee's gender wish is a must and the mentor is of another gender
    "mentor_gender",  # the mentor's reservation: only mentees of a gender
    "mentor_age",  # the mentor's reservation: mentees' age band (only checked when the mentee's age is known)
)


@dataclass(frozen=True)
class Mentor:
    id: int
    branch_id: int
    other_branches: bool = False
    active: bool = True
    course_completed: bool = True
    free_slots: int = 1
    languages: frozenset[int] = frozenset()
    gender: str = ""  # "female", "male", "other" or "" (unknown)
    age: int | None = None
    mentee_min_age: int | None = None
    mentee_max_age: int | None = None
    mentee_gender_wish: str = ""  # "" = any
    competences: frozenset[int] = frozenset()
    fields: frozenset[int] = frozenset()
    interests: frozenset[int] = frozenset()
    area: str = ""
    municipality: str = ""
    availability: int = 0  # bit flags: 1 weekday daytime, 2 weekday evening, 4 weekend
    mentor_type: str = "both"  # "business", "social" or "both"
    background: str = ""  # "danish", "minority" or "" (not known, or not needed)


@dataclass(frozen=True)
class Mentee:
    id: int
    branch_id: int
    languages: frozenset[int] = frozenset()
    gender: str = ""
    age: int | None = None
    needs: frozenset[int] = frozenset()
    education_wishes: frozenset[int] = frozenset()
    interests: frozenset[int] = frozenset()
    area: str = ""
    municipality: str = ""
    availability: int = 0
    mentor_type_need: str = ""  # "business", "social", "both" or "" (not assessed)
    mentor_gender_wish: str = ""  # "" = no wish
    mentor_gender_required: bool = False
    background: str = ""  # the mentee's own, only when ``background_wish`` is "same"
    background_wish: str = ""  # "" no wish, "same", "danish" or "minority"
    wait_days: int = 0
    excluded_mentors: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Rules:
    """A programme's matching rules."""

    branch_id: int
    course_required: bool = True
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    top_n: int = 2


@dataclass(frozen=True)
class Reason:
    """One criterion's contribution to a candidate's score, with what matched (item ids, or a value)."""

    criterion: str
    points: float  # weight × the criterion's 0..1 score
    share: float  # the criterion's 0..1 score
    matched: tuple[int, ...] = ()  # e.g. the ids of shared needs/competences, interests, fields
    detail: str = ""  # e.g. "same_area", "same_municipality", an age difference "12"


@dataclass(frozen=True)
class Candidate:
    mentor_id: int
    score: float  # 0..100: the weighted criteria as a share of what all weights together could give
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Ranking:
    mentee_id: int
    candidates: tuple[Candidate, ...]  # best first; ties broken by mentor id
    eligible: int  # how many mentors passed every hard constraint
    excluded: Mapping[str, int]  # per constraint (CONSTRAINTS order), how many mentors it excluded first


@dataclass(frozen=True)
class Pair:
    mentee_id: int
    first: Candidate | None  # from the optimal assignment
    second: Candidate | None  # the best mentor with a slot left over after the assignment, not offered to anyone else


@dataclass(frozen=True)
class BatchResult:
    pairs: tuple[Pair, ...]  # one per mentee, in the order given
    total: float  # the assignment's objective: sum of first candidates' scores plus their waiting bonus
    timings: Mapping[str, float]  # seconds: "encode", "score", "assign", "second", "total"
