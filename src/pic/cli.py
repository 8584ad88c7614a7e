"""The command line: parse options, call the core, pick a renderer. Nothing else."""

from __future__ import annotations

import errno
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

import typer
from typer.core import TyperGroup

from pic.views import reports
from pic.core.errors import CheckFailed, DataError, ExitCode, PicError, Problem, UsageError
from pic.core.load import DataTree, check_framework_doc, check_profile_doc, display_name
from pic.render import Format
from pic.core.score import find_gaps, score_profile
from pic.core.select import load_edition


class PicGroup(TyperGroup):
    """The one place where pic's errors become messages and exit codes."""

    def invoke(self, ctx: Any) -> Any:  # click.Context (vendored by newer Typer)
        try:
            return super().invoke(ctx)
        except PicError as exc:
            _print_error(exc)
            ctx.exit(int(exc.exit_code))
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # the reader went away (`pic ... | head`): click exits quietly
            if exc.filename is not None:
                # a file or folder the command needs, unreadable in a way no check foresaw
                typer.echo(f"pic: error: {exc.filename}: cannot be read ({exc.strerror or exc})", err=True)
                ctx.exit(int(ExitCode.DATA))
            # Not a failed check (1): a script must not read a full disk as a low grade.
            typer.echo(f"pic: error: cannot write the output ({exc.strerror or exc})", err=True)
            ctx.exit(int(ExitCode.DATA))


def _print_error(exc: PicError) -> None:
    lines = [str(p) for p in exc.problems] if isinstance(exc, DataError) else [str(exc)]
    for line in lines:
        typer.echo(f"pic: error: {line}", err=True)


