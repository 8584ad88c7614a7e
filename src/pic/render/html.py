"""HTML pages of pic's reports: a report card, the map, one state's full report, any table.

Each function takes the JSON-ready report dicts that `--format json` prints and returns one
complete, self-contained HTML document as a string. Every page:
- carries a Content-Security-Policy that forbids script and every remote load (styles are
  inline, images only data:, nothing else at all), and a no-referrer policy;
- escapes all report text (figure.text: controls and bidi made visible, then HTML-escaped);
- links only http(s) addresses, and only from source-URL fields; anything else is text;
- is light and print-friendly, in a system font stack, with semantic tables (caption,
  th scope) and charts as inline SVG with a title and description (their text alternative).
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence, cast

from pic.render import figure as F
from pic.render import svg as S
from pic.render.figure import plain, text

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; script-src 'none'; "
       "connect-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'")

_CSS = """
*{box-sizing:border-box}
html{background:#fff;color:%(ink)s;font-family:%(sans)s;font-size:15px;line-height:1.45;
 -webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0}
main{max-width:860px;margin:0 auto;padding:32px 32px 40px}
.kicker{font-size:11.5px;font-weight:bold;letter-spacing:.07em;text-transform:uppercase;color:%(muted)s;margin:0}
h1{font-family:%(serif)s;font-size:32px;line-height:1.15;margin:6px 0 8px}
h2{font-family:%(serif)s;font-size:22px;line-height:1.2;margin:34px 0 10px;padding-top:10px;border-top:2px solid %(ink)s}
h3{font-size:15px;margin:18px 0 6px}
p{margin:0 0 8px}
.lede{font-size:17px}
.muted,.notes{color:%(muted)s}
.notes{font-size:13px}
.head{display:flex;gap:24px;align-items:flex-start;justify-content:space-between;
 border-bottom:1.5px solid %(ink)s;padding-bottom:14px;margin-bottom:18px}
.head > div:first-child{flex:1;min-width:0}
.badge{flex:none;width:112px;height:112px;border:1px solid #4d4d4d;border-radius:4px;text-align:center;
 display:flex;flex-direction:column;justify-content:center}
