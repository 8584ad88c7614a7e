"""The command line: parse options, call the core, pick a renderer. Nothing else.

Every command is declared with `@command`, which adds the shared options (format,
output file, color, pager, notes, data tree, debug) once for all, and hands the command
an `Output`. A command builds one report and passes it to `out.emit(KIND, report)`.
Errors become messages and exit codes in one place: `PicGroup.main`.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
import typing
from pic.core.records import Record, set_field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

if TYPE_CHECKING:  # a record is a dataclass created without generated code (pic.core.records)
    from dataclasses import dataclass as record
else:
    from pic.core.records import record

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from pic import __version__
from pic.core.errors import CheckFailed, PicError, UsageError
from pic.render import SUFFIXES, Format

if TYPE_CHECKING:  # pic.core.load brings PyYAML and the schema checks: loaded when a command reads data
    from pic.core.load import DataTree
    from pic.reports import ReportKind, Result

F = TypeVar("F", bound=Callable[..., Any])

def _debug_wanted(args: list[str]) -> bool:
    return "--debug" in args or os.environ.get("PIC_DEBUG", "") not in ("", "0")


class PicGroup(TyperGroup):
    """The one place where failures become messages and exit codes (SPEC: 0 ok, 1 check
    failed, 2 usage, 3 data or output, 4 internal error; a closed pipe ends quietly, 0)."""

    # click's Command.main, except that windows_expand_args travels in **extra (hence the ignore)
    def main(self, args: Any = None, prog_name: Optional[str] = None,  # type: ignore[override]
             complete_var: Optional[str] = None, standalone_mode: bool = True, **extra: Any) -> Any:
        from pic.boundary import run

        argv = list(sys.argv[1:] if args is None else args)
        code = run(lambda: super(PicGroup, self).main(args=argv, prog_name=prog_name or "pic",
                                                       complete_var=complete_var, standalone_mode=False, **extra),
                   debug=_debug_wanted(argv))
        if standalone_mode:
            sys.exit(code)
        return code


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pic {__version__}")
        raise typer.Exit()


class PicCommand(TyperCommand):
    """A pic command. An argument's metavar already names what it takes; Typer would add a
    Python type such as <str> or <list[str]> beside it in the help. Only pic's own
    arguments lose it (set on each instance): no other Typer app in the process changes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument) and hasattr(param, "display_type_rich"):
                param.display_type_rich = _no_type  # type: ignore[method-assign]


def _no_type(ctx: Any = None) -> None:
    return None


app = typer.Typer(
    cls=PicGroup,
    help="Score US state laws on child sex trafficking against published legislative frameworks.\n\n"
         "\b\nExamples:\n"
         "  pic score mississippi\n"
         "  pic gaps ms --year 2019\n"
         "  pic compare ms al tn --format markdown\n"
         "  pic diff 2019 2023 --format csv",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print pic's version and exit."),
    debug: bool = typer.Option(False, "--debug", help="Show the traceback of an internal error (also PIC_DEBUG=1)."),
) -> None:
    """Score US state laws on child sex trafficking against published legislative frameworks."""


# -- shared options -------------------------------------------------------------------


def completions(words: Any) -> list[str]:
    """What a completion offers the shell: only words that are printable text of a sane
    length. A label from a data tree holding an escape sequence, a bell, a line break or
    a tab (which the shells' completion protocols read as structure) is left out."""
    return [w for w in words if isinstance(w, str) and w and len(w) <= 200 and w.isprintable()]


def _complete_state(incomplete: str) -> list[str]:
    from pic.core.jurisdictions import JURISDICTIONS

    text = incomplete.lower()
    return completions([j.slug for j in JURISDICTIONS if j.slug.startswith(text)] +
                       [j.postal for j in JURISDICTIONS if j.postal.lower().startswith(text) and text])


def _complete_year(incomplete: str) -> list[str]:
    from pic.core.load import DataTree

    try:
        tree = DataTree.open(None)
        years = sorted({y for s in tree.jurisdictions() for y in tree.years(s)})
    except PicError:
        return []
    return completions(str(y) for y in years if str(y).startswith(incomplete))


def _framework_words(incomplete: str, what: str) -> list[str]:
    from pic.core.load import DataTree

    try:
        fw = DataTree.open(None).framework("pic")
    except PicError:
        return []
    if what == "component":
        words = list(fw.components)
    else:
        words = sorted({c.gap for c in fw.criteria.values()}) + list(fw.criteria)
    return completions(w for w in words if w.lower().startswith(incomplete.lower()))


