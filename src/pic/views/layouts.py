"""What each report kind without a bespoke figure shows a reader, as a `Layout`.

One function per kind, keyed by kind name in `LAYOUTS`, each reading the report dict the
CLI emits (`schemas/<kind>.output.schema.json`) and choosing what a newspaper would
print: human labels, the figures with their ranges and marks, the notes that explain
the marks, the credit line and the sources. The words are the terminal's
(`pic.render.terminal*`), so a figure says what the CLI says. Each function stands alone,
so it can move into its kind's own module.
"""

from __future__ import annotations

from typing import Any, Callable

from pic.core.numbers import fmt, fmt_range
from pic.views.layout import (Bar, Block, Cell, Facts, Heading, Layout, Para, Role, Source, Span, Table, cell,
                              table)

Report = dict[str, Any]

# The marks and notes the terminal and the figures share (pic.render.terminal imports them).
GAP_BASIS_NOTE = ("basis: card, the report card's text states it; statute, read from the statute. inferred: "
                  "published total, the card's text does not settle it and a published section total does; "
                  "shared loss, the card names the weakness but its points are a share of a section's published "
                  "loss that the card does not split.")
GAP_POINTS_NOTE = ("Pts: the points closing a gap would gain, over every split of its component's points that "
                   "the cards on record allow (the publisher does not publish the split). \"pic split\" is pic's "
                   "own reconstruction of the split, a hypothesis. The header's total is the maximum less the "
                   "score the cards allow; the gaps' own ranges overlap and are not added up.")
GAP_GROUPS = {
    "known": "Known gaps ({n}): the findings answer no",
    "implied": "Implied gaps ({n}): unanswered, but the published totals imply not met (an inference)",
    "unknown": "Unknown ({n}): not yet answered; each may or may not be a gap",
}
GRADE_INFERRED_NOTE = "*: grade inferred, not printed by the publisher."


def ranking_marks(rows: list[dict[str, Any]]) -> list[str]:
    """What the marks in a ranking's rows mean (—, *, †, partial rows, (inferred), (blog), !):
    the same words in the terminal table and in the figure."""
    notes: list[str] = []
    if any(r["rank_basis"] == "grade-only" for r in rows):
        notes.append("\u2014: no score on record; such a row may rank anywhere in its grade band.")
    if any(r["grade_inferred"] for r in rows):
        notes.append(GRADE_INFERRED_NOTE)
    for r in rows:
        if r["rank_basis"] == "implied":
            notes.append(f"\u2020: {r['name']}'s profile is partial: its findings allow {fmt(r['score_min'])}\u2013"
                         f"{fmt(r['score_max'])}; ranked on what its published totals imply (an inference).")
        elif r["rank_basis"] == "range":
            notes.append(f"{r['name']}'s profile is partial: its findings allow {fmt(r['score_min'])}\u2013"
                         f"{fmt(r['score_max'])} and no published total settles it.")
    if any(r["published_inferred"] for r in rows):
        notes.append("(inferred): published figures the research infers rather than reads off the card.")
    if any(r["source"].get("weak") for r in rows):
        notes.append("(blog): figures that rest only on a blog, aggregator or partisan site.")
    if any(r["source"].get("conflicts") for r in rows):
        notes.append("!: sources disagree about a figure, or it was revised (listed below).")
    return notes


def _span(lo: Any, hi: Any) -> Span:
    return Span(lo, hi)


def _figure(x: Report, key: str = "score") -> Span:
    """A score, or the range the findings allow where it is open: never a dash for a known range."""
    if x.get(key) is not None:
        return Span(x[key], x[key])
    return Span(x.get(f"{key}_min"), x.get(f"{key}_max"))


def _text(s: Span) -> str:
    return fmt_range(s.lo, s.hi)


def _signed(x: float) -> str:
    return f"+{fmt(x)}" if x > 0 else fmt(x)


def _signed_span(lo: float, hi: float) -> str:
    return _signed(lo) if lo == hi else f"{_signed(lo)} to {_signed(hi)}"


def _scale(bands: list[Report]) -> str:
    return " \u00b7 ".join(f"{b['grade']} \u2265 {fmt(b['min'])}" if b["min"] else b["grade"] for b in bands)


def _sources(report: Report) -> tuple[Source, ...]:
    out = []
    for s in report.get("sources") or []:
        title = s["title"] + (f" [{s['kind']}]" if s.get("kind") else "")
        out.append(Source(title, s.get("url")))
    return tuple(out)


