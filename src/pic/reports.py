"""Scorecards, gaps and check results as plain, JSON-ready data.

These shapes are the published machine output (schemas/*.output.schema.json); the
CSV and Markdown renderers flatten the same dicts, so every format says the same thing.
"""

from __future__ import annotations

from typing import Any

from .errors import Problem
from .jurisdictions import BY_SLUG
from .scoring import Gap, Scorecard

SCHEMA_VERSION = "1.0"


def num(x: float | None) -> float | int | None:
    """91.0 -> 91, 24.5 -> 24.5: the figures as a reader would write them."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def place_name(slug: str) -> str:
    j = BY_SLUG.get(slug)
    return j.name if j else slug


def scorecard(card: Scorecard) -> dict[str, Any]:
    p, fw = card.profile, card.framework
    pub = p.published
    return {
        "schema_version": SCHEMA_VERSION,
        "jurisdiction": p.jurisdiction,
        "name": place_name(p.jurisdiction),
        "year": p.year,
        "framework": fw.id,
        "framework_title": fw.title,
        "score": num(card.score),
        "max_score": num(fw.max_score),
        "grade": card.grade,
        "basis": card.basis,
        "sections": [
            {"id": s.id, "title": s.title, "score": num(s.score), "max": num(s.max)} for s in card.sections
        ],
        "unknown_criteria": list(card.unknown),
        "best_possible": num(card.best_possible),
        "published": None
        if pub is None
        else {
            "score": num(pub.score),
            "grade": pub.grade,
            "sections": {k: num(v) for k, v in pub.sections.items()},
            **({"tier": pub.tier} if pub.tier else {}),
        },
        "published_match": card.published_match,
        "mismatches": list(card.mismatches),
        "source": {"title": p.source.title, "url": p.source.url},
        "note": p.note,
        "profile": p.path,
    }


def gap(g: Gap) -> dict[str, Any]:
    f = g.finding
    return {
        "criterion": g.criterion.id,
        "label": g.criterion.gap,
        "points": num(g.points),
        "answer": g.answer,
        "component": g.component.id,
        "component_title": g.component.title,
        "section": g.section.id,
        "section_title": g.section.title,
        "question": g.criterion.question,
        "recommendation": g.criterion.recommendation,
        "citations": list(f.citations) if f else [],
        "note": f.note if f else None,
    }


def gaps(card: Scorecard, items: list[Gap]) -> dict[str, Any]:
    p = card.profile
    return {
        "schema_version": SCHEMA_VERSION,
        "jurisdiction": p.jurisdiction,
        "name": place_name(p.jurisdiction),
        "year": p.year,
        "framework": card.framework.id,
        "basis": card.basis,
        "score": num(card.score),
        "points_at_stake": num(sum(g.points for g in items)),
        "gaps": [gap(g) for g in items],
    }


def problem(p: Problem) -> dict[str, Any]:
    return {"file": p.file, "line": p.line, "column": p.column, "key": p.key, "message": p.message}


def validation(files: list[str], problems: list[Problem], warnings: list[Problem]) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "ok": not problems,
        "files_checked": len(files),
        "problems": [problem(p) for p in problems],
        "warnings": [problem(p) for p in warnings],
    }
