"""Each report as one flat table: the shared shape behind CSV and Markdown output.

Columns are fixed per report kind (documented in the README), so pipelines can rely on
their order; a report's nested detail is joined into a cell with "; ".
"""

from __future__ import annotations

from pic.core.records import Record, set_field
from typing import TYPE_CHECKING, Any

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


def _join(items: list[str]) -> str:
    return "; ".join(items)


# Provenance columns, appended to each report's own (so earlier columns keep their place).
SOURCE_COLUMNS = ("source_kind", "source_weak", "published_rank", "source_conflicts")


def _provenance(src: dict[str, Any] | None, rank: Any) -> tuple[Any, ...]:
    """source_kind, source_weak (the figures rest only on a blog or aggregator), the rank a
    source states, and any disagreement or revision about the figures."""
    if not src:
        return (None, None, rank, None)
    conflicts = _join([f"{c['kind']} ({', '.join(c['figures'])}): {c['note']}" for c in src.get("conflicts") or []])
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


SCORE_COLUMNS = ("jurisdiction", "year", "framework", "section", "title", "score", "max", "grade", "basis",
                 "published_match", "card_title", "published", "published_grade", "published_inferred",
                 "grade_inferred", "score_min", "score_max", "implied_min", "implied_max", "calibrated_min",
                 "calibrated_max", "hypothesis_min", "hypothesis_max", "check") + SOURCE_COLUMNS


def score(r: dict[str, Any]) -> Tabular:
    """One row per section, then the total. `published`/`published_grade` are the publisher's
    figure and issue-area grade for the row; `published_inferred` is true where the research
    infers that figure; `grade_inferred` (total row) where the grade is an inference."""
    pub = r["published"]
    rows: list[tuple[Any, ...]] = [
        (r["jurisdiction"], r["year"], r["framework"], s["id"], s["title"], s["score"], s["max"], "", r["basis"], "",
         s["card_title"], s["published"], s["published_grade"], s["published_inferred"], "", s["score_min"],
         s["score_max"], s["implied_min"], s["implied_max"], s.get("calibrated_min"), s.get("calibrated_max"),
         s.get("hypothesis_min"), s.get("hypothesis_max"), "", None, None, None, None)
        for s in r["sections"]
    ]
    implied = r["implied"]
    rows.append((r["jurisdiction"], r["year"], r["framework"], "total", "Total", r["score"], r["max_score"],
                 r["grade"], r["basis"], r["published_match"], "", pub["score"] if pub else None,
                 pub["grade"] if pub else None, bool(pub and {"score", "grade"} & set(pub["inferred"])),
                 r["grade_inferred"], r["score_min"], r["score_max"], implied["score_min"] if implied else None,
                 implied["score_max"] if implied else None, r.get("calibrated_min"), r.get("calibrated_max"),
                 (r.get("hypothesis") or {}).get("score_min"), (r.get("hypothesis") or {}).get("score_max"),
                 (r.get("check") or {}).get("status", "")) + _provenance(r["source"], pub["rank"] if pub else None))
    notes = source_note(r["source"])
    if r["grade_scale_inferred"]:
        notes.append(f"Grade scale (inferred): {r['grade_scale_basis']}")
    if r["grade_inferred"]:
        notes.append(f"Grade {r['grade']} is an inference ({r['grade_source']}), not printed by the publisher.")
    if pub and pub["inferred"]:
        notes.append(Cited("Published figures the research infers rather than reads off the card: "
                           + _join(pub["inferred"]) + "."))
    if r["unknown_criteria"]:
        notes.append(f"{len(r['unknown_criteria'])} criteria unknown.")
    if r["score"] is None and r["score_min"] is not None:
        notes.append(f"The findings alone (any split) leave the score open: {_range(r['score_min'], r['score_max'])} "
                     f"(grade {_range(r['grade_min'], r['grade_max'])}); an unknown is never counted as met or as zero.")
    if implied:
        notes.append(f"The cards on record allow {_range(implied['score_min'], implied['score_max'])}, "
                     f"grade {_range(implied['grade_min'], implied['grade_max'])}; under pic's own split: "
                     + _join(implied["implications"]) + ".")
    if r["mismatches"]:
        notes.append("Mismatch with published figures: " + _join(r["mismatches"]))
    elif r.get("check") and r["check"]["status"] != "unchecked":
        notes.append(Cited("Published figures: " + r["check"]["text"] + "."))
    if r.get("calibrated"):
        notes.append(r["calibrated"]["text"])
    if r.get("hypothesis"):
        notes.append(r["hypothesis"]["text"] + ".")
    title = f"{r['name']} {r['year']}, {r['framework_title']}: {score_phrase(r)}"
    return Tabular(title, SCORE_COLUMNS, rows, tuple(notes))


