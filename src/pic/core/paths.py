"""How paths are named to a user."""

from __future__ import annotations

from pathlib import Path


def display_name(path: Path) -> str:
    """A path as a user can open it: relative to the working folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
