"""`pic status`: how complete a profile is, per section: answered, implied, unknown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.core.jurisdictions import place_name
from pic.core.numbers import num
from pic.core.status import ProfileStatus

if TYPE_CHECKING:
    from pic.core.score import Implication

SCHEMA_VERSION = "1.0"


def _implication(i: Implication | None) -> dict[str, Any] | None:
    if i is None:
        return None
    return {
        "sections": list(i.sections),
        "status": i.status,
        "published": num(i.published),
        "known": num(i.known),
        "unknown_points": num(i.unknown_points),
        "met_points": num(i.met_points),
        "figure_inferred": i.figure_inferred,
        "message": i.message,
    }


def status(st: ProfileStatus) -> dict[str, Any]:
    p, fw = st.profile, st.framework
    sections = []
    for s in st.sections:
        sections.append({
            "id": s.id,
            "title": s.title,
            "criteria": s.criteria,
            "answered": s.answered,
            "yes": s.yes,
            "no": s.no,
            "implied": s.implied,
            "implied_met": s.implied_met,
            "implied_not_met": s.implied_not_met,
            "unknown": s.unknown,
            "points": num(s.points),
            "points_answered": num(s.points_answered),
            "points_implied": num(s.points_implied),
            "points_unknown": num(s.points_unknown),
            "by_basis": dict(s.by_basis),
            # answers the profile reads from a published section total (basis published-total):
            # answered, but an inference, not a finding of the card's text
            "answered_from_totals": s.by_basis.get("published-total", 0),
            "implication": _implication(s.implication),
        })
    card = st.card
    return {
        "schema_version": SCHEMA_VERSION,
        "jurisdiction": p.jurisdiction,
        "name": place_name(p.jurisdiction),
        "year": p.year,
        "framework": fw.id,
        "framework_title": fw.title,
        "has_findings": st.has_findings,
        "complete": st.complete,
        "criteria": st.criteria,
        "answered": st.answered,
        "answered_from_totals": sum(s.by_basis.get("published-total", 0) for s in st.sections),
        "implied": st.implied,
        "unknown": st.unknown,
        "points_answered": num(st.points_answered),
        "points_implied": num(st.points_implied),
        "points_unknown": num(st.points_unknown),
        "score_min": num(card.score_min),
        "score_max": num(card.score_max),
        "grade_min": card.grade_min,
        "grade_max": card.grade_max,
        "implied_min": num(card.implied_min),
        "implied_max": num(card.implied_max),
        "sections": sections,
        "rest": _implication(st.rest),
        "profile": p.path,
    }


