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

from pic.core.errors import UsageError, short
from pic.core.model import Component, Criterion, Finding, Framework, Profile, Section, SharedLoss
from pic.core.numbers import EPS as _EPS
from pic.core.score import (
    Gap,
    Range,
    Scorecard,
    answer_of,
    applied_shared_losses,
    earned,
    find_gaps,
    score_profile,
    share,
)


# A component id (6.3) or a criterion id (6.3.a): never a state name or a file.
COMPONENT_OR_CRITERION_ID = re.compile(r"^\d+\.\d+(\.[a-z])?$", re.IGNORECASE)


def looks_like_component(text: str) -> bool:
    return bool(COMPONENT_OR_CRITERION_ID.match(text.strip()))


# -- explain ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CriterionExplanation:
    criterion: Criterion
    finding: Finding | None  # None when no state is given or no findings are recorded
    earned: float | None  # exact points earned; None without findings, or when they are a range
    earned_min: float | None = None  # None when there are no findings to earn points from
    earned_max: float | None = None
    loss: Range | None = None  # a shared-loss member's own loss (a range: the split is unknown)
    implied: str | None = None  # "yes"/"no": what published totals imply about an unknown answer


@dataclass(frozen=True, slots=True)
class ComponentExplanation:
    framework: Framework
    section: Section
    component: Component
    profile: Profile | None  # None when the framework's component is explained alone
    criteria: tuple[CriterionExplanation, ...]
    score: float | None  # None without findings, or when the findings leave a range
    score_min: float | None = None
    score_max: float | None = None

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
    first, last = ids[0], ids[-1]
    # a gap label (or a piece of one: "wiretap") names its component, as `whatif --close` takes it
    try:
        choice = resolve_gap(framework, text)
    except UsageError as exc:
        close = exc.suggestions or difflib.get_close_matches(key, ids, n=3, cutoff=0.6)
        raise UsageError(f"no component '{short(text)}' in the {framework.id} framework (components run from {first} to "
                         f"{last}), and no gap label of it matches either.", close) from None
    components = sorted({c.component_id for c in choice.criteria})
    if len(components) == 1:
        return framework.components[components[0]]
    raise UsageError(f"'{short(text)}' names gaps in {len(components)} components of the {framework.id} framework; "
                     "explain one at a time.", components)


def _section_of(framework: Framework, component: Component) -> Section:
    for section in framework.sections:
        if component in section.components:
            return section
    raise AssertionError(f"component {component.id} is in no section")  # build_framework guarantees it is


def explain_component(framework: Framework, component: Component, profile: Profile | None = None) -> ComponentExplanation:
    findings = profile.findings if profile is not None else None
    section = _section_of(framework, component)
    if profile is None or findings is None:
        rows = tuple(CriterionExplanation(crit, None if findings is None else findings.get(crit.id), None)
                     for crit in component.criteria)
        return ComponentExplanation(framework, section, component, profile, rows, None)
    card = score_profile(framework, profile)
    out = []
    for crit in component.criteria:
        lo, hi = card.earned.get(crit.id, (earned(crit, findings.get(crit.id)),) * 2)
        out.append(CriterionExplanation(crit, findings.get(crit.id), lo if abs(hi - lo) <= _EPS else None, lo, hi,
                                        card.losses.get(crit.id), card.implied_answers.get(crit.id)))
    comp = next(c for s in card.sections for c in s.components if c.component.id == component.id)
    return ComponentExplanation(framework, section, component, profile, tuple(out), comp.score,
                                comp.score_min, comp.score_max)


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


def _as_written(framework: Framework, name: str, names: dict[str, tuple[str, tuple[Criterion, ...]]]) -> str:
    """A name as the framework writes it ("low CSEC penalties"), not as it is matched."""
    kind, crits = names[name]
    return crits[0].gap if kind == "label" else name


def resolve_gaps(framework: Framework, texts: list[str]) -> list[GapChoice]:
    """Every --close name, resolved against one vocabulary built once (hundreds of names on
    a large framework stay linear)."""
    names = _vocabulary(framework)
    return [resolve_gap(framework, text, names) for text in texts]


