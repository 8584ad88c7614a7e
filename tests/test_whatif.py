"""pic whatif: the score if gaps were closed, and the fewest gaps to a better grade."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from pic.core.analysis import fewest_gaps_to_reach, plan_grades, resolve_gap, what_if
from pic.core.errors import UsageError
from pic.core.load import build_framework, builtin_root
from pic.core.model import Finding, Profile, Source
from pic.core.score import find_gaps

# Mississippi 2019's 15 gaps (11.5 points at stake: section 5's ten share a loss of 6,
# 6.3.a and 6.5.a share a loss of 2.5), by criterion in framework order.
MS_GAPS = ["2.1.b", "4.3.a", "4.3.b", "5.1.a", "5.7.b", "5.7.c", "5.8.b", "5.8.d", "5.9.a", "5.9.c", "5.10.b",
           "5.10.d", "5.11.c", "6.3.a", "6.5.a"]


def _json(pic, *args, env=None):
    result = pic("whatif", *args, "--format", "json", env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _sections(state: dict) -> dict[str, float]:
    return {s["id"]: s["score"] for s in state["sections"]}


# -- acceptance -------------------------------------------------------------------------


def test_closing_the_wiretap_gap_gives_91_to_93_5_because_its_loss_is_shared(pic):
    """6.3.a and 6.5.a lose 2.5 together and the card does not split it: closing 6.3.a alone
    gains 0 to 2.5 (all of section 6's loss may sit on 6.5.a), never a made-up exact 93.5."""
    data = _json(pic, "mississippi", "--close", "no wiretap authority")
    assert data["year"] == 2019 and data["newest_edition"]["year"] == 2025
    before, after = data["before"], data["after"]
    assert (before["score"], before["grade"]) == (91, "A")
    assert (after["score"], after["score_min"], after["score_max"]) == (None, 91, 93.5)
    assert (after["grade"], after["grade_min"], after["grade_max"]) == ("A", "A", "A")
    assert _sections(before) == {"1": 10, "2": 24.5, "3": 15, "4": 7.5, "5": 21.5, "6": 12.5}
    assert _sections(after) == {"1": 10, "2": 24.5, "3": 15, "4": 7.5, "5": 21.5, "6": None}
    section_6 = next(s for s in after["sections"] if s["id"] == "6")
    assert (section_6["score_min"], section_6["score_max"], section_6["max"]) == (12.5, 15, 15)
    assert data["closed"] == [{"criterion": "6.3.a", "label": "no wiretap authority", "points": None,
                               "points_min": 0, "points_max": 2.5, "answer": "no", "basis": "shared-loss",
                               "inferred": True, "component": "6.3", "section": "6"}]
    assert (data["points_gained"], data["points_gained_min"], data["points_gained_max"]) == (None, 0, 2.5)


def test_closing_both_members_of_section_6s_shared_loss_gives_exactly_93_5(pic):
    data = _json(pic, "mississippi", "--year", "2019", "--close", "6.3.a", "--close", "6.5.a")
    assert (data["after"]["score"], data["after"]["grade"]) == (93.5, "A")
    assert _sections(data["after"]) == {"1": 10, "2": 24.5, "3": 15, "4": 7.5, "5": 21.5, "6": 15}
    assert (data["points_gained"], data["points_gained_min"], data["points_gained_max"]) == (2.5, 2.5, 2.5)
    assert [g["criterion"] for g in data["closed"]] == ["6.3.a", "6.5.a"]


def test_wiretap_table(pic):
    result = pic("whatif", "mississippi", "--close", "no wiretap authority", "--year", "2019")
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    row = next(i for i, line in enumerate(lines) if "no wiretap authority" in line)
    assert lines[row].split() == ["+0–2.5", "no", "wiretap", "authority", "6.3.a", "no"]
    assert lines[row + 1].split() == ["inferred:", "shared", "loss"]
    section_6 = next(line for line in lines if line.startswith("6 "))
    assert section_6.split()[-4:] == ["12.5", "12.5–15", "15", "+0–2.5"]
    total = next(line for line in lines if line.split()[:1] == ["Total"])
    assert total.split() == ["Total", "91", "91–93.5", "102.5", "+0–2.5"]
    grade = next(line for line in lines if line.split()[:1] == ["Grade"])
    assert grade.split() == ["Grade", "A", "A"]
    assert "at the lowest score they allow: 91, grade A" in result.stdout
    both = pic("whatif", "mississippi", "-c", "6.3.a", "-c", "6.5.a", "--year", "2019").stdout.splitlines()
    assert next(line for line in both if line.split()[:1] == ["Total"]).split() == ["Total", "91", "93.5", "102.5",
                                                                                    "+2.5"]


def test_closing_every_gap_gives_the_maximum(pic):
    closes = list(itertools.chain.from_iterable(("--close", g) for g in MS_GAPS))
    data = _json(pic, "mississippi", *closes)
    # Every gap the card names, closed: 102 to 102.5, not a sure 102.5. Section 2's lost half
    # point may sit on 2.1.b or on 2.9, which the card does not discuss (unknown): over the
    # splits the cards allow, 2.1.b's share is 0 to 0.5.
    assert (data["after"]["score"], data["after"]["score_min"], data["after"]["score_max"]) == (None, 102, 102.5)
    assert data["after"]["grade"] == "A"
    assert (data["points_gained"], data["points_gained_min"], data["points_gained_max"]) == (None, 11, 11.5)
    assert [g["criterion"] for g in data["closed"]] == MS_GAPS
    assert all(s["score"] == s["max"] for s in data["after"]["sections"] if s["id"] != "2")


def test_closing_every_gap_by_component(pic):
    components = sorted({c.rsplit(".", 1)[0] for c in MS_GAPS})
    data = _json(pic, "mississippi", *itertools.chain.from_iterable(("-c", c) for c in components))
    assert (data["after"]["score_min"], data["after"]["score_max"]) == (102, 102.5)
    assert [g["criterion"] for g in data["closed"]] == MS_GAPS
    assert data["already_met"] == []


def test_the_plan_for_mississippi_says_it_is_already_an_a(pic):
    data = _json(pic, "mississippi")

    def figures(state: dict) -> dict:
        return {**state, "sections": [{k: v for k, v in s.items() if not k.startswith("gain_")}
                                      for s in state["sections"]]}

    assert data["closed"] == [] and figures(data["after"]) == figures(data["before"])
    plan = data["plan"]
    assert (plan["from_score"], plan["from_grade"], plan["next_grade"]) == (91, "A", None)
    assert plan["top_grade"] == {"grade": "A", "min_score": 90, "status": "reached", "gaps": [], "points": 0,
                                 "score_after": 91, "calibrated": "every"}
    out = pic("whatif", "mississippi", "--year", "2019").stdout
    assert "Now 91 of 102.5, grade A" in out
    assert "Mississippi is already an A (A ≥ 90): no gaps need closing for the top grade." in out


# -- naming gaps --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["6.3.a", "6.3.A", "6.3", "no wiretap authority", "NO WIRETAP AUTHORITY",
                                  "no wire", "  No   Wiretap ", "wiretap"])
