"""`pic site DIR`: the whole record as a static website (issue 21).

The site is built once per session from pic's own data and checked as a reader and a host
would meet it: every link and anchor resolves, no request leaves the site, every page has
its Content-Security-Policy, every data file is valid against its schema, two builds are
byte-identical, data text is escaped, and a failed build leaves nothing. The browser tests
(marked `browser`) open the site in headless Chromium through Selenium and Debian's
chromedriver: screenshots at desktop and phone widths, no horizontal scroll at 320 px,
and axe-core's WCAG 2.1 A and AA rules on a page of each kind, with zero violations.
"""

from __future__ import annotations

import base64
import errno
import functools
import hashlib
import html
import http.server
import json
import os
import re
import shutil
import threading
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urldefrag, urlsplit

import pytest
from jsonschema import Draft202012Validator

import toytree
from conftest import ENV, Pic

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
DATE = "2026-01-02"


def build(pic: Pic, folder: Path, *extra: str, env: dict[str, str] | None = None) -> Any:
    return pic("site", str(folder), "--date", DATE, *extra, env=env)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site") / "out"
    result = build(Pic(), folder)
    assert result.exit_code == 0, result.output
    return folder


def pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


class Links(HTMLParser):
    """Every id, every link and every resource reference of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str, dict[str, str]]] = []  # tag, attribute, value, attrs
        self.metas: list[dict[str, str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "meta":
            self.metas.append(a)
        for key in ("href", "src", "srcset", "action", "data", "poster", "xlink:href"):
            if key in a:
                self.refs.append((tag, key, a[key], a))


@functools.lru_cache(maxsize=None)
def parsed(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def source_urls(folder: Path) -> set[str]:
    """Every `url` a data file names: the sources, the only addresses a page may link out to."""
    found: set[str] = set()

    def walk(x: Any) -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                if k == "url" and isinstance(v, str):
                    found.add(v)
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    for path in (folder / "data").rglob("*.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return found


# --- the folder: refused, replaced, atomic ---------------------------------------------------


def toy_data(root: Path, note: str = "a toy note") -> Path:
    fw = toytree.FRAMEWORK
    return toytree.build(root, [
        toytree.profile("texas", 2000, findings={"1.1.a": "yes", "1.1.b": "no", "2.1.a": "yes"}, note=note),
        toytree.profile("texas", 2001, findings={"1.1.a": "yes", "1.1.b": "yes", "2.1.a": "yes"}),
        toytree.profile("maine", 2001, published={"score": 5, "grade": "C"}),
    ], [fw])


def test_a_non_empty_folder_is_refused_without_force(pic: Pic, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep me", encoding="utf-8")
    result = build(pic, folder, "--data", str(toy_data(tmp_path / "data")))
    assert result.exit_code == 3, result.output
    assert "--force" in result.stderr and "Traceback" not in result.output
    assert sorted(os.listdir(folder)) == ["mine.txt"]
    # --force replaces only a site pic wrote: a folder of someone's files is never deleted
    result = build(pic, folder, "--force", "--data", str(toy_data(tmp_path / "data")))
    assert result.exit_code == 3, result.output
    assert (folder / "mine.txt").read_text(encoding="utf-8") == "keep me"


def test_a_file_or_a_missing_parent_is_refused(pic: Pic, tmp_path: Path) -> None:
    data = str(toy_data(tmp_path / "data"))
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert build(pic, tmp_path / "file", "--data", data).exit_code == 3
    assert build(pic, tmp_path / "no" / "such" / "out", "--data", data).exit_code == 3
    assert build(pic, tmp_path / "out", "--data", data, "--format", "json").exit_code == 2
    assert build(pic, tmp_path / "out2", "--data", data, "--date", "yesterday").exit_code == 2
    assert not (tmp_path / "out").exists() and not (tmp_path / "out2").exists()


def test_an_empty_folder_is_filled_and_a_site_is_replaced_with_force(pic: Pic, tmp_path: Path) -> None:
    data = str(toy_data(tmp_path / "data"))
    folder = tmp_path / "out"
    folder.mkdir()
    assert build(pic, folder, "--data", data).exit_code == 0
    assert (folder / "index.html").is_file()
    (folder / "stale.html").write_text("old", encoding="utf-8")
    assert build(pic, folder, "--data", data).exit_code == 3  # not empty now
    result = build(pic, folder, "--force", "--data", data)
    assert result.exit_code == 0, result.output
    assert not (folder / "stale.html").exists() and (folder / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out"]  # no temporary folder left


def test_a_failed_build_leaves_no_folder_and_keeps_the_old_site(pic: Pic, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    data = str(toy_data(tmp_path / "data"))
    real = Path.write_text
    calls = {"n": 0}

    def failing(self: Path, *args: Any, **kwargs: Any) -> int:
        calls["n"] += 1
        if calls["n"] > 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", failing)
    result = build(pic, tmp_path / "out", "--data", data)
    assert result.exit_code == 3, result.output
    assert "No space left" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
    # over an existing site: the old one stays whole
    monkeypatch.setattr(Path, "write_text", real)
    assert build(pic, tmp_path / "out", "--data", data).exit_code == 0
    before = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    calls["n"] = 0
    monkeypatch.setattr(Path, "write_text", failing)
    assert build(pic, tmp_path / "out", "--force", "--data", data).exit_code == 3
    monkeypatch.setattr(Path, "write_text", real)
    assert {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out"]


# --- reproducible -----------------------------------------------------------------------------


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert build(Pic(), again).exit_code == 0
    first, second = tree_bytes(site), tree_bytes(again)
    assert sorted(first) == sorted(second)
    assert [p for p in first if first[p] != second[p]] == []


def test_the_generated_line_follows_date_or_source_date_epoch(pic: Pic, tmp_path: Path) -> None:
    data = str(toy_data(tmp_path / "data"))
    out = tmp_path / "epoch"
    result = pic("site", str(out), "--data", data, env={"SOURCE_DATE_EPOCH": "86400"})
    assert result.exit_code == 0, result.output
    assert "on 1970-01-02" in (out / "index.html").read_text(encoding="utf-8")
    assert build(pic, tmp_path / "dated", "--data", data).exit_code == 0
    assert f"on {DATE}" in (tmp_path / "dated" / "index.html").read_text(encoding="utf-8")


# --- what the site holds ----------------------------------------------------------------------


def test_a_page_for_every_state_year_and_framework(site: Path, tree: Any) -> None:
    from pic.core.jurisdictions import place_name

    for slug in tree.jurisdictions():
        if tree.years(slug):
            page = (site / "states" / f"{slug}.html").read_text(encoding="utf-8")
            assert f"<h1>{html.escape(place_name(slug))}</h1>" in page
            for year in tree.years(slug):
                assert f'id="edition-{year}"' in page  # every edition's card, with an anchor
    years = sorted({y for s in tree.jurisdictions() for y in tree.years(s)})
    assert sorted(int(p.stem) for p in (site / "years").glob("*.html")) == years
    assert sorted(p.stem for p in (site / "frameworks").glob("*.html")) == sorted(tree.framework_ids())
    home = (site / "index.html").read_text(encoding="utf-8")
    for year in years:
        assert f'href="years/{year}.html"' in home
    assert "Credit:" in home  # the map's credit line


def test_the_ranking_shows_pics_rank_and_the_publishers_as_the_cli_does(site: Path, pic: Pic) -> None:
    ranking = json.loads(pic("score", "--all", "--year", "2019", "--format", "json").stdout)
    page = (site / "years" / "2019.html").read_text(encoding="utf-8")
    assert "pic&#x27;s rank (among editions on record)" in page and "Published rank (publisher&#x27;s)" in page
    for row in ranking["rows"]:
        lo, hi = row["rank_min"], row["rank_max"]
        rank = str(lo) if lo == hi else f"{lo}–{hi}"
        assert re.search(rf"<th scope=\"row\"[^>]*>{re.escape(rank)}</th>|<td[^>]*>{re.escape(rank)}</td>", page)
    assert json.loads((site / "data" / "years" / "2019" / "ranking.json").read_text(encoding="utf-8")) == ranking


def test_the_year_page_shows_what_pic_diff_computes(site: Path, pic: Pic) -> None:
    diff = json.loads(pic("diff", "2018", "2019", "--format", "json").stdout)
    assert json.loads((site / "data" / "years" / "2019" / "diff.json").read_text(encoding="utf-8")) == diff
    page = (site / "years" / "2019.html").read_text(encoding="utf-8")
    assert "What changed since 2018" in page
    # the first year of a framework has nothing to compare with, and says so
    assert "nothing to compare" in (site / "years" / "2011.html").read_text(encoding="utf-8")


def test_the_state_page_is_the_state_report_pic_draws(site: Path, pic: Pic, tmp_path: Path) -> None:
    out = tmp_path / "ms.html"
    assert pic("score", "mississippi", "--output", str(out)).exit_code == 0
    one_file = out.read_text(encoding="utf-8")
    main = one_file.split("<main>\n", 1)[1].rsplit("\n</main>", 1)[0]
    main = re.sub(r"Generated by pic \S+ on \d{4}-\d{2}-\d{2}", "", main)
    page = re.sub(r"Generated by pic \S+ on \d{4}-\d{2}-\d{2}", "",
                  (site / "states" / "mississippi.html").read_text(encoding="utf-8"))
    assert main in page
    assert "Every edition's card" in page and 'href="#edition-2018"' in page


def test_the_framework_page_lists_every_criterion_with_its_points(site: Path, tree: Any) -> None:
    fw = tree.framework("pic")
    page = (site / "frameworks" / "pic.html").read_text(encoding="utf-8")
    for cid, crit in fw.criteria.items():
        assert f'<th scope="row">{html.escape(cid)}</th>' in page
    assert "Grade scale" in page and "inferred" in page
    assert "Confirmed" in page and "reconstructed" in page
    calibrated = json.loads((site / "data" / "frameworks" / "pic" / "calibrate.json").read_text(encoding="utf-8"))
    assert f"what the {len(calibrated['cards'])} published cards" in page


# --- links, requests, policy -------------------------------------------------------------------


def test_every_internal_link_and_anchor_resolves_and_nothing_leaves_the_site(site: Path) -> None:
    sources = source_urls(site)
    assert sources
    external = 0
    for page in pages(site):
        links = parsed(page)
        assert "script" not in links.tags and "iframe" not in links.tags and "object" not in links.tags
        for tag, attr, value, attrs in links.refs:
            scheme = urlsplit(value).scheme.lower()
            if scheme in ("http", "https"):
                # out to a source only: a plain link, never a resource the page loads
                assert tag == "a" and attr == "href", (page, tag, value)
                assert value in sources, (page, value)
                assert "noreferrer" in attrs.get("rel", "")
                external += 1
                continue
            assert scheme == "" and not value.startswith("//"), (page, value)
            path, anchor = urldefrag(value)
            target = (page.parent / path).resolve() if path else page
            assert target.is_file() and site.resolve() in target.parents, (page, value)
            if anchor:
                assert target.suffix == ".html" and anchor in parsed(target).ids, (page, value)
    assert external > 0
    for css in site.rglob("*.css"):
        assert "url(" not in css.read_text(encoding="utf-8") or "http" not in css.read_text(encoding="utf-8")
        assert "@import" not in css.read_text(encoding="utf-8")


class Outline(HTMLParser):
    """Headings, landmarks and tables of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[int] = []
        self.tags: list[str] = []
        self.tables: list[dict[str, int]] = []
        self.svgs: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "table":
            self.tables.append({"caption": 0, "th": 0})
        if tag in ("caption", "th") and self.tables:
            self.tables[-1][tag] += 1
        if tag == "svg":
            self.svgs.append({k: v or "" for k, v in attrs})


