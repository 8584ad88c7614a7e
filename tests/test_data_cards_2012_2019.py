"""The partial profiles read from card-texts-2012-2019.md (Pennsylvania 2012, North Carolina
2018, Hawaii 2014): what each card's text settles, and their published figures checked
against their findings by pic's own commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CARDS = {("pennsylvania", 2012): 58, ("north-carolina", 2018): 90, ("hawaii", 2014): 60}


def _profile(slug: str, year: int) -> dict:
    return yaml.load((ROOT / "states" / slug / f"{year}.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def _answers(slug: str, year: int) -> dict[str, str]:
    return {cid: f["answer"] for cid, f in _profile(slug, year)["findings"].items()}


@pytest.mark.parametrize("slug, year", sorted(CARDS))
def test_published_figures_check_out_against_the_findings(pic, slug, year):
    result = pic("score", slug, "--year", str(year), "--format", "json")
    assert result.exit_code == 0, result.output
    card = json.loads(result.stdout)
    assert card["basis"] == "findings" and card["published"]["score"] == CARDS[(slug, year)]
    assert card["published_match"] is True and card["mismatches"] == []
    assert card["check"]["status"] != "contradiction"
    # a partial profile: the findings alone leave a range around the published total
    assert card["score_min"] < CARDS[(slug, year)] < card["score_max"]
    assert pic("validate", str(ROOT / "states" / slug / f"{year}.yaml")).exit_code == 0


def test_pennsylvania_2012_has_no_sex_trafficking_offence_but_csec_laws(pic):
    a = _answers("pennsylvania", 2012)
    assert (a["1.1.a"], a["1.1.b"], a["1.2.a"], a["1.4.a"]) == ("no", "no", "yes", "yes")
    assert (a["2.2.a"], a["2.5.a"], a["2.6.a"]) == ("yes", "yes", "no")  # unlawful contact with a minor
    assert all(a[c] == "unknown" for c in a if c.split(".")[0] in "3456")  # not in the stored copy
    out = pic("score", "pennsylvania", "--year", "2012")
    assert out.exit_code == 0 and "Pennsylvania" in out.stdout and "2012" in out.stdout
    assert "sections inferred by the research" in out.stdout  # read from the score block's layout


def test_north_carolina_2018_gaps_name_what_its_summary_says(pic):
    a = _answers("north-carolina", 2018)
    assert (a["1.1.a"], a["1.1.b"], a["3.1.a"], a["4.1.b"], a["5.3.a"]) == ("yes", "yes", "yes", "no", "yes")
    assert a["1.4.a"] == "unknown"  # a continuing-criminal-enterprise law that "could be used": not settled
    report = json.loads(pic("gaps", "north-carolina", "--year", "2018", "--format", "json").stdout)
    known = [g for g in report["gaps"] if g["kind"] == "known"]
    assert [g["criterion"] for g in known] == ["4.1.b"] and known[0]["basis"] == "card"
    assert pic("gaps", "north-carolina", "--year", "2018").exit_code == 0


def test_hawaii_2014_status_counts_what_the_reprint_settles(pic):
    a = _answers("hawaii", 2014)
    answered = {c: v for c, v in a.items() if v != "unknown"}
    assert answered == {"1.1.a": "no", "1.1.b": "no", "1.2.a": "yes", "2.2.a": "yes", "2.4.b": "no",
                        "2.4.c": "yes", "2.8.a": "yes", "2.10.b": "yes"}
    report = json.loads(pic("status", "hawaii", "--year", "2014", "--format", "json").stdout)
    assert pic("status", "hawaii", "--year", "2014").exit_code == 0
    assert (report["answered"], report["unknown"]) == (8, len(a) - 8)
    s1 = next(s for s in report["sections"] if s["id"] == "1")
    assert (s1["answered"], s1["yes"], s1["no"]) == (3, 1, 2)


def test_mississippi_2011_findings_are_marked_as_read_indirectly(pic):
    profile = _profile("mississippi", 2011)
    answered = {cid: f for cid, f in profile["findings"].items() if f["answer"] != "unknown"}
    assert {c: f["answer"] for c, f in answered.items()} == {"3.6.a": "no", "5.1.a": "no", "6.3.a": "no"}
    assert all(f["indirect"] == "true" and f["source"].startswith("https://") for f in answered.values())
    report = json.loads(pic("gaps", "mississippi", "--year", "2011", "--format", "json").stdout)
    known = {g["criterion"]: g for g in report["gaps"] if g["kind"] == "known"}
    assert set(known) == set(answered)
    assert all(g["indirect"] is True and g["finding_source"] == answered[c]["source"] for c, g in known.items())
    unknown = [g for g in report["gaps"] if g["kind"] != "known"]
    assert unknown and not any(g["indirect"] for g in unknown)
    assert "read indirectly, from a report of the card" in pic("gaps", "mississippi", "--year", "2011").stdout


def test_a_finding_read_indirectly_must_name_its_report(pic, data_copy):
    path = data_copy / "states" / "mississippi" / "2011.yaml"
    text = path.read_text(encoding="utf-8")
    broken = text.replace('    source: "https://www.wlbt.com', '    # source: "https://www.wlbt.com', 1)
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    result = pic("validate", str(path), "--data", str(data_copy))
    assert result.exit_code == 1
    assert "a finding read indirectly must name the report it rests on" in result.stdout


def test_kansas_2019_near_card_facts_are_indirect_and_fit_its_published_total(pic):
    profile = _profile("kansas", 2019)
    answered = {cid: f for cid, f in profile["findings"].items() if f["answer"] != "unknown"}
    assert {c: f["answer"] for c, f in answered.items()} == {
        "1.1.a": "yes", "1.1.b": "yes", "2.4.a": "yes", "2.4.c": "yes", "3.1.a": "yes", "3.1.b": "yes",
        "5.1.a": "yes", "5.3.a": "no"}
    assert {f["source"] for f in answered.values()} == {profile["source"]["url"]}
    assert all(f["indirect"] == "true" for f in answered.values())
    card = json.loads(pic("score", "kansas", "--year", "2019", "--format", "json").stdout)
    assert card["basis"] == "findings" and card["published_match"] is True
    assert card["check"]["status"] != "contradiction"
