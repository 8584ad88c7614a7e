"""SVG and HTML figures: built from the reports the CLI prints, checked as documents, checked
with hostile text (issue 11), and checked in headless Chromium (issue 13): a screenshot is
taken and is not blank, no network request is attempted, no script runs.

The Chromium tests skip, with the reason, where no chromium is installed; .ci/run installs it.
"""

from __future__ import annotations

import copy
import http.server
import itertools
import json
import math
import re
import secrets
import shutil
import struct
import subprocess
import threading
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

import pic
from pic.cli import app
from pic.render import figure
from pic.render import html as pichtml
from pic.render import svg as picsvg

ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "PIC_DATA": ""}
DAY = "2026-11-30"
SVG_NS = "{http://www.w3.org/2000/svg}"

# Raw characters that must never reach a figure: C0 (but line feed), DEL, C1, bidi controls.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def cli_json(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, [*args, "--format", "json"], env=ENV, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def reports() -> dict[str, Any]:
    """The real reports, as `pic ... --format json` prints them."""
    return {
        "score": cli_json("score", "mississippi", "--year", "2019"),
        "score_newest": cli_json("score", "mississippi"),
        "score_published": cli_json("score", "alabama", "--year", "2023"),
        "gaps": cli_json("gaps", "mississippi", "--year", "2019"),
        "history": cli_json("history", "mississippi"),
        "map": cli_json("map", "--year", "2023"),
        "ranking": cli_json("score", "--all", "--year", "2023"),
        "compare": cli_json("compare", "mississippi", "alabama", "tennessee", "--year", "2019"),
        "frameworks": cli_json("frameworks")["frameworks"],
    }


RANK_COLUMNS = ("rank", "name", "framework", "score", "max_score", "grade", "basis")


def ranking_table(r: dict[str, Any]) -> tuple[str, tuple[str, ...], list[tuple[Any, ...]], tuple[str, ...]]:
    rows = [tuple(row.get(c) for c in RANK_COLUMNS) for row in r["rows"]]
    return f"{r['year']}: {len(rows)} jurisdictions ranked", RANK_COLUMNS, rows, (r.get("figures_note") or "",)


def all_figures(rep: dict[str, Any]) -> dict[str, str]:
    """Every figure pic draws, from the reports in `rep`."""
    fw = rep["frameworks"]
    title, cols, rows, notes = ranking_table(rep["ranking"])
    return {
        "card.svg": picsvg.score_card_svg(rep["score"], frameworks=fw, generated=DAY),
        "card-published.svg": picsvg.score_card_svg(rep["score_published"], frameworks=fw, generated=DAY),
        "map.svg": picsvg.map_svg(rep["map"], frameworks=fw, generated=DAY),
        "history.svg": picsvg.history_svg(rep["history"], generated=DAY),
        "table.svg": picsvg.table_svg(title, cols, rows, notes, generated=DAY),
        "compare.svg": picsvg.compare_svg(rep["compare"], frameworks=fw, generated=DAY),
        "card.html": pichtml.score_card_html(rep["score"], frameworks=fw, generated=DAY),
        "map.html": pichtml.map_html(rep["map"], frameworks=fw, generated=DAY),
        "state.html": pichtml.state_report_html(rep["score"], rep["gaps"], rep["history"], frameworks=fw,
                                                generated=DAY),
        "state-newest.html": pichtml.state_report_html(rep["score_newest"], rep["gaps"], rep["history"],
                                                       frameworks=fw, generated=DAY),
        "table.html": pichtml.table_html(title, cols, rows, notes, generated=DAY),
        "compare.html": pichtml.compare_html(rep["compare"], frameworks=fw, generated=DAY),
        "history.html": pichtml.history_html(rep["history"], generated=DAY),
    }


@pytest.fixture(scope="module")
def figures(reports: dict[str, Any]) -> dict[str, str]:
    return all_figures(reports)


# --- reading documents -----------------------------------------------------------------

def svg_root(doc: str) -> ET.Element:
    root = ET.fromstring(doc.encode("utf-8"))  # raises on anything that is not well-formed XML
    assert root.tag == SVG_NS + "svg"
    return root


def svg_texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(SVG_NS + "text")]


