"""Framework + profile -> scorecard and gaps. Pure functions, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pic.core.model import Component, Criterion, Finding, Framework, Profile, Section

Basis = Literal["findings", "published"]
_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class ComponentScore:
    component: Component
    score: float
    unknown: int


@dataclass(frozen=True, slots=True)
class SectionScore:
    id: str
    title: str
    score: float | None  # None when a published-only record does not give it
    max: float | None
    components: tuple[ComponentScore, ...] = ()


@dataclass(frozen=True, slots=True)
class Gap:
    """A criterion the profile does not meet: answered no, or not known."""

    criterion: Criterion
    component: Component
    section: Section
    answer: str  # "no" or "unknown"
    finding: Finding | None

    @property
    def points(self) -> float:
        return self.criterion.points


@dataclass(frozen=True, slots=True)
class Scorecard:
    framework: Framework
    profile: Profile
    basis: Basis
    score: float | None
    grade: str | None
    sections: tuple[SectionScore, ...]
    unknown: tuple[str, ...]  # criterion ids answered unknown
    best_possible: float | None  # the score if every unknown turned out yes
    published_match: bool | None
    mismatches: tuple[str, ...]

    @property
    def max_score(self) -> float | None:
        return self.framework.max_score


def _fmt(x: float) -> str:
    return f"{x:g}"


def earned(criterion: Criterion, finding: Finding | None) -> float:
    return criterion.points if finding is not None and finding.answer == "yes" else 0.0


def score_profile(framework: Framework, profile: Profile) -> Scorecard:
    if profile.findings is None:
        return _score_published(framework, profile)
    findings = profile.findings
    sections: list[SectionScore] = []
    unknown: list[str] = []
    total = 0.0
    for section in framework.sections:
        comps = []
        section_total = 0.0
        for comp in section.components:
            comp_score = 0.0
            comp_unknown = 0
            for crit in comp.criteria:
                finding = findings.get(crit.id)
                comp_score += earned(crit, finding)
                if finding is None or finding.answer == "unknown":
                    comp_unknown += 1
                    unknown.append(crit.id)
            comps.append(ComponentScore(comp, comp_score, comp_unknown))
            section_total += comp_score
        sections.append(SectionScore(section.id, section.title, section_total, section.max, tuple(comps)))
        total += section_total
    unknown_points = sum(framework.criteria[c].points for c in unknown)
    grade = framework.grade_for(total)
    match, mismatches = _check_published(framework, profile, total, grade, sections)
    return Scorecard(framework, profile, "findings", total, grade, tuple(sections), tuple(unknown),
                     total + unknown_points, match, tuple(mismatches))


def _score_published(framework: Framework, profile: Profile) -> Scorecard:
    pub = profile.published
    given = pub.sections if pub else {}
    sections = tuple(SectionScore(s.id, s.title, given.get(s.id), s.max) for s in framework.sections)
    score = pub.score if pub else None
    mismatches: list[str] = []
    all_sections_given = bool(framework.sections) and all(s.id in given for s in framework.sections)
    if all_sections_given:
        section_sum = sum(given.values())
        if score is None:
            score = section_sum
        elif abs(score - section_sum) > _EPS:
            mismatches.append(f"published sections add up to {_fmt(section_sum)}, but the published score is {_fmt(score)}")
    grade = pub.grade if pub else None
    if score is not None and framework.grade_scale:
        scale_grade = framework.grade_for(score)
        if grade is None:
            grade = scale_grade
        elif grade != scale_grade:
            mismatches.append(f"a score of {_fmt(score)} earns {scale_grade} on the framework's scale, but the published grade is {grade}")
    checkable = pub is not None and (all_sections_given and pub.score is not None
                                     or (pub.score is not None and pub.grade is not None and bool(framework.grade_scale)))
    match = (not mismatches) if checkable else (False if mismatches else None)
    return Scorecard(framework, profile, "published", score, grade, sections, (), None, match, tuple(mismatches))


def _check_published(framework: Framework, profile: Profile, total: float, grade: str | None,
                     sections: list[SectionScore]) -> tuple[bool | None, list[str]]:
    pub = profile.published
    if pub is None or (pub.score is None and pub.grade is None and not pub.sections):
        return None, []
    out = []
    if pub.score is not None and abs(pub.score - total) > _EPS:
        out.append(f"computed score {_fmt(total)}, published {_fmt(pub.score)}")
    if pub.grade is not None and pub.grade != grade:
        out.append(f"computed grade {grade}, published {pub.grade}")
    for s in sections:
        published = pub.sections.get(s.id)
        if published is not None and s.score is not None and abs(published - s.score) > _EPS:
            out.append(f"section {s.id}: computed {_fmt(s.score)}, published {_fmt(published)}")
    return not out, out


def find_gaps(framework: Framework, profile: Profile) -> list[Gap]:
    """Every criterion not met, biggest first; ties keep the framework's order."""
    if profile.findings is None:
        return []
    gaps = []
    for section in framework.sections:
        for comp in section.components:
            for crit in comp.criteria:
                finding = profile.findings.get(crit.id)
                answer = finding.answer if finding is not None else "unknown"
                if answer != "yes":
                    gaps.append(Gap(crit, comp, section, answer, finding))
    # sorted() is stable, so equal points stay in framework order
    return sorted(gaps, key=lambda g: -g.points)
