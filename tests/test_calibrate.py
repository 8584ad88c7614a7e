"""Calibration: criterion points as what the published cards allow.

The solver (pic.core.calibrate) is checked against brute force on small frameworks: every
split vector and every reading of every unknown answer enumerated. Toy frameworks and
profiles are built here, so a correction of the shipped research never breaks these tests.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pic.core.calibrate import calibrate, compositions
from pic.core.load import build_framework
from pic.core.model import Finding, Profile, Published, Source
from pic.core.score import score_profile

# Two sections. Section 1: component 1.1 (a, b), component 1.2 (a); section 2: component
# 2.1 (a, b, c), component 2.2 (a, b). Every component 2.5; pic's own split as given.
TOY = build_framework({
    "id": "toy", "title": "Toy", "publisher": "nobody", "source": {"title": "tests"},
    "years": {"first": 2000}, "max_score": 10,
    "grade_scale": [{"grade": "A", "min": 9}, {"grade": "B", "min": 7}, {"grade": "F", "min": 0}],
    "sections": [
        {"id": "1", "title": "One", "max": 5, "components": [
            {"id": "1.1", "title": "c", "max": 2.5, "criteria": [
                {"id": "1.1.a", "question": "q", "points": 1, "gap": "g", "recommendation": "r"},
                {"id": "1.1.b", "question": "q", "points": 1.5, "gap": "g", "recommendation": "r"}]},
            {"id": "1.2", "title": "c", "max": 2.5, "criteria": [
                {"id": "1.2.a", "question": "q", "points": 2.5, "gap": "g", "recommendation": "r"}]}]},
        {"id": "2", "title": "Two", "max": 5, "components": [
            {"id": "2.1", "title": "c", "max": 2.5, "criteria": [
                {"id": "2.1.a", "question": "q", "points": 1, "gap": "g", "recommendation": "r"},
                {"id": "2.1.b", "question": "q", "points": 1, "gap": "g", "recommendation": "r"},
                {"id": "2.1.c", "question": "q", "points": 0.5, "gap": "g", "recommendation": "r"}]},
            {"id": "2.2", "title": "c", "max": 2.5, "criteria": [
                {"id": "2.2.a", "question": "q", "points": 1.5, "gap": "g", "recommendation": "r"},
                {"id": "2.2.b", "question": "q", "points": 1, "gap": "g", "recommendation": "r"}]}]},
    ],
})
COMPS = [("1.1", ("1.1.a", "1.1.b")), ("1.2", ("1.2.a",)), ("2.1", ("2.1.a", "2.1.b", "2.1.c")),
         ("2.2", ("2.2.a", "2.2.b"))]
SECTION = {"1.1": "1", "1.2": "1", "2.1": "2", "2.2": "2"}
IDS = [c for _, cs in COMPS for c in cs]
UNIT = 0.5


def card(name: str, answers: dict[str, str], sections: dict[str, float] | None = None,
         score: float | None = None) -> Profile:
    findings = {cid: Finding(cid, a, note="toy") for cid, a in answers.items()}  # type: ignore[arg-type]
    published = None if sections is None and score is None else Published(score=score, sections=sections or {})
    return Profile(name, 2005, "toy", Source("toy"), published, findings)


# -- brute force ---------------------------------------------------------------------------


def all_vectors():
    """Every split vector: one composition of 5 half points per component."""
    per = [compositions(5, len(cs)) for _, cs in COMPS]
    for choice in itertools.product(*per):
        yield {cid: w for (_, cs), split in zip(COMPS, choice) for cid, w in zip(cs, split)}


def section_sums(answers: dict[str, str], w: dict[str, int]) -> dict[str, set[int]]:
    """Per section, every sum the answers can earn under split w (unknowns either way)."""
    out = {}
    for sid in ("1", "2"):
        ids = [c for comp, cs in COMPS if SECTION[comp] == sid for c in cs]
        base = sum(w[c] for c in ids if answers.get(c, "unknown") == "yes")
        free = [w[c] for c in ids if answers.get(c, "unknown") == "unknown"]
        sums = {base}
        for x in free:
            sums |= {s + x for s in sums}
        out[sid] = sums
    return out


def holds(p: Profile, w: dict[str, int]) -> bool:
    sums = section_sums({c: f.answer for c, f in p.findings.items()}, w)
    pub = p.published
    for sid, value in pub.sections.items():
        if round(value / UNIT) not in sums[sid]:
            return False
    rest = [sid for sid in ("1", "2") if sid not in pub.sections]
    if pub.score is not None and rest:
        target = round((pub.score - sum(pub.sections.values())) / UNIT)
        totals = {0}
        for sid in rest:
            totals = {a + b for a in totals for b in sums[sid]}
        if target not in totals:
            return False
    return True


def allowed(cards: list[Profile]) -> list[dict[str, int]]:
    return [w for w in all_vectors() if all(holds(p, w) for p in cards)]


# -- strategies ----------------------------------------------------------------------------

answer = st.sampled_from(["yes", "no", "unknown"])
answers_st = st.fixed_dictionaries({cid: answer for cid in IDS})
vector_st = st.sampled_from(list(all_vectors()))


@st.composite
def true_cards(draw, min_size: int = 1, max_size: int = 3):
    """Cards from one true split: each card's published figures come from that split and its
    own true answers, some of which are then hidden (unknown): faithful partial readings."""
    w = draw(vector_st)
    n = draw(st.integers(min_size, max_size))
    return [draw(true_card(w)) for _ in range(n)]


@st.composite
def true_card(draw, w: dict[str, int]):
    """One card of the true split `w`."""
    truth = {cid: draw(st.sampled_from(["yes", "no"])) for cid in IDS}
    shown = {cid: (a if draw(st.booleans()) else "unknown") for cid, a in truth.items()}
    sections = {sid: sum(w[c] for c in IDS if truth[c] == "yes" and SECTION[c.rsplit(".", 1)[0]] == sid) * UNIT
                for sid in ("1", "2")}
    return card("a", shown, sections), w


# -- the solver against brute force ----------------------------------------------------------


@given(true_cards())
@settings(max_examples=60, deadline=None)
def test_faithful_cards_are_consistent_and_each_is_met_by_construction(drawn):
    cards = [c for c, _ in drawn]
    assert all(w == drawn[0][1] for _, w in drawn)
    cards = [Profile(f"s{i}", c.year, c.framework_id, c.source, c.published, c.findings) for i, c in enumerate(cards)]
    cal = calibrate(TOY, cards)
    assert cal.card_problems == [] and cal.conflicts == []
    for p in cards:
        scored = score_profile(TOY, p, cal)
        assert scored.contradictions == () and scored.calibration.own_card
        for s in scored.sections:
            assert s.calibrated_min == s.calibrated_max == p.published.sections[s.id]
            # the findings alone, over every split, contain the published figure
            assert s.score_min <= p.published.sections[s.id] <= s.score_max


@given(st.lists(st.tuples(answers_st, st.integers(0, 10), st.integers(0, 10)), min_size=1, max_size=2))
@settings(max_examples=60, deadline=None)
def test_shares_feasibility_and_contradictions_agree_with_brute_force(raw):
    cards = [card(f"s{i}", a, {"1": x * UNIT, "2": y * UNIT}) for i, (a, x, y) in enumerate(raw)]
    cal = calibrate(TOY, cards)
    # a contradiction is a card no split allows on its own
    bad = {cal.cards[p.card].jurisdiction for p in cal.card_problems}
    for p in cards:
        assert (p.jurisdiction in bad) == (not allowed([p])), p.jurisdiction
    # figures no split allows are left out of the calibration, the card's other figures kept
    dropped = {(cal.cards[p.card].jurisdiction, p.figure.sections[0]) for p in cal.card_problems}
    good = [card(p.jurisdiction, {c: f.answer for c, f in p.findings.items()},
                 {sid: v for sid, v in p.published.sections.items() if (p.jurisdiction, sid) not in dropped})
            for p in cards]
    vectors = allowed(good)
    if cal.conflicts:
        assert not vectors  # genuinely infeasible together
        core = [p for p in good if p.jurisdiction in {cal.cards[i].jurisdiction for k in cal.conflicts
                                                         for i in k.cards}]
        assert not allowed(core)  # the named cards cannot all hold
        return
    assert vectors
    for cid in IDS:
        values = [w[cid] for w in vectors]
        b = cal.share_bounds(cid)
        assert (b.lo, b.hi) == (min(values), max(values)), cid


@given(true_cards(), answers_st, st.lists(st.booleans(), min_size=len(IDS),
                                                                            max_size=len(IDS)))
@settings(max_examples=60, deadline=None)
def test_the_calibrated_range_holds_every_completion_and_never_widens_with_a_card(drawn, values, flips):
    cards = [Profile(f"s{i}", c.year, c.framework_id, c.source, c.published, c.findings)
             for i, (c, _) in enumerate(drawn)]
    target = card("target", values)
    previous = None
    for k in range(len(cards) + 1):
        cal = calibrate(TOY, cards[:k])
        scored = score_profile(TOY, target, cal)
        lo, hi = scored.calibrated_min, scored.calibrated_max
        # the range holds the target's score under every allowed split and every completion
        done = {cid: (("yes" if f else "no") if a == "unknown" else a) for (cid, a), f in zip(values.items(), flips)}
        for w in allowed(cards[:k])[:50]:
            true = sum(w[c] for c in IDS if done[c] == "yes") * UNIT
            assert lo - 1e-9 <= true <= hi + 1e-9
        # and inside what the findings alone allow
        assert scored.score_min <= lo <= hi <= scored.score_max
        if previous is not None:
            assert previous[0] <= lo and hi <= previous[1]  # a card added never widens it
        previous = (lo, hi)


def test_a_conflict_between_cards_names_the_cards():
    # Card x: 1.1.a yes, 1.1.b no, section 1 2.5 of 5 with 1.2.a no: 1.1.a carries all of 1.1.
    # Card y: 1.1.a no, 1.1.b yes, section 1 2.5 with 1.2.a no: 1.1.b carries all of 1.1.
    base = {"1.2.a": "no", "2.1.a": "yes", "2.1.b": "yes", "2.1.c": "yes", "2.2.a": "yes", "2.2.b": "yes"}
    x = card("x", {**base, "1.1.a": "yes", "1.1.b": "no"}, {"1": 2.5, "2": 5})
    y = card("y", {**base, "1.1.a": "no", "1.1.b": "yes"}, {"1": 2.5, "2": 5})
    z = card("z", {**base, "1.1.a": "yes", "1.1.b": "yes"}, {"1": 2.5, "2": 5})
    cal = calibrate(TOY, [x, y, z])
    assert cal.card_problems == []
    (conflict,) = cal.conflicts
    assert {cal.cards[i].jurisdiction for i in conflict.cards} == {"x", "y"}
    assert "1.1" in conflict.components and "cannot all hold" in conflict.message
    assert not allowed([x, y]) and allowed([x]) and allowed([y])


def test_a_card_no_split_allows_names_the_answers_to_recheck():
    # Section 1 published 5 (everything), but 1.2.a is answered no: only 2.5 can be earned.
    p = card("p", {cid: "yes" for cid in IDS} | {"1.2.a": "no"}, {"1": 5, "2": 5})
    cal = calibrate(TOY, [p])
    (problem,) = cal.card_problems
    assert problem.figure.label == "section 1" and problem.recheck == (("1.2.a",),)
    assert "re-check 1.2.a" in problem.message
    scored = score_profile(TOY, p, cal)
    assert scored.published_match is False and [c.section_id for c in scored.contradictions] == ["1"]


def test_pics_own_split_is_one_point_of_the_set_and_labelled():
    # Under pic's split (1 + 1.5), 1.1.a yes and 1.1.b no earn 1; the card says 2 (4.5 less 1.2's
    # 2.5): no contradiction, the card pins 1.1.a at 2 of 2.5 (4 half points), and pic's own split
    # is shown as ruled out.
    p = card("p", {cid: "yes" for cid in IDS} | {"1.1.b": "no"}, {"1": 4.5, "2": 5})
    cal = calibrate(TOY, [p])
    assert cal.card_problems == [] and cal.status("1.1") == "pinned"
    assert (cal.share_bounds("1.1.a").lo, cal.share_bounds("1.1.a").hi) == (4, 4)
    assert not cal.hypothesis_allowed("1.1")
    scored = score_profile(TOY, p, cal)
    assert scored.published_match is True and scored.score == 9.5
    assert scored.hypothesis_notes  # pic's split cannot produce it: a note on the hypothesis only


# -- the shipped data ------------------------------------------------------------------------


def test_mississippi_2019_keeps_its_91_and_says_how_much_is_by_construction(pic):
    ms = json.loads(pic("score", "mississippi", "--year", "2019", "--format", "json").stdout)
    assert (ms["score"], ms["grade"]) == (91, "A")
    assert [s["calibrated_min"] for s in ms["sections"]] == [10, 24.5, 15, 7.5, 21.5, 12.5]
    # the findings alone, every split left open, are a range that holds 91
    assert ms["score_min"] < 91 < ms["score_max"]
    assert ms["calibrated"]["own_card"] is True and ms["check"]["status"] == "by-construction"
    assert ms["hypothesis"]["score_min"] == ms["hypothesis"]["score_max"] == 91
    assert "by construction" in ms["check"]["text"] and ms["calibrated"]["other_cards"]


def test_calibrate_reports_every_component(pic):
    result = pic("calibrate", "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["consistent"] and report["card_problems"] == [] and report["conflicts"] == []
    assert len(report["components"]) == 41
    assert sum(report["summary"].values()) == 41
    names = {f"{c['name']} {c['year']}" for c in report["cards"]}
    assert {"Mississippi 2019", "Texas 2015", "Maine 2015"} <= names
    for c in report["components"]:
        for k in c["criteria"]:
            assert 0 <= k["share_min"] <= k["share_max"] <= c["weight"]
    table = pic("calibrate").stdout
    assert "narrowed" in table and "pic split" in table


def test_a_faithful_reading_of_another_card_is_not_a_contradiction(pic, tmp_path: Path):
    """The 2013 case: a card whose section 1 pic's own split could not produce (5-7 of 10)."""
    assert pic("new", "alabama", "2013", "--data", str(tmp_path)).exit_code == 0
    path = tmp_path / "states" / "alabama" / "2013.yaml"
    text = path.read_text(encoding="utf-8")
    for cid, a in (("1.1.a", "yes"), ("1.1.b", "no"), ("1.2.a", "yes"), ("1.3.a", "no"), ("1.4.a", "yes")):
        text = text.replace(f"  {cid}:\n    answer: unknown", f"  {cid}:\n    answer: {a}")
    text = text.replace("findings:", 'published:\n  sections: {"1": 8.5}\nfindings:', 1)
    path.write_text(text, encoding="utf-8")
    check = pic("validate", "--data", str(tmp_path))
    assert check.exit_code == 0, check.output
    scored = json.loads(pic("score", str(path), "--data", str(tmp_path), "--format", "json").stdout)
    assert scored["published_match"] is True and scored["sections"][0]["calibrated_min"] == 8.5
    # Read 1.3.b as no as well and no split allows 8.5: the readings to re-check are named.
    path.write_text(text.replace("  1.3.b:\n    answer: unknown", "  1.3.b:\n    answer: no"), encoding="utf-8")
    bad = pic("validate", "--data", str(tmp_path))
    assert bad.exit_code == 1
    assert "no split of the components' points allows" in bad.stdout + bad.stderr
    assert "re-check 1.3.a, 1.3.b" in " ".join((bad.stdout + bad.stderr).split())


