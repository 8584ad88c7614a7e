"""Honest answers (issue 9): grades ordered on each framework's own scale, rankings by
grade band then score with ties shown, every inference marked where it is shown, the
card's own headings beside pic's titles, and where aggregated figures come from."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from pic.core import editions
from pic.core.load import build_framework


def _json(pic, *args):
    result = pic(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _words(text: str) -> str:
    """Table output with its wrapping undone: notes fold to the terminal's width."""
    return " ".join(text.split())


def _csv(pic, *args):
    result = pic(*args, "--format", "csv")
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


# 1. Grade order and steps come from the framework's own scale ---------------------------


def test_grade_steps_count_no_phantom_grade_e(pic):
    nevada = _json(pic, "diff", "2021", "2023", "nevada")["states"][0]
    assert nevada["grade_change"] == "F -> C" and nevada["grade_steps"] == 2
    kansas = _json(pic, "diff", "2019", "2021", "kansas")["states"][0]
    # across frameworks there are no steps to count (issue 18): the grades only stand side by side
    assert kansas["grade_change"] == "A -> F" and kansas["grade_steps"] is None
    rows = {r["jurisdiction"]: r for r in _csv(pic, "diff", "2021", "2023", "nevada", "kansas")}
    assert rows["nevada"]["grade_steps"] == "2"


def test_diff_sorts_on_steps_of_the_scale(pic):
    states = _json(pic, "diff", "2021", "2023")["states"]
    steps = [s["grade_steps"] for s in states if s["score_change"] is None and s["grade_steps"] is not None]
    assert steps == sorted(steps, reverse=True)
    order = [s["jurisdiction"] for s in states]
    # Tennessee D -> A (3 steps) above Nevada F -> C (2 steps): with a phantom E both were 3.
    assert order.index("tennessee") < order.index("nevada")


def test_grade_rank_reads_the_framework_scale():
    fw = build_framework({
        "id": "toy", "title": "Toy", "publisher": "p", "source": {"title": "s"}, "years": {"first": 2000},
        "max_score": 10, "grade_scale": [{"grade": "Pass", "min": 5}, {"grade": "Fail", "min": 0}],
        "sections": [{"id": "1", "title": "one", "max": 10}],
    })
    assert fw.grade_rank("Pass") == 0 and fw.grade_rank("Fail") == 1
    assert fw.grade_rank("E") is None


# 2. Rankings: grade band first, then score; grade-only rows inside their band; ties ---------


def test_ranking_puts_every_a_above_a_d(pic):
    rows = _json(pic, "score", "--all", "--year", "2019")["rows"]
    order = "ABCDF"
    assert [order.index(r["grade"]) for r in rows] == sorted(order.index(r["grade"]) for r in rows)
    rank = {r["jurisdiction"]: r for r in rows}
    a_states = [r for r in rows if r["grade"] == "A"]
    assert len(a_states) == 12
    assert all(r["position"] < rank["south-dakota"]["position"] for r in a_states)
    # Inside the A band, the scored rows first, by score; then the A states without a score, tied.
    assert [r["jurisdiction"] for r in a_states[:3]] == ["tennessee", "alabama", "north-carolina"]
    assert {r["jurisdiction"] for r in a_states[3:5]} == {"kansas", "washington"}  # 93.5 each: tied at 4
    # pic's own place; `rank` is the publisher's, where a source states one (none for these two)
    assert rank["kansas"]["position"] == rank["washington"]["position"] == 4 and rank["kansas"]["tied"]
    unscored = [r for r in a_states if r["score"] is None]
    assert {r["position"] for r in unscored} == {8} and all(r["tied"] for r in unscored)
    assert all(r["rank_basis"] == "grade-only" for r in unscored)
    assert rank["tennessee"]["tied"] is False and rank["tennessee"]["rank_basis"] == "grade-and-score"
    # The next place after a five-way tie at 8 is 13.
    assert rank["south-carolina"]["position"] == 13 and rank["south-dakota"]["position"] == 19


