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
