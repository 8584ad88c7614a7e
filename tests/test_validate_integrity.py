"""Data integrity (issue 11): what `pic validate` reports about a data tree beyond each
file's schema, and what the other commands refuse to use silently.

Each case builds a small data tree in a temporary folder (pic's frameworks and one or two
of its profiles) and breaks one thing. The checks are those of core (check.check_paths, the
DataTree); a few runs of the CLI pin the exit codes: 1 when validate finds problems, 3
when a command needs data that is invalid or unreadable.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from pic.core.errors import DataError, Problem, UsageError
from pic.core.load import DataTree, builtin_root
from pic.core.paths import display_name
from pic.core.check import check_paths
from pic.core.yamlload import parse

MS = Path("states") / "mississippi"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A data tree: pic's three frameworks, and Mississippi 2019 (findings) and 2025."""
    data = tmp_path / "data"
    shutil.copytree(builtin_root() / "frameworks", data / "frameworks")
    (data / MS).mkdir(parents=True)
    for year in (2019, 2025):
        shutil.copy(builtin_root() / MS / f"{year}.yaml", data / MS / f"{year}.yaml")
    return data


def check(root: Path, *paths: Path) -> tuple[list[str], list[Problem]]:
    files, problems, _ = check_paths(DataTree(root), list(paths))
    return files, problems


def messages(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.file, p.message) for p in problems]


def framework_data(root: Path, fid: str = "pic") -> dict[str, Any]:
    return parse((root / "frameworks" / f"{fid}.yaml").read_text(encoding="utf-8"), f"{fid}.yaml").data