.badge .label{font-size:11px;font-weight:bold;letter-spacing:.12em;text-transform:uppercase}
.badge .letter{font-size:60px;font-weight:bold;line-height:1}
.badge .letter.small{font-size:38px;margin-top:8px}
.badge.none .label{color:%(ink)s}
.badge.none .letter{color:%(ink)s}
.badge.none{border-style:dashed;background:#fff;color:%(muted)s}
.tag{font-size:11px;font-style:italic;color:%(muted)s;text-align:center;margin-top:4px}
table{border-collapse:collapse;width:100%%;font-size:13.5px;margin:4px 0 12px}
caption{text-align:left;font-weight:bold;font-size:14.5px;padding:0 0 6px;caption-side:top}
caption .sub{font-weight:normal;color:%(muted)s}
th,td{padding:6px 8px;text-align:left;vertical-align:top;border-bottom:1px solid #dcdcdc}
thead th{border-bottom:1.5px solid %(ink)s;font-size:12.5px}
tbody th{font-weight:normal}
tfoot th,tfoot td{font-weight:bold;border-top:1.5px solid %(ink)s;border-bottom:none}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.unknown{color:%(muted)s}
.barcell{width:38%%}
.track{height:13px;background:%(track)s;border:0.5px solid #d0d0d0;margin-top:3px}
.track{position:relative;display:flex}
.track > span{display:block;height:100%%;background:%(bar)s}
.track > span.open,.swatch.open{background:repeating-linear-gradient(45deg,#fff 0 2px,%(bar)s 2px 4px);
 outline:0.75px solid %(bar)s}
.tick,.track > span.tick{position:absolute;height:auto;top:-4px;bottom:-4px;width:2px;margin-left:-1px;background:%(ink)s}
.key{margin-right:18px;white-space:nowrap}
table.compare th.state,table.compare td.state{text-align:center;font-variant-numeric:tabular-nums}
table.compare td.state .track{margin:4px auto 4px;width:100%%}
table.compare .g{font-size:22px;padding:.05em .45em;min-width:1.6em}
.swatch{display:inline-block;width:22px;height:11px;vertical-align:-1px}
.key-tick{position:static;display:inline-block;height:14px;vertical-align:-2px;margin:0 4px}
.track.none{background:repeating-linear-gradient(45deg,#fff 0 3px,#d6d6d6 3px 5px)}
.g{display:inline-block;min-width:1.9em;text-align:center;font-weight:bold;border:1px solid #4d4d4d;
 border-radius:2px;padding:0 .3em}
ul.checks{padding-left:1.1em;margin:8px 0}
.notice{border:1.5px solid %(ink)s;border-left-width:6px;padding:8px 12px;margin:12px 0 16px;background:#fafafa}
figure{margin:8px 0 12px}
figure svg{max-width:100%%;height:auto;display:block}
figcaption{font-size:12.5px;color:%(muted)s;margin-top:4px}
details summary{cursor:pointer;font-weight:bold;margin:8px 0}
footer{border-top:1px solid %(rule)s;margin-top:28px;padding-top:8px;color:%(muted)s;font-size:12.5px}
footer p{margin:0 0 4px}
a{color:#1f4e79;overflow-wrap:anywhere}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
%(grades)s
@media print{main{max-width:none;padding:0}h2{break-after:avoid}tr,figure,.head{break-inside:avoid}
 details{display:block}a{color:inherit;text-decoration:none}}
@page{margin:16mm}
"""


NO_EDITION = '<span class="unknown">no edition</span>'
NONE_NAMED = '<span class="unknown">none named</span>'
NUM = ' class="num"'


def _grade_css(order: Sequence[str]) -> str:
    """One class per grade position (g0 best ...): no report text ever reaches the CSS."""
    out = []
    for i, colour in enumerate(F.palette(len(order))):
        out.append(f".g{i}{{background:{colour};color:{F.ink_on(colour)}}}")
    out.append(f".gx{{background:#fff;color:{F.INK}}}")
    return "\n".join(out)


def _gclass(grade: Any, order: Sequence[str]) -> str:
    r = F.grade_rank(grade, order)
    return f"g{r}" if r < len(order) else "gx"


def _chip(grade: Any, order: Sequence[str]) -> str:
    if grade in (None, ""):
        return '<span class="unknown">unknown</span>'
    return f'<span class="g {_gclass(grade, order)}">{text(grade)}</span>'


def _page(title: str, body: str, order: Sequence[str] = F.DEFAULT_GRADES) -> str:
    css = _CSS % {"ink": F.INK, "muted": F.MUTED, "rule": F.RULE, "track": F.TRACK, "bar": F.BAR,
                  "sans": F.SANS, "serif": F.SERIF, "grades": _grade_css(order)}
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light">\n'
        f'<meta name="generator" content="pic {text(F.version())}">\n'
        f"<title>{text(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n<main>\n"
        f"{body}\n</main>\n</body>\n</html>\n"
    )


def link(url: Any) -> str:
    """A source URL as a link if it is http(s), else as plain text saying why it is not linked."""
    safe = F.safe_url(url)
    if safe:
        return f'<a href="{text(safe)}" rel="noopener noreferrer nofollow">{text(safe)}</a>'
    if url:
        return f'<span class="unknown">{text(url)} (not an http(s) address; not linked)</span>'
    return ""


def _source_line(source: Mapping[str, Any] | None, label: str = "Source") -> str:
    title, _url, date = F.source_parts(source)
    out = f"{text(label)}: {text(title)}" if label else text(title)
    if date:
        out += f" ({text(date)})"
    u = link(source.get("url")) if isinstance(source, Mapping) else ""
    return f"<p>{out}" + (f"<br>{u}" if u else "") + "</p>"


def _footer(sources: Iterable[tuple[str, Mapping[str, Any] | None]], generated: str | None,
            profile: Any = None) -> str:
    parts = [_source_line(src, label) for label, src in sources]
    parts.append(f"<p>{text(F.generated_line(generated, profile))}</p>")
    return "<footer>\n" + "\n".join(parts) + "\n</footer>"


def _num_cell(v: Any, unknown: str = "unknown", mark: str = "") -> str:
    """A number, right-aligned; None says `unknown` in words (never 0)."""
    if v is None:
        return f'<td class="num unknown">{text(unknown)}</td>'
    return f'<td class="num">{text(F.number(v))}{text(mark)}</td>'


# --- the report card -------------------------------------------------------------------

def _card_body(report: Mapping[str, Any], frameworks: Iterable[Mapping[str, Any]] | None, *, level: int,
               order: Sequence[str]) -> str:
    f = S.card_facts(report, frameworks)
    h = f"h{level}"
    grade = f["grade"]
    if grade:
        badge = (f'<div class="badge {_gclass(grade, order)}" role="img" aria-label="Grade {text(grade)}">'
                 f'<span class="label" aria-hidden="true">Grade</span>'
                 f'<span class="letter" aria-hidden="true">{text(grade)}</span></div>')
        if "grade" in f["inferred"]:
            badge = f'<div>{badge}<div class="tag">inferred</div></div>'
    elif f["grade_label"]:
        badge = (f'<div class="badge none" role="img" aria-label="{text(f["grade_words"])}">'
                 '<span class="label" aria-hidden="true">Grade range</span>'
                 f'<span class="letter small" aria-hidden="true">{text(f["grade_label"])}</span></div>')
    else:
        badge = ('<div class="badge none" role="img" aria-label="Grade unknown"><span class="label">Grade</span>'
                 '<span class="letter" aria-hidden="true">?</span></div>')
    heading = f'<{h}>{text(f["name"])}</{h}>' if level == 1 else \
        f'<{h}>{text(f["framework"])}, {text(f["year"])} edition</{h}>'
    head = (
        f'<div class="head"><div>'
        + (f'<p class="kicker">{text(f["framework"])} \u00b7 {text(f["year"])} edition</p>' if level == 1 else "")
        + heading
        + f'<p class="lede">Report card: {text(f["score_words"])}, {text(f["grade_words"])}.</p>'
        + (f'<p class="muted">Framework published by {text(f["publisher"])}.</p>' if f["publisher"] else "")
        + f"</div>{badge}</div>"
    )
    views = [S.section_view(x, report, f["inferred"]) for x in report.get("sections") or []
             if isinstance(x, Mapping)]
    sections = views
    parts = [head]
    if f["newer"] and level == 1:
        parts.append(f'<p class="notice">{text(f["newer"])}</p>')
    if S.show_section_bars(views, report):
        top = max([float(v["max"] or 0) for v in views] + [float(v["hi"] or 0) for v in views] + [1.0])
        with_pub = any(v["published_words"] for v in views)
        rows = []
        for v in views:
            mx, lo, hi = v["max"], v["lo"], v["hi"]
            track = 100 * float(mx) / top if mx is not None else 100.0
            whole = float(mx) if mx else top
            solid = 100 * max(float(lo), 0) / whole if lo is not None else 0.0
            open_ = 100 * (float(hi) - float(lo)) / whole if lo is not None and hi is not None else 0.0
            tick = ""
            if v["published_words"] and v["published"] is not None:
                tick = f'<span class="tick" style="left:{min(100 * float(v["published"]) / whole, 100):.1f}%"></span>'
            bar = (f'<div class="track{"" if mx is not None else " none"}" style="width:{track:.1f}%">'
                   f'<span style="width:{min(solid, 100):.1f}%"></span>'
                   + (f'<span class="open" style="width:{min(open_, 100 - solid):.1f}%"></span>' if open_ else "")
                   + f"{tick}</div>")
            value = text(v["points"])
            rows.append(
                f'<tr><th scope="row">{text(v["label"])}</th>'
                f'<td class="barcell" aria-hidden="true">{bar}</td>'
                f'<td class="num{"" if v["known"] else " unknown"}">{value}</td>'
                + (f'<td class="num muted">{text(v["published_value"])}</td>'
                   if with_pub else "")
                + _num_cell(mx) + "</tr>")
        total = S.total_value(report, f, with_max=False)
        parts.append(
            '<table class="sections"><caption>Points by section</caption>'
            '<thead><tr><th scope="col">Section</th><th scope="col" class="barcell"><span class="sr">Bar</span>'
            '</th><th scope="col" class="num">Points</th>'
            + ('<th scope="col" class="num">Published</th>' if with_pub else "")
            + '<th scope="col" class="num">Maximum</th></tr></thead>'
            "<tbody>" + "".join(rows) + "</tbody>"
            f'<tfoot><tr><th scope="row">Total</th><td></td><td class="num">{text(total)}</td>'
            + (f'<td class="num muted">{text(F.number((report.get("published") or {}).get("score")))}</td>'
               if with_pub else "")
            + f"{_num_cell(report.get('max_score'), 'not published')}</tr></tfoot></table>")
        keys = []
        if any(v["lo"] != v["hi"] for v in views):
            keys.append('<span class="key"><span class="swatch open"></span> open: the range the unknown criteria '
                        "leave</span>")
        if with_pub:
            keys.append('<span class="key"><span class="tick key-tick"></span> the publisher\'s figure</span>')
        if keys:
            parts.append('<p class="notes" aria-hidden="true">' + " ".join(keys) + "</p>")
    elif sections:
        parts.append('<p class="muted">Section scores: not published for this edition ('
                     + ", ".join(text(v["title"]) for v in sections) + ").</p>")
    else:
        parts.append('<p class="muted">No section breakdown is recorded for this framework or edition.</p>')
    if f["checks"]:
        parts.append('<ul class="checks">' + "".join(f"<li>{text(c)}</li>" for c in f["checks"]) + "</ul>")
    notes = list(f["notes"])
    if notes:
        parts.append('<div class="notes">' + "".join(f"<p>{text(n)}</p>" for n in notes) + "</div>")
    return "\n".join(parts)


def score_card_html(report: Mapping[str, Any], *, frameworks: Iterable[Mapping[str, Any]] | None = None,
                    generated: str | None = None) -> str:
    """`pic score STATE --format json` as one HTML page: the card with its section table.

    frameworks: optional, the `frameworks` list of `pic frameworks --format json` (publisher,
    grade scale, whether it is inferred). generated: the caption's date (default today)."""
    f = S.card_facts(report, frameworks)
    order = f["order"]
    body = _card_body(report, frameworks, level=1, order=order)
    body += "\n" + _footer([("Source", report.get("source"))], generated, report.get("profile"))
    return _page(f"{f['name']}, {f['framework']} {f['year']}: grade {f['grade'] or 'unknown'}", body, order)


# --- the map ---------------------------------------------------------------------------

def _figure(svg_doc: str, caption: str | None = None) -> str:
    cap = f"<figcaption>{text(caption)}</figcaption>" if caption else ""
    return f"<figure>{svg_doc}{cap}</figure>"


def map_html(report: Mapping[str, Any], *, frameworks: Iterable[Mapping[str, Any]] | None = None,
             generated: str | None = None) -> str:
    """`pic map --format json` as one HTML page: the tile map, its legend, and the grades as a table."""
    m = S.map_facts(report, frameworks)
    order = m["order"]
    head = (f'<p class="kicker">{text(" / ".join(m["titles"]) or "grades")} \u00b7 {text(m["year"])} edition</p>'
            f'<h1>Grades by state, {text(m["year"])}</h1><p class="lede">{text(m["summary"])}</p>'
            + (f'<p class="muted">Frameworks published by {text(", ".join(m["publishers"]))}.</p>'
               if m["publishers"] else ""))
    chart = S._map(report, frameworks, generated, "pic-map", False, chrome=False)
    rows = []
    for t in sorted(m["tiles"], key=lambda t: plain(t.get("name") or t.get("postal"))):
        rows.append(f'<tr><th scope="row">{text(t.get("name") or t.get("jurisdiction"))}</th>'
                    f'<td>{text(t.get("postal"))}</td>'
                    f'<td>{_chip(t.get("grade"), order) if t.get("grade") else NO_EDITION}</td>'
                    + _num_cell(t.get("score"), "not published" if t.get("basis") == "published" else "unknown")
                    + f'<td>{text(t.get("basis") or "")}</td></tr>')
    table = ('<details><summary>The grades as a table (' + str(len(rows)) + ' jurisdictions)</summary>'
             f'<table><caption>Grades by jurisdiction, {text(m["year"])}</caption>'
             '<thead><tr><th scope="col">Jurisdiction</th><th scope="col">Postal code</th>'
             '<th scope="col">Grade</th><th scope="col" class="num">Score</th><th scope="col">Basis</th></tr></thead>'
             "<tbody>" + "".join(rows) + "</tbody></table></details>")
    notes = '<div class="notes">' + "".join(f"<p>{text(n)}</p>" for n in m["notes"] + [m["provenance"]]) + "</div>"
    foot = _footer([("Framework", s) for s in m["sources"]], generated)
    body = "\n".join([head, _figure(chart), notes, table, foot])
    return _page(f"Grades by state, {m['year']}", body, order)


# --- one state's report ----------------------------------------------------------------

def _gaps_section(gaps: Mapping[str, Any] | None, score: Mapping[str, Any]) -> str:
    if not gaps:
        return '<p class="muted">No gaps report was given.</p>'
    year = plain(gaps.get("year"))
    parts = []
    for key in ("fallback", "notice"):
        val = gaps.get(key)
        if isinstance(val, str) and val:
            parts.append(f'<p class="notice">{text(val)}</p>')
    raw = gaps.get("gaps")
    if raw is None or gaps.get("findings") is False or (gaps.get("basis") == "published" and not raw):
        # nothing is known about which criteria are met: never shown as "no gaps"
        reason = gaps.get("unknown_reason") or (f"no findings are recorded for {year}, so which criteria are met "
                                                "is unknown")
        parts.append(f"<p>Gaps unknown: {text(reason)}. This is not the same as having none.</p>")
        return "\n".join(parts)
    items = [g for g in raw if isinstance(g, Mapping)]
    unknown = (score.get("unknown_criteria") or []) if score.get("year") == gaps.get("year") else []
    unknown = gaps.get("unknown_criteria") or unknown
    known = [g for g in items if (g.get("kind") or "known") == "known"]
    implied = [g for g in items if g.get("kind") == "implied"]
    open_ = [g for g in items if g.get("kind") == "unknown"]
    if not items:
        parts.append("<p>No gaps among the answered criteria"
                     + (f"; {len(unknown)} criteria are unknown, so gaps may remain.</p>" if unknown
                        else ": every criterion is met.</p>"))
        return "\n".join(parts)
    stake = gaps.get("points_at_stake")
    if gaps.get("points_at_stake_min") is not None and gaps.get("points_at_stake_max") is not None:
        stake = F.range_text(gaps["points_at_stake_min"], gaps["points_at_stake_max"])
    summary = [f"{len(known)} gap{'' if len(known) == 1 else 's'} the findings show"]
    if implied:
        summary.append(f"{len(implied)} implied by the published totals (an inference)")
    if open_:
        summary.append(f"{len(open_)} criteria unknown")
    parts.append(f"<p><strong>{text(F.number(stake))} points at stake</strong>: {text('; '.join(summary))}."
                 + (" Where the findings leave criteria unknown, the points at stake are a range." if open_ else "")
                 + "</p>")
    if known:
        parts.append(_gap_table(known, f"{len(known)} gap{'' if len(known) == 1 else 's'} the findings show",
                                "biggest first"))
    if implied:
        parts.append(_gap_table(implied, f"{len(implied)} criteria the published totals imply are not met",
                                "an inference from the publisher's totals, not a finding"))
    if open_:
        met = sum(1 for g in open_ if g.get("implied") == "met")
        rows = "".join(
            f'<tr>{_points_cell(g)}<th scope="row">{text(g.get("label"))}<br><span class="muted">'
            f'{text(g.get("criterion"))} \u00b7 {text(g.get("component_title"))}</span></th>'
            f'<td>{text(_implied_words(g.get("implied")))}</td></tr>' for g in open_)
        parts.append(
            f"<details><summary>{len(open_)} criteria unknown"
            + (f" ({met} of them implied met by the published totals)" if met else "") + "</summary>"
            f'<table><caption>Criteria the findings leave unknown <span class="sub">(possible gaps)</span></caption>'
            '<thead><tr><th scope="col" class="num">Points</th><th scope="col">Criterion</th>'
            '<th scope="col">What the published totals imply</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></details>")
    return "\n".join(parts)


def _implied_words(implied: Any) -> str:
    if implied == "met":
        return "met (inferred from the published totals)"
    if implied in ("not met", "not-met", "unmet"):
        return "not met (inferred from the published totals)"
    return "nothing: unknown" if implied is None else plain(implied)


def _points_cell(g: Mapping[str, Any]) -> str:
    """A gap's points: exact, or the range of its own loss within a shared loss."""
    lo, hi = g.get("points_min"), g.get("points_max")
    if lo is not None and hi is not None and lo != hi:
        shared = g.get("shared_loss") if isinstance(g.get("shared_loss"), Mapping) else None
        # The card names the weakness; how much of the section's loss is its own is not
        # published: that share is an inference, and says so.
        sub = (f'<br><span class="muted">inferred share of {text(F.number(shared.get("points")))} lost '
               'together</span>' if shared and shared.get("points") is not None else "")
        return f'<td class="num">{text(F.range_text(lo, hi))}{sub}</td>'
    return _num_cell(g.get("points"))


def _gap_table(items: list[Mapping[str, Any]], caption: str, sub: str) -> str:
    rows = []
    for g in items:
        cites = g.get("citations") or []
        cite = "; ".join(plain(c) for c in cites) if cites else "none named"
        note = f'<br><span class="muted">{text(g.get("note"))}</span>' if g.get("note") else ""
        # a shared-loss member's points are a range (shown so); the answer itself is inferred
        # only when a published total, not the card's text, settles it
        answer_inferred = g.get("finding_basis") == "published-total" or (
            g.get("inferred") and g.get("basis") != "shared-loss")
        tag = ' <span class="muted">(inferred)</span>' if answer_inferred else ""
        rows.append(
            f"<tr>{_points_cell(g)}"
            f'<th scope="row"><strong>{text(g.get("label"))}</strong>{tag}<br>'
            f'<span class="muted">{text(g.get("component"))} {text(g.get("component_title"))}</span></th>'
            f"<td>{text(g.get('recommendation'))}{note}</td>"
            f'<td>{text(cite) if cites else NONE_NAMED}</td></tr>')
    return (f'<table><caption>{text(caption)} <span class="sub">({text(sub)})</span></caption>'
            '<thead><tr><th scope="col" class="num">Points</th><th scope="col">Gap and component</th>'
            '<th scope="col">What to enact (pic&#x27;s wording, not the publisher&#x27;s), and why it counts as a gap</th><th scope="col">Citations</th></tr></thead>'
            "<tbody>" + "".join(rows) + "</tbody></table>")


def _history_table(history: Mapping[str, Any], order: Sequence[str]) -> str:
    rows = []
    for e in history.get("editions") or []:
        if not isinstance(e, Mapping):
            continue
        src = cast(Mapping[str, Any], e.get("source")) if isinstance(e.get("source"), Mapping) else {}
        safe = F.safe_url(src.get("url"))
        title = text(src.get("title") or "untitled source")
        # the title carries the link here; the footer lists every address in full
        srctext = f'<a href="{text(safe)}" rel="noopener noreferrer nofollow">{title}</a>' if safe else title
        if src.get("kind"):
            srctext += f' <span class="muted">[{text(src["kind"])}]</span>'
        if F.is_weak(src):
            srctext += f' <span class="muted">{F.WEAK_MARK} blog, aggregator or partisan site</span>'
        for c in src.get("conflicts") or []:
            srctext += f'<br><span class="muted">{text(F.conflict_text(c))}</span>'
        url = ""
        rows.append(
            f'<tr><th scope="row">{text(e.get("year"))}</th>'
            f'<td>{text(e.get("framework_short_title") or e.get("framework_title") or e.get("framework"))}'
            + (' <span class="muted">(framework changed)</span>' if e.get("framework_changed") else "") + "</td>"
            + _num_cell(e.get("score"), "not published" if e.get("basis") == "published" else "unknown")
            + _num_cell(e.get("max_score"), "not published")
            + f"<td>{_chip(e.get('grade') or e.get('published_grade'), order)}"
            + (' <span class="muted">(inferred by the research)</span>' if e.get("grade_inferred") else "")
            + (f' <span class="muted">(the publisher\'s; the findings allow {text(e.get("grade_min"))}\u2013'
               f'{text(e.get("grade_max"))})</span>' if not e.get("grade") and e.get("published_grade") else "")
            + f"</td><td>{text(e.get('basis'))}</td>"
            f"<td>{srctext}" + (f"<br>{url}" if url else "") + "</td></tr>")
    for m in history.get("missing") or []:
        if isinstance(m, Mapping):
            rows.append(f'<tr><th scope="row">{text(m.get("year"))}</th>'
                        f'<td>{text(m.get("framework_short_title") or m.get("framework"))}</td>'
                        '<td class="num unknown">missing</td><td></td><td class="unknown">missing</td>'
                        '<td>missing</td><td class="unknown">no edition on record, though one was published</td></tr>')
    rows.sort(key=lambda r: r.split("</th>")[0])
    return ("<table><caption>Every edition on record</caption><thead><tr>"
            '<th scope="col">Year</th><th scope="col">Framework</th><th scope="col" class="num">Score</th>'
            '<th scope="col" class="num">Maximum</th><th scope="col">Grade</th><th scope="col">Basis</th>'
            '<th scope="col">Source</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")


def state_report_html(score: Mapping[str, Any], gaps: Mapping[str, Any] | None,
                      history: Mapping[str, Any] | None, *,
                      frameworks: Iterable[Mapping[str, Any]] | None = None, generated: str | None = None) -> str:
    """One self-contained page about one state: the report card (`pic score --format json`),
    its gaps (`pic gaps`), and every edition (`pic history`) as a small chart and a table.
    Where a newer edition than the card's exists, the page says so before any advice."""
    frameworks = list(frameworks or [])
    f = S.card_facts(score, frameworks)
    order = f["order"]
    eds = [e for e in (history or {}).get("editions") or [] if isinstance(e, Mapping)]
    years = [cast(int, e.get("year")) for e in eds if isinstance(e.get("year"), int)]
    newest = max((e for e in eds if isinstance(e.get("year"), int)), key=lambda e: e["year"], default=None)
    notices = []
    card_year = score.get("year")
    newer = S.newer_edition_note(score)
    if newer:
        notices.append(newer)
    elif newest and isinstance(card_year, int) and newest["year"] > card_year:
        notices.append(
            f"A newer edition exists: {plain(newest['year'])}, "
            f"{plain(newest.get('framework_title') or newest.get('framework'))}, "
            f"grade {plain(newest.get('grade') or 'unknown')}. The card below is from {plain(card_year)}.")
    if gaps and gaps.get("year") != card_year:
        why = (gaps.get("newest_edition") or {}).get("reason") if isinstance(gaps.get("newest_edition"), Mapping) \
            else None
        notices.append(f"The gaps below are from {plain(gaps.get('year'))}, the card from {plain(card_year)}"
                       + (f": {plain(why)}." if why else "."))
    elif gaps and isinstance(gaps.get("newest_edition"), Mapping) and not newer:
        notices.append(S.newer_edition_note(gaps) or "")
    head = (f'<p class="kicker">State report \u00b7 {len(years)} edition{"" if len(years) == 1 else "s"} on record'
            + (f" \u00b7 {min(years)}\u2013{max(years)}" if len(years) > 1 else "") + "</p>"
            f"<h1>{text(f['name'])}</h1>")
    parts = [head]
    parts += [f'<p class="notice">{text(n)}</p>' for n in notices]
    parts.append(f"<h2>Report card, {text(f['year'])}</h2>")
    parts.append(_card_body(score, frameworks, level=3, order=order))
    parts.append(f"<h2>Gaps, {text(gaps.get('year') if gaps else f['year'])}</h2>")
    if gaps and (gaps.get("framework_title") or gaps.get("framework")):
        parts.append(f'<p class="muted">Against the {text(gaps.get("framework_title") or gaps.get("framework"))}, '
                     f'{text(gaps.get("year"))} edition; each gap is a criterion this edition\'s findings do not '
                     "meet.</p>")
    parts.append(_gaps_section(gaps, score))
    if history:
        parts.append("<h2>History</h2>")
        chart = S._history(history, width=S.CARD_W, generated=generated, prefix="pic-history", standalone=False,
                           caption=False)
        parts.append(_figure(chart, "Grade by edition. Points are joined only within one framework: grades under "
                                    "different frameworks measure different things. Numbers above points are "
                                    "scores where one is on record."))
        parts.append(_history_table(history, order))
    sources: list[tuple[str, Mapping[str, Any] | None]] = [(f"Card source ({plain(card_year)})", score.get("source"))]
    fw = f["framework_info"]
    if fw and fw.get("source"):
        sources.append(("Framework", fw.get("source")))
    seen = {(plain((src or {}).get("title")), plain((src or {}).get("url"))) for _, src in sources}
    for e in eds:
        src = e.get("source") if isinstance(e.get("source"), Mapping) else None
        key = (plain((src or {}).get("title")), plain((src or {}).get("url")))
        if src and key not in seen:
            seen.add(key)
            sources.append((f"Source ({plain(e.get('year'))})", src))
    parts.append(_footer(sources, generated, score.get("profile")))
    return _page(f"{f['name']}: state report", "\n".join(parts), order)


# --- any table -------------------------------------------------------------------------

def table_html(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], notes: Sequence[str] = (), *,
               subtitle: str | None = None, source: Mapping[str, Any] | None = None,
               generated: str | None = None) -> str:
    """Any report as a titled HTML table (the shape of views.tabular: title, columns, rows,
    notes), for report kinds without a bespoke figure. None is shown as '–' and explained,
    never as 0; grade columns carry their colour and letter."""
    cols = [plain(c) for c in columns]
    body = [[r[i] if i < len(r) else "" for i in range(len(cols))] for r in rows]
    numeric = [bool(body) and all(S._is_num(r[i]) or r[i] in (None, "") for r in body) and
               any(S._is_num(r[i]) for r in body) for i in range(len(cols))]
    order = list(F.DEFAULT_GRADES)
    head = "".join(f'<th scope="col"{NUM if numeric[i] else ""}>{text(c.replace("_", " "))}</th>'
                   for i, c in enumerate(cols))
    out_rows = []
    unknown_seen = False
    for r in body:
        cells = []
        for i, v in enumerate(r):
            if v is None:
                unknown_seen = True
                inner, cls = "\u2013", "unknown" + (" num" if numeric[i] else "")
            elif S.is_grade_column(cols[i]) and v != "":
                inner, cls = _chip(v, order), ""
            else:
                inner, cls = text(v), "num" if numeric[i] else ""
            attrs = (' scope="row"' if i == 0 else "") + (f' class="{cls}"' if cls else "")
            tag = "th" if i == 0 else "td"
            cells.append(f"<{tag}{attrs}>{inner}</{tag}>")
        out_rows.append("<tr>" + "".join(cells) + "</tr>")
    all_notes = [plain(n) for n in notes if n]
    if unknown_seen:
        all_notes.append("\u2013 unknown or not recorded (never counted as zero).")
    cap = text(subtitle) if subtitle else f"{len(body)} row{'' if len(body) == 1 else 's'}"
    parts = [f"<h1>{text(title)}</h1>",
             f'<table><caption><span class="sub">{cap}</span></caption><thead><tr>{head}</tr></thead>'
             "<tbody>" + "".join(out_rows) + "</tbody></table>"]
    if all_notes:
        parts.append('<div class="notes">' + "".join(f"<p>{text(n)}</p>" for n in all_notes) + "</div>")
    parts.append(_footer([("Source", source)] if source else [], generated))
    return _page(plain(title), "\n".join(parts), order)


# --- several states side by side -------------------------------------------------------

def compare_html(report: Mapping[str, Any], *, frameworks: Iterable[Mapping[str, Any]] | None = None,
                 generated: str | None = None) -> str:
    """`pic compare STATE STATE... --format json` as one HTML page: one column per state."""
    c = S.compare_facts(report, frameworks)
    order = c["order"]
    states = c["states"]
    parts = [f'<p class="kicker">{text(c["framework"])} \u00b7 {text(c["year"])} edition</p>',
             f'<h1>{text(c["joined"])}, side by side</h1>']
    if c["warning"]:
        parts.append(f'<p class="notice">{text(c["warning"])}</p>')
    head = ['<th scope="col"><span class="sr">Row</span></th>']
    for st in states:
        sub = ""
        if plain(st.get("year")) != c["year"] or not c["comparable"]:
            sub = f'<br><span class="muted">{text(st.get("year"))} \u00b7 {text(st.get("framework"))}</span>'
        head.append(f'<th scope="col" class="state">{text(st.get("name") or st.get("jurisdiction"))}{sub}</th>')
    rows = []
    cells = []
    for st in states:
        g = st.get("grade")
        if not g and st.get("grade_min") and st.get("grade_max"):
            cells.append(f'<td class="state">{_chip(st["grade_min"], order)}\u2013{_chip(st["grade_max"], order)}</td>')
        else:
            mark = '<br><span class="muted">(inferred)</span>' if st.get("grade_inferred") else ""
            cells.append(f'<td class="state">{_chip(g, order)}{mark}</td>')
    rows.append('<tr><th scope="row">Grade</th>' + "".join(cells) + "</tr>")
    cells = []
    for st in states:
        known = st.get("score") is not None or st.get("score_min") is not None
        cells.append(f'<td class="state{"" if known else " unknown"}">{text(S.state_total(st))}</td>')
    rows.append('<tr><th scope="row">Total points</th>' + "".join(cells) + "</tr>")
    if c["any_sections"]:
        by_id = [{v["id"]: v for v in vs} for vs in c["views"]]
        secs = c["sections"] or [{"id": v["id"], "title": v["title"]} for v in (c["views"][0] if c["views"] else [])]
        for sec in secs:
            sid = plain(sec.get("id"))
            cells = []
            for i in range(len(states)):
                v = by_id[i].get(sid)
                if v is None:
                    cells.append('<td class="state unknown">not in this framework</td>')
                    continue
                mx, lo, hi = v["max"], v["lo"], v["hi"]
                bar = ""
                if mx:
                    solid = 100 * max(float(lo), 0) / float(mx) if lo is not None else 0.0
                    open_ = 100 * (float(hi) - float(lo)) / float(mx) if lo is not None and hi is not None else 0.0
                    bar = (f'<div class="track" aria-hidden="true"><span style="width:{min(solid, 100):.1f}%"></span>'
                           + (f'<span class="open" style="width:{min(open_, 100 - solid):.1f}%"></span>'
                              if open_ else "") + "</div>")
                cells.append(f'<td class="state{"" if v["known"] else " unknown"}">{bar}{text(v["value"])}</td>')
            rows.append(f'<tr><th scope="row">{text(sid)}. {text(sec.get("title"))}</th>' + "".join(cells) + "</tr>")
    parts.append('<table class="compare"><caption>Grades, totals and points by section</caption>'
                 f"<thead><tr>{''.join(head)}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    if not c["any_sections"]:
        parts.append('<p class="muted">Section scores: not on record for '
                     + ("these states in this edition." if c["comparable"] else "a comparison across frameworks.")
                     + "</p>")
    if c["notes"]:
        parts.append('<div class="notes">' + "".join(f"<p>{text(n)}</p>" for n in c["notes"]) + "</div>")
    parts.append(_footer([("", src) for src in c["sources"]], generated))
    return _page(f"{c['joined']}, {c['framework']} {c['year']}", "\n".join(parts), order)


# --- every edition of one state --------------------------------------------------------

def history_html(report: Mapping[str, Any], *, generated: str | None = None) -> str:
    """`pic history STATE --format json` as one HTML page: the grade chart and the editions table."""
    eds = [e for e in report.get("editions") or [] if isinstance(e, Mapping)]
    years = [e["year"] for e in eds if isinstance(e.get("year"), int)]
    name = plain(report.get("name") or report.get("jurisdiction"))
    order = list(F.DEFAULT_GRADES)
    chart = S._history(report, width=S.CARD_W, generated=generated, prefix="pic-history", standalone=False,
                       caption=False)
    parts = [f'<p class="kicker">History \u00b7 {len(eds)} edition{"" if len(eds) == 1 else "s"}'
             + (f" \u00b7 {F.year_ranges(years)}" if years else "") + "</p>",
             f"<h1>{text(name)}: every edition on record</h1>",
             _figure(chart, "Grade by edition. Points are joined only within one framework: grades under different "
                            "frameworks measure different things. Numbers above points are scores where one is on "
                            "record."),
             _history_table(report, order),
             '<p class="notes">Sources: each edition\'s source is named, and linked where it has a web address, '
             "in the table.</p>"]
    weak_years = [plain(e["year"]) for e in eds if F.is_weak(e.get("source"))]
    parts += [f'<p class="notes">{text(n)}</p>' for n in F.provenance_notes(report, weak_years)]
    inferred_years = [e["year"] for e in eds if e.get("grade_inferred") and isinstance(e.get("year"), int)]
    if inferred_years:
        parts.append(f'<p class="notes">* Grade inferred by the research, not printed by a source: '
                     f"{text(F.year_ranges(inferred_years))}.</p>")
    parts.append(_footer([], generated))
    return _page(f"{name}: every edition on record", "\n".join(parts), order)
