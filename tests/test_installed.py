"""The installed `pic` entry point, run as a user would from any folder.

The script is the one installed beside the interpreter running the tests
(`<venv>/bin/pic`), not whatever `pic` comes first on PATH: that can be groff's
/usr/bin/pic when the virtual environment is not activated.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from installed import SCRIPT, needs_script

pytestmark = pytest.mark.slow  # runs the installed `pic` script in fresh processes

PIC = str(SCRIPT)





def run(cmd: list[str], cwd: Path, drop: tuple[str, ...] = ("PIC_DATA", "FORCE_COLOR")) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in drop}
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


@needs_script
def test_the_script_is_pic_not_groff(tmp_path):
    result = run([PIC, "--version"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("pic ") and "groff" not in result.stdout + result.stderr


@needs_script
def test_installed_pic_scores_mississippi_from_any_folder(tmp_path):
    result = run([PIC, "score", "mississippi", "--year", "2019", "--format", "json"], tmp_path)
    assert result.returncode == 0, result.stderr
    card = json.loads(result.stdout)
    assert (card["year"], card["score"], card["grade"], card["basis"]) == (2019, 91, "A", "findings")


@needs_script
def test_installed_pic_table_piped_has_no_ansi_and_errors_go_to_stderr(tmp_path):
    result = run([PIC, "score", "mississippi"], tmp_path, drop=("PIC_DATA", "FORCE_COLOR", "NO_COLOR"))
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout and "Grade" in result.stdout
    bad = run([PIC, "score", "missisipi"], tmp_path, drop=("PIC_DATA", "FORCE_COLOR", "NO_COLOR"))
    assert bad.returncode == 2 and bad.stdout == "" and "Did you mean: mississippi?" in bad.stderr


@needs_script
@pytest.mark.parametrize("args", [
    ["--version"],
    ["score", "mississippi", "--year", "2019", "--format", "json"],
    ["score", "missisipi", "--year", "2019", "--format", "json"],  # a usage error: exit code and message
], ids=["version", "score-json", "usage-error"])
def test_python_m_pic_and_the_script_behave_the_same(tmp_path, args):
    script = run([PIC, *args], tmp_path)
    module = run([sys.executable, "-m", "pic", *args], tmp_path)
    assert (module.returncode, module.stdout, module.stderr) == (script.returncode, script.stdout, script.stderr)
    if args[0] == "score" and args[1] == "mississippi":
        assert script.returncode == 0, script.stderr
        card = json.loads(script.stdout)
        assert (card["jurisdiction"], card["year"]) == ("mississippi", 2019)
