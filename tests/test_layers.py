"""The layers of pic (issue 10), checked from the source with `ast`.

Layers, lowest first; a module may import from its own layer or any layer below it, never
from a layer above:

    0  pic                     the package root: holds `__version__` only, imports nothing
    1  pic.core.*              pure: load, validate, score, compare... (plain data in and out)
    2  pic.views.*             reports as JSON-ready data, and their rows for CSV/Markdown
    3  pic.render.*            one module per output format (rich, JSON, CSV, Markdown, SVG...)
    4  pic.reports.*, pic.api, pic.emit, pic.boundary
                               one module per report kind (and the registry), the library
                               facade, writing output, the error boundary
    5  pic.cli, pic.clidoc, pic.__main__
                               the command line

Every import counts, wherever it is written: at module level, inside a function or class,
inside `try`, and inside `if TYPE_CHECKING:`. The rules:

- Layering: every import of a pic module runs downward or within its layer. Type-only
  imports (`if TYPE_CHECKING:`) are held to this too: a type annotation that names an upper
  layer is a dependency on it all the same, and mypy follows it.
- Cycles: the module graph, built from both module-level and function-level imports, has
  no cycle. A function-level import still runs (later), so a "lazy" cycle is a cycle; only
  imports under `if TYPE_CHECKING:` are left out, since they never run. Importing
  `pic.a.b` also runs the package `pic/a/__init__.py`; that implied edge is not drawn
  (package `__init__` files are checked as modules in their own right, and an import
  *from* a package, `from pic.render import Format`, is an edge to it).
- Third parties: core and views never import rich, typer or click; render never imports
  typer or click (only the command line and its boundary know about Typer).
- Every module under src/pic belongs to a layer, and every `pic.*` module imported exists.

`test_import_pic_cli_is_lean` and `test_json_score_never_loads_rich_or_jsonschema` check
start-up in a fresh interpreter: `import pic.cli` (all that `pic --version`, `--help` and
shell completion of states need) loads none of rich, jsonschema and PyYAML; `pic score
mississippi --format json` on valid data then loads PyYAML (every data command parses
YAML) but still neither rich nor jsonschema.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
PKG = SRC / "pic"

LAYER_NAMES = ["pic (root)", "core", "views", "render", "reports/api/emit/boundary", "cli"]
TOP = {"pic.api": 4, "pic.emit": 4, "pic.boundary": 4, "pic.cli": 5, "pic.clidoc": 5, "pic.__main__": 5}
# Third-party packages a layer must never import (any import, lazy or type-only included).
FORBIDDEN = {
    1: {"rich", "typer", "click"},
    2: {"rich", "typer", "click"},
    3: {"typer", "click"},
}


def layer_of(module: str) -> int | None:
    if module == "pic":
        return 0
    for layer, package in ((1, "pic.core"), (2, "pic.views"), (3, "pic.render"), (4, "pic.reports")):
        if module == package or module.startswith(package + "."):
            return layer
    return TOP.get(module)


@dataclass(frozen=True)
class Import:
    source: str  # importing module
    target: str  # imported module (pic.*), or the top-level name of a third-party package
    line: int
    where: str  # "module level", "in a function" or "type-only"

    @property
    def type_only(self) -> bool:
        return self.where == "type-only"

    def at(self) -> str:
        return f"{module_path(self.source)}:{self.line} ({self.where})"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def module_path(module: str) -> str:
    return str(MODULE_FILES[module].relative_to(ROOT))


MODULE_FILES = {module_name(p): p for p in sorted(PKG.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


class _Collector(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool) -> None:
        self.module = module
        self.package = module if is_package else module.rpartition(".")[0]
        self.depth = 0  # functions entered
        self.type_only = 0  # `if TYPE_CHECKING:` bodies entered
        self.found: list[Import] = []

    def _where(self) -> str:
        if self.type_only:
            return "type-only"
        return "in a function" if self.depth else "module level"

    def _add(self, target: str, node: ast.stmt) -> None:
        if not target.startswith("pic.") and target != "pic":
            target = target.partition(".")[0]
        self.found.append(Import(self.module, target, node.lineno, self._where()))

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self.visit_FunctionDef(node)

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            self.type_only += 1
            for stmt in node.body:
                self.visit(stmt)
            self.type_only -= 1
            for stmt in node.orelse:
                self.visit(stmt)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = self.package.split(".")
            base = base[: len(base) - (node.level - 1)]
            origin = ".".join(base + ([node.module] if node.module else []))
        else:
            origin = node.module or ""
        if origin == "__future__":
            return
        if origin != "pic" and not origin.startswith("pic."):
            self._add(origin, node)
            return
        for alias in node.names:
            sub = f"{origin}.{alias.name}"
            self._add(sub if sub in MODULE_FILES else origin, node)


def collect() -> list[Import]:
    found: list[Import] = []
    for module, path in MODULE_FILES.items():
        collector = _Collector(module, path.name == "__init__.py")
        collector.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        found += collector.found
    return found


IMPORTS = collect()
PIC_IMPORTS = [i for i in IMPORTS if i.target == "pic" or i.target.startswith("pic.")]


def test_the_collector_sees_lazy_type_only_and_relative_imports():
    """The checks below are only as good as the import finder: pin it on a sample."""
    code = (
        "from typing import TYPE_CHECKING\n"
        "import rich.table\n"
        "from . import errors\n"
        "from .. import __version__\n"
        "if TYPE_CHECKING:\n"
        "    from pic.cli import app\n"
        "else:\n"
        "    import yaml\n"
        "class C:\n"
        "    import json\n"
        "    def f(self):\n"
        "        try:\n"
        "            from pic.core import load\n"
        "        except ImportError:\n"
        "            pass\n"
    )
    collector = _Collector("pic.core.example", is_package=False)
    collector.visit(ast.parse(code))
    got = {(i.target, i.where) for i in collector.found}
    assert got == {
        ("typing", "module level"), ("rich", "module level"), ("pic.core.errors", "module level"),
        ("pic", "module level"), ("pic.cli", "type-only"), ("yaml", "module level"),
        ("json", "module level"), ("pic.core.load", "in a function"),
    }


def test_every_module_belongs_to_a_layer():
    assert len(MODULE_FILES) > 20  # the source tree was found
    unplaced = [m for m in MODULE_FILES if layer_of(m) is None]
    assert not unplaced, f"modules with no layer (place them in tests/test_layers.py): {unplaced}"


def test_every_imported_pic_module_exists():
    missing = [f"{i.at()}: imports {i.target}, which does not exist"
               for i in PIC_IMPORTS if i.target not in MODULE_FILES]
    assert not missing, "\n".join(missing)


def test_package_root_imports_nothing_from_pic():
    assert not [i for i in PIC_IMPORTS if i.source == "pic"]


def test_imports_only_run_downward():
    upward = []
    for i in PIC_IMPORTS:
        src, dst = layer_of(i.source), layer_of(i.target)
        if src is not None and dst is not None and dst > src:
            upward.append(f"{i.at()}: {i.source} [{LAYER_NAMES[src]}] imports {i.target} [{LAYER_NAMES[dst]}]")
    assert not upward, "imports that run upward:\n" + "\n".join(upward)


def test_lower_layers_do_not_import_terminal_or_cli_libraries():
    bad = []
    for i in IMPORTS:
        layer = layer_of(i.source)
        if layer in FORBIDDEN and i.target in FORBIDDEN[layer]:
            bad.append(f"{i.at()}: {i.source} [{LAYER_NAMES[layer]}] imports {i.target}")
    assert not bad, "\n".join(bad)


def find_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One shortest cycle through the first module of each strongly connected component
    that has more than one module (Tarjan's algorithm, then a breadth-first search)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(v: str) -> None:  # recursion depth is bounded by the number of modules (~60)
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)

    cycles = []
    for component in components:
        members, start = set(component), component[0]
        came_from: dict[str, str] = {}
        frontier = [start]
        while frontier and start not in came_from:  # shortest path from start back to start
            nxt = []
            for v in frontier:
                for w in sorted(edges[v] & members):
                    if w not in came_from:
                        came_from[w] = v
                        nxt.append(w)
            frontier = nxt
        path = [start]
        v = came_from[start]
        while v != start:
            path.append(v)
            v = came_from[v]
        cycles.append([start] + path[:0:-1] + [start])
    return cycles


def test_find_cycles_reports_a_lazy_two_module_cycle():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert find_cycles(edges) == [["a", "b", "c", "a"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles():
    edges: dict[str, set[str]] = {m: set() for m in MODULE_FILES}
    where: dict[tuple[str, str], set[str]] = {}
    for i in PIC_IMPORTS:
        if i.type_only or i.target == i.source or i.target not in MODULE_FILES:
            continue
        edges[i.source].add(i.target)
        where.setdefault((i.source, i.target), set()).add(i.at())
    cycles = find_cycles(edges)
    report = []
    for cycle in cycles:
        report.append(" -> ".join(cycle))
        for a, b in zip(cycle, cycle[1:]):
            report.append(f"    {a} -> {b}: " + ", ".join(sorted(where[(a, b)])))
    assert not cycles, "import cycles (function-level imports count):\n" + "\n".join(report)


# -- start-up, in a fresh interpreter --------------------------------------------------------


def _fresh_python(code: str, tmp_path: Path, extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PIC_DATA", "FORCE_COLOR", "PYTHONPATH")}
    env["PYTHONPATH"] = str(SRC)  # this checkout, whatever is installed
    env.update(extra or {})
    return subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)


def test_import_pic_cli_is_lean(tmp_path):
    result = _fresh_python("import json, sys, pic.cli; print(json.dumps(sorted(sys.modules)))", tmp_path)
    assert result.returncode == 0, result.stderr
    loaded = {m.partition(".")[0] for m in json.loads(result.stdout)}
    assert "typer" in loaded  # the check can see a package that is loaded
    heavy = loaded & {"rich", "jsonschema", "yaml"}
    assert not heavy, "import pic.cli loads " + ", ".join(sorted(heavy))


def test_json_score_never_loads_rich_or_jsonschema(tmp_path):
    code = (
        "import json, sys\n"
        "from pic.cli import app\n"
        "try:\n"
        "    app(['score', 'mississippi', '--year', '2019', '--format', 'json'])\n"
        "except SystemExit as e:\n"
        "    code = e.code\n"
        "sys.stdout.flush()\n"
        "sys.stderr.write(json.dumps({'code': code, 'modules': sorted(sys.modules)}))\n"
    )
    result = _fresh_python(code, tmp_path)
    status = json.loads(result.stderr.strip().splitlines()[-1])
    assert status["code"] in (0, None), result.stderr
    assert json.loads(result.stdout)["grade"] == "A"  # it really scored Mississippi 2019
    loaded = {m.partition(".")[0] for m in status["modules"]}
    assert not loaded & {"rich", "jsonschema"}


def test_pic_own_data_spares_the_yaml_parser(tmp_path):
    """pic's own data ships pre-parsed (pic.core.datafile): scoring it imports no PyYAML,
    on the first run as on every other, and writes nothing."""
    code = (
        "import json, sys\n"
        "from pic.cli import app\n"
        "try:\n"
        "    app(['score', 'mississippi', '--year', '2019', '--format', 'json'])\n"
        "except SystemExit as e:\n"
        "    pass\n"
        "sys.stdout.flush()\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    )
    first = _fresh_python(code, tmp_path)
    assert json.loads(first.stdout)["score"] == 91
    assert "yaml" not in json.loads(first.stderr.strip().splitlines()[-1])