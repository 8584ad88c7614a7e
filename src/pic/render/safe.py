"""The one rule for data text at the output boundary: shown, never executed.

Control characters (C0 but tab and newline, DEL, C1), the bidirectional controls that
reorder what a reader sees (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), the
line and paragraph separators, lone surrogates and non-characters are replaced by
visible escapes such as `\\x1b` and `\\u202e`, so text from a profile, a framework, a
file name or an argument can never drive a terminal, disguise itself or break a file.

- `visible(text)`: one string (messages on stderr, file names, echoed arguments).
- `clean(report)`: every string in a report, before the terminal, CSV and Markdown
  renderers see it (`pic.emit.to_text`, `pic.emit`). Tab and newline are kept there;
  each format decides what to do with them (Markdown folds them into spaces).
- `json_text(text)`: JSON stays exact for programs. `json.dumps` escapes C0 itself;
  DEL, C1, the bidi controls, separators and lone surrogates are written as JSON's own
  `\\uXXXX` escapes, which a JSON parser reads back as the very same characters, so a
  program gets the data unchanged and a terminal showing the JSON is never driven by it.
- `for_encoding(text, encoding)`: text a stream's encoding cannot carry (a latin-1 or
  cp1252 locale) degrades to ASCII (`█` to `#`, `≥` to `>=`), never a traceback.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_OTHER = "\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
_UNSAFE_TEXT = f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_OTHER}]"
_UNSAFE_LINE_TEXT = f"[\x00-\x1f\x7f-\x9f{_BIDI}{_OTHER}]"
# What json.dumps(ensure_ascii=False) leaves raw inside strings but must not reach a terminal.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_BIDI}{_OTHER}]")


def _escape(m: re.Match[str]) -> str:
    c = m.group(0)
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def visible(text: str, lines: bool = False) -> str:
    """`text` with every control character shown as an escape; with `lines`, newlines
    and tabs are kept (multi-line notes), otherwise they are escaped too."""
    return re.sub(_UNSAFE_TEXT if lines else _UNSAFE_LINE_TEXT, _escape, text)


def clean(value: Any) -> Any:
    """A copy of a report (dicts, lists, tuples, strings, numbers) with every string,
    keys included, passed through `visible(..., lines=True)`; other values unchanged."""
    if isinstance(value, str):
        return visible(value, lines=True)
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, tuple):
        return tuple(clean(v) for v in value)
    return value


def json_text(text: str) -> str:
    """JSON text (from json.dumps) with the characters a terminal acts on written as
    `\\uXXXX` escapes: the same JSON value, safe to show."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def json_for_encoding(text: str, encoding: str) -> str:
    """JSON text with every character `encoding` cannot carry written as a `\\uXXXX`
    escape (a surrogate pair beyond the BMP): the same JSON value in any locale."""
    if _is_unicode(encoding):
        return text

    def esc(c: str) -> str:
        n = ord(c)
        if n < 0x10000:
            return f"\\u{n:04x}"
        n -= 0x10000
        return f"\\u{0xd800 + (n >> 10):04x}\\u{0xdc00 + (n & 0x3ff):04x}"

    return "".join(c if _encodable(c, encoding) else esc(c) for c in text)


# Characters pic itself prints (bars, scales, marks), in ASCII.
ASCII_FALLBACK = {
    "█": "#", "░": "-", "▌": "#", "·": ".", "•": "*", "≥": ">=", "≤": "<=", "—": "-", "–": "-", "─": "-",
    "→": "->", "←": "<-", "✓": "ok", "✗": "x", "⚠": "!", "…": "...", "“": '"', "”": '"', "‘": "'", "’": "'",
    "×": "x", "\u00a0": " ",
}


def _is_unicode(encoding: str) -> bool:
    name = encoding.lower().replace("_", "-")
    return name.startswith(("utf-8", "utf8", "utf-16", "utf-32", "utf16", "utf32"))


def _encodable(c: str, encoding: str) -> bool:
    try:
        c.encode(encoding)
    except (UnicodeError, LookupError):
        return False
    return True


def ascii_char(c: str, encoding: str) -> str:
    """`c` itself if `encoding` can carry it; else its ASCII fallback, its letters
    without accents, or '?'."""
    if _encodable(c, encoding):
        return c
    if c in ASCII_FALLBACK:
        return ASCII_FALLBACK[c]
    base = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
    if base and all(_encodable(x, encoding) for x in base):
        return base
    return "?"


def for_encoding(text: str, encoding: str | None) -> str:
    """`text` as `encoding` can carry it: unchanged for UTF-8, else with each character it
    cannot carry replaced by its ASCII fallback."""
    if not encoding or _is_unicode(encoding):
        return text
    cache: dict[str, str] = {}
    out = []
    for c in text:
        if c < "\x80":
            out.append(c)
            continue
        if c not in cache:
            cache[c] = ascii_char(c, encoding)
        out.append(cache[c])
    return "".join(out)


def needs_fallback(encoding: str | None) -> bool:
    return bool(encoding) and not _is_unicode(encoding or "")