def write_yaml(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_the_starting_tree_is_clean(root):
    files, problems = check(root)
    assert problems == [] and len(files) == 5


# -- grade scales ---------------------------------------------------------------------------


def test_a_grade_scale_out_of_order(root):
    fw = framework_data(root)
    fw["grade_scale"] = [{"grade": "A", "min": 80}, {"grade": "B", "min": 90}, {"grade": "C", "min": 70},
                         {"grade": "D", "min": 70}, {"grade": "F", "min": 0}]
    write_yaml(root / "frameworks" / "pic.yaml", fw)
    _, problems = check(root, root / "frameworks" / "pic.yaml")
    assert [(p.key, p.message) for p in problems] == [
        ("grade_scale[1].min", "grade minimums must fall from the best grade to the worst"),
        ("grade_scale[3].min", "grade minimums must fall from the best grade to the worst"),
    ]


def test_a_grade_no_state_can_reach(root):
    """Minimums above the maximum: every state would get F, and validate used to pass it."""
    fw = framework_data(root)
    fw["grade_scale"] = [{"grade": "A", "min": 900}, {"grade": "B", "min": 800}, {"grade": "F", "min": 0}]
    write_yaml(root / "frameworks" / "pic.yaml", fw)
    _, problems = check(root, root / "frameworks" / "pic.yaml")
    assert [(p.key, p.message) for p in problems] == [
        ("grade_scale[0].min", "grade 'A' starts at 900, above the maximum score of 102.5: no state can reach it"),
        ("grade_scale[1].min", "grade 'B' starts at 800, above the maximum score of 102.5: no state can reach it"),
    ]


def test_a_top_grade_at_exactly_the_maximum_is_reachable(root):
    fw = framework_data(root)
    fw["grade_scale"] = [{"grade": "A", "min": 102.5}, {"grade": "F", "min": 0}]
    write_yaml(root / "frameworks" / "pic.yaml", fw)
    assert check(root, root / "frameworks" / "pic.yaml")[1] == []


def test_an_unknown_maximum_leaves_the_scale_unchecked_against_it(root):
    fw = framework_data(root, "just-like-me")
    assert fw["max_score"] is None and fw["grade_scale"][0]["min"] > 0
    assert check(root, root / "frameworks" / "just-like-me.yaml")[1] == []


# -- frameworks' years -------------------------------------------------------------------------


def _overlapping(root: Path) -> Path:
    """A copy of the PIC framework that covers 2019-2022 (PIC and Report Cards cover some)."""
    fw = framework_data(root)
    fw["id"] = "pic-two"
    fw["years"] = {"first": 2019, "last": 2022}
    return write_yaml(root / "frameworks" / "pic-two.yaml", fw)


def test_frameworks_covering_the_same_years(root):
    two = _overlapping(root)
    _, problems = check(root)
    name = display_name(two)
    assert messages(problems) == [
        (name, "covers 2019, as the pic framework (%s) does; each year belongs to one framework"
         % display_name(root / "frameworks" / "pic.yaml")),
        (display_name(root / "frameworks" / "report-cards.yaml"),
         f"covers 2021–2022, as the pic-two framework ({name}) does; each year belongs to one framework"),
    ]
    assert all(p.key == "years" for p in problems)


@pytest.mark.parametrize("named,overlaps", [("pic.yaml", ["covers 2019"]),
                                            ("pic-two.yaml", ["covers 2019", "covers 2021–2022"]),
                                            ("report-cards.yaml", ["covers 2021–2022"]),
                                            ("just-like-me.yaml", [])])
def test_an_overlap_is_reported_when_either_framework_is_named(root, named, overlaps):
    _overlapping(root)
    _, problems = check(root, root / "frameworks" / named)
    assert [p.message.split(",")[0] for p in problems] == overlaps


def test_open_ended_frameworks_overlap_from_the_later_start_on(root):
    fw = framework_data(root, "just-like-me")
    fw["id"] = "later"
    fw["years"] = {"first": 2030}
    write_yaml(root / "frameworks" / "later.yaml", fw)
    _, problems = check(root)
    assert [p.message.split(";")[0] for p in problems] == ["covers 2030 on, as the just-like-me framework "
                                                          f"({display_name(root / 'frameworks' / 'just-like-me.yaml')}) does"]


def test_a_year_two_frameworks_cover_is_never_settled_silently(root):
    """`pic new` asks the tree which framework covers a year: it must not pick one."""
    _overlapping(root)
    tree = DataTree(root)
    with pytest.raises(DataError, match="covers 2019, as the pic framework"):
        tree.framework_for_year(2019)
    assert tree.framework_for_year(2018).id == "pic"  # years only one framework covers are fine


def test_skipped_years_do_not_overlap(root):
    fw = framework_data(root)
    fw["id"] = "in-the-gap"
    fw["years"] = {"first": 2012, "last": 2012}
    write_yaml(root / "frameworks" / "in-the-gap.yaml", fw)
    pic = framework_data(root)
    pic["years"]["skipped"] = [2012]
    write_yaml(root / "frameworks" / "pic.yaml", pic)
    assert check(root)[1] == []


# -- files in states/ that pic does not read -----------------------------------------------------


@pytest.mark.parametrize("name,message", [
    ("2019.yml", "not read: the 2019 profile is 2019.yaml, beside it"),
    ("02019.yaml", "not read: the 2019 profile is 2019.yaml, beside it"),
    ("2017.yml", "not read: profiles are named YEAR.yaml; rename it to 2017.yaml"),
    ("02017.yaml", "not read: profiles are named YEAR.yaml; rename it to 2017.yaml"),
    ("¹.yaml", "not read: a jurisdiction folder holds only profiles named YEAR.yaml (for example 2019.yaml)"),
    ("notes.txt", "not read: a jurisdiction folder holds only profiles named YEAR.yaml (for example 2019.yaml)"),
    ("2019.yaml.bak", "not read: a jurisdiction folder holds only profiles named YEAR.yaml (for example 2019.yaml)"),
])
def test_a_file_in_a_jurisdiction_folder_that_pic_does_not_read(root, name, message):
    stray = root / MS / name
    shutil.copy(root / MS / "2019.yaml", stray)
    files, problems = check(root)
    assert messages(problems) == [(display_name(stray), message)]
    assert display_name(stray) not in files  # reported, not read as a profile


def test_a_year_is_listed_once_whatever_else_is_beside_it(root, pic):
    for name in ("02019.yaml", "2019.yml", "002019.yaml", "¹.yaml"):
        shutil.copy(root / MS / "2019.yaml", root / MS / name)
    assert DataTree(root).years("mississippi") == [2019, 2025]
    result = pic("history", "mississippi", "--data", str(root), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [e["year"] for e in json.loads(result.stdout)["editions"]] == [2019, 2025]


@pytest.mark.parametrize("name,folder,message", [
    ("README.md", False, "not read: states/ holds one folder per jurisdiction, and this file is not one"),
    ("atlantis", True, "not read: states/ holds one folder per jurisdiction, and this folder is not one"),
    ("missisippi", True, "not read: states/ holds one folder per jurisdiction, and this folder is not one "
                         "(did you mean mississippi?)"),
])
def test_something_in_states_that_is_not_a_jurisdiction_folder(root, name, folder, message):
    stray = root / "states" / name
    if folder:
        stray.mkdir()
        shutil.copy(root / MS / "2019.yaml", stray / "2019.yaml")  # never read: not a jurisdiction
    else:
        stray.write_text("# notes\n")
    files, problems = check(root)
    assert messages(problems) == [(display_name(stray), message)]
    assert len(files) == 5


def test_a_framework_file_pic_does_not_read(root):
    shutil.copy(root / "frameworks" / "pic.yaml", root / "frameworks" / "pic.yml")
    _, problems = check(root)
    assert messages(problems) == [(display_name(root / "frameworks" / "pic.yml"),
                                   "not read: frameworks/ holds only frameworks named ID.yaml; pic.yaml is the one read")]


def test_hidden_files_are_left_alone(root):
    (root / MS / ".2019.yaml.swp").write_text("x")
    (root / "states" / ".DS_Store").write_text("x")
    assert check(root)[1] == []


def test_naming_a_folder_or_a_stray_file_reports_the_strays_in_it(root):
    stray = root / MS / "02019.yaml"
    shutil.copy(root / MS / "2019.yaml", stray)
    expected = [(display_name(stray), "not read: the 2019 profile is 2019.yaml, beside it")]
    files, problems = check(root, root / MS)
    assert messages(problems) == expected and sorted(files) == [display_name(root / MS / f"{y}.yaml") for y in (2019, 2025)]
    files, problems = check(root, stray)  # named on purpose: read, and still reported as stray
    assert messages(problems) == expected and files == [display_name(stray)]


# -- each problem once -----------------------------------------------------------------------------


def test_three_missing_keys_are_three_problems(root):
    path = root / MS / "2019.yaml"
    data = parse(path.read_text(encoding="utf-8"), "p").data
    for key in ("year", "framework", "source"):
        del data[key]
    write_yaml(path, data)
    _, problems = check(root, path)
    assert sorted(p.message for p in problems) == ["missing required key 'framework'", "missing required key 'source'",
                                                   "missing required key 'year'"]


def test_a_file_named_twice_is_checked_once(root):
    path = root / MS / "2019.yaml"
    text = path.read_text(encoding="utf-8").replace("year: 2019\n", "year: 1800\n", 1)
    path.write_text(text, encoding="utf-8")
    files, problems = check(root, path, root / MS, path)
    assert files.count(display_name(path)) == 1 and len(problems) == 1


def test_a_shared_loss_scoring_cannot_apply_is_reported_and_refused_when_scoring(root):
    """A member answered yes (a what-if copy, say) cannot share a loss: validate says why,
    where the group is written, and scoring refuses the file with the same problem rather
    than print a score pic could not honestly compute (exit 3)."""
    path = root / MS / "2019.yaml"
    text = path.read_text(encoding="utf-8")
    changed = text.replace("  6.3.a:\n    answer: no", "  6.3.a:\n    answer: yes", 1)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    _, problems = check(root, path)
    expected = ("shared_losses[1]", "criterion 6.3.a is answered yes; only criteria answered no can share a loss")
    assert [(p.key, p.message) for p in problems] == [expected]
    with pytest.raises(DataError) as refused:
        DataTree(root).profile(path)
    assert [(p.key, p.message) for p in refused.value.problems] == [expected]


def test_findings_that_contradict_the_published_score_fail_validation(root):
    """Issue 12: the findings are checked against the publisher's own figures."""
    path = root / MS / "2019.yaml"
    text = path.read_text(encoding="utf-8")
    changed = text.replace("  score: 91\n", "  score: 50\n", 1)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    _, problems = check(root, path)
    assert [p.key for p in problems] and all(p.key.startswith("published") for p in problems)
    assert any(p.key == "published.score" and "50" in p.message for p in problems)


# -- frameworks that cannot be read ----------------------------------------------------------------


@pytest.mark.parametrize("how,reason", [("link-loop", "cannot be read"), ("folder", "is a folder, not a data file"),
                                        ("dangling-link", "no such file")])
def test_a_framework_file_that_cannot_be_read_is_named_with_the_reason(root, how, reason):
    path = root / "frameworks" / "pic.yaml"
    path.unlink()
    if how == "link-loop":
        path.symlink_to(path.name)
    elif how == "folder":
        path.mkdir()
    else:
        path.symlink_to(root / "nowhere.yaml")
    with pytest.raises(DataError) as caught:
        DataTree(root).framework("pic")
    assert messages(caught.value.problems)[0] == (display_name(path), messages(caught.value.problems)[0][1])
    assert reason in str(caught.value) and "unknown framework" not in str(caught.value)


def test_an_unreadable_framework_file_is_a_data_error_not_an_unknown_framework(root, pic, monkeypatch):
    """As root every file is readable: the refusal is made where pic opens files."""
    target = str(root / "frameworks" / "pic.yaml")
    real_open = os.open

    def refusing_open(path, *args, **kwargs):
        if str(path) == target:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    result = pic("score", "mississippi", "--year", "2019", "--data", str(root))
    assert result.exit_code == 3, (result.stdout, result.stderr)
    assert "frameworks/pic.yaml: cannot be read (permission denied)" in result.stderr
    assert "unknown framework" not in result.stderr and "Traceback" not in result.stderr


def test_a_framework_that_is_not_there_is_still_unknown(root):
    with pytest.raises(UsageError, match=r"unknown framework 'nope' \(known: just-like-me, pic, report-cards\)"):
        DataTree(root).framework("nope")
    with pytest.raises(UsageError, match="unknown framework"):
        DataTree(root).framework("../frameworks/pic")  # ids are names in frameworks/, never paths


# -- links that lead out of the tree ------------------------------------------------------------

SECRET = "root:x:0:0:secret-token-4242:/root:/bin/bash\n"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "secret.yaml"
    path.parent.mkdir()
    path.write_text(SECRET)
    return path


def test_a_profile_linking_outside_the_tree_is_refused_unread(root, secret, pic):
    link = root / MS / "2019.yaml"
    link.unlink()
    link.symlink_to(secret)
    with pytest.raises(DataError) as caught:
        DataTree(root).profile(link)
    assert str(caught.value) == f"{display_name(link)}: is a link to a file outside the data tree; pic does not read it"
    result = pic("score", "mississippi", "--year", "2019", "--data", str(root))
    assert result.exit_code == 3
    assert len(result.stderr.splitlines()) == 1 and "outside the data tree" in result.stderr
    assert "secret-token" not in result.stdout + result.stderr and "root:x" not in result.stdout + result.stderr
    _, problems = check(root)
    assert messages(problems) == [(display_name(link), "is a link to a file outside the data tree; pic does not read it")]


def test_a_framework_linking_outside_the_tree_is_refused_unread(root, secret):
    link = root / "frameworks" / "pic.yaml"
    link.unlink()
    link.symlink_to(secret)
    with pytest.raises(DataError, match="outside the data tree") as caught:
        DataTree(root).framework("pic")
    assert "secret" not in str(caught.value).replace(str(root), "")
    _, problems = check(root, link)
    assert len(problems) == 1 and "secret-token" not in problems[0].message


def test_links_inside_the_tree_are_followed(root):
    (root / "archive").mkdir()
    for path in (root / MS / "2019.yaml", root / "frameworks" / "pic.yaml"):
        kept = root / "archive" / path.name
        path.rename(kept)
        path.symlink_to(os.path.relpath(kept, path.parent))
    tree = DataTree(root)
    assert tree.profile(tree.profile_path("mississippi", 2019)).year == 2019
    assert tree.framework("pic").id == "pic"
    assert check(root)[1] == []


def test_a_file_named_outside_any_tree_is_read_as_asked(root, tmp_path):
    elsewhere = tmp_path / "mine.yaml"
    shutil.copy(root / MS / "2019.yaml", elsewhere)
    assert DataTree(root).profile(elsewhere).year == 2019


# -- exit codes through the CLI ------------------------------------------------------------------


def test_validate_exits_1_on_a_framework_problem(root, pic):
    fw = framework_data(root)
    fw["grade_scale"][0]["min"] = 500
    write_yaml(root / "frameworks" / "pic.yaml", fw)
    result = pic("validate", "--data", str(root), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [p["message"] for p in report["problems"] if p["key"] == "grade_scale[0].min"] == [
        "grade 'A' starts at 500, above the maximum score of 102.5: no state can reach it"]


def test_validate_exits_1_on_a_stray_file_and_lists_it(root, pic):
    stray = root / MS / "2019.yml"
    shutil.copy(root / MS / "2019.yaml", stray)
    result = pic("validate", "--data", str(root), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [(p["file"], p["message"]) for p in report["problems"]] == [
        (display_name(stray), "not read: the 2019 profile is 2019.yaml, beside it")]
    assert report["files_checked"] == 5


def test_score_exits_3_against_a_framework_with_an_unreachable_grade(root, pic):
    fw = framework_data(root)
    fw["grade_scale"][0]["min"] = 500
    write_yaml(root / "frameworks" / "pic.yaml", fw)
    result = pic("score", "mississippi", "--year", "2019", "--data", str(root))
    assert result.exit_code == 3
    assert "no state can reach it" in result.stderr and result.stdout == ""