RANKING_COLUMNS = ("rank", "jurisdiction", "name", "year", "framework", "score", "max_score", "grade", "basis",
                   "published_match", "tied", "rank_basis", "score_min", "score_max", "implied_score",
                   "implied_grade", "grade_inferred", "published_inferred", "source", "source_url") + SOURCE_COLUMNS \
    + ("rank_source", "rank_min", "rank_max", "ranked_among", "pic_rank", "position")


def pic_rank(row: dict[str, Any]) -> str:
    """pic's own rank as text: "3" where the figures settle it, "1–11" where they leave a range."""
    return _range(row["rank_min"], row["rank_max"])


def ranking(r: dict[str, Any]) -> Tabular:
    rows = [tuple(_flat(row[c]) for c in RANKING_COLUMNS[:RANKING_COLUMNS.index("source")])
            + (row["source"]["title"], row["source"]["url"]) + _provenance(row["source"], row["published_rank"])
            + (row["rank_source"], row["rank_min"], row["rank_max"], row["ranked_among"], pic_rank(row),
               row["position"]) for row in r["rows"]]
    notes = [f"Ranks: {r['rank_note']}.", f"pic's rank: {r['rank_scope']}.", f"Listed {r['order']}."]
    if r.get("year_note"):
        notes.insert(0, f"Year {r['year_note']}.")
    notes += _scale_notes(r["grade_scales"])
    notes.append(Cited(r["figures_note"]))
    notes += provenance_notes(r)
    title = (f"{r['year']}: {len(rows)} edition{'s' if len(rows) != 1 else ''} on record, of {r['jurisdictions']} "
             "jurisdictions")
    return Tabular(title, RANKING_COLUMNS, rows, tuple(notes))


def score_phrase(r: dict[str, Any]) -> str:
    """A report's score and grade in words, with no Python `None` in it: "91 of 102.5, grade
    A", "14–101 of 102.5, grade F–A", "66 points (maximum not published), grade D",
    "score not published, grade A*"."""
    if r.get("score") is not None:
        points = cell(r["score"])
    elif r.get("score_min") is not None and r.get("score_max") is not None:
        points = _range(r["score_min"], r["score_max"])
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
        grade = f"grade {_range(r['grade_min'], r['grade_max'])}"
    else:
        grade = "grade not published" if r.get("basis") == "published" else "grade unknown"
    return f"{head}, {grade}"


def _range(lo: Any, hi: Any) -> str:
    return cell(lo) if lo == hi else f"{cell(lo)}–{cell(hi)}"


def _flat(value: Any) -> Any:
    """A list as one cell ("a; b"); everything else as it is."""
    return _join([str(v) for v in value]) if isinstance(value, list) else value


def _scale_notes(scales: list[dict[str, Any]]) -> list[str]:
    return [f"Grade scale of {s['framework']} (inferred): {s['basis']}" for s in scales if s["inferred"]]


GAPS_COLUMNS = ("jurisdiction", "year", "criterion", "label", "points", "answer", "component", "section",
                "recommendation", "citations", "note", "basis", "inferred", "points_min", "points_max",
                "shared_with", "shared_points", "kind", "implied", "points_basis", "findings_min", "findings_max",
                "hypothesis_min", "hypothesis_max", "indirect", "finding_source", "recommendation_for",
                "recommendation_by")

