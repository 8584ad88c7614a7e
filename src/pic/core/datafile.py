"""Loading a data file: pic's own data pre-parsed, anything else parsed as it is read.

pic's own frameworks and profiles ship pre-parsed, as read-only package data in
`pic/compiled/` (one JSON file per YAML file, made by `scripts/compile_data.py` and
checked by `tests/test_datafile.py` to equal a fresh parse of the data tree). Each entry
carries the BLAKE2b hash of the exact text it was parsed from, and is used only when the file
read now has that very text: an edited file (a checkout being worked on) is parsed
afresh, never served a stale parse. Nothing is written anywhere, and nothing outside the
installed package is ever trusted in place of a parse: there is no per-user cache.
Files of any other tree (`--data`, `PIC_DATA`, a profile named by path) are parsed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pic.core.sourcefile import Document, Marks, read_text

# pic/compiled, beside pic/core: inside the package in a wheel and in a checkout alike.
COMPILED = Path(__file__).resolve().parent.parent / "compiled"
# The only folders of pic's own data that are compiled (schemas/ is read as JSON).
COMPILED_TREES = ("frameworks", "states")
_MAX_ENTRY = 8 * 1024 * 1024  # a compiled file is a few KB; anything larger is not one


def digest(text: str) -> str:
    """The BLAKE2b hash of `text` (CPython's built-in module: hashlib would load OpenSSL,
    about 2 ms of every start-up)."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - another Python
        from hashlib import blake2b
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=32).hexdigest()


def compiled_path(relative: Path) -> Path:
    """Where the parse of `relative` (frameworks/pic.yaml) is kept: compiled/frameworks/pic.json."""
    return COMPILED / relative.with_suffix(".json")


def load_file(path: Path, name: str | None = None) -> Document:
    """The file parsed (pic.core.yamlload.parse); pic's own files from their compiled parse."""
    name = name or str(path)
    text = read_text(path, name)
    data = _compiled(path, text)
    if data is not None:
        return Document(name, data, find_marks=lambda: _marks(text, name))
    from pic.core.yamlload import parse

    return parse(text, name)


def _relative_to_builtin(path: Path) -> Path | None:
    """`path` relative to pic's own data tree, if it is one of its compiled files."""
    from pic.core.errors import DataError
    from pic.core.paths import builtin_root

    try:
        relative = path.resolve().relative_to(builtin_root().resolve())
    except (ValueError, OSError, RuntimeError, DataError):
        return None
    if not relative.parts or relative.parts[0] not in COMPILED_TREES or relative.suffix != ".yaml":
        return None
    return relative


def _compiled(path: Path, text: str) -> Any | None:
    relative = _relative_to_builtin(path)
    if relative is None:
        return None
    try:
        with open(compiled_path(relative), "rb") as fh:
            raw = fh.read(_MAX_ENTRY + 1)
        if len(raw) > _MAX_ENTRY:
            return None
        entry = json.loads(raw)
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(entry, dict) or entry.get("blake2b") != digest(text):
        return None  # not this text's parse: parse the file itself
    return entry.get("data")


def _marks(text: str, name: str) -> Marks:
    from pic.core.yamlload import parse

    return parse(text, name).marks


def compiled_entry(text: str, data: Any) -> str:
    """The text of a compiled file: the parse of `text`, and the hash that ties it to it."""
    return json.dumps({"blake2b": digest(text), "data": data}, ensure_ascii=True, allow_nan=False,
                      separators=(",", ":")) + "\n"
