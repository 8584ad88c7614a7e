"""The site's HTML pages: pic's own report bodies (pic.render.html) inside a shared frame.

Every piece of data text goes through `figure.text` (controls made visible, then
HTML-escaped), as in the CLI's HTML renderer; a link leaves the site only from a source
URL (`figure.safe_url`). Pages carry no script; the only styles are the site's style
sheet and the renderer's inline `style` attributes (bar widths), each allowed by hash in
the page's Content-Security-Policy.
"""

from __future__ import annotations

import base64
import hashlib
import html as _html
import re
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from pic.render import figure as F
from pic.render import html as H
from pic.render.figure import plain, text

if TYPE_CHECKING:
    from pic.reports import ReportKind, Result

Href = Callable[[str], str]  # a site path ("states/texas.html") as a link from the current page

_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')


def csp(page: str) -> str:
    """The page's policy: nothing but the site's own style sheet and images, plus the
    inline `style` attributes the page really carries, each by its hash."""
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(_html.unescape(v).encode("utf-8")).digest())
                     .decode("ascii") + "'" for v in _STYLE_ATTR.findall(page)})
    style = "'self'" + (" 'unsafe-hashes' " + " ".join(hashes) if hashes else "")
    return (f"default-src 'none'; style-src {style}; img-src 'self'; font-src 'none'; script-src 'none'; "
            "connect-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'")


NAV = (("index.html", "Home"), ("index.html#years", "Years"), ("index.html#states", "States"),
       ("index.html#frameworks", "Frameworks"), ("data/index.html", "Data"))


def page(title: str, body: str, *, href: Href, css: str, here: str, generated: str,
         data_links: Sequence[tuple[str, str]] = ()) -> str:
    """A whole page: head with its policy, skip link, site navigation, the body as `main`,
    and a footer with the page's data files and the generated line."""
    nav = " ".join(f'<a href="{text(href(p))}"' + (' aria-current="page"' if p == here else "") + f">{text(label)}</a>"
                   for p, label in NAV)
    data = ""
    if data_links:
        data = ('<p>This page\'s figures as data: '
                + ", ".join(f'<a href="{text(href(p))}">{text(label)}</a>' for p, label in data_links) + ".</p>")
    frame = (
        '<a class="skip" href="#main">Skip to the content</a>\n'
        f'<header class="site"><nav aria-label="Site">{nav}</nav></header>\n'
        f'<main id="main" tabindex="-1">\n{body}\n</main>\n'
        f'<footer class="site">{data}<p>{text(F.generated_line(generated))}. '
        "Every figure on this site is one the pic command line shows; the JSON files carry every field.</p>"
        "</footer>\n"
    )
    head_rest = (
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light">\n'
        f'<meta name="generator" content="pic {text(F.version())}">\n'
        f"<title>{text(title)}</title>\n"
        f'<link rel="stylesheet" href="{text(href(css))}">\n'
    )
    whole_body = f"<body>\n{frame}</body>\n</html>\n"
    policy = csp(whole_body)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n' + head_rest + "</head>\n"
            + whole_body)


SITE_CSS = """
.skip{position:absolute;left:-10000px;top:0;background:#fff;color:#1f4e79;padding:8px 12px;border:2px solid #1f4e79;z-index:2}
.skip:focus{left:8px;top:8px}
header.site{border-bottom:1px solid #dcdcdc;background:#fafafa}
header.site nav{max-width:860px;margin:0 auto;padding:10px 32px;display:flex;flex-wrap:wrap;gap:4px 18px}
header.site a{font-weight:bold;text-decoration:none}
header.site a:hover,header.site a:focus{text-decoration:underline}
header.site a[aria-current=page]{text-decoration:underline}
footer.site{max-width:860px;margin:0 auto;padding:12px 32px 32px;color:#595959;font-size:12.5px;border-top:1px solid #dcdcdc}
main:focus{outline:none}
main,footer.site{overflow-wrap:break-word}
ul.cols{columns:14em;padding-left:1.1em}
ul.cols li{break-inside:avoid}
nav.editions{margin:6px 0 14px}
nav.editions a{margin-right:14px}
.wide{overflow-x:auto}
section.edition{border-top:1px solid #dcdcdc;margin-top:18px}
table{overflow-wrap:anywhere}
.wide table{overflow-wrap:break-word}
@media (max-width:640px){main{padding:16px 14px 28px}header.site nav,footer.site{padding-left:14px;padding-right:14px}
 .head{flex-direction:column-reverse}h1{font-size:26px}th,td{padding:4px 5px}table{font-size:12.5px}
 .barcell{width:30%}.num{white-space:normal}caption{font-size:13.5px}}
@media (max-width:400px){th,td{padding:3px 3px}table{font-size:11.5px}}
.wide:focus{outline:2px solid #1f4e79}
@media screen and (min-width:900px){.wide{width:min(1200px,calc(100vw - 48px));margin-left:calc(50% - min(600px,50vw - 24px))}}
@media (max-width:640px){.key{white-space:normal;display:inline-block}}
@media print{header.site,.skip,footer.site nav{display:none}footer.site{max-width:none;padding:8px 0}
 td a[href^="http"]::after{content:" (" attr(href) ")";font-size:11px}}
"""


