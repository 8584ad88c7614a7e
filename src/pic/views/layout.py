"""A small vocabulary for what a report shows a reader, whatever the format draws it.

A report that has no bespoke figure describes itself as a `Layout`: a title, blocks
(headings, facts, paragraphs, tables) and notes at the bottom (marks explained, warnings,
the credit line and the sources). A table's columns have roles, and the role decides how
a backend formats, aligns and wraps a value, so every figure writes a number, a range or
a grade the same way:

- `text`: words, wrapped at spaces, never inside a word;
- `number`: a figure, right-aligned, written by `pic.core.numbers.fmt` (None is "—");
- `range`: a `Span`, "72.5–100", or one figure where both ends agree (None is "—");
- `grade`: a letter grade, drawn on its colour with the letter printed;
- `bar`: a `Bar`, a figure out of a maximum drawn as a bar; a range is a hatched band.

Every label is for a person ("Published rank", never `published_rank`). Plain frozen
dataclasses: this module is imported only when a figure is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Union

Role = Literal["text", "number", "range", "grade", "bar"]
Tone = Literal["plain", "muted", "inferred", "warning"]


@dataclass(frozen=True)
class Span:
    """A figure the sources leave open between two ends (lo == hi: known exactly)."""

    lo: float | None
    hi: float | None


@dataclass(frozen=True)
class Bar:
    """A figure out of `maximum`, drawn as a bar; lo < hi draws the range as a band."""

    lo: float | None
    hi: float | None
    maximum: float | None


Value = Union[str, int, float, Span, Bar, None]


@dataclass(frozen=True)
class Cell:
    """One value, a mark beside it ("*", "†", " (blog)") and a muted line under it."""

    value: Value
    mark: str = ""
    sub: str = ""


@dataclass(frozen=True)
class Column:
    label: str
    role: Role = "text"


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""
    key: int = 0  # the column that names a row (a th scope="row" in HTML)


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Facts:
    """Label and value pairs set out above a table: "Score" "91 of 102.5"."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Para:
    text: str
    tone: Tone = "plain"


Block = Union[Heading, Facts, Para, Table]


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None


@dataclass(frozen=True)
class Layout:
    title: str
    blocks: tuple[Block, ...] = ()
    kicker: str = ""
    subtitle: str = ""
    notes: tuple[Para, ...] = ()
    credit: str = ""
    sources: tuple[Source, ...] = ()


def cell(value: Value, mark: str = "", sub: str = "") -> Cell:
    return Cell(value, mark, sub)


def table(columns: list[tuple[str, Role]], rows: list[list[Cell | Value]], caption: str = "", key: int = 0) -> Table:
    """A table from (label, role) pairs and rows whose plain values become cells."""
    return Table(tuple(Column(label, role) for label, role in columns),
                 tuple(tuple(c if isinstance(c, Cell) else Cell(c) for c in row) for row in rows), caption, key)
