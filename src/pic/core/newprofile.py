"""`pic new`: the text of a profile to fill in, where it goes, and writing it safely.

The YAML is built by hand rather than with yaml.dump, so the file reads like the
shipped profiles: criteria in framework order, grouped under comments that name the
section, the component and the question a researcher has to answer.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from pic.core.errors import DataError, OutputError, Problem, UsageError
from pic.core.fileio import write_atomic
from pic.core.jurisdictions import Jurisdiction, place_name
from pic.core.load import DataTree, builtin_root, check_profile_doc
from pic.core.model import Finding, Framework, Profile
from pic.core.numbers import num
from pic.core.paths import display_name
from pic.core.yamlload import parse

NOT_RESEARCHED = "not yet researched"
SOURCE_PLACEHOLDER = "to be filled in: where these findings come from"
_WIDTH = 88


@dataclass(frozen=True, slots=True)
class NewProfile:
    path: Path
    text: str
    framework: Framework
    carried_from: Profile | None
    jurisdiction: str = ""


# -- where it goes --------------------------------------------------------------------


def target_root(data: str | None) -> Path:
    """The tree to write into: --data, else $PIC_DATA, else the working folder.

    Unlike reading, writing never falls back to pic's own data; the tree only has to
    exist, it need not have frameworks/ yet.
    """
    chosen = data if data is not None else os.environ.get("PIC_DATA") or None
    if chosen is None:
        from pic.core.paths import CWD_GONE, working_folder_gone

        if working_folder_gone():
            raise UsageError(f"pic new writes into the working folder, but {CWD_GONE} (or name one with --data).")
    root = Path(chosen).expanduser() if chosen is not None else Path.cwd()
    if not root.is_dir():
        from pic.core.errors import short
        from pic.core.paths import because_cwd_gone

        raise UsageError(f"data folder '{short(str(chosen), 300)}' does not exist or is not a folder"
                         f"{because_cwd_gone(root)}.")
    return root


def framework_tree(root: Path) -> DataTree:
    """Frameworks come from the tree written into when it has them, else from pic's own."""
    if (root / "frameworks").is_dir():
        return DataTree(root.resolve())
    return DataTree(builtin_root())


def profile_path(root: Path, place: Jurisdiction, year: int) -> Path:
    path = root / "states" / place.slug / f"{year}.yaml"
    package = builtin_root().resolve()
    if path.resolve().is_relative_to(package):
        # pic's own data is what every user of this installation reads; a profile to fill
        # in belongs in a tree of the user's own (--data or $PIC_DATA).
        raise UsageError(f"will not write into pic's own data ({package}); "
                         "run pic new in a folder of your own, or name one with --data or PIC_DATA.")
    return path


def framework_for(tree: DataTree, year: int) -> Framework:
    fw = tree.framework_for_year(year)
    if fw is None:
        covered = ", ".join(f"{f.id} {f.first_year}–{f.last_year or 'today'}" for f in tree.frameworks())
        raise UsageError(f"no framework covers {year} (frameworks: {covered or 'none'}).")
    return fw


# -- YAML text ------------------------------------------------------------------------

# Characters YAML does not allow raw in a stream, or reads as line breaks (NEL, LS, PS);
# json.dumps(ensure_ascii=False) leaves them raw, so they are escaped as \uXXXX.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def yaml_str(text: str) -> str:
    """A YAML double-quoted scalar for `text`: a JSON string is one, once a few
    characters JSON leaves raw are escaped."""
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


_PLAIN_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def yaml_key(text: str) -> str:
    """`text` as a YAML key or plain value: bare when it is a plain word (1.1.a, pic),
    else double-quoted, so no id from a data file can end a line or start a new key."""
    return text if _PLAIN_KEY.fullmatch(text) and text.lower() not in _YAML_WORDS else yaml_str(text)


_YAML_WORDS = {"null", "true", "false", "~", "yes", "no", "on", "off", "y", "n"}


