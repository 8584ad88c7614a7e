#!/usr/bin/env python3
"""Regenerate docs/gallery/ from real runs of pic, so the README's pictures never go stale.

For each figure: run `python -m pic ... --format json` (this checkout's code and data),
render it with pic.render.svg / pic.render.html, write the SVG (or HTML) and a PNG
screenshot taken by headless Chromium, and an index (docs/gallery/README.md) naming the
command behind each picture.

    python scripts/gallery.py                # write everything (needs chromium for the PNGs)
    python scripts/gallery.py --no-png       # SVG, HTML and index only
    python scripts/gallery.py --check        # exit 1 if a committed SVG/HTML differs from what
                                             # the current code and data draw (dates ignored)

The caption date is today's, or --date YYYY-MM-DD, or SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "gallery"
sys.path.insert(0, str(ROOT / "src"))

from pic.render import figure, html, svg  # noqa: E402

ENV = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT / "src"), "PIC_DATA": ""}
ENV.pop("FORCE_COLOR", None)


def run(*args: str) -> Any:
    """`pic ARGS --format json`, as a user would run it, parsed."""
    cmd = [sys.executable, "-m", "pic", *args, "--format", "json"]
    done = subprocess.run(cmd, capture_output=True, text=True, env=ENV, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"gallery: `pic {' '.join(args)} --format json` failed ({done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout)


def command(*args: str) -> str:
    return "pic " + " ".join(args)


# name, the commands shown in the index, a caption, and how to draw it from those runs
Figure = tuple[str, list[tuple[str, ...]], str, Callable[[list[Any], list[Any], str], str]]

FIGURES: list[Figure] = [
    ("card.svg", [("score", "mississippi", "--year", "2019")],
     "A report card: section points, total and grade, checked against the publisher's figures.",
     lambda r, fw, day: svg.score_card_svg(r[0], frameworks=fw, generated=day)),
    ("map.svg", [("map",)],
     "The map: every jurisdiction's grade for the newest year nearly all of them cover.",
     lambda r, fw, day: svg.map_svg(r[0], frameworks=fw, generated=day)),
    ("compare.svg", [("compare", "mississippi", "alabama", "tennessee", "--year", "2019")],
     "The compare view: Mississippi beside its neighbours on record for 2019.",
     lambda r, fw, day: svg.compare_svg(r[0], frameworks=fw, generated=day)),
    ("history.svg", [("history", "mississippi")],
     "Every edition of one state; points are joined only within one framework.",
     lambda r, fw, day: svg.history_svg(r[0], generated=day)),
    ("mississippi.html", [("score", "mississippi"), ("gaps", "mississippi"), ("history", "mississippi")],
     "One self-contained HTML report for one state: the card, the gaps and the history.",
     lambda r, fw, day: html.state_report_html(r[0], r[1], r[2], frameworks=fw, generated=day)),
]


def _table(kind: str, fmt: str) -> Callable[[list[Any], list[Any], str], str]:
    """A report kind without a bespoke figure: its layout as a table figure."""
    from pic.render import tablefigure
    from pic.views.layouts import LAYOUTS

    def make(r: list[Any], fw: list[Any], day: str) -> str:
        layout = LAYOUTS[kind](r[0])
        return tablefigure.svg(layout, generated=day) if fmt == "svg" else tablefigure.html(layout, generated=day)
    return make


# One table figure of each kind that has no bespoke one (validate and new are left out:
# their figures name files on the machine that ran them).
FIGURES += [
    ("ranking.svg", [("score", "--all")],
     "Every state for one year: rank (a range where the figures on record allow several), score, grade and "
     "the kind of source behind it.", _table("ranking", "svg")),
    ("gaps.html", [("gaps", "mississippi")],
     "What one state's law lacks, with the points at stake as the range the published cards allow.",
     _table("gaps", "html")),
    ("diff.svg", [("diff", "2021", "2023")],
     "Changes between two editions; an unknown change is kept apart from no change.", _table("diff", "svg")),
    ("frameworks.svg", [("frameworks",)], "The frameworks, their years, maxima and grade scales.",
     _table("frameworks", "svg")),
    ("explain.svg", [("explain", "mississippi", "6.3")],
     "One component: its criteria, the state's answers and how its points follow.", _table("explain", "svg")),
    ("whatif.svg", [("whatif", "mississippi", "-c", "6.3")],
     "The score and grade if a gap were closed.", _table("whatif", "svg")),
    ("status.svg", [("status", "texas", "--year", "2015")],
     "How complete a profile is, section by section.", _table("status", "svg")),
    ("calibrate.svg", [("calibrate",)],
     "What the published cards allow of each component's split.", _table("calibrate", "svg")),
]

HTML_SHOT = (1000, 1500)  # the top of an HTML page: what a reader sees first
SCALE = 2                 # device pixels per CSS pixel: sharp on high-density screens and in print


def draw(day: str) -> dict[str, tuple[str, list[str], str]]:
    """{file name: (document, commands, caption)} from fresh runs."""
    fw = run("frameworks")["frameworks"]
    out = {}
    for name, cmds, caption, make in FIGURES:
        reports = [run(*c) for c in cmds]
        out[name] = (make(reports, fw, day), [command(*c) for c in cmds], caption)
    return out


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def screenshot(browser: str, page: Path, png: Path, size: tuple[int, int]) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND",
             f"--force-device-scale-factor={SCALE}", f"--window-size={size[0]},{size[1]}",
             f"--screenshot={png}", page.as_uri()],
            capture_output=True, text=True, timeout=120, check=False)
    if not png.is_file() or png.stat().st_size == 0:
        sys.exit(f"gallery: chromium wrote no screenshot of {page.name}")


SVG_SHOT_MAX = 1800  # a taller figure is shown from its top, as a reader first sees it


def size_of(name: str, doc: str) -> tuple[int, int]:
    if name.endswith(".svg"):
        m = re.search(r'<svg [^>]*width="(\d+)" height="(\d+)"', doc)
        assert m, name
        return int(m.group(1)), min(int(m.group(2)), SVG_SHOT_MAX)
    return HTML_SHOT


def index(drawn: dict[str, tuple[str, list[str], str]], pngs: bool) -> str:
    lines = ["# Gallery", "",
             "Generated by `python scripts/gallery.py` from real runs of `pic` on the data shipped with it;",
             "do not edit by hand. Each picture is an `--output` figure (SVG or HTML) and, beside it, a PNG",
             "screenshot taken in headless Chromium.", ""]
    for name, (_doc, cmds, caption) in drawn.items():
        stem = name.rsplit(".", 1)[0]
        lines.append(f"## {stem}")
        lines.append("")
        lines.append(caption)
        lines.append("")
        lines.append("```")
        lines.extend(cmds)
        lines.append("```")
        lines.append("")
        if pngs:
            lines.append(f"[![{caption}]({stem}.png)]({name})")
        else:
            lines.append(f"[{name}]({name})")
        lines.append("")
    return "\n".join(lines)


GENERATED = re.compile(r"Generated by pic \S+ on \d{4}-\d{2}-\d{2}")


def check(drawn: dict[str, tuple[str, list[str], str]]) -> int:
    stale = []
    for name, (doc, _cmds, _caption) in drawn.items():
        path = OUT / name
        old = path.read_text(encoding="utf-8") if path.is_file() else ""
        if GENERATED.sub("Generated", old) != GENERATED.sub("Generated", doc):
            stale.append(name)
    if stale:
        print("gallery: out of date (run python scripts/gallery.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    print("gallery: up to date")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with docs/gallery instead of writing")
    ap.add_argument("--no-png", action="store_true", help="skip the Chromium screenshots")
    ap.add_argument("--date", help="the caption date, YYYY-MM-DD (default: today or SOURCE_DATE_EPOCH)")
    args = ap.parse_args(argv)
    if args.date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.date):
        ap.error("--date takes YYYY-MM-DD")
    day = args.date or figure.today()
    drawn = draw(day)
    if args.check:
        return check(drawn)
    browser = None if args.no_png else chromium()
    if not args.no_png and browser is None:
        print("gallery: chromium not found (Debian: apt-get install chromium); use --no-png to skip PNGs",
              file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (doc, _cmds, _caption) in drawn.items():
        path = OUT / name
        path.write_text(doc, encoding="utf-8")
        if browser:
            screenshot(browser, path, OUT / (name.rsplit(".", 1)[0] + ".png"), size_of(name, doc))
        print(f"gallery: wrote {path.relative_to(ROOT)}")
    (OUT / "README.md").write_text(index(drawn, browser is not None), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
