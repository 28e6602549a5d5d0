"""The client 360° view benchmark: how long one client's whole view takes to load, on 1,000 and 100,000 clients.

    .venv/bin/python benchmarks/bench_client_view.py [--small PATH] [--large PATH] [--skip-large] [--clients 15]

Uses demo stores made by ``crm demo`` (a store not given is generated into a temp directory; 100,000 clients
take many minutes). For a spread of clients (every n-th of the book, the investment manager who serves each)
times ``services.clients.load_client_view`` — everything the 360° view shows, notes included — median of 5
runs per client after a warm-up, and reports the median and the slowest client. Reference, in the same run:
a bare SELECT of the same client's asset snapshots of the last year (the view's largest read). Goal:
<= 250 ms on 100,000 clients. Not a test: the figures move with machine load, printed next to them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select, text  # noqa: E402

from crm_desktop.db.models import Client, Staff  # noqa: E402
from crm_desktop.db.store import Store, open_store  # noqa: E402
from crm_desktop.services import clients  # noqa: E402
from crm_desktop.services.auth import login  # noqa: E402

AS_OF = date(2026, 12, 4)
PASSWORD = "demo1234"
GOAL = 0.250


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def ensure_store(path: str | None, n: int, tmp: str) -> str:
    if path:
        return f"sqlite:///{path}"
    from crm_desktop.demo.generator import create_demo_store

    target = Path(tmp) / f"demo{n}.sqlite3"
    print(f"generating {n:,} demo clients into {target} …", flush=True)
    create_demo_store(f"sqlite:///{target}", n, 20240601, as_of=AS_OF)
    return f"sqlite:///{target}"


def sample(store: Store, count: int) -> list[tuple[str, str]]:
    """(client number, login of its manager) for ``count`` clients spread over the book."""
    with store.read() as s:
        rows = s.execute(
            select(Client.client_no, Staff.login)
            .join(Staff, Staff.id == Client.manager_id)
            .order_by(Client.id)
        ).all()
    step = max(1, len(rows) // count)
    return [(str(no), str(who)) for no, who in rows[::step][:count]]


def bench(url: str, count: int, runs: int) -> dict[str, float]:
    store = open_store(url)
    try:
        actors: dict[str, object] = {}
        views: list[float] = []
        refs: list[float] = []
        since = AS_OF - timedelta(days=366)
        for client_no, who in sample(store, count):
            actor = actors.get(who) or actors.setdefault(who, login(store, who, PASSWORD))
            views.append(
                median_seconds(
                    lambda no=client_no, a=actor: clients.load_client_view(store, a, no, today=AS_OF),  # type: ignore[misc]
                    runs,
                )
            )

            def bare(no: str = client_no) -> None:
                with store.read() as s:
                    s.execute(
                        text(
                            "SELECT a.* FROM asset_snapshot a JOIN client c ON c.id = a.client_id "
                            "WHERE c.client_no = :no AND a.date >= :since"
                        ),
                        {"no": no, "since": since},
                    ).all()

            refs.append(median_seconds(bare, runs))
        return {
            "median": statistics.median(views),
            "slowest": max(views),
            "reference": statistics.median(refs),
        }
    finally:
        store.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", help="a 1,000-client demo store (SQLite file)")
    ap.add_argument("--large", help="a 100,000-client demo store (SQLite file)")
    ap.add_argument("--skip-large", action="store_true")
    ap.add_argument("--clients", type=int, default=15)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        sizes = [1_000] if a.skip_large else [1_000, 100_000]
        results = {
            n: bench(ensure_store(a.small if n == 1_000 else a.large, n, tmp), a.clients, a.runs)
            for n in sizes
        }
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for n, r in results.items():
        verdict = "ok" if r["median"] <= GOAL and r["slowest"] <= GOAL else "OVER GOAL"
        print(
            f"{n:>7,} clients  360° view median {r['median'] * 1000:6.1f} ms, slowest client "
            f"{r['slowest'] * 1000:6.1f} ms  (goal {GOAL * 1000:.0f} ms: {verdict}); bare snapshot SELECT "
            f"{r['reference'] * 1000:5.1f} ms, ratio {r['median'] / r['reference']:.1f}"
        )


if __name__ == "__main__":
    main()
