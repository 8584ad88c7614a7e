"""What changed between two editions: per state, score and grade, and where both sides
record findings under the same framework, the criteria, gaps and section points.

Partial editions compare as ranges. A change is *certain* when both editions answer the
criterion (yes or no); it is *possible* when either side is unknown, and a criterion
unknown in both editions may have changed either way unseen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pic.core.model import Criterion, Framework
from pic.core.score import Range, Scorecard, SectionScore
from pic.core.numbers import EPS as _EPS



def _earned(card: Scorecard, criterion: Criterion, answer: str) -> Range:
    if criterion.id in card.earned:
        return card.earned[criterion.id]
    p = criterion.points
    return (p, p) if answer == "yes" else (0.0, p) if answer == "unknown" else (0.0, 0.0)


@dataclass(frozen=True, slots=True)
class CriterionChange:
    criterion: Criterion
    before: str
    after: str
    before_points: Range | None = None  # what the criterion earned in each edition (a shared loss: a range)
    after_points: Range | None = None

    def _side(self, answer: str, given: Range | None) -> Range:
        if given is not None:
            return given
        p = self.criterion.points
        return (p, p) if answer == "yes" else (0.0, p) if answer == "unknown" else (0.0, 0.0)

    @property
    def certain(self) -> bool:
        """Both editions answer it: the change itself is a fact (its points may still be a range)."""
        return self.before != "unknown" and self.after != "unknown"

    @property
    def points_min(self) -> float:
        return round(self._side(self.after, self.after_points)[0] - self._side(self.before, self.before_points)[1], 9)

    @property
    def points_max(self) -> float:
        return round(self._side(self.after, self.after_points)[1] - self._side(self.before, self.before_points)[0], 9)

    @property
    def points(self) -> float | None:
        """Points gained (positive) or lost (negative) by the change; None when a range."""
        lo, hi = self.points_min, self.points_max
        return lo if abs(hi - lo) <= _EPS else None


@dataclass(frozen=True, slots=True)
class SectionChange:
    id: str
    title: str
    before: float | None  # exact points; None for a range or a figure not given
    after: float | None
    before_min: float | None = None
    before_max: float | None = None
    after_min: float | None = None
    after_max: float | None = None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def change_min(self) -> float | None:
        if self.after_min is None or self.before_max is None:
            return None
        return round(self.after_min - self.before_max, 9)

    @property
    def change_max(self) -> float | None:
        if self.after_max is None or self.before_min is None:
            return None
        return round(self.after_max - self.before_min, 9)


@dataclass(frozen=True, slots=True)
class StateDiff:
    jurisdiction: str
    before: Scorecard
    after: Scorecard
    criteria: tuple[CriterionChange, ...] = ()
    gaps_closed: tuple[Criterion, ...] = ()  # certain: no before, yes after
    gaps_opened: tuple[Criterion, ...] = ()  # certain: yes before, no after
    sections: tuple[SectionChange, ...] = ()
    possibly_closed: tuple[Criterion, ...] = ()  # no -> unknown, unknown -> yes
    possibly_opened: tuple[Criterion, ...] = ()  # yes -> unknown, unknown -> no
    unknown_both: tuple[Criterion, ...] = ()  # unknown in both editions: may have changed unseen

    @property
    def certain_changes(self) -> tuple[CriterionChange, ...]:
        return tuple(c for c in self.criteria if c.certain)

    @property
    def same_framework(self) -> bool:
        """Scores and grades mean the same thing only under the same framework."""
        return self.before.framework.id == self.after.framework.id

    @property
    def findings_compared(self) -> bool:
        """Both editions record findings under the same framework, so their criteria and
        gaps line up. Otherwise which gaps closed or opened is unknown, not "none"."""
        return self.same_framework and self.before.basis == "findings" and self.after.basis == "findings"

    @property
    def comparable(self) -> bool:
        """Everything compares: the same framework, and findings on both sides."""
        return self.findings_compared

    @property
    def direction(self) -> str | None:
        """"rose", "fell", "unchanged" or "unknown" under one framework; None across
        frameworks. Scores decide where both are on record (a range: only when the whole
        range is one side of zero); else grades, where both are known and differ (or where
        every grade the findings allow moved the same way). The same
        grade without scores is "unknown": the score may have moved inside the band."""
        if not self.same_framework:
            return None
        if self.findings_compared and not self.criteria:
            return "unchanged"  # the same answers under one framework: the same score, whatever the split
        lo, hi = self.score_change_min, self.score_change_max
        if self.score_change is not None:
            change = self.score_change
            return "rose" if change > _EPS else "fell" if change < -_EPS else "unchanged"
        if lo is not None and hi is not None:
            if lo > _EPS:
                return "rose"
            if hi < -_EPS:
                return "fell"
        # Both grades printed by the publisher (not inferred, not pic's placing on a scale): a
        # grade that moved up the one scale means a higher score, whatever the cut-offs, even
        # where a side's score is open.
        steps = _steps(self.before.framework, _printed_grade(self.before), self.after.framework,
                       _printed_grade(self.after))
        if steps is not None and steps != 0:
            return "rose" if steps > 0 else "fell"
        steps_lo, steps_hi = self.grade_steps_min, self.grade_steps_max
        if steps_lo is not None and steps_hi is not None:
            if steps_lo > 0:
                return "rose"
            if steps_hi < 0:
                return "fell"
        return "unknown"

    @property
    def score_change(self) -> float | None:
        """The exact change; None across frameworks or when either score is a range."""
        if not self.same_framework or self.before.score is None or self.after.score is None:
            return None
        return self.after.score - self.before.score

    @property
    def score_change_min(self) -> float | None:
        """The least change the two editions allow (each edition's unknowns taken independently)."""
        b, a = _hi(self.before), _lo(self.after)
        if not self.same_framework or a is None or b is None:
            return None
        return round(a - b, 9)

    @property
    def score_change_max(self) -> float | None:
        b, a = _lo(self.before), _hi(self.after)
        if not self.same_framework or a is None or b is None:
            return None
        return round(a - b, 9)

    @property
    def grade_steps(self) -> int | None:
        """Grades moved on the framework's own scale: +1 is one grade better (D to C), -3 is
        A to D. None when a grade is missing or a range, and always across frameworks: an A
        under one framework and an F under another are not four steps of anything."""
        if not self.same_framework:
            return None
        return _steps(self.before.framework, self.before.grade, self.after.framework, self.after.grade)

    @property
    def grade_steps_min(self) -> int | None:
        """The least grade change the two editions allow (worst after against best before)."""
        if not self.same_framework:
            return None
        return _steps(self.before.framework, self.before.grade_max, self.after.framework, self.after.grade_min)

    @property
    def grade_steps_max(self) -> int | None:
        if not self.same_framework:
            return None
        return _steps(self.before.framework, self.before.grade_min, self.after.framework, self.after.grade_max)

    @property
    def certain(self) -> bool:
        """Both editions' scores are exact, so the score change is a fact."""
        return (_lo(self.before) == _hi(self.before) is not None) and (_lo(self.after) == _hi(self.after) is not None)

    @property
    def changed(self) -> bool:
        return bool(
            self.criteria
            or not self.same_framework
            or self.before.grade != self.after.grade
            or self.before.score != self.after.score
            or (_lo(self.before), _hi(self.before)) != (_lo(self.after), _hi(self.after))
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
        """Every pair under one and the same framework (scores and grades compare), and both
        sides under the same frameworks (a side with no editions at all, a state missing from
        one year, says nothing about frameworks)."""
        sides_agree = (not self.frameworks_before or not self.frameworks_after
                       or set(self.frameworks_before) == set(self.frameworks_after))
        return all(s.same_framework for s in self.states) and sides_agree

    def summary(self) -> dict[str, int] | None:
        """How many states rose, fell, stayed unchanged, or changed in a way the record
        does not tell; None across frameworks."""
        if not self.comparable:
            return None
        out = {"rose": 0, "fell": 0, "unchanged": 0, "unknown": 0}
        for s in self.states:
            out[s.direction or "unknown"] += 1
        return out

    @property
    def changed(self) -> bool:
        return bool(self.only_before or self.only_after or any(s.changed for s in self.states))


def _lo(card: Scorecard | SectionScore) -> float | None:
    """The lowest score the cards on record allow (calibrated), as diff compares editions."""
    return card.implied_min if card.implied_min is not None else card.score_min


def _hi(card: Scorecard | SectionScore) -> float | None:
    return card.implied_max if card.implied_max is not None else card.score_max


def _printed_grade(card: Scorecard) -> str | None:
    """The card's grade where the publisher printed it (and the findings, if any, agree)."""
    pub = card.profile.published
    if card.grade is None or pub is None or pub.grade != card.grade or pub.is_inferred("grade"):
        return None
    return card.grade


def _steps(fw_before: Framework, before: str | None, fw_after: Framework, after: str | None) -> int | None:
    if [b.grade for b in fw_before.grade_scale] != [b.grade for b in fw_after.grade_scale]:
        return None
    b, a = fw_before.grade_rank(before), fw_after.grade_rank(after)
    if b is None or a is None:
        return None
    return b - a


def diff_state(before: Scorecard, after: Scorecard) -> StateDiff:
    slug = after.profile.jurisdiction
    if before.framework.id != after.framework.id:
        return StateDiff(slug, before, after)
    sections = tuple(
        SectionChange(a.id, a.title, b.score, a.score, _lo(b), _hi(b), _lo(a), _hi(a))
        for b, a in zip(before.sections, after.sections)
    )
    if before.basis != "findings" or after.basis != "findings":
        return StateDiff(slug, before, after, sections=sections)
    fb, fa = before.profile.findings or {}, after.profile.findings or {}
    framework = after.framework
    changes = []
    closed, opened, maybe_closed, maybe_opened, unknown_both = [], [], [], [], []
    for cid, crit in framework.criteria.items():
        was = fb[cid].answer if cid in fb else "unknown"
        now = fa[cid].answer if cid in fa else "unknown"
        if was == now == "unknown":
            unknown_both.append(crit)
        if was == now:
            continue
        changes.append(CriterionChange(crit, was, now, _earned(before, crit, was), _earned(after, crit, now)))
        if (was, now) == ("no", "yes"):
            closed.append(crit)
        elif (was, now) == ("yes", "no"):
            opened.append(crit)
        elif now == "yes" or was == "no":
            maybe_closed.append(crit)
        else:
            maybe_opened.append(crit)
    return StateDiff(slug, before, after, tuple(changes), tuple(closed), tuple(opened), sections,
                     tuple(maybe_closed), tuple(maybe_opened), tuple(unknown_both))


def compare(pairs: list[tuple[Scorecard, Scorecard]], only_before: list[Scorecard],
            only_after: list[Scorecard]) -> Comparison:
    """Diff each pair; states sorted by change, biggest gain first, then by name. Across
    frameworks, by name only: there is no change to sort by."""
    diffs = [diff_state(b, a) for b, a in pairs]

    def key(d: StateDiff) -> tuple[bool, float, bool, int, str]:
        if not d.same_framework:
            return (True, 0.0, True, 0, d.jurisdiction)
        change = d.score_change
        if change is None and d.score_change_min is not None and d.score_change_max is not None:
            change = (d.score_change_min + d.score_change_max) / 2  # a range sorts by its middle
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


def comparable_pairs(years: dict[int, str], a: int | None, b: int | None) -> list[tuple[int, int]]:
    """Pairs of years on record under one framework that a cross-framework diff of `a`
    and `b` can be read against: the framework of `b` from its first year on record to `b`
    (or to its last, if `b` is the first), and the framework of `a` from `a` to its last
    year on record. `years` maps each year on record to its framework."""
    out: list[tuple[int, int]] = []
    for year, towards_end in ((b, False), (a, True)):
        if year is None or year not in years:
            continue
        same = sorted(y for y, fw in years.items() if fw == years[year])
        if len(same) < 2:
            continue
        if towards_end:
            pair = (year, same[-1]) if year != same[-1] else (same[0], year)
        else:
            pair = (same[0], year) if year != same[0] else (year, same[-1])
        if pair not in out:
            out.append(pair)
    return out