def test_a_gap_by_id_label_prefix_or_word(pic, name):
    data = _json(pic, "ms", "--close", name)
    assert [g["criterion"] for g in data["closed"]] == ["6.3.a"]


def test_a_component_closes_all_its_open_criteria(pic):
    data = _json(pic, "ms", "--close", "5.9")
    assert [g["criterion"] for g in data["closed"]] == ["5.9.a", "5.9.c"]
    # They share section 5's loss of 6 with eight others, and the card's figures allow all of it
    # to sit elsewhere; over the splits the cards allow they are worth up to 2.5 together (5.9.b
    # is met): they gain 0 to 2.5.
    assert (data["after"]["score"], data["after"]["score_min"], data["after"]["score_max"]) == (None, 91, 93.5)
    assert (data["points_gained_min"], data["points_gained_max"]) == (0, 2.5)


def test_naming_a_gap_twice_closes_it_once(pic):
    data = _json(pic, "ms", "-c", "6.3", "-c", "6.3.a", "-c", "wiretap")
    assert (data["after"]["score_min"], data["after"]["score_max"]) == (91, 93.5) and len(data["closed"]) == 1
    assert data["points_gained_max"] == 2.5


def test_unknown_gap_is_a_usage_error_with_close_matches(pic):
    result = pic("whatif", "ms", "--close", "wiretp", "--year", "2019")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("pic: error: unknown gap 'wiretp' in the pic framework")
    assert result.stderr.rstrip().endswith("Did you mean: no wiretap authority?")


