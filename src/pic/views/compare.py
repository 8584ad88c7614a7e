"""`pic compare`: several states side by side for one year, as plain data and rows."""

from __future__ import annotations

from typing import Any

from pic.core.jurisdictions import place_name
from pic.core.numbers import num
from pic.core.score import Scorecard
from pic.views.reports import provenance, published_rank, source
from pic.views.tabular import Tabular

SCHEMA_VERSION = "1.0"

COMPARE_WARNING = ("These states were graded under different frameworks, which measure different things; "
                   "set their grades side by side with care and do not compare their scores.")


def _state(card: Scorecard) -> dict[str, Any]:
    p, fw = card.profile, card.framework
    return {
        "jurisdiction": p.jurisdiction,
        "name": place_name(p.jurisdiction),
        "year": p.year,
        "framework": fw.id,
        "score": num(card.score),
        "max_score": num(fw.max_score_for(card.profile.year)),
        "grade": card.grade,
        "basis": card.basis,
        "published_match": card.published_match,
        "sections": [{"id": s.id, "title": s.title, "score": num(s.score), "max": num(s.max)} for s in card.sections],
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


COLUMNS = ("jurisdiction", "name", "year", "framework", "section", "title", "score", "max", "grade", "basis")


def rows(r: dict[str, Any]) -> Tabular:
    out: list[tuple[Any, ...]] = []
    for s in r["states"]:
        for sec in s["sections"]:
            out.append((s["jurisdiction"], s["name"], s["year"], s["framework"], sec["id"], sec["title"],
                        sec["score"], sec["max"], None, s["basis"]))
        out.append((s["jurisdiction"], s["name"], s["year"], s["framework"], "total", "Total", s["score"],
                    s["max_score"], s["grade"], s["basis"]))
    names = ", ".join(s["name"] for s in r["states"])
    notes: list[str] = []
    if r["warning"]:
        notes.append(r["warning"])
    if r["grade_scale_inferred"]:
        notes.append("The grade scale is inferred by pic from published scores and grades; the publisher did not "
                     "print it.")
    notes.append("Published figures come from the sources named in each state's profile (pic history STATE).")
    from pic.views.reports import WEAK_NOTE, source_label

    for st in r["states"]:
        notes.append(f"{st['name']}: {source_label(st['source'])}"
                     + (f"; the figures {WEAK_NOTE}" if st["source"]["weak"] else ""))
    notes += [n for n in (r["credit"], r["source_kinds_note"], r["figures_note"]) if n]
    notes += [f"{c['name']} {c['year']}, {c['kind']} ({', '.join(c['figures'])}): {c['note']}" for c in r["conflicts"]]
    return Tabular(f"{names}: side by side, {r['year']}", COLUMNS, out, tuple(notes))
