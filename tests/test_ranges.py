"""Partial profiles scored as ranges under pic's own split of each component's points (the
hypothesis engine, which gives pic's labelled point estimate): small hand-built frameworks
whose figures are worked out by hand in each test's comments. The calibrated scores pic
reports (over every split the cards allow) are pinned in tests/test_calibrate.py."""

from __future__ import annotations

import dataclasses

import pytest

from pic.core.analysis import resolve_gap, what_if
from pic.core.diff import diff_state
from pic.core.load import build_framework
from pic.core.model import Finding, Profile, Published, SharedLoss, Source
from pic.core.score import Contradiction, contradiction_key, gap_report, points_at_stake, shared_loss_problems
from pic.core.score import hypothesis_contradictions as contradictions
from pic.core.score import score_hypothesis as score_profile

# Section 1 (5 points): 1.1.a 1, 1.1.b 1.5, 1.1.c 2.5
# Section 2 (5 points): component 2.1: 2.1.a 1, 2.1.b 1.5; component 2.2: 2.2.a 2.5
# Grades: A from 9, B from 7, C from 5, F below. 10 points in all.
TOY = build_framework({
    "id": "toy", "title": "Toy", "publisher": "nobody", "source": {"title": "tests"},
    "years": {"first": 2000}, "max_score": 10,
    "grade_scale": [{"grade": "A", "min": 9}, {"grade": "B", "min": 7}, {"grade": "C", "min": 5},
                    {"grade": "F", "min": 0}],
    "sections": [
        {"id": "1", "title": "One", "max": 5, "card_title": "Section One As Printed", "components": [
            {"id": "1.1", "title": "c", "max": 5, "confidence": "topic-confirmed", "criteria": [
                {"id": "1.1.a", "question": "q", "points": 1, "gap": "gap a", "recommendation": "r"},
                {"id": "1.1.b", "question": "q", "points": 1.5, "gap": "gap b", "recommendation": "r"},
                {"id": "1.1.c", "question": "q", "points": 2.5, "gap": "gap c", "recommendation": "r"}]}]},
        {"id": "2", "title": "Two", "max": 5, "components": [
            {"id": "2.1", "title": "c", "max": 2.5, "criteria": [
                {"id": "2.1.a", "question": "q", "points": 1, "gap": "gap 2a", "recommendation": "r"},
                {"id": "2.1.b", "question": "q", "points": 1.5, "gap": "gap 2b", "recommendation": "r"}]},
            {"id": "2.2", "title": "c", "max": 2.5, "criteria": [
                {"id": "2.2.a", "question": "q", "points": 2.5, "gap": "gap 2c", "recommendation": "r"}]}]},
    ],
})
IDS = ["1.1.a", "1.1.b", "1.1.c", "2.1.a", "2.1.b", "2.2.a"]


def make(answers: str, published: Published | None = None, shared: tuple[SharedLoss, ...] = (),
         basis: str = "card") -> Profile:
    """answers: one letter per criterion in IDS order: y(es), n(o), u(nknown)."""
    word = {"y": "yes", "n": "no", "u": "unknown"}
    findings = {cid: Finding(cid, word[a], note="hand-built", basis=None if a == "u" else basis)  # type: ignore[arg-type]
                for cid, a in zip(IDS, answers)}
    return Profile("texas", 2015, "toy", Source("tests"), published, findings, shared_losses=shared)


def sec(card, sid):
    return next(s for s in card.sections if s.id == sid)


# -- reading the new fields ------------------------------------------------------------


def test_card_title_and_confidence_are_read():
    assert TOY.section("1").card_title == "Section One As Printed"
    assert TOY.section("2").card_title is None
    assert TOY.components["1.1"].confidence == "topic-confirmed"
    assert TOY.components["2.1"].confidence == "reconstructed"


def test_grade_rank_follows_the_frameworks_own_scale():
    # The toy scale has no D: F is one step below C, not two.
    assert [TOY.grade_rank(g) for g in "ABCF"] == [0, 1, 2, 3]
    assert TOY.grade_rank("D") is None and TOY.grade_rank(None) is None
    assert TOY.grade_rank("B+") == 1


# -- ranges from findings alone ------------------------------------------------------------


