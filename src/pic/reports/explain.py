"""`pic explain STATE COMPONENT` (or `pic explain COMPONENT`): a component's criteria, a
state's answers and citations, and how its points follow."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.reports import Note, Report, ReportKind, Result

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.views.layout import Layout
    from pic.views.tabular import Tabular


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


def rows(r: Report) -> Tabular:
    from pic.views import tabular_analyst

    return tabular_analyst.explain(r)


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
