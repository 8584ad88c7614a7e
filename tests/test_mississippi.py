"""The reference case: Mississippi 2019, scored from its findings, is the published card."""

from __future__ import annotations

import json

from pic.core.score import find_gaps, score_profile

PUBLISHED_SECTIONS = {"1": 10, "2": 24.5, "3": 15, "4": 7.5, "5": 21.5, "6": 12.5}
SECTION_MAX = {"1": 10, "2": 25, "3": 15, "4": 10, "5": 27.5, "6": 15}


def test_json_card_reproduces_the_published_card(pic):
    result = pic("score", "mississippi", "--year", "2019", "--format", "json")
    assert result.exit_code == 0, result.output
    card = json.loads(result.stdout)
    assert card["score"] == 91
    assert card["grade"] == "A"
    assert card["max_score"] == 102.5
    assert card["basis"] == "findings"
    assert card["published_match"] is True
    assert card["mismatches"] == []
    assert {s["id"]: s["score"] for s in card["sections"]} == PUBLISHED_SECTIONS
    assert {s["id"]: s["max"] for s in card["sections"]} == SECTION_MAX
    assert card["jurisdiction"] == "mississippi" and card["name"] == "Mississippi"
    assert card["year"] == 2019 and card["framework"] == "pic"
    assert card["schema_version"]


def test_default_year_is_the_newest_edition_with_findings(pic):
    card = json.loads(pic("score", "mississippi", "--format", "json").stdout)
    assert card["year"] == 2019 and card["basis"] == "findings"


def test_scores_come_from_findings_not_from_published_figures(tree):
    """Principle 2: drop the published block and the computed card is unchanged."""
    import dataclasses

    profile = tree.profile(tree.profile_path("mississippi", 2019))
    framework = tree.framework("pic")
    bare = dataclasses.replace(profile, published=None)
    card = score_profile(framework, bare)
    assert card.score == 91 and card.grade == "A"
    assert card.published_match is None


def test_gaps_add_up_to_the_lost_points(pic, tree):
    result = pic("gaps", "mississippi", "--year", "2019", "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    gaps = report["gaps"]
    assert sum(g["points"] for g in gaps) == 11.5 == report["points_at_stake"]
    points = [g["points"] for g in gaps]
    assert points == sorted(points, reverse=True)
    labels = {g["label"] for g in gaps}
    assert "no wiretap authority" in labels
    assert "no vacatur for minors" in labels
    assert not [g for g in gaps if g["section"] in ("1", "3")]
    wiretap = next(g for g in gaps if g["label"] == "no wiretap authority")
    assert wiretap["component"] == "6.3"
    vacatur = next(g for g in gaps if g["label"] == "no vacatur for minors")
    assert vacatur["component"] == "5.9"
    assert all(g["recommendation"] and (g["citations"] or g["note"]) for g in gaps)


def test_gaps_per_section_match_the_published_losses(tree):
    profile = tree.profile(tree.profile_path("mississippi", 2019))
    framework = tree.framework("pic")
    lost: dict[str, float] = {}
    for g in find_gaps(framework, profile):
        lost[g.section.id] = lost.get(g.section.id, 0) + g.points
    assert lost == {sid: SECTION_MAX[sid] - PUBLISHED_SECTIONS[sid] for sid in SECTION_MAX if SECTION_MAX[sid] != PUBLISHED_SECTIONS[sid]}


def test_every_criterion_is_answered_with_a_citation_or_note(tree):
    profile = tree.profile(tree.profile_path("mississippi", 2019))
    framework = tree.framework("pic")
    assert set(profile.findings) == set(framework.criteria)
    for cid, finding in profile.findings.items():
        assert finding.answer in ("yes", "no"), cid
        assert finding.citations or finding.note, cid
    assert profile.reading, "the profile explains how the lost points were read out of the card"
    assert profile.source.title


def test_table_card_names_state_year_framework_and_grade(pic):
    result = pic("score", "MS", "--year", "2019")
    assert result.exit_code == 0
    out = result.stdout
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert lines[0].split() == ["Mississippi", "2019", "Protected", "Innocence", "Challenge"]
    total = next(line for line in lines if line.strip().startswith("Total"))
    assert total.split() == ["Total", "91", "102.5"]
    assert any(line.startswith("Grade") and " A " in line for line in lines)
    assert any(line.startswith("Published: 91, A") and "matches" in line for line in lines)
    assert any(line.startswith("Source:") for line in lines)
