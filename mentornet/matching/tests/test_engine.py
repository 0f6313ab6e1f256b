"""The matching engine on its own: plain records in, rankings and assignments out (no database, no Django).

Besides hand-made cases for every constraint and criterion, property tests compare the engine with a plain-Python
reading of the rules written here, independently of the engine's numpy code: the constraints, the scores and a
brute force over every assignment of small waiting lists.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentornet.matching.engine import (
    CONSTRAINTS,
    CRITERIA,
    DEFAULT_WEIGHTS,
    Candidate,
    Mentee,
    Mentor,
    Pair,
    Rules,
    batch,
    rank,
)

BRANCH = 1


def make_mentor(id: int = 1, **overrides) -> Mentor:
    """A mentor who passes every constraint for ``make_mentee()`` and shares nothing else with her."""
    fields: dict[str, Any] = {"branch_id": BRANCH, "languages": frozenset({1}), "free_slots": 1} | overrides
    return Mentor(id=id, **fields)


def make_mentee(id: int = 100, **overrides) -> Mentee:
    fields: dict[str, Any] = {"branch_id": BRANCH, "languages": frozenset({1})} | overrides
    return Mentee(id=id, **fields)


def make_rules(**overrides) -> Rules:
    return Rules(branch_id=BRANCH, **overrides)


def only(criterion: str, weight: float = 10.0) -> Rules:
    """Rules that weigh a single criterion."""
    return make_rules(weights={name: (weight if name == criterion else 0.0) for name in CRITERIA})


def ranked_ids(mentee: Mentee, mentors: list[Mentor], rules: Rules | None = None, n: int | None = 10) -> list[int]:
    return [candidate.mentor_id for candidate in rank(mentee, mentors, rules or make_rules(), n=n).candidates]


def mentor_id(candidate: Candidate | None) -> int | None:
    return candidate.mentor_id if candidate else None


def reason(mentee: Mentee, mentor: Mentor, criterion: str):
    """The single reason when only ``criterion`` is weighed (None when it scores 0)."""
    candidates = rank(mentee, [mentor], only(criterion)).candidates
    assert len(candidates) == 1
    reasons = candidates[0].reasons
    assert len(reasons) <= 1
    return reasons[0] if reasons else None


# --- Hard constraints -------------------------------------------------------------------------------------------


def test_bob_passes_every_constraint_by_default():
    ranking = rank(make_mentee(), [make_mentor()], make_rules())
    assert ranking.eligible == 1
    assert ranking.excluded == dict.fromkeys(CONSTRAINTS, 0)
    assert [candidate.mentor_id for candidate in ranking.candidates] == [1]


@pytest.mark.parametrize(
    ("constraint", "mentee", "mentor"),
    [
        ("excluded", {"excluded_mentors": frozenset({1})}, {}),
        ("not_active", {}, {"active": False}),
        ("course", {}, {"course_completed": False}),
        ("branch", {}, {"branch_id": 2}),
        ("capacity", {}, {"free_slots": 0}),
        ("language", {"languages": frozenset({1})}, {"languages": frozenset({2})}),
        ("language", {"languages": frozenset({1})}, {"languages": frozenset()}),
        ("gender_required", {"mentor_gender_wish": "female", "mentor_gender_required": True}, {"gender": "male"}),
        ("gender_required", {"mentor_gender_wish": "female", "mentor_gender_required": True}, {"gender": ""}),
        ("mentor_gender", {"gender": "male"}, {"mentee_gender_wish": "female"}),
        ("mentor_gender", {"gender": ""}, {"mentee_gender_wish": "female"}),
        ("mentor_age", {"age": 19}, {"mentee_min_age": 20}),
        ("mentor_age", {"age": 41}, {"mentee_max_age": 40}),
    ],
)
def test_it_never_proposes_a_mentor_who_fails_a_constraint(constraint, mentee, mentor):
    ranking = rank(make_mentee(**mentee), [make_mentor(**mentor)], make_rules())
    assert ranking.candidates == ()
    assert ranking.eligible == 0
    assert ranking.excluded == dict.fromkeys(CONSTRAINTS, 0) | {constraint: 1}
    assert batch([make_mentee(**mentee)], [make_mentor(**mentor)], make_rules()).pairs[0].first is None


@pytest.mark.parametrize(
    ("mentee", "mentor", "rules"),
    [
        ({}, {"course_completed": False}, {"course_required": False}),
        ({}, {"branch_id": 2, "other_branches": True}, {}),
        ({"languages": frozenset()}, {"languages": frozenset({2})}, {}),
        ({"languages": frozenset({1, 3})}, {"languages": frozenset({3})}, {}),
        ({"mentor_gender_wish": "female", "mentor_gender_required": True}, {"gender": "female"}, {}),
        ({"mentor_gender_wish": "female"}, {"gender": "male"}, {}),  # a wish, not a must
        ({"mentor_gender_required": True}, {"gender": "male"}, {}),  # a must without a wish
        ({"gender": "female"}, {"mentee_gender_wish": "female"}, {}),
        ({"age": 20}, {"mentee_min_age": 20, "mentee_max_age": 20}, {}),  # both limits are inclusive
        ({"age": None}, {"mentee_min_age": 30}, {}),  # an unknown age is not checked
        ({"excluded_mentors": frozenset({2})}, {}, {}),
    ],
)
def test_it_accepts_a_mentor_within_the_rules(mentee, mentor, rules):
    assert rank(make_mentee(**mentee), [make_mentor(**mentor)], make_rules(**rules)).eligible == 1


def test_each_excluded_mentor_is_counted_once_under_the_first_constraint_it_fails():
    mentee = make_mentee(excluded_mentors=frozenset({1}), age=19)
    mentors = [
        make_mentor(1, active=False),  # excluded and inactive: excluded
        make_mentor(2, active=False, branch_id=2, free_slots=0),  # not_active
        make_mentor(3, course_completed=False, free_slots=0),  # course
        make_mentor(4, free_slots=0, languages=frozenset({9})),  # capacity
        make_mentor(5, languages=frozenset({9}), mentee_min_age=20),  # language
        make_mentor(6, mentee_min_age=20),  # mentor_age
        make_mentor(7),
    ]
    ranking = rank(mentee, mentors, make_rules())
    assert ranking.excluded == {
        "excluded": 1,
        "not_active": 1,
        "course": 1,
        "branch": 0,
        "capacity": 1,
        "language": 1,
        "gender_required": 0,
        "mentor_gender": 0,
        "mentor_age": 1,
    }
    assert list(ranking.excluded) == list(CONSTRAINTS)
    assert ranking.eligible == 1
    assert ranked_ids(mentee, mentors) == [7]


# --- Soft criteria ----------------------------------------------------------------------------------------------


def test_needs_score_the_share_the_mentor_can_help_with():
    found = reason(make_mentee(needs=frozenset({1, 2, 3, 4})), make_mentor(competences=frozenset({4, 2, 9})), "needs")
    assert (found.share, found.points, found.matched) == (0.5, 5.0, (2, 4))


def test_education_wishes_score_the_share_of_matching_fields():
    mentee = make_mentee(education_wishes=frozenset({5, 6, 7}))
    found = reason(mentee, make_mentor(fields=frozenset({7})), "education")
    assert found.share == pytest.approx(1 / 3)
    assert found.matched == (7,)


def test_shared_interests_count_against_the_smaller_set():
    mentee = make_mentee(interests=frozenset({1, 2}))
    found = reason(mentee, make_mentor(interests=frozenset({2, 3, 4, 5, 6})), "interests")
    assert (found.share, found.matched) == (0.5, (2,))
    assert reason(make_mentee(interests=frozenset()), make_mentor(interests=frozenset({1})), "interests") is None


def test_needs_without_any_needs_score_nothing():
    assert reason(make_mentee(), make_mentor(competences=frozenset({1})), "needs") is None


def test_a_smaller_age_difference_scores_higher():
    found = reason(make_mentee(age=30), make_mentor(age=42), "age")
    assert found.share == pytest.approx(1 - 12 / 40)
    assert found.detail == "12"
    assert reason(make_mentee(age=20), make_mentor(age=70), "age") is None
    assert reason(make_mentee(age=None), make_mentor(age=30), "age") is None
    assert reason(make_mentee(age=30), make_mentor(age=None), "age") is None


def test_the_same_area_scores_higher_than_the_same_municipality():
    mentee = make_mentee(area="Nørrebro", municipality="København")
    same_area = reason(mentee, make_mentor(area="nørrebro", municipality="Frederiksberg"), "geography")
    same_municipality = reason(mentee, make_mentor(area="Amager", municipality="københavn"), "geography")
    assert (same_area.share, same_area.detail) == (1.0, "same_area")
    assert (same_municipality.share, same_municipality.detail) == (0.6, "same_municipality")
    assert reason(make_mentee(), make_mentor(), "geography") is None  # empty areas never match


def test_availability_scores_the_share_of_the_mentees_times_the_mentor_has():
    found = reason(make_mentee(availability=1 | 2 | 4), make_mentor(availability=2 | 4), "availability")
    assert found.share == pytest.approx(2 / 3)
    assert found.matched == (2, 4)
    assert reason(make_mentee(availability=0), make_mentor(availability=7), "availability") is None


@pytest.mark.parametrize(
    ("need", "mentor_type", "share"),
    [("business", "business", 1.0), ("business", "both", 1.0), ("business", "social", 0.0), ("", "both", 0.0)],
)
def test_the_mentor_type_fits_the_need(need, mentor_type, share):
    found = reason(make_mentee(mentor_type_need=need), make_mentor(mentor_type=mentor_type), "mentor_type")
    assert (found.share if found else 0.0) == share


def test_a_gender_wish_that_is_not_a_must_scores():
    assert reason(make_mentee(mentor_gender_wish="female"), make_mentor(gender="female"), "gender").share == 1.0
    assert reason(make_mentee(mentor_gender_wish="female"), make_mentor(gender="male"), "gender") is None
    required = make_mentee(mentor_gender_wish="female", mentor_gender_required=True)
    assert reason(required, make_mentor(gender="female"), "gender") is None  # a must is a constraint instead
    assert reason(make_mentee(), make_mentor(gender="female"), "gender") is None


@pytest.mark.parametrize(
    ("mentee", "mentor", "share"),
    [
        ({"background_wish": "same", "background": "minority"}, "minority", 1.0),
        ({"background_wish": "same", "background": "minority"}, "danish", 0.0),
        ({"background_wish": "same", "background": ""}, "", 0.0),
        ({"background_wish": "danish"}, "danish", 1.0),
        ({"background_wish": "minority"}, "danish", 0.0),
        ({"background_wish": ""}, "danish", 0.0),
    ],
)
def test_background_counts_only_as_the_mentee_wishes(mentee, mentor, share):
    found = reason(make_mentee(**mentee), make_mentor(background=mentor), "background")
    assert (found.share if found else 0.0) == share
    if found:
        assert found.detail == mentee["background_wish"]


def test_the_score_is_the_weighted_share_of_all_weights_but_waiting():
    mentee = make_mentee(needs=frozenset({1, 2}), mentor_type_need="social", wait_days=400)
    mentor = make_mentor(competences=frozenset({1}), mentor_type="social")
    (candidate,) = rank(mentee, [mentor], make_rules()).candidates
    soft = sum(weight for name, weight in DEFAULT_WEIGHTS.items() if name != "waiting")
    assert candidate.score == round(100 * (25 * 0.5 + 10 * 1.0) / soft, 2)
    assert [(r.criterion, r.points) for r in candidate.reasons] == [("needs", 12.5), ("mentor_type", 10.0)]


def test_reasons_with_equal_points_keep_the_criteria_order():
    mentee = make_mentee(mentor_type_need="social", mentor_gender_wish="female", availability=1)
    mentor = make_mentor(mentor_type="social", gender="female", availability=1)
    (candidate,) = rank(mentee, [mentor], make_rules()).candidates
    assert [r.criterion for r in candidate.reasons] == ["availability", "mentor_type", "gender"]


def test_the_rules_weights_are_checked():
    with pytest.raises(ValueError, match="unknown criteria"):
        rank(make_mentee(), [make_mentor()], make_rules(weights={"needz": 1.0}))
    with pytest.raises(ValueError, match="finite and >= 0"):
        batch([make_mentee()], [make_mentor()], make_rules(weights={"needs": -1.0}))


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="duplicate mentor ids"):
        rank(make_mentee(), [make_mentor(1), make_mentor(1, free_slots=2)], make_rules())
    with pytest.raises(ValueError, match="duplicate mentee ids"):
        batch([make_mentee(5), make_mentee(5)], [make_mentor()], make_rules())


# --- Ranking ----------------------------------------------------------------------------------------------------


def test_equal_scores_are_ordered_by_mentor_id():
    mentors = [make_mentor(id, competences=frozenset({1})) for id in (9, 3, 7, 5)]
    assert ranked_ids(make_mentee(needs=frozenset({1})), mentors) == [3, 5, 7, 9]


def test_it_returns_the_best_first_and_the_programmes_top_n_by_default():
    mentee = make_mentee(needs=frozenset({1, 2, 3, 4}))
    mentors = [make_mentor(id, competences=frozenset(range(1, id + 1))) for id in (1, 2, 3, 4)]
    assert ranked_ids(mentee, mentors, n=None) == [4, 3]
    assert ranked_ids(mentee, mentors, make_rules(top_n=3), n=None) == [4, 3, 2]
    assert ranked_ids(mentee, mentors, n=1) == [4]
    assert ranked_ids(mentee, mentors, n=0) == []
    scores = [candidate.score for candidate in rank(mentee, mentors, make_rules(), n=4).candidates]
    assert scores == sorted(scores, reverse=True)


def test_waiting_time_does_not_change_a_ranking():
    mentors = [make_mentor(1), make_mentor(2, competences=frozenset({1}))]
    short, long = make_mentee(needs=frozenset({1})), make_mentee(needs=frozenset({1}), wait_days=365)
    assert rank(short, mentors, make_rules()).candidates == rank(long, mentors, make_rules()).candidates


# --- Batch ------------------------------------------------------------------------------------------------------


def test_the_batch_maximises_the_total_rather_than_serving_the_first_mentee_best():
    # Anna's best mentor is Bob, but she does nearly as well with Carl; Dina can only use Bob.
    anna = make_mentee(1, needs=frozenset({1, 2, 3, 4}))
    dina = make_mentee(2, needs=frozenset({1, 2, 3, 4}), languages=frozenset({2}))
    bob = make_mentor(10, competences=frozenset({1, 2, 3, 4}), languages=frozenset({1, 2}))
    carl = make_mentor(11, competences=frozenset({1, 2, 3}))
    result = batch([anna, dina], [bob, carl], make_rules())
    assert [(pair.mentee_id, mentor_id(pair.first)) for pair in result.pairs] == [(1, 11), (2, 10)]
    assert result.total == pytest.approx(sum(pair.first.score for pair in result.pairs if pair.first), abs=0.01)


def test_it_prefers_a_higher_total_to_more_pairs():
    # Bob suits Anna far better than Carl does; Dina can only use Bob, and he cannot help with her need. Bob to Anna
    # (and no one to Dina) scores more than Carl to Anna and Bob to Dina.
    anna = make_mentee(1, needs=frozenset({1, 2}))
    dina = make_mentee(2, needs=frozenset({3}), languages=frozenset({2}))
    bob = make_mentor(10, competences=frozenset({1, 2}), languages=frozenset({1, 2}))
    carl = make_mentor(11)
    result = batch([anna, dina], [bob, carl], make_rules())
    assert mentor_id(result.pairs[0].first) == 10
    assert result.pairs[1].first is None


def test_the_longer_waiting_mentee_gets_the_only_slot():
    result = batch([make_mentee(1, wait_days=30), make_mentee(2, wait_days=200)], [make_mentor(10)], make_rules())
    assert [mentor_id(pair.first) for pair in result.pairs] == [None, 10]
    assert result.total == pytest.approx(100 * 10 * 1.0 / 100)  # nothing in common: only the waiting bonus
    result = batch([make_mentee(1, wait_days=200), make_mentee(2, wait_days=30)], [make_mentor(10)], make_rules())
    assert [mentor_id(pair.first) for pair in result.pairs] == [10, None]


def test_a_scarce_mentor_is_not_offered_as_second_when_its_only_slot_is_taken():
    anna, dina = make_mentee(1, needs=frozenset({1})), make_mentee(2, needs=frozenset({1}))
    bob = make_mentor(10, competences=frozenset({1}))  # everyone's favourite, one slot
    carl = make_mentor(11, free_slots=2)
    result = batch([anna, dina], [bob, carl], make_rules())
    assert sorted(mentor_id(pair.first) or 0 for pair in result.pairs) == [10, 11]
    for pair in result.pairs:
        if mentor_id(pair.first) == 10:
            assert mentor_id(pair.second) == 11  # Carl's left-over slot
        else:
            assert pair.second is None  # not Bob: his only slot went to the other mentee


@pytest.mark.parametrize(("anna_waits", "dina_waits", "gets_it"), [(10, 90, 2), (90, 10, 1), (50, 50, 1)])
def test_left_over_slots_go_to_the_longest_wait_first(anna_waits, dina_waits, gets_it):
    anna = make_mentee(1, needs=frozenset({1}), wait_days=anna_waits)
    dina = make_mentee(2, needs=frozenset({1}), wait_days=dina_waits)
    bob, carl = make_mentor(10, competences=frozenset({1})), make_mentor(11, competences=frozenset({1}))
    erik = make_mentor(12)  # the one slot left after the assignment
    result = batch([anna, dina], [bob, carl, erik], make_rules())
    assert sorted(mentor_id(pair.first) or 0 for pair in result.pairs) == [10, 11]
    seconds = {pair.mentee_id: mentor_id(pair.second) for pair in result.pairs}
    assert seconds == {gets_it: 12, 3 - gets_it: None}  # ties in waiting time: the lower mentee id


def test_a_mentee_without_a_feasible_mentor_gets_nothing_and_pairs_keep_the_input_order():
    mentees = [make_mentee(3), make_mentee(1, languages=frozenset({7})), make_mentee(2)]
    result = batch(mentees, [make_mentor(10, free_slots=3)], make_rules())
    assert [pair.mentee_id for pair in result.pairs] == [3, 1, 2]
    assert result.pairs[1].first is None and result.pairs[1].second is None
    assert mentor_id(result.pairs[0].first) == mentor_id(result.pairs[2].first) == 10


def test_a_batch_candidate_is_the_same_as_in_a_ranking():
    mentee = make_mentee(needs=frozenset({1, 2, 3}), age=33, area="Vesterbro", availability=3, interests={4})
    mentor = make_mentor(competences=frozenset({2, 3}), age=58, area="vesterbro", availability=6, interests={4, 5})
    (ranked,) = rank(mentee, [mentor], make_rules()).candidates
    assert batch([mentee], [mentor], make_rules()).pairs[0].first == ranked


def test_the_batch_reports_progress_and_timings():
    shares: list[float] = []
    result = batch([make_mentee()], [make_mentor()], make_rules(), progress=shares.append)
    assert shares[0] == 0.0 and shares[-1] == 1.0
    assert all(a <= b for a, b in pairwise(shares))
    assert set(result.timings) == {"encode", "score", "assign", "second", "total"}


def test_an_empty_batch_is_empty():
    for result in (batch([], [make_mentor()], make_rules()), batch([], [], make_rules())):
        assert (result.pairs, result.total) == ((), 0.0)
    assert batch([make_mentee()], [], make_rules()).pairs == (Pair(mentee_id=100, first=None, second=None),)


# --- Properties against a plain-Python reading of the rules -------------------------------------------------------


def first_failure(mentee: Mentee, mentor: Mentor, rules: Rules) -> str | None:
    """The first constraint the pair fails, from the issue's wording."""
    checks = {
        "excluded": mentor.id in mentee.excluded_mentors,
        "not_active": not mentor.active,
        "course": rules.course_required and not mentor.course_completed,
        "branch": mentor.branch_id != rules.branch_id and not mentor.other_branches,
        "capacity": mentor.free_slots <= 0,
        "language": bool(mentee.languages) and not mentee.languages & mentor.languages,
        "gender_required": mentee.mentor_gender_required
        and bool(mentee.mentor_gender_wish)
        and mentor.gender != mentee.mentor_gender_wish,
        "mentor_gender": bool(mentor.mentee_gender_wish) and mentee.gender != mentor.mentee_gender_wish,
        "mentor_age": mentee.age is not None
        and (
            (mentor.mentee_min_age is not None and mentee.age < mentor.mentee_min_age)
            or (mentor.mentee_max_age is not None and mentee.age > mentor.mentee_max_age)
        ),
    }
    return next((name for name in CONSTRAINTS if checks[name]), None)


