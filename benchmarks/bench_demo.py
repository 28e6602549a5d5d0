"""Demo-data benchmark: how long ``generate_demo`` takes to fill a fresh store.

    .venv/bin/python benchmarks/bench_demo.py [--repeat 3] [--large 100000] [--skip-large] [--skip-pg]

Times 1,000 clients on SQLite and on PostgreSQL (median of --repeat runs, each into a fresh store or
schema) and --large clients on SQLite once, with the row counts, rows per second, file size and the
process's peak memory. PostgreSQL uses CRM_TEST_PG_URL (default: 127.0.0.1:5432, database ``test``) and
drops its schema afterwards. Not a test: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crm_desktop.demo.generator import DemoResult, create_demo_store  # noqa: E402

AS_OF = date(2025, 12, 31)
PG_URL = os.environ.get("CRM_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def load_avg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sqlite_run(clients: int, seed: int) -> tuple[DemoResult, int]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.sqlite3"
        result = create_demo_store(f"sqlite:///{path}", clients, seed, as_of=AS_OF)
        size = sum(p.stat().st_size for p in Path(tmp).iterdir())
    return result, size


def pg_run(clients: int, seed: int) -> DemoResult:
    schema = "bench_demo_" + uuid.uuid4().hex[:10]
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
        return create_demo_store(url, clients, seed, as_of=AS_OF)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def describe(label: str, results: list[DemoResult], size: int | None = None) -> None:
    r = results[0]
    secs = [x.seconds for x in results]
    med = statistics.median(secs)
    rows = r.snapshots + r.trades + r.holdings + r.touches + r.clients
    extra = f", file {size / 1e6:,.0f} MB" if size is not None else ""
    print(
        f"{label}: median {med:.2f} s over {len(secs)} run(s) {[round(s, 2) for s in secs]}; "
        f"{r.snapshots:,} snapshots, {r.trades:,} trades, {r.holdings:,} holdings, {r.touches:,} touches "
        f"({rows / med:,.0f} rows/s){extra}; load {load_avg()}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--small", type=int, default=1000)
    ap.add_argument("--large", type=int, default=100_000)
    ap.add_argument("--skip-large", action="store_true")
    ap.add_argument("--skip-pg", action="store_true")
    ap.add_argument("--seed", type=int, default=20240601)
    a = ap.parse_args()
    print(f"demo benchmark, as of {AS_OF}, {os.cpu_count()} CPUs, load {load_avg()}")

    small = [sqlite_run(a.small, a.seed) for _ in range(a.repeat)]
    describe(f"SQLite {a.small:,} clients", [r for r, _ in small], small[0][1])
    sqlite_small = statistics.median(r.seconds for r, _ in small)
    if not a.skip_pg:
        pg = [pg_run(a.small, a.seed) for _ in range(a.repeat)]
        describe(f"PostgreSQL {a.small:,} clients", pg)
        print(
            f"PostgreSQL / SQLite at {a.small:,} clients: "
            f"{statistics.median(r.seconds for r in pg) / sqlite_small:.2f}"
        )
    if not a.skip_large:
        big, size = sqlite_run(a.large, a.seed)
        describe(f"SQLite {a.large:,} clients", [big], size)
        print(f"{a.large:,} / {a.small:,} clients time ratio: {big.seconds / sqlite_small:.1f}")
    print(f"peak memory (max RSS) {peak_mb():,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
