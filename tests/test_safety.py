"""Safe with any data file (issue 11): nothing in a profile, a framework, a file name or an
argument controls the terminal or a spreadsheet, and every failure keeps its exit code.

- Data text: a data tree built from pic's own, with escape sequences (window title,
  clear screen, OSC 8 links, OSC 52 clipboard writes, colours), C1 controls, bidi
  overrides, rich markup, HTML and spreadsheet formulas written into profile notes,
  citations, source titles and URLs, and framework titles, gap labels and
  recommendations. Every human format (table plain, --no-color and FORCE_COLOR=1, CSV,
  Markdown, and the same as files) shows them as visible escapes; JSON keeps them exact.
- CSV formula cells and Markdown HTML and line breaks.
- Streams, through the installed `pic` (beside the interpreter running the tests): a
  closed pipe, a closed or full stdout or stderr, non-UTF-8 locales, narrow terminals,
  SIGTERM during a write, unknown `~user` paths, `-o` naming a folder.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from installed import SCRIPT, needs_script
import yaml

from pic import reports
from pic.core.errors import UsageError
from pic.core.fileio import write_atomic
from pic.core.load import builtin_root
from pic.core.yamlload import parse
from pic.render import csv as csv_format
from pic.render import markdown as markdown_format
from pic.render.safe import clean, visible
from pic.views.tabular import Tabular





# -- hostile text ---------------------------------------------------------------------------

OSC_TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J"
OSC8 = "\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\"
OSC52 = "\x1b]52;c;cHduZWQ=\x07"
COLOUR = "\x1b[31mred\x1b[0m"
C1 = "\x9b2J"
BIDI = "\u202egnp.exe \u2066iso\u2069 \u200f"
MARKUP = "[/b] [link=https://evil.example]x[/link] [bold red]y"
HTML = "<script>alert(1)</script> <img src=x onerror=alert(2)>"
PAYLOAD = f"{OSC_TITLE} {CLEAR} {OSC8} {OSC52} {COLOUR} {C1} {BIDI} {MARKUP} {HTML} \rCR\x7fDEL\x00NUL"

# Every control character pic must never pass on from data: C0 (but tab and newline),
# DEL, C1 and the bidi controls.
FOREIGN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SGR = re.compile(r"\x1b\[[0-9;]*m")  # pic's own colours, the one escape it writes


def foreign(text: str, styled: bool = False) -> list[str]:
    """The control characters in `text` that pic did not put there itself."""
    return FOREIGN.findall(SGR.sub("", text) if styled else text)


GAP_MAX = 60


def hostile_tree(root: Path, text: str = PAYLOAD, fw_text: str | None = None, whole: bool = False) -> Path:
    """pic's own tree with `text` in Mississippi 2019's source, notes and citations, and
    `fw_text` (default `text`) in the PIC framework's titles and the wiretap gap: after a
    word ("Note ...") or, with `whole`, as the whole field."""
    def lead(word: str) -> str:
        return "" if whole else word + " "

    src = builtin_root()
    shutil.copytree(src / "frameworks", root / "frameworks")
    shutil.copytree(src / "states", root / "states")
    fw_text = text if fw_text is None else fw_text
    ms = root / "states" / "mississippi" / "2019.yaml"
    profile = parse(ms.read_text(encoding="utf-8"), "2019.yaml").data
    profile["source"]["title"] = lead("Report card") + text
    profile["source"]["url"] = "https://example.org/" + text
    for key in ("6.3.a", "5.1.a", "1.1.a"):
        profile["findings"][key]["note"] = lead("Note") + text
        profile["findings"][key]["citations"] = [lead("Law") + text]
    ms.write_text(yaml.safe_dump(profile, allow_unicode=False, sort_keys=False), encoding="utf-8")
    fw_path = root / "frameworks" / "pic.yaml"
    fw = parse(fw_path.read_text(encoding="utf-8"), "pic.yaml").data
    fw["title"] = lead("Framework") + fw_text
    fw["sections"][0]["title"] = lead("Section") + fw_text
    for section in fw["sections"]:
        for comp in section["components"]:
            if comp["id"] == "6.3":
                comp["title"] = lead("Wiretaps") + fw_text
                comp["criteria"][0]["gap"] = (lead("no wiretap") + fw_text)[:GAP_MAX]  # labels are short
                comp["criteria"][0]["recommendation"] = lead("Allow wiretaps") + fw_text
    fw_path.write_text(yaml.safe_dump(fw, allow_unicode=False, sort_keys=False), encoding="utf-8")
    return root


@pytest.fixture
def evil(tmp_path: Path) -> Path:
    return hostile_tree(tmp_path / "evil")


# Every report kind, by the registry's example of it; the kinds whose example is not about
# Mississippi 2019 (where the hostile text is) are asked about it here.
ABOUT_MS = {"status": ["status", "ms", "--year", "2019"], "compare": ["compare", "ms", "al", "--year", "2019"],
            "diff": ["diff", "2018", "2019", "ms"], "map": ["map", "--year", "2019"]}
EVERY_KIND = {name: ABOUT_MS.get(name) or list(reports.kind(name).example) for name in reports.NAMES if name != "new"}
# The kinds whose reports carry the hostile texts, for the checks of exactly what is shown.
COMMANDS = {
    "score": ["score", "ms", "--year", "2019"],
    "gaps": ["gaps", "ms", "--year", "2019"],
    "explain": ["explain", "ms", "6.3", "--year", "2019"],
    "whatif": ["whatif", "ms", "-c", "6.3", "--year", "2019"],
    "history": ["history", "ms"],
    "frameworks": ["frameworks"],
    "ranking": ["score", "--all", "--year", "2019"],
}
HUMAN = {
    "table": ([], {"NO_COLOR": None}),
    "table-no-color": (["--no-color"], {"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm-256color"}),
    "table-force-color": ([], {"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm-256color"}),
    "csv": (["--format", "csv"], {}),
    "markdown": (["--format", "markdown"], {}),
}


def _no_crash(result: Any) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr


# -- 1. data text reaches no terminal as control characters ---------------------------------


# The ranking table shows no text from these fields (its CSV and Markdown carry the source).
SHOWN = [(c, f) for c in sorted(EVERY_KIND) for f in sorted(HUMAN) if not (c == "ranking" and f.startswith("table"))]


@pytest.mark.parametrize("command,fmt", SHOWN)
def test_hostile_data_text_is_shown_not_executed(pic, evil, command, fmt):
    extra, env = HUMAN[fmt]
    result = pic(*EVERY_KIND[command], *extra, "--data", str(evil), env=env)
    _no_crash(result)
    assert result.exit_code == 0, result.stderr
    styled = fmt == "table-force-color"
    assert foreign(result.stdout, styled) == [] and foreign(result.stderr) == []
    for raw in (OSC_TITLE, CLEAR, OSC52, COLOUR, "\x1b]8;", "\x9b", "\u202e"):
        assert raw not in result.stdout


@pytest.mark.parametrize("command", ["score", "gaps", "explain", "frameworks"])
def test_hostile_data_text_is_shown_as_visible_escapes(pic, evil, command):
    out = pic(*COMMANDS[command], "--data", str(evil)).stdout
    assert "pwned" in out and "\\x1b" in out and "\\u202e" in out


def test_the_table_is_really_colored_when_forced(pic, evil):
    """The FORCE_COLOR case above checks what it means to: pic's own styles are there."""
    out = pic(*COMMANDS["score"], "--data", str(evil), env=HUMAN["table-force-color"][1]).stdout
    assert SGR.search(out)