def expected_shares(mentee: Mentee, mentor: Mentor) -> dict[str, float]:
    def covered(wanted: frozenset[int], offered: frozenset[int]) -> float:
        return len(wanted & offered) / len(wanted) if wanted else 0.0

    smaller = min(len(mentee.interests), len(mentor.interests))
    same_area = mentee.area != "" and mentee.area.casefold() == mentor.area.casefold()
    same_town = mentee.municipality != "" and mentee.municipality.casefold() == mentor.municipality.casefold()
    wish = mentee.background_wish
    return {
        "needs": covered(mentee.needs, mentor.competences),
        "education": covered(mentee.education_wishes, mentor.fields),
        "interests": len(mentee.interests & mentor.interests) / smaller if smaller else 0.0,
        "age": max(0.0, 1 - abs(mentee.age - mentor.age) / 40)
        if mentee.age is not None and mentor.age is not None
        else 0.0,
        "geography": 1.0 if same_area else 0.6 if same_town else 0.0,
        "availability": covered(
            frozenset(b for b in (1, 2, 4) if mentee.availability & b),
            frozenset(b for b in (1, 2, 4) if mentor.availability & b),
        ),
        "mentor_type": float(
            mentee.mentor_type_need != ""
            and (mentor.mentor_type == "both" or mentor.mentor_type == mentee.mentor_type_need)
        ),
        "gender": float(
            mentee.mentor_gender_wish != ""
            and not mentee.mentor_gender_required
            and mentor.gender == mentee.mentor_gender_wish
        ),
        "background": float(
            (wish == "same" and mentee.background != "" and mentee.background == mentor.background)
            or (wish in ("danish", "minority") and mentor.background == wish)
        ),
    }