class Page(HTMLParser):
    """Every start tag with its attributes, and the text inside selected elements."""

    def __init__(self, doc: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.text: dict[str, list[str]] = {}
        self.feed(doc)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in ("br", "meta", "rect", "line", "circle", "polyline"):
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        for tag in set(self.stack):
            self.text.setdefault(tag, []).append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]

    def joined(self, tag: str) -> str:
        return "".join(self.text.get(tag, []))


SVG_TAGS = {"svg", "title", "desc", "defs", "pattern", "rect", "line", "text", "g", "polyline", "circle"}
HTML_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "div", "p", "h1", "h2", "h3", "span",
             "strong", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "ul", "li", "a", "br",
             "footer", "figure", "figcaption", "details", "summary"} | SVG_TAGS


def csp_of(page: Page) -> dict[str, list[str]]:
    metas = [m for m in page.all("meta") if (m.get("http-equiv") or "").lower() == "content-security-policy"]
    assert len(metas) == 1, "exactly one Content-Security-Policy meta"
    out = {}
    for part in (metas[0].get("content") or "").split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def assert_svg_inert(doc: str) -> None:
    root = svg_root(doc)
    assert not RAW_CONTROL.search(doc), "a raw control or bidi character reached the SVG"
    for el in root.iter():
        tag = el.tag.replace(SVG_NS, "")
        assert tag in SVG_TAGS, f"unexpected SVG element <{tag}>"
        for name, value in el.attrib.items():
            local = name.split("}")[-1].lower()
            assert not local.startswith("on"), f"event handler {name}"
            assert local != "href", "an SVG picture links nothing and loads nothing"
            assert "javascript:" not in value.lower() and "url(http" not in value.lower()


def assert_html_inert(doc: str, source_urls: set[str]) -> Page:
    assert doc.startswith("<!DOCTYPE html>")
    assert not RAW_CONTROL.search(doc), "a raw control or bidi character reached the HTML"
    page = Page(doc)
    for tag, attrs in page.tags:
        assert tag in HTML_TAGS, f"unexpected element <{tag}>"
        for name, value in attrs.items():
            assert not name.lower().startswith("on"), f"event handler {name} on <{tag}>"
            assert name.lower() not in ("src", "srcset", "xlink:href", "action", "formaction", "background")
            if name.lower() == "href":
                assert tag == "a", f"href on <{tag}>"
                assert figure.safe_url(value) == value and value in source_urls, f"link to {value!r}"
            if name.lower() == "style":
                assert "url(" not in (value or "").lower() and "@import" not in (value or "").lower()
    css = page.joined("style").lower()
    assert "url(" not in css and "@import" not in css
    csp = csp_of(page)
    assert csp["default-src"] == ["'none'"]
    assert csp.get("script-src", ["'none'"]) == ["'none'"]
    assert csp["img-src"] == ["data:"]
    assert "'unsafe-eval'" not in str(csp)
    return page


# --- figures from real reports ---------------------------------------------------------

def test_every_svg_is_well_formed_with_a_title_and_description(figures):
    for name, doc in figures.items():
        if not name.endswith(".svg"):
            continue
        root = svg_root(doc)
        assert root.get("role") == "img"
        ids = (root.get("aria-labelledby") or "").split()
        found = {el.get("id"): el for el in root if el.get("id") in ids}
        assert [el.tag.replace(SVG_NS, "") for el in found.values()] == ["title", "desc"], name
        assert all((el.text or "").strip() for el in found.values()), name
        assert_svg_inert(doc)


def test_the_card_names_state_edition_framework_grade_and_source(reports, figures):
    r = reports["score"]
    root = svg_root(figures["card.svg"])
    texts = svg_texts(root)
    words = " ".join(texts)
    assert "Mississippi" in texts
    assert "PROTECTED INNOCENCE CHALLENGE \u00b7 2019 EDITION" in texts
    assert "A" in texts, "the grade letter is printed, not only coloured"
    assert f"{r['score']} / {r['max_score']}" in texts
    for sec in r["sections"]:
        assert f"{sec['score']} / {sec['max']}" in " | ".join(texts)
    assert f"Source: {r['source']['title']}" in words and r["source"]["url"] in words
    assert f"Generated by pic {pic.__version__} on {DAY}" in words
    assert "Grade scale inferred" in words  # the PIC cut-offs are reconstructed (grade_scale_basis)
    badge = [el for el in root.iter(SVG_NS + "rect") if el.get("width") == "112.0"]
    assert badge and badge[0].get("fill") == figure.PALETTE[0]