@pytest.mark.parametrize("year, first, total", [(2011, 7.5, None), (2012, 10, 102.5)])
def test_the_2011_edition_scores_section_1_out_of_7_5(tmp_path: Path, pic, year, first, total):
    folder = tmp_path / "states" / "massachusetts"
    folder.mkdir(parents=True)
    (folder / f"{year}.yaml").write_text(
        f"jurisdiction: massachusetts\nyear: {year}\nframework: pic\nsource: {{title: test}}\n"
        "published:\n  score: 45\n  grade: F\n  sections: {\"1\": 2.5}\n", encoding="utf-8")
    report = json.loads(pic("score", "massachusetts", "--year", str(year), "--data", str(tmp_path),
                            "--format", "json").stdout)
    assert report["sections"][0]["max"] == first
    assert report["max_score"] == total  # unknown for 2011: how the other sections were sized was not found


@given(true_cards(min_size=2, max_size=3))
@settings(max_examples=40, deadline=None)
def test_adding_a_card_to_a_solved_calibration_gives_what_solving_all_gives(drawn):
    """A card added to a tree's calibration (a profile named by path) re-solves only the
    blocks it touches; the result is the full solve's."""
    cards = [Profile(f"s{i}", c.year, c.framework_id, c.source, c.published, c.findings)
             for i, (c, _) in enumerate(drawn)]
    base = calibrate(TOY, cards[:-1])
    assert calibrate(TOY, cards, base=base).solution() == calibrate(TOY, cards).solution()