@pytest.mark.parametrize("suffix", [".txt", ".csv", ".md"])
@pytest.mark.parametrize("command", ["score", "gaps", "explain"])
def test_hostile_data_text_in_written_files(pic, evil, tmp_path, command, suffix):
    target = tmp_path / f"out{suffix}"
    result = pic(*COMMANDS[command], "--data", str(evil), "-o", str(target))
    _no_crash(result)
    assert result.exit_code == 0, result.stderr
    text = target.read_bytes().decode("utf-8")
    assert foreign(text) == [] and "pwned" in text


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_json_keeps_data_text_exact(pic, evil, command):
    result = pic(*COMMANDS[command], "--data", str(evil), "--format", "json")
    assert result.exit_code == 0, result.stderr
    # The characters a terminal acts on are written as JSON escapes: nothing raw on stdout...
    assert foreign(result.stdout) == []
    # ...and the parsed value is the data exactly as written.
    found = json.dumps(json.loads(result.stdout), ensure_ascii=False)
    assert json.dumps(PAYLOAD, ensure_ascii=False)[1:-1] in found


def test_json_score_card_carries_the_source_title_exactly(pic, evil):
    card = json.loads(pic(*COMMANDS["score"], "--data", str(evil), "--format", "json").stdout)
    assert card["source"]["title"] == "Report card " + PAYLOAD


