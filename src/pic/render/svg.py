"""SVG figures of pic's reports: the report card, the tile map, the history chart, any table.

Each function takes the JSON-ready report dict that `--format json` prints and returns a
complete, self-contained SVG document as a string: light and print-friendly, a system
font stack, no script, no link, nothing loaded from anywhere. Every piece of report text
is escaped (figure.text); a title and a description make each figure readable without
its colours, and every grade is printed as a letter beside or on its colour.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

from pic.render import figure as F
from pic.render.figure import plain, text

CARD_W = 760
MARGIN = 32
LINE = 1.35  # line height, in font sizes


def _capped(s: str, limit: int = 20_000) -> str:
    """A text alternative of sane length: past `limit` characters it ends in an ellipsis."""
    return s if len(s) <= limit else s[:limit].rstrip() + "\u2026"


class _Svg:
    """A tiny SVG writer: elements appended as strings, every text escaped on the way in."""

    def __init__(self, width: int, prefix: str) -> None:
        self.w = width
        self.p = prefix
        self.parts: list[str] = []
        self.defs: list[str] = []

    def add(self, s: str) -> None:
        self.parts.append(s)

    def text(self, x: float, y: float, s: str, size: float = 13, *, weight: str = "normal", fill: str = F.INK,
             anchor: str = "start", serif: bool = False, italic: bool = False, spacing: float = 0,
             title: str | None = None) -> None:
        attrs = [f'x="{x:.1f}"', f'y="{y:.1f}"', f'font-size="{size:g}"', f'fill="{fill}"']
        if weight != "normal":
            attrs.append(f'font-weight="{weight}"')
        if anchor != "start":
            attrs.append(f'text-anchor="{anchor}"')
        if serif:
            attrs.append(f'font-family="{F.SERIF}"')
        if italic:
            attrs.append('font-style="italic"')
        if spacing:
            attrs.append(f'letter-spacing="{spacing:g}"')
        body = text(s)
        if title:
            body = f"<title>{text(title)}</title>{body}"
        self.add(f"<text {' '.join(attrs)}>{body}</text>")

    def lines(self, x: float, y: float, s: str, size: float, width: float, *, max_lines: int | None = None,
              **kw: Any) -> float:
        """Wrapped text from baseline y; returns the baseline after the last line."""
        bold = kw.get("weight") == "bold"
        for ln in F.wrap(plain(s), size, width, bold, max_lines):
            self.text(x, y, ln, size, **kw)
            y += size * LINE
        return y

    def rect(self, x: float, y: float, w: float, h: float, fill: str, *, stroke: str | None = None,
             stroke_width: float = 1, dash: str | None = None, rx: float = 0, extra: str = "") -> None:
        a = f'x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" fill="{fill}"'
        if stroke:
            a += f' stroke="{stroke}" stroke-width="{stroke_width:g}"'
        if dash:
            a += f' stroke-dasharray="{dash}"'
        if rx:
            a += f' rx="{rx:g}"'
        self.add(f"<rect {a}{extra}/>")

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str = F.RULE, width: float = 1,
             dash: str | None = None) -> None:
        d = f' stroke-dasharray="{dash}"' if dash else ""
        self.add(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" '
                 f'stroke-width="{width:g}"{d}/>')

    def hatch(self) -> str:
        """The id of a light diagonal hatch: 'nothing recorded here'."""
        pid = f"{self.p}-hatch"
        if not any(pid in d for d in self.defs):
            self.defs.append(
                f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" '
                f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
                f'<line x1="0" y1="0" x2="0" y2="6" stroke="#c8c8c8" stroke-width="2"/></pattern>')
        return f"url(#{pid})"

    def range_hatch(self) -> str:
        """The id of a dark diagonal hatch: 'possibly, depending on what is unknown'."""
        pid = f"{self.p}-range"
        if not any(pid in d for d in self.defs):
            self.defs.append(
                f'<pattern id="{pid}" width="5" height="5" patternUnits="userSpaceOnUse" '
                f'patternTransform="rotate(45)"><rect width="5" height="5" fill="#ffffff"/>'
                f'<line x1="0" y1="0" x2="0" y2="5" stroke="{F.BAR}" stroke-width="2.2"/></pattern>')
        return f"url(#{pid})"

    def document(self, height: float, title: str, desc: str, *, standalone: bool = True) -> str:
        h = int(height + 0.999)
        head = '<?xml version="1.0" encoding="UTF-8"?>\n' if standalone else ""
        defs = f"<defs>{''.join(self.defs)}</defs>" if self.defs else ""
        return (
            f'{head}<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{self.w}" height="{h}" '
            f'viewBox="0 0 {self.w} {h}" role="img" aria-labelledby="{self.p}-title {self.p}-desc" '
            f'font-family="{F.SANS}" font-size="13">'
            f'<title id="{self.p}-title">{text(_capped(title, 1000))}</title>'
            f'<desc id="{self.p}-desc">{text(_capped(desc))}</desc>{defs}'
            f'<rect width="100%" height="100%" fill="#ffffff"/>'
            + "\n".join(self.parts)
            + "</svg>\n"
        )


def _footer(s: _Svg, y: float, sources: Sequence[Mapping[str, Any] | None], generated: str | None,
            profile: Any = None, notes: Iterable[str] = (), label: str | None = "Source") -> float:
    """Notes, then a hairline, then 'Source: title, url (date)' and 'Generated by pic ...'."""
    width = s.w - 2 * MARGIN
    for n in notes:
        if n:  # a caption, not the record: a very long note ends in an ellipsis (JSON has it whole)
            y = s.lines(MARGIN, y, n, 11.5, width * 0.92, fill=F.MUTED, max_lines=12) + 3
    y += 4
    s.line(MARGIN, y, s.w - MARGIN, y)
    y += 17
    for src in sources:
        title, url, date = F.source_parts(src)
        line = f"{label}: {title}" if label else title
        if date:
            line += f" ({date})"
        y = s.lines(MARGIN, y, line, 11.5, width * 0.92, fill=F.MUTED, max_lines=4)
        shown = url or F.unsafe_url_text(src)
        if shown:
            # In an SVG the URL is text, never a link: a picture has nothing to click.
            y = s.lines(MARGIN, y, shown + ("" if url else " (not an http(s) address; not linked)"), 11, width,
                        fill=F.MUTED, max_lines=4)
    y = s.lines(MARGIN, y, F.generated_line(generated, profile), 11, width, fill=F.MUTED, max_lines=3)
    return y + 12


def _notice(s: _Svg, y: float, message: str) -> float:
    """A boxed line that must not be missed (a newer edition exists); returns the y below it."""
    width = s.w - 2 * MARGIN
    lines = F.wrap(plain(message), 13, width - 30, True, max_lines=6)
    h = len(lines) * 13 * LINE + 14
    s.rect(MARGIN, y, width, h, "#fafafa", stroke=F.INK, stroke_width=1.2)
    s.rect(MARGIN, y, 6, h, F.INK)
    ty = y + 7 + 13
    for ln in lines:
        s.text(MARGIN + 18, ty, ln, 13, weight="bold")
        ty += 13 * LINE
    return y + h


def _mapping(value: Any) -> Mapping[str, Any]:
    """`value` if it is a mapping, else an empty one (a report field that may be null)."""
    return value if isinstance(value, Mapping) else {}


def _kicker(parts: Iterable[Any]) -> str:
    return " \u00b7 ".join(plain(p).upper() for p in parts if p not in (None, ""))


# --- the report card -------------------------------------------------------------------

def _published_inferred(report: Mapping[str, Any]) -> set[str]:
    pub = report.get("published")
    keys = set()
    if isinstance(pub, Mapping) and isinstance(pub.get("inferred"), list):
        keys |= {plain(k) for k in pub["inferred"]}
    if isinstance(report.get("inferred"), list):
        keys |= {plain(k) for k in report["inferred"]}
    return keys


def newer_edition_note(report: Mapping[str, Any]) -> str | None:
    """'A newer edition exists: ...' from a report's `newest_edition`, or None when it shows the newest."""
    n = report.get("newest_edition")
    if not isinstance(n, Mapping) or not n:
        return None
    what = f"A newer edition exists: {plain(n.get('year'))}, {plain(n.get('framework_title') or n.get('framework'))}"
    if n.get("grade"):
        what += f", published grade {plain(n['grade'])}"
    if n.get("score") is not None:
        what += f" ({F.number(n['score'])} points)"
    if n.get("has_findings") is False:
        what += ", with no findings recorded"
    return what + f". This shows {plain(report.get('year'))}."


