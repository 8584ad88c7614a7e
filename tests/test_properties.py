"""Properties of scoring that hold for any set of answers, not just the shipped ones."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from pic.core.load import DataTree, builtin_root
from pic.core.model import Finding, Profile, Source
from pic.core.score import find_gaps, score_profile

TREE = DataTree(builtin_root())
PIC = TREE.framework("pic")
IDS = list(PIC.criteria)

answers = st.lists(st.sampled_from(["yes", "no", "unknown"]), min_size=len(IDS), max_size=len(IDS))


def profile_from(values: list[str]) -> Profile:
    findings = {cid: Finding(cid, a, note="generated") for cid, a in zip(IDS, values)}
    return Profile("mississippi", 2019, "pic", Source("generated"), None, findings)


@given(answers)
@settings(max_examples=200, deadline=None)
def test_any_answers_score_between_zero_and_the_maximum(values):
    card = score_profile(PIC, profile_from(values))
    assert 0 <= card.score <= 102.5
    assert card.score + sum(g.points for g in find_gaps(PIC, profile_from(values))) == 102.5
    assert card.score <= card.best_possible <= 102.5
    for s in card.sections:
        assert 0 <= s.score <= s.max


@given(answers, st.integers(min_value=0, max_value=len(IDS) - 1))
@settings(max_examples=200, deadline=None)
def test_turning_a_no_into_a_yes_never_lowers_the_score(values, index):
    before = score_profile(PIC, profile_from(values))
    changed = list(values)
    changed[index] = "yes"
    after = score_profile(PIC, profile_from(changed))
    assert after.score >= before.score
    if values[index] != "yes":
        assert after.score == before.score + PIC.criteria[IDS[index]].points


@given(answers)
@settings(max_examples=200, deadline=None)
def test_the_grade_always_follows_the_scale(values):
    card = score_profile(PIC, profile_from(values))
    expected = "A" if card.score >= 90 else "B" if card.score >= 80 else "C" if card.score >= 70 else "D" if card.score >= 60 else "F"
    assert card.grade == expected


@given(st.floats(min_value=0, max_value=102.5, allow_nan=False))
def test_grade_for_is_monotonic(score):
    order = "ABCDF"
    lower = PIC.grade_for(max(0.0, score - 5))
    assert order.index(PIC.grade_for(score)) <= order.index(lower)


def test_unknown_answers_score_as_not_met_and_raise_the_best_possible():
    values = ["yes"] * len(IDS)
    values[0] = "unknown"
    card = score_profile(PIC, profile_from(values))
    assert card.score == 102.5 - PIC.criteria[IDS[0]].points
    assert card.best_possible == 102.5
    assert card.unknown == (IDS[0],)


def test_same_answers_same_points_whatever_the_state():
    values = ["yes", "no"] * (len(IDS) // 2) + ["yes"] * (len(IDS) % 2)
    a = profile_from(values)
    b = dataclasses.replace(a, jurisdiction="texas")
    assert score_profile(PIC, a).score == score_profile(PIC, b).score
