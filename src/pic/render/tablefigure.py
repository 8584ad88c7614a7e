"""Any `Layout` (pic.views.layout) as a figure for print: an SVG picture or an HTML page.

Both fit a print width (CONTENT px of text between the margins), set each column by its
role (figures right-aligned and never wrapped, grades on their colour with the letter
printed, ranges as "72.5–100", bars with a range as a hatched band) and wrap text at
spaces only: a word is never broken. A token wider than its column (a long address) is
broken after a slash or hyphen, and what still does not fit ends in a visible "…" (the
JSON has it whole). The figure is as tall as its content, with the notes, the credit
line, the sources and a generated line at the bottom.

Every piece of report text is made inert (`pic.render.safe.visible` rules through
`figure.plain`: controls and bidi shown as escapes) and escaped for XML and HTML
(`figure.text`); only http(s) source addresses become links, and only in HTML. The fonts,
palette and metrics are the other figures' (`pic.render.figure`, `pic.render.svg`).
"""

from __future__ import annotations

import re
from typing import Any

from pic.core.numbers import fmt, fmt_range
from pic.render import figure as F
from pic.render.figure import plain, text
from pic.views.layout import Bar, Block, Cell, Column, Facts, Heading, Layout, Para, Span, Table

WIDTH = 860          # the SVG's width
MARGIN = 32
CONTENT = WIDTH - 2 * MARGIN
SIZE = 12.5          # table text
SUB = 11             # the muted line under a cell
PAD = 7              # a cell's padding, each side
LINE = 1.35
BAR_W = 96           # a bar's track
MAX_TOKEN = 240      # px: a text column's narrowest, and where a long token is broken
DASH = "\u2014"
FIXED = ("number", "range", "grade", "bar")


def _tw(s: str, size: float, bold: bool = False) -> float:
    """A text's width, generous enough for DejaVu Sans (wider than Helvetica, and what a
    Linux machine without Liberation falls back to), so nothing is cut at the right."""
    return F.text_width(s, size, bold) * (1.16 if bold else 1.1)


# --- values as a reader reads them -------------------------------------------------------

def value_text(value: Any, role: str) -> str:
    """The words a cell shows, before its mark: one formatter per role."""
    if isinstance(value, (Span, Bar)):
        return fmt_range(value.lo, value.hi, DASH)
    if value is None:
        return DASH
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return fmt(value)
    return plain(value)


def cell_text(c: Cell, role: str) -> str:
    return value_text(c.value, role) + plain(c.mark)


def is_unknown(c: Cell) -> bool:
    v = c.value
    return v is None or (isinstance(v, (Span, Bar)) and (v.lo is None or v.hi is None))


# --- words, never broken inside -----------------------------------------------------------

_RANGE = re.compile(r"\d\u2013\d")
_BREAK = re.compile(r"(?<=[/\-\u2013_.?&=])")


def _fit(s: str, size: float, width: float, bold: bool) -> str:
    """`s` cut to `width` with a visible ellipsis."""
    if _tw(s, size, bold) <= width:
        return s
    lo, hi = 0, len(s)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _tw(s[:mid] + "\u2026", size, bold) <= width:
            lo = mid
        else:
            hi = mid - 1
    return s[:lo] + "\u2026"


def _pieces(word: str, size: float, width: float, bold: bool) -> list[str]:
    """A word as it is set: whole if it fits; else broken after its slashes and hyphens;
    a piece that still does not fit ends in an ellipsis."""
    if _tw(word, size, bold) <= width:
        return [word]
    out: list[str] = []
    cur = ""
    for part in _BREAK.split(word):
        if not part:
            continue
        if cur and _tw(cur + part, size, bold) > width:
            out.append(cur)
            cur = ""
        cur += part
    if cur:
        out.append(cur)
    return [_fit(p, size, width, bold) for p in out]


def wrap(s: str, size: float, width: float, bold: bool = False, max_lines: int = 200) -> list[str]:
    """`s` in lines that fit `width` px, broken at spaces only (see `_pieces` for a token
    wider than a line); past `max_lines` the last line ends in an ellipsis."""
    width += 0.01  # a column's width less its padding may round below its text's own width
    lines: list[str] = []
    cur = ""
    for word in plain(s).split(" "):
        if not word:
            continue
        pieces = _pieces(word, size, width, bold)
        first = pieces[0]
        if cur and _tw(cur + " " + first, size, bold) <= width:
            cur += " " + first
        else:
            if cur:
                lines.append(cur)
            cur = first
        for p in pieces[1:]:
            lines.append(cur)
            cur = p
        if len(lines) > max_lines:
            break
    if cur or not lines:
        lines.append(cur)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _fit(lines[-1] + "\u2026", size, width, bold)
    return lines


