"""How paths are named to a user."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pic.core.errors import DataError, Problem


@lru_cache(maxsize=1)
def builtin_root() -> Path:
    """The data tree that ships with pic: inside the installed package, or the checkout."""
    here = Path(__file__).resolve().parent.parent  # src/pic
    packaged = here / "data"
    if (packaged / "frameworks").is_dir():
        return packaged
    checkout = here.parent.parent  # src/pic -> repository root (editable installs)
    if (checkout / "frameworks").is_dir():
        return checkout
    raise DataError([Problem(str(packaged), "pic's own data is missing from this installation; reinstall pic")])


def display_name(path: Path) -> str:
    """A path as a user can open it: relative to the working folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except (ValueError, OSError):  # OSError: the working folder was deleted
        return str(path)


CWD_GONE = ("the working folder no longer exists (it was deleted or moved); run pic from a folder that exists, "
            "or give absolute paths")


def working_folder_gone() -> bool:
    """Whether the working folder was deleted under pic: only what needs it fails then."""
    import os

    try:
        os.getcwd()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return False


def because_cwd_gone(path: str | Path) -> str:
    """" (...the working folder no longer exists...)" when a relative `path` is missing
    because the working folder was deleted; "" otherwise."""
    if Path(path).is_absolute() or not working_folder_gone():
        return ""
    return f" ({CWD_GONE})"
