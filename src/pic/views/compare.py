"""`pic compare`: several states side by side for one year, as plain data and rows."""

from __future__ import annotations

from typing import Any

from pic.core.jurisdictions import place_name
from pic.core.numbers import num
from pic.core.score import Scorecard
from pic.views.reports import provenance, published_rank, source

SCHEMA_VERSION = "1.0"

COMPARE_WARNING = ("These states were graded under different frameworks, which measure different things; "
                   "set their grades side by side with care and do not compare their scores.")


def _state(card: Scorecard) -> dict[str, Any]:
    """One state's column: the same figures, ranges and inference marks as `pic score`."""
    from pic.views.reports import _implied, grade_inferred, grade_source, published_inferred, section_row

    p, fw = card.profile, card.framework
    pub = p.published
    return {
        "jurisdiction": p.jurisdiction,
        "name": place_name(p.jurisdiction),
        "year": p.year,
        "framework": fw.id,
        "score": num(card.score),
        "score_min": num(card.score_min),
        "score_max": num(card.score_max),
        "max_score": num(fw.max_score_for(card.profile.year)),
        "grade": card.grade,
        "grade_min": card.grade_min,
        "grade_max": card.grade_max,
        "grade_source": grade_source(card),
        "grade_inferred": grade_inferred(card),
        "implied": _implied(card),
        "basis": card.basis,
        "published_match": card.published_match,
        "published": None if pub is None else {
            "score": num(pub.score), "grade": pub.grade, "rank": pub.rank, "inferred": list(pub.inferred)},
        "published_inferred": published_inferred(card),
        "sections": [section_row(card, s) for s in card.sections],
        "published_rank": published_rank(card),
        "source": source(p),
    }


def comparison(year: int, cards: list[Scorecard], year_note: str | None = None) -> dict[str, Any]:
    frameworks = sorted({c.framework.id for c in cards})
    first = cards[0].framework
    comparable = len(frameworks) == 1
    return {
        "schema_version": SCHEMA_VERSION,
        "year": year,
        "year_note": year_note,
        "frameworks": frameworks,
        "framework_title": first.title if comparable else None,
        "comparable": comparable,
        "warning": None if comparable else COMPARE_WARNING,
        "grade_scale": [{"grade": b.grade, "min": num(b.min)} for b in first.grade_scale] if comparable else [],
        "grade_scale_inferred": first.grade_scale_basis is not None if comparable else None,
        "sections": [{"id": s.id, "title": s.title, "max": num(s.max)} for s in first.sections] if comparable else [],
        "states": [_state(c) for c in cards],
        **provenance(cards),
    }


