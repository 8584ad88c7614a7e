"""`pic gaps STATE`: the criteria not met, biggest first, with what to enact."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.reports import Note, Report, ReportKind, Result
from pic.views.tabular import Tabular, join, range_text, newest_note

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.views.layout import Layout


def build(tree: DataTree, state: str, year: str | int | None = None) -> Result:
    from pic.core.score import find_gaps, score_profile
    from pic.core.select import load_edition
    from pic.views import reports

    chosen = load_edition(tree, state, year, need_findings=True)
    notes = (Note(reports.newer_note(chosen), carried=True),) if chosen.reason else ()
    card = score_profile(chosen.framework, chosen.profile)
    items = find_gaps(chosen.framework, chosen.profile) if chosen.profile.findings is not None else None
    return Result(KIND, reports.gaps(card, items, chosen), notes)


GAPS_COLUMNS = ("jurisdiction", "year", "criterion", "label", "points", "answer", "component", "section",
                "recommendation", "citations", "note", "basis", "inferred", "points_min", "points_max",
                "shared_with", "shared_points", "kind", "implied", "points_basis", "findings_min", "findings_max",
                "hypothesis_min", "hypothesis_max", "indirect", "finding_source", "recommendation_for",
                "recommendation_by")


def _shared_with(g: dict[str, Any]) -> str | None:
    """The other criteria a gap shares its loss with ("6.5.a"); they lose `shared_points` together."""
    if not g["shared_loss"]:
        return None
    return join([c for c in g["shared_loss"]["criteria"] if c != g["criterion"]])


BASIS_NOTE = ("basis: card (the report card's text states it), statute (read from the statute), published-total "
              "(inferred: read from a published section total, not the card's text), shared-loss (the card names "
              "the weakness; its points are an inferred share of a section's published loss); inferred: true for "
              "the last two.")


POINTS_NOTE = ("points_min/points_max: what closing the gap would gain over every split of its component's points "
               "that the cards on record allow (points: that figure when exact, else empty); findings_min/"
               "findings_max: over every split; hypothesis_min/hypothesis_max: under pic's own split, a hypothesis. "
               "points_basis: component (the criterion carries its component's whole weight), cards (the cards "
               "narrow its share) or open (nothing narrows it).")


RECOMMENDATION_NOTE = ("Recommendations are pic's own wording, not the publisher's (recommendation_by: pic); "
                       "recommendation_for says which case the advice is for: no-law (the state has no such law), "
                       "lacks-element (its law lacks the element) or general.")


def rows(r: dict[str, Any]) -> Tabular:
    rows = [
        (r["jurisdiction"], r["year"], g["criterion"], g["label"], g["points"], g["answer"], g["component"],
         g["section"], g["recommendation"], join(g["citations"]), g["note"], g["basis"], g["inferred"],
         g["points_min"], g["points_max"], _shared_with(g), g["shared_loss"]["points"] if g["shared_loss"] else None,
         g["kind"], g["implied"], g.get("points_basis"), g.get("findings_min"), g.get("findings_max"),
         g.get("hypothesis_min"), g.get("hypothesis_max"), g.get("indirect"), g.get("finding_source"),
         g["recommendation_for"], g["recommendation_by"])
        for g in r["gaps"] or []
    ]
    if r["gaps"] is None:
        return Tabular(f"{r['name']} {r['year']}: gaps unknown", GAPS_COLUMNS, rows, (r["unknown_reason"],))
    notes: tuple[str, ...] = (BASIS_NOTE, POINTS_NOTE, RECOMMENDATION_NOTE) if rows else ()
    if any(g["shared_loss"] for g in r["gaps"]):
        notes += ("Gaps that share a loss lose shared_points together, their split unknown: points is the most one "
                  "can cost, points_min the least; do not add the points column up (the title gives the total).",)
    counts = r.get("counts") or {"known": len(rows), "implied": 0, "unknown": 0}
    found = f"{counts['known']} gap{'s' if counts['known'] != 1 else ''}"
    if counts["implied"]:
        found += f", {counts['implied']} implied by published totals"
    if counts["unknown"]:
        found += f", {counts['unknown']} criteri{'a' if counts['unknown'] != 1 else 'on'} unknown"
    return Tabular(f"{r['name']} {r['year']}: {found}; {range_text(r['points_at_stake_min'], r['points_at_stake_max'])} "
                   "points at stake", GAPS_COLUMNS, rows, newest_note(r) + notes)


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
