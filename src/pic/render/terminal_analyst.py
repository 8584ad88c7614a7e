"""Rich tables for explain and whatif. They read the report dicts; nothing here computes
beyond arranging figures the core already produced."""

from __future__ import annotations

from typing import Any

from pic.render.richkit import Table, Text

from pic.core.numbers import EPS, fmt
from pic.render.terminal import basis_mark, grade_text, newest_banner, para
from pic.views.layouts import GAP_BASIS_NOTE

ANSWER_STYLES = {"yes": "green", "no": "red", "unknown": "yellow"}


def _answer(answer: str | None, review: bool = False) -> Text:
    if answer is None:
        return Text("—", style="dim")
    text = Text(answer, style=ANSWER_STYLES.get(answer, ""))
    if review:
        text += Text(" (review)", style="yellow")
    return text


def _signed(x: float | int) -> str:
    return f"+{fmt(x)}" if x > 0 else fmt(x)


# -- explain --------------------------------------------------------------------------


def explanation(report: dict[str, Any]) -> list[Any]:
    comp, section = report["component"], report["section"]
    if report["jurisdiction"] is not None:
        head = Text.assemble((report["name"], "bold"), "  ", (str(report["year"]), "bold"), "  ",
                             (report["framework_title"], "italic"))
    else:
        head = Text.assemble((report["framework_title"], "bold"), f" ({report['framework']})")
    parts: list[Any] = newest_banner(report) + [
        head,
        Text.assemble((f"{comp['id']}  {comp['title']}", "bold")),
        para(f"Section {section['id']}: {section['title']}"
             + (f" (card: \u201c{section['card_title']}\u201d)" if section.get("card_title") else ""), "dim"),
        para(Text.assemble((f"Max {fmt(comp['max'])} points · ", "dim"),
                           (f"confidence: {comp['confidence_note']}", "yellow"))),
    ]
    with_answers = report["basis"] == "findings"
    if report["basis"] == "published":
        parts.append(Text(f"No findings are recorded for {report['name']} {report['year']}.", style="yellow"))
        parts.append(Text("The criteria are shown without answers.", style="yellow"))
        if report["published_section_score"] is not None:
            parts.append(Text(f"Published score for section {section['id']}: "
                              f"{fmt(report['published_section_score'])} of {fmt(section['max'])}"))

    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold", expand=True)
    table.add_column("Criterion", no_wrap=True)
    table.add_column("Share¹", justify="right", no_wrap=True)
    if with_answers:
        table.add_column("Answer", no_wrap=True)
        table.add_column("Earned", justify="right", no_wrap=True)
    table.add_column("Question · basis", overflow="fold", ratio=1)
    for c in report["criteria"]:
        detail = Text(c["question"]) + Text(f"\ngap: {c['gap']}", style="dim")
        if with_answers:
            if c["citations"]:
                detail += Text("\nCitations: " + "; ".join(c["citations"]), style="cyan")
            if c["note"]:
                detail += Text("\nNote: " + c["note"], style="dim")
            answer = _answer(c["answer"], c["review"]) + basis_mark(c)
            table.add_row(c["id"], _share(c), answer, _earned(c), detail)
        else:
            table.add_row(c["id"], _share(c), detail)
    parts += [Text(""), table, Text("")]
    split = comp.get("split")
    if split:
        words = {"pinned": "the cards on record pin it", "narrowed": "the cards on record narrow it",
                 "free": "no card on record narrows it", "fixed": "a single criterion carries the whole weight"}
        cards = comp.get("split_cards") or []
        parts.append(para(f"¹ Share: the criterion's part of the component's {fmt(comp['max'])} points over every "
                          f"split the cards allow ({words[split]}"
                          + (f": {', '.join(cards)}" if cards and split in ("pinned", "narrowed") else "")
                          + "); pic split: pic's own reconstruction, a hypothesis"
                          + (", as are the Earned and Points figures below." if with_answers else "."), "dim"))
    parts.append(_points_line(report))
    if any(c.get("inferred") for c in report["criteria"]):
        parts += [Text(""), para(GAP_BASIS_NOTE, "dim")]
    return parts


