"""`pic gaps STATE`: the criteria not met, biggest first, with what to enact."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.reports import Note, Report, ReportKind, Result

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.views.layout import Layout
    from pic.views.tabular import Tabular


def build(tree: DataTree, state: str, year: str | int | None = None) -> Result:
    from pic.core.score import find_gaps, score_profile
    from pic.core.select import load_edition
    from pic.views import reports

    chosen = load_edition(tree, state, year, need_findings=True)
    notes = (Note(reports.newer_note(chosen), carried=True),) if chosen.reason else ()
    card = score_profile(chosen.framework, chosen.profile)
    items = find_gaps(chosen.framework, chosen.profile) if chosen.profile.findings is not None else None
    return Result(KIND, reports.gaps(card, items, chosen), notes)


def rows(r: Report) -> Tabular:
    from pic.views import tabular

    return tabular.gaps(r)


def terminal(r: Report) -> list[Any]:
    from pic.render import terminal as term

    return term.gaps(r)


MARKDOWN = (("kind", "Kind"), ("points_min", "At stake, least (cards allow)"),
            ("points_max", "At stake, most (cards allow)"), ("hypothesis_max", "pic's split"),
            ("points_basis", "Points rest on"),
            ("label", "Gap"), ("component", "Component"), ("recommendation", "What to enact (pic's wording)"),
            ("basis", "Basis"), ("inferred", "Inferred"), ("citations", "Citations"))


def layout(r: Report) -> Layout:
    """The table figure (--format svg|html): what a newspaper would print of it."""
    from pic.views import layouts

    return layouts.gaps(r)


KIND = ReportKind("gaps", "gaps STATE", ("gaps", "mississippi", "--year", "2019"), rows, MARKDOWN,
                  terminal, layout=layout)
