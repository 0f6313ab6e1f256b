"""Records → column arrays: what the constraints and the criteria are computed on, for many pairs at once.

- Every scalar field becomes one numpy array per side (mentees, mentors), in the order the records were given.
  Unknown ages are NaN; a mentor's missing age band limits are -inf/+inf.
- Text fields that are compared (gender and gender wishes, area, municipality, mentor type, background) become
  small integer codes from a codebook shared by both sides, with "" (unknown / no wish) always 0. Area and
  municipality are compared case-insensitively (``str.casefold``).
- Each set feature pair (needs ↔ competences, education wishes ↔ fields, interests ↔ interests, languages ↔
  languages, and availability: the set of its bit flags on each side) becomes bitsets on a shared vocabulary
  (see ``sets``).
- The coordinator's exclusions become (mentee index, mentor index) pairs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

import numpy as np

from .records import Mentee, Mentor
from .sets import F64, I64, Bool, SetFeature, set_feature

#: The mentee's background wishes that ask for a mentor of that background (besides "same").
BACKGROUND_WISHES = ("danish", "minority")


class Codebook:
    """Text values → small integer codes, shared by both sides; "" is always 0."""

    def __init__(self, *, fold: bool = False) -> None:
        self._codes: dict[str, int] = {"": 0}
        self._fold = fold

    def codes(self, values: Sequence[str]) -> I64:
        book = self._codes
        if self._fold:
            values = tuple(map(str.casefold, values))
        for value in dict.fromkeys(values):  # the distinct values, in order of appearance
            book.setdefault(value, len(book))
        return np.fromiter(map(book.__getitem__, values), dtype=np.int64, count=len(values))

    def code(self, value: str) -> int:
        return int(self.codes([value])[0])


@dataclass(frozen=True)
class MenteeArrays:
    ids: I64
    gender: I64
    age: F64  # NaN: unknown
    area: I64
    municipality: I64
    type_need: I64
    gender_wish: I64
    gender_required: Bool  # the wish is a must (and there is a wish)
    gender_preferred: Bool  # there is a wish and it is not a must
    background: I64
    background_same: Bool  # wishes a mentor of the same (known) background
    background_wish: I64  # the code of "danish"/"minority" when wished, else 0
    wait_days: F64

    def take(self, index: I64) -> MenteeArrays:
        return MenteeArrays(**{f.name: getattr(self, f.name)[index] for f in dataclasses.fields(self)})


@dataclass(frozen=True)
class MentorArrays:
    ids: I64
    branch: I64
    other_branches: Bool
    active: Bool
    course_completed: Bool
    free_slots: I64
    gender: I64
    age: F64
    min_age: F64  # -inf: no lower limit
    max_age: F64  # +inf: no upper limit
    gender_wish: I64
    area: I64
    municipality: I64
    mentor_type: I64
    both_type: Bool  # mentor_type == "both"
    background: I64

    def take(self, index: I64) -> MentorArrays:
        return MentorArrays(**{f.name: getattr(self, f.name)[index] for f in dataclasses.fields(self)})


@dataclass(frozen=True)
class Encoded:
    mentees: MenteeArrays
    mentors: MentorArrays
    needs: SetFeature
    education: SetFeature
    interests: SetFeature
    languages: SetFeature
    availability: SetFeature  # each side's availability bit flags as a set
    excluded: tuple[I64, I64]  # (mentee index, mentor index) of every coordinator exclusion among these mentors

    @property
    def shape(self) -> tuple[int, int]:
        return self.mentees.ids.size, self.mentors.ids.size

    def take_mentors(self, index: I64) -> Encoded:
        """The same problem restricted to the mentors at ``index`` (in that order)."""
        where = np.full(self.mentors.ids.size, -1, dtype=np.int64)
        where[index] = np.arange(index.size)
        rows, cols = self.excluded
        kept = where[cols] >= 0
        features = {name: getattr(self, name).take_mentors(index) for name in SET_FEATURES}
        return Encoded(
            mentees=self.mentees,
            mentors=self.mentors.take(index),
            **features,
            excluded=(rows[kept], where[cols[kept]]),
        )

    def take_mentees(self, index: I64) -> Encoded:
        """The same problem restricted to the mentees at ``index`` (in that order)."""
        where = np.full(self.mentees.ids.size, -1, dtype=np.int64)
        where[index] = np.arange(index.size)
        rows, cols = self.excluded
        kept = where[rows] >= 0
        features = {name: getattr(self, name).take_mentees(index) for name in SET_FEATURES}
        return Encoded(
            mentees=self.mentees.take(index),
            mentors=self.mentors,
            **features,
            excluded=(where[rows[kept]], cols[kept]),
        )


SET_FEATURES = ("needs", "education", "interests", "languages", "availability")


def _ints(values: tuple[int, ...]) -> I64:
    return np.array(values, dtype=np.int64)


def _floats(values: tuple[float | None, ...]) -> F64:
    """None becomes NaN."""
    return np.array(values, dtype=np.float64)


def _flags(values: tuple[bool, ...]) -> Bool:
    return np.array(values, dtype=np.bool_)


MENTEE_FIELDS = (
    "id", "gender", "age", "area", "municipality", "availability", "mentor_type_need", "mentor_gender_wish",
    "mentor_gender_required", "background", "background_wish", "wait_days", "needs", "education_wishes",
    "interests", "languages",
)  # fmt: skip
MENTOR_FIELDS = (
    "id", "branch_id", "other_branches", "active", "course_completed", "free_slots", "gender", "age",
    "mentee_min_age", "mentee_max_age", "mentee_gender_wish", "area", "municipality", "availability",
    "mentor_type", "background", "competences", "fields", "interests", "languages",
)  # fmt: skip


def _columns(records: Sequence[Any], names: tuple[str, ...]) -> dict[str, tuple[Any, ...]]:
    """{field: its values, one per record}. One ``map`` per field: a tuple per record would cost more (and wake
    the garbage collector)."""
    return {name: tuple(map(attrgetter(name), records)) for name in names}


def _limits(values: tuple[int | None, ...], missing: float) -> F64:
    array = _floats(values)
    array[np.isnan(array)] = missing
    return array


def _bit_sets(values: tuple[int, ...]) -> list[frozenset[int]]:
    """Each flag value as the set of its bits, e.g. 5 → {1, 4}."""
    bits = {value: frozenset(1 << k for k in range(value.bit_length()) if value >> k & 1) for value in set(values)}
    return list(map(bits.__getitem__, values))


def check_unique(ids: I64, what: str) -> None:
    if np.unique(ids).size != ids.size:
        raise ValueError(f"duplicate {what} ids")


def mentor_ids(mentors: Sequence[Mentor]) -> I64:
    """The mentors' ids; raises ValueError on a duplicate."""
    ids = np.fromiter(map(attrgetter("id"), mentors), dtype=np.int64, count=len(mentors))
    check_unique(ids, "mentor")
    return ids


