"""One module per output format. Each turns a report (plain data from `pic.views`) into
text; none of them computes anything. Only `terminal` knows about terminals.

`FORMATS` is the registry of formats: adding one is a member of `Format`, a suffix in
`SUFFIXES` if files of it are written, and a branch in `to_text`.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pic.kinds import ReportKind


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


def to_text(kind: ReportKind, report: dict[str, Any], fmt: Format, width: int = 100) -> str:
    """The report in a text format, whole, as it is written to a file or a pipe.

    Data text never drives a terminal or a reader (`pic.render.safe`): JSON keeps every
    string exact, with the characters a terminal acts on as `\\uXXXX` escapes; table,
    CSV and Markdown get the report with control characters made visible; SVG and HTML
    escape their text themselves (`pic.render.figure`)."""
    from pic.render import safe

    if fmt is Format.json:
        from pic.render import json as json_format

        return safe.json_text(json_format.dumps(report)) + "\n"
    if fmt is Format.csv:
        from pic.render import csv as csv_format

        return csv_format.dumps(kind.rows(safe.clean(report)))
    if fmt is Format.markdown:
        from pic.render import markdown

        return markdown.dumps(kind.rows(safe.clean(report)))
    if fmt in (Format.svg, Format.html):
        from pic.render import picture

        if kind.figure is not None:
            return kind.figure(report, fmt.value)
        return picture.table_figure(kind.rows(report), fmt.value)
    from pic.render import terminal

    return terminal.plain_text(kind.terminal(safe.clean(report)), width)
