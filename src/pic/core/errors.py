"""Every failure pic reports, and the one table that maps them to exit codes."""

from __future__ import annotations

from typing import TYPE_CHECKING
from pic.core.records import Record, set_field
from enum import IntEnum

if TYPE_CHECKING:  # a record is a dataclass created without generated code (pic.core.records)
    from dataclasses import dataclass as record
else:
    from pic.core.records import record


QUOTE_LIMIT = 60  # characters of user text a message quotes, at most (and a few more for its length)
MESSAGE_LIMIT = 1000  # characters of any one message, whatever it quotes


def _escaped(text: str) -> str:
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii")
                   for c in text)


def short(text: object, limit: int = QUOTE_LIMIT) -> str:
    """User text as a message quotes it: on one line (unprintable characters escaped) and
    short: past `limit` characters, its start and end with its length between, so a
    1.9 MB key makes a one-line message, not a 1.9 MB one."""
    text = str(text)
    if len(text) <= limit:
        return _escaped(text)
    head, tail = text[: limit * 2 // 3], text[-(limit // 3):]
    return f"{_escaped(head)}…[{len(text):,} characters]…{_escaped(tail)}"


def capped(message: str, limit: int = MESSAGE_LIMIT) -> str:
    """A whole message cut to `limit` characters in the middle (its start says what is
    wrong, its end what to do), for whatever a message quotes at length."""
    if len(message) <= limit:
        return message
    keep = limit - 40
    head, tail = message[: keep * 2 // 3], message[-(keep // 3):]
    return f"{head}…[{len(message) - len(head) - len(tail):,} characters cut]…{tail}"


class ExitCode(IntEnum):
    OK = 0
    CHECK_FAILED = 1  # validate found problems, a gate was missed, diff --exit-code saw changes
    USAGE = 2  # unknown option, state, year, component or gap
    DATA = 3  # a data file the command needs is invalid or unreadable, or the output cannot be written
    INTERNAL = 4  # a bug in pic: one line, the traceback only under --debug


@record(frozen=True, slots=True)
class Problem(Record):
    """One thing wrong with one data file, located as precisely as the file allows."""

    file: str
    message: str
    key: str = ""
    line: int | None = None
    column: int | None = None

    def __post_init__(self) -> None:
        if len(self.message) > MESSAGE_LIMIT:
            set_field(self, "message", capped(self.message))
        if len(self.key) > MESSAGE_LIMIT:
            set_field(self, "key", capped(self.key))

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        key = f" {self.key}:" if self.key else ""
        return f"{where}:{key} {self.message}"


class PicError(Exception):
    exit_code: ExitCode = ExitCode.CHECK_FAILED


class UsageError(PicError):
    exit_code = ExitCode.USAGE

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(capped(message))
        self.suggestions = suggestions or []

    def __str__(self) -> str:
        text = self.args[0]
        if self.suggestions:
            text += " Did you mean: " + ", ".join(self.suggestions) + "?"
        return text


class DataError(PicError):
    """A data file is unreadable or invalid; carries every problem found in it."""

    exit_code = ExitCode.DATA

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message if problems else "invalid data")
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class CheckFailed(PicError):
    exit_code = ExitCode.CHECK_FAILED


class OutputError(PicError):
    """The output cannot be written where it was asked for: its folder does not exist, or
    a file is there already and --force was not given. Exit 3 (SPEC: the output cannot be
    written), never 1, which scripts read as a failed check."""

    exit_code = ExitCode.DATA
