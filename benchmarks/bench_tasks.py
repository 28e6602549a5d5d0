"""Service-flow benchmark: task generation for a large branch and one manager's agenda query.

    .venv/bin/python benchmarks/bench_tasks.py [--clients 100000] [--managers 200] [--backend sqlite|pg|both]
                                               [--runs 20]

Builds a synthetic branch straight into a fresh store (SQLite file in a temp dir, and/or a fresh schema
on CRM_TEST_PG_URL): clients spread over managers, two finished score runs (grades V5 2 %, V4 8 %,
V3 20 %, V2 30 %, V1 40 %; some churn-high, mismatch and grade changes between the runs) and one
earlier call per client. Then times:

- the first ``generate_tasks`` run for the whole branch (creates the tasks; goal <= 15 s),
- a second run (idempotent: creates nothing; what every later start of day costs),
- ``agenda`` for one manager (median of --runs; goal <= 50 ms) and ``today_counts``.

Not a test: the figures move with machine load, which is printed next to them.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, insert, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from crm_desktop.db.models import Client, ClientScore, ScoreRun, Staff, Touch  # noqa: E402
from crm_desktop.db.store import Store, open_store  # noqa: E402
from crm_desktop.services import staff, tasks  # noqa: E402
from crm_desktop.services.auth import Actor, login  # noqa: E402

PG_URL = os.environ.get("CRM_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
AS_OF = date(2026, 6, 17)
PASSWORD = "bench-pw"
GRADES = [("V5", 0.02), ("V4", 0.08), ("V3", 0.20), ("V2", 0.30), ("V1", 0.40)]


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f} on {os.cpu_count()} cores"


def median_ms(fn: Callable[[], Any], runs: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds (CPU of this process: on a shared machine the fairer figure)."""
    wall, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    t, c = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - t, time.process_time() - c


def _batches(rows: list[dict[str, Any]], size: int = 10_000) -> Any:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def build(store: Store, n_clients: int, n_managers: int) -> Actor:
    rng = random.Random(20260617)
    staff.add_branch(store, None, "B001", "基准营业部")
    staff.add_user(
        store, None, "admin", role="admin", display_name="管理员", branch_code="B001", password=PASSWORD
    )
    admin = login(store, "admin", PASSWORD)
    with store.transaction() as s:
        s.execute(
            insert(Staff),
            [
                {
                    "login": f"im{i:03d}",
                    "display_name": f"经理{i}",
                    "role": "investment_manager",
                    "branch_id": 1,
                    "qualifications": [],
                    "password_hash": None,
                }
                for i in range(n_managers)
            ],
        )
        ids = list(s.scalars(select(Staff.id).where(Staff.role == "investment_manager").order_by(Staff.id)))
    clients = []
    for i in range(n_clients):
        opened = AS_OF - timedelta(days=rng.randint(10, 3650))
        clients.append(
            {
                "client_no": f"{100000 + i:06d}",
                "name": f"客户{i}",
                "client_type": "individual",
                "birth_date": date(1960 + rng.randint(0, 40), rng.randint(1, 12), rng.randint(1, 28)),
                "open_date": opened,
                "assigned_on": opened,
                "risk_level": "C3",
                "risk_assessed_on": AS_OF - timedelta(days=rng.randint(0, 900)),
                "status": "active",
                "branch_id": 1,
                "manager_id": ids[i % len(ids)],
            }
        )
    with store.transaction() as s:
        for part in _batches(clients):
            s.execute(insert(Client), part)
        client_ids = list(s.scalars(select(Client.id).order_by(Client.id)))
        now = datetime.now(UTC)
        runs = []
        for k, as_of in enumerate((AS_OF - timedelta(days=30), AS_OF)):
            run = ScoreRun(
                as_of=as_of,
                engine_version="bench",
                config_hash="0" * 64,
                config_text="",
                finished_at=now,
                client_count=len(client_ids),
            )
            s.add(run)
            s.flush()
            runs.append(run.id)
            scores = []
            for cid in client_ids:
                r = random.Random(cid * 7 + (k if rng.random() < 0.05 else 0))
                x, grade = r.random(), "V1"
                for g, share in GRADES:
                    if x < share:
                        grade = g
                        break
                    x -= share
                scores.append(
                    {
                        "run_id": run.id,
                        "client_id": cid,
                        "grade": grade,
                        "value_score": Decimal("50"),
                        "avg_assets": Decimal("1"),
                        "latest_assets": Decimal("1"),
                        "commission_12m": Decimal("1"),
                        "turnover": 1.0,
                        "activity": "low",
                        "churn_risk": "high" if r.random() < 0.05 else "low",
                        "risk_style": "balanced",
                        "suitability_mismatch": r.random() < 0.03,
                        "trading_ability": "blind",
                        "win_rate": 0.5,
                        "realized_pnl": Decimal("0"),
                        "avg_holding_days": 10.0,
                        "securitization_ratio": 0.5,
                        "top_industry": None,
                        "top_industry_share": 0.0,
                        "new_listing_share": 0.0,
                        "largest_position_share": 0.1,
                        "lifecycle": "mature",
                        "reasons": [],
                    }
                )
            for part in _batches(scores):
                s.execute(insert(ClientScore), part)
        touches = []
        for cid in client_ids:
            day = AS_OF - timedelta(days=rng.randint(1, 200))
            touches.append(
                {
                    "client_id": cid,
                    "manager_id": ids[(cid - client_ids[0]) % len(ids)],
                    "touch_type": "phone_call",
                    "channel": "phone",
                    "occurred_at": datetime(day.year, day.month, day.day, 3, tzinfo=UTC),
                    "summary": "回访",
                    "checklist": {},
                    "status": "active",
                    "revision": 1,
                }
            )
        for part in _batches(touches):
            s.execute(insert(Touch), part)
        s.execute(text("UPDATE touch SET root_id = id"))
    return admin


