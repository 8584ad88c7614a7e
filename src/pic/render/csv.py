"""CSV: a header row, then one record per row; nothing else (no titles, no notes).

A text cell that a spreadsheet would run as a formula (it begins with `=`, `+`, `-`,
`@`, a tab or a carriage return) gets a leading `'`, the OWASP rule for CSV injection;
numbers, including negative ones such as a score change of -2.5, stay numbers. The
report's strings reach this module already cleaned (`pic.render.safe.clean`): control
characters are visible escapes, a newline stays inside its quoted cell.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from pic.views.tabular import Tabular, cell

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutral(value: Any) -> str:
    """The cell's text, with a leading `'` if a spreadsheet would take it for a formula."""
    text = cell(value)
    if isinstance(value, str) and text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def dumps(t: Tabular) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(t.columns)
    for row in t.rows:
        writer.writerow([neutral(v) for v in row])
    return buf.getvalue()
