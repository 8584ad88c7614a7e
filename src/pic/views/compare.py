"""`pic compare`: several states side by side for one year, as plain data and rows."""

from __future__ import annotations

from typing import Any

from pic.core.jurisdictions import place_name
from pic.core.numbers import num
from pic.core.score import Scorecard
from pic.views.reports import provenance, published_rank, source
from pic.views.tabular import Cited, Tabular

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


COLUMNS = ("jurisdiction", "name", "year", "framework", "section", "title", "score", "max", "grade", "basis",
           "score_min", "score_max", "grade_min", "grade_max", "grade_inferred", "published", "published_grade",
           "published_inferred", "implied_min", "implied_max")


def rows(r: dict[str, Any]) -> Tabular:
    out: list[tuple[Any, ...]] = []
    for s in r["states"]:
        for sec in s["sections"]:
            out.append((s["jurisdiction"], s["name"], s["year"], s["framework"], sec["id"], sec["title"],
                        sec["score"], sec["max"], None, s["basis"], sec["score_min"], sec["score_max"], None, None,
                        None, sec["published"], sec["published_grade"], sec["published_inferred"],
                        sec["implied_min"], sec["implied_max"]))
        pub = s["published"] or {}
        implied = s["implied"] or {}
        out.append((s["jurisdiction"], s["name"], s["year"], s["framework"], "total", "Total", s["score"],
                    s["max_score"], s["grade"], s["basis"], s["score_min"], s["score_max"], s["grade_min"],
                    s["grade_max"], s["grade_inferred"], pub.get("score"), pub.get("grade"),
                    bool({"score", "grade"} & set(pub.get("inferred") or [])), implied.get("score_min"),
                    implied.get("score_max")))
    names = ", ".join(s["name"] for s in r["states"])
    notes: list[str] = []
    if r["warning"]:
        notes.append(r["warning"])
    if r["grade_scale_inferred"]:
        notes.append("The grade scale is inferred by pic from published scores and grades; the publisher did not "
                     "print it.")
    if any(s["grade_inferred"] for s in r["states"]):
        notes.append("grade_inferred: the grade is an inference (the research infers it, or pic put the score on an "
                     "inferred scale), not printed by the publisher.")
    if any(s["score"] is None and s["score_min"] is not None for s in r["states"]):
        notes.append("A partial profile's score is a range (score_min to score_max): an unknown is never counted as "
                     "met or as zero; implied_min/implied_max: what its published totals imply (an inference).")
    notes.append(Cited("Published figures come from the sources named in each state's profile (pic history STATE)."))
    from pic.views.reports import WEAK_NOTE, source_label

    for st in r["states"]:
        notes.append(Cited(f"{st['name']}: {source_label(st['source'])}"
                           + (f"; the figures {WEAK_NOTE}" if st["source"]["weak"] else "")))
    notes += [Cited(n) for n in (r["credit"], r["source_kinds_note"], r["figures_note"]) if n]
    notes += [Cited(f"{c['name']} {c['year']}, {c['kind']} ({', '.join(c['figures'])}): {c['note']}")
              for c in r["conflicts"]]
    return Tabular(f"{names}: side by side, {r['year']}", COLUMNS, out, tuple(notes))