def _shared_with(g: dict[str, Any]) -> str | None:
    """The other criteria a gap shares its loss with ("6.5.a"); they lose `shared_points` together."""
    if not g["shared_loss"]:
        return None
    return _join([c for c in g["shared_loss"]["criteria"] if c != g["criterion"]])


BASIS_NOTE = ("basis: card (the report card's text states it), statute (read from the statute), published-total "
              "(inferred: read from a published section total, not the card's text), shared-loss (the card names "
              "the weakness; its points are an inferred share of a section's published loss); inferred: true for "
              "the last two.")


POINTS_NOTE = ("points_min/points_max: what closing the gap would gain over every split of its component's points "
               "that the cards on record allow (points: that figure when exact, else empty); findings_min/"
               "findings_max: over every split; hypothesis_min/hypothesis_max: under pic's own split, a hypothesis. "
               "points_basis: component (the criterion carries its component's whole weight), cards (the cards "
               "narrow its share) or open (nothing narrows it).")


RECOMMENDATION_NOTE = ("Recommendations are pic's own wording, not the publisher's (recommendation_by: pic); "
                       "recommendation_for says which case the advice is for: no-law (the state has no such law), "
                       "lacks-element (its law lacks the element) or general.")


def gaps(r: dict[str, Any]) -> Tabular:
    rows = [
        (r["jurisdiction"], r["year"], g["criterion"], g["label"], g["points"], g["answer"], g["component"],
         g["section"], g["recommendation"], _join(g["citations"]), g["note"], g["basis"], g["inferred"],
         g["points_min"], g["points_max"], _shared_with(g), g["shared_loss"]["points"] if g["shared_loss"] else None,
         g["kind"], g["implied"], g.get("points_basis"), g.get("findings_min"), g.get("findings_max"),
         g.get("hypothesis_min"), g.get("hypothesis_max"), g.get("indirect"), g.get("finding_source"),
         g["recommendation_for"], g["recommendation_by"])
        for g in r["gaps"] or []
    ]
    if r["gaps"] is None:
        return Tabular(f"{r['name']} {r['year']}: gaps unknown", GAPS_COLUMNS, rows, (r["unknown_reason"],))
    notes: tuple[str, ...] = (BASIS_NOTE, POINTS_NOTE, RECOMMENDATION_NOTE) if rows else ()
    if any(g["shared_loss"] for g in r["gaps"]):
        notes += ("Gaps that share a loss lose shared_points together, their split unknown: points is the most one "
                  "can cost, points_min the least; do not add the points column up (the title gives the total).",)
    counts = r.get("counts") or {"known": len(rows), "implied": 0, "unknown": 0}
    found = f"{counts['known']} gap{'s' if counts['known'] != 1 else ''}"
    if counts["implied"]:
        found += f", {counts['implied']} implied by published totals"
    if counts["unknown"]:
        found += f", {counts['unknown']} criteri{'a' if counts['unknown'] != 1 else 'on'} unknown"
    return Tabular(f"{r['name']} {r['year']}: {found}; {_range(r['points_at_stake_min'], r['points_at_stake_max'])} "
                   "points at stake", GAPS_COLUMNS, rows, newest_note(r) + notes)


