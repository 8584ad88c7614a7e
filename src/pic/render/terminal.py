"""Rich tables for people at a terminal. Colors mark grades; nothing here computes."""

from __future__ import annotations

import os
import re
from typing import Any

from pic.render.richkit import Console, Table, Text

from pic.core.numbers import fmt, fmt_range

from pic.render import safe
from pic.views.layouts import GAP_BASIS_NOTE, GAP_GROUPS, GAP_POINTS_NOTE, ranking_marks

# Five distinct colours, from the figures' colour-blind-safe palette where it reads on a
# terminal (A dark blue, B light blue, then yellow, orange, red): A and B never share one.
GRADE_STYLES = {"A": "bold #2c7bb6", "B": "#74add1", "C": "yellow", "D": "#fdae61", "F": "bold #d7191c"}
BAR_WIDTH = 20


def grade_style(grade: str | None) -> str:
    if not grade:
        return "dim"
    return GRADE_STYLES.get(grade[0], "bold")




def bar(score: float | None, maximum: float | None, width: int = BAR_WIDTH) -> Text:
    if score is None or not maximum:
        return Text("·" * width, style="dim")
    filled = round(width * max(0.0, min(1.0, score / maximum)))
    ratio = score / maximum
    style = "green" if ratio >= 0.9 else "yellow" if ratio >= 0.7 else "red"
    return Text.assemble(("█" * filled, style), ("░" * (width - filled), "dim"))


def grade_text(grade: str | None) -> Text:
    return Text(grade or "—", style=grade_style(grade))