def stylesheet(order: Sequence[str]) -> str:
    """The renderer's style sheet (the same as in a one-file HTML report) and the site's own."""
    return H.page_css(order).strip() + "\n" + SITE_CSS.strip() + "\n"


# --- tables of the CLI's flat rows ------------------------------------------------------------

def tabular_table(kind: ReportKind, report: Mapping[str, Any], caption: str, *,
                  link: Callable[[int], str | None] | None = None, link_column: str | None = None,
                  notes: bool = True) -> str:
    """A report as the table its Markdown shows (`--format markdown`): the same columns under
    the same headers, the same cell words (ranges, inference marks), then its notes.
    `link(i)` gives row i's link for the cell in `link_column`."""
    from pic.render import markdown
    from pic.render import safe
    from pic.views.tabular import readable

    t = kind.rows(safe.clean(dict(report)))
    shown = readable(kind.markdown, t)
    names = frozenset(t.columns[i] for i, _ in shown)
    right = {i for i, _ in shown if all(isinstance(row[i], (int, float)) and not isinstance(row[i], bool)
                                        or row[i] in (None, "") for row in t.rows)}
    head = "".join(f'<th scope="col"{H.NUM if i in right else ""}>{text(h)}</th>' for i, h in shown)
    rows = []
    starred = False
    for n, row in enumerate(t.rows):
        cells = []
        for k, (i, _) in enumerate(shown):
            words, mark = markdown._marked(t, row, i, names)
            starred = starred or mark
            inner = text(words) if words else '<span class="unknown">\u2013</span>'
            if link is not None and t.columns[i] == link_column and words:
                target = link(n)
                if target:
                    inner = f'<a href="{text(target)}">{inner}</a>'
            tag = "th" if k == 0 else "td"
            scope = ' scope="row"' if k == 0 else ""
            cls = H.NUM if i in right else ""
            cells.append(f"<{tag}{scope}{cls}>{inner}</{tag}>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    out = [f'<div class="wide" tabindex="0" role="region" aria-label="{text(caption)}"><table><caption>{text(caption)} <span class="sub">({len(t.rows)} '
           f'row{"" if len(t.rows) == 1 else "s"})</span></caption><thead><tr>{head}</tr></thead>'
           f"<tbody>{''.join(rows)}</tbody></table></div>"]
    if notes:
        lines = list(t.notes)
        if starred:
            lines.insert(0, "*: a grade the research infers; the publisher did not print it.")
        lines.append("\u2013: not recorded or unknown (never counted as zero).")
        out.append('<div class="notes">' + "".join(f"<p>{text(x)}</p>" for x in lines) + "</div>")
    return "\n".join(out)


def demote(body: str, levels: int = 1) -> str:
    """A report body's headings one level down, to sit under a page's own title. The body's
    data text is escaped, so every `<hN` in it is markup."""
    for n in range(6 - levels, 0, -1):
        body = body.replace(f"<h{n}>", f"<h{n + levels}>").replace(f"<h{n} ", f"<h{n + levels} ")
        body = body.replace(f"</h{n}>", f"</h{n + levels}>")
    return body


def links_list(items: Sequence[tuple[str, str]], href: Href, cls: str = "cols") -> str:
    return f'<ul class="{cls}">' + "".join(f'<li><a href="{text(href(p))}">{text(label)}</a></li>'
                                            for p, label in items) + "</ul>"


