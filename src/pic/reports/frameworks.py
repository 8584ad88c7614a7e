"""`pic frameworks`: the frameworks, their years and grade scales."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.reports import Report, ReportKind, Result

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.views.layout import Layout
    from pic.views.tabular import Tabular


def build(tree: DataTree) -> Result:
    from pic.views import reports

    return Result(KIND, reports.frameworks(tree.frameworks()))


def rows(r: Report) -> Tabular:
    from pic.views import tabular

    return tabular.frameworks(r)


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
