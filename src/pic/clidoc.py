"""The CLI reference (docs/cli.md), generated from the commands' own --help.

Regenerate with `python -m pic.clidoc > docs/cli.md`; a test fails when it is stale.
"""

from __future__ import annotations

WIDTH = "80"


def reference() -> str:
    from typer.main import get_command
    from typer.testing import CliRunner

    from pic.cli import app

    runner = CliRunner()
    env = {"COLUMNS": WIDTH, "NO_COLOR": "1", "TERM": "dumb"}
    group = get_command(app)
    out = ["# pic command reference", "",
           "Generated from `pic --help` by `python -m pic.clidoc > docs/cli.md`; do not edit by hand.", ""]

    def block(args: list[str]) -> str:
        result = runner.invoke(app, args, env=env, prog_name="pic")
        return "```text\n" + result.output.rstrip() + "\n```\n"

    out += ["## pic", "", block(["--help"])]
    for name in sorted(group.commands):  # type: ignore[attr-defined]
        out += [f"## pic {name}", "", block([name, "--help"])]
    return "\n".join(out)


if __name__ == "__main__":
    print(reference(), end="")
