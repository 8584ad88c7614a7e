"""The logic that tests/test_honest.py checks on the shipped research, again on a toy tree
(tests/toytree.py) whose figures are worked out by hand here: a correction to the research
must not break a test of the code, and these say what the code does whatever the data.

The toy framework: sections 1 (criteria 1.1.a, 1.1.b, 2.5 points each) and 2 (2.1.a, 5
points); grades A from 9, B from 7, C from 5, F below: four grades, no D and no E."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from toytree import FRAMEWORK, build, profile

OTHER = {**FRAMEWORK, "id": "other", "title": "Other Framework", "short_title": "Other", "years": {"first": 2010}}


def _json(pic: Any, root: Path, *args: str) -> Any:
    result = pic(*args, "--data", str(root), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def editions(tmp_path: Path) -> Path:
    """Published figures for two toy editions (2001, 2002), and a third under another framework."""
    return build(tmp_path / "toy", [
        profile("alabama", 2001, {"grade": "F"}), profile("alabama", 2002, {"grade": "A"}),  # F -> A: 3 steps
        profile("alaska", 2001, {"grade": "F"}), profile("alaska", 2002, {"grade": "C"}),  # F -> C: 1 step
        profile("arizona", 2001, {"score": 4, "grade": "F"}), profile("arizona", 2002, {"score": 6, "grade": "C"}),
        profile("arkansas", 2001, {"score": 9.5, "grade": "A"}), profile("california", 2001, {"score": 9.5, "grade": "A"}),
        profile("colorado", 2001, {"score": 9, "grade": "A"}), profile("connecticut", 2001, {"score": 8, "grade": "B"}),
        profile("alabama", 2010, {"score": 2, "grade": "F"}, framework="other"),
    ], [FRAMEWORK, OTHER])


# 1. Grade steps come from the framework's own scale (test_honest: Nevada F -> C) ----------


def test_grade_steps_count_the_scales_own_grades(pic, editions):
    states = {s["jurisdiction"]: s for s in _json(pic, editions, "diff", "2001", "2002")["states"]}
    # F is the next grade under C on this scale: one step, where letters A..F would count three
    assert (states["alaska"]["grade_change"], states["alaska"]["grade_steps"]) == ("F -> C", 1)
    assert (states["alabama"]["grade_change"], states["alabama"]["grade_steps"]) == ("F -> A", 3)
    assert (states["arizona"]["grade_steps"], states["arizona"]["score_change"]) == (1, 2)
    # across frameworks the grades stand side by side: no steps to count
    (across,) = _json(pic, editions, "diff", "2002", "2010", "alabama")["states"]
    assert across["grade_change"] == "A -> F" and across["grade_steps"] is None


def test_diff_sorts_grade_only_changes_on_steps_of_the_scale(pic, editions):
    states = _json(pic, editions, "diff", "2001", "2002")["states"]
    grade_only = [s for s in states if s["score_change"] is None and s["grade_steps"] is not None]
    assert [s["jurisdiction"] for s in grade_only] == ["alabama", "alaska"]  # 3 steps, then 1


# 2. Rankings: grade band first, then score; grade-only rows inside their band; ties -------


def test_ranking_bands_ties_and_grade_only_rows(pic, editions):
    rows = _json(pic, editions, "score", "--all", "--year", "2001")["rows"]
    order = "ABCF"
    assert [order.index(r["grade"]) for r in rows] == sorted(order.index(r["grade"]) for r in rows)
    rank = {r["jurisdiction"]: r for r in rows}
    # Arkansas and California, 9.5 each, share first place; the next place is 3, not 2
    assert rank["arkansas"]["position"] == rank["california"]["position"] == 1
    assert rank["arkansas"]["tied"] and rank["california"]["tied"]
    assert (rank["colorado"]["position"], rank["colorado"]["tied"]) == (3, False)
    assert rank["connecticut"]["position"] == 4  # B under every A, whatever the scores
    # In the F band: the scored row first; the two rows with a grade and no score after it, tied,
    # and any of the three may be anywhere from 5th to 7th
    assert rank["arizona"]["position"] == 5 and rank["arizona"]["rank_basis"] == "grade-and-score"
    for slug in ("alabama", "alaska"):
        r = rank[slug]
        assert (r["position"], r["tied"], r["rank_basis"], r["score"]) == (6, True, "grade-only", None)
        assert (r["rank_min"], r["rank_max"]) == (5, 7)
    assert (rank["arizona"]["rank_min"], rank["arizona"]["rank_max"]) == (5, 7)


# 3. A shared loss counted once, and never an open figure as zero (test_honest: Mississippi 6.3.a)


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    """Alabama 2003: 1.1.a and 1.1.b both not met, but the card's section 1 is 2.5 of 5: the two
    lose 2.5 together, split unknown. 2.1.a met: 2.5 + 5 = 7.5, a B."""
    return build(tmp_path / "toy", [profile(
        "alabama", 2003, {"score": 7.5, "grade": "B", "sections": {"1": 2.5, "2": 5}},
        findings={"1.1.a": "no", "1.1.b": "no", "2.1.a": "yes"},
        shared_losses=[{"criteria": ["1.1.a", "1.1.b"], "points": 2.5, "note": "section 1 lost 2.5 between them"}])])


def test_gaps_count_a_shared_loss_once(pic, shared):
    report = _json(pic, shared, "gaps", "alabama", "--year", "2003")
    assert report["points_at_stake"] == 2.5  # not the 5 the members' points add up to
    assert {g["criterion"] for g in report["gaps"]} == {"1.1.a", "1.1.b"}
    assert all(g["points"] is None and g["shared_loss"]["points"] == 2.5 for g in report["gaps"])
    out = pic("gaps", "alabama", "--year", "2003", "--data", str(shared)).stdout
    assert "2 gaps, 2.5 points at stake" in out


def test_whatif_never_counts_an_open_figure_as_zero(pic, shared):
    # closing one member gains its share of the shared 2.5: anything from 0 to 2.5
    r = _json(pic, shared, "whatif", "alabama", "--year", "2003", "--close", "1.1.a")
    assert r["points_gained"] is None and (r["points_gained_min"], r["points_gained_max"]) == (0, 2.5)
    assert (r["after"]["score"], r["after"]["score_min"], r["after"]["score_max"]) == (None, 7.5, 10)
    out = pic("whatif", "alabama", "--year", "2003", "--close", "1.1.a", "--data", str(shared)).stdout
    assert re.search(r"Total\s+7\.5\s+7\.5–10\s+10\s+\+0–2\.5", out)
    assert "-7.5" not in out and "-2.5" not in out


def test_whatif_plans_with_a_shared_loss_won_back_whole(pic, shared):
    """Alone, each member of the shared loss is sure of nothing (the other may hold all
    2.5), but closed together they win the 2.5 back: 7.5 + 2.5 = 10, an A. The plan must
    not call the A out of reach."""
    r = _json(pic, shared, "whatif", "alabama", "--year", "2003", "--close", "1.1.a")
    top = r["plan"]["top_grade"]
    assert top["status"] == "reachable" and top["score_after"] == 10
    assert [s["criterion"] for s in top["gaps"]] == ["1.1.b"]
    plan = _json(pic, shared, "whatif", "alabama", "--year", "2003")["plan"]["top_grade"]
    assert plan["status"] == "reachable" and plan["score_after"] == 10
    assert sorted(s["criterion"] for s in plan["gaps"]) == ["1.1.a", "1.1.b"]
    out = pic("whatif", "alabama", "--year", "2003", "--close", "1.1.a", "--data", str(shared)).stdout
    assert "out of reach" not in out
