"""Honest answers (issue 9): grades ordered on each framework's own scale, rankings by
grade band then score with ties shown, every inference marked where it is shown, the
card's own headings beside pic's titles, and where aggregated figures come from."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from pic.core import editions
from pic.core.load import build_framework


def _json(pic, *args):
    result = pic(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _words(text: str) -> str:
    """Table output with its wrapping undone: notes fold to the terminal's width."""
    return " ".join(text.split())


def _csv(pic, *args):
    result = pic(*args, "--format", "csv")
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


# 1. Grade order and steps come from the framework's own scale ---------------------------


def test_grade_steps_count_no_phantom_grade_e(pic):
    nevada = _json(pic, "diff", "2021", "2023", "nevada")["states"][0]
    assert nevada["grade_change"] == "F -> C" and nevada["grade_steps"] == 2
    kansas = _json(pic, "diff", "2019", "2021", "kansas")["states"][0]
    assert kansas["grade_change"] == "A -> F" and kansas["grade_steps"] == -4
    rows = {r["jurisdiction"]: r for r in _csv(pic, "diff", "2021", "2023", "nevada", "kansas")}
    assert rows["nevada"]["grade_steps"] == "2"


def test_diff_sorts_on_steps_of_the_scale(pic):
    states = _json(pic, "diff", "2021", "2023")["states"]
    steps = [s["grade_steps"] for s in states if s["score_change"] is None and s["grade_steps"] is not None]
    assert steps == sorted(steps, reverse=True)
    order = [s["jurisdiction"] for s in states]
    # Tennessee D -> A (3 steps) above Nevada F -> C (2 steps): with a phantom E both were 3.
    assert order.index("tennessee") < order.index("nevada")


def test_grade_rank_reads_the_framework_scale():
    fw = build_framework({
        "id": "toy", "title": "Toy", "publisher": "p", "source": {"title": "s"}, "years": {"first": 2000},
        "max_score": 10, "grade_scale": [{"grade": "Pass", "min": 5}, {"grade": "Fail", "min": 0}],
        "sections": [{"id": "1", "title": "one", "max": 10}],
    })
    assert editions.grade_rank(fw, "Pass") == 0 and editions.grade_rank(fw, "Fail") == 1
    assert editions.grade_rank(fw, "E") is None and editions.grade_index("E", fw) == 99
    assert editions.grade_index("F") - editions.grade_index("A") == 4  # without a framework: no E either


# 2. Rankings: grade band first, then score; grade-only rows inside their band; ties ---------


def test_ranking_puts_every_a_above_a_d(pic):
    rows = _json(pic, "score", "--all", "--year", "2019")["rows"]
    order = "ABCDF"
    assert [order.index(r["grade"]) for r in rows] == sorted(order.index(r["grade"]) for r in rows)
    rank = {r["jurisdiction"]: r for r in rows}
    a_states = [r for r in rows if r["grade"] == "A"]
    assert len(a_states) == 11
    assert all(r["rank"] < rank["south-dakota"]["rank"] for r in a_states)
    # Inside the A band, the scored rows first, by score; then the A states without a score, tied.
    assert [r["jurisdiction"] for r in a_states[:4]] == ["tennessee", "alabama", "washington", "mississippi"]
    unscored = [r for r in a_states if r["score"] is None]
    assert {r["rank"] for r in unscored} == {5} and all(r["tied"] for r in unscored)
    assert all(r["rank_basis"] == "grade-only" for r in unscored)
    assert rank["tennessee"]["tied"] is False and rank["tennessee"]["rank_basis"] == "grade-and-score"
    # The next rank after a seven-way tie at 5 is 12.
    assert rank["ohio"]["rank"] == 12 and rank["south-dakota"]["rank"] == 13


def test_ranking_table_marks_ties_and_rows_without_a_score(pic):
    out = pic("score", "--all", "--year", "2019").stdout
    assert re.search(r"=5\s+Colorado\s+—\s+A", out)
    assert re.search(r"^\s*1\s+Tennessee", out, re.M) and "=1" not in out
    assert "=: tied" in _words(out) and "no score on record; ranked inside its grade band" in _words(out)
    assert out.index("Utah") < out.index("South Dakota")
    rows = _csv(pic, "score", "--all", "--year", "2019")
    co = next(r for r in rows if r["jurisdiction"] == "colorado")
    assert (co["rank"], co["tied"], co["rank_basis"]) == ("5", "true", "grade-only")
    md = pic("score", "--all", "--year", "2019", "--format", "markdown").stdout
    assert "| 5 | colorado |" in md and "Ranked by grade band" in md


def test_ranking_ties_equal_scores_in_one_band(data_copy, pic):
    # Two states with the same published score and grade share a rank.
    for slug in ("alabama", "washington"):
        path = data_copy / "states" / slug / "2019.yaml"
        text = re.sub(r"score: [0-9.]+", "score: 93", path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
    rows = _json(pic, "score", "--all", "--year", "2019", "--data", str(data_copy))["rows"]
    rank = {r["jurisdiction"]: r for r in rows}
    assert rank["alabama"]["rank"] == rank["washington"]["rank"] == 2
    assert rank["alabama"]["tied"] and rank["washington"]["tied"]
    assert rank["mississippi"]["rank"] == 4
