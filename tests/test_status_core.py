"""How complete a profile is, per section: answered, implied by published totals, unknown."""

from __future__ import annotations

import dataclasses

from pic.core.model import Published
from pic.core.status import profile_status
from test_ranges import TOY, make


def test_a_new_profile_is_all_unknown_and_nothing_implied():
    status = profile_status(TOY, make("uuuuuu"))
    assert status.has_findings and not status.complete
    assert (status.criteria, status.answered, status.implied, status.unknown) == (6, 0, 0, 6)
    assert (status.points_answered, status.points_implied, status.points_unknown) == (0, 0, 10)
    s1, s2 = status.sections
    assert (s1.criteria, s1.unknown, s1.points, s1.points_unknown) == (3, 3, 5, 5)


def test_answers_by_basis_and_what_a_published_section_settles():
    # Section 1: a yes (card), b and c unknown, published 5: both implied met.
    # Section 2: 2.1.a no (statute), 2.1.b yes (statute), 2.2.a unknown, nothing published.
    profile = make("yuunyu", Published(sections={"1": 5}))
    findings = dict(profile.findings)
    for cid in ("2.1.a", "2.1.b"):
        findings[cid] = dataclasses.replace(findings[cid], basis="statute")
    profile = dataclasses.replace(profile, findings=findings)
    status = profile_status(TOY, profile)
    s1, s2 = status.sections
    assert (s1.yes, s1.no, s1.implied_met, s1.implied_not_met, s1.unknown) == (1, 0, 2, 0, 0)
    assert (s1.points_answered, s1.points_implied, s1.points_unknown) == (1, 4, 0)
    assert s1.by_basis == {"card": 1} and s1.implication.status == "all-met"
    assert not s1.complete  # implied is not answered
    assert (s2.yes, s2.no, s2.implied, s2.unknown) == (1, 1, 0, 1)
    assert s2.by_basis == {"statute": 2} and s2.implication is None
    assert (status.answered, status.implied, status.unknown) == (3, 2, 1)


def test_a_section_total_that_says_how_many_but_not_which():
    status = profile_status(TOY, make("yuuyyy", Published(sections={"1": 3.5})))
    s1 = status.sections[0]
    assert s1.unknown == 2 and s1.implied == 0
    assert s1.partial is not None and (s1.partial.met_points, s1.partial.unknown_points) == (2.5, 4)


def test_a_published_only_record_counts_everything_unknown_but_reads_its_totals():
    profile = dataclasses.replace(make("yyyyyy"), findings=None, published=Published(score=6, sections={"2": 5}))
    status = profile_status(TOY, profile)
    assert not status.has_findings and not status.complete
    s1, s2 = status.sections
    assert (s1.answered, s1.unknown) == (0, 3)
    assert (s2.answered, s2.implied_met, s2.unknown) == (0, 3, 0)
    # The published total leaves section 1 one point: 1 of its 5 unknown points.
    assert status.rest is not None and status.rest.status == "partial" and status.rest.met_points == 1


def test_a_complete_profile_is_complete():
    status = profile_status(TOY, make("ynyyny"))
    assert status.complete and status.answered == 6 and status.unknown == 0
    assert status.card.hypothesis_min == status.card.hypothesis_max == 7  # under pic's split: 1 + 2.5 + 1 + 2.5
