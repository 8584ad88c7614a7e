"""`pic score STATE`: one edition's report card, and its check against the published figures."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.reports import Note, Report, ReportKind, Result

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.core.select import Chosen
    from pic.views.tabular import Tabular


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


def rows(r: Report) -> Tabular:
    from pic.views import tabular

    return tabular.score(r)


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
