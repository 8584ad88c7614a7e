"""Markdown: a bold title line and a pipe table that pastes into a report.

Data text is shown, never interpreted: `&`, `<` and `>` become HTML entities (no raw
HTML, no autolinks); `\\` and `|` (which would end a cell), `[` and `]` (which would
make a link or an image) are backslash-escaped; every line break (CR, LF, the Unicode
separators) folds into a space, so a row never splits. Control characters arrive
already made visible (`pic.render.safe.clean`).
"""

from __future__ import annotations

import re

from pic.views.tabular import Tabular, cell

_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\x0b\x0c\x85]")
_SPECIAL = re.compile(r"([\\|\[\]])")


def _escape(text: str) -> str:
    text = _BREAKS.sub(" ", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def dumps(t: Tabular) -> str:
    lines = [f"**{_escape(t.title)}**", ""]
    lines.append("| " + " | ".join(_escape(c) for c in t.columns) + " |")
    lines.append("|" + "|".join("---" for _ in t.columns) + "|")
    for row in t.rows:
        lines.append("| " + " | ".join(_escape(cell(v)) for v in row) + " |")
    for note in t.notes:
        lines += ["", f"_{_escape(note)}_"]
    return "\n".join(lines) + "\n"