def _provenance(report: Report) -> list[Para]:
    """Figures per kind of source and every disagreement or revision (the credit line goes
    in the footer)."""
    out = []
    if report.get("source_kinds_note"):
        out.append(Para(report["source_kinds_note"], "muted"))
    for c in report.get("conflicts") or []:
        word = "Revised" if c["kind"] == "revision" else "Sources disagree"
        out.append(Para(f"{c['name']} {c['year']}: {word} ({', '.join(c['figures'])}): {c['note']}", "inferred"))
    return out


def _newest(report: Report) -> list[Block]:
    """The newest edition, named first when an older one is shown (as the terminal does)."""
    n = report.get("newest_edition")
    if not n:
        return []
    figures = " ".join(x for x in (fmt(n["score"]) if n.get("score") is not None else "", n.get("grade") or "") if x)
    return [Para(f"Newest edition: {n['year']}, {n['framework_title']}"
                 + (f", graded {figures}" if figures else "") + " (no findings recorded). Shown below: "
                 f"{report['year']}, {report['framework_title']}, the newest edition with findings "
                 "(older advice; check it against the newer edition).", "warning")]


# --- score --all ---------------------------------------------------------------------

def ranking(report: Report) -> Layout:
    rows = report["rows"]
    has_published = any(r["published_rank"] is not None for r in rows)
    frameworks = {r["framework"] for r in rows}
    one_framework = len(frameworks) == 1
    scored = any(r["score"] is not None or r.get("score_min") is not None or r.get("implied_score") is not None
                 for r in rows)
    score_role: Role = "bar" if scored else "range"
    cols: list[tuple[str, Role]] = [("pic #", "range"), ("Jurisdiction", "text"), ("Score", score_role),
                                    ("Grade", "grade"), ("Basis", "text"), ("Source", "text")]
    if not one_framework:
        cols.append(("Framework", "text"))
    if has_published:
        cols.insert(0, ("Published #", "number"))
    body: list[list[Cell | Any]] = []
    for r in rows:
        if r["rank_basis"] == "implied":
            lo = hi = r["implied_score"]
            score_mark, grade, grade_mark = "\u2020", r["implied_grade"], "\u2020"
        elif r["rank_basis"] == "range":
            lo, hi = r["score_min"], r["score_max"]
            score_mark, grade, grade_mark = "", r["grade"], ""
        else:
            lo = hi = r["score"]
            score_mark, grade, grade_mark = "", r["grade"], ""
        if r["grade_inferred"]:
            grade_mark += "*"
        score: Any = Bar(lo, hi, r["max_score"]) if scored else Span(lo, hi)
        basis = r["basis"] + (" (inferred)" if r["published_inferred"] else "")
        basis += " (blog)" if r["source"].get("weak") else ""
        basis += " !" if r["source"].get("conflicts") else ""
        row: list[Cell | Any] = [Span(r["rank_min"], r["rank_max"]), r["name"], cell(score, score_mark),
                                 cell(grade, grade_mark), basis, r["source"].get("kind") or "\u2014"]
        if not one_framework:
            row.append(r["framework"])
        if has_published:
            row.insert(0, r["published_rank"])
        body.append(row)
    notes = [f"pic #: {report['rank_scope']}; a range where a score is unknown or only a grade is known."]
    if has_published:
        notes.append("Published #: the publisher's national rank, as its profile's source states it.")
    notes.append("Listed by grade band on the framework's own scale, then by score.")
    if scored:
        notes.append("Score: out of the framework's maximum"
                     + ("; a hatched band is the range the findings allow." if any(
                         r["rank_basis"] == "range" for r in rows) else "."))
    notes += ranking_marks(rows)
    notes.append("Source: the kind of source each row's figures rest on (publisher, government, news, advocacy, "
                 "blog).")
    tone_notes = [Para(n, "muted") for n in notes]
    tone_notes += [Para(f"{s['framework']} grade scale inferred, not published: {_scale(s['grade_scale'])}.",
                        "inferred") for s in report["grade_scales"] if s["inferred"]]
    tone_notes.append(Para(report["figures_note"], "muted"))
    tone_notes += _provenance(report)
    subtitle = (f"{len(rows)} edition{'s' if len(rows) != 1 else ''} on record, of {report['jurisdictions']} "
                "jurisdictions" + (f"; framework: {next(iter(frameworks))}" if one_framework and frameworks else ""))
    blocks: list[Block] = []
    if report.get("year_note"):
        blocks.append(Para(f"Year {report['year_note']}.", "muted"))
    blocks.append(table(cols, body, key=cols.index(("Jurisdiction", "text"))))
    return Layout(f"Grades by state, {report['year']}", tuple(blocks), kicker="pic score --all",
                  subtitle=subtitle, notes=tuple(tone_notes), credit=report.get("credit") or "",
                  sources=_sources(report))


