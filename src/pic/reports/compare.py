"""`pic compare STATE...`: several states side by side for one year."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from pic.reports import Note, Report, ReportKind, Result
from pic.views.tabular import Cited, Tabular

if TYPE_CHECKING:
    from pic.core.load import DataTree


def build(tree: DataTree, states: Sequence[str], year: str | int | None = None) -> Result:
    from pic.core.select import compare_editions
    from pic.views import compare as compare_view

    chosen_year, cards, note = compare_editions(tree, list(states), year)
    notes = (Note(note, carried=True),) if note else ()
    return Result(KIND, compare_view.comparison(chosen_year, cards, note), notes)


COLUMNS = ("jurisdiction", "name", "year", "framework", "section", "title", "score", "max", "grade", "basis",
           "score_min", "score_max", "grade_min", "grade_max", "grade_inferred", "published", "published_grade",
           "published_inferred", "implied_min", "implied_max")


def rows(r: dict[str, Any]) -> Tabular:
    out: list[tuple[Any, ...]] = []
    for s in r["states"]:
        for sec in s["sections"]:
            out.append((s["jurisdiction"], s["name"], s["year"], s["framework"], sec["id"], sec["title"],
                        sec["score"], sec["max"], None, s["basis"], sec["score_min"], sec["score_max"], None, None,
                        None, sec["published"], sec["published_grade"], sec["published_inferred"],
                        sec["implied_min"], sec["implied_max"]))
        pub = s["published"] or {}
        implied = s["implied"] or {}
        out.append((s["jurisdiction"], s["name"], s["year"], s["framework"], "total", "Total", s["score"],
                    s["max_score"], s["grade"], s["basis"], s["score_min"], s["score_max"], s["grade_min"],
                    s["grade_max"], s["grade_inferred"], pub.get("score"), pub.get("grade"),
                    bool({"score", "grade"} & set(pub.get("inferred") or [])), implied.get("score_min"),
                    implied.get("score_max")))
    names = ", ".join(s["name"] for s in r["states"])
    notes: list[str] = []
    if r["warning"]:
        notes.append(r["warning"])
    if r["grade_scale_inferred"]:
        notes.append("The grade scale is inferred by pic from published scores and grades; the publisher did not "
                     "print it.")
    if any(s["grade_inferred"] for s in r["states"]):
        notes.append("grade_inferred: the grade is an inference (the research infers it, or pic put the score on an "
                     "inferred scale), not printed by the publisher.")
    if any(s["score"] is None and s["score_min"] is not None for s in r["states"]):
        notes.append("A partial profile's score is a range (score_min to score_max): an unknown is never counted as "
                     "met or as zero; implied_min/implied_max: what its published totals imply (an inference).")
    notes.append(Cited("Published figures come from the sources named in each state's profile (pic history STATE)."))
    from pic.views.reports import WEAK_NOTE, source_label

    for st in r["states"]:
        notes.append(Cited(f"{st['name']}: {source_label(st['source'])}"
                           + (f"; the figures {WEAK_NOTE}" if st["source"]["weak"] else "")))
    notes += [Cited(n) for n in (r["credit"], r["source_kinds_note"], r["figures_note"]) if n]
    notes += [Cited(f"{c['name']} {c['year']}, {c['kind']} ({', '.join(c['figures'])}): {c['note']}")
              for c in r["conflicts"]]
    return Tabular(f"{names}: side by side, {r['year']}", COLUMNS, out, tuple(notes))


def terminal(r: Report) -> list[Any]:
    from pic.render import terminal_compare

    return terminal_compare.comparison(r)


def figure(r: Report, fmt: str) -> str:
    if fmt == "svg":
        from pic.render import svg

        return svg.compare_svg(r)
    from pic.render import html

    return html.compare_html(r)


MARKDOWN = (("name", "Jurisdiction"), ("section", "#"), ("title", "Section"), ("score", "Score (points)"),
            ("max", "Max (points)"), ("grade", "Grade"), ("published", "Published (points)"),
            ("published_grade", "Published grade"), ("basis", "Basis"))

KIND = ReportKind("compare", "compare STATE...", ("compare", "mississippi", "alabama", "tennessee", "--year", "2019"), rows,
                  MARKDOWN, terminal, figure=figure)
