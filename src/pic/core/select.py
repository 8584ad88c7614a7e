"""From what a user typed to an edition: the one parser of states, years, paths and
`STATE:YEAR`, and the one rule for the default edition.

The rule (SPEC, "Current by default"): without a year, a state means its newest edition
on record. A command that needs findings (gaps, explain, whatif, diff details) falls
back to the newest edition that has them, and says which newer edition exists.
"""

from __future__ import annotations

import re
from pic.core.records import Record
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a record is a dataclass created without generated code (pic.core.records)
    from dataclasses import dataclass as record
else:
    from pic.core.records import record

from pic.core import jurisdictions
from pic.core.errors import UsageError, short
from pic.core.jurisdictions import Jurisdiction
from pic.core.load import DataTree
from pic.core.paths import because_cwd_gone
from pic.core.model import Framework, Profile

if TYPE_CHECKING:
    from pic.core.analysis import ComponentExplanation
    from pic.core.score import Scorecard

# ASCII digits only: str.isdigit() also accepts '¹' and '٣', which int() then refuses.
_YEAR = re.compile(r"[0-9]{4}")
FIRST_YEAR, LAST_YEAR = 1900, 2100


def looks_like_file(text: str) -> bool:
    return text.lower().endswith((".yaml", ".yml"))


def parse_year(text: str, what: str = "year") -> int:
    """A four-digit year, or a usage error that shows what was typed."""
    t = text.strip()
    if not _YEAR.fullmatch(t) or not FIRST_YEAR <= int(t) <= LAST_YEAR:
        raise UsageError(f"{what} must be a four-digit year such as 2019, not '{short(t)}'.")
    return int(t)


def check_year(year: str | int | None) -> int | None:
    """--year as typed (or as an int from a caller): a four-digit year, or None."""
    if year is None:
        return None
    return parse_year(str(year), "--year")


@record(frozen=True, slots=True)
class EditionRef(Record):
    """What a user named: a state (maybe with a year) or a profile file."""

    place: Jurisdiction | None = None
    year: int | None = None
    path: Path | None = None


def parse_ref(text: str, year: str | int | None = None) -> EditionRef:
    """`mississippi`, `"New York"`, `NY`, `ms:2019` or `states/ms/2019.yaml`.

    A name that is neither a known state nor a .yaml path is a usage error, never a
    file read (`../../etc/passwd` included).
    """
    year = check_year(year)
    if looks_like_file(text):
        if year is not None:
            raise UsageError("--year applies to a state, not to a profile file (the file names its year).")
        try:
            path = Path(text).expanduser()
        except RuntimeError:  # an unknown ~user
            raise UsageError(f"no profile file '{short(text, 300)}'{because_cwd_gone(text)}.") from None
        if not path.is_file():
            raise UsageError(f"no profile file '{short(text, 300)}'{because_cwd_gone(text)}.")
        return EditionRef(path=path)
    state, colon, tail = text.rpartition(":")
    if colon and state:
        if year is not None:
            raise UsageError(f"give the year once: either '{short(text)}' or --year, not both.")
        return EditionRef(place=jurisdictions.resolve(state), year=parse_year(tail, f"the year in '{short(text)}'"))
    return EditionRef(place=jurisdictions.resolve(text), year=year)


@record(frozen=True, slots=True)
class Newest(Record):
    """The newest edition on record, named when another one is shown."""

    profile: Profile
    framework: Framework


@record(frozen=True, slots=True)
class Chosen(Record):
    """The edition a command works on, and the newer one it is not, if any."""

    profile: Profile
    framework: Framework
    newer: Newest | None = None  # set when an older edition is shown for want of findings
    reason: str | None = None


def years_on_record(tree: DataTree, place: Jurisdiction) -> list[int]:
    years = tree.years(place.slug)
    if not years:
        raise UsageError(f"no profiles for {place.name} in the data tree.")
    return years


def choose(tree: DataTree, ref: EditionRef, need_findings: bool = False) -> Chosen:
    """The edition for a command: exactly the one asked for, else the default rule."""
    if ref.path is not None:
        profile = tree.profile(ref.path)
        return Chosen(profile, tree.framework(profile.framework_id))
    assert ref.place is not None
    place = ref.place
    years = years_on_record(tree, place)
    if ref.year is not None:
        if ref.year not in years:
            listed = ", ".join(map(str, years))
            raise UsageError(f"no {ref.year} profile for {place.name} (years on record: {listed}).")
        profile = tree.profile(tree.profile_path(place.slug, ref.year))
        return Chosen(profile, tree.framework(profile.framework_id))
    newest = tree.profile(tree.profile_path(place.slug, years[-1]))
    newest_fw = tree.framework(newest.framework_id)
    if not need_findings or newest.findings is not None:
        return Chosen(newest, newest_fw)
    for y in reversed(years[:-1]):
        older = tree.profile(tree.profile_path(place.slug, y))
        if older.findings is not None:
            reason = (f"the newest edition on record, {newest.year}, has no findings recorded; "
                      f"showing {older.year}, the newest edition with findings")
            return Chosen(older, tree.framework(older.framework_id), Newest(newest, newest_fw), reason)
    # No edition has findings: show the newest, whose report says plainly that nothing is known.
    return Chosen(newest, newest_fw)


