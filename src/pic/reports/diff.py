"""`pic diff A B`: score and grade changes between two editions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from pic.reports import Note, Report, ReportKind, Result
from pic.views.tabular import Cited, Tabular, join, diff_summary, provenance_notes

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.views.layout import Layout


def build(tree: DataTree, a: str, b: str, states: Sequence[str] = (), exit_code: bool = False) -> Result:
    """`exit_code`: a change is a failed check (exit 1), as `diff --exit-code`."""
    from pic.core.sides import compare_sides, pairs_to_suggest
    from pic.views import reports

    comparison = compare_sides(tree, a, b, list(states))
    pairs: list[tuple[int, int]] = []
    notes: tuple[Note, ...] = ()
    if not comparison.comparable:
        pairs = pairs_to_suggest(tree, a, b, list(states))
        hint = "; like with like: " + ", ".join(f"pic diff {x} {y}" for x, y in pairs) if pairs else ""
        notes = (Note("the two sides use different frameworks; only grades are set side by side" + hint + ".",
                      carried=True),)
    failure = "" if exit_code and comparison.changed else None
    return Result(KIND, reports.comparison(a, b, comparison, pairs), notes, failure)


def _labels(gaps: list[dict[str, Any]] | None) -> str:
    """A gap list as one cell: "unknown" (no findings on a side) stays apart from "" (none)."""
    return "unknown" if gaps is None else join([g["label"] for g in gaps])


def rows(r: dict[str, Any]) -> Tabular:
    cols = ("status", "jurisdiction", "before_year", "before_framework", "before_score", "before_grade",
            "after_year", "after_framework", "after_score", "after_grade", "score_change", "grade_steps",
            "comparable", "gaps_closed", "gaps_opened", "before_grade_inferred", "after_grade_inferred",
            "before_source", "after_source", "score_change_min", "score_change_max", "gaps_possibly_closed",
            "gaps_possibly_opened", "before_source_kind", "after_source_kind", "before_source_weak",
            "after_source_weak", "same_framework", "direction", "gaps_known", "before_score_min",
            "before_score_max", "after_score_min", "after_score_max")
    rows: list[tuple[Any, ...]] = []
    for s in r["states"]:
        b, a = s["before"], s["after"]
        rows.append(("both", s["jurisdiction"], b["year"], b["framework"], b["score"], b["grade"], a["year"],
                     a["framework"], a["score"], a["grade"], s["score_change"], s["grade_steps"], s["comparable"],
                     _labels(s["gaps_closed"]), _labels(s["gaps_opened"]),
                     b["grade_inferred"], a["grade_inferred"], b["source"]["title"], a["source"]["title"],
                     s["score_change_min"], s["score_change_max"], _labels(s["gaps_possibly_closed"]),
                     _labels(s["gaps_possibly_opened"]), b["source"]["kind"], a["source"]["kind"],
                     b["source"]["weak"], a["source"]["weak"], s["same_framework"], s["direction"],
                     s["gaps_closed"] is not None, b["score_min"], b["score_max"], a["score_min"], a["score_max"]))
    for x in r["only_in_a"]:
        rows.append(("only_in_a", x["jurisdiction"], x["year"], x["framework"], x["score"], x["grade"],
                     "", "", "", "", "", "", "", "", "", x["grade_inferred"], "", x["source"]["title"], "", "", "", "",
                     "", x["source"]["kind"], "", x["source"]["weak"], "", "", "", "", x["score_min"], x["score_max"],
                     "", ""))
    for x in r["only_in_b"]:
        rows.append(("only_in_b", x["jurisdiction"], "", "", "", "", x["year"], x["framework"], x["score"],
                     x["grade"], "", "", "", "", "", "", x["grade_inferred"], "", x["source"]["title"], "", "", "", "",
                     "", x["source"]["kind"], "", x["source"]["weak"], "", "", "", "", "", x["score_min"],
                     x["score_max"]))
    notes: tuple[str, ...] = (r["warning"],) if r["warning"] else ()
    if r.get("comparable_pairs"):
        notes += ("To compare like with like: " + "; ".join(p["command"] for p in r["comparable_pairs"]) + ".",)
    if r.get("summary"):
        notes += (diff_summary(r["summary"]) + f" ({r['summary_note']}).",)
    if any(s["gaps_closed"] is None for s in r["states"]):
        notes += ("Gaps closed or opened: \"unknown\" where a side has no findings recorded (gaps_known false); "
                  "empty means none.",)
    notes += (Cited(r["figures_note"]),) + tuple(provenance_notes(r))
    return Tabular(f"Changes from {r['a']['label']} to {r['b']['label']}", cols, rows, notes)


def terminal(r: Report) -> list[Any]:
    from pic.render import terminal as term

    return term.comparison(r)


MARKDOWN = (("jurisdiction", "Jurisdiction"), ("before_grade", "Grade before"), ("after_grade", "Grade after"),
            ("grade_steps", "Grade steps"), ("before_score", "Before (points)"), ("after_score", "After (points)"),
            ("score_change", "Change (points)"), ("direction", "Direction"), ("same_framework", "Same framework"),
            ("gaps_closed", "Gaps closed"), ("gaps_opened", "Gaps opened"))


def layout(r: Report) -> Layout:
    """The table figure (--format svg|html): what a newspaper would print of it."""
    from pic.views import layouts

    return layouts.diff(r)


KIND = ReportKind("diff", "diff A B", ("diff", "2018", "2019"), rows, MARKDOWN, terminal, layout=layout)