def expected_score(mentee: Mentee, mentor: Mentor, rules: Rules) -> float:
    weights = {name: rules.weights.get(name, 0.0) for name in CRITERIA}
    soft = sum(weight for name, weight in weights.items() if name != "waiting")
    shares = expected_shares(mentee, mentor)
    return 100 * sum(weights[name] * share for name, share in shares.items()) / soft


def expected_objective(mentee: Mentee, mentor: Mentor, rules: Rules) -> float:
    weights = {name: rules.weights.get(name, 0.0) for name in CRITERIA}
    soft = sum(weight for name, weight in weights.items() if name != "waiting")
    waiting = min(max(mentee.wait_days, 0) / 180, 1.0)
    return expected_score(mentee, mentor, rules) + 100 * weights["waiting"] * waiting / soft


def brute_force_total(mentees: list[Mentee], mentors: list[Mentor], rules: Rules) -> float:
    """The best total over every assignment (each mentee gets a feasible mentor with a free slot, or none)."""
    options = [
        [
            (mentor, expected_objective(mentee, mentor, rules))
            for mentor in mentors
            if not first_failure(mentee, mentor, rules)
        ]
        for mentee in mentees
    ]
    left = {mentor.id: mentor.free_slots for mentor in mentors}

    def best(index: int) -> float:
        if index == len(mentees):
            return 0.0
        found = best(index + 1)  # this mentee gets no one
        for mentor, value in options[index]:
            if left[mentor.id] > 0:
                left[mentor.id] -= 1
                found = max(found, value + best(index + 1))
                left[mentor.id] += 1
        return found

    return best(0)