def _complete_component(incomplete: str) -> list[str]:
    return _framework_words(incomplete, "component")


def _complete_gap(incomplete: str) -> list[str]:
    return _framework_words(incomplete, "gap")


STATE_HELP = "State: slug, name, postal code (any case), STATE:YEAR, or a profile .yaml file."


def state_argument() -> Any:
    return typer.Argument(..., help=STATE_HELP, metavar="STATE", autocompletion=_complete_state, show_default=False)


def year_option() -> Any:
    return typer.Option(None, "--year", "-y", metavar="YEAR", autocompletion=_complete_year, show_default=False,
                        help="Edition year (default: the newest edition on record).")


@record(frozen=True, slots=True)
class Output(Record):
    """How a command's report leaves pic, and where it reads its data from."""

    fmt: Optional[Format] = None
    path: Optional[Path] = None
    force: bool = False
    no_color: bool = False
    quiet: bool = False
    no_pager: bool = False
    data: Optional[str] = None
    debug: bool = False

    def __init__(self, fmt: Optional[Format] = None, path: Optional[Path] = None, force: bool = False, no_color: bool = False, quiet: bool = False, no_pager: bool = False, data: Optional[str] = None, debug: bool = False) -> None:
        set_field(self, "fmt", fmt)
        set_field(self, "path", path)
        set_field(self, "force", force)
        set_field(self, "no_color", no_color)
        set_field(self, "quiet", quiet)
        set_field(self, "no_pager", no_pager)
        set_field(self, "data", data)
        set_field(self, "debug", debug)

    def tree(self) -> DataTree:
        from pic.core.load import DataTree

        return DataTree.open(self.data)

    def note(self, message: str, carried: bool = False) -> None:
        """A note on stderr. `carried`: the report says it too, so it is not repeated when
        the report is a table on the terminal the person is reading (said once, not twice)."""
        if self.quiet or (carried and self._to_terminal()):
            return
        from pic.boundary import say

        say(f"pic: {message}")

    def _to_terminal(self) -> bool:
        """The report goes, as a table, to the terminal stderr also writes to."""
        if self.path is not None or self.format is not Format.table:
            return False
        import sys

        try:
            return sys.stdout.isatty() and sys.stderr.isatty()
        except (AttributeError, ValueError):
            return False

    @property
    def format(self) -> Format:
        """--format, else what the --output file's suffix asks for, else a table."""
        suffix_fmt = SUFFIXES.get(self.path.suffix.lower()) if self.path is not None else None
        if self.path is not None and suffix_fmt is None and self.fmt is not None and _writes_into(self.path):
            return self.fmt  # `-o /dev/stdout -f json`, a named pipe: no suffix to go by
        if self.path is not None and suffix_fmt is None:
            known = ", ".join(sorted(SUFFIXES))
            raise UsageError(f"--output cannot tell a format from {self.path.name!r}; name a file ending in one of "
                             f"{known}.")
        if self.fmt is not None:
            if suffix_fmt is not None and suffix_fmt is not self.fmt:
                raise UsageError(f"--format {self.fmt.value} does not match --output "
                                 f"{typing.cast(Path, self.path).name!r} "
                                 f"(a {suffix_fmt.value} file); give one or make them agree.")
            return self.fmt
        return suffix_fmt or Format.table

    def check(self) -> None:
        """Refuse a bad --output before any work is done."""
        self.format  # noqa: B018  (raises on a suffix pic cannot write, or a --format that disagrees)
        if self.path is not None:
            from pic.core.errors import OutputError
            from pic.core.fileio import existing, writable_into

            info = existing(self.path)
            if self.path.is_dir():
                raise UsageError(f"--output {self.path} is a folder; name a file.")
            folder = self.path.expanduser().parent  # "~nobody/x.svg": no such home folder, a usage error
            if not folder.is_dir():
                raise OutputError(f"--output {self.path}: folder '{folder}' does not exist.")
            # A FIFO or a device (/dev/stdout) is written into, never replaced: no --force needed.
            # An existing file is exit 3, the output cannot be written (not 1, a failed check).
            if info is not None and not self.force and not writable_into(info):
                raise OutputError(f"{self.path} already exists; use --force to overwrite it.")

    def show(self, result: Result) -> None:
        """A built report out: its notes, the report, the notes said after it, and the
        failed check it carries (exit 1) once the report is out."""
        for n in result.notes:
            if not n.after:
                self.note(n.text, n.carried)
        self.emit(result.kind, result.report)
        for n in result.notes:
            if n.after:
                self.note(n.text, n.carried)
        if result.failure is not None:
            raise CheckFailed(result.failure)

    def emit(self, kind: ReportKind, report: dict[str, Any]) -> None:
        from pic import emit

        emit.emit(kind, report, self.format, path=self.path, force=self.force, no_color=self.no_color,
                  no_pager=self.no_pager)
        if self.path is not None:
            from pic.core.paths import display_name

            self.note(f"wrote {display_name(self.path)}")