def comment_text(text: str) -> str:
    """`text` fit for one YAML comment line: every character that is not printable (line
    breaks of any kind, NEL U+0085, the separators U+2028 and U+2029, escape sequences,
    bidi controls, a BOM) written as a visible escape such as `\\u2028`, so nothing a
    framework or a profile says can end the comment and become YAML."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii")
                   for c in text)


def _comment(text: str, indent: str, first: str = "# ", rest: str = "#   ") -> list[str]:
    text = comment_text(text)
    lines = textwrap.wrap(text, width=_WIDTH - len(indent), initial_indent=first, subsequent_indent=rest,
                          break_on_hyphens=False) or [first.rstrip()]
    return [indent + line for line in lines]


def _points(x: float) -> str:
    n = num(x)
    return f"{n} point" if n == 1 else f"{n} points"


def _finding_lines(criterion_id: str, finding: Finding | None) -> list[str]:
    out = [f"  {yaml_key(criterion_id)}:"]
    if finding is None:
        out += ["    answer: unknown", f"    note: {yaml_str(NOT_RESEARCHED)}"]
        return out
    out.append(f"    answer: {finding.answer}")
    if finding.citations:
        out.append("    citations:")
        out += [f"      - {yaml_str(c)}" for c in finding.citations]
    if finding.note:
        out.append(f"    note: {yaml_str(finding.note)}")
    out.append("    review: true")
    return out


def profile_text(place: Jurisdiction, year: int, framework: Framework, carried_from: Profile | None = None,
                 carried_name: str = "") -> str:
    """A profile for `place` and `year` under `framework`, every criterion unknown or
    carried over from `carried_from` and marked for review."""
    lines = _comment(f"{place.name}, {framework.title}, {year} edition.", "", rest="# ")
    lines.append("# A profile to fill in, made by `pic new`.")
    if not framework.has_criteria:
        lines += _comment(
            f"The {framework.id} framework defines no criteria, so this profile can record only the "
            "publisher's own figures: fill in the source and the published score, grade and section "
            "scores (see the commented example below) as the publisher gives them.", "", rest="# ")
    elif carried_from is not None:
        lines += _comment(
            f"Answers, citations and notes are carried over from {carried_name} and marked "
            f"`review: true`: check each against the law in force for the {year} edition, then "
            "remove the review line.", "", rest="# ")
    else:
        lines += _comment(
            "Every criterion is `unknown` until researched. For each, set answer to yes or no, list "
            "the statutes it rests on under citations, and replace the note with what the source "
            "says (or why nothing can be cited), and give its basis. An unknown answer is never counted "
            "as met or as zero: pic scores the profile as the range its answers allow so far (pic status "
            "shows the progress).", "", rest="# ")
    lines += _comment(f"Check the file with: pic validate states/{place.slug}/{year}.yaml", "", rest="# ")
    lines += [
        f"jurisdiction: {yaml_key(place.slug)}",
        f"year: {year}",
        f"framework: {yaml_key(framework.id)}",
        "source:",
        f"  title: {yaml_str(SOURCE_PLACEHOLDER)}",
        "  url: null",
    ]
    if not framework.has_criteria:
        # Placeholders, not numbers: uncommented as they stand they fail validation, so
        # no made-up figure can slip through as the publisher's.
        lines += ["# published:", "#   score: <the published score>", "#   grade: <the published grade>"]
        if framework.sections:
            lines.append("#   sections: {" + comment_text(", ".join(f"{yaml_str(s.id)}: <score>"
                                                                 for s in framework.sections)) + "}")
        return "\n".join(lines) + "\n"
    findings = carried_from.findings if carried_from is not None and carried_from.findings else {}
    lines.append("findings:")
    for section in framework.sections:
        if not section.components:
            continue
        lines.append("")
        lines += _comment(f"==== Section {section.id}: {section.title} ({_points(section.max or 0)}) ====", "  ")
        for comp in section.components:
            lines.append("")
            lines += _comment(f"-- {comp.id} {comp.title} ({_points(comp.max)})", "  ")
            for crit in comp.criteria:
                # a criterion's points are pic's own split of its component, not the publisher's
                share = f"pic split {_points(crit.points)}" if len(comp.criteria) > 1 else _points(crit.points)
                lines += _comment(f"{crit.id} ({share}): {crit.question}", "  ")
                lines += _finding_lines(crit.id, findings.get(crit.id))
    return "\n".join(lines) + "\n"


# -- building and writing -------------------------------------------------------------


def resolve_from(tree: DataTree, text: str) -> Profile:
    """--from: a profile file, a state (its newest profile with findings) or STATE:YEAR."""
    from pic.core.select import choose, parse_ref

    return choose(tree, parse_ref(text), need_findings=True).profile


def profile_label(tree: DataTree, profile: Profile) -> str:
    """How a carried-over profile is named in the new file: by state, year and its path in
    its data tree, not by a path that only means something on this machine."""
    path = Path(profile.path).resolve()
    try:
        where = str(path.relative_to(tree.root.resolve()))
    except ValueError:
        where = display_name(path)
    return f"the {place_name(profile.jurisdiction)} {profile.year} profile ({where})"


def carry_over_source(framework: Framework, profile: Profile) -> Profile:
    """Check that `profile` can seed a new profile under `framework`."""
    if profile.findings is None:
        raise UsageError(f"{profile.path} records no findings to carry over (it is a published-only record).")
    if profile.framework_id != framework.id:
        raise UsageError(f"{profile.path} answers the {profile.framework_id} framework, but the new profile "
                         f"uses {framework.id}; answers cannot be carried across frameworks.")
    return profile


def build(root: Path, tree: DataTree, place: Jurisdiction, year: int, carried_from: Profile | None = None) -> NewProfile:
    framework = framework_for(tree, year)
    if carried_from is not None:
        carry_over_source(framework, carried_from)
    path = profile_path(root, place, year)
    text = profile_text(place, year, framework, carried_from, profile_label(tree, carried_from) if carried_from else "")
    # A last check before anything touches the disk: what pic new writes must pass
    # pic validate, whatever the framework's wording or the carried-over notes hold.
    problems: list[Problem] = []
    try:
        doc = parse(text, display_name(path))
        problems, _ = check_profile_doc(doc, path, tree)
    except DataError as exc:
        problems = exc.problems
    if problems:
        # The profile was never written: name what it was made from, not a line of a
        # file that does not exist.
        origin = [framework.path or f"the {framework.id} framework"]
        if carried_from is not None:
            origin.append(carried_from.path)
        first = problems[0]
        where = f" at {first.key}" if first.key else ""
        raise DataError([Problem(" and ".join(origin), f"pic new cannot make a valid profile from this: the "
                                                       f"profile it would write fails its check{where} "
                                                       f"({first.message}); nothing was written")])
    return NewProfile(path, text, framework, carried_from, place.slug)


def write(new: NewProfile, force: bool) -> None:
    from pic.core.fileio import existing, special_kind

    info = existing(new.path)
    kind = special_kind(info.st_mode) if info is not None else None
    if kind is not None:
        raise DataError([Problem(display_name(new.path), f"is {kind}, not a profile file; pic new writes profiles "
                                                         "as regular files only; nothing was written")])
    if new.path.exists() and not force:
        raise OutputError(f"{display_name(new.path)} already exists; use --force to overwrite it.")
    if new.path.is_dir():
        raise UsageError(f"{display_name(new.path)} is a folder, not a profile file.")
    write_atomic(new.path, new.text, overwrite=force, make_dirs=True, special=False)
