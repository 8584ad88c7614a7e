"""The command line as a user meets it: state names, errors, formats, color."""

from __future__ import annotations

import json
import re

import pytest


@pytest.mark.parametrize("state", ["mississippi", "Mississippi", "MS", "ms", "MISSISSIPPI"])
def test_state_may_be_a_slug_name_or_postal_code(pic, state):
    result = pic("score", state, "--year", "2019", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["jurisdiction"] == "mississippi"


def test_multiword_names_resolve(pic):
    result = pic("score", "south dakota", "--year", "2019", "--format", "json")
    assert json.loads(result.stdout)["jurisdiction"] == "south-dakota"
    result = pic("score", "New York", "--year", "2016", "--format", "json")
    assert json.loads(result.stdout)["jurisdiction"] == "new-york"


def test_a_profile_file_path_is_accepted(pic, tree):
    path = tree.profile_path("mississippi", 2019)
    result = pic("score", str(path), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["score"] == 91


def test_mistyped_state_is_a_usage_error_with_suggestions(pic):
    result = pic("score", "missisipi")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == "pic: error: unknown state 'missisipi'. Did you mean: mississippi?"


@pytest.mark.parametrize("state", ["../../etc/passwd", "/etc/passwd", "", "Atlantis"])
def test_hostile_or_unknown_names_never_read_files(pic, state):
    result = pic("score", state)
    assert result.exit_code == 2
    assert "unknown state" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_year_is_a_usage_error_listing_the_years_on_record(pic):
    result = pic("score", "mississippi", "--year", "2020")
    assert result.exit_code == 2
    assert "no 2020 profile for Mississippi" in result.stderr
    assert "2019" in result.stderr and "2025" in result.stderr


def test_missing_data_folder_is_a_usage_error(pic, tmp_path):
    result = pic("score", "mississippi", "--data", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_pic_data_environment_variable_is_honoured(pic, data_copy):
    (data_copy / "states" / "mississippi" / "2019.yaml").unlink()
    result = pic("score", "mississippi", "--year", "2019", env={"PIC_DATA": str(data_copy)})
    assert result.exit_code == 2
    assert "no 2019 profile" in result.stderr


def test_published_only_record_says_so(pic):
    result = pic("score", "south-dakota", "--year", "2019", "--format", "json")
    card = json.loads(result.stdout)
    assert card["basis"] == "published"
    assert card["score"] == 68.5 and card["grade"] == "D"
    assert {s["id"]: s["score"] for s in card["sections"]}["2"] == 17.5
    table = pic("score", "south-dakota", "--year", "2019").stdout
    assert "no findings recorded" in table
    gaps = pic("gaps", "south-dakota", "--year", "2019")
    assert gaps.exit_code == 0
    assert "No findings are recorded" in gaps.stdout
    assert "This does not mean there are no gaps." in gaps.stdout
    # issue 9: a script can tell "nothing known" from "no gaps"
    report = json.loads(pic("gaps", "south-dakota", "--year", "2019", "--format", "json").stdout)
    assert (report["findings"], report["gaps"], report["points_at_stake"]) == (False, None, None)
    assert report["unknown_reason"].startswith("no findings are recorded for South Dakota 2019")


def test_gaps_table_lists_biggest_first_with_labels(pic):
    result = pic("gaps", "mississippi", "--year", "2019")
    assert result.exit_code == 0
    out = result.stdout
    assert out.splitlines()[0].split() == ["Mississippi", "2019", "15", "gaps", "and", "3", "criteria", "unknown,",
                                           "11.5", "points", "at", "stake"]
    assert "no wiretap authority" in out and "no vacatur for minors" in out
    # each row's points at stake: exact ("1.5") or, for a shared loss, a range ("0–2.5")
    points = [re.fullmatch(r"(\d+(?:\.\d+)?)(?:–(\d+(?:\.\d+)?))?", line.split()[0])
              for line in out.splitlines()[1:] if line.split() and len(line) - len(line.lstrip()) < 6]
    rows = [(float(m.group(2) or m.group(1)), float(m.group(1))) for m in points if m]
    assert len(rows) == 18  # 15 known gaps, then the 3 criteria the card leaves unknown
    known = rows[:15]
    assert known == sorted(known, reverse=True)  # biggest first over the splits the cards allow
    # every known gap's points are a range the cards leave open, but 2.1.b, which they narrow
    assert known[:14] == [(2.5, 0)] * 14 and known[14] == (0.5, 0)
    first = [line for line in out.splitlines() if "third-party control required" in line]
    assert first and "5.1" in first[0]  # ties go to the larger of pic's own split (5.1.a: 1 to 2.5)


def test_color_on_a_terminal_and_none_with_no_color(pic):
    colored = pic("score", "mississippi", "--year", "2019", env={"NO_COLOR": "", "FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert "\x1b[" in colored.stdout
    plain = pic("score", "mississippi", "--year", "2019", env={"NO_COLOR": "1", "FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert "\x1b[" not in plain.stdout
    flag = pic("score", "mississippi", "--year", "2019", "--no-color", env={"NO_COLOR": "", "FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert "\x1b[" not in flag.stdout


def test_unknown_option_is_a_usage_error(pic):
    result = pic("score", "mississippi", "--colour", "--year", "2019")
    assert result.exit_code == 2


def test_a_tree_of_profiles_only_uses_pics_own_frameworks(pic, tmp_path, tree):
    """What `pic new` starts (states/ and no frameworks/) can be scored and validated as it is."""
    folder = tmp_path / "states" / "mississippi"
    folder.mkdir(parents=True)
    (folder / "2019.yaml").write_text(tree.profile_path("mississippi", 2019).read_text(encoding="utf-8"),
                                      encoding="utf-8")
    card = json.loads(pic("score", "ms", "--data", str(tmp_path), "--format", "json").stdout)
    assert (card["score"], card["grade"]) == (91, "A")
    assert pic("validate", "--data", str(tmp_path)).exit_code == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    result = pic("score", "ms", "--data", str(empty))
    assert result.exit_code == 2 and "neither frameworks/ nor states/" in result.stderr


def test_an_unpublished_maximum_is_shown_as_unknown(pic):
    card = json.loads(pic("score", "california", "--year", "2025", "--format", "json").stdout)
    assert (card["score"], card["grade"], card["max_score"]) == (93, "A", None)
    assert "maximum is not known" in pic("score", "california", "--year", "2025").stdout


def test_extra_credit_is_shown_beside_the_maximum(pic):
    card = json.loads(pic("score", "florida", "--year", "2021", "--format", "json").stdout)
    assert (card["score"], card["max_score"], card["extra_credit"]) == (72.5, 100, 10)
    assert "+10 extra credit possible" in pic("score", "florida", "--year", "2021").stdout