def _writes_into(path: Path) -> bool:
    """A FIFO or character device, which --output writes into rather than replaces."""
    from pic.core.fileio import existing, writable_into

    info = existing(path)
    return info is not None and writable_into(info)


_SHARED: list[tuple[str, Any, Any]] = [
    ("fmt", Optional[Format], typer.Option(None, "--format", "-f", case_sensitive=False, show_default=False,
                                           help="Output format: " + ", ".join(
                                               f.value + (" (default)" if f is Format.table else "")
                                               for f in Format) + ".")),
    ("output", Optional[Path], typer.Option(None, "--output", "-o", metavar="FILE", show_default=False,
                                            help="Write to FILE instead of stdout; its suffix ("
                                                 + " ".join(SUFFIXES) + ") picks the format.")),
    ("force", bool, typer.Option(False, "--force", help="Overwrite an existing file.")),
    ("no_color", bool, typer.Option(False, "--no-color", help="No colors or styles, even on a terminal.")),
    ("quiet", bool, typer.Option(False, "--quiet", "-q", help="No notes on stderr (errors still show).")),
    ("no_pager", bool, typer.Option(False, "--no-pager", help="Never page output taller than the terminal.")),
    ("data", Optional[str], typer.Option(None, "--data", metavar="DIR", show_default=False,
                                         help="Data tree with frameworks/ and states/ (default: $PIC_DATA, "
                                              "else pic's own).")),
    ("debug", bool, typer.Option(False, "--debug", help="Show the traceback of an internal error (also PIC_DEBUG=1).")),
]


def command(name: Optional[str] = None) -> Callable[[F], F]:
    """Register a command on `app` with the shared options; it receives them as `out`."""

    def register(func: F) -> F:
        hints = typing.get_type_hints(func)
        own = [p.replace(annotation=hints.get(p.name, p.annotation))
               for p in inspect.signature(func).parameters.values() if p.name != "out"]
        shared = [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=d, annotation=a) for n, a, d in _SHARED]

        @functools.wraps(func)
        def run(**kwargs: Any) -> Any:
            opts = {n: kwargs.pop(n) for n, _, _ in _SHARED}
            out = Output(fmt=opts["fmt"], path=opts["output"], force=opts["force"], no_color=opts["no_color"],
                         quiet=opts["quiet"], no_pager=opts["no_pager"], data=opts["data"], debug=opts["debug"])
            out.check()
            return func(out=out, **kwargs)

        run.__signature__ = inspect.Signature(own + shared)  # type: ignore[attr-defined]
        run.__annotations__ = {**{p.name: p.annotation for p in own}, **{n: a for n, a, _ in _SHARED}}
        app.command(name, cls=PicCommand)(run)
        return func

    return register


# -- commands -------------------------------------------------------------------------


@command()
def score(
    out: Output,
    state: Optional[str] = typer.Argument(None, help=STATE_HELP, metavar="STATE", show_default=False,
                                          autocompletion=_complete_state),
    all_states: bool = typer.Option(False, "--all", help="One row per jurisdiction for the year: a ranking."),
    year: Optional[str] = year_option(),
    fail_under: Optional[str] = typer.Option(None, "--fail-under", metavar="GRADE|SCORE", show_default=False,
                                             help="Exit 1 if the grade or score (any row, with --all) is under this."),
) -> None:
    """Report card: section scores, total, grade, and the check against published figures.

    \b
    Examples:
      pic score mississippi
      pic score ms --year 2019 --format json
      pic score --all --format csv > ranking.csv
      pic score texas --fail-under B
    """
    if all_states and state is not None:
        raise UsageError("give either a STATE or --all, not both.")
    if all_states:
        from pic.reports import ranking

        out.show(ranking.build(out.tree(), year, fail_under))
    elif state is None:
        raise UsageError("missing STATE (or --all for every jurisdiction).")
    else:
        from pic.reports import score as score_report

        out.show(score_report.build(out.tree(), state, year, fail_under, with_context=out.format is Format.html))


