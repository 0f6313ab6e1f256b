"""Batch: the assignment of a whole waiting list that maximises the total objective, then a second candidate each.

1. Canonical order: mentees and mentors are sorted by id first, so the result does not depend on the order they
   were given in (the solver's own tie-breaking then works on ids). Mentors failing a constraint that depends
   on the mentor alone (not active, course, branch, capacity) are dropped before any pair is scored.
2. Objective of a feasible pair: its score (0..100, see ``score``) plus the mentee's waiting bonus, so that when
   there are fewer slots than mentees the longer waits win. Infeasible pairs are never assigned.
3. Assignment: ``scipy.optimize.linear_sum_assignment`` on capacity slots: one line per mentee with at least one
   feasible mentor, one per free slot (each mentor repeated ``free_slots`` times, capped at the number of mentees
   it is feasible for, so never more than there are mentees). The matrix is built as the solver works on it
   without copying: costs (the negated objective), the shorter side as rows (``Slots``). Infeasible cells cost
   ``+INFEASIBLE_PENALTY`` (a tiny penalty, not a large one) and any infeasible pair the solver returns is
   dropped: with every feasible objective >= 0 this is the best total over every partial assignment,
   while a large penalty would make the solver place as many pairs as possible first, even at a lower total (a
   mentee's only feasible mentor going to her instead of to someone he suits much better). The tiny penalty
   makes the solver prefer a feasible pair with objective 0 to no pair; it costs at most ``INFEASIBLE_PENALTY``
   per mentee.
4. Second candidates: the slots left over after the assignment (``free_slots`` minus first candidates) are handed
   out greedily, each slot once, to the mentees that got a first candidate, longest wait (``wait_days``) first,
   then by mentee id: each takes its best-scoring feasible mentor with a slot left (ties by mentor id), other than
   its first. So a scarce mentor whose slots all went to first candidates is offered to no one else. A mentee
   without a first candidate gets no second either (by optimality she has no feasible mentor with a slot left).

``BatchResult.total`` is the exact float sum (``math.fsum``) of the objectives of the first candidates; pairs come
in the order the mentees were given. Timings (seconds): ``encode`` (sorting, dropping mentors, encoding), ``score``
(feasibility, then the solver's matrix of scores, tile by tile), ``assign`` (the solver), ``second`` (second
candidates, and the scores and explanations of every returned candidate), ``total``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter

import numpy as np
from scipy.optimize import linear_sum_assignment

from .constraints import feasible, gate
from .encode import Encoded, encode, mentor_ids
from .explain import candidates
from .rank import order_key
from .records import BatchResult, Candidate, Mentee, Mentor, Pair, Rules
from .score import checked_weights, waiting_bonus
from .scorer import Scorer
from .sets import F64, I64, Bool
from .views import Buffers, Grid, Pairs

INFEASIBLE_PENALTY = 1e-9
#: Pairs per tile of mentee rows: a tile's buffers (2 MB each for float64) stay in the CPU's caches.
TILE_PAIRS = 1 << 18


@dataclass(frozen=True)
class Problem:
    """The batch problem in canonical order (mentees by id; mentors by id, only those that pass the mentor-only
    constraints), with its feasible pairs. Scores are computed tile by tile, straight into the solver's matrix,
    and again (bit-for-bit the same, see ``views``) for the few pairs that are returned."""

    encoded: Encoded
    mentees: list[Mentee]
    mentors: list[Mentor]
    weights: dict[str, float]
    scorer: Scorer
    feasible: Bool  # n × m
    bonus: F64  # n: each mentee's waiting bonus


@dataclass(frozen=True)
class Slots:
    """The solver's input, already in the form ``linear_sum_assignment`` works on without copying: a cost matrix
    (the objective negated; +INFEASIBLE_PENALTY where infeasible), C-contiguous float64, with the shorter side
    as rows (``by_slot``: slots × mentees, else mentees × slots)."""

    cost: F64
    rows: I64  # the mentee (problem row) of each mentee line of the matrix
    mentor: I64  # the mentor (problem column) of each slot
    by_slot: bool


def tile_rows(encoded: Encoded) -> int:
    return max(1, TILE_PAIRS // max(encoded.shape[1], 1))


def tiles(encoded: Encoded) -> Iterator[Grid]:
    n = encoded.shape[0]
    step = tile_rows(encoded)
    for start in range(0, n, step):
        yield Grid(encoded, start, min(start + step, n))


def encoded_problem(
    mentees: Sequence[Mentee], mentors: Sequence[Mentor], rules: Rules
) -> tuple[Encoded, list[Mentee], list[Mentor]]:
    """Sorts both sides by id and encodes them, keeping only the mentors that pass the mentor-only constraints."""
    by_id = attrgetter("id")
    ordered_mentors = sorted(mentors, key=by_id)
    mentor_ids(ordered_mentors)  # no duplicates
    kept = [ordered_mentors[i] for i in np.flatnonzero(gate(ordered_mentors, rules) == 0).tolist()]
    ordered_mentees = sorted(mentees, key=by_id)
    return encode(ordered_mentees, kept), ordered_mentees, kept


def feasible_problem(
    encoded: Encoded, mentees: list[Mentee], mentors: list[Mentor], rules: Rules, weights: dict[str, float]
) -> Problem:
    fits = np.empty(encoded.shape, dtype=np.bool_)
    space = Buffers.of((tile_rows(encoded), encoded.shape[1]))
    for grid in tiles(encoded):
        feasible(grid, rules, out=fits[grid.rows], space=space.head(grid.shape[0]))
    bonus = waiting_bonus(encoded, weights)
    return Problem(
        encoded=encoded,
        mentees=mentees,
        mentors=mentors,
        weights=weights,
        scorer=Scorer(encoded, weights),
        feasible=fits,
        bonus=bonus,
    )


def prepare(mentees: Sequence[Mentee], mentors: Sequence[Mentor], rules: Rules) -> Problem:
    weights = checked_weights(rules)
    return feasible_problem(*encoded_problem(mentees, mentors, rules), rules, weights)


def slots(problem: Problem) -> Slots:
    """The solver's matrix: mentees with a feasible mentor × capacity slots of mentors with a feasible mentee,
    filled tile by tile with the negated objective (score + waiting bonus)."""
    fits = problem.feasible
    has_mentor = np.any(fits, axis=1)
    rows = np.flatnonzero(has_mentor)
    per_mentor = np.minimum(problem.encoded.mentors.free_slots, fits.sum(axis=0))
    mentor = np.repeat(np.arange(per_mentor.size), np.maximum(per_mentor, 0))
    by_slot = mentor.size < rows.size
    cost = np.empty((mentor.size, rows.size) if by_slot else (rows.size, mentor.size), dtype=np.float64)
    step = tile_rows(problem.encoded)
    space = Buffers.of((step, len(problem.mentors)))
    scored = np.empty((step, len(problem.mentors)))
    gathered = np.empty((step, mentor.size))
    done = 0
    for grid in tiles(problem.encoded) if cost.size else ():
        kept = has_mentor[grid.rows]
        count = int(kept.sum())
        if not count:
            continue
        size = grid.shape[0]
        tile = problem.scorer.scores(grid, out=scored[:size], space=space.head(size))
        # penalty − (objective + penalty) × fits: −objective (up to rounding) where feasible, +penalty elsewhere, in
        # three arithmetic passes (a masked copy is several times slower).
        tile += problem.bonus[grid.rows, np.newaxis] + INFEASIBLE_PENALTY
        tile *= fits[grid.rows]
        np.subtract(INFEASIBLE_PENALTY, tile, out=tile)
        tile = tile[kept] if count < size else tile
        if by_slot:
            cost[:, done : done + count] = np.take(tile, mentor, axis=1, out=gathered[:count], mode="clip").T
        else:  # (mode "clip": "raise" would buffer the output)
            np.take(tile, mentor, axis=1, out=cost[done : done + count], mode="clip")
        done += count
    return Slots(cost=cost, rows=rows, mentor=mentor, by_slot=by_slot)


def assign(problem: Problem, slot_problem: Slots) -> I64:
    """Each mentee's first mentor (problem column), or -1."""
    first = np.full(problem.feasible.shape[0], -1, dtype=np.int64)
    if slot_problem.cost.size:
        line, other = linear_sum_assignment(slot_problem.cost)
        slot, mentee_line = (line, other) if slot_problem.by_slot else (other, line)
        mentee, mentor = slot_problem.rows[mentee_line], slot_problem.mentor[slot]
        kept = problem.feasible[mentee, mentor]
        first[mentee[kept]] = mentor[kept]
    return first


