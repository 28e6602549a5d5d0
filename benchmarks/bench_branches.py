"""Many branches on one PostgreSQL server (issue #21): row-level security, per-branch scoring, head office.

    .venv/bin/python benchmarks/bench_branches.py [--branches 20] [--clients 500000] [--days 40]
        [--trades 1000000] [--runs 3] [--pg URL] [--keep] [--skip-firm-run]

Builds, in a fresh schema of the PostgreSQL server (default: the test server), a firm of --branches branches
and --clients clients (15 investment managers and a branch manager per branch, clients spread at random over
the managers), --days trading days of daily asset snapshots per client, --trades trades and month-end
holdings, loaded with COPY. Then it connects as an ordinary application role, so that row-level security
applies (the loading login is a superuser, whom it never binds), and times, as medians of --runs:

* one branch's scoring inputs read and scored in a branch session (what a per-branch job costs), alone and
  with two branches at once in two processes (the machine has 2 cores);
* the firm-wide scoring run (``run_scoring`` by the administrator of no branch), once, as the reference;
* the head-office dashboard of all branches and of one branch, and one branch manager's dashboard, each
  under row-level security and as the superuser (no policies) in the same run: the ratio is what the
  policies cost.

Prints medians, ratios and the load average (the machine is shared: figures move with its load). Not a test.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing as mp
import os
import resource
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from crm_desktop.db import rls  # noqa: E402
from crm_desktop.db.store import Store, open_store  # noqa: E402
from crm_desktop.scoring import score  # noqa: E402
from crm_desktop.services import dashboard  # noqa: E402
from crm_desktop.services.auth import Actor, login, start_session  # noqa: E402
from crm_desktop.services.passwords import hash_password  # noqa: E402
from crm_desktop.services.scoring import load_config, load_input, run_scoring  # noqa: E402

PG = os.environ.get("CRM_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
APP_ROLE = "crm_bench_app"
PASSWORD = "bench-pw-1"
AS_OF = date(2026, 10, 30)
MANAGERS_PER_BRANCH = 15
N_SECURITIES = 3000
NOW = "2026-10-30 08:00:00+00"


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} on {os.cpu_count()} cores"


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def trading_days(n: int) -> list[date]:
    out, d = [], AS_OF
    while len(out) < n:
        if d.weekday() < 5:
            out.append(d)
        d -= timedelta(days=1)
    return out[::-1]


def _copy(conn: Any, table: str, frame: pd.DataFrame, chunk: int = 1_000_000) -> None:
    """COPY a frame through CSV text, in chunks (a Python call per row would dominate the build)."""
    cols = ", ".join(frame.columns)
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN WITH (FORMAT csv)") as cp:
        for i in range(0, len(frame), chunk):
            buf = io.StringIO()
            frame.iloc[i : i + chunk].to_csv(buf, header=False, index=False)
            cp.write(buf.getvalue().encode())


def build(url: str, args: argparse.Namespace) -> dict[str, int]:
    """The firm, through the migrated schema, loaded with COPY as the superuser. Returns row counts."""
    rng = np.random.default_rng(21)
    store = open_store(url, upgrade=True)
    store.dispose()
    nb, nc = args.branches, args.clients
    n_mgr = nb * MANAGERS_PER_BRANCH
    days = trading_days(args.days)
    branches = pd.DataFrame(
        {
            "id": np.arange(1, nb + 1),
            "code": [f"B{i:03d}" for i in range(1, nb + 1)],
            "name": [f"第{i}营业部" for i in range(1, nb + 1)],
            "version": 1,
            "created_at": NOW,
            "updated_at": NOW,
        }
    )
    pw = hash_password(PASSWORD)
    mgr_ids = np.arange(1, n_mgr + 1)
    staff_rows = {
        "id": list(mgr_ids),
        "login": [f"im{i}" for i in mgr_ids],
        "display_name": [f"经理{i}" for i in mgr_ids],
        "role": ["investment_manager"] * n_mgr,
        "branch_id": list((mgr_ids - 1) // MANAGERS_PER_BRANCH + 1),
    }
    extra = [(f"bm{b}", "branch_manager", b) for b in range(1, nb + 1)] + [
        ("hq", "head_office", None),
        ("sched", "admin", None),
    ]
    for j, (name, role, branch) in enumerate(extra, start=n_mgr + 1):
        staff_rows["id"].append(j)
        staff_rows["login"].append(name)
        staff_rows["display_name"].append(name)
        staff_rows["role"].append(role)
        staff_rows["branch_id"].append(branch)
    staff = pd.DataFrame(staff_rows)
    staff["branch_id"] = staff["branch_id"].astype("Int64")
    staff["active"] = True
    staff["qualifications"] = '["securities_practitioner"]'
    staff["password_hash"] = pw
    staff["password_temporary"] = False
    staff["version"] = 1
    staff["created_at"] = NOW
    staff["updated_at"] = NOW
    cid = np.arange(1, nc + 1)
    manager = rng.integers(1, n_mgr + 1, nc)
    clients = pd.DataFrame(
        {
            "id": cid,
            "client_no": [f"{i:010d}" for i in cid],
            "name": "客户",
            "client_type": "individual",
            "open_date": pd.to_datetime(AS_OF) - pd.to_timedelta(rng.integers(30, 365 * 12, nc), unit="D"),
            "risk_level": rng.choice(np.array(["C1", "C2", "C3", "C4", "C5"]), nc),
            "status": np.where(rng.random(nc) < 0.02, "closed", "active"),
            "branch_id": (manager - 1) // MANAGERS_PER_BRANCH + 1,
            "manager_id": manager,
            "version": 1,
            "created_at": NOW,
            "updated_at": NOW,
        }
    )
    clients["open_date"] = clients["open_date"].dt.date
    codes = np.array([f"{c:06d}" for c in range(600000, 600000 + N_SECURITIES)], dtype=object)
    securities = pd.DataFrame({"code": codes, "name": codes, "board": "main", "industry": "银行"})
    base = np.exp(rng.normal(12.5, 1.6, nc))
    nd = len(days)
    walk = np.exp(np.cumsum(rng.normal(0, 0.01, (nc, nd)).astype(np.float32), axis=1))
    total = np.round((walk * base[:, None]).ravel(), 2)
    del walk
    sec = np.round(total * 0.6, 2)
    inflow = np.zeros(nc * nd)
    moves = rng.random(nc * nd) < 0.01
    inflow[moves] = np.round(rng.normal(0, 0.1, int(moves.sum())) * total[moves], 2)
    snapshots = pd.DataFrame(
        {
            "client_id": np.repeat(cid, nd),
            "date": np.tile(np.array([d.isoformat() for d in days], dtype=object), nc),
            "cash": np.round(total - sec, 2),
            "securities_value": sec,
            "total_assets": total,
            "net_inflow": inflow,
        }
    )
    nt = args.trades
    t_client = rng.integers(1, nc + 1, nt)
    qty = rng.integers(1, 50, nt) * 100
    price = np.round(rng.uniform(3, 80, nt), 2)
    amount = np.round(qty * price, 2)
    trades = pd.DataFrame(
        {
            "trade_id": [f"T{i}" for i in range(nt)],
            "trade_date": rng.choice(np.array([d.isoformat() for d in days], dtype=object), nt),
            "client_id": t_client,
            "code": codes[(t_client * 7 + rng.integers(0, 5, nt)) % N_SECURITIES],
            "side": np.where(rng.random(nt) < 0.55, "buy", "sell"),
            "quantity": qty,
            "price": price,
            "amount": amount,
            "commission": np.maximum(np.round(amount * 0.00025, 2), 5.0),
        }
    )
    month_ends = [d for i, d in enumerate(days) if i == nd - 1 or days[i + 1].month != d.month]
    h_client = np.repeat(cid, len(month_ends))
    mv = np.round(rng.uniform(1_000, 500_000, len(h_client)), 2)
    holdings = pd.DataFrame(
        {
            "client_id": h_client,
            "date": np.tile(np.array([d.isoformat() for d in month_ends], dtype=object), nc),
            "code": codes[(h_client * 7) % N_SECURITIES],
            "quantity": 100,
            "cost": mv,
            "market_value": mv,
        }
    )
    raw = create_engine(url)
    with raw.begin() as conn:
        driver = conn.connection.driver_connection
        for table, frame in (
            ("branch", branches),
            ("staff", staff),
            ("security", securities),
            ("client", clients),
            ("asset_snapshot", snapshots),
            ("trade", trades),
            ("holding", holdings),
        ):
            t = time.perf_counter()
            _copy(driver, table, frame)
            print(f"  COPY {table:<15} {len(frame):>11,} rows  {time.perf_counter() - t:6.1f} s", flush=True)
        for seq_table in ("branch", "staff", "client"):
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{seq_table}', 'id'), (SELECT max(id) FROM {seq_table}))"
                )
            )
    with raw.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
    raw.dispose()
    return {
        "client": nc,
        "asset_snapshot": len(snapshots),
        "trade": nt,
        "holding": len(holdings),
        "staff": len(staff),
    }


def app_url(url: str, schema: str) -> str:
    """The same schema, as an ordinary role that row-level security binds."""
    admin = create_engine(PG)
    with admin.begin() as conn:
        conn.execute(
            text(
                f"DO $$ BEGIN CREATE ROLE {APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS; "
                "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
            )
        )
        conn.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO {APP_ROLE}'))
        conn.execute(
            text(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{schema}" TO {APP_ROLE}')
        )
        conn.execute(text(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO {APP_ROLE}'))
    admin.dispose()
    u = make_url(url)
    return u.update_query_dict({"options": f"{u.query['options']} -crole={APP_ROLE}"}).render_as_string(
        hide_password=False
    )


def branch_scoring(url: str, branch_id: int) -> tuple[float, int, float]:
    """One branch's scoring inputs read in its own session (row-level security) and scored; seconds,
    clients scored and peak memory in MB of this process."""
    store = open_store(url, upgrade=False)
    cfg = load_config().config
    t = time.perf_counter()
    with store.read(isolation="REPEATABLE READ") as session:
        rls.apply(session, rls.Scope.branch(branch_id))
        data = load_input(session, AS_OF, cfg)
    result = score(data, cfg)
    took = time.perf_counter() - t
    store.dispose()
    return took, len(result.clients), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _in_child(url: str, branch_id: int, out: Any) -> None:
    out.put(branch_scoring(url, branch_id))


def parallel_scoring(url: str, branches: list[int]) -> tuple[float, list[tuple[float, int, float]]]:
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    t = time.perf_counter()
    procs = [ctx.Process(target=_in_child, args=(url, b, q)) for b in branches]
    for p in procs:
        p.start()
    results = [q.get() for _ in procs]
    for p in procs:
        p.join()
    return time.perf_counter() - t, results


def dashboards(
    owner: Store, app: Store, actors: dict[str, Actor], runs: int
) -> list[tuple[str, float, float]]:
    """(what, seconds under row-level security, seconds as the superuser) per dashboard."""
    rows = []
    for what, who, branch in (
        ("head office, all branches", "hq", None),
        ("head office, one branch", "hq", 1),
        ("branch manager, own branch", "bm1", None),
    ):
        actor = actors[who]
        signed = start_session(app, actor)
        try:
            with_rls, board = timed(
                lambda a=actor, b=branch: dashboard.build_dashboard(app, a, branch_id=b), runs
            )
        finally:
            signed.end()
        bare, ref = timed(lambda a=actor, b=branch: dashboard.build_dashboard(owner, a, branch_id=b), runs)
        assert board.client_count == ref.client_count, (what, board.client_count, ref.client_count)
        rows.append((f"{what} ({board.client_count:,} clients)", with_rls, bare))
    return rows


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--branches", type=int, default=20)
    p.add_argument("--clients", type=int, default=500_000)
    p.add_argument("--days", type=int, default=40)
    p.add_argument("--trades", type=int, default=1_000_000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--pg", default=PG, help="PostgreSQL server URL (a superuser login)")
    p.add_argument("--keep", action="store_true", help="keep the schema afterwards (printed)")
    p.add_argument("--skip-firm-run", action="store_true", help="leave out the firm-wide scoring run")
    args = p.parse_args()
    schema = "bench_" + uuid.uuid4().hex[:10]
    # A server has no desktop keyring: the personal-data key of the benchmark store goes to a file.
    key_dir = tempfile.mkdtemp(prefix="crm-bench-key-")
    os.environ.setdefault("CRM_PII_KEY_FILE", os.path.join(key_dir, "pii.key"))
    admin = create_engine(args.pg)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = (
        make_url(args.pg)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )
    try:
        print(f"building {args.branches} branches, {args.clients:,} clients in schema {schema} ({load()})")
        t = time.perf_counter()
        counts = build(url, args)
        print(
            f"built in {time.perf_counter() - t:.0f} s: " + ", ".join(f"{k} {v:,}" for k, v in counts.items())
        )
        with admin.connect() as conn:
            size = conn.execute(
                text(
                    "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n "
                    "ON n.oid = c.relnamespace WHERE n.nspname = :s AND c.relkind = 'r'"
                ),
                {"s": schema},
            ).scalar_one()
        print(f"on disk (tables and indexes): {size / 2**20:,.0f} MB")
        owner = open_store(url, upgrade=False)
        app = open_store(app_url(url, schema), upgrade=False)
        actors = {n: login(owner, n, PASSWORD) for n in ("hq", "bm1", "sched")}

        print(f"\nper-branch scoring, read + engine in a branch session, not stored ({load()})")
        times, peaks = [], []
        for b in range(1, args.runs + 1):
            took, n, peak = branch_scoring(app_url(url, schema), b)
            times.append(took)
            peaks.append(peak)
            print(f"  branch {b}: {n:,} clients scored in {took:.1f} s")
        one = statistics.median(times)
        wall, results = parallel_scoring(app_url(url, schema), [1, 2])
        print(
            f"  median one branch: {one:.1f} s; two branches at once (2 processes): {wall:.1f} s wall, with process start "
            f"({', '.join(f'{r[0]:.1f} s' for r in results)}); peak memory of one: {max(peaks):.0f} MB"
        )
        print(f"  ({load()})")

        if not args.skip_firm_run:
            print(f"\nfirm-wide scoring run, {args.clients:,} clients, stored ({load()})")
            t = time.perf_counter()
            summary = run_scoring(owner, actors["sched"], AS_OF)
            firm = time.perf_counter() - t
            print(
                f"  {summary.client_count:,} clients in {firm:.1f} s (load {summary.timings['load']:.1f}, "
                f"engine {summary.timings['engine']:.1f}, save {summary.timings['save']:.1f}); "
                f"one branch's job is {one / firm:.2f}x of it; peak memory of this process "
                f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
            )

        print(f"\ndashboards, median of {args.runs} ({load()})")
        print(f"  {'':<48} {'with RLS':>9} {'superuser':>10} {'ratio':>6}")
        for what, with_rls, bare in dashboards(owner, app, actors, args.runs):
            print(f"  {what:<48} {with_rls:8.2f}s {bare:9.2f}s {with_rls / bare:6.2f}")
        print(f"  ({load()})")
        owner.dispose()
        app.dispose()
    finally:
        if args.keep:
            print(f"kept schema {schema}")
        else:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