def test_ambiguous_gap_is_a_usage_error_listing_the_matches(pic):
    result = pic("whatif", "ms", "--close", "sex tourism", "--year", "2019")
    assert result.exit_code == 2
    assert "gap 'sex tourism' is ambiguous" in result.stderr
    assert "no child sex tourism offence, no offence for promoting sex tourism" in result.stderr
    many = pic("whatif", "ms", "--close", "no", "--year", "2019")
    assert many.exit_code == 2 and "more?" in many.stderr


def test_a_gap_already_met_is_a_note_not_an_error(pic):
    result = pic("whatif", "ms", "--close", "1.1.a", "--close", "6.3.a", "--format", "json", "--year", "2019")
    assert result.exit_code == 0
    assert result.stderr.strip() == ("pic: 1.1.a (no sex trafficking offence) is already met in Mississippi 2019; "
                                     "nothing to close.")
    data = json.loads(result.stdout)
    assert data["already_met"] == ["1.1.a"] and [g["criterion"] for g in data["closed"]] == ["6.3.a"]
    assert (data["after"]["score_min"], data["after"]["score_max"]) == (91, 93.5)
    component = pic("whatif", "ms", "--close", "1.1", "--year", "2019")
    assert component.exit_code == 0
    assert "component 1.1 has no open gaps in Mississippi 2019" in component.stderr
    assert pic("whatif", "ms", "--close", "1.1", "--quiet", "--year", "2019").stderr == ""


def test_a_profile_without_findings_has_no_gaps_to_close(pic):
    result = pic("whatif", "south-dakota", "--year", "2019")
    assert result.exit_code == 2 and "no findings are recorded" in result.stderr
    result = pic("whatif", "texas", "--year", "2023")  # report-cards: published figures, no criteria
    assert result.exit_code == 2 and "defines no criteria" in result.stderr
    # without --year, whatif falls back to Texas 2015 (partial findings) and says the newest edition is 2023
    fallback = _json(pic, "texas")
    assert fallback["year"] == 2015 and fallback["newest_edition"]["year"] == 2023
    # Texas 2015's own card pins its score over the splits the cards allow: 90.5 (by construction);
    # the findings alone leave 7.5 to 102.5
    assert (fallback["before"]["score"], fallback["before"]["score_min"], fallback["before"]["score_max"]) == (
        90.5, 90.5, 90.5)
    assert (fallback["before"]["findings_min"], fallback["before"]["findings_max"]) == (7.5, 102.5)


# -- plans from a weaker profile --------------------------------------------------------------


def _flip_to_no(text: str, criteria: list[str]) -> str:
    for cid in criteria:
        text, n = re.subn(rf"^(  {re.escape(cid)}:\n    answer: )(yes|unknown)$", r"\1no", text, flags=re.MULTILINE)
        assert n == 1, cid
    return text


def _answer(text: str, criteria: list[str], answer: str) -> str:
    for cid in criteria:
        text, n = re.subn(rf"^(  {re.escape(cid)}:\n    answer: )unknown$", rf"\1{answer}", text, flags=re.MULTILINE)
        assert n == 1, cid
    return text


# Every 2.5-point criterion Mississippi 2019 meets, in framework order. Each is worth 2.5 for
# sure; the other 2.5-point gaps (5.1.a, 6.3.a, 6.5.a) share a loss, so closing one is sure of
# less (5.1.a: 1; 6.3.a and 6.5.a: 0) and never beats these in a plan.
WEAKER = ["1.2.a", "2.6.a", "3.3.a", "5.5.a", "5.6.a", "6.2.a"]


@pytest.fixture
def weaker(data_copy: Path) -> Path:
    """A complete hypothetical: Mississippi 2019 with the two answers its card leaves unknown at
    2.9 answered yes, and six 2.5-point criteria answered no: 76 points under pic's own split, a C."""
    path = data_copy / "states" / "mississippi" / "2019.yaml"
    text = path.read_text(encoding="utf-8")
    text = _answer(text, ["2.9.a", "2.9.b"], "yes")
    text = _flip_to_no(text, WEAKER)
    text = re.sub(r"^published:\n(  .*\n)+", "", text, flags=re.MULTILINE)  # its figures no longer apply
    path.write_text(text, encoding="utf-8")
    return data_copy