def resolve_gap(framework: Framework, text: str,
                names: dict[str, tuple[str, tuple[Criterion, ...]]] | None = None) -> GapChoice:
    """A criterion id, a component id or a gap label, in any case; an unambiguous
    prefix of one, or a piece of exactly one label ("wiretap"), will do."""
    names = names if names is not None else _vocabulary(framework)
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
        shown = [_as_written(framework, n, names) for n in sorted(matches, key=lambda n: (names[n][0] != "label", n))]
        listed = shown[:8] + ([f"… {len(shown) - 8} more"] if len(shown) > 8 else [])
        raise UsageError(f"gap '{short(text)}' is ambiguous in the {framework.id} framework ({len(shown)} names match).",
                         listed)
    close = [_as_written(framework, n, names) for n in close_names(key, list(names))]
    raise UsageError(f"unknown gap '{short(text)}' in the {framework.id} framework "
                     "(give a criterion id such as 6.3.a, a component id such as 6.3, or a gap label).", close)


# -- what if --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GradeTarget:
    """The fewest open gaps whose closing is sure to reach `grade`, from a given score."""

    grade: str
    min_score: float
    status: Literal["reached", "reachable", "unreachable"]
    steps: tuple[Gap, ...]  # empty unless reachable
    score_after: float  # the score once `steps` are closed (for unreachable: with every gap closed)
    points: float = 0.0  # the points the steps are sure to gain
    # whether closing the steps (with the gaps already closed) reaches the grade under every
    # split the cards allow ("every"), only under some ("some"), or under none ("none");
    # the plan itself is made under pic's own split (the hypothesis)
    calibrated: str | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    score: float  # the score planned from: exact, or the lowest the findings allow
    grade: str | None
    next_grade: GradeTarget | None  # None when the grade is already the top of the scale
    top_grade: GradeTarget
    from_minimum: bool = False  # True when `score` is the low end of a range: the plan is what is sure


