"""Machine output: JSON validates against the published schemas, CSV has the documented
columns, Markdown is a table, and the gates and exit codes hold."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
import xml.etree.ElementTree as ET

import pytest
from jsonschema import Draft202012Validator

from pic import reports
from pic.core.load import builtin_root

# Each report's CSV columns as first published. Columns are only ever appended after these
# (README: "New columns are only ever added at the end, so `cut -d, -f…` keeps working"), so a
# script that reads them by position keeps working; the full header is the README's table.
FIRST_COLUMNS = {
    "score": ["jurisdiction", "year", "framework", "section", "title", "score", "max",
                                         "grade", "basis", "published_match"],
    "ranking": ["rank", "jurisdiction", "name", "year", "framework", "score",
                                                       "max_score", "grade", "basis", "published_match"],
    "gaps": ["jurisdiction", "year", "criterion", "label", "points", "answer", "component",
                                       "section", "recommendation", "citations", "note"],
    "history": ["jurisdiction", "year", "framework", "score", "max_score", "grade",
                                             "basis", "framework_changed"],
    "diff": ["status", "jurisdiction", "before_year", "before_framework", "before_score",
                                        "before_grade", "after_year", "after_framework", "after_score", "after_grade",
                                        "score_change", "grade_steps", "comparable", "gaps_closed", "gaps_opened"],
    "validate": ["severity", "file", "line", "column", "key", "message"],
    "map": ["postal", "jurisdiction", "name", "year", "grade", "score", "basis", "row",
                                        "col"],
    "frameworks": ["id", "title", "publisher", "first_year", "last_year", "max_score",
                                    "extra_credit", "grade_scale", "sections", "criteria"],
    "explain": ["jurisdiction", "year", "component", "criterion", "question",
                                                    "points", "answer", "earned", "citations", "note"],
    "whatif": ["jurisdiction", "year", "kind", "criterion", "label", "points", "section", "before", "after", "max",
                "grade"],
    "compare": ["jurisdiction", "name", "year", "framework", "section", "title", "score", "max", "grade", "basis"],
    "status": ["jurisdiction", "year", "section", "title", "criteria", "answered", "implied", "unknown",
                "points_answered", "points_implied", "points_unknown", "implication"],
    "calibrate": ["component", "section", "weight", "status", "criterion", "hypothesis", "share_min",
                                  "share_max"],
    "new": ["path", "framework", "criteria", "carried_from"],
}




def _args(kind: str, tmp_path: Path) -> list[str]:
    """The registry's example of a kind (pic.reports): `new` writes into a tree of its own."""
    args = list(reports.kind(kind).example)
    if kind == "new":
        (tmp_path / "tree").mkdir(exist_ok=True)
        args += ["--data", str(tmp_path / "tree"), "--force"]
    return args


COMMANDS = {name: FIRST_COLUMNS[name] for name in reports.NAMES}


def test_every_kind_has_its_first_published_columns():
    assert set(FIRST_COLUMNS) == set(reports.NAMES)


def _schema(kind: str) -> Draft202012Validator:
    path = builtin_root() / "schemas" / f"{kind}.output.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize("kind", sorted(COMMANDS))