def test_the_html_card_is_a_semantic_table_with_the_source_linked(reports, figures):
    r = reports["score"]
    page = assert_html_inert(figures["card.html"], {r["source"]["url"]})
    assert page.joined("caption") == "Points by section"
    row_heads = [a for t, a in page.tags if t == "th" and a.get("scope") == "row"]
    assert len(row_heads) == len(r["sections"]) + 1  # each section and the total
    assert {a.get("scope") for t, a in page.tags if t == "th"} == {"row", "col"}
    assert [a["href"] for a in page.all("a")] == [r["source"]["url"]]
    assert "Mississippi" in page.joined("h1") and "grade A" in page.joined("title")


def test_the_map_shows_every_jurisdiction_with_its_letter_a_legend_and_the_year(reports, figures):
    r = reports["map"]
    root = svg_root(figures["map.svg"])
    assert "2023" in root.find(SVG_NS + "title").text
    colours = figure.grade_colours(figure.grade_order(r["legend"]))
    tiles = [g for g in root.iter(SVG_NS + "g") if g.find(SVG_NS + "title") is not None]
    assert len(tiles) == len(r["tiles"]) == 51
    by_name = {g.find(SVG_NS + "title").text.split(":")[0]: g for g in tiles}
    for t in r["tiles"]:
        g = by_name[t["name"]]
        texts = svg_texts(g)
        assert texts[0] == t["postal"]
        if t["grade"]:
            assert texts[1] == t["grade"], "the letter is printed on every graded tile"
            assert g.find(SVG_NS + "rect").get("fill") == colours[t["grade"]]
        else:
            assert texts[1] == "\u2013" and "no edition" in g.find(SVG_NS + "title").text
    legend = " ".join(svg_texts(root))
    for band in r["legend"]:
        assert band["grade"] in svg_texts(root)
    assert "(grade scale inferred)" in legend and "Grade scale inferred, not published" in legend
    page = assert_html_inert(figures["map.html"], set())
    assert "Grades by state, 2023" in page.joined("h1")
    assert len([a for t, a in page.tags if t == "th" and a.get("scope") == "row"]) == 51


def test_a_published_scale_is_not_called_inferred(reports):
    r = copy.deepcopy(reports["map"])
    r["grade_scale_inferred"] = False
    r.pop("grade_scale_basis", None)
    assert "inferred" not in picsvg.map_svg(r, generated=DAY)
    assert "inferred" not in pichtml.map_html(r, generated=DAY)
    r["grade_scale_inferred"] = True
    assert "Grade scale inferred" in picsvg.map_svg(r, generated=DAY)


