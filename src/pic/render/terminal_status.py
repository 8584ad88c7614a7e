"""`pic status` at a terminal: per section, how much is answered, implied and unknown."""

from __future__ import annotations

from typing import Any

from pic.render.richkit import Table, Text

from pic.core.numbers import fmt, fmt_range


def _range(lo: Any, hi: Any) -> str:
    return "—" if lo is None or hi is None else fmt_range(lo, hi)


def status(r: dict[str, Any]) -> list[Any]:
    head = Text.assemble((r["name"], "bold"), "  ", (str(r["year"]), "bold"), "  ", (r["framework_title"], "italic"))
    parts: list[Any] = [head]
    if not r["sections"]:
        parts.append(Text(f"The {r['framework']} framework defines no criteria: this edition records published "
                          "figures only.", style="yellow"))
        return parts
    if not r["has_findings"]:
        parts.append(Text("No findings recorded: every criterion is unknown.", style="yellow"))
    parts.append(Text(f"{r['answered']} of {r['criteria']} criteria answered ({r['answered_from_totals']} of them "
                      f"from published totals) · {r['implied']} more implied by published totals · "
                      f"{r['unknown']} unknown", style="bold"))
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    for name, justify in (("#", "right"), ("Section", "left"), ("Criteria", "right"), ("Answered", "right"),
                          ("From totals", "right"), ("Implied", "right"), ("Unknown", "right"),
                          ("Pts unknown", "right")):
        table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for s in r["sections"]:
        table.add_row(s["id"], Text(s["title"]), str(s["criteria"]), str(s["answered"]),
                      str(s["answered_from_totals"]), str(s["implied"]),
                      Text(str(s["unknown"]), style="yellow" if s["unknown"] else ""), fmt(s["points_unknown"]))
    table.add_section()
    table.add_row("", Text("Total", style="bold"), str(r["criteria"]), str(r["answered"]),
                  str(r["answered_from_totals"]), str(r["implied"]),
                  str(r["unknown"]), fmt(r["points_unknown"]))
    parts += [Text(""), table, Text("")]
    parts.append(Text(f"Score the findings alone allow (any split of the points): {_range(r['score_min'], r['score_max'])}"
                      + (f" ({r['grade_min']}–{r['grade_max']})" if r["grade_min"] != r["grade_max"]
                         else f" ({r['grade_min']})" if r["grade_min"] else "")))
    if r["implied_min"] is not None and (r["implied_min"], r["implied_max"]) != (r["score_min"], r["score_max"]):
        parts.append(Text(f"Over the splits the cards on record allow (calibrated): "
                          f"{_range(r['implied_min'], r['implied_max'])}", style="cyan"))
    messages = [s["implication"]["message"] for s in r["sections"] if s["implication"]]
    if r["rest"]:
        messages.append(r["rest"]["message"])
    if r["answered_from_totals"]:
        parts.append(Text(f"From totals: {r['answered_from_totals']} answers are read from the publisher's section "
                          "totals (basis published-total), not from the card's text: an inference.", style="yellow"))
    if messages:
        parts.append(Text("Implied by the publisher's figures under pic's own split (an inference, not a finding):",
                          style="dim"))
        parts += [Text("  " + m, style="dim") for m in messages]
    return parts