# --- page bodies --------------------------------------------------------------------------------

def home_body(*, frameworks: Mapping[str, Any], map_report: Mapping[str, Any] | None, generated: str,
              years: Sequence[tuple[int, str]], states: Sequence[tuple[str, str]], href: Href) -> str:
    fws = [f for f in frameworks.get("frameworks") or [] if isinstance(f, Mapping)]
    covered = "; ".join(
        f"{plain(f.get('publisher'))}'s {plain(f.get('title'))} ("
        + (f"{plain(f.get('first_year'))}\u2013{plain(f.get('last_year'))}" if f.get("last_year")
           else f"from {plain(f.get('first_year'))}") + ")" for f in fws)
    parts = [
        '<p class="kicker">pic \u00b7 the whole record</p>',
        "<h1>State laws on child sex trafficking, graded edition by edition</h1>",
        f'<p class="lede">pic keeps the grades and scores that US jurisdictions received, edition by edition, '
        f"under these frameworks: {text(covered)}. Each figure names the source it was taken from.</p>",
        "<h2>What the grades are</h2>",
        "<p>A grade or score has one of two bases, and every table here names it. <strong>published</strong>: the "
        "publisher's own figure, as printed on its card or as the named source reported it. <strong>findings"
        "</strong>: pic's computation, from the findings recorded about a state's law, checked against the "
        "framework's criteria; where the findings leave criteria unknown, pic gives the range of scores and "
        "grades they allow instead of one number.</p>",
        "<h2>What is inferred</h2>",
        "<p>Whatever no source states outright is marked as inferred wherever it appears: grade scales whose "
        "cut-offs no source publishes, grades the research inferred, published figures read from a card's layout, "
        "and how many points each criterion is worth. Each framework's page says which parts are confirmed and "
        "which are reconstructed. What the sources do not say is shown as unknown, never as zero.</p>",
    ]
    if map_report is not None:
        _title, body, _order = H.map_body(map_report, generated=generated)
        year = plain(map_report.get("year"))
        body = demote(body)
        if body.startswith('<p class="kicker">') and "<h2>" in body:  # the kicker goes under the heading
            kicker, rest = body.split("</p>", 1)
            heading, rest = rest.split("</h2>", 1)
            body = heading + "</h2>" + kicker + "</p>" + rest
        parts.append(body)
        parts.append(f'<p><a href="{text(href(f"years/{year}.html"))}">The {text(year)} ranking and what changed '
                     "that year</a></p>")
    parts.append('<h2 id="years">Every year</h2>')
    parts.append(links_list([(f"years/{y}.html", f"{y}: {label}") for y, label in years], href))
    parts.append('<h2 id="states">Every state</h2>')
    parts.append(links_list([(f"states/{slug}.html", name) for slug, name in states], href))
    parts.append('<h2 id="frameworks">Every framework</h2>')
    parts.append(links_list([(f"frameworks/{plain(f.get('id'))}.html", plain(f.get("title"))) for f in fws], href,
                            cls="plain"))
    parts.append("<h2>Data</h2>")
    parts.append(f'<p>Every page\'s figures as JSON and CSV, and the whole record as one file of each: '
                 f'<a href="{text(href("data/index.html"))}">the data</a>.</p>')
    return "\n".join(parts)


def state_body(*, report: Mapping[str, Any], cards: Sequence[Mapping[str, Any]], generated: str, href: Href, year_pages: set[int]) -> tuple[str, str, list[str]]:
    """The state report (card, gaps, history, sources), then every edition's card with
    links to the editions beside it."""
    # as `pic score STATE --format html` draws it (the CLI's figures take no frameworks list)
    title, body, order = H.state_report_body(report["score"], report["gaps"], report["history"], generated=generated)
    parts = [body, "<h2>Every edition's card</h2>"]
    years = [c.get("year") for c in cards]
    parts.append('<nav class="editions" aria-label="Editions">'
                 + " ".join(f'<a href="#edition-{text(y)}">{text(y)}</a>' for y in years) + "</nav>")
    for i, card in enumerate(cards):
        y = card.get("year")
        links = []
        if i > 0:
            links.append(f'<a href="#edition-{text(years[i - 1])}">Previous edition: {text(years[i - 1])}</a>')
        if i + 1 < len(cards):
            links.append(f'<a href="#edition-{text(years[i + 1])}">Next edition: {text(years[i + 1])}</a>')
        if isinstance(y, int) and y in year_pages:
            links.append(f'<a href="{text(href(f"years/{y}.html"))}">Every state in {text(y)}</a>')
        parts.append(f'<section class="edition" id="edition-{text(y)}" aria-label="{text(y)} edition">'
                     + H._card_body(card, None, level=3, order=order)
                     + f'<nav class="editions" aria-label="Beside the {text(y)} edition">{" ".join(links)}</nav>'
                     + _source_paragraph(card) + "</section>")
    return title, "\n".join(parts), order