def test_every_page_has_ordered_headings_landmarks_and_tables_with_headers(site: Path) -> None:
    for page in pages(site):
        o = Outline()
        o.feed(page.read_text(encoding="utf-8"))
        assert o.headings[0] == 1 and o.headings.count(1) == 1, page
        for before, after in zip(o.headings, o.headings[1:]):
            assert after <= before + 1, (page, o.headings)  # no level skipped on the way down
        assert {"header", "nav", "main", "footer"} <= set(o.tags), page
        assert o.tags.index("a") < o.tags.index("main")  # the skip link comes first
        assert all(t["caption"] == 1 and t["th"] > 0 for t in o.tables), page
        for svg in o.svgs:  # every figure has its text alternative
            assert svg.get("role") == "img" and svg.get("aria-labelledby"), page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Grades by jurisdiction" in home  # the map as a table too


def test_the_site_is_not_loaded_at_start_up() -> None:
    import subprocess
    import sys

    code = "import sys, pic.cli; print(sorted(m for m in sys.modules if m.startswith('pic.site')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_every_page_is_reachable_from_the_home_page(site: Path) -> None:
    seen, todo = set(), [site / "index.html"]
    while todo:
        page = todo.pop()
        if page in seen:
            continue
        seen.add(page)
        for tag, attr, value, _ in parsed(page).refs:
            path = urldefrag(value)[0]
            if tag == "a" and path.endswith(".html") and not urlsplit(value).scheme:
                todo.append((page.parent / path).resolve())
    assert {p.resolve() for p in pages(site)} <= seen


