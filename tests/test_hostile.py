"""Hostile and broken input (issue 6): every case ends in its documented exit code and
one-line messages that name the file (and the line and key where there are any), never
a traceback, a hang or an unbounded amount of work.

`pic score` on a bad profile exits 3 with `pic: error: FILE[:LINE:COLUMN]: [KEY:] message`
on stderr and nothing on stdout; `pic validate FILE --format json` exits 1 and lists the
same problems with their file, line, column and key. Hypothesis then feeds arbitrary
bytes, text, YAML-like text and YAML documents to the loader and to profile and
framework validation: only pic.errors.DataError may come out.

No test here measures time (bench/ does); work that must stay small is checked by
what it does instead: an alias bomb is refused at its first anchor with next to no
memory allocated, a file over the size cap is refused from its size alone.
"""

from __future__ import annotations

import atexit
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ms_2019_text
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pic.core import validate as validation
from pic.core.errors import DataError
from pic.core.load import (
    DataTree,
    build_framework,
    build_profile,
    builtin_root,
    check_framework_doc,
    check_profile_doc,
)
from pic.core.paths import display_name
from pic.core.score import find_gaps, score_profile
from pic.core.check import check_paths
from pic.core.yamlload import MAX_BYTES, MAX_DEPTH, key_path, load_file, parse

pytestmark = pytest.mark.slow  # thousands of generated documents, and runs in fresh processes

TREE = DataTree(builtin_root())
MS_PATH = Path("states") / "mississippi" / "2019.yaml"  # where generated profiles claim to live
ANSI = "\x1b"


# -- helpers -----------------------------------------------------------------------------


def profile_file(data: Path) -> Path:
    return data / "states" / "mississippi" / "2019.yaml"


def framework_file(data: Path) -> Path:
    return data / "frameworks" / "pic.yaml"


def put(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1_000_000)


def ms_data() -> dict[str, Any]:
    return parse(ms_2019_text(), "ms.yaml").data


def fw_text() -> str:
    return (builtin_root() / "frameworks" / "pic.yaml").read_text(encoding="utf-8")


def fw_data() -> dict[str, Any]:
    return parse(fw_text(), "pic.yaml").data


def set_at(data: Any, path: tuple, value: Any) -> Any:
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr


def assert_error(result, code: int, file: Path | str, *, message: str | None = None, line: int | None = None,
                 key: str | None = None) -> str:
    """The documented exit code; stderr only, each line one `pic: error:` message, the
    first naming the file (and line and key when given). Returns that first line."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert_no_traceback(result)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines, "no message on stderr"
    assert all(ln.startswith("pic: error: ") for ln in lines), lines
    assert ANSI not in result.stderr
    first = lines[0]
    assert str(file) in first, (str(file), first)
    if line is not None:
        assert re.search(rf"{re.escape(str(file))}:{line}(:\d+)?: ", first), (line, first)
    if key is not None:
        assert f": {key}: " in first, (key, first)
    if message is not None:
        assert message in first, (message, first)
    return first


def validate_json(pic, path: Path, data: Path) -> list[dict[str, Any]]:
    """`pic validate PATH --format json`: exit 1, the problems listed with their places."""
    result = pic("validate", str(path), "--data", str(data), "--format", "json")
    assert_no_traceback(result)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["problems"]
    for problem in report["problems"]:
        assert "\n" not in problem["message"] and ANSI not in problem["message"]
        assert "\n" not in problem["key"]
    return report["problems"]


def score(pic, data: Path, *extra: str):
    return pic("score", "mississippi", "--year", "2019", "--data", str(data), *extra)


# -- files that are not YAML text -------------------------------------------------------------

NOT_TEXT = {
    "empty": (b"", "file is empty", None),
    "blank": (b"  \n\n\t\n", "file is empty", None),
    "comments-only": (b"# nothing here\n# at all\n", "holds no data", None),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01", "is a binary file", None),
    "latin-1": ("jurisdiction: mississippi\nnote: café\n".encode("latin-1"), "is not UTF-8 text (byte 0xe9)", 2),
    "utf-16": ("jurisdiction: mississippi\n".encode("utf-16"), "is a binary file", None),
    "control-character": (b"jurisdiction: mississippi\nyear: 2019\x07\n", "which YAML does not allow", 2),
}


@pytest.mark.parametrize("name", sorted(NOT_TEXT))
def test_score_refuses_what_is_not_yaml_text(pic, data_copy, name):
    content, message, line = NOT_TEXT[name]
    path = put(profile_file(data_copy), content)
    assert_error(score(pic, data_copy), 3, path, message=message, line=line)


@pytest.mark.parametrize("name", sorted(NOT_TEXT))
def test_validate_lists_what_is_not_yaml_text(pic, data_copy, name):
    content, message, line = NOT_TEXT[name]
    path = put(profile_file(data_copy), content)
    problems = validate_json(pic, path, data_copy)
    assert message in problems[0]["message"]
    assert problems[0]["line"] == line


def test_a_byte_order_mark_is_fine(pic, data_copy):
    put(profile_file(data_copy), "\ufeff" + ms_2019_text())
    result = score(pic, data_copy, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["score"] == 91


def test_a_file_far_over_the_size_cap_is_refused_from_its_size_alone(pic, data_copy):
    path = profile_file(data_copy)
    with path.open("r+b") as fh:  # sparse: a gigabyte that costs no disk and must never be read
        fh.truncate(1 << 30)
    assert_error(score(pic, data_copy), 3, path, message=f"file is 1,073,741,824 bytes; data files are limited to {MAX_BYTES:,}")


def test_a_file_just_over_the_size_cap_is_refused(tmp_path):
    path = put(tmp_path / "big.yaml", b"a: " + b"x" * MAX_BYTES + b"\n")
    with pytest.raises(DataError, match="limited to"):
        load_file(path)


# -- files that are not regular files ------------------------------------------------------------


def test_a_folder_where_a_profile_should_be(pic, data_copy):
    path = profile_file(data_copy)
    path.unlink()
    path.mkdir()
    assert_error(score(pic, data_copy), 3, path, message="is a folder, not a data file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(pic, data_copy):
    path = profile_file(data_copy)
    path.unlink()
    os.mkfifo(path)  # opening this for reading would block forever
    assert_error(score(pic, data_copy), 3, path, message="is not a regular file")
    problems = validate_json(pic, path, data_copy)
    assert "is not a regular file" in problems[0]["message"]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_validate_refuses_a_device(pic, data_copy):
    problems = validate_json(pic, Path("/dev/zero"), data_copy)
    assert problems[0]["file"] == "/dev/zero" and "is not a regular file" in problems[0]["message"]


def test_a_symlink_loop_is_unreadable(pic, data_copy):
    path = profile_file(data_copy)
    path.unlink()
    path.symlink_to(path.name)
    assert_error(score(pic, data_copy), 3, path, message="cannot be read")


def test_a_dangling_symlink_is_no_such_file(tmp_path):
    link = tmp_path / "gone.yaml"
    link.symlink_to(tmp_path / "nowhere.yaml")
    with pytest.raises(DataError, match="no such file"):
        load_file(link)


# -- nesting, anchors, aliases, tags, documents --------------------------------------------------


def test_deeply_nested_block_mappings(pic, data_copy):
    text = "".join("  " * i + "a:\n" for i in range(400)) + "  " * 400 + "b: 1\n"
    path = put(profile_file(data_copy), text)
    first = assert_error(score(pic, data_copy), 3, path, message=f"is nested more than {MAX_DEPTH} levels deep",
                         line=MAX_DEPTH + 1)
    assert ": " + ".".join(["a"] * MAX_DEPTH) + ": " in first


@pytest.mark.parametrize("opener", ["[", "{a: "])
def test_deeply_nested_flow_collections(pic, data_copy, opener):
    path = put(profile_file(data_copy), opener * 200_000)  # 200,000 levels, under the size cap
    assert_error(score(pic, data_copy), 3, path, message=f"is nested more than {MAX_DEPTH} levels deep", line=1)


def alias_bomb(levels: int = 12) -> str:
    """The billion laughs: each level nine aliases of the one before, 9**levels strings."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_its_first_anchor(pic, data_copy):
    path = put(profile_file(data_copy), alias_bomb())
    assert_error(score(pic, data_copy), 3, path, message="uses the YAML anchor &a0", line=1, key="a0")