def bench(label: str, url: str, n_clients: int, n_managers: int, runs: int) -> None:
    store = open_store(url, upgrade=True)
    try:
        t = time.perf_counter()
        build(store, n_clients, n_managers)
        print(
            f"[{label}] built {n_clients:,} clients / {n_managers} managers in {time.perf_counter() - t:.1f} s"
        )
        if store.dialect == "postgresql":
            # Only this schema's tables: a bare ANALYZE would wait on every other schema in the database.
            with store.engine.begin() as conn:
                conn.execute(text("ANALYZE client, client_score, score_run, touch, service_task, staff"))
        first, wall, cpu = timed(lambda: tasks.generate_tasks(store, None, AS_OF))
        print(
            f"[{label}] first generation: {wall:.2f} s wall, {cpu:.2f} s CPU here, {first.created:,} tasks created "
            f"({', '.join(f'{k} {v:,}' for k, v in sorted(first.created_by_source.items()))}); "
            f"{first.marked_overdue:,} overdue  (goal <= 15 s)  [{load()}]"
        )
        again, wall, cpu = timed(lambda: tasks.generate_tasks(store, None, AS_OF))
        print(
            f"[{label}] second generation (idempotent): {wall:.2f} s wall, {cpu:.2f} s CPU, {again.created} created, "
            f"{again.replaced} replaced  [{load()}]"
        )
        im = login_any(store)
        ag = tasks.agenda(store, im, today=AS_OF)
        ms, cms = median_ms(lambda: tasks.agenda(store, im, today=AS_OF), runs)
        print(
            f"[{label}] agenda for one manager ({len(ag.items)} open tasks): median {ms:.1f} ms wall, "
            f"{cms:.1f} ms CPU over {runs} runs "
            f"(goal <= 50 ms)  [{load()}]"
        )
        ms, cms = median_ms(lambda: tasks.today_counts(store, im, AS_OF), runs)
        print(
            f"[{label}] today's counts for one manager: median {ms:.1f} ms wall, {cms:.1f} ms CPU  [{load()}]"
        )
    finally:
        store.dispose()


def login_any(store: Store) -> Actor:
    with store.read() as s:
        row = s.scalars(
            select(Staff).where(Staff.role == "investment_manager").order_by(Staff.id).limit(1)
        ).one()
        return Actor.from_staff(row)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--clients", type=int, default=100_000)
    p.add_argument("--managers", type=int, default=200)
    p.add_argument("--backend", choices=["sqlite", "pg", "both"], default="both")
    p.add_argument("--runs", type=int, default=20)
    args = p.parse_args()
    print(f"start: {load()}")
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            bench(
                "sqlite",
                f"sqlite:///{Path(tmp) / 'bench-tasks.sqlite3'}",
                args.clients,
                args.managers,
                args.runs,
            )
    if args.backend in ("pg", "both"):
        schema = "bench_tasks_" + uuid.uuid4().hex[:10]
        admin = create_engine(PG_URL)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
            bench(
                "postgresql",
                url.render_as_string(hide_password=False),
                args.clients,
                args.managers,
                args.runs,
            )
        finally:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
