"""`pic score --all`: every jurisdiction's edition of a year, ranked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.core.errors import UsageError
from pic.reports import Note, Report, ReportKind, Result

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.views.layout import Layout
    from pic.views.tabular import Tabular


def build(tree: DataTree, year: str | int | None = None, fail_under: str | None = None) -> Result:
    from pic.core import editions, gates
    from pic.core.select import check_year
    from pic.views import reports

    threshold = gates.parse_threshold(fail_under) if fail_under is not None else None
    chosen_year, note = editions.default_year(tree, check_year(year))
    found = editions.ranking(tree, chosen_year)
    if not found:
        raise UsageError(f"no profiles for {chosen_year}.")
    cards = [r.card for r in found]
    failure = None
    if threshold is not None:
        gates.check_threshold(threshold, cards)
        short = [why for c in cards if (why := gates.falls_short(c, threshold))]
        if short:
            # one line per row that falls short, each whole on its own (a script can grep it)
            failure = "\n".join([f"--fail-under {threshold}: {len(short)} of {len(cards)} rows fall short"]
                                + [f"--fail-under {threshold}: {why}" for why in short])
    notes = (Note(note, carried=True),) if note else ()
    return Result(KIND, reports.ranking(chosen_year, found, note), notes, failure)


def rows(r: Report) -> Tabular:
    from pic.views import tabular

    return tabular.ranking(r)


def terminal(r: Report) -> list[Any]:
    from pic.render import terminal as term

    return term.ranking(r)


MARKDOWN = (("published_rank", "Published rank (publisher's)"), ("pic_rank", "pic's rank (among editions on record)"),
            ("name", "Jurisdiction"), ("score", "Score (points)"),
            ("max_score", "Max (points)"), ("grade", "Grade"), ("basis", "Basis"), ("rank_basis", "Ranked by"),
            ("framework", "Framework"), ("source_kind", "Source kind"), ("source_weak", "Blog only"))


def layout(r: Report) -> Layout:
    """The table figure (--format svg|html): what a newspaper would print of it."""
    from pic.views import layouts

    return layouts.ranking(r)


KIND = ReportKind("ranking", "score --all", ("score", "--all", "--year", "2019"), rows, MARKDOWN,
                  terminal, layout=layout)
