"""How complete a profile is: per section, what is answered, what the published totals
imply, and what is still unknown. Pure; no terminal, no files.

A criterion is counted once, in the first of these that fits:
  answered  the profile answers it yes or no (by its basis: card, published-total, statute)
  implied   unknown, but a published total settles it (all of a section's unknown points met,
            or none): an inference, shown as such
  unknown   unknown, and nothing settles it (a published total may still say "X of Y
            points are met": see `partial`)
A published-only record (no findings) has every criterion unknown, and its published
section totals can still imply some of them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import field
from typing import TYPE_CHECKING

from pic.core.model import Finding, Framework, Profile
from pic.core.records import Record

if TYPE_CHECKING:
    from dataclasses import dataclass as record
else:
    from pic.core.records import record  # the same dataclass, created without generated code
from pic.core.score import Implication, Scorecard, score_profile


@record(frozen=True, slots=True)
class SectionStatus(Record):
    """One section's criteria counted by how they are settled: answered, implied, unknown."""

    id: str
    title: str
    criteria: int
    yes: int
    no: int
    implied_met: int
    implied_not_met: int
    unknown: int  # unknown and not implied
    points: float  # the section's criteria's points together
    points_answered: float  # points of the criteria answered yes or no
    points_implied: float  # points of the criteria the published totals settle
    points_unknown: float  # points of the criteria still unknown
    by_basis: dict[str, int] = field(default_factory=dict)  # answered criteria per basis ("none" if not given)
    implication: Implication | None = None  # what a published total says here, incl. "X of Y points met"

    @property
    def answered(self) -> int:
        return self.yes + self.no

    @property
    def implied(self) -> int:
        return self.implied_met + self.implied_not_met

    @property
    def partial(self) -> Implication | None:
        """A published total that says how many, but not which, of the unknown points are met."""
        return self.implication if self.implication is not None and self.implication.status == "partial" else None

    @property
    def complete(self) -> bool:
        return self.unknown == 0 and self.implied == 0


@record(frozen=True, slots=True)
class ProfileStatus(Record):
    """How complete a profile is, section by section."""

    framework: Framework
    profile: Profile
    has_findings: bool
    sections: tuple[SectionStatus, ...]
    card: Scorecard  # scored as recorded (for a published-only record, with every criterion unknown)
    rest: Implication | None = None  # what the published total says about sections without a published score

    def _sum(self, name: str) -> float:
        return sum(getattr(s, name) for s in self.sections)

    @property
    def criteria(self) -> int:
        return int(self._sum("criteria"))

    @property
    def answered(self) -> int:
        return sum(s.answered for s in self.sections)

    @property
    def implied(self) -> int:
        return sum(s.implied for s in self.sections)

    @property
    def unknown(self) -> int:
        return int(self._sum("unknown"))

    @property
    def points_answered(self) -> float:
        return self._sum("points_answered")

    @property
    def points_implied(self) -> float:
        return self._sum("points_implied")

    @property
    def points_unknown(self) -> float:
        return self._sum("points_unknown")

    @property
    def complete(self) -> bool:
        return self.has_findings and self.unknown == 0 and self.implied == 0


def profile_status(framework: Framework, profile: Profile) -> ProfileStatus:
    findings = profile.findings
    has_findings = findings is not None
    if findings is None:
        # Nothing answered: every criterion unknown, so the published totals can be read against them.
        findings = {cid: Finding(cid, "unknown") for cid in framework.criteria}
        scored = dataclasses.replace(profile, findings=findings, shared_losses=())
    else:
        scored = profile
    card = score_profile(framework, scored) if framework.has_criteria else score_profile(framework, profile)
    implied = card.implied_answers
    out = []
    for section, s_card in zip(framework.sections, card.sections):
        counts = {"yes": 0, "no": 0, "implied_met": 0, "implied_not_met": 0, "unknown": 0}
        points = {"answered": 0.0, "implied": 0.0, "unknown": 0.0}
        by_basis: dict[str, int] = {}
        total = 0.0
        n = 0
        for comp in section.components:
            for crit in comp.criteria:
                n += 1
                total += crit.points
                f = findings.get(crit.id)
                answer = f.answer if f is not None else "unknown"
                if answer in ("yes", "no"):
                    counts[answer] += 1
                    points["answered"] += crit.points
                    basis = (f.basis if f is not None else None) or "none"
                    by_basis[basis] = by_basis.get(basis, 0) + 1
                elif crit.id in implied:
                    counts["implied_met" if implied[crit.id] == "yes" else "implied_not_met"] += 1
                    points["implied"] += crit.points
                else:
                    counts["unknown"] += 1
                    points["unknown"] += crit.points
        out.append(SectionStatus(section.id, section.title, n, counts["yes"], counts["no"], counts["implied_met"],
                                 counts["implied_not_met"], counts["unknown"], round(total, 9),
                                 round(points["answered"], 9), round(points["implied"], 9),
                                 round(points["unknown"], 9), by_basis, s_card.implication))
    rest = next((i for i in card.implications if i.section_id is None), None)
    return ProfileStatus(framework, profile, has_findings, tuple(out), card, rest)
