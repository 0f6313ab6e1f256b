"""Top-N for one mentee: the best mentors that pass every hard constraint, with their explanations.

Candidates are ordered by score (descending), ties by mentor id (ascending). Scores are compared after rounding to
9 decimals (``ORDER_DECIMALS``), so that mathematically equal scores reached through different float operations
still tie and fall back to the mentor id; ``Candidate.score`` itself is rounded to 2 decimals for display.
``Ranking.excluded`` counts, per constraint, the mentors whose first failed constraint it is (see
``constraints``); ``eligible`` counts the mentors that pass them all. Only the mentors that pass the constraints
that depend on the mentor alone (and are not excluded by the coordinator) are encoded and scored.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .constraints import first_failure, gate
from .encode import encode, mentor_ids
from .explain import candidates
from .records import CONSTRAINTS, Mentee, Mentor, Ranking, Rules
from .score import checked_weights
from .scorer import Scorer
from .sets import F64
from .views import Grid

ORDER_DECIMALS = 9


def order_key(values: F64) -> F64:
    """What scores are compared by: rounded, so that equal scores tie exactly."""
    return np.round(values, ORDER_DECIMALS)


def rank(mentee: Mentee, mentors: Sequence[Mentor], rules: Rules, n: int | None = None) -> Ranking:
    """The ``n`` best candidates (default ``rules.top_n``) for ``mentee`` among ``mentors``.

    Raises ValueError on duplicate mentor ids or bad weights (see ``score.checked_weights``)."""
    weights = checked_weights(rules)
    top = max(rules.top_n if n is None else n, 0)
    code = gate(mentors, rules)
    code[np.isin(mentor_ids(mentors), list(mentee.excluded_mentors))] = CONSTRAINTS.index("excluded") + 1
    passing = np.flatnonzero(code == 0)
    survivors = [mentors[i] for i in passing.tolist()]
    grid = Grid(encode([mentee], survivors))
    pair_code = first_failure(grid, rules)[0]
    code[passing] = pair_code
    counts = np.bincount(code, minlength=len(CONSTRAINTS) + 1).tolist()
    eligible = np.flatnonzero(pair_code == 0)  # among the survivors
    found = []
    if top and eligible.size:
        score = Scorer(grid.encoded, weights).scores(grid)[0, eligible]
        best = np.lexsort((grid.encoded.mentors.ids[eligible], -order_key(score)))[:top]
        rows = np.zeros(best.size, dtype=np.int64)
        found = candidates(grid.encoded, rows, eligible[best], score[best], weights, [mentee], survivors)
    return Ranking(
        mentee_id=mentee.id,
        candidates=tuple(found),
        eligible=int(eligible.size),
        excluded={name: int(counts[index + 1]) for index, name in enumerate(CONSTRAINTS)},
    )
