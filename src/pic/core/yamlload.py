"""Strict YAML reading: one document, no anchors or aliases, no duplicate keys,
bounded size and depth, and the line and column of every key kept for messages.

The document is built from the parser's event stream rather than from PyYAML's
constructor, for three reasons: aliases are refused the moment they appear (an alias
bomb never expands), nesting depth is bounded without recursion, and scalars follow
YAML 1.2's core schema, so `answer: yes` stays the string "yes" and `NO` stays a postal
code instead of turning into a boolean.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import yaml

from pic.core.errors import DataError, Problem, short
# Re-exported: the reading side lives in pic.core.sourcefile, which needs no YAML parser.
from pic.core.sourcefile import MAX_BYTES as MAX_BYTES
from pic.core.sourcefile import Document as Document
from pic.core.sourcefile import Path_ as Path_
from pic.core.sourcefile import key_path as key_path
from pic.core.sourcefile import read_text as read_text
from pic.core.sourcefile import shown as shown

try:  # libyaml's parser is several times faster; fall back to pure Python without it
    _Parser: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = yaml.SafeLoader

MAX_DEPTH = 32


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


def load_file(path: Path, name: str | None = None) -> Document:
    name = name or str(path)
    return parse(read_text(path, name), name)


def parse(text: str, name: str) -> Document:
    """Parse one YAML document into plain dicts, lists and scalars, or raise DataError."""
    if not text.strip():
        raise DataError([Problem(name, "file is empty")])
    back: dict[int, str] | None = None
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        text, back = _shield(text)
    doc = Document(name, None)
    problems: list[Problem] = []
    parser = None
    try:
        parser = _Parser(text)
        _build(parser, doc, problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(x) for x in (exc.context, exc.problem) if x) or "invalid YAML"
        if "maximum nesting depth" in message:
            # Newer libyaml builds stop deep nesting themselves, sometimes before pic's own
            # limit is reached: say the same thing whichever limit tripped.
            message = f"is nested more than {MAX_DEPTH} levels deep"
        else:
            message = f"YAML syntax error: {message}"
        problems.append(
            Problem(name, shown(message), line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None)
        )
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow in a file
        line, column = _position(text, exc.position)
        what = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        problems.append(Problem(name, f"holds the character {what}, which YAML does not allow ({exc.reason})",
                                line=line, column=column))
    except yaml.YAMLError as exc:
        problems.append(Problem(name, shown(f"YAML error: {exc}".replace("\n", " "))))
    except UnicodeError:  # lone surrogates in a str handed to parse() directly
        problems.append(Problem(name, "is not valid Unicode text"))
    finally:
        if parser is not None:
            parser.dispose()
    if back is not None:
        problems = [Problem(p.file, p.message.translate(back), p.key.translate(back), p.line, p.column)
                    for p in problems]
    if problems:
        raise DataError(problems)
    if not doc.marks:
        raise DataError([Problem(name, "holds no data (only comments or blank lines)")])
    if back is not None:
        doc = _unshield(doc, back)
    return doc


# YAML 1.2 reads only CR and LF as line breaks; NEL (U+0085) and the line and paragraph
# separators (U+2028, U+2029) are ordinary characters, in comments and scalars alike.
# PyYAML follows YAML 1.1, which breaks lines at them: they are swapped for private-use
# characters the text does not hold (nor could produce through an escape) while it is
# parsed, and swapped back in every key and value.
_SEPARATORS = "\x85\u2028\u2029"


def _shield(text: str) -> tuple[str, dict[int, str]]:
    lowered = text.lower()
    stand_ins: list[str] = []
    code = 0xF0000
    while len(stand_ins) < len(_SEPARATORS):
        c = chr(code)
        if c not in text and f"{code:x}" not in lowered:
            stand_ins.append(c)
        code += 1
    to = {ord(sep): stand for sep, stand in zip(_SEPARATORS, stand_ins)}
    back = {ord(stand): sep for sep, stand in zip(_SEPARATORS, stand_ins)}
    return text.translate(to), back


def _unshield(doc: Document, back: dict[int, str]) -> Document:
    def restore(value: Any) -> Any:
        if isinstance(value, str):
            return value.translate(back)
        if isinstance(value, dict):
            return {k.translate(back) if isinstance(k, str) else k: restore(v) for k, v in value.items()}
        if isinstance(value, list):
            return [restore(v) for v in value]
        return value

    marks = {tuple(p.translate(back) if isinstance(p, str) else p for p in path): at
             for path, at in doc.marks.items()}
    return Document(doc.name, restore(doc.data), marks)


def _position(text: str, index: Any) -> tuple[int | None, int | None]:
    """1-based line and column of a character index into `text`."""
    if not isinstance(index, int) or not 0 <= index <= len(text):
        return None, None
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


class _Stop(Exception):
    """Raised inside the builder for a problem that makes the rest of the file unreadable."""


_ScalarEvent = yaml.ScalarEvent
_MappingStartEvent = yaml.MappingStartEvent
_SequenceStartEvent = yaml.SequenceStartEvent
_CollectionEndEvents = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_SkippedEvents = (yaml.StreamStartEvent, yaml.DocumentEndEvent)


def _build(parser: Any, doc: Document, problems: list[Problem]) -> None:
    """Turn the parser's events into `doc.data`, recording where every key and item is.

    One loop over the events with an explicit stack; the code is written for speed, as
    every file pic reads goes through it.
    """
    name = doc.name
    marks = doc.marks
    get_event = parser.get_event
    # Each open container: [value, path, is_mapping, pending key or None]
    stack: list[list[Any]] = []
    top: list[Any] | None = None
    documents = 0

    def fail(event: Any, message: str) -> None:
        mark = event.start_mark
        problems.append(Problem(name, shown(message), key_path(_current_path(stack)), mark.line + 1, mark.column + 1))
        raise _Stop

    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is _ScalarEvent:
                if event.anchor is not None:
                    fail(event, f"uses the YAML anchor &{short(event.anchor)}; anchors and aliases are not allowed in data files")
                tag = event.tag
                if top is not None and top[2] and top[3] is None:  # a key
                    if tag is not None and tag != "!" and tag not in _STD_TAGS:
                        fail(event, f"uses the YAML tag {short(tag)}, which data files do not allow")
                    key = event.value
                    container = top[0]
                    mark = event.start_mark
                    path = top[1] + (key,)
                    if key in container:
                        first = marks.get(path, (None, None))[0]
                        problems.append(Problem(name, shown(f"duplicate key '{short(key)}' (first given on line {first})"),
                                                key_path(path), mark.line + 1, mark.column + 1))
                        top[3] = _DUPLICATE
                    else:
                        top[3] = key
                        marks[path] = (mark.line + 1, mark.column + 1)
                    continue
                if tag is None and not event.style:
                    value: Any = _plain(event.value)  # the common case, first
                else:
                    if tag is not None and tag != "!" and tag not in _STD_TAGS:
                        fail(event, f"uses the YAML tag {short(tag)}, which data files do not allow")
                    value = _scalar(event)
                if value.__class__ is float and not math.isfinite(value):
                    fail(event, f"the number {event.value} is too large to be stored")
            elif kind is _MappingStartEvent or kind is _SequenceStartEvent:
                if event.anchor is not None:
                    fail(event, f"uses the YAML anchor &{short(event.anchor)}; anchors and aliases are not allowed in data files")
                tag = event.tag
                if tag is not None and tag != "!" and tag not in _STD_TAGS:
                    fail(event, f"uses the YAML tag {short(tag)}, which data files do not allow")
                if top is not None and top[2] and top[3] is None:
                    fail(event, "uses a mapping or list as a key; keys must be plain text")
                if len(stack) >= MAX_DEPTH:
                    fail(event, f"is nested more than {MAX_DEPTH} levels deep")
                value = {} if kind is _MappingStartEvent else []
            elif kind in _CollectionEndEvents:
                stack.pop()
                top = stack[-1] if stack else None
                continue
            elif kind is yaml.StreamEndEvent:
                break
            elif kind in _SkippedEvents:
                continue
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    fail(event, "holds more than one YAML document; a data file holds exactly one")
                continue
            elif kind is yaml.AliasEvent:
                fail(event, f"uses the YAML alias *{short(event.anchor)}; anchors and aliases are not allowed in data files")
            else:  # pragma: no cover - the event types above are all the parser emits
                fail(event, f"unexpected YAML event {kind.__name__}")

            mark = event.start_mark
            if top is None:
                if () in marks:  # pragma: no cover - guarded by the document count
                    fail(event, "holds more than one top-level value")
                doc.data = value
                path = ()
                marks[path] = (mark.line + 1, mark.column + 1)
            elif top[2]:
                key = top[3]
                top[3] = None
                path = top[1] + (key,)
                if key is not _DUPLICATE:
                    top[0][key] = value
            else:
                items = top[0]
                path = top[1] + (len(items),)
                items.append(value)
                marks[path] = (mark.line + 1, mark.column + 1)
            if kind is not _ScalarEvent:
                top = [value, path, kind is _MappingStartEvent, None]
                stack.append(top)
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


def _plain(value: str) -> Any:
    """An untagged plain scalar under YAML 1.2's core schema."""
    first = value[:1]
    if first and first not in "-+.0123456789~nNtTfF":
        return value  # most text: cannot be a null, boolean or number
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


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