def test_an_alias_bomb_never_expands():
    """Refused before any alias is looked at: parsing it allocates next to nothing."""
    text = alias_bomb(levels=30)  # 9**30 strings if it were expanded
    tracemalloc.start()
    try:
        with pytest.raises(DataError, match="anchors and aliases are not allowed"):
            parse(text, "bomb.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000, peak


def test_an_alias_alone_is_refused_where_it_stands(pic, data_copy):
    text = ms_2019_text() + "extra: *nowhere\n"
    path = put(profile_file(data_copy), text)
    line = text.count("\n")
    assert_error(score(pic, data_copy), 3, path, line=line)


def test_anchors_on_keys_and_nested_values_are_refused():
    for text in ("&k key: 1\n", "a:\n  b: &x [1]\n", "a: &s text\n", "- &i 1\n"):
        with pytest.raises(DataError, match="anchors and aliases are not allowed"):
            parse(text, "t.yaml")


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!binary", "!!timestamp", "!custom", "!!set"])
def test_tags_that_build_objects_are_refused(pic, data_copy, tag):
    text = ms_2019_text().replace("year: 2019\n", f"year: {tag} 2019\n", 1)
    path = put(profile_file(data_copy), text)
    line = text.splitlines().index(f"year: {tag} 2019") + 1
    assert_error(score(pic, data_copy), 3, path, message="uses the YAML tag", line=line)


def test_more_than_one_document(pic, data_copy):
    path = put(profile_file(data_copy), ms_2019_text() + "---\njurisdiction: alabama\n")
    assert_error(score(pic, data_copy), 3, path, message="holds more than one YAML document")


@pytest.mark.parametrize("text,what", [("- a\n- b\n", "a list"), ("just text\n", "the text 'just text'"),
                                       ("---\n", "nothing (null)"), ("42\n", "the number 42")])
def test_a_document_that_is_not_a_mapping(pic, data_copy, text, what):
    path = put(profile_file(data_copy), text)
    assert_error(score(pic, data_copy), 3, path, message=f"expected a mapping, found {what}")


# -- duplicate keys ---------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["top", "nested"])
def test_duplicate_keys(pic, data_copy, where):
    text = ms_2019_text()
    if where == "top":
        text = text.replace("framework: pic\n", "framework: pic\nframework: pic\n", 1)
        key, needle = "framework", "framework: pic"
    else:
        text = text.replace("\n  1.1.b:\n", "\n  1.1.a:\n    answer: no\n    note: again\n  1.1.b:\n", 1)
        key, needle = 'findings["1.1.a"]', "  1.1.a:"
    path = put(profile_file(data_copy), text)
    line = [i for i, ln in enumerate(text.splitlines(), 1) if ln == needle][-1]
    assert_error(score(pic, data_copy), 3, path, message="duplicate key", line=line, key=key)


# -- numbers and text the file cannot mean -----------------------------------------------------


@pytest.mark.parametrize("number", ["1e999", "-1e999", "1.5e400"])
def test_numbers_too_large_to_store_are_refused(pic, data_copy, number):
    text = ms_2019_text().replace("  score: 91\n", f"  score: {number}\n", 1)
    path = put(profile_file(data_copy), text)
    line = text.splitlines().index(f"  score: {number}") + 1
    assert_error(score(pic, data_copy), 3, path, message="is too large to be stored", line=line, key="published.score")


def test_an_infinite_number_in_a_framework_is_reported_not_crashed_on(pic, data_copy):
    fw = framework_file(data_copy)
    text = fw.read_text(encoding="utf-8").replace("max: 2.5", "max: 1e999", 1)
    put(fw, text)
    problems = validate_json(pic, fw, data_copy)
    assert "too large to be stored" in problems[0]["message"]
    result = score(pic, data_copy)
    assert result.exit_code == 3
    assert_no_traceback(result)


@pytest.mark.parametrize("key", ['"\\e[2J\\e[31mfine"', '"a\\nb"', '"\\u202eevil"', '"\\r\\rok"'])
def test_keys_with_control_characters_are_shown_escaped_on_one_line(pic, data_copy, key):
    text = ms_2019_text() + f"{key}: 1\n"
    path = put(profile_file(data_copy), text)
    result = score(pic, data_copy)
    assert_error(result, 3, path, message="unknown key", line=text.count("\n"))
    # the whole of stderr: the one problem on one line, no raw CR, escape or bidi control
    assert len(result.stderr.splitlines()) == 1
    assert not {"\r", "\x1b", "\u202e"} & set(result.stderr)
    problems = validate_json(pic, path, data_copy)
    assert problems[0]["message"].startswith("unknown key '")


@pytest.mark.parametrize("value,message", [
    # `$` in the schema's patterns means the end of the text, as in JSON Schema (Python's
    # `$` alone would also match before a final line break and let "mississippi\n" in).
    ("mississippi\\n", "the text 'mississippi\\n' is not in the expected form (^[a-z]+(-[a-z]+)*$)"),
    ("atlantis\\r\\nfake: line", "is not in the expected form"),
])
def test_values_with_line_breaks_stay_on_one_line(pic, data_copy, value, message):
    text = ms_2019_text().replace("jurisdiction: mississippi\n", f'jurisdiction: "{value}"\n', 1)
    path = put(profile_file(data_copy), text)
    result = score(pic, data_copy)
    assert_error(result, 3, path, message=message, key="jurisdiction")
    assert len(result.stderr.splitlines()) == 1 and "\r" not in result.stderr  # the one problem, on one line


def test_thousands_of_unknown_keys_are_all_listed(pic, data_copy):
    n = 3000
    text = ms_2019_text() + "".join(f"key{i}: {i}\n" for i in range(n))
    path = put(profile_file(data_copy), text)
    problems = validate_json(pic, path, data_copy)
    assert len(problems) == n
    assert {p["key"] for p in problems} == {f"key{i}" for i in range(n)}
    # Close-match hints are a search each; past the first few, the allowed keys are listed.
    assert problems[-1]["message"].startswith(f"unknown key 'key{n - 1}'; allowed keys: ")


def test_thousands_of_unknown_criteria_are_all_listed(pic, data_copy):
    n = 2000
    made_up = "".join(f"  {90 + i // 26}.{i % 7}.{chr(97 + i % 26)}:\n    answer: yes\n    note: x\n" for i in range(n))
    text = ms_2019_text().replace("\nfindings:\n", "\nfindings:\n" + made_up, 1)
    path = put(profile_file(data_copy), text)
    problems = validate_json(pic, path, data_copy)
    assert sum("is not a criterion of the pic framework" in p["message"] for p in problems) == n


# -- every wrong type the schemas forbid ------------------------------------------------------

PROFILE_WRONG = [
    (("jurisdiction",), 7, "expected text, found the number 7"),
    (("year",), "soon", "expected a whole number, found the text 'soon'"),
    (("year",), 2019.5, "expected a whole number, found the number 2019.5"),
    (("year",), True, "expected a whole number, found the boolean true"),
    (("year",), None, "expected a whole number, found nothing (null)"),
    (("framework",), ["pic"], "expected text, found a list"),
    (("source",), "a book", "expected a mapping, found the text 'a book'"),
    (("source", "title"), {"a": 1}, "expected text, found a mapping"),
    (("source", "url"), 5, "expected text or nothing (null), found the number 5"),
    (("source", "note"), None, "expected text, found nothing (null)"),
    (("note",), [1], "expected text, found a list"),
    (("reading",), 5, "expected text, found the number 5"),
    (("published",), "A", "expected a mapping, found the text 'A'"),
    (("published", "score"), "ninety-one", "expected a number, found the text 'ninety-one'"),
    (("published", "grade"), 4, "expected text, found the number 4"),
    (("published", "tier"), False, "expected text, found the boolean false"),
    (("published", "sections"), [10, 24.5], "expected a mapping, found a list"),
    (("published", "sections", "1"), "ten", "expected a number, found the text 'ten'"),
    (("findings",), ["1.1.a"], "expected a mapping, found a list"),
    (("findings", "1.1.a"), "yes", "expected a mapping, found the text 'yes'"),
    (("findings", "1.1.a", "answer"), True, "must be one of yes, no, unknown; found the boolean true"),
    (("findings", "1.1.a", "answer"), 1, "must be one of yes, no, unknown; found the number 1"),
    (("findings", "1.1.a", "citations"), "a law", "expected a list, found the text 'a law'"),
    (("findings", "1.1.a", "citations", 0), 5, "expected text, found the number 5"),
    (("findings", "1.1.a", "note"), 5, "expected text, found the number 5"),
    (("findings", "1.1.a", "review"), "maybe", "expected true or false, found the text 'maybe'"),
]

PROFILE_BROKEN = [  # the other things the profile schema forbids
    (("jurisdiction",), "New York", "is not in the expected form"),
    (("year",), 1850, "must be at least 1900"),
    (("source", "title"), "", "must not be empty"),
    (("published", "score"), -1, "must be at least 0"),
    (("published", "grade"), "excellent", "is not in the expected form"),
    (("findings", "1.1.a", "citations", 0), "", "must not be empty"),
    (("findings",), {}, "must have at least 1 entry(ies)"),
]


def line_names_key(text: str, line: int, path: tuple) -> bool:
    """Whether line `line` of `text` is where `path`'s last key or item is written."""
    got = text.splitlines()[line - 1]
    last = path[-1]
    if isinstance(last, int):
        return got.lstrip().startswith("-")
    return re.search(rf"(^|[\s{{,'\"]){re.escape(last)}['\"]?:", got) is not None


@pytest.mark.parametrize("path,value,message", PROFILE_WRONG + PROFILE_BROKEN,
                         ids=[f"{key_path(p)}={v!r}" for p, v, _ in PROFILE_WRONG + PROFILE_BROKEN])
def test_profile_values_the_schema_forbids(pic, data_copy, path, value, message):
    text = dump(set_at(ms_data(), path, value))
    file = put(profile_file(data_copy), text)
    first = assert_error(score(pic, data_copy), 3, file, message=message, key=key_path(path))
    line = int(re.search(rf"{re.escape(str(file))}:(\d+):\d+: ", first).group(1))
    assert line_names_key(text, line, path), (line, text.splitlines()[line - 1])
    problems = validate_json(pic, file, data_copy)
    assert [(p["key"], p["line"]) for p in problems if message in p["message"]] == [(key_path(path), line)]


def test_missing_required_keys_and_unknown_keys(pic, data_copy):
    data = ms_data()
    del data["source"]
    data["sorce"] = {"title": "x"}
    file = put(profile_file(data_copy), dump(data))
    problems = validate_json(pic, file, data_copy)
    messages = {p["message"] for p in problems}
    assert "missing required key 'source'" in messages
    assert "unknown key 'sorce' (did you mean 'source'?)" in messages


FRAMEWORK_WRONG = [
    (("id",), 5, "expected text, found the number 5"),
    (("title",), None, "expected text, found nothing (null)"),
    (("years",), 2011, "expected a mapping, found the number 2011"),
    (("years", "first"), "2011", "expected a whole number, found the text '2011'"),
    (("years", "last"), "soon", "expected a whole number or nothing (null), found the text 'soon'"),
    (("max_score",), "102.5", "expected a number or nothing (null), found the text '102.5'"),
    (("extra_credit",), [0], "expected a number or nothing (null), found a list"),  # null: not known
    (("notes",), "a note", "expected a list, found the text 'a note'"),
    (("grade_scale",), {"A": 90}, "expected a list, found a mapping"),
    (("grade_scale", 0, "min"), "ninety", "expected a number, found the text 'ninety'"),
    (("sections",), "six", "expected a list, found the text 'six'"),
    (("sections", 0, "components", 0, "max"), "2.5", "expected a number, found the text '2.5'"),
    (("sections", 0, "components", 0, "criteria", 0, "points"), True, "expected a number, found the boolean true"),
    (("sections", 0, "components", 0, "criteria", 0, "gap"), 7, "expected text, found the number 7"),
    (("sections", 0, "components", 0, "criteria", 0, "points"), 0.3, "must be a multiple of 0.5"),
    (("sections", 0, "components", 0, "confidence"), "sure", "must be one of topic-confirmed, reconstructed"),
    (("sections", 0, "components", 0, "confidence"), "confirmed", "must be one of topic-confirmed, reconstructed"),
]


@pytest.mark.parametrize("path,value,message", FRAMEWORK_WRONG,
                         ids=[f"{key_path(p)}={v!r}" for p, v, _ in FRAMEWORK_WRONG])
def test_framework_values_the_schema_forbids(pic, data_copy, path, value, message):
    text = dump(set_at(fw_data(), path, value))
    fw = put(framework_file(data_copy), text)
    problems = validate_json(pic, fw, data_copy)
    hits = [p for p in problems if message in p["message"]]
    assert hits and hits[0]["key"] == key_path(path), problems
    assert line_names_key(text, hits[0]["line"], path)
    # Scoring against it: a data error naming the framework file.
    result = score(pic, data_copy)
    first = assert_error(result, 3, profile_file(data_copy), key="framework")
    assert str(fw) in first and message in first


def test_a_framework_whose_points_do_not_add_up(pic, data_copy):
    fw = framework_file(data_copy)
    text = fw.read_text(encoding="utf-8")
    at = text.index("max: 2.5", text.index('id: "1.1"\n'))
    put(fw, text[:at] + "max: 3" + text[at + len("max: 2.5"):])
    line = text[:at].count("\n") + 1
    problems = validate_json(pic, fw, data_copy)
    assert any(p["line"] == line and p["key"] == "sections[0].components[0].max"
               and "criteria of component 1.1 add up to 2.5, not its max 3" in p["message"] for p in problems)
    assert any("components of section 1 add up to 10.5, not its max 10" in p["message"] for p in problems)
    first = assert_error(score(pic, data_copy), 3, profile_file(data_copy), key="framework")
    assert "framework 'pic' is invalid" in first and f"pic.yaml:{line}:" in first


# -- what the profile says against the framework and the data tree ---------------------------


def _profile_case(change) -> str:
    data = ms_data()
    change(data)
    return dump(data)


SEMANTIC = {
    "unknown-framework": (lambda d: d.update(framework="nope"), "framework", "unknown framework 'nope'"),
    "unknown-criterion": (lambda d: d["findings"].update({"1.1.z": {"answer": "yes", "note": "made up"}}),
                          'findings["1.1.z"]', "'1.1.z' is not a criterion of the pic framework"),
    "unknown-jurisdiction": (lambda d: d.update(jurisdiction="atlantis"), "jurisdiction", "unknown jurisdiction 'atlantis'"),
    "other-jurisdiction": (lambda d: d.update(jurisdiction="alabama"), "jurisdiction",
                           "'alabama' does not match the folder 'mississippi'"),
    "year-not-the-file-name": (lambda d: d.update(year=2018), "year", "2018 does not match the file name '2019.yaml'"),
    "score-above-maximum": (lambda d: d["published"].update(score=150), "published.score",
                            "150 is above the framework's maximum of 102.5"),
    "section-above-maximum": (lambda d: d["published"]["sections"].update({"1": 99}), 'published.sections["1"]',
                              "99 is above the section's maximum of 10"),
    "unknown-section": (lambda d: d["published"]["sections"].update({"9": 1}), 'published.sections["9"]',
                        "no section '9' in the pic framework"),
    "unknown-grade": (lambda d: d["published"].update(grade="Z"), "published.grade", "'Z' is not a grade of this framework"),
    "unanswered-criterion": (lambda d: d["findings"].pop("6.3.a"), "findings", "criterion 6.3.a is not answered"),
}


@pytest.mark.parametrize("name", sorted(SEMANTIC))
def test_profiles_that_contradict_the_framework(pic, data_copy, name):
    change, key, message = SEMANTIC[name]
    text = _profile_case(change)
    file = put(profile_file(data_copy), text)
    first = assert_error(score(pic, data_copy), 3, file, message=message, key=key)
    line = int(re.search(rf"{re.escape(str(file))}:(\d+):\d+: ", first).group(1))
    assert 1 <= line <= text.count("\n")
    assert any(message in p["message"] and p["key"] == key for p in validate_json(pic, file, data_copy))


def test_a_year_the_framework_does_not_cover(pic, data_copy):
    data = ms_data()
    data["year"] = 2030
    file = put(data_copy / "states" / "mississippi" / "2030.yaml", dump(data))
    result = pic("score", "mississippi", "--year", "2030", "--data", str(data_copy))
    assert_error(result, 3, file, message="the pic framework covers 2011–2019, not 2030", key="year")


@pytest.mark.parametrize("year", ["1850", "2020", "-1", "99999999999999999999"])
def test_an_unknown_year_is_a_usage_error(pic, year):
    result = pic("score", "mississippi", "--year", year)
    assert result.exit_code == 2, result.stderr
    assert_no_traceback(result)
    assert result.stdout == ""


# -- names that are not names -----------------------------------------------------------------

HOSTILE_NAMES = ["../../etc/passwd", "/etc/passwd", "/etc", "..", "~", "states/mississippi", "mississippi/../..",
                 "%2e%2e%2fetc", "-", "NUL", "\u202emississippi", "ms\nms", "x" * 10_000]


@pytest.mark.parametrize("command", ["score {}", "gaps {}", "history {}", "explain {} 1.1", "whatif {} --close x",
                                     "new {} 2019", "diff 2017 2019 {}"])
@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=[repr(n[:20]) for n in HOSTILE_NAMES])
def test_a_path_where_a_state_name_is_expected_is_a_usage_error(pic, data_copy, command, name):
    before = sorted(p.relative_to(data_copy) for p in data_copy.rglob("*"))
    args = [name if part == "{}" else part for part in command.split()]
    result = pic(*args, "--data", str(data_copy))
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert_no_traceback(result)
    assert result.stdout == ""
    assert result.stderr.startswith("pic: error: ")
    assert sorted(p.relative_to(data_copy) for p in data_copy.rglob("*")) == before  # nothing written