# --- gaps ----------------------------------------------------------------------------

def _gap_count(items: list[Report]) -> str:
    known = sum(1 for g in items if g["answer"] != "unknown")
    unknown = len(items) - known
    out = f"{known} gap{'s' if known != 1 else ''}"
    if unknown:
        out += f" and {unknown} criteri{'a' if unknown != 1 else 'on'} unknown"
    return out


def _basis_words(g: Report) -> str:
    """What a gap or answer rests on, and whose its points are (the terminal's marks)."""
    out = []
    basis = g.get("basis")
    if basis is not None:
        out.append(("inferred: " if g.get("inferred") else "basis: ") + basis.replace("-", " "))
    pb = g.get("points_basis")
    if pb is not None:
        words = {"component": "pts: the component's whole weight", "cards": "pts: narrowed by the cards on record",
                 "open": "pts: split unknown"}.get(pb, "")
        lo, hi = g.get("hypothesis_min"), g.get("hypothesis_max")
        if lo is not None and hi is not None and pb != "component":
            words += f"; pic split {fmt_range(lo, hi)}"
        out.append(words)
    return "; ".join(w for w in out if w)


def gaps(report: Report) -> Layout:
    items = report["gaps"]
    name, year = report["name"], report["year"]
    blocks: list[Block] = list(_newest(report))
    kicker = f"{report['framework_title']}, {year}"
    if items is None:
        reason = report["unknown_reason"] or "no findings are recorded"
        blocks += [Para(f"{reason[:1].upper()}{reason[1:]}.", "warning"),
                   Para("This does not mean there are no gaps.", "plain")]
        return Layout(f"{name}: gaps unknown", tuple(blocks), kicker=kicker)
    stake = fmt_range(report["points_at_stake_min"], report["points_at_stake_max"])
    facts = [("Gaps", _gap_count(items)), ("Points at stake", stake)]
    if report.get("score") is not None or report.get("grade"):
        facts.insert(0, ("Score and grade", " ".join(x for x in (fmt(report.get("score"), ""),
                                                                 report.get("grade") or "") if x)))
    blocks.append(Facts(tuple(facts)))
    if not items:
        blocks.append(Para("No gaps: every criterion is met."))
    grouped = len(items) != sum(1 for g in items if g.get("kind", "known") == "known")
    for kind, caption in GAP_GROUPS.items():
        members = [g for g in items if g.get("kind", "known") == kind]
        if not members:
            continue
        rows: list[list[Cell | Any]] = []
        for g in members:
            label = g["label"]
            if g["answer"] == "unknown":
                label += " (unknown" + {"not-met": "; implied not met", "met": "; implied met"}.get(
                    g.get("implied") or "", "") + ")"
            detail = "; ".join(g["citations"]) if g["citations"] else (g.get("note") or "")
            if g.get("indirect"):
                detail += f" Read indirectly, from a report of the card: {g.get('finding_source') or ''}"
            rows.append([cell(Span(g["points_min"], g["points_max"])), cell(label, sub=_basis_words(g)),
                         cell(g["component"], sub=g.get("component_title") or ""),
                         cell(g["recommendation"], sub=detail)])
        blocks.append(table([("Pts", "range"), ("Gap", "text"), ("Component", "text"),
                             ("pic's recommendation", "text")], rows,
                            caption=caption.format(n=len(members)) if grouped else "", key=1))
    notes = [Para("pic's recommendation: pic's own wording, not the publisher's; under it, the citations the "
                  "profile names, or its note where none is named.", "muted")]
    if any(g.get("inferred") for g in items):
        notes.append(Para(GAP_BASIS_NOTE, "muted"))
    if any("points_basis" in g for g in items):
        notes.append(Para(GAP_POINTS_NOTE, "muted"))
    return Layout(f"{name}: what the law lacks", tuple(blocks), kicker=kicker,
                  subtitle=f"{_gap_count(items)}, {stake} points at stake", notes=tuple(notes))


# --- diff ----------------------------------------------------------------------------

def _moved(s: Report) -> str | None:
    """Which way a state moved, in the summary's words; across frameworks, not compared."""
    if not s["same_framework"]:
        return "not compared (frameworks differ)"
    return s.get("direction")