def test_every_criterion_unknown_is_the_whole_scale_not_zero():
    card = score_profile(TOY, make("uuuuuu"))
    assert (card.score_min, card.score_max) == (0, 10)
    assert card.score is None and card.grade is None
    assert (card.grade_min, card.grade_max) == ("F", "A")
    assert card.best_possible == 10
    assert card.published_match is None and card.mismatches == ()
    assert not card.exact


def test_section_and_total_ranges_by_hand():
    # Section 1: a yes (1), b unknown (0..1.5), c no (0) -> 1..2.5.  Section 2: all yes -> 5.
    card = score_profile(TOY, make("yunyyy"))
    s1, s2 = sec(card, "1"), sec(card, "2")
    assert (s1.score_min, s1.score_max, s1.score) == (1, 2.5, None)
    assert (s2.score_min, s2.score_max, s2.score) == (5, 5, 5)
    assert s1.unknown == ("1.1.b",) and s1.unknown_points == 1.5
    assert (card.score_min, card.score_max) == (6, 7.5)
    assert (card.grade_min, card.grade_max) == ("C", "B") and card.grade is None
    assert card.unknown == ("1.1.b",)


def test_a_range_inside_one_grade_band_still_has_its_grade():
    # 1.1.a unknown only: 9..10, both A.
    card = score_profile(TOY, make("uyyyyy"))
    assert (card.score_min, card.score_max) == (9, 10)
    assert card.score is None and card.grade == "A"


def test_no_unknowns_collapses_to_one_figure():
    card = score_profile(TOY, make("ynyyyn"))
    assert card.score == card.score_min == card.score_max == 6.0
    assert card.grade == card.grade_min == card.grade_max == "C"
    assert card.exact and all(s.exact for s in card.sections)
    assert card.implications == ()


# -- published section scores read against the findings -----------------------------------


def test_published_section_at_the_top_implies_every_unknown_met():
    # Section 1: a yes (1), b and c unknown (4). Published 5 = 1 + 4: both implied met.
    card = score_profile(TOY, make("yuuyyy", Published(sections={"1": 5})))
    imp = sec(card, "1").implication
    assert imp.status == "all-met" and imp.met_points == 4 and imp.unknown_points == 4
    assert imp.implied_met == ("1.1.b", "1.1.c")
    assert "every unknown criterion there is implied met" in imp.message
    assert card.implied_answers == {"1.1.b": "yes", "1.1.c": "yes"}
    # The findings' range is untouched; the implied range is narrowed.
    assert (card.score_min, card.score_max) == (6, 10) and card.score is None
    assert (card.implied_min, card.implied_max) == (10, 10)
    assert (sec(card, "1").implied_min, sec(card, "1").implied_max) == (5, 5)
    assert card.implied_grade_min == card.implied_grade_max == "A"
    assert card.published_match is True and contradictions(TOY, card.profile) == []


def test_published_section_equal_to_the_known_points_implies_none_met():
    card = score_profile(TOY, make("yuuyyy", Published(sections={"1": 1})))
    imp = sec(card, "1").implication
    assert imp.status == "none-met" and imp.met_points == 0
    assert imp.implied_not_met == ("1.1.b", "1.1.c")
    assert card.implied_answers == {"1.1.b": "no", "1.1.c": "no"}
    assert (card.implied_min, card.implied_max) == (6, 6)


def test_published_section_in_between_says_how_many_points_not_which():
    # Unknown 1.5 + 2.5 = 4; published 3.5 = 1 known + 2.5 met: 2.5 of 4 (c alone, or so the points say).
    card = score_profile(TOY, make("yuuyyy", Published(sections={"1": 3.5})))
    imp = sec(card, "1").implication
    assert imp.status == "partial" and (imp.met_points, imp.unknown_points) == (2.5, 4)
    assert "2.5 of the 4 unknown points are implied met" in imp.message
    assert card.implied_answers == {}
    assert (card.implied_min, card.implied_max) == (8.5, 8.5)


def test_an_inferred_published_figure_says_so():
    card = score_profile(TOY, make("yuuyyy", Published(sections={"1": 5}, inferred=("sections",))))
    imp = sec(card, "1").implication
    assert imp.figure_inferred and "itself inferred" in imp.message