@pytest.mark.parametrize("command", ["score", "whatif", "history", "frameworks", "gaps", "explain"])
def test_markup_in_framework_text_prints_literally(pic, tmp_path, command):
    data = hostile_tree(tmp_path / "markup", text="plain", fw_text=MARKUP)
    result = pic(*COMMANDS[command], "--data", str(data), "--no-pager")
    _no_crash(result)
    assert result.exit_code == 0, result.stderr
    assert "[/b]" in result.stdout or "[/b]" in result.stdout.replace("\n", "")


@pytest.mark.parametrize("command", ["score", "frameworks", "explain"])
def test_markup_in_framework_text_is_shown_whole(pic, tmp_path, command):
    data = hostile_tree(tmp_path / "markup", text="plain", fw_text=MARKUP)
    words = pic(*COMMANDS[command], "--data", str(data), env={"COLUMNS": "200"}).stdout.split()
    for word in MARKUP.split():
        assert word in words


def test_a_file_name_with_control_characters_is_shown_escaped(pic, tmp_path):
    bad = tmp_path / f"x{OSC_TITLE}{CLEAR}\u202e.yaml"
    bad.write_text("not: [valid\n", encoding="utf-8")
    for fmt in ("table", "csv", "markdown"):
        result = pic("validate", str(bad), "--format", fmt)
        _no_crash(result)
        assert result.exit_code == 1
        assert foreign(result.stdout) == [] and foreign(result.stderr) == []
        assert "pwned" in result.stdout and "x1b" in result.stdout and "u202e" in result.stdout


def test_a_profile_path_with_control_characters_in_an_error_is_escaped(pic, tmp_path):
    bad = tmp_path / f"x{OSC_TITLE}{CLEAR}\u202e.yaml"
    bad.write_text("not: [valid\n", encoding="utf-8")
    result = pic("score", str(bad))
    _no_crash(result)
    assert result.exit_code == 3
    assert foreign(result.stderr) == [] and "\\x1b]0;pwned\\x07" in result.stderr


def test_an_echoed_argument_is_escaped(pic):
    result = pic("score", f"ms{OSC_TITLE}{CLEAR}\u202e")
    assert result.exit_code == 2
    assert foreign(result.stderr) == [] and "\\x1b]0;pwned\\x07" in result.stderr


def test_an_echoed_option_value_is_escaped(pic):
    result = pic("score", "ms", "--format", f"{CLEAR}{OSC52}")
    assert result.exit_code == 2
    assert foreign(result.stderr) == [] and "\\x1b[2J" in result.stderr


def test_visible_escapes_every_class():
    assert visible("\x1b\x07\x9b\x7f\u202e\u2066\u061c\u200e\r\n\t") == \
        "\\x1b\\x07\\x9b\\x7f\\u202e\\u2066\\u061c\\u200e\\x0d\\x0a\\x09"
    assert visible("a\nb\tc\rd", lines=True) == "a\nb\tc\\x0dd"
    assert visible("\udcff") == "\\udcff"  # a file name that is not UTF-8 cannot crash the output


def test_clean_reaches_every_string_and_leaves_numbers():
    report = {"a": ["\x1b[2J", ("\x9b", 2.5)], "\u202ekey": {"n": None, "b": True, "x": -2}}
    assert clean(report) == {"a": ["\\x1b[2J", ("\\x9b", 2.5)], "\\u202ekey": {"n": None, "b": True, "x": -2}}


# -- 2. CSV and Markdown ----------------------------------------------------------------------


FORMULAS = ['=HYPERLINK("https://evil.example","x")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd", "\t=1+1"]


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_formula_cells_are_neutralised(pic, tmp_path, formula):
    data = hostile_tree(tmp_path / "f", text=formula, whole=True)
    out = pic("gaps", "ms", "--year", "2019", "--data", str(data), "--format", "csv").stdout
    rows = _csv_rows(out)
    cells = [c for row in rows[1:] for c in row if "cmd" in c or "HYPERLINK" in c or "=1+1" in c]
    assert cells, out
    assert all(c.startswith("'") for c in cells), cells
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for c in row)


def test_csv_formula_section_title_is_neutralised(pic, tmp_path):
    data = hostile_tree(tmp_path / "f", text="plain", fw_text="")
    fw_path = data / "frameworks" / "pic.yaml"
    fw = parse(fw_path.read_text(encoding="utf-8"), "pic.yaml").data
    fw["sections"][0]["title"] = FORMULAS[0]
    fw_path.write_text(yaml.safe_dump(fw, sort_keys=False), encoding="utf-8")
    rows = _csv_rows(pic(*COMMANDS["score"], "--data", str(data), "--format", "csv").stdout)
    assert rows[1][rows[0].index("title")] == "'" + FORMULAS[0]