@pytest.mark.parametrize("command", ["score", "gaps", "explain {} 1.1", "whatif {} --close x"])
def test_a_yaml_path_that_does_not_exist_is_a_usage_error(pic, command, tmp_path):
    name = str(tmp_path / ".." / ".." / "etc" / "passwd.yaml")
    args = [name if part == "{}" else part for part in command.split()]
    if "{}" not in command:
        args.append(name)
    result = pic(*args)
    assert result.exit_code == 2 and "no profile file" in result.stderr
    assert_no_traceback(result)


def test_a_profile_file_outside_any_data_tree_is_checked_like_any_other(pic, tmp_path):
    path = put(tmp_path / "elsewhere.yaml", ms_2019_text().replace("year: 2019\n", "year: twenty\n", 1))
    assert_error(pic("score", str(path)), 3, path, message="expected a whole number", key="year")


# -- data folders ---------------------------------------------------------------------------


def test_a_data_folder_that_does_not_exist(pic, tmp_path):
    for args, env in ((["--data", str(tmp_path / "nope")], None), ([], {"PIC_DATA": str(tmp_path / "nope")})):
        result = pic("score", "mississippi", *args, env=env)
        assert result.exit_code == 2 and "does not exist" in result.stderr
        assert_no_traceback(result)


def test_a_data_folder_that_is_a_file_or_has_no_frameworks(pic, tmp_path):
    file = put(tmp_path / "data.yaml", "a: 1\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    for root in (file, empty):
        result = pic("score", "mississippi", "--data", str(root))
        assert result.exit_code == 2, result.stderr
        assert_no_traceback(result)
        assert result.stderr.startswith("pic: error: ") and len(result.stderr.splitlines()) == 1


def test_a_data_tree_without_states(pic, data_copy):
    shutil.rmtree(data_copy / "states")
    result = score(pic, data_copy)
    assert result.exit_code == 2 and "no profiles for Mississippi" in result.stderr
    assert_no_traceback(result)


def test_a_data_tree_without_the_framework_a_profile_names(pic, data_copy):
    framework_file(data_copy).unlink()
    assert_error(score(pic, data_copy), 3, profile_file(data_copy), message="unknown framework 'pic'", key="framework")


def test_a_profile_file_name_with_unusual_digits(pic, data_copy):
    """`str.isdigit()` is true for '¹' and '٢٠١٩', which int() reads differently or not at all."""
    stray = put(data_copy / "states" / "mississippi" / "¹.yaml", ms_2019_text())
    result = pic("score", "mississippi", "--data", str(data_copy), "--format", "json")
    assert_no_traceback(result)
    assert result.exit_code == 0, result.stderr
    assert DataTree(data_copy).years("mississippi") == TREE.years("mississippi")  # never read as a year
    _, problems, _ = check_paths(DataTree(data_copy))  # reported, once (what `pic validate` lists)
    assert [(p.file, p.message.split(":")[0]) for p in problems] == [(display_name(stray), "not read")]


def test_unreadable_profile(pic, data_copy, monkeypatch):
    """As root every file is readable, so the refusal is simulated where pic opens files;
    test_unreadable_data_for_an_unprivileged_process below does it for real."""
    target = str(profile_file(data_copy))
    real_open = os.open

    def refusing_open(path, *args, **kwargs):
        if str(path) == target:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    assert_error(score(pic, data_copy), 3, target, message="cannot be read (permission denied)")


def _unprivileged() -> list[str] | None:
    """A command prefix that runs a process without the power to read what it may not."""
    if os.name != "posix":
        return None
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe"
        probe.write_text("x")
        probe.chmod(0)
        try:
            done = subprocess.run(prefix + [sys.executable, "-c", f"open({str(probe)!r}).read()"],
                                  capture_output=True, timeout=60)
        except OSError:
            return None
        return prefix if done.returncode != 0 and b"PermissionError" in done.stderr else None


UNPRIVILEGED = _unprivileged()
NEWEST_MS = f"states/mississippi/{TREE.years('mississippi')[-1]}.yaml"  # what `pic score mississippi` opens first
UNREADABLE = {
    # what is made unreadable -> (command, exit code, file the message names, the message)
    "profile": ("states/mississippi/2019.yaml", ["score", "mississippi", "--year", "2019"], 3,
                "states/mississippi/2019.yaml", "cannot be read"),
    "profile-default-year": (NEWEST_MS, ["score", "mississippi"], 3, NEWEST_MS, "cannot be read"),
    "framework-file": ("frameworks/pic.yaml", ["score", "mississippi", "--year", "2019"], 3, "frameworks/pic.yaml",
                       "cannot be read"),
    "framework-file-validate": ("frameworks/pic.yaml", ["validate"], 1, "frameworks/pic.yaml", "cannot be read"),
    "frameworks-folder": ("frameworks", ["score", "mississippi"], 3, "frameworks", "cannot be read"),
    "state-folder": ("states/mississippi", ["score", "mississippi"], 3, "states/mississippi", "cannot be read"),
    "states-folder": ("states", ["score", "mississippi"], 3, "states", "cannot be read"),
    "states-folder-validate": ("states", ["validate"], 3, "states", "cannot be read"),
    "data-folder": ("", ["score", "mississippi"], 3, "", "cannot be read"),
}


@pytest.mark.skipif(UNPRIVILEGED is None, reason="cannot run a process that lacks read permission here")
@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_unreadable_data_for_an_unprivileged_process(data_copy, name):
    target, args, code, named, message = UNREADABLE[name]
    victim = data_copy / target
    env = {k: v for k, v in os.environ.items() if k not in ("PIC_DATA", "FORCE_COLOR")}
    env["NO_COLOR"] = "1"
    victim.chmod(0)
    try:
        done = subprocess.run([*UNPRIVILEGED, sys.executable, "-m", "pic", *args, "--data", str(data_copy)],
                              capture_output=True, text=True, timeout=120, env=env, cwd=data_copy.parent)
    finally:
        victim.chmod(0o755 if victim.is_dir() else 0o644)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == code, (done.returncode, done.stderr)
    if code == 1:  # validate's report lists the problem, on stdout
        line = next((ln for ln in done.stdout.splitlines() if f"data/{named}" in ln), "")
        assert message in line, done.stdout
        return
    lines = done.stderr.splitlines()
    assert lines and all(ln.startswith("pic: error: ") for ln in lines), lines
    assert f"data/{named}".rstrip("/") in lines[0] and message in lines[0], lines[0]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_output_that_cannot_be_written_is_an_error_not_a_traceback(fmt):
    env = {k: v for k, v in os.environ.items() if k not in ("PIC_DATA", "FORCE_COLOR")}
    with open("/dev/full", "w") as full:  # every write fails: no space left on device
        done = subprocess.run([sys.executable, "-m", "pic", "score", "mississippi", "--format", fmt],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120, env=env)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 3  # an I/O failure, never mistaken for a failed check (1)
    assert done.stderr.startswith("pic: error: cannot write the output") and len(done.stderr.splitlines()) == 1


# -- hypothesis: nothing but DataError, ever ----------------------------------------------------

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.data_too_large])
_SCRATCH = Path(tempfile.mkdtemp(prefix="pic-hostile-"))
atexit.register(shutil.rmtree, _SCRATCH, True)


