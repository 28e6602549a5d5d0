"""Scoring-engine benchmark: a synthetic branch of 100,000 clients.

    .venv/bin/python benchmarks/bench_engine.py [--clients 100000] [--repeat 3] [--skip-store]

Part 1 builds in memory 250 trading days of daily snapshots per client (25 million rows), 2,000,000 trades
and month-end holdings, then times the engine (median of --repeat runs) and DuckDB doing the same grade
and churn aggregation on the same frames, and prints the ratio.

Part 2 writes the same kind of data into a fresh SQLite store and times ``crm score`` end to end in a
child process, reporting its peak memory (max RSS). Not a test: numbers vary with machine load, so the
load average is printed with them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crm_desktop.scoring import ScoringConfig, ScoringInput, score  # noqa: E402
from crm_desktop.scoring.engine import window  # noqa: E402
from crm_desktop.scoring.frames import day_number  # noqa: E402

AS_OF = date(2025, 12, 31)
N_SECURITIES = 4000
N_MANAGERS = 300


def trading_days(as_of: date, n: int) -> np.ndarray:
    out: list[int] = []
    d = as_of
    while len(out) < n:
        if d.weekday() < 5:
            out.append(day_number(d))
        d -= timedelta(days=1)
    return np.array(sorted(out), dtype=np.int64)


def build(n_clients: int, n_days: int, n_trades: int, seed: int = 7) -> ScoringInput:
    rng = np.random.default_rng(seed)
    ids = np.arange(1, n_clients + 1, dtype=np.int64)
    days = trading_days(AS_OF, n_days)
    open_day = day_number(AS_OF) - rng.integers(30, 365 * 15, n_clients)
    clients = pd.DataFrame(
        {
            "client_id": ids,
            "open_date": open_day,
            "risk_level": rng.choice(np.array(["C1", "C2", "C3", "C4", "C5"]), n_clients),
            "status": np.where(rng.random(n_clients) < 0.02, "closed", "active"),
            "manager_id": rng.integers(1, N_MANAGERS + 1, n_clients),
        }
    )
    # Daily snapshots, client-major like the store returns them: a lognormal base per client and a
    # multiplicative random walk, with occasional transfers.
    base = np.exp(rng.normal(12.5, 1.6, n_clients)).round(2)
    steps = rng.normal(0.0, 0.01, (n_clients, n_days)).astype(np.float32)
    walk = np.exp(np.cumsum(steps, axis=1, dtype=np.float32))
    del steps
    total = (walk * base[:, None].astype(np.float32)).astype(np.float64).ravel()
    del walk
    total = np.round(total, 2)
    sec_share = rng.random(n_clients)
    securities_value = np.round(total * np.repeat(sec_share, n_days), 2)
    inflow = np.zeros(n_clients * n_days)
    moves = rng.random(n_clients * n_days) < 0.01
    inflow[moves] = np.round(rng.normal(0, 0.1, int(moves.sum())) * total[moves], 2)
    snapshots = pd.DataFrame(
        {
            "client_id": np.repeat(ids, n_days),
            "date": np.tile(days, n_clients),
            "total_assets": total,
            "securities_value": securities_value,
            "net_inflow": inflow,
        }
    )
    codes = np.array([f"{c:06d}" for c in range(600000, 600000 + N_SECURITIES)], dtype=object)
    board = rng.choice(np.array(["main", "chinext", "star", "bse"]), N_SECURITIES, p=[0.6, 0.2, 0.15, 0.05])
    industries = np.array(["银行", "电子", "医药", "食品饮料", "有色金属", "计算机", "汽车", "电力设备"])
    securities = pd.DataFrame(
        {
            "code": codes,
            "board": board,
            "industry": rng.choice(industries, N_SECURITIES),
            "list_date": day_number(AS_OF) - rng.integers(10, 365 * 20, N_SECURITIES),
        }
    )
    # Trades: active clients trade more; buys and sells of the same few securities per client.
    weights = rng.pareto(1.5, n_clients) + 0.05
    t_client = rng.choice(ids, n_trades, p=weights / weights.sum())
    t_sec = (t_client * 7 + rng.integers(0, 5, n_trades)) % N_SECURITIES
    qty = rng.integers(1, 50, n_trades) * 100
    price = np.round(rng.uniform(3, 80, n_trades), 2)
    amount = np.round(qty * price, 2)
    trades = pd.DataFrame(
        {
            "client_id": t_client,
            "trade_date": rng.choice(days, n_trades),
            # Codes and sides as categoricals, the compact form the engine documents as its fast path.
            "code": pd.Categorical(codes[t_sec]),
            "side": pd.Categorical(np.where(rng.random(n_trades) < 0.55, "buy", "sell")),
            "quantity": qty.astype(np.float64),
            "amount": amount,
            "commission": np.maximum(np.round(amount * 0.00025, 2), 5.0),
        }
    )
    # Month-end holdings: 3 positions per client at each of 12 month-ends.
    months = days.astype("datetime64[D]").astype("datetime64[M]")
    month_ends = days[np.r_[months[1:] != months[:-1], True]]
    k = 3
    h_client = np.repeat(ids, k * len(month_ends))
    h_date = np.tile(np.repeat(np.array(month_ends, dtype=np.int64), k), n_clients)
    h_sec = (h_client * 7 + np.tile(np.arange(k), n_clients * len(month_ends))) % N_SECURITIES
    holdings = pd.DataFrame(
        {
            "client_id": h_client,
            "date": h_date,
            "code": pd.Categorical(codes[h_sec]),
            "market_value": np.round(rng.uniform(1_000, 500_000, len(h_client)), 2),
        }
    )
    staff = pd.DataFrame(
        {
            "staff_id": np.arange(1, N_MANAGERS + 1),
            "role": "investment_manager",
            "active": True,
            "hire_date": pd.to_datetime(
                day_number(AS_OF) - rng.integers(100, 365 * 20, N_MANAGERS), unit="D"
            ),
            "qualifications": [
                ["securities_practitioner"] + (["investment_adviser"] if i % 3 == 0 else [])
                for i in range(N_MANAGERS)
            ],
        }
    )
    n_tasks = n_clients * 3
    tasks = pd.DataFrame(
        {
            "manager_id": rng.integers(1, N_MANAGERS + 1, n_tasks),
            "due_date": rng.choice(days, n_tasks),
            "status": rng.choice(np.array(["done", "open", "cancelled"]), n_tasks, p=[0.8, 0.15, 0.05]),
            "completed_at": rng.choice(days, n_tasks),
        }
    )
    touches = pd.DataFrame(
        {
            "manager_id": rng.integers(1, N_MANAGERS + 1, n_tasks),
            "occurred_at": rng.choice(days, n_tasks),
            "satisfaction": rng.integers(1, 6, n_tasks).astype(np.float64),
        }
    )
    return ScoringInput(
        as_of=AS_OF,
        clients=clients,
        snapshots=snapshots,
        trades=trades,
        holdings=holdings,
        securities=securities,
        touches=touches,
        tasks=tasks,
        staff=staff,
    )


DUCKDB_SQL = """
WITH s AS (
    SELECT client_id,
           sum(total_assets) / count(*) AS avg_assets,
           arg_max(total_assets, date) AS latest,
           arg_max(total_assets, date) FILTER (WHERE date <= $a90) AS a90_before,
           arg_min(total_assets, date) AS earliest,
           coalesce(sum(net_inflow) FILTER (WHERE date >= $c0), 0) AS inflow90
    FROM snapshots WHERE date BETWEEN $w0 AND $asof GROUP BY client_id
), t AS (
    SELECT client_id,
           sum(commission) FILTER (WHERE trade_date >= $w0) AS commission,
           count(*) FILTER (WHERE trade_date >= $w0) AS n_w,
           count(*) FILTER (WHERE trade_date >= $c0) AS n_90
    FROM trades WHERE trade_date BETWEEN $w0 AND $asof GROUP BY client_id
), j AS (
    SELECT c.client_id, coalesce(s.avg_assets, 0) AS avg_assets, coalesce(t.commission, 0) AS commission,
           coalesce(s.latest, 0) AS latest, coalesce(s.a90_before, s.earliest, 0) AS a90,
           -coalesce(s.inflow90, 0) AS outflow90, coalesce(t.n_w, 0) AS n_w, coalesce(t.n_90, 0) AS n_90,
           s.client_id IS NOT NULL AS has_snap
    FROM clients c LEFT JOIN s USING (client_id) LEFT JOIN t USING (client_id)
    WHERE c.status <> 'closed'
)
SELECT client_id,
       CASE WHEN avg_assets >= 10000000 OR commission >= 100000 THEN 'V5'
            WHEN avg_assets >= 3000000 OR commission >= 30000 THEN 'V4'
            WHEN avg_assets >= 1000000 OR commission >= 10000 THEN 'V3'
            WHEN avg_assets >= 200000 OR commission >= 2000 THEN 'V2' ELSE 'V1' END AS grade,
       CASE WHEN has_snap AND a90 > 0 AND outflow90 >= 0.30 * a90 THEN 'high'
            WHEN (n_90 = 0 AND n_w > 0) OR (has_snap AND latest <= 0.70 * a90) THEN 'medium'
            ELSE 'low' END AS churn_risk