def _longest_word(s: str, size: float, bold: bool = False) -> float:
    return max([_tw(w, size, bold) for w in plain(s).split(" ")] + [0.0])


# --- column widths ---------------------------------------------------------------------

def column_widths(t: Table, avail: float) -> list[float]:
    """Each column's width in px, padding included: a figure's column fits its widest
    figure (and the longest word of its label); text columns share what is left, each
    at least as wide as its longest word (up to MAX_TOKEN), and in proportion to how much
    more their text would take on one line."""
    n = len(t.columns)
    fixed: list[float | None] = []
    lo: list[float] = []
    natural: list[float] = []
    for i, col in enumerate(t.columns):
        head_min = _longest_word(col.label, SIZE, True)
        cells = [r[i] for r in t.rows if i < len(r)]
        if col.role in FIXED:
            w = max([_tw(cell_text(c, col.role), SIZE, col.role == "grade") + (12 if col.role == "grade" else 0)
                     for c in cells] + [head_min])
            if col.role == "bar":
                w += BAR_W + 8
            subs = [_longest_word(c.sub, SUB) for c in cells if c.sub]
            w = max([w] + subs)
            fixed.append(w + 2 * PAD)
            lo.append(w + 2 * PAD)
            natural.append(w + 2 * PAD)
            continue
        fixed.append(None)
        bold = i == t.key  # a row's name is set in bold
        words = max([head_min] + [_longest_word(cell_text(c, col.role), SIZE, bold) for c in cells]
                    + [_longest_word(c.sub, SUB) for c in cells if c.sub])
        full = max([_tw(plain(col.label), SIZE, True)]
                   + [_tw(cell_text(c, col.role)[:600], SIZE, bold) for c in cells]
                   + [_tw(plain(c.sub)[:600], SUB) for c in cells if c.sub])
        lo.append(min(words, MAX_TOKEN) + 2 * PAD)
        natural.append(max(min(full, avail), lo[-1] - 2 * PAD) + 2 * PAD)
    if sum(natural) <= avail:
        return natural  # every cell on one line: the table is as wide as it needs
    widths = list(lo)
    spare = avail - sum(widths)
    texts = [i for i in range(n) if fixed[i] is None]
    if spare > 0 and texts:
        want = [natural[i] - lo[i] for i in texts]
        total = sum(want) or 1.0
        for i, w in zip(texts, want):
            widths[i] += spare * w / total
    elif spare < 0 and texts:
        # too many columns: text columns give up width (their long tokens then break)
        give = [max(0.0, widths[i] - 60) for i in texts]
        total = sum(give) or 1.0
        for i, g in zip(texts, give):
            widths[i] -= min(g, -spare * g / total)
    return widths


# --- SVG -------------------------------------------------------------------------------

def svg(layout: Layout, *, generated: str | None = None) -> str:
    from pic.render.svg import _Svg

    s = _Svg(WIDTH, "pic-fig")
    y = 30.0
    if layout.kicker:
        s.text(MARGIN, y + 4, plain(layout.kicker).upper(), 11, weight="bold", fill=F.MUTED, spacing=0.8)
        y += 22
    else:
        y += 8
    y = _lines(s, MARGIN, y + 14, layout.title, 24, CONTENT, weight="bold", serif=True)
    if layout.subtitle:
        y = _lines(s, MARGIN, y + 2, layout.subtitle, 14, CONTENT, fill=F.MUTED)
    y += 4
    s.line(MARGIN, y, WIDTH - MARGIN, y, stroke=F.INK, width=1.5)
    y += 18
    rows = 0
    unknown = False
    for b in layout.blocks:
        y, n, u = _svg_block(s, b, y)
        rows += n
        unknown = unknown or u
    y += 6
    notes = list(layout.notes)
    if unknown and not any(n.text.startswith(DASH) for n in notes):
        notes.append(Para(f"{DASH}: unknown or not recorded, never counted as zero."))
    for note in notes:
        fill = F.INK if note.tone == "warning" else F.MUTED
        y = _lines(s, MARGIN, y + 12, note.text, 11.5, CONTENT, fill=fill,
                   weight="bold" if note.tone == "warning" else "normal", italic=note.tone == "inferred") - 8
    y += 14
    s.line(MARGIN, y, WIDTH - MARGIN, y)
    y += 8
    if layout.credit:
        y = _lines(s, MARGIN, y + 12, "Credit: " + layout.credit, 11, CONTENT, fill=F.MUTED) - 8
    for src in layout.sources:
        y = _lines(s, MARGIN, y + 12, f"Source: {src.title}" + (f" {src.url}" if src.url else ""), 11, CONTENT,
                   fill=F.MUTED) - 8
    y = _lines(s, MARGIN, y + 12, F.generated_line(generated), 11, CONTENT, fill=F.MUTED)
    desc = _description(layout, rows)
    return s.document(y + 10, plain(layout.title), desc)


