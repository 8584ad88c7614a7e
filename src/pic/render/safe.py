"""The one rule for data text at the output boundary: shown, never executed.

Control characters (C0 but tab and newline, DEL, C1) and the bidirectional controls
that reorder what a reader sees are replaced by visible escapes such as `\\x1b` and
`\\u202e`, so text from a profile, a framework, a file name or an argument can never
drive a terminal or disguise itself.
"""

from __future__ import annotations

import re

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")


def _escape(m: re.Match[str]) -> str:
    c = m.group(0)
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def visible(text: str, lines: bool = False) -> str:
    """`text` with every control character shown as an escape; with `lines`, newlines
    and tabs are kept (multi-line notes), otherwise they are escaped too."""
    pattern = _UNSAFE if lines else _UNSAFE_LINE
    return pattern.sub(_escape, text)
