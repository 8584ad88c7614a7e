"""Building the site: every page and data file as text, then the whole tree written at once.

`build(tree, generated)` returns {relative path: text}, in a fixed order, with nothing in it
that changes from one run to the next but `generated` (the date on the "generated" line),
so two builds of the same data are byte-identical. `write(folder, files, force)` writes
them into a temporary folder beside FOLDER and renames it into place: a failed build
leaves no half site, and never touches a folder that is neither empty nor a pic site.
"""

from __future__ import annotations

import json
import os
import posixpath
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from pic.render.figure import DEFAULT_GRADES
from pic.site import pages
from pic.site import reports as R

if TYPE_CHECKING:
    from pic.core.load import DataTree
    from pic.reports import ReportKind, Result

MANIFEST = "data/manifest.json"
MARKER = ".pic-site"  # names a folder `pic site` wrote, the only kind --force replaces

# The columns of record.csv (those of `pic history STATE --format csv`), in pic's words.
RECORD_COLUMNS: tuple[tuple[str, str], ...] = (
    ("jurisdiction", "The jurisdiction's slug, as in states/SLUG.html."),
    ("year", "The edition year."),
    ("framework", "The id of the framework the edition is graded under (see frameworks/ID.html)."),
    ("score", "The score in points; empty where it is not known or not published (never zero for unknown)."),
    ("max_score", "The most points the framework gives that year; empty where unknown."),
    ("grade", "The grade; empty where the findings leave it open (see grade_min and grade_max)."),
    ("basis", "published: the publisher's own figures; findings: pic's computation from recorded findings; "
              "missing: an edition was published but none is on record for this jurisdiction."),
    ("framework_changed", "true on the first edition graded under a different framework from the one before."),
    ("grade_inferred", "true where the grade is inferred (by the research, or on a scale whose cut-offs are "
                       "inferred), not printed by the publisher."),
    ("published_inferred", "The published figures the research read from the card's layout rather than its text."),
    ("source", "The title of the source the edition's figures come from."),
    ("source_url", "The source's web address, where it has one."),
    ("source_kind", "What kind of source it is (publisher, news, blog and so on)."),
    ("source_weak", "true where the figures rest only on a blog, aggregator or partisan site."),
    ("published_rank", "The rank a source states for the edition, where one is recorded."),
    ("source_conflicts", "Where sources disagree or a figure was revised: which figures, and what pic shows."),
    ("on_record", "false for a missing edition (basis missing)."),
    ("score_min", "The least score the findings allow, where they leave criteria unknown."),
    ("score_max", "The most score the findings allow."),
    ("grade_min", "The lowest grade the findings allow."),
    ("grade_max", "The highest grade the findings allow."),
    ("published_score", "The publisher's score, where one is recorded."),
    ("published_grade", "The publisher's grade, where one is recorded."),
)


def _href_from(page: str) -> Callable[[str], str]:
    """Links from `page` (a site path) to another site path, relative, so the site works
    from any folder or host path, and from disk."""
    here = posixpath.dirname(page) or "."

    def href(target: str) -> str:
        path, _, anchor = target.partition("#")
        rel = posixpath.relpath(path, here)
        return rel + (f"#{anchor}" if anchor else "")

    return href


def _json(report: Any) -> str:
    from pic.render import json as json_format
    from pic.render import safe

    return safe.json_text(json_format.dumps(report)) + "\n"


def _csv(kind: ReportKind, report: dict[str, Any]) -> str:
    from pic.emit import to_text
    from pic.render import Format

    return to_text(kind, report, Format.csv)


class _Site:
    def __init__(self, generated: str) -> None:
        self.generated = generated
        self.files: dict[str, str] = {}
        self.manifest: list[dict[str, Any]] = []
        self.orders: dict[int, str] = {}

    def data(self, path: str, kind: ReportKind, report: dict[str, Any], command: str) -> list[tuple[str, str]]:
        """A report as JSON and CSV; the (path, label) pairs a page links to."""
        self.files[f"{path}.json"] = _json(report)
        self.files[f"{path}.csv"] = _csv(kind, report)
        self.manifest.append({"path": f"{path}.json", "kind": kind.name, "format": "json", "command": command,
                              "schema": f"{kind.name}.output.schema.json"})
        self.manifest.append({"path": f"{path}.csv", "kind": kind.name, "format": "csv", "command": command})
        name = posixpath.basename(path)
        return [(f"{path}.json", f"{name}.json"), (f"{path}.csv", f"{name}.csv")]

    def of(self, path: str, result: Result, command: str) -> list[tuple[str, str]]:
        """A command's result as JSON and CSV."""
        return self.data(path, result.kind, result.report, command)

    def css(self, order: list[str]) -> str:
        n = len(order)
        if n not in self.orders:
            self.orders[n] = f"css/pic-{n}.css"
            self.files[self.orders[n]] = pages.stylesheet(order)
        return self.orders[n]

    def page(self, path: str, title: str, body: str, order: list[str], data_links: list[tuple[str, str]]) -> None:
        self.files[path] = pages.page(title, body, href=_href_from(path), css=self.css(order), here=path,
                                      generated=self.generated, data_links=data_links)


