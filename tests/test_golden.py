"""Whole outputs, pinned: the exact terminal table, CSV, Markdown and JSON for three
kinds of edition (one scored from findings, one published-only, one whose maximum is not
published). A change in any of them is a change users will see: review the diff, then
regenerate with `PIC_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pic import reports

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "findings": ["score", "mississippi", "--year", "2019"],
    "findings-gaps": ["gaps", "mississippi", "--year", "2019"],
    "published-only": ["score", "georgia", "--year", "2023"],
    "unknown-maximum": ["score", "mississippi", "--year", "2025"],
    "partial": ["score", "texas", "--year", "2015"],
    "partial-maine": ["score", "maine", "--year", "2015"],
    "calibrate": ["calibrate"],
    "card-pennsylvania-2012": ["score", "pennsylvania", "--year", "2012"],
    "card-north-carolina-2018": ["gaps", "north-carolina", "--year", "2018"],
    "card-hawaii-2014": ["status", "hawaii", "--year", "2014"],
    "whatif-wiretap": ["whatif", "mississippi", "--year", "2019", "--close", "no wiretap authority"],
    "explain-2.1": ["explain", "mississippi", "2.1", "--year", "2019"],
}
# And every registered report kind, by the registry's example of it (pic.reports), so a
# renderer that moves shows what it changed. `new` and `validate` name files as the
# machine has them (an editable or an installed pic: tests/test_new.py and
# tests/test_validate_integrity.py pin their output).
LOCAL_PATHS = {"new", "validate"}
CASES.update({f"kind-{name}": list(reports.kind(name).example) for name in reports.NAMES if name not in LOCAL_PATHS})
FORMATS = {"table": "txt", "csv": "csv", "markdown": "md", "json": "json"}


def test_every_report_kind_is_pinned():
    pinned = {CASES[case][0] if CASES[case][:2] != ["score", "--all"] else "score --all" for case in CASES}
    for kind in reports.every():
        if kind.name not in LOCAL_PATHS:
            assert " ".join(kind.example[:2]) in pinned or kind.example[0] in pinned, kind.name


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_output_is_exactly_the_golden_file(pic, case, fmt):
    result = pic(*CASES[case], "--format", fmt)
    assert result.exit_code == 0, result.output
    path = GOLDEN / f"{case}.{FORMATS[fmt]}"
    if os.environ.get("PIC_UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: regenerate with PIC_UPDATE_GOLDEN=1"
    assert result.stdout == path.read_text(encoding="utf-8")
