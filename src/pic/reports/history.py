"""`pic history STATE`: every edition of one state, oldest first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.core.errors import UsageError
from pic.reports import Report, ReportKind, Result

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.views.tabular import Tabular


def build(tree: DataTree, state: str) -> Result:
    from pic.core import editions, jurisdictions
    from pic.views import reports

    place = jurisdictions.resolve(state)
    found = editions.history(tree, place.slug)
    if not found:
        raise UsageError(f"no profiles for {place.name} in the data tree.")
    return Result(KIND, reports.history(place.slug, found, editions.missing_years(tree, place.slug)))


def rows(r: Report) -> Tabular:
    from pic.views import tabular

    return tabular.history(r)


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