def test_published_section_outside_the_range_is_a_contradiction():
    # Section 1 allows 1..5 (a yes, b and c unknown), but section 2 is exactly 5: publish 2 of it.
    profile = make("yuuyyy", Published(sections={"2": 2}))
    card = score_profile(TOY, profile)
    assert card.published_match is False
    assert [(c.section_id, c.message) for c in contradictions(TOY, profile)] == [
        ("2", "section 2: computed 5, published 2")]
    # A range: 1.1.a yes, the rest of section 1 unknown allows 1..5; 0.5 is below it.
    ranged = make("yuuyyy", Published(sections={"1": 0.5}))
    (c,) = contradictions(TOY, ranged)
    assert c.section_id == "1" and c.message == "section 1: published 0.5, but the findings allow only 1–5"
    assert sec(score_profile(TOY, ranged), "1").implication.status == "contradiction"


def test_a_published_section_no_set_of_unknowns_can_make_is_a_contradiction():
    # Known 1; unknown 1.5 and 2.5 can add 0, 1.5, 2.5 or 4, never 1: published 2 is impossible.
    profile = make("yuuyyy", Published(sections={"1": 2}))
    (c,) = contradictions(TOY, profile)
    assert c.section_id == "1"
    assert "no set of the unknown criteria (1.1.b, 1.1.c) adds exactly 1" in c.message
    card = score_profile(TOY, profile)
    assert card.published_match is False and card.mismatches == (c.message,)
    # Implied figures fall back to the findings where the published one is contradicted.
    assert (card.implied_min, card.implied_max) == (card.score_min, card.score_max)


def test_published_total_outside_the_range_and_grade_outside_the_grades():
    profile = make("yunyyy", Published(score=9, grade="A"))  # findings allow 6..7.5, C..B
    messages = [c.message for c in contradictions(TOY, profile)]
    assert messages == ["published score 9, but the findings allow only 6–7.5",
                        "published grade A, but the findings allow only 6–7.5 points, grades C to B"]
    assert [c.section_id for c in contradictions(TOY, profile)] == [None, None]
    assert [contradiction_key(c) for c in contradictions(TOY, profile)] == [("published", "score"),
                                                                            ("published", "grade")]
    assert contradiction_key(Contradiction("2", "x")) == ("published", "sections", "2")
    fits = make("yunyyy", Published(score=7, grade="B"))
    assert contradictions(TOY, fits) == [] and score_profile(TOY, fits).published_match is True
    assert score_profile(TOY, fits).implied_min == 7 == score_profile(TOY, fits).implied_max


def test_a_complete_profile_keeps_the_exact_messages():
    profile = make("yyyyyy", Published(score=9.5, grade="A", sections={"1": 5, "2": 4.5}))
    assert [c.message for c in contradictions(TOY, profile)] == [
        "computed score 10, published 9.5", "section 2: computed 5, published 4.5"]


def test_the_published_total_speaks_for_the_sections_it_does_not_list():
    # Section 1 published 5 and all yes. Section 2: 2.1.a yes, 2.1.b and 2.2.a unknown (4).
    # The published 8.5 leaves 3.5 to section 2: 1 known + 2.5 of the 4 unknown points.
    profile = make("yyyyuu", Published(score=8.5, sections={"1": 5}))
    card = score_profile(TOY, profile)
    (rest,) = [i for i in card.implications if i.section_id is None]
    assert rest.sections == ("2",) and rest.published == 3.5
    assert rest.status == "partial" and (rest.met_points, rest.unknown_points) == (2.5, 4)
    assert (card.implied_min, card.implied_max) == (8.5, 8.5)
    assert contradictions(TOY, profile) == []
    # 8 would leave 3 = 1 + 2, and 1.5 and 2.5 cannot make 2.
    bad = make("yyyyuu", Published(score=8, sections={"1": 5}))
    (c,) = contradictions(TOY, bad)
    assert c.section_id is None and "no set of the unknown criteria (2.1.b, 2.2.a) adds exactly 2" in c.message


