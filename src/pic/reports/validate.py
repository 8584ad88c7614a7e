"""`pic validate`: every problem in frameworks and profiles, with file, line and column."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from pic.reports import Report, ReportKind, Result
from pic.views.tabular import Tabular

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.views.layout import Layout


def build(tree: DataTree, paths: Sequence[Path] = ()) -> Result:
    """A problem is a failed check (exit 1); a warning is not."""
    from pic.core.check import check_paths
    from pic.views import reports

    files, problems, warnings = check_paths(tree, list(paths))
    return Result(KIND, reports.validation(files, problems, warnings), failure="" if problems else None)


def rows(r: dict[str, Any]) -> Tabular:
    cols = ("severity", "file", "line", "column", "key", "message")
    rows = [("error", p["file"], p["line"], p["column"], p["key"], p["message"]) for p in r["problems"]]
    rows += [("warning", p["file"], p["line"], p["column"], p["key"], p["message"]) for p in r["warnings"]]
    verdict = "all valid" if r["ok"] else f"{len(r['problems'])} problem{'s' if len(r['problems']) != 1 else ''}"
    n = r["files_checked"]
    return Tabular(f"Validation of {n} file{'s' if n != 1 else ''}: {verdict}", cols, rows)


def terminal(r: Report) -> list[Any]:
    from pic.render import terminal as term

    return term.validation(r)


MARKDOWN = (("severity", "Severity"), ("file", "File"), ("line", "Line"), ("column", "Column"),
            ("key", "Key"), ("message", "Problem"))


def layout(r: Report) -> Layout:
    """The table figure (--format svg|html): what a newspaper would print of it."""
    from pic.views import layouts

    return layouts.validate(r)


KIND = ReportKind("validate", "validate", ("validate",), rows, MARKDOWN, terminal, layout=layout)
