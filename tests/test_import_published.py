"""scripts/import_published.py on toy tables: the provenance columns of version 3 become
profile fields pic loads, and a cell the script cannot word or check stops the run."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from pic.core.load import DataTree

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "import_published.py"
COLUMNS = ["year", "framework", "jurisdiction", "score", "grade", "sections", "note", "source", "inferred",
           "rank", "source_kind", "source_title", "also", "conflicts"]
PIC = "Protected Innocence Challenge"


def _row(**cells: str) -> dict[str, str]:
    row = {c: "" for c in COLUMNS}
    row.update({"year": "2016", "framework": PIC, "jurisdiction": "Louisiana", "source_kind": "news",
                "source": "https://bangordailynews.com/2016/11/18/story/",
                "source_title": "Bangor Daily News, 18 Nov 2016"})
    row.update(cells)
    return row


def _run(tmp_path: Path, rows: list[dict[str, str]]) -> subprocess.CompletedProcess[str]:
    table = tmp_path / "table.csv"
    with table.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    root = tmp_path / "data"
    root.mkdir(exist_ok=True)
    return subprocess.run([sys.executable, str(SCRIPT), str(table), "--root", str(root)],
                          capture_output=True, text=True, timeout=60)


def test_provenance_columns_become_profile_fields(tmp_path):
    town_talk = "https://www.thetowntalk.com/story/news/2016/11/21/louisiana-ranks-1/94083798/"
    kmuw = "https://www.kmuw.org/crime-and-courts/2016-11-22/report"
    row = _row(score="99.5", grade="A", rank="1",
               note=f"the seven A grades of 2016; score 99.5 and rank 1 per {town_talk} ; rank 1 per {kmuw}",
               source_title="Bangor Daily News, 18 Nov 2016: what the story says, not copied",
               also=f"{kmuw} {kmuw} https://bangordailynews.com/2016/11/18/story/",
               conflicts='The Town Talk gives 99.5 and calls it "A+"; CBN quotes Shared Hope\'s president giving'
                         " 98.5; Shared Hope grades have no plus or minus")
    result = _run(tmp_path, [row])
    assert result.returncode == 0, result.stderr
    path = tmp_path / "data" / "states" / "louisiana" / "2016.yaml"
    tree = DataTree(tmp_path / "data", ROOT / "frameworks")
    profile = tree.profile(path)
    src = profile.source
    assert (src.title, src.kind, src.outlet) == ("Bangor Daily News, 18 Nov 2016", "news", "Bangor Daily News")
    assert src.also == (kmuw,)  # once, and never the source itself
    pub = profile.published
    assert pub is not None and pub.rank == 1 and pub.score == 99.5
    (conflict,) = pub.conflicts
    assert conflict.figures == ("score", "grade") and conflict.kind == "disagreement"
    assert "98.5" in conflict.note and "recorded here" in conflict.note
    # both URLs of the note, exactly and in order
    assert profile.note is not None
    assert profile.note.index(town_talk) < profile.note.index(kmuw)
    # the rank follows the tier in the file, as in the model
    text = path.read_text(encoding="utf-8")
    assert text.index("  rank: 1") < text.index("  conflicts:")


def test_an_edition_read_from_context_is_marked_inferred(tmp_path):
    row = _row(year="2019", jurisdiction="Wisconsin", grade="B", inferred="year",
               note="story dated January 2020, so the 2019 card; year read from the date")
    assert _run(tmp_path, [row]).returncode == 0
    profile = DataTree(tmp_path / "data", ROOT / "frameworks").profile(
        tmp_path / "data" / "states" / "wisconsin" / "2019.yaml")
    assert profile.published is not None and profile.published.is_inferred("year")


@pytest.mark.parametrize("cells, message", [
    ({"source_kind": "newspaper"}, "source_kind 'newspaper' is not one of publisher, government, news"),
    ({"conflicts": "two outlets disagree"}, "no wording for conflict"),
    ({"rank": "first"}, "rank is not a whole number"),
    ({"also": "not-a-url"}, "also: not a URL"),
    ({"note": "a note nobody has worded"}, "no wording for note"),
    ({"conflicts": "the same page also gives 89"}, "the conflict is about 'score', but the row gives no score"),
])
def test_a_cell_the_script_cannot_word_or_check_stops_the_run(tmp_path, cells, message):
    result = _run(tmp_path, [_row(grade="A", **cells)])
    assert result.returncode == 2
    assert message in result.stderr and "table.csv:2" in result.stderr
    assert not (tmp_path / "data" / "states").exists()


def test_the_old_column_set_is_refused(tmp_path):
    table = tmp_path / "table.csv"
    table.write_text(",".join(COLUMNS[:9]) + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(SCRIPT), str(table), "--root", str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "expected columns" in result.stderr
