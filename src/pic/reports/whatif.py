"""`pic whatif STATE --close GAP`: the score and grade if gaps were closed, and the fewest
gaps to close for the next grade and for an A."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from pic.reports import Note, Report, ReportKind, Result

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.views.layout import Layout
    from pic.views.tabular import Tabular


def build(tree: DataTree, state: str, close: Sequence[str] = (), year: str | int | None = None) -> Result:
    from pic.core import analysis
    from pic.core.jurisdictions import place_name
    from pic.core.select import load_edition
    from pic.views import analyst, reports

    chosen = load_edition(tree, state, year, need_findings=True)
    notes = [Note(reports.newer_note(chosen), carried=True)] if chosen.reason else []
    profile, framework = chosen.profile, chosen.framework
    analysis.require_findings(framework, profile)
    result = analysis.what_if(framework, profile, analysis.resolve_gaps(framework, list(close)))
    name = f"{place_name(profile.jurisdiction)} {profile.year}"
    for choice in result.already_met:
        if choice.kind == "component":
            notes.append(Note(f"component {choice.key} has no open gaps in {name}; nothing to close."))
        else:
            crit = choice.criteria[0]
            notes.append(Note(f"{crit.id} ({crit.gap}) is already met in {name}; nothing to close."))
    return Result(KIND, analyst.what_if(result, chosen), tuple(notes))


def rows(r: Report) -> Tabular:
    from pic.views import tabular_analyst

    return tabular_analyst.whatif(r)


def terminal(r: Report) -> list[Any]:
    from pic.render import terminal_analyst

    return terminal_analyst.what_if(r)


MARKDOWN = (("kind", "Row"), ("label", "Item"), ("points", "Points"), ("before", "Before (points)"),
            ("after", "After (points)"), ("after_min", "After, least (points)"),
            ("after_max", "After, most (points)"), ("max", "Max (points)"), ("grade", "Grade"))


def layout(r: Report) -> Layout:
    """The table figure (--format svg|html): what a newspaper would print of it."""
    from pic.views import layouts

    return layouts.whatif(r)


KIND = ReportKind("whatif", "whatif STATE", ("whatif", "mississippi", "--year", "2019", "--close", "6.3"), rows,
                  MARKDOWN, terminal, layout=layout)
