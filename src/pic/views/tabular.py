"""The flat table behind CSV and Markdown (`Tabular`), and the pieces every report's rows
share: provenance cells, source notes, ranges, the cell format, the Markdown columns shown.

Each report kind's own rows (its columns, fixed and documented in the README, so pipelines
can rely on their order) are in its module, `pic.reports.<kind>`; a report's nested detail
is joined into a cell with "; ".
"""

from __future__ import annotations

from pic.core.records import Record, set_field
from typing import TYPE_CHECKING, Any

from pic.core.numbers import fmt, fmt_range

if TYPE_CHECKING:  # a record is a dataclass created without generated code (pic.core.records)
    from dataclasses import dataclass as record
else:
    from pic.core.records import record


@record(frozen=True, slots=True)
class Tabular(Record):
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    notes: tuple[str, ...] = ()

    def __init__(self, title: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]], notes: tuple[str, ...] = ()) -> None:
        set_field(self, "title", title)
        set_field(self, "columns", columns)
        set_field(self, "rows", rows)
        set_field(self, "notes", notes)


class Cited(str):
    """A note on where a report's figures come from (a source, a credit line, a conflict
    between sources): Markdown lists it under Sources, apart from the other notes. A type,
    not a wording, decides it, so rewording a note never moves it."""

    __slots__ = ()


def newest_note(r: dict[str, Any]) -> tuple[str, ...]:
    """The newer edition a report does not show, named first (SPEC: current by default)."""
    n = r.get("newest_edition")
    if not n:
        return ()
    graded = f", graded {n['grade']}" if n.get("grade") else ""
    return (f"Newest edition: {n['year']}, {n['framework_title']}{graded}, with no findings recorded; this report "
            f"shows {r['year']}, the newest edition with findings (older advice).",)


def join(items: list[str]) -> str:
    return "; ".join(items)


# Provenance columns, appended to each report's own (so earlier columns keep their place).
SOURCE_COLUMNS = ("source_kind", "source_weak", "published_rank", "source_conflicts")


def provenance_cells(src: dict[str, Any] | None, rank: Any) -> tuple[Any, ...]:
    """source_kind, source_weak (the figures rest only on a blog or aggregator), the rank a
    source states, and any disagreement or revision about the figures."""
    if not src:
        return (None, None, rank, None)
    conflicts = join([f"{c['kind']} ({', '.join(c['figures'])}): {c['note']}" for c in src.get("conflicts") or []])
    return (src.get("kind"), src.get("weak"), rank, conflicts or None)


def provenance_notes(r: dict[str, Any]) -> list[str]:
    """The credit line, the figures per kind of source and every conflict, as notes."""
    notes: list[str] = [Cited(n) for n in (r.get("credit"), r.get("source_kinds_note")) if n]
    notes += [Cited(f"{c['name']} {c['year']}, {c['kind']} ({', '.join(c['figures'])}): {c['note']}")
              for c in r.get("conflicts") or []]
    return notes


def source_note(src: dict[str, Any]) -> list[str]:
    """A single figure's source as notes: the source with its kind, corroborating sources, a
    weak-source mark and conflicts."""
    from pic.views.reports import WEAK_NOTE, source_label

    notes = [f"Source: {source_label(src)}"]
    if src.get("also"):
        notes.append("Also stated by: " + " ".join(f"<{u}>" for u in src["also"]))
    if src.get("weak"):
        notes.append(f"The published figures {WEAK_NOTE}.")
    notes += [("Revised" if c["kind"] == "revision" else "Sources disagree") + f" ({', '.join(c['figures'])}): "
              + c["note"] for c in src.get("conflicts") or []]
    cited: list[str] = [Cited(n) for n in notes]
    return cited