def pair_scores(problem: Problem, rows: I64, cols: I64) -> F64:
    """The scores of the pairs (rows[k], cols[k]): bit-for-bit what the tiles computed."""
    return problem.scorer.scores(Pairs(problem.encoded, rows, cols))


def seconds(problem: Problem, first: I64) -> I64:
    """Each mentee's second mentor (problem column), or -1: greedily from the slots left after the assignment."""
    second = np.full(first.size, -1, dtype=np.int64)
    left = problem.encoded.mentors.free_slots - np.bincount(first[first >= 0], minlength=len(problem.mentors))
    spare = np.flatnonzero(left > 0)  # mentor columns with a slot left, by id
    with_first = np.flatnonzero(first >= 0)
    if not spare.size or not with_first.size:
        return second
    left = left[spare]
    fits = problem.feasible[:, spare]
    grid = Grid(problem.encoded.take_mentors(spare))
    keys = order_key(Scorer(grid.encoded, problem.weights).scores(grid))
    mentees = problem.encoded.mentees
    queue = with_first[np.lexsort((mentees.ids[with_first], -mentees.wait_days[with_first]))]
    open_slot = np.ones(spare.size, dtype=np.bool_)
    position = np.full(len(problem.mentors), -1, dtype=np.int64)
    position[spare] = np.arange(spare.size)
    for mentee in queue.tolist():
        allowed = fits[mentee] & open_slot
        own = position[first[mentee]]
        if own >= 0:
            allowed[own] = False
        if not allowed.any():
            continue
        best = int(np.argmax(np.where(allowed, keys[mentee], -np.inf)))  # first maximum: the lowest id
        second[mentee] = spare[best]
        left[best] -= 1
        if left[best] == 0:
            open_slot[best] = False
    return second


