"""The report kinds: one module per kind, each holding everything that is that report.

A report module (`pic.reports.score`, `pic.reports.gaps`, ...) says how its report is
built from the core (`build`, which returns a `Result`: the JSON-ready report, the notes
for stderr and whether a check failed), its flat rows for CSV, the columns a Markdown
reader sees, its terminal layout, its figure, an example invocation, and registers all
of it as `KIND`. The registry is `NAMES`: the tests, the README's tables, `docs/cli.md`
and the hostile-text tests are all derived from it, so a kind registered without its
schema, Markdown columns, figure or example fails a test (tests/test_registry.py).

Nothing here imports rich, PyYAML or a renderer: each part is reached through a small
function that imports on first use, so `pic score ... --format json` never loads rich.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any, Callable, NamedTuple

if TYPE_CHECKING:
    from pic.views.tabular import Tabular

Report = dict[str, Any]

# Every report kind, in the order the README lists them. The module of a kind is
# `pic.reports.<name>` (with "-" as "_").
NAMES: tuple[str, ...] = ("score", "ranking", "gaps", "history", "diff", "validate", "map", "frameworks",
                          "explain", "whatif", "compare", "status", "calibrate", "new")


class ReportKind(NamedTuple):
    """One kind of report; mypy checks that every part without a default is given."""

    name: str  # also names schemas/<name>.output.schema.json
    command: str  # how a user asks for it, e.g. "score --all"
    example: tuple[str, ...]  # the arguments of one invocation on pic's own data that gives this kind
    rows: Callable[[Report], Tabular]  # CSV (every column) and Markdown (the `markdown` ones)
    markdown: tuple[tuple[str, str], ...]  # (column, header): what a Markdown reader sees
    terminal: Callable[[Report], list[Any]]  # rich renderables for a person at a terminal
    figure: Callable[[Report, str], str] | None = None  # a bespoke SVG or HTML figure
    layout: Callable[[Report], Any] | None = None  # else: the table figure's layout (pic.views.layout)


class Note(NamedTuple):
    """A note for stderr. `carried`: the report says it too (not repeated on a terminal that
    shows the table); `after`: said once the report is out (next steps)."""

    text: str
    carried: bool = False
    after: bool = False


class Result:
    """What building a report gives: the report, its notes, and the failed check (exit 1)
    to raise once the report is out, if any ("" fails without a message of its own).

    For a notebook, a result reads as its report (`result["score"]`) and writes itself in
    any of the command line's formats (`result.text("markdown")`)."""

    __slots__ = ("kind", "report", "notes", "failure")

    def __init__(self, kind: ReportKind, report: Report, notes: tuple[Note, ...] = (),
                 failure: str | None = None) -> None:
        self.kind = kind
        self.report = report
        self.notes = notes
        self.failure = failure

    def __getitem__(self, key: str) -> Any:
        return self.report[key]

    def text(self, fmt: str = "json", width: int = 100) -> str:
        """The report as `--output` writes it: table, json, csv, markdown, svg or html."""
        from pic.emit import to_text
        from pic.render import Format

        return to_text(self.kind, self.report, Format(fmt), width)

    def __repr__(self) -> str:
        return f"<pic {self.kind.name} report{'' if self.failure is None else ', check failed'}>"


def kind(name: str) -> ReportKind:
    """The registered kind of that name (imports its module, nothing more)."""
    if name not in NAMES:
        raise KeyError(name)
    module: Any = import_module(f"pic.reports.{name.replace('-', '_')}")
    found: ReportKind = module.KIND
    return found


def every() -> list[ReportKind]:
    return [kind(n) for n in NAMES]