def diff(report: Report) -> Layout:
    a, b = report["a"]["label"], report["b"]["label"]
    blocks: list[Block] = []
    if report.get("warning"):
        blocks.append(Para("\u26a0 " + report["warning"], "warning"))
    if report.get("comparable_pairs"):
        blocks.append(Para("To compare like with like: " + "; ".join(p["command"] for p in report["comparable_pairs"])
                           + "."))
    summary = report.get("summary")
    if summary:
        blocks.append(Facts(tuple((k.capitalize(), str(summary[k])) for k in ("rose", "fell", "unchanged", "unknown"))))
        blocks.append(Para(report["summary_note"].capitalize() + ".", "muted"))
    rows: list[list[Cell | Any]] = []
    for s in report["states"]:
        before, after = s["before"], s["after"]
        if s["score_change"] is not None:
            change = cell(_signed(s["score_change"]) if s["score_change"] else "0")
        elif s.get("score_change_min") is not None and s.get("score_change_max") is not None:
            change = cell(_signed_span(s["score_change_min"], s["score_change_max"]), sub="a range")
        else:
            change = cell(None)
        rows.append([s["name"],
                     cell(before["grade"], "*" if before.get("grade_inferred") else ""), _figure(before),
                     cell(after["grade"], "*" if after.get("grade_inferred") else ""), _figure(after),
                     change, _moved(s)])
    if rows:
        blocks.append(table([("Jurisdiction", "text"), (f"Grade {a}", "grade"), (f"Score {a}", "range"),
                             (f"Grade {b}", "grade"), (f"Score {b}", "range"), ("Score change", "range"),
                             ("Moved", "text")], rows, caption=f"Before ({a}) and after ({b})"))
    unknown = [s for s in report["states"] if s["gaps_closed"] is None and s["same_framework"]]
    if unknown:
        who = (unknown[0]["name"] + f" ({unknown[0]['gaps_note']})" if len(unknown) == 1 else
               f"{len(unknown)} jurisdictions, a side of which has no findings recorded (not none)")
        blocks.append(Para(f"Gaps closed or opened: unknown for {who}.", "inferred"))
    moves: list[list[Cell | Any]] = []
    for s in report["states"]:
        for key, word in (("gaps_closed", "closed"), ("gaps_opened", "opened"),
                          ("gaps_possibly_closed", "possibly closed"), ("gaps_possibly_opened", "possibly opened")):
            for g in s.get(key) or []:
                moves.append([s["name"], word + (" (unknown on one side)" if "possibly" in word else ""),
                              g["label"], g["criterion"], g["points"]])
    if moves:
        blocks.append(table([("Jurisdiction", "text"), ("Change", "text"), ("Gap", "text"), ("Criterion", "text"),
                             ("Pts", "number")], moves, caption="Gaps closed and opened"))
    for key, label in (("only_in_a", a), ("only_in_b", b)):
        if report[key]:
            blocks.append(Para(f"Only in {label} ({len(report[key])}): " + ", ".join(x["name"] for x in report[key])
                               + "."))
    if not report["changed"]:
        blocks.append(Para("No differences."))
    notes = [Para("Score change: after less before; unknown (\u2014) where a score is not on record on a side, "
                  "which is not the same as no change (0).", "muted")]
    if any(s["before"].get("grade_inferred") or s["after"].get("grade_inferred") for s in report["states"]):
        notes.append(Para(GRADE_INFERRED_NOTE, "inferred"))
    weak = sorted({f"{x['name']} {side['year']}" for x in report["states"] for side in (x["before"], x["after"])
                   if side["source"].get("weak")}
                  | {f"{x['name']} {x['year']}" for key in ("only_in_a", "only_in_b") for x in report[key]
                     if x["source"].get("weak")})
    if weak:
        notes.append(Para(f"Figures resting only on a blog, aggregator or partisan site: {', '.join(weak)}.",
                          "inferred"))
    notes.append(Para(report["figures_note"], "muted"))
    notes += _provenance(report)
    return Layout(f"Changes from {a} to {b}", tuple(blocks), kicker="pic diff",
                  subtitle=f"{len(report['states'])} jurisdictions on record in both",
                  notes=tuple(notes), credit=report.get("credit") or "", sources=_sources(report))


# --- validate -------------------------------------------------------------------------

