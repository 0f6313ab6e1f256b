"""Candidates with their explanations, built only for the pairs that are returned.

A candidate's reasons: one per criterion with weight > 0 and score > 0 (never ``waiting``), ordered by points
(weight × score) descending, then ``CRITERIA`` order. What each carries:

- ``needs``, ``education``, ``interests``: ``matched`` = the shared ids, sorted;
- ``age``: ``detail`` = the age difference in years, e.g. "12";
- ``geography``: ``detail`` = "same_area" or "same_municipality";
- ``availability``: ``matched`` = the shared availability flags, ascending (1, 2, 4);
- ``mentor_type``: ``detail`` = the mentor's type ("business", "social" or "both");
- ``gender``: ``detail`` = the wished gender;
- ``background``: ``detail`` = the mentee's wish ("same", "danish" or "minority"), never a background itself.

``Candidate.score`` is the pair's score from the score matrix rounded to 2 decimals (``round(score, 2)``); the
engine orders by the unrounded value, so display rounding never reorders candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .encode import Encoded
from .records import Candidate, Mentee, Mentor, Reason
from .score import SOFT, share
from .sets import F64, I64, SetFeature
from .views import Pairs

Evidence = tuple[tuple[int, ...], str]
#: Per criterion, the (matched, detail) of the k-th pair, given its share.
Finder = Callable[[int, float], Evidence]


def _set_evidence(feature: SetFeature, view: Pairs) -> Finder:
    """The shared ids of each pair, decoded from the AND of the two bitsets (once per distinct AND)."""
    both = np.bitwise_and(feature.mentees[view.rows], feature.mentors[view.cols])
    width = both.dtype.itemsize * 8
    keys = [tuple(words) for words in both.tolist()]
    decoded: dict[tuple[int, ...], Evidence] = {}

    def find(k: int, share: float) -> Evidence:
        key = keys[k]
        if key not in decoded:
            bits = [w * width + bit for w, word in enumerate(key) for bit in range(width) if word >> bit & 1]
            decoded[key] = (tuple(feature.vocabulary[bits].tolist()), "")
        return decoded[key]

    return find


def _finders(view: Pairs, mentees: Sequence[Mentee], mentors: Sequence[Mentor]) -> dict[str, Finder]:
    encoded = view.encoded
    rows, cols = view.rows.tolist(), view.cols.tolist()
    age_gap = np.abs(view.left(encoded.mentees.age) - view.right(encoded.mentors.age)).tolist()
    return {
        "needs": _set_evidence(encoded.needs, view),
        "education": _set_evidence(encoded.education, view),
        "interests": _set_evidence(encoded.interests, view),
        "age": lambda k, share: ((), f"{age_gap[k]:g}"),
        "geography": lambda k, share: ((), "same_area" if share >= 1.0 else "same_municipality"),
        "availability": _set_evidence(encoded.availability, view),
        "mentor_type": lambda k, share: ((), mentors[cols[k]].mentor_type),
        "gender": lambda k, share: ((), mentees[rows[k]].mentor_gender_wish),
        "background": lambda k, share: ((), mentees[rows[k]].background_wish),
    }


def candidates(
    encoded: Encoded,
    rows: I64,
    cols: I64,
    scores: F64,
    weights: dict[str, float],
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
) -> list[Candidate]:
    """The candidates for the pairs (rows[k], cols[k]) of ``encoded``, whose records are ``mentees[rows[k]]`` and
    ``mentors[cols[k]]`` and whose scores (0..100, unrounded) are ``scores[k]``. Equal reasons are one shared
    (frozen) object."""
    view = Pairs(encoded, rows, cols)
    counted = [name for name in SOFT if weights[name] > 0]
    shares = np.stack([share(name, view) for name in counted] or [np.zeros(rows.size)], axis=1)[:, : len(counted)]
    points = shares * np.array([weights[name] for name in counted])
    # Per pair: criteria by points descending, then CRITERIA order (``counted`` keeps it); zeros sort last.
    order = np.lexsort((np.broadcast_to(np.arange(len(counted)), shares.shape), -points))
    given = np.count_nonzero(shares > 0, axis=1)
    finders = _finders(view, mentees, mentors)
    evidence = [finders[name] for name in counted]
    made: dict[tuple[int, float, Evidence], Reason] = {}
    found: list[Candidate] = []
    for k, (col, score, pair_shares, pair_points, pair_order, count) in enumerate(
        zip(
            cols.tolist(),
            scores.tolist(),
            shares.tolist(),
            points.tolist(),
            order.tolist(),
            given.tolist(),
            strict=True,
        )
    ):
        reasons = []
        for criterion in pair_order[:count]:
            value = pair_shares[criterion]
            found_evidence = evidence[criterion](k, value)
            key = (criterion, value, found_evidence)
            reason = made.get(key)
            if reason is None:
                reason = made[key] = Reason(counted[criterion], pair_points[criterion], value, *found_evidence)
            reasons.append(reason)
        found.append(Candidate(mentor_id=mentors[col].id, score=round(score, 2), reasons=tuple(reasons)))
    return found
