"""Write pic's own data pre-parsed: src/pic/compiled/<tree>/<file>.json for every
frameworks/*.yaml and states/*/*.yaml of the repository.

Run it after changing any data file (`python scripts/compile_data.py`); `--check` only
says whether the compiled files are current (tests/test_datafile.py checks the same).
A stale file is never used (each carries the hash of the text it was parsed from), it
only costs the parse it was meant to save.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from pic.core import datafile  # noqa: E402
from pic.core.sourcefile import read_text  # noqa: E402
from pic.core.yamlload import parse  # noqa: E402


def sources(root: Path = ROOT) -> list[Path]:
    """Every data file that is compiled, relative to `root`."""
    found = sorted((root / "frameworks").glob("*.yaml")) + sorted((root / "states").glob("*/*.yaml"))
    return [p.relative_to(root) for p in found if not p.name.startswith(".")]


def expected(root: Path = ROOT) -> dict[Path, str]:
    """What src/pic/compiled should hold: compiled file -> its text."""
    out: dict[Path, str] = {}
    for relative in sources(root):
        text = read_text(root / relative, str(relative))
        out[datafile.compiled_path(relative)] = datafile.compiled_entry(text, parse(text, str(relative)).data)
    return out


def calibrations(root: Path = ROOT) -> dict[Path, str]:
    """Each framework's calibration on the cards of the data tree, solved once here so that
    `pic score` does not solve it at every start (used only while the code and every text it
    was solved from are exactly those pic reads)."""
    import json

    from pic.core.calibrate import calibrate, solution_key
    from pic.core.load import DataTree

    tree = DataTree(root)
    out: dict[Path, str] = {}
    for framework in tree.frameworks():
        if not framework.has_criteria:
            continue
        cards = tree.cards(framework.id)
        cal = calibrate(framework, cards)
        entry = {"key": solution_key(tree.calibration_texts(framework, cards)), "solution": cal.solution()}
        out[datafile.COMPILED / "calibration" / f"{framework.id}.json"] = json.dumps(entry, sort_keys=True) + "\n"
    return out


def present() -> set[Path]:
    return set(datafile.COMPILED.rglob("*.json")) if datafile.COMPILED.is_dir() else set()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only say whether the compiled files are current")
    args = ap.parse_args()
    want = expected()
    want.update(calibrations())
    stale = sorted(p for p, text in want.items() if not p.is_file() or p.read_text(encoding="utf-8") != text)
    extra = sorted(present() - set(want))
    if args.check:
        for p in stale:
            print(f"stale or missing: {p.relative_to(ROOT)}")
        for p in extra:
            print(f"no source: {p.relative_to(ROOT)}")
        return 1 if stale or extra else 0
    for p in stale:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(want[p], encoding="utf-8")
    for p in extra:
        p.unlink()
    print(f"{len(want)} files compiled ({len(stale)} written, {len(extra)} removed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
