"""Sending a rendered report where it goes: stdout (paged on a tall terminal) or a file
written atomically.

Data text is made safe on the way (`pic.render.safe`, through `to_text` and, for a
table, `clean` here); on a stream whose encoding is not UTF-8 (a latin-1 or cp1252
locale), JSON writes what the encoding cannot carry as `\\uXXXX` escapes (the same JSON),
SVG and HTML as character references, and the other formats degrade to ASCII. Files are
always UTF-8.
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from pic.core.errors import DataError, Problem
from pic.render import Format

if TYPE_CHECKING:  # the report modules reach emit lazily (Result.text): no cycle at run time
    from pic.reports import ReportKind


def _stdout() -> Any:
    if sys.stdout is None:  # started with stdout closed (`pic ... >&-`)
        raise DataError([Problem("<stdout>", "cannot write the output: standard output is closed")])
    return sys.stdout


def emit(kind: ReportKind, report: dict[str, Any], fmt: Format, *, path: Optional[Path] = None, force: bool = False,
         no_color: bool = False, no_pager: bool = False) -> None:
    if path is not None:
        from pic.core.fileio import write_atomic

        write_atomic(path, to_text(kind, report, fmt), overwrite=force)
        return
    try:
        _to_stdout(kind, report, fmt, no_color=no_color, no_pager=no_pager)
    except OSError as exc:
        if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
            from pic.boundary import ClosedPipe

            raise ClosedPipe() from None
        raise


def _to_stdout(kind: ReportKind, report: dict[str, Any], fmt: Format, *, no_color: bool, no_pager: bool) -> None:
    from pic.render import safe

    stream = _stdout()
    encoding = getattr(stream, "encoding", None) or "utf-8"
    if fmt is not Format.table:
        text = to_text(kind, report, fmt)
        if safe.needs_fallback(encoding):
            if fmt is Format.json:
                text = safe.json_for_encoding(text, encoding)
            elif fmt in (Format.svg, Format.html):
                text = text.encode("ascii", errors="xmlcharrefreplace").decode("ascii")
            else:
                text = safe.for_encoding(text, encoding)
        stream.write(text)
        return
    from pic.render import terminal

    parts = kind.terminal(safe.clean(report))
    pager = None if no_pager else _pager_for(stream)
    terminal.show(parts, stream, no_color=no_color, pager=pager)


def _pager_for(stream: Any) -> Optional[str]:
    """The pager to use on an interactive terminal: $PAGER, else `less -FRX`; none when
    piped, under CI, or on a dumb terminal (TERM unset or `dumb`). A PAGER that cannot be
    run (not found, unbalanced quotes) prints the output unpaged."""
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    if os.environ.get("CI"):
        return None
    if os.environ.get("TERM", "").strip() in ("", "dumb"):
        # A terminal that cannot move its cursor: less would stop at "terminal is not
        # fully functional", and any pager's screen handling is lost on it.
        return None
    pager = os.environ.get("PAGER")
    if pager is not None:
        return pager.strip() or None
    return "less -FRX" if shutil.which("less") else None


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

        from pic.views.tabular import readable

        rows = kind.rows(safe.clean(report))
        return markdown.dumps(rows, readable(kind.markdown, rows))
    if fmt in (Format.svg, Format.html):
        if kind.figure is not None:
            return kind.figure(report, fmt.value)
        from pic.render import tablefigure

        if kind.layout is not None:
            return tablefigure.render(kind.layout(report), fmt.value)
        from pic.views.layouts import LAYOUTS

        return tablefigure.render(LAYOUTS[kind.name](report), fmt.value)
    from pic.render import terminal

    return terminal.plain_text(kind.terminal(safe.clean(report)), width)