@command()
def gaps(out: Output, state: str = state_argument(), year: Optional[str] = year_option()) -> None:
    """The criteria not met, biggest first, with what to enact and what each finding rests on.

    Without --year, the newest edition with findings; when a newer edition exists
    without findings, the report says so first.

    \b
    Examples:
      pic gaps mississippi
      pic gaps ms --year 2019 --format markdown
    """
    from pic.reports import gaps as gaps_report

    out.show(gaps_report.build(out.tree(), state, year))


@command()
def history(out: Output, state: str = state_argument()) -> None:
    """Every edition of one state, oldest first, with framework changes marked.

    \b
    Examples:
      pic history mississippi
      pic history "New York" --format csv
    """
    from pic.reports import history as history_report

    out.show(history_report.build(out.tree(), state))


@command()
def diff(
    out: Output,
    a: str = typer.Argument(..., metavar="A", help="Before: a year or a profile .yaml file."),
    b: str = typer.Argument(..., metavar="B", help="After: a year or a profile .yaml file."),
    states: Optional[list[str]] = typer.Argument(None, metavar="STATE...", help="Only these states.",
                                                 autocompletion=_complete_state, show_default=False),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit 1 when anything differs."),
) -> None:
    """Score and grade changes between two editions; gaps closed and opened where comparable.

    \b
    Examples:
      pic diff 2018 2019
      pic diff 2019 2023 mississippi --format json
      pic diff states/ms/2019.yaml my-draft.yaml --exit-code
    """
    from pic.reports import diff as diff_report

    out.show(diff_report.build(out.tree(), a, b, states or [], exit_code))


@command(name="map")
def tile_map(out: Output, year: Optional[str] = year_option()) -> None:
    """The US as a tile grid colored by grade; jurisdictions with no profile that year are blank.

    Without --year, the newest year that covers nearly every jurisdiction (90 % or more).

    \b
    Examples:
      pic map
      pic map --year 2019 --output map.svg
    """
    from pic.reports import map as map_report

    out.show(map_report.build(out.tree(), year))


@command()
def frameworks(out: Output) -> None:
    """The frameworks, their years and grade scales (inferred scales marked).

    \b
    Examples:
      pic frameworks
      pic frameworks --format json
    """
    from pic.reports import frameworks as frameworks_report

    out.show(frameworks_report.build(out.tree()))


@command()
def calibrate(
    out: Output,
    framework_id: str = typer.Option("pic", "--framework", metavar="ID",
                                     help="Framework to calibrate (default: pic)."),
) -> None:
    """What the published cards on record allow of each component's split: pinned, narrowed or
    free, and which readings conflict when no split fits.

    \b
    Examples:
      pic calibrate
      pic calibrate --format json
    """
    from pic.reports import calibrate as calibrate_report

    out.show(calibrate_report.build(out.tree(), framework_id))


@command()
def validate(
    out: Output,
    paths: Optional[list[Path]] = typer.Argument(None, metavar="PATH...", show_default=False,
                                                 help="Files or folders to check (default: the whole data tree)."),
) -> None:
    """Check frameworks and profiles; list every problem with file, line and column.

    \b
    Examples:
      pic validate
      pic validate states/texas/2015.yaml
      pic validate --data ./my-tree --format json
    """
    from pic.reports import validate as validate_report

    out.show(validate_report.build(out.tree(), paths or []))


@command()
def explain(
    out: Output,
    state: str = typer.Argument(..., metavar="STATE|COMPONENT", autocompletion=_complete_state,
                                help="State (slug, name, postal code, STATE:YEAR or profile file); given alone, a "
                                     "component id such as 6.3 (the framework without a state)."),
    component: Optional[str] = typer.Argument(None, metavar="COMPONENT", show_default=False,
                                              autocompletion=_complete_component,
                                              help="Component id such as 6.3 (a criterion id such as 6.3.a names "
                                                   "its component)."),
    framework_id: Optional[str] = typer.Option(None, "--framework", metavar="ID", show_default=False,
                                               help="Framework for a component explained without a state "
                                                    "(default: pic)."),
    year: Optional[str] = year_option(),
) -> None:
    """A component's criteria, a state's answers and citations, and how its points follow.

    \b
    Examples:
      pic explain mississippi 6.3
      pic explain 5.9
    """
    from pic.reports import explain as explain_report

    out.show(explain_report.build(out.tree(), state, component, framework_id, year))