def test_grade_colours_are_distinct_for_colour_blind_readers():
    # Machado, Oliveira and Fernandes (2009), full severity, on linear RGB.
    sims = {
        "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
        "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
        "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
        "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    }

    def lab(rgb: tuple[float, ...]) -> tuple[float, float, float]:
        r, g, b = (min(1.0, max(0.0, c)) for c in rgb)
        x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.9505
        y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.089
        f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
        return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])

    def linear(hexcolour: str) -> list[float]:
        out = []
        for i in (1, 3, 5):
            c = int(hexcolour[i:i + 2], 16) / 255
            out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        return out

    colours = figure.grade_colours(list(figure.DEFAULT_GRADES))
    assert len(set(colours.values())) == 5 and colours["A"] != colours["B"]
    for name, m in sims.items():
        seen = [lab(tuple(sum(m[i][j] * c[j] for j in range(3)) for i in range(3)))
                for c in map(linear, colours.values())]
        closest = min(math.dist(a, b) for a, b in itertools.combinations(seen, 2))
        assert closest >= 25, f"two grades nearly alike under {name}: {closest:.0f}"
    for g, c in colours.items():  # the printed letter keeps WCAG AA contrast on its own colour
        ink = figure.ink_on(c)

        def lum(h: str) -> float:
            return sum(w * v for w, v in zip((0.2126, 0.7152, 0.0722), linear(h)))
        hi, lo = sorted((lum(ink), lum(c)), reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 4.5, g


def test_unknown_is_shown_as_unknown_never_as_zero(reports, figures):
    r = reports["score_published"]
    assert r["score"] is None
    texts = " ".join(svg_texts(svg_root(figures["card-published.svg"])))
    assert "score not published" in texts and " 0 of " not in texts
    gaps = {**reports["gaps"], "gaps": None, "findings": False, "points_at_stake": None,
            "unknown_reason": "no findings are recorded for Mississippi 2019"}
    page = Page(pichtml.state_report_html(reports["score"], gaps, reports["history"], generated=DAY))
    body = page.joined("body")
    assert "Gaps unknown: no findings are recorded for Mississippi 2019" in body
    assert "No gaps" not in body and "every criterion is met" not in body
    title, cols, rows, notes = ranking_table(reports["ranking"])
    assert any(row[3] is None for row in rows)
    table = Page(pichtml.table_html(title, cols, rows, notes, generated=DAY))
    assert "\u2013 unknown or not recorded (never counted as zero)." in table.joined("body")


def test_a_partial_profile_shows_ranges_the_published_figures_and_what_is_implied():
    r = cli_json("score", "texas", "--year", "2015")
    assert r["unknown_criteria"] and r["score"] == 90.5  # its own card pins it (calibrated)
    # a partial card whose score is left open: the range fields as views carry them
    r.update(score=None, grade=None, score_min=14, score_max=101, grade_min="F", grade_max="A", implied_min=90.5, implied_max=90.5,
             implied_grade_min="A", implied_grade_max="A",
             implications=[{"message": "section 4: 5 of 7.5 unknown points are met"}])
    r["sections"][3].update(score=None, score_min=2.5, score_max=10, published=7.5, published_inferred=True)
    root = svg_root(picsvg.score_card_svg(r, generated=DAY))
    texts = svg_texts(root)
    assert "F\u2013A" in texts and "GRADE RANGE" in texts
    assert "14\u2013101 / 102.5" in texts and "2.5\u201310 / 10" in texts and "published 7.5*" in texts
    words = " ".join(texts)
    assert "The range the cards on record allow (a calibration, not a finding): 90.5 points, grade A." in words
    assert "Implied under pic's own split: section 4: 5 of 7.5 unknown points are met" in words
    assert "never counted as met or as zero" in words
    page = assert_html_inert(pichtml.score_card_html(r, generated=DAY), {r["source"]["url"]})
    body = page.joined("body")
    assert "14\u2013101" in body and "2.5\u201310" in body and "Grade range" in body
    assert "The range the cards on record allow" in body


def test_the_state_report_holds_the_card_the_gaps_and_the_history(reports, figures):
    r = reports
    urls = {e["source"]["url"] for e in r["history"]["editions"] if e["source"]["url"]} | {r["score"]["source"]["url"]}
    urls |= {f["source"]["url"] for f in r["frameworks"] if f["source"]["url"]}
    page = assert_html_inert(figures["state.html"], urls)
    assert page.joined("h2").split("Gaps")[0].startswith("Report card, 2019")
    assert "History" in page.joined("h2")
    gap_rows = [a for t, a in page.tags if t == "th" and a.get("scope") == "row"]
    assert len(gap_rows) == (len(r["score"]["sections"]) + 1 + len(r["gaps"]["gaps"]) + len(r["history"]["editions"])
                             + len(r["history"]["missing"]))
    known = [g for g in r["gaps"]["gaps"] if g["kind"] == "known"]
    assert f"{len(known)} gaps the findings show" in page.joined("caption")
    assert "Criteria the findings leave unknown" in page.joined("caption")
    charts = [a for t, a in page.tags if t == "svg"]
    assert len(charts) == 1 and charts[0]["role"] == "img"
    # the card is older than the newest edition: the page says which newer one exists
    assert "A newer edition exists: 2025" in page.joined("body")
    newest = Page(figures["state-newest.html"]).joined("body")
    assert "The gaps below are from 2019, the card from 2025" in newest


def test_a_partial_profile_keeps_unknown_criteria_apart_from_gaps():
    score = cli_json("score", "texas", "--year", "2015")
    gaps = cli_json("gaps", "texas", "--year", "2015")
    kinds = [g.get("kind", "known") for g in gaps["gaps"]]
    assert kinds.count("unknown") > 0
    page = Page(pichtml.state_report_html(score, gaps, cli_json("history", "texas"), generated=DAY))
    body = page.joined("body")
    assert f"{kinds.count('unknown')} criteria unknown" in page.joined("summary")
    known = kinds.count("known")
    assert f"{known} gap{'' if known == 1 else 's'} the findings show" in page.joined("caption")
    assert "points at stake are a range" in body and "every criterion is met" not in body


def test_the_history_page_has_the_chart_and_every_edition(reports, figures):
    eds = reports["history"]["editions"]
    page = assert_html_inert(figures["history.html"], {e["source"]["url"] for e in eds if e["source"]["url"]})
    assert [a["role"] for t, a in page.tags if t == "svg"] == ["img"]
    # one row per edition on record, and one per missing edition (shown as missing, not skipped)
    missing = reports["history"]["missing"]
    assert len([a for t, a in page.tags if t == "th" and a.get("scope") == "row"]) == len(eds) + len(missing)
    chart = svg_root(picsvg.history_svg(reports["history"], generated=DAY))
    circles = list(chart.iter(SVG_NS + "circle"))
    assert len(circles) == len([e for e in eds if e["grade"] or e["published_grade"]])
    # points are joined only within a framework and never across a missing edition: one
    # polyline per stretch of two or more consecutive editions
    gaps = {m["year"] for m in missing}
    stretch = [0]
    for i, e in enumerate(eds):
        if i and (e["framework"] != eds[i - 1]["framework"] or any(eds[i - 1]["year"] < y < e["year"] for y in gaps)):
            stretch.append(i)
    runs = [b - a for a, b in zip(stretch, stretch[1:] + [len(eds)])]
    assert len(list(chart.iter(SVG_NS + "polyline"))) == len([n for n in runs if n > 1])


def test_the_compare_view_sets_states_side_by_side(reports, figures):
    r = reports["compare"]
    texts = svg_texts(svg_root(figures["compare.svg"]))
    for st in r["states"]:
        assert st["name"] in texts and st["grade"] in texts
    assert "91 / 102.5" in texts and "24.5 / 25" in texts and "not published" in texts
    urls = {st["source"]["url"] for st in r["states"]}
    page = assert_html_inert(figures["compare.html"], urls)
    assert [t for t, a in page.tags if t == "th" and a.get("scope") == "col"][1:] == ["th"] * len(r["states"])
    assert len([a for t, a in page.tags if t == "th" and a.get("scope") == "row"]) == 2 + len(r["sections"])
    assert {a["href"] for a in page.all("a")} == urls
    other = {**r, "comparable": False, "warning": "Different frameworks: only grades are set side by side."}
    body = Page(pichtml.compare_html(other, generated=DAY)).joined("body")
    assert "Different frameworks: only grades are set side by side." in body and "24.5 / 25" not in body


def test_a_generic_table_has_caption_headers_and_grade_letters(reports, figures):
    page = assert_html_inert(figures["table.html"], set())
    assert page.all("caption")
    heads = [a for t, a in page.tags if t == "th" and a.get("scope") == "col"]
    assert len(heads) == len(RANK_COLUMNS)
    chips = [a for t, a in page.tags if t == "span" and "g " in (a.get("class") or "") + " "]
    assert len(chips) == sum(1 for row in reports["ranking"]["rows"] if row["grade"])
    texts = svg_texts(svg_root(figures["table.svg"]))
    assert "Tennessee" in texts and "max score" in texts


# --- hostile text (issue 11) -----------------------------------------------------------

HOSTILE = ("<script>document.title='pwned'</script><img src=x onerror=alert(1)>\"'><a href=\"javascript:alert(1)\">"
           "x</a>]]><![CDATA[ &amp; \x1b]0;title\x07\x1b[31m\u202eevil\u2066\x85\x7f\x00 https://evil.example/")


def poisoned(report: Any, payload: str) -> Any:
    """`report` with `payload` appended to every string in it (keys kept, numbers kept)."""
    if isinstance(report, dict):
        return {k: poisoned(v, payload) for k, v in report.items()}
    if isinstance(report, list):
        return [poisoned(v, payload) for v in report]
    if isinstance(report, str):
        return report + payload
    return report


def hostile_figures(rep: dict[str, Any], payload: str = HOSTILE) -> dict[str, str]:
    return all_figures({k: poisoned(v, payload) for k, v in rep.items()})


def test_hostile_text_stays_text_in_every_figure(reports):
    for name, doc in hostile_figures(reports).items():
        if name.endswith(".svg"):
            assert_svg_inert(doc)
            root = svg_root(doc)
            shown = root.find(SVG_NS + "title").text + " ".join(svg_texts(root))
        else:
            page = assert_html_inert(doc, set())  # every source URL is poisoned: nothing may be linked
            shown = page.joined("body") + page.joined("title")
        assert "<script>document.title='pwned'</script>" in shown, name  # shown, as text
        assert "\\x1b]0;title\\x07" in shown and "\\u202eevil\\u2066" in shown, name  # visible escapes
        assert "\\x85" in shown and "\\x7f" in shown and "\\x00" in shown, name


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)", "file:///etc/passwd", "//evil.example/x", "https:evil.example", "http://exa mple.org/",
    "https://example.org/\u202e", "ftp://example.org/",
])
def test_only_http_source_addresses_become_links(reports, url):
    r = {**reports["score"], "source": {"title": "t", "url": url}}
    for doc in (pichtml.score_card_html(r, generated=DAY),
                pichtml.state_report_html(r, reports["gaps"], None, generated=DAY)):
        page = assert_html_inert(doc, set())
        assert page.all("a") == []
        assert "not an http(s) address; not linked" in page.joined("body")
    assert "not an http(s) address; not linked" in " ".join(svg_texts(svg_root(picsvg.score_card_svg(r))))


