"""The README gallery is what pic draws today: regenerate it with scripts/gallery.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_gallery_is_up_to_date():
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "gallery.py"), "--check"], capture_output=True,
                         text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr + "\nregenerate with: python scripts/gallery.py"


def test_readme_shows_the_gallery():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("card", "map", "compare"):
        assert f"docs/gallery/{name}.png" in readme
        assert (ROOT / "docs" / "gallery" / f"{name}.png").is_file()
