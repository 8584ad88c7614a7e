"""History, rankings and diffs across editions and frameworks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ms_2019_text
from pic.core.load import build_framework
from pic.core.model import Profile, Published, Source
from pic.core.score import score_profile


def test_history_of_mississippi(pic):
    result = pic("history", "mississippi", "--format", "json")
    assert result.exit_code == 0
    eds = json.loads(result.stdout)["editions"]
    # 2011 has findings read from news reports of the card that leave its grade open: its grade
    # is the publisher's D, shown apart as published
    got = {e["year"]: e["grade"] or e.get("published_grade") for e in eds}
    assert {e["year"]: e["grade"] for e in eds}[2011] is None
    assert got == {2011: "D", 2013: "B", 2014: "B", 2015: "B", 2016: "B", 2017: "B", 2018: "B", 2019: "A",
                   2021: "D", 2022: "D", 2023: "D", 2025: "D"}
    by_year = {e["year"]: e for e in eds}
    assert (by_year[2019]["score"], by_year[2019]["basis"]) == (91, "findings")
    assert by_year[2025]["score"] == 66
    assert [e["year"] for e in eds if e["framework_changed"]] == [2021, 2025]
    assert [e["year"] for e in eds] == sorted(e["year"] for e in eds)


def test_history_table_marks_framework_changes(pic):
    out = pic("history", "ms").stdout
    assert out.count("new framework") == 2
    assert "91 / 102.5" in out
    # The Just Like Me maximum is not published: the score stands alone, never "of 100".
    assert re.search(r"2025\s+Just Like Me\s+66\s+D", out) and "66 / " not in out


def test_diff_2019_2023_is_flagged_as_not_comparable(pic):
    result = pic("diff", "2019", "2023", "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["comparable"] is False
    assert "different frameworks" in report["warning"]
    # the 20 jurisdictions with both a 2019 and a 2023 edition on record (Alabama 2019, 94.5 A,
    # came with the corrected research table; Kentucky, Maryland, Missouri, North Carolina,
    # South Carolina and Wisconsin 2019 with version 3 of it)
    assert sorted(s["jurisdiction"] for s in report["states"]) == [
        "alabama", "colorado", "georgia", "kansas", "kentucky", "maine", "maryland", "mississippi", "missouri",
        "montana", "nebraska", "nevada", "north-carolina", "ohio", "south-carolina", "south-dakota", "tennessee",
        "utah", "washington", "wisconsin"]
    assert report["only_in_a"] == []
    ms = next(s for s in report["states"] if s["jurisdiction"] == "mississippi")
    assert (ms["before"]["grade"], ms["after"]["grade"]) == ("A", "D")
    assert ms["comparable"] is False and ms["score_change"] is None
    # unknown, not none: across frameworks the gap lists do not line up
    assert ms["criteria_changed"] is None and ms["gaps_closed"] is None and ms["gaps_opened"] is None
    assert all(s["grade_steps"] is None for s in report["states"])  # no steps across frameworks
    table = pic("diff", "2019", "2023").stdout
    assert "different frameworks" in table
    assert re.search(r"Mississippi\s+91\s+—\s+—\s+A → D", table)


def test_diff_with_state_filter_and_exit_code(pic):
    result = pic("diff", "2019", "2023", "mississippi", "--format", "json", "--exit-code")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [s["jurisdiction"] for s in report["states"]] == ["mississippi"]
    same = pic("diff", "2019", "2019", "mississippi", "--exit-code")
    assert same.exit_code == 0
    assert "No differences" in same.stdout


def _wiretap_copy(tmp_path: Path) -> Path:
    """Mississippi 2019 with both section-6 weaknesses fixed (wiretaps, online investigations):
    their shared loss goes, and so do the published figures, which no longer apply."""
    text = ms_2019_text()
    out = re.sub(r"(\n  6\.[35]\.a:\n    answer:) no", r"\1 yes", text)
    assert out.count("answer: yes") == text.count("answer: yes") + 2
    out, n = re.subn(r"^  - criteria: \[\"6\.3\.a\", \"6\.5\.a\"\]\n(    .*\n)+", "", out, flags=re.MULTILINE)
    assert n == 1
    out, n = re.subn(r"^published:\n(  .*\n)+", "", out, flags=re.MULTILINE)
    assert n == 1
    path = tmp_path / "ms-with-wiretap.yaml"
    path.write_text(out, encoding="utf-8")
    return path


def test_diff_against_a_copy_with_wiretap_authority(pic, tree, tmp_path):
    copy = _wiretap_copy(tmp_path)
    assert pic("validate", str(copy)).exit_code == 0
    original = str(tree.profile_path("mississippi", 2019))
    result = pic("diff", original, str(copy), "--format", "json", "--exit-code")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["comparable"] is True and report["warning"] is None
    (ms,) = report["states"]
    # The copy carries no published figures, so it is no card: over the splits the cards allow
    # its score is a range, which holds 93.5 (91 plus the 2.5 the two lost together); the
    # change is not exact, and it says so.
    assert ms["after"]["score"] is None and ms["score_change"] is None
    assert ms["score_change_min"] <= 2.5 <= ms["score_change_max"]
    assert ms["before"]["grade"] == "A"
    assert [g["label"] for g in ms["gaps_closed"]] == ["no wiretap authority", "online investigations not expressly authorised"]
    assert ms["gaps_opened"] == [] and ms["gaps_possibly_closed"] == [] and ms["gaps_possibly_opened"] == []
    assert all(c["certain"] for c in ms["criteria_changed"])
    sections = {s["id"]: s["change"] for s in ms["sections"]}
    # exact where both sides are (1, 4 and 6, now full); the copy's sections 2, 3 and 5 are ranges
    assert sections == {"1": 0, "2": None, "3": None, "4": 0, "5": None, "6": 2.5}
    assert report["only_in_a"] == [] and report["only_in_b"] == []
    table = pic("diff", original, str(copy)).stdout
    assert "closed no wiretap authority" in table


def test_score_all_2023_has_50_rows_ranked(pic):
    result = pic("score", "--all", "--year", "2023", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)["rows"]
    assert len(rows) == 50
    order = "ABCDF"
    assert [order.index(r["grade"]) for r in rows] == sorted(order.index(r["grade"]) for r in rows)
    assert rows[0]["jurisdiction"] == "tennessee" and rows[0]["position"] == 1


def test_score_all_ranks_scores_before_grades(pic):
    rows = json.loads(pic("score", "--all", "--year", "2019", "--format", "json").stdout)["rows"]
    scored = [r["score"] for r in rows if r["score"] is not None]
    assert scored == sorted(scored, reverse=True)
    assert rows[0]["jurisdiction"] == "tennessee" and rows[0]["score"] == 98
    ms = next(r for r in rows if r["jurisdiction"] == "mississippi")
    assert ms["basis"] == "findings"


def test_score_needs_a_state_or_all(pic):
    assert pic("score").exit_code == 2
    assert pic("score", "ms", "--all").exit_code == 2


# Published-only scoring -------------------------------------------------------

FW = build_framework({
    "id": "toy", "title": "Toy", "publisher": "p", "source": {"title": "s"}, "years": {"first": 2000},
    "max_score": 20, "grade_scale": [{"grade": "A", "min": 15}, {"grade": "F", "min": 0}],
    "sections": [{"id": "1", "title": "one", "max": 10}, {"id": "2", "title": "two", "max": 10}],
})


def _card(**published):
    profile = Profile("mississippi", 2000, "toy", Source("s"), Published(**published), None)
    return score_profile(FW, profile)


def test_published_total_comes_from_sections_when_the_score_is_missing():
    card = _card(sections={"1": 9, "2": 7.5})
    assert card.score == 16.5 and card.grade == "A" and card.basis == "published"


def test_published_grade_comes_from_the_scale_when_missing():
    card = _card(score=12)
    assert card.grade == "F"
    assert card.published_match is None  # nothing to check the score against


def test_published_mismatch_is_reported():
    card = _card(score=12, grade="A")
    assert card.published_match is False
    assert card.mismatches == ("a score of 12 earns F on the framework's scale, but the published grade is A",)
    card = _card(score=12, sections={"1": 9, "2": 7.5})
    assert card.published_match is False
    assert "add up to 16.5" in card.mismatches[0]
    card = _card(score=16.5, grade="A", sections={"1": 9, "2": 7.5})
    assert card.published_match is True


@pytest.mark.parametrize("slug_year", ["south-dakota/2019", "tennessee/2019", "washington/2019"])
def test_every_published_figure_fits_the_scale(pic, slug_year):
    slug, year = slug_year.split("/")
    card = json.loads(pic("score", slug, "--year", year, "--format", "json").stdout)
    assert card["published_match"] in (True, None)


def test_every_shipped_profile_names_its_source(tree):
    for path in tree.all_profile_paths():
        profile = tree.profile(path)
        assert profile.source.title
        assert profile.source.url or profile.source.note, path


def test_published_only_profiles_are_what_the_research_table_generates():
    """The shipped files are the script's output from the research CSV, untouched by hand."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    csv_path = root.parent / "shared" / "research" / "published-results.csv"
    if not csv_path.exists():
        pytest.skip("the research table (../shared/research) is not beside this checkout")
    result = subprocess.run([sys.executable, str(root / "scripts" / "import_published.py"), "--check", str(csv_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
