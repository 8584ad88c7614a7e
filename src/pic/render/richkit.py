"""The one way into rich: every module that draws for a terminal takes rich's classes from
here, and nothing else in pic imports rich (tests/test_layers.py checks both).

Importing this module loads nothing: a name is fetched from rich the first time it is used,
so a module that writes `from pic.render import richkit` at its top and `richkit.Table(...)`
in its functions costs nothing to a run that writes JSON, CSV, Markdown or a figure
(`pic score --format json` never loads rich; tests/test_layers.py runs it). `from
pic.render.richkit import Table` loads rich at once: write it only where rich is wanted
anyway (the terminal renderers, which pic.kinds and pic.emit import inside functions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console as Console
    from rich.table import Table as Table
    from rich.text import Span as Span
    from rich.text import Text as Text

# Where each name lives in rich; add a name here to use it anywhere in pic.
_HOME = {"Console": "rich.console", "Table": "rich.table", "Text": "rich.text", "Span": "rich.text"}

if not TYPE_CHECKING:  # the type checker sees the imports above, and no catch-all attribute

    def __getattr__(name: str) -> Any:
        home = _HOME.get(name)
        if home is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from importlib import import_module

        value = getattr(import_module(home), name)
        globals()[name] = value  # once fetched, an ordinary attribute
        return value
