"""The README's commands are the ones that work."""

from __future__ import annotations

import csv
import os
import re
import subprocess
from pathlib import Path

import pytest
from installed import SCRIPT, needs_script

pytestmark = pytest.mark.slow  # runs the README's commands as written

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

# The pic script installed beside the interpreter running the tests, not whatever `pic` comes
# first on PATH: that can be groff's /usr/bin/pic when the environment is not activated.



def _setup_commands() -> list[str]:
    """The README's two set-up commands: the sh blocks of its "Set up" section."""
    section = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = "pip install '.[test]' && python -m pytest"
    install, test = _setup_commands()
    # the README's test command, in the environment the install made; CI makes its own
    # virtual environment the same way (python3 -m venv, then activate) and runs the rest as written
    assert test == ". .venv/bin/activate && " + command
    assert command in ci.splitlines()
    assert re.search(r"^python3 -m venv ", ci, re.M) and re.search(r'^\. "\$venv/bin/activate"', ci, re.M)


def test_the_documented_inner_loop_leaves_out_the_registered_marks():
    """README's quick test command names the marks pyproject.toml registers (pytest refuses an
    unregistered mark: --strict-markers), and no other."""
    line = re.search(r'^python -m pytest -m "([^"]+)"', README, re.M)
    assert line, "the inner-loop command is in the README's Development section"
    named = set(re.findall(r"[a-z_]+", line.group(1))) - {"not", "and", "or"}
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    registered = set(re.findall(r'^\s+"([a-z_]+): ', pyproject.split("markers = [", 1)[1].split("]", 1)[0], re.M))
    assert named == registered == {"browser", "slow"}
    assert "--strict-markers" in pyproject


def test_readme_setup_works_with_an_externally_managed_python():
    """PEP 668: a system Python on Debian or Ubuntu refuses `pip install` outside a virtual
    environment, so the install command makes one and activates it before pip runs."""
    install, test = _setup_commands()
    steps = [s.strip() for s in install.split("&&")]
    assert steps[:3] == ["python3 -m venv .venv", ". .venv/bin/activate", "pip install ."]
    assert steps[-1] == "pic score mississippi"
    assert "python3-venv" in README.split("## Set up", 1)[1].split("\n## ", 1)[0]


def test_readme_describes_groffs_pic_as_it_is():
    which = README.split("## Which `pic` runs", 1)[1].split("\n## ", 1)[0]
    assert "GNU pic (groff) version" in which and "groff-base" in which and "troff" in which


@needs_script
def test_pipeline_example_runs_as_written(tmp_path):
    block = re.search(r"<!-- pipeline:[^>]*-->\n```sh\n(.*?)```", README, re.S)
    assert block
    env = {k: v for k, v in os.environ.items() if k not in ("PIC_DATA", "FORCE_COLOR")}
    # `pic` in the block is this environment's script, whatever else is on PATH
    env["PATH"] = f"{SCRIPT.parent}{os.pathsep}{env.get('PATH', '')}"
    which = subprocess.run(["bash", "-c", "command -v pic"], env=env, capture_output=True, text=True)
    assert Path(which.stdout.strip()) == SCRIPT
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", block.group(1)], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader((tmp_path / "grades-2023.csv").open(encoding="utf-8")))
    assert len(rows) == 50
    assert {r["jurisdiction"]: r["grade"] for r in rows}["mississippi"] == "D"
    ranking = list(csv.DictReader((tmp_path / "ranking-2023.csv").open(encoding="utf-8")))
    assert len(ranking) == 50
    assert result.stdout == "Mississippi is under C in 2023\n"  # a D is under C: the gate fired