def test_json_output_validates_against_its_schema(pic, tmp_path, kind):
    args = _args(kind, tmp_path)
    result = pic(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    errors = list(_schema(kind).iter_errors(data))
    assert not errors, errors[0].message
    assert data["schema_version"] == "1.0"


def _readme_label(kind: str) -> str:
    """How the README's CSV table names a kind's report: its command without placeholders."""
    return " ".join(w for w in reports.kind(kind).command.split() if not w[0].isupper())


README_REPORT = {name: _readme_label(name) for name in reports.NAMES}


def _readme_csv_columns() -> dict[str, list[str]]:
    """The README's CSV table: report -> columns."""
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    table = {}
    for m in re.finditer(r"^\| `([^`]+)` \| `([^`]+)`", text, re.MULTILINE):
        table[m.group(1)] = m.group(2).split(",")
    return table


@pytest.mark.parametrize("kind", sorted(COMMANDS))
def test_csv_output_has_the_documented_columns(pic, tmp_path, kind):
    args, first = _args(kind, tmp_path), COMMANDS[kind]
    result = pic(*args, "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == _readme_csv_columns()[README_REPORT[kind]]
    assert rows[0][:len(first)] == first  # appended only, never reordered
    assert len(rows) > 1 or kind == "validate"  # valid data: a header and no problem rows
    assert all(len(r) == len(rows[0]) for r in rows)


def test_csv_values_are_plain(pic):
    rows = list(csv.DictReader(io.StringIO(pic("score", "--all", "--year", "2019", "--format", "csv").stdout)))
    ms = next(r for r in rows if r["jurisdiction"] == "mississippi")
    assert (ms["score"], ms["grade"], ms["basis"], ms["published_match"]) == ("91", "A", "findings", "true")
    rows = list(csv.DictReader(io.StringIO(pic("gaps", "ms", "--format", "csv", "--year", "2019").stdout)))
    gaps = [g for g in rows if g["kind"] == "known"]
    assert len(gaps) == 15 and len(rows) == 18  # and three unknowns the published totals imply met
    # As the README says, `points` does not add up: under pic's own split (hypothesis_*),
    # plain gaps plus each shared loss once is 102.5 - 91 = 11.5.
    plain = sum(float(g["hypothesis_max"]) for g in gaps if not g["shared_with"])
    groups = {frozenset([g["criterion"], *g["shared_with"].split("; ")]): float(g["shared_points"])
              for g in gaps if g["shared_with"]}
    assert plain == 3 and sorted(groups.values()) == [2.5, 6]  # 2.1.b 0.5, 4.3.a 1.5, 4.3.b 1
    assert plain + sum(groups.values()) == 11.5
    for g in gaps:
        # every gap's points are a range over the splits the cards allow: the exact column is empty
        assert g["points"] == "" and float(g["points_min"]) < float(g["points_max"])
        assert (g["basis"], g["inferred"]) == (("shared-loss", "true") if g["shared_with"] else ("card", "false"))


def test_readme_documents_every_csv_column(pic):
    table = _readme_csv_columns()
    assert set(table) == set(README_REPORT.values())
    for kind, first in COMMANDS.items():
        columns = table[README_REPORT[kind]]
        assert columns[:len(first)] == first, kind  # appended only
        assert len(set(columns)) == len(columns), kind


# Markdown is a report to paste: a heading, a line saying how many rows, and a pipe table
# with the columns a reader needs (every column is in the CSV).
MARKDOWN = {
    "score": ("## Mississippi 2019, Protected Innocence Challenge: 91 of 102.5, grade A", 7,
              ["#", "Section", "Heading on the card", "Score (points)", "Cards allow, least", "Cards allow, most",
               "Findings alone, least", "Findings alone, most", "pic's split, least", "pic's split, most",
               "Max (points)", "Grade", "Published (points)"]),
    "gaps": ("## Mississippi 2019: 15 gaps, 3 criteria unknown; 11.5 points at stake", 18,
             ["Kind", "At stake, least (cards allow)", "At stake, most (cards allow)", "pic's split",
              "Points rest on", "Gap", "Component", "What to enact (pic's wording)", "Basis", "Inferred",
              "Citations"]),
    "ranking": ("## 2023: 50 editions on record, of 51 jurisdictions", 50,
                ["Published rank (publisher's)", "pic's rank (among editions on record)", "Jurisdiction",
                 "Score (points)", "Max (points)", "Grade", "Basis", "Ranked by", "Framework", "Source kind",
                 "Blog only"]),
    "history": ("## Mississippi: every edition on record", 14,  # 12 on record, 2 missing (2012, 2024)
                ["Year", "Framework", "Score (points)", "Max (points)", "Grade", "Published grade", "Basis",
                 "Source", "Source kind", "Blog only"]),
}


MARKDOWN_ARGS = {"ranking": ["score", "--all", "--year", "2023"]}


def _cells(line: str) -> list[str]:
    assert line.startswith("| ") and line.endswith(" |"), line
    return [c.strip() for c in line[1:-1].split(" | ")]


@pytest.mark.parametrize("kind", sorted(MARKDOWN))
def test_markdown_is_a_pipe_table(pic, kind):
    args = MARKDOWN_ARGS.get(kind) or list(reports.kind(kind).example)
    title, count, headers = MARKDOWN[kind]
    out = pic(*args, "--format", "markdown").stdout
    lines = out.splitlines()
    assert lines[0] == title and lines[1] == ""
    assert lines[2] == f"{count} rows; every column is in the CSV output (--format csv)."
    assert _cells(lines[4]) == headers
    assert re.fullmatch(r"\|(---:?\|)+", lines[5]) and lines[5].count("|") == len(headers) + 1
    body = lines[6:6 + count]
    assert all(len(_cells(line)) == len(headers) for line in body)
    assert lines[6 + count] == ""  # the table ends where the count says


def test_fail_under_gates(pic):
    assert pic("score", "mississippi", "--fail-under", "A", "--year", "2019").exit_code == 0
    assert pic("score", "mississippi", "--fail-under", "91", "--year", "2019").exit_code == 0
    gate = pic("score", "mississippi", "--fail-under", "95", "--format", "json", "--year", "2019")
    assert gate.exit_code == 1
    assert json.loads(gate.stdout)["score"] == 91  # the data is still written
    assert "scored 91, under 95" in gate.stderr
    assert pic("score", "mississippi", "--year", "2023", "--fail-under", "C").exit_code == 1
    assert pic("score", "mississippi", "--fail-under", "excellent", "--year", "2019").exit_code == 2


def test_fail_under_with_all_fails_if_any_row_is_under(pic):
    result = pic("score", "--all", "--year", "2019", "--fail-under", "B", "--format", "csv")
    assert result.exit_code == 1
    assert "south-dakota 2019 graded D, under B" in result.stderr
    assert pic("score", "--all", "--year", "2019", "--fail-under", "F").exit_code == 0


def test_exit_codes(pic, data_copy):
    assert pic("score", "mississippi", "--year", "2019").exit_code == 0
    unknown = pic("score", "missisippi")
    assert unknown.exit_code == 2 and "Did you mean: mississippi?" in unknown.stderr
    (data_copy / "states" / "mississippi" / "2019.yaml").write_text("jurisdiction: [unclosed\n", encoding="utf-8")
    broken = pic("score", "mississippi", "--year", "2019", "--data", str(data_copy))
    assert broken.exit_code == 3 and broken.stdout == ""


def test_quiet_silences_notes_but_not_errors(pic, tmp_path):
    loud = pic("diff", "2019", "2023", "--format", "csv")
    assert "different frameworks" in loud.stderr
    quiet = pic("diff", "2019", "2023", "--format", "csv", "--quiet")
    assert quiet.stderr == "" and quiet.stdout == loud.stdout
    assert pic("score", "nowhere", "--quiet").stderr.startswith("pic: error: unknown state")


# Pictures ---------------------------------------------------------------------

def test_score_card_as_svg(pic, tmp_path):
    path = tmp_path / "card.svg"
    result = pic("score", "mississippi", "--year", "2019", "--output", str(path))
    assert result.exit_code == 0 and result.stdout == ""
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = path.read_text(encoding="utf-8")
    assert "Mississippi" in text and "102.5" in text and "2019" in text
    again = pic("score", "mississippi", "--year", "2019", "--output", str(path))
    assert again.exit_code == 3 and "already exists" in again.stderr  # the output cannot be written
    assert path.read_text(encoding="utf-8") == text
    # without --year the card is the newest edition, 2025 (Just Like Me, no published maximum)
    assert pic("score", "mississippi", "--output", str(path), "--force").exit_code == 0
    newest = path.read_text(encoding="utf-8")
    assert "2025" in newest and "102.5" not in newest
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_map_svg_has_50_colored_tiles_for_2023(pic, tmp_path):
    path = tmp_path / "map.svg"
    assert pic("map", "--year", "2023", "--output", str(path)).exit_code == 0
    from collections import Counter

    from pic.render.figure import PALETTE  # the grade fills, best first (A-F)

    ET.parse(path)
    fills = Counter(re.findall(r'<rect[^>]*fill="(#[0-9a-fA-F]{6})"', path.read_text(encoding="utf-8")))
    assert sum(fills[f] for f in PALETTE) == 50 + 5  # 50 graded tiles and the five-grade legend
    tiles = json.loads(pic("map", "--year", "2023", "--format", "json").stdout)["tiles"]
    grades = Counter(t["grade"] for t in tiles if t["grade"])
    assert sum(grades.values()) == 50
    for grade, fill in zip("ABCDF", PALETTE):  # each grade's tiles in its colour, plus its legend swatch
        assert fills[fill] == grades[grade] + 1, grade


def test_html_output_keeps_colors(pic, tmp_path):
    path = tmp_path / "gaps.html"
    assert pic("gaps", "mississippi", "--output", str(path)).exit_code == 0
    html = path.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html>") and "color" in html


def test_output_rejects_other_extensions(pic, tmp_path):
    result = pic("score", "mississippi", "--output", str(tmp_path / "card.png"))
    assert result.exit_code == 2


def test_map_table_reads_without_color(pic):
    out = pic("map", "--year", "2023").stdout
    assert "TN A" in out and "FL B" in out and "DC ·" in out
    assert "\x1b[" not in out


def test_cli_reference_is_current():
    from pathlib import Path

    from pic.clidoc import reference

    doc = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
    assert doc.read_text(encoding="utf-8") == reference(), "run: python -m pic.clidoc > docs/cli.md"


def test_tables_fit_80_columns(pic):
    for args in (["score", "ms"], ["gaps", "ms"], ["history", "ms"], ["diff", "2019", "2023"], ["map", "-y", "2023"],
                 ["score", "--all", "-y", "2023"], ["frameworks"]):
        out = pic(*args, env={"COLUMNS": "80"}).stdout
        long = [line for line in out.splitlines() if len(line.rstrip()) > 80 and not line.startswith(("Source:", "⚠", "Note:", "PIC:", "Only in", "Scores under"))]
        assert not long, (args, long[:2])
