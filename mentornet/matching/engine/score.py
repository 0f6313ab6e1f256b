"""Soft criteria: each scores a pair 0..1; the weighted sum is the candidate's score (0..100).

Scores per criterion:

- ``needs``: |needs ∩ competences| / |needs| (0 when the mentee has no needs);
- ``education``: |education_wishes ∩ fields| / |education_wishes| (0 when there are no wishes);
- ``interests``: |mentee interests ∩ mentor interests| / min(both sizes) (0 when either is empty);
- ``age``: max(0, 1 − |age difference| / 40) (0 when either age is unknown);
- ``geography``: 1 for the same non-empty area, 0.6 for the same non-empty municipality, else 0 (both compared
  case-insensitively);
- ``availability``: popcount(mentor & mentee) / popcount(mentee) (0 when the mentee gave none);
- ``mentor_type``: 1 when the mentee's need is set and the mentor is "both" or of that type, else 0;
- ``gender``: 1 when the mentee wishes a gender (not as a must) and the mentor is of it, else 0 (a must is a hard
  constraint instead);
- ``background``: wish "same": 1 when both backgrounds are known and equal; wish "danish"/"minority": 1 when the
  mentor's background is that; otherwise 0;
- ``waiting``: min(wait_days / 180, 1) (negative waits count as 0). The same for all of a mentee's candidates, so
  it is used only in the batch objective, never in ``Candidate.score`` nor in ``rank()``.

``Candidate.score`` = 100 × Σ weight_k × score_k / Σ weight_k over every criterion but ``waiting``, so 0..100
(0 when all those weights are 0). The batch objective of a feasible pair adds the waiting bonus
100 × weight_waiting × waiting / Σ weight_k (the same sum), so waiting counts on the same scale as the criteria.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from .encode import Encoded
from .records import CRITERIA, Rules
from .sets import F64, Bool, SetFeature
from .views import Buffers, View

#: Every criterion that counts in a candidate's score.
SOFT: tuple[str, ...] = tuple(name for name in CRITERIA if name != "waiting")
WAIT_SATURATES_DAYS = 180.0
AGE_SPAN_YEARS = 40.0
SAME_MUNICIPALITY = 0.6


def checked_weights(rules: Rules) -> dict[str, float]:
    """Every criterion's weight (0 when the programme gives none). Raises ValueError on an unknown criterion or a
    negative or non-finite weight."""
    unknown = sorted(set(rules.weights) - set(CRITERIA))
    if unknown:
        raise ValueError(f"unknown criteria in the weights: {', '.join(unknown)}")
    weights = {name: float(rules.weights.get(name, 0.0)) for name in CRITERIA}
    bad = [name for name, weight in weights.items() if not math.isfinite(weight) or weight < 0]
    if bad:
        raise ValueError(f"weights must be finite and >= 0: {', '.join(bad)}")
    return weights


def soft_total(weights: dict[str, float]) -> float:
    return math.fsum(weights[name] for name in SOFT)


#: A criterion adds weight × its 0..1 score of every pair of the view to ``total``; with weight 1 on zeros that is
#: the score itself (``share``). No masked operations (``where=``): here they are ten times slower than arithmetic.
Criterion = Callable[[View, float, F64, Buffers], None]


def _add_share(total: F64, share: F64, weight: float) -> None:
    share *= weight
    total += share


def _add_flags(total: F64, flags: Bool, weight: float, space: Buffers) -> None:
    """Adds ``weight`` where ``flags`` hold."""
    np.multiply(flags, weight, out=space.a)
    total += space.a


def _covered(feature: Callable[[Encoded], SetFeature]) -> Criterion:
    """The share of the mentee's set that the mentor's set covers."""

    def add(view: View, weight: float, total: F64, space: Buffers) -> None:
        found = feature(view.encoded)
        view.common(found, space.a, space)
        np.divide(space.a, view.left(np.maximum(found.mentee_sizes, 1.0)), out=space.a)
        _add_share(total, space.a, weight)

    return add


def _interests(view: View, weight: float, total: F64, space: Buffers) -> None:
    found = view.encoded.interests
    smaller = np.minimum(
        view.left(np.maximum(found.mentee_sizes, 1.0)), view.right(np.maximum(found.mentor_sizes, 1.0)), out=space.b
    )
    view.common(found, space.a, space)
    np.divide(space.a, smaller, out=space.a)
    _add_share(total, space.a, weight)


def _age(view: View, weight: float, total: F64, space: Buffers) -> None:
    closeness = np.subtract(view.left(view.encoded.mentees.age), view.right(view.encoded.mentors.age), out=space.a)
    np.abs(closeness, out=closeness)
    np.divide(closeness, AGE_SPAN_YEARS, out=closeness)
    np.subtract(1.0, closeness, out=closeness)
    np.fmax(closeness, 0.0, out=closeness)  # fmax: an unknown age (NaN) gives 0
    _add_share(total, closeness, weight)


def _geography(view: View, weight: float, total: F64, space: Buffers) -> None:
    mentees, mentors = view.encoded.mentees, view.encoded.mentors
    area = np.equal(view.left(mentees.area), view.right(mentors.area), out=space.mask)
    area &= view.left(mentees.area != 0)
    _add_flags(total, area, weight, space)
    municipality = np.equal(view.left(mentees.municipality), view.right(mentors.municipality), out=space.other)
    municipality &= view.left(mentees.municipality != 0)
    np.greater(municipality, area, out=municipality)  # the same municipality but not the same area
    _add_flags(total, municipality, weight * SAME_MUNICIPALITY, space)


def _mentor_type(view: View, weight: float, total: F64, space: Buffers) -> None:
    need = view.left(view.encoded.mentees.type_need)
    mentors = view.encoded.mentors
    fits = np.equal(need, view.right(mentors.mentor_type), out=space.mask)
    fits |= view.right(mentors.both_type)
    fits &= need != 0
    _add_flags(total, fits, weight, space)


def _gender(view: View, weight: float, total: F64, space: Buffers) -> None:
    mentees = view.encoded.mentees
    fits = np.equal(view.left(mentees.gender_wish), view.right(view.encoded.mentors.gender), out=space.mask)
    fits &= view.left(mentees.gender_preferred)
    _add_flags(total, fits, weight, space)


def _background(view: View, weight: float, total: F64, space: Buffers) -> None:
    mentees = view.encoded.mentees
    mentor = view.right(view.encoded.mentors.background)
    fits = np.equal(view.left(mentees.background), mentor, out=space.mask)
    fits &= view.left(mentees.background_same & (mentees.background != 0))
    wish = view.left(mentees.background_wish)
    wished = np.equal(wish, mentor, out=space.other)
    wished &= wish != 0
    fits |= wished
    _add_flags(total, fits, weight, space)


SHARES: dict[str, Criterion] = {
    "needs": _covered(lambda encoded: encoded.needs),
    "education": _covered(lambda encoded: encoded.education),
    "interests": _interests,
    "age": _age,
    "geography": _geography,
    "availability": _covered(lambda encoded: encoded.availability),
    "mentor_type": _mentor_type,
    "gender": _gender,
    "background": _background,
}


def share(criterion: str, view: View) -> F64:
    """The criterion's 0..1 score of every pair in the view."""
    found = np.zeros(view.shape, dtype=np.float64)
    SHARES[criterion](view, 1.0, found, Buffers.of(view.shape))
    return found


def waiting(encoded: Encoded) -> F64:
    """Each mentee's waiting score: min(wait_days / 180, 1), and 0 for a negative wait."""
    return np.clip(encoded.mentees.wait_days / WAIT_SATURATES_DAYS, 0.0, 1.0)


def waiting_bonus(encoded: Encoded, weights: dict[str, float]) -> F64:
    """Each mentee's bonus in the batch objective: 100 × weight_waiting × waiting / Σ soft weights (with no soft
    weights at all, 100 × waiting when waiting has a weight)."""
    weight_sum = soft_total(weights)
    scale = 100.0 * weights["waiting"] / weight_sum if weight_sum > 0 else (100.0 if weights["waiting"] > 0 else 0.0)
    return waiting(encoded) * scale
