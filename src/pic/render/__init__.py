"""One module per output format. Each turns a report (plain data from `pic.views`) into
text; none of them computes anything. Only `terminal` knows about terminals.

The formats are registered here: adding one is a member of `Format`, a suffix in
`SUFFIXES` if files of it are written, and a branch in `pic.emit.to_text`.
"""

from __future__ import annotations

from enum import Enum


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    svg = "svg"
    html = "html"


# The format an --output file's name asks for.
SUFFIXES: dict[str, Format] = {
    ".txt": Format.table,
    ".json": Format.json,
    ".csv": Format.csv,
    ".md": Format.markdown,
    ".markdown": Format.markdown,
    ".svg": Format.svg,
    ".html": Format.html,
    ".htm": Format.html,
}