def test_csv_negative_numbers_stay_numbers():
    table = Tabular("t", ("number", "text_number", "formula", "dash"), [(-2.5, "-2.5", "-2+3", "- item")])
    assert _csv_rows(csv_format.dumps(table))[1] == ["-2.5", "-2.5", "'-2+3", "'- item"]


def test_csv_score_change_below_zero_is_a_number(pic, tmp_path):
    text = (builtin_root() / "states" / "mississippi" / "2019.yaml").read_text(encoding="utf-8")
    before = tmp_path / "before.yaml"
    before.write_text(text, encoding="utf-8")
    profile = parse(text, "after.yaml").data
    profile["findings"]["1.1.a"]["answer"] = "no"
    profile.pop("published", None)
    after = tmp_path / "after.yaml"
    after.write_text(yaml.safe_dump(profile, sort_keys=False), encoding="utf-8")
    rows = _csv_rows(pic("diff", str(before), str(after), "--format", "csv").stdout)
    change = rows[1][rows[0].index("score_change_min")]
    assert float(change) < 0 and not change.startswith("'")


def test_markdown_escapes_html(pic, evil):
    out = pic(*COMMANDS["gaps"], "--data", str(evil), "--format", "markdown").stdout
    assert "&lt;script&gt;" in out
    assert "<script" not in out and "<img" not in out


def test_markdown_makes_no_links_from_data(pic, tmp_path):
    data = hostile_tree(tmp_path / "m", text="[click](javascript:alert(1)) ![x](https://evil.example/p.png)")
    out = pic(*COMMANDS["gaps"], "--data", str(data), "--format", "markdown").stdout
    assert "\\[click\\](javascript" in out
    assert "](" not in out.replace("\\](", "")


def test_markdown_rows_never_split(pic, tmp_path):
    data = hostile_tree(tmp_path / "m", text="one\r\ntwo\rthree\nfour | five\u2028six")
    out = pic(*COMMANDS["gaps"], "--data", str(data), "--format", "markdown").stdout
    lines = [line for line in out.splitlines() if line.startswith("|")]
    header_cells = lines[0].count(" | ")
    assert len(lines) == 2 + len(json.loads(pic(*COMMANDS["gaps"], "--data", str(data), "-f", "json").stdout)["gaps"])
    for line in lines[2:]:
        assert re.sub(r"\\\|", "", line).count(" | ") == header_cells, line
    assert "\r" not in out and "four \\| five" in out


def test_markdown_escape_unit():
    table = Tabular("a|b", ("c",), [("<b>&amp;</b>\r\n|[x](y)\\",)], ("note\nnext",))
    out = markdown_format.dumps(table)
    assert "| &lt;b&gt;&amp;amp;&lt;/b&gt; \\|\\[x\\](y)\\\\ |" in out.splitlines()
    assert "- note next" in out.splitlines() and "## a\\|b" in out.splitlines()


# -- 3. streams and environment (the installed script) -----------------------------------


def _env(**extra: str) -> dict[str, str]:
    drop = ("PIC_DATA", "FORCE_COLOR", "NO_COLOR", "COLUMNS", "LANG", "LANGUAGE", "PYTHONIOENCODING", "PYTHONUTF8")
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("LC_")}
    env.update(extra)
    return env


FORMATS = ["table", "json", "csv", "markdown"]
ALL = ["score", "--all", "--year", "2019", "--no-pager"]


def _run(args: list[str], **kw: Any) -> subprocess.CompletedProcess[bytes]:
    kw.setdefault("env", _env())
    kw.setdefault("timeout", 60)
    return subprocess.run([str(SCRIPT), *args], **kw)


def _one_error_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text
    lines = text.splitlines()
    assert len(lines) == 1 and lines[0].startswith("pic: error: "), text
    return lines[0]


@needs_script
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_closed_pipe_ends_quietly_with_0(fmt, tmp_path):
    read, write = os.pipe()
    os.close(read)  # the reader is gone before pic writes a byte
    try:
        proc = subprocess.run([str(SCRIPT), *ALL, "--format", fmt], stdout=write, stderr=subprocess.PIPE,
                              env=_env(), timeout=60, cwd=tmp_path)
    finally:
        os.close(write)
    assert proc.returncode == 0 and proc.stderr == b""