def test_ranking_table_marks_ties_and_rows_without_a_score(pic):
    # A grade without a score may rank anywhere in its band: 1st to last among the A's on record.
    out = pic("score", "--all", "--year", "2019").stdout
    rows = _csv(pic, "score", "--all", "--year", "2019")
    a_count = sum(1 for r in rows if r["grade"] == "A")
    assert re.search(rf"1–{a_count}\s+Colorado\s+—\s+A", out)
    assert "no score on record; such a row may rank anywhere in its grade band" in _words(out)
    assert f"among the {len(rows)} editions on record for 2019, of 51 jurisdictions" in _words(out)
    assert out.index("Utah") < out.index("South Dakota")
    co = next(r for r in rows if r["jurisdiction"] == "colorado")
    assert (co["position"], co["tied"], co["rank_basis"]) == ("8", "true", "grade-only")
    assert (co["rank_min"], co["rank_max"], co["rank"]) == ("1", str(a_count), "")
    md = pic("score", "--all", "--year", "2019", "--format", "markdown").stdout
    assert re.search(rf"^\| +\| 1–{a_count} \| Colorado \|", md, re.M) and "Listed by grade band" in md


def test_ranking_ties_equal_scores_in_one_band(data_copy, pic):
    # Two states with the same published score and grade share a rank.
    for slug in ("alabama", "washington"):
        path = data_copy / "states" / slug / "2019.yaml"
        text = re.sub(r"score: [0-9.]+", "score: 93", path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
    rows = _json(pic, "score", "--all", "--year", "2019", "--data", str(data_copy))["rows"]
    rank = {r["jurisdiction"]: r for r in rows}
    # behind Tennessee (98), North Carolina (94) and Kansas (93.5)
    assert rank["alabama"]["position"] == rank["washington"]["position"] == 4
    assert rank["alabama"]["tied"] and rank["washington"]["tied"]
    assert rank["mississippi"]["position"] == 6



def test_partial_profiles_rank_on_what_their_own_cards_allow(pic):
    rows = {r["jurisdiction"]: r for r in _json(pic, "score", "--all", "--year", "2015")["rows"]}
    tx = rows["texas"]
    # Texas 2015 is one of the cards pic calibrates on: over the splits the cards allow, its
    # findings give exactly its published 90.5 (by construction); the findings alone, over
    # every split, leave 7.5..102.5.
    assert (tx["score"], tx["grade"]) == (90.5, "A")
    assert (tx["score_min"], tx["score_max"]) == (7.5, 102.5)
    assert rows["louisiana"]["position"] < tx["position"] < rows["mississippi"]["position"]  # A 99.5, A 90.5, B
    assert (rows["maine"]["score"], rows["maine"]["grade"]) == (62.5, "D")
    assert rows["maine"]["position"] < rows["hawaii"]["position"]  # D 62.5 before the D states without a score
    out = pic("score", "--all", "--year", "2015").stdout
    assert re.search(r"Texas\s+90\.5 / 102\.5\s+A", out)


def test_gaps_count_a_shared_loss_once_and_unknowns_apart(pic):
    report = _json(pic, "gaps", "mississippi", "--year", "2019")
    assert report["points_at_stake"] == 11.5  # not the 15.5 the members' points add up to
    wiretap = next(g for g in report["gaps"] if g["criterion"] == "6.3.a")
    assert (wiretap["points_min"], wiretap["points_max"]) == (0, 2.5)
    assert "15 gaps and 3 criteria unknown, 11.5 points at stake" in pic("gaps", "mississippi", "--year", "2019").stdout
    tx = _json(pic, "gaps", "texas", "--year", "2015")
    # Texas's own card pins its score (90.5 of 102.5), so what it lacks is exact although most
    # of its answers are unknown
    assert tx["points_at_stake"] == 12
    assert re.search(r"Texas\s+2015\s+1 gap and 76 criteria unknown", pic("gaps", "texas", "--year", "2015").stdout)
    kinds = {(g["kind"], g["implied"]) for g in tx["gaps"]}
    assert ("known", None) in kinds and ("unknown", "met") in kinds  # an unknown the published totals imply met
    assert "(unknown; implied met)" in _words(pic("gaps", "texas", "--year", "2015").stdout)
    rows = _csv(pic, "gaps", "texas", "--year", "2015")
    assert {(r["kind"], r["implied"]) for r in rows} == {(k, i or "") for k, i in kinds}


def test_whatif_never_counts_an_open_figure_as_zero(pic):
    # 6.3.a shares section 6's 2.5-point loss with 6.5.a, split unknown: closing it gains 0 to 2.5.
    r = _json(pic, "whatif", "mississippi", "--year", "2019", "--close", "6.3.a")
    assert r["points_gained"] is None and (r["points_gained_min"], r["points_gained_max"]) == (0, 2.5)
    assert (r["after"]["score"], r["after"]["score_min"], r["after"]["score_max"]) == (None, 91, 93.5)
    out = pic("whatif", "mississippi", "--year", "2019", "--close", "6.3.a").stdout
    assert re.search(r"Total\s+91\s+91–93\.5\s+102\.5\s+\+0–2\.5", out)
    assert "-91" not in out and "-12.5" not in out
    rows = {(row["kind"], row["label"]): row for row in _csv(pic, "whatif", "mississippi", "--year", "2019", "--close", "6.3.a")}
    total = rows[("total", "Total")]
    assert (total["points"], total["after"], total["after_min"], total["after_max"]) == ("", "", "91", "93.5")
    assert "91–93.5" in pic("whatif", "mississippi", "--year", "2019", "--close", "6.3.a", "--format", "markdown").stdout
    ex = _json(pic, "explain", "mississippi", "6.3", "--year", "2019")
    assert ex["score"] is None and (ex["score_min"], ex["score_max"]) == (0, 2.5)
    assert "0–2.5 of 2.5" in pic("explain", "mississippi", "6.3", "--year", "2019").stdout


def test_a_partial_profile_scores_as_a_range_with_what_is_implied_marked(pic):
    me = _json(pic, "score", "maine", "--year", "2015")
    # The score pic reports is over the splits the cards allow: Maine's own card pins it.
    assert (me["score"], me["grade"]) == (62.5, "D") and me["calibrated"]["own_card"] is True
    assert me["check"]["status"] == "by-construction"
    # The findings alone, over every split, leave 12.5..100.
    assert (me["score_min"], me["score_max"], me["grade_min"], me["grade_max"]) == (12.5, 100, "F", "A")
    assert me["sections"][0]["calibrated_min"] == 7.5
    assert "1 of the 2 unknown points" in me["sections"][0]["implication"]
    assert "under pic's hypothesis split" in me["sections"][0]["implication"]
    out = pic("score", "maine", "--year", "2015").stdout
    assert re.search(r"Total\s+62\.5\s+12\.5–100\s+62\.5\s+102\.5", out)
    assert "by construction" in _words(out)
    assert "counted as not met" not in out
    total = _csv(pic, "score", "maine", "--year", "2015")[-1]
    assert (total["score"], total["score_min"], total["score_max"], total["calibrated_min"]) == (
        "62.5", "12.5", "100", "62.5")
    md = pic("score", "maine", "--year", "2015", "--format", "markdown").stdout
    assert "met by construction" in md and "under pic's own split" in md


def test_diff_keeps_certain_and_possible_changes_apart(pic, tree, tmp_path):
    text = tree.profile_path("mississippi", 2019).read_text(encoding="utf-8")
    # 4.3.b is in no shared loss: a shared loss's members must stay answered no.
    out = re.sub(r"(\n  4\.3\.b:\n    answer:) no", r"\1 unknown", text)
    out = re.sub(r"(\n  4\.3\.a:\n    answer:) no", r"\1 yes", out)
    assert out.count("answer: unknown") == text.count("answer: unknown") + 1
    copy = tmp_path / "ms-partial.yaml"
    copy.write_text(out, encoding="utf-8")
    original = str(tree.profile_path("mississippi", 2019))
    (ms,) = _json(pic, "diff", original, str(copy))["states"]
    assert [g["criterion"] for g in ms["gaps_closed"]] == ["4.3.a"]
    assert [g["criterion"] for g in ms["gaps_possibly_closed"]] == ["4.3.b"]
    assert ms["score_change"] is None and ms["score_change_min"] < ms["score_change_max"]
    table = pic("diff", original, str(copy)).stdout
    assert "possibly closed no offence for promoting sex tourism" in table
    assert "closed no child sex tourism offence" in table
    assert re.search(r"Mississippi\s+91\s+\d+(\.5)?–\d+(\.5)?\s+[-+]\S+ to \+\S+", table)
    row = _csv(pic, "diff", original, str(copy))[0]
    assert row["gaps_possibly_closed"] == "no offence for promoting sex tourism" and row["score_change"] == ""

# 3. Every inference marked where it is shown -----------------------------------------------


def _schema(kind):
    from jsonschema import Draft202012Validator

    from pic.core.load import builtin_root

    path = builtin_root() / "schemas" / f"{kind}.output.schema.json"
    return Draft202012Validator(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("kind,args", [
    ("score", ["score", "georgia", "--year", "2023"]),
    ("score", ["score", "tennessee", "--year", "2018"]),
    ("score", ["score", "texas", "--year", "2015"]),
    ("gaps", ["gaps", "mississippi", "--year", "2019"]),
    ("history", ["history", "texas"]),
    ("diff", ["diff", "2018", "2019"]),
    ("map", ["map", "--year", "2019"]),
    ("frameworks", ["frameworks"]),
    ("explain", ["explain", "mississippi", "2.9", "--year", "2019"]),
    ("explain", ["explain", "1.1"]),
    ("ranking", ["score", "--all", "--year", "2018"]),
])
def test_marked_output_still_matches_its_strict_schema(pic, kind, args):
    data = _json(pic, *args)
    errors = list(_schema(kind).iter_errors(data))
    assert not errors, errors[0].message


def test_grade_scale_marked_inferred_in_every_format(pic):
    card = _json(pic, "score", "mississippi", "--year", "2019")
    assert card["grade_scale_inferred"] is True and card["grade_scale_basis"]
    assert "scale inferred" in pic("score", "mississippi", "--year", "2019").stdout
    md = pic("score", "mississippi", "--year", "2019", "--format", "markdown").stdout
    assert "Grade scale (inferred)" in md
    fws = {f["id"]: f for f in _json(pic, "frameworks")["frameworks"]}
    assert all(f["grade_scale_inferred"] for f in fws.values())
    table = pic("frameworks").stdout
    assert table.count("(inferred)") >= 3
    assert {r["id"]: r["grade_scale_inferred"] for r in _csv(pic, "frameworks")}["pic"] == "true"
    assert "Grade scale inferred: not published" in pic("map", "--year", "2023").stdout
    assert _json(pic, "map", "--year", "2023")["grade_scale_inferred"] is True
    whatif = _json(pic, "whatif", "mississippi", "--year", "2019", "--close", "4.3.a")
    assert whatif["grade_scale_inferred"] is True and whatif["grade_scale_basis"]
    assert "inferred scale" in _words(pic("whatif", "mississippi", "--year", "2019", "--close", "4.3.a").stdout)
    ranking = _json(pic, "score", "--all", "--year", "2023")
    assert ranking["grade_scales"] == [{"framework": "report-cards", "grade_scale": ranking["grade_scales"][0]["grade_scale"],
                                        "inferred": True, "basis": fws["report-cards"]["grade_scale_basis"]}]
    assert "grade scale inferred" in _words(pic("score", "--all", "--year", "2023").stdout)


def test_component_confidence_is_never_plain_confirmed(pic):
    ex = _json(pic, "explain", "1.1")
    assert ex["component"]["confidence"] == "topic-confirmed"
    assert ex["component"]["confidence_note"] == \
        "topic confirmed by public sources; criteria and points reconstructed by pic"
    out = _words(pic("explain", "1.1").stdout)
    assert "topic confirmed by public sources; criteria and points reconstructed by pic" in out
    assert not re.search(r"confidence: confirmed", out)
    assert _json(pic, "explain", "6.3")["component"]["confidence"] == "reconstructed"
    rows = _csv(pic, "explain", "mississippi", "1.1", "--year", "2019")
    assert {r["confidence"] for r in rows} == {"topic-confirmed"}
    md = pic("explain", "mississippi", "1.1", "--year", "2019", "--format", "markdown").stdout
    assert "criteria and points reconstructed by pic" in md


def test_each_gap_says_what_it_rests_on(pic):
    report = _json(pic, "gaps", "mississippi", "--year", "2019")
    by_id = {g["criterion"]: g for g in report["gaps"]}
    assert all(g["basis"] in ("card", "statute", "published-total", "shared-loss")
               for g in report["gaps"] if g["kind"] == "known")
    # an unknown rests on nothing yet: its basis is null, never invented
    assert all(g["basis"] is None for g in report["gaps"] if g["kind"] == "unknown")
    assert (by_id["4.3.a"]["basis"], by_id["4.3.a"]["inferred"]) == ("card", False)
    # 6.3.a's weakness is on the card, but its points are a share of section 6's published loss.
    assert (by_id["6.3.a"]["basis"], by_id["6.3.a"]["inferred"]) == ("shared-loss", True)
    assert by_id["6.3.a"]["finding_basis"] == "card"
    rows = {r["criterion"]: r for r in _csv(pic, "gaps", "mississippi", "--year", "2019")}
    assert (rows["6.3.a"]["basis"], rows["6.3.a"]["inferred"]) == ("shared-loss", "true")
    assert (rows["4.3.a"]["basis"], rows["4.3.a"]["inferred"]) == ("card", "false")
    md = pic("gaps", "mississippi", "--year", "2019", "--format", "markdown").stdout
    assert "| Basis | Inferred |" in md and "| shared-loss | true |" in md
    table = pic("gaps", "mississippi", "--year", "2019").stdout
    assert "inferred: shared loss" in table and "basis: card" in table


def test_answers_only_a_published_total_implies_stay_unknown(pic):
    # The card does not discuss 2.9: the answers are unknown; the published section total
    # implies them met under pic's own split, and that is marked as an inference.
    ex = _json(pic, "explain", "mississippi", "2.9", "--year", "2019")
    crit = {c["id"]: c for c in ex["criteria"]}
    assert crit["2.9.a"]["answer"] == "unknown"
    assert (crit["2.9.a"]["basis"], crit["2.9.a"]["inferred"]) == ("published-total", True)
    assert "inferred: published total" in pic("explain", "mississippi", "2.9", "--year", "2019").stdout
    rows = {r["criterion"]: r for r in _csv(pic, "explain", "mississippi", "2.9", "--year", "2019")}
    assert (rows["2.9.a"]["answer"], rows["2.9.a"]["inferred"]) == ("unknown", "true")


def test_published_figures_the_research_infers_are_marked(pic):
    tx = _json(pic, "score", "texas", "--year", "2015")
    assert tx["published"]["inferred"] == ["sections"]
    assert all(s["published_inferred"] for s in tx["sections"])
    assert "sections inferred by the research" in pic("score", "texas", "--year", "2015").stdout
    rows = _csv(pic, "score", "texas", "--year", "2015")
    assert {r["published_inferred"] for r in rows if r["section"] != "total"} == {"true"}
    tn = _json(pic, "score", "tennessee", "--year", "2018")
    assert tn["published"]["inferred"] == ["grade"]
    assert (tn["grade"], tn["grade_source"], tn["grade_inferred"]) == ("A", "research-inferred", True)
    assert "inferred by the research" in pic("score", "tennessee", "--year", "2018").stdout
    total = _csv(pic, "score", "tennessee", "--year", "2018")[-1]
    assert (total["grade"], total["grade_inferred"], total["published_inferred"]) == ("A", "true", "true")
    history = {e["year"]: e for e in _json(pic, "history", "tennessee")["editions"]}
    assert history[2018]["grade_inferred"] is True and history[2019]["grade_inferred"] is False
    assert re.search(r"2018\s+PIC\s+—\s+A\*", pic("history", "tennessee").stdout)
    ranking = {r["jurisdiction"]: r for r in _json(pic, "score", "--all", "--year", "2018")["rows"]}
    assert ranking["tennessee"]["grade_inferred"] is True and ranking["tennessee"]["published_inferred"] == ["grade"]
    assert ranking["florida"]["grade_inferred"] is False
    assert re.search(r"Tennessee\s+—\s+A\*", pic("score", "--all", "--year", "2018").stdout)
    diff = _json(pic, "diff", "2018", "2019", "tennessee")["states"][0]
    assert diff["before"]["grade_inferred"] is True and diff["after"]["grade_inferred"] is False
    assert "A* → A" in pic("diff", "2018", "2019", "tennessee").stdout


def test_issue_area_grades_are_recorded_and_shown(pic):
    ga = _json(pic, "score", "georgia", "--year", "2023")
    assert ga["published"]["issue_areas"] == {"1": "A", "2": "F", "3": "F", "4": "C", "5": "C", "6": "F"}
    assert [s["published_grade"] for s in ga["sections"]] == ["A", "F", "F", "C", "C", "F"]
    out = pic("score", "georgia", "--year", "2023").stdout
    assert "Card grade" in out and re.search(r"1\s+Criminal laws\s+—\s+—\s+A", out)
    rows = _csv(pic, "score", "georgia", "--year", "2023")
    assert [r["published_grade"] for r in rows[:6]] == ["A", "F", "F", "C", "C", "F"]
    assert _json(pic, "score", "mississippi", "--year", "2019")["published"]["issue_areas"] == {}


# 4. The card's own section headings beside pic's short titles ------------------------------


def test_card_headings_shown_beside_pics_titles(pic):
    ex = _json(pic, "explain", "mississippi", "2.9", "--year", "2019")
    assert ex["section"]["title"] == "Holding buyers accountable"
    assert ex["section"]["card_title"] == "Criminal Provisions for Demand"
    assert "Holding buyers accountable (card: “Criminal Provisions for Demand”)" in \
        _words(pic("explain", "mississippi", "2.9", "--year", "2019").stdout)
    fw = next(f for f in _json(pic, "frameworks")["frameworks"] if f["id"] == "pic")
    assert {s["id"]: s["card_title"] for s in fw["sections"]}["2"] == "Criminal Provisions for Demand"
    assert fw["confidence"] == {"topic-confirmed": 3, "reconstructed": 38}
    table = pic("frameworks").stdout
    assert re.search(r"2\s+Holding buyers accountable\s+Criminal Provisions for Demand", table)
    card = _json(pic, "score", "mississippi", "--year", "2019")
    assert [s["card_title"] for s in card["sections"]][:2] == \
        ["Criminalization of Domestic Minor Sex Trafficking", "Criminal Provisions for Demand"]
    assert _json(pic, "score", "georgia", "--year", "2023")["sections"][0]["card_title"] is None  # not recorded
    rows = _csv(pic, "frameworks")
    assert 'Holding buyers accountable (card: "Criminal Provisions for Demand")' in \
        next(r for r in rows if r["id"] == "pic")["section_titles"]


# 5. Outputs that aggregate published figures say where they come from ---------------------


@pytest.mark.parametrize("args", [["score", "--all", "--year", "2023"], ["map", "--year", "2023"],
                                  ["diff", "2022", "2023"]])
def test_aggregated_figures_name_their_sources(pic, tree, args):
    report = _json(pic, *args)
    assert report["figures_note"].startswith("Published figures: Shared Hope International report cards as "
                                             "reported by the source named for each row")
    assert "pic history STATE" in report["figures_note"]
    # Every source listed is a profile's own source, word for word: nothing invented.
    profile_sources = {(tree.profile(tree.profile_path(s, y)).source.title, tree.profile(tree.profile_path(s, y)).source.url)
                       for src in report["sources"] for e in src["editions"] for s, y in [(e["jurisdiction"], e["year"])]}
    assert {(s["title"], s["url"]) for s in report["sources"]} == profile_sources
    tn = next(s for s in report["sources"] if {"jurisdiction": "tennessee", "year": 2023} in s["editions"])
    assert tn["title"] == tree.profile(tree.profile_path("tennessee", 2023)).source.title
    assert "Published figures:" in _words(pic(*args).stdout)
    md = pic(*args, "--format", "markdown").stdout
    assert "**Sources**" in md and "- Published figures: Shared Hope International" in md


def test_csv_rows_carry_their_source(pic, tree):
    src = tree.profile(tree.profile_path("georgia", 2023)).source
    ranking = {r["jurisdiction"]: r for r in _csv(pic, "score", "--all", "--year", "2023")}
    assert (ranking["georgia"]["source"], ranking["georgia"]["source_url"]) == (src.title, src.url)
    tiles = {r["jurisdiction"]: r for r in _csv(pic, "map", "--year", "2023")}
    assert tiles["georgia"]["source"] == src.title and tiles["district-of-columbia"]["source"] == ""
    diff = {r["jurisdiction"]: r for r in _csv(pic, "diff", "2021", "2023")}
    assert diff["georgia"]["after_source"] == src.title
    assert diff["georgia"]["before_source"] == tree.profile(tree.profile_path("georgia", 2021)).source.title
    history = {r["year"]: r for r in _csv(pic, "history", "georgia")}
    assert history["2023"]["source_url"] == src.url


def test_scores_from_findings_are_not_passed_off_as_published(pic):
    report = _json(pic, "score", "--all", "--year", "2019")
    assert "Rows with basis findings are scored by pic from the findings recorded in the profile" in \
        report["figures_note"]
    only_published = _json(pic, "score", "--all", "--year", "2023")["figures_note"]
    assert "basis findings" not in only_published


# 6. The README says what is fitted, what is checked and what is inferred -------------------


def _readme() -> str:
    from pathlib import Path

    return (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_says_the_mississippi_match_holds_by_construction():
    text = " ".join(_readme().split())
    assert "never used as input" not in text and "reproduces the published card exactly" not in text
    assert "Mississippi 2019's 91 is by construction." in text
    assert "A contradiction is only what no split allows." in text
    assert "Calibrated from the cards" in text and "pic's hypothesis" in text
    for checked in ("Grades of published-only editions against the scale", "Section sums",
                    "The card's named weaknesses appear as gaps"):
        assert checked in text
    assert "topic-confirmed" in text and "published_inferred" in text and "figures_note" in text


@pytest.mark.parametrize("args", [
    ["score", "mississippi", "--year", "2019"], ["score", "--all", "--year", "2023"], ["gaps", "ms", "--year", "2019"],
    ["history", "ms"], ["diff", "2019", "2023"], ["map", "--year", "2023"], ["frameworks"],
    ["explain", "ms", "6.3", "--year", "2019"], ["whatif", "ms", "--year", "2019", "--close", "4.3"],
])
def test_readme_documents_the_csv_columns_as_they_are(pic, args):
    header = pic(*args, "--format", "csv").stdout.splitlines()[0]
    assert f"`{header}`" in _readme()
