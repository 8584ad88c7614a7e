"""Markdown: a bold title line and a pipe table that pastes into a report."""

from __future__ import annotations

from pic.views.tabular import Tabular, cell


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def dumps(t: Tabular) -> str:
    lines = [f"**{_escape(t.title)}**", ""]
    lines.append("| " + " | ".join(t.columns) + " |")
    lines.append("|" + "|".join("---" for _ in t.columns) + "|")
    for row in t.rows:
        lines.append("| " + " | ".join(_escape(cell(v)) for v in row) + " |")
    for note in t.notes:
        lines += ["", f"_{_escape(note)}_"]
    return "\n".join(lines) + "\n"