@FUZZ
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_give_a_document_or_a_data_error(raw):
    path = _SCRATCH / "fuzz.yaml"
    path.write_bytes(raw)
    try:
        doc = load_file(path, "fuzz.yaml")
    except DataError as exc:
        assert exc.problems and all(p.file == "fuzz.yaml" for p in exc.problems)
        assert all("\n" not in str(p) for p in exc.problems)
        return
    assert_plain_data(doc)


def assert_plain_data(doc) -> None:
    """What the loader gives is JSON data -- text keys, finite numbers, no other types --
    and every place it records a line for exists in that data (the schema checks and the
    messages rely on both)."""
    def plain(value: Any) -> bool:
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        if isinstance(value, float):
            return math.isfinite(value)
        return value is None or isinstance(value, (str, int, bool))

    assert plain(doc.data), doc.data
    for path in doc.marks:
        target = doc.data
        for part in path:
            assert isinstance(target, (dict, list)), (path, doc.data)
            target = target[part]


@FUZZ
@given(st.text(max_size=2000))
def test_arbitrary_text_gives_a_document_or_a_data_error(text):
    try:
        doc = parse(text, "fuzz.yaml")
    except DataError as exc:
        assert all("\n" not in str(p) for p in exc.problems)
        return
    assert_plain_data(doc)