def test_published_sections_that_do_not_add_up_to_the_published_score():
    profile = make("yyyyyy", Published(score=10, sections={"1": 5, "2": 4}))
    messages = [c.message for c in contradictions(TOY, profile)]
    assert "the published sections add up to 9, but the published score is 10" in messages


def test_published_only_records_have_no_contradictions_to_report():
    profile = dataclasses.replace(make("yyyyyy", Published(score=3, sections={"1": 5})), findings=None)
    assert contradictions(TOY, profile) == []


# -- shared losses --------------------------------------------------------------------------------


def test_a_shared_loss_keeps_the_score_exact_and_gives_each_member_a_range():
    # 2.1.a (1) and 2.1.b (1.5) lose 1.5 together instead of 2.5. Section 2: 2.5 + (2.5 - 1.5) = 3.5.
    loss = SharedLoss(("2.1.a", "2.1.b"), 1.5, "split unknown")
    card = score_profile(TOY, make("yyynny", shared=(loss,)))
    assert sec(card, "2").score == 3.5 and card.score == 8.5 and card.exact
    # Own losses: 2.1.a [max(0, 1.5 - 1.5), min(1, 1.5)] = [0, 1]; 2.1.b [max(0, 1.5 - 1), 1.5] = [0.5, 1.5].
    assert card.losses == {"2.1.a": (0, 1), "2.1.b": (0.5, 1.5)}
    assert card.earned["2.1.a"] == (0, 1) and card.earned["2.1.b"] == (0, 1)
    report = gap_report(TOY, card.profile)
    a, b = sorted(report.known, key=lambda g: g.criterion.id)
    assert (a.hypothesis_min, a.hypothesis_max, b.hypothesis_min, b.hypothesis_max) == (0, 1, 0.5, 1.5)
    # Over every split the cards allow (here the profile's own figures only), each member's
    # share of its component is open: closing it gains none to all of what it could be worth.
    assert (a.low, a.high, b.low, b.high) == (0, 2.5, 0, 2.5)
    assert a.basis == b.basis == "shared-loss" and a.inferred and a.shared is loss
    assert points_at_stake(report.known) == (1.5, 1.5)
    # The findings alone, any split: 2.1's members earn 0..2.5 together (the shared loss says
    # they are partly met), 2.2 is met, section 1 full: 7.5..10, so 0..2.5 at stake.
    assert (report.points_min, report.points_max) == (0, 2.5)


def test_a_shared_loss_across_components_leaves_components_open_but_the_section_exact():
    # 2.1.b (1.5) and 2.2.a (2.5) lose 2.5 together; 2.1.a yes. Section 2: 1 + (4 - 2.5) = 2.5.
    loss = SharedLoss(("2.1.b", "2.2.a"), 2.5, "split unknown")
    card = score_profile(TOY, make("yyyynn", shared=(loss,)))
    s2 = sec(card, "2")
    assert s2.score == 2.5
    c21, c22 = s2.components
    # 2.1.b loses [0, 1.5]; 2.2.a loses [1, 2.5].
    assert (c21.score_min, c21.score_max, c21.score) == (1, 2.5, None)
    assert (c22.score_min, c22.score_max, c22.score) == (0, 1.5, None)


def test_shared_loss_problems_name_each_broken_group():
    good = SharedLoss(("2.1.a", "2.1.b"), 1.5, "n")
    assert shared_loss_problems(TOY, make("yyynny", shared=(good,))) == []
    bad = (SharedLoss(("2.1.a", "9.9.z"), 1, "n"), SharedLoss(("1.1.c", "2.1.a"), 1, "n"),
           SharedLoss(("1.1.a", "1.1.b"), 2.5, "n"))
    problems = shared_loss_problems(TOY, make("nnnnny", shared=bad))
    messages = [m for _, m in problems]
    assert (0, "'9.9.z' is not a criterion of the toy framework") in problems
    assert any("already in shared loss 1" in m for m in messages)
    assert any("different sections (1, 2)" in m for m in messages)
    assert (2, "2.5 points is not less than the 2.5 the criteria are worth together, so nothing is shared: "
               "record them as plain gaps") in problems
    answered_yes = shared_loss_problems(TOY, make("yyyyny", shared=(good,)))
    assert answered_yes == [(0, "criterion 2.1.a is answered yes; only criteria answered no can share a loss")]


