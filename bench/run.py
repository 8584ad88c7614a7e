"""pic's benchmark (issue 6): start-up against a minimal Typer app, batch validation and
scoring against a parse-and-validate floor, and peak memory. See bench/README.md.

    python bench/run.py                 # the full run, as reported in bench/README.md
    python bench/run.py --quick         # N = 1,000 only and 10 start-up runs: a smoke test
    python bench/run.py --startup-only  # (a) only, 30 runs (--runs N for more)
    python bench/run.py --json out.json # the figures as JSON too

Every measured program runs as a child process with the same interpreter, so each one's
peak memory (ru_maxrss, from os.wait4) is its own. The children get a private bytecode
cache (PYTHONPYCACHEPREFIX), so pic's modules load from bytecode as they do after a
normal `pip install`, whatever PYTHONDONTWRITEBYTECODE says, and nothing is written into
the work tree. No figure here is a pass/fail gate: the targets are printed beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MINIMAL = HERE / "minimal_typer.py"

# The pic framework covers 2011-2019; profile folders must be real jurisdictions.
YEARS = list(range(2011, 2020))
TARGETS = {"startup_ratio": 1.2, "batch_ratio": 1.5, "one_state_mb": 80}  # start-up: issue 10
PIC_SCORE = "pic score mississippi --format json"
PIC_SCORE_2019 = "pic score mississippi --year 2019 --format json"


# -- the machine --------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for dist in ("typer", "click", "rich", "PyYAML", "jsonschema", "pic"):
        try:
            from importlib.metadata import version

            versions[dist] = version(dist)
        except Exception:
            versions[dist] = "?"
    import yaml

    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "versions": versions,
    }


def child_env(cache: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONDONTWRITEBYTECODE", "PIC_DATA", "FORCE_COLOR", "PYTHONPROFILEIMPORTTIME")}
    env["PYTHONPYCACHEPREFIX"] = cache
    env["NO_COLOR"] = "1"
    return env


def start_child(cmd: list[str], env: dict[str, str], cpu: int | None = None) -> tuple[subprocess.Popen, float]:
    pin = None
    if cpu is not None and hasattr(os, "sched_setaffinity"):
        def pin() -> None:
            os.sched_setaffinity(0, {cpu})
    start = time.perf_counter()
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, preexec_fn=pin), start


def run_child(cmd: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Wall seconds, exit status and peak resident memory (KiB) of one child process."""
    return wait_child(*start_child(cmd, env), cmd)


def wait_child(proc: subprocess.Popen, start: float, cmd: list[str]) -> tuple[float, int, int]:
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read() if proc.stderr else b""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode(errors='replace')[-2000:]}")
    return wall, proc.returncode, usage.ru_maxrss  # KiB on Linux


# -- (a) start-up ----------------------------------------------------------------------------


