"""Sending a rendered report where it goes: stdout (paged on a tall terminal) or a file
written atomically."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any, Optional

from pic.core.errors import DataError, Problem
from pic.kinds import ReportKind
from pic.render import Format, to_text


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
    if fmt is not Format.table:
        _stdout().write(to_text(kind, report, fmt))
        return
    from pic.render import terminal

    stream = _stdout()
    parts = kind.terminal(report)
    pager = None if no_pager else _pager_for(stream)
    terminal.show(parts, stream, no_color=no_color, pager=pager)


def _pager_for(stream: Any) -> Optional[str]:
    """The pager to use on an interactive terminal: $PAGER, else `less -R`; none when piped."""
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    if os.environ.get("CI"):
        return None
    pager = os.environ.get("PAGER")
    if pager is not None:
        return pager.strip() or None
    return "less -FRX" if shutil.which("less") else None
