"""What the SVG and HTML figures share: the grade palette, safe text and links, captions.

Everything a figure shows from a report passes through `text()` (controls made visible,
then escaped for HTML and XML alike) and every link through `safe_url()` (http and https
only). Nothing here loads anything: fonts are a system stack, colours are literals.
"""

from __future__ import annotations

import datetime as _dt
import html as _html
import os
import re
import urllib.parse
from typing import Any, Iterable, Mapping, Sequence

from pic.core.numbers import fmt

# A system font stack: nothing is fetched. Liberation Sans has Arial's (and Helvetica's)
# metrics, so the text widths estimated below hold wherever any of the first four is installed.
SANS = "'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'Nimbus Sans', 'DejaVu Sans', sans-serif"
SERIF = "Georgia, 'Times New Roman', 'Liberation Serif', 'Nimbus Roman', 'DejaVu Serif', serif"

INK = "#1a1a1a"        # body text
MUTED = "#595959"      # captions, axes (7:1 on white)
RULE = "#bdbdbd"       # hairlines
TRACK = "#ececec"      # empty part of a bar
BAR = "#3d3d3d"        # the filled part of a bar: neutral, so it never reads as a grade
NO_DATA = "#ffffff"    # a jurisdiction without an edition: white, dashed outline, no letter

# ColorBrewer RdYlBu, 5 classes (Brewer and Harrower), listed as colour-blind safe and
# print friendly: best grade blue, worst red. Simulated protanopia, deuteranopia and
# tritanopia keep every pair at least 28 CIELAB units apart (tests/test_figures.py checks).
# The letter is printed on every tile and badge, so colour is never the only cue.
PALETTE = ("#2c7bb6", "#abd9e9", "#ffffbf", "#fdae61", "#d7191c")
DEFAULT_GRADES = ("A", "B", "C", "D", "F")

_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"          # C0 (not tab/newline), DEL, C1
    "\u200e\u200f\u061c"                     # LRM, RLM, ALM
    "\u202a-\u202e\u2066-\u2069"             # bidi embeddings, overrides and isolates
    "\u2028\u2029"                           # line and paragraph separators
    "\ud800-\udfff"                          # lone surrogates (cannot be encoded)
    "\ufdd0-\ufdef\ufffe\uffff"              # non-characters (not allowed in XML)
    "]"
)
_SPACE = re.compile(r"[\t\n\r]+")


def _visible(m: re.Match[str]) -> str:
    c = m.group(0)
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def plain(value: Any) -> str:
    """A value as one line of inert text: tab and line breaks become spaces, any other
    control, bidi or non-character is written as a visible escape (`\\x1b`, `\\u202e`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        s = "yes" if value else "no"
    elif isinstance(value, float):
        s = fmt(value)
    else:
        s = str(value)
    s = _SPACE.sub(" ", s)
    return _CONTROL.sub(_visible, s)


def text(value: Any) -> str:
    """`plain(value)` escaped for HTML and XML (quotes too, so it is safe in attributes)."""
    return _html.escape(plain(value), quote=True)


def safe_url(url: Any) -> str | None:
    """`url` if it is an absolute http(s) URL with a host and no controls or spaces, else None.
    Only source-URL fields are ever passed here; no other text becomes a link."""
    if not isinstance(url, str) or not url or len(url) > 2000:
        return None
    if _CONTROL.search(url) or any(c.isspace() for c in url):
        return None
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def number(x: Any) -> str:
    """91.0 -> 91, 24.5 -> 24.5; None is not a number and never shown as 0."""
    if x is None:
        return "unknown"
    if isinstance(x, bool):
        return plain(x)
    if isinstance(x, (int, float)):
        return fmt(x) if isinstance(x, float) else str(x)
    return plain(x)


def range_text(lo: Any, hi: Any) -> str:
    """'6\u20137.5', or '6' when both ends agree."""
    if lo == hi:
        return number(lo)
    return f"{number(lo)}\u2013{number(hi)}"


# --- grades ---------------------------------------------------------------------------

def grade_order(legend: Iterable[Mapping[str, Any]] | None) -> list[str]:
    grades = [plain(b.get("grade")) for b in (legend or []) if isinstance(b, Mapping) and b.get("grade")]
    return grades or list(DEFAULT_GRADES)


def grade_rank(grade: Any, order: Sequence[str]) -> int:
    """Position of a grade in the scale, best first ('B+' ranks with B); unknown grades last."""
    g = plain(grade)
    if g in order:
        return list(order).index(g)
    if g[:1] in order:
        return list(order).index(g[:1])
    return len(order)


def _mix(a: str, b: str, t: float) -> str:
    ca = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(ca, cb))


def palette(n: int) -> list[str]:
    """n ordinal colours, best first: the five above, or points along the same ramp."""
    if n == len(PALETTE):
        return list(PALETTE)
    if n <= 1:
        return [PALETTE[0]]
    out = []
    for i in range(n):
        pos = i * (len(PALETTE) - 1) / (n - 1)
        lo = int(pos)
        hi = min(lo + 1, len(PALETTE) - 1)
        out.append(_mix(PALETTE[lo], PALETTE[hi], pos - lo))
    return out


def grade_colours(order: Sequence[str]) -> dict[str, str]:
    return dict(zip(order, palette(len(order))))


def grade_fill(grade: Any, colours: Mapping[str, str]) -> str:
    """The fill for a grade; 'B+' and 'B-' take B's colour; an unknown grade is white."""
    if grade is None:
        return NO_DATA
    g = plain(grade)
    if g in colours:
        return colours[g]
    if g[:1] in colours:
        return colours[g[:1]]
    return NO_DATA


