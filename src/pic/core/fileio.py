"""Writing files the safe way: all or nothing, and never over a file unless asked."""

from __future__ import annotations

import os
import signal
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from pic.core.errors import DataError, OutputError, Problem, UsageError
from pic.core.paths import CWD_GONE, display_name, working_folder_gone


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str, overwrite: bool = False, make_dirs: bool = False,
                 special: bool = True) -> None:
    """Write `text` to `path` so that readers see the old file or the whole new one, never part.

    The text goes to a temporary file in the same folder (so the final rename stays on
    one file system), is flushed to disk, then takes the target's name in one step. On
    any failure, or an interrupt, the temporary file is removed. Without `overwrite`, an
    existing file is never replaced, even one created by another process meanwhile
    (exit 1); `make_dirs` creates missing folders, and removes them again on failure. A
    file system's refusal is a data error (exit 3) naming the file; a folder where the
    file should be is a usage error (exit 2). SIGTERM unwinds like SIGINT (see
    pic.boundary.install_signal_handlers), so it too leaves no temporary file behind.

    What the user had is kept: a file replaced with `overwrite` keeps its mode (and its
    owner and group where pic may set them), a link to a file is written through (the
    file it leads to is replaced, the link stays), and a FIFO or character device
    (`-o /dev/stdout`, a named pipe) is written into, never replaced by a regular file;
    with `special=False` (a profile must be a file) it is refused instead, as a block
    device or a socket always is (exit 3). The temporary file's name stays short, so a
    target name up to the file system's limit can be written.
    """
    try:
        _write_atomic(path, text, overwrite, make_dirs, special)
    except OSError as exc:
        if not path.is_absolute() and working_folder_gone():
            raise UsageError(f"cannot write {display_name(path)}: {CWD_GONE}.") from None
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


_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDOOR, "a door"),
          (stat.S_ISPORT, "an event port"))


def special_kind(mode: int) -> str | None:
    """What a file that is neither a regular file nor a folder is, or None."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def existing(path: Path) -> os.stat_result | None:
    """The file at `path` (through links), or None if there is none or it cannot be asked."""
    try:
        return os.stat(path)
    except (OSError, ValueError):
        return None


def writable_into(info: os.stat_result) -> bool:
    """A FIFO or a character device: written into in place (as the shell's `>` does)."""
    return stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)


def _temp_prefix(name: str) -> str:
    """`.NAME.` for the temporary file, NAME cut to 64 bytes: with the random part and
    `.tmp` it stays far under the 255-byte limit however long the target's name is."""
    raw = os.fsencode(name)
    if len(raw) <= 64:
        return f".{name}."
    return "." + raw[:64].decode("utf-8", errors="ignore") + "~."


def _write_into(path: Path, text: str) -> bool:
    """Write `text` into a FIFO or character device; False if `path` turned out to be
    something else by the time it was opened (then it is written the ordinary way)."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        if not writable_into(os.fstat(fd)):
            return False
        data = text.encode("utf-8")
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)
    return True


def _write_atomic(path: Path, text: str, overwrite: bool, make_dirs: bool, special: bool = True) -> None:
    info = existing(path)
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{display_name(path)} is a folder; name a file to write.")
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = special_kind(info.st_mode)
        if special and writable_into(info):
            if _write_into(path, text):
                return
            info = existing(path)
        else:
            what = "a profile is written only as a regular file" if not special else \
                "pic writes into a file, a FIFO or a character device only"
            raise DataError([Problem(display_name(path), f"is {kind}, not a regular file; {what}, "
                                                         "and never replaces one; nothing was written")])
    if info is not None and overwrite and os.path.islink(path):
        # Written through the link: the file it leads to is replaced, the link is kept.
        path = Path(os.path.realpath(path))
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
            tmp = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, prefix=_temp_prefix(path.name),
                                              suffix=".tmp", delete=False)
            tmp_name = tmp.name
        with tmp:
            tmp.write(text)
            tmp.flush()
            os.fsync(tmp.fileno())
        if info is not None and overwrite and stat.S_ISREG(info.st_mode):
            _keep_owner_and_mode(tmp_name, info)
        else:
            # NamedTemporaryFile makes the file private (0600); a new file gets the usual mode.
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


def _keep_owner_and_mode(tmp_name: str, info: os.stat_result) -> None:
    """Give the replacement the replaced file's group, owner (where pic may) and mode."""
    if hasattr(os, "chown") and (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
        for uid, gid in ((info.st_uid, info.st_gid), (-1, info.st_gid)):
            try:
                os.chown(tmp_name, uid, gid)
                break
            except OSError:
                continue
    os.chmod(tmp_name, stat.S_IMODE(info.st_mode))


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
