"""`pic validate`: which files to check, and every problem in each."""

from __future__ import annotations

from pathlib import Path

from pic.core.errors import DataError, Problem, UsageError
from pic.core.load import DataTree, check_framework_doc, check_profile_doc
from pic.core.paths import display_name


def files_to_check(tree: DataTree, paths: list[Path]) -> list[Path]:
    if not paths:
        return sorted(tree.frameworks_dir.glob("*.yaml")) + tree.all_profile_paths()
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(p.rglob("*.yaml"))
        elif p.exists():
            out.append(p)
        else:
            raise UsageError(f"no such file or folder {str(p)!r}.")
    return out


def check_file(tree: DataTree, path: Path) -> tuple[list[Problem], list[Problem]]:
    from pic.core.load import build_profile
    from pic.core.score import score_profile
    from pic.core.yamlload import load_file

    try:
        doc = load_file(path, display_name(path))
    except DataError as exc:
        return exc.problems, []
    if path.parent.name == "frameworks":
        return check_framework_doc(doc, path.stem), []
    problems, framework = check_profile_doc(doc, path, tree)
    warnings: list[Problem] = []
    if not problems and framework is not None:
        card = score_profile(framework, build_profile(doc.data, display_name(path)))
        warnings = [doc.problem(("published",), m) for m in card.mismatches]
    return problems, warnings


def check_paths(tree: DataTree, paths: list[Path]) -> tuple[list[str], list[Problem], list[Problem]]:
    """Every file checked (by display name), the problems, and the warnings."""
    files = files_to_check(tree, paths)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for path in files:
        p, w = check_file(tree, path)
        problems += p
        warnings += w
    return [display_name(f) for f in files], problems, warnings