def _source_paragraph(card: Mapping[str, Any]) -> str:
    src = card.get("source") if isinstance(card.get("source"), Mapping) else None
    title, _url, date = F.source_parts(src)
    line = f"Source: {text(title)}" + (f" ({text(date)})" if date else "")
    url = H.link(src.get("url")) if src else ""
    return f'<p class="notes">{line}' + (f"<br>{url}" if url else "") + "</p>"


def year_body(*, year: int, map_report: Mapping[str, Any] | None, ranking: Result | None,
              diff: Result | None, previous: int | None, generated: str, href: Href, neighbours: tuple[int | None, int | None]) -> tuple[str, str, list[str]]:
    parts = []
    order: list[str] = list(F.DEFAULT_GRADES)
    title = f"{year}: grades, ranking and changes"
    if map_report is not None:
        title, body, order = H.map_body(map_report, generated=generated)
        parts.append(body)
    else:
        parts.append(f"<h1>{text(year)}</h1>")
    before, after = neighbours
    nav = []
    if before is not None:
        nav.append(f'<a href="{text(href(f"years/{before}.html"))}">Previous year on record: {text(before)}</a>')
    if after is not None:
        nav.append(f'<a href="{text(href(f"years/{after}.html"))}">Next year on record: {text(after)}</a>')
    if nav:
        parts.insert(1 if map_report is not None else 1, '<nav class="editions" aria-label="Years">'
                     + " ".join(nav) + "</nav>")
    if ranking is not None:
        rows = [r for r in ranking.report.get("rows") or []]
        parts.append(f"<h2>Ranking, {text(year)}</h2>")
        parts.append(tabular_table(ranking.kind, ranking.report, f"Every edition on record for {year}, best first",
                                   link=lambda i: href(f"states/{plain(rows[i].get('jurisdiction'))}.html")
                                   + f"#edition-{year}", link_column="name"))
    if diff is not None and previous is not None:
        states = [s.get("jurisdiction") for s in diff.report.get("states") or []] + \
                 [s.get("jurisdiction") for s in diff.report.get("only_in_a") or []] + \
                 [s.get("jurisdiction") for s in diff.report.get("only_in_b") or []]
        parts.append(f"<h2>What changed since {text(previous)}</h2>")
        parts.append(f'<p>From the {text(previous)} edition to the {text(year)} edition of the same framework, '
                     f'as <code>pic diff {text(previous)} {text(year)}</code> reports it.</p>')
        parts.append(tabular_table(diff.kind, diff.report, f"Changes from {previous} to {year}",
                                   link=lambda i: href(f"states/{plain(states[i])}.html") if states[i] else None,
                                   link_column="jurisdiction"))
    elif previous is None:
        parts.append("<h2>What changed</h2><p>No earlier edition of this framework is on record, so there is "
                     "nothing to compare this year with.</p>")
    return title, "\n".join(parts), order