# Small pools, and rare failures, so that pairs overlap, compete and are mostly feasible.
genders = st.sampled_from(["female", "male", ""])
small_sets = st.frozensets(st.integers(1, 4), max_size=3)
ages = st.one_of(st.integers(16, 70), st.none())
places = st.sampled_from(["Nørrebro", "nørrebro", "Amager", ""])
towns = st.sampled_from(["København", "Aarhus", ""])
some_slots = st.integers(0, 2)


def mostly(usual, *rare):
    """``usual`` four times in five."""
    return st.sampled_from([usual] * 4 * len(rare) + list(rare))


@st.composite
def mentor_records(draw, id: int, slots: st.SearchStrategy[int] = some_slots) -> Mentor:
    return Mentor(
        id=id,
        branch_id=draw(mostly(BRANCH, 2)),
        other_branches=draw(st.booleans()),
        active=draw(mostly(True, False)),
        course_completed=draw(mostly(True, False)),
        free_slots=draw(slots),
        languages=draw(st.frozensets(st.integers(1, 3), min_size=1, max_size=2)),
        gender=draw(genders),
        age=draw(ages),
        mentee_min_age=draw(mostly(None, 18, 25)),
        mentee_max_age=draw(mostly(None, 40, 60)),
        mentee_gender_wish=draw(mostly("", "female")),
        competences=draw(small_sets),
        fields=draw(small_sets),
        interests=draw(small_sets),
        area=draw(places),
        municipality=draw(towns),
        availability=draw(st.integers(0, 7)),
        mentor_type=draw(st.sampled_from(["business", "social", "both"])),
        background=draw(st.sampled_from(["danish", "minority", ""])),
    )