def validate(report: Report) -> Layout:
    n = report["files_checked"]
    files = f"{n} file{'s' if n != 1 else ''}"
    if report["ok"]:
        verdict = f"\u2713 {files} valid"
    else:
        k = len(report["problems"])
        verdict = f"\u2717 {k} problem{'s' if k != 1 else ''} in {files} checked"
    rows: list[list[Cell | Any]] = []
    for kind, items in (("problem", report["problems"]), ("warning", report["warnings"])):
        for p in items:
            where = p["file"] + (f":{p['line']}" if p["line"] is not None else "") + (
                f":{p['column']}" if p["line"] is not None and p["column"] is not None else "")
            rows.append([where, kind, p["key"] or "\u2014", p["message"]])
    blocks: list[Block] = [Para(verdict, "plain" if report["ok"] else "warning")]
    if rows:
        blocks.append(table([("File", "text"), ("Kind", "text"), ("Key", "text"), ("Message", "text")], rows))
    return Layout("Validation", tuple(blocks), kicker="pic validate", subtitle=f"{files} checked")


# --- frameworks -----------------------------------------------------------------------

def frameworks(report: Report) -> Layout:
    from pic.views.reports import confidence_note

    rows: list[list[Cell | Any]] = []
    for f in report["frameworks"]:
        years = f"{f['first_year']}\u2013{f['last_year'] or ''}"
        maximum = fmt(f["max_score"]) + (f" +{fmt(f['extra_credit'])}" if f["extra_credit"] else
                                         " (extra credit unknown)" if f["extra_credit"] is None else "")
        rows.append([f["id"], f["title"], years, maximum,
                     cell(" ".join(f"{b['grade']}\u2265{fmt(b['min'])}" if b["min"] else b["grade"]
                                   for b in f["grade_scale"]), " (inferred)" if f["grade_scale_inferred"] else ""),
                     f["criteria"] or None])
    blocks: list[Block] = [table([("Id", "text"), ("Framework", "text"), ("Years", "text"), ("Max", "text"),
                                  ("Grades", "text"), ("Criteria", "number")], rows, key=1)]
    for f in report["frameworks"]:
        if not f["sections"]:
            continue
        blocks.append(Heading(f"{f['id']}: sections"))
        blocks.append(table([("#", "text"), ("pic's short title", "text"), ("The card's own heading", "text"),
                             ("Max", "number")],
                            [[s["id"], s["title"], s["card_title"] or "\u2014", s.get("max")] for s in f["sections"]],
                            key=1))
        if f["confidence"]:
            blocks.append(Para(" ".join(f"{n} components {k}: {confidence_note(k)}."
                                        for k, n in f["confidence"].items()), "inferred"))
        for pb in f.get("points_basis") or []:
            why = pb["source"]["title"] if pb.get("source") else pb.get("basis") or ""
            blocks.append(Para(f"{pb['kind'].capitalize()}: {pb['what']} ({why})",
                               "muted" if pb["kind"] == "confirmed" else "inferred"))
        for e in f.get("editions") or []:
            years = str(e["first"]) if e["first"] == e["last"] else f"{e['first']}\u2013{e['last']}"
            blocks.append(Para(f"Edition {years}: {e['note'] or ''}", "inferred"))
    notes = []
    if any(f["grade_scale_inferred"] for f in report["frameworks"]):
        notes.append(Para("(inferred): no published cut-offs were found; the scale fits the published score and "
                          "grade pairs. See --format json (grade_scale_basis) for each framework's reasoning.",
                          "inferred"))
    sources = tuple(Source(f["source"]["title"], f["source"].get("url")) for f in report["frameworks"]
                    if f.get("source"))
    return Layout("Frameworks", tuple(blocks), kicker="pic frameworks",
                  subtitle="Their years, maximum scores and grade scales", notes=tuple(notes), sources=sources)


# --- explain --------------------------------------------------------------------------

