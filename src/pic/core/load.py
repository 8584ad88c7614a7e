"""Where pic's data lives, and turning its files into checked models."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pic.core import validate as validation
from pic.core.errors import DataError, Problem, UsageError, short
from pic.core.jurisdictions import BY_SLUG
from pic.core.jurisdictions import suggestions as jurisdiction_suggestions
from pic.core.model import (
    Component,
    Conflict,
    Criterion,
    Edition,
    PointsBasis,
    Finding,
    Framework,
    GradeBand,
    Profile,
    Published,
    Section,
    SharedLoss,
    Source,
)
from pic.core.paths import builtin_root as builtin_root  # re-exported: part of the loader API
from pic.core.paths import display_name
from pic.core.datafile import load_file
from pic.core.sourcefile import Document, shown

if TYPE_CHECKING:
    from pic.core.calibrate import Calibration






_CARD_SCAN = 4 << 20  # bytes read to tell a profile with findings from a published-only one


class DataTree:
    """A folder with `frameworks/` and `states/`; loads each file at most once."""

    def __init__(self, root: Path, frameworks_dir: Path | None = None) -> None:
        self.root = root
        # A tree of profiles only (as `pic new` starts one) scores against pic's own frameworks.
        self.frameworks_dir = frameworks_dir or root / "frameworks"
        self._frameworks: dict[str, Framework] = {}
        self._years: dict[str, list[int]] = {}
        self._calibrations: dict[str, Calibration] = {}

    @classmethod
    def open(cls, data: str | None = None) -> DataTree:
        """The tree named by --data, else $PIC_DATA, else pic's own."""
        chosen = data if data is not None else os.environ.get("PIC_DATA") or None
        if chosen is None:
            return cls(builtin_root())
        root = Path(chosen).expanduser()
        try:
            if not root.is_dir():
                from pic.core.paths import because_cwd_gone

                raise UsageError(f"data folder '{short(chosen, 300)}' does not exist or is not a folder"
                                 f"{because_cwd_gone(chosen)}.")
            has_frameworks = (root / "frameworks").is_dir()
            if not has_frameworks and not (root / "states").is_dir():
                raise UsageError(f"data folder '{short(chosen)}' has neither frameworks/ nor states/.")
        except OSError as exc:  # e.g. a data folder that may not be searched
            raise unreadable(root, exc) from None
        if not has_frameworks:
            return cls(root.resolve(), builtin_root() / "frameworks")
        if not os.access(root / "frameworks", os.R_OK | os.X_OK):
            raise DataError([Problem(display_name(root / "frameworks"), "cannot be read (permission denied)")])
        return cls(root.resolve())

    @property
    def states_dir(self) -> Path:
        return self.root / "states"

    # -- frameworks ---------------------------------------------------------------

    def framework_ids(self) -> list[str]:
        """The ID of every frameworks/ID.yaml (hidden files aside)."""
        try:
            names = os.listdir(self.frameworks_dir)  # unlike Path.glob, says when the folder cannot be read
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise unreadable(self.frameworks_dir, exc) from None
        return sorted(n[:-5] for n in names if n.endswith(".yaml") and not n.startswith("."))

    def framework(self, framework_id: str) -> Framework:
        cached = self._frameworks.get(framework_id)
        if cached is not None:
            return cached
        path = self.frameworks_dir / f"{framework_id}.yaml"
        known = self.framework_ids()
        if framework_id not in known:
            raise UsageError(f"unknown framework '{short(framework_id)}' (known: {', '.join(known) or 'none'}).")
        # A listed file that cannot be read, a folder or a broken link: loading says which.
        self.guard(path)
        framework = load_framework(path)
        self._frameworks[framework_id] = framework
        if framework.has_criteria:
            from pic.core import calibrate

            calibrate.attach(framework, self.calibration)
        return framework

    def calibration(self, framework: Framework) -> Calibration:
        """What every card in this tree (a profile with findings and published figures)
        allows of the framework's splits; computed once per tree."""
        cached = self._calibrations.get(framework.id)
        if cached is None:
            from pic.core.calibrate import calibrate

            cards = self.cards(framework.id)
            cached = self._calibrations[framework.id] = calibrate(framework, cards,
                                                                 self._shipped_solution(framework, cards))
        return cached

    def calibration_texts(self, framework: Framework, cards: list[Profile]) -> list[str]:
        """The texts a calibration is solved from: the framework's file and every card's, in order."""
        from pic.core.sourcefile import read_text

        out = [read_text(self.frameworks_dir / f"{framework.id}.yaml", framework.id)]
        for p in sorted(cards, key=lambda p: (p.jurisdiction, p.year, p.path)):
            out += [p.path, read_text(self.root / p.path, p.path)]
        return out

    def _shipped_solution(self, framework: Framework, cards: list[Profile]) -> dict[str, Any] | None:
        """pic's own data ships its calibration solved (scripts/compile_data.py); it is used
        only when the code and every text it was solved from are exactly those read now."""
        import json

        from pic.core.calibrate import solution_key
        from pic.core.datafile import COMPILED

        # Any tree whose framework and cards are exactly pic's own (a copy of pic's data, say)
        # may use it: the key covers the code, the framework's text and every card's path and text.
        try:
            with open(COMPILED / "calibration" / f"{framework.id}.json", "rb") as fh:
                raw = fh.read(4 << 20)
            entry = json.loads(raw)
            if not isinstance(entry, dict) or entry.get("key") != solution_key(self.calibration_texts(framework, cards)):
                return None
            solution = entry.get("solution")
            return solution if isinstance(solution, dict) else None
        except (OSError, ValueError, RecursionError, DataError):
            return None

    def cards(self, framework_id: str) -> list[Profile]:
        """The valid profiles of this tree with findings under a framework. A file that
        cannot be read or is invalid is left out here; `pic validate` reports it."""
        out: list[Profile] = []
        for path in self.all_profile_paths():
            try:
                with open(path, "rb") as fh:
                    head = fh.read(_CARD_SCAN)
            except OSError:
                continue
            # Published-only records (nearly all) are skipped without parsing them.
            if b"\nfindings:" not in head:
                continue
            try:
                profile = self.profile(path)
            except (DataError, UsageError):
                continue
            if profile.framework_id == framework_id and profile.findings is not None:
                out.append(profile)
        return out

    def frameworks(self) -> list[Framework]:
        fws = [self.framework(i) for i in self.framework_ids()]
        return sorted(fws, key=lambda f: f.first_year)

    def framework_for_year(self, year: int) -> Framework | None:
        covering = [fw for fw in self.frameworks() if fw.covers(year)]
        if len(covering) > 1:  # never pick one silently; `pic validate` lists every overlap
            first, second = covering[:2]
            raise DataError([Problem(second.path, f"covers {year}, as the {first.id} framework ({first.path}) "
                                                  "does; each year belongs to one framework", key="years")])
        return covering[0] if covering else None

    # -- profiles -----------------------------------------------------------------

    def jurisdictions(self) -> list[str]:
        try:
            if not self.states_dir.is_dir():
                return []
            return sorted(p.name for p in self.states_dir.iterdir() if p.name in BY_SLUG and p.is_dir())
        except OSError as exc:
            raise unreadable(self.states_dir, exc) from None

    def years(self, slug: str) -> list[int]:
        cached = self._years.get(slug)
        if cached is None:
            folder = self.states_dir / slug
            try:
                names = os.listdir(folder)  # unlike Path.glob, says when the folder cannot be read
            except (FileNotFoundError, NotADirectoryError):
                names = []
            except OSError as exc:
                raise unreadable(folder, exc) from None
            # Only YEAR.yaml as pic writes it: '02019.yaml', '2019.yml' or '¹.yaml' are never
            # read (str.isdigit() takes '¹'), and `pic validate` reports them (stray_files).
            cached = self._years[slug] = sorted(int(n[:-5]) for n in names if _YEAR_FILE.fullmatch(n))
        return cached

    def profile_path(self, slug: str, year: int) -> Path:
        return self.states_dir / slug / f"{year}.yaml"

    def profile(self, path: Path) -> Profile:
        self.guard(path)
        return load_profile(path, self)

    def all_profile_paths(self) -> list[Path]:
        return [self.profile_path(s, y) for s in self.jurisdictions() for y in self.years(s)]

    # -- what the tree holds besides ----------------------------------------------

    def guard(self, path: Path) -> None:
        """Refuse a file that lies in this tree but is a link leading out of it: it is never
        opened, so no message can echo what it points at."""
        bases = [self.root]
        if not _within(self.frameworks_dir, self.root):
            bases.append(self.frameworks_dir)
        where = Path(os.path.abspath(path))
        for base in bases:
            if _within(where, base) and not _within(Path(os.path.realpath(where)), Path(os.path.realpath(base))):
                raise DataError([Problem(display_name(path), "is a link to a file outside the data tree; "
                                                             "pic does not read it")])

    def stray_files(self) -> list[tuple[Path, Problem]]:
        """Every file or folder in states/ (and in the tree's own frameworks/) that pic never
        reads, each with the problem to report. Hidden files (.name) are left alone."""
        out: list[tuple[Path, Problem]] = []

        def stray(path: Path, message: str) -> None:
            out.append((path, Problem(display_name(path), shown(message))))

        if _within(self.frameworks_dir, self.root):
            for name in _listing(self.frameworks_dir):
                if not name.endswith(".yaml"):
                    stem = name.rsplit(".", 1)[0]
                    also = f"; {stem}.yaml is the one read" if stem + ".yaml" in _listing(self.frameworks_dir) else ""
                    stray(self.frameworks_dir / name, f"not read: frameworks/ holds only frameworks named ID.yaml{also}")
        for name in _listing(self.states_dir):
            path = self.states_dir / name
            if name not in BY_SLUG or not _is_dir(path):
                kind = "folder" if _is_dir(path) else "file"
                close = jurisdiction_suggestions(name) if kind == "folder" else []
                hint = f" (did you mean {', '.join(close)}?)" if close else ""
                stray(path, f"not read: states/ holds one folder per jurisdiction, and this {kind} is not one{hint}")
                continue
            names = _listing(path)
            for entry in names:
                if _YEAR_FILE.fullmatch(entry):
                    continue  # read as a profile (and checked as one, whatever it is)
                year = _YEARISH.fullmatch(entry)
                if year is None:
                    stray(path / entry, "not read: a jurisdiction folder holds only profiles named YEAR.yaml "
                                        "(for example 2019.yaml)")
                    continue
                canonical = f"{int(year.group(1))}.yaml"
                if canonical in names:
                    stray(path / entry, f"not read: the {year.group(1)} profile is {canonical}, beside it")
                else:
                    stray(path / entry, f"not read: profiles are named YEAR.yaml; rename it to {canonical}")
        return out


