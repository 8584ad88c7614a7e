"""`pic compare` at a terminal: sections as rows, states as columns."""

from __future__ import annotations

from typing import Any

from pic.render.richkit import Table, Text

from pic.core.numbers import fmt
from pic.render.terminal import grade_text, provenance_lines, source_lines


def _known(sec: dict[str, Any]) -> bool:
    return sec["score"] is not None or sec.get("score_min") is not None or sec.get("published") is not None


def _span(lo: Any, hi: Any) -> str:
    return fmt(lo) if lo == hi else f"{fmt(lo)}–{fmt(hi)}"


def _section_cell(sec: dict[str, Any], marks: set[str]) -> Text:
    if sec["score"] is not None:
        return Text(fmt(sec["score"]))
    if sec.get("score_min") is not None and sec.get("score_max") is not None:
        marks.add("range")
        cell = Text(_span(sec["score_min"], sec["score_max"]))
        if sec.get("implied_min") is not None:
            marks.add("†")
            cell += Text(f" ({_span(sec['implied_min'], sec['implied_max'])}†)", style="yellow")
        return cell
    if sec.get("published") is not None:
        cell = Text(f"{fmt(sec['published'])} published", style="dim")
        if sec.get("published_inferred"):
            marks.add("‡")
            cell += Text("‡", style="yellow")
        return cell
    return Text("—")


def _total_cell(s: dict[str, Any], marks: set[str]) -> Text:
    if s["score"] is not None:
        return Text(fmt(s["score"]), style="bold")
    if s.get("score_min") is not None and s.get("score_max") is not None:
        marks.add("range")
        cell = Text(_span(s["score_min"], s["score_max"]), style="bold")
        implied = s.get("implied")
        if implied:
            marks.add("†")
            cell += Text(f" ({_span(implied['score_min'], implied['score_max'])}†)", style="yellow")
        return cell
    return Text("—", style="bold")


def _grade_cell(s: dict[str, Any], marks: set[str]) -> Text:
    if s["grade"]:
        cell = grade_text(s["grade"])
        if s.get("grade_inferred"):
            marks.add("*")
            cell += Text("*", style="yellow")
        return cell
    if s.get("grade_min") and s.get("grade_max"):
        marks.add("range")
        cell = Text(f"{s['grade_min']}–{s['grade_max']}" if s["grade_min"] != s["grade_max"] else s["grade_min"])
        implied = s.get("implied")
        if implied and implied.get("grade_min"):
            marks.add("†")
            g = implied["grade_min"] if implied["grade_min"] == implied["grade_max"] else \
                f"{implied['grade_min']}–{implied['grade_max']}"
            cell += Text(f" ({g}†)", style="yellow")
        return cell
    return grade_text(None)


def _published_cell(s: dict[str, Any], marks: set[str]) -> Text:
    pub = s["published"]
    if not pub:
        return Text("—", style="dim")
    bits = [fmt(pub["score"]) if pub.get("score") is not None else "", pub.get("grade") or ""]
    cell = Text(" ".join(b for b in bits if b) or "—", style="dim")
    if set(pub.get("inferred") or []) & {"score", "grade"}:
        marks.add("‡")
        cell += Text("‡", style="yellow")
    return cell


def comparison(report: dict[str, Any]) -> list[Any]:
    states = report["states"]
    head = Text.assemble((f"{report['year']}", "bold"), "  ",
                         (report["framework_title"] or "several frameworks", "italic"), "  ",
                         (f"{len(states)} jurisdictions side by side", "italic"))
    parts: list[Any] = [head]
    if report["warning"]:
        parts.append(Text("⚠ " + report["warning"], style="bold yellow"))
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("Section", overflow="fold", max_width=30)
    table.add_column("Max", justify="right")
    for s in states:
        table.add_column(Text(s["name"]), justify="right", overflow="fold")
    any_sections = any(_known(sec) for s in states for sec in s["sections"])
    marks: set[str] = set()
    if report["comparable"] and any_sections:
        for i, sec in enumerate(report["sections"]):
            cells = [_section_cell(s["sections"][i], marks) if i < len(s["sections"]) else Text("—") for s in states]
            table.add_row(sec["id"], Text(sec["title"]), fmt(sec["max"]), *cells)
        table.add_section()
    max_score = fmt(states[0]["max_score"]) if report["comparable"] else ""
    table.add_row("", Text("Total", style="bold"), max_score, *[_total_cell(s, marks) for s in states])
    table.add_row("", Text("Grade", style="bold"), "", *[_grade_cell(s, marks) for s in states])
    if any(s["published"] for s in states):
        table.add_row("", Text("Published", style="dim"), "", *[_published_cell(s, marks) for s in states])
    table.add_row("", Text("Basis", style="dim"), "", *[Text(s["basis"], style="dim") for s in states])
    parts += [Text(""), table, Text("")]
    legend = {"*": "*: grade inferred, not printed by the publisher.",
              "range": "a–b: a partial profile's range; an unknown is never counted as met or as zero.",
              "†": "†: what its published totals imply (an inference).",
              "‡": "‡: a published figure the research infers rather than reads off the card."}
    for key, line in legend.items():
        if key in marks:
            parts.append(Text(line, style="yellow"))
    if report["grade_scale_inferred"]:
        parts.append(Text("Grade scale inferred by pic (not published).", style="dim"))
    parts.append(Text("Published figures: the sources named in each profile (pic history STATE).", style="dim"))
    for s in states:
        parts += source_lines(s["source"], f"{s['name']}: ")
    parts += provenance_lines(report)
    return parts
