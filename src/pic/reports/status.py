"""`pic status STATE`: how complete a profile is, per section."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.reports import Report, ReportKind, Result

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.views.layout import Layout
    from pic.views.tabular import Tabular


def build(tree: DataTree, state: str, year: str | int | None = None) -> Result:
    from pic.core.select import load_edition
    from pic.core.status import profile_status
    from pic.views import status as status_view

    chosen = load_edition(tree, state, year)
    return Result(KIND, status_view.status(profile_status(chosen.framework, chosen.profile)))


def rows(r: Report) -> Tabular:
    from pic.views import status as status_view

    return status_view.rows(r)


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
