"""`pic new STATE YEAR`: a new profile to fill in, written into a data tree."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.reports import Note, Report, ReportKind, Result
from pic.views.tabular import Tabular

if TYPE_CHECKING:
    from pic.views.layout import Layout



def build(data: str | None, state: str, year: str | int, from_profile: str | None = None,
          force: bool = False) -> Result:
    """Writes the profile into `data` (or $PIC_DATA, else the current folder), never into
    pic's own data, never over an existing file unless `force`."""
    from pic.core import jurisdictions, newprofile
    from pic.core.select import parse_year
    from pic.views import reports

    place = jurisdictions.resolve(state)
    edition_year = parse_year(str(year), "YEAR")
    root = newprofile.target_root(data)
    tree = newprofile.framework_tree(root)
    carried = newprofile.resolve_from(tree, from_profile) if from_profile is not None else None
    made = newprofile.build(root, tree, place, edition_year, carried)
    newprofile.write(made, force)
    report = reports.new_profile(made, tree, root)
    return Result(KIND, report, tuple(Note(line, after=True) for line in report["next_steps"]))


def rows(r: dict[str, Any]) -> Tabular:
    cols = ("path", "framework", "criteria", "carried_from")
    return Tabular(f"New profile {r['path']}", cols, [tuple(r[c] for c in cols)], tuple(r["next_steps"]))


def terminal(r: Report) -> list[Any]:
    from pic.render import terminal as term

    return term.new_profile(r)


MARKDOWN = (("path", "File"), ("framework", "Framework"), ("criteria", "Criteria"), ("carried_from", "Carried over from"))


def layout(r: Report) -> Layout:
    """The table figure (--format svg|html): what a newspaper would print of it."""
    from pic.views import layouts

    return layouts.new(r)


KIND = ReportKind("new", "new STATE YEAR", ("new", "texas", "2019"), rows, MARKDOWN, terminal, layout=layout)