@dataclass(frozen=True, slots=True)
class WhatIf:
    before: Scorecard
    after: Scorecard  # scored from the findings with the gaps closed: a range if unknowns remain
    closed: tuple[Gap, ...]  # in framework order
    already_met: tuple[GapChoice, ...]  # named, but every criterion they stand for is met
    plan: Plan | None  # None when the framework has no grade scale
    gain_min: float = 0.0  # points closing them gains, by the findings alone (an unknown may be met already)
    gain_max: float = 0.0
    implied_gain_min: float | None = None  # the same once the published totals are read in (an inference)
    implied_gain_max: float | None = None
    implied_after_min: float | None = None  # the before card's implied range moved by the implied gain
    implied_after_max: float | None = None
    calibrated_gain_min: float | None = None  # over the splits the cards allow
    calibrated_gain_max: float | None = None
    calibrated_after_min: float | None = None
    calibrated_after_max: float | None = None
    # per section: id, the after range the cards allow, and the gain's range
    calibrated_sections: tuple[tuple[str, float, float, float, float], ...] = ()

    @property
    def exact(self) -> bool:
        return self.after.exact and abs(self.gain_max - self.gain_min) <= _EPS


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
    A shared loss keeps its other members: they still lose what they lost.
    """
    assert profile.findings is not None
    findings = dict(profile.findings)
    for crit in criteria:
        findings[crit.id] = Finding(crit.id, "yes", note="hypothetical: closed by pic whatif")
    return dataclasses.replace(profile, findings=findings, published=None)


def gain(framework: Framework, profile: Profile, card: Scorecard, closed: list[str],
         implied: bool = False) -> Range:
    """The points that answering `closed` yes gains, as a range.

    A plain gap gains its points; members of a shared loss gain their share of it; an
    unknown gains none to all of its points (it may be met already). With `implied`, an
    unknown the published totals settle gains exactly (all or nothing), and unknowns a
    published total says "X of Y are met" about gain their share of what is not met.
    """
    lo = hi = 0.0
    findings = profile.findings or {}
    chosen = set(closed)
    by_implication: dict[int, list[str]] = {}
    implication_of = {c: i for i, imp in enumerate(card.implications) if imp.status == "partial" for c in imp.criteria}
    for cid in chosen:
        p = framework.criteria[cid].points
        answer = answer_of(findings, cid)
        if answer == "yes" or cid in card.losses:
            continue  # shared-loss members are counted by group below
        if answer == "no":
            lo += p
            hi += p
        elif implied and card.implied_answers.get(cid) == "yes":
            pass
        elif implied and card.implied_answers.get(cid) == "no":
            lo += p
            hi += p
        elif implied and cid in implication_of:
            by_implication.setdefault(implication_of[cid], []).append(cid)
        else:
            hi += p
    for i, ids in by_implication.items():
        imp = card.implications[i]
        assert imp.met_points is not None
        g_lo, g_hi = share(imp.unknown_points - imp.met_points, imp.unknown_points,
                           sum(framework.criteria[c].points for c in ids))
        lo += g_lo
        hi += g_hi
    counted: set[str] = set()
    for loss in applied_shared_losses(framework, profile):
        members = [m for m in loss.criteria if m in chosen and m in card.losses and m not in counted]
        if not members:
            continue
        counted.update(members)
        whole = sum(framework.criteria[m].points for m in loss.criteria if m in framework.criteria)
        g_lo, g_hi = share(loss.points, whole, sum(framework.criteria[m].points for m in members))
        lo += g_lo
        hi += g_hi
    return round(lo, 9), round(hi, 9)


def _implied_after(framework: Framework, profile: Profile, before: Scorecard, after: Scorecard,
                   closed: list[str]) -> Range | None:
    """The before card's implied range, moved by the implied gain scope by scope: a section
    the published figures pin moves by exactly its implied gain; the rest follow the after card."""
    if before.hypothesis_min is None or not before.implications and not any(s.published is not None
                                                                             for s in before.sections):
        return None
    bad = {c.section_id for c in before.contradictions} | set(before.hypothesis_sections_off)
    lo = hi = 0.0
    rest = next((i for i in before.implications if i.section_id is None and i.status != "contradiction"), None)
    use_rest = rest is not None and not (bad - {None})
    for b, a in zip(before.sections, after.sections):
        if b.published is not None and b.id not in bad:
            ids = [c for c in closed if framework.criteria[c].section_id == b.id]
            g_lo, g_hi = gain(framework, profile, before, ids, implied=True)
            lo += b.published + g_lo
            hi += b.published + g_hi
        elif use_rest and rest is not None and b.id in rest.sections:
            continue
        else:
            lo += (a.hypothesis_min if a.hypothesis_min is not None else a.score_min) or 0.0
            hi += (a.hypothesis_max if a.hypothesis_max is not None else a.score_max) or 0.0
    if use_rest and rest is not None:
        ids = [c for c in closed if framework.criteria[c].section_id in rest.sections]
        g_lo, g_hi = gain(framework, profile, before, ids, implied=True)
        lo += rest.published + g_lo
        hi += rest.published + g_hi
    a_lo = after.hypothesis_min if after.hypothesis_min is not None else after.score_min
    a_hi = after.hypothesis_max if after.hypothesis_max is not None else after.score_max
    assert a_lo is not None and a_hi is not None
    lo, hi = max(lo, a_lo), min(hi, a_hi)
    if lo > hi + _EPS:
        return None
    return round(lo, 9), round(hi, 9)


def what_if(framework: Framework, profile: Profile, choices: list[GapChoice]) -> WhatIf:
    require_findings(framework, profile)
    before = score_profile(framework, profile)
    gaps = find_gaps(framework, profile)
    open_gaps = {g.criterion.id: g for g in gaps}
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
    closed = tuple(open_gaps[c] for c in sorted(to_close, key={c: i for i, c in enumerate(order)}.__getitem__))
    closed_ids = [g.criterion.id for g in closed]
    after = score_profile(framework, with_criteria_met(profile, [g.criterion for g in closed]))
    remaining = [g for g in gaps if g.criterion.id not in to_close]
    # The plan is made under pic's own split (the hypothesis), then checked against the cards.
    h_min = after.hypothesis_min if after.hypothesis_min is not None else after.score_min
    h_max = after.hypothesis_max if after.hypothesis_max is not None else after.score_max
    assert h_min is not None and h_max is not None
    g_lo, g_hi = gain(framework, profile, before, closed_ids)
    has_implied = profile.published is not None and before.hypothesis_min is not None
    i_lo, i_hi = gain(framework, profile, before, closed_ids, implied=True) if has_implied else (None, None)
    implied_after = _implied_after(framework, profile, before, after, closed_ids) if has_implied else None
    if implied_after is not None:  # the published figures read in, under pic's split
        h_min, h_max = implied_after
    plan = plan_grades(framework, h_min, remaining, from_minimum=abs(h_max - h_min) > _EPS)
    if plan is not None and any(loss for loss in profile.shared_losses):
        plan = _whole_losses(framework, profile, before, plan, closed_ids, remaining, has_implied)
    c_gain = calibrated_gain(framework, profile, before, closed_ids)
    c_after = _calibrated_after(framework, profile, before, c_gain)
    if plan is not None and c_after is not None:
        plan = _checked(framework, profile, before, plan, closed_ids)
    per_section: list[tuple[str, float, float, float, float]] = []
    if c_after is not None:
        moved = calibrated_after(framework, profile, before, closed_ids)
        if moved is not None:
            c_after, per_section = moved
            assert before.calibrated_min is not None and before.calibrated_max is not None
            c_gain = (round(c_after[0] - before.calibrated_min, 9), round(c_after[1] - before.calibrated_max, 9)) \
                if abs(before.calibrated_max - before.calibrated_min) <= _EPS else \
                (round(sum(x[3] for x in per_section), 9), round(sum(x[4] for x in per_section), 9))
    return WhatIf(before, after, closed, tuple(already_met), plan, g_lo, g_hi, i_lo, i_hi,
                  implied_after[0] if implied_after else None, implied_after[1] if implied_after else None,
                  c_gain[0] if c_gain else None, c_gain[1] if c_gain else None,
                  c_after[0] if c_after else None, c_after[1] if c_after else None, tuple(per_section))


def calibrated_gain(framework: Framework, profile: Profile, card: Scorecard, closed: list[str]) -> Range | None:
    """What closing `closed` gains over the splits the cards allow, component by component:
    a criterion answered no gains its share under each allowed split, an unknown anything from
    none to its share (it may be met already); a shared loss closed whole gains exactly the loss
    the profile records, in part at most that loss."""
    if card.calibration is None:
        return None
    from pic.core import calibrate as cb

    cal = cb.for_profile(framework, profile)
    answers = cb.answers_of(profile)
    chosen = {c for c in closed if answers.get(c, "unknown") != "yes"}
    lo = hi = 0.0
    step = float(cal.step)
    partial_hi: dict[int, float] = {}
    for i, comp in enumerate(cal.comps):
        ids = [k for k, cid in enumerate(comp.criteria) if cid in chosen]
        if not ids:
            continue
        c_lo, c_hi, p_hi = None, None, 0
        for split in cal.allowed[i]:
            s_lo = sum(split[k] for k in ids if answers.get(comp.criteria[k], "unknown") == "no")
            s_hi = sum(split[k] for k in ids if answers.get(comp.criteria[k], "unknown") in ("no", "unknown"))
            s_p = sum(split[k] for k in ids if answers.get(comp.criteria[k], "unknown") == "partial")
            c_lo = s_lo if c_lo is None else min(c_lo, s_lo)
            c_hi = s_hi if c_hi is None else max(c_hi, s_hi)
            p_hi = max(p_hi, s_p)
        lo += (c_lo or 0) * step
        hi += (c_hi or 0) * step
        partial_hi[i] = p_hi * step
    for loss in applied_shared_losses(framework, profile):
        members = [m for m in loss.criteria if answers.get(m) == "partial"]
        closed_members = [m for m in members if m in chosen]
        if not closed_members:
            continue
        if set(closed_members) >= set(members):
            lo += loss.points
            hi += loss.points
        else:
            comps = {cal.index[framework.criteria[m].component_id] for m in closed_members
                     if framework.criteria[m].component_id in cal.index}
            hi += min(loss.points, sum(partial_hi.get(c, 0.0) for c in comps))
    return round(lo, 9), round(hi, 9)


def calibrated_after(framework: Framework, profile: Profile, card: Scorecard,
                     closed: list[str]) -> tuple[Range, list[tuple[str, float, float, float, float]]] | None:
    """The score the cards allow once `closed` are met, section by section (no section
    passes its maximum), and in total."""
    if card.calibration is None:
        return None
    per_section: list[tuple[str, float, float, float, float]] = []
    g_lo = g_hi = 0.0
    for sec in card.sections:
        ids = [c for c in closed if framework.criteria[c].section_id == sec.id]
        sg = calibrated_gain(framework, profile, card, ids) or (0.0, 0.0)
        s_lo, s_hi = sec.implied_min or 0.0, sec.implied_max or 0.0
        top = sec.max if sec.max is not None else float("inf")
        # a section cannot pass its maximum
        lo_gain = max(0.0, min(sg[0], top - s_hi))
        hi_gain = max(0.0, min(sg[1], top - s_lo))
        g_lo += lo_gain
        g_hi += hi_gain
        per_section.append((sec.id, round(min(s_lo + sg[0], top), 9), round(min(s_hi + sg[1], top), 9),
                            round(lo_gain, 9), round(hi_gain, 9)))
    assert card.calibrated_min is not None and card.calibrated_max is not None
    # the total moves by the sections' gains from the total the cards allow (sections a card
    # publishes only together keep their joint figure)
    total = (round(card.calibrated_min + g_lo, 9), round(card.calibrated_max + g_hi, 9))
    return total, per_section


def _calibrated_after(framework: Framework, profile: Profile, card: Scorecard, g: Range | None) -> Range | None:
    if g is None or card.calibrated_min is None or card.calibrated_max is None:
        return None
    top = framework.max_score_for(profile.year)
    lo, hi = card.calibrated_min + g[0], card.calibrated_max + g[1]
    if top is not None:
        lo, hi = min(lo, top), min(hi, top)
    return round(lo, 9), round(hi, 9)


def _least_after(framework: Framework, profile: Profile, before: Scorecard, ids: list[str], has_implied: bool) -> float:
    """The lowest score, under pic's split, once `ids` are met: what a plan counts from."""
    after = score_profile(framework, with_criteria_met(profile, [framework.criteria[c] for c in ids]))
    low = after.hypothesis_min if after.hypothesis_min is not None else after.score_min
    assert low is not None
    if has_implied:
        moved = _implied_after(framework, profile, before, after, ids)
        if moved is not None:
            low = moved[0]
    return low