def startup(env: dict[str, str], runs: int, warmup: int = 3) -> dict[str, Any]:
    """The default edition of `pic score mississippi` is the newest (2025, a published-only
    record); `--year 2019` loads, checks and scores a full profile of findings, the heavier
    path, which is what the first command measured before the default changed."""
    py = sys.executable
    commands = {
        "python -c pass": [py, "-c", "pass"],
        "minimal Typer app": [py, str(MINIMAL)],
        PIC_SCORE: [py, "-m", "pic", "score", "mississippi", "--format", "json"],
        PIC_SCORE_2019: [py, "-m", "pic", "score", "mississippi", "--year", "2019", "--format", "json"],
    }
    for cmd in commands.values():
        for _ in range(warmup):
            run_child(cmd, env)
    walls: dict[str, list[float]] = {k: [] for k in commands}
    rss: dict[str, list[int]] = {k: [] for k in commands}
    order = list(commands)
    shuffle = random.Random(10).shuffle
    for _ in range(runs):  # interleaved, so drift in the machine's speed hits every command alike;
        shuffle(order)  # in a fresh order each round, so no command always follows the same one
        for name in order:
            cmd = commands[name]
            wall, _, peak = run_child(cmd, env)
            walls[name].append(wall)
            rss[name].append(peak)
    out: dict[str, Any] = {"runs": runs, "commands": {}}
    for name in commands:
        xs = sorted(walls[name])
        out["commands"][name] = {
            "median_ms": statistics.median(xs) * 1e3,
            "p10_ms": xs[len(xs) // 10] * 1e3,
            "p90_ms": xs[(len(xs) * 9) // 10 - 1 if len(xs) >= 10 else -1] * 1e3,
            "peak_rss_mb": max(rss[name]) / 1024,
        }
    c = out["commands"]
    out["ratio"] = c[PIC_SCORE]["median_ms"] / c["minimal Typer app"]["median_ms"]
    out["ratio_2019"] = c[PIC_SCORE_2019]["median_ms"] / c["minimal Typer app"]["median_ms"]
    return out


# -- (b) the batch ------------------------------------------------------------------------------


def generate(root: Path, n: int, seed: int = 6) -> list[Path]:
    """n copies of Mississippi 2019 with varied answers (except the criteria of its shared
    losses, which stay answered no), each at a unique
    data-tree/<jurisdiction>/<year>.yaml path: 51 jurisdictions x 9 years per tree, as
    many trees as it takes. Answers are written quoted ("yes") so that PyYAML's YAML 1.1
    loader in the floor reads the same strings as pic's YAML 1.2 loader."""
    sys.path.insert(0, str(HERE.parent / "src"))
    from pic.core.jurisdictions import JURISDICTIONS
    from pic.core.load import builtin_root

    text = (builtin_root() / "states" / "mississippi" / "2019.yaml").read_text(encoding="utf-8")
    assert text.count("jurisdiction: mississippi\n") == 1 and text.count("year: 2019\n") == 1
    rng = random.Random(seed)
    # A criterion in a shared loss must stay answered no (pic checks it): those keep their answer.
    shared = {c for group in re.findall(r"^  - criteria: \[(.*)\]$", text, re.M)
              for c in re.findall(r'"([^"]+)"', group)}
    answer = re.compile(r"^  ([0-9][0-9a-z.]*):\n((?:    .*\n)*?)    answer: (yes|no|unknown)\n", re.M)

    def vary(m: re.Match[str]) -> str:
        value = m.group(3) if m.group(1) in shared else rng.choice(("yes", "yes", "yes", "no", "unknown"))
        return f'  {m.group(1)}:\n{m.group(2)}    answer: "{value}"\n'

    slugs = [j.slug for j in JURISDICTIONS]
    per_tree = len(slugs) * len(YEARS)
    paths = []
    for i in range(n):
        tree, rest = divmod(i, per_tree)
        slug_i, year_i = divmod(rest, len(YEARS))
        slug, year = slugs[slug_i], YEARS[year_i]
        body = (text.replace("jurisdiction: mississippi\n", f"jurisdiction: {slug}\n", 1)
                .replace("year: 2019\n", f"year: {year}\n", 1))
        body = answer.sub(vary, body)
        assert not re.search(r"answer: (?:yes|no|unknown)\n", body), "an answer the generator did not see"
        path = root / f"tree{tree:03d}" / slug / f"{year}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def batch_child(mode: str, list_file: str, out_file: str) -> None:
    """Runs inside a child process: time one pass over the listed files."""
    paths = [Path(p) for p in Path(list_file).read_text().splitlines()]
    result: dict[str, Any] = {"mode": mode, "n": len(paths)}
    if mode == "pic":
        from pic.core.load import DataTree, builtin_root, load_profile
        from pic.core.score import score_profile

        tree = DataTree(builtin_root())
        framework = tree.framework("pic")  # loaded and checked once, as in any run
        scores = []
        start = time.perf_counter()
        for path in paths:
            profile = load_profile(path, tree)
            card = score_profile(framework, profile)
            # with unknown answers the score is a range: keep its lower end (an exact score is both ends)
            scores.append(card.score if card.score is not None else card.score_min)
        result["seconds"] = time.perf_counter() - start
        known = [x for x in scores if x is not None]
        result["mean_score"] = sum(known) / len(known) if known else None
        result["jsonschema_imported"] = "jsonschema" in sys.modules
    elif mode == "floor":
        import yaml
        from jsonschema import Draft202012Validator

        sys.path.insert(0, str(HERE.parent / "src"))
        from pic.core.load import builtin_root

        schema = json.loads((builtin_root() / "schemas" / "profile.schema.json").read_text(encoding="utf-8"))
        validator = Draft202012Validator(schema)  # built once
        start = time.perf_counter()
        valid = 0
        for path in paths:
            data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
            valid += validator.is_valid(data)
        result["seconds"] = time.perf_counter() - start
        if valid != len(paths):
            raise SystemExit(f"the floor found {len(paths) - valid} invalid files: the generator is broken")
    else:
        raise SystemExit(f"unknown mode {mode}")
    Path(out_file).write_text(json.dumps(result))


def batch(env: dict[str, str], files: list[Path], sizes: list[int], work: Path, together: bool) -> dict[str, Any]:
    """Each N: pic and the floor, each in its own process over the same files. With
    `together`, the two processes run at the same time, each pinned to a core of its
    own (2 cores: the floor alone takes ~150 s at N = 10,000); otherwise one after the
    other."""
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    together = together and len(cpus) >= 2
    out: dict[str, Any] = {}
    for n in sizes:
        listing = work / f"files-{n}.txt"
        listing.write_text("\n".join(str(p) for p in files[:n]))
        row: dict[str, Any] = {}
        cmds = {mode: [sys.executable, __file__, "--child", mode, str(listing), str(work / f"result-{mode}-{n}.json")]
                for mode in ("pic", "floor")}
        if together:
            started = {mode: start_child(cmd, env, cpu) for (mode, cmd), cpu in zip(cmds.items(), cpus)}
            finished = {mode: wait_child(*started[mode], cmds[mode]) for mode in cmds}
        else:
            finished = {mode: run_child(cmd, env) for mode, cmd in cmds.items()}
        for mode in cmds:
            wall, _, peak = finished[mode]
            result = json.loads((work / f"result-{mode}-{n}.json").read_text())
            row[mode] = {
                "seconds": result["seconds"],
                "per_file_ms": result["seconds"] / n * 1e3,
                "process_wall_s": wall,
                "peak_rss_mb": peak / 1024,
                **{k: v for k, v in result.items() if k in ("jsonschema_imported", "mean_score")},
            }
        row["ratio"] = row["pic"]["seconds"] / row["floor"]["seconds"]
        out[str(n)] = row
        print(f"  N={n:>6,}: pic {row['pic']['seconds']:7.2f} s ({row['pic']['per_file_ms']:.2f} ms/file, "
              f"{row['pic']['peak_rss_mb']:.0f} MB)  floor {row['floor']['seconds']:7.2f} s "
              f"({row['floor']['per_file_ms']:.2f} ms/file, {row['floor']['peak_rss_mb']:.0f} MB)  "
              f"ratio {row['ratio']:.2f}", flush=True)
    return out


# -- extras: the alias bomb, and one state's Python heap ----------------------------------------


def extras(env: dict[str, str], work: Path) -> dict[str, Any]:
    code = r"""
import json, sys, time, tracemalloc
from pic.core.errors import DataError
from pic.core.yamlload import parse
lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]" for i in range(1, 30)]
bomb = "\n".join(lines) + "\n"
best = float("inf")
for _ in range(20):
    start = time.perf_counter()
    try:
        parse(bomb, "bomb.yaml")
    except DataError:
        pass
    best = min(best, time.perf_counter() - start)
tracemalloc.start()
from pic.core.load import DataTree, builtin_root, load_profile
from pic.core.score import score_profile
from pic.views import reports
tree = DataTree(builtin_root())
fw = tree.framework("pic")
card = score_profile(fw, load_profile(builtin_root() / "states" / "mississippi" / "2019.yaml", tree))
json.dumps(reports.scorecard(card))
_, peak = tracemalloc.get_traced_memory()
print(json.dumps({"alias_bomb_refused_ms": best * 1e3, "one_state_python_heap_peak_mb": peak / 2**20}))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout)


# -- report ---------------------------------------------------------------------------------------


def report(results: dict[str, Any]) -> str:
    m, s = results["machine"], results["startup"]
    lines = [
        f"Machine: {m['nproc']} cores, {m['cpu']}; {m['implementation']} {m['python']} on {m['platform']}; "
        f"libyaml {'yes' if m['libyaml'] else 'NO'}; "
        + ", ".join(f"{k} {v}" for k, v in m["versions"].items()),
        "",
        f"(a) start-up, median of {s['runs']} interleaved runs after warm-up",
        "",
        "| command | median | p10 | p90 | peak RSS |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, c in s["commands"].items():
        lines.append(f"| `{name}` | {c['median_ms']:.0f} ms | {c['p10_ms']:.0f} ms | {c['p90_ms']:.0f} ms | "
                     f"{c['peak_rss_mb']:.1f} MB |")
    lines += ["", f"ratio `{PIC_SCORE}` / minimal Typer app: **{s['ratio']:.2f}**; "
                  f"`{PIC_SCORE_2019}`: **{s['ratio_2019']:.2f}** (target <= {TARGETS['startup_ratio']})", ""]
    if "batch" not in results:
        return "\n".join(lines)
    b = results["batch"]
    lines += [
        "(b) validating and scoring N generated profiles in one process, against the floor "
        "(yaml.load with CSafeLoader + Draft202012Validator.is_valid, validator built once); "
        + ("pic and the floor side by side, one core each" if results.get("batch_side_by_side")
           else "pic and the floor one after the other"),
        "",
        "| N | pic | pic per file | floor | floor per file | ratio | pic peak RSS | floor peak RSS |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, row in b.items():
        p, f = row["pic"], row["floor"]
        lines.append(f"| {int(n):,} | {p['seconds']:.2f} s | {p['per_file_ms']:.2f} ms | {f['seconds']:.2f} s | "
                     f"{f['per_file_ms']:.2f} ms | **{row['ratio']:.2f}** | {p['peak_rss_mb']:.1f} MB | "
                     f"{f['peak_rss_mb']:.1f} MB |")
    ns = sorted(b, key=int)
    if len(ns) > 1:
        lo, hi = b[ns[0]]["pic"]["per_file_ms"], b[ns[-1]]["pic"]["per_file_ms"]
        lines += ["", f"growth: pic's time per file at N={int(ns[-1]):,} is {hi / lo:.2f}x its time per file at "
                      f"N={int(ns[0]):,} (1.00 = linear)"]
    lines += ["", f"target: ratio <= {TARGETS['batch_ratio']}, linear in N; jsonschema imported by pic's batch: "
                  f"{b[ns[0]]['pic'].get('jsonschema_imported')}"]
    one = s["commands"][PIC_SCORE_2019]["peak_rss_mb"]
    e = results.get("extras", {})
    lines += ["", f"(c) peak memory, one state: {one:.1f} MB RSS (target < {TARGETS['one_state_mb']} MB); "
                  f"Python heap peak while loading, scoring and rendering it: "
                  f"{e.get('one_state_python_heap_peak_mb', float('nan')):.1f} MB",
              f"alias bomb (9**30 strings if expanded) refused in {e.get('alias_bomb_refused_ms', float('nan')):.2f} ms",
              "", f"benchmark wall time: {results['seconds']:.0f} s"]
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        batch_child(*sys.argv[2:5])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=30, help="start-up runs per command (default 30)")
    ap.add_argument("--sizes", default="1000,10000", help="batch sizes N (default 1000,10000)")
    ap.add_argument("--quick", action="store_true", help="N = 1,000 and 10 start-up runs")
    ap.add_argument("--startup-only", action="store_true", help="measure start-up only (a), not the batch")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    ap.add_argument("--sequential", action="store_true",
                    help="run pic's batch and the floor's one after the other instead of side by side "
                         "on two cores (cleaner figures, about 2 minutes longer)")
    args = ap.parse_args()
    if args.quick:
        args.runs, args.sizes = 10, "1000"
    sizes = sorted(int(x) for x in args.sizes.split(","))

    began = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="pic-bench-"))
    try:
        env = child_env(str(work / "pycache"))
        results: dict[str, Any] = {"machine": machine()}
        print(f"start-up: {args.runs} runs each ...", flush=True)
        results["startup"] = startup(env, args.runs)
        print(f"  ratio {results['startup']['ratio']:.2f} (--year 2019: {results['startup']['ratio_2019']:.2f})",
              flush=True)
        if not args.startup_only:
            print(f"generating {max(sizes):,} profiles ...", flush=True)
            files = generate(work / "profiles", max(sizes))
            print("batch ...", flush=True)
            results["batch"] = batch(env, files, sizes, work, together=not args.sequential)
            results["batch_side_by_side"] = not args.sequential and len(os.sched_getaffinity(0)) >= 2
            results["extras"] = extras(env, work)
        results["seconds"] = time.perf_counter() - began
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = report(results)
    print("\n" + text)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
