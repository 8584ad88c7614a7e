"""Framework + profile -> scorecard and gaps. Pure functions, no I/O.

Scores are ranges. A criterion answered `yes` earns its points, `no` earns none, and
`unknown` (or unanswered) earns anything from none to all of them; a shared loss makes
its members lose exactly the group's points together while each member's own loss is a
range. For every section and for the total, `score_min`/`score_max` are the lowest and
highest scores the findings allow; `score` is the single figure only when they meet.

Published figures are evidence, never input: they are read *beside* the findings.
Where a published section score exists, it says how many of the section's unknown
points are met (an Implication: all, none, or "X of Y"); a published figure the
findings cannot produce is a Contradiction. `implied_min`/`implied_max` are the
findings' range narrowed by the published figures that agree with them: an inference,
and every output marks it so.
"""

from __future__ import annotations

from dataclasses import field, replace
from typing import TYPE_CHECKING, Iterable, Literal, NamedTuple

from pic.core.model import Component, Criterion, Finding, Framework, Profile, Section, SharedLoss
from pic.core.numbers import EPS as _EPS
from pic.core.numbers import fmt as _fmt
from pic.core.numbers import fmt_range
from pic.core.records import Record

if TYPE_CHECKING:
    from dataclasses import dataclass as record

    from pic.core.calibrate import Calibration
else:
    from pic.core.records import record  # the same dataclass, created without generated code

Basis = Literal["findings", "published"]
Range = tuple[float, float]
ImpliedStatus = Literal["all-met", "none-met", "partial", "contradiction"]
GapKind = Literal["known", "implied", "unknown"]
_SUBSET_LIMIT = 20000  # distinct sums tracked before giving up on the exact feasibility check


def _r(x: float) -> float:
    """Sums of half points are exact in binary, but other frameworks may use other steps."""
    return round(x, 9)


def share(total: float, whole: float, part: float) -> Range:
    """How much of `total` points, spread over items worth `whole` together (each item
    taking between none and all of its own worth), can fall on items worth `part`.

    This one rule gives a shared-loss member's loss, a subset of a group's loss, and how
    many of a set of unknown criteria's points can be met when a published total says
    `total` of `whole` are.
    """
    return (_r(max(0.0, total - (whole - part))), _r(min(part, total)))


# -- results --------------------------------------------------------------------------


class Contradiction(NamedTuple):
    """A published figure the findings cannot produce."""

    section_id: str | None  # None: the total score or the grade
    message: str
    # section | score | grade: what it is about; sum: published sections against the published
    # score; grade-scale: published score against published grade on the scale; hypothesis:
    # only pic's own split cannot produce it (a note, never reported as a contradiction)
    kind: str = "score"


@record(frozen=True, slots=True)
class Implication(Record):
    """What one published figure says about the unknown criteria it covers.

    `met_points` of the `unknown_points` are met: all of them ("all-met"), none
    ("none-met"), or some with the criteria not known ("partial"). It rests on a
    published total and on the framework's points per criterion: an inference.
    """

    section_id: str | None  # None: the sections without a published score, read from the published total
    sections: tuple[str, ...]  # the sections it covers
    published: float  # the published points for those sections
    known: float  # what the known findings earn there
    unknown_points: float
    met_points: float | None  # None for a contradiction
    status: ImpliedStatus
    criteria: tuple[str, ...]  # the unknown criteria it is about
    figure_inferred: bool  # the published figure is itself marked inferred by the research
    message: str

    @property
    def implied_met(self) -> tuple[str, ...]:
        return self.criteria if self.status == "all-met" else ()

    @property
    def implied_not_met(self) -> tuple[str, ...]:
        return self.criteria if self.status == "none-met" else ()


@record(frozen=True, slots=True)
class ComponentScore(Record):
    """A component's points, as a range where unknowns leave them open."""

    component: Component
    score: float | None  # exact points; None when they are a range
    unknown: int
    score_min: float | None = None
    score_max: float | None = None


@record(frozen=True, slots=True)
class SectionScore(Record):
    """A section's points as the findings allow them, beside its published figure."""

    id: str
    title: str
    score: float | None  # exact points; None for a range or when a published-only record does not give it
    max: float | None
    components: tuple[ComponentScore, ...] = ()
    score_min: float | None = None  # what the findings allow (None for a published-only record)
    score_max: float | None = None
    unknown: tuple[str, ...] = ()  # unknown criterion ids in the section
    unknown_points: float = 0.0
    published: float | None = None  # the publisher's figure for the section, if any
    implication: Implication | None = None  # what `published` says about `unknown`
    implied_min: float | None = None  # = calibrated_min (the name older views read)
    implied_max: float | None = None
    hypothesis_min: float | None = None  # under pic's own split (the framework file's points)
    hypothesis_max: float | None = None

    @property
    def calibrated_min(self) -> float | None:
        return self.implied_min

    @property
    def calibrated_max(self) -> float | None:
        return self.implied_max

    @property
    def exact(self) -> bool:
        return self.score_min is not None and self.score_max is not None and abs(self.score_max - self.score_min) <= _EPS