def _whole_losses(framework: Framework, profile: Profile, before: Scorecard, plan: Plan, closed: list[str],
                  remaining: list[Gap], has_implied: bool) -> Plan:
    """A target the per-gap sums call out of reach, checked by scoring the profile itself.

    Alone, a member of a shared loss is sure of only its least share (often 0: the other
    members may hold the whole loss), but the members closed together win the whole loss
    back. So a target that the sure gains added one by one cannot reach is re-planned by
    closing the open gaps in the plan's order and scoring the profile after each: the first
    set that reaches the grade is the plan (enough, if not always the fewest), and when none
    does, the score with every gap closed is the one the plan states."""

    def whole(t: GradeTarget | None) -> GradeTarget | None:
        if t is None or t.status != "unreachable":
            return t
        ids, steps, score = list(closed), [], plan.score
        for g in sorted(remaining, key=lambda g: -sure_gain(g)):  # stable: framework order within ties
            ids.append(g.criterion.id)
            steps.append(g)
            score = _least_after(framework, profile, before, ids, has_implied)
            if score + _EPS >= t.min_score:
                return dataclasses.replace(t, status="reachable", steps=tuple(steps), score_after=score,
                                           points=round(score - plan.score, 9))
        return dataclasses.replace(t, score_after=score, points=round(score - plan.score, 9))

    top = whole(plan.top_grade)
    assert top is not None
    return dataclasses.replace(plan, next_grade=whole(plan.next_grade), top_grade=top)


