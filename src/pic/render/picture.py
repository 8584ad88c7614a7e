"""Figures for report kinds without a bespoke one: the report's rows as a table figure."""

from __future__ import annotations

from pic.views.tabular import Tabular


def table_figure(t: Tabular, fmt: str) -> str:
    if fmt == "svg":
        from pic.render.svg import table_svg

        return table_svg(t.title, t.columns, t.rows, t.notes)
    from pic.render.html import table_html

    return table_html(t.title, t.columns, t.rows, t.notes)
