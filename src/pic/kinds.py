"""The registry of report kinds: what each command says, in every format.

A command builds one report (a JSON-ready dict from `pic.views`) and names its kind.
The kind knows the report's JSON schema (`schemas/<name>.output.schema.json`), its
flat rows for CSV and Markdown, its terminal rendering and its figure. Adding a command
means adding one `ReportKind` here; mypy checks that every part is given.

Terminal rendering pulls in rich and figures pull in their renderers, so each is reached
through a small function that imports on first use: `pic score ... --format json` never
loads rich.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, NamedTuple

if TYPE_CHECKING:
    from pic.views.tabular import Tabular

Report = dict[str, Any]


class ReportKind(NamedTuple):
    """One kind of report; every field but the figure must be given (mypy checks it)."""

    name: str  # also names schemas/<name>.output.schema.json
    rows: Callable[[Report], Tabular]  # CSV and Markdown
    terminal: Callable[[Report], list[Any]]  # rich renderables for a person at a terminal
    figure: Callable[[Report, str], str] | None = None  # a bespoke SVG or HTML figure; else a table figure


# -- terminal renderers, imported on first use ------------------------------------------


def _score_terminal(r: Report) -> list[Any]:
    from pic.render import terminal

    return terminal.scorecard(r)


def _ranking_terminal(r: Report) -> list[Any]:
    from pic.render import terminal

    return terminal.ranking(r)


def _gaps_terminal(r: Report) -> list[Any]:
    from pic.render import terminal

    return terminal.gaps(r)


def _history_terminal(r: Report) -> list[Any]:
    from pic.render import terminal

    return terminal.history(r)


def _diff_terminal(r: Report) -> list[Any]:
    from pic.render import terminal

    return terminal.comparison(r)


def _validate_terminal(r: Report) -> list[Any]:
    from pic.render import terminal

    return terminal.validation(r)


def _map_terminal(r: Report) -> list[Any]:
    from pic.render import terminal

    return terminal.tile_map(r)


def _frameworks_terminal(r: Report) -> list[Any]:
    from pic.render import terminal

    return terminal.frameworks(r)


def _explain_terminal(r: Report) -> list[Any]:
    from pic.render import terminal_analyst

    return terminal_analyst.explanation(r)


def _whatif_terminal(r: Report) -> list[Any]:
    from pic.render import terminal_analyst

    return terminal_analyst.what_if(r)


def _compare_terminal(r: Report) -> list[Any]:
    from pic.render import terminal_compare

    return terminal_compare.comparison(r)


def _status_terminal(r: Report) -> list[Any]:
    from pic.render import terminal_status

    return terminal_status.status(r)


def _new_terminal(r: Report) -> list[Any]:
    from pic.render import terminal

    return terminal.new_profile(r)


# -- rows for CSV and Markdown -------------------------------------------------------------


def _score_rows(r: Report) -> Tabular:
    from pic.views import tabular

    return tabular.score(r)


def _ranking_rows(r: Report) -> Tabular:
    from pic.views import tabular

    return tabular.ranking(r)


def _gaps_rows(r: Report) -> Tabular:
    from pic.views import tabular

    return tabular.gaps(r)


def _history_rows(r: Report) -> Tabular:
    from pic.views import tabular

    return tabular.history(r)


def _diff_rows(r: Report) -> Tabular:
    from pic.views import tabular

    return tabular.comparison(r)


def _validate_rows(r: Report) -> Tabular:
    from pic.views import tabular

    return tabular.validation(r)


def _map_rows(r: Report) -> Tabular:
    from pic.views import tabular

    return tabular.tile_map(r)


def _calibrate_rows(r: Report) -> Tabular:
    from pic.views import calibration

    return calibration.rows(r)


def _calibrate_terminal(r: Report) -> list[Any]:
    from pic.render import terminal_calibration

    return terminal_calibration.calibration(r)


def _frameworks_rows(r: Report) -> Tabular:
    from pic.views import tabular

    return tabular.frameworks(r)


def _explain_rows(r: Report) -> Tabular:
    from pic.views import tabular_analyst

    return tabular_analyst.explain(r)


def _whatif_rows(r: Report) -> Tabular:
    from pic.views import tabular_analyst

    return tabular_analyst.whatif(r)


def _compare_rows(r: Report) -> Tabular:
    from pic.views import compare

    return compare.rows(r)


def _status_rows(r: Report) -> Tabular:
    from pic.views import status

    return status.rows(r)


def _new_rows(r: Report) -> Tabular:
    from pic.views import tabular

    return tabular.new_profile(r)


# -- figures (--format svg|html, or --output FILE.svg|.html) -----------------------------------


def _score_figure(r: Report, fmt: str) -> str:
    if fmt == "svg":
        from pic.render import svg

        return svg.score_card_svg(r)
    from pic.render import html

    return html.score_card_html(r)


def _state_report_figure(r: Report, fmt: str) -> str:
    """One state in one file: the card, its gaps and its history (pic score STATE -o FILE.html)."""
    if fmt == "svg":
        from pic.render import svg

        return svg.score_card_svg(r["score"])
    from pic.render import html

    return html.state_report_html(r["score"], r["gaps"], r["history"])


def _state_report_rows(r: Report) -> Tabular:
    return _score_rows(r["score"])


def _state_report_terminal(r: Report) -> list[Any]:
    return _score_terminal(r["score"])


def _map_figure(r: Report, fmt: str) -> str:
    if fmt == "svg":
        from pic.render import svg

        return svg.map_svg(r)
    from pic.render import html

    return html.map_html(r)


def _history_figure(r: Report, fmt: str) -> str:
    if fmt == "svg":
        from pic.render import svg

        return svg.history_svg(r)
    from pic.render import html

    return html.history_html(r)


def _compare_figure(r: Report, fmt: str) -> str:
    if fmt == "svg":
        from pic.render import svg

        return svg.compare_svg(r)
    from pic.render import html

    return html.compare_html(r)


SCORE = ReportKind("score", _score_rows, _score_terminal, _score_figure)
# Not a command of its own: what `pic score STATE` writes as a figure, the card with its
# gaps and history around it.
STATE_REPORT = ReportKind("state-report", _state_report_rows, _state_report_terminal, _state_report_figure)
RANKING = ReportKind("ranking", _ranking_rows, _ranking_terminal)
GAPS = ReportKind("gaps", _gaps_rows, _gaps_terminal)
HISTORY = ReportKind("history", _history_rows, _history_terminal, _history_figure)
DIFF = ReportKind("diff", _diff_rows, _diff_terminal)
VALIDATE = ReportKind("validate", _validate_rows, _validate_terminal)
MAP = ReportKind("map", _map_rows, _map_terminal, _map_figure)
FRAMEWORKS = ReportKind("frameworks", _frameworks_rows, _frameworks_terminal)
EXPLAIN = ReportKind("explain", _explain_rows, _explain_terminal)
WHATIF = ReportKind("whatif", _whatif_rows, _whatif_terminal)
COMPARE = ReportKind("compare", _compare_rows, _compare_terminal, _compare_figure)
STATUS = ReportKind("status", _status_rows, _status_terminal)
CALIBRATE = ReportKind("calibrate", _calibrate_rows, _calibrate_terminal)
NEW = ReportKind("new", _new_rows, _new_terminal)

KINDS: dict[str, ReportKind] = {k.name: k for k in (
    SCORE, RANKING, GAPS, HISTORY, DIFF, VALIDATE, MAP, FRAMEWORKS, EXPLAIN, WHATIF, COMPARE, STATUS, CALIBRATE, NEW,
)}
