"""`pic compare` at a terminal: sections as rows, states as columns."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from pic.core.numbers import fmt
from pic.render.terminal import grade_text, provenance_lines, source_lines


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
    any_sections = any(sec["score"] is not None for s in states for sec in s["sections"])
    if report["comparable"] and any_sections:
        for i, sec in enumerate(report["sections"]):
            cells = [fmt(s["sections"][i]["score"]) if i < len(s["sections"]) else "—" for s in states]
            table.add_row(sec["id"], Text(sec["title"]), fmt(sec["max"]), *cells)
        table.add_section()
    max_score = fmt(states[0]["max_score"]) if report["comparable"] else ""
    table.add_row("", Text("Total", style="bold"), max_score, *[Text(fmt(s["score"]), style="bold") for s in states])
    table.add_row("", Text("Grade", style="bold"), "", *[grade_text(s["grade"]) for s in states])
    table.add_row("", Text("Basis", style="dim"), "", *[Text(s["basis"], style="dim") for s in states])
    parts += [Text(""), table, Text("")]
    if report["grade_scale_inferred"]:
        parts.append(Text("Grade scale inferred by pic (not published).", style="dim"))
    parts.append(Text("Published figures: the sources named in each profile (pic history STATE).", style="dim"))
    for s in states:
        parts += source_lines(s["source"], f"{s['name']}: ")
    parts += provenance_lines(report)
    return parts
