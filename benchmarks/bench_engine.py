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
import os
import resource
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


def part_store(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="crm-bench-") as tmp:
        path = Path(args.store) if args.store else Path(tmp) / "bench.sqlite3"
        crm = Path(sys.executable).with_name("crm")
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
                # `crm score` runs as someone: the synthetic store gets the demo's admin account.
                subprocess.run(
                    [
                        str(crm),
                        "--db",
                        f"sqlite:///{path}",
                        "user",
                        "add",
                        "admin",
                        "--role",
                        "admin",
                        "--name",
                        "admin",
                        "--password-stdin",
                    ],
                    input="demo1234\n",
                    text=True,
                    check=True,
                    capture_output=True,
                )
                print("store: synthetic (bench_engine.build_store)")
            print(
                f"built SQLite store ({path.stat().st_size / 1e9:.1f} GB) in {time.perf_counter() - t:.0f}s; "
                f"load average {load()}"
            )
        t = time.perf_counter()
        proc = subprocess.run(
            [str(crm), "--db", f"sqlite:///{path}", "score", "--quiet", "--timings", "--as-user", "admin"],
            capture_output=True,
            text=True,
            env={**os.environ, "CRM_LANG": "en", "CRM_PASSWORD": "demo1234"},
        )
        elapsed = time.perf_counter() - t
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(proc.stdout.strip())
        if proc.returncode != 0:
            print(proc.stderr.strip())
            raise SystemExit(proc.returncode)
        print(
            f"crm score end to end: {elapsed:.1f}s, peak memory (max RSS) {peak / 1024:.0f} MB; "
            f"load average {load()}"
        )


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
    args = parser.parse_args()
    if not args.skip_engine:
        part_engine(args)
    if not args.skip_store:
        part_store(args)


if __name__ == "__main__":
    main()
