"""`pic validate`: which files to check, and every problem in them, each reported once.

The documents' own rules live in validate.py (below the loader); this module sits above
the loader because checking a whole tree needs it: every framework and profile, the
files in states/ that pic would never read, years that two frameworks both cover, and
what scoring finds in a profile (findings that contradict the published figures, shared
losses it cannot apply).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from pic.core import validate as validation
from pic.core.errors import DataError, Problem, UsageError
from pic.core.load import DataTree, build_framework, build_profile, check_framework_doc, check_profile_doc
from pic.core.model import Framework
from pic.core.paths import display_name
from pic.core.datafile import load_file
from pic.core.sourcefile import Document

Checked = tuple[list[str], list[Problem], list[Problem]]


def check_paths(tree: DataTree, paths: Sequence[Path] | None = None) -> Checked:
    """The files checked (as shown to a user), the problems, and the warnings.

    Without `paths`: every framework and profile of `tree`, every file or folder in
    states/ (or frameworks/) that pic would not read, and every year two frameworks both
    cover. With `paths` (files or folders): those files; files pic would not read among
    them; overlaps that involve a framework among them. Raises UsageError for a path that
    does not exist, DataError for a folder of the tree that cannot be read.
    """
    stray = tree.stray_files()
    if paths:
        files, layout = _named(paths, stray + _strays_of_named_trees(tree, paths))
    else:
        files = [tree.frameworks_dir / f"{i}.yaml" for i in tree.framework_ids()] + tree.all_profile_paths()
        layout = [problem for _, problem in stray]
    problems: list[Problem] = []
    warnings: list[Problem] = []
    frameworks: dict[str, tuple[Document, Framework]] = {}  # checked frameworks of the tree, by file
    for path in files:
        found, warned, framework = _check_file(tree, path)
        problems += found
        warnings += warned
        if framework is not None and _in_frameworks_dir(tree, path):
            frameworks[os.path.abspath(path)] = framework
    problems += _overlaps(tree, frameworks, whole=not paths)
    if not problems:
        # A published rank is the publisher's; where pic's order by scores and grades cannot
        # produce it (the publisher may rank by more than the score), that is said as a
        # warning on the record, never as an error in it.
        warnings += _rank_problems(tree, files)
    problems += layout
    return [display_name(f) for f in files], list(dict.fromkeys(problems)), list(dict.fromkeys(warnings))


def _named(paths: Sequence[Path], stray: list[tuple[Path, Problem]]) -> tuple[list[Path], list[Problem]]:
    """The files under `paths` to check, and the stray files among them."""
    strays = list({os.path.abspath(p): (os.path.abspath(p), problem) for p, problem in stray}.values())
    files: dict[str, Path] = {}
    layout: list[Problem] = []
    for p in paths:
        where = os.path.abspath(p)
        if p.is_dir():
            inside = [(s, problem) for s, problem in strays if _under(s, where)]
            layout += [problem for _, problem in inside]
            for f in sorted(p.rglob("*.yaml")):
                if not any(_under(os.path.abspath(f), s) for s, _ in inside):
                    files.setdefault(os.path.abspath(f), f)
        elif p.exists():
            layout += [problem for s, problem in strays if _under(where, s)]  # itself, or in a stray folder
            files.setdefault(where, p)  # a file named on purpose is checked whatever its name
        else:
            from pic.core.errors import short
            from pic.core.paths import because_cwd_gone

            raise UsageError(f"no such file or folder '{short(str(p), 300)}'{because_cwd_gone(p)}.")
    return list(files.values()), layout


def _tree_of(folder: Path) -> Path | None:
    """The data tree a named folder belongs to: the tree itself (it holds states/ or
    frameworks/), its states/ or frameworks/, or a jurisdiction's folder in states/."""
    if _is_dir(folder / "states") or _is_dir(folder / "frameworks"):
        return folder
    if folder.name in ("states", "frameworks"):
        return folder.parent
    if folder.parent.name == "states":
        return folder.parent.parent
    return None


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _strays_of_named_trees(tree: DataTree, paths: Sequence[Path]) -> list[tuple[Path, Problem]]:
    """Files pic would never read in the trees of named folders and files (`pic validate
    my-tree/states` reports a stray `2019.yml` as `pic validate --data my-tree` does)."""
    out: list[tuple[Path, Problem]] = []
    seen = {os.path.abspath(tree.root)}
    for p in paths:
        where = Path(os.path.abspath(p))
        root = _tree_of(where if _is_dir(p) else where.parent) if os.path.lexists(where) else None
        if root is None or str(root) in seen:
            continue
        seen.add(str(root))
        out += DataTree(root).stray_files()
    return out


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _in_frameworks_dir(tree: DataTree, path: Path) -> bool:
    return os.path.dirname(os.path.abspath(path)) == os.path.abspath(tree.frameworks_dir)


