"""Profiles with findings against the PIC framework, from the YAML alone (no pic imports).

Every criterion appears (answered or `unknown`), and no answer contradicts a published
section score: for each section, the points of the `yes` answers are at most the
published score, which is at most the points of the `yes` and `unknown` answers.
Shared losses (data design note) hand back what a group's members lose beyond the
group's points. Sections without a published score are checked together against what
the final score leaves for them.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CSV = ROOT.parent / "shared" / "research" / "published-results.csv"
PARTIAL = ["texas/2015", "maine/2015", "pennsylvania/2012", "north-carolina/2018", "hawaii/2014"]
EPS = 1e-9


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _answer(value: object) -> str:
    # PyYAML (YAML 1.1) reads bare yes/no as booleans; pic's own loader keeps the words.
    return {True: "yes", False: "no"}.get(value, value)  # type: ignore[call-overload]


FRAMEWORK = _load(ROOT / "frameworks" / "pic.yaml")
SECTIONS = {s["id"]: float(s["max"]) for s in FRAMEWORK["sections"]}
CRITERIA = {
    k["id"]: (s["id"], float(k["points"]))
    for s in FRAMEWORK["sections"]
    for c in s["components"]
    for k in c["criteria"]
}
PROFILES = sorted(
    p.relative_to(ROOT / "states").with_suffix("").as_posix()
    for p in (ROOT / "states").glob("*/*.yaml")
    if (lambda d: d.get("framework") == "pic" and d.get("findings"))(_load(p))
)


def _profile(name: str) -> dict:
    return _load(ROOT / "states" / f"{name}.yaml")


def _bounds(profile: dict) -> dict[str, tuple[float, float]]:
    """section id -> (points surely earned, most points possible)"""
    low = {sid: 0.0 for sid in SECTIONS}
    high = {sid: 0.0 for sid in SECTIONS}
    for cid, finding in profile["findings"].items():
        sid, points = CRITERIA[cid]
        answer = _answer(finding["answer"])
        if answer == "yes":
            low[sid] += points
        if answer in ("yes", "unknown"):
            high[sid] += points
    for group in profile.get("shared_losses", []):
        (sid,) = {CRITERIA[cid][0] for cid in group["criteria"]}
        back = sum(CRITERIA[cid][1] for cid in group["criteria"]) - float(group["points"])
        low[sid] += back
        high[sid] += back
    return {sid: (low[sid], high[sid]) for sid in SECTIONS}


def test_the_partial_profiles_are_there():
    assert set(PARTIAL) <= set(PROFILES)
    assert "mississippi/2019" in PROFILES


@pytest.mark.parametrize("name", PROFILES)
def test_every_criterion_appears(name):
    profile = _profile(name)
    assert set(profile["findings"]) == set(CRITERIA)
    for cid, finding in profile["findings"].items():
        answer = _answer(finding["answer"])
        assert answer in ("yes", "no", "unknown"), cid
        if answer != "unknown":
            assert finding.get("basis") in ("card", "published-total", "statute"), cid
        assert finding.get("citations") or finding.get("note"), cid


@pytest.mark.parametrize("name", PARTIAL)
def test_partial_profiles_never_stretch(name):
    """A new partial profile answers only what the card says; totals imply the rest."""
    profile = _profile(name)
    answers = [_answer(f["answer"]) for f in profile["findings"].values()]
    assert "unknown" in answers
    for cid, finding in profile["findings"].items():
        if _answer(finding["answer"]) != "unknown":
            assert finding["basis"] == "card", cid
    assert "shared_losses" not in profile


@pytest.mark.parametrize("name", PROFILES)
def test_no_answer_contradicts_a_published_section(name):
    profile = _profile(name)
    published = profile.get("published") or {}
    sections = {k: float(v) for k, v in (published.get("sections") or {}).items()}
    bounds = _bounds(profile)
    for sid, value in sections.items():
        low, high = bounds[sid]
        assert low - EPS <= value <= high + EPS, f"section {sid}: {low} <= {value} <= {high} fails"
    rest = [sid for sid in SECTIONS if sid not in sections]
    if rest and "score" in published:
        left = float(published["score"]) - sum(sections.values())
        low = sum(bounds[sid][0] for sid in rest)
        high = sum(bounds[sid][1] for sid in rest)
        assert low - EPS <= left <= high + EPS, f"sections {rest} together: {low} <= {left} <= {high} fails"


def _csv_row(slug: str, year: int) -> dict:
    with CSV.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if "-".join(row["jurisdiction"].lower().split()) == slug and int(row["year"]) == year:
                return row
    raise AssertionError(f"no CSV row for {slug} {year}")


@pytest.mark.parametrize("name", PROFILES)
def test_hand_written_figures_match_the_research_table(name):
    if not CSV.exists():
        pytest.skip("the research table (../shared/research) is not beside this checkout")
    profile = _profile(name)
    row = _csv_row(profile["jurisdiction"], profile["year"])
    published = profile["published"]
    if row["score"].strip():
        assert float(published["score"]) == float(row["score"])
    assert published.get("grade") == (row["grade"].strip() or None)
    cells = row["sections"].split("|") if row["sections"].strip() else []
    expected = {str(i): float(c) for i, c in enumerate(cells, start=1) if c.strip()}
    assert {k: float(v) for k, v in (published.get("sections") or {}).items()} == expected
    inferred = [k for k in row["inferred"].replace(",", "|").split("|") if k.strip()]
    assert sorted(published.get("inferred", [])) == sorted(k.strip() for k in inferred)
    # provenance, as the import script writes it for published-only profiles
    assert published.get("rank") == (int(row["rank"]) if row["rank"].strip() else None)
    source = profile["source"]
    assert source.get("kind") == row["source_kind"].strip()
    assert source.get("outlet")
    assert source.get("also", []) == [u for u in row["also"].split() if u != row["source"].strip()]
    assert bool(published.get("conflicts")) == bool(row["conflicts"].strip())
