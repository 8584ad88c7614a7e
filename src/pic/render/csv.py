"""CSV: a header row, then one record per row; nothing else (no titles, no notes)."""

from __future__ import annotations

import csv
import io

from pic.views.tabular import Tabular, cell


def dumps(t: Tabular) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(t.columns)
    for row in t.rows:
        writer.writerow([cell(v) for v in row])
    return buf.getvalue()
