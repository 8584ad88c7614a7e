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
    assert "Max 2.5 points · confidence: reconstructed" in out
    row = next(line for line in lines if line.startswith("6.3.a"))
    assert row.split()[:4] == ["6.3.a", "2.5", "no", "0"]
    assert "gap: no wiretap authority" in out
    # Mississippi's finding names no statute; the note saying so is what it rests on.
    assert "Note: The card states that wiretaps are not" in out
    assert "Points: 6.3.a no 0 = 0 of 2.5" in out


def test_mississippi_wiretap_component_as_json(pic):
    data = _json(pic, "mississippi", "6.3")
    assert (data["jurisdiction"], data["year"], data["framework"], data["basis"]) == ("mississippi", 2019, "pic", "findings")
    assert data["component"] == {"id": "6.3", "title": "Wiretapping is available in these investigations", "max": 2.5,
                                 "confidence": "reconstructed"}
    assert data["score"] == 0
    [crit] = data["criteria"]
    assert (crit["id"], crit["points"], crit["answer"], crit["earned"], crit["gap"]) == (
        "6.3.a", 2.5, "no", 0, "no wiretap authority")
    assert crit["citations"] == [] and crit["note"].startswith("The card states that wiretaps are not available")
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
    result = pic("explain", "texas", "6.3")  # Texas's newest profile is under report-cards
    assert result.exit_code == 2
    assert "report-cards framework, which defines no components" in result.stderr
    assert "2011, 2012, 2015, 2016, 2017; use --year" in result.stderr
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
    assert result.stdout.splitlines()[0] == "jurisdiction,year,component,criterion,question,points,answer,earned,citations,note"
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["criterion"], r["answer"], r["earned"]) for r in rows] == [
        ("5.9.a", "no", "0"), ("5.9.b", "yes", "1"), ("5.9.c", "no", "0")]


def test_markdown_is_a_table(pic):
    out = pic("explain", "ms", "6.3", "--format", "markdown", "--year", "2019").stdout
    assert out.startswith("**Mississippi 2019, 6.3 Wiretapping")
    assert "| 6.3.a |" in out


@pytest.mark.parametrize("args", [("ms", "6.3"), ("ms", "5.10"), ("5.9",), ("sd", "6.3", "-y", "2019")])
def test_tables_fit_80_columns(pic, args):
    out = pic("explain", *args, env={"COLUMNS": "80"}).stdout
    assert all(len(line.rstrip()) <= 80 for line in out.splitlines()), out


# -- core ---------------------------------------------------------------------------------


def test_looks_like_component():
    assert looks_like_component("6.3") and looks_like_component("10.12") and looks_like_component("6.3.a")
    assert not looks_like_component("mississippi") and not looks_like_component("6") and not looks_like_component("ms.yaml")


def test_explain_component_adds_the_points_of_yes_answers(tree):
    framework = tree.framework("pic")
    profile = tree.profile(tree.profile_path("mississippi", 2019))
    for comp in framework.components.values():
        ex = explain_component(framework, comp, profile)
        assert ex.score == sum(c.points for c in comp.criteria if profile.findings[c.id].answer == "yes")
        assert [r.criterion.id for r in ex.criteria] == [c.id for c in comp.criteria]


def test_find_component_by_component_or_criterion_id(tree):
    framework = tree.framework("pic")
    assert find_component(framework, "6.3").id == "6.3"
    assert find_component(framework, "6.3.A").id == "6.3"
    with pytest.raises(UsageError) as err:
        find_component(framework, "6.31")
    assert "6.3" in err.value.suggestions