@needs_script
@pytest.mark.parametrize("fmt", FORMATS)
def test_head_reading_one_line_ends_quietly_with_0(fmt, tmp_path):
    pic = subprocess.Popen([str(SCRIPT), *ALL, "--format", fmt], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=_env(), cwd=tmp_path)
    assert pic.stdout is not None and pic.stderr is not None
    first = pic.stdout.readline()
    pic.stdout.close()
    err = pic.stderr.read()
    assert pic.wait(timeout=60) == 0 and first and err == b""


@needs_script
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_closed_stdout_is_exit_3_with_one_line(fmt, tmp_path):
    proc = _run([*ALL, "--format", fmt], stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1), cwd=tmp_path)
    assert proc.returncode == 3
    assert "output" in _one_error_line(proc.stderr)


@needs_script
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_full_stdout_is_exit_3_with_one_line(fmt, tmp_path):
    with open("/dev/full", "wb") as full:
        proc = _run([*ALL, "--format", fmt], stdout=full, stderr=subprocess.PIPE, cwd=tmp_path)
    assert proc.returncode == 3
    assert "cannot write the output" in _one_error_line(proc.stderr)


def _broken_profile(tmp_path: Path) -> Path:
    bad = tmp_path / "bad.yaml"
    bad.write_text("jurisdiction: [\n", encoding="utf-8")
    return bad


@needs_script
@pytest.mark.parametrize("stderr", ["closed", "full"])
@pytest.mark.parametrize("case,code", [("usage", 2), ("data", 3), ("output", 3)])
def test_an_unwritable_stderr_keeps_the_exit_code(tmp_path, stderr, case, code):
    args = {"usage": ["score", "nowhere"], "data": ["score", str(_broken_profile(tmp_path))],
            "output": ["score", "ms", "-o", str(tmp_path / "no-such-folder" / "x.json")]}[case]
    kw: dict[str, Any] = {"stdout": subprocess.PIPE, "cwd": tmp_path}
    if stderr == "closed":
        kw["preexec_fn"] = lambda: os.close(2)
        proc = _run(args, **kw)
    else:
        with open("/dev/full", "wb") as full:
            proc = _run(args, stderr=full, **kw)
    assert proc.returncode == code


@needs_script
@pytest.mark.parametrize("stderr", ["closed", "full"])
def test_a_full_stdout_with_an_unwritable_stderr_is_still_3(tmp_path, stderr):
    with open("/dev/full", "wb") as full:
        if stderr == "closed":
            proc = _run(ALL, stdout=full, preexec_fn=lambda: os.close(2), cwd=tmp_path)
        else:
            proc = _run(ALL, stdout=full, stderr=full, cwd=tmp_path)
    assert proc.returncode == 3


LOCALES = {
    "LANG=C": {"LANG": "C"},
    "LC_ALL=C": {"LC_ALL": "C"},
    "ISO-8859-1": {"PYTHONIOENCODING": "ISO-8859-1"},
    "cp1252": {"PYTHONIOENCODING": "cp1252"},
    "ascii": {"PYTHONIOENCODING": "ascii"},
}


