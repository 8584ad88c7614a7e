"""The plain data pic works on: frameworks, profiles and their findings."""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING, Literal

from pic.core.records import Record

if TYPE_CHECKING:  # records are dataclasses created without generated code (pic.core.records)
    from dataclasses import dataclass as record
else:
    from pic.core.records import record

Answer = Literal["yes", "no", "unknown"]

# Where a finding's answer comes from (data-design.md):
#   card            the publisher's report card text states it
#   published-total nothing in the card settles it; read from a published section total (an INFERENCE)
#   statute         read from the statute itself by the profile's author
FindingBasis = Literal["card", "published-total", "statute"]

# Why a criterion answered `no` is not met, where the profile says: the state has no such
# law at all, or its law exists but lacks the element the criterion asks about.
GapKind = Literal["no-law", "lacks-element"]


SourceKind = Literal["publisher", "government", "news", "advocacy", "blog"]
# Strongest first: a figure resting on a later kind is weaker evidence.
SOURCE_KINDS: tuple[SourceKind, ...] = ("publisher", "government", "news", "advocacy", "blog")
# Kinds that are not evidence enough on their own: a figure resting only on one is marked,
# as an inferred figure is.
WEAK_KINDS: frozenset[str] = frozenset({"blog"})


@record(frozen=True, slots=True)
class Source(Record):
    """Where a framework or a profile comes from."""

    title: str
    url: str | None = None
    note: str | None = None
    kind: SourceKind | None = None  # None where the profile does not say
    outlet: str | None = None  # the site or outlet carrying it, as a credit line names it
    also: tuple[str, ...] = ()  # other sources (URLs) stating the same figures

    @property
    def weak(self) -> bool:
        """True when the figures rest only on a blog, aggregator or partisan site."""
        return self.kind in WEAK_KINDS


@record(frozen=True, slots=True)
class Criterion(Record):
    """One yes/no question about a state's statutes, worth `points` when met."""

    id: str
    question: str
    points: float
    gap: str  # the shared label shown when the criterion is not met
    recommendation: str  # pic's advice where the state's law exists but lacks this element
    component_id: str
    section_id: str
    # pic's advice where the state has no such law at all (the profile's finding says which
    # applies: `gap_kind`); None where one piece of advice fits both
    recommendation_no_law: str | None = None

    def advice(self, gap_kind: str | None) -> tuple[str, str]:
        """pic's recommendation for a state, and which case it is for: "no-law" (the state has
        no such law), "lacks-element" (its law lacks this element) or "general"."""
        if gap_kind == "no-law" and self.recommendation_no_law:
            return self.recommendation_no_law, "no-law"
        if gap_kind == "lacks-element" or (self.recommendation_no_law and gap_kind is None):
            return self.recommendation, "lacks-element"
        return self.recommendation, "general"


@record(frozen=True, slots=True)
class Component(Record):
    """A group of criteria within a section, worth `max` points together."""

    id: str
    title: str
    max: float
    criteria: tuple[Criterion, ...]
    # "topic-confirmed": only the topic is confirmed by public sources (points and criteria
    # are still reconstructed); "reconstructed": the topic too.
    confidence: str = "reconstructed"


@record(frozen=True, slots=True)
class Section(Record):
    """A part of a framework, with its components."""

    id: str
    title: str
    max: float | None  # None where the publisher's weighting is not known
    components: tuple[Component, ...] = ()
    card_title: str | None = None  # the publisher's own heading, verbatim; `title` is pic's short one


@record(frozen=True, slots=True)
class GradeBand(Record):
    """A grade and the lowest score that earns it."""

    grade: str
    min: float


@record(frozen=True, slots=True)
class PointsBasis(Record):
    """What one kind of a framework's points rests on: `confirmed` (a source states it),
    `inferred` (reasoned from what sources state) or `hypothesis` (pic's own reconstruction)."""

    kind: str
    what: str
    source: Source | None = None
    basis: str | None = None