def _checked(framework: Framework, profile: Profile, card: Scorecard, plan: Plan, closed: list[str]) -> Plan:
    """The plan's targets, each told whether its steps reach the grade under every split the
    cards allow, only some, or none."""

    def check(t: GradeTarget | None) -> GradeTarget | None:
        if t is None or t.status == "unreachable":
            return t
        ids = list(closed) + [g.criterion.id for g in t.steps]
        moved = calibrated_after(framework, profile, card, ids)
        if moved is None:
            return t
        after = moved[0]
        verdict = "every" if after[0] + _EPS >= t.min_score else ("some" if after[1] + _EPS >= t.min_score else "none")
        return dataclasses.replace(t, calibrated=verdict)

    top = check(plan.top_grade)
    assert top is not None
    return dataclasses.replace(plan, next_grade=check(plan.next_grade), top_grade=top)


def sure_gain(gap: Gap) -> float:
    """What closing a gap is sure to add, under pic's own split, to the lowest score the
    findings allow there: an unknown counts as not met, so all its points; a shared-loss
    member its least share."""
    if gap.answer == "unknown":
        return gap.criterion.points
    return gap.hypothesis_min if gap.hypothesis_min is not None else gap.low


def fewest_gaps_to_reach(score: float, target: float, open_gaps: list[Gap]) -> tuple[Gap, ...] | None:
    """The fewest gaps whose sure gains lift `score` to `target`, or None if all of them fall short.

    Taking the biggest gains first is optimal: no k gaps add up to more than the k
    biggest. `open_gaps` must come biggest first with ties in framework order (as
    plan_grades sorts them), so equal choices go to the earlier section. A shared loss
    closed whole gains at least the sum of its members' least shares, so the plan holds.
    """
    if score + _EPS >= target:
        return ()
    steps: list[Gap] = []
    total = score
    for gap in open_gaps:
        steps.append(gap)
        total += sure_gain(gap)
        if total + _EPS >= target:
            return tuple(steps)
    return None