def _listing(folder: Path) -> list[str]:
    """The names in `folder` (none if it does not exist), hidden ones aside."""
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        raise unreadable(folder, exc) from None
    return sorted(n for n in names if not n.startswith("."))


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _within(path: Path, base: Path) -> bool:
    try:
        path.relative_to(base)
    except ValueError:
        return False
    return True


_YEAR_FILE = re.compile(r"[1-9][0-9]{3}\.yaml")  # a year as pic writes it: 2019.yaml, never 02019.yaml
_YEARISH = re.compile(r"0*([1-9][0-9]{3})\.(?:yaml|yml|YAML|YML|json)")  # what a year's profile was meant to be


def unreadable(path: Path, exc: OSError) -> DataError:
    """A folder or file of the data tree that the operating system will not let pic read."""
    why = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
    return DataError([Problem(display_name(path), f"cannot be read ({why})")])


# -- building models -------------------------------------------------------------


def _source(d: dict[str, Any]) -> Source:
    return Source(d["title"], d.get("url"), d.get("note"), d.get("kind"), d.get("outlet"), tuple(d.get("also") or ()))


def check_framework_doc(doc: Document, stem: str | None) -> list[Problem]:
    problems = validation.schema_problems(doc, "framework")
    if not problems:
        problems = validation.framework_problems(doc, stem)
    return problems