def encode(mentees: Sequence[Mentee], mentors: Sequence[Mentor]) -> Encoded:
    """Encodes both sides for the constraints and the criteria. Raises ValueError on duplicate ids."""
    genders, types, backgrounds = Codebook(), Codebook(), Codebook()
    areas, municipalities = Codebook(fold=True), Codebook(fold=True)
    left = _columns(mentees, MENTEE_FIELDS)
    right = _columns(mentors, MENTOR_FIELDS)
    wish = genders.codes(left["mentor_gender_wish"])
    required = _flags(left["mentor_gender_required"]) & (wish != 0)
    wanted_background = [value if value in BACKGROUND_WISHES else "" for value in left["background_wish"]]
    mentor_types = types.codes(right["mentor_type"])
    mentee_arrays = MenteeArrays(
        ids=_ints(left["id"]),
        gender=genders.codes(left["gender"]),
        age=_floats(left["age"]),
        area=areas.codes(left["area"]),
        municipality=municipalities.codes(left["municipality"]),
        type_need=types.codes(left["mentor_type_need"]),
        gender_wish=wish,
        gender_required=required,
        gender_preferred=(wish != 0) & ~required,
        background=backgrounds.codes(left["background"]),
        background_same=np.array([value == "same" for value in left["background_wish"]], dtype=np.bool_),
        background_wish=backgrounds.codes(wanted_background),
        wait_days=_floats(left["wait_days"]),
    )
    mentor_arrays = MentorArrays(
        ids=_ints(right["id"]),
        branch=_ints(right["branch_id"]),
        other_branches=_flags(right["other_branches"]),
        active=_flags(right["active"]),
        course_completed=_flags(right["course_completed"]),
        free_slots=_ints(right["free_slots"]),
        gender=genders.codes(right["gender"]),
        age=_floats(right["age"]),
        min_age=_limits(right["mentee_min_age"], -np.inf),
        max_age=_limits(right["mentee_max_age"], np.inf),
        gender_wish=genders.codes(right["mentee_gender_wish"]),
        area=areas.codes(right["area"]),
        municipality=municipalities.codes(right["municipality"]),
        mentor_type=mentor_types,
        both_type=mentor_types == types.code("both"),
        background=backgrounds.codes(right["background"]),
    )
    check_unique(mentor_arrays.ids, "mentor")
    check_unique(mentee_arrays.ids, "mentee")
    return Encoded(
        mentees=mentee_arrays,
        mentors=mentor_arrays,
        needs=set_feature(left["needs"], right["competences"]),
        education=set_feature(left["education_wishes"], right["fields"]),
        interests=set_feature(left["interests"], right["interests"]),
        languages=set_feature(left["languages"], right["languages"]),
        availability=set_feature(_bit_sets(left["availability"]), _bit_sets(right["availability"])),
        excluded=_exclusions(mentees, mentor_arrays.ids),
    )


def _exclusions(mentees: Sequence[Mentee], mentor_ids: I64) -> tuple[I64, I64]:
    rows: list[int] = []
    cols: list[int] = []
    if any(mentee.excluded_mentors for mentee in mentees):
        position = {mentor_id: index for index, mentor_id in enumerate(mentor_ids.tolist())}
        for row, mentee in enumerate(mentees):
            for mentor_id in mentee.excluded_mentors:
                col = position.get(mentor_id)
                if col is not None:
                    rows.append(row)
                    cols.append(col)
    return np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
