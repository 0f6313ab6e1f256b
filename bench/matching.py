#!/usr/bin/env python
"""Matching engine benchmark: ``rank()`` for one mentee among many mentors, and ``batch()`` for a waiting list,
next to scipy's ``linear_sum_assignment`` alone on the same slot matrix (see bench/README.md, "Matching").

Synthetic records from a fixed seed (the same population every run). Prints one JSON object per line on stdout;
``run.py`` runs this file as a child process and passes its lines on.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scipy.optimize import linear_sum_assignment  # noqa: E402

from mentornet.matching.engine import Mentee, Mentor, Rules, batch, rank, solve  # noqa: E402

SEED = 2025
BRANCH = 1  # the programme's branch; mentors come from 3 branches
LANGUAGES = list(range(1, 31))  # 1 Danish, 2 English, then 28 more
NEEDS = list(range(1, 18))  # needs ↔ competences
FIELDS = list(range(1, 18))  # education wishes ↔ fields
INTERESTS = list(range(1, 17))
AREAS = [f"Område {k}" for k in range(1, 21)]
MUNICIPALITIES = [f"Kommune {k}" for k in range(1, 9)]
TOP2_MENTORS = 10_000
TOP2_RUNS = 50
BATCH_MENTEES = 2_000
BATCH_MENTORS = 1_500
GROWTH = (500, 1_000, 2_000, 5_000)
REPEATS = 3


def emit(record: dict[str, Any]) -> None:
    print(json.dumps(record), flush=True)


def _some(rng: random.Random, pool: list[int], low: int, high: int) -> frozenset[int]:
    return frozenset(rng.sample(pool, rng.randint(low, high)))


def _languages(rng: random.Random, danish: float) -> frozenset[int]:
    spoken = {1} if rng.random() < danish else set()
    if rng.random() < 0.5:
        spoken.add(2)
    # Other languages: a few common ones (Arabic, Polish, ...) and a long tail.
    spoken.update(rng.choices(LANGUAGES[2:], weights=[1 / k for k in range(1, 29)], k=rng.randint(0, 2)))
    return frozenset(spoken or {2})


def _place(rng: random.Random) -> tuple[str, str]:
    area = rng.randrange(len(AREAS))
    return AREAS[area], MUNICIPALITIES[area % len(MUNICIPALITIES)]


def make_mentors(count: int, rng: random.Random, first_id: int = 1) -> list[Mentor]:
    mentors = []
    for number in range(count):
        capacity = rng.choices((1, 2, 3), weights=(50, 35, 15))[0]
        area, municipality = _place(rng)
        branch = BRANCH if rng.random() < 0.7 else rng.choice((2, 3))
        reserved_age = rng.random() < 0.1
        mentors.append(
            Mentor(
                id=first_id + number,
                branch_id=branch,
                other_branches=branch != BRANCH and rng.random() < 0.3,
                active=rng.random() < 0.92,
                course_completed=rng.random() < 0.85,
                free_slots=capacity - (1 if rng.random() < 0.2 else 0),
                languages=_languages(rng, danish=0.95),
                gender=rng.choices(("female", "male", "other", ""), weights=(60, 36, 1, 3))[0],
                age=rng.randint(20, 80) if rng.random() < 0.95 else None,
                mentee_min_age=rng.randint(18, 25) if reserved_age else None,
                mentee_max_age=rng.randint(30, 60) if reserved_age else None,
                mentee_gender_wish="female" if rng.random() < 0.1 else "",
                competences=_some(rng, NEEDS, 1, 6),
                fields=_some(rng, FIELDS, 1, 3),
                interests=_some(rng, INTERESTS, 0, 5),
                area=area,
                municipality=municipality,
                availability=rng.randint(1, 7),
                mentor_type=rng.choice(("business", "social", "both")),
                background=rng.choices(("danish", "minority", ""), weights=(70, 20, 10))[0],
            )
        )
    return mentors


def make_mentees(count: int, rng: random.Random, first_id: int = 1) -> list[Mentee]:
    mentees = []
    for number in range(count):
        area, municipality = _place(rng)
        gender_wish = rng.choices(("", "female", "male"), weights=(75, 20, 5))[0]
        background_wish = rng.choices(("", "same", "danish", "minority"), weights=(90, 4, 3, 3))[0]
        mentees.append(
            Mentee(
                id=first_id + number,
                branch_id=BRANCH,
                languages=_languages(rng, danish=0.75) if rng.random() < 0.95 else frozenset(),
                gender=rng.choices(("female", "male", ""), weights=(62, 36, 2))[0],
                age=rng.randint(16, 70) if rng.random() < 0.97 else None,
                needs=_some(rng, NEEDS, 0, 4),
                education_wishes=_some(rng, FIELDS, 0, 2),
                interests=_some(rng, INTERESTS, 0, 4),
                area=area if rng.random() < 0.9 else "",
                municipality=municipality,
                availability=rng.randint(0, 7),
                mentor_type_need=rng.choice(("", "business", "social", "both")),
                mentor_gender_wish=gender_wish,
                mentor_gender_required=bool(gender_wish) and rng.random() < 0.25,
                background=rng.choice(("danish", "minority")) if background_wish == "same" else "",
                background_wish=background_wish,
                wait_days=rng.randint(0, 400),
            )
        )
    return mentees


def bench_top2(rules: Rules) -> None:
    rng = random.Random(SEED)
    mentors = make_mentors(TOP2_MENTORS, rng)
    mentees = make_mentees(TOP2_RUNS + 5, rng)
    for mentee in mentees[:5]:  # warm-up
        rank(mentee, mentors, rules)
    times = []
    for mentee in mentees[5:]:
        started = time.perf_counter()
        found = rank(mentee, mentors, rules)
        times.append(time.perf_counter() - started)
        if not found.candidates:
            raise SystemExit(f"rank() found no candidate for mentee {mentee.id}")
    times.sort()
    emit(
        {
            "bench": "matching.top2",
            "mentors": TOP2_MENTORS,
            "runs": TOP2_RUNS,
            "median_ms": round(statistics.median(times) * 1000, 2),
            "p95_ms": round(times[round(0.95 * (len(times) - 1))] * 1000, 2),
        }
    )


def population(mentees: int, mentors: int) -> tuple[list[Mentee], list[Mentor]]:
    rng = random.Random(SEED + mentees)
    return make_mentees(mentees, rng), make_mentors(mentors, rng, first_id=100_000)


def measure(mentees: list[Mentee], mentors: list[Mentor], rules: Rules) -> dict[str, float]:
    """Medians of REPEATS runs, after one warm-up run: batch()'s timings, and linear_sum_assignment alone on a
    fresh copy of the same cost matrix (the runs alternate, so that a busy moment hits both alike)."""
    batch(mentees, mentors, rules)  # warm-up: the allocator and the caches reach their steady state
    slots = solve.slots(solve.prepare(mentees, mentors, rules))
    runs: list[dict[str, float]] = []
    for _ in range(REPEATS):
        result = batch(mentees, mentors, rules)
        if not any(pair.first for pair in result.pairs):
            raise SystemExit("batch() assigned no one")
        matrix = slots.cost.copy()
        started = time.perf_counter()
        linear_sum_assignment(matrix)
        runs.append({**result.timings, "solver": time.perf_counter() - started})
        del matrix
    found = {name: statistics.median(run[name] for run in runs) for name in runs[0]}
    found["slots"] = slots.mentor.size
    return found


def bench_batch(rules: Rules) -> None:
    mentees, mentors = population(BATCH_MENTEES, BATCH_MENTORS)
    found = measure(mentees, mentors, rules)
    tracemalloc.start()  # a separate run: tracing slows allocations down
    batch(mentees, mentors, rules)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    emit(
        {
            "bench": "matching.batch",
            "mentees": BATCH_MENTEES,
            "mentors": BATCH_MENTORS,
            "slots": int(found["slots"]),
            **{f"{name}_s": round(found[name], 4) for name in ("encode", "score", "assign", "second", "total")},
            "solver_s": round(found["solver"], 4),
            "ratio_to_solver": round(found["total"] / found["solver"], 2),
            "peak_mb": round(peak / 2**20, 1),
        }
    )


def bench_growth(rules: Rules) -> None:
    for size in GROWTH:
        mentees, mentors = population(size, round(0.75 * size))
        found = measure(mentees, mentors, rules)
        emit(
            {
                "bench": "matching.batch_growth",
                "mentees": size,
                "mentors": len(mentors),
                "slots": int(found["slots"]),
                "total_s": round(found["total"], 4),
                "solver_s": round(found["solver"], 4),
            }
        )


def main() -> int:
    rules = Rules(branch_id=BRANCH)
    bench_top2(rules)
    bench_batch(rules)
    bench_growth(rules)
    return 0


if __name__ == "__main__":
    sys.exit(main())
