"""Hard constraints: a pair that fails one is never proposed.

Checked in ``records.CONSTRAINTS`` order; an excluded mentor is counted once, under the first constraint it fails:

- ``excluded``: the mentor's id is in the mentee's ``excluded_mentors`` (the coordinator's exclusions);
- ``not_active``: ``not mentor.active``;
- ``course``: ``rules.course_required and not mentor.course_completed``;
- ``branch``: ``mentor.branch_id != rules.branch_id and not mentor.other_branches``;
- ``capacity``: ``mentor.free_slots <= 0``;
- ``language``: only when the mentee has at least one language: no language in common (a mentor without
  languages fails);
- ``gender_required``: ``mentee.mentor_gender_required and mentee.mentor_gender_wish and mentor.gender != wish``;
- ``mentor_gender``: ``mentor.mentee_gender_wish and mentee.gender != mentor.mentee_gender_wish``;
- ``mentor_age``: only when the mentee's age is known: below ``mentee_min_age`` or above ``mentee_max_age``
  (both limits inclusive, each only when set).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from operator import attrgetter
from typing import Any

import numpy as np
import numpy.typing as npt

from .encode import Encoded
from .records import CONSTRAINTS, Mentor, Rules
from .sets import I64, Bool
from .views import Buffers, View

Int8 = npt.NDArray[np.int8]


def _mentor_flags(
    rules: Rules, *, active: Bool, course_completed: Bool, branch: I64, other_branches: Bool, free_slots: I64
) -> dict[str, Bool]:
    """The constraints that depend on the mentor alone, as one flag per mentor (True: fails)."""
    return {
        "not_active": ~active,
        "course": ~course_completed if rules.course_required else np.zeros_like(active),
        "branch": (branch != rules.branch_id) & ~other_branches,
        "capacity": free_slots <= 0,
    }


def mentor_failures(encoded: Encoded, rules: Rules) -> dict[str, Bool]:
    mentors = encoded.mentors
    return _mentor_flags(
        rules,
        active=mentors.active,
        course_completed=mentors.course_completed,
        branch=mentors.branch,
        other_branches=mentors.other_branches,
        free_slots=mentors.free_slots,
    )


def gate(mentors: Sequence[Mentor], rules: Rules) -> Int8:
    """Straight from the records, before any encoding: 0 for a mentor that passes every constraint that depends on
    the mentor alone, else 1 + the index in ``CONSTRAINTS`` of the first it fails. Only the mentors that pass are
    worth encoding: every other constraint comes later in ``CONSTRAINTS`` except ``excluded``, which the caller
    checks by id."""

    def column(name: str, dtype: type[np.generic]) -> npt.NDArray[Any]:
        return np.fromiter(map(attrgetter(name), mentors), dtype=dtype, count=len(mentors))

    flags = _mentor_flags(
        rules,
        active=column("active", np.bool_),
        course_completed=column("course_completed", np.bool_),
        branch=column("branch_id", np.int64),
        other_branches=column("other_branches", np.bool_),
        free_slots=column("free_slots", np.int64),
    )
    code = np.zeros(len(mentors), dtype=np.int8)
    for name in reversed(CONSTRAINTS):
        if name in flags:
            code[flags[name]] = CONSTRAINTS.index(name) + 1
    return code


def failures(view: View, rules: Rules, space: Buffers) -> Iterator[tuple[int, Bool]]:
    """Each constraint in ``CONSTRAINTS`` order: (its index, flags that broadcast to the view's shape, True where
    the pair fails it). Flags may live in ``space.mask`` and be overwritten by the next constraint: use them
    before asking for the next."""
    encoded = view.encoded
    mentees, mentors = encoded.mentees, encoded.mentors
    by_mentor = mentor_failures(encoded, rules)
    position = {name: index for index, name in enumerate(CONSTRAINTS)}
    yield position["excluded"], view.excluded()
    for name, flags in by_mentor.items():
        yield position[name], view.right(flags)
    fails = space.mask
    view.meets(encoded.languages, fails, space)
    np.logical_not(fails, out=fails)
    fails &= view.left(encoded.languages.mentee_sizes > 0)
    yield position["language"], fails
    np.not_equal(view.left(mentees.gender_wish), view.right(mentors.gender), out=fails)
    fails &= view.left(mentees.gender_required)
    yield position["gender_required"], fails
    reservation = view.right(mentors.gender_wish)
    np.not_equal(view.left(mentees.gender), reservation, out=fails)
    fails &= reservation != 0
    yield position["mentor_gender"], fails
    age = view.left(mentees.age)  # an unknown age (NaN) compares False: never fails
    np.less(age, view.right(mentors.min_age), out=fails)
    fails |= np.greater(age, view.right(mentors.max_age), out=space.other)
    yield position["mentor_age"], fails


def first_failure(view: View, rules: Rules) -> Int8:
    """0 where the pair passes every constraint, else 1 + the index in ``CONSTRAINTS`` of the first it fails."""
    code = np.zeros(view.shape, dtype=np.int8)
    for index, fails in failures(view, rules, Buffers.of(view.shape)):
        np.copyto(code, index + 1, where=(code == 0) & fails)
    return code


def feasible(view: View, rules: Rules, out: Bool | None = None, space: Buffers | None = None) -> Bool:
    """True where the pair passes every constraint (into ``out`` when given)."""
    failed = np.zeros(view.shape, dtype=np.bool_) if out is None else out
    failed.fill(False)
    for _, fails in failures(view, rules, Buffers.of(view.shape) if space is None else space):
        failed |= fails
    return np.logical_not(failed, out=failed)
