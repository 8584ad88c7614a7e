"""`--fail-under GRADE|SCORE`: the check that lets a pipeline stop on a low grade.

A card whose findings leave a range passes only when its worst case passes; when even
its best case falls short it fails; in between pic cannot tell, and a gate that cannot
tell does not pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pic.core.errors import UsageError, short
from pic.core.numbers import fmt
from pic.core.score import Scorecard


@dataclass(frozen=True, slots=True)
class Threshold:
    grade: str | None = None
    score: float | None = None

    def __str__(self) -> str:
        return self.grade if self.grade else fmt(self.score)


def parse_threshold(text: str) -> Threshold:
    """A grade (a letter, maybe with + or -) or a finite score; whether the grade is on the
    scale and the score within the maximum is checked against the editions (check_threshold)."""
    t = text.strip()
    if re.fullmatch(r"[A-Za-z][+-]?", t):
        return Threshold(grade=t[0].upper() + t[1:])
    try:
        value = float(t)
    except ValueError:
        raise UsageError(f"--fail-under takes a grade (A-F) or a score, not '{short(text)}'.") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise UsageError(f"--fail-under takes a finite score, not '{short(text)}'.")
    return Threshold(score=value)


def falls_short(card: Scorecard, threshold: Threshold) -> str | None:
    """Why the card is under the threshold (or cannot be shown to reach it); None when it passes."""
    who = f"{card.profile.jurisdiction} {card.profile.year}"
    fw = card.framework
    # A partial profile is judged like a published-only one: on what the findings and the
    # publisher's own figures allow together (the implied range), else on the findings alone.
    implied = card.implied_min is not None and card.implied_max is not None and not card.exact
    lo, hi = (card.implied_min, card.implied_max) if implied else (card.score_min, card.score_max)
    grade_lo, grade_hi = (card.implied_grade_min, card.implied_grade_max) if implied else (card.grade_min,
                                                                                           card.grade_max)
    if threshold.grade is not None:
        want = fw.grade_rank(threshold.grade)
        if want is None:
            return f"{who} is graded under the {fw.id} framework, whose scale has no grade {threshold}"
        worst, best = fw.grade_rank(grade_lo), fw.grade_rank(grade_hi)
        if worst is None or best is None:
            return f"{who} has no grade to compare with {threshold}"
        if worst <= want:
            return None
        if best > want:
            shown = grade_lo if grade_lo == grade_hi else f"{grade_lo}–{grade_hi}"
            return f"{who} graded {shown}, under {threshold}"
        return (f"{who} scores {fmt(lo)}–{fmt(hi)} ({grade_lo}–{grade_hi}) by its findings: "
                f"cannot tell whether it reaches {threshold}")
    assert threshold.score is not None
    if lo is None or hi is None:
        return f"{who} has no score to compare with {fmt(threshold.score)}"
    if lo >= threshold.score:
        return None
    if hi < threshold.score:
        shown = fmt(lo) if lo == hi else f"{fmt(lo)}–{fmt(hi)}"
        return f"{who} scored {shown}, under {fmt(threshold.score)}"
    return f"{who} scores {fmt(lo)}–{fmt(hi)} by its findings: cannot tell whether it reaches {fmt(threshold.score)}"


def check_threshold(threshold: Threshold, cards: list[Scorecard]) -> None:
    """A usage error (exit 2) for a gate no edition can be held to: a grade on none of the
    editions' scales, or a score below 0 or above every maximum (with extra credit)."""
    frameworks = {c.framework.id: c.framework for c in cards}.values()
    if threshold.grade is not None:
        if not any(fw.grade_rank(threshold.grade) is not None for fw in frameworks):
            scales = "; ".join(f"{fw.id}: {' '.join(b.grade for b in fw.grade_scale) or 'no grades'}"
                               for fw in frameworks)
            raise UsageError(f"--fail-under {threshold}: not a grade on the scale ({scales}).")
        return
    assert threshold.score is not None
    if threshold.score < 0:
        raise UsageError(f"--fail-under {fmt(threshold.score)}: a score cannot be below 0.")
    tops = [fw.max_score + fw.extra_credit for fw in frameworks if fw.max_score is not None]
    if tops and len(tops) == len(list(frameworks)) and threshold.score > max(tops):
        raise UsageError(f"--fail-under {fmt(threshold.score)}: above the most any edition here can score "
                         f"({fmt(max(tops))}).")