def test_every_page_carries_a_strict_content_security_policy(site: Path) -> None:
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        metas = [m for m in parsed(page).metas if m.get("http-equiv", "").lower() == "content-security-policy"]
        assert len(metas) == 1, page
        policy = metas[0]["content"]
        assert text.index("Content-Security-Policy") < text.index("<title>")  # before anything loads
        rules = dict((r.strip().split(" ", 1) + [""])[:2] for r in policy.split(";"))
        assert rules["default-src"] == "'none'" and rules["script-src"] == "'none'"
        assert rules["img-src"] == "'self'" and "unsafe-inline" not in policy
        # every inline style attribute is allowed by its hash, and nothing else is
        styles = set(re.findall(r'\sstyle="([^"]*)"', text))
        wanted = {"'sha256-" + base64.b64encode(hashlib.sha256(html.unescape(s).encode()).digest()).decode() + "'"
                  for s in styles}
        assert set(re.findall(r"'sha256-[^']+'", rules["style-src"])) == wanted
        assert "<style" not in text  # styles come from the site's own sheet


# --- data -------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))


def test_every_data_file_is_listed_and_valid_against_its_schema(site: Path) -> None:
    manifest = json.loads((site / "data" / "manifest.json").read_text(encoding="utf-8"))
    listed = {m["path"] for m in manifest["files"]}
    on_disk = {p.relative_to(site).as_posix() for p in (site / "data").rglob("*")
               if p.is_file() and p.suffix in (".json", ".csv")} - {"data/manifest.json"}
    assert listed == on_disk
    checked = 0
    for m in manifest["files"]:
        if m.get("schema"):
            data = json.loads((site / m["path"]).read_text(encoding="utf-8"))
            errors = list(validator(m["schema"]).iter_errors(data))
            assert not errors, (m["path"], errors[0].message)
            checked += 1
    assert checked > 100
    record = json.loads((site / "data" / "record.json").read_text(encoding="utf-8"))
    assert not list(validator("frameworks.output.schema.json").iter_errors(record["frameworks"]))
    for edition in record["editions"]:
        assert not list(validator("score.output.schema.json").iter_errors(edition))