def explain(report: Report) -> Layout:
    comp, section = report["component"], report["section"]
    with_answers = report["basis"] == "findings"
    blocks: list[Block] = list(_newest(report))
    facts = [("Section", f"{section['id']} {section['title']}"), ("Max points", fmt(comp["max"])),
             ("Confidence", comp["confidence_note"])]
    if with_answers:
        facts.insert(2, ("Points", fmt_range(*_bounds(report))))
    blocks.append(Facts(tuple(facts)))
    if report["basis"] == "published":
        blocks.append(Para(f"No findings are recorded for {report['name']} {report['year']}: the criteria are shown "
                           "without answers.", "inferred"))
        if report.get("published_section_score") is not None:
            blocks.append(Para(f"Published score for section {section['id']}: "
                               f"{fmt(report['published_section_score'])} of {fmt(section['max'])}"))
    cols: list[tuple[str, Role]] = [("Criterion", "text"), ("Share", "range")]
    if with_answers:
        cols += [("Answer", "text"), ("Earned", "range")]
    cols.append(("Question", "text"))
    rows: list[list[Cell | Any]] = []
    for c in report["criteria"]:
        lo, hi = c.get("share_min"), c.get("share_max")
        share = Span(c["points"], c["points"]) if lo is None or hi is None else Span(lo, hi)
        split = "" if lo is None or (lo == hi == c["points"]) else f"pic split {fmt(c['points'])}"
        detail = [f"gap: {c['gap']}"]
        row: list[Cell | Any] = [c["id"], cell(share, sub=split)]
        if with_answers:
            if c["citations"]:
                detail.append("Citations: " + "; ".join(c["citations"]))
            if c["note"]:
                detail.append("Note: " + c["note"])
            row += [cell(c["answer"] or "\u2014", " (review)" if c.get("review") else "", sub=_basis_words(c)),
                    _figure(c, "earned")]
        row.append(cell(c["question"], sub=" \u00b7 ".join(detail)))
        rows.append(row)
    blocks.append(table(cols, rows, caption=f"{comp['id']} {comp['title']}"))
    notes = []
    split = comp.get("split")
    if split:
        words = {"pinned": "the cards on record pin it", "narrowed": "the cards on record narrow it",
                 "free": "no card on record narrows it", "fixed": "a single criterion carries the whole weight"}
        cards = comp.get("split_cards") or []
        notes.append(Para(f"Share: the criterion's part of the component's {fmt(comp['max'])} points over every split "
                          f"the cards allow ({words.get(split, split)}"
                          + (f": {', '.join(cards)}" if cards and split in ("pinned", "narrowed") else "")
                          + "); pic split: pic's own reconstruction, a hypothesis.", "muted"))
    if any(c.get("inferred") for c in report["criteria"]):
        notes.append(Para(GAP_BASIS_NOTE, "muted"))
    if report["jurisdiction"] is not None:
        title = f"{report['name']} {report['year']}: component {comp['id']}"
    else:
        title = f"{report['framework_title']}: component {comp['id']}"
    return Layout(title, tuple(blocks), kicker=f"pic explain \u00b7 {report['framework_title']}",
                  subtitle=comp["title"], notes=tuple(notes))


def _bounds(report: Report) -> tuple[Any, Any]:
    if report.get("score") is not None:
        return report["score"], report["score"]
    return report.get("score_min"), report.get("score_max")


# --- whatif ---------------------------------------------------------------------------

def _gain(b: Report, a: Report) -> str:
    if a.get("gain_min") is not None and a.get("gain_max") is not None:
        lo, hi = a["gain_min"], a["gain_max"]
    elif b["score"] is not None and a["score"] is not None:
        lo = hi = a["score"] - b["score"]
    else:
        return "?"
    if abs(hi - lo) <= 1e-9:
        return _signed(lo) if lo else ""
    return f"+{fmt(lo)}\u2013{fmt(hi)}"


def _grades(x: Report) -> str:
    if x["grade"] is not None or x.get("grade_min") is None:
        return x["grade"] or "\u2014"
    return x["grade_min"] if x["grade_min"] == x["grade_max"] else f"{x['grade_min']}\u2013{x['grade_max']}"


def _pts(g: Report) -> str:
    lo: Any = g.get("points_min", g["points"])
    hi: Any = g.get("points_max", g["points"])
    if lo is None or hi is None:
        return "\u2014"
    return _signed(lo) if lo == hi else f"+{fmt(lo)}\u2013{fmt(hi)}"


