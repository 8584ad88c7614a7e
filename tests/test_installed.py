"""The installed `pic` entry point, run as a user would from any folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

PIC = shutil.which("pic")


@pytest.mark.skipif(PIC is None, reason="the pic console script is not on PATH")
def test_installed_pic_scores_mississippi_from_any_folder(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PIC_DATA", "FORCE_COLOR")}
    result = subprocess.run([PIC, "score", "mississippi", "--format", "json"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    card = json.loads(result.stdout)
    assert (card["score"], card["grade"], card["basis"]) == (91, "A", "findings")


@pytest.mark.skipif(PIC is None, reason="the pic console script is not on PATH")
def test_installed_pic_table_piped_has_no_ansi_and_errors_go_to_stderr(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PIC_DATA", "FORCE_COLOR", "NO_COLOR")}
    result = subprocess.run([PIC, "score", "mississippi"], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout and "Grade" in result.stdout
    bad = subprocess.run([PIC, "score", "missisipi"], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=60)
    assert bad.returncode == 2 and bad.stdout == "" and "Did you mean: mississippi?" in bad.stderr
