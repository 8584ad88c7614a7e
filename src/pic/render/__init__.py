"""One module per output format. Each turns the core's results into text; none of them
computes anything. The table renderer is the only one that knows about terminals."""

from __future__ import annotations

from enum import Enum


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
