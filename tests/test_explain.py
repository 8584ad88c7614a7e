"""pic explain: a component's criteria, a state's answers and citations, and the sum."""

from __future__ import annotations

import csv
import io
import json

import pytest
from jsonschema import Draft202012Validator

from pic.core.analysis import explain_component, find_component, looks_like_component
from pic.core.errors import UsageError
from pic.core.load import builtin_root


def _validator(kind: str) -> Draft202012Validator:
    schema = json.loads((builtin_root() / "schemas" / f"{kind}.output.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _json(pic, *args):
    result = pic("explain", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- acceptance -------------------------------------------------------------------------


def test_mississippi_wiretap_component_shows_the_answer_and_what_it_rests_on(pic):
    result = pic("explain", "mississippi", "6.3", "--year", "2019")
    assert result.exit_code == 0
    out = result.stdout
    lines = out.splitlines()
    assert lines[0].split() == ["Mississippi", "2019", "Protected", "Innocence", "Challenge"]
    assert lines[1] == "6.3  Wiretapping is available in these investigations"
    assert "Section 6: Tools for investigators and prosecutors" in out
    assert "(card: “Criminal Justice Tools for Investigation" in out
    assert "Max 2.5 points · confidence: reconstructed by pic: topic, criteria and points" in out
    row = next(i for i, line in enumerate(lines) if line.startswith("6.3.a"))
    # answered no on the card, but 6.3.a shares section 6's loss of 2.5 with 6.5.a and the card
    # does not split it: what it earns is a range, marked as an inference
    assert lines[row].split()[:4] == ["6.3.a", "2.5", "no", "0–2.5"]
    assert lines[row + 1].split()[:3] == ["inferred:", "shared", "loss"]
    assert "gap: no wiretap authority" in out
    # Mississippi's finding names no statute; the note saying so is what it rests on.
    assert "Note: The card states that wiretapping is not allowed" in " ".join(out.split())
    assert "Points: 6.3.a no 0–2.5 = 0–2.5 of 2.5 (a shared loss" in out


def test_mississippi_wiretap_component_as_json(pic):
    data = _json(pic, "mississippi", "6.3")  # newest edition with findings: 2019, the 2025 record named
    assert (data["jurisdiction"], data["year"], data["framework"], data["basis"]) == ("mississippi", 2019, "pic", "findings")
    assert data["newest_edition"]["year"] == 2025 and data["newest_edition"]["framework"] == "just-like-me"
    assert data["component"] == {"id": "6.3", "title": "Wiretapping is available in these investigations", "max": 2.5,
                                 "confidence": "reconstructed",
                                 "confidence_note": "reconstructed by pic: topic, criteria and points",
                                 # one criterion: it carries the component's whole weight
                                 "split": "fixed", "split_cards": [], "hypothesis_allowed": True}
    assert data["section"]["card_title"] == "Criminal Justice Tools for Investigation and Prosecution"
    assert (data["score"], data["score_min"], data["score_max"]) == (None, 0, 2.5)
    [crit] = data["criteria"]
    assert (crit["id"], crit["points"], crit["answer"], crit["earned"], crit["gap"]) == (
        "6.3.a", 2.5, "no", None, "no wiretap authority")
    assert (crit["earned_min"], crit["earned_max"], crit["basis"], crit["inferred"]) == (0, 2.5, "shared-loss", True)
    assert crit["citations"] == [] and crit["note"].startswith("The card states that wiretapping is not allowed")
    assert data["met"] == [] and data["unknown"] == []
    assert data["published_section_score"] == 12.5


def test_a_component_with_citations_and_a_partial_score(pic):
    data = _json(pic, "ms", "2.1")
    assert data["score"] == 2
    assert [(c["id"], c["answer"], c["earned"]) for c in data["criteria"]] == [("2.1.a", "yes", 2), ("2.1.b", "no", 0)]
    assert data["criteria"][0]["citations"] == ["Mississippi human trafficking law"]
    assert data["met"] == ["2.1.a"]
    table = pic("explain", "ms", "2.1", "--year", "2019").stdout
    assert "Citations: Mississippi human trafficking law" in table
    assert "Points: 2.1.a yes 2 + 2.1.b no 0 = 2 of 2.5" in table


def test_component_alone_shows_the_framework_without_a_state(pic):
    result = pic("explain", "5.9")
    assert result.exit_code == 0
    out = result.stdout
    assert out.splitlines()[0] == "Protected Innocence Challenge (pic)"
    assert "5.9  Juvenile records from victimization can be cleared" in out
    assert "Answer" not in out and "Earned" not in out
    assert "gap: no vacatur for minors" in out
    assert "5.9.a 1 + 5.9.b 1 + 5.9.c 0.5 = 2.5" in out
    data = _json(pic, "5.9")
    assert (data["jurisdiction"], data["name"], data["year"], data["basis"], data["score"]) == (None,) * 5
    assert [c["id"] for c in data["criteria"]] == ["5.9.a", "5.9.b", "5.9.c"]
    assert {c["answer"] for c in data["criteria"]} == {None}


# -- how arguments are read ---------------------------------------------------------------


@pytest.mark.parametrize("args", [("mississippi", "6.3"), ("6.3", "mississippi"), ("MS", "6.3.a"),
                                  ("Mississippi", "6.3", "--year", "2019")])
def test_state_and_component_in_either_order_and_a_criterion_names_its_component(pic, args):
    data = _json(pic, *args)
    assert (data["jurisdiction"], data["component"]["id"]) == ("mississippi", "6.3")


def test_a_profile_file_may_stand_for_the_state(pic, tree):
    data = _json(pic, str(tree.profile_path("mississippi", 2019)), "6.3")
    assert data["criteria"][0]["answer"] == "no"


def test_unknown_component_is_a_usage_error_with_close_matches(pic):
    result = pic("explain", "mississippi", "6.30", "--year", "2019")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("pic: error: no component '6.30' in the pic framework")
    assert "Did you mean: 6.3" in result.stderr
    assert pic("explain", "9.9").exit_code == 2


def test_a_state_without_a_component_is_a_usage_error(pic):
    result = pic("explain", "mississippi", "--year", "2019")
    assert result.exit_code == 2
    assert "pic explain mississippi 6.3" in result.stderr


def test_unknown_state_is_a_usage_error(pic):
    result = pic("explain", "missisipi", "6.3")
    assert result.exit_code == 2
    assert "Did you mean: mississippi?" in result.stderr


def test_published_only_profile_shows_the_criteria_without_answers(pic):
    result = pic("explain", "south-dakota", "6.3", "--year", "2019")
    assert result.exit_code == 0
    assert "No findings are recorded for South Dakota 2019." in result.stdout
    assert "Answer" not in result.stdout
    data = _json(pic, "south-dakota", "6.3", "--year", "2019")
    assert data["basis"] == "published" and data["score"] is None
    assert data["criteria"][0]["answer"] is None and data["criteria"][0]["earned"] is None


def test_a_framework_without_components_says_which_editions_have_them(pic):
    result = pic("explain", "texas", "6.3", "--year", "2023")  # Texas 2023 is under report-cards
    assert result.exit_code == 2
    assert "report-cards framework, which defines no components" in result.stderr
    assert "2011, 2012, 2015, 2016, 2017; use --year" in result.stderr
    # without --year: the newest edition with findings (2015, partial), the 2023 record named
    fallback = pic("explain", "texas", "6.3", "--format", "json")
    assert fallback.exit_code == 0
    data = json.loads(fallback.stdout)
    assert (data["year"], data["framework"], data["newest_edition"]["year"]) == (2015, "pic", 2023)
    assert data["newest_edition"]["framework"] == "report-cards" and "2023" in fallback.stderr
    result = pic("explain", "6.3", "--framework", "report-cards")
    assert result.exit_code == 2 and "defines no components" in result.stderr


def test_framework_option(pic):
    assert _json(pic, "6.3", "--framework", "pic")["framework"] == "pic"
    assert _json(pic, "6.3", "--year", "2015")["framework"] == "pic"
    assert pic("explain", "6.3", "--framework", "nope").exit_code == 2
    assert pic("explain", "6.3", "--framework", "pic", "--year", "2023").exit_code == 2
    both = pic("explain", "ms", "6.3", "--framework", "pic", "--year", "2019")
    assert both.exit_code == 2 and "--framework applies only" in both.stderr


# -- formats ------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [("ms", "6.3"), ("ms", "5.9"), ("5.9",), ("sd", "6.3", "--year", "2019")])
def test_json_validates_against_the_published_schema(pic, args):
    data = _json(pic, *args)
    errors = list(_validator("explain").iter_errors(data))
    assert not errors, errors[0].message
    assert data["schema_version"] == "1.0"


def test_csv_has_one_row_per_criterion(pic):
    result = pic("explain", "ms", "5.9", "--format", "csv", "--year", "2019")
    assert result.exit_code == 0
    # the original columns first, in their order; new ones appended
    assert result.stdout.splitlines()[0] == ("jurisdiction,year,component,criterion,question,points,answer,earned,"
                                             "citations,note,basis,inferred,confidence,earned_min,earned_max")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    # 5.9.a and 5.9.c share section 5's loss: earned is open (empty, never 0), its range beside it
    assert [(r["criterion"], r["answer"], r["earned"], r["earned_min"], r["earned_max"], r["basis"], r["inferred"])
            for r in rows] == [("5.9.a", "no", "", "0", "1", "shared-loss", "true"),
                               ("5.9.b", "yes", "1", "1", "1", "card", "false"),
                               ("5.9.c", "no", "", "0", "0.5", "shared-loss", "true")]
    assert {r["confidence"] for r in rows} == {"reconstructed"}


def test_markdown_is_a_table(pic):
    out = pic("explain", "ms", "6.3", "--format", "markdown", "--year", "2019").stdout
    assert out.startswith("## Mississippi 2019, 6.3 Wiretapping is available in these investigations: 0–2.5 of 2.5\n")
    row = next(line for line in out.splitlines() if line.startswith("| 6.3.a |"))
    assert [c.strip() for c in row.strip("|").split("|")][2:] == ["2.5", "no", "0", "2.5", "shared-loss", "true"]


@pytest.mark.parametrize("args", [("ms", "6.3"), ("ms", "5.10"), ("5.9",), ("sd", "6.3", "-y", "2019")])
def test_tables_fit_80_columns(pic, args):
    out = pic("explain", *args, env={"COLUMNS": "80"}).stdout
    assert all(len(line.rstrip()) <= 80 for line in out.splitlines()), out


# -- core ---------------------------------------------------------------------------------


def test_looks_like_component():
    assert looks_like_component("6.3") and looks_like_component("10.12") and looks_like_component("6.3.a")
    assert not looks_like_component("mississippi") and not looks_like_component("6") and not looks_like_component("ms.yaml")


# Mississippi 2019's components whose points a shared loss leaves open (section 5: ten criteria
# worth 7.5 lose 6 together; section 6: 6.3.a and 6.5.a, worth 5, lose 2.5 together), by hand:
# a member worth p in a group losing L whose other members are worth R loses
# max(0, L - R)..min(p, L), so it earns p - min(p, L)..p - max(0, L - R).
MS_OPEN_COMPONENTS = {"5.1": (0, 1.5), "5.7": (1.5, 2.5), "5.8": (1.5, 2.5), "5.9": (1, 2.5), "5.10": (1.5, 2.5),
                      "5.11": (2, 2.5), "6.3": (0, 2.5), "6.5": (0, 2.5),
                      # answers the card does not discuss: unknown, under pic's split none to all
                      "2.9": (0, 2.5), "3.3": (0, 2.5)}


def test_explain_component_adds_the_points_of_yes_answers(tree):
    framework = tree.framework("pic")
    profile = tree.profile(tree.profile_path("mississippi", 2019))
    shared = {cid for group in profile.shared_losses for cid in group.criteria}
    for comp in framework.components.values():
        ex = explain_component(framework, comp, profile)
        assert [r.criterion.id for r in ex.criteria] == [c.id for c in comp.criteria]
        for row in ex.criteria:
            cid, points = row.criterion.id, row.criterion.points
            if profile.findings[cid].answer == "yes":
                assert (row.earned, row.earned_min, row.earned_max) == (points, points, points), cid
            elif profile.findings[cid].answer == "unknown":  # 2.9.a, 2.9.b, 3.3.a: none to all
                assert (row.earned, row.earned_min, row.earned_max) == (None, 0, points), cid
            elif cid not in shared:
                assert (row.earned, row.earned_min, row.earned_max) == (0, 0, 0), cid
            else:
                assert row.earned is None and row.loss is not None, cid
                assert (row.earned_min, row.earned_max) == (points - row.loss[1], points - row.loss[0]), cid
        assert ex.score_min == sum(r.earned_min for r in ex.criteria)
        assert ex.score_max == sum(r.earned_max for r in ex.criteria)
        if comp.id in MS_OPEN_COMPONENTS:
            assert ex.score is None and (ex.score_min, ex.score_max) == MS_OPEN_COMPONENTS[comp.id], comp.id
        else:
            yes = sum(c.points for c in comp.criteria if profile.findings[c.id].answer == "yes")
            assert ex.score == ex.score_min == ex.score_max == yes, comp.id


def test_find_component_by_component_or_criterion_id(tree):
    framework = tree.framework("pic")
    assert find_component(framework, "6.3").id == "6.3"
    assert find_component(framework, "6.3.A").id == "6.3"
    with pytest.raises(UsageError) as err:
        find_component(framework, "6.31")
    assert "6.3" in err.value.suggestions