def _candidates(problem: Problem, rows: I64, cols: I64, score: F64) -> dict[int, Candidate]:
    """The candidates of the pairs (rows[k], cols[k]), keyed by mentee (problem row)."""
    found = candidates(problem.encoded, rows, cols, score, problem.weights, problem.mentees, problem.mentors)
    return dict(zip(rows.tolist(), found, strict=True))


def batch(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    rules: Rules,
    progress: Callable[[float], None] | None = None,
) -> BatchResult:
    """The assignment for the whole waiting list, and a second candidate for each mentee (see the module's
    docstring). ``progress`` gets a share 0..1 at stage boundaries. Raises ValueError on duplicate ids or bad
    weights."""

    def report(share: float) -> None:
        if progress is not None:
            progress(share)

    clock = [time.perf_counter()]
    report(0.0)
    weights = checked_weights(rules)
    encoded, ordered_mentees, kept_mentors = encoded_problem(mentees, mentors, rules)
    clock.append(time.perf_counter())
    report(0.1)
    problem = feasible_problem(encoded, ordered_mentees, kept_mentors, rules, weights)
    slot_problem = slots(problem)
    clock.append(time.perf_counter())
    report(0.25)
    first = assign(problem, slot_problem)
    clock.append(time.perf_counter())
    report(0.9)
    second = seconds(problem, first)
    assigned, offered = np.flatnonzero(first >= 0), np.flatnonzero(second >= 0)
    first_scores = pair_scores(problem, assigned, first[assigned])
    firsts = _candidates(problem, assigned, first[assigned], first_scores)
    seconds_ = _candidates(problem, offered, second[offered], pair_scores(problem, offered, second[offered]))
    row_of = {mentee.id: row for row, mentee in enumerate(ordered_mentees)}
    pairs = tuple(
        Pair(mentee_id=mentee.id, first=firsts.get(row_of[mentee.id]), second=seconds_.get(row_of[mentee.id]))
        for mentee in mentees
    )
    total = math.fsum((first_scores + problem.bonus[assigned]).tolist())
    clock.append(time.perf_counter())
    report(1.0)
    stages = ("encode", "score", "assign", "second")
    timings = {name: clock[k + 1] - clock[k] for k, name in enumerate(stages)}
    timings["total"] = clock[-1] - clock[0]
    return BatchResult(pairs=pairs, total=total, timings=timings)