@pytest.mark.slow
def test_plan_takes_the_biggest_gaps_first_with_ties_in_section_order(pic, weaker):
    data = _json(pic, "mississippi", "--data", str(weaker))
    # plans are made under pic's own split: 76, a C
    assert (data["hypothesis_after_min"], data["plan"]["from_score"], data["plan"]["from_grade"]) == (76, 76, "C")
    nxt, top = data["plan"]["next_grade"], data["plan"]["top_grade"]
    assert (nxt["grade"], nxt["status"], nxt["points"], nxt["score_after"]) == ("B", "reachable", 5, 81)
    assert [g["criterion"] for g in nxt["gaps"]] == ["1.2.a", "2.6.a"]
    assert (top["grade"], top["status"], top["points"], top["score_after"]) == ("A", "reachable", 15, 91)
    assert [g["criterion"] for g in top["gaps"]] == WEAKER
    out = pic("whatif", "mississippi", "--data", str(weaker)).stdout
    assert "To reach B (the next grade, 80 or more): close 2 gaps, +5 points → 81" in out
    assert "To reach A (the top grade, 90 or more): close 6 gaps, +15 points → 91" in out


def test_plan_starts_from_the_score_after_the_closed_gaps(pic, weaker):
    data = _json(pic, "mississippi", "--data", str(weaker), "--close", "6.2.a")
    assert data["hypothesis_after_min"] == data["hypothesis_after_max"] == 78.5
    plan = data["plan"]
    assert plan["from_grade"] == "C"
    assert plan["from_score"] == 78.5
    assert [g["criterion"] for g in plan["next_grade"]["gaps"]] == ["1.2.a"]
    assert "6.2.a" not in [g["criterion"] for g in plan["top_grade"]["gaps"]]


@pytest.mark.slow
def test_plan_when_the_next_grade_is_the_top_one(pic, weaker):
    data = _json(pic, "mississippi", "--data", str(weaker), "-c", "2.6.a", "-c", "3.3.a")
    plan = data["plan"]
    assert plan["from_grade"] == "B"
    assert plan["next_grade"] == plan["top_grade"]
    assert [g["criterion"] for g in plan["top_grade"]["gaps"]] == ["1.2.a", "5.5.a", "5.6.a", "6.2.a"]
    out = pic("whatif", "mississippi", "--data", str(weaker), "-c", "2.6.a", "-c", "3.3.a").stdout
    assert out.count("To reach A") == 1 and "(the next and top grade, 90 or more)" in out


