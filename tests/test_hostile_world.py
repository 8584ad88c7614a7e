"""Safe with anything, second round (issue 20): text that becomes structure, the files pic
writes, the environment it runs in, and YAML 1.2 as promised.

- Nothing from data becomes structure or control: the YAML `pic new` writes (comments,
  keys and values) and shell completions escape or leave out line separators and
  controls; a failed `pic new` names only files that exist.
- Writing a file keeps what the user had: names up to the file system's limit, the mode
  of a file replaced with --force, links written through, FIFOs and character devices
  written into, sockets refused; never replaced.
- The environment bounds nothing: COLUMNS is capped, a dumb terminal is never paged,
  SOURCE_DATE_EPOCH, COLUMNS and PAGER of any value give a clear message or are ignored
  (never exit 4), and a deleted working folder only fails what needs it.
- YAML 1.2's line breaks (NEL, U+2028, U+2029 are not), messages quote user text short,
  `diff` of two states' files, `validate` of a folder's stray files.

(The parse cache is gone: tests/test_datafile.py.)
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from pic.core.load import builtin_root
from pic.core.yamlload import parse

pytestmark = pytest.mark.slow  # huge arguments, unreadable files and hostile environments, each in a fresh process

SEPARATORS = {"LS": "\u2028", "PS": "\u2029", "NEL": "\x85", "CR": "\r", "LF": "\n", "CRLF": "\r\n",
              "VT": "\x0b", "FF": "\x0c", "ESC": "\x1b[2J", "BEL": "\x07", "NUL": "\x00", "DEL": "\x7f",
              "CSI": "\x9b31m", "RLO": "\u202e", "BOM": "\ufeff", "FS": "\x1c", "TAB": "\t"}


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 120,
         stdin: int | None = subprocess.DEVNULL) -> subprocess.CompletedProcess[bytes]:
    full = {k: v for k, v in os.environ.items() if k not in ("PIC_DATA", "FORCE_COLOR", "COLUMNS", "LINES")}
    full.update({"NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"})
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "pic", *args], cwd=cwd, env=full, capture_output=True,
                          timeout=timeout, stdin=stdin)


def _json_yaml(path: Path, data: object) -> None:
    """Write `data` as JSON, which is YAML 1.2: every hostile character as a \\u escape."""
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")


def _hostile_framework_tree(tmp_path: Path, text: str, gap_text: str | None = None) -> Path:
    """A data tree whose pic framework carries `text` in its title, a section and a
    component title, a question and every gap label (each still unique)."""
    root = tmp_path / "tree"
    (root / "frameworks").mkdir(parents=True)
    (root / "states").mkdir()
    for f in (builtin_root() / "frameworks").glob("*.yaml"):
        if f.name != "pic.yaml":
            shutil.copy(f, root / "frameworks" / f.name)
    fw = parse((builtin_root() / "frameworks" / "pic.yaml").read_text(encoding="utf-8"), "pic.yaml").data
    fw["title"] = f"Protected {text} Innocence"
    section = fw["sections"][0]
    section["title"] = f"Section{text}title"
    comp = section["components"][0]
    comp["title"] = f"Component{text}title"
    crit = comp["criteria"][0]
    crit["question"] = f"Does the law{text}apply?"
    for s in fw["sections"]:
        for c in s["components"]:
            for k in c["criteria"]:
                k["gap"] = (k["gap"] + (text if gap_text is None else gap_text))[:60]
    _json_yaml(root / "frameworks" / "pic.yaml", fw)
    return root


def _check_written_profile(path: Path) -> dict:
    raw = path.read_text(encoding="utf-8")
    for line in raw.split("\n"):
        assert line.isprintable() or line == "", f"unprintable character in {line!r}"
    doc = parse(raw, str(path))
    assert set(doc.data) == {"jurisdiction", "year", "framework", "source", "findings"}
    return doc.data


# -- 1. text that becomes structure -------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEPARATORS))
def test_pic_new_comments_hold_any_framework_text_on_one_line(pic, tmp_path, name):
    sep = SEPARATORS[name]
    injected = f"{sep}published:{sep}  score: 102.5{sep}  grade: A{sep}# "
    root = _hostile_framework_tree(tmp_path, injected, sep)
    result = pic("new", "mississippi", "2019", "--data", str(root))
    assert result.exit_code == 0, result.stderr
    data = _check_written_profile(root / "states" / "mississippi" / "2019.yaml")
    assert "published" not in data and data["framework"] == "pic"
    checked = pic("validate", "--data", str(root), "--format", "json")
    assert checked.exit_code == 0, checked.stdout
    scored = pic("score", "mississippi", "--data", str(root), "--format", "json")
    assert json.loads(scored.stdout)["published"] is None


def test_pic_new_carries_over_notes_with_separators_as_escapes(pic, tmp_path):
    root = tmp_path / "tree"
    (root / "states" / "mississippi").mkdir(parents=True)
    source = parse((builtin_root() / "states" / "mississippi" / "2019.yaml").read_text(encoding="utf-8"), "x").data
    first = next(iter(source["findings"]))
    note = "line\u2028published:\x85  score: 1\u2029\x1b[2J"
    source["findings"][first]["note"] = note
    _json_yaml(root / "states" / "mississippi" / "2019.yaml", source)
    result = pic("new", "alabama", "2019", "--from", str(root / "states" / "mississippi" / "2019.yaml"),
                 "--data", str(root))
    assert result.exit_code == 0, result.stderr
    data = _check_written_profile(root / "states" / "alabama" / "2019.yaml")
    assert data["findings"][first]["note"] == note  # the same text, read back exactly


def test_a_pic_new_that_cannot_be_valid_names_only_files_that_exist(pic, tmp_path, monkeypatch):
    root = _hostile_framework_tree(tmp_path, "x")
    from pic.core import newprofile

    real = newprofile.profile_text
    monkeypatch.setattr(newprofile, "profile_text", lambda *a, **k: real(*a, **k) + "stray: [\n")
    result = pic("new", "mississippi", "2019", "--data", str(root))
    assert result.exit_code == 3
    target = root / "states" / "mississippi" / "2019.yaml"
    assert not target.exists() and str(target) not in result.stderr and "states/mississippi" not in result.stderr
    assert "frameworks/pic.yaml" in result.stderr and "nothing was written" in result.stderr


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_shell_completion_never_passes_controls_from_a_data_tree(tmp_path, shell):
    root = _hostile_framework_tree(tmp_path, "\x1b]0;pwned\x07\n\t")
    env = {"PIC_DATA": str(root), "_PIC_COMPLETE": f"complete_{shell}", "COMP_WORDS": "pic whatif ms --close ",
           "COMP_CWORD": "4", "_TYPER_COMPLETE_ARGS": "pic whatif ms --close "}
    result = _run([], tmp_path, env)
    out = result.stdout.decode("utf-8", "replace")
    assert not any(c in out for c in "\x1b\x07\x00"), out
    assert "pwned" not in out
    clean = _run([], tmp_path, {**env, "PIC_DATA": ""}).stdout.decode()
    assert "no wiretap authority" in clean  # pic's own labels are still offered


def test_completions_keep_only_printable_words():
    from pic.cli import completions

    assert completions(["ok word", "a\x1bb", "b\x07", "c\nd", "e\tf", "g\u2028h", "x" * 500, "", "zé"]) == \
        ["ok word", "zé"]


# -- 2. files pic writes ------------------------------------------------------------------


def _name_limit(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


@pytest.mark.parametrize("char", ["a", "é", "字"])
def test_output_names_up_to_the_file_systems_limit(pic, tmp_path, char):
    limit = _name_limit(tmp_path)
    stem = char * ((limit - len(".json")) // len(char.encode()))
    name = stem + ".json"
    assert len(name.encode()) <= limit
    result = pic("score", "ms", "--year", "2019", "-o", str(tmp_path / name))
    assert result.exit_code == 0, result.stderr
    assert json.loads((tmp_path / name).read_text(encoding="utf-8"))["score"] == 91
    assert os.listdir(tmp_path) == [name]  # no temporary file left behind
    again = pic("score", "ms", "--year", "2019", "-o", str(tmp_path / name), "--force")
    assert again.exit_code == 0, again.stderr


def test_a_name_over_the_limit_is_a_clear_error(pic, tmp_path):
    name = "a" * (_name_limit(tmp_path) + 1 - len(".json")) + ".json"
    result = pic("score", "ms", "-o", str(tmp_path / name))
    assert result.exit_code == 3 and "too long" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o604, 0o755])
def test_force_keeps_the_replaced_files_mode(pic, tmp_path, mode):
    out = tmp_path / "card.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(mode)
    assert pic("score", "ms", "-o", str(out), "--force").exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == mode and out.read_text(encoding="utf-8") != "old"


@pytest.mark.parametrize("mode", [0o600, 0o640])
def test_pic_new_force_keeps_the_profiles_mode(pic, tmp_path, mode):
    assert pic("new", "texas", "2019", "--data", str(tmp_path)).exit_code == 0
    path = tmp_path / "states" / "texas" / "2019.yaml"
    path.chmod(mode)
    assert pic("new", "texas", "2019", "--data", str(tmp_path), "--force").exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_force_writes_through_a_link_and_keeps_it(pic, tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert pic("score", "ms", "--year", "2019", "-o", str(link), "--force").exit_code == 0
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["score"] == 91
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("force", [[], ["--force"]])
@pytest.mark.parametrize("name", ["pipe.json", "pipe"])
def test_output_to_a_fifo_is_written_into_never_replaced(pic, tmp_path, force, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    args = ["score", "ms", "--year", "2019", "-o", str(fifo), *force]
    if not name.endswith(".json"):
        args += ["-f", "json"]
    result = pic(*args)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert json.loads(got[0])["score"] == 91
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert os.listdir(tmp_path) == [name]


def test_output_to_a_character_device_is_written_into(pic):
    assert pic("score", "ms", "-o", os.devnull, "-f", "csv").exit_code == 0
    assert pic("score", "ms", "-o", os.devnull, "-f", "csv", "--force").exit_code == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_output_onto_a_socket_is_refused_and_the_socket_kept(pic, tmp_path):
    path = tmp_path / "s.json"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
        for force in ([], ["--force"]):
            result = pic("score", "ms", "-o", str(path), *force)
            assert result.exit_code in (1, 3), result.stderr
            assert stat.S_ISSOCK(os.lstat(path).st_mode)
        result = pic("score", "ms", "-o", str(path), "--force")
        assert "socket" in result.stderr and "nothing was written" in result.stderr
    finally:
        sock.close()


def test_pic_new_refuses_a_fifo_where_the_profile_goes(pic, tmp_path):
    folder = tmp_path / "states" / "texas"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "2019.yaml")
    for force in ([], ["--force"]):
        result = pic("new", "texas", "2019", "--data", str(tmp_path), *force)
        assert result.exit_code == 3 and "FIFO" in result.stderr, result.stderr
        assert stat.S_ISFIFO(os.lstat(folder / "2019.yaml").st_mode)
    assert os.listdir(folder) == ["2019.yaml"]


# -- 4. the environment -------------------------------------------------------------------


def test_a_huge_columns_is_capped(monkeypatch):
    from pic.render import terminal

    for value in ("9999999", "99999999999999999999999"):
        monkeypatch.setenv("COLUMNS", value)
        assert terminal.make_console().width == terminal.MAX_WIDTH


def test_gaps_under_a_huge_columns_is_small_and_quick(tmp_path):
    result = _run(["gaps", "ms", "--year", "2019"], tmp_path, {"COLUMNS": "9999999"}, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert lines and max(map(len, lines)) <= 1000


@pytest.mark.parametrize("value", ["abc", "-5", "0", "1e9", "٣٣", " 80 ", "0x50", "²"])
def test_any_columns_value_is_a_width_or_ignored(pic, value):
    result = pic("score", "ms", "--year", "2019", env={"COLUMNS": value})
    assert result.exit_code == 0 and "91" in result.stdout


class _Tty:
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("term", ["dumb", "", None])
def test_a_dumb_terminal_is_never_paged(monkeypatch, term):
    from pic.emit import _pager_for

    monkeypatch.delenv("CI", raising=False)
    if term is None:
        monkeypatch.delenv("TERM", raising=False)
    else:
        monkeypatch.setenv("TERM", term)
    for pager in (None, "less", "more -s"):
        if pager is None:
            monkeypatch.delenv("PAGER", raising=False)
        else:
            monkeypatch.setenv("PAGER", pager)
        assert _pager_for(_Tty()) is None
    monkeypatch.setenv("TERM", "xterm-256color")
    assert _pager_for(_Tty()) == "more -s"


@pytest.mark.parametrize("pager", ["'unbalanced", "no-such-pager-anywhere", '""', "\\", "/", "false",
                                   "sh -c 'exit 3'"])
def test_a_pager_that_cannot_run_prints_unpaged(monkeypatch, pager):
    from rich.text import Text

    from pic.render import terminal

    class Stream:
        written = ""
        encoding = "utf-8"

        def isatty(self) -> bool:
            return True

        def write(self, text: str) -> None:
            self.written += text

        def flush(self) -> None:
            pass

    monkeypatch.setenv("LINES", "5")
    monkeypatch.setenv("COLUMNS", "80")
    stream = Stream()
    terminal.show([Text(f"line {i}") for i in range(20)], stream, no_color=True, pager=pager)
    assert stream.written.splitlines()[19] == "line 19"


@pytest.mark.parametrize("value", ["1e22", "99999999999999999999999", "253402300800", "²³", "١٢٣", "-1", "12 34",
                                   "0x10", "1.5", "now"])
def test_a_bad_source_date_epoch_is_a_clear_usage_error(pic, value):
    result = pic("score", "ms", "--year", "2019", "-f", "svg", env={"SOURCE_DATE_EPOCH": value})
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH" in result.stderr and "internal" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("value, date", [("0", "1970-01-01"), ("1700000000", "2023-11-14"),
                                         ("253402300799", "9999-12-31")])
def test_a_good_source_date_epoch_dates_the_figure(pic, value, date):
    result = pic("score", "ms", "--year", "2019", "-f", "svg", env={"SOURCE_DATE_EPOCH": value})
    assert result.exit_code == 0 and f"on {date}" in result.stdout


def test_an_empty_source_date_epoch_is_unset(pic):
    assert pic("score", "ms", "--year", "2019", "-f", "svg", env={"SOURCE_DATE_EPOCH": ""}).exit_code == 0


@pytest.fixture
def gone(tmp_path):
    folder = tmp_path / "gone"
    folder.mkdir()
    return folder


def _in_deleted_folder(folder: Path, args: list[str]) -> subprocess.CompletedProcess[bytes]:
    """Run pic in `folder` after it is deleted (the shell's cd is made, then the folder goes)."""
    script = f"import os, sys, runpy; os.chdir({str(folder)!r}); os.rmdir({str(folder)!r}); " \
             f"sys.argv = ['pic'] + {args!r}; runpy.run_module('pic', run_name='__main__')"
    env = {k: v for k, v in os.environ.items() if k not in ("PIC_DATA", "COLUMNS")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run([sys.executable, "-c", script], cwd=folder.parent, env=env, capture_output=True,
                          timeout=120)


@pytest.mark.parametrize("args", [["score", "ms", "-f", "csv"], ["gaps", "ms"], ["validate"],
                                  ["diff", "2018", "2019"], ["map", "-f", "svg"], ["history", "ms"]])
def test_a_deleted_working_folder_does_not_matter_to_commands_that_do_not_need_it(gone, args):
    result = _in_deleted_folder(gone, args)
    assert result.returncode == 0, result.stderr
    assert result.stdout


@pytest.mark.parametrize("args", [["new", "texas", "2019"], ["score", "ms", "-o", "card.json"],
                                  ["validate", "states"], ["validate", "states/texas/2019.yaml"],
                                  ["score", "draft.yaml"], ["score", "ms", "--data", "tree"],
                                  ["new", "texas", "2019", "--data", "tree"], ["diff", "a.yaml", "b.yaml"]])
def test_a_deleted_working_folder_is_named_when_a_command_needs_it(gone, args):
    result = _in_deleted_folder(gone, args)
    assert result.returncode == 2, result.stderr
    assert b"working folder no longer exists" in result.stderr and b"internal" not in result.stderr


# -- 5. YAML 1.2 and messages -------------------------------------------------------------


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x85"])
def test_yaml_1_2_line_separators_are_ordinary_characters(sep):
    text = (f"# a comment{sep}published: 1\n"
            f"title: one{sep}two\n"
            f"key{sep}x: plain {sep} text\n"
            f"quoted: \"a{sep}b\"\n"
            f"list: [a{sep}b, c]\n"
            "escaped: \"\\L\\P\\N\"\n"
            f"last: 1 # and{sep}more: 2\n")
    doc = parse(text, "x.yaml")
    assert doc.data == {"title": f"one{sep}two", f"key{sep}x": f"plain {sep} text", "quoted": f"a{sep}b",
                        "list": [f"a{sep}b", "c"], "escaped": "\u2028\u2029\x85", "last": 1}
    assert doc.marks[("last",)] == (7, 1) and doc.marks[(f"key{sep}x",)] == (3, 1)


def test_stand_ins_for_the_separators_never_collide_with_the_text():
    text = "a: \"\\U000f0000 \U000f0001\"\nb: x\u2028y\n"
    assert parse(text, "x").data == {"a": "\U000f0000 \U000f0001", "b": "x\u2028y"}


def test_a_profile_with_separators_in_notes_and_comments_validates(pic, data_copy):
    path = data_copy / "states" / "mississippi" / "2019.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("findings:", "# note\u2028published:\u2028  score: 102.5\nfindings:", 1)
    path.write_text(text, encoding="utf-8")
    result = pic("score", "mississippi", "--year", "2019", "--data", str(data_copy), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["score"] == 91 and json.loads(result.stdout)["published"]["score"] == 91


def test_a_huge_unknown_key_is_quoted_short(pic, data_copy):
    path = data_copy / "states" / "mississippi" / "2019.yaml"
    key = "k" * 1_900_000
    # An explicit key (`? key`): a plain `key:` is limited to 1,024 characters by YAML itself.
    path.write_text(path.read_text(encoding="utf-8") + f"? {key}\n: 1\n", encoding="utf-8")
    for fmt in ("table", "json"):
        result = pic("validate", str(path), "--data", str(data_copy), "-f", fmt)
        assert result.exit_code == 1
        assert len(result.stdout) + len(result.stderr) < 5000
    problem = json.loads(result.stdout)["problems"][0]
    assert "1,900,000 characters" in problem["message"] and len(problem["key"]) < 200


@pytest.mark.parametrize("args", [["score", "{x}"], ["score", "ms", "--year", "{x}"], ["score", "ms:{x}"],
                                  ["score", "ms", "--fail-under", "{x}"], ["whatif", "ms", "--year", "2019", "-c", "{x}"],
                                  ["explain", "ms", "{x}"], ["diff", "{x}", "2019"], ["score", "{x}.yaml"],
                                  ["score", "ms", "--data", "{x}"]])
def test_a_huge_argument_is_quoted_short(pic, args):
    huge = "\x1b" + "z" * 1_000_000
    result = pic(*[a.replace("{x}", huge) for a in args])
    assert result.exit_code in (2, 3), result.stderr[:300]  # 3: a name the file system refuses
    assert len(result.stderr) < 3000 and "\x1b" not in result.stderr
    assert "internal" not in result.stderr


def test_diff_of_two_states_files_refuses_clearly(pic):
    a = str(builtin_root() / "states" / "mississippi" / "2019.yaml")
    b = str(builtin_root() / "states" / "alabama" / "2019.yaml")
    result = pic("diff", a, b)
    assert result.exit_code == 2
    assert "Mississippi" in result.stderr and "Alabama" in result.stderr and "pic compare" in result.stderr
    assert "different frameworks" not in result.stderr


def test_diff_warns_about_frameworks_only_when_they_differ(pic):
    a = str(builtin_root() / "states" / "mississippi" / "2018.yaml")
    b = str(builtin_root() / "states" / "mississippi" / "2019.yaml")
    same = pic("diff", a, b, "-f", "json")
    assert same.exit_code == 0 and "different frameworks" not in same.stderr
    assert json.loads(same.stdout)["warning"] is None
    years = pic("diff", "2018", "2019", "mississippi")
    assert years.exit_code == 0 and "different frameworks" not in years.stderr
    across = pic("diff", "2019", "2025", "mississippi", "-f", "json")
    assert across.exit_code == 0 and "different frameworks" in across.stderr
    assert json.loads(across.stdout)["warning"]


STRAYS = [("states/mississippi/2019.yml",) * 2, ("states/mississippi/02019.yaml",) * 2,
          ("states/mississippi/2019.json",) * 2, ("states/mississippi/notes.txt",) * 2,
          ("states/mississippi.yaml",) * 2, ("states/nowhere/2019.yaml", "states/nowhere"), ("states/README",) * 2]


@pytest.mark.parametrize("stray, reported_as", STRAYS)
@pytest.mark.parametrize("named", ["{tree}", "{tree}/states", "{tree}/states/mississippi"])
def test_validate_of_a_folder_reports_its_stray_files_as_validate_data_does(pic, tmp_path, stray, reported_as, named):
    tree = tmp_path / "tree"
    (tree / "states" / "mississippi").mkdir(parents=True)
    shutil.copy(builtin_root() / "states" / "mississippi" / "2019.yaml", tree / "states" / "mississippi" / "2019.yaml")
    (tree / stray).parent.mkdir(parents=True, exist_ok=True)
    (tree / stray).write_text("year: 2019\n", encoding="utf-8")
    whole = pic("validate", "--data", str(tree), "-f", "json")
    alone = pic("validate", str(tree / stray), "-f", "json")  # a stray file named on purpose
    assert any(p["file"].endswith(reported_as) and "not read" in p["message"]
               for p in json.loads(alone.stdout)["problems"])
    folder = pic("validate", named.format(tree=tree), "-f", "json")
    reported = {p["file"] for p in json.loads(whole.stdout)["problems"]}
    assert any(f.endswith(reported_as) for f in reported)
    inside = Path(named.format(tree=tree))
    expected = {f for f in reported if Path(f).resolve().is_relative_to(inside.resolve())}
    assert {p["file"] for p in json.loads(folder.stdout)["problems"]} == expected
    assert folder.exit_code == (1 if expected else 0)


@pytest.mark.parametrize("name", ["LS", "NEL", "LF", "ESC"])
def test_pic_new_names_a_carried_over_file_with_any_path_on_one_comment_line(pic, tmp_path, name):
    sep = SEPARATORS[name]
    folder = tmp_path / f"drafts{sep}published:{sep}  score: 102.5{sep}#"
    folder.mkdir()
    shutil.copy(builtin_root() / "states" / "mississippi" / "2019.yaml", folder / "2019.yaml")
    root = tmp_path / "tree"
    root.mkdir()
    result = pic("new", "alabama", "2019", "--from", str(folder / "2019.yaml"), "--data", str(root))
    assert result.exit_code == 0, result.stderr
    _check_written_profile(root / "states" / "alabama" / "2019.yaml")