def _description(layout: Layout, rows: int) -> str:
    parts = [plain(layout.subtitle)] if layout.subtitle else []
    for b in layout.blocks:
        if isinstance(b, Facts):
            parts.append("; ".join(f"{plain(k)}: {plain(v)}" for k, v in b.items) + ".")
        elif isinstance(b, Table):
            parts.append(f"A table{' (' + plain(b.caption) + ')' if b.caption else ''} of {len(b.rows)} rows: "
                         + ", ".join(plain(c.label) for c in b.columns) + ".")
        elif isinstance(b, Para):
            parts.append(plain(b.text))
    parts += [plain(n.text) for n in layout.notes]
    return " ".join(p for p in parts if p)


def _lines(s: Any, x: float, y: float, msg: str, size: float, width: float, **kw: Any) -> float:
    """Wrapped text from baseline y; the baseline after the last line."""
    for ln in wrap(msg, size, width, kw.get("weight") == "bold"):
        s.text(x, y, ln, size, **kw)
        y += size * LINE
    return y


def _svg_block(s: Any, b: Block, y: float) -> tuple[float, int, bool]:
    if isinstance(b, Heading):
        y = _lines(s, MARGIN, y + 22, b.text, 17, CONTENT, weight="bold", serif=True)
        return y - 4, 0, False
    if isinstance(b, Para):
        if b.tone == "warning":
            lines = wrap(b.text, 13, CONTENT - 30, True)
            h = len(lines) * 13 * LINE + 12
            s.rect(MARGIN, y, CONTENT, h, "#fafafa", stroke=F.INK, stroke_width=1.2)
            s.rect(MARGIN, y, 6, h, F.INK)
            ty = y + 6 + 13
            for ln in lines:
                s.text(MARGIN + 18, ty, ln, 13, weight="bold")
                ty += 13 * LINE
            return y + h + 12, 0, False
        fill = F.INK if b.tone == "plain" else F.MUTED
        y = _lines(s, MARGIN, y + 13, b.text, 13, CONTENT, fill=fill, italic=b.tone == "inferred")
        return y, 0, False
    if isinstance(b, Facts):
        return _svg_facts(s, b, y), 0, False
    return _svg_table(s, b, y)


def _svg_facts(s: Any, b: Facts, y: float) -> float:
    per_row = max(1, min(4, len(b.items)))
    gap = 16
    w = (CONTENT - gap * (per_row - 1)) / per_row
    for start in range(0, len(b.items), per_row):
        chunk = b.items[start:start + per_row]
        bottom = y
        for k, (label, value) in enumerate(chunk):
            x = MARGIN + k * (w + gap)
            s.line(x, y, x + w, y, stroke=F.RULE)
            s.text(x, y + 15, plain(label).upper(), 10.5, weight="bold", fill=F.MUTED, spacing=0.6)
            big = _tw(plain(value), 17, True) <= w  # a figure; words in a smaller size
            ty = _lines(s, x, y + (36 if big else 33), value, 17 if big else 13.5, w, weight="bold")
            bottom = max(bottom, ty)
        y = bottom + 4
    return y + 6