def load_framework(path: Path) -> Framework:
    doc = load_file(path, display_name(path))
    problems = check_framework_doc(doc, path.stem)
    if problems:
        raise DataError(problems)
    return build_framework(doc.data, display_name(path))


def build_framework(d: dict[str, Any], path: str = "") -> Framework:
    sections = []
    criteria: dict[str, Criterion] = {}
    components: dict[str, Component] = {}
    for s in d.get("sections", []):
        comps = []
        for c in s.get("components", []):
            crits = tuple(
                Criterion(k["id"], k["question"], float(k["points"]), k["gap"], k["recommendation"], c["id"], s["id"],
                          k.get("recommendation_no_law"))
                for k in c["criteria"]
            )
            comp = Component(c["id"], c["title"], float(c["max"]), crits, c.get("confidence", "reconstructed"))
            comps.append(comp)
            components[comp.id] = comp
            for k in crits:
                criteria[k.id] = k
        smax = s.get("max")
        sections.append(Section(s["id"], s["title"], None if smax is None else float(smax), tuple(comps),
                                s.get("card_title")))
    years = d["years"]
    return Framework(
        id=d["id"],
        title=d["title"],
        short_title=d.get("short_title", d["title"]),
        publisher=d["publisher"],
        source=_source(d["source"]),
        first_year=years["first"],
        last_year=years.get("last"),
        skipped_years=tuple(years.get("skipped", ())),
        max_score=None if d["max_score"] is None else float(d["max_score"]),
        extra_credit=float(d.get("extra_credit") or 0),
        extra_credit_known=not ("extra_credit" in d and d["extra_credit"] is None),
        grade_scale=tuple(GradeBand(b["grade"], float(b["min"])) for b in d.get("grade_scale", [])),
        grade_scale_basis=d.get("grade_scale_basis"),
        sections=tuple(sections),
        notes=tuple(d.get("notes", ())),
        path=path,
        criteria=criteria,
        components=components,
        editions=tuple(
            Edition(e["years"]["first"], e["years"]["last"], tuple(e.get("absent_components", ())),
                    tuple(e.get("unknown_sections", ())), e.get("note"),
                    _source(e["source"]) if e.get("source") else None)
            for e in d.get("editions") or ()),
        points_basis=tuple(
            PointsBasis(kind, item["what"], _source(item["source"]) if item.get("source") else None, item.get("basis"))
            for kind in ("confirmed", "inferred", "hypothesis") for item in (d.get("points") or {}).get(kind, ())),
    )


