"""`pic calibrate` at a terminal."""

from __future__ import annotations

from typing import Any

from pic.render.richkit import Table, Text

from pic.core.numbers import fmt
from pic.render.terminal import para
from pic.views.calibration import STATUS_WORDS, notes

STYLES = {"pinned": "green", "narrowed": "cyan", "free": "yellow", "fixed": "dim"}


def calibration(r: dict[str, Any]) -> list[Any]:
    parts: list[Any] = [
        Text.assemble((r["framework_title"], "bold"), "  ",
                      (f"calibrated on {len(r['cards'])} card{'s' if len(r['cards']) != 1 else ''} on record",
                       "italic")),
        para("Each component's weight is the framework's; how it splits between the component's criteria is not "
             "published. Every card with findings and published section scores allows only some splits.", "dim"),
        Text(""),
    ]
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column("Comp.", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Shares the cards allow (pic split)", overflow="fold")
    table.add_column("Cards on its section", overflow="fold")
    for c in r["components"]:
        if c["status"] == "fixed":
            continue
        shares = ", ".join(
            f"{k['id']} {_span(k['share_min'], k['share_max'])} ({_n(k['hypothesis'])})" for k in c["criteria"])
        status = Text(c["status"], style=STYLES[c["status"]])
        if not c["hypothesis_allowed"]:
            status += Text(" ✗ pic split", style="red")
        table.add_row(c["id"], status, shares, ", ".join(c["cards"]) or "—")
    parts += [table, Text("")]
    for line in notes(r):
        style = "bold red" if line.startswith(("Contradiction", "Conflict")) else "dim"
        parts.append(para(line, style))
    parts.append(para("Statuses: " + "; ".join(f"{k}: {v.split(': ', 1)[1]}" for k, v in STATUS_WORDS.items()),
                      "dim"))
    return parts


_n = fmt


def _span(lo: float, hi: float) -> str:
    return _n(lo) if lo == hi else f"{_n(lo)}–{_n(hi)}"
