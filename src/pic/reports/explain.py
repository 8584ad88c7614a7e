"""`pic explain STATE COMPONENT` (or `pic explain COMPONENT`): a component's criteria, a
state's answers and citations, and how its points follow."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.reports import Note, Report, ReportKind, Result
from pic.views.tabular import Tabular, fmt_cell, score_span, newest_note

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.views.layout import Layout


def build(tree: DataTree, target: str, component: str | None = None, framework_id: str | None = None,
          year: str | int | None = None) -> Result:
    from pic.core.select import explain_target
    from pic.views import analyst

    chosen, found = explain_target(tree, target, component, framework_id, year)
    notes: tuple[Note, ...] = ()
    if chosen is not None and chosen.reason:
        from pic.views import reports

        notes = (Note(reports.newer_note(chosen), carried=True),)
    return Result(KIND, analyst.explanation(found, chosen), notes)


# The columns README.md documents for each command; whatif's first seven are the ones
# every gap row fills, the last four carry the scores of section, total and grade rows.
EXPLAIN_COLUMNS = ("jurisdiction", "year", "component", "criterion", "question", "points", "answer", "earned",
                   "citations", "note", "basis", "inferred", "confidence", "earned_min", "earned_max")


def rows(r: dict[str, Any]) -> Tabular:
    comp, section = r["component"], r["section"]
    rows = [(r["jurisdiction"], r["year"], comp["id"], c["id"], c["question"], c["points"], c["answer"], c["earned"],
             "; ".join(c["citations"]), c["note"], c["basis"], c["inferred"], comp["confidence"], c.get("earned_min"),
             c.get("earned_max"))
            for c in r["criteria"]]
    who = f"{r['name']} {r['year']}, " if r["jurisdiction"] else f"{r['framework_title']}, "
    if r["score"] is not None or r.get("score_min") is not None:
        scored = f": {score_span(r)} of {fmt_cell(comp['max'])}"
    else:
        scored = f" (max {fmt_cell(comp['max'])})"
    heading = f' (card: "{section["card_title"]}")' if section.get("card_title") else ""
    notes: list[str] = [f"Section {section['id']}: {section['title']}{heading}.",
                        f"Component {comp['id']}: {comp['confidence_note']}."]
    if any(c["inferred"] for c in r["criteria"]):
        notes.append("inferred: the answer or its points rest on a published section total, not on the card's text.")
    if r["basis"] == "published":
        notes.append("No findings are recorded for this edition; the criteria are shown without answers.")
    if r["unknown"]:
        notes.append(f"{len(r['unknown'])} criteria unknown, counted as not met.")
    return Tabular(f"{who}{comp['id']} {comp['title']}{scored}", EXPLAIN_COLUMNS, rows, newest_note(r) + tuple(notes))


def terminal(r: Report) -> list[Any]:
    from pic.render import terminal_analyst

    return terminal_analyst.explanation(r)


MARKDOWN = (("criterion", "Criterion"), ("question", "Question"), ("points", "Worth (points)"),
            ("answer", "Answer"), ("earned_min", "Earned, least (points)"),
            ("earned_max", "Earned, most (points)"), ("basis", "Basis"), ("inferred", "Inferred"),
            ("citations", "Citations"))


def layout(r: Report) -> Layout:
    """The table figure (--format svg|html): what a newspaper would print of it."""
    from pic.views import layouts

    return layouts.explain(r)


KIND = ReportKind("explain", "explain STATE COMPONENT", ("explain", "mississippi", "6.3", "--year", "2019"), rows,
                  MARKDOWN, terminal, layout=layout)
