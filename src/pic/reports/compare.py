"""`pic compare STATE...`: several states side by side for one year."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from pic.reports import Note, Report, ReportKind, Result

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.views.tabular import Tabular


def build(tree: DataTree, states: Sequence[str], year: str | int | None = None) -> Result:
    from pic.core.select import compare_editions
    from pic.views import compare as compare_view

    chosen_year, cards, note = compare_editions(tree, list(states), year)
    notes = (Note(note, carried=True),) if note else ()
    return Result(KIND, compare_view.comparison(chosen_year, cards, note), notes)


def rows(r: Report) -> Tabular:
    from pic.views import compare as compare_view

    return compare_view.rows(r)


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
