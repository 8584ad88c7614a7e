"""Turning `pic diff A B [STATE...]` arguments into scorecard pairs."""

from __future__ import annotations

from pathlib import Path

from pic.core import jurisdictions
from pic.core.diff import Comparison, compare, comparable_pairs
from pic.core.editions import scorecard_at
from pic.core.errors import UsageError, short
from pic.core.load import DataTree
from pic.core.score import Scorecard, score_profile
from pic.core.select import looks_like_file, parse_side


def _side(tree: DataTree, text: str, only: set[str] | None) -> dict[str, Scorecard]:
    side = parse_side(text)
    if isinstance(side, Path):
        profile = tree.profile(side)
        return {profile.jurisdiction: score_profile(tree.framework(profile.framework_id), profile)}
    year = side
    slugs = [s for s in tree.jurisdictions() if year in tree.years(s) and (only is None or s in only)]
    if not slugs and only is None:
        raise UsageError(f"no profiles for {year}.")
    return {s: scorecard_at(tree, s, year) for s in slugs}


def compare_sides(tree: DataTree, a: str, b: str, states: list[str]) -> Comparison:
    only = {jurisdictions.resolve(s).slug for s in states} if states else None
    before = _side(tree, a, only)
    after = _side(tree, b, only)
    if looks_like_file(a) and looks_like_file(b) and set(before) != set(after):
        # Two states' profiles: a diff follows one state from edition to edition.
        (first,), (second,) = before, after
        raise UsageError(f"{short(a, 300)} is a profile of {jurisdictions.place_name(first)} and {short(b, 300)} one of "
                         f"{jurisdictions.place_name(second)}; pic diff compares two editions of one state "
                         f"(pic compare {first} {second} shows states side by side).")
    # A single file stands for its own state: don't list every other state as missing.
    if looks_like_file(a) or looks_like_file(b):
        keep = set(before) if looks_like_file(a) else set(after)
        before = {k: v for k, v in before.items() if k in keep}
        after = {k: v for k, v in after.items() if k in keep}
    pairs = [(before[s], after[s]) for s in sorted(set(before) & set(after))]
    return compare(
        pairs,
        [before[s] for s in sorted(set(before) - set(after))],
        [after[s] for s in sorted(set(after) - set(before))],
    )


def pairs_to_suggest(tree: DataTree, a: str, b: str, states: list[str]) -> list[tuple[int, int]]:
    """For a diff across frameworks: pairs of years on record (for the states asked
    about) that fall under one framework, to diff like with like."""
    only = {jurisdictions.resolve(s).slug for s in states} if states else None
    years = sorted({y for s in tree.jurisdictions() if only is None or s in only for y in tree.years(s)})
    frameworks = [tree.framework(i) for i in tree.framework_ids()]
    by_year = {y: fw.id for y in years for fw in frameworks if fw.covers(y)}
    sides = [parse_side(x) for x in (a, b)]
    ya, yb = (x if isinstance(x, int) else None for x in sides)
    return comparable_pairs(by_year, ya, yb)