@command()
def whatif(
    out: Output,
    state: str = state_argument(),
    close: Optional[list[str]] = typer.Option(
        None, "--close", "-c", metavar="GAP", autocompletion=_complete_gap, show_default=False,
        help="A gap to close: criterion id (6.3.a), component id (6.3: all its open gaps) or gap label; "
             "a prefix will do. Repeat for more."),
    year: Optional[str] = year_option(),
) -> None:
    """The score and grade if gaps were closed, and the fewest gaps to close for the next grade and for an A.

    \b
    Examples:
      pic whatif mississippi --close "no wiretap authority"
      pic whatif ms -c 6.3 -c 5.9 --format json
    """
    from pic.reports import whatif as whatif_report

    out.show(whatif_report.build(out.tree(), state, close or [], year))


@command()
def compare(
    out: Output,
    states: list[str] = typer.Argument(..., metavar="STATE...", autocompletion=_complete_state,
                                       help="Two or more states: slug, name or postal code."),
    year: Optional[str] = year_option(),
) -> None:
    """Several states side by side for one year: sections, totals and grades.

    Without --year, the newest year on record for every state named.

    \b
    Examples:
      pic compare mississippi alabama louisiana
      pic compare ms tx --year 2019 --format csv
    """
    from pic.reports import compare as compare_report

    out.show(compare_report.build(out.tree(), states, year))


@command()
def status(out: Output, state: str = state_argument(), year: Optional[str] = year_option()) -> None:
    """How complete a profile is, per section: criteria answered, implied by published totals, unknown.

    Without --year, the newest edition on record; a profile being filled in (pic new)
    shows its progress, and its score as the range its answers allow so far.

    \b
    Examples:
      pic status texas --year 2015
      pic status ./states/texas/2019.yaml --format json
    """
    from pic.reports import status as status_report

    out.show(status_report.build(out.tree(), state, year))


@command()
def new(
    out: Output,
    state: str = typer.Argument(..., metavar="STATE", autocompletion=_complete_state,
                                help="State: slug, name or postal code."),
    year: str = typer.Argument(..., metavar="YEAR", autocompletion=_complete_year,
                               help="Edition year; the framework is the one that covers it."),
    from_profile: Optional[str] = typer.Option(
        None, "--from", metavar="PROFILE", show_default=False,
        help="Carry answers over from a profile file, a state (its newest profile with findings) or STATE:YEAR; "
             "each is marked review: true."),
) -> None:
    """Write a new profile to fill in: every criterion unknown, or carried over for review.

    It is written into --data (or $PIC_DATA, else the current folder), never into pic's
    own data, and never over an existing file unless --force is given.

    \b
    Examples:
      pic new texas 2019
      pic new texas 2019 --from mississippi:2019 --data ./research
    """
    from pic.reports import new as new_report

    if out.path is not None:
        raise UsageError("pic new writes the profile into the data tree; --output does not apply.")
    out.show(new_report.build(out.data, state, year, from_profile, out.force))


def main() -> None:
    from pic import boundary

    boundary.install_signal_handlers()
    every = app.registered_commands
    app.registered_commands = invoked_commands(sys.argv[1:], every)
    try:
        app()
    finally:
        app.registered_commands = every


def invoked_commands(args: list[str], commands: list[Any]) -> list[Any]:
    """The registered commands Typer needs to build for this run.

    Typer turns every registered command into a click command on every run (its signature,
    each parameter: ~0.5 ms a command at start-up). When the first argument names a
    command, that one alone is enough: its parsing, its help and its errors do not involve
    the others. Anything else gets every command, as before: no arguments, an option first
    (--help, --version, --debug), a name that is no command (the error suggests close
    ones), and shell completion."""
    if not args or any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return commands
    chosen = [c for c in commands
              if (c.name or (typer.main.get_command_name(c.callback.__name__) if c.callback else None)) == args[0]]
    return chosen if len(chosen) == 1 else commands
