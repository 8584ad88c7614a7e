"""Properties of scoring under pic's own split (its hypothesis, the point estimate) that hold
for any set of answers, not just the shipped ones. Properties of the calibrated scores pic
reports are in tests/test_calibrate.py."""

from __future__ import annotations

import dataclasses

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pic.core.load import DataTree, builtin_root
from pic.core.model import Finding, Profile, Published, SharedLoss, Source
from pic.core.score import find_gaps, gap_report
from pic.core.score import hypothesis_contradictions as contradictions
from pic.core.score import score_hypothesis as score_profile

TREE = DataTree(builtin_root())
PIC = TREE.framework("pic")
IDS = list(PIC.criteria)
TOTAL = sum(c.points for c in PIC.criteria.values())
EPS = 1e-9

answers = st.lists(st.sampled_from(["yes", "no", "unknown"]), min_size=len(IDS), max_size=len(IDS))
known_answers = st.lists(st.sampled_from(["yes", "no"]), min_size=len(IDS), max_size=len(IDS))
coins = st.lists(st.booleans(), min_size=len(IDS), max_size=len(IDS))


def profile_from(values: list[str], published: Published | None = None,
                 shared: tuple[SharedLoss, ...] = ()) -> Profile:
    findings = {cid: Finding(cid, a, note="generated") for cid, a in zip(IDS, values)}  # type: ignore[arg-type]
    return Profile("mississippi", 2019, "pic", Source("generated"), published, findings, shared_losses=shared)


def complete(values: list[str], flips: list[bool]) -> list[str]:
    """One completion: every unknown answered yes or no."""
    return [("yes" if f else "no") if a == "unknown" else a for a, f in zip(values, flips)]


@st.composite
def with_shared_loss(draw, values_strategy=answers):
    """Answers plus one shared loss among criteria answered no in one section."""
    values = list(draw(values_strategy))
    section = draw(st.sampled_from([s for s in PIC.sections if len([k for c in s.components for k in c.criteria]) >= 2]))
    ids = [k.id for c in section.components for k in c.criteria]
    members = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=min(4, len(ids)), unique=True))
    for m in members:
        values[IDS.index(m)] = "no"
    whole = sum(PIC.criteria[m].points for m in members)
    steps = int(whole / 0.5)
    points = draw(st.integers(min_value=1, max_value=steps - 1)) * 0.5
    return values, SharedLoss(tuple(members), points, "generated")


# -- ranges -----------------------------------------------------------------------------------


@given(answers, coins)
@settings(max_examples=200, deadline=None)
def test_the_range_contains_the_score_of_every_completion(values, flips):
    card = score_profile(PIC, profile_from(values))
    done = score_profile(PIC, profile_from(complete(values, flips)))
    assert done.exact and done.score is not None
    assert card.score_min - EPS <= done.score <= card.score_max + EPS
    for s, d in zip(card.sections, done.sections):
        assert s.score_min - EPS <= d.score <= s.score_max + EPS
    assert PIC.grade_rank(card.grade_max) <= PIC.grade_rank(done.grade) <= PIC.grade_rank(card.grade_min)


@given(answers)
@settings(max_examples=100, deadline=None)
def test_the_ends_of_the_range_are_completions(values):
    card = score_profile(PIC, profile_from(values))
    none_met = score_profile(PIC, profile_from([("no" if a == "unknown" else a) for a in values]))
    all_met = score_profile(PIC, profile_from([("yes" if a == "unknown" else a) for a in values]))
    assert abs(card.score_min - none_met.score) <= EPS and abs(card.score_max - all_met.score) <= EPS
    assert card.best_possible == card.score_max
    # An unknown is never silently a zero: a single figure only when nothing is open.
    assert (card.score is None) == bool(card.unknown)


@given(known_answers)
@settings(max_examples=100, deadline=None)
def test_no_unknowns_means_min_equals_max_equals_the_score(values):
    card = score_profile(PIC, profile_from(values))
    assert card.unknown == ()
    assert card.score_min == card.score_max == card.score
    assert card.grade == card.grade_min == card.grade_max == PIC.grade_for(card.score)
    assert abs(card.score + sum(g.hypothesis_max for g in find_gaps(PIC, profile_from(values))) - TOTAL) <= EPS
    for s in card.sections:
        assert s.score_min == s.score_max == s.score and 0 <= s.score <= s.max


