"""Writing files the safe way: all or nothing, and never over a file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import CheckFailed, UsageError


def write_atomic(path: Path, text: str, overwrite: bool = False) -> None:
    """Write `text` to `path` through a temporary file in the same folder and a rename,
    so a reader (or an interrupted run) sees the old file or the new one, never half.

    An existing file is a failed check (exit 1) unless `overwrite`.
    """
    if path.exists() and not overwrite:
        raise CheckFailed(f"{path} already exists; not overwritten (use --force to replace it).")
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(f"folder '{folder}' does not exist.")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(tmp, _file_mode(path))  # mkstemp's 0600 would hide a shared report from others
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _file_mode(path: Path) -> int:
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
