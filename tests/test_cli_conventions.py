"""The habits a command-line user expects, and the one place errors become exit codes:
--version and -h, examples in every help, one error format, shared options on every
command, formats by --format or by the --output file's name, exit 4 for a bug."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from pic import __version__
from pic.cli import app

COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]
SHARED = ("--format", "--output", "--force", "--no-color", "--quiet", "--no-pager", "--data", "--debug")


def test_version_and_short_help(pic):
    assert pic("--version").stdout.strip() == f"pic {__version__}"
    assert "Usage:" in pic("-h").stdout and "COMMAND" in pic("-h").stdout
    assert "score [OPTIONS]" in pic("score", "-h").stdout


def test_python_dash_m_pic_is_the_same_program(tmp_path):
    run = subprocess.run([sys.executable, "-m", "pic", "--version"], capture_output=True, text=True, cwd=tmp_path,
                         timeout=60)
    assert run.returncode == 0 and run.stdout.strip() == f"pic {__version__}"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_examples_and_the_shared_options(pic, name):
    text = pic(name, "--help").stdout
    assert "Examples:" in text, name
    assert re.search(rf"^\s+pic {name}\b", text, re.M), name
    for option in SHARED:
        assert option in text, (name, option)
    assert "<str>" not in text and "list[" not in text, name  # no Python types in help


def test_quiet_is_accepted_everywhere(pic):
    assert pic("frameworks", "-q").exit_code == 0


@pytest.mark.parametrize("args, message", [
    (["score", "ms", "--formt", "json"], "No such option: --formt"),
    (["score", "ms", "--year", "abc"], "--year must be a four-digit year"),
    (["score", "missisipi"], "Did you mean: mississippi?"),
    (["diff", "¹", "2023"], "neither a year nor a profile"),
    (["new", "ms", "2019", "--from", "mississippi:¹"], "must be a four-digit year"),
    (["new", "ms", "2101"], "four-digit year"),
    (["score", "ms", "--year", "٢٠١٩"], "four-digit year"),
    (["score", "ms:2019", "--year", "2019"], "give the year once"),
])
def test_usage_errors_have_one_format_and_exit_2(pic, tmp_path, args, message):
    result = pic(*args, "--data", str(tmp_path)) if args[0] == "new" else pic(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pic: error: "), result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.stderr and "Value error" not in result.stderr


def test_state_colon_year_names_an_edition(pic):
    data = json.loads(pic("score", "ms:2019", "--format", "json").stdout)
    assert (data["year"], data["score"], data["grade"]) == (2019, 91, "A")


def test_a_bug_exits_4_with_one_line_and_the_traceback_only_under_debug(pic, monkeypatch):
    from pic.core import select

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(select, "choose", broken)
    result = pic("score", "mississippi")
    assert result.exit_code == 4
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pic: internal error: ZeroDivisionError: boom")
    assert "--debug" in lines[0] and "Traceback" not in result.stderr
    debug = pic("score", "mississippi", "--debug")
    assert debug.exit_code == 4 and "Traceback (most recent call last)" in debug.stderr
    env = pic("score", "mississippi", env={"PIC_DEBUG": "1"})
    assert env.exit_code == 4 and "Traceback (most recent call last)" in env.stderr


def test_output_file_format_follows_its_name(pic, tmp_path):
    target = tmp_path / "card.json"
    assert pic("score", "ms", "--year", "2019", "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text())["score"] == 91
    csv_file = tmp_path / "card.csv"
    assert pic("score", "ms", "--year", "2019", "-o", str(csv_file)).exit_code == 0
    assert csv_file.read_text().splitlines()[0].startswith("jurisdiction,year,framework")


def test_format_and_output_name_must_agree(pic, tmp_path):
    result = pic("score", "ms", "-f", "json", "-o", str(tmp_path / "x.svg"))
    assert result.exit_code == 2 and "does not match" in result.stderr
    assert not (tmp_path / "x.svg").exists()


def test_output_never_overwrites_without_force(pic, tmp_path):
    target = tmp_path / "card.json"
    target.write_text("keep")
    again = pic("score", "ms", "-o", str(target))
    # exit 3, the output cannot be written (not 1, which a script reads as a failed check)
    assert again.exit_code == 3 and "--force" in again.stderr and target.read_text() == "keep"
    assert pic("score", "ms", "-o", str(target), "--force").exit_code == 0
    assert target.read_text() != "keep"


def test_output_naming_a_folder_is_a_usage_error_that_does_not_advise_force(pic, tmp_path):
    result = pic("score", "ms", "-o", str(tmp_path))
    assert result.exit_code == 2 and "--force" not in result.stderr


def test_an_unknown_output_suffix_is_a_usage_error(pic, tmp_path):
    result = pic("score", "ms", "-o", str(tmp_path / "card.png"))
    assert result.exit_code == 2 and "card.png" in result.stderr


def test_state_completion_offers_states():
    from pic.cli import _complete_state

    assert "mississippi" in _complete_state("miss")
    assert "new-york" in _complete_state("new")


def test_year_component_and_gap_completion():
    from pic.cli import _complete_component, _complete_gap, _complete_year

    assert "2019" in _complete_year("20")
    assert "6.3" in _complete_component("6.")
    assert any(label.startswith("no wiretap") for label in _complete_gap("no wire"))


def test_compare_in_every_format(pic):
    for fmt in ("table", "json", "csv", "markdown"):
        result = pic("compare", "ms", "al", "tn", "--year", "2019", "--format", fmt)
        if result.exit_code == 2:  # a state without a 2019 edition: the message names it
            assert "no 2019 profile" in result.stderr
            continue
        assert result.exit_code == 0, result.output
    data = json.loads(pic("compare", "ms", "tn", "--year", "2023", "--format", "json").stdout)
    assert [s["jurisdiction"] for s in data["states"]] == ["mississippi", "tennessee"]
    assert data["year"] == 2023


def test_compare_needs_two_states(pic):
    result = pic("compare", "ms", "MS")
    assert result.exit_code == 2 and "two different states" in result.stderr


def test_json_paths_are_relative_to_the_data_tree_or_folder(pic):
    data = json.loads(pic("diff", "2018", "2019", "--format", "json").stdout)
    text = json.dumps(data)
    assert "site-packages" not in text and str(Path.cwd()) not in text


class _Tty:
    """A stand-in for an interactive terminal."""

    encoding = "utf-8"

    def __init__(self) -> None:
        self.written = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> None:
        self.written += text

    def flush(self) -> None:
        pass


def test_pager_only_on_a_terminal_and_as_pager_and_no_pager_say(monkeypatch):
    from pic.emit import _pager_for

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("PAGER", "more -s")
    assert _pager_for(_Tty()) == "more -s"
    monkeypatch.setenv("PAGER", "")
    assert _pager_for(_Tty()) is None  # an empty PAGER means no pager
    import io

    assert _pager_for(io.StringIO()) is None  # piped: never a pager


def test_output_taller_than_the_screen_goes_through_the_pager(tmp_path, monkeypatch):
    from rich.text import Text

    from pic.render import terminal

    monkeypatch.setenv("LINES", "5")
    monkeypatch.setenv("COLUMNS", "80")
    seen = tmp_path / "paged.txt"
    tall = [Text(f"line {i}") for i in range(20)]
    stream = _Tty()
    terminal.show(tall, stream, no_color=True, pager=f"sh -c 'cat > {seen}'")
    assert stream.written == "" and seen.read_text().splitlines()[19] == "line 19"
    short = _Tty()
    terminal.show(tall[:2], short, no_color=True, pager=f"sh -c 'cat > {seen}'")
    assert short.written == "line 0\nline 1\n"  # fits the screen: printed, not paged


def test_no_pager_option_is_passed_through(pic):
    assert pic("history", "ms", "--no-pager").exit_code == 0


def test_a_mistyped_command_gets_pic_suggestions(pic):
    result = pic("gap", "ms")
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("pic: error: No such command 'gap'. Did you mean: gaps, map? (see '")
    assert result.stderr.count("Did you mean") == 1


def test_a_bad_choice_reads_without_pydantic_words(pic):
    result = pic("score", "ms", "-f", "xyz")
    assert result.exit_code == 2 and "Value error" not in result.stderr and "'xyz' is not one of" in result.stderr
