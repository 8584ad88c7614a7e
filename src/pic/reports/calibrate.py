"""`pic calibrate`: what the published cards on record allow of each component's split."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.core.errors import UsageError
from pic.reports import Report, ReportKind, Result
from pic.views.tabular import Tabular
from pic.views.calibration import notes

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.views.layout import Layout


def build(tree: DataTree, framework_id: str = "pic") -> Result:
    """Cards that no split fits (alone or together) are a failed check (exit 1)."""
    from pic.views import calibration

    framework = tree.framework(framework_id)
    if not framework.has_criteria:
        raise UsageError(f"the {framework.id} framework has no criteria to calibrate.")
    report = calibration.report(tree.calibration(framework))
    return Result(KIND, report, failure=None if report["consistent"] else "")


def rows(r: dict[str, Any]) -> Tabular:

    cols = ("component", "section", "weight", "status", "criterion", "hypothesis", "share_min", "share_max",
            "hypothesis_allowed", "cards")
    out: list[tuple[Any, ...]] = []
    for c in r["components"]:
        for k in c["criteria"]:
            out.append((c["id"], c["section"], c["weight"], c["status"], k["id"], k["hypothesis"], k["share_min"],
                        k["share_max"], c["hypothesis_allowed"], "; ".join(c["cards"])))
    return Tabular(f"Calibration of {r['framework_title']} on {len(r['cards'])} cards", cols, out, tuple(notes(r)))


def terminal(r: Report) -> list[Any]:
    from pic.render import terminal_calibration

    return terminal_calibration.calibration(r)


MARKDOWN = (("component", "Component"), ("status", "Split"), ("criterion", "Criterion"),
            ("share_min", "Cards allow, least (points)"), ("share_max", "Cards allow, most (points)"),
            ("hypothesis", "pic split (points)"), ("hypothesis_allowed", "pic split allowed"),
            ("cards", "Cards on its section"))


def layout(r: Report) -> Layout:
    """The table figure (--format svg|html): what a newspaper would print of it."""
    from pic.views import layouts

    return layouts.calibrate(r)


KIND = ReportKind("calibrate", "calibrate", ("calibrate",), rows, MARKDOWN, terminal, layout=layout)