YAML_BITS = ["- ", ": ", "? ", "&a ", "*a", "!!str ", "!!int ", "!!float ", "!!null ", "!!bool ", "!x ", "!!map ",
             "{", "}", "[", "]", ", ", "\n", "  ", "\t", "'", '"', "#", "---\n", "...\n", "|\n", ">-\n", "%YAML 1.2\n",
             "key", "1.1.a", "yes", "No", "~", "null", "1e999", "-0.5", ".inf", "0x1F", "12345678901234567890123456789012",
             "\\u0000", "\\e", "\\x07", "\x07", "\ufeff", "\u2028", "é", "𝄞", "\\"]


@FUZZ
@given(st.lists(st.sampled_from(YAML_BITS), max_size=60).map("".join))
def test_yaml_like_text_gives_a_document_or_a_data_error(text):
    try:
        doc = parse(text, "fuzz.yaml")
    except DataError as exc:
        assert all("\n" not in str(p) for p in exc.problems)
        return
    assert_plain_data(doc)


scalars = (st.none() | st.booleans() | st.integers(min_value=-(10**40), max_value=10**40)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20)
           | st.sampled_from(["yes", "no", "unknown", "pic", "mississippi", "1.1.a", "A", "2019", "", "0.5"]))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=8) | st.sampled_from(["findings", "year", "1.1.a"]),
                                             inner, max_size=4), max_leaves=25)