@record(frozen=True, slots=True)
class CalibrationUse(Record):
    """Which cards a score was calibrated on, and what that agreement rests on."""

    cards: tuple[str, ...]  # "mississippi 2019", in a fixed order
    own_card: bool  # the profile is itself one of the cards: agreement with it is by construction
    others: tuple[str, ...]  # the other cards: agreement with them is a check
    conflicts: tuple[str, ...]  # cards that cannot all hold together (messages)
    hypothesis_allowed: bool  # every card allows pic's own split
    pinned: int  # components whose split the cards pin
    narrowed: int
    free: int


@record(frozen=True, slots=True)
class Scorecard(Record):
    """A profile scored against its framework: figures as ranges, read beside the published ones."""

    framework: Framework
    profile: Profile
    basis: Basis
    score: float | None  # exact score; None when the findings leave a range (see score_min/score_max)
    grade: str | None  # the grade when the range falls in one grade band; else None (see grade_min/grade_max)
    sections: tuple[SectionScore, ...]
    unknown: tuple[str, ...]  # criterion ids answered unknown (or not answered)
    best_possible: float | None  # the score if every unknown turned out yes (= score_max)
    published_match: bool | None  # published figures fall within what the findings allow
    mismatches: tuple[str, ...]
    score_min: float | None = None
    score_max: float | None = None
    grade_min: str | None = None  # the grade of score_min (the worst the findings allow)
    grade_max: str | None = None  # the grade of score_max (the best)
    implied_min: float | None = None  # narrowed by the published figures that agree with the findings
    implied_max: float | None = None
    implied_grade_min: str | None = None
    implied_grade_max: str | None = None
    implications: tuple[Implication, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    implied_answers: dict[str, str] = field(default_factory=dict, compare=False)  # criterion -> "yes" | "no"
    earned: dict[str, Range] = field(default_factory=dict, compare=False)  # criterion -> points it earns
    losses: dict[str, Range] = field(default_factory=dict, compare=False)  # shared-loss member -> its loss
    # the findings under pic's own split, narrowed by the profile's own published figures
    # where they fit it (pic's point estimate)
    hypothesis_min: float | None = None
    hypothesis_max: float | None = None
    hypothesis_notes: tuple[str, ...] = ()  # published figures pic's own split cannot produce (no contradiction)
    calibration: CalibrationUse | None = None
    shares: dict[str, Range] = field(default_factory=dict, compare=False)  # criterion -> share the cards allow
    hypothesis_sections_off: tuple[str | None, ...] = ()  # where pic's own split cannot produce a published figure

    @property
    def max_score(self) -> float | None:
        return self.framework.max_score_for(self.profile.year)

    @property
    def calibrated_min(self) -> float | None:
        return self.implied_min

    @property
    def calibrated_max(self) -> float | None:
        return self.implied_max

    @property
    def exact(self) -> bool:
        """One figure: nothing unknown leaves the score open."""
        return self.score_min is not None and self.score_max is not None and abs(self.score_max - self.score_min) <= _EPS

    @property
    def unknown_points(self) -> float:
        return sum(self.framework.criteria[c].points for c in self.unknown if c in self.framework.criteria)


# -- the ledger: what each criterion earns ----------------------------------------------


@record(frozen=True, slots=True)
class _Group(Record):
    """A shared loss as scoring applies it."""

    loss: SharedLoss
    members: tuple[str, ...]
    whole: float  # the members' points together
    no: frozenset[str]  # members answered no: the ones that share the loss


def answer_of(findings: dict[str, Finding] | None, cid: str) -> str:
    f = findings.get(cid) if findings is not None else None
    return f.answer if f is not None else "unknown"


def _groups(framework: Framework, profile: Profile) -> list[_Group]:
    """The shared-loss groups that can be applied; shared_loss_problems names the others."""
    out: list[_Group] = []
    taken: set[str] = set()
    for loss in profile.shared_losses:
        members = tuple(loss.criteria)
        if (len(set(members)) != len(members) or any(m not in framework.criteria for m in members)
                or taken & set(members)):
            continue
        whole = _r(sum(framework.criteria[m].points for m in members))
        if not (0 < loss.points <= whole + _EPS):
            continue
        taken.update(members)
        no = frozenset(m for m in members if answer_of(profile.findings, m) == "no")
        out.append(_Group(loss, members, whole, no))
    return out


def applied_shared_losses(framework: Framework, profile: Profile) -> list[SharedLoss]:
    """The shared losses scoring applies (shared_loss_problems names why any other is not)."""
    return [g.loss for g in _groups(framework, profile)]


class _Ledger:
    """Points earned by any set of criteria, as a range, with shared losses applied.

    Each criterion's answer, and what it earns outside a shared loss (yes: its points;
    unknown: none to its points; no: none), are read once; `range` then only adds them up
    (scoring asks for ~150 ranges per profile)."""

    def __init__(self, framework: Framework, profile: Profile) -> None:
        self.framework = framework
        self.findings = profile.findings
        self.groups = _groups(framework, profile)
        self.group_of = {m: g for g in self.groups for m in g.no}
        findings = self.findings
        self.answers: dict[str, str] = {}
        self.points: dict[str, float] = {}
        self._lo: dict[str, float] = {}  # outside shared losses
        self._hi: dict[str, float] = {}
        for cid, crit in framework.criteria.items():
            f = findings.get(cid) if findings is not None else None
            a = f.answer if f is not None else "unknown"
            p = crit.points
            self.answers[cid] = a
            self.points[cid] = p
            self._lo[cid] = p if a == "yes" else 0.0
            self._hi[cid] = 0.0 if a == "no" else p

    def answer(self, cid: str) -> str:
        a = self.answers.get(cid)
        return a if a is not None else answer_of(self.findings, cid)

    def range(self, ids: Iterable[str]) -> Range:
        lo = hi = 0.0
        chosen = set(ids)
        lo_of, hi_of, group_of = self._lo, self._hi, self.group_of
        grouped = False
        for cid in chosen:
            if cid in group_of:
                grouped = True
                continue
            lo += lo_of[cid]
            hi += hi_of[cid]
        if grouped:
            points = self.points
            for g in self.groups:
                if not any(m in chosen for m in g.no):
                    continue
                part = sum(points[m] for m in g.no if m in chosen)
                loss_lo, loss_hi = share(g.loss.points, g.whole, part)
                lo += part - loss_hi
                hi += part - loss_lo
        return _r(lo), _r(hi)

    def earned(self, cid: str) -> Range:
        """range([cid])"""
        g = self.group_of.get(cid)
        if g is None:
            return _r(self._lo[cid]), _r(self._hi[cid])
        part = self.points[cid]
        loss_lo, loss_hi = share(g.loss.points, g.whole, part)
        return _r(part - loss_hi), _r(part - loss_lo)

    def loss(self, cid: str) -> Range | None:
        """A shared-loss member's own loss, or None for a criterion in no group."""
        g = self.group_of.get(cid)
        if g is None:
            return None
        return share(g.loss.points, g.whole, self.framework.criteria[cid].points)


def _subset_sums(points: list[float]) -> set[float] | None:
    sums = {0.0}
    for p in points:
        sums |= {_r(s + p) for s in sums}
        if len(sums) > _SUBSET_LIMIT:
            return None
    return sums


def _reachable(target: float, points: list[float]) -> bool:
    sums = _subset_sums(points)
    return sums is None or any(abs(s - target) <= 1e-6 for s in sums)


# -- scoring -------------------------------------------------------------------------------


def earned(criterion: Criterion, finding: Finding | None) -> float:
    """Points a criterion earns on its own answer (yes: all, otherwise none); shared losses
    and unknowns aside. Scorecard.earned gives the full picture as ranges."""
    return criterion.points if finding is not None and finding.answer == "yes" else 0.0


def _crit_ids(section: Section) -> list[str]:
    return [k.id for c in section.components for k in c.criteria]


def _exact(r: Range) -> float | None:
    return r[0] if abs(r[1] - r[0]) <= _EPS else None


def _read_figure(framework: Framework, ledger: _Ledger, label: str, section_id: str | None,
                 sections: tuple[str, ...], published: float, ids: list[str], figure_inferred: bool,
                 findings_word: str = "the findings") -> tuple[Implication | None, Contradiction | None]:
    """What a published figure for the criteria `ids` says, or how it contradicts them."""
    unknown = [c for c in ids if ledger.answer(c) == "unknown"]
    known = [c for c in ids if ledger.answer(c) != "unknown"]
    k_lo, k_hi = ledger.range(known)
    lo, hi = ledger.range(ids)
    y = _r(sum(framework.criteria[c].points for c in unknown))
    if published < lo - _EPS or published > hi + _EPS:
        if not unknown and abs(k_hi - k_lo) <= _EPS:
            msg = f"{label}: computed {_fmt(lo)}, published {_fmt(published)}"
        else:
            msg = f"{label}: published {_fmt(published)}, but {findings_word} allow only {fmt_range(lo, hi)}"
        contradiction = Contradiction(section_id, msg, "hypothesis")
        if not unknown:
            return None, contradiction
        return Implication(section_id, sections, published, k_lo, y, None, "contradiction", tuple(unknown),
                           figure_inferred, msg), contradiction
    if not unknown:
        return None, None
    if abs(k_hi - k_lo) > _EPS:
        return None, None  # a shared loss reaching outside the scope: the range check is all that holds
    x = _r(published - k_lo)
    pts = [framework.criteria[c].points for c in unknown]
    names = ", ".join(unknown)
    if not _reachable(x, pts):
        msg = (f"{label}: published {_fmt(published)} cannot come out of {findings_word}: the known findings earn "
               f"{_fmt(k_lo)}, and no set of the unknown criteria ({names}) adds exactly {_fmt(x)}")
        contradiction = Contradiction(section_id, msg, "hypothesis")
        return Implication(section_id, sections, published, k_lo, y, None, "contradiction", tuple(unknown),
                           figure_inferred, msg), contradiction
    scope = label
    if abs(x - y) <= _EPS:
        status: ImpliedStatus = "all-met"
        msg = (f"{scope}: {_fmt(published)} published and the known findings earn {_fmt(k_lo)}, "
               f"so every unknown criterion there is implied met ({names})")
    elif abs(x) <= _EPS:
        status = "none-met"
        msg = (f"{scope}: {_fmt(published)} published and the known findings already earn {_fmt(k_lo)}, "
               f"so every unknown criterion there is implied not met ({names})")
    else:
        status = "partial"
        msg = (f"{scope}: {_fmt(published)} published and the known findings earn {_fmt(k_lo)}, "
               f"so {_fmt(x)} of the {_fmt(y)} unknown points are implied met (which criteria is not known)")
    if figure_inferred:
        msg += "; the published figure is itself inferred"
    return Implication(section_id, sections, published, k_lo, y, x, status, tuple(unknown), figure_inferred,
                       msg), None


def _grade_band(framework: Framework, grade: str) -> Range | None:
    """The scores a grade covers: [its minimum, the next grade's minimum)."""
    scale = framework.grade_scale
    for i, band in enumerate(scale):
        if band.grade == grade:
            upper = scale[i - 1].min if i > 0 else float("inf")
            return band.min, upper
    return None


def score_profile(framework: Framework, profile: Profile, calibration: Calibration | None = None) -> Scorecard:
    """Score a profile: over every split of the components' points (the findings alone),
    over the splits every card on record allows (calibrated: the figures pic reports), and
    under pic's own split (the hypothesis, a labelled point estimate)."""
    if profile.findings is None:
        return _score_published(framework, profile)
    hyp = _score_hypothesis(framework, profile)
    if not framework.has_criteria:
        return hyp
    from pic.core import calibrate as cb

    cal = calibration if calibration is not None else cb.for_profile(framework, profile)
    year = profile.year
    answers = cb.answers_of(profile)
    secs = [(sec.id, tuple(cal.index[c.id] for c in sec.components
                           if c.id in cal.index and framework.component_in(c.id, year)))
            for sec in framework.sections]
    tied = cal.card_index(profile)
    step = float(cal.step)
    any_secs, any_total = cal.ranges(answers, secs, calibrated=False)
    cal_secs, cal_total = cal.ranges(answers, secs, calibrated=True, tied=tied)

    def pts(n: int) -> float:
        return _r(n * step)

    sections = []
    for sec in hyp.sections:
        a = any_secs.get(sec.id)
        c = cal_secs.get(sec.id)
        a_lo, a_hi = (pts(a.lo), pts(a.hi)) if a is not None else (0.0, 0.0)
        c_lo, c_hi = (pts(c.lo), pts(c.hi)) if c is not None else (0.0, 0.0)
        sections.append(replace(
            sec, score=_exact((c_lo, c_hi)), max=framework.section_max_for(sec.id, year),
            score_min=a_lo, score_max=a_hi, implied_min=c_lo, implied_max=c_hi,
            hypothesis_min=sec.implied_min, hypothesis_max=sec.implied_max))
    lo, hi = pts(any_total.lo), pts(any_total.hi)
    c_lo, c_hi = pts(cal_total.lo), pts(cal_total.hi)
    pub = profile.published
    contradictions: list[Contradiction] = []
    if tied is not None:
        for problem in cal.card_problems:
            if problem.card == tied:
                sid = problem.figure.sections[0] if len(problem.figure.sections) == 1 else None
                contradictions.append(Contradiction(sid, problem.message, "section" if sid else "score"))
    else:
        own = cb.calibrate(framework, [profile]) if pub is not None else None
        for problem in (own.card_problems if own is not None else ()):
            sid = problem.figure.sections[0] if len(problem.figure.sections) == 1 else None
            contradictions.append(Contradiction(sid, problem.message, "section" if sid else "score"))
    contradictions.extend(c for c in hyp.contradictions if c.kind in ("sum", "grade-scale"))
    if pub is not None and pub.grade is not None and pub.score is not None and framework.grade_scale:
        on_scale = framework.grade_for(pub.score)
        if on_scale is not None and framework.grade_rank(pub.grade) != framework.grade_rank(on_scale):
            contradictions.append(Contradiction(
                None, f"a published score of {_fmt(pub.score)} earns {on_scale} on the framework's scale, "
                      f"but the published grade is {pub.grade}", "grade-scale"))
    if pub is not None and pub.grade is not None and pub.score is None and framework.grade_scale:
        band = _grade_band(framework, pub.grade)
        if band is not None and not (band[0] <= c_hi + _EPS and c_lo < band[1] - _EPS):
            contradictions.append(Contradiction(
                None, f"published grade {pub.grade}, but the cards allow only {fmt_range(c_lo, c_hi)} points, "
                      f"grades {framework.grade_for(c_lo)} to {framework.grade_for(c_hi)}", "grade"))
    nothing_published = pub is None or (pub.score is None and pub.grade is None and not pub.sections)
    comp_ids = [c.id for c in cal.comps]
    statuses = [cal.status(cid) for cid in comp_ids]
    names = tuple(f"{c.jurisdiction} {c.year}" for c in cal.cards)
    own_name = f"{profile.jurisdiction} {profile.year}"
    use = CalibrationUse(
        cards=names, own_card=tied is not None,
        others=tuple(n for i, n in enumerate(names) if i != tied),
        conflicts=tuple(k.message for k in cal.conflicts),
        hypothesis_allowed=all(cal.hypothesis_allowed(cid) for cid in comp_ids),
        pinned=statuses.count("pinned"), narrowed=statuses.count("narrowed"), free=statuses.count("free"))
    del own_name
    shares = {}
    for cid in framework.criteria:
        if framework.criteria[cid].component_id in cal.index:
            b = cal.share_bounds(cid)
            shares[cid] = (pts(b.lo), pts(b.hi))
    hyp_notes = tuple(c.message for c in hyp.contradictions if c.kind not in ("sum", "grade-scale"))
    grade = framework.grade_for(c_lo) if framework.grade_for(c_lo) == framework.grade_for(c_hi) else None
    return replace(
        hyp, score=_exact((c_lo, c_hi)),
        grade=grade,
        sections=tuple(sections), best_possible=c_hi,
        published_match=None if nothing_published else not contradictions,
        mismatches=tuple(c.message for c in contradictions),
        score_min=lo, score_max=hi, grade_min=framework.grade_for(lo), grade_max=framework.grade_for(hi),
        implied_min=c_lo, implied_max=c_hi,
        implied_grade_min=framework.grade_for(c_lo), implied_grade_max=framework.grade_for(c_hi),
        contradictions=tuple(contradictions),
        hypothesis_min=hyp.implied_min, hypothesis_max=hyp.implied_max, hypothesis_notes=hyp_notes,
        calibration=use, shares=shares,
        hypothesis_sections_off=tuple(c.section_id for c in hyp.contradictions if c.kind == "hypothesis"))


def _score_hypothesis(framework: Framework, profile: Profile) -> Scorecard:
    """The findings under pic's own split (the framework file's points), with the published
    figures read beside them as before calibration: pic's point estimate."""
    ledger = _Ledger(framework, profile)
    pub = profile.published
    given = pub.sections if pub is not None else {}
    sections_inferred = pub is not None and pub.is_inferred("sections")
    unknown: list[str] = []
    sections: list[SectionScore] = []
    implications: list[Implication] = []
    section_checks: list[Contradiction] = []
    implied_lo = implied_hi = 0.0
    for section in framework.sections:
        comps = []
        for comp in section.components:
            ids = [k.id for k in comp.criteria]
            c_lo, c_hi = ledger.range(ids)
            n_unknown = sum(1 for c in ids if ledger.answer(c) == "unknown")
            comps.append(ComponentScore(comp, _exact((c_lo, c_hi)), n_unknown, c_lo, c_hi))
        ids = _crit_ids(section)
        s_unknown = tuple(c for c in ids if ledger.answer(c) == "unknown")
        unknown.extend(s_unknown)
        lo, hi = ledger.range(ids)
        published = given.get(section.id)
        implication = None
        i_lo, i_hi = lo, hi
        if published is not None:
            implication, contradiction = _read_figure(framework, ledger, f"section {section.id}", section.id,
                                                      (section.id,), published, ids, sections_inferred)
            if contradiction is not None:
                section_checks.append(contradiction)
            else:
                i_lo = i_hi = published
            if implication is not None:
                implications.append(implication)
        implied_lo += i_lo
        implied_hi += i_hi
        sections.append(SectionScore(
            section.id, section.title, _exact((lo, hi)), section.max, tuple(comps), lo, hi, s_unknown,
            _r(sum(framework.criteria[c].points for c in s_unknown)), published, implication, i_lo, i_hi))
    all_ids = list(framework.criteria)
    total_lo, total_hi = ledger.range(all_ids)
    contradictions: list[Contradiction] = []
    exact = abs(total_hi - total_lo) <= _EPS
    # The total: the findings against the published score.
    if pub is not None and pub.score is not None and (pub.score < total_lo - _EPS or pub.score > total_hi + _EPS):
        msg = (f"computed score {_fmt(total_lo)}, published {_fmt(pub.score)}" if exact else
               f"published score {_fmt(pub.score)}, but the findings allow only {fmt_range(total_lo, total_hi)}")
        contradictions.append(Contradiction(None, msg, "hypothesis"))
    grade_lo, grade_hi = framework.grade_for(total_lo), framework.grade_for(total_hi)
    if pub is not None and pub.grade is not None and framework.grade_scale:
        band = _grade_band(framework, pub.grade)
        fits = band is not None and band[0] <= total_hi + _EPS and total_lo < band[1] - _EPS
        if band is not None and not fits:
            if exact:
                msg = f"computed grade {grade_lo}, published {pub.grade}"
            else:
                msg = (f"published grade {pub.grade}, but the findings allow only {fmt_range(total_lo, total_hi)} "
                       f"points, grades {grade_lo} to {grade_hi}")
            contradictions.append(Contradiction(None, msg, "hypothesis-grade"))
    contradictions.extend(section_checks)
    # The sections without a published score, read from the published total.
    unpublished = [s for s in framework.sections if s.id not in given]
    if pub is not None and pub.score is not None and given:
        rest = _r(pub.score - sum(given.values()))
        if not unpublished:
            if abs(rest) > _EPS:
                contradictions.append(Contradiction(None, f"the published sections add up to "
                                                          f"{_fmt(sum(given.values()))}, but the published score is "
                                                          f"{_fmt(pub.score)}", "sum"))
        else:
            label = "section" if len(unpublished) == 1 else "sections"
            names = ", ".join(s.id for s in unpublished)
            rest_ids = [c for s in unpublished for c in _crit_ids(s)]
            implication, contradiction = _read_figure(
                framework, ledger, f"{label} {names} (the published score less the published sections)", None,
                tuple(s.id for s in unpublished), rest, rest_ids,
                sections_inferred or pub.is_inferred("score"))
            if implication is not None:
                implications.append(implication)
            if contradiction is not None:
                contradictions.append(contradiction)
            elif not any(c.section_id is not None for c in section_checks):
                # Replace the unpublished sections' own ranges by what the published total leaves them.
                r_lo = sum(s.implied_min or 0.0 for s in sections if s.id not in given)
                r_hi = sum(s.implied_max or 0.0 for s in sections if s.id not in given)
                implied_lo += rest - r_lo
                implied_hi += rest - r_hi
    implied_lo, implied_hi = _r(max(implied_lo, total_lo)), _r(min(implied_hi, total_hi))
    if pub is not None and pub.score is not None and not contradictions:
        implied_lo, implied_hi = max(implied_lo, pub.score), min(implied_hi, pub.score)
    if implied_lo > implied_hi + _EPS:  # published figures that disagree among themselves: keep the findings
        implied_lo, implied_hi = total_lo, total_hi
    implied_answers: dict[str, str] = {}
    for imp in implications:
        for cid in imp.implied_met:
            implied_answers[cid] = "yes"
        for cid in imp.implied_not_met:
            implied_answers[cid] = "no"
    nothing_published = pub is None or (pub.score is None and pub.grade is None and not pub.sections)
    earned_ranges = {cid: ledger.earned(cid) for cid in all_ids}
    losses = {cid: r for cid in all_ids if (r := ledger.loss(cid)) is not None}
    return Scorecard(
        framework, profile, "findings",
        score=total_lo if exact else None,
        grade=grade_lo if grade_lo == grade_hi else None,
        sections=tuple(sections),
        unknown=tuple(unknown),
        best_possible=total_hi,
        published_match=None if nothing_published else not contradictions,
        mismatches=tuple(c.message for c in contradictions),
        score_min=total_lo, score_max=total_hi, grade_min=grade_lo, grade_max=grade_hi,
        implied_min=implied_lo, implied_max=implied_hi,
        implied_grade_min=framework.grade_for(implied_lo), implied_grade_max=framework.grade_for(implied_hi),
        implications=tuple(implications), contradictions=tuple(contradictions),
        implied_answers=implied_answers, earned=earned_ranges, losses=losses,
    )


def _score_published(framework: Framework, profile: Profile) -> Scorecard:
    pub = profile.published
    given = pub.sections if pub else {}
    sections = tuple(SectionScore(s.id, s.title, given.get(s.id), framework.section_max_for(s.id, profile.year),
                                  score_min=given.get(s.id),
                                  score_max=given.get(s.id), published=given.get(s.id),
                                  implied_min=given.get(s.id), implied_max=given.get(s.id))
                     for s in framework.sections)
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
    return Scorecard(framework, profile, "published", score, grade, sections, (), None, match, tuple(mismatches),
                     score_min=score, score_max=score, grade_min=grade, grade_max=grade,
                     implied_min=score, implied_max=score, implied_grade_min=grade, implied_grade_max=grade)


def score_hypothesis(framework: Framework, profile: Profile) -> Scorecard:
    """pic's point estimate: the profile under the framework file's own split, with its
    published figures read beside it. Not what pic reports as the score (score_profile)."""
    if profile.findings is None:
        return _score_published(framework, profile)
    return _score_hypothesis(framework, profile)


def hypothesis_contradictions(framework: Framework, profile: Profile) -> list[Contradiction]:
    """Published figures pic's own split cannot produce from the findings: notes on the
    hypothesis, not contradictions of the card (see contradictions)."""
    if profile.findings is None:
        return []
    return list(_score_hypothesis(framework, profile).contradictions)


def contradictions(framework: Framework, profile: Profile) -> list[Contradiction]:
    """Published figures that a profile's findings cannot produce: a section score outside
    the range the findings allow (or that no set of its unknown criteria adds up to), the
    total, the grade, or published sections that do not add up to the published score.
    Empty for a published-only record (nothing to contradict)."""
    if profile.findings is None:
        return []
    return list(score_profile(framework, profile).contradictions)


def contradiction_key(c: Contradiction) -> tuple[str, ...]:
    """Where in the profile a contradiction points: the published section, grade or score."""
    if c.section_id is not None:
        return ("published", "sections", c.section_id)
    if c.kind in ("grade", "grade-scale", "hypothesis-grade"):
        return ("published", "grade")
    return ("published", "score")


def shared_loss_problems(framework: Framework, profile: Profile) -> list[tuple[int, str]]:
    """What is wrong with each `shared_losses` group: (index of the group, message)."""
    out: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for i, loss in enumerate(profile.shared_losses):
        members = list(loss.criteria)
        if len(set(members)) != len(members):
            out.append((i, "a criterion is listed twice in the group"))
        missing = [m for m in members if m not in framework.criteria]
        for m in missing:
            out.append((i, f"'{m}' is not a criterion of the {framework.id} framework"))
        for m in dict.fromkeys(members):
            if m in seen:
                out.append((i, f"criterion {m} is already in shared loss {seen[m] + 1}; a criterion can share one loss only"))
            else:
                seen[m] = i
        known = [m for m in dict.fromkeys(members) if m in framework.criteria]
        for m in known:
            answer = answer_of(profile.findings, m)
            if answer != "no":
                out.append((i, f"criterion {m} is answered {answer}; only criteria answered no can share a loss"))
        section_ids = {framework.criteria[m].section_id for m in known}
        if len(section_ids) > 1:
            out.append((i, f"the criteria are in different sections ({', '.join(sorted(section_ids))}); "
                           "a shared loss is read from one published section total"))
        whole = sum(framework.criteria[m].points for m in known)
        if known and not missing and loss.points >= whole - _EPS:
            out.append((i, f"{_fmt(loss.points)} points is not less than the {_fmt(whole)} the criteria are worth "
                           "together, so nothing is shared: record them as plain gaps"))
    return out


# -- gaps -------------------------------------------------------------------------------------


@record(frozen=True, slots=True)
class Gap(Record):
    """A criterion the profile does not (or may not) meet.

    kind "known": answered no. "implied": unknown, but the published totals imply it is
    not met. "unknown": unknown and not settled (`implied` says "met" when the published
    totals imply it is met, so it is no gap under that reading).
    Points at stake are a range: exact for a plain gap, the member's share for a shared
    loss, none to all for an unknown.
    """

    criterion: Criterion
    component: Component
    section: Section
    answer: str  # "no" or "unknown"
    finding: Finding | None
    kind: GapKind = "known"
    points_min: float | None = None  # None: the criterion's points
    points_max: float | None = None
    shared: SharedLoss | None = None  # the shared loss this gap's points come from
    implied: Literal["met", "not-met"] | None = None  # what published totals imply about an unknown
    findings_min: float | None = None  # at stake over every split (the findings alone)
    findings_max: float | None = None
    hypothesis_min: float | None = None  # at stake under pic's own split
    hypothesis_max: float | None = None
    cards: tuple[str, ...] = ()  # the cards that narrow this criterion's share

    @property
    def low(self) -> float:
        return self.criterion.points if self.points_min is None else self.points_min

    @property
    def high(self) -> float:
        return self.criterion.points if self.points_max is None else self.points_max

    @property
    def points(self) -> float:
        """The most this gap can cost (its points when exact). Do not add these up across a
        shared loss: use points_at_stake()."""
        return self.high

    @property
    def exact(self) -> bool:
        return abs(self.high - self.low) <= _EPS

    @property
    def basis(self) -> str | None:
        """What the gap rests on: card | statute | published-total | shared-loss; None for an unknown."""
        if self.shared is not None:
            return "shared-loss"
        if self.kind == "implied":
            return "published-total"
        if self.kind == "unknown":
            return None
        return self.finding.basis if self.finding is not None else None

    @property
    def inferred(self) -> bool:
        """The gap, or its points, rests on a published total rather than on what the card says."""
        return self.basis in ("published-total", "shared-loss")

    @property
    def points_basis(self) -> str:
        """Whose the points at stake are: `component` (the criterion is its component's only
        one, so it carries the component's whole weight), `cards` (the cards on record pin
        or narrow its share), or `open` (nothing narrows the share: none to all of the
        component's weight)."""
        if len(self.component.criteria) == 1 and self.answer == "no" and self.shared is None:
            return "component"
        f_lo = self.findings_min if self.findings_min is not None else self.low
        f_hi = self.findings_max if self.findings_max is not None else self.high
        if self.low > f_lo + _EPS or self.high < f_hi - _EPS:
            return "cards"
        return "open"


def _placed(framework: Framework) -> list[tuple[Section, Component, Criterion]]:
    return [(s, c, k) for s in framework.sections for c in s.components for k in c.criteria]


def _gaps(framework: Framework, profile: Profile, card: Scorecard) -> list[Gap]:
    """Each gap's points at stake: over the splits the cards allow (what gaps report and sort
    by), over every split (findings alone), and under pic's own split (the hypothesis)."""
    if profile.findings is None:
        return []
    ledger = _Ledger(framework, profile)
    use = card.calibration
    out = []
    for section, comp, crit in _placed(framework):
        if not framework.component_in(comp.id, profile.year):
            continue
        finding = profile.findings.get(crit.id)
        answer = finding.answer if finding is not None else "unknown"
        if answer == "yes" and not (finding is not None and finding.basis == "published-total"):
            continue
        if answer == "yes":
            answer = "unknown"  # an answer that rests only on a published total is not a finding
        whole = comp.max
        share = card.shares.get(crit.id, (crit.points, crit.points))
        group = ledger.group_of.get(crit.id)
        single = len(comp.criteria) == 1
        cards = use.cards if use is not None and (share[0] > _EPS or share[1] < whole - _EPS) else ()
        if answer == "no":
            loss = ledger.loss(crit.id)
            h_lo, h_hi = loss if loss is not None else (crit.points, crit.points)
            if group is None:
                c_lo, c_hi = share
                f_lo, f_hi = (whole, whole) if single else (0.0, whole)
            else:  # a weakness the published total shows cost less than its whole share
                c_lo, c_hi = 0.0, share[1]
                f_lo, f_hi = 0.0, whole
            out.append(Gap(crit, comp, section, "no", finding, "known", c_lo, c_hi, group.loss if group else None,
                           None, f_lo, f_hi, h_lo, h_hi, cards))
            continue
        implied = card.implied_answers.get(crit.id)
        kind: GapKind = "implied" if implied == "no" else "unknown"
        h = (crit.points, crit.points) if implied == "no" else (0.0, crit.points)
        out.append(Gap(crit, comp, section, "unknown", finding, kind, 0.0, share[1],
                       implied="not-met" if implied == "no" else ("met" if implied == "yes" else None),
                       findings_min=0.0, findings_max=whole, hypothesis_min=h[0], hypothesis_max=h[1],
                       cards=cards))
    return out


def _biggest_first(gaps: Iterable[Gap]) -> list[Gap]:
    # over the splits the cards allow, then pic's own split; sorted() is stable, so equal
    # points stay in framework order
    return sorted(gaps, key=lambda g: (-g.high, -g.low, -(g.hypothesis_max or 0.0), -(g.hypothesis_min or 0.0)))


def find_gaps(framework: Framework, profile: Profile) -> list[Gap]:
    """Every criterion not known to be met (answered no or unknown), biggest first; ties
    keep the framework's order. gap_report() sorts them into known, implied and unknown."""
    if profile.findings is None:
        return []
    return _biggest_first(_gaps(framework, profile, score_profile(framework, profile)))


def points_at_stake(gaps: Iterable[Gap]) -> Range:
    """What a set of gaps costs together, as a range: a shared loss whose members are all
    in the set counts its exact points once, not its members' ranges added up."""
    lo = hi = 0.0
    groups: dict[int, tuple[SharedLoss, list[Gap]]] = {}
    for g in gaps:
        if g.shared is not None:
            groups.setdefault(id(g.shared), (g.shared, []))[1].append(g)
        else:
            lo += g.low
            hi += g.high
    for loss, members in groups.values():
        whole = sum(m.criterion.points for m in members)
        everyone = {m.criterion.id for m in members} >= set(loss.criteria)
        if everyone:
            lo += loss.points
            hi += loss.points
        else:
            # Only part of the group: its members' own ranges, capped by the group's loss.
            lo += max(sum(m.low for m in members), 0.0)
            hi += min(sum(m.high for m in members), loss.points, whole)
    return _r(lo), _r(hi)


@record(frozen=True, slots=True)
class GapReport(Record):
    """A profile's gaps, known apart from inferred apart from unknown; biggest first."""

    card: Scorecard
    known: tuple[Gap, ...]  # answered no (a shared-loss member's points are a range)
    implied: tuple[Gap, ...]  # unknown; the published totals imply not met (an inference)
    unknown: tuple[Gap, ...]  # unknown and not settled by any published total; at stake 0..points
    implied_met: tuple[Gap, ...]  # unknown; the published totals imply met: no gap under that reading
    shared_losses: tuple[SharedLoss, ...]
    points_min: float  # at stake by the findings alone (criteria's points less the score range)
    points_max: float
    implied_points_min: float  # at stake once the published totals are read in
    implied_points_max: float

    @property
    def complete(self) -> bool:
        return not (self.implied or self.unknown or self.implied_met)


def gap_report(framework: Framework, profile: Profile) -> GapReport | None:
    """None for a published-only record: no findings is not "no gaps"."""
    if profile.findings is None:
        return None
    card = score_profile(framework, profile)
    gaps = _biggest_first(_gaps(framework, profile, card))
    whole = framework.max_score_for(profile.year)
    if whole is None:
        whole = _r(sum(c.max for c in framework.components.values() if framework.component_in(c.id, profile.year)))
    whole = _r(whole - framework.extra_credit)
    assert card.score_min is not None and card.score_max is not None
    assert card.implied_min is not None and card.implied_max is not None
    return GapReport(
        card,
        tuple(g for g in gaps if g.kind == "known"),
        tuple(g for g in gaps if g.kind == "implied"),
        tuple(g for g in gaps if g.kind == "unknown" and g.implied != "met"),
        tuple(g for g in gaps if g.kind == "unknown" and g.implied == "met"),
        tuple(profile.shared_losses),
        _r(whole - card.score_max), _r(whole - card.score_min),
        _r(whole - card.implied_max), _r(whole - card.implied_min),
    )
