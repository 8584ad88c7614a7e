"""pic's own data ships pre-parsed (src/pic/compiled), and nothing else is ever taken in
place of a parse: no per-user cache, nothing written, a stale or forged entry unused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pic.core import datafile
from pic.core.load import builtin_root
from pic.core.yamlload import parse

ROOT = Path(__file__).resolve().parent.parent


def test_the_compiled_data_equals_a_fresh_parse_of_the_data_tree():
    """Every frameworks/*.yaml and states/*/*.yaml has its compiled parse, equal to what
    parsing it now gives, and no compiled file lacks its source
    (fix: python scripts/compile_data.py)."""
    if not (ROOT / "scripts" / "compile_data.py").is_file():
        pytest.skip("scripts/compile_data.py is not beside these tests (an sdist)")
    sys.path.insert(0, str(ROOT / "scripts"))
    import compile_data

    want = compile_data.expected()
    want.update(compile_data.calibrations())
    assert len(want) > 100
    for path, text in want.items():
        assert path.is_file(), f"{path} missing: run python scripts/compile_data.py"
        assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text), \
            f"{path} is stale: run python scripts/compile_data.py"
    assert compile_data.present() == set(want)


def test_pic_own_files_load_from_their_compiled_parse():
    path = builtin_root() / "states" / "mississippi" / "2019.yaml"
    text = path.read_text(encoding="utf-8")
    doc = datafile.load_file(path)
    assert doc._marks is None  # not parsed: read from the compiled file
    assert doc.data == parse(text, "x").data
    assert doc.problem(("findings",), "x").line == parse(text, "x").marks[("findings",)][0]


def test_an_edited_file_is_parsed_not_served_its_old_parse(tmp_path, monkeypatch):
    """The compiled entry is tied to the exact text: a changed file is parsed afresh."""
    tree = tmp_path / "tree"
    (tree / "frameworks").mkdir(parents=True)
    (tree / "frameworks" / "x.yaml").write_text("a: 2\n", encoding="utf-8")
    compiled = tmp_path / "compiled"
    (compiled / "frameworks").mkdir(parents=True)
    (compiled / "frameworks" / "x.json").write_text(datafile.compiled_entry("a: 1\n", {"a": 1}), encoding="utf-8")
    monkeypatch.setattr(datafile, "COMPILED", compiled)
    monkeypatch.setattr("pic.core.paths.builtin_root", lambda: tree)
    assert datafile.load_file(tree / "frameworks" / "x.yaml").data == {"a": 2}
    (tree / "frameworks" / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    assert datafile.load_file(tree / "frameworks" / "x.yaml").data == {"a": 1}


@pytest.mark.parametrize("entry", ["not json", '{"blake2b": "0", "data": {"a": 666}}', "[1, 2]",
                                   "[" * 100_000 + "]" * 100_000, "x" * (9 * 1024 * 1024)])
def test_a_broken_or_forged_compiled_entry_is_never_used(tmp_path, monkeypatch, entry):
    tree = tmp_path / "tree"
    (tree / "frameworks").mkdir(parents=True)
    (tree / "frameworks" / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    compiled = tmp_path / "compiled"
    (compiled / "frameworks").mkdir(parents=True)
    (compiled / "frameworks" / "x.json").write_text(entry, encoding="utf-8")
    monkeypatch.setattr(datafile, "COMPILED", compiled)
    monkeypatch.setattr("pic.core.paths.builtin_root", lambda: tree)
    assert datafile.load_file(tree / "frameworks" / "x.yaml").data == {"a": 1}


def test_a_users_tree_is_always_parsed(tmp_path):
    f = tmp_path / "states" / "mississippi" / "2019.yaml"
    f.parent.mkdir(parents=True)
    f.write_text((builtin_root() / "states" / "mississippi" / "2019.yaml").read_text(encoding="utf-8"),
                 encoding="utf-8")
    assert datafile.load_file(f)._marks is not None  # parsed, marks and all


@pytest.mark.parametrize("env", [
    {},
    {"PIC_CACHE_DIR": "{tmp}/planted"},
    {"XDG_CACHE_HOME": "{tmp}/xdg"},
    {"XDG_CACHE_HOME": "relative-cache"},
    {"HOME": ""},
])
def test_nothing_is_written_outside_the_named_output(tmp_path, env):
    """No cache folder, no `~` folder in the working directory, nothing in HOME: a run
    writes its output and nothing else, and a planted cache changes nothing."""
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    planted = tmp_path / "planted"
    planted.mkdir()
    (planted / "anything.json").write_text('{"key": "x", "data": {"year": 2019}}', encoding="utf-8")
    full = {k: v for k, v in os.environ.items() if k not in ("PIC_CACHE_DIR", "XDG_CACHE_HOME")}
    full.update({"HOME": str(home), "PIC_DATA": "", "PYTHONDONTWRITEBYTECODE": "1"})
    full.update({k: v.format(tmp=tmp_path) for k, v in env.items()})
    run = subprocess.run([sys.executable, "-m", "pic", "score", "mississippi", "--year", "2019", "-f", "json",
                          "-o", "card.json"], cwd=work, env=full, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads((work / "card.json").read_text(encoding="utf-8"))["score"] == 91
    assert sorted(os.listdir(work)) == ["card.json"]
    assert os.listdir(home) == []
    assert sorted(os.listdir(planted)) == ["anything.json"]
    assert not (tmp_path / "xdg").exists()


# Every command, each writing where it is told: (arguments, what it writes in the working folder).
EVERY_COMMAND = [
    (["score", "ms", "-o", "card.json"], "card.json"), (["score", "ms"], None),
    (["score", "--all", "-o", "ranking.svg"], "ranking.svg"), (["gaps", "ms", "-o", "gaps.csv"], "gaps.csv"),
    (["history", "ms", "-o", "history.md"], "history.md"), (["diff", "2018", "2019", "ms", "-o", "diff.html"], "diff.html"),
    (["map", "--year", "2019", "-o", "map.svg"], "map.svg"), (["frameworks", "-f", "json"], None), (["validate"], None),
    (["explain", "ms", "2.1", "-o", "explain.txt"], "explain.txt"), (["whatif", "ms", "-o", "whatif.json"], "whatif.json"),
    (["compare", "ms", "al", "--year", "2019", "-o", "compare.csv"], "compare.csv"),
    (["status", "ms", "-o", "status.md"], "status.md"), (["calibrate", "-o", "calibrate.json"], "calibrate.json"),
    (["new", "texas", "2019", "--data", "research"], "research/states/texas/2019.yaml"),
]


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")
            if "__pycache__" not in p.parts}


@pytest.mark.slow
@pytest.mark.parametrize("home", ["unset", "a folder"])
def test_no_command_writes_outside_its_named_output(tmp_path, home):
    """Every command, run with HOME unset (a container run as an arbitrary user) or pointed
    at an empty folder: each writes its named output and nothing else: nothing in HOME, no
    `~` folder, no cache, no temporary file left, nothing in pic's own package or data."""
    work, temp, home_dir = tmp_path / "work", tmp_path / "tmp", tmp_path / "home"
    for folder in (work / "research", temp, home_dir):
        folder.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items()
           if k not in ("HOME", "PIC_DATA", "PIC_CACHE_DIR", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME")}
    env.update({"TMPDIR": str(temp), "PYTHONDONTWRITEBYTECODE": "1", "NO_COLOR": "1", "PYTHONPATH": str(ROOT / "src")})
    if home == "a folder":
        env["HOME"] = str(home_dir)
    code = (
        "import json, sys\n"
        "from pic.cli import app\n"
        "codes = []\n"
        "for args in json.loads(sys.argv[1]):\n"
        "    try:\n"
        "        app(args)\n"
        "    except SystemExit as e:\n"
        "        codes.append(e.code)\n"
        "sys.stdout.flush()\n"
        "sys.stderr.write('\\n' + json.dumps(codes))\n"
    )
    package = Path(__import__("pic").__file__).parent
    before = {folder: _snapshot(folder) for folder in (package, builtin_root())}
    homes = {Path.home()}
    try:
        import pwd

        homes.add(Path(pwd.getpwuid(os.getuid()).pw_dir))  # where `~` leads with HOME unset
    except ImportError:  # not POSIX
        pass
    user_places = [h / sub for h in homes for sub in ("", ".cache", ".config", ".local/share")]
    ours_before = {p for place in user_places if place.is_dir() for p in place.iterdir() if "pic" in p.name.lower()}
    run = subprocess.run([sys.executable, "-c", code, json.dumps([args for args, _ in EVERY_COMMAND])], cwd=work,
                         env=env, capture_output=True, text=True, timeout=600)
    assert json.loads(run.stderr.strip().splitlines()[-1]) == [0] * len(EVERY_COMMAND), run.stderr[-3000:]
    outputs = {Path(out) for _, out in EVERY_COMMAND if out is not None}
    assert {p.relative_to(work) for p in work.rglob("*")} == outputs | {d for o in outputs for d in o.parents
                                                                       if d != Path(".")}
    assert "Mississippi" in (work / "history.md").read_text(encoding="utf-8")  # the outputs are real
    assert os.listdir(temp) == [] and os.listdir(home_dir) == []
    assert {folder: _snapshot(folder) for folder in before} == before
    assert {p for place in user_places if place.is_dir() for p in place.iterdir() if "pic" in p.name.lower()} == ours_before


def test_the_shipped_calibration_is_the_one_a_fresh_solve_gives_and_only_used_when_it_fits(monkeypatch):
    """pic's own calibration ships solved; it is what solving the cards gives, and a solution
    for other texts (or a forged one) is never used."""
    from pic.core import calibrate as cb
    from pic.core.load import DataTree

    tree = DataTree(builtin_root())
    framework = tree.framework("pic")
    cards = tree.cards("pic")
    shipped = tree._shipped_solution(framework, cards)
    assert shipped is not None, "run python scripts/compile_data.py"
    fresh = cb.calibrate(framework, cards)
    assert cb.calibrate(framework, cards, shipped).solution() == fresh.solution()
    # a solution whose key does not match the texts read now is not used
    monkeypatch.setattr(cb, "solution_key", lambda texts: "not the key")
    assert tree._shipped_solution(framework, cards) is None
    # a forged solution that does not fit the framework is refused, and the cards are solved
    forged = {**shipped, "allowed": [[[9, 9]]]}
    assert cb.calibrate(framework, cards, forged).solution() == fresh.solution()
