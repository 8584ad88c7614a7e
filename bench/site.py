"""How long `pic site` takes, as a ratio to `pic score --all` (issue 21). See bench/README.md.

    python bench/site.py             # 5 runs of each, interleaved, after one warm-up run
    python bench/site.py --runs 10
    python bench/site.py --json out.json

Both run as child processes with the same interpreter and a private bytecode cache (as
bench/run.py does), on pic's own data; `pic site` writes into a fresh temporary folder on
every run. The figures: the median wall time of each, their ratio, the CPU time of the
site build (user + system, from os.wait4: what one core spends), and its peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SCORE_ALL = ["score", "--all", "--format", "json"]


def child_env(cache: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PIC_DATA", "FORCE_COLOR")}
    env.update({"PYTHONPYCACHEPREFIX": cache, "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "0"})
    return env


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak memory in KiB of `python -m pic ARGS`."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "pic", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        sys.exit(f"bench: pic {' '.join(args)} failed ({proc.returncode}): {err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pic-bench-site-"))
    try:
        env = child_env(str(work / "pycache"))
        results: dict[str, list[tuple[float, float, int]]] = {"score --all": [], "site": []}
        rng = random.Random(21)

        def site_run(n: int) -> tuple[float, float, int]:
            out = work / f"site-{n}"
            figures = timed(["site", str(out)], env)
            shutil.rmtree(out)
            return figures

        timed(SCORE_ALL, env)  # warm-up: the bytecode cache
        site_run(-1)
        for n in range(args.runs):
            order = ["score --all", "site"]
            rng.shuffle(order)
            for name in order:
                results[name].append(timed(SCORE_ALL, env) if name == "score --all" else site_run(n))
        med = {k: statistics.median(w for w, _, _ in v) for k, v in results.items()}
        cpu = statistics.median(c for _, c, _ in results["site"])
        peak = max(m for _, _, m in results["site"]) / 1024
        report: dict[str, Any] = {
            "runs": args.runs, "score_all_s": round(med["score --all"], 3), "site_s": round(med["site"], 3),
            "ratio": round(med["site"] / med["score --all"], 1), "site_cpu_s": round(cpu, 2),
            "site_peak_mb": round(peak, 1), "nproc": len(os.sched_getaffinity(0)),
        }
        print(f"pic score --all --format json  median {report['score_all_s']:.3f} s")
        print(f"pic site DIR                   median {report['site_s']:.3f} s (CPU {report['site_cpu_s']} s, "
              f"peak {report['site_peak_mb']} MB)")
        print(f"ratio site / score --all      {report['ratio']}  ({args.runs} runs each, {report['nproc']} cores)")
        if args.json:
            Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
