"""Across editions: one state's history, and one year's ranking of all states."""

from __future__ import annotations

from dataclasses import dataclass

from pic.core.load import DataTree
from pic.core.score import Scorecard, score_profile


def scorecard_at(tree: DataTree, slug: str, year: int) -> Scorecard:
    profile = tree.profile(tree.profile_path(slug, year))
    return score_profile(tree.framework(profile.framework_id), profile)


@dataclass(frozen=True, slots=True)
class Edition:
    card: Scorecard
    framework_changed: bool  # the framework differs from the previous edition's


def history(tree: DataTree, slug: str) -> list[Edition]:
    """Every edition on record for one state, oldest first."""
    out: list[Edition] = []
    previous: str | None = None
    for year in tree.years(slug):
        card = scorecard_at(tree, slug, year)
        changed = previous is not None and card.framework.id != previous
        out.append(Edition(card, changed))
        previous = card.framework.id
    return out


@dataclass(frozen=True, slots=True)
class Ranked:
    rank: int
    card: Scorecard


def grade_index(grade: str | None) -> int:
    """A=0 ... F=4 (plus and minus ignored); unknown grades sort last."""
    if not grade:
        return 99
    return "ABCDEF".find(grade[0]) if grade[0] in "ABCDEF" else 98


def ranking(tree: DataTree, year: int) -> list[Ranked]:
    """Every jurisdiction with a profile for `year`, best first.

    Ordered by score, then by grade where a score is not published; equal score and
    grade share a rank.
    """
    cards = [scorecard_at(tree, slug, year) for slug in tree.jurisdictions() if year in tree.years(slug)]

    def key(c: Scorecard) -> tuple:
        return (c.score is None, -(c.score or 0.0), grade_index(c.grade))

    cards.sort(key=lambda c: (*key(c), c.profile.jurisdiction))
    out: list[Ranked] = []
    for i, card in enumerate(cards):
        if out and key(out[-1].card) == key(card):
            rank = out[-1].rank
        else:
            rank = i + 1
        out.append(Ranked(rank, card))
    return out


def default_year(tree: DataTree, year: int | None) -> tuple[int, str | None]:
    """The year of `score --all` and `map`: as given, else the newest year that covers
    nearly every jurisdiction on record (90 % or more), with a note that names it."""
    from pic.core.errors import UsageError
    from pic.core.select import newest_covering_year

    if year is not None:
        return year, None
    found = newest_covering_year(tree)
    if found is None:
        raise UsageError("the data tree holds no profiles.")
    chosen, covered, total = found
    newest = max(y for s in tree.jurisdictions() for y in tree.years(s))
    note = f"{chosen}: the newest year with profiles for {covered} of {total} jurisdictions on record"
    if newest != chosen:
        note += f" (later years cover fewer; use --year {newest} for the newest)"
    return chosen, note
