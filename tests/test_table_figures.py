"""Figures for the report kinds without a bespoke one (issue 17): each is a table figure
drawn from its layout (pic.views.layouts), and must read like a table a newspaper prints.

From real invocations: every kind writes a well-formed SVG (role img, title, desc) and an
HTML page (caption-less tables with th scope, no script); no column is a snake_case field
name or a source URL; a figure the report gives as a range shows the range; hostile text
stays text. In headless Chromium (marked `browser`): the diff, the ranking and the gaps
page are checked as a person sees them: nothing reaches the right edge, the size is
sensible, and no cell's text runs into the next column.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from pic.core.numbers import fmt_range
from pic.render import tablefigure
from pic.views.layout import Table
from pic.views.layouts import LAYOUTS
from test_figures import CHROMIUM, chromium, decode_png
from test_safety import FOREIGN, PAYLOAD, hostile_tree

SVG_NS = "{http://www.w3.org/2000/svg}"
DAY = {"SOURCE_DATE_EPOCH": "1767225600"}

# One real invocation per kind (new writes its profile into --data, added per test).
INVOCATIONS = {
    "ranking": ["score", "--all"],
    "gaps": ["gaps", "ms", "--year", "2019"],
    "diff": ["diff", "2021", "2023"],
    "validate": ["validate"],
    "frameworks": ["frameworks"],
    "explain": ["explain", "ms", "6.3", "--year", "2019"],
    "whatif": ["whatif", "ms", "-c", "6.3", "--year", "2019"],
    "status": ["status", "texas", "--year", "2015"],
    "calibrate": ["calibrate"],
    "new": ["new", "texas", "2019"],
}
SNAKE = re.compile(r"^[a-z]+(_[a-z0-9]+)+$")
FIELD_NAMES = ("source_url", "points_max", "points_min", "_url", "score_min", "rank_min", "grade_inferred")


def args_for(kind: str, tmp_path: Path) -> list[str]:
    args = list(INVOCATIONS[kind])
    if kind == "new":
        (tmp_path / "new-data").mkdir(exist_ok=True)
        args += ["--data", str(tmp_path / "new-data")]
    return args


def run(pic: Any, args: list[str], fmt: str) -> str:
    result = pic(*args, "--format", fmt, env=DAY)
    assert result.exit_code in (0, 1), result.stderr  # validate exits 1 on a failed check
    assert "Traceback" not in result.stdout + result.stderr
    return str(result.stdout)


def svg_texts(doc: str) -> list[str]:
    root = ET.fromstring(doc.encode("utf-8"))  # well-formed XML, or this raises
    assert root.tag == SVG_NS + "svg"
    return ["".join(t.itertext()) for t in root.iter(SVG_NS + "text")]


def headers(doc: str) -> list[str]:
    import html as stdhtml

    return [stdhtml.unescape(re.sub(r"<[^>]+>", "", h)) for h in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', doc)]


def test_every_kind_without_a_bespoke_figure_has_a_layout() -> None:
    from pic.reports import every

    missing = [k.name for k in every() if k.figure is None and k.layout is None and k.name not in LAYOUTS]
    assert missing == []


@pytest.mark.parametrize("kind", sorted(INVOCATIONS))
def test_the_svg_is_a_titled_picture_with_human_headers(pic, tmp_path, kind):
    doc = run(pic, args_for(kind, tmp_path), "svg")
    texts = svg_texts(doc)
    root = ET.fromstring(doc.encode("utf-8"))
    assert root.get("role") == "img"
    assert root.find(SVG_NS + "title") is not None and (root.find(SVG_NS + "desc").text or "").strip()
    assert int(root.get("width")) == tablefigure.WIDTH
    # as tall as its content: never the old 10,000 px of white
    assert 250 < int(root.get("height")) < 4000
    for t in texts:
        assert not SNAKE.match(t.strip()), f"{kind}: a field name shown as text: {t!r}"
        assert not any(name in t for name in FIELD_NAMES), f"{kind}: {t!r}"
    assert "<script" not in doc and "<a " not in doc  # a picture has nothing to run or click


@pytest.mark.parametrize("kind", sorted(INVOCATIONS))
def test_the_html_is_a_semantic_table_page(pic, tmp_path, kind):
    doc = run(pic, args_for(kind, tmp_path), "html")
    assert doc.startswith("<!DOCTYPE html>") and "<script" not in doc.lower()
    assert "Content-Security-Policy" in doc and "script-src 'none'" in doc
    heads = headers(doc)
    if kind != "new":  # a new profile's figure is its facts, no table
        assert heads, kind
        assert '<th scope="row"' in doc
    for h in heads:
        assert h.strip() and "_" not in h and not any(n in h for n in FIELD_NAMES), f"{kind}: header {h!r}"


def test_gaps_show_the_points_at_stake_as_a_range(pic):
    report = json.loads(run(pic, INVOCATIONS["gaps"], "json"))
    ranged = [g for g in report["gaps"] if g["points_min"] != g["points_max"]]
    assert ranged, "Mississippi 2019 has gaps whose points are a range"
    html_doc = run(pic, INVOCATIONS["gaps"], "html")
    svg_doc = run(pic, INVOCATIONS["gaps"], "svg")
    root = ET.fromstring(svg_doc.encode("utf-8"))
    by_y: dict[str, list[str]] = {}
    for t in root.iter(SVG_NS + "text"):
        by_y.setdefault(t.get("y") or "", []).append("".join(t.itertext()))
    for g in ranged:
        shown = fmt_range(g["points_min"], g["points_max"])
        assert "\u2013" in shown
        rows = [r for r in re.findall(r"<tr>.*?</tr>", html_doc, re.S) if g["label"] in r]
        assert rows and all(shown in r for r in rows), (g["label"], shown)
        line = [texts for texts in by_y.values() if any(g["label"] in x or x in g["label"] for x in texts if x)]
        assert any(shown in texts for texts in line), (g["label"], shown)
    # the total at stake, with its range where it has one
    stake = fmt_range(report["points_at_stake_min"], report["points_at_stake_max"])
    assert f"{stake} points at stake" in html_doc


def test_a_rank_and_a_score_range_are_shown_as_ranges(pic):
    report = json.loads(run(pic, INVOCATIONS["ranking"], "json"))
    doc = run(pic, INVOCATIONS["ranking"], "html")
    for r in report["rows"]:
        if r["rank_min"] != r["rank_max"]:
            row = next(x for x in re.findall(r"<tr>.*?</tr>", doc, re.S) if f">{r['name']}<" in x)
            assert fmt_range(r["rank_min"], r["rank_max"]) in row


def test_diff_keeps_unknown_apart_from_no_change(pic):
    report = json.loads(run(pic, INVOCATIONS["diff"], "json"))
    doc = run(pic, INVOCATIONS["diff"], "html")
    rows = re.findall(r"<tr>.*?</tr>", doc, re.S)
    unknown = [s for s in report["states"] if s["direction"] == "unknown"]
    assert unknown
    for s in unknown:
        row = next(x for x in rows if f">{s['name']}<" in x)
        assert ">unknown<" in row and ">0<" not in row
    for word in ("Rose", "Fell", "Unchanged", "Unknown"):
        assert f"<dt>{word}</dt><dd>{report['summary'][word.lower()]}</dd>" in doc


HOSTILE = {
    "gaps": ["gaps", "ms", "--year", "2019"],
    "explain": ["explain", "ms", "6.3", "--year", "2019"],
    "whatif": ["whatif", "ms", "-c", "6.3", "--year", "2019"],
    "ranking": ["score", "--all", "--year", "2019"],
    "frameworks": ["frameworks"],
    "diff": ["diff", "2018", "2019"],
    "status": ["status", "ms", "--year", "2019"],
    "calibrate": ["calibrate"],
}


@pytest.fixture(scope="module")
def evil(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_tree(tmp_path_factory.mktemp("evil") / "tree")


@pytest.mark.parametrize("fmt", ["svg", "html"])
@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_text_is_shown_never_run(pic, evil, kind, fmt):
    result = pic(*HOSTILE[kind], "--data", str(evil), "--format", fmt, env=DAY)
    assert result.exit_code in (0, 1), result.stderr
    doc = result.stdout
    assert "Traceback" not in doc + result.stderr
    assert FOREIGN.findall(doc) == []
    assert "<script" not in doc and "<img" not in doc and "onerror=" not in doc.replace("onerror=alert", "")
    if fmt == "svg":
        svg_texts(doc)  # still well-formed XML
    else:
        assert 'href="javascript' not in doc
    if kind in ("gaps", "explain", "whatif", "frameworks", "status"):
        assert "&lt;script&gt;" in doc  # the payload is there, as text


def test_a_long_token_is_broken_at_a_slash_or_ellipsised_never_silently() -> None:
    long_url = "https://example.org/" + "/".join(["segment"] * 40)
    lines = tablefigure.wrap(long_url, 12, 200)
    assert len(lines) > 1 and all(ln.endswith("/") for ln in lines[:-1])
    word = "x" * 400
    cut = tablefigure.wrap(word, 12, 200)
    assert len(cut) == 1 and cut[0].endswith("\u2026")
    words = tablefigure.wrap("one two three four five six seven eight nine ten", 12, 60)
    assert " ".join(words) == "one two three four five six seven eight nine ten"  # no word is split


# --- in Chromium, as a person sees it ----------------------------------------------------------

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install "
                                    "chromium); .ci/run installs it")
INK = 400  # a pixel whose R+G+B is below this is ink (text, bars, rules), not paper


def shoot(tmp_path: Path, doc: str, name: str, size: tuple[int, int]) -> tuple[int, int, list[bytes], int]:
    page = tmp_path / name
    page.write_text(doc, encoding="utf-8")
    png = tmp_path / (name + ".png")
    result = chromium(tmp_path, page, f"--screenshot={png}", f"--window-size={size[0]},{size[1]}",
                      "--host-resolver-rules=MAP * ~NOTFOUND")
    assert png.is_file() and png.stat().st_size > 0, result.stderr[-2000:]
    return decode_png(png.read_bytes())


def ink(row: bytes, x: int, bpp: int) -> bool:
    return sum(row[x * bpp:x * bpp + 3]) < INK


def table_bands(doc: str) -> list[tuple[float, float]]:
    """(top, bottom) of each table: its header rule and its closing rule (1.2 px, in ink)."""
    ys = [float(m) for m in re.findall(r'<line x1="[\d.]+" y1="([\d.]+)"[^>]*stroke="#1a1a1a" stroke-width="1.2"', doc)]
    return list(zip(ys[0::2], ys[1::2]))


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("kind", ["diff", "ranking"])
def test_the_svg_reads_in_chromium(pic, tmp_path, kind):
    """`pic diff 2021 2023 -o d.svg`, `pic score --all -o r.svg`: the whole picture at its
    own size, with a white right margin (nothing cut off), and no ink in the gutters
    between columns (no text running into the next column)."""
    args = INVOCATIONS[kind]
    target = tmp_path / f"{kind}.svg"
    result = pic(*args, "-o", str(target), env=DAY)
    assert result.exit_code == 0, result.stderr
    doc = target.read_text(encoding="utf-8")
    root = ET.fromstring(doc.encode("utf-8"))
    width, height = int(root.get("width")), int(root.get("height"))
    assert width == tablefigure.WIDTH and height < 3500
    w, h, rows, bpp = shoot(tmp_path, doc, f"{kind}.svg", (width, height))
    assert (w, h) == (width, height)
    inked = sum(1 for r in rows for x in range(0, w, 4) if ink(r, x, bpp))
    assert inked > 2000, "a blank or nearly blank picture"
    margin = tablefigure.MARGIN - 6
    for y, r in enumerate(rows):
        assert not any(ink(r, x, bpp) for x in range(w - margin, w)), f"ink in the right margin at y={y}"
    assert not any(ink(rows[-1], x, bpp) for x in range(w)), "cut off at the bottom"
    # the gutters between columns, from the table's own layout
    report = json.loads(run(pic, args, "json"))
    tables = [b for b in LAYOUTS[kind](report).blocks if isinstance(b, Table)]
    bands = table_bands(doc)
    assert len(bands) == len(tables)
    for t, (top, bottom) in zip(tables, bands):
        xs, x = [], float(tablefigure.MARGIN)
        for cw in tablefigure.column_widths(t, tablefigure.CONTENT)[:-1]:
            x += cw
            xs.append(x)
        for y in range(int(top) + 3, int(bottom) - 2):
            r = rows[y]
            if ink(r, tablefigure.MARGIN + 1, bpp):
                continue  # a rule across the table
            for gx in xs:
                hit = [px for px in range(int(gx) - 2, int(gx) + 2) if ink(r, px, bpp)]
                assert not hit, f"{kind}: text crosses the column edge at x={gx:.0f}, y={y}"


@pytest.mark.browser
@needs_chromium
def test_the_gaps_page_reads_in_chromium(pic, tmp_path):
    """`pic gaps ms -o g.html`: at a print-like width, nothing runs past the page's measure
    on the right, and the page is not blank."""
    target = tmp_path / "g.html"
    result = pic("gaps", "ms", "-o", str(target), env=DAY)
    assert result.exit_code == 0, result.stderr
    doc = target.read_text(encoding="utf-8")
    size = (1000, 1600)
    w, h, rows, bpp = shoot(tmp_path, doc, "g.html", size)
    assert (w, h) == size
    inked = sum(1 for r in rows for x in range(0, w, 4) if ink(r, x, bpp))
    assert inked > 2000
    # main is centred, at most WIDTH wide: the outer margins stay paper
    side = (w - tablefigure.WIDTH) // 2
    for y, r in enumerate(rows):
        assert not any(ink(r, x, bpp) for x in range(w - side + 4, w)), f"ink past the measure at y={y}"
        assert not any(ink(r, x, bpp) for x in range(0, side - 4)), f"ink left of the measure at y={y}"
    # the range a gap's points are, as the page shows it
    assert "0\u20132.5" in doc
