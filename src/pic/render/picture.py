"""SVG and HTML pictures of a rendered table, colors kept (rich records and exports)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from rich.console import Console

from pic.core.errors import UsageError
from pic.core.fileio import write_atomic

PICTURE_WIDTH = 100


def write_picture(path: Path, parts: list[Any], title: str, overwrite: bool = False) -> None:
    suffix = path.suffix.lower()
    if suffix not in (".svg", ".html", ".htm"):
        raise UsageError(f"--output writes .svg or .html files, not '{path.name}'; "
                         "for text formats use --format and redirect stdout.")
    console = Console(record=True, file=io.StringIO(), width=PICTURE_WIDTH, force_terminal=True,
                      color_system="truecolor", highlight=False)
    # Unlike a terminal, a picture has a fixed width: long lines wrap instead of running off.
    for part in parts:
        console.print(part)
    if suffix == ".svg":
        text = console.export_svg(title=title)
    else:
        text = console.export_html(inline_styles=True)
    write_atomic(path, text, overwrite=overwrite)
