"""`pic diff A B`: score and grade changes between two editions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from pic.reports import Note, Report, ReportKind, Result

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.views.layout import Layout
    from pic.views.tabular import Tabular


def build(tree: DataTree, a: str, b: str, states: Sequence[str] = (), exit_code: bool = False) -> Result:
    """`exit_code`: a change is a failed check (exit 1), as `diff --exit-code`."""
    from pic.core.sides import compare_sides, pairs_to_suggest
    from pic.views import reports

    comparison = compare_sides(tree, a, b, list(states))
    pairs: list[tuple[int, int]] = []
    notes: tuple[Note, ...] = ()
    if not comparison.comparable:
        pairs = pairs_to_suggest(tree, a, b, list(states))
        hint = "; like with like: " + ", ".join(f"pic diff {x} {y}" for x, y in pairs) if pairs else ""
        notes = (Note("the two sides use different frameworks; only grades are set side by side" + hint + ".",
                      carried=True),)
    failure = "" if exit_code and comparison.changed else None
    return Result(KIND, reports.comparison(a, b, comparison, pairs), notes, failure)


def rows(r: Report) -> Tabular:
    from pic.views import tabular

    return tabular.comparison(r)


def terminal(r: Report) -> list[Any]:
    from pic.render import terminal as term

    return term.comparison(r)


MARKDOWN = (("jurisdiction", "Jurisdiction"), ("before_grade", "Grade before"), ("after_grade", "Grade after"),
            ("grade_steps", "Grade steps"), ("before_score", "Before (points)"), ("after_score", "After (points)"),
            ("score_change", "Change (points)"), ("direction", "Direction"), ("same_framework", "Same framework"),
            ("gaps_closed", "Gaps closed"), ("gaps_opened", "Gaps opened"))


def layout(r: Report) -> Layout:
    """The table figure (--format svg|html): what a newspaper would print of it."""
    from pic.views import layouts

    return layouts.diff(r)


KIND = ReportKind("diff", "diff A B", ("diff", "2018", "2019"), rows, MARKDOWN, terminal, layout=layout)
