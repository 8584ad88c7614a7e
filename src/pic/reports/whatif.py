"""`pic whatif STATE --close GAP`: the score and grade if gaps were closed, and the fewest
gaps to close for the next grade and for an A."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from pic.reports import Note, Report, ReportKind, Result
from pic.views.tabular import Tabular, section_change, fmt_cell, grade_span, score_span, newest_note

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.views.layout import Layout


def build(tree: DataTree, state: str, close: Sequence[str] = (), year: str | int | None = None) -> Result:
    from pic.core import analysis
    from pic.core.jurisdictions import place_name
    from pic.core.select import load_edition
    from pic.views import analyst, reports

    chosen = load_edition(tree, state, year, need_findings=True)
    notes = [Note(reports.newer_note(chosen), carried=True)] if chosen.reason else []
    profile, framework = chosen.profile, chosen.framework
    analysis.require_findings(framework, profile)
    result = analysis.what_if(framework, profile, analysis.resolve_gaps(framework, list(close)))
    name = f"{place_name(profile.jurisdiction)} {profile.year}"
    for choice in result.already_met:
        if choice.kind == "component":
            notes.append(Note(f"component {choice.key} has no open gaps in {name}; nothing to close."))
        else:
            crit = choice.criteria[0]
            notes.append(Note(f"{crit.id} ({crit.gap}) is already met in {name}; nothing to close."))
    return Result(KIND, analyst.what_if(result, chosen), tuple(notes))


WHATIF_COLUMNS = ("jurisdiction", "year", "kind", "criterion", "label", "points", "section", "before", "after", "max",
                  "grade", "basis", "inferred", "points_min", "points_max", "after_min", "after_max")


def rows(r: dict[str, Any]) -> Tabular:
    """Rows by kind: section (one per section), total, grade, closed (the gaps closed),
    plan_next_grade and plan_top_grade (the gaps the plan would close, `grade` its goal)."""
    j, y = r["jurisdiction"], r["year"]
    before, after = r["before"], r["after"]
    rows: list[tuple[Any, ...]] = []
    # A figure the findings leave open is empty in `points`/`after`, its range in the
    # *_min/*_max columns: an unknown is never counted as zero.
    for b, a in zip(before["sections"], after["sections"]):
        lo, hi = section_change(b, a)
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
                notes.append(f"Already {target['grade']} ({fmt_cell(plan['from_score'])}); no gaps need closing.")
            elif target["status"] == "unreachable":
                notes.append(f"{target['grade']} is out of reach: closing every open gap gives "
                             f"{fmt_cell(target['score_after'])}.")
    if any(g["inferred"] for g in r["closed"]) or (plan is not None and any(
            g["inferred"] for key in ("next_grade", "top_grade") if plan[key] for g in plan[key]["gaps"])):
        notes.append("inferred (gap rows): the gap's answer or points rest on a published section total, "
                     "not on the card's text.")
    title = (f"{r['name']} {y}: {score_span(before)} ({grade_span(before)}) → "
             f"{score_span(after)} ({grade_span(after)}) of {fmt_cell(r['max_score'])}")
    return Tabular(title, WHATIF_COLUMNS, rows, newest_note(r) + tuple(notes))


def terminal(r: Report) -> list[Any]:
    from pic.render import terminal_analyst

    return terminal_analyst.what_if(r)


MARKDOWN = (("kind", "Row"), ("label", "Item"), ("points", "Points"), ("before", "Before (points)"),
            ("after", "After (points)"), ("after_min", "After, least (points)"),
            ("after_max", "After, most (points)"), ("max", "Max (points)"), ("grade", "Grade"))


def layout(r: Report) -> Layout:
    """The table figure (--format svg|html): what a newspaper would print of it."""
    from pic.views import layouts

    return layouts.whatif(r)


KIND = ReportKind("whatif", "whatif STATE", ("whatif", "mississippi", "--year", "2019", "--close", "6.3"), rows,
                  MARKDOWN, terminal, layout=layout)