def check_profile_doc(doc: Document, path: Path, tree: DataTree) -> tuple[list[Problem], Framework | None]:
    problems = validation.schema_problems(doc, "profile")
    if problems:
        return problems, None
    framework: Framework | None = None
    error: str | None = None
    try:
        framework = tree.framework(doc.data["framework"])
    except UsageError as exc:
        error = str(exc).rstrip(".")
    except DataError as exc:
        first = exc.problems[0]
        error = f"framework '{short(doc.data['framework'])}' is invalid ({first})"
    folder = path.parent.name if path.parent.name in BY_SLUG else None
    problems = validation.profile_problems(doc, framework, error, folder, path.stem)
    return problems, framework


def load_profile(path: Path, tree: DataTree) -> Profile:
    doc = load_file(path, display_name(path))
    problems, _ = check_profile_doc(doc, path, tree)
    if problems:
        raise DataError(problems)
    profile = build_profile(doc.data, _in_tree(path, tree))
    framework = tree.framework(profile.framework_id)
    from pic.core.score import shared_loss_problems

    # A shared loss that scoring cannot apply would give a wrong score: refuse the file, as
    # `pic validate` does, rather than score it.
    bad = [doc.problem(("shared_losses", i), message) for i, message in shared_loss_problems(framework, profile)]
    if bad:
        raise DataError(bad)
    return profile


def _in_tree(path: Path, tree: DataTree) -> str:
    """How a profile is named in reports: by its place in the data tree
    (`states/mississippi/2019.yaml`), never by where pic happens to be installed; a file
    outside the tree as the user can open it."""
    try:
        return str(path.resolve().relative_to(tree.root.resolve()))
    except (ValueError, OSError):
        return display_name(path)


def build_profile(d: dict[str, Any], path: str = "") -> Profile:
    pub = d.get("published")
    published = None
    if pub is not None:
        published = Published(
            score=None if pub.get("score") is None else float(pub["score"]),
            grade=pub.get("grade"),
            tier=pub.get("tier"),
            rank=pub.get("rank"),
            sections={k: float(v) for k, v in (pub.get("sections") or {}).items()},
            issue_areas={k: str(v) for k, v in (pub.get("issue_areas") or {}).items()},
            inferred=tuple(pub.get("inferred") or ()),
            conflicts=tuple(Conflict(tuple(c["figures"]), c["kind"], c["note"]) for c in pub.get("conflicts") or ()),
        )
    findings = None
    if d.get("findings") is not None:
        findings = {
            cid: Finding(cid, f["answer"], tuple(f.get("citations", ())), f.get("note"), bool(f.get("review", False)),
                         f.get("basis"), bool(f.get("indirect", False)), f.get("source"), f.get("gap_kind"))
            for cid, f in d["findings"].items()
        }
    shared = tuple(SharedLoss(tuple(g["criteria"]), float(g["points"]), g.get("note", ""))
                   for g in d.get("shared_losses") or ())
    return Profile(
        jurisdiction=d["jurisdiction"],
        year=d["year"],
        framework_id=d["framework"],
        source=_source(d["source"]),
        published=published,
        findings=findings,
        note=d.get("note"),
        reading=d.get("reading"),
        path=path,
        shared_losses=shared,
    )
