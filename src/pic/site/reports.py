"""The reports a site is made of, from the library facade `pic.api`.

Each is the `Result` the matching command builds (its report is the dict it prints with
`--format json`), so every figure on the site is one the CLI would show, in its words.
Only which years exist and which edition comes before another are worked out here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.core.model import Framework
    from pic.reports import Result


def years(tree: DataTree) -> list[int]:
    """Every edition year with at least one profile, oldest first."""
    return sorted({y for s in tree.jurisdictions() for y in tree.years(s)})


def previous_year(tree: DataTree, year: int, all_years: list[int]) -> int | None:
    """The edition before `year` under the same framework, if the record has one."""
    fw = tree.framework_for_year(year)
    if fw is None:
        return None
    earlier = [y for y in all_years if y < year and (other := tree.framework_for_year(y)) is not None
               and other.id == fw.id]
    return max(earlier) if earlier else None


def frameworks(tree: DataTree) -> Result:
    """`pic frameworks`."""
    from pic import api

    return api.frameworks(data=tree)


def components(tree: DataTree, framework: Framework) -> list[Result]:
    """`pic explain COMPONENT --framework ID` for every component of the framework, in order."""
    from pic import api

    return [api.explain(comp_id, framework_id=framework.id, data=tree) for comp_id in framework.components]


def calibration(tree: DataTree, framework: Framework) -> Result | None:
    """`pic calibrate --framework ID`, for a framework with criteria (else None)."""
    from pic import api

    return api.calibrate(framework.id, data=tree) if framework.has_criteria else None


def tile_map(tree: DataTree, year: int | None) -> Result:
    """`pic map [--year YEAR]`."""
    from pic import api

    return api.tile_map(year, data=tree)


def ranking(tree: DataTree, year: int) -> Result:
    """`pic score --all --year YEAR`."""
    from pic import api

    return api.ranking(year, data=tree)


def diff(tree: DataTree, a: int, b: int) -> Result:
    """`pic diff A B`."""
    from pic import api

    return api.diff(str(a), str(b), data=tree)


def scorecard(tree: DataTree, slug: str, year: int) -> Result:
    """`pic score STATE --year YEAR`."""
    from pic import api

    return api.score(slug, year, data=tree)


def state_report(tree: DataTree, slug: str) -> Result:
    """What `pic score STATE -o FILE.html` draws: the current card, its gaps and the history."""
    from pic import api

    return api.state_report(slug, data=tree)