@st.composite
def mentee_records(draw, id: int, mentor_ids: list[int]) -> Mentee:
    wish = draw(mostly("", "female", "male"))
    return Mentee(
        id=id,
        branch_id=BRANCH,
        languages=draw(st.frozensets(st.integers(1, 3), max_size=2)),
        gender=draw(genders),
        age=draw(ages),
        needs=draw(small_sets),
        education_wishes=draw(small_sets),
        interests=draw(small_sets),
        area=draw(places),
        municipality=draw(towns),
        availability=draw(st.integers(0, 7)),
        mentor_type_need=draw(st.sampled_from(["", "business", "social", "both"])),
        mentor_gender_wish=wish,
        mentor_gender_required=draw(mostly(False, True)) if wish else False,
        background=draw(st.sampled_from(["danish", "minority", ""])),
        background_wish=draw(mostly("", "same", "danish", "minority")),
        wait_days=draw(st.integers(0, 400)),
        excluded_mentors=draw(st.frozensets(st.sampled_from(mentor_ids), max_size=1)) if mentor_ids else frozenset(),
    )


@st.composite
def populations(draw, max_mentees: int = 6, max_mentors: int = 6, slots: st.SearchStrategy[int] = some_slots):
    mentor_ids = draw(st.lists(st.integers(1, 50), min_size=1, max_size=max_mentors, unique=True))
    mentors = [draw(mentor_records(id, slots)) for id in mentor_ids]
    mentee_ids = draw(st.lists(st.integers(100, 150), min_size=1, max_size=max_mentees, unique=True))
    mentees = [draw(mentee_records(id, mentor_ids)) for id in mentee_ids]
    weights = draw(
        st.one_of(
            st.just(dict(DEFAULT_WEIGHTS)),
            st.fixed_dictionaries({name: st.sampled_from([0.0, 1.0, 5.0, 20.0]) for name in CRITERIA}).filter(
                lambda found: any(weight for name, weight in found.items() if name != "waiting")
            ),
        )
    )
    rules = Rules(branch_id=BRANCH, course_required=draw(st.booleans()), weights=weights, top_n=draw(st.integers(1, 3)))
    return mentees, mentors, rules


