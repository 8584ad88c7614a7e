"""Issue 18: what pic derives is safe to quote. Each point is pinned on a toy tree (hand
worked figures) and, where the shipped data has a case, on the shipped data too."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from toytree import build, profile


def _json(pic, *args: str):
    result = pic(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _rows(pic, *args: str) -> dict[str, dict]:
    return {r["jurisdiction"]: r for r in _json(pic, "score", "--all", *args)["rows"]}


# 1. Ranks ---------------------------------------------------------------------------------


def _rank_tree(tmp_path: Path, **ranks: int) -> Path:
    # 2001: alabama 9.5 A, alaska A (no score), arizona 9 A, arkansas 7.5 B, california C (no score).
    pubs = {"alabama": {"score": 9.5, "grade": "A"}, "alaska": {"grade": "A"}, "arizona": {"score": 9, "grade": "A"},
            "arkansas": {"score": 7.5, "grade": "B"}, "california": {"grade": "C"}}
    for slug, rank in ranks.items():
        pubs[slug]["rank"] = rank
    return build(tmp_path / "toy", [profile(s, 2001, p) for s, p in pubs.items()])


def test_rank_is_a_range_where_only_a_grade_is_known(pic, tmp_path):
    root = _rank_tree(tmp_path)
    rows = _rows(pic, "--year", "2001", "--data", str(root))
    # alaska's A may be 9 to 10: above alabama's 9.5, or as low as arizona's 9 (a tie shares 2nd).
    assert (rows["alaska"]["rank_min"], rows["alaska"]["rank_max"]) == (1, 2)
    assert (rows["alabama"]["rank_min"], rows["alabama"]["rank_max"]) == (1, 2)
    assert (rows["arizona"]["rank_min"], rows["arizona"]["rank_max"]) == (2, 3)
    # Below every A, the bands settle it.
    assert (rows["arkansas"]["rank_min"], rows["arkansas"]["rank_max"]) == (4, 4)
    assert (rows["california"]["rank_min"], rows["california"]["rank_max"]) == (5, 5)
    # `rank` is quoted only where it is settled, and then says whose it is.
    assert rows["alaska"]["rank"] is None and rows["alaska"]["rank_source"] is None
    assert (rows["arkansas"]["rank"], rows["arkansas"]["rank_source"]) == (4, "pic")
    assert all(r["ranked_among"] == 5 for r in rows.values())
    scope = _json(pic, "score", "--all", "--year", "2001", "--data", str(root))["rank_scope"]
    assert "among the 5 editions on record for 2001, of 51 jurisdictions" in scope


def test_rank_range_in_every_format(pic, tmp_path):
    root = _rank_tree(tmp_path)
    args = ("score", "--all", "--year", "2001", "--data", str(root))
    table = pic(*args).stdout
    assert re.search(r"1–2\s+Alaska", table) and "of 51 jurisdictions" in table
    rows = {r["jurisdiction"]: r for r in csv.DictReader(io.StringIO(pic(*args, "--format", "csv").stdout))}
    assert (rows["alaska"]["rank_min"], rows["alaska"]["rank_max"], rows["alaska"]["pic_rank"]) == ("1", "2", "1–2")
    assert rows["alaska"]["rank"] == ""
    md = pic(*args, "--format", "markdown").stdout
    assert re.search(r"\| 1–2 \| Alaska \|", md) and "of 51 jurisdictions" in md
    for fmt in ("svg", "html"):
        fig = pic(*args, "--format", fmt).stdout
        assert "1–2" in fig and "of 51 jurisdictions" in fig


def test_published_rank_is_shown_as_the_publishers(pic, tmp_path):
    root = _rank_tree(tmp_path, arizona=4)
    rows = _rows(pic, "--year", "2001", "--data", str(root))
    az = rows["arizona"]
    assert (az["rank"], az["rank_source"], az["published_rank"]) == (4, "publisher", 4)
    assert (az["rank_min"], az["rank_max"]) == (2, 3)  # pic's own, among the five on record
    table = pic("score", "--all", "--year", "2001", "--data", str(root)).stdout
    assert "Published #" in table and "the publisher's national rank" in " ".join(table.split())
    assert pic("validate", "--data", str(root)).exit_code == 0


def test_validate_reports_an_order_that_contradicts_a_published_rank(pic, tmp_path):
    # Arizona (9) published 1st, though alabama's 9.5 must rank ahead of it.
    root = _rank_tree(tmp_path, arizona=1, alabama=2)
    # the publisher's rank against the figures on record: a disagreement among sources, reported
    # as a warning (as published figures that disagree are), not a broken file
    report = json.loads(pic("validate", "--data", str(root), "--format", "json").stdout)
    hits = [w for w in report["warnings"] if w["file"].endswith("states/arizona/2001.yaml")]
    assert hits and hits[0]["key"] == "published.rank" and "published rank 1" in hits[0]["message"]
    out = " ".join(pic("validate", "--data", str(root)).output.split())
    assert "states/arizona/2001.yaml" in out and "published rank 1" in out


def test_profile_rank_field_is_checked(pic, tmp_path):
    root = build(tmp_path / "toy", [profile("alabama", 2001, {"score": 9.5, "grade": "A", "rank": "first"})])
    result = pic("validate", "--data", str(root))
    assert result.exit_code == 1 and "rank" in result.output


def test_shipped_ranks_never_contradict_the_published_ones(pic):
    for year in (2018, 2019, 2021, 2023, 2025):
        for r in _rows(pic, "--year", str(year)).values():
            assert r["rank_min"] <= r["rank_max"] <= r["ranked_among"]
            if r["published_rank"] is not None:
                # pic ranks a subset of the nation: at most as many ahead as the publisher counts
                assert r["rank_min"] <= r["published_rank"], (year, r["jurisdiction"])
                assert (r["rank"], r["rank_source"]) == (r["published_rank"], "publisher")
            elif r["rank"] is not None:
                assert r["rank_source"] == "pic" and r["rank_min"] == r["rank_max"] == r["rank"]
    rows = _rows(pic, "--year", "2019")
    a_grade_only = [r for r in rows.values() if r["grade"] == "A" and r["score"] is None]
    a_count = sum(1 for r in rows.values() if r["grade"] == "A")
    assert a_grade_only and all((r["rank_min"], r["rank_max"]) == (1, a_count) for r in a_grade_only)


# 6. diff: unknown is not "no change"; nothing sold across frameworks --------------------

OTHER = {**__import__("toytree").FRAMEWORK, "id": "other", "title": "Other Framework", "short_title": "Other",
         "years": {"first": 2010}}


def _diff_tree(tmp_path: Path) -> Path:
    return build(tmp_path / "toy", [
        # 2001: alabama published only (B), alaska findings 7.5 B; arizona findings 5 C
        profile("alabama", 2001, {"grade": "B"}),
        profile("alaska", 2001, findings={"1.1.a": "yes", "1.1.b": "no", "2.1.a": "yes"}),
        profile("arizona", 2001, findings={"1.1.a": "yes", "1.1.b": "yes", "2.1.a": "no"}),
        # 2002: alabama findings 10 A (rose), alaska 7.5 again (unchanged), arizona B with no score (unknown)
        profile("alabama", 2002, findings={"1.1.a": "yes", "1.1.b": "yes", "2.1.a": "yes"}),
        profile("alaska", 2002, findings={"1.1.a": "yes", "1.1.b": "no", "2.1.a": "yes"}),
        profile("arizona", 2002, {"grade": "C"}),
        # 2010, 2011: another framework
        profile("alabama", 2010, {"score": 2, "grade": "F"}, framework="other"),
        profile("alabama", 2011, {"score": 4, "grade": "F"}, framework="other"),
    ], [__import__("toytree").FRAMEWORK, OTHER])


def test_diff_keeps_unknown_apart_from_no_change(pic, tmp_path):
    root = _diff_tree(tmp_path)
    d = _json(pic, "diff", "2001", "2002", "--data", str(root))
    st = {s["jurisdiction"]: s for s in d["states"]}
    # alabama: 2001 has no findings, so the gap lists are unknown (null), not empty
    assert st["alabama"]["gaps_closed"] is None and st["alabama"]["gaps_opened"] is None
    assert st["alabama"]["comparable"] is False and st["alabama"]["same_framework"] is True
    assert "2001" in st["alabama"]["gaps_note"]
    # alaska: findings on both sides and nothing changed: empty lists, comparable
    assert st["alaska"]["gaps_closed"] == [] and st["alaska"]["comparable"] is True
    assert d["summary"] == {"rose": 1, "fell": 0, "unchanged": 1, "unknown": 1}
    assert (st["alabama"]["direction"], st["alaska"]["direction"], st["arizona"]["direction"]) == \
        ("rose", "unchanged", "unknown")
    rows = {r["jurisdiction"]: r for r in csv.DictReader(io.StringIO(
        pic("diff", "2001", "2002", "--data", str(root), "--format", "csv").stdout))}
    assert rows["alabama"]["gaps_known"] == "false" and rows["alaska"]["gaps_known"] == "true"
    md = pic("diff", "2001", "2002", "--data", str(root), "--format", "markdown").stdout
    assert re.search(r"^\| Alabama .*\| unknown \|", md, re.M) or re.search(r"\| alabama .*\| unknown \|", md)
    assert "1 rose, 0 fell, 1 unchanged, 1 unknown" in md
    table = " ".join(pic("diff", "2001", "2002", "--data", str(root)).stdout.split())
    assert "1 rose, 0 fell, 1 unchanged, 1 unknown" in table and "unknown for" in table


def test_diff_across_frameworks_sells_no_grade_steps(pic, tmp_path):
    root = _diff_tree(tmp_path)
    args = ("diff", "2002", "2010", "--data", str(root))
    d = _json(pic, *args)
    assert d["comparable"] is False and d["summary"] is None
    assert all(s["grade_steps"] is None and s["grade_steps_min"] is None for s in d["states"])
    assert {"a": 2010, "b": 2011, "command": "pic diff 2010 2011"} in d["comparable_pairs"]
    assert {"a": 2001, "b": 2002, "command": "pic diff 2001 2002"} in d["comparable_pairs"]
    rows = list(csv.DictReader(io.StringIO(pic(*args, "--format", "csv").stdout)))
    assert all(r["grade_steps"] == "" for r in rows)
    md = pic(*args, "--format", "markdown").stdout
    assert "Grade steps" not in md and "pic diff 2010 2011" in md
    result = pic(*args)
    assert result.stdout.count("different frameworks") == 1
    assert "pic diff 2010 2011" in result.stdout


def test_shipped_diff_2018_2019_has_unknown_gaps(pic):
    d = _json(pic, "diff", "2018", "2019", "mississippi")
    ms = d["states"][0]
    assert ms["gaps_closed"] is None and ms["comparable"] is False
    d = _json(pic, "diff", "2019", "2023")
    assert all(s["grade_steps"] is None for s in d["states"])
    assert any(p["command"] == "pic diff 2021 2023" for p in d["comparable_pairs"])


def test_a_note_the_report_carries_is_said_once_on_a_terminal(monkeypatch, capsys):
    from pic.cli import Output

    out = Output()
    monkeypatch.setattr(Output, "_to_terminal", lambda self: True)
    out.note("said in the table too", carried=True)
    out.note("only here")
    err = capsys.readouterr().err
    assert "said in the table too" not in err and "only here" in err
    monkeypatch.setattr(Output, "_to_terminal", lambda self: False)
    out.note("said in the table too", carried=True)
    assert "said in the table too" in capsys.readouterr().err


# 2. compare carries the marks and ranges of `score` -------------------------------------


def _compare_tree(tmp_path: Path) -> Path:
    return build(tmp_path / "toy", [
        # alabama: a partial profile (1.1.b and 2.1.a unknown) with only a published grade, B
        profile("alabama", 2001, {"grade": "B"},
                findings={"1.1.a": "yes", "1.1.b": "unknown", "2.1.a": "unknown"}),
        # alaska: a published grade the research infers
        profile("alaska", 2001, {"grade": "A", "inferred": ["grade"]}),
    ])


def test_compare_shows_ranges_and_inference_marks_in_every_format(pic, tmp_path):
    root = _compare_tree(tmp_path)
    args = ("compare", "alabama", "alaska", "--year", "2001", "--data", str(root))
    d = _json(pic, *args)
    st = {s["jurisdiction"]: s for s in d["states"]}
    al, ak = st["alabama"], st["alaska"]
    # the findings leave a range (what it is depends on the splits the cards allow, pic's
    # calibration); compare shows it, never a blank
    lo, hi = al["score_min"], al["score_max"]
    assert al["score"] is None and lo is not None and hi is not None and lo < hi
    assert (al["grade_min"], al["grade_max"]) != (None, None) and al["published"]["grade"] == "B"
    assert all(sec["score"] is not None or sec["score_min"] is not None for sec in al["sections"])
    span = f"{lo:g}–{hi:g}"
    assert ak["grade"] == "A" and ak["grade_inferred"] is True and ak["grade_source"] == "research-inferred"
    table = pic(*args).stdout
    assert re.search(r"Total\s+10\s+" + re.escape(span), table) and "A*" in table and "inferred" in table
    assert re.search(r"Published\s+B", table)
    rows = list(csv.DictReader(io.StringIO(pic(*args, "--format", "csv").stdout)))
    total = {r["jurisdiction"]: r for r in rows if r["section"] == "total"}
    assert (total["alabama"]["score_min"], total["alabama"]["score_max"]) == (f"{lo:g}", f"{hi:g}")
    assert total["alaska"]["grade_inferred"] == "true"
    md = pic(*args, "--format", "markdown").stdout
    assert re.search(r"\| Alabama \| total \| Total \| " + re.escape(span) + r" \|", md)
    assert re.search(r"\| Alaska \| total \| Total \|.*\| A\\\* \|", md)
    for fmt in ("svg", "html"):
        fig = pic(*args, "--format", fmt).stdout
        assert span in fig and "(inferred)" in fig


def test_shipped_compare_keeps_tennessee_2018_inferred_and_partial_ranges(pic):
    st = {s["jurisdiction"]: s for s in _json(pic, "compare", "tn", "fl", "ms", "--year", "2018")["states"]}
    assert st["tennessee"]["grade_inferred"] is True
    md = pic("compare", "tn", "fl", "ms", "--year", "2018", "--format", "markdown").stdout
    assert re.search(r"\| Tennessee \| total .*\| A\\\* \|", md)
    st = {s["jurisdiction"]: s for s in _json(pic, "compare", "tx", "me", "--year", "2015")["states"]}
    for s in st.values():
        assert s["score_min"] is not None and s["score_max"] is not None and s["published"]["grade"]
        assert all(sec["score_min"] is not None for sec in s["sections"])
    table = pic("compare", "tx", "me", "--year", "2015").stdout
    assert "—" not in table.split("Total")[1].splitlines()[0]


# 7. no Python None in any output -----------------------------------------------------------


def test_no_python_none_in_any_text_output(pic, tmp_path):
    root = _compare_tree(tmp_path)
    commands = [("score", "alabama", "--year", "2001"), ("score", "alaska", "--year", "2001"),
                ("score", "--all", "--year", "2001"), ("history", "alabama"), ("map", "--year", "2001"),
                ("compare", "alabama", "alaska", "--year", "2001"), ("gaps", "alabama", "--year", "2001"),
                ("status", "alabama", "--year", "2001")]
    for args in commands:
        for fmt in ("table", "markdown", "csv", "svg", "html"):
            result = pic(*args, "--format", fmt, "--data", str(root))
            assert result.exit_code == 0, (args, fmt, result.output)
            assert not re.search(r"\bNone\b", result.stdout), (args, fmt)
    for args in (("score", "texas", "--year", "2015"), ("score", "mississippi", "--year", "2025"),
                 ("score", "tennessee", "--year", "2018")):
        md = pic(*args, "--format", "markdown").stdout
        assert "None" not in md.splitlines()[0], md.splitlines()[0]


# 8. map, history and status say what is on record ----------------------------------------


def _history_tree(tmp_path: Path) -> Path:
    return build(tmp_path / "toy", [
        profile("alabama", 2001, {"score": 9.5, "grade": "A"}),
        # 2002 and 2003 are not on record
        profile("alabama", 2004, {"grade": "B"}, findings={"1.1.a": "yes", "1.1.b": "unknown", "2.1.a": "unknown"}),
        profile("alabama", 2005, {"score": 5, "grade": "C"}),
        profile("alaska", 2004, {"grade": "A", "inferred": ["grade"]}),
    ])


def test_history_shows_missing_editions_and_partial_profiles(pic, tmp_path):
    root = _history_tree(tmp_path)
    d = _json(pic, "history", "alabama", "--data", str(root))
    assert [m["year"] for m in d["missing"]] == [2002, 2003]
    partial = next(e for e in d["editions"] if e["year"] == 2004)
    assert partial["published_grade"] == "B" and partial["grade"] in (None, "B")
    lo, hi = partial["score_min"], partial["score_max"]
    assert lo is not None and hi is not None and lo < hi
    table = pic("history", "alabama", "--data", str(root)).stdout
    assert re.search(r"2002\s+Toy\s+—\s+—\s+missing", table)
    # the partial edition shows a grade: its own, or beside its range the publisher's
    assert ("B published" in table) if partial["grade"] is None else re.search(r"^2004\s+Toy\s+.*\sB\s", table, re.M)
    assert "?" not in table.splitlines()[1]
    rows = list(csv.DictReader(io.StringIO(pic("history", "alabama", "--data", str(root), "--format", "csv").stdout)))
    assert [(r["year"], r["on_record"]) for r in rows] == [("2001", "true"), ("2002", "false"), ("2003", "false"),
                                                           ("2004", "true"), ("2005", "true")]
    md = pic("history", "alabama", "--data", str(root), "--format", "markdown").stdout
    assert re.search(r"\| 2002 \| toy .*\| missing \|", md)
    assert re.search(r"\| 2004 \| toy \| " + re.escape(f"{lo:g}–{hi:g}") + r" \|", md)
    svg = pic("history", "alabama", "--data", str(root), "--format", "svg").stdout
    # no line across the missing years: 2001 stands alone, 2004-2005 are joined
    assert svg.count("<polyline") == 1 and "No edition on record for 2002" in svg


def test_map_shows_a_partial_profile_as_on_record(pic, tmp_path):
    root = _history_tree(tmp_path)
    d = _json(pic, "map", "--year", "2004", "--data", str(root))
    al = next(t for t in d["tiles"] if t["jurisdiction"] == "alabama")
    assert al["on_record"] is True and al["published_grade"] == "B" and al["grade"] in (None, "B")
    table = pic("map", "--year", "2004", "--data", str(root)).stdout
    assert "2 of 51 jurisdictions on record" in table and "AK A*" in table
    assert ("AL B~" if al["grade"] is None else "AL B") in table
    svg = pic("map", "--year", "2004", "--data", str(root), "--format", "svg").stdout
    assert ("AL ~" in svg) if al["grade"] is None else True
    assert "no edition on record" not in svg.split("Alabama")[1][:80]


def test_map_reads_at_60_and_40_columns(pic):
    for cols in ("60", "40"):
        out = pic("map", "--year", "2023", env={"COLUMNS": cols}).stdout
        assert all(len(line) <= int(cols) for line in out.splitlines()), cols
        assert "TN" in out and "MS" in out


def test_shipped_map_and_history_hold_the_partial_2015_profiles(pic):
    tiles = {t["jurisdiction"]: t for t in _json(pic, "map", "--year", "2015")["tiles"]}
    for slug in ("texas", "maine"):
        assert tiles[slug]["on_record"] and tiles[slug]["published_grade"]
    out = pic("history", "tx").stdout
    assert "15 ?" not in out and "15 A" in out
    ms = _json(pic, "history", "ms")
    on_record = {e["year"] for e in ms["editions"]}
    assert all(m["year"] not in on_record for m in ms["missing"])


def test_status_counts_answers_read_from_published_totals(pic, tmp_path):
    root = build(tmp_path / "toy", [profile("alabama", 2001, {"score": 10}, findings={
        "1.1.a": "yes", "1.1.b": {"answer": "yes", "basis": "published-total", "note": "section total"},
        "2.1.a": "yes"})])
    d = _json(pic, "status", "alabama", "--year", "2001", "--data", str(root))
    assert d["answered"] == 3 and d["answered_from_totals"] == 1
    table = " ".join(pic("status", "alabama", "--year", "2001", "--data", str(root)).stdout.split())
    assert "1 of them from published totals" in table
    ms = _json(pic, "status", "ms", "--year", "2019")
    basis = sum(s["by_basis"].get("published-total", 0) for s in ms["sections"])
    assert ms["answered_from_totals"] == basis


# 9. The edges -------------------------------------------------------------------------------


def test_fail_under_values_are_checked(pic, tmp_path):
    root = _rank_tree(tmp_path)
    base = ("score", "alabama", "--year", "2001", "--data", str(root))
    assert pic(*base, "--fail-under", "A").exit_code == 0
    for bad in ("E", "excellent", "200", "10.5", "-5"):  # toy maximum: 10
        result = pic(*base, f"--fail-under={bad}")
        assert result.exit_code == 2, (bad, result.output)
    assert pic(*base, "--fail-under", "10").exit_code == 1  # 9.5, under 10
    assert pic(*base, "--fail-under", "0").exit_code == 0


def test_an_all_gate_says_one_line_per_row(pic, tmp_path):
    root = _rank_tree(tmp_path)
    result = pic("score", "--all", "--year", "2001", "--data", str(root), "--fail-under", "A", "-q")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0] == "pic: error: --fail-under A: 2 of 5 rows fall short"
    assert {line.split(": ", 2)[2].split()[0] for line in lines[1:]} == {"--fail-under"}
    assert sorted(line.split()[4] for line in lines[1:]) == ["arkansas", "california"]


def test_output_that_cannot_be_written_is_exit_3(pic, tmp_path):
    missing = pic("score", "ms", "-o", str(tmp_path / "no-such-dir" / "x.svg"))
    assert missing.exit_code == 3 and "does not exist" in missing.stderr
    target = tmp_path / "x.svg"
    target.write_text("keep")
    again = pic("score", "ms", "-o", str(target))
    assert again.exit_code == 3 and "--force" in again.stderr and target.read_text() == "keep"


def test_score_with_two_states_points_to_compare(pic):
    result = pic("score", "ms", "al")
    assert result.exit_code == 2 and "pic compare ms al" in result.stderr


def test_explain_takes_a_gap_label_as_whatif_does(pic, tmp_path):
    shipped = pic("explain", "ms", "wiretap", "--year", "2019")
    assert shipped.exit_code == 0 and "6.3" in shipped.stdout
    root = _compare_tree(tmp_path)
    toy = pic("explain", "alabama", "buyers left out", "--year", "2001", "--data", str(root))
    assert toy.exit_code == 0 and "1.1" in toy.stdout
    nothing = pic("explain", "alabama", "zzzz", "--year", "2001", "--data", str(root))
    assert nothing.exit_code == 2 and "no gap label of it matches" in nothing.stderr


def test_whatif_plan_is_a_table_on_a_wide_terminal(pic):
    out = pic("whatif", "me", "--year", "2015", env={"COLUMNS": "300"}).stdout
    plan = out[out.index("Plan"):]
    assert "Gap:" not in plan and "Pts:" not in plan
    assert re.search(r"\+2\.5\s+no wiretap authority\s+6\.3\.a", plan)


def test_grades_have_distinct_terminal_colours_and_the_map_uses_the_figures_palette():
    from pic.render import terminal
    from pic.render.figure import PALETTE

    styles = [terminal.GRADE_STYLES[g] for g in "ABCDF"]
    assert len(set(styles)) == 5
    for grade, fill in zip("ABCDF", PALETTE):
        assert fill in terminal._tile_style(grade)


# 5. Recommendations fit the state's facts, in pic's words ---------------------------------


def test_recommendation_follows_what_the_profile_says_is_missing(pic, tmp_path):
    fw = json.loads(json.dumps(__import__("toytree").FRAMEWORK))
    crit = fw["sections"][0]["components"][0]["criteria"][1]  # 1.1.b: does the law reach buyers?
    crit["recommendation_no_law"] = "Enact a law that reaches buyers."
    root = build(tmp_path / "toy", [
        profile("alabama", 2001, findings={"1.1.a": "yes", "2.1.a": "yes",
                                           "1.1.b": {"answer": "no", "basis": "card", "gap_kind": "no-law",
                                                     "note": "no such law"}}),
        profile("alaska", 2001, findings={"1.1.a": "yes", "2.1.a": "yes",
                                          "1.1.b": {"answer": "no", "basis": "card", "gap_kind": "lacks-element",
                                                    "note": "the law leaves buyers out"}}),
        profile("arizona", 2001, findings={"1.1.a": "yes", "1.1.b": "yes", "2.1.a": "no"}),
    ], [fw])
    assert pic("validate", "--data", str(root)).exit_code == 0

    def gap(slug: str, cid: str) -> dict:
        d = _json(pic, "gaps", slug, "--year", "2001", "--data", str(root))
        return next(g for g in d["gaps"] if g["criterion"] == cid)

    al, ak, az = gap("alabama", "1.1.b"), gap("alaska", "1.1.b"), gap("arizona", "2.1.a")
    assert (al["recommendation"], al["recommendation_for"]) == ("Enact a law that reaches buyers.", "no-law")
    assert (ak["recommendation"], ak["recommendation_for"]) == ("Extend the law to buyers.", "lacks-element")
    assert (az["recommendation"], az["recommendation_for"]) == ("Create a fund.", "general")
    assert al["recommendation_by"] == ak["recommendation_by"] == "pic"
    table = pic("gaps", "alabama", "--year", "2001", "--data", str(root)).stdout
    assert "pic's recommendation" in table and "Enact a law that reaches buyers." in table
    md = pic("gaps", "alabama", "--year", "2001", "--data", str(root), "--format", "markdown").stdout
    assert "What to enact (pic\\'s wording)" in md or "What to enact (pic's wording)" in md
    html = pic("gaps", "alabama", "--year", "2001", "--data", str(root), "--format", "html").stdout
    assert "Enact a law that reaches buyers." in html
    bad = build(tmp_path / "bad", [profile("alabama", 2001, findings={
        "1.1.a": "yes", "2.1.a": "yes", "1.1.b": {"answer": "no", "gap_kind": "nothing", "note": "x"}})], [fw])
    assert pic("validate", "--data", str(bad)).exit_code == 1


def test_maine_2015_is_not_told_to_amend_a_racketeering_law_it_does_not_have(pic):
    d = _json(pic, "gaps", "me", "--year", "2015")
    g = next(g for g in d["gaps"] if g["criterion"] == "1.4.a")
    assert g["recommendation_for"] == "no-law" and g["recommendation"].startswith("Enact")
    assert "in the racketeering law" not in g["recommendation"]


# 8. Smaller untruths ------------------------------------------------------------------------


def test_unknown_extra_credit_is_unknown_not_zero(pic, tmp_path):
    fw = json.loads(json.dumps(__import__("toytree").FRAMEWORK))
    fw["extra_credit"] = None
    root = build(tmp_path / "toy", [profile("alabama", 2001, {"score": 9.5, "grade": "A"})], [fw])
    assert pic("validate", "--data", str(root)).exit_code == 0
    assert _json(pic, "score", "alabama", "--year", "2001", "--data", str(root))["extra_credit"] is None
    fws = _json(pic, "frameworks", "--data", str(root))["frameworks"]
    assert fws[0]["extra_credit"] is None
    assert "extra credit unknown" in pic("frameworks", "--data", str(root)).stdout
    jlm = next(f for f in _json(pic, "frameworks")["frameworks"] if f["id"] == "just-like-me")
    assert jlm["extra_credit"] is None
    rows = list(csv.DictReader(io.StringIO(pic("frameworks", "--format", "csv").stdout)))
    assert next(r for r in rows if r["id"] == "just-like-me")["extra_credit"] == ""


def test_shipped_texts_say_what_the_sources_say(tree):
    jlm = tree.framework("just-like-me")
    assert "two score" not in (jlm.grade_scale_basis or "")
    tn = tree.profile(tree.profile_path("tennessee", 2018))
    assert "2022" in tn.source.title and "on the 2018" not in tn.source.title
    ms = tree.profile(tree.profile_path("mississippi", 2019))
    assert "names ten weaknesses" not in (ms.reading or "")
    assert all("ten weaknesses" not in g.note for g in ms.shared_losses)
    q = tree.framework("pic").criteria["5.3.b"].question
    assert "promoting prostitution" in q and "other offences" not in q


def test_a_printed_grade_that_moved_up_is_a_rise_even_where_a_score_is_open(pic):
    """Mississippi 2018 is a published B with no score; 2019 a published A (91, by the
    findings). Whatever the cut-offs, a grade up the one scale is a higher score: "rose",
    not "unknown", although the findings alone would allow a C in 2019."""
    import json

    states = {s["jurisdiction"]: s for s in json.loads(pic("diff", "2018", "2019", "-f", "json").stdout)["states"]}
    assert states["mississippi"]["direction"] == "rose"
    assert states["kentucky"]["direction"] == "unknown"  # B and B, no scores: it may have moved in the band