def history(r: dict[str, Any]) -> Tabular:
    cols = ("jurisdiction", "year", "framework", "score", "max_score", "grade", "basis", "framework_changed",
            "grade_inferred", "published_inferred", "source", "source_url") + SOURCE_COLUMNS + (
            "on_record", "score_min", "score_max", "grade_min", "grade_max", "published_score", "published_grade")
    rows: list[tuple[Any, ...]] = [
        (r["jurisdiction"], e["year"], e["framework"], e["score"], e["max_score"], e["grade"], e["basis"],
         e["framework_changed"], e["grade_inferred"], _join(e["published_inferred"]), e["source"]["title"],
         e["source"]["url"]) + _provenance(e["source"], e["published_rank"])
        + (True, e["score_min"], e["score_max"], e["grade_min"], e["grade_max"], e["published_score"],
           e["published_grade"]) for e in r["editions"]]
    rows += [(r["jurisdiction"], m["year"], m["framework"], None, None, None, "missing", None, None, None, None, None,
              None, None, None, None, False, None, None, None, None, None, None) for m in r.get("missing") or []]
    rows.sort(key=lambda row: row[1])
    notes = tuple(_scale_notes(r["grade_scales"])) + (Cited(r["figures_note"]),) + tuple(provenance_notes(r))
    if r.get("missing"):
        notes = (f"Missing: {', '.join(str(m['year']) for m in r['missing'])}: editions published in those years "
                 "are not on record for this state (basis missing, on_record false).",) + notes
    return Tabular(f"{r['name']}: every edition on record", cols, rows, notes)


def diff_summary(summary: dict[str, int]) -> str:
    """ "3 rose, 1 fell, 10 unchanged, 36 unknown" """
    return ", ".join(f"{summary[k]} {k}" for k in ("rose", "fell", "unchanged", "unknown"))


def _labels(gaps: list[dict[str, Any]] | None) -> str:
    """A gap list as one cell: "unknown" (no findings on a side) stays apart from "" (none)."""
    return "unknown" if gaps is None else _join([g["label"] for g in gaps])


def comparison(r: dict[str, Any]) -> Tabular:
    cols = ("status", "jurisdiction", "before_year", "before_framework", "before_score", "before_grade",
            "after_year", "after_framework", "after_score", "after_grade", "score_change", "grade_steps",
            "comparable", "gaps_closed", "gaps_opened", "before_grade_inferred", "after_grade_inferred",
            "before_source", "after_source", "score_change_min", "score_change_max", "gaps_possibly_closed",
            "gaps_possibly_opened", "before_source_kind", "after_source_kind", "before_source_weak",
            "after_source_weak", "same_framework", "direction", "gaps_known", "before_score_min",
            "before_score_max", "after_score_min", "after_score_max")
    rows: list[tuple[Any, ...]] = []
    for s in r["states"]:
        b, a = s["before"], s["after"]
        rows.append(("both", s["jurisdiction"], b["year"], b["framework"], b["score"], b["grade"], a["year"],
                     a["framework"], a["score"], a["grade"], s["score_change"], s["grade_steps"], s["comparable"],
                     _labels(s["gaps_closed"]), _labels(s["gaps_opened"]),
                     b["grade_inferred"], a["grade_inferred"], b["source"]["title"], a["source"]["title"],
                     s["score_change_min"], s["score_change_max"], _labels(s["gaps_possibly_closed"]),
                     _labels(s["gaps_possibly_opened"]), b["source"]["kind"], a["source"]["kind"],
                     b["source"]["weak"], a["source"]["weak"], s["same_framework"], s["direction"],
                     s["gaps_closed"] is not None, b["score_min"], b["score_max"], a["score_min"], a["score_max"]))
    for x in r["only_in_a"]:
        rows.append(("only_in_a", x["jurisdiction"], x["year"], x["framework"], x["score"], x["grade"],
                     "", "", "", "", "", "", "", "", "", x["grade_inferred"], "", x["source"]["title"], "", "", "", "",
                     "", x["source"]["kind"], "", x["source"]["weak"], "", "", "", "", x["score_min"], x["score_max"],
                     "", ""))
    for x in r["only_in_b"]:
        rows.append(("only_in_b", x["jurisdiction"], "", "", "", "", x["year"], x["framework"], x["score"],
                     x["grade"], "", "", "", "", "", "", x["grade_inferred"], "", x["source"]["title"], "", "", "", "",
                     "", x["source"]["kind"], "", x["source"]["weak"], "", "", "", "", "", x["score_min"],
                     x["score_max"]))
    notes: tuple[str, ...] = (r["warning"],) if r["warning"] else ()
    if r.get("comparable_pairs"):
        notes += ("To compare like with like: " + "; ".join(p["command"] for p in r["comparable_pairs"]) + ".",)
    if r.get("summary"):
        notes += (diff_summary(r["summary"]) + f" ({r['summary_note']}).",)
    if any(s["gaps_closed"] is None for s in r["states"]):
        notes += ("Gaps closed or opened: \"unknown\" where a side has no findings recorded (gaps_known false); "
                  "empty means none.",)
    notes += (Cited(r["figures_note"]),) + tuple(provenance_notes(r))
    return Tabular(f"Changes from {r['a']['label']} to {r['b']['label']}", cols, rows, notes)


