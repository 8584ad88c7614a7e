"""Analyst questions about a scorecard: where a component's points come from, what a
score would be if some gaps were closed, and the fewest gaps to close for a better grade.

Pure functions over the models and the scorer; no terminal, no files. Every "what if"
is answered by re-scoring a changed copy of the profile, so hypothetical points come
from the framework's rules exactly as real ones do.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass
from typing import Literal

from pic.core.errors import UsageError
from pic.core.model import Component, Criterion, Finding, Framework, Profile, Section
from pic.core.score import Gap, Scorecard, earned, find_gaps, score_profile

_EPS = 1e-9

# A component id (6.3) or a criterion id (6.3.a): never a state name or a file.
COMPONENT_OR_CRITERION_ID = re.compile(r"^\d+\.\d+(\.[a-z])?$", re.IGNORECASE)


def looks_like_component(text: str) -> bool:
    return bool(COMPONENT_OR_CRITERION_ID.match(text.strip()))


# -- explain ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CriterionExplanation:
    criterion: Criterion
    finding: Finding | None  # None when no state is given or no findings are recorded
    earned: float | None  # None when there are no findings to earn points from


@dataclass(frozen=True, slots=True)
class ComponentExplanation:
    framework: Framework
    section: Section
    component: Component
    profile: Profile | None  # None when the framework's component is explained alone
    criteria: tuple[CriterionExplanation, ...]
    score: float | None  # None without findings

    @property
    def has_findings(self) -> bool:
        return self.profile is not None and self.profile.findings is not None

    @property
    def published_section_score(self) -> float | None:
        """The publisher's figure for the component's section, the closest published evidence."""
        if self.profile is None or self.profile.published is None:
            return None
        return self.profile.published.sections.get(self.section.id)


def find_component(framework: Framework, text: str) -> Component:
    """The component named by its id (6.3) or by one of its criteria (6.3.a)."""
    if not framework.components:
        raise UsageError(f"the {framework.id} framework defines no components or criteria, "
                         "so there is nothing to explain (its profiles record published figures only).")
    key = text.strip().lower()
    if key in framework.components:
        return framework.components[key]
    if key in framework.criteria:
        return framework.components[framework.criteria[key].component_id]
    ids = list(framework.components)
    close = difflib.get_close_matches(key, ids, n=3, cutoff=0.6)
    first, last = ids[0], ids[-1]
    raise UsageError(f"no component '{text}' in the {framework.id} framework (components run from {first} to {last}).",
                     close)


def _section_of(framework: Framework, component: Component) -> Section:
    for section in framework.sections:
        if component in section.components:
            return section
    raise AssertionError(f"component {component.id} is in no section")  # build_framework guarantees it is


def explain_component(framework: Framework, component: Component, profile: Profile | None = None) -> ComponentExplanation:
    findings = profile.findings if profile is not None else None
    rows = []
    for crit in component.criteria:
        finding = findings.get(crit.id) if findings is not None else None
        rows.append(CriterionExplanation(crit, finding, None if findings is None else earned(crit, finding)))
    score = None if findings is None else sum(r.earned or 0.0 for r in rows)
    return ComponentExplanation(framework, _section_of(framework, component), component, profile, tuple(rows), score)


# -- naming gaps ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GapChoice:
    """What one --close argument named, and the criteria it stands for."""

    text: str
    kind: Literal["criterion", "component", "label"]
    key: str  # the criterion or component id it resolved to (a label gives its criterion's id)
    criteria: tuple[Criterion, ...]


def _vocabulary(framework: Framework) -> dict[str, tuple[str, tuple[Criterion, ...]]]:
    """Every name a gap can go by, lowercased: criterion ids, component ids, gap labels."""
    names: dict[str, tuple[str, tuple[Criterion, ...]]] = {}
    for comp in framework.components.values():
        names[comp.id.lower()] = ("component", comp.criteria)
    for crit in framework.criteria.values():
        names[crit.id.lower()] = ("criterion", (crit,))
        names[crit.gap.lower()] = ("label", (crit,))
    return names


def _normal(text: str) -> str:
    return " ".join(text.strip().lower().split())


def close_names(key: str, names: list[str], n: int = 3) -> list[str]:
    """Names like `key`, best first: like the whole name (difflib's usual 0.6), or very
    like a run of as many of its words (so "wiretp" finds "no wiretap authority")."""
    width = len(key.split())
    scored = []
    for name in names:
        whole = difflib.SequenceMatcher(None, key, name).ratio()
        words = name.split()
        # A short run of words matches loosely by chance, hence the stricter cutoff.
        runs = [difflib.SequenceMatcher(None, key, " ".join(words[i:i + width])).ratio()
                for i in range(len(words) - width + 1)] if len(words) > width else []
        best = max([whole if whole >= 0.6 else 0.0] + [r for r in runs if r >= 0.8])
        if best:
            scored.append((-best, name))
    return [name for _, name in sorted(scored)[:n]]


def resolve_gap(framework: Framework, text: str) -> GapChoice:
    """A criterion id, a component id or a gap label, in any case; an unambiguous
    prefix of one, or a piece of exactly one label ("wiretap"), will do."""
    names = _vocabulary(framework)
    key = _normal(text)
    if not key:
        raise UsageError("an empty gap name was given to --close.")
    if key in names:
        kind, crits = names[key]
        return GapChoice(text, kind, crits[0].id if kind == "label" else key, crits)  # type: ignore[arg-type]
    # Labels mostly start with "no ...", so a word from the middle is how people remember
    # them: a label matches anywhere, an id only from the start. A piece found in several
    # labels is ambiguous even if one of them starts with it.
    matches = [n for n in names if n.startswith(key) or (names[n][0] == "label" and key in n)]
    # Several names may stand for the same criteria (6.3.a and its label): that is one gap.
    targets = {names[n][1] for n in matches}
    if len(targets) == 1:
        best = min(matches, key=lambda n: (names[n][0] != "label", len(n)))
        kind, crits = names[best]
        return GapChoice(text, kind, crits[0].id if kind == "label" else best, crits)  # type: ignore[arg-type]
    if matches:
        shown = sorted(matches, key=lambda n: (names[n][0] != "label", n))
        listed = shown[:8] + ([f"… {len(shown) - 8} more"] if len(shown) > 8 else [])
        raise UsageError(f"gap '{text}' is ambiguous in the {framework.id} framework ({len(shown)} names match).",
                         listed)
    close = close_names(key, list(names))
    raise UsageError(f"unknown gap '{text}' in the {framework.id} framework "
                     "(give a criterion id such as 6.3.a, a component id such as 6.3, or a gap label).", close)


# -- what if --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GradeTarget:
    """The fewest open gaps whose closing reaches `grade`, from a given score."""

    grade: str
    min_score: float
    status: Literal["reached", "reachable", "unreachable"]
    steps: tuple[Gap, ...]  # empty unless reachable
    score_after: float  # the score once `steps` are closed (for unreachable: with every gap closed)

    @property
    def points(self) -> float:
        return sum(g.points for g in self.steps)


@dataclass(frozen=True, slots=True)
class Plan:
    score: float
    grade: str | None
    next_grade: GradeTarget | None  # None when the grade is already the top of the scale
    top_grade: GradeTarget


@dataclass(frozen=True, slots=True)
class WhatIf:
    before: Scorecard
    after: Scorecard
    closed: tuple[Gap, ...]  # in framework order
    already_met: tuple[GapChoice, ...]  # named, but every criterion they stand for is met
    plan: Plan | None  # None when the framework has no grade scale


def require_findings(framework: Framework, profile: Profile) -> None:
    if not framework.has_criteria:
        raise UsageError(f"the {framework.id} framework defines no criteria, so no gaps can be closed "
                         f"(the {profile.year} profile records published figures only).")
    if profile.findings is None:
        raise UsageError(f"no findings are recorded in the {profile.year} profile ({profile.path}), "
                         "so there are no gaps to close; choose an edition with findings (--year).")


def with_criteria_met(profile: Profile, criteria: list[Criterion]) -> Profile:
    """A hypothetical copy of the profile in which these criteria are answered yes.

    Its published figures are dropped: they describe the real law, not the hypothesis.
    """
    assert profile.findings is not None
    findings = dict(profile.findings)
    for crit in criteria:
        findings[crit.id] = Finding(crit.id, "yes", note="hypothetical: closed by pic whatif")
    return dataclasses.replace(profile, findings=findings, published=None)


def what_if(framework: Framework, profile: Profile, choices: list[GapChoice]) -> WhatIf:
    require_findings(framework, profile)
    before = score_profile(framework, profile)
    open_gaps = {g.criterion.id: g for g in find_gaps(framework, profile)}
    to_close: set[str] = set()
    already_met: list[GapChoice] = []
    for choice in choices:
        # A component stands for its unmet criteria, so its met ones are no news; only
        # a name with nothing left to close at all is worth a note.
        open_ids = [c.id for c in choice.criteria if c.id in open_gaps]
        if not open_ids:
            if all(choice.criteria != m.criteria for m in already_met):
                already_met.append(choice)
        to_close.update(open_ids)
    order = list(framework.criteria)
    closed = tuple(open_gaps[c] for c in sorted(to_close, key=order.index))
    after = score_profile(framework, with_criteria_met(profile, [g.criterion for g in closed]))
    remaining = [g for g in find_gaps(framework, profile) if g.criterion.id not in to_close]
    plan = plan_grades(framework, after.score or 0.0, remaining)
    return WhatIf(before, after, closed, tuple(already_met), plan)


def fewest_gaps_to_reach(score: float, target: float, open_gaps: list[Gap]) -> tuple[Gap, ...] | None:
    """The fewest gaps whose points lift `score` to `target`, or None if all of them fall short.

    Taking the biggest gaps first is optimal: no k gaps add up to more than the k
    biggest. `open_gaps` must come biggest first with ties in framework order (as
    find_gaps gives them), so equal choices go to the earlier section.
    """
    if score + _EPS >= target:
        return ()
    steps: list[Gap] = []
    total = score
    for gap in open_gaps:
        steps.append(gap)
        total += gap.points
        if total + _EPS >= target:
            return tuple(steps)
    return None


def _target(grade: str, minimum: float, score: float, open_gaps: list[Gap]) -> GradeTarget:
    if score + _EPS >= minimum:
        return GradeTarget(grade, minimum, "reached", (), score)
    steps = fewest_gaps_to_reach(score, minimum, open_gaps)
    if steps is None:
        return GradeTarget(grade, minimum, "unreachable", (), score + sum(g.points for g in open_gaps))
    return GradeTarget(grade, minimum, "reachable", steps, score + sum(g.points for g in steps))


def plan_grades(framework: Framework, score: float, open_gaps: list[Gap]) -> Plan | None:
    """From `score`, the fewest open gaps to close for the next grade up and for the top grade."""
    scale = framework.grade_scale  # best grade first; the schema checks minimums fall
    if not scale:
        return None
    ordered = sorted(open_gaps, key=lambda g: -g.points)  # stable: keeps framework order on ties
    grade = framework.grade_for(score)
    top = _target(scale[0].grade, scale[0].min, score, ordered)
    index = next((i for i, band in enumerate(scale) if band.grade == grade), len(scale))
    next_grade = None if index == 0 else _target(scale[index - 1].grade, scale[index - 1].min, score, ordered)
    return Plan(score, grade, next_grade, top)