# -- formats ------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [("ms",), ("ms", "-c", "wiretap"), ("ms", "-c", "1.1")])
def test_json_validates_against_the_published_schema(pic, args):
    schema = json.loads((builtin_root() / "schemas" / "whatif.output.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    data = _json(pic, *args)
    errors = list(Draft202012Validator(schema).iter_errors(data))
    assert not errors, errors[0].message
    assert data["schema_version"] == "1.0"


@pytest.mark.slow
def test_json_of_a_plan_validates_too(pic, weaker):
    schema = json.loads((builtin_root() / "schemas" / "whatif.output.schema.json").read_text(encoding="utf-8"))
    data = _json(pic, "mississippi", "--data", str(weaker), "-c", "6.2")
    assert not list(Draft202012Validator(schema).iter_errors(data))


def test_csv_rows_say_what_they_are(pic):
    result = pic("whatif", "ms", "-c", "wiretap", "--format", "csv", "--year", "2019")
    assert result.exit_code == 0
    # the original columns first, in their order; new ones appended after them
    assert result.stdout.splitlines()[0] == ("jurisdiction,year,kind,criterion,label,points,section,before,after,max,grade,"
                                             "basis,inferred,points_min,points_max,after_min,after_max")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["kind"] for r in rows] == ["section"] * 6 + ["total", "grade", "closed"]
    total = next(r for r in rows if r["kind"] == "total")
    # an open figure is an empty cell with its range beside it, never 0 or the best case
    assert (total["before"], total["after"], total["points"]) == ("91", "", "")
    assert (total["after_min"], total["after_max"], total["points_min"], total["points_max"]) == ("91", "93.5", "0",
                                                                                                    "2.5")
    section_6 = next(r for r in rows if r["kind"] == "section" and r["section"] == "6")
    assert (section_6["before"], section_6["after"], section_6["max"]) == ("12.5", "", "15")
    assert (section_6["after_min"], section_6["after_max"]) == ("12.5", "15")
    section_1 = next(r for r in rows if r["kind"] == "section" and r["section"] == "1")
    assert (section_1["after"], section_1["after_min"], section_1["after_max"], section_1["points"]) == ("10", "10",
                                                                                                       "10", "0")
    assert [(r["criterion"], r["points"], r["points_min"], r["points_max"], r["section"], r["basis"], r["inferred"])
            for r in rows if r["kind"] == "closed"] == [("6.3.a", "", "0", "2.5", "6", "shared-loss", "true")]


@pytest.mark.slow
def test_csv_lists_the_plan(pic, weaker):
    rows = list(csv.DictReader(io.StringIO(pic("whatif", "ms", "--data", str(weaker), "-f", "csv").stdout)))
    assert [(r["criterion"], r["grade"]) for r in rows if r["kind"] == "plan_next_grade"] == [("1.2.a", "B"),
                                                                                               ("2.6.a", "B")]
    assert len([r for r in rows if r["kind"] == "plan_top_grade"]) == 6


@pytest.mark.parametrize("args", [("ms",), ("ms", "-c", "5.9", "-c", "4.3")])
def test_tables_fit_80_columns(pic, args):
    out = pic("whatif", *args, env={"COLUMNS": "80"}).stdout
    assert all(len(line.rstrip()) <= 80 for line in out.splitlines()), out


@pytest.mark.slow
def test_weaker_tables_fit_80_columns(pic, weaker):
    out = pic("whatif", "ms", "--data", str(weaker), env={"COLUMNS": "80"}).stdout
    assert all(len(line.rstrip()) <= 80 for line in out.splitlines()), out


# -- core ---------------------------------------------------------------------------------


def _framework(points: list[float], scale: list[tuple[str, float]]):
    """One section, one component per criterion, criteria worth `points`."""
    comps = [{"id": f"1.{i + 1}", "title": f"c{i + 1}", "max": p,
              "criteria": [{"id": f"1.{i + 1}.a", "question": "?", "points": p, "gap": f"gap {i + 1}",
                            "recommendation": "r"}]} for i, p in enumerate(points)]
    return build_framework({
        "id": "t", "title": "T", "publisher": "P", "source": {"title": "s"}, "years": {"first": 2000},
        "max_score": sum(points), "grade_scale": [{"grade": g, "min": m} for g, m in scale],
        "sections": [{"id": "1", "title": "S", "max": sum(points), "components": comps}],
    })


def _profile(framework, yes: set[str]) -> Profile:
    findings = {cid: Finding(cid, "yes" if cid in yes else "no", note="n") for cid in framework.criteria}
    return Profile("alabama", 2000, framework.id, Source("s"), None, findings)


def test_unreachable_grade_is_said_so():
    framework = _framework([1, 2], [("A", 5), ("F", 0)])
    plan = plan_grades(framework, 0, find_gaps(framework, _profile(framework, set())))
    assert plan.next_grade == plan.top_grade
    assert (plan.top_grade.status, plan.top_grade.steps, plan.top_grade.score_after) == ("unreachable", (), 3)


def test_no_grade_scale_means_no_plan():
    framework = _framework([1, 2], [])
    result = what_if(framework, _profile(framework, set()), [resolve_gap(framework, "1.1.a")])
    assert result.plan is None and result.after.score == 1


def test_resolve_gap_errors_carry_suggestions(tree):
    framework = tree.framework("pic")
    with pytest.raises(UsageError) as err:
        resolve_gap(framework, "6.3.z")
    assert "6.3.a" in err.value.suggestions
    with pytest.raises(UsageError):
        resolve_gap(framework, "   ")


half_points = st.integers(min_value=1, max_value=6).map(lambda n: n / 2)


@settings(max_examples=150, deadline=None)
@given(st.lists(half_points, min_size=1, max_size=8), st.integers(min_value=0, max_value=60).map(lambda n: n / 2))
def test_greedy_plan_is_the_fewest_gaps_and_breaks_ties_in_framework_order(points, target):
    framework = _framework(points, [("A", target), ("F", 0)] if target > 0 else [("A", 0)])
    gaps = find_gaps(framework, _profile(framework, set()))
    steps = fewest_gaps_to_reach(0.0, target, gaps)
    # The smallest number of criteria whose points reach the target, by brute force.
    fewest = next((k for k in range(len(points) + 1)
                   if any(sum(c) >= target for c in itertools.combinations(points, k))), None)
    if fewest is None:
        assert steps is None
        return
    assert steps is not None and len(steps) == fewest
    assert sum(g.points for g in steps) >= target
    order = list(framework.criteria)
    for a, b in zip(steps, steps[1:]):
        assert a.points > b.points or (a.points == b.points and order.index(a.criterion.id) < order.index(b.criterion.id))