def test_a_web_address_outside_a_source_field_is_never_a_link(reports):
    r = {**reports["score"], "note": "see https://evil.example/", "name": "https://evil.example/"}
    page = assert_html_inert(pichtml.score_card_html(r, generated=DAY), {r["source"]["url"]})
    assert [a["href"] for a in page.all("a")] == [r["source"]["url"]]
    assert "https://evil.example/" in page.joined("body")


def test_huge_text_is_drawn_quickly(reports):
    """Layout is linear in the text: a title, note or cell of a whole data file's size (2 MB is the
    cap) cannot stall a figure."""
    import time
    big = "x" * 1_000_000 + " " + "word " * 200_000
    rep = copy.deepcopy(reports)
    for key in ("score", "gaps", "history"):
        rep[key]["name"] = big
    rep["score"]["note"] = rep["score"]["sections"][0]["title"] = rep["gaps"]["gaps"][0]["note"] = big
    rep["map"]["tiles"][0]["name"] = rep["ranking"]["rows"][0]["name"] = rep["compare"]["states"][0]["name"] = big
    start = time.monotonic()
    docs = all_figures(rep)
    assert time.monotonic() - start < 20
    svg_root(docs["card.svg"])
    assert len(figure.wrap("x" * 100_000, 12, 300, max_lines=2)) == 2


