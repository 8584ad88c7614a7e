"""The plain data pic works on: frameworks, profiles and their findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Answer = Literal["yes", "no", "unknown"]
ANSWERS: tuple[Answer, ...] = ("yes", "no", "unknown")

# Where a finding's answer comes from (data-design.md):
#   card            the publisher's report card text states it
#   published-total nothing in the card settles it; read from a published section total (an INFERENCE)
#   statute         read from the statute itself by the profile's author
FindingBasis = Literal["card", "published-total", "statute"]
FINDING_BASES: tuple[FindingBasis, ...] = ("card", "published-total", "statute")


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Criterion:
    """One yes/no question about a state's statutes, worth `points` when met."""

    id: str
    question: str
    points: float
    gap: str  # the shared label shown when the criterion is not met
    recommendation: str
    component_id: str
    section_id: str


@dataclass(frozen=True, slots=True)
class Component:
    id: str
    title: str
    max: float
    criteria: tuple[Criterion, ...]
    # "topic-confirmed": only the topic is confirmed by public sources (points and criteria
    # are still reconstructed); "reconstructed": the topic too.
    confidence: str = "reconstructed"


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    max: float | None  # None where the publisher's weighting is not known
    components: tuple[Component, ...] = ()
    card_title: str | None = None  # the publisher's own heading, verbatim; `title` is pic's short one


@dataclass(frozen=True, slots=True)
class GradeBand:
    grade: str
    min: float


@dataclass(frozen=True, slots=True)
class Framework:
    id: str
    title: str
    short_title: str
    publisher: str
    source: Source
    first_year: int
    last_year: int | None
    max_score: float | None  # None where the publisher's maximum is not known
    extra_credit: float
    grade_scale: tuple[GradeBand, ...]
    grade_scale_basis: str | None
    sections: tuple[Section, ...]
    notes: tuple[str, ...] = ()
    skipped_years: tuple[int, ...] = ()
    path: str = ""
    criteria: dict[str, Criterion] = field(default_factory=dict, compare=False)
    components: dict[str, Component] = field(default_factory=dict, compare=False)

    @property
    def has_criteria(self) -> bool:
        return bool(self.criteria)

    def covers(self, year: int) -> bool:
        if year < self.first_year or year in self.skipped_years:
            return False
        return self.last_year is None or year <= self.last_year

    def grade_for(self, score: float) -> str | None:
        """The grade the scale gives a raw score; None when the framework has no scale."""
        for band in self.grade_scale:
            if score >= band.min:
                return band.grade
        return None

    def grade_rank(self, grade: str | None) -> int | None:
        """The grade's place on this framework's own scale: 0 for the best grade, 1 for the
        next... None for no grade or one the scale does not have. A "+" or "-" the scale
        does not list counts as its letter (B+ ranks as B)."""
        if not grade:
            return None
        grades = [band.grade for band in self.grade_scale]
        if grade in grades:
            return grades.index(grade)
        base = grade.rstrip("+-")
        return grades.index(base) if base != grade and base in grades else None

    def section(self, section_id: str) -> Section | None:
        for s in self.sections:
            if s.id == section_id:
                return s
        return None


@dataclass(frozen=True, slots=True)
class Finding:
    """A profile's answer to one criterion, with what it rests on."""

    criterion_id: str
    answer: Answer
    citations: tuple[str, ...] = ()
    note: str | None = None
    review: bool = False
    basis: FindingBasis | None = None  # None when the profile does not say (or the answer is unknown)


@dataclass(frozen=True, slots=True)
class SharedLoss:
    """Criteria answered `no` that together lose exactly `points`, their split unknown.

    Each member's own loss is a range: [max(0, points - sum(other members' points)),
    min(member's points, points)]; the group's total loss is exact.
    """

    criteria: tuple[str, ...]
    points: float
    note: str = ""


@dataclass(frozen=True, slots=True)
class Published:
    """The publisher's own figures: evidence to check against, never scoring input."""

    score: float | None = None
    grade: str | None = None
    tier: str | None = None
    sections: dict[str, float] = field(default_factory=dict)
    issue_areas: dict[str, str] = field(default_factory=dict)  # the publisher's grade per issue area (section)
    inferred: tuple[str, ...] = ()  # keys of this block ("sections", "grade"...) the research infers

    def is_inferred(self, key: str) -> bool:
        return key in self.inferred


@dataclass(frozen=True, slots=True)
class Profile:
    jurisdiction: str
    year: int
    framework_id: str
    source: Source
    published: Published | None
    findings: dict[str, Finding] | None  # None for a published-only record
    note: str | None = None
    reading: str | None = None
    path: str = ""
    shared_losses: tuple[SharedLoss, ...] = ()
