"""Across editions: one state's history, and one year's ranking of all states."""

from __future__ import annotations

from dataclasses import dataclass

from pic.core.load import DataTree
from pic.core.model import Framework
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
    tied: bool = False  # another row shares this rank
    # What placed the row: "grade-and-score" (its grade band, then its score),
    # "grade-only" (a grade but no score on record: placed inside its band, after the
    # scored rows there, tied with the others like it), "implied" (a partial profile
    # placed on the score and grade its published totals imply: an inference),
    # "score-only" (a score on a framework with no grade scale), "range" (a partial
    # profile whose findings leave a range no published total settles: last) or "none".
    rank_basis: str = "grade-and-score"


def grade_rank(framework: Framework, grade: str | None) -> int | None:
    """The grade's place on the framework's own scale (0 for its best grade); None for no
    grade or one the scale does not have. No fixed alphabet: a scale of A B C D F has no E,
    so F is four steps under A, not five."""
    rank = getattr(framework, "grade_rank", None)
    if rank is not None:
        return rank(grade)
    if not grade:  # pragma: no cover - older model without Framework.grade_rank
        return None
    grades = [b.grade for b in framework.grade_scale]
    base = grade.rstrip("+-")
    return grades.index(grade) if grade in grades else grades.index(base) if base in grades else None


def grade_index(grade: str | None, framework: Framework | None = None) -> int:
    """A sort key for a grade, best first; unknown grades sort last. With a framework, its
    own scale decides; without one, the letters A B C D F in that order (no E)."""
    if framework is not None:
        r = grade_rank(framework, grade)
        return 99 if r is None else r
    if not grade:
        return 99
    letter = grade[0].upper()
    return "ABCDF".index(letter) if letter in "ABCDF" else 98


def ranked_figures(card: Scorecard) -> tuple[float | None, str | None, bool]:
    """The score and grade a row is ranked on, and whether they are implied.

    A complete profile or a published record: its own score and grade. A partial profile
    whose findings leave a range: the figures its published totals imply, where they
    settle one (an inference, marked "implied"); otherwise the grade when the whole range
    falls in one band; otherwise nothing (the row is listed last, its range shown)."""
    if card.score is not None or card.grade is not None:
        return card.score, card.grade, False
    lo, hi = card.implied_min, card.implied_max
    if lo is not None and hi is not None and card.published_match is not False:
        exact = lo if abs(hi - lo) <= 1e-9 else None
        grade = card.implied_grade_min if card.implied_grade_min == card.implied_grade_max else None
        if exact is not None or grade is not None:
            return exact, grade, True
    return None, None, False


def _rank_key(card: Scorecard) -> tuple[int, int, float, str]:
    """Grade band first (the framework's own scale order), then score, best first.

    A row with a grade but no score sorts inside its band after the scored rows there;
    a row with neither comes last."""
    score, grade, _ = ranked_figures(card)
    band = grade_rank(card.framework, grade)
    if band is None and grade is None and score is not None and not card.framework.grade_scale:
        band = -1  # no scale to band by: the score alone ranks it, kind "score-only"
    return (
        99 if band is None else band,
        1 if score is None else 0,
        0.0 if score is None else -score,
        "" if band is not None else (grade or ""),
    )


def _basis(card: Scorecard) -> str:
    score, grade, implied = ranked_figures(card)
    if implied:
        return "implied"
    band = grade_rank(card.framework, grade)
    if band is None:
        if score is not None:
            return "score-only"
        return "range" if card.score_min is not None and card.score_max is not None else "none"
    return "grade-and-score" if score is not None else "grade-only"


def ranking(tree: DataTree, year: int) -> list[Ranked]:
    """Every jurisdiction with a profile for `year`, best first.

    Ranked by grade band on each framework's own scale, then by score; a row with a grade
    but no score ranks inside its band, after the rows there with a score. Rows with the
    same band and the same score (or both without one) share a rank: a tie.
    """
    cards = [scorecard_at(tree, slug, year) for slug in tree.jurisdictions() if year in tree.years(slug)]
    cards.sort(key=lambda c: (*_rank_key(c), c.profile.jurisdiction))
    ranks: list[int] = []
    for i, card in enumerate(cards):
        if i and _rank_key(cards[i - 1]) == _rank_key(card):
            ranks.append(ranks[-1])
        else:
            ranks.append(i + 1)
    return [Ranked(rank, card, ranks.count(rank) > 1, _basis(card)) for rank, card in zip(ranks, cards)]


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