#: Modest example counts keep this file at a few seconds; raise them locally when changing the engine.
PROPERTY = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(populations())
def test_rankings_keep_every_constraint_and_score_as_the_rules_say(population):
    mentees, mentors, rules = population
    for mentee in mentees:
        ranking = rank(mentee, mentors, rules)
        failures = Counter(first_failure(mentee, mentor, rules) for mentor in mentors)
        assert ranking.eligible == failures[None]
        assert ranking.excluded == {name: failures[name] for name in CONSTRAINTS}
        assert len(ranking.candidates) == min(rules.top_n, failures[None])
        by_id = {mentor.id: mentor for mentor in mentors}
        for candidate in ranking.candidates:
            mentor = by_id[candidate.mentor_id]
            assert first_failure(mentee, mentor, rules) is None
            assert candidate.score == pytest.approx(expected_score(mentee, mentor, rules), abs=0.005 + 1e-9)
        keys = [(-candidate.score, candidate.mentor_id) for candidate in ranking.candidates]
        assert keys == sorted(keys)


@PROPERTY
@given(populations())
def test_a_batch_keeps_every_constraint_and_every_capacity(population):
    mentees, mentors, rules = population
    result = batch(mentees, mentors, rules)
    assert [pair.mentee_id for pair in result.pairs] == [mentee.id for mentee in mentees]
    by_id = {mentor.id: mentor for mentor in mentors}
    taken: Counter[int] = Counter()
    for mentee, pair in zip(mentees, result.pairs, strict=True):
        for candidate in (pair.first, pair.second):
            if candidate is not None:
                assert first_failure(mentee, by_id[candidate.mentor_id], rules) is None
                taken[candidate.mentor_id] += 1
        if pair.second is not None:
            assert pair.first is not None and pair.second.mentor_id != pair.first.mentor_id
    for mentor_id, count in taken.items():
        assert count <= by_id[mentor_id].free_slots


