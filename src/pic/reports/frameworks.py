"""`pic frameworks`: the frameworks, their years and grade scales."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.reports import Report, ReportKind, Result
from pic.views.tabular import Tabular, join

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.views.layout import Layout


def build(tree: DataTree) -> Result:
    from pic.views import reports

    return Result(KIND, reports.frameworks(tree.frameworks()))


def rows(r: dict[str, Any]) -> Tabular:
    cols = ("id", "title", "publisher", "first_year", "last_year", "max_score", "extra_credit", "grade_scale",
            "sections", "criteria", "grade_scale_inferred", "section_titles")
    rows = [(f["id"], f["title"], f["publisher"], f["first_year"], f["last_year"], f["max_score"],
             f["extra_credit"], join([f"{b['grade']} {b['min']}" for b in f["grade_scale"]]), len(f["sections"]),
             f["criteria"], f["grade_scale_inferred"], join([section_titles(s) for s in f["sections"]]))
            for f in r["frameworks"]]
    notes = [f"Grade scale of {f['id']} (inferred): {f['grade_scale_basis']}" for f in r["frameworks"]
             if f["grade_scale_inferred"]]
    from pic.views.reports import confidence_note

    notes += [f"{f['id']}: {n} components {k}: {confidence_note(k)}" for f in r["frameworks"]
              for k, n in f["confidence"].items()]
    return Tabular("Frameworks", cols, rows, tuple(notes))


def section_titles(s: dict[str, Any]) -> str:
    """pic's short title, and the card's own heading beside it where recorded."""
    card = f' (card: "{s["card_title"]}")' if s.get("card_title") else ""
    return f"{s['id']} {s['title']}{card}"


def terminal(r: Report) -> list[Any]:
    from pic.render import terminal as term

    return term.frameworks(r)


MARKDOWN = (("id", "Id"), ("title", "Framework"), ("first_year", "From"), ("last_year", "To"),
            ("max_score", "Max (points)"), ("extra_credit", "Extra credit (points)"),
            ("grade_scale", "Grade scale (minimum points)"), ("grade_scale_inferred", "Scale inferred"))


def layout(r: Report) -> Layout:
    """The table figure (--format svg|html): what a newspaper would print of it."""
    from pic.views import layouts

    return layouts.frameworks(r)


KIND = ReportKind("frameworks", "frameworks", ("frameworks",), rows, MARKDOWN, terminal, layout=layout)
