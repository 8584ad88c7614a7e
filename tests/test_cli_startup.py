"""`pic.cli.main` has Typer build only the command the first argument names (start-up,
issue 10). Nothing a user sees may change: every case below runs against the full set of
commands and against the set `invoked_commands` keeps, and must come out the same."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from pic import cli, reports
from conftest import ENV

# Every command, from the registry of report kinds (tests/test_registry.py holds the CLI to it).
COMMANDS = sorted({k.command.split()[0] for k in reports.every()})
CASES = [
    [], ["--help"], ["-h"], ["--version"], ["--version", "score"], ["--help", "score"], ["--debug"],
    ["--debug", "score", "ms", "--year", "2019", "-f", "json"],
    ["scor"], ["sc"], ["Score"], ["tile-map"], ["tile_map"], ["help"], ["-"], ["--"], ["--", "score"], ["--nope"],
    ["score"], ["score", "--nope"], ["score", "-h"], ["score", "atlantis"], ["score", "ms", "--format", "xml"],
    ["score", "mississippi", "--year", "2019", "--format", "json"], ["score", "ms", "extra"], ["map", "map"],
    ["frameworks", "score"], ["--show-completion"],
    *([name, "--help"] for name in COMMANDS),
]
COMPLETIONS = [
    {"_PIC_COMPLETE": "complete_bash", "COMP_WORDS": "pic sc", "COMP_CWORD": "1"},
    {"_PIC_COMPLETE": "complete_bash", "COMP_WORDS": "pic score miss", "COMP_CWORD": "2"},
    {"_PIC_COMPLETE": "complete_bash", "COMP_WORDS": "pic score ms --fo", "COMP_CWORD": "3"},
    {"_PIC_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "pic "},
    {"_PIC_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": "pic ex", "_TYPER_COMPLETE_FISH_ACTION": "get-args"},
]


def run(args: list[str], env: dict[str, str], commands: list[Any], monkeypatch: pytest.MonkeyPatch) -> tuple[Any, ...]:
    monkeypatch.setattr(cli.app, "registered_commands", commands)
    for key, value in env.items():  # invoked_commands reads the environment as main() does
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(cli.app, args, prog_name="pic", catch_exceptions=False,
                                env={**ENV, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1", **env})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a) or "(none)")
def test_building_only_the_invoked_command_changes_nothing(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    every = list(cli.app.registered_commands)
    full = run(args, {}, every, monkeypatch)
    assert run(args, {}, cli.invoked_commands(args, every), monkeypatch) == full


@pytest.mark.parametrize("env", COMPLETIONS, ids=lambda e: e.get("COMP_WORDS") or e["_TYPER_COMPLETE_ARGS"])
@pytest.mark.parametrize("args", [[], ["score"]])
def test_shell_completion_is_unchanged(env: dict[str, str], args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    every = list(cli.app.registered_commands)
    full = run(args, env, every, monkeypatch)
    assert full[0] == 0 and full[1]
    assert run(args, env, cli.invoked_commands(args, every), monkeypatch) == full


def test_only_a_named_command_is_built_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    every = cli.app.registered_commands
    assert len(every) == len(COMMANDS)
    for name in COMMANDS:
        kept = cli.invoked_commands([name, "x"], every)
        assert len(kept) == 1 and (kept[0].name or kept[0].callback.__name__) in (name, name.replace("-", "_"))
    for args in ([], ["--help", "score"], ["--debug", "score"], ["scor"], ["tile_map"], ["--", "score"]):
        assert cli.invoked_commands(args, every) is every
    monkeypatch.setenv("_PIC_COMPLETE", "complete_bash")
    assert cli.invoked_commands(["score"], every) is every