def score_phrase(r: dict[str, Any]) -> str:
    """A report's score and grade in words, with no Python `None` in it: "91 of 102.5, grade
    A", "14–101 of 102.5, grade F–A", "66 points (maximum not published), grade D",
    "score not published, grade A*"."""
    if r.get("score") is not None:
        points = cell(r["score"])
    elif r.get("score_min") is not None and r.get("score_max") is not None:
        points = range_text(r["score_min"], r["score_max"])
    else:
        points = None
    if points is None:
        head = "score not published" if r.get("basis") == "published" else "score unknown"
    elif r.get("max_score") is not None:
        head = f"{points} of {cell(r['max_score'])}"
    else:
        head = f"{points} points (maximum not published)"
    if r.get("grade"):
        grade = f"grade {r['grade']}" + ("*" if r.get("grade_inferred") else "")
    elif r.get("grade_min") and r.get("grade_max"):
        grade = f"grade {range_text(r['grade_min'], r['grade_max'])}"
    else:
        grade = "grade not published" if r.get("basis") == "published" else "grade unknown"
    return f"{head}, {grade}"


def range_text(lo: Any, hi: Any) -> str:
    return cell(lo) if lo == hi else f"{cell(lo)}–{cell(hi)}"


def flat(value: Any) -> Any:
    """A list as one cell ("a; b"); everything else as it is."""
    return join([str(v) for v in value]) if isinstance(value, list) else value


def scale_notes(scales: list[dict[str, Any]]) -> list[str]:
    return [f"Grade scale of {s['framework']} (inferred): {s['basis']}" for s in scales if s["inferred"]]


def diff_summary(summary: dict[str, int]) -> str:
    """ "3 rose, 1 fell, 10 unchanged, 36 unknown" """
    return ", ".join(f"{summary[k]} {k}" for k in ("rose", "fell", "unchanged", "unknown"))


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def readable(chosen: tuple[tuple[str, str], ...], t: Tabular) -> tuple[tuple[int, str], ...]:
    """The columns (index, header) a Markdown report shows: CSV carries every column for
    programs; a Markdown report is read by people, so it shows the columns `chosen` (a
    report kind's `markdown`), under headers that name their units. Columns empty in every
    row are left out."""
    pairs = [(t.columns.index(c), h) for c, h in chosen if c in t.columns] if chosen else \
        [(i, c) for i, c in enumerate(t.columns)]
    chosen_names = {t.columns[i] for i, _ in pairs}

    def shown(i: int) -> bool:
        # a column empty in every row is still shown where its rows hold a range (score_min,
        # score_max) that no column of its own shows: Markdown prints the range in it
        name = f"{t.columns[i]}_min"
        lo = t.columns.index(name) if name in t.columns and name not in chosen_names else None
        return any(row[i] not in (None, "") or (lo is not None and row[lo] not in (None, "")) for row in t.rows)

    return tuple((i, h) for i, h in pairs if shown(i)) or tuple(pairs)


# -- shared by the rows of explain and whatif


def fmt_cell(x: Any) -> str:
    return fmt(x) if x is None or isinstance(x, (int, float)) else str(x)


def score_span(x: dict[str, Any]) -> str:
    """A score, or its range where the findings leave it open."""
    if x["score"] is not None or x.get("score_min") is None:
        return fmt_cell(x["score"])
    return fmt_range(x["score_min"], x["score_max"])


def grade_span(x: dict[str, Any]) -> str:
    if x["grade"] is not None or x.get("grade_min") is None:
        return fmt_cell(x["grade"])
    return f"{x['grade_min']}–{x['grade_max']}"


def section_change(b: dict[str, Any], a: dict[str, Any]) -> tuple[Any, Any]:
    """A section's change, least and most; (None, None) when a side is not known at all."""
    if b["score"] is not None and a["score"] is not None:
        return a["score"] - b["score"], a["score"] - b["score"]
    blo, bhi, alo, ahi = b.get("score_min"), b.get("score_max"), a.get("score_min"), a.get("score_max")
    if blo is None or bhi is None or alo is None or ahi is None:
        return None, None
    return max(0, alo - bhi), ahi - blo


