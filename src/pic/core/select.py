"""From what a user typed (a state and maybe a year, or a file) to a profile file."""

from __future__ import annotations

import re
from pathlib import Path

from pic.core import jurisdictions
from pic.core.errors import UsageError
from pic.core.load import DataTree
from pic.core.model import Framework, Profile
from pic.core.yamlload import read_text

_FINDINGS = re.compile(r"^findings:", re.MULTILINE)


def looks_like_file(text: str) -> bool:
    return text.endswith((".yaml", ".yml"))


def profile_file(tree: DataTree, state: str, year: int | None) -> Path:
    """The profile for STATE [--year]: a .yaml path as given, or the state's file in the tree.

    Without a year, the newest profile that records findings, else the newest of all.
    Anything else that is not a known state name (`../../etc/passwd` included) is a
    usage error, never a file read.
    """
    if looks_like_file(state):
        path = Path(state).expanduser()
        if not path.is_file():
            raise UsageError(f"no profile file '{state}'.")
        return path
    place = jurisdictions.resolve(state)
    years = tree.years(place.slug)
    if not years:
        raise UsageError(f"no profiles for {place.name} in the data tree {tree.root}.")
    if year is not None:
        if year not in years:
            listed = ", ".join(map(str, years))
            raise UsageError(f"no {year} profile for {place.name} (years on record: {listed}).")
        return tree.profile_path(place.slug, year)
    for y in reversed(years):
        path = tree.profile_path(place.slug, y)
        if has_findings(path):
            return path
    return tree.profile_path(place.slug, years[-1])


def has_findings(path: Path) -> bool:
    """A cheap look for a top-level `findings:` key, to choose a default edition.

    The file chosen is then loaded and checked in full; an unreadable one counts as
    having findings so that its error is shown rather than skipped.
    """
    try:
        return bool(_FINDINGS.search(read_text(path)))
    except Exception:
        return True


def load_edition(tree: DataTree, state: str, year: int | None) -> tuple[Profile, Framework]:
    """The checked profile for STATE [--year] and the framework it is scored against."""
    profile = tree.profile(profile_file(tree, state, year))
    return profile, tree.framework(profile.framework_id)