def build(tree: DataTree, generated: str) -> dict[str, str]:
    """Every file of the site: {path relative to the site's root: text}."""
    from pic.core.jurisdictions import place_name
    from pic.reports import kind

    site = _Site(generated)
    all_years = R.years(tree)
    slugs = sorted(tree.jurisdictions(), key=lambda s: (place_name(s), s))
    fw_result = R.frameworks(tree)
    fw_report = fw_result.report

    # Years: the map, the ranking, and what changed since the previous edition of the framework.
    year_labels: list[tuple[int, str]] = []
    for i, year in enumerate(all_years):
        map_result = R.tile_map(tree, year)
        ranking = R.ranking(tree, year)
        previous = R.previous_year(tree, year, all_years)
        diff = R.diff(tree, previous, year) if previous is not None else None
        links = site.of(f"data/years/{year}/map", map_result, f"pic map --year {year}")
        links += site.of(f"data/years/{year}/ranking", ranking, f"pic score --all --year {year}")
        if diff is not None:
            links += site.of(f"data/years/{year}/diff", diff, f"pic diff {previous} {year}")
        neighbours = (all_years[i - 1] if i > 0 else None, all_years[i + 1] if i + 1 < len(all_years) else None)
        title, body, order = pages.year_body(year=year, map_report=map_result.report, ranking=ranking,
                                             diff=diff, previous=previous, generated=generated,
                                             href=_href_from(f"years/{year}.html"), neighbours=neighbours)
        site.page(f"years/{year}.html", title, body, order, links)
        fw = tree.framework_for_year(year)
        count = len(ranking.report["rows"])
        year_labels.append((year, f"{fw.title if fw else 'no framework'}, {count} edition"
                                  f"{'' if count == 1 else 's'} on record"))

    # Jurisdictions: the state report, then every edition's card.
    states: list[tuple[str, str]] = []
    histories: dict[str, dict[str, Any] | None] = {}
    for slug in slugs:
        if not tree.years(slug):
            continue
        report = R.state_report(tree, slug).report
        cards = [R.scorecard(tree, slug, y) for y in tree.years(slug)]
        base = f"data/states/{slug}"
        links = site.data(f"{base}/score", kind("score"), report["score"], f"pic score {slug}")
        if report["gaps"] is not None:
            links += site.data(f"{base}/gaps", kind("gaps"), report["gaps"], f"pic gaps {slug}")
        if report["history"] is not None:
            links += site.data(f"{base}/history", kind("history"), report["history"], f"pic history {slug}")
        for card in cards:
            y = card.report["year"]
            links += site.of(f"{base}/{y}/score", card, f"pic score {slug} --year {y}")
        histories[slug] = report["history"]
        title, body, order = pages.state_body(report=report, cards=[c.report for c in cards], generated=generated,
                                              href=_href_from(f"states/{slug}.html"), year_pages=set(all_years))
        site.page(f"states/{slug}.html", title, body, order, links)
        states.append((slug, place_name(slug)))

    # Frameworks: sections, components and criteria, confirmed and reconstructed, grade scale.
    for f in fw_report["frameworks"]:
        fid = f["id"]
        one = {**fw_report, "frameworks": [f]}  # still a frameworks report, of one framework
        links = site.data(f"data/frameworks/{fid}/framework", fw_result.kind, one, "pic frameworks")
        framework = tree.framework(fid)
        comps = R.components(tree, framework)
        calibrated = R.calibration(tree, framework)
        if calibrated is not None:
            links += site.of(f"data/frameworks/{fid}/calibrate", calibrated, f"pic calibrate --framework {fid}")
        for c in comps:
            cid = c.report["component"]["id"]
            links += site.of(f"data/frameworks/{fid}/components/{cid}", c, f"pic explain {cid} --framework {fid}")
        title, body, order = pages.framework_body(fw=f, components=[c.report for c in comps],
                                                  calibration=calibrated.report if calibrated else None,
                                                  href=_href_from(f"frameworks/{fid}.html"))
        site.page(f"frameworks/{fid}.html", title, body, order, links)

    # Home: what pic is, the default year's map (as `pic map` shows it), every year, state and framework.
    home_links = site.of("data/frameworks", fw_result, "pic frameworks")
    home_map = R.tile_map(tree, None) if all_years else None
    if home_map is not None:
        home_links += site.of("data/map", home_map, "pic map")
    body = pages.home_body(frameworks=fw_report, map_report=home_map.report if home_map else None,
                           generated=generated, years=year_labels, states=states, href=_href_from("index.html"))
    order = [b["grade"] for b in home_map.report["legend"]] if home_map is not None else list(DEFAULT_GRADES)
    site.page("index.html", "pic: state laws on child sex trafficking, graded", body, order, home_links)

    # The whole record: one CSV (every state's `pic history` rows) and one JSON.
    history_kind = kind("history")
    header = [c for c, _ in RECORD_COLUMNS]
    lines = [_csv(history_kind, h).split("\n", 1) for h in histories.values() if h is not None]
    if lines:
        header_line = lines[0][0]
        assert all(head == header_line for head, _ in lines), "every history CSV has the same columns"
        site.files["data/record.csv"] = header_line + "\n" + "".join(body for _, body in lines)
    else:
        site.files["data/record.csv"] = ",".join(header) + "\n"
    editions = [json.loads(site.files[f"data/states/{slug}/{y}/score.json"])
                for slug, _ in states for y in tree.years(slug)]
    site.files["data/record.json"] = _json({"schema_version": fw_report["schema_version"], "generated": generated,
                                            "frameworks": fw_report, "editions": editions})
    site.manifest.append({"path": "data/record.csv", "kind": "history", "format": "csv",
                          "command": "pic history STATE --format csv, for every state"})
    site.manifest.append({"path": "data/record.json", "kind": "record", "format": "json",
                          "command": "pic frameworks and pic score STATE --year YEAR, for every edition"})
    site.files["data/README.md"] = _readme()

    # The data page and the manifest.
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for heading, prefix in (("Years", "data/years/"), ("States", "data/states/"), ("Frameworks", "data/frameworks")):
        items = [(m["path"], m["path"][len("data/"):] + f" ({m['command']})") for m in site.manifest
                 if m["path"].startswith(prefix)]
        groups.append((heading, items))
    site.page("data/index.html", "The data behind every page", pages.data_body(
        groups=groups, columns=RECORD_COLUMNS, href=_href_from("data/index.html")), list(DEFAULT_GRADES), [])
    site.files[MANIFEST] = _json({"generated": generated, "files": sorted(site.manifest, key=lambda m: m["path"])})
    site.files[MARKER] = "This folder was written by `pic site`; `pic site --force` may replace it.\n"
    return dict(sorted(site.files.items()))


