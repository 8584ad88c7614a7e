"""`pic score STATE`: one edition's report card, and its check against the published figures."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.reports import Note, Report, ReportKind, Result
from pic.views.tabular import Cited, SOURCE_COLUMNS, Tabular, join, provenance_cells, range_text, score_phrase, source_note

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.core.select import Chosen


def build(tree: DataTree, state: str, year: str | int | None = None, fail_under: str | None = None,
          with_context: bool = False) -> Result:
    """The card of one edition. `with_context`: the one-file state report instead (the card
    with its gaps and history around it), what `pic score STATE -o FILE.html` writes."""
    from pic.core import gates
    from pic.core.score import score_profile
    from pic.core.select import load_edition
    from pic.views import reports

    threshold = gates.parse_threshold(fail_under) if fail_under is not None else None
    chosen = load_edition(tree, state, year)
    card = score_profile(chosen.framework, chosen.profile)
    if threshold is not None:
        gates.check_threshold(threshold, [card])
    notes: tuple[Note, ...] = ()
    if card.published_match is False:
        notes = (Note("computed figures differ from the published ones: " + "; ".join(card.mismatches)),)
    report = reports.scorecard(card, chosen)
    failure = None
    if threshold is not None and (why := gates.falls_short(card, threshold)):
        failure = f"--fail-under {threshold}: {why}"
    if with_context:
        return Result(STATE_REPORT, state_report(tree, chosen, report), notes, failure)
    return Result(KIND, report, notes, failure)


SCORE_COLUMNS = ("jurisdiction", "year", "framework", "section", "title", "score", "max", "grade", "basis",
                 "published_match", "card_title", "published", "published_grade", "published_inferred",
                 "grade_inferred", "score_min", "score_max", "implied_min", "implied_max", "calibrated_min",
                 "calibrated_max", "hypothesis_min", "hypothesis_max", "check") + SOURCE_COLUMNS


def rows(r: dict[str, Any]) -> Tabular:
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
                 (r.get("check") or {}).get("status", "")) + provenance_cells(r["source"], pub["rank"] if pub else None))
    notes = source_note(r["source"])
    if r["grade_scale_inferred"]:
        notes.append(f"Grade scale (inferred): {r['grade_scale_basis']}")
    if r["grade_inferred"]:
        notes.append(f"Grade {r['grade']} is an inference ({r['grade_source']}), not printed by the publisher.")
    if pub and pub["inferred"]:
        notes.append(Cited("Published figures the research infers rather than reads off the card: "
                           + join(pub["inferred"]) + "."))
    if r["unknown_criteria"]:
        notes.append(f"{len(r['unknown_criteria'])} criteria unknown.")
    if r["score"] is None and r["score_min"] is not None:
        notes.append(f"The findings alone (any split) leave the score open: {range_text(r['score_min'], r['score_max'])} "
                     f"(grade {range_text(r['grade_min'], r['grade_max'])}); an unknown is never counted as met or as zero.")
    if implied:
        notes.append(f"The cards on record allow {range_text(implied['score_min'], implied['score_max'])}, "
                     f"grade {range_text(implied['grade_min'], implied['grade_max'])}; under pic's own split: "
                     + join(implied["implications"]) + ".")
    if r["mismatches"]:
        notes.append("Mismatch with published figures: " + join(r["mismatches"]))
    elif r.get("check") and r["check"]["status"] != "unchecked":
        notes.append(Cited("Published figures: " + r["check"]["text"] + "."))
    if r.get("calibrated"):
        notes.append(r["calibrated"]["text"])
    if r.get("hypothesis"):
        notes.append(r["hypothesis"]["text"] + ".")
    title = f"{r['name']} {r['year']}, {r['framework_title']}: {score_phrase(r)}"
    return Tabular(title, SCORE_COLUMNS, rows, tuple(notes))


def terminal(r: Report) -> list[Any]:
    from pic.render import terminal as term

    return term.scorecard(r)


def figure(r: Report, fmt: str) -> str:
    if fmt == "svg":
        from pic.render import svg

        return svg.score_card_svg(r)
    from pic.render import html

    return html.score_card_html(r)


MARKDOWN = (("section", "#"), ("title", "Section"), ("card_title", "Heading on the card"),
            ("score", "Score (points)"), ("calibrated_min", "Cards allow, least"),
            ("calibrated_max", "Cards allow, most"), ("score_min", "Findings alone, least"),
            ("score_max", "Findings alone, most"), ("hypothesis_min", "pic's split, least"),
            ("hypothesis_max", "pic's split, most"),
            ("max", "Max (points)"), ("grade", "Grade"), ("published", "Published (points)"))

KIND = ReportKind("score", "score STATE", ("score", "mississippi", "--year", "2019"), rows, MARKDOWN, terminal,
                  figure=figure)


# What `pic score STATE -o FILE.html` writes: the card with its gaps and history around it.
# Not a command of its own, and not in the registry: its JSON, CSV and Markdown are the
# `score` report's; only its figure is larger.


def state_report(tree: DataTree, chosen: Chosen, score_report: Report) -> Report:
    """The card, the gaps and the history of one state. The gaps are those `pic gaps` would
    list: this edition's, or, when it has no findings, the newest edition's with findings,
    marked as older."""
    from pic.core import editions
    from pic.core.score import find_gaps, score_profile
    from pic.core.select import EditionRef, choose
    from pic.views import reports

    profile = chosen.profile
    in_tree = profile.jurisdiction in tree.jurisdictions() and profile.year in tree.years(profile.jurisdiction)
    source = chosen
    if profile.findings is None and in_tree:
        from pic.core.jurisdictions import resolve

        source = choose(tree, EditionRef(place=resolve(profile.jurisdiction)), need_findings=True)
    gaps_report = None
    if source.profile.findings is not None:
        card = score_profile(source.framework, source.profile)
        gaps_report = reports.gaps(card, find_gaps(source.framework, source.profile), source)
    found = editions.history(tree, profile.jurisdiction) if in_tree else []
    history_report = reports.history(profile.jurisdiction, found, editions.missing_years(tree, profile.jurisdiction)) \
        if found else None
    return {"score": score_report, "gaps": gaps_report, "history": history_report}


def _state_rows(r: Report) -> Tabular:
    return rows(r["score"])


def _state_terminal(r: Report) -> list[Any]:
    return terminal(r["score"])


def _state_figure(r: Report, fmt: str) -> str:
    if fmt == "svg":
        from pic.render import svg

        return svg.score_card_svg(r["score"])
    from pic.render import html

    return html.state_report_html(r["score"], r["gaps"], r["history"])


STATE_REPORT = ReportKind("state-report", "score STATE -o FILE.html", ("score", "mississippi", "--format", "html"),
                          _state_rows, MARKDOWN, _state_terminal, figure=_state_figure)