@record(frozen=True, slots=True)
class Edition(Record):
    """Years in which a framework's structure differed from its full form: components not
    yet (or no longer) scored, and sections whose maximum for those years is not known."""

    first: int
    last: int
    absent_components: tuple[str, ...] = ()
    unknown_sections: tuple[str, ...] = ()
    note: str | None = None
    source: Source | None = None

    def covers(self, year: int) -> bool:
        return self.first <= year <= self.last


@record(frozen=True, slots=True)
class Framework(Record):
    """A published legislative framework: its sections, criteria and grade scale."""

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
    editions: tuple[Edition, ...] = ()
    points_basis: tuple[PointsBasis, ...] = ()
    # False where the framework file gives `extra_credit: null`: the publisher's extra credit
    # is not known (`extra_credit` then counts 0 in arithmetic, but is shown as unknown)
    extra_credit_known: bool = True

    def edition(self, year: int | None) -> Edition | None:
        """The edition rule covering `year`, if its structure differed from the full form."""
        if year is None:
            return None
        for e in self.editions:
            if e.covers(year):
                return e
        return None

    def component_in(self, component_id: str, year: int | None) -> bool:
        e = self.edition(year)
        return e is None or component_id not in e.absent_components

    def section_max_for(self, section_id: str, year: int | None) -> float | None:
        """A section's maximum in a given year: its full maximum, less the components not
        scored that year; None where the research does not know it."""
        section = self.section(section_id)
        if section is None or section.max is None:
            return None
        e = self.edition(year)
        if e is None:
            return section.max
        if section_id in e.unknown_sections:
            return None
        absent = sum(c.max for c in section.components if c.id in e.absent_components)
        return section.max - absent

    def max_score_for(self, year: int | None) -> float | None:
        """The framework's maximum in a given year; None where any section's is unknown."""
        if self.edition(year) is None:
            return self.max_score
        total = 0.0
        for s in self.sections:
            m = self.section_max_for(s.id, year)
            if m is None:
                return None
            total += m
        return total + self.extra_credit

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


@record(frozen=True, slots=True)
class Finding(Record):
    """A profile's answer to one criterion, with what it rests on."""

    criterion_id: str
    answer: Answer
    citations: tuple[str, ...] = ()
    note: str | None = None
    review: bool = False
    basis: FindingBasis | None = None  # None when the profile does not say (or the answer is unknown)
    # Read indirectly: from a report that paraphrases the card (a news story, a publisher's
    # post), not from the card's own text; `source` names that report.
    indirect: bool = False
    source: str | None = None
    gap_kind: GapKind | None = None  # for a `no`: no such law, or the law lacks the element


@record(frozen=True, slots=True)
class SharedLoss(Record):
    """Criteria answered `no` that together lose exactly `points`, their split unknown.

    Each member's own loss is a range: [max(0, points - sum(other members' points)),
    min(member's points, points)]; the group's total loss is exact.
    """

    criteria: tuple[str, ...]
    points: float
    note: str = ""


@record(frozen=True, slots=True)
class Conflict(Record):
    """Sources that disagree about published figures, or a figure revised after release."""

    figures: tuple[str, ...]  # keys of the Published block ("score", "grade"...)
    kind: str  # "revision" or "disagreement"
    note: str


@record(frozen=True, slots=True)
class Published(Record):
    """The publisher's own figures: evidence to check against, never scoring input."""

    score: float | None = None
    grade: str | None = None
    tier: str | None = None
    rank: int | None = None  # the national rank a source states; never derived from scores
    sections: dict[str, float] = field(default_factory=dict)
    issue_areas: dict[str, str] = field(default_factory=dict)  # the publisher's grade per issue area (section)
    inferred: tuple[str, ...] = ()  # keys of this block ("sections", "grade"...), or "year", the research infers
    conflicts: tuple[Conflict, ...] = ()

    def is_inferred(self, key: str) -> bool:
        return key in self.inferred


@record(frozen=True, slots=True)
class Profile(Record):
    """One jurisdiction's edition: its findings (None for a published-only record) and published figures."""

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

