"""Workbench benchmark: how long the workbench's data takes for each role, on 1,000 and 100,000 clients.

    .venv/bin/python benchmarks/bench_workbench.py [--small PATH] [--large PATH] [--skip-large] [--runs 7]

Uses demo stores made by ``crm demo`` (crm_desktop.demo); a store not given is generated into a temp
directory (100,000 clients take several minutes). Times ``build_workbench`` for an investment manager, the
branch manager and the administrator (median of --runs, after one warm-up), and the command bar's
``search``; goals: <= 1.0 s on 1,000 clients and <= 2.0 s on 100,000. The ratio large / small is measured
in the same run. Not a test: the figures move with machine load, which is printed next to them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crm_desktop.db.store import open_store  # noqa: E402
from crm_desktop.services import workbench  # noqa: E402
from crm_desktop.services.auth import login  # noqa: E402

AS_OF = date(2026, 12, 4)
PASSWORD = "demo1234"
GOALS = {1_000: 1.0, 100_000: 2.0}


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up: first connection, caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def ensure_store(path: str | None, clients: int, tmp: str) -> str:
    if path:
        return f"sqlite:///{path}"
    from crm_desktop.demo.generator import create_demo_store

    target = Path(tmp) / f"demo{clients}.sqlite3"
    print(f"generating {clients:,} demo clients into {target} …", flush=True)
    create_demo_store(f"sqlite:///{target}", clients, 20240601, as_of=AS_OF)
    return f"sqlite:///{target}"


def bench(url: str, runs: int) -> dict[str, float]:
    store = open_store(url)
    try:
        out: dict[str, float] = {}
        for who in ("im001", "bm", "admin"):
            actor = login(store, who, PASSWORD)
            out[who] = median_seconds(lambda a=actor: workbench.build_workbench(store, a, AS_OF), runs)
        bm = login(store, "bm", PASSWORD)
        out["search"] = median_seconds(lambda: workbench.search(store, bm, "张", today=AS_OF), runs)
        return out
    finally:
        store.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", help="a 1,000-client demo store (SQLite file)")
    ap.add_argument("--large", help="a 100,000-client demo store (SQLite file)")
    ap.add_argument("--skip-large", action="store_true")
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sizes = [1_000] if a.skip_large else [1_000, 100_000]
        results = {n: bench(ensure_store(a.small if n == 1_000 else a.large, n, tmp), a.runs) for n in sizes}
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for n, r in results.items():
        goal = GOALS[n]
        for who, secs in r.items():
            verdict = "ok" if secs <= goal else "OVER GOAL"
            print(f"{n:>7,} clients  {who:<6} median {secs * 1000:7.1f} ms  (goal {goal:.1f} s: {verdict})")
    if len(results) == 2:
        for who in results[1_000]:
            print(f"{who:<6} 100,000 / 1,000 ratio: {results[100_000][who] / results[1_000][who]:.1f}")


if __name__ == "__main__":
    main()