def framework_body(*, fw: Mapping[str, Any], components: Sequence[Mapping[str, Any]],
                   calibration: Mapping[str, Any] | None, href: Href) -> tuple[str, str, list[str]]:
    order = [plain(b.get("grade")) for b in fw.get("grade_scale") or [] if isinstance(b, Mapping)]
    first, last = fw.get("first_year"), fw.get("last_year")
    span = f"{plain(first)}\u2013{plain(last)}" if last else f"from {plain(first)}"
    parts = [f'<p class="kicker">Framework \u00b7 {text(span)}</p>',
             f"<h1>{text(fw.get('title'))}</h1>",
             f'<p class="lede">Published by {text(fw.get("publisher"))}; editions {text(span)}; '
             f'{text(F.number(fw.get("max_score")))} points in all'
             + (f", plus up to {text(F.number(fw.get('extra_credit')))} points of extra credit"
                if fw.get("extra_credit") else
                ("; extra credit unknown" if fw.get("extra_credit") is None else "")) + ".</p>",
             _source_line(fw.get("source"))]
    # grade scale
    rows = "".join(f'<tr><th scope="row">{H._chip(b.get("grade"), order)}</th>'
                   f'<td class="num">{text(F.number(b.get("min")))}</td></tr>'
                   for b in fw.get("grade_scale") or [] if isinstance(b, Mapping))
    inferred = bool(fw.get("grade_scale_inferred"))
    parts.append("<h2>Grade scale</h2>")
    parts.append(f'<table><caption>Grades and their lowest score'
                 + (' <span class="sub">(inferred: no source publishes these cut-offs)</span>' if inferred
                    else ' <span class="sub">(as published)</span>')
                 + '</caption><thead><tr><th scope="col">Grade</th><th scope="col" class="num">From (points)</th>'
                 f"</tr></thead><tbody>{rows}</tbody></table>")
    if fw.get("grade_scale_basis"):
        parts.append(f'<p class="notes">{"Why this scale (an inference)" if inferred else "Basis"}: '
                     f'{text(fw.get("grade_scale_basis"))}</p>')
    # confirmed and reconstructed
    parts.append("<h2>What is confirmed and what is reconstructed</h2>")
    basis = [b for b in fw.get("points_basis") or [] if isinstance(b, Mapping)]
    if basis:
        items = []
        for b in basis:
            kind = plain(b.get("kind")).capitalize()
            line = f"<strong>{text(kind)}</strong>: {text(b.get('what'))}"
            if b.get("basis"):
                line += f" ({text(b.get('basis'))})"
            src = b.get("source") if isinstance(b.get("source"), Mapping) else None
            if src:
                line += f'<br><span class="muted">Source: {text(src.get("title"))}</span>'
                if F.safe_url(src.get("url")):
                    line += " " + H.link(src.get("url"))
            items.append(f"<li>{line}</li>")
        parts.append('<ul class="checks">' + "".join(items) + "</ul>")
    conf = fw.get("confidence") if isinstance(fw.get("confidence"), Mapping) else {}
    if conf:
        from pic.views.reports import CONFIDENCE_NOTES

        parts.append("<p>" + "; ".join(f"{text(n)} component{'' if n == 1 else 's'} {text(k)} "
                                       f"({text(CONFIDENCE_NOTES.get(plain(k), plain(k)))})"
                                       for k, n in sorted(conf.items())) + ".</p>")
    if calibration is not None:
        cards = [c for c in calibration.get("cards") or [] if isinstance(c, Mapping)]
        named = ", ".join(f"{plain(c.get('name'))} {plain(c.get('year'))}" for c in cards)
        found = calibration.get("summary")
        summary: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
        counts = ", ".join(f"{plain(k)} {plain(v)}" for k, v in summary.items())
        agree = ("the cards on record agree with one another" if calibration.get("consistent")
                 else "the cards on record cannot all hold (see the calibrate data)")
        parts.append(
            "<p>How each component's points divide between its criteria is not published. "
            f"<code>pic calibrate</code> finds what the {len(cards)} published card{'' if len(cards) == 1 else 's'} "
            f"with findings on record allow ({text(named)}): components by split, {text(counts)}. Each component "
            f"below names its own; {text(agree)}.</p>")
    for n in fw.get("notes") or []:
        parts.append(f'<p class="notes">{text(n)}</p>')
    for e in fw.get("editions") or []:
        if isinstance(e, Mapping) and e.get("note"):
            when = plain(e.get("first")) if e.get("first") == e.get("last") else \
                f"{plain(e.get('first'))}\u2013{plain(e.get('last'))}"
            parts.append(f'<p class="notes">Edition {text(when)}: {text(e.get("note"))}</p>')
    # sections, components, criteria
    by_section: dict[str, list[Mapping[str, Any]]] = {}
    for c in components:
        sec_of = c.get("section")
        by_section.setdefault(plain(sec_of.get("id") if isinstance(sec_of, Mapping) else None), []).append(c)
    for sec in fw.get("sections") or []:
        if not isinstance(sec, Mapping):
            continue
        sid = plain(sec.get("id"))
        parts.append(f'<h2 id="section-{text(sid)}">{text(sid)}. {text(sec.get("title"))} '
                     f'<span class="muted">({text(F.number(sec.get("max")))} points)</span></h2>')
        if sec.get("card_title"):
            parts.append(f'<p class="muted">Heading on the card: {text(sec.get("card_title"))}</p>')
        comps = by_section.get(sid, [])
        if not comps:
            parts.append('<p class="muted">No components or criteria are recorded for this section.</p>')
        for c in comps:
            parts.append(_component(c))
    return plain(fw.get("title")), "\n".join(parts), order