def card_facts(report: Mapping[str, Any], frameworks: Iterable[Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """What the card says, as plain sentences shared by the SVG and the HTML versions."""
    fw = F.framework_lookup(frameworks, report.get("framework"))
    name = plain(report.get("name") or report.get("jurisdiction") or "Unknown jurisdiction")
    year = plain(report.get("year"))
    fw_title = plain(report.get("framework_title") or (fw or {}).get("title") or report.get("framework"))
    grade = report.get("grade")
    score, max_score = report.get("score"), report.get("max_score")
    inferred = _published_inferred(report)
    if report.get("grade_inferred"):
        inferred.add("grade")
    basis = report.get("basis")
    pub = report.get("published") if isinstance(report.get("published"), Mapping) else None
    lo, hi = report.get("score_min"), report.get("score_max")
    unknown = report.get("unknown_criteria") or []
    of_max = f" of {F.number(max_score)}" if max_score is not None else ""
    ranged = score is None and lo is not None and hi is not None and lo != hi
    if score is None and lo is not None and lo == hi:
        score = lo
    if score is not None:
        score_words = f"{F.number(score)}{of_max} points" if max_score is not None \
            else f"{F.number(score)} points (maximum not published)"
        if "score" in inferred:
            score_words += " (inferred)"
    elif ranged:
        score_words = f"{F.range_text(lo, hi)}{of_max} points, a range: the findings leave some criteria unknown"
    elif basis == "published":
        score_words = "score not published"
    elif report.get("best_possible") is not None and unknown:
        score_words = f"score unknown, at most {F.number(report['best_possible'])}{of_max} points"
    else:
        score_words = "score unknown"
    extra = report.get("extra_credit")
    gmin, gmax = report.get("grade_min"), report.get("grade_max")
    grade_label = plain(grade) if grade else None
    if grade:
        grade_words = f"grade {plain(grade)}"
        if "grade" in inferred:
            grade_words += " (inferred)"
    elif gmin and gmax and gmin != gmax:
        grade_label = f"{plain(gmin)}\u2013{plain(gmax)}"
        grade_words = f"grade between {plain(gmin)} and {plain(gmax)}"
    else:
        grade_words = "grade unknown"
    checks: list[str] = []
    match = report.get("published_match")
    if basis == "published":
        checks.append("Figures as published; no findings are recorded, so pic computed nothing of its own.")
    elif match is not None and isinstance(report.get("check"), dict):
        # what the agreement rests on, in the same words as every other format
        checks.append("Computed from the recorded findings. Published figures: " + plain(report["check"]["text"]) + ".")
        cal = report.get("calibrated")
        if isinstance(cal, dict):
            checks.append(plain(cal["text"]))
        hyp = report.get("hypothesis")
        if isinstance(hyp, dict):
            checks.append(plain(hyp["text"]) + ".")
    elif basis == "findings":
        checks.append("Computed from the recorded findings; the publisher's figures are not on record to check.")
    if basis != "published" and pub and (pub.get("score") is not None or pub.get("grade")) and score is None:
        words = []
        if pub.get("score") is not None:
            words.append(f"{F.number(pub['score'])} points" + (" (inferred)" if "score" in inferred else ""))
        if pub.get("grade"):
            words.append(f"grade {plain(pub['grade'])}" + (" (inferred)" if "grade" in inferred else ""))
        checks.append("Published: " + ", ".join(words) + ".")
    ilo, ihi = report.get("implied_min"), report.get("implied_max")
    if score is None and ilo is not None and ihi is not None:
        ig = [g for g in (report.get("implied_grade_min"), report.get("implied_grade_max")) if g]
        gw = ""
        if ig:
            gw = f", grade {plain(ig[0])}" if len(set(ig)) == 1 else f", grade {plain(ig[0])}\u2013{plain(ig[-1])}"
        checks.append(f"The range the cards on record allow (a calibration, not a finding): "
                      f"{F.range_text(ilo, ihi)} points{gw}.")
    if unknown:
        if score is not None and report.get("score_min") is None:
            best = report.get("best_possible")
            checks.append(f"{len(unknown)} criteria unknown, counted as not met here"
                          + (f"; the score could be as high as {F.number(best)}." if best is not None else "."))
        else:
            checks.append(f"{len(unknown)} criteria unknown; an unknown is never counted as met or as zero.")
    if pub and pub.get("tier"):
        checks.append(f"Published tier: {plain(pub['tier'])}.")
    if pub and pub.get("rank") is not None:
        checks.append(f"Published rank: {plain(pub['rank'])}, as its source states it.")
    if extra:
        checks.append(f"Up to {F.number(extra)} points of extra credit are possible beyond the maximum.")
    notes: list[str] = []
    for imp in report.get("implications") or []:
        msg = imp.get("message") if isinstance(imp, Mapping) else imp
        if msg:
            notes.append(f"Implied under pic's own split: {plain(msg)}")
    scale = F.scale_note(report, fw)
    if scale:
        notes.append(scale)
    if "sections" in inferred or any(isinstance(x, Mapping) and x.get("published_inferred")
                                     for x in report.get("sections") or []):
        notes.append("* The published section figures are inferred by the research (read from the card's "
                     "layout, for example), not printed as such.")
    if report.get("note"):
        notes.append(f"Note: {plain(report['note'])}")
    notes += F.source_notes(report.get("source"))
    newer = newer_edition_note(report)
    order = F.grade_order(report.get("grade_scale") or (fw or {}).get("grade_scale"))
    return {"name": name, "year": year, "framework": fw_title, "grade": plain(grade) if grade else None,
            "grade_label": grade_label, "grade_range": (plain(gmin), plain(gmax)) if grade_label and not grade else None,
            "newer": newer, "order": order, "score": score,
            "score_words": score_words, "grade_words": grade_words, "checks": checks, "notes": notes,
            "publisher": plain((fw or {}).get("publisher")) or None, "inferred": inferred, "framework_info": fw}


def section_view(sec: Mapping[str, Any], report: Mapping[str, Any], inferred: set[str]) -> dict[str, Any]:
    """One section row as shown: exact score, range (score_min..score_max) or unknown, with the
    publisher's figure beside it when pic's own is open or differs."""
    mx, sc = sec.get("max"), sec.get("score")
    lo, hi = (sc, sc) if sc is not None else (sec.get("score_min"), sec.get("score_max"))
    label = f"{plain(sec.get('id'))}. {plain(sec.get('title'))}"
    of = f" / {F.number(mx)}" if mx is not None else ""
    if lo is not None and hi is not None:
        points = F.range_text(lo, hi)
    elif report.get("basis") == "published":
        points = "not published"
    else:
        points = "unknown"
    value = points + of if lo is not None and hi is not None else points
    pub = sec.get("published")
    if pub is None and isinstance(report.get("published"), Mapping):
        pub = (report["published"].get("sections") or {}).get(sec.get("id"))
    star = "*" if (sec.get("published_inferred") or "sections" in inferred) else ""
    if report.get("basis") == "published" and lo is not None:
        value += star
        points += star
    show_pub = pub is not None and report.get("basis") != "published" and (lo != hi or lo is None or lo != pub)
    published_value = f"{F.number(pub)}{star}" if show_pub else ""
    published_words = f"published {published_value}" if show_pub else ""
    words = f"Section {label}: " + (f"{F.range_text(lo, hi)} of {F.number(mx)}" if lo is not None and hi is not None
                                   else value)
    if published_words:
        words += f" ({published_words})"
    return {"label": label, "title": plain(sec.get("title")), "id": plain(sec.get("id")), "max": mx, "lo": lo,
            "hi": hi, "known": lo is not None, "value": value, "points": points, "published": pub,
            "published_words": published_words, "published_value": published_value, "star": bool(star), "words": words + "."}


def show_section_bars(views: list[dict[str, Any]], report: Mapping[str, Any]) -> bool:
    """Bars are drawn when something per section is on record: pic's own figure, the
    publisher's, or (for a profile with findings) at least the section maxima."""
    return any(v["known"] or v["published"] is not None or
               (v["max"] is not None and report.get("basis") == "findings") for v in views)


def total_value(report: Mapping[str, Any], f: Mapping[str, Any], with_max: bool = True) -> str:
    """The total as shown ("91 / 102.5", a range, or why there is none); `with_max`: with the maximum."""
    mx = report.get("max_score")
    of = f" / {F.number(mx)}" if mx is not None and with_max else ""
    if f["score"] is not None:
        return F.number(f["score"]) + of
    lo, hi = report.get("score_min"), report.get("score_max")
    if lo is not None and hi is not None:
        return F.range_text(lo, hi) + of
    return "not published" if report.get("basis") == "published" else "unknown"


def _card(report: Mapping[str, Any], frameworks: Iterable[Mapping[str, Any]] | None, generated: str | None,
          prefix: str, standalone: bool) -> str:
    f = card_facts(report, frameworks)
    s = _Svg(CARD_W, prefix)
    colours = F.grade_colours(f["order"])
    inner = CARD_W - 2 * MARGIN
    badge = 112
    head_w = inner - badge - 24

    y = 40.0
    s.text(MARGIN, y, _kicker([f["framework"], f"{f['year']} edition"]), 11.5, weight="bold", fill=F.MUTED,
           spacing=0.8)
    y += 36
    y = s.lines(MARGIN, y, f["name"], 30, head_w, weight="bold", serif=True, max_lines=2)
    y = s.lines(MARGIN, y + 2, f"Report card: {f['score_words']}, {f['grade_words']}.", 15, head_w, max_lines=4)
    if f["publisher"]:
        y = s.lines(MARGIN, y, f"Framework published by {f['publisher']}.", 12.5, head_w, fill=F.MUTED,
                    max_lines=2)

    # The grade badge: the letter on its colour, the word "Grade" above it.
    bx, by = CARD_W - MARGIN - badge, 26
    fill = F.grade_fill(f["grade"], colours) if f["grade"] else F.NO_DATA
    ink = F.ink_on(fill)
    s.rect(bx, by, badge, badge, fill, stroke="#4d4d4d", stroke_width=1, rx=4,
           dash=None if f["grade"] else "4 3")
    s.text(bx + badge / 2, by + 22, "GRADE" if not f["grade_range"] else "GRADE RANGE", 11, weight="bold",
           fill=ink, anchor="middle", spacing=1.5)
    g = f["grade_label"] or "?"
    size = 64 if len(g) < 2 else 48 if len(g) < 3 else 36
    s.text(bx + badge / 2, by + 88 - (64 - size) / 3, g, size, weight="bold", fill=ink, anchor="middle")
    if f["grade"] and "grade" in f["inferred"]:
        s.text(bx + badge / 2, by + badge + 16, "inferred", 11, italic=True, fill=F.MUTED, anchor="middle")
    y = max(y, by + badge + (24 if "grade" in f["inferred"] else 8)) + 8
    s.line(MARGIN, y, CARD_W - MARGIN, y, stroke=F.INK, width=1.5)
    y += 26
    if f["newer"]:
        y = _notice(s, y - 8, f["newer"]) + 18

    sections = [section_view(x, report, f["inferred"]) for x in report.get("sections") or []
                 if isinstance(x, Mapping)]
    if show_section_bars(sections, report):
        s.text(MARGIN, y, "Points by section", 13, weight="bold")
        s.text(CARD_W - MARGIN, y, "points / maximum", 11, fill=F.MUTED, anchor="end")
        y += 14
        label_w = 300
        value_w = 88 if not any(v["published_words"] or v["lo"] != v["hi"] for v in sections) else 130
        bar_x = MARGIN + label_w + 12
        bar_w = CARD_W - MARGIN - value_w - bar_x
        top = max([float(v["max"] or 0) for v in sections] + [float(v["hi"] or 0) for v in sections] + [1.0])
        for v in sections:
            lines = F.wrap(v["label"], 12.5, label_w, max_lines=2)
            row_h = max(30.0 if not v["published_words"] else 40.0, 12.5 * LINE * len(lines) + 12)
            ty = y + 19
            for ln in lines:
                s.text(MARGIN, ty, ln, 12.5)
                ty += 12.5 * LINE
            mx, lo, hi = v["max"], v["lo"], v["hi"]
            track = bar_w * float(mx) / top if mx is not None else bar_w
            s.rect(bar_x, y + 8, track, 14, F.TRACK if mx is not None else s.hatch(), stroke="#d0d0d0",
                   stroke_width=0.5)
            if lo is not None:
                s.rect(bar_x, y + 8, bar_w * max(float(lo), 0) / top, 14, F.BAR)
            if lo is not None and hi is not None and hi != lo:
                # the open part of a range: what the unknown criteria could still add
                s.rect(bar_x + bar_w * max(float(lo), 0) / top, y + 8, bar_w * (float(hi) - float(lo)) / top, 14,
                       s.range_hatch(), stroke=F.BAR, stroke_width=0.75)
            if v["published"] is not None and v["published_words"]:
                px = bar_x + bar_w * max(float(v["published"]), 0) / top
                s.line(px, y + 4, px, y + 26, stroke=F.INK, width=2)
            s.text(CARD_W - MARGIN, y + 20, v["value"], 12.5, weight="bold" if v["known"] else "normal",
                   fill=F.INK if v["known"] else F.MUTED, anchor="end")
            if v["published_words"]:
                s.text(CARD_W - MARGIN, y + 34, v["published_words"], 11, fill=F.MUTED, anchor="end")
            y += row_h
        s.line(MARGIN, y + 2, CARD_W - MARGIN, y + 2)
        y += 22
        s.text(MARGIN, y, "Total", 13, weight="bold")
        s.text(CARD_W - MARGIN, y, total_value(report, f), 13, weight="bold", anchor="end")
        y += 28
        if any(v["lo"] != v["hi"] for v in sections) or any(v["published_words"] for v in sections):
            kx = MARGIN
            if any(v["lo"] != v["hi"] for v in sections):
                s.rect(kx, y - 10, 22, 11, s.range_hatch(), stroke=F.BAR, stroke_width=0.75)
                s.text(kx + 28, y, "open: the range the unknown criteria leave", 11, fill=F.MUTED)
                kx += 300
            if any(v["published_words"] for v in sections):
                s.line(kx + 8, y - 12, kx + 8, y + 2, stroke=F.INK, width=2)
                s.text(kx + 16, y, "the publisher's figure", 11, fill=F.MUTED)
            y += 20
    elif sections:
        y = s.lines(MARGIN, y, "Section scores: not published for this edition ("
                    + ", ".join(v["title"] for v in sections) + ").", 12.5, inner, fill=F.MUTED, max_lines=4) + 8
    else:
        y = s.lines(MARGIN, y, "No section breakdown is recorded for this framework or edition.", 12.5, inner,
                    fill=F.MUTED) + 8

    for c in f["checks"]:
        # long sentences: a margin for fonts wider than the metrics wrap estimates with
        y = s.lines(MARGIN, y, c, 12.5, inner * 0.92, max_lines=6) + 2
    y += 6
    y = _footer(s, y, [report.get("source")], generated, report.get("profile"), f["notes"])

    title = f"{f['name']}, {f['framework']} {f['year']}: {f['score_words']}, {f['grade_words']}"
    desc = [title + "."] + [v["words"] for v in sections] + f["checks"] + f["notes"]
    return s.document(y, title, " ".join(desc), standalone=standalone)


def score_card_svg(report: Mapping[str, Any], *, frameworks: Iterable[Mapping[str, Any]] | None = None,
                   generated: str | None = None) -> str:
    """The report card of `pic score STATE --format json` as an SVG document.

    frameworks: optional, the `frameworks` list of `pic frameworks --format json`, for the
    publisher, the grade scale and whether that scale is inferred (used when the report
    itself does not say). generated: the date in the caption (default today)."""
    return _card(report, frameworks, generated, "pic-card", True)


# --- the tile map ----------------------------------------------------------------------

TILE = 58
TILE_GAP = 5


def map_facts(report: Mapping[str, Any], frameworks: Iterable[Mapping[str, Any]] | None = None) -> dict[str, Any]:
    fids = [plain(x) for x in report.get("frameworks") or []]
    fws = [F.framework_lookup(frameworks, fid) for fid in report.get("frameworks") or []]
    titles = [plain((fw or {}).get("title") or fid) for fw, fid in zip(fws, fids)]
    tiles = [t for t in report.get("tiles") or [] if isinstance(t, Mapping)]
    order = F.grade_order(report.get("legend"))
    counts = {g: 0 for g in order}
    missing = []
    for t in tiles:
        g = _tile_grade(t)
        if g is None:
            missing.append(t)
        else:
            key = g if g in counts else g[:1]
            counts[key] = counts.get(key, 0) + 1
    bases: dict[str, int] = {}
    for t in tiles:
        if _tile_grade(t):
            b = plain(t.get("basis") or "unknown")
            bases[b] = bases.get(b, 0) + 1
    notes = []
    starred = [plain(t.get("postal")) for t in report.get("tiles") or []
               if isinstance(t, Mapping) and t.get("grade") and t.get("grade_inferred")]
    if starred:
        notes.append(f"* Grade inferred by the research, not printed by a source: {', '.join(starred)}.")
    partial = [t for t in report.get("tiles") or [] if isinstance(t, Mapping) and not t.get("grade")
               and t.get("published_grade")]
    if partial:
        notes.append("~ A partial profile, shown at the publisher's grade; its findings alone allow "
                     + "; ".join(f"{plain(t.get('postal'))} {plain(t.get('grade_min'))}\u2013"
                                 f"{plain(t.get('grade_max'))}" for t in partial) + ".")
    if report.get("year_note"):
        notes.append(plain(report["year_note"]).rstrip(".") + ".")
    scale = F.scale_note(report, *fws)
    if scale:
        notes.append(scale)
    if len(fids) > 1:
        notes.append(f"Grades under {len(fids)} different frameworks ({', '.join(titles)}) are shown together; "
                     "they measure different things and are not comparable.")
    graded = len(tiles) - len(missing)
    words = []
    if bases.get("published"):
        words.append(f"{bases['published']} as published")
    if bases.get("findings"):
        words.append(f"{bases['findings']} computed by pic from recorded findings")
    other = sum(v for k, v in bases.items() if k not in ("published", "findings"))
    if other:
        words.append(f"{other} on another basis")
    summary = f"{graded} of {len(tiles)} jurisdictions graded" + (f" ({', '.join(words)})" if words else "")
    summary += f"; {len(missing)} without an edition for {plain(report.get('year'))}." if missing else "."
    publishers = sorted({plain(fw.get("publisher")) for fw in fws if fw and fw.get("publisher")})
    year = plain(report.get("year"))
    weak = [plain(t.get("postal")) for t in tiles if t.get("grade") and F.is_weak(t.get("source"))]
    notes += F.provenance_notes(report, weak)
    provenance = (f"Each jurisdiction's grade comes from its own profile for {year}, which names its source and "
                  f"its kind; pic score STATE --year {year} shows it.")
    sources = [fw.get("source") for fw in fws if fw and fw.get("source")]
    return {"year": year, "titles": titles, "provenance": provenance, "sources": sources, "tiles": tiles, "order": order,
            "counts": counts, "missing": missing, "notes": notes, "summary": summary,
            "publishers": publishers, "framework_info": [fw for fw in fws if fw], "inferred": bool(scale)}


def _tile_grade(t: Mapping[str, Any]) -> str | None:
    """The grade a tile shows: its own, else (a partial profile) the publisher's."""
    g = t.get("grade") or (t.get("published_grade") if t.get("on_record", True) else None)
    return plain(g) if g else None


def _map(report: Mapping[str, Any], frameworks: Iterable[Mapping[str, Any]] | None, generated: str | None,
         prefix: str, standalone: bool, chrome: bool = True) -> str:
    """chrome=False: the grid and legend only, for a page that gives title and sources itself."""
    m = map_facts(report, frameworks)
    tiles = m["tiles"]
    cols = max([int(t.get("col") or 0) for t in tiles] + [10]) + 1
    rows = max([int(t.get("row") or 0) for t in tiles] + [7]) + 1
    width = max(CARD_W, 2 * MARGIN + cols * TILE + (cols - 1) * TILE_GAP)
    s = _Svg(width, prefix)
    inner = width - 2 * MARGIN
    colours = F.grade_colours(m["order"])
    hatch = s.hatch()

    y = 12.0
    if chrome:
        y = 40.0
        s.text(MARGIN, y, _kicker([" / ".join(m["titles"]) or "grades", f"{m['year']} edition"]), 11.5,
               weight="bold", fill=F.MUTED, spacing=0.8)
        y += 36
        y = s.lines(MARGIN, y, f"Grades by state, {m['year']}", 30, inner, weight="bold", serif=True, max_lines=2)
        y = s.lines(MARGIN, y + 2, m["summary"], 14, inner, max_lines=3)
        if m["publishers"]:
            y = s.lines(MARGIN, y, "Frameworks published by " + ", ".join(m["publishers"]) + ".", 12.5, inner,
                        fill=F.MUTED, max_lines=2)
        y += 12
    gx = MARGIN + (inner - (cols * TILE + (cols - 1) * TILE_GAP)) / 2
    gy = y
    for t in tiles:
        try:
            r, c = int(t.get("row")), int(t.get("col"))
        except (TypeError, ValueError):
            continue
        x0, y0 = gx + c * (TILE + TILE_GAP), gy + r * (TILE + TILE_GAP)
        grade = _tile_grade(t)
        partial = bool(grade) and not t.get("grade")
        name = plain(t.get("name") or t.get("jurisdiction") or t.get("postal"))
        tip = f"{name}: grade {grade}" if grade else f"{name}: no edition on record"
        if partial:
            tip += (f" as published; the findings on record allow {plain(t.get('grade_min'))} to "
                    f"{plain(t.get('grade_max'))}")
        if t.get("score") is not None:
            tip += f", {F.number(t.get('score'))} points"
        if grade and t.get("basis"):
            tip += f" ({plain(t.get('basis'))})"
        if grade and t.get("grade_inferred"):
            tip += "; grade inferred by the research, not printed by a source"
        src = t.get("source") if isinstance(t.get("source"), Mapping) else None
        if grade and src:
            tip += f"; source: {F.source_parts(src)[0]}"
            if F.is_weak(src):
                tip += " (a blog, aggregator or partisan site)"
        s.add(f"<g><title>{text(tip)}</title>")
        if grade:
            fill = F.grade_fill(grade, colours)
            ink = F.ink_on(fill)
            s.rect(x0, y0, TILE, TILE, fill, stroke="#4d4d4d", stroke_width=0.75, rx=3,
                   dash="3 2" if partial else None)
            postal = plain(t.get("postal")) + (" *" if t.get("grade_inferred") else " ~" if partial else "")
            s.text(x0 + TILE / 2, y0 + 19, postal, 12.5, weight="bold", fill=ink, anchor="middle")
            s.text(x0 + TILE / 2, y0 + 47, grade, 24 if len(grade) < 2 else 19, weight="bold", fill=ink,
                   anchor="middle")
            if F.is_weak(t.get("source")):  # the grade rests on a blog or aggregator (a note says so)
                s.text(x0 + TILE - 5, y0 + 47, F.WEAK_MARK, 16, weight="bold", fill=ink, anchor="end")
        else:
            s.rect(x0, y0, TILE, TILE, hatch, stroke="#8c8c8c", stroke_width=1, dash="3 2", rx=3)
            s.text(x0 + TILE / 2, y0 + 19, plain(t.get("postal")), 12.5, weight="bold", fill=F.MUTED,
                   anchor="middle")
            s.text(x0 + TILE / 2, y0 + 44, "\u2013", 18, fill=F.MUTED, anchor="middle")
        s.add("</g>")
    y = gy + rows * (TILE + TILE_GAP) + 18

    # Legend: a swatch carrying its letter, the band in words, the count.
    head = "Grade \u00b7 points \u00b7 number of jurisdictions" + ("   (grade scale inferred)" if m["inferred"] else "")
    s.text(MARGIN, y, head, 12.5, weight="bold")
    y += 12
    items: list[tuple[str | None, str, int]] = [
        (g, words, m["counts"].get(g, 0)) for g, words in F.legend_rows(report.get("legend"))]
    if m["missing"]:
        items.append((None, "no edition on record", len(m["missing"])))
    col_w = inner / 3
    for i, (g, words, n) in enumerate(items):
        lx = MARGIN + (i % 3) * col_w
        ly = y + (i // 3) * 32
        if g is None:
            s.rect(lx, ly, 26, 24, hatch, stroke="#8c8c8c", dash="3 2", rx=2)
            s.text(lx + 13, ly + 17, "\u2013", 13, fill=F.MUTED, anchor="middle")
        else:
            fill = F.grade_fill(g, colours)
            s.rect(lx, ly, 26, 24, fill, stroke="#4d4d4d", stroke_width=0.75, rx=2)
            s.text(lx + 13, ly + 17, g, 13, weight="bold", fill=F.ink_on(fill), anchor="middle")
        s.text(lx + 34, ly + 17, f"{words} \u00b7 {n}" if words else f"{n}", 12.5)
    y += ((len(items) + 2) // 3) * 32 + 12

    if chrome:
        y = _footer(s, y, m["sources"] or [{"title": "the profiles of each jurisdiction (see note)"}], generated,
                    None, m["notes"] + [m["provenance"]], label="Framework")

    title = f"Grades by state, {m['year']}" + (f": {', '.join(m['titles'])}" if m["titles"] else "")
    desc = [m["summary"]]
    by_grade: dict[str, list[str]] = {}
    for t in tiles:
        if t.get("grade"):
            by_grade.setdefault(plain(t.get("grade")), []).append(plain(t.get("postal")))
    for g, names in sorted(by_grade.items(), key=lambda kv: (F.grade_rank(kv[0], m["order"]), kv[0])):
        desc.append(f"Grade {g}: {', '.join(names)}.")
    if m["missing"]:
        desc.append("No edition on record: " + ", ".join(plain(t.get("postal")) for t in m["missing"]) + ".")
    desc += m["notes"]
    return s.document(y, title, " ".join(desc), standalone=standalone)


def map_svg(report: Mapping[str, Any], *, frameworks: Iterable[Mapping[str, Any]] | None = None,
            generated: str | None = None) -> str:
    """The tile map of `pic map --format json` as an SVG document, with legend and year."""
    return _map(report, frameworks, generated, "pic-map", True)


# --- the history chart -----------------------------------------------------------------

def _history(report: Mapping[str, Any], *, width: int, generated: str | None, prefix: str, standalone: bool,
             caption: bool) -> str:
    eds = [e for e in report.get("editions") or [] if isinstance(e, Mapping) and isinstance(e.get("year"), int)]
    name = plain(report.get("name") or report.get("jurisdiction") or "")
    s = _Svg(width, prefix)
    grades = list(F.DEFAULT_GRADES)
    for e in eds:
        g = plain(e.get("grade")) if e.get("grade") else None
        if g and g not in grades and g[:1] not in grades:
            grades.append(g)
    colours = F.grade_colours(grades)

    def row_of(g: str) -> int:
        return grades.index(g) if g in grades else grades.index(g[:1])

    y = 24.0
    if caption:
        y = 40.0
        s.text(MARGIN, y, _kicker(["history", f"{len(eds)} edition" + ("" if len(eds) == 1 else "s")]), 11.5,
               weight="bold", fill=F.MUTED, spacing=0.8)
        y += 34
        y = s.lines(MARGIN, y, f"{name}: every edition on record", 26, width - 2 * MARGIN, weight="bold",
                    serif=True, max_lines=2) + 4
    left, right = MARGIN + 34, width - MARGIN - 14
    top = y + 40
    step = 30
    bottom = top + step * (len(grades) - 1)
    for i, g in enumerate(grades):
        gy = top + i * step
        s.line(left, gy, right, gy, stroke="#e3e3e3")
        s.text(left - 12, gy + 4.5, g, 12.5, weight="bold", fill=F.MUTED, anchor="end")
    if not eds:
        s.text((left + right) / 2, (top + bottom) / 2, "No editions on record", 13, fill=F.MUTED, anchor="middle")
        y0, y1 = 0, 1
    else:
        y0, y1 = min(e["year"] for e in eds), max(e["year"] for e in eds)
    span = max(y1 - y0, 1)

    def xof(year: int) -> float:
        return left + 18 + (right - left - 36) * (year - y0) / span

    # Framework runs: a label above each, a dashed rule where the framework changes;
    # points are joined only within one framework, since across them grades measure different things.
    runs: list[list[Mapping[str, Any]]] = []
    for e in eds:
        if runs and runs[-1][0].get("framework") == e.get("framework"):
            runs[-1].append(e)
        else:
            runs.append([e])
    missing = [m for m in report.get("missing") or [] if isinstance(m, Mapping) and isinstance(m.get("year"), int)]
    gap_years = {m["year"] for m in missing}

    def shown_grade(e: Mapping[str, Any]) -> str | None:
        """The grade drawn: the edition's own, else the publisher's (a partial profile)."""
        g = e.get("grade") or e.get("published_grade")
        return plain(g) if g else None
    # the dashed rules between runs: midway between the last year of one and the first of the next
    cuts = [(xof(runs[i - 1][-1]["year"]) + xof(runs[i][0]["year"])) / 2 for i in range(1, len(runs))]
    for i, run in enumerate(runs):
        label = plain(run[0].get("framework_short_title") or run[0].get("framework_title") or run[0].get("framework"))
        lo = cuts[i - 1] if i else left
        hi = cuts[i] if i < len(cuts) else right
        if i:
            s.line(lo, top - 22, lo, bottom + 8, stroke="#8c8c8c", dash="4 3")
        room = hi - lo - 8
        lines = F.wrap(label, 11, max(room, 30), True, max_lines=2)
        ly = top - 16 - 12 * (len(lines) - 1)
        for ln in lines:
            s.text((lo + hi) / 2, ly, ln, 11, weight="bold", fill=F.MUTED, anchor="middle")
            ly += 12
        # a line never crosses a missing edition: each stretch of consecutive editions on its own
        stretches: list[list[tuple[float, float]]] = [[]]
        previous: int | None = None
        for e in run:
            g = shown_grade(e)
            if previous is not None and any(previous < y < e["year"] for y in gap_years):
                stretches.append([])
            previous = e["year"]
            if g:
                stretches[-1].append((xof(e["year"]), top + row_of(g) * step))
        for pts in stretches:
            if len(pts) > 1:
                d = " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)
                s.add(f'<polyline points="{d}" fill="none" stroke="#7f7f7f" stroke-width="1.5"/>')
    for m in missing:
        if y0 <= m["year"] <= y1:
            mx = xof(m["year"])
            s.text(mx, bottom + 4, "\u00d7", 13, fill=F.MUTED, anchor="middle")
            s.text(mx, bottom + 26, plain(m["year"]), 11, fill=F.MUTED, anchor="middle")
    for e in eds:
        x = xof(e["year"])
        g = shown_grade(e)
        partial = not e.get("grade") and bool(g)
        tip = f"{plain(e['year'])}: " + (f"grade {g}" if g else "grade unknown")
        if partial:
            tip += (f" (the publisher's; the findings on record allow {plain(e.get('grade_min'))} to "
                    f"{plain(e.get('grade_max'))})")
        if e.get("score") is not None:
            tip += f", {F.number(e.get('score'))} points"
        tip += f", {plain(e.get('framework_title') or e.get('framework'))}, {plain(e.get('basis'))}"
        if e.get("grade_inferred"):
            tip += ", grade inferred by the research (not printed by a source)"
        s.add(f"<g><title>{text(tip)}</title>")
        if g:
            gy = top + row_of(g) * step
            fill = F.grade_fill(g, colours)
            s.add(f'<circle cx="{x:.1f}" cy="{gy:.1f}" r="11" fill="{fill}" stroke="#4d4d4d" stroke-width="0.75"'
                  + (' stroke-dasharray="3 2"' if partial else "") + "/>")
            s.text(x, gy + 4.5, g, 12 if len(g) < 2 else 9.5, weight="bold", fill=F.ink_on(fill), anchor="middle")
            above = F.number(e.get("score")) if e.get("score") is not None else ""
            if e.get("grade_inferred"):
                above = f"{above} *".strip()
            if F.is_weak(e.get("source")):
                above = f"{above} {F.WEAK_MARK}".strip()
            if partial:
                above = "published"
            if above:
                s.text(x, gy - 15, above, 10.5, fill=F.INK, anchor="middle")
        else:
            s.text(x, bottom + 4, "?", 12, fill=F.MUTED, anchor="middle")
        s.add("</g>")
        s.text(x, bottom + 26, plain(e["year"]), 11, fill=F.MUTED, anchor="middle")
    y = bottom + 44
    if caption:
        y += 8
        notes = ["Points are joined only within one framework: grades under different frameworks measure "
                 "different things. Numbers above points are scores where one is on record."]
        if missing:
            notes.append(f"\u00d7 No edition on record for {F.year_ranges([m['year'] for m in missing])}, though one "
                         "was published: no line is drawn across it.")
        partials = [e["year"] for e in eds if not e.get("grade") and e.get("published_grade")]
        if partials:
            notes.append(f"Dashed: a partial profile ({F.year_ranges(partials)}), drawn at the publisher's grade; "
                         "its findings alone leave a range.")
        inferred_years = [e["year"] for e in eds if e.get("grade_inferred")]
        if inferred_years:
            notes.append(f"* Grade inferred by the research, not printed by a source: "
                         f"{F.year_ranges(inferred_years)}.")
        notes += F.provenance_notes(report, [plain(e["year"]) for e in eds if F.is_weak(e.get("source"))])
        # one line per source address, with the editions it covers
        groups: dict[str, list[Mapping[str, Any]]] = {}
        for e in eds:
            src = _mapping(e.get("source"))
            groups.setdefault(plain(src.get("url")) or plain(src.get("title")), []).append(e)
        srcs: list[Mapping[str, Any]] = []
        for group in groups.values():
            first = group[0]["source"] if isinstance(group[0].get("source"), Mapping) else {}
            titles = {plain((e.get("source") or {}).get("title")) for e in group}
            title = plain(first.get("title")) or "untitled source"
            if len(titles) > 1:
                title += f" (and {len(titles) - 1} more with the same address)"
            srcs.append({"title": f"Source, {F.year_ranges([e['year'] for e in group])}: {title}",
                         "url": first.get("url"), "kind": first.get("kind")})
        y = _footer(s, y, srcs, generated, None, notes, label=None)
    title = f"{name}: grade by edition" + (f", {y0} to {y1}" if eds else "")
    desc = []
    for e in eds:
        desc.append(f"{plain(e['year'])} ({plain(e.get('framework_short_title') or e.get('framework'))}): "
                    + (f"grade {plain(e['grade'])}" if e.get("grade") else "grade unknown")
                    + (f", {F.number(e['score'])} points" if e.get("score") is not None else "") + ".")
    return s.document(y, title, " ".join(desc) or "No editions on record.", standalone=standalone)


def history_svg(report: Mapping[str, Any], *, generated: str | None = None) -> str:
    """`pic history STATE --format json` as a chart of grade by year, one framework per run."""
    return _history(report, width=CARD_W, generated=generated, prefix="pic-history", standalone=True, caption=True)


# --- any table -------------------------------------------------------------------------

def _is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _cell(v: Any) -> str:
    if v is None:
        return "\u2013"
    return plain(v)


def is_grade_column(name: str) -> bool:
    n = plain(name).lower()
    return n == "grade" or n.endswith("_grade") or n.endswith(" grade")


def table_svg(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], notes: Sequence[str] = (), *,
              subtitle: str | None = None, source: Mapping[str, Any] | None = None,
              generated: str | None = None, max_width: int = 1280) -> str:
    """Any report as a table figure: the shape of views.tabular (title, columns, rows,
    notes), so report kinds without a bespoke figure still get a titled, captioned SVG.
    None is shown as '–' (unknown or not recorded, and said so), never as 0."""
    cols = [plain(c) for c in columns]
    body = [[r[i] if i < len(r) else "" for i in range(len(cols))] for r in rows]
    size, pad = 12, 8
    numeric = [bool(body) and all(_is_num(r[i]) or r[i] in (None, "") for r in body) and
               any(_is_num(r[i]) for r in body) for i in range(len(cols))]
    natural = []
    for i, c in enumerate(cols):
        # columns are capped at 320 px, so the first 400 characters tell a cell's natural width
        w = max([F.text_width(c.replace("_", " ")[:400], size, True)]
                + [F.text_width(_cell(r[i])[:400], size) for r in body])
        natural.append(min(w, 320) + 2 * pad)
    width = int(min(max_width, max(CARD_W, sum(natural) + 2 * MARGIN)))
    avail = width - 2 * MARGIN
    widths = list(natural)
    while sum(widths) > avail + 0.5:
        # shrink the widest column a step at a time, never below 60 px
        i = max(range(len(widths)), key=lambda k: widths[k])
        if widths[i] <= 60:
            break
        widths[i] = max(60.0, widths[i] - max(4.0, (sum(widths) - avail) / 4))
    scale = min(1.0, avail / sum(widths)) if widths else 1.0
    widths = [w * scale for w in widths]

    s = _Svg(width, "pic-table")
    y = 44.0
    y = s.lines(MARGIN, y, plain(title), 22, avail, weight="bold", serif=True, max_lines=3)
    if subtitle:
        y = s.lines(MARGIN, y, plain(subtitle), 13, avail, fill=F.MUTED, max_lines=3)
    y += 6
    colours = F.grade_colours(list(F.DEFAULT_GRADES))
    # header
    head_lines = [F.wrap(c.replace("_", " "), size, w - 2 * pad, True, max_lines=3) for c, w in zip(cols, widths)]
    hh = max([len(h) for h in head_lines] + [1]) * size * LINE + 10
    x: float = MARGIN
    for i, (h, w) in enumerate(zip(head_lines, widths)):
        ty = y + size + 4
        for ln in h:
            s.text(x + w - pad if numeric[i] else x + pad, ty, ln, size, weight="bold",
                   anchor="end" if numeric[i] else "start")
            ty += size * LINE
        x += w
    y += hh
    s.line(MARGIN, y, MARGIN + sum(widths), y, stroke=F.INK, width=1.2)
    unknown_seen = False
    for n, r in enumerate(body):
        cells = [F.wrap(_cell(v), size, w - 2 * pad, max_lines=12) for v, w in zip(r, widths)]
        rh = max(len(c) for c in cells) * size * LINE + 10 if cells else 20
        if n % 2:
            s.rect(MARGIN, y, sum(widths), rh, "#f5f5f5")
        x = MARGIN
        for i, (c, w) in enumerate(zip(cells, widths)):  # type: ignore[assignment]  # c: a str above
            v = r[i]
            unknown_seen = unknown_seen or v is None
            if is_grade_column(cols[i]) and v not in (None, ""):
                fill = F.grade_fill(v, colours)
                if fill != F.NO_DATA:
                    s.rect(x + pad - 3, y + 4, F.text_width(plain(v), size, True) + 12, size + 7, fill,
                           stroke="#4d4d4d", stroke_width=0.5, rx=2)
                    s.text(x + pad + 3, y + size + 4, plain(v), size, weight="bold", fill=F.ink_on(fill))
                    x += w
                    continue
            ty = y + size + 4
            for ln in c:
                s.text(x + w - pad if numeric[i] else x + pad, ty, ln, size,
                       fill=F.MUTED if v is None else F.INK, anchor="end" if numeric[i] else "start")
                ty += size * LINE
            x += w
        y += rh
    s.line(MARGIN, y, MARGIN + sum(widths), y, stroke=F.INK, width=1.2)
    y += 20
    all_notes = [plain(n) for n in notes if n]
    if unknown_seen:
        all_notes.append("\u2013 unknown or not recorded (never counted as zero).")
    y = _footer(s, y, [source] if source else [], generated, None, all_notes)
    desc = f"Table with {len(body)} rows and columns {', '.join(cols)}. " + " ".join(all_notes)
    return s.document(y, plain(title), desc)


# --- several states side by side -------------------------------------------------------

def _and(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def compare_facts(report: Mapping[str, Any], frameworks: Iterable[Mapping[str, Any]] | None = None) -> dict[str, Any]:
    states = [x for x in report.get("states") or [] if isinstance(x, Mapping)]
    fids = [plain(x) for x in report.get("frameworks") or []]
    fws = [F.framework_lookup(frameworks, fid) for fid in report.get("frameworks") or []]
    title_fw = plain(report.get("framework_title") or " / ".join(
        plain((fw or {}).get("title") or fid) for fw, fid in zip(fws, fids)))
    names = [plain(x.get("name") or x.get("jurisdiction")) for x in states]
    joined = _and(names)
    year = plain(report.get("year")) if report.get("year") is not None else F.year_ranges(
        [x["year"] for x in states if isinstance(x.get("year"), int)])
    notes = []
    if report.get("year_note"):
        notes.append(plain(report["year_note"]).rstrip(".") + ".")
    scale = F.scale_note(report, *fws)
    if scale:
        notes.append(scale)
    per = {(plain(x.get("name")), bool(x.get("sections"))) for x in states}
    views = [[section_view(sec, x, set()) for sec in x.get("sections") or [] if isinstance(sec, Mapping)]
             for x in states]
    any_sections = report.get("comparable", True) is not False and any(
        show_section_bars(v, x) for v, x in zip(views, states))
    if any(v["star"] for vs in views for v in vs):
        notes.append("* The published section figures are inferred by the research, not printed as such.")
    if any(x.get("grade_inferred") for x in states):
        notes.append("Grade marked (inferred): the grade is an inference, not printed by the publisher.")
    for x in states:
        implied = _mapping(x.get("implied"))
        if x.get("score") is None and implied.get("score_min") is not None:
            lo, hi = implied.get("score_min"), implied.get("score_max")
            notes.append(f"{plain(x.get('name'))}: a partial profile; its published totals imply "
                         f"{F.range_text(lo, hi)} points (an inference).")
    order = F.grade_order(report.get("grade_scale") or next((fw.get("grade_scale") for fw in fws if fw), None))
    groups: dict[tuple[str, str], list[str]] = {}
    for x in states:
        src = _mapping(x.get("source"))
        groups.setdefault((plain(src.get("title")), plain(src.get("url"))), []).append(
            plain(x.get("name") or x.get("jurisdiction")))
    kinds = {(plain(_mapping(x.get("source")).get("title")), plain(_mapping(x.get("source")).get("url"))):
             _mapping(x.get("source")).get("kind") for x in states}
    sources = [{"title": f"Source, {_and(who)}: {title or 'untitled source'}", "url": url or None,
                "kind": kinds.get((title, url))} for (title, url), who in groups.items()]
    notes += F.provenance_notes(report, [plain(x.get("name")) for x in states if F.is_weak(x.get("source"))])
    del per
    return {"states": states, "views": views, "names": names, "joined": joined, "year": year,
            "framework": title_fw, "notes": notes, "order": order, "any_sections": any_sections,
            "warning": plain(report.get("warning")) if report.get("warning") else None,
            "comparable": report.get("comparable", True) is not False, "sources": sources,
            "sections": [x for x in report.get("sections") or [] if isinstance(x, Mapping)]}


def state_total(x: Mapping[str, Any]) -> str:
    """A state's total in a comparison: exact, a range, or why there is none."""
    mx = x.get("max_score")
    of = f" / {F.number(mx)}" if mx is not None else ""
    if x.get("score") is not None:
        return F.number(x["score"]) + of
    if x.get("score_min") is not None and x.get("score_max") is not None:
        return F.range_text(x["score_min"], x["score_max"]) + of
    return "score not published" if x.get("basis") == "published" else "score unknown"


def _compare(report: Mapping[str, Any], frameworks: Iterable[Mapping[str, Any]] | None, generated: str | None,
             prefix: str, standalone: bool) -> str:
    c = compare_facts(report, frameworks)
    n = max(len(c["states"]), 1)
    label_w = 250
    col_w = max(118.0, (CARD_W - 2 * MARGIN - label_w) / n)
    width = int(max(CARD_W, 2 * MARGIN + label_w + n * col_w))
    s = _Svg(width, prefix)
    inner = width - 2 * MARGIN
    colours = F.grade_colours(c["order"])
    y = 40.0
    s.text(MARGIN, y, _kicker([c["framework"], f"{c['year']} edition"]), 11.5, weight="bold", fill=F.MUTED,
           spacing=0.8)
    y += 36
    y = s.lines(MARGIN, y, f"{c['joined']}, side by side", 26, inner, weight="bold", serif=True, max_lines=3)
    y += 6
    if c["warning"]:
        y = _notice(s, y, c["warning"]) + 16
    x0 = MARGIN + label_w
    # header: name, then edition if it differs, then the grade chip and the total
    for i, st in enumerate(c["states"]):
        cx = x0 + i * col_w + col_w / 2
        ty = y + 4
        for ln in F.wrap(plain(st.get("name") or st.get("jurisdiction")), 13.5, col_w - 10, True, max_lines=2):
            s.text(cx, ty, ln, 13.5, weight="bold", anchor="middle")
            ty += 13.5 * LINE
        if plain(st.get("year")) != c["year"] or not c["comparable"]:
            for ln in F.wrap(f"{plain(st.get('year'))} \u00b7 {plain(st.get('framework'))}", 11, col_w - 10,
                             max_lines=2):
                s.text(cx, ty, ln, 11, fill=F.MUTED, anchor="middle")
                ty += 11 * LINE
    head_h = max([13.5 * LINE * len(F.wrap(plain(st.get("name")), 13.5, col_w - 10, True, max_lines=2))
                  + (11 * LINE * 2 if (plain(st.get("year")) != c["year"] or not c["comparable"]) else 0)
                  for st in c["states"]] + [20])
    y += head_h - 4
    s.line(MARGIN, y, MARGIN + label_w + n * col_w, y, stroke=F.INK, width=1.5)
    # grade row
    y += 10
    s.text(MARGIN, y + 30, "Grade", 13, weight="bold")
    for i, st in enumerate(c["states"]):
        cx = x0 + i * col_w + col_w / 2
        g = plain(st.get("grade")) if st.get("grade") else None
        if g is None and st.get("grade_min") and st.get("grade_max"):
            g = f"{plain(st['grade_min'])}\u2013{plain(st['grade_max'])}"
            fill = F.NO_DATA
        else:
            fill = F.grade_fill(g, colours) if g else F.NO_DATA
        s.rect(cx - 26, y, 52, 46, fill, stroke="#4d4d4d", stroke_width=0.75, rx=3,
               dash=None if fill != F.NO_DATA else "3 2")
        s.text(cx, y + 33, g or "?", 30 if len(g or "?") < 2 else 18, weight="bold", fill=F.ink_on(fill),
               anchor="middle")
        if st.get("grade_inferred"):
            s.text(cx, y + 60, "(inferred)", 10.5, fill=F.MUTED, anchor="middle")
    y += 58 + (12 if any(st.get("grade_inferred") for st in c["states"]) else 0)
    s.line(MARGIN, y, MARGIN + label_w + n * col_w, y)
    y += 22
    s.text(MARGIN, y, "Total points", 13, weight="bold")
    for i, st in enumerate(c["states"]):
        cx = x0 + i * col_w + col_w / 2
        known = st.get("score") is not None or st.get("score_min") is not None
        s.text(cx, y, state_total(st), 13 if known else 11.5, weight="bold" if known else "normal",
               fill=F.INK if known else F.MUTED, anchor="middle")
    y += 12
    s.line(MARGIN, y, MARGIN + label_w + n * col_w, y)
    if c["any_sections"]:
        by_id = [{v["id"]: v for v in vs} for vs in c["views"]]
        rows = c["sections"] or [{"id": v["id"], "title": v["title"]} for v in (c["views"][0] if c["views"] else [])]
        for sec in rows:
            sid = plain(sec.get("id"))
            lines = F.wrap(f"{sid}. {plain(sec.get('title'))}", 12.5, label_w - 12, max_lines=2)
            row_h = max(42.0, 12.5 * LINE * len(lines) + 14)
            ty = y + 20
            for ln in lines:
                s.text(MARGIN, ty, ln, 12.5)
                ty += 12.5 * LINE
            for i in range(len(c["states"])):
                v = by_id[i].get(sid)
                bx, bw = x0 + i * col_w + 10, col_w - 20
                if v is None:
                    s.text(bx + bw / 2, y + 24, "not in this framework", 11, fill=F.MUTED, anchor="middle")
                    continue
                mx, lo, hi = v["max"], v["lo"], v["hi"]
                whole = float(mx) if mx else None
                s.rect(bx, y + 10, bw, 9, F.TRACK if whole else s.hatch(), stroke="#d0d0d0", stroke_width=0.5)
                if whole and lo is not None:
                    s.rect(bx, y + 10, bw * max(float(lo), 0) / whole, 9, F.BAR)
                    if hi is not None and hi != lo:
                        s.rect(bx + bw * float(lo) / whole, y + 10, bw * (float(hi) - float(lo)) / whole, 9,
                               s.range_hatch(), stroke=F.BAR, stroke_width=0.75)
                s.text(bx + bw / 2, y + 34, v["value"], 11.5, weight="bold" if v["known"] else "normal",
                       fill=F.INK if v["known"] else F.MUTED, anchor="middle")
            y += row_h
            s.line(MARGIN, y, MARGIN + label_w + n * col_w, y, stroke="#e3e3e3")
        y += 20
    else:
        y += 22
        y = s.lines(MARGIN, y, "Section scores: not on record for "
                    + ("these states in this edition." if c["comparable"] else "a comparison across frameworks."),
                    12.5, inner, fill=F.MUTED) + 6
    y = _footer(s, y, c["sources"], generated, None, c["notes"], label=None)
    title = f"{c['joined']}, {c['framework']} {c['year']}"
    desc = [title + "."]
    for st in c["states"]:
        desc.append(f"{plain(st.get('name'))}: grade {plain(st.get('grade') or 'unknown')}"
                    f"{' (inferred)' if st.get('grade_inferred') else ''}, {state_total(st)}.")
    if c["warning"]:
        desc.append(c["warning"])
    return s.document(y, title, " ".join(desc + c["notes"]), standalone=standalone)


def compare_svg(report: Mapping[str, Any], *, frameworks: Iterable[Mapping[str, Any]] | None = None,
                generated: str | None = None) -> str:
    """`pic compare STATE STATE... --format json` as an SVG: grades, totals and sections side by side."""
    return _compare(report, frameworks, generated, "pic-compare", True)