def _points_line(report: dict[str, Any]) -> Table:
    """The sum that gives the component's points, wrapped to the terminal like a table cell."""
    comp = report["component"]
    if report["basis"] == "findings":
        terms = " + ".join(f"{c['id']} {c['answer']} {_earned(c)}" for c in report["criteria"])
        total = {"score": report["score"], "score_min": report.get("score_min"), "score_max": report.get("score_max")}
        formula = Text.assemble(terms + " = ", (_fig(total), "bold"), f" of {fmt(comp['max'])}")
        if report["unknown"]:
            formula += Text(" (an unknown answer earns anything from none to all of its points)", style="yellow")
        if any(c.get("basis") == "shared-loss" for c in report["criteria"]):
            formula += Text(" (a shared loss: the card does not say how the section's loss divides, so each "
                            "member's points are a range)", style="yellow")
    else:
        terms = " + ".join(f"{c['id']} {fmt(c['points'])}" for c in report["criteria"])
        formula = Text(f"each criterion answered yes earns its points: {terms} = {fmt(comp['max'])}")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text("Points:", style="bold"), formula)
    return grid


# -- whatif ---------------------------------------------------------------------------


def what_if(report: dict[str, Any]) -> list[Any]:
    head = Text.assemble((report["name"], "bold"), "  ", (str(report["year"]), "bold"), "  ",
                         (report["framework_title"], "italic"))
    parts: list[Any] = newest_banner(report) + [head]
    before = report["before"]
    asked = bool(report["closed"]) or bool(report["already_met"])
    if not asked:
        parts.append(Text.assemble("Now ", (_fig(before), "bold"), f" of {fmt(report['max_score'])}, grade ",
                                   _grades(before)))
    else:
        parts += [Text(""), _closed_table(report), Text(""), _before_after(report)]
    parts += [Text("")] + plan(report)
    if report.get("grade_scale_inferred"):
        scale = " · ".join(f"{b['grade']} ≥ {fmt(b['min'])}" if b["min"] else b["grade"] for b in report["grade_scale"])
        parts.append(para(f"Grades on an inferred scale, not published: {scale}.", "yellow"))
    if _any_inferred(report):
        parts.append(para(GAP_BASIS_NOTE, "dim"))
    return parts


def _any_inferred(report: dict[str, Any]) -> bool:
    p = report["plan"]
    targets = [p[k] for k in ("next_grade", "top_grade") if p and p.get(k)]
    return any(g.get("inferred") for g in report["closed"]) or any(g.get("inferred") for t in targets for g in t["gaps"])


def _closed_table(report: dict[str, Any]) -> Any:
    if not report["closed"]:
        return Text("No gaps closed: everything named is already met.", style="yellow")
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold", title_justify="left",
                  title="If these gaps were closed", title_style="bold")
    table.add_column("Pts", justify="right", no_wrap=True)
    table.add_column("Gap", overflow="fold")
    table.add_column("Criterion", no_wrap=True)
    table.add_column("Now", no_wrap=True)
    for g in report["closed"]:
        table.add_row(_pts(g), Text(g["label"]) + basis_mark(g), g["criterion"], _answer(g["answer"]))
    return table


def _before_after(report: dict[str, Any]) -> Any:
    before, after = report["before"], report["after"]
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("Section", overflow="fold", max_width=44)
    table.add_column("Before", justify="right")
    table.add_column("After", justify="right")
    table.add_column("Max", justify="right")
    table.add_column("Change", justify="right")
    for b, a in zip(before["sections"], after["sections"]):
        table.add_row(b["id"], b["title"], _fig(b), _fig(a), fmt(b["max"]), _gain(_change(b, a)))
    table.add_section()
    gained = (report["points_gained_min"], report["points_gained_max"])
    table.add_row("", Text("Total", style="bold"), Text(_fig(before), style="bold"),
                  Text(_fig(after), style="bold"), fmt(report["max_score"]), _gain(gained))
    table.add_row("", Text("Grade", style="bold"), _grades(before), _grades(after), "", "")
    return table


def _share(c: dict[str, Any]) -> Text:
    lo, hi = c.get("share_min"), c.get("share_max")
    if lo is None or hi is None:
        return Text(fmt(c["points"]))
    shown = fmt(lo) if lo == hi else f"{fmt(lo)}–{fmt(hi)}"
    if lo == hi == c["points"]:  # the criterion carries its component's whole weight
        return Text(shown)
    return Text(shown) + Text(f"\npic split {fmt(c['points'])}", style="dim")


def _earned(c: dict[str, Any]) -> str:
    """Points a criterion earns: exact, or its range (an unknown answer, a shared loss)."""
    return _fig({"score": c["earned"], "score_min": c.get("earned_min"), "score_max": c.get("earned_max")})


def _pts(g: dict[str, Any]) -> str:
    """What closing a gap gains: "+2.5", or "+0–2.5" where its points are a range."""
    lo, hi = g.get("points_min", g["points"]), g.get("points_max", g["points"])
    return _signed(lo) if lo == hi else f"+{fmt(lo)}–{fmt(hi)}"


