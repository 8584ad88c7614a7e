from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from pic.cli import app
from pic.core.load import DataTree, builtin_root

# Hypothesis runs the same examples on every run and every machine (derandomize): a
# failure in CI is a failure at a developer's desk too, and nothing is stored between runs.
# HYPOTHESIS_PROFILE=explore searches afresh, with many more examples, when hunting bugs.
settings.register_profile("ci", derandomize=True, database=None, max_examples=100, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow], print_blob=True)
settings.register_profile("explore", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# A fixed width and no color, so table output is the same on every machine.
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "PIC_DATA": ""}



class Pic:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, env: dict[str, str] | None = None):
        result = self.runner.invoke(app, list(args), env={**ENV, **(env or {})}, catch_exceptions=False)
        return result


@pytest.fixture
def pic() -> Pic:
    return Pic()


@pytest.fixture(scope="session")
def tree() -> DataTree:
    return DataTree(builtin_root())


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of pic's own data tree (frameworks/ and states/)."""
    root = tmp_path / "data"
    src = builtin_root()
    shutil.copytree(src / "frameworks", root / "frameworks")
    shutil.copytree(src / "states", root / "states")
    return root


def ms_2019_text() -> str:
    return (builtin_root() / "states" / "mississippi" / "2019.yaml").read_text(encoding="utf-8")
