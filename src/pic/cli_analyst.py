"""Analyst commands: explain, whatif, new (registered on the main app)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from pic.core import jurisdictions
from pic.cli import DataOpt, StateArg, ForceOpt, FormatOpt, NoColorOpt, Output, OutputOpt, QuietOpt, YearOpt, app, emit
from pic.core.errors import UsageError
from pic.core.load import DataTree, builtin_root, display_name
from pic.core.model import Framework, Profile
from pic.render import Format
from pic.views.reports import place_name
from pic.core.select import load_edition

DEFAULT_FRAMEWORK = "pic"


# -- explain --------------------------------------------------------------------------


@app.command()
def explain(
    state: str = typer.Argument(..., help="State: slug, name, postal code, or a profile .yaml file; "
                                          "given alone, a component id such as 6.3 (the framework without a state)."),
    component: Optional[str] = typer.Argument(None, show_default=False,
                                              help="Component id such as 6.3 (a criterion id such as 6.3.a names its "
                                                   "component)."),
    framework_id: Optional[str] = typer.Option(None, "--framework",
                                               help="Framework for a component explained without a state (default: pic)."),
    year: Optional[int] = YearOpt,
    fmt: Format = FormatOpt,
    data: Optional[str] = DataOpt,
    no_color: bool = NoColorOpt,
    quiet: bool = QuietOpt,
    output: Optional[Path] = OutputOpt,
    force: bool = ForceOpt,
) -> None:
    """A component's criteria, a state's answers and citations, and how its points follow."""
    from pic.core import analysis
    from pic.views import analyst as reports_analyst

    place, component_id = _explain_arguments(state, component)
    tree = DataTree.open(data)
    profile: Profile | None = None
    if place is not None:
        if framework_id is not None:
            raise UsageError("--framework applies only to a component explained without a state; "
                             "a state's profile names its own framework.")
        profile, framework = load_edition(tree, place, year)
        if not framework.components:
            raise UsageError(_no_components_for(tree, profile, framework))
    else:
        framework = _framework_alone(tree, framework_id, year)
    found = analysis.find_component(framework, component_id)
    report = reports_analyst.explanation(analysis.explain_component(framework, found, profile))

    def table() -> Any:
        from pic.render import terminal_analyst as table_analyst

        return table_analyst.explanation(report)

    emit("explain", report, table, Output(fmt, no_color, quiet, output, force))


def _explain_arguments(first: str, second: str | None) -> tuple[str | None, str]:
    from pic.core import analysis

    if second is None:
        if analysis.looks_like_component(first):
            return None, first
        raise UsageError(f"'{first}' is not a component id such as 6.3; to explain a state's component give both, "
                         f"as in: pic explain {first} 6.3")
    if analysis.looks_like_component(first) and not analysis.looks_like_component(second):
        return second, first  # `pic explain 6.3 mississippi` can only mean one thing
    return first, second


def _framework_alone(tree: DataTree, framework_id: str | None, year: int | None) -> Framework:
    if framework_id is not None:
        framework = tree.framework(framework_id)
        if year is not None and not framework.covers(year):
            raise UsageError(f"the {framework.id} framework does not cover {year}.")
        return framework
    if year is not None:
        covering = tree.framework_for_year(year)
        if covering is None:
            raise UsageError(f"no framework covers {year}.")
        return covering
    ids = tree.framework_ids()
    if DEFAULT_FRAMEWORK in ids:
        return tree.framework(DEFAULT_FRAMEWORK)
    with_criteria = [f for f in tree.frameworks() if f.has_criteria]
    if not with_criteria:
        raise UsageError(f"no framework in {tree.root} defines components.")
    return with_criteria[0]


def _no_components_for(tree: DataTree, profile: Profile, framework: Framework) -> str:
    name = place_name(profile.jurisdiction)
    usable = [str(y) for y in tree.years(profile.jurisdiction)
              if (fw := tree.framework_for_year(y)) is not None and fw.has_criteria]
    hint = f" (editions under a framework with components: {', '.join(usable)}; use --year)" if usable else ""
    return (f"{name} {profile.year} is graded under the {framework.id} framework, which defines no components "
            f"to explain{hint}.")


# -- whatif ---------------------------------------------------------------------------


@app.command()
def whatif(
    state: str = StateArg,
    close: Optional[list[str]] = typer.Option(
        None, "--close", "-c", metavar="GAP",
        help="A gap to close: criterion id (6.3.a), component id (6.3: all its open gaps) or gap label; "
             "a prefix will do. Repeat for more."),
    year: Optional[int] = YearOpt,
    fmt: Format = FormatOpt,
    data: Optional[str] = DataOpt,
    no_color: bool = NoColorOpt,
    quiet: bool = QuietOpt,
    output: Optional[Path] = OutputOpt,
    force: bool = ForceOpt,
) -> None:
    """The score and grade if gaps were closed, and the fewest gaps to close for the next grade and for an A."""
    from pic.core import analysis
    from pic.views import analyst as reports_analyst

    out = Output(fmt, no_color, quiet, output, force)
    tree = DataTree.open(data)
    profile, framework = load_edition(tree, state, year)
    analysis.require_findings(framework, profile)
    choices = [analysis.resolve_gap(framework, text) for text in close or []]
    result = analysis.what_if(framework, profile, choices)
    name = f"{place_name(profile.jurisdiction)} {profile.year}"
    for choice in result.already_met:
        if choice.kind == "component":
            out.note(f"component {choice.key} has no open gaps in {name}; nothing to close.")
        else:
            crit = choice.criteria[0]
            out.note(f"{crit.id} ({crit.gap}) is already met in {name}; nothing to close.")
    report = reports_analyst.what_if(result)

    def table() -> Any:
        from pic.render import terminal_analyst as table_analyst

        return table_analyst.what_if(report)

    emit("whatif", report, table, out)


# -- new ------------------------------------------------------------------------------


@app.command()
def new(
    state: str = typer.Argument(..., help="State: slug, name or postal code."),
    year: int = typer.Argument(..., help="Edition year; the framework is the one that covers it."),
    from_profile: Optional[str] = typer.Option(
        None, "--from", metavar="PROFILE",
        help="Carry answers over from a profile file, a state (its newest profile with findings) or STATE:YEAR; "
             "each is marked review: true."),
    force: bool = typer.Option(False, "--force", help="Overwrite the profile if it exists."),
    data: Optional[str] = typer.Option(None, "--data", show_default=False,
                                       help="Data tree to write into (default: $PIC_DATA, else the current folder)."),
    quiet: bool = QuietOpt,
) -> None:
    """Write a new profile to fill in: every criterion unknown, or carried over for review."""
    import shlex

    from pic.core import newprofile

    root = newprofile.target_root(data)
    tree = newprofile.framework_tree(root)
    place = jurisdictions.resolve(state)
    carried = tree.profile(newprofile.resolve_from(tree, from_profile)) if from_profile is not None else None
    made = newprofile.build(root, tree, place, year, carried)
    newprofile.write(made, force)

    shown = display_name(made.path)
    typer.echo(shown)
    out = Output(quiet=quiet)
    fw = made.framework
    if not fw.has_criteria:
        out.note(f"the {fw.id} framework defines no criteria, so this profile records published figures only.")
    elif carried is not None:
        if carried.jurisdiction != place.slug:
            out.note(f"the answers carried over are {place_name(carried.jurisdiction)}'s, not {place.name}'s.")
        out.note(f"{len(fw.criteria)} answers carried over from {newprofile.profile_label(tree, carried)}, "
                 "each marked review: true.")
    else:
        out.note(f"{len(fw.criteria)} criteria of the {fw.id} framework to research, every answer unknown.")
    data_flag = "" if tree.root == builtin_root() else f" --data {shlex.quote(display_name(root))}"
    what = "findings" if fw.has_criteria else "publisher's score, grade and section scores"
    out.note(f"fill in the source and the {what}, then check the file with: "
             f"pic validate{data_flag} {shlex.quote(shown)}")