def _svg_table(s: Any, t: Table, y: float) -> tuple[float, int, bool]:
    widths = column_widths(t, CONTENT)
    total = sum(widths)
    colours = F.grade_colours(list(F.DEFAULT_GRADES))
    if t.caption:
        y = _lines(s, MARGIN, y + 14, t.caption, 14, CONTENT, weight="bold") - 2
    heads = [wrap(c.label, SIZE, w - 2 * PAD, True) for c, w in zip(t.columns, widths)]
    hh = max(len(h) for h in heads) * SIZE * LINE + 8
    x = float(MARGIN)
    for col, h, w in zip(t.columns, heads, widths):
        ty = y + hh - 6 - (len(h) - 1) * SIZE * LINE  # header labels sit on the rule
        right = col.role in ("number", "range")
        for ln in h:
            s.text(x + w - PAD if right else x + PAD, ty, ln, SIZE, weight="bold", anchor="end" if right else "start")
            ty += SIZE * LINE
        x += w
    y += hh
    s.line(MARGIN, y, MARGIN + total, y, stroke=F.INK, width=1.2)
    unknown = False
    for n, row in enumerate(t.rows):
        cells = []
        for i, (col, w) in enumerate(zip(t.columns, widths)):
            c = row[i] if i < len(row) else Cell(None)
            unknown = unknown or (is_unknown(c) and col.role in FIXED)
            inner = w - 2 * PAD
            main = ([cell_text(c, col.role)] if col.role in FIXED
                    else wrap(cell_text(c, col.role), SIZE, inner, i == t.key))
            sub = wrap(c.sub, SUB, inner) if c.sub else []
            cells.append((c, main, sub))
        rh = max(len(m) * SIZE * LINE + len(sb) * SUB * LINE for _, m, sb in cells) + 9
        if n % 2:
            s.rect(MARGIN, y, total, rh, "#f4f4f4")
        x = float(MARGIN)
        for k, (col, w, (c, main, sub)) in enumerate(zip(t.columns, widths, cells)):
            key = k == t.key and col.role == "text"
            ty = y + SIZE + 4
            right = col.role in ("number", "range")
            if col.role == "grade" and not is_unknown(c) and F.grade_fill(c.value, colours) != F.NO_DATA:
                g = plain(c.value)
                fill = F.grade_fill(g, colours)
                gw = _tw(g, SIZE, True) + 10
                s.rect(x + PAD, y + 4, gw, SIZE + 6, fill, stroke="#4d4d4d", stroke_width=0.5, rx=2)
                s.text(x + PAD + gw / 2, ty, g, SIZE, weight="bold", fill=F.ink_on(fill), anchor="middle")
                if c.mark:
                    s.text(x + PAD + gw + 2, ty, plain(c.mark), SIZE, fill=F.INK)
                ty += SIZE * LINE
            elif col.role == "bar" and isinstance(c.value, Bar) and not is_unknown(c):
                _svg_bar(s, x + PAD, y + 5, c.value)
                s.text(x + PAD + BAR_W + 8, ty, main[0], SIZE)
                ty += SIZE * LINE
            else:
                muted = is_unknown(c)
                for ln in main:
                    s.text(x + w - PAD if right else x + PAD, ty, ln, SIZE, fill=F.MUTED if muted else F.INK,
                           anchor="end" if right else "start", weight="bold" if key else "normal")
                    ty += SIZE * LINE
            for ln in sub:
                ty -= 1
                s.text(x + w - PAD if right else x + PAD, ty, ln, SUB, fill=F.MUTED, anchor="end" if right else "start")
                ty += SUB * LINE
            x += w
        y += rh
    s.line(MARGIN, y, MARGIN + total, y, stroke=F.INK, width=1.2)
    return y + 18, len(t.rows), unknown


def _svg_bar(s: Any, x: float, y: float, b: Bar) -> None:
    h = SIZE - 1
    s.rect(x, y, BAR_W, h, F.TRACK, stroke="#d0d0d0", stroke_width=0.5)
    if b.maximum in (None, 0) or b.lo is None or b.hi is None:
        return
    m = float(b.maximum)
    lo = max(0.0, min(1.0, b.lo / m)) * BAR_W
    hi = max(0.0, min(1.0, b.hi / m)) * BAR_W
    s.rect(x, y, lo, h, F.BAR)
    if hi - lo > 0.5:
        s.rect(x + lo, y, hi - lo, h, s.range_hatch(), stroke=F.BAR, stroke_width=0.75)


# --- HTML ------------------------------------------------------------------------------

