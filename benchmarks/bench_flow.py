"""Performance (业绩) and client-flow benchmark for one month over a generated 100,000-client branch.

    .venv/bin/python benchmarks/bench_flow.py [--clients 100000] [--managers 200] [--backend sqlite|pg|both]
                                              [--runs 5]

Builds a synthetic branch straight into a fresh store (SQLite file in a temp dir, and/or a fresh schema on
CRM_TEST_PG_URL): clients spread over managers, daily asset snapshots for the month (every trading day,
about 2.2 million rows at 100,000 clients), about 3 trades per client in the month, 5 % of clients with a
developer/servicer relationship and shares, 2 % with account events (openings, closures, transfers,
returns), one task per client due in the month, call-backs and complaints for some. Then times, as medians
of --runs:

- ``performance.performance`` for the month as the branch manager (goal <= 5 s),
- ``flow.flow_report`` for the same month,
- the reference: one plain ``SELECT sum(commission) FROM trade`` over the month (the floor any
  per-manager figure has to pay), and the ratio of the two to it.

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
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select, text  # noqa: E402

from crm_desktop.db.models import Client, Staff  # noqa: E402
from crm_desktop.db.store import Store, open_store  # noqa: E402
from crm_desktop.services import flow, performance, staff  # noqa: E402
from crm_desktop.services.auth import Actor, login  # noqa: E402

PG_URL = os.environ.get("CRM_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MONTH = "2026-05"
START, END = date(2026, 5, 1), date(2026, 5, 31)
PASSWORD = "bench-pw"


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f} on {os.cpu_count()} cores"


def median_s(fn: Callable[[], Any], runs: int) -> tuple[float, float]:
    wall, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(wall), statistics.median(cpu)


def bulk(store: Store, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """Raw driver inserts: executemany on SQLite, COPY on PostgreSQL (the build is not what is measured)."""
    with store.engine.begin() as conn:
        raw: Any = conn.connection.driver_connection
        if store.dialect == "sqlite":
            ph = ", ".join("?" for _ in columns)
            raw.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({ph})", rows)
        else:
            with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
                for r in rows:
                    cp.write_row(r)


def build(store: Store, n_clients: int, n_managers: int) -> Actor:
    rng = random.Random(20260531)
    staff.add_branch(store, None, "B001", "基准营业部")
    staff.add_user(
        store, None, "admin", role="admin", display_name="管理员", branch_code="B001", password=PASSWORD
    )
    admin = login(store, "admin", PASSWORD)
    staff.add_user(
        store,
        admin,
        "bm",
        role="branch_manager",
        display_name="负责人",
        branch_code="B001",
        password=PASSWORD,
    )
    bm = login(store, "bm", PASSWORD)
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
                | ({"role": "callback_officer", "login": "cb"} if i == n_managers else {})
                for i in range(n_managers + 1)
            ],
        )
        ids = list(s.scalars(select(Staff.id).where(Staff.role == "investment_manager").order_by(Staff.id)))
        officer = s.scalar(select(Staff.id).where(Staff.role == "callback_officer"))
    now = datetime.now(UTC)
    sqlite = store.dialect == "sqlite"

    def day(d: date) -> Any:
        return d.isoformat() if sqlite else d

    def moment(d: date) -> Any:
        t = datetime(d.year, d.month, d.day, 3, tzinfo=UTC)
        return t.strftime("%Y-%m-%d %H:%M:%S.000000") if sqlite else t

    clients = []
    for i in range(n_clients):
        opened = START - timedelta(days=rng.randint(10, 3650))
        clients.append(
            (
                f"{100000 + i:06d}",
                f"客户{i}",
                "individual",
                day(opened),
                "C3",
                "active",
                1,
                ids[i % len(ids)],
                day(opened),
                1,
                moment(opened),
                moment(opened),
            )
        )
    bulk(
        store,
        "client",
        (
            "client_no",
            "name",
            "client_type",
            "open_date",
            "risk_level",
            "status",
            "branch_id",
            "manager_id",
            "assigned_on",
            "version",
            "created_at",
            "updated_at",
        ),
        clients,
    )
    with store.read() as s:
        client_ids = list(s.scalars(select(Client.id).order_by(Client.id)))
    manager_of = {cid: ids[k % len(ids)] for k, cid in enumerate(client_ids)}
    days = [START + timedelta(days=k) for k in range(31) if (START + timedelta(days=k)).weekday() < 5]
    snaps = []
    for cid in client_ids:
        base = rng.uniform(10_000, 2_000_000)
        for d in days:
            flow_in = round(rng.uniform(-5000, 5000), 2) if rng.random() < 0.1 else 0.0
            snaps.append(
                (cid, day(d), f"{base * 0.3:.2f}", f"{base * 0.7:.2f}", f"{base:.2f}", f"{flow_in:.2f}")
            )
    bulk(
        store,
        "asset_snapshot",
        ("client_id", "date", "cash", "securities_value", "total_assets", "net_inflow"),
        snaps,
    )
    del snaps
    bulk(
        store,
        "security",
        ("code", "name", "board"),
        [(f"{600000 + k}", f"证券{k}", "main") for k in range(50)],
    )
    trades = []
    n = 0
    for cid in client_ids:
        for _ in range(rng.choice((0, 1, 3, 5, 6))):
            d = rng.choice(days)
            amount = round(rng.uniform(1000, 100_000), 2)
            trades.append(
                (
                    f"T{n}",
                    day(d),
                    cid,
                    f"{600000 + rng.randrange(50)}",
                    rng.choice(("buy", "sell")),
                    "100.00",
                    "10.0000",
                    f"{amount:.2f}",
                    f"{amount * 0.00025:.2f}",
                )
            )
            n += 1
    bulk(
        store,
        "trade",
        ("trade_id", "trade_date", "client_id", "code", "side", "quantity", "price", "amount", "commission"),
        trades,
    )
    del trades
    rels, events, tasks, cbs, complaints = [], [], [], [], []
    for k, cid in enumerate(client_ids):
        mid = manager_of[cid]
        if rng.random() < 0.05:
            dev = ids[(k + 7) % len(ids)]
            rels.append(
                (cid, dev, mid, f'{{"{dev}": "0.3", "{mid}": "0.7"}}', 1, moment(START), moment(START))
            )
        r = rng.random()
        if r < 0.005:
            events.append((cid, "opened", day(rng.choice(days)), moment(START)))
        elif r < 0.01:
            events.append((cid, "closed", day(rng.choice(days)), moment(START)))
        elif r < 0.015:
            events.append((cid, "transferred_out", day(START - timedelta(days=60)), moment(START)))
            events.append((cid, "transferred_in", day(rng.choice(days)), moment(START)))
        elif r < 0.02:
            events.append((cid, "bank_changed", day(rng.choice(days)), moment(START)))
        due = rng.choice(days)
        done = rng.random() < 0.8
        tasks.append(
            (
                cid,
                mid,
                "phone_call",
                "recurring",
                day(due),
                "done" if done else "open",
                f"recurring:{cid}:bench",
                moment(due + timedelta(days=rng.randint(-3, 3))) if done else None,
                1,
                moment(START),
                moment(START),
            )
        )
        if rng.random() < 0.02:
            cbs.append((cid, mid, rng.randint(1, 5), moment(rng.choice(days))))
        if rng.random() < 0.002:
            complaints.append((cid, mid, rng.choice(days)))
    bulk(
        store,
        "client_relationship",
        ("client_id", "developer_id", "servicer_id", "shares", "version", "created_at", "updated_at"),
        rels,
    )
    bulk(store, "account_event", ("client_id", "event", "date", "created_at"), events)
    bulk(
        store,
        "service_task",
        (
            "client_id",
            "manager_id",
            "task_type",
            "source",
            "due_date",
            "status",
            "dedupe_key",
            "completed_at",
            "version",
            "created_at",
            "updated_at",
        ),
        tasks,
    )
    with store.transaction() as s:
        for i, (cid, mid, sat, at) in enumerate(cbs):
            item = s.execute(
                text(
                    "INSERT INTO callback_item (client_id, branch_id, manager_id, reason, due_date, status, dedupe_key, "
                    "version, created_at, updated_at) VALUES (:c, 1, :m, 'sample', :d, 'done', :k, 1, :t, :t) "
                    "RETURNING id"
                ),
                {"c": cid, "m": mid, "d": day(START), "k": f"bench:{i}", "t": now},
            ).scalar_one()
            s.execute(
                text(
                    "INSERT INTO callback_record (item_id, client_id, officer_id, manager_id, outcome, answers, "
                    "satisfaction, occurred_at, attempt_no, created_at) VALUES (:i, :c, :o, :m, 'reached', '{}', :s, "
                    ":a, 1, :t)"
                ),
                {"i": item, "c": cid, "o": officer, "m": mid, "s": sat, "a": at, "t": now},
            )
        for cid, mid, d in complaints:
            s.execute(
                text(
                    "INSERT INTO complaint (client_id, branch_id, received_at, channel, category, summary, "
                    "registered_by_id, about_manager_id, acknowledge_by, due_date, status, version, created_at, "
                    "updated_at) VALUES (:c, 1, :r, 'phone', 'service', '-', :b, :m, :d, :d, 'open', 1, :t, :t)"
                ),
                {"c": cid, "r": moment(d), "b": bm.id, "m": mid, "d": day(d), "t": now},
            )
    return bm


def bench(label: str, url: str, n_clients: int, n_managers: int, runs: int) -> None:
    store = open_store(url, upgrade=True)
    try:
        t = time.perf_counter()
        bm = build(store, n_clients, n_managers)
        print(
            f"[{label}] built {n_clients:,} clients / {n_managers} managers in {time.perf_counter() - t:.1f} s"
        )
        if store.dialect == "postgresql":
            with store.engine.begin() as conn:
                conn.execute(
                    text(
                        "ANALYZE client, asset_snapshot, trade, client_relationship, account_event, service_task, "
                        "callback_record, complaint, staff"
                    )
                )

        def reference() -> None:
            with store.read() as s:
                s.execute(
                    text("SELECT sum(commission) FROM trade WHERE trade_date >= :a AND trade_date <= :b"),
                    {"a": START, "b": END},
                ).scalar()

        ref, _ref_cpu = median_s(reference, runs)
        report = performance.performance(store, bm, MONTH)
        perf, perf_cpu = median_s(lambda: performance.performance(store, bm, MONTH), runs)
        fl, fl_cpu = median_s(lambda: flow.flow_report(store, bm, START, END), runs)
        total = sum((r.commission for r in report.rows), start=performance.ZERO)
        print(
            f"[{label}] performance {MONTH} ({len(report.rows)} managers, commission {total:,.2f}): median "
            f"{perf:.2f} s wall, {perf_cpu:.2f} s CPU over {runs} runs (goal <= 5 s)  [{load()}]"
        )
        print(f"[{label}] flow report {MONTH}: median {fl:.2f} s wall, {fl_cpu:.2f} s CPU  [{load()}]")
        print(
            f"[{label}] reference (one month's commission sum): median {ref * 1000:.0f} ms; "
            f"performance / reference = {perf / ref:.1f}x, flow / reference = {fl / ref:.1f}x"
        )
    finally:
        store.dispose()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--clients", type=int, default=100_000)
    p.add_argument("--managers", type=int, default=200)
    p.add_argument("--backend", choices=["sqlite", "pg", "both"], default="both")
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    print(f"start: {load()}")
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            bench(
                "sqlite",
                f"sqlite:///{Path(tmp) / 'bench-flow.sqlite3'}",
                args.clients,
                args.managers,
                args.runs,
            )
    if args.backend in ("pg", "both"):
        import uuid

        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        schema = "bench_" + uuid.uuid4().hex[:10]
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
