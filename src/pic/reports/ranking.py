"""`pic score --all`: every jurisdiction's edition of a year, ranked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.core.errors import UsageError
from pic.reports import Note, Report, ReportKind, Result
from pic.views.tabular import Cited, SOURCE_COLUMNS, Tabular, flat, provenance_cells, range_text, scale_notes, provenance_notes

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.views.layout import Layout


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


RANKING_COLUMNS = ("rank", "jurisdiction", "name", "year", "framework", "score", "max_score", "grade", "basis",
                   "published_match", "tied", "rank_basis", "score_min", "score_max", "implied_score",
                   "implied_grade", "grade_inferred", "published_inferred", "source", "source_url") + SOURCE_COLUMNS \
    + ("rank_source", "rank_min", "rank_max", "ranked_among", "pic_rank", "position")


def pic_rank(row: dict[str, Any]) -> str:
    """pic's own rank as text: "3" where the figures settle it, "1–11" where they leave a range."""
    return range_text(row["rank_min"], row["rank_max"])


def rows(r: dict[str, Any]) -> Tabular:
    rows = [tuple(flat(row[c]) for c in RANKING_COLUMNS[:RANKING_COLUMNS.index("source")])
            + (row["source"]["title"], row["source"]["url"]) + provenance_cells(row["source"], row["published_rank"])
            + (row["rank_source"], row["rank_min"], row["rank_max"], row["ranked_among"], pic_rank(row),
               row["position"]) for row in r["rows"]]
    notes = [f"Ranks: {r['rank_note']}.", f"pic's rank: {r['rank_scope']}.", f"Listed {r['order']}."]
    if r.get("year_note"):
        notes.insert(0, f"Year {r['year_note']}.")
    notes += scale_notes(r["grade_scales"])
    notes.append(Cited(r["figures_note"]))
    notes += provenance_notes(r)
    title = (f"{r['year']}: {len(rows)} edition{'s' if len(rows) != 1 else ''} on record, of {r['jurisdictions']} "
             "jurisdictions")
    return Tabular(title, RANKING_COLUMNS, rows, tuple(notes))


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