def test_plain_text_rule():
    assert figure.plain("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert figure.plain("\u202eabc\u2069") == "\\u202eabc\\u2069"
    assert figure.plain("one\r\ntwo\tthree") == "one two three"
    assert figure.plain(None) == "" and figure.plain(2.5) == "2.5" and figure.plain(True) == "yes"
    assert figure.text("<a href='x'>&</a>") == "&lt;a href=&#x27;x&#x27;&gt;&amp;&lt;/a&gt;"
    assert figure.safe_url("https://sharedhope.org/reportcards") == "https://sharedhope.org/reportcards"


# --- headless Chromium -----------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
_no_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install chromium); .ci/run installs it")


def needs_chromium(test: Any) -> Any:
    """A test that launches headless Chromium: marked `browser` (`pytest -m "not browser"` leaves
    it out), and skipped, with the reason, where chromium is not installed."""
    return pytest.mark.browser(_no_chromium(test))


def chromium(tmp_path: Path, target: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"chromium-{secrets.token_hex(4)}"
    cmd = [CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-default-apps", f"--user-data-dir={profile}", *extra, target.as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def decode_png(data: bytes) -> tuple[int, int, list[bytes], int]:
    """(width, height, rows of pixels, bytes per pixel) of an 8-bit RGB or RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (n,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    assert header is not None
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        if kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif kind:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b, c = prev[x], prev[x - bpp] if x >= bpp else 0
                if kind == 1:
                    line[x] = (line[x] + a) & 255
                elif kind == 3:
                    line[x] = (line[x] + (a + b) // 2) & 255
                else:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows, bpp


def screenshot(tmp_path: Path, doc: str, name: str, size: tuple[int, int]) -> set[bytes]:
    """Render `doc` in Chromium; return the set of RGB colours in the screenshot."""
    page = tmp_path / name
    page.write_text(doc, encoding="utf-8")
    png = tmp_path / (name + ".png")
    result = chromium(tmp_path, page, f"--screenshot={png}", f"--window-size={size[0]},{size[1]}")
    assert png.is_file() and png.stat().st_size > 0, result.stderr[-2000:]
    width, height, rows, bpp = decode_png(png.read_bytes())
    assert (width, height) == size
    colours = {row[x:x + 3] for row in rows for x in range(0, len(row), bpp)}
    return colours


def svg_size(doc: str) -> tuple[int, int]:
    root = svg_root(doc)
    return int(root.get("width")), int(root.get("height"))


@needs_chromium
def test_every_figure_renders_in_chromium_and_is_not_blank(tmp_path, reports, figures):
    used = {t["grade"] for t in reports["map"]["tiles"] if t["grade"]}
    colours = figure.grade_colours(figure.grade_order(reports["map"]["legend"]))
    for name, doc in figures.items():
        size = svg_size(doc) if name.endswith(".svg") else (1000, 800)
        seen = screenshot(tmp_path, doc, name, size)
        assert len(seen) > 20, f"{name}: a blank or nearly blank screenshot"
        assert b"\xff\xff\xff" in seen, f"{name}: a light figure has a white ground"
        if name.startswith("map"):
            for g in used:  # every grade on the map is drawn in its own colour
                assert bytes.fromhex(colours[g][1:]) in seen, (name, g)
        if name.startswith("card"):
            assert bytes.fromhex(figure.PALETTE[0][1:] if name != "card-published.svg" else figure.PALETTE[-1][1:]) \
                in seen, name


class Listener:
    """A local web server that records every request it gets; Chromium's host resolver sends
    every host name here too, so any attempt to fetch anything is seen."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                outer.requests.append(f"{self.headers.get('Host')}{self.path}")
                self.send_response(404)
                self.end_headers()

            do_POST = do_GET

            def log_message(self, *args: Any) -> None:
                pass

            def log_error(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    li = Listener()
    yield li
    li.close()


def probe(tmp_path: Path, page: Path, listener: Listener, size: tuple[int, int] = (1000, 800)) -> None:
    """Load `page` as the figure tests do (screenshot, every host name sent to `listener`)."""
    chromium(tmp_path, page, f"--host-resolver-rules=MAP * 127.0.0.1:{listener.port}", "--virtual-time-budget=1500",
             f"--screenshot={page}.png", f"--window-size={size[0]},{size[1]}")


def fetch_payload(port: int, token: str) -> str:
    return (f'<img src="http://127.0.0.1:{port}/{token}/img"><link rel="stylesheet" href="http://{token}.example/css">'
            f'<style>@import "http://127.0.0.1:{port}/{token}/import";</style><iframe src="http://127.0.0.1:{port}/'
            f'{token}/frame"></iframe><svg><image href="http://127.0.0.1:{port}/{token}/svg"/></svg>'
            f"<script src=\"http://127.0.0.1:{port}/{token}/script\"></script>"
            f"<script>fetch('http://127.0.0.1:{port}/{token}/fetch')</script>")


@needs_chromium
def test_the_network_probe_sees_a_page_that_fetches(tmp_path, listener):
    """The harness itself: a page that does load remote things is caught."""
    token = secrets.token_hex(6)
    page = tmp_path / "control.html"
    page.write_text(f"<!DOCTYPE html><title>t</title>{fetch_payload(listener.port, token)}", encoding="utf-8")
    probe(tmp_path, page, listener)
    assert {r.split("/", 1)[1] for r in listener.requests if token in r} >= \
        {f"{token}/img", f"{token}/import", f"{token}/frame", f"{token}/script"}, listener.requests
    assert f"{token}.example/css" in listener.requests  # a host name, resolved to the listener


@needs_chromium
def test_no_figure_attempts_a_network_request(tmp_path, reports, listener):
    token = secrets.token_hex(6)
    payload = fetch_payload(listener.port, token)
    rep = {k: poisoned(v, payload) for k, v in reports.items()}
    # a clean, linkable source address on the same server: links are never loaded
    link = f"http://127.0.0.1:{listener.port}/{token}/source-link"
    rep["score"]["source"] = {"title": "a source", "url": link}
    hostile = all_figures(rep)
    real = all_figures(reports)
    assert link in hostile["card.html"]
    for i, (name, doc) in enumerate(hostile.items()):
        page = tmp_path / f"hostile-{i}-{name}"
        page.write_text(doc, encoding="utf-8")
        size = svg_size(doc) if name.endswith(".svg") else (1000, 800)
        probe(tmp_path, page, listener, size)
    hits = [r for r in listener.requests if token in r]
    assert hits == [], hits
    # and the real pages ask for nothing from the hosts they cite
    hosts = {re.sub(r"^https?://([^/]+).*", r"\1", u) for u in re.findall(r'href="([^"]+)"', real["state.html"])}
    assert hosts
    listener.requests.clear()
    for name in ("state.html", "map.html", "card.svg"):
        page = tmp_path / f"real-{name}"
        page.write_text(real[name], encoding="utf-8")
        probe(tmp_path, page, listener)
    assert not [r for r in listener.requests if r.split("/")[0].split(":")[0] in hosts]


def dom_title(dom: str) -> str:
    m = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert m, dom[:500]
    import html as stdhtml
    return stdhtml.unescape(m.group(1))


SCRIPT = "<script>document.title='pwned'</script>"


@needs_chromium
def test_the_script_probe_sees_a_script_that_runs(tmp_path):
    """The harness itself: without pic's escaping and policy, the script does run."""
    page = tmp_path / "control.html"
    page.write_text(f"<!DOCTYPE html><title>before</title>{SCRIPT}", encoding="utf-8")
    assert dom_title(chromium(tmp_path, page, "--dump-dom").stdout) == "pwned"


@needs_chromium
def test_a_hostile_title_never_runs_as_script(tmp_path, reports):
    rep = copy.deepcopy(reports)
    for key in ("score", "gaps", "history"):
        rep[key]["name"] = SCRIPT
    rep["score"]["sections"][0]["title"] = SCRIPT
    for name, doc in {
        "card.html": pichtml.score_card_html(rep["score"], generated=DAY),
        "state.html": pichtml.state_report_html(rep["score"], rep["gaps"], rep["history"], generated=DAY),
        "table.html": pichtml.table_html(SCRIPT, ["name"], [[SCRIPT]], [SCRIPT], generated=DAY),
        "map.svg": picsvg.map_svg(poisoned(rep["map"], SCRIPT), generated=DAY),
    }.items():
        page = tmp_path / name
        page.write_text(doc, encoding="utf-8")
        dom = chromium(tmp_path, page, "--virtual-time-budget=1000", "--dump-dom").stdout
        if name.endswith(".html"):
            title = dom_title(dom)
            assert title != "pwned" and title.startswith(SCRIPT), title
            assert "<script" not in dom.lower()
        else:
            assert "pwned" not in dom.split("<title", 1)[0] and "<script" not in dom.lower()


@needs_chromium
def test_the_content_security_policy_blocks_script_even_if_escaping_failed(tmp_path, reports):
    """Defence in depth: a script slipped into a page (as if escaping had a bug) is refused by the CSP."""
    doc = pichtml.score_card_html(reports["score"], generated=DAY)
    tampered = doc.replace("</main>", SCRIPT + "<img src=\"data:,\" onerror=\"document.title='pwned'\"></main>")
    page = tmp_path / "tampered.html"
    page.write_text(tampered, encoding="utf-8")
    title = dom_title(chromium(tmp_path, page, "--virtual-time-budget=1000", "--dump-dom").stdout)
    assert title != "pwned" and title.startswith("Mississippi")