def ink_on(fill: str) -> str:
    """Black or white, whichever contrasts more with `fill`."""
    def lum(h: str) -> float:
        def ch(c: int) -> float:
            v = c / 255
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
        r, g, b = (ch(int(h[i:i + 2], 16)) for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    L = lum(fill)
    # white wherever it reaches 4.5:1 (the WCAG level for body text), else black
    return "#ffffff" if 1.05 / (L + 0.05) >= 4.5 else "#000000"


def legend_rows(legend: Sequence[Mapping[str, Any]] | None) -> list[tuple[str, str]]:
    """[(grade, 'range in words')] from a report's legend: 'A' '90 and up', 'B' '80 to under 90'."""
    out = []
    bands = [b for b in (legend or []) if isinstance(b, Mapping) and b.get("grade")]
    for i, b in enumerate(bands):
        lo = b.get("min")
        hi = bands[i - 1].get("min") if i else None
        if lo is None:
            words = ""
        elif hi is None:
            words = f"{number(lo)} and up"
        elif lo == 0:
            words = f"under {number(hi)}"
        else:
            words = f"{number(lo)} to under {number(hi)}"
        out.append((plain(b["grade"]), words))
    return out


# --- what is inferred -----------------------------------------------------------------

def scale_note(report: Mapping[str, Any], *frameworks: Mapping[str, Any] | None) -> str | None:
    """'Grade scale inferred, not published: <why>' when the grade scale is inferred, else None.

    The report's own `grade_scale_inferred` (true/false) wins, then a framework's (from
    `pic frameworks --format json`); without any flag, a `grade_scale_basis` text marks the
    scale inferred, since frameworks give one only for a scale they reconstructed. The basis
    is quoted from wherever it is found."""
    sources = [report] + [f for f in frameworks if f]
    basis = next((plain(src["grade_scale_basis"]) for src in sources if src.get("grade_scale_basis")), None)
    flag = next((bool(src["grade_scale_inferred"]) for src in sources
                 if src.get("grade_scale_inferred") is not None), None)
    if flag is None:
        flag = basis is not None
    if not flag:
        return None
    if not basis:
        return "Grade scale inferred, not published."
    w = basis.strip()
    for lead in ("inferred, not published:", "inferred, not published.", "inferred:", "inferred."):
        if w.lower().startswith(lead):
            w = w[len(lead):].strip()
            break
    return "Grade scale inferred, not published: " + w[:1].upper() + w[1:]


def framework_lookup(frameworks: Iterable[Mapping[str, Any]] | None, fid: Any) -> dict[str, Any] | None:
    for f in frameworks or []:
        if isinstance(f, Mapping) and f.get("id") == fid:
            return dict(f)
    return None


def year_ranges(years: Iterable[int]) -> str:
    """[2013, 2014, 2015, 2017] -> '2013\u20132015, 2017'."""
    ys = sorted(set(years))
    out: list[str] = []
    i = 0
    while i < len(ys):
        j = i
        while j + 1 < len(ys) and ys[j + 1] == ys[j] + 1:
            j += 1
        out.append(str(ys[i]) if i == j else f"{ys[i]}\u2013{ys[j]}")
        i = j + 1
    return ", ".join(out)


# --- captions --------------------------------------------------------------------------

def version() -> str:
    try:
        from pic import __version__
        return plain(__version__)
    except Exception:  # pragma: no cover - a broken install still draws its figures
        return "unknown"


_LAST_EPOCH = 253402300799  # 9999-12-31 23:59:59 UTC, the last second a date can show


def today() -> str:
    """The date a figure is generated, as YYYY-MM-DD; SOURCE_DATE_EPOCH (reproducible
    builds: ASCII digits, seconds since 1970-01-01 UTC) fixes it. Set but empty, it is
    unset; any other value is a usage error that says so, as the specification asks
    (reproducible-builds.org), never a date made up from it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return _dt.date.today().isoformat()
    if not (epoch.isascii() and epoch.isdigit() and len(epoch) <= 12 and int(epoch) <= _LAST_EPOCH):
        from pic.core.errors import UsageError, short

        raise UsageError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, from 0 to "
                         f"{_LAST_EPOCH} (it is '{short(epoch)}'); fix it or unset it.")
    return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date().isoformat()


def generated_line(generated: str | None = None, profile: Any = None) -> str:
    line = f"Generated by pic {version()} on {plain(generated or today())}"
    if profile:
        line += f" from {plain(profile)}"
    return line


def source_parts(source: Mapping[str, Any] | None) -> tuple[str, str | None, str | None]:
    """(title, url or None, publisher date or None) of a source field, all plain text."""
    if not isinstance(source, Mapping):
        return ("no source recorded", None, None)
    title = plain(source.get("title")) or "untitled source"
    if source.get("kind"):
        title += f" [{plain(source['kind'])}]"
    date = source.get("date") or source.get("published") or source.get("accessed")
    return (title, safe_url(source.get("url")), plain(date) if date else None)


def unsafe_url_text(source: Mapping[str, Any] | None) -> str | None:
    """A source URL that is present but not http(s): shown as text, never as a link."""
    if isinstance(source, Mapping) and source.get("url") and not safe_url(source.get("url")):
        return plain(source.get("url"))
    return None


# --- text measurement (SVG has no layout engine) --------------------------------------

# Helvetica/Arial advance widths per 1000 em (Liberation Sans shares them).
_W = {
    " ": 278, "!": 278, '"': 355, "#": 556, "$": 556, "%": 889, "&": 667, "'": 191, "(": 333, ")": 333,
    "*": 389, "+": 584, ",": 278, "-": 333, ".": 278, "/": 278, ":": 278, ";": 278, "<": 584, "=": 584,
    ">": 584, "?": 556, "@": 1015, "[": 278, "\\": 278, "]": 278, "^": 469, "_": 556, "`": 333, "{": 334,
    "|": 260, "}": 334, "~": 584,
    "A": 667, "B": 667, "C": 722, "D": 722, "E": 667, "F": 611, "G": 778, "H": 722, "I": 278, "J": 500,
    "K": 667, "L": 556, "M": 833, "N": 722, "O": 778, "P": 667, "Q": 778, "R": 722, "S": 667, "T": 611,
    "U": 722, "V": 667, "W": 944, "X": 667, "Y": 667, "Z": 611,
    "a": 556, "b": 556, "c": 500, "d": 556, "e": 556, "f": 278, "g": 556, "h": 556, "i": 222, "j": 222,
    "k": 500, "l": 222, "m": 833, "n": 556, "o": 556, "p": 556, "q": 556, "r": 333, "s": 500, "t": 278,
    "u": 556, "v": 500, "w": 722, "x": 500, "y": 500, "z": 500,
    "\u2013": 556, "\u2014": 1000, "\u2019": 222, "\u2018": 222, "\u201c": 333, "\u201d": 333, "\u00b7": 278,
    "\u2026": 1000,
}


_W.update({d: 556 for d in "0123456789"})


def _char_width(c: str) -> int:
    w = _W.get(c)
    if w is not None:
        return w
    return 1000 if ord(c) > 0x2e80 else 600


def text_width(s: str, size: float, bold: bool = False) -> float:
    """Estimated width in px of plain text `s` at font size `size` (a little generous, so
    a fallback font such as DejaVu Sans still fits)."""
    get = _W.get
    return sum(get(c) or _char_width(c) for c in s) / 1000 * size * (1.12 if bold else 1.06)


def wrap(s: str, size: float, width: float, bold: bool = False, max_lines: int | None = None) -> list[str]:
    """Plain text broken into lines that fit `width` px; a word wider than a line is cut.
    With max_lines, the last line kept ends in an ellipsis. Linear in the length of `s`,
    and it stops reading once max_lines are full, so no text can make it slow."""
    scale = size * (1.12 if bold else 1.06) / 1000
    limit = max(width, size) / scale            # the line width in font units
    space = _W[" "]
    lines: list[str] = []
    cur: list[str] = []
    cur_w = 0.0
    full = False

    def flush() -> None:
        nonlocal cur, cur_w, full
        lines.append("".join(cur))
        cur, cur_w = [], 0.0
        full = max_lines is not None and len(lines) > max_lines

    for word in s.split(" "):
        if full:
            break
        ww = 0
        for c in word:  # only as far as the line's width: beyond it the word is cut anyway
            ww += _char_width(c)
            if ww > limit:
                break
        if cur and cur_w + space + ww <= limit:
            cur += [" ", word]
            cur_w += space + ww
            continue
        if cur:
            flush()
            if full:
                break
        if ww <= limit:
            cur, cur_w = [word], float(ww)
            continue
        for c in word:  # an over-long word (a URL, say): cut where the line is full
            cw = _char_width(c)
            if cur and cur_w + cw > limit:
                flush()
                if full:
                    break
            cur.append(c)
            cur_w += cw
    if not full and (cur or not lines):
        lines.append("".join(cur))
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and text_width(last + "\u2026", size, bold) > width:
            last = last.rsplit(" ", 1)[0] if " " in last.strip() else last[:-1]
        lines[-1] = last.rstrip() + "\u2026"
    return lines


# --- provenance ------------------------------------------------------------------------

WEAK_MARK = "\u00b0"  # beside a figure that rests on a blog, aggregator or partisan site


def is_weak(source: Any) -> bool:
    return isinstance(source, Mapping) and source.get("weak") is True


def conflict_text(c: Any, who: str = "") -> str:
    if not isinstance(c, Mapping):
        return ""
    word = "Revised" if c.get("kind") == "revision" else "Sources disagree"
    figures = ", ".join(plain(f) for f in c.get("figures") or [])
    return f"{who}{word} ({figures}): {plain(c.get('note'))}"


def source_notes(source: Any) -> list[str]:
    """One figure's provenance beyond its source line: corroborating sources, a weak-source
    mark, disagreements and revisions."""
    if not isinstance(source, Mapping):
        return []
    out = []
    also = [plain(u) for u in source.get("also") or []]
    if also:
        out.append("Also stated by: " + " ".join(also))
    if is_weak(source):
        out.append(f"{WEAK_MARK} The published figures rest on a blog, aggregator, document copy or partisan site "
                   "(source kind blog): weaker evidence than the publisher, a government or the press.")
    out += [conflict_text(c) for c in source.get("conflicts") or [] if isinstance(c, Mapping)]
    return out


def provenance_notes(report: Mapping[str, Any], weak: Sequence[str] = ()) -> list[str]:
    """A report over many editions: its credit line, its figures per kind of source, which
    figures rest on a weak source (`weak`: their labels) and every conflict."""
    out = []
    if report.get("credit"):
        out.append("Credit: " + plain(report["credit"]))
    if report.get("source_kinds_note"):
        out.append(plain(report["source_kinds_note"]))
    if weak:
        out.append(f"{WEAK_MARK} Resting on a blog, aggregator or partisan site (source kind blog): "
                   + ", ".join(plain(w) for w in weak) + ".")
    for c in report.get("conflicts") or []:
        if isinstance(c, Mapping):
            out.append(conflict_text(c, f"{plain(c.get('name'))} {plain(c.get('year'))}: "))
    return out