def load_edition(tree: DataTree, state: str, year: str | int | None, need_findings: bool = False) -> Chosen:
    return choose(tree, parse_ref(state, year), need_findings)


def parse_side(text: str) -> int | Path:
    """One side of `pic diff`: a year or a profile file."""
    if looks_like_file(text):
        try:
            path = Path(text).expanduser()
        except RuntimeError:
            raise UsageError(f"no profile file '{short(text, 300)}'{because_cwd_gone(text)}.") from None
        if not path.is_file():
            raise UsageError(f"no profile file '{short(text, 300)}'{because_cwd_gone(text)}.")
        return path
    if not _YEAR.fullmatch(text.strip()):
        raise UsageError(f"'{short(text)}' is neither a year nor a profile .yaml file.")
    return parse_year(text)


def newest_covering_year(tree: DataTree, share: float = 0.9) -> tuple[int, int, int] | None:
    """The newest year whose profiles cover `share` of the jurisdictions on record:
    (year, covered, total). The default of `score --all` and `map`."""
    slugs = tree.jurisdictions()
    if not slugs:
        return None
    counts: dict[int, int] = {}
    for s in slugs:
        for y in tree.years(s):
            counts[y] = counts.get(y, 0) + 1
    total = len(slugs)
    for year in sorted(counts, reverse=True):
        if counts[year] >= share * total:
            return year, counts[year], total
    best = max(counts, key=lambda y: (counts[y], y))
    return best, counts[best], total


DEFAULT_FRAMEWORK = "pic"


def explain_target(tree: DataTree, first: str, second: str | None, framework_id: str | None,
                   year: str | int | None) -> tuple[Chosen | None, ComponentExplanation]:
    """`pic explain STATE COMPONENT` or `pic explain COMPONENT`: the edition (if a state was
    named) and the component explained against it."""
    from pic.core import analysis
    from pic.core.jurisdictions import place_name

    year = check_year(year)
    if second is None:
        if not analysis.looks_like_component(first):
            raise UsageError(f"'{short(first)}' is not a component id such as 6.3; to explain a state's component give "
                             f"both, as in: pic explain {first} 6.3")
        state, component = None, first
    elif analysis.looks_like_component(first) and not analysis.looks_like_component(second):
        state, component = second, first  # `pic explain 6.3 mississippi` can only mean one thing
    else:
        state, component = first, second
    if state is None:
        framework = _framework_alone(tree, framework_id, year)
        return None, analysis.explain_component(framework, analysis.find_component(framework, component))
    if framework_id is not None:
        raise UsageError("--framework applies only to a component explained without a state; "
                         "a state's profile names its own framework.")
    chosen = choose(tree, parse_ref(state, year), need_findings=True)
    profile, framework = chosen.profile, chosen.framework
    if not framework.components:
        usable = [str(y) for y in tree.years(profile.jurisdiction)
                  if (fw := tree.framework_for_year(y)) is not None and fw.has_criteria]
        hint = f" (editions under a framework with components: {', '.join(usable)}; use --year)" if usable else ""
        raise UsageError(f"{place_name(profile.jurisdiction)} {profile.year} is graded under the {framework.id} "
                         f"framework, which defines no components to explain{hint}.")
    found = analysis.find_component(framework, component)
    return chosen, analysis.explain_component(framework, found, profile)


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
    if DEFAULT_FRAMEWORK in tree.framework_ids():
        return tree.framework(DEFAULT_FRAMEWORK)
    with_criteria = [f for f in tree.frameworks() if f.has_criteria]
    if not with_criteria:
        raise UsageError(f"no framework in {tree.root} defines components.")
    return with_criteria[0]


def compare_editions(tree: DataTree, states: list[str], year: str | int | None) -> tuple[int, list[Scorecard], str | None]:
    """The scorecards of `pic compare`: every state named, for one year (as given, else the
    newest year on record for all of them)."""
    from pic.core.score import score_profile

    chosen_year = check_year(year)
    places = []
    for text in states:
        place = jurisdictions.resolve(text)
        if place not in places:
            places.append(place)
    if len(places) < 2:
        raise UsageError("name at least two different states to compare.")
    note = None
    if chosen_year is None:
        common = set(years_on_record(tree, places[0]))
        for place in places[1:]:
            common &= set(years_on_record(tree, place))
        if not common:
            raise UsageError("these states have no year on record in common; name one with --year.")
        chosen_year = max(common)
        newest = max(y for p in places for y in tree.years(p.slug))
        note = f"{chosen_year}: the newest year on record for every state named"
        if newest != chosen_year:
            note += f" (some have {newest}; use --year)"
    cards = []
    missing = [p.name for p in places if chosen_year not in tree.years(p.slug)]
    if missing:
        raise UsageError(f"no {chosen_year} profile for {', '.join(missing)}.")
    for place in places:
        profile = tree.profile(tree.profile_path(place.slug, chosen_year))
        cards.append(score_profile(tree.framework(profile.framework_id), profile))
    return chosen_year, cards, note
