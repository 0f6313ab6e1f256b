"""Scores of many pairs at once: ``Scorer(encoded, weights).scores(view)``.

Criteria that depend only on a few coded fields of each side are computed once per distinct pair of profiles and
looked up per pair, instead of being computed for every pair:

- ``mentor_type``, ``gender``, ``background``: the mentee's need, gender wish and background wish (and own
  background) × the mentor's type, gender and background;
- ``geography``: area and municipality on each side;
- ``age``: the two ages.

A table holds Σ weight × score of its criteria for every pair of distinct profiles, computed with the same
criterion functions (``score.SHARES``) on the representatives of the profiles; a pair's lookup is then one index
and one gather, where computing the criteria costs a dozen passes over the pairs. The other criteria (the set
features) are computed for every pair. A score is the same whichever view computes it: a grid, a tile of one or
a list of pairs (the same table, the same additions in the same order).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .encode import Encoded, MenteeArrays, MentorArrays
from .score import SHARES, SOFT, soft_total
from .sets import F64, I64
from .views import Buffers, Grid, View

Fields = tuple[str, ...]

#: (criteria, the mentee fields they read, the mentor fields they read)
GROUPS: tuple[tuple[tuple[str, ...], Fields, Fields], ...] = (
    (
        ("mentor_type", "gender", "background"),
        ("type_need", "gender_wish", "gender_preferred", "background", "background_same", "background_wish"),
        ("mentor_type", "both_type", "gender", "background"),
    ),
    (("geography",), ("area", "municipality"), ("area", "municipality")),
    (("age",), ("age",), ("age",)),
)


def _profiles(arrays: MenteeArrays | MentorArrays, fields: Fields) -> tuple[I64, I64]:
    """(each record's profile number, one record of each profile) over the given fields."""
    if len(fields) == 1:  # also floats (ages, with NaN as one value)
        key = getattr(arrays, fields[0])
    else:  # small non-negative codes: one mixed-radix number per record (sorting it beats unique rows)
        columns = [np.asarray(getattr(arrays, name), dtype=np.int64) for name in fields]
        radices = [int(column.max(initial=0)) + 1 for column in columns]
        if math.prod(radices) < 2**62:
            key = np.zeros(columns[0].size, dtype=np.int64)
            for column, radix in zip(columns, radices, strict=True):
                key = key * radix + column
        else:  # pragma: no cover (thousands of distinct values in every field)
            key = np.unique(np.stack(columns, axis=1), axis=0, return_inverse=True)[1].reshape(-1)
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return inverse.reshape(-1).astype(np.int64), first.astype(np.int64)


@dataclass(frozen=True)
class Lookup:
    mentee_row: I64  # n: the mentee's profile × the table's width
    mentor_column: I64  # m: the mentor's profile
    table: F64  # flat: profiles × profiles, Σ weight × score of the group's criteria


class Scorer:
    def __init__(self, encoded: Encoded, weights: dict[str, float]) -> None:
        self.encoded = encoded
        self.weights = weights
        self.weight_sum = soft_total(weights)
        grouped = {name for criteria, _, _ in GROUPS for name in criteria}
        self.direct = [name for name in SOFT if weights[name] > 0 and name not in grouped]
        self.lookups = [
            self._lookup(criteria, mentee_fields, mentor_fields)
            for criteria, mentee_fields, mentor_fields in GROUPS
            if any(weights[name] > 0 for name in criteria) and min(encoded.shape) > 0
        ]

    def _lookup(
        self, criteria: tuple[str, ...], mentee_fields: tuple[str, ...], mentor_fields: tuple[str, ...]
    ) -> Lookup:
        mentee_profile, mentee_sample = _profiles(self.encoded.mentees, mentee_fields)
        mentor_profile, mentor_sample = _profiles(self.encoded.mentors, mentor_fields)
        grid = Grid(self.encoded.take_mentees(mentee_sample).take_mentors(mentor_sample))
        table = np.zeros(grid.shape, dtype=np.float64)
        space = Buffers.of(grid.shape)
        for name in criteria:
            if self.weights[name] > 0:
                SHARES[name](grid, self.weights[name], table, space)
        return Lookup(mentee_profile * mentor_sample.size, mentor_profile, table.reshape(-1))

    def scores(self, view: View, out: F64 | None = None, space: Buffers | None = None) -> F64:
        """Every pair's score, 0..100: 100 × Σ weight × share / Σ weight over the criteria but waiting (into
        ``out`` when given, with ``space`` as scratch)."""
        assert view.encoded is self.encoded, "a view of another problem"
        total = np.zeros(view.shape, dtype=np.float64) if out is None else out
        total.fill(0.0)
        if self.weight_sum <= 0:
            return total
        space = Buffers.of(view.shape) if space is None else space
        for name in self.direct:
            SHARES[name](view, self.weights[name], total, space)
        for lookup in self.lookups:
            np.add(view.left(lookup.mentee_row), view.right(lookup.mentor_column), out=space.index)
            total += np.take(lookup.table, space.index, out=space.a, mode="clip")  # "raise" would buffer the output
        total *= 100.0 / self.weight_sum
        return total