@needs_script
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_any_locale_gives_output_not_a_traceback(tmp_path, locale, fmt):
    proc = _run(["score", "ms", "--year", "2019", "--format", fmt], capture_output=True,
                env=_env(**LOCALES[locale]), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr and proc.stderr == b""
    assert b"Mississippi" in proc.stdout or b"mississippi" in proc.stdout


@needs_script
@pytest.mark.parametrize("locale", ["ISO-8859-1", "cp1252", "ascii"])
def test_a_narrow_encoding_degrades_bars_and_signs_to_ascii(tmp_path, locale):
    proc = _run(["score", "ms", "--year", "2019"], capture_output=True, env=_env(**LOCALES[locale]), cwd=tmp_path)
    text = proc.stdout.decode(LOCALES[locale]["PYTHONIOENCODING"])
    assert "##########" in text and "A >= 90" in text and "?" not in text


@needs_script
@pytest.mark.parametrize("locale", ["ISO-8859-1", "cp1252", "ascii"])
def test_json_is_the_same_value_in_any_encoding(tmp_path, locale):
    args = ["frameworks", "--format", "json"]
    utf8 = json.loads(_run(args, capture_output=True, cwd=tmp_path).stdout.decode("utf-8"))
    narrow = _run(args, capture_output=True, env=_env(**LOCALES[locale]), cwd=tmp_path).stdout
    assert json.loads(narrow.decode(LOCALES[locale]["PYTHONIOENCODING"])) == utf8


_NUMBER = re.compile(r"(?<![\w.])[+-]?\d+(?:\.\d+)?(?![\w.])")


def _json_numbers(value: Any) -> set[str]:
    if isinstance(value, bool) or value is None:
        return set()
    if isinstance(value, (int, float)):
        return {f"{value:g}"}
    if isinstance(value, dict):
        return set().union(*map(_json_numbers, value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*map(_json_numbers, value)) if value else set()
    return set()


@pytest.mark.parametrize("columns", ["20", "0"])
@pytest.mark.parametrize("command", ["score", "ranking"])
def test_a_narrow_terminal_keeps_every_number_of_the_json(pic, command, columns):
    """Every number of the JSON report that the table shows on a wide terminal (the score
    card, for instance, does not print the F band's minimum of 0), it shows on a narrow one."""
    numbers = _json_numbers(json.loads(pic(*COMMANDS[command], "--format", "json").stdout))
    wide = numbers & set(_NUMBER.findall(pic(*COMMANDS[command], env={"COLUMNS": "120"}).stdout))
    assert len(wide) >= 0.8 * len(numbers) and len(wide) >= 10
    out = pic(*COMMANDS[command], env={"COLUMNS": columns}).stdout
    assert wide - set(_NUMBER.findall(out)) == set()
    assert "…" not in out


NARROW_COMMANDS = {**COMMANDS, "diff": ["diff", "2018", "2019"], "map": ["map", "--year", "2019"],
                   "explain-component": ["explain", "5.9"]}


@pytest.mark.parametrize("columns", ["20", "0", "33", "47", "61"])
@pytest.mark.parametrize("command", sorted(NARROW_COMMANDS))
def test_a_narrow_terminal_shows_every_number_the_wide_one_does(pic, command, columns):
    wide = Counter(_NUMBER.findall(pic(*NARROW_COMMANDS[command], env={"COLUMNS": "120"}).stdout))
    narrow_out = pic(*NARROW_COMMANDS[command], env={"COLUMNS": columns}).stdout
    assert wide - Counter(_NUMBER.findall(narrow_out)) == Counter()
    assert "…" not in narrow_out


SLOW_FSYNC = """\
import os, time
_real = os.fsync
def _slow(fd):
    open(os.environ["PIC_TEST_READY"], "w").close()
    time.sleep(60)
    _real(fd)
os.fsync = _slow
"""


@needs_script
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_a_write_leaves_no_temporary_file(tmp_path, signum):
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(SLOW_FSYNC, encoding="utf-8")
    ready = tmp_path / "ready"
    out = tmp_path / "out"
    out.mkdir()
    env = _env(PYTHONPATH=str(hook), PIC_TEST_READY=str(ready))
    proc = subprocess.Popen([str(SCRIPT), *ALL, "--format", "json", "-o", str(out / "ranking.json")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.02)
    assert [p.name for p in out.iterdir()] != []  # the temporary file is there, mid-write
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == (143 if signum == signal.SIGTERM else 130)
    assert b"Traceback" not in err
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("args", [
    ["score", "~pic-no-such-user-q7/x.yaml"],
    ["score", "ms", "--data", "~pic-no-such-user-q7"],
    ["score", "ms", "-o", "~pic-no-such-user-q7/x.svg"],
    ["new", "ms", "2019", "--data", "~pic-no-such-user-q7"],
], ids=["state-path", "data", "output", "new-data"])
def test_an_unknown_home_folder_is_a_usage_error(pic, args):
    result = pic(*args)
    _no_crash(result)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "~pic-no-such-user-q7" in result.stderr


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_output_naming_a_folder_is_a_usage_error_without_force_advice(pic, tmp_path, force):
    folder = tmp_path / "report.json"
    folder.mkdir()
    result = pic("score", "ms", "-o", str(folder), *force)
    assert result.exit_code == 2
    assert "folder" in result.stderr and "--force" not in result.stderr


def test_write_atomic_onto_a_folder_is_a_usage_error(tmp_path):
    (tmp_path / "x.yaml").mkdir()
    for overwrite in (False, True):
        with pytest.raises(UsageError) as caught:
            write_atomic(tmp_path / "x.yaml", "text", overwrite=overwrite)
        assert "--force" not in str(caught.value)
    assert [p.name for p in tmp_path.iterdir()] == ["x.yaml"]