def check_as_profile(text: str) -> None:
    """Load and check `text` the way `pic score` would, and score it if it passes."""
    try:
        doc = parse(text, "fuzz.yaml")
    except DataError:
        return
    problems, framework = check_profile_doc(doc, MS_PATH, TREE)
    if not problems:
        profile = build_profile(doc.data, "fuzz.yaml")
        score_profile(framework, profile)
        find_gaps(framework, profile)
    for p in problems:
        assert "\n" not in str(p)


def check_as_framework(text: str) -> None:
    try:
        doc = parse(text, "pic.yaml")
    except DataError:
        return
    problems = check_framework_doc(doc, "pic")
    if not problems:
        build_framework(doc.data, "pic.yaml")
    for p in problems:
        assert "\n" not in str(p)


@FUZZ
@given(json_values)
def test_arbitrary_yaml_documents_as_profiles_and_frameworks(value):
    text = dump(value)
    check_as_profile(text)
    check_as_framework(text)


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, prefix + (i,))
    return out


MS = ms_data()
FW = fw_data()
MS_PATHS = _paths(MS)[1:]
FW_PATHS = _paths(FW)[1:]
edge_values = st.sampled_from([0, -0.5, 0.5, 2.5, 2.25, 1899, 1900, 2019, 2019.0, 2100, 2101, 10**30, 1e300, "",
                               "a", "yes", "no", "unknown", "mississippi", "mississippi\n", "New York", "1.1.a",
                               "1.1.A", "1.1", "A", "A+", "A\n", "pic", "PIC", True, False, None, [], {}, ["x"], [""],
                               {"answer": "yes"}, {"answer": "no", "note": ""}, {"answer": "unknown", "citations": []}])
