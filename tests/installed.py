"""The installed `pic` console script, for tests that run pic as a user does.

It is the script beside the running Python, and only if it is pip's launcher for
`pic.cli:main`: with the system Python in /usr/bin, the `pic` beside it (or first on
PATH) is groff's picture compiler."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / ("pic.exe" if os.name == "nt" else "pic")


def is_pic_script(path: Path) -> bool:
    try:
        return path.is_file() and b"pic.cli" in path.read_bytes()[:4096]
    except OSError:
        return False


needs_script = pytest.mark.skipif(not is_pic_script(SCRIPT), reason=f"no pic console script beside {sys.executable} "
                                                                     "(pic is not installed in this environment)")