def test_the_whole_record_csv_has_a_row_per_edition_and_a_readme_of_its_columns(site: Path, tree: Any) -> None:
    import csv

    with open(site / "data" / "record.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    on_record = [(r["jurisdiction"], int(r["year"])) for r in rows if r["on_record"] == "true"]
    assert sorted(on_record) == sorted((s, y) for s in tree.jurisdictions() for y in tree.years(s))
    readme = (site / "data" / "README.md").read_text(encoding="utf-8")
    for column in rows[0]:
        assert f"`{column}`" in readme
    # the same rows `pic history STATE --format csv` writes
    ms = [r for r in rows if r["jurisdiction"] == "mississippi"]
    assert len(ms) == len((site / "data" / "states" / "mississippi" / "history.csv")
                          .read_text(encoding="utf-8").splitlines()) - 1


def test_data_text_is_escaped_everywhere(pic: Pic, tmp_path: Path) -> None:
    hostile = '<script>alert("x")</script> \x1b[31mred\x1b[0m <img src=https://evil.example/x.png> =cmd|x'
    data = toy_data(tmp_path / "data", note=hostile)
    out = tmp_path / "out"
    result = build(pic, out, "--data", str(data))
    assert result.exit_code == 0, result.output
    page = (out / "states" / "texas.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; \\x1b[31mred" in page
    for path in out.rglob("*"):
        if path.is_file():
            body = path.read_text(encoding="utf-8")
            assert "\x1b" not in body, path
            if path.suffix in (".html", ".css"):  # JSON keeps the text exact, as the CLI's does
                assert "<script" not in body and "<img" not in body, path
                assert "evil.example" not in re.sub(r"&lt;img src=https://evil\.example", "", body), path
    assert "\\u001b[31m" in (out / "data" / "states" / "texas" / "2000" / "score.json").read_text(encoding="utf-8")
    card_csv = (out / "data" / "states" / "texas" / "2000" / "score.csv").read_text(encoding="utf-8")
    assert "\x1b" not in card_csv


# --- in a browser -------------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists()
                                                else None)
AXE = os.environ.get("PIC_AXE_JS", "")


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    if CHROMIUM is None or CHROMEDRIVER is None:
        return "chromium or chromedriver is not installed (Debian: apt-get install chromium chromium-driver)"
    return None


needs_browser = pytest.mark.skipif(_missing() is not None, reason=_missing() or "")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The site as `python -m http.server -d DIR` serves it."""
    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--disable-extensions",
                "--force-device-scale-factor=1", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(arg)
    options.binary_location = CHROMIUM or ""
    d = webdriver.Chrome(service=Service(CHROMEDRIVER or ""), options=options)
    d.set_page_load_timeout(60)
    d.set_script_timeout(120)
    yield d
    d.quit()


PAGES = {"home": "index.html", "state": "states/mississippi.html", "state-published": "states/alabama.html",
         "year": "years/2019.html", "framework": "frameworks/pic.html", "data": "data/index.html"}


@pytest.mark.browser
@needs_browser
@pytest.mark.parametrize("name", ["home", "state"])
@pytest.mark.parametrize("width", [1280, 320])
def test_pages_render_without_horizontal_scroll(driver: Any, served: str, name: str, width: int,
                                                tmp_path: Path) -> None:
    driver.set_window_size(width, 900)
    driver.get(served + PAGES[name])
    scroll, inner = driver.execute_script("return [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"{PAGES[name]} scrolls sideways at {width} px ({scroll} > {inner})"
    png = tmp_path / f"{name}-{width}.png"
    assert driver.save_screenshot(str(png))
    assert png.stat().st_size > 5000  # a page drawn, not a blank
    # every resource the page loaded came from the site itself, and none failed
    origins = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert all(o.startswith(served) for o in origins), origins
    assert driver.execute_script("return document.styleSheets.length") >= 1  # the style sheet loaded under CSP
    assert driver.execute_script("return getComputedStyle(document.querySelector('main')).maxWidth") == "860px"
    # the policy let every inline style through by its hash: nothing was refused
    refused = [e["message"] for e in driver.get_log("browser") if "Content Security Policy" in e["message"]]
    assert refused == []
    if name == "state":  # the section bars take the widths their style attributes give them
        widths = driver.execute_script(
            "return [...document.querySelectorAll('.track')].map(t => [t.getAttribute('style'),"
            " t.getBoundingClientRect().width / t.parentElement.clientWidth])")
        assert widths and any(0.2 < w < 0.9 for _, w in widths), widths


@pytest.mark.browser
@needs_browser
def test_no_page_scrolls_sideways_on_a_phone(driver: Any, served: str, site: Path) -> None:
    driver.set_window_size(320, 900)
    wide = []
    for page in pages(site):
        rel = page.relative_to(site).as_posix()
        driver.get(served + rel)
        scroll, inner = driver.execute_script("return [document.scrollingElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            wide.append((rel, scroll))
    assert wide == [], f"pages wider than 320 px: {wide}"


@pytest.mark.browser
@needs_browser
def test_print_leaves_out_the_navigation(driver: Any, served: str) -> None:
    driver.set_window_size(1280, 900)
    driver.get(served + PAGES["state"])
    shown = "return getComputedStyle(document.querySelector('header.site')).display"
    assert driver.execute_script(shown) != "none"
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert driver.execute_script(shown) == "none"
        assert driver.execute_script("return getComputedStyle(document.querySelector('main')).maxWidth") == "none"
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


@pytest.mark.browser
@needs_browser
def test_a_reader_goes_from_the_map_to_a_state_to_a_gap_to_its_source(driver: Any, served: str) -> None:
    from selenium.webdriver.common.by import By

    driver.set_window_size(1280, 900)
    driver.get(served + "index.html")
    assert driver.find_element(By.CSS_SELECTOR, "main svg[role=img] title").get_attribute("textContent")
    driver.find_element(By.LINK_TEXT, "Mississippi").click()
    assert driver.current_url == served + "states/mississippi.html"
    captions = [c.text for c in driver.find_elements(By.CSS_SELECTOR, "table caption")]
    assert any("the findings show" in c for c in captions), captions
    sources = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "footer a[href^=http]")]
    assert sources and all(s.startswith("http") for s in sources)
    driver.find_element(By.LINK_TEXT, "Next edition: 2019").click()
    assert driver.current_url.endswith("#edition-2019")


@pytest.mark.browser
@needs_browser
@pytest.mark.skipif(not AXE or not Path(AXE).is_file(),
                    reason="axe-core is not installed: npm install --prefix DIR axe-core@4, then set PIC_AXE_JS to "
                           "DIR/node_modules/axe-core/axe.min.js (.ci/run does both)")
@pytest.mark.parametrize("name", sorted(PAGES))
def test_axe_finds_no_wcag_21_a_or_aa_violation(driver: Any, served: str, name: str) -> None:
    axe = Path(AXE).read_text(encoding="utf-8")
    driver.set_window_size(1280, 900)
    driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})  # for the check only: axe is a script
    try:
        driver.get(served + PAGES[name])
        driver.execute_script(axe)
        version = driver.execute_script("return axe.version")
        assert version.startswith("4."), version
        violations = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
            ".then(r => done(r.violations.map(v => [v.id, v.help, v.nodes.slice(0, 3).map(n => n.html)])),"
            "      e => done([['error', String(e), []]]));")
    finally:
        driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": False})
    assert violations == [], json.dumps(violations, indent=1)


@pytest.mark.browser
@needs_browser
def test_the_policy_blocks_an_inline_script_in_the_browser(driver: Any, served: str, site: Path) -> None:
    """The meta policy is live: a script slipped into a page (as a hostile edit would) does not run."""
    page = (site / "index.html").read_text(encoding="utf-8")
    probe = site / "probe-csp.html"
    probe.write_text(page.replace("</main>", "<script>document.title='ran'</script></main>"), encoding="utf-8")
    try:
        driver.get(served + "probe-csp.html")
        assert driver.title != "ran"
    finally:
        probe.unlink()
