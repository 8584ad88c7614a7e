"""A data file as pic reads it, before any parsing: its text, read safely, and the
document it becomes (data plus where each key stands), with the helpers that name a
place in it. Nothing here imports the YAML parser, so a file read from its compiled parse
(`pic.core.datafile`) costs no PyYAML import."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any, Callable

from pic.core.errors import DataError, Problem, short

MAX_BYTES = 2 * 1024 * 1024

Path_ = tuple[str | int, ...]
Marks = dict[Path_, tuple[int, int]]


class Document:
    """A parsed YAML file: its data and where each key and item stands in it."""

    # A plain class rather than a dataclass: a dataclass costs about a millisecond of
    # start-up to create, and every pic command imports this module.
    __slots__ = ("name", "data", "_marks", "_find_marks")

    def __init__(self, name: str, data: Any, marks: Marks | None = None,
                 find_marks: Callable[[], Marks] | None = None) -> None:
        self.name = name
        self.data = data
        self._marks = marks
        # A document read from its compiled parse (pic.core.datafile) has no marks until a message needs one:
        # then the text is parsed again, once.
        self._find_marks = find_marks

    @property
    def marks(self) -> Marks:
        if self._marks is None:
            self._marks = self._find_marks() if self._find_marks is not None else {}
            self._find_marks = None
        return self._marks

    def __repr__(self) -> str:
        return f"Document(name={self.name!r}, data={self.data!r}, marks={self.marks!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Document:
            return NotImplemented
        return (self.name, self.data, self.marks) == (other.name, other.data, other.marks)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces

    def locate(self, path: Path_) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the deepest existing prefix of `path`."""
        p = tuple(path)
        while p:
            if p in self.marks:
                return self.marks[p]
            p = p[:-1]
        return self.marks.get((), (None, None))

    def problem(self, path: Path_, message: str) -> Problem:
        line, column = self.locate(path)
        # Messages quote what the file says; shown() keeps a hostile key or value from
        # breaking the one-line message or writing escape sequences to a terminal.
        return Problem(self.name, shown(message), key_path(path), line, column)


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def key_path(path: Path_) -> str:
    """`findings["1.1.a"].answer`: dots in keys are bracketed so the path stays readable."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif len(part) <= 60 and _PLAIN_KEY.fullmatch(part):
            out += ("." if out else "") + part
        else:
            out += f'["{short(part)}"]'
    return out


def shown(text: str) -> str:
    """`text` with every unprintable character (line breaks, escape sequences, bidi
    controls) written as a Python escape, so quoting it keeps a message on one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def read_text(path: Path, name: str | None = None) -> str:
    """Read a data file as UTF-8 text, refusing what is not a small text file."""
    name = name or str(path)
    try:
        # O_NONBLOCK: opening a FIFO (or a device) must not wait for a writer; what is
        # opened is then checked to be a regular file before anything is read.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(info.st_mode):
                raise DataError([Problem(name, "is not a regular file (a device, pipe or socket), so it is not read")])
            if info.st_size > MAX_BYTES:
                raise DataError([Problem(name, f"file is {info.st_size:,} bytes; data files are limited to {MAX_BYTES:,}")])
            with os.fdopen(fd, "rb") as fh:
                fd = -1
                raw = fh.read(MAX_BYTES + 1)
        finally:
            if fd >= 0:
                os.close(fd)
    except DataError:
        raise
    except IsADirectoryError:
        raise DataError([Problem(name, "is a folder, not a data file")]) from None
    except FileNotFoundError:
        raise DataError([Problem(name, "no such file")]) from None
    except PermissionError:
        raise DataError([Problem(name, "cannot be read (permission denied)")]) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        raise DataError([Problem(name, f"cannot be read: {getattr(exc, 'strerror', None) or exc}")]) from None
    if len(raw) > MAX_BYTES:  # grew since stat, or a special file
        raise DataError([Problem(name, f"file is over the {MAX_BYTES:,}-byte limit for data files")])
    if b"\x00" in raw:
        raise DataError([Problem(name, "is a binary file, not YAML text")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError([Problem(name, f"is not UTF-8 text (byte 0x{raw[exc.start]:02x})", line=line)]) from None


