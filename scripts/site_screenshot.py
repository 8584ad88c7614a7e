#!/usr/bin/env python3
"""Draw docs/gallery/site.png: the home page of `pic site`, as the README shows it.

    python scripts/site_screenshot.py                 # build the site in a temporary folder, screenshot it
    python scripts/site_screenshot.py --date 2026-01-01

The site is built from this checkout's code and data (`python -m pic site`); headless
Chromium (Debian's `chromium`) takes the picture at 1280 x 1500, the top of the page.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PNG = ROOT / "docs" / "gallery" / "site.png"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--date", help="date on the pages' generated line (default: SOURCE_DATE_EPOCH, else today)")
    args = ap.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("site_screenshot: chromium not found (Debian: apt-get install chromium)")
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT / "src"), "PIC_DATA": ""}
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "site"
        cmd = [sys.executable, "-m", "pic", "site", str(out), "--quiet"] + (["--date", args.date] if args.date else [])
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
        if done.returncode != 0:
            sys.exit(f"site_screenshot: pic site failed ({done.returncode}):\n{done.stderr}")
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={Path(work) / 'profile'}", "--host-resolver-rules=MAP * ~NOTFOUND",
             "--force-device-scale-factor=1", "--window-size=1280,1500", f"--screenshot={PNG}",
             (out / "index.html").as_uri()],
            capture_output=True, text=True, timeout=120, check=False)
    if not PNG.is_file() or PNG.stat().st_size == 0:
        sys.exit("site_screenshot: chromium wrote no screenshot")
    print(f"wrote {PNG.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