def validation(r: dict[str, Any]) -> Tabular:
    cols = ("severity", "file", "line", "column", "key", "message")
    rows = [("error", p["file"], p["line"], p["column"], p["key"], p["message"]) for p in r["problems"]]
    rows += [("warning", p["file"], p["line"], p["column"], p["key"], p["message"]) for p in r["warnings"]]
    verdict = "all valid" if r["ok"] else f"{len(r['problems'])} problem{'s' if len(r['problems']) != 1 else ''}"
    n = r["files_checked"]
    return Tabular(f"Validation of {n} file{'s' if n != 1 else ''}: {verdict}", cols, rows)


def tile_map(r: dict[str, Any]) -> Tabular:
    cols = ("postal", "jurisdiction", "name", "year", "grade", "score", "basis", "row", "col", "grade_inferred",
            "published_inferred", "source", "source_url") + SOURCE_COLUMNS + (
            "on_record", "grade_min", "grade_max", "published_grade")
    rows = [(t["postal"], t["jurisdiction"], t["name"], r["year"], t["grade"], t["score"], t["basis"], t["row"],
             t["col"], t["grade_inferred"] if t["grade"] else None, _join(t["published_inferred"]),
             t["source"]["title"] if t["source"] else None, t["source"]["url"] if t["source"] else None)
            + _provenance(t["source"], t["published_rank"])
            + (t["on_record"], t["grade_min"], t["grade_max"], t["published_grade"]) for t in r["tiles"]]
    notes = ([f"Year {r['year_note']}."] if r.get("year_note") else []) + _scale_notes(r["grade_scales"])
    notes.append(Cited(r["figures_note"]))
    notes += provenance_notes(r)
    return Tabular(f"Grades {r['year']}", cols, rows, tuple(notes))


def frameworks(r: dict[str, Any]) -> Tabular:
    cols = ("id", "title", "publisher", "first_year", "last_year", "max_score", "extra_credit", "grade_scale",
            "sections", "criteria", "grade_scale_inferred", "section_titles")
    rows = [(f["id"], f["title"], f["publisher"], f["first_year"], f["last_year"], f["max_score"],
             f["extra_credit"], _join([f"{b['grade']} {b['min']}" for b in f["grade_scale"]]), len(f["sections"]),
             f["criteria"], f["grade_scale_inferred"], _join([section_titles(s) for s in f["sections"]]))
            for f in r["frameworks"]]
    notes = [f"Grade scale of {f['id']} (inferred): {f['grade_scale_basis']}" for f in r["frameworks"]
             if f["grade_scale_inferred"]]
    from pic.views.reports import confidence_note

    notes += [f"{f['id']}: {n} components {k}: {confidence_note(k)}" for f in r["frameworks"]
              for k, n in f["confidence"].items()]
    return Tabular("Frameworks", cols, rows, tuple(notes))


def section_titles(s: dict[str, Any]) -> str:
    """pic's short title, and the card's own heading beside it where recorded."""
    card = f' (card: "{s["card_title"]}")' if s.get("card_title") else ""
    return f"{s['id']} {s['title']}{card}"


def new_profile(r: dict[str, Any]) -> Tabular:
    cols = ("path", "framework", "criteria", "carried_from")
    return Tabular(f"New profile {r['path']}", cols, [tuple(r[c] for c in cols)], tuple(r["next_steps"]))


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