def _component(r: Mapping[str, Any]) -> str:
    found = r.get("component")
    comp: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    cid = plain(comp.get("id"))
    head = (f'<h3 id="component-{text(cid)}">{text(cid)} {text(comp.get("title"))}</h3>'
            f'<p>{text(F.number(comp.get("max")))} points; {text(comp.get("confidence_note"))}; split between its '
            f'criteria: {text(comp.get("split"))}.</p>')
    rows = []
    for c in r.get("criteria") or []:
        if not isinstance(c, Mapping):
            continue
        share = F.range_text(c.get("share_min"), c.get("share_max"))
        rows.append(f'<tr><th scope="row">{text(c.get("id"))}</th><td>{text(c.get("question"))}</td>'
                    f'<td class="num">{text(F.number(c.get("points")))}</td><td class="num">{text(share)}</td>'
                    f'<td>{text(c.get("gap"))}</td><td>{text(c.get("recommendation"))}</td></tr>')
    table = (f'<div class="wide" tabindex="0" role="region" aria-label="Criteria of {text(cid)}"><table>'
             f'<caption>Criteria of {text(cid)}</caption><thead><tr>'
             '<th scope="col">Criterion</th><th scope="col">Question</th>'
             '<th scope="col" class="num">pic split (points)</th>'
             '<th scope="col" class="num">Cards allow (points)</th><th scope="col">Gap</th>'
             '<th scope="col">What to enact (pic\'s wording)</th></tr></thead>'
             f"<tbody>{''.join(rows)}</tbody></table></div>")
    return head + table


def _source_line(src: Any) -> str:
    if not isinstance(src, Mapping):
        return ""
    url = H.link(src.get("url"))
    return f'<p class="muted">Source: {text(src.get("title"))}' + (f"<br>{url}" if url else "") + "</p>"


def data_body(*, groups: Sequence[tuple[str, Sequence[tuple[str, str]]]], columns: Sequence[tuple[str, str]],
              href: Href) -> str:
    parts = ['<p class="kicker">Data</p>', "<h1>The data behind every page</h1>",
             "<p>Each JSON file is exactly what the named pic command prints with <code>--format json</code> and "
             "is valid against the JSON Schema of its kind (in pic's <code>schemas/</code> folder); each CSV file "
             "is what it prints with <code>--format csv</code>. <code>manifest.json</code> lists every file with "
             "its kind.</p>",
             "<h2>The whole record</h2>",
             links_list([("data/record.csv", "record.csv: every edition of every state, one row each"),
                         ("data/record.json", "record.json: the frameworks and every edition's report card"),
                         ("data/README.md", "README.md: the columns of record.csv"),
                         ("data/manifest.json", "manifest.json: every data file, its kind and its command")],
                        href, cls="plain"),
             "<h2>The columns of record.csv</h2>",
             '<div class="wide" tabindex="0" role="region" aria-label="The columns of record.csv"><table><caption>record.csv, one row per edition (the columns of '
             '<code>pic history STATE --format csv</code>)</caption><thead><tr><th scope="col">Column</th>'
             '<th scope="col">What it holds</th></tr></thead><tbody>'
             + "".join(f'<tr><th scope="row"><code>{text(c)}</code></th><td>{text(d)}</td></tr>' for c, d in columns)
             + "</tbody></table></div>"]
    for heading, items in groups:
        parts.append(f"<h2>{text(heading)}</h2>")
        parts.append(links_list(items, href, cls="plain"))
    return "\n".join(parts)