app = typer.Typer(
    cls=PicGroup,
    help="Score US state laws on child sex trafficking against published legislative frameworks.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# The options every reporting command shares, defined once.
StateArg = typer.Argument(..., help="State: slug, name, postal code, or a profile .yaml file.")
YearOpt = typer.Option(None, "--year", "-y", help="Edition year (default: the newest with findings).")
FormatOpt = typer.Option(Format.table, "--format", "-f", help="Output format.", case_sensitive=False)
DataOpt = typer.Option(None, "--data", help="Data tree with frameworks/ and states/ (default: $PIC_DATA, else pic's own).",
                       show_default=False)
NoColorOpt = typer.Option(False, "--no-color", help="No colors or styles, even on a terminal.")
QuietOpt = typer.Option(False, "--quiet", "-q", help="No notes on stderr (errors still show).")
OutputOpt = typer.Option(None, "--output", "-o", help="Write the rendered table as a picture: FILE.svg or FILE.html.",
                         show_default=False)
ForceOpt = typer.Option(False, "--force", help="Replace an existing --output file.")


@dataclass(frozen=True)
class Output:
    """How a command's report leaves pic: format, color, picture file, notes."""

    fmt: Format = Format.table
    no_color: bool = False
    quiet: bool = False
    path: Optional[Path] = None
    force: bool = False

    def note(self, message: str) -> None:
        if not self.quiet:
            typer.echo(f"pic: {message}", err=True)


def emit(kind: str, report: dict[str, Any], table: Callable[[], list[Any]], out: Output) -> None:
    """Render `report` in the chosen format; `table` builds the rich renderables lazily."""
    if out.path is not None:
        from pic.render.picture import write_picture

        write_picture(out.path, table(), title=f"pic {kind}", overwrite=out.force)
        out.note(f"wrote {out.path}")
        return
    if out.fmt is Format.json:
        from pic.render import json as jsonfmt

        sys.stdout.write(jsonfmt.dumps(report) + "\n")
    elif out.fmt in (Format.csv, Format.markdown):
        from pic.render import csv as csvfmt
        from pic.render import markdown
        from pic.views import tabular

        flat = tabular.KINDS[kind](report)
        sys.stdout.write((csvfmt if out.fmt is Format.csv else markdown).dumps(flat))
    else:
        from pic.render.terminal import make_console, show

        show(make_console(out.no_color), table())


def _emit(fmt: Format, report: dict[str, Any], table: Callable[[], list[Any]], no_color: bool,
          kind: str = "") -> None:
    emit(kind, report, table, Output(fmt, no_color))


def _table(name: str, *args: Any) -> Callable[[], list[Any]]:
    def build() -> list[Any]:
        from pic.render import terminal as t

        return getattr(t, name)(*args)

    return build


def _scale(fw: Any) -> list[tuple[str, float]]:
    return [(b.grade, b.min) for b in fw.grade_scale]


@app.command()
def score(
    state: Optional[str] = typer.Argument(None, help="State: slug, name, postal code, or a profile .yaml file."),
    all_states: bool = typer.Option(False, "--all", help="One row per jurisdiction for the year: a ranking."),
    year: Optional[int] = YearOpt,
    fail_under: Optional[str] = typer.Option(None, "--fail-under", metavar="GRADE|SCORE",
                                             help="Exit 1 if the grade or score (any row, with --all) is under this."),
    fmt: Format = FormatOpt,
    data: Optional[str] = DataOpt,
    no_color: bool = NoColorOpt,
    quiet: bool = QuietOpt,
    output: Optional[Path] = OutputOpt,
    force: bool = ForceOpt,
) -> None:
    """Report card: section scores, total, grade, and the check against published figures."""
    out = Output(fmt, no_color, quiet, output, force)
    threshold = None
    if fail_under is not None:  # the gate's module (and editions) only when a gate is asked for
        from pic.core.gates import parse_threshold

        threshold = parse_threshold(fail_under)
    tree = DataTree.open(data)
    if all_states:
        if state is not None:
            raise UsageError("give either a STATE or --all, not both.")
        cards = _score_all(tree, year, out)
    elif state is None:
        raise UsageError("missing STATE (or --all for every jurisdiction).")
    else:
        profile, framework = load_edition(tree, state, year)
        card = score_profile(framework, profile)
        if card.published_match is False:
            out.note("computed figures differ from the published ones: " + "; ".join(card.mismatches))
        emit("score", reports.scorecard(card), _table("scorecard", reports.scorecard(card), _scale(framework)), out)
        cards = [card]
    if threshold is not None:
        from pic.core.gates import falls_short

        short = [why for c in cards if (why := falls_short(c, threshold))]
        if short:
            raise CheckFailed("--fail-under: " + "; ".join(short))


def _score_all(tree: DataTree, year: Optional[int], out: Output) -> list[Any]:
    from pic.core.editions import newest_year_with_findings, ranking

    if year is None:
        year = newest_year_with_findings(tree)
        if year is None:
            raise UsageError("the data tree holds no profiles.")
    rows = ranking(tree, year)
    if not rows:
        raise UsageError(f"no profiles for {year}.")
    report = reports.ranking(year, rows)
    emit("ranking", report, _table("ranking", report), out)
    return [r.card for r in rows]


@app.command()
def gaps(
    state: str = StateArg,
    year: Optional[int] = YearOpt,
    fmt: Format = FormatOpt,
    data: Optional[str] = DataOpt,
    no_color: bool = NoColorOpt,
    quiet: bool = QuietOpt,
    output: Optional[Path] = OutputOpt,
    force: bool = ForceOpt,
) -> None:
    """The criteria not met, biggest first, with what to enact and what the finding rests on."""
    tree = DataTree.open(data)
    profile, framework = load_edition(tree, state, year)
    card = score_profile(framework, profile)
    report = reports.gaps(card, find_gaps(framework, profile))
    emit("gaps", report, _table("gaps", report), Output(fmt, no_color, quiet, output, force))


@app.command()
def history(
    state: str = typer.Argument(..., help="State: slug, name or postal code."),
    fmt: Format = FormatOpt,
    data: Optional[str] = DataOpt,
    no_color: bool = NoColorOpt,
    quiet: bool = QuietOpt,
    output: Optional[Path] = OutputOpt,
    force: bool = ForceOpt,
) -> None:
    """Every edition of one state, oldest first, with framework changes marked."""
    from pic.core import jurisdictions
    from pic.core.editions import history as state_history

    tree = DataTree.open(data)
    place = jurisdictions.resolve(state)
    editions = state_history(tree, place.slug)
    if not editions:
        raise UsageError(f"no profiles for {place.name} in the data tree.")
    report = reports.history(place.slug, editions)
    emit("history", report, _table("history", report), Output(fmt, no_color, quiet, output, force))


@app.command()
def diff(
    a: str = typer.Argument(..., help="Before: a year or a profile .yaml file."),
    b: str = typer.Argument(..., help="After: a year or a profile .yaml file."),
    states: Optional[list[str]] = typer.Argument(None, help="Only these states."),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit 1 when anything differs."),
    fmt: Format = FormatOpt,
    data: Optional[str] = DataOpt,
    no_color: bool = NoColorOpt,
    quiet: bool = QuietOpt,
    output: Optional[Path] = OutputOpt,
    force: bool = ForceOpt,
) -> None:
    """Score and grade changes between two editions; gaps closed and opened where comparable."""
    from pic.core.sides import compare_sides

    out = Output(fmt, no_color, quiet, output, force)
    tree = DataTree.open(data)
    comparison = compare_sides(tree, a, b, states or [])
    report = reports.comparison(a, b, comparison)
    if not comparison.comparable:
        out.note("the two sides use different frameworks; only grades are compared.")
    emit("diff", report, _table("comparison", report), out)
    if exit_code and comparison.changed:
        raise typer.Exit(int(ExitCode.CHECK_FAILED))


@app.command(name="map")
def tile_map(
    year: Optional[int] = YearOpt,
    fmt: Format = FormatOpt,
    data: Optional[str] = DataOpt,
    no_color: bool = NoColorOpt,
    quiet: bool = QuietOpt,
    output: Optional[Path] = OutputOpt,
    force: bool = ForceOpt,
) -> None:
    """The US as a tile grid colored by grade; jurisdictions with no profile that year are blank."""
    from pic.core.editions import newest_year_with_findings
    from pic.core.tilemap import tiles

    tree = DataTree.open(data)
    if year is None:
        year = newest_year_with_findings(tree)
        if year is None:
            raise UsageError("the data tree holds no profiles.")
    items = tiles(tree, year)
    if not any(t.card for t in items):
        raise UsageError(f"no profiles for {year}.")
    fw = next(t.card.framework for t in items if t.card)
    report = reports.tile_map(year, items, _scale(fw))
    emit("map", report, _table("tile_map", report), Output(fmt, no_color, quiet, output, force))


@app.command()
def frameworks(
    fmt: Format = FormatOpt,
    data: Optional[str] = DataOpt,
    no_color: bool = NoColorOpt,
) -> None:
    """The frameworks, their years and grade scales."""
    tree = DataTree.open(data)
    report = reports.frameworks(tree.frameworks())
    emit("frameworks", report, _table("frameworks", report), Output(fmt, no_color))


@app.command()
def validate(
    paths: Optional[list[Path]] = typer.Argument(None, help="Files or folders to check (default: the whole data tree)."),
    fmt: Format = FormatOpt,
    data: Optional[str] = DataOpt,
    no_color: bool = NoColorOpt,
    quiet: bool = QuietOpt,
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
    emit("validate", report, _table("validation", report), Output(fmt, no_color, quiet))
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
    from pic.core.load import build_profile
    from pic.core.yamlload import load_file

    try:
        doc = load_file(path, display_name(path))
    except DataError as exc:
        return exc.problems, []
    if path.parent.name == "frameworks":
        return check_framework_doc(doc, path.stem), []
    problems, framework = check_profile_doc(doc, path, tree)
    warnings: list[Problem] = []
    if not problems and framework is not None:
        card = score_profile(framework, build_profile(doc.data, display_name(path)))
        warnings = [doc.problem(("published",), m) for m in card.mismatches]
    return problems, warnings


def main() -> None:
    app()


# Commands defined in their own modules register themselves on `app` when imported.
from pic import cli_analyst  # noqa: E402,F401