def whatif(report: Report) -> Layout:
    before, after = report["before"], report["after"]
    blocks: list[Block] = list(_newest(report))
    asked = bool(report["closed"]) or bool(report["already_met"])
    blocks.append(Facts((("Now", f"{_text(_figure(before))} of {fmt(report['max_score'])}, "
                                 f"grade {_grades(before)}"),
                         ("If closed", f"{_text(_figure(after))}, grade {_grades(after)}")
                         if asked else ("Grade scale", _scale(report["grade_scale"])))))
    if asked and not report["closed"]:
        blocks.append(Para("No gaps closed: everything named is already met.", "inferred"))
    if report["closed"]:
        blocks.append(table([("Pts", "text"), ("Gap", "text"), ("Criterion", "text"), ("Now", "text")],
                            [[_pts(g), cell(g["label"], sub=_basis_words(g)), g["criterion"], g["answer"]]
                             for g in report["closed"]], caption="If these gaps were closed", key=1))
    if asked:
        rows: list[list[Cell | Any]] = [[b["id"], b["title"], _figure(b), _figure(a), b["max"], _gain(b, a)]
                                        for b, a in zip(before["sections"], after["sections"])]
        gained = (report["points_gained_min"], report["points_gained_max"])
        rows.append(["", cell("Total"), _figure(before), _figure(after), report["max_score"],
                     "" if gained[0] is None or gained[1] is None else
                     (_signed(gained[0]) if gained[0] == gained[1] else f"+{fmt(gained[0])}\u2013{fmt(gained[1])}")])
        blocks.append(table([("#", "text"), ("Section", "text"), ("Before", "range"), ("After", "range"),
                             ("Max", "number"), ("Change", "range")], rows, caption="Before and after", key=1))
    blocks += _plan(report)
    notes = []
    if report.get("grade_scale_inferred"):
        notes.append(Para(f"Grades on an inferred scale, not published: {_scale(report['grade_scale'])}.", "inferred"))
    targets = [report["plan"][k] for k in ("next_grade", "top_grade") if report["plan"] and report["plan"].get(k)]
    if any(g.get("inferred") for g in report["closed"]) or any(g.get("inferred") for t in targets for g in t["gaps"]):
        notes.append(Para(GAP_BASIS_NOTE, "muted"))
    return Layout(f"{report['name']} {report['year']}: what if gaps were closed", tuple(blocks),
                  kicker=f"pic whatif \u00b7 {report['framework_title']}", notes=tuple(notes))


def _plan(report: Report) -> list[Block]:
    p = report["plan"]
    if p is None:
        return [Para("Plan: the framework has no grade scale, so there is no next grade to plan for.", "muted")]
    start = "after closing the gaps above" if report["closed"] else "from the current findings"
    if p.get("from_minimum"):
        start += ", at the lowest score they allow"
    out: list[Block] = [Heading("Plan"), Para(f"Starting {start}: {fmt(p['from_score'])}, grade {p['from_grade']}.")]
    top, nxt = p["top_grade"], p["next_grade"]
    if top["status"] == "reached":
        out.append(Para(f"{report['name']} is already an {top['grade']} ({top['grade']} \u2265 "
                        f"{fmt(top['min_score'])}): no gaps need closing for the top grade."))
        return out
    targets = []
    if nxt is not None and nxt["grade"] != top["grade"]:
        targets.append((nxt, "the next grade"))
    targets.append((top, "the top grade" if nxt is None or nxt["grade"] != top["grade"] else "the next and top grade"))
    for t, what in targets:
        goal = f"To reach {t['grade']} ({what}, {fmt(t['min_score'])} or more): "
        if t["status"] == "unreachable":
            out.append(Para(goal + f"out of reach; closing every open gap gives {fmt(t['score_after'])}."))
            continue
        n = len(t["gaps"])
        goal += (f"close {n} gap{'s' if n != 1 else ''}, {_signed(t['points'])} points \u2192 "
                 f"{fmt(t['score_after'])} under pic's own split (a hypothesis)")
        goal += {"every": "; under every split the cards on record allow, that reaches it",
                 "some": "; under only some of the splits the cards allow does that reach it",
                 "none": "; under no split the cards allow does that reach it"}.get(t.get("calibrated") or "", "")
        out.append(Para(goal + "."))
        if t["gaps"]:
            out.append(table([("Pts", "text"), ("Gap", "text"), ("Criterion", "text"), ("Now", "text")],
                             [[_signed(g.get("sure_gain", g["points"])), cell(g["label"], sub=_basis_words(g)),
                               g["criterion"], g["answer"]] for g in t["gaps"]], key=1))
    return out


# --- status ---------------------------------------------------------------------------

