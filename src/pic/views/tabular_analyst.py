"""explain and whatif as flat tables, for CSV and Markdown output (see render/tabular.py).

Columns are fixed per command so pipelines can rely on them. whatif mixes several kinds
of row (sections, totals, closed gaps, plan steps); its `kind` column says which.
"""

from __future__ import annotations

from typing import Any

from pic.core.numbers import fmt, fmt_range
from pic.views.tabular import Tabular, newest_note


def _fmt(x: Any) -> str:
    return fmt(x) if x is None or isinstance(x, (int, float)) else str(x)


def _span(x: dict[str, Any]) -> str:
    """A score, or its range where the findings leave it open."""
    if x["score"] is not None or x.get("score_min") is None:
        return _fmt(x["score"])
    return fmt_range(x["score_min"], x["score_max"])


def _grades(x: dict[str, Any]) -> str:
    if x["grade"] is not None or x.get("grade_min") is None:
        return _fmt(x["grade"])
    return f"{x['grade_min']}–{x['grade_max']}"


# The columns README.md documents for each command; whatif's first seven are the ones
# every gap row fills, the last four carry the scores of section, total and grade rows.
EXPLAIN_COLUMNS = ("jurisdiction", "year", "component", "criterion", "question", "points", "answer", "earned",
                   "citations", "note", "basis", "inferred", "confidence", "earned_min", "earned_max")


def explain(r: dict[str, Any]) -> Tabular:
    comp, section = r["component"], r["section"]
    rows = [(r["jurisdiction"], r["year"], comp["id"], c["id"], c["question"], c["points"], c["answer"], c["earned"],
             "; ".join(c["citations"]), c["note"], c["basis"], c["inferred"], comp["confidence"], c.get("earned_min"),
             c.get("earned_max"))
            for c in r["criteria"]]
    who = f"{r['name']} {r['year']}, " if r["jurisdiction"] else f"{r['framework_title']}, "
    if r["score"] is not None or r.get("score_min") is not None:
        scored = f": {_span(r)} of {_fmt(comp['max'])}"
    else:
        scored = f" (max {_fmt(comp['max'])})"
    heading = f' (card: "{section["card_title"]}")' if section.get("card_title") else ""
    notes: list[str] = [f"Section {section['id']}: {section['title']}{heading}.",
                        f"Component {comp['id']}: {comp['confidence_note']}."]
    if any(c["inferred"] for c in r["criteria"]):
        notes.append("inferred: the answer or its points rest on a published section total, not on the card's text.")
    if r["basis"] == "published":
        notes.append("No findings are recorded for this edition; the criteria are shown without answers.")
    if r["unknown"]:
        notes.append(f"{len(r['unknown'])} criteria unknown, counted as not met.")
    return Tabular(f"{who}{comp['id']} {comp['title']}{scored}", EXPLAIN_COLUMNS, rows, newest_note(r) + tuple(notes))


WHATIF_COLUMNS = ("jurisdiction", "year", "kind", "criterion", "label", "points", "section", "before", "after", "max",
                  "grade", "basis", "inferred", "points_min", "points_max", "after_min", "after_max")


def _change(b: dict[str, Any], a: dict[str, Any]) -> tuple[Any, Any]:
    """A section's change, least and most; (None, None) when a side is not known at all."""
    if b["score"] is not None and a["score"] is not None:
        return a["score"] - b["score"], a["score"] - b["score"]
    blo, bhi, alo, ahi = b.get("score_min"), b.get("score_max"), a.get("score_min"), a.get("score_max")
    if blo is None or bhi is None or alo is None or ahi is None:
        return None, None
    return max(0, alo - bhi), ahi - blo


def whatif(r: dict[str, Any]) -> Tabular:
    """Rows by kind: section (one per section), total, grade, closed (the gaps closed),
    plan_next_grade and plan_top_grade (the gaps the plan would close, `grade` its goal)."""
    j, y = r["jurisdiction"], r["year"]
    before, after = r["before"], r["after"]
    rows: list[tuple[Any, ...]] = []
    # A figure the findings leave open is empty in `points`/`after`, its range in the
    # *_min/*_max columns: an unknown is never counted as zero.
    for b, a in zip(before["sections"], after["sections"]):
        lo, hi = _change(b, a)
        rows.append((j, y, "section", None, b["title"], lo if lo == hi else None, b["id"], b["score"],
                     a["score"], b["max"], None, None, None, lo, hi, a.get("score_min"), a.get("score_max")))
    rows.append((j, y, "total", None, "Total", r["points_gained"], None, before["score"], after["score"],
                 r["max_score"], None, None, None, r.get("points_gained_min"), r.get("points_gained_max"),
                 after.get("score_min"), after.get("score_max")))
    rows.append((j, y, "grade", None, "Grade", None, None, before["grade"], after["grade"], None, after["grade"],
                 "scale", r["grade_scale_inferred"], None, None, after.get("grade_min"), after.get("grade_max")))
    for g in r["closed"]:
        rows.append((j, y, "closed", g["criterion"], g["label"], g["points"], g["section"], None, None, None, None,
                     g["basis"], g["inferred"], g.get("points_min"), g.get("points_max"), None, None))
    notes: list[str] = []
    if r["grade_scale_inferred"]:
        notes.append(f"Grades here are on an inferred grade scale: {r['grade_scale_basis']}")
    plan = r["plan"]
    if plan is not None:
        for key, kind in (("next_grade", "plan_next_grade"), ("top_grade", "plan_top_grade")):
            target = plan[key]
            if target is None:
                continue
            for g in target["gaps"]:
                gain = g.get("sure_gain", g["points"])
                rows.append((j, y, kind, g["criterion"], g["label"], gain, g["section"], None, None, None,
                             target["grade"], g["basis"], g["inferred"], gain, gain, None, None))
            if target["status"] == "reached":
                notes.append(f"Already {target['grade']} ({_fmt(plan['from_score'])}); no gaps need closing.")
            elif target["status"] == "unreachable":
                notes.append(f"{target['grade']} is out of reach: closing every open gap gives "
                             f"{_fmt(target['score_after'])}.")
    if any(g["inferred"] for g in r["closed"]) or (plan is not None and any(
            g["inferred"] for key in ("next_grade", "top_grade") if plan[key] for g in plan[key]["gaps"])):
        notes.append("inferred (gap rows): the gap's answer or points rest on a published section total, "
                     "not on the card's text.")
    title = (f"{r['name']} {y}: {_span(before)} ({_grades(before)}) → "
             f"{_span(after)} ({_grades(after)}) of {_fmt(r['max_score'])}")
    return Tabular(title, WHATIF_COLUMNS, rows, newest_note(r) + tuple(notes))