# -- gaps ---------------------------------------------------------------------------------------------


def test_gaps_of_a_partial_profile_are_known_implied_and_unknown_apart():
    # Section 1: a no, b and c unknown; published 0 -> both implied not met.
    # Section 2: 2.1.a yes, 2.1.b unknown, 2.2.a unknown; nothing published there.
    profile = make("nuuyuu", Published(sections={"1": 0}))
    report = gap_report(TOY, profile)
    assert [g.criterion.id for g in report.known] == ["1.1.a"]
    # biggest first: equal over the splits the cards allow (0..5 each), so pic's split decides
    assert [g.criterion.id for g in report.implied] == ["1.1.c", "1.1.b"]
    assert [g.criterion.id for g in report.unknown] == ["2.2.a", "2.1.b"]
    assert report.implied_met == ()
    known, = report.known
    assert (known.hypothesis_min, known.hypothesis_max, known.basis, known.inferred) == (1, 1, "card", False)
    # 1.1 is worth 5 and its split is open: 1.1.a's share is anything from 0 to 5.
    assert (known.low, known.high, known.points_basis) == (0, 5, "open")
    assert all(g.basis == "published-total" and g.inferred for g in report.implied)
    assert [(g.hypothesis_min, g.hypothesis_max) for g in report.implied] == [(2.5, 2.5), (1.5, 1.5)]
    assert [(g.low, g.high) for g in report.unknown] == [(0, 2.5), (0, 2.5)]
    assert all(g.basis is None and not g.exact for g in report.unknown)
    # Findings alone, any split: section 1 0..5 (1.1 has unknowns), section 2 0..5 (2.1.a's
    # share may be 0; 2.2.a unknown), so 0..10 of 10 and 0..10 at stake; over the splits the
    # profile's own card allows (section 1 published 0): 0..5, so 5..10 at stake.
    assert (report.points_min, report.points_max) == (0, 10)
    assert (report.implied_points_min, report.implied_points_max) == (5, 10)
    assert not report.complete


def test_unknowns_the_published_totals_imply_met_are_listed_apart_not_as_gaps():
    report = gap_report(TOY, make("yuuyyy", Published(sections={"1": 5})))
    assert report.known == () and report.implied == () and report.unknown == ()
    assert [g.criterion.id for g in report.implied_met] == ["1.1.c", "1.1.b"]
    assert all(g.implied == "met" for g in report.implied_met)
    # any split: 1.1.a yes may carry 0..5, the unknowns the rest: section 1 0..5
    assert (report.points_min, report.points_max) == (0, 5)
    assert (report.implied_points_min, report.implied_points_max) == (0, 0)


def test_no_findings_is_no_gap_report_not_an_empty_one():
    profile = dataclasses.replace(make("yyyyyy"), findings=None, published=Published(score=8))
    assert gap_report(TOY, profile) is None


# -- what if, with ranges -----------------------------------------------------------------------------


def test_closing_a_known_gap_on_a_partial_profile_moves_a_range():
    # 1.1.c no, 1.1.b unknown: 6..7.5. Close 1.1.c (2.5): 8.5..10, gain exactly 2.5.
    profile = make("yunyyy")
    result = what_if(TOY, profile, [resolve_gap(TOY, "1.1.c")])
    assert (result.after.hypothesis_min, result.after.hypothesis_max) == (8.5, 10)
    assert (result.gain_min, result.gain_max) == (2.5, 2.5)
    # The plan starts from the lowest score (8.5) and counts what is sure: 1.1.b gains 1.5 there.
    assert result.plan.from_minimum and result.plan.score == 8.5
    assert result.plan.next_grade.grade == "A" and [g.criterion.id for g in result.plan.next_grade.steps] == ["1.1.b"]


def test_closing_an_unknown_gains_none_to_all_unless_a_published_total_settles_it():
    profile = make("yunyyy", Published(sections={"1": 1}))  # section 1: 1 published = 1 known: b implied not met
    result = what_if(TOY, profile, [resolve_gap(TOY, "1.1.b")])
    assert (result.gain_min, result.gain_max) == (0, 1.5)
    assert (result.implied_gain_min, result.implied_gain_max) == (1.5, 1.5)
    assert (result.before.hypothesis_min, result.before.hypothesis_max) == (6, 6)
    assert (result.implied_after_min, result.implied_after_max) == (7.5, 7.5)
    assert result.after.hypothesis_min == result.after.hypothesis_max == 7.5  # nothing unknown is left


