"""The reports a site is made of, built as the CLI builds them (same core calls, same views).

Each function returns the JSON-ready dict that the matching command prints with
`--format json`, so every figure on the site is one the CLI would show, in its words.
(When the library facade `pic.api` lands, these become calls into it.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.core.model import Framework
    from pic.core.select import Chosen


def years(tree: DataTree) -> list[int]:
    """Every edition year with at least one profile, oldest first."""
    return sorted({y for s in tree.jurisdictions() for y in tree.years(s)})


def default_year(tree: DataTree) -> tuple[int, str | None]:
    """The year `pic map` and `pic score --all` show without --year, and their note."""
    from pic.core import editions

    return editions.default_year(tree, None)


def frameworks(tree: DataTree) -> dict[str, Any]:
    """`pic frameworks --format json`."""
    from pic.views import reports

    return reports.frameworks(tree.frameworks())


def one_framework(report: dict[str, Any], framework_id: str) -> dict[str, Any]:
    """The frameworks report narrowed to one framework (still a valid frameworks report)."""
    return {**report, "frameworks": [f for f in report["frameworks"] if f["id"] == framework_id]}


def components(tree: DataTree, framework: Framework) -> list[dict[str, Any]]:
    """`pic explain COMPONENT --framework ID --format json` for every component, in order."""
    from pic.core import analysis
    from pic.views import analyst

    out = []
    for comp_id in framework.components:
        found = analysis.find_component(framework, comp_id)
        out.append(analyst.explanation(analysis.explain_component(framework, found), None))
    return out


def tile_map(tree: DataTree, year: int, note: str | None = None) -> dict[str, Any] | None:
    """`pic map --year YEAR --format json`; None when no jurisdiction has a card that year."""
    from pic.core.tilemap import tiles
    from pic.views import reports

    items = tiles(tree, year)
    if not any(t.card for t in items):
        return None
    return reports.tile_map(year, items, note)


def ranking(tree: DataTree, year: int, note: str | None = None) -> dict[str, Any] | None:
    """`pic score --all --year YEAR --format json`; None when the year has no profiles."""
    from pic.core import editions
    from pic.views import reports

    rows = editions.ranking(tree, year)
    if not rows:
        return None
    return reports.ranking(year, rows, note)


def previous_year(tree: DataTree, year: int, all_years: list[int]) -> int | None:
    """The edition before `year` under the same framework, if the record has one."""
    fw = tree.framework_for_year(year)
    if fw is None:
        return None
    earlier = [y for y in all_years if y < year and (other := tree.framework_for_year(y)) is not None
               and other.id == fw.id]
    return max(earlier) if earlier else None


def diff(tree: DataTree, a: int, b: int) -> dict[str, Any]:
    """`pic diff A B --format json`."""
    from pic.core.sides import compare_sides, pairs_to_suggest
    from pic.views import reports

    comparison = compare_sides(tree, str(a), str(b), [])
    pairs = [] if comparison.comparable else pairs_to_suggest(tree, str(a), str(b), [])
    return reports.comparison(str(a), str(b), comparison, pairs)


def current(tree: DataTree, slug: str) -> Chosen:
    """The edition `pic score STATE` shows: the newest on record."""
    from pic.core.select import load_edition

    return load_edition(tree, slug, None)


def scorecard(tree: DataTree, slug: str, year: int | None) -> dict[str, Any]:
    """`pic score STATE [--year YEAR] --format json`."""
    from pic.core.score import score_profile
    from pic.core.select import load_edition
    from pic.views import reports

    chosen = load_edition(tree, slug, year)
    return reports.scorecard(score_profile(chosen.framework, chosen.profile), chosen)


def state_report(tree: DataTree, chosen: Chosen, score_report: dict[str, Any]) -> dict[str, Any]:
    """What `pic score STATE --format html` draws: the card, the gaps `pic gaps` would list
    (this edition's, or the newest edition's with findings, marked as older) and the history."""
    from pic.core import editions
    from pic.core.jurisdictions import resolve
    from pic.core.score import find_gaps, score_profile
    from pic.core.select import EditionRef, choose
    from pic.views import reports

    profile = chosen.profile
    in_tree = profile.jurisdiction in tree.jurisdictions() and profile.year in tree.years(profile.jurisdiction)
    source = chosen
    if profile.findings is None and in_tree:
        source = choose(tree, EditionRef(place=resolve(profile.jurisdiction)), need_findings=True)
    gaps_report = None
    if source.profile.findings is not None:
        card = score_profile(source.framework, source.profile)
        gaps_report = reports.gaps(card, find_gaps(source.framework, source.profile), source)
    found = editions.history(tree, profile.jurisdiction) if in_tree else []
    history_report = reports.history(profile.jurisdiction, found, editions.missing_years(tree, profile.jurisdiction)) \
        if found else None
    return {"score": score_report, "gaps": gaps_report, "history": history_report}
