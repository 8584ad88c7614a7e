"""Loading a data file, with a cache of parses: `pic` is called in loops, and parsing
YAML (and importing the parser) is most of what a short command does.

The cache is keyed by a hash of the file's exact text, so an edited file is never served
from it; it holds only the plain data a parse produced (JSON, never code), only for files
that parsed, and only for pic's own data (frameworks and profiles that ship with it), so
it stays as small as that data however many files a user's own trees hold. Where the cache lives: `$PIC_CACHE_DIR`, else
`$XDG_CACHE_HOME/pic`, else `~/.cache/pic`; `PIC_CACHE_DIR=off` (or empty) turns it off.
A cache that cannot be read or written is skipped without a word: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pic.core.sourcefile import Document, Marks, read_text

_FORMAT = "1"  # bump when the parser's output for the same text changes


def cache_dir() -> Path | None:
    chosen = os.environ.get("PIC_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "none") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pic"


def _key(text: str) -> str:
    from pic import __version__

    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20)
    digest.update(f"\0{__version__}\0{_FORMAT}".encode())
    return digest.hexdigest()


def _get(folder: Path, key: str) -> Any | None:
    try:
        with open(folder / f"{key}.json", encoding="utf-8") as fh:
            entry = json.load(fh)
    except (OSError, ValueError):
        return None
    return entry.get("data") if isinstance(entry, dict) and entry.get("key") == key else None


def _put(folder: Path, key: str, data: Any) -> None:
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"key": key, "data": data}, fh, ensure_ascii=True, allow_nan=False)
        os.replace(tmp, folder / f"{key}.json")
        tmp = None
    except (OSError, ValueError, TypeError):
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def load_file(path: Path, name: str | None = None) -> Document:
    """The file parsed (pic.core.yamlload.parse), from the cache when its text was parsed before."""
    name = name or str(path)
    text = read_text(path, name)
    folder = cache_dir() if _ships_with_pic(path) else None
    key = _key(text) if folder is not None else ""
    if folder is not None:
        data = _get(folder, key)
        if data is not None:
            return Document(name, data, find_marks=lambda: _marks(text, name))
    from pic.core.yamlload import parse

    doc = parse(text, name)
    if folder is not None:
        _put(folder, key, doc.data)
    return doc


def _ships_with_pic(path: Path) -> bool:
    from pic.core.errors import DataError
    from pic.core.paths import builtin_root

    try:
        return path.resolve().is_relative_to(builtin_root().resolve())
    except (OSError, RuntimeError, DataError):
        return False


def _marks(text: str, name: str) -> Marks:
    from pic.core.yamlload import parse

    return parse(text, name).marks
