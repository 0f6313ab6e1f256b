"""The matching engine: plain Python + numpy (no Django), so it can be tested, benchmarked and reused alone.

- ``rank(mentee, mentors, rules, n=None) -> Ranking``: the top-N candidates for one mentee (``rank``);
- ``batch(mentees, mentors, rules, progress=None) -> BatchResult``: the best assignment for a waiting list and a
  second candidate each (``solve``).

Modules: ``records`` (the input and output records), ``encode`` (records → arrays), ``sets`` (set features as
bitsets), ``views`` (all pairs, a tile of them, or chosen pairs), ``constraints`` (hard constraints), ``score``
(soft criteria), ``scorer`` (weighted scores of many pairs), ``explain`` (reasons), ``rank``, ``solve`` (batch).
Results are deterministic for the same input, whatever order the records come in.
"""

from .rank import rank
from .records import (
    CONSTRAINTS,
    CRITERIA,
    DEFAULT_WEIGHTS,
    BatchResult,
    Candidate,
    Mentee,
    Mentor,
    Pair,
    Ranking,
    Reason,
    Rules,
)
from .solve import batch

__all__ = [
    "CONSTRAINTS",
    "CRITERIA",
    "DEFAULT_WEIGHTS",
    "BatchResult",
    "Candidate",
    "Mentee",
    "Mentor",
    "Pair",
    "Ranking",
    "Reason",
    "Rules",
    "batch",
    "rank",
]