_CSS = """
*{box-sizing:border-box}
html{background:#fff;color:%(ink)s;font-family:%(sans)s;font-size:15px;line-height:1.45;
 -webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0}
main{max-width:%(width)spx;margin:0 auto;padding:28px 32px 36px}
.kicker{font-size:11.5px;font-weight:bold;letter-spacing:.07em;text-transform:uppercase;color:%(muted)s;margin:0}
h1{font-family:%(serif)s;font-size:30px;line-height:1.15;margin:6px 0 6px}
header{border-bottom:1.5px solid %(ink)s;padding-bottom:10px;margin-bottom:16px}
.lede{font-size:16px;color:%(muted)s;margin:0}
h2{font-family:%(serif)s;font-size:20px;margin:26px 0 8px}
p{margin:0 0 8px}
.muted,.notes,footer{color:%(muted)s}
.inferred{color:%(muted)s;font-style:italic}
.warning{border:1.5px solid %(ink)s;border-left-width:6px;padding:8px 12px;background:#fafafa;font-weight:bold}
dl.facts{display:flex;flex-wrap:wrap;gap:8px 16px;margin:0 0 14px}
dl.facts div{flex:1 1 170px;border-top:1px solid %(rule)s;padding-top:4px}
dt{font-size:10.5px;font-weight:bold;letter-spacing:.06em;text-transform:uppercase;color:%(muted)s}
dd{margin:2px 0 0;font-size:17px;font-weight:bold}
dd.words{font-size:14px}
table{border-collapse:collapse;width:100%%;font-size:13.5px;margin:4px 0 16px}
caption{text-align:left;font-weight:bold;font-size:14.5px;padding:0 0 6px}
th,td{padding:5px 7px;text-align:left;vertical-align:top;border-bottom:1px solid #dcdcdc;overflow-wrap:normal}
thead th{border-bottom:1.5px solid %(ink)s;font-size:12.5px;vertical-align:bottom}
tbody tr:nth-child(even){background:#f4f4f4}
tbody th{font-weight:bold}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.nowrap{white-space:nowrap}
.sub{display:block;font-size:12px;color:%(muted)s;font-weight:normal}
.unknown{color:%(muted)s}
.g{display:inline-block;min-width:1.9em;text-align:center;font-weight:bold;border:1px solid #4d4d4d;
 border-radius:2px;padding:0 .3em}
.track{display:inline-block;position:relative;width:%(bar)spx;height:11px;background:%(track)s;
 border:.5px solid #d0d0d0;vertical-align:-1px;margin-right:6px}
.track span{position:absolute;top:0;bottom:0;background:%(ink_bar)s}
.track span.band{background:repeating-linear-gradient(45deg,#fff 0 2px,%(ink_bar)s 2px 4px)}
.notes{font-size:13px;margin-top:8px}
footer{border-top:1px solid %(rule)s;margin-top:18px;padding-top:8px;font-size:12.5px}
footer p{margin:0 0 4px}
a{color:#1f4e79;overflow-wrap:anywhere}
%(grades)s
@media print{main{max-width:none;padding:0}tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
@page{margin:16mm}
"""


def _css() -> str:
    grades = []
    for i, colour in enumerate(F.palette(len(F.DEFAULT_GRADES))):
        grades.append(f".g{i}{{background:{colour};color:{F.ink_on(colour)}}}")
    grades.append(f".gx{{background:#fff;color:{F.INK}}}")
    return _CSS % {"ink": F.INK, "muted": F.MUTED, "rule": F.RULE, "track": F.TRACK, "ink_bar": F.BAR,
                   "sans": F.SANS, "serif": F.SERIF, "width": WIDTH, "bar": BAR_W, "grades": "\n".join(grades)}


def _h(s: str, limit: float = 320) -> str:
    """Escaped text whose tokens never break mid-word: a long token may break after a
    slash or hyphen (<wbr>), and one still longer than `limit` px ends in an ellipsis."""
    out = []
    for word in plain(s).split(" "):
        pieces = _pieces(word, SIZE, limit, False) if _tw(word, SIZE) > limit else [word]
        inner = "<wbr>".join(text(p) for p in pieces)
        # a range ("1–2.5") is one figure: a browser would break after its dash
        out.append(f'<span class="nowrap">{inner}</span>' if _RANGE.search(word) else inner)
    return " ".join(out)