def status(r: Report) -> Layout:
    blocks: list[Block] = []
    title = f"{r['name']} {r['year']}: how complete the profile is"
    kicker = f"pic status \u00b7 {r['framework_title']}"
    if not r["sections"]:
        blocks.append(Para(f"The {r['framework']} framework defines no criteria: this edition records published "
                           "figures only.", "inferred"))
        return Layout(title, tuple(blocks), kicker=kicker)
    if not r["has_findings"]:
        blocks.append(Para("No findings recorded: every criterion is unknown.", "warning"))
    score = fmt_range(r["score_min"], r["score_max"])
    grade = (f" ({r['grade_min']}\u2013{r['grade_max']})" if r["grade_min"] != r["grade_max"]
             else f" ({r['grade_min']})" if r["grade_min"] else "")
    blocks.append(Facts((("Answered", f"{r['answered']} of {r['criteria']}"), ("Implied", str(r["implied"])),
                         ("Unknown", str(r["unknown"])), ("Score the findings allow", score + grade))))
    rows: list[list[Cell | Any]] = [[s["id"], s["title"], s["criteria"], s["answered"], s["answered_from_totals"],
                                     s["implied"], s["unknown"], s["points_unknown"]] for s in r["sections"]]
    rows.append(["", "Total", r["criteria"], r["answered"], r["answered_from_totals"], r["implied"], r["unknown"],
                 r["points_unknown"]])
    blocks.append(table([("#", "text"), ("Section", "text"), ("Criteria", "number"), ("Answered", "number"),
                         ("From totals", "number"), ("Implied", "number"), ("Unknown", "number"),
                         ("Pts unknown", "number")], rows, key=1))
    notes = [Para(f"{r['answered']} of {r['criteria']} criteria answered ({r['answered_from_totals']} of them from "
                  f"published totals) \u00b7 {r['implied']} more implied by published totals \u00b7 {r['unknown']} "
                  "unknown.", "muted"),
             Para(f"Score the findings alone allow (any split of the points): {score}{grade}.", "muted")]
    if r["implied_min"] is not None and (r["implied_min"], r["implied_max"]) != (r["score_min"], r["score_max"]):
        notes.append(Para("Over the splits the cards on record allow (calibrated): "
                          f"{fmt_range(r['implied_min'], r['implied_max'])}.", "inferred"))
    if r["answered_from_totals"]:
        notes.append(Para(f"From totals: {r['answered_from_totals']} answers are read from the publisher's section "
                          "totals (basis published-total), not from the card's text: an inference.", "inferred"))
    messages = [s["implication"]["message"] for s in r["sections"] if s["implication"]]
    if r["rest"]:
        messages.append(r["rest"]["message"])
    if messages:
        notes.append(Para("Implied by the publisher's figures under pic's own split (an inference, not a finding):",
                          "inferred"))
        notes += [Para(m, "inferred") for m in messages]
    return Layout(title, tuple(blocks), kicker=kicker, notes=tuple(notes))


# --- calibrate ------------------------------------------------------------------------

def calibrate(r: Report) -> Layout:
    from pic.views.calibration import STATUS_WORDS, notes as calibration_notes

    rows: list[list[Cell | Any]] = []
    for c in r["components"]:
        if c["status"] == "fixed":
            continue
        shares = ", ".join(f"{k['id']} {fmt_range(k['share_min'], k['share_max'])} ({fmt(k['hypothesis'])})"
                           for k in c["criteria"])
        rows.append([c["id"], cell(c["status"], " \u2717 pic split" if not c["hypothesis_allowed"] else ""),
                     shares, ", ".join(c["cards"]) or "\u2014"])
    n = len(r["cards"])
    blocks: list[Block] = [
        Para("Each component's weight is the framework's; how it splits between the component's criteria is not "
             "published. Every card with findings and published section scores allows only some splits.", "muted"),
        table([("Comp.", "text"), ("Status", "text"), ("Shares the cards allow (pic split)", "text"),
               ("Cards on its section", "text")], rows),
    ]
    notes = [Para(line, "warning" if line.startswith(("Contradiction", "Conflict")) else "muted")
             for line in calibration_notes(r)]
    notes.append(Para("Statuses: " + "; ".join(f"{k}: {v.split(': ', 1)[1]}" for k, v in STATUS_WORDS.items()),
                      "muted"))
    return Layout(r["framework_title"], tuple(blocks), kicker="pic calibrate",
                  subtitle=f"calibrated on {n} card{'s' if n != 1 else ''} on record", notes=tuple(notes))


# --- new ------------------------------------------------------------------------------

def new(r: Report) -> Layout:
    facts = [("File", r["path"]), ("Framework", r["framework"]), ("Criteria", str(r["criteria"]))]
    if r.get("carried_from"):
        facts.append(("Carried over from", str(r["carried_from"])))
    blocks: list[Block] = [Facts(tuple(facts)), Heading("Next steps")]
    blocks += [Para(s) for s in r.get("next_steps") or []]
    return Layout("A new profile to fill in", tuple(blocks), kicker="pic new")


LAYOUTS: dict[str, Callable[[Report], Layout]] = {
    "ranking": ranking, "gaps": gaps, "diff": diff, "validate": validate, "frameworks": frameworks,
    "explain": explain, "whatif": whatif, "status": status, "calibrate": calibrate, "new": new,
}
