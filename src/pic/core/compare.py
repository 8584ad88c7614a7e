"""What changed between two editions: per state, score and grade, and where both sides
record findings under the same framework, the criteria, gaps and section points."""

from __future__ import annotations

from dataclasses import dataclass, field

from pic.core.editions import grade_index
from pic.core.model import Criterion
from pic.core.score import Scorecard, find_gaps


@dataclass(frozen=True, slots=True)
class CriterionChange:
    criterion: Criterion
    before: str
    after: str

    @property
    def points(self) -> float:
        """Points gained (positive) or lost (negative) by the change."""
        was = self.criterion.points if self.before == "yes" else 0.0
        now = self.criterion.points if self.after == "yes" else 0.0
        return now - was


@dataclass(frozen=True, slots=True)
class SectionChange:
    id: str
    title: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class StateDiff:
    jurisdiction: str
    before: Scorecard
    after: Scorecard
    criteria: tuple[CriterionChange, ...] = ()
    gaps_closed: tuple[Criterion, ...] = ()
    gaps_opened: tuple[Criterion, ...] = ()
    sections: tuple[SectionChange, ...] = ()

    @property
    def comparable(self) -> bool:
        """Scores mean the same thing only under the same framework."""
        return self.before.framework.id == self.after.framework.id

    @property
    def detailed(self) -> bool:
        return self.comparable and self.before.basis == "findings" and self.after.basis == "findings"

    @property
    def score_change(self) -> float | None:
        if not self.comparable or self.before.score is None or self.after.score is None:
            return None
        return self.after.score - self.before.score

    @property
    def grade_steps(self) -> int | None:
        """Letter grades moved: +1 is one grade better (D to C), -3 is A to D."""
        b, a = grade_index(self.before.grade), grade_index(self.after.grade)
        if b > 5 or a > 5:
            return None
        return b - a

    @property
    def changed(self) -> bool:
        return bool(
            self.criteria
            or not self.comparable
            or self.before.grade != self.after.grade
            or self.before.score != self.after.score
        )


@dataclass(frozen=True, slots=True)
class Comparison:
    states: tuple[StateDiff, ...]
    only_before: tuple[Scorecard, ...] = ()
    only_after: tuple[Scorecard, ...] = ()
    frameworks_before: tuple[str, ...] = field(default=())
    frameworks_after: tuple[str, ...] = field(default=())

    @property
    def comparable(self) -> bool:
        return all(s.comparable for s in self.states) and set(self.frameworks_before) == set(self.frameworks_after)

    @property
    def changed(self) -> bool:
        return bool(self.only_before or self.only_after or any(s.changed for s in self.states))


def diff_state(before: Scorecard, after: Scorecard) -> StateDiff:
    slug = after.profile.jurisdiction
    if before.framework.id != after.framework.id:
        return StateDiff(slug, before, after)
    sections = tuple(
        SectionChange(a.id, a.title, b.score, a.score) for b, a in zip(before.sections, after.sections)
    )
    if before.basis != "findings" or after.basis != "findings":
        return StateDiff(slug, before, after, sections=sections)
    fb, fa = before.profile.findings or {}, after.profile.findings or {}
    framework = after.framework
    changes = []
    for cid, crit in framework.criteria.items():
        was = fb[cid].answer if cid in fb else "unknown"
        now = fa[cid].answer if cid in fa else "unknown"
        if was != now:
            changes.append(CriterionChange(crit, was, now))
    gaps_before = {g.criterion.id for g in find_gaps(framework, before.profile)}
    gaps_after = {g.criterion.id for g in find_gaps(framework, after.profile)}
    order = list(framework.criteria)
    closed = tuple(framework.criteria[c] for c in order if c in gaps_before and c not in gaps_after)
    opened = tuple(framework.criteria[c] for c in order if c in gaps_after and c not in gaps_before)
    return StateDiff(slug, before, after, tuple(changes), closed, opened, sections)


def compare(pairs: list[tuple[Scorecard, Scorecard]], only_before: list[Scorecard],
            only_after: list[Scorecard]) -> Comparison:
    """Diff each pair; states sorted by change, biggest gain first, then by name."""
    diffs = [diff_state(b, a) for b, a in pairs]

    def key(d: StateDiff) -> tuple:
        change = d.score_change
        steps = d.grade_steps
        return (
            change is None,
            -(change or 0.0),
            steps is None,
            -(steps or 0),
            d.jurisdiction,
        )

    diffs.sort(key=key)
    fw_before = tuple(sorted({b.framework.id for b, _ in pairs} | {c.framework.id for c in only_before}))
    fw_after = tuple(sorted({a.framework.id for _, a in pairs} | {c.framework.id for c in only_after}))
    by_name = lambda c: c.profile.jurisdiction  # noqa: E731
    return Comparison(tuple(diffs), tuple(sorted(only_before, key=by_name)), tuple(sorted(only_after, key=by_name)),
                      fw_before, fw_after)
