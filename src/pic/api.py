"""pic as a library: each report the command line prints, for a notebook or a script.

    >>> from pic import api
    >>> card = api.score("mississippi", year=2019)
    >>> card["score"], card["grade"]        # card.report is the whole JSON report
    (91, 'A')
    >>> print(api.text(api.gaps("ms", year=2019), "markdown"))  # doctest: +SKIP

Every function returns a `Result`: `report` is the JSON-ready dict the command prints with
`--format json` (its shape is `schemas/<kind>.output.schema.json`), `notes` what the
command says on stderr, and `failure` a failed check (`validate`, `diff(exit_code=True)`,
`fail_under`) that the command turns into exit 1; the library raises nothing for it. Bad
input raises `pic.core.errors.PicError` (a `UsageError`, a `DataError`...), whose message
is the one-line error the command prints. `data` is a data tree (a folder with
frameworks/ and states/, or an open `DataTree`); by default pic's own (or $PIC_DATA).

The command line is these functions plus its options: `pic.cli` parses, calls one of
them and writes the result; nothing a command reports is computed anywhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence, Union

from pic.reports import Note, Result

if TYPE_CHECKING:
    from pic.core.load import DataTree

__all__ = ["Note", "Result", "calibrate", "compare", "diff", "explain", "frameworks", "gaps", "history",
           "new", "open_tree", "ranking", "score", "state_report", "status", "text", "tile_map", "validate",
           "whatif"]

Data = Union[str, Path, "DataTree", None]
Year = Union[str, int, None]


def open_tree(data: Data = None) -> DataTree:
    """The data tree: a folder, an open tree (returned as is), else $PIC_DATA or pic's own."""
    from pic.core.load import DataTree

    if isinstance(data, DataTree):
        return data
    return DataTree.open(None if data is None else str(data))


def score(state: str, year: Year = None, *, fail_under: str | None = None, data: Data = None) -> Result:
    """One edition's report card (`pic score STATE`)."""
    from pic.reports import score as kind

    return kind.build(open_tree(data), state, year, fail_under)


def state_report(state: str, year: Year = None, *, data: Data = None) -> Result:
    """The card with its gaps and history (what `pic score STATE -o FILE.html` draws)."""
    from pic.reports import score as kind

    return kind.build(open_tree(data), state, year, with_context=True)


def ranking(year: Year = None, *, fail_under: str | None = None, data: Data = None) -> Result:
    """Every jurisdiction's edition of a year, ranked (`pic score --all`)."""
    from pic.reports import ranking as kind

    return kind.build(open_tree(data), year, fail_under)


def gaps(state: str, year: Year = None, *, data: Data = None) -> Result:
    """The criteria not met (`pic gaps STATE`)."""
    from pic.reports import gaps as kind

    return kind.build(open_tree(data), state, year)


def history(state: str, *, data: Data = None) -> Result:
    """Every edition of one state (`pic history STATE`)."""
    from pic.reports import history as kind

    return kind.build(open_tree(data), state)


def diff(a: str, b: str, states: Sequence[str] = (), *, exit_code: bool = False, data: Data = None) -> Result:
    """Changes between two editions (`pic diff A B [STATE...]`); A and B are years or profile files."""
    from pic.reports import diff as kind

    return kind.build(open_tree(data), a, b, states, exit_code)


def tile_map(year: Year = None, *, data: Data = None) -> Result:
    """The tile map of a year (`pic map`)."""
    from pic.reports import map as kind

    return kind.build(open_tree(data), year)


def frameworks(*, data: Data = None) -> Result:
    """The frameworks and their grade scales (`pic frameworks`)."""
    from pic.reports import frameworks as kind

    return kind.build(open_tree(data))


def calibrate(framework_id: str = "pic", *, data: Data = None) -> Result:
    """What the published cards allow of each component's split (`pic calibrate`)."""
    from pic.reports import calibrate as kind

    return kind.build(open_tree(data), framework_id)


def validate(paths: Sequence[str | Path] = (), *, data: Data = None) -> Result:
    """Every problem in the data tree, or in the files named (`pic validate`)."""
    from pic.reports import validate as kind

    return kind.build(open_tree(data), [Path(p) for p in paths])


def explain(target: str, component: str | None = None, *, framework_id: str | None = None, year: Year = None,
            data: Data = None) -> Result:
    """A component against a state's answers (`pic explain STATE COMPONENT`), or alone."""
    from pic.reports import explain as kind

    return kind.build(open_tree(data), target, component, framework_id, year)


def whatif(state: str, close: Sequence[str] = (), year: Year = None, *, data: Data = None) -> Result:
    """The score if gaps were closed, and the fewest to close for the next grade (`pic whatif`)."""
    from pic.reports import whatif as kind

    return kind.build(open_tree(data), state, close, year)


def compare(states: Sequence[str], year: Year = None, *, data: Data = None) -> Result:
    """Several states side by side for one year (`pic compare`)."""
    from pic.reports import compare as kind

    return kind.build(open_tree(data), states, year)


def status(state: str, year: Year = None, *, data: Data = None) -> Result:
    """How complete a profile is (`pic status`)."""
    from pic.reports import status as kind

    return kind.build(open_tree(data), state, year)


def new(state: str, year: str | int, *, data: str | Path | None = None, from_profile: str | None = None,
        force: bool = False) -> Result:
    """Write a new profile to fill in into `data` (`pic new`); never over a file unless `force`."""
    from pic.reports import new as kind

    return kind.build(None if data is None else str(data), state, year, from_profile, force)


def text(result: Result, fmt: str = "json", width: int = 100) -> str:
    """A result in one of the command line's formats (table, json, csv, markdown, svg, html),
    as `--output` would write it."""
    return result.text(fmt, width)
