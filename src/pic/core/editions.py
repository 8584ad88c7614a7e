"""Across editions: one state's history, and one year's ranking of all states."""

from __future__ import annotations

from dataclasses import dataclass

from pic.core.load import DataTree
from pic.core.model import Framework
from pic.core.numbers import EPS
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


def missing_years(tree: DataTree, slug: str) -> list[tuple[int, Framework]]:
    """Editions a framework published between a state's first and last edition on record
    that the data tree does not hold: shown as missing, never skipped over."""
    years = tree.years(slug)
    if not years:
        return []
    frameworks = [tree.framework(i) for i in tree.framework_ids()]
    out: list[tuple[int, Framework]] = []
    for year in range(min(years), max(years) + 1):
        if year in years:
            continue
        fw = next((f for f in frameworks if f.covers(year)), None)
        if fw is not None:
            out.append((year, fw))
    return out


@dataclass(frozen=True, slots=True)
class Ranked:
    rank: int  # the row's place in the listing (equal rows share one): an order, not a national rank
    card: Scorecard
    tied: bool = False  # another row shares this rank
    # What placed the row: "grade-and-score" (its grade band, then its score),
    # "grade-only" (a grade but no score on record: placed inside its band, after the
    # scored rows there, tied with the others like it), "implied" (a partial profile
    # placed on the score and grade its published totals imply: an inference),
    # "score-only" (a score on a framework with no grade scale), "range" (a partial
    # profile whose findings leave a range no published total settles: last) or "none".
    rank_basis: str = "grade-and-score"
    # pic's own rank among the editions on record for the year (`of` of them, same
    # framework): the best and worst place the figures on record allow. Equal when the
    # scores settle it; a range where a score is unknown or only a grade is known.
    rank_min: int = 1
    rank_max: int = 1
    of: int = 1


# One way a row may stand: its band on the framework's scale (0 best; 0 for a
# framework without a scale) and the lowest and highest score it may have there.
_Place = tuple[int, float, float]
_INF = float("inf")


def _band_limits(framework: Framework, band: int) -> tuple[float, float]:
    """The scores that earn band `band` on the framework's scale: [min, next band's min)."""
    scale = framework.grade_scale
    lo = scale[band].min
    if band == 0:
        top = framework.max_score + framework.extra_credit if framework.max_score is not None else _INF
        return lo, top
    return lo, scale[band - 1].min


def places(card: Scorecard) -> list[_Place]:
    """Every (band, lowest, highest score) the figures on record allow for a row.

    An exact score: one place. A grade without a score: anywhere in the grade's band. A
    partial profile: its range (narrowed by what its published totals imply, an
    inference, where they agree with the findings), cut at each band it spans. Nothing
    known: anywhere on the scale."""
    fw = card.framework
    score, grade, _ = ranked_figures(card)
    lo: float | None = score
    hi: float | None = score
    if score is None:
        if card.implied_min is not None and card.implied_max is not None and card.published_match is not False:
            lo, hi = card.implied_min, card.implied_max
        elif card.score_min is not None and card.score_max is not None:
            lo, hi = card.score_min, card.score_max
    if not fw.grade_scale:
        return [(0, -_INF if lo is None else lo, _INF if hi is None else hi)]
    band = fw.grade_rank(grade)
    if band is not None:
        if lo is not None and hi is not None and lo == hi:
            return [(band, lo, hi)]  # a published grade stands even where the inferred scale disagrees
        b_lo, b_hi = _band_limits(fw, band)
        if lo is not None and hi is not None and hi >= b_lo and lo <= b_hi:
            return [(band, max(lo, b_lo), min(hi, b_hi))]
        return [(band, b_lo, b_hi)]
    out: list[_Place] = []
    for b in range(len(fw.grade_scale)):
        b_lo, b_hi = _band_limits(fw, b)
        if lo is None or hi is None:
            out.append((b, b_lo, b_hi))
        elif hi >= b_lo and lo < b_hi or (b == 0 and hi >= b_lo):
            out.append((b, max(lo, b_lo), min(hi, b_hi)))
    return out or [(len(fw.grade_scale) - 1, -_INF, _INF)]


def _may_beat(a: list[_Place], b: list[_Place]) -> bool:
    """Some place of `a` is strictly ahead of some place of `b`."""
    return any(pa[0] < pb[0] or (pa[0] == pb[0] and pa[2] > pb[1]) for pa in a for pb in b)


def _must_beat(a: list[_Place], b: list[_Place]) -> bool:
    """Every place of `a` is strictly ahead of every place of `b`."""
    return all(pa[0] < pb[0] or (pa[0] == pb[0] and pa[1] > pb[2]) for pa in a for pb in b)


def rank_ranges(cards: list[Scorecard]) -> list[tuple[int, int]]:
    """pic's rank range for each card among the cards of its framework: 1 + the rows that
    must be ahead of it, and 1 + the rows that may be ahead of it. Ties share the better
    rank, as in a published ranking."""
    allowed = [places(c) for c in cards]
    out: list[tuple[int, int]] = []
    for i, card in enumerate(cards):
        others = [j for j, c in enumerate(cards) if j != i and c.framework.id == card.framework.id]
        must = sum(1 for j in others if _must_beat(allowed[j], allowed[i]))
        may = sum(1 for j in others if _may_beat(allowed[j], allowed[i]))
        out.append((1 + must, 1 + max(may, must)))
    return out


def contradictions(cards: list[Scorecard]) -> list[tuple[Scorecard, str]]:
    """Where the order the figures on record force contradicts a recorded published rank:
    more editions on record must be ahead of a row than its published rank allows, or a
    row must be ahead of one the publisher ranked above it."""
    out: list[tuple[Scorecard, str]] = []
    ranges = rank_ranges(cards)
    allowed = [places(c) for c in cards]
    for i, card in enumerate(cards):
        pub = card.profile.published
        rank = pub.rank if pub is not None else None
        if rank is None:
            continue
        if ranges[i][0] > rank:
            out.append((card, f"published rank {rank}, but {ranges[i][0] - 1} editions on record for "
                              f"{card.profile.year} must rank ahead of it by their scores and grades"))
        for j, other in enumerate(cards):
            opub = other.profile.published
            orank = opub.rank if opub is not None else None
            if (j != i and orank is not None and orank > rank and other.framework.id == card.framework.id
                    and _must_beat(allowed[j], allowed[i])):
                out.append((card, f"published rank {rank}, ahead of {other.profile.jurisdiction} (published rank "
                                  f"{orank}), but {other.profile.jurisdiction}'s scores and grades put it ahead"))
    return out


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
        exact = lo if abs(hi - lo) <= EPS else None
        grade = card.implied_grade_min if card.implied_grade_min == card.implied_grade_max else None
        if exact is not None or grade is not None:
            return exact, grade, True
    return None, None, False


def _rank_key(card: Scorecard) -> tuple[int, int, float, str]:
    """Grade band first (the framework's own scale order), then score, best first.

    A row with a grade but no score sorts inside its band after the scored rows there;
    a row with neither comes last."""
    score, grade, _ = ranked_figures(card)
    band = card.framework.grade_rank(grade)
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
    band = card.framework.grade_rank(grade)
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
    ranges = rank_ranges(cards)
    counts = {fw: sum(1 for c in cards if c.framework.id == fw) for fw in {c.framework.id for c in cards}}
    return [Ranked(rank, card, ranks.count(rank) > 1, _basis(card), lo, hi, counts[card.framework.id])
            for rank, card, (lo, hi) in zip(ranks, cards, ranges)]


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