def test_closing_one_member_of_a_shared_loss_gains_its_share():
    loss = SharedLoss(("2.1.a", "2.1.b"), 1.5, "n")
    profile = make("yyynny", shared=(loss,))  # 8.5 exact
    one = what_if(TOY, profile, [resolve_gap(TOY, "2.1.a")])
    assert (one.gain_min, one.gain_max) == (0, 1)
    assert (one.after.hypothesis_min, one.after.hypothesis_max) == (8.5, 9.5)
    both = what_if(TOY, profile, [resolve_gap(TOY, "2.1")])
    assert (both.gain_min, both.gain_max) == (1.5, 1.5) and both.after.hypothesis_min == 10


# -- diff between partial editions --------------------------------------------------------------------


def test_a_diff_between_partial_editions_says_which_changes_are_certain():
    before = score_profile(TOY, make("nuyyyu"))
    after = score_profile(TOY, make("yyuyyn"))
    d = diff_state(before, after)
    changes = {c.criterion.id: c for c in d.criteria}
    assert set(changes) == {"1.1.a", "1.1.b", "1.1.c", "2.2.a"}
    assert changes["1.1.a"].certain and changes["1.1.a"].points == 1
    assert not changes["1.1.b"].certain and (changes["1.1.b"].points_min, changes["1.1.b"].points_max) == (0, 1.5)
    assert changes["1.1.b"].points is None
    assert (changes["1.1.c"].points_min, changes["1.1.c"].points_max) == (-2.5, 0)
    assert [c.id for c in d.gaps_closed] == ["1.1.a"] and d.gaps_opened == ()
    assert [c.id for c in d.possibly_closed] == ["1.1.b"]
    assert [c.id for c in d.possibly_opened] == ["1.1.c", "2.2.a"]
    assert [c.criterion.id for c in d.certain_changes] == ["1.1.a"]
    # before 0 + 0..1.5 + 2.5 + 2.5 + 0..2.5 = 5..9; after 1 + 1.5 + 0..2.5 + 2.5 + 0 = 5..7.5:
    # the change is 5 - 9 .. 7.5 - 5 = -4..+2.5, and not certain.
    assert (before.score_min, before.score_max, after.score_min, after.score_max) == (5, 9, 5, 7.5)
    assert d.score_change is None and (d.score_change_min, d.score_change_max) == (-4, 2.5)
    assert not d.certain and d.changed
    s1 = d.sections[0]
    assert (s1.change, s1.change_min, s1.change_max) == (None, -1.5, 2.5)


def test_a_criterion_unknown_in_both_editions_is_reported_as_such():
    d = diff_state(score_profile(TOY, make("uyyyyy")), score_profile(TOY, make("uyyyyy")))
    assert d.criteria == () and [c.id for c in d.unknown_both] == ["1.1.a"]


def test_grade_steps_come_from_the_frameworks_scale():
    # 10 (A) to 6 (C): two steps down on A B C F; to 0 (F): three, with no E or D in between.
    top = score_profile(TOY, make("yyyyyy"))
    assert diff_state(top, score_profile(TOY, make("ynyyyn"))).grade_steps == -2
    assert diff_state(top, score_profile(TOY, make("nnnnnn"))).grade_steps == -3
    ranged = diff_state(top, score_profile(TOY, make("yunyyy")))  # C..B after
    assert ranged.grade_steps is None and (ranged.grade_steps_min, ranged.grade_steps_max) == (-2, -1)


@pytest.mark.parametrize("answers", ["yyyyyy", "nnnnnn", "ynuynu", "uuuuuu"])
def test_find_gaps_still_lists_every_criterion_not_known_met(answers):
    from pic.core.score import find_gaps

    ids = {g.criterion.id for g in find_gaps(TOY, make(answers))}
    assert ids == {cid for cid, a in zip(IDS, answers) if a != "y"}