def scorecard(card: dict[str, Any]) -> list[Any]:
    scale = [(b["grade"], b["min"]) for b in card.get("grade_scale", [])]
    header = Text.assemble(
        (card["name"], "bold"), "  ", (str(card["year"]), "bold"), "  ", (card["framework_title"], "italic")
    )
    basis = "scored from recorded findings" if card["basis"] == "findings" else "publisher's figures only (no findings recorded)"
    parts: list[Any] = newest_banner(card) + [header, Text(f"Basis: {basis}", style="dim")]

    if not card["sections"]:
        parts += [Text(""), Text.assemble(("Total ", "bold"), (fmt(card["score"]), "bold"), _out_of(card)), Text("")]
        return parts + _footer(card, scale)
    table = Table(show_edge=False, pad_edge=False, expand=False, box=None, header_style="bold")
    area_grades = any(s.get("published_grade") for s in card["sections"])
    starred = card["basis"] == "published" and any(s.get("published_inferred") for s in card["sections"])
    table.add_column("#", justify="right")
    table.add_column("Section", overflow="fold", max_width=44)
    calibrated = card.get("calibrated")
    hyp = card.get("hypothesis")
    table.add_column("Score", justify="right")
    if calibrated:
        table.add_column("Findings¹", justify="right")
    if hyp:
        table.add_column("pic split²", justify="right")
    table.add_column("Max", justify="right")
    if area_grades:
        table.add_column("Card grade", justify="center")
    table.add_column("", no_wrap=True)
    for s in card["sections"]:
        score = Text(_cal_of(s) if calibrated else _score_of(s))
        if starred and s.get("published_inferred"):
            score += Text("*", style="yellow")
        cells: list[Any] = [s["id"], s["title"], score]
        if calibrated:
            cells.append(Text(_span(s["score_min"], s["score_max"]), style="dim"))
        if hyp:
            cells.append(Text(_span(s["hypothesis_min"], s["hypothesis_max"]), style="dim")
                         if s.get("hypothesis_min") is not None else "")
        cells.append(fmt(s["max"]))
        if area_grades:
            cells.append(grade_text(s.get("published_grade")))
        shown = s["score"] if s["score"] is not None else None
        table.add_row(*cells, bar(shown, s["max"], width=BAR_WIDTH // 2 if calibrated else BAR_WIDTH))
    table.add_section()
    total: list[Any] = ["", Text("Total", style="bold"),
                        Text(_cal_of(card) if calibrated else _score_of(card), style="bold")]
    if calibrated:
        total.append(Text(_span(card["score_min"], card["score_max"]), style="dim"))
    if hyp:
        total.append(Text(_span(hyp["score_min"], hyp["score_max"]), style="dim"))
    total.append(fmt(card["max_score"]))
    if area_grades:
        total.append("")
    table.add_row(*total, Text(f"+{fmt(card['extra_credit'])} extra credit possible", style="dim")
                  if card["extra_credit"] else "")
    parts += [Text(""), table, Text("")]
    if area_grades:
        parts.append(Text("Card grade: the publisher's grade for each issue area, as recorded.", style="dim"))
    if starred:
        parts.append(Text("*: section figures the research infers rather than reads off the card.", style="yellow"))
    if calibrated:
        parts.append(para(calibrated["text"], "yellow"))
        parts.append(para("¹ Findings alone: the range over every split of each component's points, "
                          "with no card to narrow it.", "dim"))
    if hyp:
        parts.append(para("² " + hyp["text"] + ".", "dim"))
        if hyp["notes"]:
            notes = Table.grid(padding=(0, 1))
            notes.add_column(no_wrap=True)
            notes.add_column(overflow="fold")
            for m in hyp["notes"]:
                notes.add_row(" ·", Text("under pic's split, " + m, style="dim"))
            parts.append(notes)
    if calibrated or hyp:
        parts.append(Text(""))
    return parts + _footer(card, scale)


def _cal_of(x: dict[str, Any]) -> str:
    """The calibrated score: exact, or the range the cards allow."""
    lo, hi = x.get("calibrated_min"), x.get("calibrated_max")
    if lo is None or hi is None:
        return _score_of(x)
    return _span(lo, hi)


def _score_of(x: dict[str, Any]) -> str:
    """The exact score, or the range the findings allow ("14–101"), never "—" for a known range."""
    if x["score"] is not None or x.get("score_min") is None:
        return fmt(x["score"])
    return _span(x["score_min"], x["score_max"])


_span = fmt_range


def _of(score: float | None, maximum: float | None) -> str:
    """"91 / 102.5"; the score alone where the maximum is not known."""
    if score is None:
        return "—"
    return fmt(score) if maximum is None else f"{fmt(score)} / {fmt(maximum)}"


def _out_of(card: dict[str, Any]) -> str:
    if card["max_score"] is None:
        return " (the publisher's maximum is not known)"
    extra = f" (+{fmt(card['extra_credit'])} extra credit possible)" if card["extra_credit"] else ""
    return f" of {fmt(card['max_score'])}{extra}"


def _footer(card: dict[str, Any], scale: list[tuple[str, float]]) -> list[Any]:
    parts: list[Any] = []
    shown = card["grade"]
    if shown is None and card.get("grade_min") and card.get("grade_max"):
        shown = f"{card['grade_min']}–{card['grade_max']}"  # the grades of the score range's two ends
    grade_line = Text("Grade ") + Text(f" {shown or '—'} ", style=f"reverse {grade_style(card['grade'])}")
    if card.get("grade_inferred"):
        grade_line += Text(" inferred" + (" by the research" if card.get("grade_source") == "research-inferred"
                                          else " from the scale"), style="yellow")
    if scale:
        grade_line += Text("   " + " · ".join(f"{g} ≥ {fmt(m)}" if m else g for g, m in scale), style="dim")
        if card.get("grade_scale_inferred"):
            grade_line += Text("  (scale inferred: not published)", style="yellow")
    parts.append(para(grade_line))

    unknown = card["unknown_criteria"]
    if unknown:
        parts.append(para(f"Unknown: {len(unknown)} criteria not yet answered; an unknown is never counted as "
                          "met or as zero, so the score is a range wherever one could matter.", "yellow"))
    parts.append(para(published_line(card)))
    parts += source_lines(card["source"])
    if card.get("note"):
        parts.append(Text.assemble(("Note: ", "dim"), card["note"]))
    return parts


def source_lines(src: dict[str, Any], label: str = "Source: ") -> list[Any]:
    """A figure's source with its kind; the corroborating sources; a mark when the figures rest
    only on a blog or aggregator; each disagreement or revision about them."""
    from pic.views.reports import WEAK_NOTE, source_label

    out: list[Any] = [Text.assemble((label, "dim"), source_label(src))]
    if src.get("also"):
        out.append(Text.assemble(("Also stated by: ", "dim"), " ".join(f"<{u}>" for u in src["also"])))
    if src.get("weak"):
        out.append(para(f"(blog): the published figures {WEAK_NOTE}.", "yellow"))
    for c in src.get("conflicts") or []:
        out.append(conflict_line(c))
    return out


def conflict_line(c: dict[str, Any], who: str = "") -> Any:
    word = "Revised" if c["kind"] == "revision" else "Sources disagree"
    return para(Text.assemble((f"{who}{word} ({', '.join(c['figures'])}): ", "yellow"), c["note"]))


def provenance_lines(report: dict[str, Any]) -> list[Any]:
    """The credit line, the count of figures per kind of source, and every disagreement or
    revision about a figure shown, for a report over many editions."""
    out: list[Any] = []
    if report.get("credit"):
        out.append(para(Text.assemble(("Credit: ", "bold"), report["credit"])))
    if report.get("source_kinds_note"):
        out.append(para(report["source_kinds_note"], "dim"))
    for c in report.get("conflicts") or []:
        out.append(conflict_line(c, f"{c['name']} {c['year']}: "))
    return out


def published_line(card: dict[str, Any]) -> Text:
    pub = card["published"]
    if pub is None:
        return Text("Published: nothing recorded to check against", style="dim")
    figures = ", ".join(x for x in (fmt(pub["score"]) if pub["score"] is not None else None, pub["grade"]) if x)
    if pub.get("tier"):
        figures += f", {pub['tier']}"
    if pub.get("rank") is not None:
        figures += f", ranked {pub['rank']} nationally by its source"
    if pub.get("inferred"):
        figures += f" ({', '.join(pub['inferred'])} inferred by the research, not read off the card)"
    if card["source"].get("weak"):
        figures += " (blog)"
    check = card.get("check") or {"status": "unchecked", "text": "nothing to check"}
    style = {"contradiction": "bold red", "unchecked": "dim"}.get(check["status"], "yellow")
    mark = {"contradiction": "✗ "}.get(check["status"], "")
    return Text("Published: ") + Text(figures or "—") + Text("  ") + Text(mark + check["text"], style=style)


def newest_banner(report: dict[str, Any]) -> list[Any]:
    """The newest edition, named first when an older one is shown (SPEC: current by default)."""
    n = report.get("newest_edition")
    if not n:
        return []
    figures = " ".join(x for x in (fmt(n["score"]) if n["score"] is not None else "", n["grade"] or "") if x)
    return [
        para(Text.assemble(("Newest edition: ", "bold yellow"),
                           (f"{n['year']}, {n['framework_title']}" + (f", graded {figures}" if figures else ""), "bold"),
                           (" (no findings recorded)", "yellow"))),
        para(f"Shown below: {report['year']}, {report['framework_title']}, the newest edition with findings "
             "(older advice; check it against the newer edition).", "yellow"),
        Text(""),
    ]


def gaps(report: dict[str, Any]) -> list[Any]:
    items = report["gaps"]
    banner = newest_banner(report)
    if items is None:
        head = Text.assemble((report["name"], "bold"), "  ", (str(report["year"]), "bold"), "  ",
                             (report["framework_title"], "italic"), "  ", ("gaps unknown", "bold yellow"))
        reason = report["unknown_reason"]
        return banner + [head, para(f"{reason[:1].upper()}{reason[1:]}.", "yellow"),
                         Text("This does not mean there are no gaps.", style="yellow")]
    head = Text.assemble(
        (report["name"], "bold"), "  ", (str(report["year"]), "bold"), "  ",
        (f"{gap_count(items)}, {_span(report['points_at_stake_min'], report['points_at_stake_max'])} "
         "points at stake", "italic"),
    )
    if not items:
        return [head, Text("No gaps: every criterion is met.", style="green")]
    groups = [(kind, [g for g in items if g.get("kind", "known") == kind]) for kind in GAP_GROUPS]
    tables: list[Any] = []
    for kind, members in groups:
        if not members:
            continue
        if len(items) != len([g for g in items if g.get("kind", "known") == "known"]):
            tables += [Text(""), Text(GAP_GROUPS[kind].format(n=len(members)), style=GAP_GROUP_STYLES[kind])]
        tables.append(_gap_table(members))
    parts = banner + [head] + ([Text("")] if len(tables) == 1 else []) + tables
    if any(g.get("inferred") for g in items):
        parts += [Text(""), para(GAP_BASIS_NOTE, "dim")]
    if any("points_basis" in g for g in items):
        parts += [Text(""), para(GAP_POINTS_NOTE, "dim")]
    return parts


GAP_GROUP_STYLES = {"known": "bold", "implied": "bold yellow", "unknown": "bold yellow"}


def _gap_table(items: list[dict[str, Any]]) -> Table:
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold", expand=True)
    table.add_column("Pts", justify="right", no_wrap=True)
    table.add_column("Gap", overflow="fold", max_width=28)
    table.add_column("Comp.", no_wrap=True)
    table.add_column("pic's recommendation · basis", overflow="fold", ratio=1)
    for g in items:
        label = Text(g["label"], style="bold")
        if g["answer"] == "unknown":
            label += Text(" (unknown" + {"not-met": "; implied not met", "met": "; implied met"}.get(g.get("implied") or "", "")
                          + ")", style="yellow")
        label += basis_mark(g)
        detail = Text(g["recommendation"])
        cites = "; ".join(g["citations"])
        if cites:
            detail += Text("\n" + cites, style="dim")
        elif g["note"]:
            detail += Text("\n" + g["note"], style="dim")
        if g.get("indirect"):
            detail += Text(f"\nread indirectly, from a report of the card: {g.get('finding_source') or ''}",
                           style="yellow")
        table.add_row(_span(g["points_min"], g["points_max"]), label, g["component"], detail)
    return table




def gap_count(items: list[dict[str, Any]]) -> str:
    """"15 gaps", or "1 gap and 76 criteria unknown" for a partial profile: an unknown is not
    known to be a gap."""
    known = sum(1 for g in items if g["answer"] != "unknown")
    unknown = len(items) - known
    text = f"{known} gap{'s' if known != 1 else ''}"
    if unknown:
        text += f" and {unknown} criteri{'a' if unknown != 1 else 'on'} unknown"
    return text


def points_mark(g: dict[str, Any]) -> Text:
    """Whose a gap's points are: the component's whole weight, narrowed by the cards, or open;
    and pic's own split beside them, labelled as its hypothesis."""
    pb = g.get("points_basis")
    if pb is None:
        return Text("")
    words = {"component": "pts: the component's whole weight",
             "cards": "pts: narrowed by the cards on record",
             "open": "pts: split unknown"}[pb]
    lo, hi = g.get("hypothesis_min"), g.get("hypothesis_max")
    if lo is not None and hi is not None and pb != "component":
        words += f"; pic split {_span(lo, hi)}"
    return Text("\n" + words, style="dim")


def basis_mark(g: dict[str, Any]) -> Text:
    """What a gap or answer rests on, under its label; inferences in yellow."""
    basis = g.get("basis")
    if basis is None:
        return points_mark(g)
    words = basis.replace("-", " ")
    if g.get("inferred"):
        return Text(f"\ninferred: {words}", style="yellow") + points_mark(g)
    return Text(f"\nbasis: {words}", style="dim") + points_mark(g)


def validation(report: dict[str, Any]) -> list[Any]:
    parts: list[Any] = []
    for p in report["problems"]:
        parts.append(Text.assemble((_where(p), "bold"), (" " + p["message"], "red")))
    for p in report["warnings"]:
        parts.append(Text.assemble((_where(p), "bold"), (" warning: " + p["message"], "yellow")))
    n = report["files_checked"]
    if report["ok"]:
        parts.append(Text(f"✓ {n} file{'s' if n != 1 else ''} valid", style="green"))
    else:
        k = len(report["problems"])
        parts.append(Text(f"✗ {k} problem{'s' if k != 1 else ''} in {n} file{'s' if n != 1 else ''} checked",
                          style="bold red"))
    return parts


def _where(p: dict[str, Any]) -> str:
    where = p["file"]
    if p["line"] is not None:
        where += f":{p['line']}"
        if p["column"] is not None:
            where += f":{p['column']}"
    where += ":"
    if p["key"]:
        where += f" {p['key']}:"
    return where


# The widest layout pic makes, whatever COLUMNS or the terminal say: COLUMNS=9999999 (a
# common "never wrap" idiom) would otherwise cost memory and time in proportion to it.
MAX_WIDTH = 1000


def _width() -> int | None:
    """COLUMNS when it is a usable width (at most MAX_WIDTH); rich's own detection
    otherwise. COLUMNS=0 (or a value that is not a number) means "not known": 80, like a
    terminal that cannot tell."""
    raw = os.environ.get("COLUMNS", "").strip()
    if raw.isascii() and raw.isdigit():
        n = int(raw) if len(raw) <= 6 else MAX_WIDTH
        return min(n, MAX_WIDTH) if n > 0 else 80
    if raw:
        return 80
    return None


def make_console(no_color: bool = False, file: Any = None, width: int | None = None) -> Console:
    # NO_COLOR (no-color.org) asks for no color at all; rich would still emit bold, so
    # styling is switched off entirely. Data text is never markup: markup, emoji codes
    # and highlighting are all off, and reports arrive cleaned (pic.render.safe).
    plain = no_color or bool(os.environ.get("NO_COLOR"))
    force = True if os.environ.get("FORCE_COLOR") and not plain else None
    console = Console(file=file, color_system=None if plain else "auto", force_terminal=force, highlight=False,
                      markup=False, emoji=False, width=width or _width())
    if console.width > MAX_WIDTH:  # a terminal that reports itself wider than any layout needs
        console.width = MAX_WIDTH
    return console


# Below this width a table is shown as one record per row ("Score: 24.5"), and above it
# too when the table cannot show every number whole at the console's width.
NARROW = 40
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_LONG_WORD = 16


def _cell_text(cell: Any) -> str | None:
    if isinstance(cell, Text):
        return cell.plain
    if isinstance(cell, str):
        return cell
    return None


def _cells(table: Table) -> list[str]:
    # a table drawn without its header row (whatif's plan) is judged on its cells alone
    found = [_cell_text(c.header) or "" for c in table.columns] if table.show_header else []
    for column in table.columns:
        found += [_cell_text(c) or "" for c in column._cells]
    return found


def _table_fits(console: Console, table: Table) -> bool:
    """Whether `table` at the console's width keeps every number and every ordinary word
    whole: none folded apart or cut off with an ellipsis (rich squeezes columns without
    limit). Long tokens such as URLs may fold."""
    if console.width < NARROW:
        return False
    import io

    probe = Console(file=io.StringIO(), width=console.width, color_system=None, force_terminal=False,
                    highlight=False, markup=False, emoji=False)
    probe.print(table)
    shown = probe.file.getvalue()  # type: ignore[attr-defined]
    cells = _cells(table)
    if shown.count("…") > sum(c.count("…") for c in cells):
        return False
    words = {w for c in cells for w in c.split() if len(w) <= _LONG_WORD}
    return all(n in shown for c in cells for n in _NUMBER.findall(c)) and all(w in shown for w in words)


def _records(table: Table) -> list[Text]:
    """`table` as one block of "Header: value" lines per row, for a narrow terminal."""
    out: list[Text] = []
    n_rows = max((len(c._cells) for c in table.columns), default=0)
    for i in range(n_rows):
        lines: list[Text] = []
        for column in table.columns:
            cell = column._cells[i] if i < len(column._cells) else ""
            value = cell if isinstance(cell, Text) else Text(cell) if isinstance(cell, str) else None
            if value is None or not value.plain.strip():
                continue
            header = _cell_text(column.header) or ""
            lines.append(Text.assemble((f"{header}: ", "bold"), value) if header else value)
        if lines:
            out += lines + [Text("")]
    return out


def _print_all(console: Console, parts: list[Any]) -> None:
    # Lines of text (messages, URLs, paths) are never folded, so they stay greppable and
    # clickable; tables fit themselves to the terminal's width, or become records when
    # they cannot without losing a number.
    for part in parts:
        if isinstance(part, Table) and not _table_fits(console, part):
            for line in _records(part):
                console.print(line, overflow="fold")
            continue
        console.print(part, soft_wrap=isinstance(part, Text))


def _ascii_text(text: Text, encoding: str) -> Text:
    """`text` with what `encoding` cannot carry in ASCII (bars, ≥), styles kept."""
    from pic.render.richkit import Span

    out = text.blank_copy()
    cuts = sorted({s.start for s in text.spans} | {s.end for s in text.spans})
    for piece in text.divide(cuts):
        plain = safe.for_encoding(piece.plain, encoding)
        out.append_text(Text(plain, spans=[Span(0, len(plain), s.style) for s in piece.spans]))
    return out


def _ascii_parts(parts: list[Any], encoding: str) -> list[Any]:
    def convert(x: Any) -> Any:
        if isinstance(x, Text):
            return _ascii_text(x, encoding)
        if isinstance(x, str):
            return safe.for_encoding(x, encoding)
        if isinstance(x, Table):
            for column in x.columns:
                column.header = convert(column.header)
                column._cells = [convert(c) for c in column._cells]
        return x

    return [convert(p) for p in parts]


def show(parts: list[Any], stream: Any, no_color: bool = False, pager: str | None = None) -> None:
    """Print `parts` to `stream`, through `pager` when taller than the terminal.

    The whole rendering is made first and written in one go by pic, never by rich (which
    turns a closed pipe into exit 1): a closed pipe reaches pic's error boundary, which
    ends quietly. Text the stream's encoding cannot carry degrades to ASCII."""
    console = make_console(no_color, file=stream)
    encoding = getattr(stream, "encoding", None) or "utf-8"
    if safe.needs_fallback(encoding):
        parts = _ascii_parts(parts, encoding)
    with console.capture() as captured:
        _print_all(console, parts)
    text = _trim(safe.for_encoding(captured.get(), encoding))
    height = console.size.height
    if pager is not None and height > 0 and text.count("\n") >= height:
        _page(text, pager, stream)
        return
    stream.write(text)


def _page(text: str, pager: str, stream: Any) -> None:
    import shlex
    import subprocess

    try:
        proc = subprocess.Popen(shlex.split(pager), stdin=subprocess.PIPE)
    except (OSError, ValueError):
        stream.write(text)
        return
    assert proc.stdin is not None
    try:
        proc.stdin.write(text.encode(getattr(stream, "encoding", None) or "utf-8", errors="replace"))
        proc.stdin.close()
    except BrokenPipeError:  # the reader quit the pager early
        pass
    if proc.wait() > 0:
        # A PAGER that failed (PAGER=false, a pager that cannot open the terminal; less and
        # more exit 0 when quit): the output is printed unpaged rather than lost.
        stream.write(text)


def plain_text(parts: list[Any], width: int = 100) -> str:
    """The terminal rendering as plain text, for a .txt file: no color, a fixed width."""
    import io

    console = Console(file=io.StringIO(), color_system=None, force_terminal=False, width=width, highlight=False,
                      markup=False, emoji=False)
    _print_all(console, parts)
    return _trim(console.file.getvalue())  # type: ignore[attr-defined]


def _trim(text: str) -> str:
    """Without the spaces rich pads lines with: a pipeline's `grep` or `diff` sees the text."""
    return "\n".join(line.rstrip(" ") for line in text.split("\n"))


def new_profile(report: dict[str, Any]) -> list[Any]:
    return [Text(report["path"])]


def _history_grade(e: dict[str, Any]) -> Text:
    """An edition's grade: its own, or for a partial profile the range its findings allow
    beside the publisher's grade."""
    if e["grade"]:
        grade = grade_text(e["grade"])
        if e.get("grade_inferred"):
            grade += Text("*", style="yellow")
        return grade
    if e.get("grade_min") and e.get("grade_max"):
        span = e["grade_min"] if e["grade_min"] == e["grade_max"] else f"{e['grade_min']}–{e['grade_max']}"
        if e.get("published_grade"):
            return Text(f"{span}, ") + grade_text(e["published_grade"]) + Text(" published", style="dim")
        return Text(span)
    return grade_text(None)


def history(report: dict[str, Any]) -> list[Any]:
    eds = report["editions"]
    missing = report.get("missing") or []
    parts: list[Any] = [Text.assemble((report["name"], "bold"), "  ", (f"{len(eds)} edition{'s' if len(eds) != 1 else ''} on record", "italic"))]
    rows: list[tuple[int, dict[str, Any] | None, dict[str, Any] | None]] = sorted(
        [(e["year"], e, None) for e in eds] + [(m["year"], None, m) for m in missing], key=lambda t: t[0])
    strip = Text()
    for year, e, _ in rows:
        strip.append(f"{year % 100:02d}", style="dim")
        if e is None:
            strip.append(" · ", style="dim")
            continue
        shown = e["grade"] or e.get("published_grade")
        strip.append(f" {shown or '?'} ", style=f"reverse {grade_style(shown)}")
    parts += [strip, Text("")]
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    for name, justify in (("Year", "right"), ("Framework", "left"), ("Score", "right"), ("Grade", "center"), ("Basis", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for year, e, m in rows:
        if m is not None:
            table.add_row(str(year), m["framework_short_title"], Text("—", style="dim"),
                          Text("—", style="dim"), Text("missing", style="yellow"))
            continue
        assert e is not None
        if e["framework_changed"]:
            table.add_row("", Text(f"── new framework: {e['framework_short_title']} ──", style="bold magenta"), "", "", "")
        score: Any = _of(e["score"], e["max_score"])
        if e["score"] is None and e.get("score_min") is not None and e.get("score_max") is not None:
            score = f"{fmt(e['score_min'])}–{_of(e['score_max'], e['max_score'])}"
        grade = _history_grade(e)
        basis = Text(e["basis"])
        if _other_inferred(e):
            basis += Text("†", style="yellow")
        if e["source"].get("weak"):
            basis += Text(" (blog)", style="yellow")
        if e["source"].get("conflicts"):
            basis += Text(" !", style="yellow")
        table.add_row(str(e["year"]), e["framework_short_title"], score, grade, basis)
    parts.append(table)
    if missing:
        parts.append(para("missing: an edition was published that year, but none is on record for "
                          f"{report['name']}: " + ", ".join(str(m["year"]) for m in missing) + ".", "yellow"))
    if any(e["grade"] is None and e.get("published_grade") for e in eds):
        parts.append(para("A partial profile shows the grades its findings allow beside the publisher's grade.",
                          "dim"))
    if any(e.get("grade_inferred") for e in eds):
        parts.append(Text("*: grade inferred, not printed by the publisher (see pic score STATE --year YEAR).",
                          style="yellow"))
    marked = [f"{e['year']} {', '.join(k for k in e['published_inferred'] if k != 'grade')}" for e in eds
              if _other_inferred(e)]
    if marked:
        parts.append(Text("†: published figures the research infers rather than reads off the card: "
                          + "; ".join(marked) + ".", style="yellow"))
    titles = {e["framework_short_title"]: e["framework_title"] for e in eds}
    parts.append(Text(" · ".join(f"{k}: {v}" for k, v in titles.items()), style="dim"))
    parts.append(Text("Scores under different frameworks measure different things; compare grades across a "
                      "framework change with care.", style="dim"))
    if any(e["source"].get("weak") for e in eds):
        from pic.views.reports import WEAK_NOTE

        parts.append(para(f"(blog): the figures {WEAK_NOTE}.", "yellow"))
    if any(e["source"].get("conflicts") for e in eds):
        parts.append(Text("!: sources disagree about a figure, or it was revised; see below.", style="yellow"))
    # Each source once, with the editions it stands behind.
    by_url: dict[str, list[dict[str, Any]]] = {}
    for e in eds:
        by_url.setdefault(e["source"].get("url") or e["source"]["title"], []).append(e)
    from pic.views.reports import source_label

    for group in by_url.values():
        years = ", ".join(str(e["year"]) for e in group)
        parts.append(Text.assemble(("Source: ", "dim"), f"{years}: {source_label(group[0]['source'])}"))
    parts += provenance_lines(report)
    return parts


def _other_inferred(e: dict[str, Any]) -> bool:
    """Published figures other than the grade (starred on its own) that the research infers."""
    return any(k != "grade" for k in e.get("published_inferred") or [])


def ranking(report: dict[str, Any]) -> list[Any]:
    rows = report["rows"]
    parts: list[Any] = [Text.assemble((f"{report['year']}", "bold"), "  ",
                                      (f"{len(rows)} edition{'s' if len(rows) != 1 else ''} on record, of "
                                       f"{report['jurisdictions']} jurisdictions", "italic"))]
    if report.get("year_note"):
        parts.append(Text(f"Year {report['year_note']}.", style="dim"))
    has_published = any(r["published_rank"] is not None for r in rows)
    frameworks = {r["framework"] for r in rows}
    one_framework = len(frameworks) == 1  # then named once above the table, not on every row
    if one_framework:
        parts.append(Text(f"Framework: {next(iter(frameworks))}", style="dim"))
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    columns = [("pic #", "right"), ("Jurisdiction", "left"), ("Score", "right"), ("Grade", "center"),
               ("Basis", "left")] + ([] if one_framework else [("Framework", "left")])
    if has_published:
        columns.insert(0, ("Published #", "right"))
    for name, justify in columns:
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for r in rows:
        score: Any = _of(r["score"], r["max_score"])
        rank = str(r["rank_min"]) if r["rank_min"] == r["rank_max"] else f"{r['rank_min']}–{r['rank_max']}"
        grade = grade_text(r["grade"])
        if r["rank_basis"] == "implied":
            score = Text(_of(r["implied_score"], r["max_score"]) if r["implied_score"] is not None else "—")
            score += Text("†", style="yellow")
            grade = grade_text(r["implied_grade"]) + Text("†", style="yellow")
        elif r["rank_basis"] == "range":
            score = f"{fmt(r['score_min'])}–{_of(r['score_max'], r['max_score'])}"
        if r["grade_inferred"]:
            grade += Text("*", style="yellow")
        basis = r["basis"] + (" (inferred)" if r["published_inferred"] else "")
        basis += " (blog)" if r["source"].get("weak") else ""
        basis += " !" if r["source"].get("conflicts") else ""
        cells = [rank, r["name"], score, grade, basis] + ([] if one_framework else [r["framework"]])
        if has_published:
            cells.insert(0, "—" if r["published_rank"] is None else str(r["published_rank"]))
        table.add_row(*cells)
    parts += [Text(""), table, Text("")]
    notes = [f"pic #: {report['rank_scope']}; a range where a score is unknown or only a grade is known."]
    if has_published:
        notes.append("Published #: the publisher's national rank, as its profile's source states it.")
    notes.append("Listed by grade band on the framework's own scale, then by score.")
    notes += ranking_marks(rows)
    parts.append(para(" ".join(notes), "dim"))
    parts += scale_notes(report["grade_scales"])
    parts.append(para(report["figures_note"], "dim"))
    parts += provenance_lines(report)
    return parts


def para(text: str | Text, style: str = "") -> Table:
    """A note that wraps to the terminal's width (a plain Text line is never folded)."""
    grid = Table.grid()
    grid.add_column(overflow="fold")
    grid.add_row(Text(text, style=style) if isinstance(text, str) else text)
    return grid


def scale_notes(scales: list[dict[str, Any]]) -> list[Any]:
    """One line per inferred grade scale in a report over many editions."""
    return [para(f"{s['framework']} grade scale inferred, not published: "
                 + " · ".join(f"{b['grade']} ≥ {fmt(b['min'])}" if b["min"] else b["grade"] for b in s["grade_scale"]),
                 "yellow") for s in scales if s["inferred"]]


def _signed_span(lo: float, hi: float) -> str:
    """A change that is a range: "-1 to +4"."""
    def signed(x: float) -> str:
        return f"+{fmt(x)}" if x > 0 else fmt(x)
    return signed(lo) if lo == hi else f"{signed(lo)} to {signed(hi)}"


def _change(x: float | int | None) -> Text:
    if x is None:
        return Text("—", style="dim")
    if x > 0:
        return Text(f"+{fmt(x)}", style="green")
    if x < 0:
        return Text(fmt(x), style="red")
    return Text("0", style="dim")


def comparison(report: dict[str, Any]) -> list[Any]:
    parts: list[Any] = [Text.assemble(("Changes", "bold"), " ", f"from {report['a']['label']} to {report['b']['label']}")]
    if report["warning"]:
        parts.append(Text("⚠ " + report["warning"], style="bold yellow"))
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    for name, justify in (("Jurisdiction", "left"), ("Before", "right"), ("After", "right"), ("Change", "right"),
                          ("Grade", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for s in report["states"]:
        b, a = s["before"], s["after"]
        grade = Text.assemble((b["grade"] or "?", grade_style(b["grade"])), ("*" if b.get("grade_inferred") else "", "yellow"),
                              " → ", (a["grade"] or "?", grade_style(a["grade"])),
                              ("*" if a.get("grade_inferred") else "", "yellow"))
        change = _change(s["score_change"]) if s["score_change"] is not None or s.get("score_change_min") is None \
            else Text(_signed_span(s["score_change_min"], s["score_change_max"]), style="yellow")
        table.add_row(s["name"], _score_of(b), _score_of(a), change, grade)
    parts += [Text(""), table]
    if report.get("comparable_pairs"):
        parts += [Text(""), para("To compare like with like: "
                                 + "; ".join(p["command"] for p in report["comparable_pairs"]) + ".", "bold")]
    if report.get("summary"):
        from pic.views.tabular import diff_summary

        parts += [Text(""), Text.assemble(("Summary: ", "bold"), diff_summary(report["summary"]) + "."),
                  para(report["summary_note"].capitalize() + ".", "dim")]
    unknown = [s for s in report["states"] if s["gaps_closed"] is None and s["same_framework"]]
    if unknown:
        who = unknown[0]["name"] + f" ({unknown[0]['gaps_note']})" if len(unknown) == 1 else \
            f"{len(unknown)} jurisdictions, a side of which has no findings recorded (not none)"
        parts += [Text(""), para(f"Gaps closed or opened: unknown for {who}.", "yellow")]
    for s in report["states"]:
        if not (s["criteria_changed"] or s["gaps_closed"] or s["gaps_opened"] or s.get("gaps_possibly_closed")
                or s.get("gaps_possibly_opened")):
            continue
        parts += [Text(""), Text(f"{s['name']}: {s['before']['year']} → {s['after']['year']}", style="bold")]
        for sec in s["sections"]:
            if sec["change"]:
                parts.append(Text(f"  section {sec['id']} {sec['title']}: {fmt(sec['before'])} → {fmt(sec['after'])} ") + _change(sec["change"]))
            elif sec["change"] is None and sec.get("change_min") is not None and (sec["change_min"] or sec["change_max"]):
                parts.append(Text(f"  section {sec['id']} {sec['title']}: ")
                             + Text(_signed_span(sec["change_min"], sec["change_max"]), style="yellow")
                             + Text(" (a range: an answer is unknown on one side)", style="dim"))
        for g in s["gaps_closed"]:
            parts.append(Text.assemble(("  closed ", "green"), f"{g['label']} ({g['criterion']}, {fmt(g['points'])} pts)"))
        for g in s["gaps_opened"]:
            parts.append(Text.assemble(("  opened ", "red"), f"{g['label']} ({g['criterion']}, {fmt(g['points'])} pts)"))
        for key, word in (("gaps_possibly_closed", "possibly closed "), ("gaps_possibly_opened", "possibly opened ")):
            for g in s.get(key) or []:
                parts.append(Text.assemble(("  " + word, "yellow"), f"{g['label']} ({g['criterion']}, "
                                           f"{fmt(g['points'])} pts; unknown on one side)"))
    for key, label in (("only_in_a", report["a"]["label"]), ("only_in_b", report["b"]["label"])):
        if report[key]:
            names = ", ".join(x["name"] for x in report[key])
            parts += [Text(""), Text.assemble((f"Only in {label} ({len(report[key])}): ", "bold"), names)]
    if not report["changed"]:
        parts.append(Text("No differences.", style="green"))
    if any(s["before"].get("grade_inferred") or s["after"].get("grade_inferred") for s in report["states"]):
        parts += [Text(""), Text("*: grade inferred, not printed by the publisher.", style="yellow")]
    weak = sorted({f"{x['name']} {side['year']}" for x in report["states"] for side in (x["before"], x["after"])
                   if side["source"].get("weak")}
                  | {f"{x['name']} {x['year']}" for key in ("only_in_a", "only_in_b") for x in report[key]
                     if x["source"].get("weak")})
    if weak:
        parts += [Text(""), para(f"Figures resting only on a blog, aggregator or partisan site: {', '.join(weak)}.",
                                 "yellow")]
    parts += [Text(""), para(report["figures_note"], "dim")]
    parts += provenance_lines(report)
    return parts


def tile_map(report: dict[str, Any]) -> list[Any]:
    tiles = report["tiles"]
    rows = max(t["row"] for t in tiles) + 1
    cols = max(t["col"] for t in tiles) + 1
    grid: list[list[dict[str, Any] | None]] = [[None] * cols for _ in range(rows)]
    for t in tiles:
        grid[t["row"]][t["col"]] = t
    shown = sum(1 for t in tiles if t.get("on_record", bool(t["grade"])))
    parts: list[Any] = [para(Text.assemble((f"Grades {report['year']}", "bold"), "  ",
                                           (f"{shown} of {len(tiles)} jurisdictions on record", "italic"))), Text("")]
    parts.append(TileGrid(grid))
    legend = Text("\n")
    for item in report["legend"]:
        g = item["grade"]
        legend.append(f" {g} ", style=_tile_style(g))
        legend.append(f" {'≥' + fmt(item['min']) if item['min'] else 'below'}  ")
    legend.append(" ·", style="dim")
    legend.append(" no profile")
    parts.append(para(legend))
    if report.get("grade_scale_inferred"):
        parts.append(para("Grade scale inferred: not published (see --format json, grade_scale_basis).", "yellow"))
    partial = [t for t in tiles if not t["grade"] and t.get("published_grade")]
    if partial:
        parts.append(para("~: a partial profile, shown at the publisher's grade; its findings alone allow "
                          + "; ".join(f"{t['postal']} {t['grade_min']}–{t['grade_max']}" for t in partial) + ".",
                          "yellow"))
    inferred = [t["postal"] for t in tiles if t.get("grade_inferred")]
    if inferred:
        parts.append(para(f"*: grades inferred, not printed by the publisher: {', '.join(inferred)}.", "yellow"))
    weak = [t["postal"] for t in tiles if t.get("source") and t["source"].get("weak")]
    if weak:
        parts.append(para(f"Grades resting only on a blog, aggregator or partisan site: {', '.join(weak)}.",
                          "yellow"))
    if report.get("year_note"):
        parts.append(para(f"Year {report['year_note']}.", "dim"))
    parts.append(para(report["figures_note"], "dim"))
    parts += provenance_lines(report)
    return parts


def _tile_style(grade: str) -> str:
    """A tile in the figures' colour-blind-safe palette (pic.render.figure.PALETTE), its text
    in the ink that reads on it."""
    from pic.render.figure import DEFAULT_GRADES, PALETTE, ink_on

    letter = grade[:1]
    fill = PALETTE[DEFAULT_GRADES.index(letter)] if letter in DEFAULT_GRADES else "#ffffff"
    return f"bold {ink_on(fill)} on {fill}"


class TileGrid:
    """The tile map, laid out for the width it is given: a tile of 7 columns where the
    grid fits (" MS D+ "), 5 where it fits that way ("MS D+"), else one line per grade."""

    def __init__(self, grid: list[list[dict[str, Any] | None]]) -> None:
        self.grid = grid

    @staticmethod
    def _shown(t: dict[str, Any]) -> tuple[str | None, str]:
        """The grade a tile shows and its mark: "*" inferred, "~" a partial profile's published grade."""
        if t["grade"]:
            return t["grade"], "*" if t.get("grade_inferred") else ""
        if t.get("published_grade"):
            return t["published_grade"], "~"
        return None, ""

    def __rich_console__(self, console: Any, options: Any) -> Any:
        width = options.max_width
        cols = max(len(line) for line in self.grid)
        if cols * 7 <= width:
            tile_w, pad = 7, True
        elif cols * 5 <= width:
            tile_w, pad = 5, False
        else:
            yield from self._by_grade(width)
            return
        for line in self.grid:
            text = Text()
            for t in line:
                if t is None:
                    text += Text(" " * tile_w)
                    continue
                grade, mark = self._shown(t)
                shown = (grade or "·") + mark
                if pad:
                    body = f" {t['postal']} {shown:<2}"[: tile_w - 1].ljust(tile_w - 1)
                else:  # compact: "MSD+", "TXA~"
                    body = f"{t['postal']}{shown:<2}"[: tile_w - 1]
                text.append(body, style=_tile_style(grade) if grade else "dim")
                text.append(" ")
            text.rstrip()
            yield text

    def _by_grade(self, width: int) -> Any:
        groups: dict[str, list[str]] = {}
        for line in self.grid:
            for t in line:
                if t is not None:
                    grade, mark = self._shown(t)
                    groups.setdefault(grade or "·", []).append(t["postal"] + mark)
        for grade in sorted(groups, key=lambda g: (g == "·", g)):
            head = Text(f" {grade} ", style=_tile_style(grade) if grade != "·" else "dim")
            yield Text.assemble(head, " ", " ".join(groups[grade]))


def frameworks(report: dict[str, Any]) -> list[Any]:
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    for name in ("Id", "Framework", "Years", "Max", "Grades", "Criteria"):
        table.add_column(name, overflow="fold")
    for f in report["frameworks"]:
        years = f"{f['first_year']}–{f['last_year'] or ''}"
        maximum = fmt(f["max_score"]) + (f" +{fmt(f['extra_credit'])}" if f["extra_credit"] else
                                         " (extra credit unknown)" if f["extra_credit"] is None else "")
        grades = Text(" ".join(f"{b['grade']}≥{fmt(b['min'])}" if b["min"] else b["grade"] for b in f["grade_scale"]))
        if f["grade_scale_inferred"]:
            grades += Text(" (inferred)", style="yellow")
        table.add_row(f["id"], f["title"], years, maximum, grades, str(f["criteria"] or "—"))
    parts: list[Any] = [table]
    if any(f["grade_scale_inferred"] for f in report["frameworks"]):
        parts += [Text(""), para("(inferred): no published cut-offs were found; the scale fits the published score "
                                 "and grade pairs. See --format json (grade_scale_basis) for each framework's "
                                 "reasoning.", "yellow")]
    for f in report["frameworks"]:
        if not f["sections"]:
            continue
        parts += [Text(""), Text.assemble((f["id"], "bold"), f" sections: pic's short title",
                                          (" · the card's own heading" if any(s["card_title"] for s in f["sections"])
                                           else ""))]
        sections = Table(show_edge=False, pad_edge=False, box=None, show_header=False)
        sections.add_column("", justify="right", no_wrap=True)
        sections.add_column("", overflow="fold", ratio=1)
        sections.add_column("", overflow="fold", ratio=1, style="italic")
        for sec in f["sections"]:
            sections.add_row(sec["id"], sec["title"], sec["card_title"] or "")
        parts.append(sections)
        if f["confidence"]:
            from pic.views.reports import confidence_note

            parts.append(para(" ".join(f"{n} components {k}: {confidence_note(k)}." for k, n in f["confidence"].items()),
                              "yellow"))
        for b in f.get("points_basis") or []:
            why = b["source"]["title"] if b.get("source") else b.get("basis") or ""
            parts.append(para(Text.assemble((f"{b['kind'].capitalize()}: ", "bold"), b["what"], (f" ({why})", "dim")),
                              "" if b["kind"] == "confirmed" else "yellow"))
        for e in f.get("editions") or []:
            years = str(e["first"]) if e["first"] == e["last"] else f"{e['first']}–{e['last']}"
            parts.append(para(f"Edition {years}: {e['note'] or ''}", "yellow"))
    return parts