def _html_cell(c: Cell, col: Column) -> tuple[str, str]:
    """(inner HTML, class) of one cell."""
    sub = f'<span class="sub">{_h(c.sub)}</span>' if c.sub else ""
    mark = text(c.mark)
    if is_unknown(c):
        inner = f'<span class="unknown">{DASH}</span>{mark}'
        return inner + sub, "num" if col.role in ("number", "range") else "nowrap" if col.role != "text" else ""
    if col.role == "grade":
        order = list(F.DEFAULT_GRADES)
        r = F.grade_rank(c.value, order)
        cls = f"g{r}" if r < len(order) else "gx"
        return f'<span class="g {cls}">{text(c.value)}</span>{mark}{sub}', "nowrap"
    if col.role == "bar" and isinstance(c.value, Bar):
        b = c.value
        track = ""
        if b.maximum and b.lo is not None and b.hi is not None:
            lo = max(0.0, min(1.0, b.lo / b.maximum)) * 100
            hi = max(0.0, min(1.0, b.hi / b.maximum)) * 100
            track = f'<span class="track" aria-hidden="true"><span style="left:0;width:{lo:.1f}%"></span>'
            if hi - lo > 0.2:
                track += f'<span class="band" style="left:{lo:.1f}%;width:{hi - lo:.1f}%"></span>'
            track += "</span>"
        return track + text(value_text(b, "bar")) + mark + sub, "nowrap"
    if col.role in ("number", "range"):
        return text(value_text(c.value, col.role)) + mark + sub, "num"
    return _h(value_text(c.value, col.role)) + mark + sub, ""


def _html_table(t: Table) -> tuple[str, bool]:
    head = "".join(f'<th scope="col"{" class=" + chr(34) + "num" + chr(34) if c.role in ("number", "range") else ""}>'
                   f"{_h(c.label)}</th>" for c in t.columns)
    rows = []
    unknown = False
    for row in t.rows:
        cells = []
        for i, col in enumerate(t.columns):
            c = row[i] if i < len(row) else Cell(None)
            unknown = unknown or (is_unknown(c) and col.role in FIXED)
            inner, cls = _html_cell(c, col)
            attrs = (' scope="row"' if i == t.key else "") + (f' class="{cls}"' if cls else "")
            tag = "th" if i == t.key else "td"
            cells.append(f"<{tag}{attrs}>{inner}</{tag}>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{_h(t.caption)}</caption>" if t.caption else ""
    return (f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>" + "\n".join(rows) + "</tbody></table>", unknown)


def _html_para(p: Para) -> str:
    cls = {"plain": "", "muted": "muted", "inferred": "inferred", "warning": "warning"}[p.tone]
    return f'<p{f" class={chr(34)}{cls}{chr(34)}" if cls else ""}>{_h(p.text, 600)}</p>'


def html(layout: Layout, *, generated: str | None = None) -> str:
    from pic.render.html import CSP, link

    parts = ["<header>"]
    if layout.kicker:
        parts.append(f'<p class="kicker">{_h(layout.kicker)}</p>')
    parts.append(f"<h1>{_h(layout.title)}</h1>")
    if layout.subtitle:
        parts.append(f'<p class="lede">{_h(layout.subtitle, 600)}</p>')
    parts.append("</header>")
    unknown = False
    for b in layout.blocks:
        if isinstance(b, Heading):
            parts.append(f"<h2>{_h(b.text)}</h2>")
        elif isinstance(b, Para):
            parts.append(_html_para(b))
        elif isinstance(b, Facts):
            parts.append('<dl class="facts">' + "".join(
                f"<div><dt>{_h(k)}</dt><dd{' class=' + chr(34) + 'words' + chr(34) if len(v) > 20 else ''}>"
                f"{_h(v)}</dd></div>" for k, v in b.items) + "</dl>")
        else:
            tab, seen = _html_table(b)
            parts.append(tab)
            unknown = unknown or seen
    notes = list(layout.notes)
    if unknown and not any(n.text.startswith(DASH) for n in notes):
        notes.append(Para(f"{DASH}: unknown or not recorded, never counted as zero."))
    if notes:
        parts.append('<section class="notes" aria-label="Notes">' + "".join(_html_para(n) for n in notes)
                     + "</section>")
    foot = []
    if layout.credit:
        foot.append(f"<p>Credit: {_h(layout.credit, 600)}</p>")
    for src in layout.sources:
        u = link(src.url) if src.url else ""
        foot.append(f"<p>Source: {_h(src.title, 600)}" + (f"<br>{u}" if u else "") + "</p>")
    foot.append(f"<p>{text(F.generated_line(generated))}</p>")
    parts.append("<footer>" + "\n".join(foot) + "</footer>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light">\n'
        f'<meta name="generator" content="pic {text(F.version())}">\n'
        f"<title>{text(layout.title)}</title>\n<style>{_css()}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(parts) + "\n</main>\n</body>\n</html>\n"
    )


def render(layout: Layout, fmt_name: str) -> str:
    """The layout as an SVG picture (`svg`) or an HTML page (`html`)."""
    return svg(layout) if fmt_name == "svg" else html(layout)
