"""Figures say what is inferred, as the tables do: a grade the research infers (Tennessee
2018), a shared loss's split in the state report."""

from __future__ import annotations


def test_map_and_history_star_an_inferred_grade(pic):
    for args in (["map", "--year", "2018"], ["history", "tennessee"]):
        for fmt in ("svg", "html"):
            out = pic(*args, "--format", fmt).stdout
            assert "Grade inferred by the research, not printed by a source" in out, (args, fmt)
    assert "TN *" in pic("map", "--year", "2018", "--format", "svg").stdout


def test_state_report_marks_shared_loss_points_as_inferred(pic):
    out = pic("score", "mississippi", "--year", "2019", "--format", "html").stdout
    assert "inferred share of 6 lost together" in out and "inferred share of 2.5 lost together" in out