FROM j ORDER BY client_id
"""


def duckdb_grade_churn(data: ScoringInput, threads: int) -> pd.DataFrame:
    import duckdb

    w = window(data.as_of, ScoringConfig())
    con = duckdb.connect()
    con.execute(f"SET threads TO {threads}")
    con.register("snapshots", data.snapshots)
    con.register("trades", data.trades)
    con.register("clients", data.clients)
    params = {"a90": w.churn_start - 1, "c0": w.churn_start, "w0": w.start, "asof": w.as_of}
    out = con.execute(DUCKDB_SQL, params).df()
    con.close()
    return out


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def part_engine(args: argparse.Namespace) -> None:
    t = time.perf_counter()
    data = build(args.clients, args.days, args.trades)
    print(
        f"built {len(data.clients):,} clients, {len(data.snapshots):,} snapshot rows, {len(data.trades):,} "
        f"trades, {len(data.holdings):,} holding rows in {time.perf_counter() - t:.1f}s"
    )
    print(f"load average before: {load()}")
    threads = os.cpu_count() or 2
    # Engine and DuckDB runs alternate, so that both see the same state of the machine; the ratio is
    # taken per pair, then the median of the pairs is reported.
    engine_times, engine_cpu, duck_times, duck_cpu = [], [], [], []
    result: object = None
    duck: object = None
    for _ in range(args.repeat):
        result = None  # free the previous run's output before the clock starts, not inside the next run
        t, c = time.perf_counter(), time.process_time()
        result = score(data)
        engine_times.append(time.perf_counter() - t)
        engine_cpu.append(time.process_time() - c)
        duck = None
        t, c = time.perf_counter(), time.process_time()
        duck = duckdb_grade_churn(data, threads)
        duck_times.append(time.perf_counter() - t)
        duck_cpu.append(time.process_time() - c)
    engine_med, duck_med = statistics.median(engine_times), statistics.median(duck_times)
    wall_ratio = statistics.median(e / d for e, d in zip(engine_times, duck_times, strict=True))
    cpu_ratio = statistics.median(e / d for e, d in zip(engine_cpu, duck_cpu, strict=True))
    ours = result.clients[["client_id", "grade", "churn_risk"]].reset_index(drop=True)  # type: ignore[attr-defined]
    same = bool(
        (ours["grade"].to_numpy() == duck["grade"].to_numpy()).all()  # type: ignore[index]
        and (ours["churn_risk"].to_numpy() == duck["churn_risk"].to_numpy()).all()
    )  # type: ignore[index]
    print(
        f"engine (all indicators, reasons, managers, matching): median {engine_med:.2f}s "
        f"runs {[round(x, 2) for x in engine_times]}, CPU {statistics.median(engine_cpu):.2f}s"
    )
    print(
        f"duckdb {threads} threads (grade + churn only): median {duck_med:.2f}s "
        f"runs {[round(x, 2) for x in duck_times]}, CPU {statistics.median(duck_cpu):.2f}s"
    )
    print(
        f"ratio engine/duckdb, median of {args.repeat} alternating pairs: wall {wall_ratio:.2f}, "
        f"CPU {cpu_ratio:.2f}  (grade and churn identical: {same})"
    )
    print(f"load average after: {load()}")


def _sql_date(day: np.ndarray) -> np.ndarray:
    return np.datetime_as_string(day.astype("datetime64[D]"), unit="D")


def build_store(path: Path, args: argparse.Namespace) -> None:
    """A real store (migrated schema) filled through plain sqlite3 for speed."""
    from crm_desktop.db.store import open_store

    s = open_store(f"sqlite:///{path}", upgrade=True)
    s.dispose()
    data = build(args.clients, args.days, args.trades)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("BEGIN")
    now = "2025-12-31 00:00:00"
    con.execute(
        "INSERT INTO branch (id, code, name, version, created_at, updated_at) VALUES "
        "(1, 'B001', '基准营业部', 1, ?, ?)",
        (now, now),
    )
    st = pd.DataFrame({"id": data.staff["staff_id"]})
    con.executemany(
        "INSERT INTO staff (id, login, display_name, role, branch_id, active, hire_date, qualifications, version, "
        "created_at, updated_at) VALUES (?, ?, ?, 'investment_manager', 1, 1, ?, ?, 1, ?, ?)",
        [
            (int(i), f"im{i}", f"经理{i}", str(h.date()), '["securities_practitioner"]', now, now)
            for i, h in zip(st["id"], data.staff["hire_date"], strict=True)
        ],
    )
    # `crm score` runs as someone: the demo's admin account (a store with users refuses `crm user add`)
    con.execute(
        "INSERT INTO staff (id, login, display_name, role, branch_id, active, qualifications, password_hash, "
        "password_temporary, version, created_at, updated_at) VALUES (?, 'admin', 'admin', 'admin', 1, 1, '[]', "
        "?, 0, 1, ?, ?)",
        (N_MANAGERS + 1, _admin_hash(), now, now),
    )
    c = data.clients
    con.executemany(
        "INSERT INTO client (id, client_no, name, client_type, open_date, risk_level, status, branch_id, "
        "manager_id, version, created_at, updated_at) VALUES (?, ?, '客户', 'individual', ?, ?, ?, 1, ?, 1, ?, ?)",
        zip(
            c["client_id"].tolist(),
            [f"{i:08d}" for i in c["client_id"]],
            _sql_date(c["open_date"].to_numpy()),
            c["risk_level"].tolist(),
            c["status"].tolist(),
            c["manager_id"].tolist(),
            [now] * len(c),
            [now] * len(c),
            strict=True,
        ),
    )
    sec = data.securities
    con.executemany(
        "INSERT INTO security (code, name, industry, board, list_date) VALUES (?, ?, ?, ?, ?)",
        zip(
            sec["code"],
            sec["code"],
            sec["industry"],
            sec["board"],
            _sql_date(sec["list_date"].to_numpy()),
            strict=True,
        ),
    )
    snap = data.snapshots
    day_text = dict(
        zip(np.unique(snap["date"]).tolist(), _sql_date(np.unique(snap["date"].to_numpy())), strict=True)
    )
    step = 1_000_000
    for i in range(0, len(snap), step):
        part = snap.iloc[i : i + step]
        total = part["total_assets"].to_numpy()
        secv = part["securities_value"].to_numpy()
        con.executemany(
            "INSERT INTO asset_snapshot (client_id, date, cash, securities_value, total_assets, net_inflow) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            zip(
                part["client_id"].tolist(),
                [day_text[d] for d in part["date"].tolist()],
                np.round(total - secv, 2).tolist(),
                secv.tolist(),
                total.tolist(),
                part["net_inflow"].tolist(),
                strict=True,
            ),
        )
    tr = data.trades
    con.executemany(
        "INSERT INTO trade (trade_id, trade_date, client_id, code, side, quantity, price, amount, commission) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        zip(
            [f"T{i}" for i in range(len(tr))],
            _sql_date(tr["trade_date"].to_numpy()),
            tr["client_id"].tolist(),
            tr["code"].astype(str).tolist(),
            tr["side"].astype(str).tolist(),
            tr["quantity"].tolist(),
            np.round(tr["amount"] / tr["quantity"], 4).tolist(),
            tr["amount"].tolist(),
            tr["commission"].tolist(),
            strict=True,
        ),
    )
    h = data.holdings.drop_duplicates(["client_id", "date", "code"])
    con.executemany(
        "INSERT INTO holding (client_id, date, code, quantity, cost, market_value) VALUES (?, ?, ?, 100, ?, ?)",
        zip(
            h["client_id"].tolist(),
            _sql_date(h["date"].to_numpy()),
            h["code"].astype(str).tolist(),
            h["market_value"].tolist(),
            h["market_value"].tolist(),
            strict=True,
        ),
    )
    con.execute("COMMIT")
    con.close()


# ---------------------------------------------------------------- PostgreSQL


def _copy_frame(cur: object, table: str, frame: pd.DataFrame, step: int = 1_000_000) -> None:
    """Rows of ``frame`` (columns named like the table's) into ``table`` by COPY, as CSV, a piece at a time."""
    cols = ", ".join(frame.columns)
    with cur.copy(f"COPY {table} ({cols}) FROM STDIN (FORMAT csv)") as cp:  # type: ignore[attr-defined]
        for i in range(0, len(frame), step):
            cp.write(frame.iloc[i : i + step].to_csv(index=False, header=False))


def build_pg_store(url: str, args: argparse.Namespace) -> None:
    """The same synthetic data as :func:`build_store`, into a migrated PostgreSQL schema by COPY. The big
    tables' secondary indexes are dropped for the load and built again after it (as a bulk load would)."""
    import psycopg

    from crm_desktop.db.store import open_store

    s = open_store(url, upgrade=True)
    s.dispose()
    data = build(args.clients, args.days, args.trades)
    now = "2025-12-31 00:00:00+00"
    conninfo, schema = _pg_conninfo(url)
    with psycopg.connect(conninfo) as con, con.cursor() as cur:
        cur.execute(f'SET search_path TO "{schema}"')
        big = ("asset_snapshot", "trade", "holding")
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = %s AND tablename = ANY(%s) "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint)",
            (schema, list(big)),
        )
        indexes = cur.fetchall()
        for name, _ in indexes:
            cur.execute(f'DROP INDEX "{schema}"."{name}"')
        cur.execute(
            "INSERT INTO branch (id, code, name, version, created_at, updated_at) "
            "VALUES (1, 'B001', '基准营业部', 1, %s, %s)",
            (now, now),
        )
        n_staff = len(data.staff)
        _copy_frame(
            cur,
            "staff",
            pd.DataFrame(
                {
                    "id": data.staff["staff_id"],
                    "login": [f"im{i}" for i in data.staff["staff_id"]],
                    "display_name": [f"经理{i}" for i in data.staff["staff_id"]],
                    "role": "investment_manager",
                    "branch_id": 1,
                    "active": True,
                    "hire_date": data.staff["hire_date"].dt.strftime("%Y-%m-%d"),
                    "qualifications": ['["securities_practitioner"]'] * n_staff,
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            ),
        )
        cur.execute(
            "INSERT INTO staff (id, login, display_name, role, branch_id, active, qualifications, password_hash, "
            "password_temporary, version, created_at, updated_at) VALUES (%s, 'admin', 'admin', 'admin', 1, true, "
            "'[]', %s, false, 1, %s, %s)",
            (N_MANAGERS + 1, _admin_hash(), now, now),
        )
        c = data.clients
        _copy_frame(
            cur,
            "client",
            pd.DataFrame(
                {
                    "id": c["client_id"],
                    "client_no": [f"{i:08d}" for i in c["client_id"]],
                    "name": "客户",
                    "client_type": "individual",
                    "open_date": _sql_date(c["open_date"].to_numpy()),
                    "risk_level": c["risk_level"],
                    "status": c["status"],
                    "branch_id": 1,
                    "manager_id": c["manager_id"],
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            ),
        )
        sec = data.securities
        _copy_frame(
            cur,
            "security",
            pd.DataFrame(
                {
                    "code": sec["code"],
                    "name": sec["code"],
                    "industry": sec["industry"],
                    "board": sec["board"],
                    "list_date": _sql_date(sec["list_date"].to_numpy()),
                }
            ),
        )
        snap = data.snapshots
        day_text = pd.Series(_sql_date(np.unique(snap["date"].to_numpy())), index=np.unique(snap["date"]))
        step = 1_000_000
        for i in range(0, len(snap), step):
            part = snap.iloc[i : i + step]
            total = part["total_assets"].to_numpy()
            secv = part["securities_value"].to_numpy()
            _copy_frame(
                cur,
                "asset_snapshot",
                pd.DataFrame(
                    {
                        "client_id": part["client_id"].to_numpy(),
                        "date": day_text.reindex(part["date"].to_numpy()).to_numpy(),
                        "cash": np.round(total - secv, 2),
                        "securities_value": secv,
                        "total_assets": total,
                        "net_inflow": part["net_inflow"].to_numpy(),
                    }
                ),
            )
        t = data.trades
        _copy_frame(
            cur,
            "trade",
            pd.DataFrame(
                {
                    "trade_id": [f"T{i}" for i in range(len(t))],
                    "trade_date": _sql_date(t["trade_date"].to_numpy()),
                    "client_id": t["client_id"].to_numpy(),
                    "code": t["code"].astype(str).to_numpy(),
                    "side": t["side"].astype(str).to_numpy(),
                    "quantity": t["quantity"].to_numpy(),
                    "price": np.round(t["amount"] / t["quantity"], 4).to_numpy(),
                    "amount": t["amount"].to_numpy(),
                    "commission": t["commission"].to_numpy(),
                }
            ),
        )
        h = data.holdings.drop_duplicates(["client_id", "date", "code"])
        _copy_frame(
            cur,
            "holding",
            pd.DataFrame(
                {
                    "client_id": h["client_id"].to_numpy(),
                    "date": _sql_date(h["date"].to_numpy()),
                    "code": h["code"].astype(str).to_numpy(),
                    "quantity": 100,
                    "cost": h["market_value"].to_numpy(),
                    "market_value": h["market_value"].to_numpy(),
                }
            ),
        )
        for _, indexdef in indexes:
            cur.execute(indexdef)
        cur.execute("SELECT setval(pg_get_serial_sequence('trade', 'id'), (SELECT max(id) FROM trade))")
        con.commit()
        con.autocommit = True
        for table in ("client", "staff", "security", "asset_snapshot", "trade", "holding"):
            cur.execute(f"VACUUM ANALYZE {table}")


def _pg_conninfo(url: str) -> tuple[str, str]:
    """(libpq connection string, schema) of a ``postgresql+psycopg://…?options=-csearch_path=…`` URL."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    options = str(u.query.get("options", ""))
    schema = options.split("search_path=", 1)[1] if "search_path=" in options else "public"
    plain = u.set(drivername="postgresql", query={})
    return plain.render_as_string(hide_password=False), schema


def _admin_hash() -> str:
    from crm_desktop.services.passwords import hash_password

    return hash_password("demo1234")


def measure_score(crm: Path, url: str) -> dict[str, object]:
    """Run `crm score` once in a child process: wall time, CPU time and peak RSS of that child and
    everything it waited for (``os.wait4`` on its pid), its stage timings, and the scoring service's own
    share (load + engine + save; the command then runs the suitability check as well)."""
    env = {**os.environ, "CRM_LANG": "en", "CRM_PASSWORD": "demo1234"}
    t = time.perf_counter()
    proc = subprocess.Popen(
        [str(crm), "--db", url, "score", "--quiet", "--timings", "--as-user", "admin"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    out, err = proc.communicate()
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        print(out.strip())
        print(err.strip())
        raise SystemExit(proc.returncode)
    timings: dict[str, float] = {}
    for line in out.splitlines():
        if line.startswith("load ") and "engine" in line:
            for part in line.split(", "):
                k, v = part.split(" ")
                timings[k] = float(v.rstrip("s"))
    return {"wall": elapsed, "timings": timings, "stdout": out.strip()}


def run_measured(crm: Path, url: str) -> dict[str, object]:
    """:func:`measure_score` in a fresh Python child, so that its RUSAGE_CHILDREN maxrss is this run's alone
    (the peak RSS of the `crm score` process tree: the maximum over it and its descendants)."""
    code = (
        "import json, resource, sys; sys.path.insert(0, sys.argv[1]); "
        "from pathlib import Path; import bench_engine as b; "
        "r = b.measure_score(Path(sys.argv[2]), sys.argv[3]); "
        "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "r['maxrss_mb'] = u.ru_maxrss / 1024; r['cpu'] = u.ru_utime + u.ru_stime; print(json.dumps(r))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(Path(__file__).parent), str(crm), url],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        print(proc.stdout.strip())
        print(proc.stderr.strip())
        raise SystemExit(proc.returncode)
    import json

    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def report(backend: str, runs: list[dict[str, object]]) -> dict[str, float]:
    def med(f: object) -> float:
        return statistics.median(f(r) for r in runs)  # type: ignore[operator]

    service = med(lambda r: sum(r["timings"].values()))
    figures = {
        "wall": med(lambda r: r["wall"]),
        "cpu": med(lambda r: r["cpu"]),
        "service": service,
        "load": med(lambda r: r["timings"].get("load", float("nan"))),
        "engine": med(lambda r: r["timings"].get("engine", float("nan"))),
        "save": med(lambda r: r["timings"].get("save", float("nan"))),
        "rss": max(float(r["maxrss_mb"]) for r in runs),  # type: ignore[arg-type]
    }
    print(f"{backend}: {runs[-1]['stdout'].splitlines()[0]}")  # type: ignore[union-attr]
    print(
        f"{backend} crm score (median of {len(runs)}): end to end {figures['wall']:.1f}s wall, "
        f"{figures['cpu']:.1f}s CPU; scoring service {service:.1f}s (read {figures['load']:.1f}s, engine "
        f"{figures['engine']:.1f}s, save {figures['save']:.1f}s); peak RSS {figures['rss']:.0f} MB; "
        f"runs {[round(float(r['wall']), 1) for r in runs]}; load average {load()}"  # type: ignore[arg-type]
    )
    return figures


def part_store(args: argparse.Namespace) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="crm-bench-") as tmp:
        os.environ.setdefault("CRM_PII_KEY_FILE", str(Path(tmp) / "pii.key"))
        path = Path(args.store) if args.store else Path(tmp) / "bench.sqlite3"
        crm = Path(args.crm) if args.crm else Path(sys.executable).with_name("crm")
        if not path.exists():
            t = time.perf_counter()
            has_demo = subprocess.run([str(crm), "demo", "--help"], capture_output=True).returncode == 0
            if has_demo and not args.own_store:
                # The product's own demo generator: realistic books, touches and tasks as well.
                subprocess.run(
                    [
                        str(crm),
                        "--db",
                        f"sqlite:///{path}",
                        "demo",
                        "--clients",
                        str(args.clients),
                        "--quiet",
                    ],
                    check=True,
                    capture_output=True,
                )
                print("store: crm demo --clients", args.clients)
            else:
                build_store(path, args)
                print("store: synthetic (bench_engine.build_store)")
            print(
                f"built SQLite store ({path.stat().st_size / 1e9:.1f} GB) in {time.perf_counter() - t:.0f}s; "
                f"load average {load()}"
            )
        runs = [run_measured(crm, f"sqlite:///{path}") for _ in range(args.score_repeat)]
        return report("SQLite", runs)


def copy_floor(url: str) -> tuple[float, float, int]:
    """The floor of the read phase: the scoring service's own input queries (from
    ``services.scoring.input_queries``), each as a bare ``COPY (…) TO STDOUT`` drained into nothing, on
    one connection in one REPEATABLE READ transaction like the real read. Returns (seconds for the
    queries the service runs, seconds for the raw rows of the same inputs, raw rows)."""
    import psycopg

    from crm_desktop.db.store import open_store
    from crm_desktop.services.scoring import input_queries, latest_snapshot_date, load_config

    store = open_store(url)
    cfg = load_config().config
    with store.read() as session:
        as_of = latest_snapshot_date(session)
        assert as_of is not None
        queries = input_queries(session, as_of, cfg)
    store.dispose()
    conninfo, schema = _pg_conninfo(url)
    times: dict[str, float] = {"used": 0.0, "raw": 0.0}
    rows = 0
    with psycopg.connect(conninfo, autocommit=True) as con:
        con.execute(f'SET search_path TO "{schema}"')
        con.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        with con.cursor() as cur:
            for q in queries:
                if q.name == "snapshots":  # the rows behind snapshot_totals: the run reads the totals
                    continue
                for kind, sql in (("used", q.pg_sql), ("raw", q.pg_raw_sql)):
                    t = time.perf_counter()
                    with cur.copy(f"COPY ({sql}) TO STDOUT (FORMAT binary)", q.params) as cp:
                        for _block in cp:  # drained into nothing: the null sink
                            pass
                    times[kind] += time.perf_counter() - t
                    if kind == "raw":
                        rows += con.execute(f"SELECT count(*) FROM ({sql}) q", q.params).fetchone()[0]  # type: ignore[index]
        con.execute("ROLLBACK")
    return times["used"], times["raw"], rows


def part_pg(args: argparse.Namespace) -> dict[str, float]:
    import uuid

    import psycopg

    crm = Path(args.crm) if args.crm else Path(sys.executable).with_name("crm")
    base = args.pg
    conninfo, _ = _pg_conninfo(base)
    schema = args.pg_schema or "bench_score_" + uuid.uuid4().hex[:8]
    from sqlalchemy.engine import make_url

    url = (
        make_url(base)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )
    with tempfile.TemporaryDirectory(prefix="crm-bench-") as tmp:
        os.environ.setdefault("CRM_PII_KEY_FILE", str(Path(tmp) / "pii.key"))
        with psycopg.connect(conninfo, autocommit=True) as con:
            exists = con.execute(
                "SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", (schema,)
            ).fetchone()
            if not exists:
                con.execute(f'CREATE SCHEMA "{schema}"')
        try:
            if not exists:
                t = time.perf_counter()
                build_pg_store(url, args)
                print(
                    f"built PostgreSQL store (schema {schema}) in {time.perf_counter() - t:.0f}s; load average {load()}"
                )
            runs = []
            floors = []
            for _ in range(args.score_repeat):
                runs.append(run_measured(crm, url))
                # a build from before the input queries were exposed has no floor to compare with
                with contextlib.suppress(ImportError):
                    floors.append(copy_floor(url))
            figures = report("PostgreSQL", runs)
            if not floors:
                print("PostgreSQL floor: not measured (this build does not expose its input queries)")
                figures["floor"] = float("nan")
                return figures
            used = statistics.median(f[0] for f in floors)
            raw = statistics.median(f[1] for f in floors)
            figures["floor"] = used
            figures["floor_raw"] = raw
            print(
                f"PostgreSQL floor: bare COPY (same selects) TO STDOUT, binary, drained: {used:.1f}s for the "
                f"queries the read phase runs; {raw:.1f}s for the raw input rows ({floors[-1][2]:,} rows); "
                f"read phase / floor = {figures['load'] / used:.2f} (raw rows: {figures['load'] / raw:.2f}); "
                f"load average {load()}"
            )
            return figures
        finally:
            if not args.keep_pg:
                with psycopg.connect(conninfo, autocommit=True) as con:
                    con.execute(f'DROP SCHEMA "{schema}" CASCADE')


def goals(sqlite: dict[str, float] | None, pg: dict[str, float] | None) -> None:
    print("goals (issue #21):")

    def line(name: str, value: float, limit: float, unit: str) -> None:
        ok = "met" if value <= limit else "MISSED"
        print(f"  {name}: {value:.2f}{unit} (goal <= {limit:g}{unit}) {ok}")

    if pg is not None:
        line("PostgreSQL crm score end to end", pg["wall"], 30, " s")
        line("PostgreSQL peak memory", pg["rss"] / 1024, 1.5, " GB")
        line("PostgreSQL read phase / bare COPY floor", pg["load"] / pg["floor"], 2, "x")
    if sqlite is not None:
        line("SQLite crm score end to end", sqlite["wall"], 20, " s")
        line("SQLite peak memory", sqlite["rss"] / 1024, 1.5, " GB")
    print(f"  load average {load()} (2-core machine shared with other jobs: wall times include waiting)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=250)
    parser.add_argument("--trades", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-store", action="store_true", help="only the in-memory engine/DuckDB part")
    parser.add_argument("--skip-engine", action="store_true", help="only the crm score end-to-end part")
    parser.add_argument(
        "--own-store", action="store_true", help="build the store here even if `crm demo` exists"
    )
    parser.add_argument(
        "--store", metavar="PATH", help="SQLite file to build once and reuse (default: temporary)"
    )
    parser.add_argument("--score-repeat", type=int, default=3, help="`crm score` runs per backend")
    parser.add_argument("--skip-pg", action="store_true", help="leave out the PostgreSQL part")
    parser.add_argument(
        "--pg",
        default=os.environ.get("CRM_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
        help="PostgreSQL server for the PostgreSQL part (a fresh schema is made and dropped)",
    )
    parser.add_argument("--pg-schema", help="schema to build once and reuse (with --keep-pg)")
    parser.add_argument("--crm", help="the `crm` executable to time (default: the one beside this Python)")
    parser.add_argument("--keep-pg", action="store_true", help="keep the PostgreSQL schema afterwards")
    args = parser.parse_args()
    if not args.skip_engine:
        part_engine(args)
    sqlite = None if args.skip_store else part_store(args)
    pg = None if args.skip_pg else part_pg(args)
    if sqlite is not None or pg is not None:
        goals(sqlite, pg)


if __name__ == "__main__":
    main()
