"""`pic map`: the US as a tile grid coloured by grade."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.core.errors import UsageError
from pic.reports import Note, Report, ReportKind, Result
from pic.views.tabular import Cited, SOURCE_COLUMNS, Tabular, join, provenance_cells, scale_notes, provenance_notes

if TYPE_CHECKING:
    from pic.core.load import DataTree


def build(tree: DataTree, year: str | int | None = None) -> Result:
    from pic.core import editions
    from pic.core.select import check_year
    from pic.core.tilemap import tiles
    from pic.views import reports

    chosen_year, note = editions.default_year(tree, check_year(year))
    items = tiles(tree, chosen_year)
    if not any(t.card for t in items):
        raise UsageError(f"no profiles for {chosen_year}.")
    notes = (Note(note, carried=True),) if note else ()
    return Result(KIND, reports.tile_map(chosen_year, items, note), notes)


def rows(r: dict[str, Any]) -> Tabular:
    cols = ("postal", "jurisdiction", "name", "year", "grade", "score", "basis", "row", "col", "grade_inferred",
            "published_inferred", "source", "source_url") + SOURCE_COLUMNS + (
            "on_record", "grade_min", "grade_max", "published_grade")
    rows = [(t["postal"], t["jurisdiction"], t["name"], r["year"], t["grade"], t["score"], t["basis"], t["row"],
             t["col"], t["grade_inferred"] if t["grade"] else None, join(t["published_inferred"]),
             t["source"]["title"] if t["source"] else None, t["source"]["url"] if t["source"] else None)
            + provenance_cells(t["source"], t["published_rank"])
            + (t["on_record"], t["grade_min"], t["grade_max"], t["published_grade"]) for t in r["tiles"]]
    notes = ([f"Year {r['year_note']}."] if r.get("year_note") else []) + scale_notes(r["grade_scales"])
    notes.append(Cited(r["figures_note"]))
    notes += provenance_notes(r)
    return Tabular(f"Grades {r['year']}", cols, rows, tuple(notes))


def terminal(r: Report) -> list[Any]:
    from pic.render import terminal as term

    return term.tile_map(r)


def figure(r: Report, fmt: str) -> str:
    if fmt == "svg":
        from pic.render import svg

        return svg.map_svg(r)
    from pic.render import html

    return html.map_html(r)


MARKDOWN = (("postal", "Postal"), ("name", "Jurisdiction"), ("grade", "Grade"),
            ("published_grade", "Published grade"), ("score", "Score (points)"), ("basis", "Basis"),
            ("source_kind", "Source kind"), ("source_weak", "Blog only"))

KIND = ReportKind("map", "map", ("map", "--year", "2019"), rows, MARKDOWN, terminal, figure=figure)
