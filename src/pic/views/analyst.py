"""explain and whatif results as plain, JSON-ready data.

These shapes are published as schemas/explain.output.schema.json and
schemas/whatif.output.schema.json; the table renderer reads the same dicts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.core.analysis import ComponentExplanation, GradeTarget, Plan, WhatIf, sure_gain
from pic.core.jurisdictions import place_name
from pic.core.numbers import EPS, num
from pic.views.reports import SCHEMA_VERSION, confidence_note, edition_header, gap, newest_edition, scale_inferred
from pic.core.score import Gap, Scorecard


if TYPE_CHECKING:
    from pic.core.select import Chosen


def explanation(ex: ComponentExplanation, chosen: Chosen | None = None) -> dict[str, Any]:
    from pic.core import calibrate as cb

    fw, comp, p = ex.framework, ex.component, ex.profile
    cal = cb.for_profile(fw, p) if p is not None and p.findings is not None else cb.for_framework(fw)
    step = float(cal.step)
    known = comp.id in cal.index
    criteria = []
    for row in ex.criteria:
        f = row.finding
        share = cal.share_bounds(row.criterion.id) if known else None
        criteria.append({
            "id": row.criterion.id,
            "question": row.criterion.question,
            "points": num(row.criterion.points),
            # the criterion's share of its component: over the splits the cards allow, and
            # pic's own split (`points`, a hypothesis)
            "share_min": num(share.lo * step) if share else None,
            "share_max": num(share.hi * step) if share else None,
            "gap": row.criterion.gap,
            "recommendation": row.criterion.advice(f.gap_kind if f else None)[0],
            "recommendation_by": "pic",
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
                      "confidence_note": confidence_note(comp.confidence),
                      "split": cal.status(comp.id) if known else None,
                      "split_cards": [f"{place_name(cal.cards[i].jurisdiction)} {cal.cards[i].year}"
                                      for i in cal.cards_for(comp.id)]
                      if known and cal.status(comp.id) != "fixed" else [],
                      "hypothesis_allowed": cal.hypothesis_allowed(comp.id) if known else None},
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


def _calibrated_state(card: Scorecard, total: tuple[float | None, float | None],
                      sections: dict[str, tuple[float, float]],
                      gains: dict[str, tuple[float, float]] | None = None) -> dict[str, Any]:
    """A state as whatif shows it: the range the cards allow (`score_min`/`score_max`), with
    the findings-alone range beside it (`findings_min`/`findings_max`)."""
    fw = card.framework
    lo, hi = total
    assert lo is not None and hi is not None
    return {
        "score": _exact(lo, hi),
        "score_min": num(lo),
        "score_max": num(hi),
        "grade": fw.grade_for(lo) if fw.grade_for(lo) == fw.grade_for(hi) else None,
        "grade_min": fw.grade_for(lo),
        "grade_max": fw.grade_for(hi),
        "findings_min": num(card.score_min),
        "findings_max": num(card.score_max),
        "basis": "calibrated",
        "sections": [{"id": s.id, "title": s.title, "score": _exact(*sections[s.id]),
                      "score_min": num(sections[s.id][0]), "score_max": num(sections[s.id][1]),
                      "max": num(s.max),
                      **({"gain_min": num(gains[s.id][0]), "gain_max": num(gains[s.id][1])} if gains else {})}
                     for s in card.sections],
    }


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
    return num(lo) if lo is not None and hi is not None and abs(hi - lo) <= EPS else None


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
        # the plan is made under pic's own split; whether its steps reach the grade under
        # every split the cards allow, only some, or none
        "calibrated": t.calibrated,
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


def _gained(result: WhatIf) -> tuple[float, float]:
    """What closing the gaps gains: over the splits the cards allow where calibrated."""
    if result.calibrated_gain_min is not None and result.calibrated_gain_max is not None:
        return result.calibrated_gain_min, result.calibrated_gain_max
    return result.gain_min, result.gain_max


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
        "before": _state(before) if result.calibrated_after_min is None else _calibrated_state(
            before, (before.calibrated_min, before.calibrated_max),
            {sec.id: (sec.implied_min or 0.0, sec.implied_max or 0.0) for sec in before.sections}),
        "after": _state(after) if result.calibrated_after_min is None else _calibrated_state(
            after, (result.calibrated_after_min, result.calibrated_after_max),
            {sid: (lo, hi) for sid, lo, hi, _, _ in result.calibrated_sections},
            {sid: (glo, ghi) for sid, _, _, glo, ghi in result.calibrated_sections}),
        "hypothesis_after_min": num(result.implied_after_min if result.implied_after_min is not None
                                    else after.hypothesis_min),
        "hypothesis_after_max": num(result.implied_after_max if result.implied_after_max is not None
                                    else after.hypothesis_max),
        # The gain is a range when a closed gap's points are (a shared loss, an unknown that
        # may already be met): never a difference taken against an unknown counted as zero.
        "points_gained": _exact(*_gained(result)),
        "points_gained_min": num(_gained(result)[0]),
        "points_gained_max": num(_gained(result)[1]),
        "findings_gained_min": num(result.gain_min),
        "findings_gained_max": num(result.gain_max),
        "implied_after_min": num(result.implied_after_min),
        "implied_after_max": num(result.implied_after_max),
        "closed": [_closed(g) for g in result.closed],
        "already_met": [c.key for c in result.already_met],
        "plan": _plan(result.plan),
        "profile": p.path,
    }