def _readme() -> str:
    lines = ["# The data of this site", "",
             "Every JSON file here is what a pic command prints with `--format json` (valid against the JSON "
             "Schema of its kind, `schemas/KIND.output.schema.json` in pic), and every CSV file what it prints "
             "with `--format csv`. `manifest.json` lists each file with its kind and its command.", "",
             "- `record.csv`: every edition of every jurisdiction, one row each (with a row for each edition that "
             "was published but is not on record, basis `missing`).",
             "- `record.json`: `frameworks` (as `pic frameworks`) and `editions`, every edition's report card "
             "(as `pic score STATE --year YEAR`).", "",
             "## The columns of record.csv", "", "| Column | What it holds |", "|---|---|"]
    lines += [f"| `{c}` | {d} |" for c, d in RECORD_COLUMNS]
    lines += ["", "An empty cell is unknown or not recorded; it is never a zero.", ""]
    return "\n".join(lines)


# --- writing ------------------------------------------------------------------------------------

def check_target(folder: Path, force: bool) -> None:
    """Refuse, before any work, a target that is a file, lies in a missing folder, or is a
    non-empty folder (without --force; with it, only a folder `pic site` wrote)."""
    from pic.core.errors import OutputError

    parent = folder.expanduser().absolute().parent
    if not parent.is_dir():
        raise OutputError(f"{folder}: folder '{parent}' does not exist.")
    if folder.exists() or folder.is_symlink():
        if not folder.is_dir() or folder.is_symlink():
            raise OutputError(f"{folder} exists and is not a folder; name a new or empty folder.")
        entries = os.listdir(folder)
        if entries and not force:
            raise OutputError(f"{folder} is not empty; use --force to replace a site pic wrote there.")
        if entries and MARKER not in entries:
            raise OutputError(f"{folder} is not empty and holds no site written by pic; --force replaces only "
                              "those. Name a new or empty folder.")


def write(folder: Path, files: dict[str, str], force: bool) -> None:
    """Write the site into a temporary folder beside `folder`, then rename it into place."""
    from pic.core.errors import DataError, Problem

    check_target(folder, force)
    target = folder.expanduser().absolute()
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    old: Path | None = None
    try:
        for rel, content in files.items():
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8", newline="\n")
        mode = 0o777 & ~_umask()
        for dirpath, dirnames, filenames in os.walk(tmp):
            os.chmod(dirpath, mode)
            for name in filenames:
                os.chmod(os.path.join(dirpath, name), mode & 0o666)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
            os.rename(target, old / "site")
        os.rename(tmp, target)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and (old / "site").exists() and not target.exists():
            os.rename(old / "site", target)
        raise DataError([Problem(str(folder), f"cannot be written: {exc.strerror or exc}")]) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and (old / "site").exists() and not target.exists():
            os.rename(old / "site", target)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def generated_date(date: str | None) -> str:
    """The date for the "generated" line: --date (YYYY-MM-DD), else SOURCE_DATE_EPOCH, else today."""
    import datetime as _dt
    import re

    from pic.core.errors import UsageError, short
    from pic.render.figure import today

    if date is None:
        return today()
    text = date.strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return _dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise UsageError(f"--date must be a date as YYYY-MM-DD (it is '{short(date)}').") from None
