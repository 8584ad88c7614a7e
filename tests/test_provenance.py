"""Every figure traceable (SPEC principle 9): a source with its kind, corroborating sources,
conflicts beside the figure, a mark on figures resting on a blog, and a credit line with
counts per kind of source on every report over many editions."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

AGGREGATES = {
    "score --all": ["score", "--all", "--year", "2023"],
    "map": ["map", "--year", "2023"],
    "diff": ["diff", "2019", "2023"],
    "history": ["history", "tennessee"],
    "compare": ["compare", "tennessee", "kansas", "--year", "2019"],
}


def _json(pic, *args):
    result = pic(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _figures(report):
    """The source of every edition an aggregating report shows."""
    if "rows" in report:
        return [r["source"] for r in report["rows"]]
    if "tiles" in report:
        return [t["source"] for t in report["tiles"] if t["source"]]
    if "editions" in report:
        return [e["source"] for e in report["editions"]]
    if "only_in_a" in report:
        return ([s["before"]["source"] for s in report["states"]] + [x["source"] for x in report["only_in_a"]]
                + [s["after"]["source"] for s in report["states"]] + [x["source"] for x in report["only_in_b"]])
    return [s["source"] for s in report["states"]]


@pytest.mark.parametrize("name", sorted(AGGREGATES))
def test_every_aggregate_carries_a_credit_line_and_counts_per_kind(pic, name):
    report = _json(pic, *AGGREGATES[name])
    sources = _figures(report)
    assert report["credit"].startswith("Grades and scores: Shared Hope International report cards")
    counts = report["source_kinds"]
    assert sum(counts.values()) == len(sources)
    for kind in ("publisher", "government", "news", "advocacy", "blog"):
        assert counts[kind] == sum(1 for s in sources if s["kind"] == kind)
    # every outlet that is not the publisher itself is credited, with its count
    outlets = {}
    for s in sources:
        if s["kind"] != "publisher":
            outlets[s["outlet"]] = outlets.get(s["outlet"], 0) + 1
    for outlet, n in outlets.items():
        assert f"{outlet} ({n})" in report["credit"]
    # the same in the other formats
    table = pic(*AGGREGATES[name]).stdout
    assert "Credit: Grades and scores" in table and "Figures by kind of source:" in table
    md = pic(*AGGREGATES[name], "--format", "markdown").stdout
    assert report["credit"] in md.replace("\\", "")


def test_the_2023_map_names_its_sources_and_marks_the_grades_resting_on_a_blog(pic, tmp_path):
    out = tmp_path / "map.svg"
    assert pic("map", "-o", str(out)).exit_code == 0
    svg = out.read_text(encoding="utf-8")
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
    report = _json(pic, "map", "--year", "2023")
    weak = [t["postal"] for t in report["tiles"] if t["source"] and t["source"]["weak"]]
    assert len(weak) == report["source_kinds"]["blog"] == 39  # CHANGES-v3: 39 of 50 rest on Breitbart alone
    assert "Breitbart News (39)" in desc and "Shared Hope International" in desc
    assert "Figures by kind of source: publisher 6, news 5, blog 39." in desc
    assert ", ".join(weak) in desc
    # a tile resting on a blog carries the mark; one resting on the publisher does not
    tiles = {m.group(1): m.group(2) for m in re.finditer(r"<g><title>([^<]*?):[^<]*</title>(.*?)</g>", svg, re.S)}
    assert "\u00b0" in tiles["Alabama"] and "\u00b0" not in tiles["Tennessee"]


def test_a_figure_resting_on_a_blog_does_not_look_like_one_from_the_publisher(pic):
    rows = {r["jurisdiction"]: r for r in _json(pic, "score", "--all", "--year", "2023")["rows"]}
    assert rows["alabama"]["source"]["kind"] == "blog" and rows["alabama"]["source"]["weak"] is True
    assert rows["tennessee"]["source"]["kind"] == "publisher" and rows["tennessee"]["source"]["weak"] is False
    table = pic("score", "--all", "--year", "2023").stdout
    # one record per jurisdiction (a row, or a block of "Field: value" lines on a narrow terminal)
    records = {name: rec for rec in re.split(r"\n\s*\n", table)
               for name in ("Alabama", "Tennessee") if re.search(rf"\b{name}\b", rec)}
    if set(records) == {"Alabama", "Tennessee"} and records["Alabama"] != records["Tennessee"]:
        assert "(blog)" in records["Alabama"] and "(blog)" not in records["Tennessee"]
    else:
        line = {n: next(ln for ln in table.splitlines() if n in ln) for n in ("Alabama", "Tennessee")}
        assert "(blog)" in line["Alabama"] and "(blog)" not in line["Tennessee"]
    rows_csv = {r["jurisdiction"]: r for r in csv.DictReader(io.StringIO(
        pic("score", "--all", "--year", "2023", "--format", "csv").stdout))}
    assert (rows_csv["alabama"]["source_kind"], rows_csv["alabama"]["source_weak"]) == ("blog", "true")
    assert (rows_csv["tennessee"]["source_kind"], rows_csv["tennessee"]["source_weak"]) == ("publisher", "false")
    card = pic("score", "alabama", "--year", "2023").stdout
    assert "[blog]" in card and "(blog): the published figures rest on a blog" in card


def test_a_revision_is_shown_beside_the_figure(pic):
    report = _json(pic, "score", "kansas", "--year", "2015")
    assert (report["published"]["score"], report["published"]["grade"]) == (80.5, "B")
    (c,) = report["published"]["conflicts"]
    assert c["kind"] == "revision" and c["figures"] == ["score", "grade"] and "78" in c["note"]
    assert report["source"]["conflicts"] == [c]
    table = pic("score", "kansas", "--year", "2015").stdout
    published = table.index("Published: 80.5, B")
    assert table.index("Revised (score, grade)") > published
    history = pic("history", "kansas").stdout
    assert re.search(r"2015 .*published !", history) and "Kansas 2015: Revised (score, grade)" in history


def test_history_lists_each_source_once(pic):
    out = pic("history", "tennessee").stdout
    urls = re.findall(r"^Source: .*<(\S+)>$", out, re.M)
    assert urls and len(urls) == len(set(urls))
    # WGNS stands behind three editions: one line names them all
    assert re.search(r"^Source: 2011, 2012, 2013: WGNS radio", out, re.M)
    report = _json(pic, "history", "tennessee")
    assert len({s["url"] for s in report["sources"]}) == len(report["sources"])


def test_published_ranks_are_the_sources_own(pic):
    report = _json(pic, "score", "tennessee", "--year", "2017")
    assert report["published"]["rank"] == 1
    assert "ranked 1 nationally by its source" in pic("score", "tennessee", "--year", "2017").stdout
    rows = {r["jurisdiction"]: r for r in _json(pic, "score", "--all", "--year", "2025")["rows"]}
    assert rows["maryland"]["published_rank"] == 1 and rows["connecticut"]["published_rank"] == 32
    assert rows["mississippi"]["published_rank"] is None  # no source states one: never derived


def test_credit_counts_the_publishers_own_releases_apart(pic, data_copy: Path):
    # Toy: make every 2019 profile rest on one news outlet but Mississippi's (the publisher's card).
    changed = 0
    for path in (data_copy / "states").glob("*/2019.yaml"):
        text = path.read_text(encoding="utf-8")
        if "generated by" in text:
            text = re.sub(r"^  kind: \w+$", "  kind: news", text, flags=re.M)
            text = re.sub(r"^  outlet: .*$", "  outlet: \"The Daily Toy\"", text, flags=re.M)
            path.write_text(text, encoding="utf-8")
            changed += 1
    report = _json(pic, "score", "--all", "--year", "2019", "--data", str(data_copy))
    n = len(report["rows"])
    # the hand-written profiles keep their own sources (Kansas 2019: a newspaper's account of its card)
    assert report["credit"].startswith("Grades and scores: Shared Hope International report cards, from Shared "
                                       "Hope International's own releases and cards (1); as reported by ")
    assert f"The Daily Toy ({changed})" in report["credit"]
    assert report["source_kinds"]["news"] == n - 1 and report["source_kinds"]["publisher"] == 1
