"""Strict YAML reading: one document, no anchors or aliases, no duplicate keys,
bounded size and depth, and the line and column of every key kept for messages.

The document is built from the parser's event stream rather than from PyYAML's
constructor, for three reasons: aliases are refused the moment they appear (an alias
bomb never expands), nesting depth is bounded without recursion, and scalars follow
YAML 1.2's core schema, so `answer: yes` stays the string "yes" and `NO` stays a postal
code instead of turning into a boolean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, Problem

try:  # libyaml's parser is several times faster; fall back to pure Python without it
    _Parser: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = yaml.SafeLoader

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 32

Path_ = tuple[str | int, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]{1,30}$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]{1,30}(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]{1,3})?$")
_STD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass(slots=True)
class Document:
    """A parsed YAML file: its data and where each key and item stands in it."""

    name: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

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
        return Problem(self.name, message, key_path(path), line, column)


def key_path(path: Path_) -> str:
    """`findings["1.1.a"].answer`: dots in keys are bracketed so the path stays readable."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", part):
            out += ("." if out else "") + part
        else:
            out += f'["{part}"]'
    return out


def read_text(path: Path, name: str | None = None) -> str:
    """Read a data file as UTF-8 text, refusing what is not a small text file."""
    name = name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DataError([Problem(name, f"file is {size:,} bytes; data files are limited to {MAX_BYTES:,}")])
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except DataError:
        raise
    except IsADirectoryError:
        raise DataError([Problem(name, "is a folder, not a data file")]) from None
    except FileNotFoundError:
        raise DataError([Problem(name, "no such file")]) from None
    except OSError as exc:
        raise DataError([Problem(name, f"cannot be read: {exc.strerror or exc}")]) from None
    if len(raw) > MAX_BYTES:  # grew since stat, or a special file
        raise DataError([Problem(name, f"file is over the {MAX_BYTES:,}-byte limit for data files")])
    if b"\x00" in raw:
        raise DataError([Problem(name, "is a binary file, not YAML text")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataError([Problem(name, f"is not UTF-8 text (byte 0x{raw[exc.start]:02x})", line=line)]) from None


def load_file(path: Path, name: str | None = None) -> Document:
    name = name or str(path)
    return parse(read_text(path, name), name)


def parse(text: str, name: str) -> Document:
    """Parse one YAML document into plain dicts, lists and scalars, or raise DataError."""
    if not text.strip():
        raise DataError([Problem(name, "file is empty")])
    doc = Document(name, None)
    problems: list[Problem] = []
    parser = _Parser(text)
    try:
        _build(parser, doc, problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(x) for x in (exc.context, exc.problem) if x) or "invalid YAML"
        problems.append(
            Problem(name, f"YAML syntax error: {message}", line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None)
        )
    except yaml.YAMLError as exc:
        problems.append(Problem(name, f"YAML error: {exc}"))
    finally:
        parser.dispose()
    if problems:
        raise DataError(problems)
    return doc


class _Stop(Exception):
    """Raised inside the builder for a problem that makes the rest of the file unreadable."""


def _build(parser: Any, doc: Document, problems: list[Problem]) -> None:
    name = doc.name
    # Each open container: [value, path, is_mapping, pending key or None]
    stack: list[list[Any]] = []
    documents = 0
    root_set = False

    def here(event: Any) -> tuple[int, int]:
        return event.start_mark.line + 1, event.start_mark.column + 1

    def fail(event: Any, message: str) -> None:
        line, column = here(event)
        problems.append(Problem(name, message, key_path(_current_path(stack)), line, column))
        raise _Stop

    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is yaml.StreamEndEvent:
                break
            if kind is yaml.StreamStartEvent or kind is yaml.DocumentEndEvent:
                continue
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    fail(event, "holds more than one YAML document; a data file holds exactly one")
                continue
            if kind is yaml.AliasEvent:
                fail(event, f"uses the YAML alias *{event.anchor}; anchors and aliases are not allowed in data files")
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                continue
            if event.anchor is not None:
                fail(event, f"uses the YAML anchor &{event.anchor}; anchors and aliases are not allowed in data files")
            tag = event.tag
            if tag is not None and tag != "!" and tag not in _STD_TAGS:
                fail(event, f"uses the YAML tag {tag}, which data files do not allow")

            top = stack[-1] if stack else None
            is_key = top is not None and top[2] and top[3] is None
            if kind is yaml.ScalarEvent:
                if is_key:
                    key = event.value
                    container = top[0]
                    if key in container:
                        line, column = here(event)
                        first = doc.marks.get(top[1] + (key,), (None, None))[0]
                        problems.append(Problem(name, f"duplicate key '{key}' (first given on line {first})",
                                                key_path(top[1] + (key,)), line, column))
                        top[3] = _DUPLICATE
                    else:
                        top[3] = key
                        doc.marks[top[1] + (key,)] = here(event)
                    continue
                value: Any = _scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if is_key:
                    fail(event, "uses a mapping or list as a key; keys must be plain text")
                if len(stack) >= MAX_DEPTH:
                    fail(event, f"is nested more than {MAX_DEPTH} levels deep")
                value = {} if kind is yaml.MappingStartEvent else []
            else:  # pragma: no cover - the event types above are all the parser emits
                fail(event, f"unexpected YAML event {kind.__name__}")

            if top is None:
                if root_set:  # pragma: no cover - guarded by the document count
                    fail(event, "holds more than one top-level value")
                doc.data = value
                root_set = True
                doc.marks[()] = here(event)
                path: Path_ = ()
            elif top[2]:
                key = top[3]
                top[3] = None
                path = top[1] + (key,)
                if key is not _DUPLICATE:
                    top[0][key] = value
            else:
                path = top[1] + (len(top[0]),)
                top[0].append(value)
                doc.marks[path] = here(event)
            if isinstance(value, (dict, list)):
                stack.append([value, path, isinstance(value, dict), None])
    except _Stop:
        return


_DUPLICATE = object()


def _current_path(stack: list[list[Any]]) -> Path_:
    if not stack:
        return ()
    top = stack[-1]
    if top[2] and isinstance(top[3], str):
        return top[1] + (top[3],)
    return top[1]


def _scalar(event: Any) -> Any:
    value: str = event.value
    tag = event.tag
    plain = not event.style and event.implicit[0]  # libyaml reports plain style as "", PyYAML as None
    if tag in (None, "!") and not plain:
        return value  # quoted or block scalars are always text
    if tag == "tag:yaml.org,2002:str":
        return value
    if tag in (None, "!", "tag:yaml.org,2002:null") and _NULL.match(value):
        return None
    if tag in (None, "!", "tag:yaml.org,2002:bool") and value in _BOOL:
        return _BOOL[value]
    if tag in (None, "!", "tag:yaml.org,2002:int") and _INT.match(value):
        return int(value)
    if tag in (None, "!", "tag:yaml.org,2002:float", "tag:yaml.org,2002:int") and _FLOAT.match(value):
        return float(value)
    return value