def _check_file(tree: DataTree, path: Path) -> tuple[list[Problem], list[Problem], tuple[Document, Framework] | None]:
    """Problems and warnings of one file, and the framework it defines if it is a valid one."""
    name = display_name(path)
    try:
        tree.guard(path)
        doc = load_file(path, name)
    except DataError as exc:
        return exc.problems, [], None
    if path.parent.name == "frameworks" or _in_frameworks_dir(tree, path):
        problems = check_framework_doc(doc, path.stem)
        return problems, [], None if problems else (doc, build_framework(doc.data, name))
    problems, framework = check_profile_doc(doc, path, tree)
    warnings: list[Problem] = []
    if not problems and framework is not None:
        from pic.core.score import contradiction_key, score_profile, shared_loss_problems

        profile = build_profile(doc.data, name)
        # Scoring leaves out a shared loss it cannot apply; validate says why.
        problems = [doc.problem(("shared_losses", i), message) for i, message in shared_loss_problems(framework, profile)]
        card = score_profile(framework, profile)
        if profile.findings is not None:
            # Only a published figure that no split of the points allows with these answers is a
            # contradiction; what pic's own split cannot produce is a note on pic, not on the card.
            problems += [doc.problem(contradiction_key(c), c.message) for c in card.contradictions]
            # Cards that each hold alone but not together: a warning on each of them (`pic
            # calibrate` names them all).
            me = f"{profile.jurisdiction} {profile.year}"
            if card.calibration is not None:
                warnings += [doc.problem(("published",), m) for m in card.calibration.conflicts if me in m]
        else:  # published figures that disagree among themselves: the publisher's, shown as they are
            warnings = [doc.problem(("published",), m) for m in card.mismatches]
    return problems, warnings, None


def _rank_problems(tree: DataTree, files: Sequence[Path]) -> list[Problem]:
    """Published ranks that the order the figures on record force contradicts: a row that
    more editions must rank ahead of than its published rank allows, or one whose scores
    and grades put it behind a row the publisher ranked below it. Only the checked
    profiles are reported; the whole year on record is read to compare."""
    from pic.core.editions import contradictions, scorecard_at

    checked = {os.path.abspath(f) for f in files}
    out: list[Problem] = []
    years = sorted({y for slug in tree.jurisdictions() for y in tree.years(slug)})
    for year in years:
        slugs = [slug for slug in tree.jurisdictions() if year in tree.years(slug)]
        paths = {slug: tree.profile_path(slug, year) for slug in slugs}
        try:
            if not any(tree.profile(paths[s]).published and tree.profile(paths[s]).published.rank  # type: ignore[union-attr]
                       for s in slugs):
                continue
            cards = [scorecard_at(tree, slug, year) for slug in slugs]
        except DataError:  # reported file by file above
            continue
        for card, message in contradictions(cards):
            path = paths[card.profile.jurisdiction]
            if os.path.abspath(path) not in checked:
                continue
            try:
                doc = load_file(path, display_name(path))
                out.append(doc.problem(("published", "rank"), message))
            except DataError as exc:  # pragma: no cover - the file was read a moment ago
                out += exc.problems
    return out


def _overlaps(tree: DataTree, checked: dict[str, tuple[Document, Framework]], whole: bool) -> list[Problem]:
    """Years two frameworks of the tree both cover; when only some files were named, the
    overlaps that involve a framework among them (the others are read to compare)."""
    if not checked:
        return []
    everyone = dict(checked)
    if not whole:
        for fid in tree.framework_ids():
            path = tree.frameworks_dir / f"{fid}.yaml"
            key = os.path.abspath(path)
            if key in everyone:
                continue
            _, _, framework = _check_file(tree, path)
            if framework is not None:
                everyone[key] = framework
    keys = sorted(everyone)
    out: list[Problem] = []
    for j, b in enumerate(keys):
        for a in keys[:j]:
            if whole or a in checked or b in checked:
                out += validation.overlap_problems([everyone[a], everyone[b]])
    return out
