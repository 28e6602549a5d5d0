"""Many workstations on one PostgreSQL store of 100,000 clients, through the services the GUI calls.

    .venv/bin/python benchmarks/bench_workstations.py [--workstations 50] [--minutes 10] [--think-seconds 3]
                                                      [--clients 100000] [--managers 200] [--procs 2]
                                                      [--keep] [--schema NAME]

Builds a synthetic branch straight into a fresh schema on CRM_TEST_PG_URL (default 127.0.0.1:5432, database
``test``): clients over managers, one finished score run, one open task per client (due over the three weeks
around today), 1,000 pending reassignment requests among managers no workstation plays, and the securities a
trades import refers to. ``--schema`` reuses a schema a run with ``--keep`` left behind (quick re-runs).

Then N workstations, each an investment manager with its own store and connection (threads, spread over
``--procs`` processes so the two cores are both used without one process per workstation), repeat, with
``--think-seconds`` (±50 %) between actions:

- sign in (``auth.login`` + ``start_session``, as the login dialog does; on start and every 5th round),
- open the agenda (``tasks.agenda``),
- open the first agenda client's 360° view (``clients.load_client_view``),
- record a touch that closes that task (``touches.record_touch`` with its ``task_id``).

Beside them one branch manager approves a pending request (``reassignment.approve_request``) every think
time and one import (``importing.run_import``, 5,000 new trade rows from a GBK CSV) runs back to back.
Before them, the reference measured in the same run: one workstation's four actions with nobody else
working (medians); the table prints each action's p50 under load as a multiple of it.
The figures are per action p50/p95/p99 in milliseconds, the error count by kind, and a consistency check
read from the store afterwards: every touch a workstation was told was saved is there once, no touch is
there that nobody was told about, every task such a touch closed is done once (version 2) by that touch,
every approved request moved its client, every imported row is there. Not a test: the figures move with
the machine's load, which is sampled through the run and printed.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import traceback
import uuid
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, insert, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

PG_URL = os.environ.get("CRM_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PASSWORD = "bench-pw"
GRADES = [("V5", 0.02), ("V4", 0.08), ("V3", 0.20), ("V2", 0.30), ("V1", 0.40)]
TASK_TYPES = ["phone_call", "review_letter", "greeting", "message"]
ACTIONS = ["sign in", "agenda", "360° view", "touch + close task", "approve request", "import 5,000 trades"]
SECURITIES = 200
IMPORT_ROWS = 5_000
REQUESTS = 1_000
SIGN_IN_EVERY = 5


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def _batches(rows: list[dict[str, Any]], size: int = 10_000) -> Any:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def schema_url(schema: str) -> str:
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


# ----------------------------------------------------------------------------------------------- build


def build(url: str, n_clients: int, n_managers: int, today: date, workdir: Path) -> None:
    from crm_desktop.db.models import Client, ClientScore, RiskProfile, ScoreRun, ServiceTask, Staff
    from crm_desktop.db.store import open_store
    from crm_desktop.services import importing, reassignment, staff
    from crm_desktop.services.auth import login
    from crm_desktop.services.passwords import hash_password

    rng = random.Random(20261205)
    store = open_store(url, upgrade=True)
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
    pw_hash = hash_password(PASSWORD)  # one hash for every manager: building 200 would take 10 s for nothing
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
                    "password_hash": pw_hash,
                }
                for i in range(n_managers)
            ],
        )
        ids = list(s.scalars(select(Staff.id).where(Staff.role == "investment_manager").order_by(Staff.id)))
    clients = []
    for i in range(n_clients):
        opened = today - timedelta(days=rng.randint(10, 3650))
        clients.append(
            {
                "client_no": f"{100000 + i:06d}",
                "name": f"客户{i}",
                "client_type": "individual",
                "open_date": opened,
                "assigned_on": opened,
                "risk_level": f"C{rng.randint(1, 5)}",
                "risk_assessed_on": today - timedelta(days=rng.randint(0, 700)),
                "status": "active",
                "branch_id": 1,
                "manager_id": ids[i % len(ids)],
            }
        )
    with store.transaction() as s:
        for part in _batches(clients):
            s.execute(insert(Client), part)
        rows = s.execute(
            select(Client.id, Client.manager_id, Client.risk_level, Client.risk_assessed_on).order_by(
                Client.id
            )
        ).all()
        run = ScoreRun(
            as_of=today,
            engine_version="bench",
            config_hash="0" * 64,
            config_text="",
            finished_at=datetime.now(UTC),
            client_count=len(rows),
        )
        s.add(run)
        s.flush()
        scores, profiles, tasks = [], [], []
        for cid, mid, level, assessed in rows:
            x, grade = rng.random(), "V1"
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
                    "value_score": Decimal(rng.randint(0, 100)),
                    "avg_assets": Decimal(rng.randint(1, 5_000_000)),
                    "latest_assets": Decimal("1"),
                    "commission_12m": Decimal(rng.randint(0, 50_000)),
                    "turnover": 1.0,
                    "activity": rng.choice(["dormant", "low", "active", "very_active"]),
                    "churn_risk": rng.choice(["high", "medium", "low", "low"]),
                    "risk_style": "balanced",
                    "suitability_mismatch": False,
                    "trading_ability": "average",
                    "win_rate": 0.5,
                    "realized_pnl": Decimal("0"),
                    "avg_holding_days": 10.0,
                    "securitization_ratio": 0.5,
                    "top_industry": rng.choice(["银行", "电子", "医药", None]),
                    "top_industry_share": 0.3,
                    "new_listing_share": rng.random() * 0.4,
                    "largest_position_share": 0.1,
                    "lifecycle": rng.choice(["new", "growing", "mature", "declining", "dormant"]),
                    "reasons": [],
                }
            )
            profiles.append(
                {
                    "client_id": cid,
                    "level": level,
                    "lowest_category": False,
                    "assessed_on": assessed,
                    "valid_until": assessed + timedelta(days=730),
                    "investor_class": "ordinary",
                }
            )
            ttype = TASK_TYPES[cid % len(TASK_TYPES)]
            tasks.append(
                {
                    "client_id": cid,
                    "manager_id": mid,
                    "task_type": ttype,
                    "source": "recurring",
                    "due_date": today + timedelta(days=rng.randint(-7, 14)),
                    "status": "open",
                    "dedupe_key": f"bench:{cid}:{ttype}",
                }
            )
        for table, data in ((ClientScore, scores), (RiskProfile, profiles), (ServiceTask, tasks)):
            for part in _batches(data):
                s.execute(insert(table), part)
    with store.transaction() as s:
        # Only this schema's tables: a bare ANALYZE would walk every schema of the shared database.
        for table in ("client", "client_score", "risk_profile", "service_task", "staff", "score_run"):
            s.execute(text(f"ANALYZE {table}"))
    # Pending requests among the last 50 managers, whom no workstation plays: an approval never moves a
    # client out from under a workstation (that would be a refusal by design, not a failure to measure).
    # Each of those managers asks for 20 of their clients to move to the next one (one batch each).
    by_source: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for k in range(REQUESTS):
        src = n_managers - 50 + k % 50
        client_no = f"{100000 + src + n_managers * (k // 50):06d}"
        by_source[src].append((client_no, f"im{n_managers - 50 + (k % 50 + 1) % 50:03d}"))
    for src, moves in by_source.items():
        im = login(store, f"im{src:03d}", PASSWORD)
        reassignment.request_moves(store, im, moves, "workload")
    bm = login(store, "bm", PASSWORD)
    sec = workdir / "securities.csv"
    with sec.open("w", encoding="gbk", newline="") as f:
        f.write("证券代码,证券名称,行业,板块,上市日期\n")
        for i in range(SECURITIES):
            f.write(f"{600000 + i:06d},证券{i},行业{i % 30},主板,20000104\n")
    importing.run_import(store, bm, "securities", sec)
    store.dispose()


def trades_file(path: Path, batch: int, n_clients: int, today: date) -> None:
    rnd = random.Random(batch)
    with path.open("w", encoding="gbk", newline="") as f:
        f.write("成交编号,客户号,成交日期,证券代码,买卖方向,成交数量,成交价格,成交金额,佣金\n")
        day = today - timedelta(days=1 + batch % 20)
        for i in range(IMPORT_ROWS):
            qty = rnd.randrange(1, 100) * 100
            price = rnd.randrange(100, 50000) / 100
            amount = qty * price
            side = "买入" if rnd.random() < 0.5 else "卖出"
            f.write(
                f"B{batch:05d}{i:06d},{100000 + rnd.randrange(n_clients):06d},{day:%Y%m%d},"
                f"{600000 + rnd.randrange(SECURITIES):06d},{side},{qty},{price:.2f},"
                f'"{amount:,.2f}",{max(amount * 0.00025, 5):.2f}\n'
            )


# ----------------------------------------------------------------------------------------------- run


class Recorder:
    def __init__(self) -> None:
        self.samples: list[tuple[str, float]] = []
        self.errors: list[tuple[str, str]] = []
        self.touches: list[tuple[int, int, str]] = []  # (touch id, task id, manager login)
        self.approved: list[tuple[int, str]] = []  # (request id, client no)
        self.imported: list[int] = []  # batch numbers whose import committed
        self.lock = threading.Lock()

    def timed(self, action: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            result = fn(*args, **kwargs)
        except Exception as exc:
            with self.lock:
                self.errors.append((action, f"{type(exc).__name__}: {str(exc)[:200]}"))
            return None
        ms = (time.perf_counter() - t0) * 1000
        with self.lock:
            self.samples.append((action, ms))
        return result


def _pause(rng: random.Random, think: float, stop_at: float) -> bool:
    time.sleep(max(0.0, min(think * rng.uniform(0.5, 1.5), stop_at - time.time())))
    return time.time() < stop_at


def workstation(
    url: str, index: int, think: float, stop_at: float, rec: Recorder, pool: dict[str, int]
) -> None:
    from crm_desktop.db.store import open_store
    from crm_desktop.services import clients, tasks, touches
    from crm_desktop.services.auth import login, start_session

    rng = random.Random(index)
    name = f"im{index:03d}"
    time.sleep(rng.uniform(0, think))  # workstations do not all start on the same tick
    store = open_store(url, upgrade=False)
    session = None
    rounds = 0
    try:
        while time.time() < stop_at:
            if rounds % SIGN_IN_EVERY == 0:
                if session is not None:
                    session.end()

                def sign_in() -> Any:
                    actor = login(store, name, PASSWORD, workstation=f"bench-{index}")
                    return start_session(store, actor)

                session = rec.timed("sign in", sign_in)
                if session is None or not _pause(rng, think, stop_at):
                    break
            rounds += 1
            actor = session.actor
            agenda = rec.timed("agenda", tasks.agenda, store, actor)
            if agenda is None or not agenda.items or not _pause(rng, think, stop_at):
                break
            item = agenda.items[0]
            view = rec.timed("360° view", clients.load_client_view, store, actor, item.client_no)
            if view is None or not _pause(rng, think, stop_at):
                break
            # the content step is the summary itself; the others are ticked boxes
            steps = touches.required_steps(item.task_type) - {touches.CONTENT}

            tid = rec.timed(
                "touch + close task",
                touches.record_touch,
                store,
                actor,
                item.client_no,
                touch_type=item.task_type,
                channel="phone" if item.task_type == "phone_call" else "sms",
                summary=f"工位 {index} 第 {rounds} 轮",
                task_id=item.task_id,
                checklist=dict.fromkeys(steps, True),
            )
            if tid is not None:
                with rec.lock:
                    rec.touches.append((tid, item.task_id, name))
            if not _pause(rng, think, stop_at):
                break
    finally:
        if session is not None:
            session.end()
        store.dispose()


def alone(url: str, name: str, rounds: int = 6) -> dict[str, float]:
    """The reference measured in the same run: one workstation's actions with nobody else working."""
    from crm_desktop.db.store import open_store
    from crm_desktop.services import clients, tasks, touches
    from crm_desktop.services.auth import login, start_session

    store = open_store(url, upgrade=False)
    times: dict[str, list[float]] = defaultdict(list)

    def timed(action: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        result = fn(*args, **kwargs)
        times[action].append((time.perf_counter() - t0) * 1000)
        return result

    try:
        for _ in range(rounds):
            actor = timed("sign in", login, store, name, PASSWORD, workstation="bench-reference")
            session = start_session(store, actor)
            item = timed("agenda", tasks.agenda, store, actor).items[0]
            timed("360° view", clients.load_client_view, store, actor, item.client_no)
            timed(
                "touch + close task",
                touches.record_touch,
                store,
                actor,
                item.client_no,
                touch_type=item.task_type,
                channel="phone" if item.task_type == "phone_call" else "sms",
                summary="参照",
                task_id=item.task_id,
                checklist=dict.fromkeys(touches.required_steps(item.task_type) - {touches.CONTENT}, True),
            )
            session.end()
    finally:
        store.dispose()
    return {k: statistics.median(v[1:]) for k, v in times.items()}  # the first round warms the caches


def branch_manager(url: str, think: float, stop_at: float, rec: Recorder) -> None:
    from crm_desktop.db.models import ReassignmentRequest
    from crm_desktop.db.store import open_store
    from crm_desktop.services import reassignment
    from crm_desktop.services.auth import login, start_session

    rng = random.Random(-1)
    store = open_store(url, upgrade=False)
    actor = login(store, "bm", PASSWORD, workstation="bench-bm")
    session = start_session(store, actor)
    with store.read() as s:
        pending = list(
            s.execute(
                select(ReassignmentRequest.id, ReassignmentRequest.client_id)
                .where(ReassignmentRequest.status == "pending")
                .order_by(ReassignmentRequest.id)
            ).all()
        )
    try:
        for req_id, client_id in pending:
            if not _pause(rng, think, stop_at):
                break
            if rec.timed("approve request", reassignment.approve_request, store, actor, req_id) is not None:
                with rec.lock:
                    rec.approved.append((req_id, str(client_id)))
    finally:
        session.end()
        store.dispose()


def importer(url: str, n_clients: int, today: date, think: float, stop_at: float, rec: Recorder) -> None:
    from crm_desktop.db.store import open_store
    from crm_desktop.services import importing
    from crm_desktop.services.auth import login

    rng = random.Random(-2)
    store = open_store(url, upgrade=False)
    actor = login(store, "bm", PASSWORD, workstation="bench-import")
    batch = int(time.time()) % 10_000 * 10  # fresh trade numbers on a re-run over a kept schema
    with tempfile.TemporaryDirectory() as tmp:
        try:
            while _pause(rng, think, stop_at):
                path = Path(tmp) / f"trades-{batch}.csv"
                trades_file(path, batch, n_clients, today)
                done = rec.timed(
                    "import 5,000 trades",
                    importing.run_import,
                    store,
                    actor,
                    "trades",
                    path,
                    report_path=Path(tmp) / "r.csv",
                )
                if done is not None:
                    with rec.lock:
                        rec.imported.append(batch)
                batch += 1
        finally:
            store.dispose()


def worker(
    url: str, roles: list[Any], think: float, stop_at: float, n_clients: int, today: date, out: Any
) -> None:
    rec = Recorder()
    pool: dict[str, int] = {}
    threads = []
    for role in roles:
        if role == "bm":
            target: Any = branch_manager
            args: tuple[Any, ...] = (url, think, stop_at, rec)
        elif role == "import":
            target, args = importer, (url, n_clients, today, think, stop_at, rec)
        else:
            target, args = workstation, (url, role, think, stop_at, rec, pool)

        def run(target: Any = target, args: tuple[Any, ...] = args, role: Any = role) -> None:
            try:
                target(*args)
            except Exception:
                with rec.lock:
                    rec.errors.append((f"thread {role}", traceback.format_exc(limit=3)[-400:]))

        t = threading.Thread(target=run, daemon=True)
        t.start()
        threads.append(t)
    for t in threads:
        t.join(timeout=max(0.0, stop_at - time.time()) + 300)
    out.put((rec.samples, rec.errors, rec.touches, rec.approved, rec.imported))


# ----------------------------------------------------------------------------------------------- report


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def consistency(
    url: str,
    touches: list[tuple[int, int, str]],
    approved: list[tuple[int, str]],
    imported: list[int],
    before: dict[str, int],
) -> list[tuple[str, bool, str]]:
    from crm_desktop.db.models import Client, ReassignmentRequest, ServiceTask, Touch, Trade

    engine = create_engine(url)
    checks: list[tuple[str, bool, str]] = []
    told = [t for t, _task, _m in touches]
    with engine.connect() as c:
        rows = c.execute(
            select(Touch.id, Touch.task_id).where(Touch.id > before["touch"], Touch.touch_type != "handover")
        ).all()
        stored = Counter(r.id for r in rows)
        missing = [t for t in told if t not in stored]
        extra = [t for t in stored if t not in set(told)]
        checks.append(
            (
                "every touch reported saved is stored once, none stored unreported",
                not missing and not extra and len(told) == len(set(told)),
                f"{len(told):,} reported, {len(rows):,} stored, {len(missing)} missing, {len(extra)} unreported",
            )
        )
        by_task = Counter(r.task_id for r in rows)
        twice = [t for t, n in by_task.items() if n > 1]
        tasks = {
            r.id: r
            for r in c.execute(
                select(
                    ServiceTask.id, ServiceTask.status, ServiceTask.completed_touch_id, ServiceTask.version
                ).where(ServiceTask.id.in_([t for _x, t, _m in touches] or [0]))
            ).all()
        }
        wrong = [
            task
            for tid, task, _m in touches
            if tasks.get(task) is None
            or tasks[task].status != "done"
            or tasks[task].completed_touch_id != tid
            or tasks[task].version != 2
        ]
        checks.append(
            (
                "every task a touch closed is done once, by that touch",
                not wrong and not twice,
                f"{len(tasks):,} tasks, {len(wrong)} not closed exactly once by their touch, "
                f"{len(twice)} with two touches",
            )
        )
        done_now = c.scalar(select(func.count()).select_from(ServiceTask).where(ServiceTask.status == "done"))
        checks.append(
            (
                "no task closed that no reported touch closed",
                done_now == before["done"] + len(told),
                f"{done_now - before['done']:,} closed in the run, {len(told):,} touches reported",
            )
        )
        moved = c.execute(
            select(
                ReassignmentRequest.id,
                ReassignmentRequest.status,
                ReassignmentRequest.to_manager_id,
                Client.manager_id,
            )
            .join(Client, Client.id == ReassignmentRequest.client_id)
            .where(ReassignmentRequest.id.in_([r for r, _c in approved] or [0]))
        ).all()
        bad = [m.id for m in moved if m.status != "approved" or m.to_manager_id != m.manager_id]
        checks.append(
            (
                "every approved request moved its client",
                not bad and len(moved) == len(approved),
                f"{len(approved)} approved, {len(bad)} not applied",
            )
        )
        trades = c.scalar(select(func.count()).select_from(Trade)) - before["trades"]
        checks.append(
            (
                "every imported trade row stored once",
                trades == len(imported) * IMPORT_ROWS,
                f"{len(imported)} imports committed, {trades:,} new trade rows",
            )
        )
    engine.dispose()
    return checks


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workstations", type=int, default=50)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--think-seconds", type=float, default=3.0)
    ap.add_argument("--clients", type=int, default=100_000)
    ap.add_argument("--managers", type=int, default=200)
    ap.add_argument("--procs", type=int, default=2, help="processes the workstation threads are spread over")
    ap.add_argument("--schema", help="reuse this schema (left by --keep) instead of building a new one")
    ap.add_argument("--keep", action="store_true", help="keep the schema afterwards (for --schema)")
    args = ap.parse_args()
    if args.workstations > args.managers - 51:
        ap.error(
            f"--workstations at most {args.managers - 51} (the last 50 managers are the approvals' pool, "
            "the one before them the reference)"
        )
    from crm_desktop.db.models import ServiceTask, Touch, Trade

    today = date.today()
    admin = create_engine(PG_URL)
    schema = args.schema or "bench_ws_" + uuid.uuid4().hex[:10]
    url = schema_url(schema)
    # The store seals personal data; a server-style key file per schema (no desktop keyring here).
    os.environ.setdefault(
        "CRM_PII_KEY_FILE", str(Path(tempfile.gettempdir()) / "bench-ws-keys" / f"{schema}.key")
    )
    print(
        f"PostgreSQL {PG_URL.split('@')[-1]} schema {schema}; load before: {load()} on {os.cpu_count()} cores"
    )
    with admin.connect() as c:
        settings = {
            k: c.execute(text(f"SHOW {k}")).scalar()
            for k in ("max_connections", "shared_buffers", "work_mem", "synchronous_commit", "server_version")
        }
    print("server: " + ", ".join(f"{k} {v}" for k, v in settings.items()))
    try:
        if not args.schema:
            with admin.begin() as c:
                c.execute(text(f'CREATE SCHEMA "{schema}"'))
            t0 = time.perf_counter()
            with tempfile.TemporaryDirectory() as tmp:
                build(url, args.clients, args.managers, today, Path(tmp))
            print(
                f"built {args.clients:,} clients / {args.clients:,} open tasks in {time.perf_counter() - t0:.0f} s"
            )
        reference = alone(url, f"im{args.managers - 51:03d}")
        print(
            "reference, one workstation alone (medians of rounds 2–6, no think time): "
            + ", ".join(f"{k} {v:.0f} ms" for k, v in reference.items())
            + f"; load {load()}"
        )
        probe = create_engine(url)
        with probe.connect() as c:
            before = {
                "touch": c.scalar(select(func.coalesce(func.max(Touch.id), 0))),
                "done": c.scalar(
                    select(func.count()).select_from(ServiceTask).where(ServiceTask.status == "done")
                ),
                "trades": c.scalar(select(func.count()).select_from(Trade)),
            }
        probe.dispose()

        roles: list[list[Any]] = [[] for _ in range(args.procs)]
        for i in range(args.workstations):
            roles[i % args.procs].append(i)
        roles.append(["bm", "import"])
        ctx = mp.get_context("spawn")
        out = ctx.Queue()
        start = time.time() + 5  # the processes start and import before the clock runs
        stop_at = start + args.minutes * 60
        procs = [
            ctx.Process(
                target=worker,
                args=(url, r, args.think_seconds, stop_at, args.clients, today, out),
                daemon=True,
            )
            for r in roles
        ]
        for p in procs:
            p.start()
        loads = []
        while time.time() < stop_at:
            time.sleep(min(15.0, max(0.0, stop_at - time.time())))
            loads.append(os.getloadavg()[0])
            with admin.connect() as c:
                conns = c.scalar(
                    text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
                )
            print(
                f"  {time.strftime('%H:%M:%S')}  load {load()}  connections to the database {conns}",
                flush=True,
            )
        results = [out.get(timeout=900) for _ in procs]
        for p in procs:
            p.join(timeout=60)
        samples: dict[str, list[float]] = defaultdict(list)
        errors: list[tuple[str, str]] = []
        touches: list[tuple[int, int, str]] = []
        approved: list[tuple[int, str]] = []
        imported: list[int] = []
        for s, e, t, a, im in results:
            for action, ms in s:
                samples[action].append(ms)
            errors += e
            touches += t
            approved += a
            imported += im
        err_by = Counter(a for a, _m in errors)
        print()
        print(
            f"{args.workstations} workstations for {args.minutes:g} min, think {args.think_seconds:g} s (±50 %), "
            f"{args.clients:,} clients; load average (1 min) during the run "
            f"{min(loads):.1f}–{max(loads):.1f}, median {statistics.median(loads):.1f}, on {os.cpu_count()} cores "
            "shared with other work"
        )
        print(
            f"{'action':22s} {'count':>7s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s} {'errors':>7s} "
            f"{'alone':>7s} {'p50 ×':>6s}  goal p95 ≤ 150 ms"
        )
        for action in ACTIONS:
            v = samples.get(action, [])
            if v:
                p50, p95, p99 = (percentile(v, p) for p in (50, 95, 99))
                mark = "✔" if p95 <= 150 else "✘"
                ref = reference.get(action)
                vs = f"{ref:7.0f} {p50 / ref:6.1f}" if ref else f"{'—':>7s} {'—':>6s}"
                print(
                    f"{action:22s} {len(v):7,d} {p50:8.0f} {p95:8.0f} {p99:8.0f} {err_by.get(action, 0):7d} "
                    f"{vs}  {mark}"
                )
            else:
                print(f"{action:22s} {0:7d} {'not enough data':>26s} {err_by.get(action, 0):7d}")
        if errors:
            print(f"\nerrors ({len(errors)}):")
            for (action, msg), n in Counter(errors).most_common(10):
                print(f"  {n:5d} × {action}: {msg}")
        print("\nconsistency:")
        ok = True
        for label, good, detail in consistency(url, touches, approved, imported, before):
            ok = ok and good
            print(f"  {'✔' if good else '✘'} {label}: {detail}")
        print(f"\nload after: {load()}")
        return 0 if ok and not errors else 1
    finally:
        if not args.keep:
            with admin.begin() as c:
                c.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        else:
            print(f"schema kept: --schema {schema}")
        admin.dispose()


if __name__ == "__main__":
    sys.exit(main())
