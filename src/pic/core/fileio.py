"""Writing files the safe way: all or nothing, and never over a file unless asked."""

from __future__ import annotations

import os
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from pic.core.errors import DataError, OutputError, Problem, UsageError
from pic.core.paths import display_name


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str, overwrite: bool = False, make_dirs: bool = False) -> None:
    """Write `text` to `path` so that readers see the old file or the whole new one, never part.

    The text goes to a temporary file in the same folder (so the final rename stays on
    one file system), is flushed to disk, then takes the target's name in one step. On
    any failure, or an interrupt, the temporary file is removed. Without `overwrite`, an
    existing file is never replaced, even one created by another process meanwhile
    (exit 1); `make_dirs` creates missing folders, and removes them again on failure. A
    file system's refusal is a data error (exit 3) naming the file; a folder where the
    file should be is a usage error (exit 2). SIGTERM unwinds like SIGINT (see
    pic.boundary.install_signal_handlers), so it too leaves no temporary file behind.
    """
    try:
        _write_atomic(path, text, overwrite, make_dirs)
    except OSError as exc:
        raise DataError([Problem(display_name(path), f"cannot be written: {exc.strerror or exc}")]) from None


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back SIGINT, SIGTERM and SIGHUP while a temporary file comes into being and
    gets its name recorded, so that an interrupt always finds it to remove."""
    held = {signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, OSError, ValueError):  # no POSIX signal masks: nothing to hold
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _write_atomic(path: Path, text: str, overwrite: bool, make_dirs: bool) -> None:
    if path.is_dir():
        raise UsageError(f"{display_name(path)} is a folder; name a file to write.")
    folder = path.parent
    created: list[Path] = []
    if not folder.is_dir() and not make_dirs:
        raise OutputError(f"folder '{display_name(folder)}' does not exist.")
    for parent in reversed([folder, *folder.parents]):
        if not parent.exists():
            created.append(parent)
    folder.mkdir(parents=True, exist_ok=True)
    tmp_name: str | None = None
    try:
        with _signals_held():
            tmp = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, prefix=f".{path.name}.",
                                              suffix=".tmp", delete=False)
            tmp_name = tmp.name
        with tmp:
            tmp.write(text)
            tmp.flush()
            os.fsync(tmp.fileno())
        # NamedTemporaryFile makes the file private (0600); a data file gets the usual mode.
        os.chmod(tmp_name, 0o666 & ~_umask())
        if overwrite:
            os.replace(tmp_name, path)
        else:
            _place_new(tmp_name, path)
        tmp_name = None
    except BaseException:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
        for made in reversed(created):  # folders made for this file only, innermost first
            try:
                made.rmdir()
            except OSError:
                break
        raise


def _place_new(tmp_name: str, path: Path) -> None:
    """Give the finished temporary file the name `path`, unless `path` exists."""
    try:
        # A hard link fails if the name is taken, in one step: no window between
        # checking and renaming in which another process's file could be replaced.
        os.link(tmp_name, path)
    except FileExistsError:
        raise OutputError(f"{display_name(path)} already exists; use --force to overwrite it.") from None
    except OSError:
        # Some file systems have no hard links; check, then rename.
        if path.exists():
            raise OutputError(f"{display_name(path)} already exists; use --force to overwrite it.") from None
        os.replace(tmp_name, path)
        return
    os.unlink(tmp_name)
