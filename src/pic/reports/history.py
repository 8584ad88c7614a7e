"""`pic history STATE`: every edition of one state, oldest first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.core.errors import UsageError
from pic.reports import Report, ReportKind, Result
from pic.views.tabular import Cited, SOURCE_COLUMNS, Tabular, join, provenance_cells, scale_notes, provenance_notes

if TYPE_CHECKING:
    from pic.core.load import DataTree


def build(tree: DataTree, state: str) -> Result:
    from pic.core import editions, jurisdictions
    from pic.views import reports

    place = jurisdictions.resolve(state)
    found = editions.history(tree, place.slug)
    if not found:
        raise UsageError(f"no profiles for {place.name} in the data tree.")
    return Result(KIND, reports.history(place.slug, found, editions.missing_years(tree, place.slug)))


def rows(r: dict[str, Any]) -> Tabular:
    cols = ("jurisdiction", "year", "framework", "score", "max_score", "grade", "basis", "framework_changed",
            "grade_inferred", "published_inferred", "source", "source_url") + SOURCE_COLUMNS + (
            "on_record", "score_min", "score_max", "grade_min", "grade_max", "published_score", "published_grade")
    rows: list[tuple[Any, ...]] = [
        (r["jurisdiction"], e["year"], e["framework"], e["score"], e["max_score"], e["grade"], e["basis"],
         e["framework_changed"], e["grade_inferred"], join(e["published_inferred"]), e["source"]["title"],
         e["source"]["url"]) + provenance_cells(e["source"], e["published_rank"])
        + (True, e["score_min"], e["score_max"], e["grade_min"], e["grade_max"], e["published_score"],
           e["published_grade"]) for e in r["editions"]]
    rows += [(r["jurisdiction"], m["year"], m["framework"], None, None, None, "missing", None, None, None, None, None,
              None, None, None, None, False, None, None, None, None, None, None) for m in r.get("missing") or []]
    rows.sort(key=lambda row: row[1])
    notes = tuple(scale_notes(r["grade_scales"])) + (Cited(r["figures_note"]),) + tuple(provenance_notes(r))
    if r.get("missing"):
        notes = (f"Missing: {', '.join(str(m['year']) for m in r['missing'])}: editions published in those years "
                 "are not on record for this state (basis missing, on_record false).",) + notes
    return Tabular(f"{r['name']}: every edition on record", cols, rows, notes)


def terminal(r: Report) -> list[Any]:
    from pic.render import terminal as term

    return term.history(r)


def figure(r: Report, fmt: str) -> str:
    if fmt == "svg":
        from pic.render import svg

        return svg.history_svg(r)
    from pic.render import html

    return html.history_html(r)


MARKDOWN = (("year", "Year"), ("framework", "Framework"), ("score", "Score (points)"),
            ("max_score", "Max (points)"), ("grade", "Grade"), ("published_grade", "Published grade"),
            ("basis", "Basis"), ("source", "Source"), ("source_kind", "Source kind"), ("source_weak", "Blog only"),
            ("published_rank", "Published rank"))

KIND = ReportKind("history", "history STATE", ("history", "mississippi"), rows, MARKDOWN, terminal, figure=figure)