def _target(grade: str, minimum: float, score: float, open_gaps: list[Gap]) -> GradeTarget:
    if score + _EPS >= minimum:
        return GradeTarget(grade, minimum, "reached", (), score, 0.0)
    steps = fewest_gaps_to_reach(score, minimum, open_gaps)
    if steps is None:
        every = sum(sure_gain(g) for g in open_gaps)
        return GradeTarget(grade, minimum, "unreachable", (), score + every, every)
    points = sum(sure_gain(g) for g in steps)
    return GradeTarget(grade, minimum, "reachable", steps, score + points, points)


def plan_grades(framework: Framework, score: float, open_gaps: list[Gap], from_minimum: bool = False) -> Plan | None:
    """From `score`, the fewest open gaps to close to be sure of the next grade up and of the top grade."""
    scale = framework.grade_scale  # best grade first; the schema checks minimums fall
    if not scale:
        return None
    ordered = sorted((g for g in open_gaps if sure_gain(g) > _EPS), key=lambda g: -sure_gain(g))  # stable
    grade = framework.grade_for(score)
    top = _target(scale[0].grade, scale[0].min, score, ordered)
    index = next((i for i, band in enumerate(scale) if band.grade == grade), len(scale))
    next_grade = None if index == 0 else _target(scale[index - 1].grade, scale[index - 1].min, score, ordered)
    return Plan(score, grade, next_grade, top, from_minimum)