def _fig(x: dict[str, Any]) -> str:
    """A score, or its range ("91–93.5") where the findings leave it open: never a dash
    that reads as nothing, never an unknown counted as zero."""
    lo, hi = x.get("score_min", x["score"]), x.get("score_max", x["score"])
    if x["score"] is not None or lo is None or hi is None:
        return fmt(x["score"])
    return f"{fmt(lo)}–{fmt(hi)}"


def _change(b: dict[str, Any], a: dict[str, Any]) -> tuple[float, float] | None:
    """How far a section moves: the least and the most (its before and after are independent
    ranges only through the same unknowns, so the exact difference is used when both are exact)."""
    if a.get("gain_min") is not None and a.get("gain_max") is not None:
        return a["gain_min"], a["gain_max"]
    if b["score"] is not None and a["score"] is not None:
        return a["score"] - b["score"], a["score"] - b["score"]
    blo, bhi = b.get("score_min"), b.get("score_max")
    alo, ahi = a.get("score_min"), a.get("score_max")
    if blo is None or bhi is None or alo is None or ahi is None:
        return None
    return max(0.0, alo - bhi), ahi - blo


def _gain(r: tuple[float, float] | None) -> Any:
    if r is None:
        return Text("?", style="yellow")
    lo, hi = r
    if abs(hi - lo) <= EPS:
        return Text(_signed(lo), style="green") if lo else ""
    return Text(f"+{fmt(lo)}–{fmt(hi)}", style="yellow")


def _grades(x: dict[str, Any]) -> Text:
    if x["grade"] is not None or x.get("grade_min") is None:
        return grade_text(x["grade"])
    return grade_text(x["grade_min"]) + Text("–") + grade_text(x["grade_max"])


def plan(report: dict[str, Any]) -> list[Any]:
    p = report["plan"]
    if p is None:
        return [Text("Plan: the framework has no grade scale, so there is no next grade to plan for.", style="dim")]
    start = "after closing the gaps above" if report["closed"] else "from the current findings"
    if p.get("from_minimum"):
        start += ", at the lowest score they allow"
    parts: list[Any] = [para(Text.assemble(("Plan", "bold"), f" ({start}: {fmt(p['from_score'])}, grade ",
                                           grade_text(p["from_grade"]), ")"))]
    top, nxt = p["top_grade"], p["next_grade"]
    if top["status"] == "reached":
        parts.append(Text.assemble(f"{report['name']} is already an ", grade_text(top["grade"]),
                                   f" ({top['grade']} ≥ {fmt(top['min_score'])}): no gaps need closing for the top grade.",
                                   style="green"))
        return parts
    if nxt is not None and nxt["grade"] != top["grade"]:
        parts += _target(nxt, "the next grade")
    parts += _target(top, "the top grade" if nxt is None or nxt["grade"] != top["grade"] else "the next and top grade")
    return parts


def _target(t: dict[str, Any], what: str) -> list[Any]:
    goal: Any = Text.assemble("To reach ", grade_text(t["grade"]), f" ({what}, {fmt(t['min_score'])} or more): ")
    if t["status"] == "unreachable":
        return [goal + Text("out of reach", style="red"),
                Text(f"  closing every open gap gives {fmt(t['score_after'])}.", style="red")]
    n = len(t["gaps"])
    goal += Text(f"close {n} gap{'s' if n != 1 else ''}, {_signed(t['points'])} points → {fmt(t['score_after'])} "
                 "under pic's own split (a hypothesis)")
    verdict = {"every": ("; under every split the cards on record allow, that reaches it", "green"),
               "some": ("; under only some of the splits the cards allow does that reach it", "yellow"),
               "none": ("; under no split the cards allow does that reach it", "red")}.get(t.get("calibrated") or "")
    if verdict:
        goal += Text(verdict[0], style=verdict[1])
    goal = para(goal)
    table = Table(show_edge=False, pad_edge=False, box=None, show_header=False)
    table.add_column("", no_wrap=True)  # indent
    table.add_column("Pts", justify="right", no_wrap=True)
    table.add_column("Gap", overflow="fold")
    table.add_column("Criterion", no_wrap=True)
    table.add_column("Now", no_wrap=True)
    for g in t["gaps"]:
        table.add_row(" ", _signed(g.get("sure_gain", g["points"])), Text(g["label"]) + basis_mark(g), g["criterion"],
                      _answer(g["answer"]))
    return [goal, table]