mutation = st.tuples(st.sampled_from(["set", "delete", "add"]), st.integers(min_value=0), edge_values | json_values)


def mutate(data: Any, paths: list[tuple], steps: list[tuple[str, int, Any]]) -> Any:
    data = json.loads(json.dumps(data))  # a deep copy
    for op, index, value in steps:
        path = paths[index % len(paths)]
        try:
            parent = data
            for part in path[:-1]:
                parent = parent[part]
            last = path[-1]
            if op == "set":
                parent[last] = value
            elif op == "delete":
                del parent[last]
            elif isinstance(parent, dict):
                parent[f"{last}x" if isinstance(last, str) else "extra"] = value
            elif isinstance(parent, list):
                parent.append(value)
        except (KeyError, IndexError, TypeError):
            pass  # an earlier step removed or replaced what this one aimed at
    return data


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=4))
def test_mutated_profiles_give_problems_or_a_score(steps):
    check_as_profile(dump(mutate(MS, MS_PATHS, steps)))


@settings(FUZZ, max_examples=60)  # each example dumps and parses the 700-line framework
@given(st.lists(mutation, min_size=1, max_size=4))
def test_mutated_frameworks_give_problems_or_a_framework(steps):
    check_as_framework(dump(mutate(FW, FW_PATHS, steps)))


# -- the compiled schema check agrees with jsonschema ------------------------------------------


@pytest.fixture(scope="module")
def jsonschema_validators():
    from jsonschema import Draft202012Validator

    return {name: Draft202012Validator(validation.load_schema(name)) for name in ("profile", "framework")}


# The compiler's own tests (every schema location, every keyword's edges) are in
# tests/test_schemacheck.py; these feed it generated documents on top.


def _same_verdict(validators, name: str, data: Any) -> None:
    fast = validation.compiled(name)
    assert fast is not None, f"the {name} schema no longer compiles"
    assert fast(data) == validators[name].is_valid(data), data


@FUZZ
@given(st.lists(mutation, min_size=0, max_size=3))
def test_compiled_profile_check_agrees_with_jsonschema(jsonschema_validators, steps):
    data = mutate(MS, MS_PATHS, steps)
    assume(_finite(data))
    _same_verdict(jsonschema_validators, "profile", data)


@settings(FUZZ, max_examples=100)
@given(st.lists(mutation, min_size=0, max_size=3))
def test_compiled_framework_check_agrees_with_jsonschema(jsonschema_validators, steps):
    data = mutate(FW, FW_PATHS, steps)
    assume(_finite(data))
    _same_verdict(jsonschema_validators, "framework", data)


@FUZZ
@given(json_values)
def test_compiled_checks_agree_with_jsonschema_on_anything(jsonschema_validators, value):
    assume(_finite(value))
    _same_verdict(jsonschema_validators, "profile", value)
    _same_verdict(jsonschema_validators, "framework", value)


def _finite(value: Any) -> bool:
    """What the loader can produce: no inf or nan (refused), integers of at most 30 digits."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value) < 10**30
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True


def test_schema_problems_survive_values_jsonschema_chokes_on():
    """The loader never yields infinities, but a document built in code might: neither the
    compiled check nor jsonschema may turn that into a traceback."""
    from pic.core.yamlload import Document

    fw = fw_data()
    set_at(fw, ("sections", 0, "components", 0, "criteria", 0, "points"), float("inf"))
    doc = Document("pic.yaml", fw, {(): (1, 1)})
    problems = validation.schema_problems(doc, "framework")
    assert problems and "cannot be checked" in problems[0].message
