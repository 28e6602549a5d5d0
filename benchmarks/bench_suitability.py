"""``crm suitability check`` on a demo store: read, rule, write; goal <= 10 s at 100,000 clients.

    .venv/bin/python benchmarks/bench_suitability.py --db sqlite:////tmp/bench/demo-100k.sqlite3 [--runs 3]

The store comes from ``crm demo --clients N --db URL`` (which also writes the suitability records).
A store made by an older build is upgraded and given the demo's suitability records first
(``--prepare``). Each run is a full check as the system (every client), replacing the findings
and creating tasks (the second and later runs create none: they are idempotent). Prints each
stage and the median of the whole check.

Not a test: the figures move with machine load, which is printed next to them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from crm_desktop.db.models import AssetSnapshot, Client, RiskProfile, SuitabilityFinding, Trade  # noqa: E402
from crm_desktop.db.store import open_store  # noqa: E402
from crm_desktop.services import suitability  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--prepare", action="store_true", help="add the demo's suitability records when missing")
    a = ap.parse_args()
    store = open_store(a.db, upgrade=True)
    with store.read() as s:
        clients = s.scalar(select(func.count()).select_from(Client)) or 0
        trades = s.scalar(select(func.count()).select_from(Trade)) or 0
        profiles = s.scalar(select(func.count()).select_from(RiskProfile)) or 0
        as_of = s.scalar(select(func.max(AssetSnapshot.date)))
    print(f"store: {clients:,} clients, {trades:,} trades, {profiles:,} risk profiles, as of {as_of}")
    if profiles == 0:
        if not a.prepare:
            print("no risk profiles: run with --prepare to add the demo's suitability records")
            return 2
        from crm_desktop.demo.suitability import add_demo_suitability

        t = time.perf_counter()
        add_demo_suitability(store, as_of)
        print(f"prepared the demo's suitability records and first check in {time.perf_counter() - t:.1f} s")
    times = []
    for i in range(a.runs):
        load = os.getloadavg()[0]
        summary = suitability.run_check(store, None, as_of)
        times.append(summary.seconds)
        stages = ", ".join(f"{k} {v:.2f}s" for k, v in summary.timings.items())
        findings = sum(summary.counts.values())
        print(
            f"run {i + 1}: {summary.seconds:.2f} s ({stages}); {findings:,} findings of which "
            f"{summary.violations:,} violations; {summary.tasks_created} tasks created; load {load:.1f}"
        )
    with store.read() as s:
        n = s.scalar(select(func.count()).select_from(SuitabilityFinding)) or 0
    print(
        f"median {statistics.median(times):.2f} s over {len(times)} runs; {n:,} findings stored; goal <= 10 s"
    )
    store.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
