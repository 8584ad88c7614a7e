"""Broken profiles: every problem located by file, line, column and key; no traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ms_2019_text


def _break(data_copy: Path, text: str) -> Path:
    path = data_copy / "states" / "mississippi" / "2019.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(text: str, needle: str) -> int:
    """The line of the last occurrence: where a repeated key is, the second one is the problem."""
    return [i for i, line in enumerate(text.splitlines(), 1) if needle in line][-1]


def _cases() -> dict[str, tuple[str, str, str]]:
    """name -> (broken text, expected message fragment, the line's text the problem is on)."""
    good = ms_2019_text()
    cases = {}
    # Syntax: an unclosed flow mapping.
    broken = good.replace('sections: {"1": 10,', 'sections: {"1": 10,, ]', 1)
    cases["syntax"] = (broken, "YAML syntax error", 'sections: {"1": 10,, ]')
    # A key given twice.
    broken = good.replace("year: 2019\n", "year: 2019\nyear: 2019\n", 1)
    cases["duplicate"] = (broken, "duplicate key 'year' (first given on line", "year: 2019")
    # A wrong type: text where the year must be a number.
    broken = good.replace("year: 2019\n", "year: twenty-nineteen\n", 1)
    cases["wrong-type"] = (broken, "expected a whole number, found the text 'twenty-nineteen'", "year: twenty-nineteen")
    # An answer that is not yes/no/unknown.
    broken = re.sub(r"(\n  1\.1\.a:\n    answer:) yes", r"\1 maybe", good, count=1)
    cases["bad-answer"] = (broken, "must be one of yes, no, unknown", "answer: maybe")
    # A criterion the framework does not define.
    broken = good.replace("\n  1.1.a:\n", "\n  1.1.z:\n    answer: yes\n    note: invented\n  1.1.a:\n", 1)
    cases["unknown-criterion"] = (broken, "'1.1.z' is not a criterion of the pic framework", "1.1.z:")
    # Anchors and aliases.
    broken = good.replace("source:\n", "source: &src\n", 1) + "extra: *src\n"
    cases["alias"] = (broken, "anchors and aliases are not allowed", "source: &src")
    # A source kind outside the five the research uses.
    broken = good.replace("  kind: publisher\n", "  kind: newspaper\n", 1)
    cases["source-kind"] = (broken, "must be one of publisher, government, news, advocacy, blog", "kind: newspaper")
    # A conflict must say which figures disagree...
    conflict = "  conflicts:\n    - kind: revision\n      note: raised after release\n"
    broken = good.replace("  grade: A\n", "  grade: A\n" + conflict, 1)
    cases["conflict-says-nothing"] = (broken, "figures", "- kind: revision")
    # ... and name figures the block records.
    conflict = "  conflicts:\n    - figures: [rank]\n      kind: disagreement\n      note: two outlets differ\n"
    broken = good.replace("  grade: A\n", "  grade: A\n" + conflict, 1)
    cases["conflict-about-nothing"] = (broken, "disagree about the rank, but published gives no rank", "figures: [rank]")
    return cases


CASES = _cases()


@pytest.mark.parametrize("name", sorted(CASES))
def test_validate_locates_the_problem(pic, data_copy, name):
    text, message, line_text = CASES[name]
    path = _break(data_copy, text)
    result = pic("validate", str(path), "--data", str(data_copy))
    assert result.exit_code == 1, result.output
    line = _line_of(text, line_text)
    matching = [ln for ln in result.stdout.splitlines() if message in ln]
    assert matching, result.stdout
    assert re.search(rf"2019\.yaml:{line}:\d+:", matching[0]), matching[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", sorted(CASES))
def test_score_on_a_broken_profile_exits_3(pic, data_copy, name):
    text, message, _ = CASES[name]
    _break(data_copy, text)
    result = pic("score", "mississippi", "--year", "2019", "--data", str(data_copy))
    assert result.exit_code == 3
    assert result.stdout == ""
    assert message in result.stderr
    assert all(line.startswith("pic: error: ") for line in result.stderr.splitlines())
    assert "Traceback" not in result.stderr


def test_validate_lists_every_problem_not_just_the_first(pic, data_copy):
    text = ms_2019_text().replace("year: 2019\n", "year: soon\n", 1).replace("framework: pic\n", "framework: 7\n", 1)
    path = _break(data_copy, text)
    result = pic("validate", str(path), "--data", str(data_copy))
    assert result.exit_code == 1
    assert "year: expected a whole number" in result.stdout
    assert "framework: expected text, found the number 7" in result.stdout


def test_missing_criteria_are_each_named(pic, data_copy):
    text = ms_2019_text()
    start = text.index("\n  6.3.a:")
    end = text.index("\n  6.4.a:")
    path = _break(data_copy, text[:start] + text[end:])
    result = pic("validate", str(path), "--data", str(data_copy))
    assert result.exit_code == 1
    assert "criterion 6.3.a is not answered" in result.stdout


def test_folder_and_year_must_match_the_file(pic, data_copy):
    text = ms_2019_text().replace("jurisdiction: mississippi", "jurisdiction: alabama", 1)
    path = _break(data_copy, text)
    result = pic("validate", str(path), "--data", str(data_copy))
    assert result.exit_code == 1
    assert "'alabama' does not match the folder 'mississippi'" in result.stdout


def test_yes_and_no_stay_text_under_yaml_1_2_rules(tree):
    """`answer: yes` must not turn into a boolean the way YAML 1.1 loaders would have it."""
    from pic.core.yamlload import parse

    doc = parse("answer: yes\nstate: NO\nflag: true\nn: 1\nx: 1.5\nq: '1'\n", "t.yaml")
    assert doc.data == {"answer": "yes", "state": "NO", "flag": True, "n": 1, "x": 1.5, "q": "1"}


def test_framework_whose_points_do_not_add_up_is_reported_with_its_line(pic, data_copy):
    fw = data_copy / "frameworks" / "pic.yaml"
    text = fw.read_text(encoding="utf-8")
    # Give component 1.1 a max it cannot reach with its criteria.
    marker = 'id: "1.1"\n'
    i = text.index(marker)
    j = text.index("max: 2.5", i)
    fw.write_text(text[:j] + "max: 3" + text[j + len("max: 2.5"):], encoding="utf-8")
    line = text[:j].count("\n") + 1
    result = pic("validate", str(fw), "--data", str(data_copy))
    assert result.exit_code == 1
    assert f"pic.yaml:{line}:" in result.stdout
    assert "criteria of component 1.1 add up to 2.5, not its max 3" in result.stdout
    assert "components of section 1 add up to 10.5, not its max 10" in result.stdout
    # Scoring against a broken framework is a data error.
    result = pic("score", "mississippi", "--year", "2019", "--data", str(data_copy))
    assert result.exit_code == 3
