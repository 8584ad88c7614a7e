"""The README's commands are the ones that work."""

from __future__ import annotations

import csv
import os
import re
import subprocess
from pathlib import Path

import pytest
from installed import SCRIPT, needs_script

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

# The pic script installed beside the interpreter running the tests, not whatever `pic` comes
# first on PATH: that can be groff's /usr/bin/pic when the environment is not activated.



def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = "pip install '.[test]' && python -m pytest"
    assert command in README
    assert command in ci.splitlines()


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
