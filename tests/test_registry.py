"""The registry of report kinds (`pic.reports.NAMES`) is the source of truth: a kind
registered without its schema, Markdown columns, figure or example fails here, and every
command the CLI offers reports a registered kind. The README's tables, docs/cli.md, the
format tests and the hostile-text tests are derived from the same registry."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.main import get_command

from pic import reports
from pic.cli import app
from pic.core.load import builtin_root
from pic.render import SUFFIXES, Format

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_label(kind: reports.ReportKind) -> str:
    """How the README names a kind's report: its command without the placeholders."""
    return " ".join(w for w in kind.command.split() if not w[0].isupper())


def run_example(pic: Any, kind: reports.ReportKind, tmp_path: Path, *extra: str) -> Any:
    args = list(kind.example)
    if kind.name == "new":  # it writes a profile: into a tree of its own
        (tmp_path / "tree").mkdir(exist_ok=True)
        args += ["--data", str(tmp_path / "tree"), "--force"]
    return pic(*args, *extra)


@pytest.mark.parametrize("name", reports.NAMES)
def test_every_kind_is_registered_whole(pic, tmp_path, name):
    kind = reports.kind(name)
    assert kind.name == name
    schema_file = builtin_root() / "schemas" / f"{name}.output.schema.json"
    assert schema_file.is_file(), f"{name}: no schemas/{name}.output.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert kind.markdown, f"{name}: no Markdown columns"
    assert kind.figure is not None or kind.layout is not None, f"{name}: no figure and no table-figure layout"
    assert kind.example and kind.example[0] in get_command(app).commands  # type: ignore[attr-defined]
    # the example runs on pic's own data and gives this kind, valid against its schema
    result = run_example(pic, kind, tmp_path, "--format", "json")
    assert result.exit_code == 0, (kind.example, result.stderr)
    report = json.loads(result.stdout)
    errors = list(Draft202012Validator(schema).iter_errors(report))
    assert not errors, errors[0].message
    # every Markdown column is one of the report's CSV columns
    columns = kind.rows(report).columns
    missing = [c for c, _ in kind.markdown if c not in columns]
    assert not missing, f"{name}: Markdown columns not among the rows' columns: {missing}"
    assert all(header and not re.fullmatch(r"[a-z_]+", header) for _, header in kind.markdown), \
        f"{name}: a Markdown header must be words for a reader, not a column name"


def test_every_command_reports_a_registered_kind():
    commands = set(get_command(app).commands)  # type: ignore[attr-defined]
    reported = {k.command.split()[0] for k in reports.every()}
    assert commands == reported, (sorted(commands - reported), sorted(reported - commands))


def test_a_kind_is_found_by_name_only_when_registered():
    with pytest.raises(KeyError):
        reports.kind("no-such-report")


def test_the_readme_names_every_kind():
    csv_table = {m.group(1) for m in re.finditer(r"^\| `([^`]+)` \| `([^`]+)`", README, re.MULTILINE)}
    flat = " ".join(README.split())
    json_list = re.search(r"JSON Schema in `schemas/<kind>.output.schema.json` \(([^)]*)\)", flat)
    assert json_list is not None
    for kind in reports.every():
        assert readme_label(kind) in csv_table, f"README's CSV table has no row for `{readme_label(kind)}`"
        assert f"`{kind.name}`" in json_list.group(1), f"README's list of JSON schemas lacks `{kind.name}`"


def test_the_format_help_names_every_format_and_suffix(pic):
    help_text = " ".join(pic("score", "--help").stdout.split())
    for fmt in Format:
        assert fmt.value in help_text
    for suffix in SUFFIXES:
        assert suffix in help_text


def test_importing_the_cli_leaves_other_typer_apps_alone():
    """pic drops the Python type Typer shows beside an argument in help for its own commands
    only; another Typer app in the same process keeps its help as Typer writes it."""
    code = ("import typer, typer.core; before = typer.core.TyperArgument.display_type_rich\n"
            "import pic.cli\n"
            "assert typer.core.TyperArgument.display_type_rich is before\n"
            "from typer.testing import CliRunner\n"
            "other = typer.Typer()\n"
            "@other.command()\n"
            "def hello(name: str) -> None: pass\n"
            "print(CliRunner().invoke(other, ['--help'], env={'COLUMNS': '100', 'NO_COLOR': '1'}).stdout)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert re.search(r"name\s+<str>", out)  # Typer's own help, the argument's type included
    own = subprocess.run([sys.executable, "-m", "pic", "score", "--help"], capture_output=True, text=True,
                         env={"COLUMNS": "100", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}).stdout
    assert "STATE" in own and "<str>" not in own


def test_the_library_gives_what_the_command_prints(pic):
    """pic.api is the command line without its options: the same report, the same notes."""
    from pic import api

    card = api.score("mississippi", year=2019)
    assert (card.report["score"], card.report["grade"]) == (91, "A")
    assert card.report == json.loads(pic("score", "mississippi", "--year", "2019", "--format", "json").stdout)
    printed = pic("diff", "2018", "2019", "--format", "csv").stdout
    assert api.text(api.diff("2018", "2019"), "csv") == printed
    failed = api.diff("2018", "2019", exit_code=True)
    assert failed.failure == "" and pic("diff", "2018", "2019", "--exit-code").exit_code == 1
    gaps = api.gaps("ms", 2019)
    assert gaps.kind.name == "gaps" and gaps["jurisdiction"] == "mississippi"
    assert gaps.text("markdown") == pic("gaps", "ms", "--year", "2019", "--format", "markdown").stdout