@given(with_shared_loss(known_answers))
@settings(max_examples=150, deadline=None)
def test_a_shared_loss_keeps_the_total_exact(drawn):
    values, loss = drawn
    plain = score_profile(PIC, profile_from(values))
    card = score_profile(PIC, profile_from(values, shared=(loss,)))
    whole = sum(PIC.criteria[m].points for m in loss.criteria)
    assert card.exact and card.score is not None
    # The members lose exactly `points` together instead of all their points.
    assert abs(card.score - (plain.score + whole - loss.points)) <= EPS
    section = PIC.criteria[loss.criteria[0]].section_id
    s = next(x for x in card.sections if x.id == section)
    assert s.exact
    lows = sum(card.losses[m][0] for m in loss.criteria)
    highs = sum(card.losses[m][1] for m in loss.criteria)
    assert lows - EPS <= loss.points <= highs + EPS
    for m in loss.criteria:
        lo, hi = card.losses[m]
        assert 0 <= lo <= hi <= PIC.criteria[m].points
    report = gap_report(PIC, card.profile)
    # what the state lacks over the splits the cards allow contains what it lacks under pic's split
    assert report.implied_points_min - EPS <= TOTAL - card.score <= report.implied_points_max + EPS


@given(with_shared_loss(answers), coins)
@settings(max_examples=100, deadline=None)
def test_with_a_shared_loss_the_range_still_contains_every_completion(drawn, flips):
    values, loss = drawn
    card = score_profile(PIC, profile_from(values, shared=(loss,)))
    done = score_profile(PIC, profile_from(complete(values, flips), shared=(loss,)))
    assert card.score_min - EPS <= done.score <= card.score_max + EPS


# -- published figures read against partial findings -------------------------------------------------


@given(known_answers, coins, st.booleans())
@settings(max_examples=150, deadline=None)
def test_the_figures_of_the_truth_never_contradict_a_partial_view_of_it(truth, hide, publish_total):
    """Publish a complete profile's own figures, then hide some answers: nothing contradicts,
    the implied range holds the true score, and every implied answer is the true one."""
    true_card = score_profile(PIC, profile_from(truth))
    published = Published(score=true_card.score if publish_total else None,
                          sections={s.id: s.score for s in true_card.sections if hide[int(s.id)]})
    partial = [("unknown" if h else a) for a, h in zip(truth, hide)]
    profile = profile_from(partial, published)
    card = score_profile(PIC, profile)
    assert contradictions(PIC, profile) == []
    assert card.published_match is not False
    assert card.score_min - EPS <= card.implied_min <= true_card.score <= card.implied_max <= card.score_max + EPS
    for cid, implied in card.implied_answers.items():
        assert truth[IDS.index(cid)] == implied
    for imp in card.implications:
        assert imp.status != "contradiction"
        assert imp.met_points is not None and -EPS <= imp.met_points <= imp.unknown_points + EPS


@given(answers, st.integers(min_value=1, max_value=6), st.floats(min_value=0, max_value=30, allow_nan=False))
@settings(max_examples=150, deadline=None)
def test_a_published_section_outside_the_range_is_always_a_contradiction(values, section, published):
    sid = str(section)
    card = score_profile(PIC, profile_from(values))
    s = next(x for x in card.sections if x.id == sid)
    assume(published < s.score_min - 0.01 or published > s.score_max + 0.01)
    found = contradictions(PIC, profile_from(values, Published(sections={sid: published})))
    assert [c.section_id for c in found] == [sid]


# -- the scale --------------------------------------------------------------------------------------


@given(answers, st.integers(min_value=0, max_value=len(IDS) - 1))
@settings(max_examples=200, deadline=None)
def test_turning_an_answer_into_a_yes_never_lowers_the_range(values, index):
    before = score_profile(PIC, profile_from(values))
    changed = list(values)
    changed[index] = "yes"
    after = score_profile(PIC, profile_from(changed))
    assert after.score_min >= before.score_min - EPS and after.score_max >= before.score_max - EPS
    if values[index] == "no":
        assert abs(after.score_min - before.score_min - PIC.criteria[IDS[index]].points) <= EPS


@given(st.floats(min_value=0, max_value=102.5, allow_nan=False))
def test_grade_for_is_monotonic(score):
    lower = PIC.grade_for(max(0.0, score - 5))
    assert PIC.grade_rank(PIC.grade_for(score)) <= PIC.grade_rank(lower)


def test_unknown_answers_are_a_range_not_a_zero():
    values = ["yes"] * len(IDS)
    values[0] = "unknown"
    card = score_profile(PIC, profile_from(values))
    assert card.score is None
    assert (card.score_min, card.score_max) == (TOTAL - PIC.criteria[IDS[0]].points, TOTAL)
    assert card.best_possible == TOTAL
    assert card.unknown == (IDS[0],)


def test_same_answers_same_points_whatever_the_state():
    values = ["yes", "no"] * (len(IDS) // 2) + ["yes"] * (len(IDS) % 2)
    a = profile_from(values)
    b = dataclasses.replace(a, jurisdiction="texas")
    assert score_profile(PIC, a).score == score_profile(PIC, b).score