@PROPERTY
@given(populations(max_mentees=5, max_mentors=4, slots=st.integers(1, 2)))
def test_a_batch_total_is_the_best_total_of_any_assignment(population):
    mentees, mentors, rules = population
    result = batch(mentees, mentors, rules)
    assert result.total == pytest.approx(brute_force_total(mentees, mentors, rules), abs=1e-6)
    firsts = [
        expected_objective(mentee, next(m for m in mentors if m.id == pair.first.mentor_id), rules)
        for mentee, pair in zip(mentees, result.pairs, strict=True)
        if pair.first is not None
    ]
    assert result.total == pytest.approx(math.fsum(firsts), abs=1e-6)


@settings(PROPERTY, max_examples=30)
@given(populations(), st.randoms(use_true_random=False))
def test_the_same_input_gives_the_same_output_in_any_order(population, shuffler: random.Random):
    mentees, mentors, rules = population
    result = batch(mentees, mentors, rules)
    again = batch(list(mentees), list(mentors), rules)
    assert (again.pairs, again.total) == (result.pairs, result.total)
    shuffled_mentors, shuffled_mentees = list(mentors), list(mentees)
    shuffler.shuffle(shuffled_mentors)
    shuffler.shuffle(shuffled_mentees)
    shuffled = batch(shuffled_mentees, shuffled_mentors, rules)
    assert shuffled.total == result.total
    assert {pair.mentee_id: pair for pair in shuffled.pairs} == {pair.mentee_id: pair for pair in result.pairs}
    assert rank(mentees[0], shuffled_mentors, rules) == rank(mentees[0], mentors, rules)
