"""The command line: parse options, call the core, pick a renderer. Nothing else."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Optional

import click
import typer
from typer.core import TyperGroup

from . import reports
from .errors import DataError, ExitCode, PicError, Problem, UsageError
from .loading import DataTree, check_framework_doc, check_profile_doc, display_name
from .render import Format
from .render import jsonfmt
from .scoring import find_gaps, score_profile
from .selection import profile_file
from .yamlload import load_file


class PicGroup(TyperGroup):
    """The one place where pic's errors become messages and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PicError as exc:
            _print_error(exc)
            ctx.exit(int(exc.exit_code))


def _print_error(exc: PicError) -> None:
    if isinstance(exc, DataError):
        for p in exc.problems:
            click.echo(f"pic: error: {p}", err=True)
    else:
        click.echo(f"pic: error: {exc}", err=True)


app = typer.Typer(
    cls=PicGroup,
    help="Score US state laws on child sex trafficking against published legislative frameworks.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# The options every reporting command shares, defined once.
YearOpt = typer.Option(None, "--year", "-y", help="Edition year (default: the newest with findings).")
FormatOpt = typer.Option(Format.table, "--format", "-f", help="Output format.", case_sensitive=False)
DataOpt = typer.Option(None, "--data", help="Data tree with frameworks/ and states/ (default: $PIC_DATA, else pic's own).",
                       show_default=False)
NoColorOpt = typer.Option(False, "--no-color", help="No colors or styles, even on a terminal.")


def _emit(fmt: Format, report: dict[str, Any], table: Any, no_color: bool) -> None:
    if fmt is Format.json:
        sys.stdout.write(jsonfmt.dumps(report) + "\n")
        return
    if fmt in (Format.csv, Format.markdown):
        raise PicError(f"--format {fmt.value} is not available for this command yet")
    from .render.table import make_console, show

    show(make_console(no_color), table())


def _scale(fw: Any) -> list[tuple[str, float]]:
    return [(b.grade, b.min) for b in fw.grade_scale]


@app.command()
def score(
    state: Optional[str] = typer.Argument(None, help="State: slug, name, postal code, or a profile .yaml file."),
    all_states: bool = typer.Option(False, "--all", help="One row per jurisdiction for the year: a ranking."),
    year: Optional[int] = YearOpt,
    fmt: Format = FormatOpt,
    data: Optional[str] = DataOpt,
    no_color: bool = NoColorOpt,
) -> None:
    """Report card: section scores, total, grade, and the check against published figures."""
    tree = DataTree.open(data)
    if all_states:
        if state is not None:
            raise UsageError("give either a STATE or --all, not both.")
        _score_all(tree, year, fmt, no_color)
        return
    if state is None:
        raise UsageError("missing STATE (or --all for every jurisdiction).")
    profile = tree.profile(profile_file(tree, state, year))
    framework = tree.framework(profile.framework_id)
    card = score_profile(framework, profile)
    report = reports.scorecard(card)

    def table() -> Any:
        from .render import table as t

        return t.scorecard(report, _scale(framework))

    _emit(fmt, report, table, no_color)


def _score_all(tree: DataTree, year: Optional[int], fmt: Format, no_color: bool) -> None:
    from .editions import newest_year_with_findings, ranking

    if year is None:
        year = newest_year_with_findings(tree)
        if year is None:
            raise UsageError("the data tree holds no profiles.")
    rows = ranking(tree, year)
    if not rows:
        raise UsageError(f"no profiles for {year}.")
    report = reports.ranking(year, rows)

    def table() -> Any:
        from .render import table as t

        return t.ranking(report)

    _emit(fmt, report, table, no_color)


@app.command()
def gaps(
    state: str = typer.Argument(..., help="State: slug, name, postal code, or a profile .yaml file."),
    year: Optional[int] = YearOpt,
    fmt: Format = FormatOpt,
    data: Optional[str] = DataOpt,
    no_color: bool = NoColorOpt,
) -> None:
    """The criteria not met, biggest first, with what to enact and what the finding rests on."""
    tree = DataTree.open(data)
    profile = tree.profile(profile_file(tree, state, year))
    framework = tree.framework(profile.framework_id)
    card = score_profile(framework, profile)
    report = reports.gaps(card, find_gaps(framework, profile))

    def table() -> Any:
        from .render import table as t

        return t.gaps(report)

    _emit(fmt, report, table, no_color)


@app.command()
def history(
    state: str = typer.Argument(..., help="State: slug, name or postal code."),
    fmt: Format = FormatOpt,
    data: Optional[str] = DataOpt,
    no_color: bool = NoColorOpt,
) -> None:
    """Every edition of one state, oldest first, with framework changes marked."""
    from . import jurisdictions
    from .editions import history as state_history

    tree = DataTree.open(data)
    place = jurisdictions.resolve(state)
    editions = state_history(tree, place.slug)
    if not editions:
        raise UsageError(f"no profiles for {place.name} in the data tree.")
    report = reports.history(place.slug, editions)

    def table() -> Any:
        from .render import table as t

        return t.history(report)

    _emit(fmt, report, table, no_color)


@app.command()
def diff(
    a: str = typer.Argument(..., metavar="A", help="Before: a year or a profile .yaml file."),
    b: str = typer.Argument(..., metavar="B", help="After: a year or a profile .yaml file."),
    states: Optional[list[str]] = typer.Argument(None, metavar="[STATE]...", help="Only these states."),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit 1 when anything differs."),
    fmt: Format = FormatOpt,
    data: Optional[str] = DataOpt,
    no_color: bool = NoColorOpt,
) -> None:
    """Score and grade changes between two editions; gaps closed and opened where comparable."""
    from .comparing import compare_sides

    tree = DataTree.open(data)
    comparison = compare_sides(tree, a, b, states or [])
    report = reports.comparison(a, b, comparison)

    def table() -> Any:
        from .render import table as t

        return t.comparison(report)

    _emit(fmt, report, table, no_color)
    if exit_code and comparison.changed:
        raise typer.Exit(int(ExitCode.CHECK_FAILED))


@app.command()
def validate(
    paths: Optional[list[Path]] = typer.Argument(None, help="Files or folders to check (default: the whole data tree)."),
    fmt: Format = FormatOpt,
    data: Optional[str] = DataOpt,
    no_color: bool = NoColorOpt,
) -> None:
    """Check frameworks and profiles; list every problem with file, line and column."""
    tree = DataTree.open(data)
    files = _files_to_check(tree, paths)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for path in files:
        p, w = _check_file(tree, path)
        problems += p
        warnings += w
    report = reports.validation([str(f) for f in files], problems, warnings)

    def table() -> Any:
        from .render import table as t

        return t.validation(report)

    _emit(fmt, report, table, no_color)
    if problems:
        raise typer.Exit(int(ExitCode.CHECK_FAILED))


def _files_to_check(tree: DataTree, paths: Optional[list[Path]]) -> list[Path]:
    if not paths:
        return sorted(tree.frameworks_dir.glob("*.yaml")) + tree.all_profile_paths()
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(p.rglob("*.yaml"))
        elif p.exists():
            out.append(p)
        else:
            raise UsageError(f"no such file or folder '{p}'.")
    return out


def _check_file(tree: DataTree, path: Path) -> tuple[list[Problem], list[Problem]]:
    try:
        doc = load_file(path, display_name(path))
    except DataError as exc:
        return exc.problems, []
    if path.parent.name == "frameworks":
        return check_framework_doc(doc, path.stem), []
    problems, framework = check_profile_doc(doc, path, tree)
    warnings: list[Problem] = []
    if not problems and framework is not None:
        from .loading import build_profile

        card = score_profile(framework, build_profile(doc.data, display_name(path)))
        warnings = [doc.problem(("published",), m) for m in card.mismatches]
    return problems, warnings


def main() -> None:
    app()


# Commands defined in their own modules register themselves on `app` when imported.
from . import cli_analyst  # noqa: E402,F401
