"""`pic status STATE`: how complete a profile is, per section."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.reports import Report, ReportKind, Result
from pic.views.tabular import Tabular

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.views.layout import Layout


def build(tree: DataTree, state: str, year: str | int | None = None) -> Result:
    from pic.core.select import load_edition
    from pic.core.status import profile_status
    from pic.views import status as status_view

    chosen = load_edition(tree, state, year)
    return Result(KIND, status_view.status(profile_status(chosen.framework, chosen.profile)))


COLUMNS = ("jurisdiction", "year", "section", "title", "criteria", "answered", "implied", "unknown",
           "points_answered", "points_implied", "points_unknown", "implication", "answered_from_totals")


def rows(r: dict[str, Any]) -> Tabular:
    out: list[tuple[Any, ...]] = []
    for s in r["sections"]:
        out.append((r["jurisdiction"], r["year"], s["id"], s["title"], s["criteria"], s["answered"], s["implied"],
                    s["unknown"], s["points_answered"], s["points_implied"], s["points_unknown"],
                    s["implication"]["message"] if s["implication"] else None, s["answered_from_totals"]))
    out.append((r["jurisdiction"], r["year"], "total", "Total", r["criteria"], r["answered"], r["implied"],
                r["unknown"], r["points_answered"], r["points_implied"], r["points_unknown"],
                r["rest"]["message"] if r["rest"] else None, r["answered_from_totals"]))
    notes = [f"Answered from published totals: {r['answered_from_totals']} of the answers are read from the "
             "publisher's section totals (basis published-total), not from the card's text; an inference.",
             "Implied: left unknown in the profile, but settled by the publisher's own section totals under pic's "
             "own split of the points, not by the findings; an inference."]
    if not r["has_findings"]:
        notes.insert(0, "No findings are recorded for this edition: every criterion is unknown.")
    title = f"{r['name']} {r['year']}: {r['answered']} of {r['criteria']} criteria answered " \
            f"({r['answered_from_totals']} from published totals), {r['implied']} more implied by them, " \
            f"{r['unknown']} unknown"
    return Tabular(title, COLUMNS, out, tuple(notes))


def terminal(r: Report) -> list[Any]:
    from pic.render import terminal_status

    return terminal_status.status(r)


MARKDOWN = (("section", "#"), ("title", "Section"), ("criteria", "Criteria"), ("answered", "Answered"),
            ("answered_from_totals", "From published totals"),
            ("implied", "Implied"), ("unknown", "Unknown"), ("points_unknown", "Unknown (points)"))


def layout(r: Report) -> Layout:
    """The table figure (--format svg|html): what a newspaper would print of it."""
    from pic.views import layouts

    return layouts.status(r)


KIND = ReportKind("status", "status STATE", ("status", "texas", "--year", "2015"), rows, MARKDOWN,
                  terminal, layout=layout)
