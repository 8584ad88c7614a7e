"""explain and whatif as flat tables, for CSV and Markdown output (see render/tabular.py).

Columns are fixed per command so pipelines can rely on them. whatif mixes several kinds
of row (sections, totals, closed gaps, plan steps); its `kind` column says which.
"""

from __future__ import annotations

from typing import Any

from pic.views.tabular import Tabular


def _fmt(x: Any) -> str:
    return "—" if x is None else f"{x:g}" if isinstance(x, (int, float)) else str(x)


# The columns README.md documents for each command; whatif's first seven are the ones
# every gap row fills, the last four carry the scores of section, total and grade rows.
EXPLAIN_COLUMNS = ("jurisdiction", "year", "component", "criterion", "question", "points", "answer", "earned",
                   "citations", "note", "basis", "inferred", "confidence")


def explain(r: dict[str, Any]) -> Tabular:
    comp, section = r["component"], r["section"]
    rows = [(r["jurisdiction"], r["year"], comp["id"], c["id"], c["question"], c["points"], c["answer"], c["earned"],
             "; ".join(c["citations"]), c["note"], c["basis"], c["inferred"], comp["confidence"])
            for c in r["criteria"]]
    who = f"{r['name']} {r['year']}, " if r["jurisdiction"] else f"{r['framework_title']}, "
    scored = f": {_fmt(r['score'])} of {_fmt(comp['max'])}" if r["score"] is not None else f" (max {_fmt(comp['max'])})"
    heading = f' (card: "{section["card_title"]}")' if section.get("card_title") else ""
    notes: list[str] = [f"Section {section['id']}: {section['title']}{heading}.",
                        f"Component {comp['id']}: {comp['confidence_note']}."]
    if any(c["inferred"] for c in r["criteria"]):
        notes.append("inferred: the answer or its points rest on a published section total, not on the card's text.")
    if r["basis"] == "published":
        notes.append("No findings are recorded for this edition; the criteria are shown without answers.")
    if r["unknown"]:
        notes.append(f"{len(r['unknown'])} criteria unknown, counted as not met.")
    return Tabular(f"{who}{comp['id']} {comp['title']}{scored}", EXPLAIN_COLUMNS, rows, tuple(notes))


WHATIF_COLUMNS = ("jurisdiction", "year", "kind", "criterion", "label", "points", "section", "before", "after", "max",
                  "grade", "basis", "inferred")


def whatif(r: dict[str, Any]) -> Tabular:
    """Rows by kind: section (one per section), total, grade, closed (the gaps closed),
    plan_next_grade and plan_top_grade (the gaps the plan would close, `grade` its goal)."""
    j, y = r["jurisdiction"], r["year"]
    before, after = r["before"], r["after"]
    rows: list[tuple[Any, ...]] = []
    for b, a in zip(before["sections"], after["sections"]):
        rows.append((j, y, "section", None, b["title"], (a["score"] or 0) - (b["score"] or 0), b["id"], b["score"],
                     a["score"], b["max"], None, None, None))
    rows.append((j, y, "total", None, "Total", r["points_gained"], None, before["score"], after["score"],
                 r["max_score"], None, None, None))
    rows.append((j, y, "grade", None, "Grade", None, None, before["grade"], after["grade"], None, after["grade"],
                 "scale", r["grade_scale_inferred"]))
    for g in r["closed"]:
        rows.append((j, y, "closed", g["criterion"], g["label"], g["points"], g["section"], None, None, None, None,
                     g["basis"], g["inferred"]))
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
                rows.append((j, y, kind, g["criterion"], g["label"], g["points"], g["section"], None, None, None,
                             target["grade"], g["basis"], g["inferred"]))
            if target["status"] == "reached":
                notes.append(f"Already {target['grade']} ({_fmt(plan['from_score'])}); no gaps need closing.")
            elif target["status"] == "unreachable":
                notes.append(f"{target['grade']} is out of reach: closing every open gap gives "
                             f"{_fmt(target['score_after'])}.")
    if any(g["inferred"] for g in r["closed"]) or (plan is not None and any(
            g["inferred"] for key in ("next_grade", "top_grade") if plan[key] for g in plan[key]["gaps"])):
        notes.append("inferred (gap rows): the gap's answer or points rest on a published section total, "
                     "not on the card's text.")
    title = (f"{r['name']} {y}: {_fmt(before['score'])} ({before['grade']}) → "
             f"{_fmt(after['score'])} ({after['grade']}) of {_fmt(r['max_score'])}")
    return Tabular(title, WHATIF_COLUMNS, rows, tuple(notes))
