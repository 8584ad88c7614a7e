"""`--fail-under GRADE|SCORE`: the check that lets a pipeline stop on a low grade."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pic.core.editions import grade_index
from pic.core.errors import UsageError
from pic.core.score import Scorecard


@dataclass(frozen=True, slots=True)
class Threshold:
    grade: str | None = None
    score: float | None = None

    def __str__(self) -> str:
        return self.grade if self.grade else f"{self.score:g}"


def parse_threshold(text: str) -> Threshold:
    t = text.strip()
    if re.fullmatch(r"[A-Fa-f]", t):
        return Threshold(grade=t.upper())
    try:
        value = float(t)
    except ValueError:
        raise UsageError(f"--fail-under takes a grade (A-F) or a score, not '{text}'.") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise UsageError(f"--fail-under takes a finite score, not '{text}'.")
    return Threshold(score=value)


def falls_short(card: Scorecard, threshold: Threshold) -> str | None:
    """Why the card is under the threshold, or None when it passes."""
    who = f"{card.profile.jurisdiction} {card.profile.year}"
    if threshold.grade is not None:
        if card.grade is None:
            return f"{who} has no grade to compare with {threshold}"
        if grade_index(card.grade) > grade_index(threshold.grade):
            return f"{who} graded {card.grade}, under {threshold}"
        return None
    assert threshold.score is not None
    if card.score is None:
        return f"{who} has no score to compare with {threshold}"
    if card.score < threshold.score:
        return f"{who} scored {card.score:g}, under {threshold}"
    return None
