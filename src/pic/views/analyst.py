"""explain and whatif results as plain, JSON-ready data.

These shapes are published as schemas/explain.output.schema.json and
schemas/whatif.output.schema.json; the table renderer reads the same dicts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.core.analysis import ComponentExplanation, GradeTarget, Plan, WhatIf, sure_gain
from pic.core.jurisdictions import place_name
from pic.core.numbers import num
from pic.views.reports import SCHEMA_VERSION, confidence_note, edition_header, gap, newest_edition, scale_inferred
from pic.core.score import Gap, Scorecard


if TYPE_CHECKING:
    from pic.core.select import Chosen


def explanation(ex: ComponentExplanation, chosen: Chosen | None = None) -> dict[str, Any]:
    fw, comp, p = ex.framework, ex.component, ex.profile
    criteria = []
    for row in ex.criteria:
        f = row.finding
        criteria.append({
            "id": row.criterion.id,
            "question": row.criterion.question,
            "points": num(row.criterion.points),
            "gap": row.criterion.gap,
            "recommendation": row.criterion.recommendation,
            # answer/earned are null when there is nothing to read them from (no state, or
            # a published-only profile); a profile with findings always answers each one.
            "answer": (f.answer if f else "unknown") if ex.has_findings else None,
            "earned": num(row.earned),
            "earned_min": num(row.earned_min),
            "earned_max": num(row.earned_max),
            "basis": _criterion_basis(row) if ex.has_findings else None,
            "inferred": _criterion_basis(row) in ("published-total", "shared-loss") if ex.has_findings else False,
            "citations": list(f.citations) if f else [],
            "note": f.note if f else None,
            "review": bool(f and f.review),
        })
    basis = None if p is None else ("findings" if ex.has_findings else "published")
    return {
        "schema_version": SCHEMA_VERSION,
        "newest_edition": newest_edition(chosen),
        "framework": fw.id,
        "framework_title": fw.title,
        "jurisdiction": p.jurisdiction if p else None,
        "name": place_name(p.jurisdiction) if p else None,
        "year": p.year if p else None,
        "basis": basis,
        "profile": p.path if p else None,
        "section": {"id": ex.section.id, "title": ex.section.title, "card_title": ex.section.card_title,
                    "max": num(ex.section.max)},
        "component": {"id": comp.id, "title": comp.title, "max": num(comp.max), "confidence": comp.confidence,
                      "confidence_note": confidence_note(comp.confidence)},
        "score": num(ex.score),
        "score_min": num(ex.score_min),
        "score_max": num(ex.score_max),
        "criteria": criteria,
        "met": [r.criterion.id for r in ex.criteria if ex.has_findings and r.finding and r.finding.answer == "yes"],
        "unknown": [r.criterion.id for r in ex.criteria
                    if ex.has_findings and (r.finding is None or r.finding.answer == "unknown")],
        "published_section_score": num(ex.published_section_score),
    }


def _criterion_basis(row: Any) -> str | None:
    """What a criterion's answer rests on (card, statute, published-total, shared-loss); None
    for an unknown the published totals do not settle."""
    f = row.finding
    if getattr(row, "loss", None) is not None:
        return "shared-loss"
    if f is None or f.answer == "unknown":
        return "published-total" if getattr(row, "implied", None) is not None else None
    return f.basis


# A closed or planned gap, as the gaps report gives it, cut to what whatif shows.
_CLOSED_KEYS = ("criterion", "label", "points", "points_min", "points_max", "answer", "basis", "inferred",
                "component", "section")


def _closed(g: Gap) -> dict[str, Any]:
    full = gap(g)
    return {k: full[k] for k in _CLOSED_KEYS}


def _state(card: Scorecard) -> dict[str, Any]:
    """A scorecard's figures: `score`/`grade` exact (null when the findings leave a range),
    and the range itself in `score_min`/`score_max`, `grade_min`/`grade_max`."""
    return {
        "score": num(card.score),
        "score_min": num(card.score_min),
        "score_max": num(card.score_max),
        "grade": card.grade,
        "grade_min": card.grade_min,
        "grade_max": card.grade_max,
        "sections": [{"id": s.id, "title": s.title, "score": num(s.score), "score_min": num(s.score_min),
                      "score_max": num(s.score_max), "max": num(s.max)} for s in card.sections],
    }


def _exact(lo: float | None, hi: float | None) -> float | int | None:
    return num(lo) if lo is not None and hi is not None and abs(hi - lo) <= 1e-9 else None


def _target(t: GradeTarget | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {
        "grade": t.grade,
        "min_score": num(t.min_score),
        "status": t.status,
        "gaps": [{**_closed(g), "sure_gain": num(sure_gain(g))} for g in t.steps],
        "points": num(t.points),
        "score_after": num(t.score_after),
    }


def _plan(plan: Plan | None) -> dict[str, Any] | None:
    if plan is None:
        return None
    return {
        "from_score": num(plan.score),
        "from_grade": plan.grade,
        "from_minimum": plan.from_minimum,
        "next_grade": _target(plan.next_grade),
        "top_grade": _target(plan.top_grade),
    }


def what_if(result: WhatIf, chosen: Chosen | None = None) -> dict[str, Any]:
    p, fw = result.before.profile, result.before.framework
    before, after = result.before, result.after
    return {
        **edition_header(p, fw),
        "newest_edition": newest_edition(chosen),
        "max_score": num(fw.max_score),
        "grade_scale": [{"grade": b.grade, "min": num(b.min)} for b in fw.grade_scale],
        "grade_scale_inferred": scale_inferred(fw),
        "grade_scale_basis": fw.grade_scale_basis,
        "before": _state(before),
        "after": _state(after),
        # The gain is a range when a closed gap's points are (a shared loss, an unknown that
        # may already be met): never a difference taken against an unknown counted as zero.
        "points_gained": _exact(result.gain_min, result.gain_max),
        "points_gained_min": num(result.gain_min),
        "points_gained_max": num(result.gain_max),
        "implied_after_min": num(result.implied_after_min),
        "implied_after_max": num(result.implied_after_max),
        "closed": [_closed(g) for g in result.closed],
        "already_met": [c.key for c in result.already_met],
        "plan": _plan(result.plan),
        "profile": p.path,
    }
