"""Campaign benchmark: building a target list over a 100,000-client branch, and launching 10,000 tasks.

    .venv/bin/python benchmarks/bench_campaigns.py [--clients 100000] [--managers 200]
                                                   [--backend sqlite|pg|both] [--runs 5]

Builds a synthetic branch straight into a fresh store (SQLite file in a temp dir, and/or a fresh schema
on CRM_TEST_PG_URL): clients over managers, one finished score run (grades V5 2 %, V4 8 %, V3 20 %,
V2 30 %, V1 40 %), a risk assessment per client (C1..C5, some lowest category, some expired, a few
professional), 3 % opted out of marketing, 1 % closed, ChiNext permission for a fifth. Then times
(medians of --runs, each on a new campaign):

- ``create_campaign`` over the whole book with an R3 product (goal <= 2 s),
- ``launch`` of a campaign targeting about 10,000 clients (grade>=V4; goal <= 5 s),

and, as the reference measured in the same run, ``load_book`` for the branch manager: the ratios say
how the campaign work compares with loading the client book on this machine at this moment.
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

from sqlalchemy import create_engine, func, insert, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from crm_desktop.clock import FixedClock, set_clock  # noqa: E402
from crm_desktop.db.models import (  # noqa: E402
    Client,
    ClientScore,
    MarketingConsent,
    Product,
    RiskProfile,
    ScoreRun,
    ServiceTask,
    Staff,
    TradingPermission,
)
from crm_desktop.db.store import Store, open_store  # noqa: E402
from crm_desktop.services import campaigns, client_book, staff  # noqa: E402
from crm_desktop.services.auth import Actor, login  # noqa: E402

PG_URL = os.environ.get("CRM_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
AS_OF = date(2026, 6, 17)
PASSWORD = "bench-pw"
GRADES = [("V5", 0.02), ("V4", 0.08), ("V3", 0.20), ("V2", 0.30), ("V1", 0.40)]


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f} on {os.cpu_count()} cores"


def _batches(rows: list[dict[str, Any]], size: int = 10_000) -> Any:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def build(store: Store, n_clients: int, n_managers: int) -> Actor:
    rng = random.Random(20261205)
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
                "phone": f"139{i:08d}",
                "open_date": opened,
                "assigned_on": opened,
                "risk_level": f"C{rng.randint(1, 5)}",
                "risk_assessed_on": AS_OF - timedelta(days=rng.randint(0, 900)),
                "status": "closed" if rng.random() < 0.01 else "active",
                "branch_id": 1,
                "manager_id": ids[i % len(ids)],
            }
        )
    with store.transaction() as s:
        for part in _batches(clients):
            s.execute(insert(Client), part)
        rows = s.execute(
            select(Client.id, Client.risk_level, Client.risk_assessed_on).order_by(Client.id)
        ).all()
        run = ScoreRun(
            as_of=AS_OF,
            engine_version="bench",
            config_hash="0" * 64,
            config_text="",
            finished_at=datetime.now(UTC),
            client_count=len(rows),
        )
        s.add(run)
        s.flush()
        scores, profiles, consent, perms = [], [], [], []
        for cid, level, assessed in rows:
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
                    "lowest_category": level == "C1" and rng.random() < 0.3,
                    "assessed_on": assessed,
                    "valid_until": assessed + timedelta(days=730 if rng.random() < 0.95 else 100),
                    "investor_class": "professional" if rng.random() < 0.02 else "ordinary",
                }
            )
            if rng.random() < 0.03:
                consent.append({"client_id": cid, "allowed": False, "since": AS_OF, "source": "import"})
            if rng.random() < 0.2:
                perms.append({"client_id": cid, "permission": "chinext", "opened_on": date(2021, 1, 4)})
        for table, data in ((ClientScore, scores), (RiskProfile, profiles), (MarketingConsent, consent)):
            for part in _batches(data):
                s.execute(insert(table), part)
        for part in _batches(perms):
            s.execute(insert(TradingPermission), part)
        s.add(Product(code="WM001", name="稳盈一号", product_type="wealth", risk_rating="R3"))
    return login(store, "bm", PASSWORD)


def median(fn: Callable[[], Any], runs: int, before: Callable[[], Any] | None = None) -> tuple[float, Any]:
    times, last = [], None
    for _ in range(runs):
        arg = before() if before else None
        t = time.perf_counter()
        last = fn() if arg is None else fn(arg)
        times.append(time.perf_counter() - t)
    return statistics.median(times), last


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
                        "ANALYZE client, client_score, score_run, risk_profile, marketing_consent, "
                        "trading_permission, campaign_target, service_task"
                    )
                )
        ref, book = median(lambda: client_book.load_book(store, bm, today=AS_OF), runs)
        print(
            f"[{label}] reference: load_book of {len(book.frame):,} clients, median {ref:.2f} s  [{load()}]"
        )
        start, end = AS_OF, AS_OF + timedelta(days=30)
        build_s, summary = median(
            lambda: campaigns.create_campaign(
                store,
                bm,
                name="全量",
                product="WM001",
                filter_text="",
                start=start,
                end=end,
                contact_cap=31,
                today=AS_OF,
            ),
            runs,
        )
        print(
            f"[{label}] target list over the whole book: median {build_s:.2f} s "
            f"({summary.targeted:,} targeted, excluded {summary.excluded}); goal <= 2 s; "
            f"ratio to load_book {build_s / ref:.2f}  [{load()}]"
        )

        def fresh() -> int:
            return campaigns.create_campaign(
                store,
                bm,
                name="高等级",
                filter_text="grade>=V4",
                start=start,
                end=end,
                contact_cap=31,
                today=AS_OF,
            ).campaign_id

        launch_s, launched = median(lambda cid: campaigns.launch(store, bm, cid, today=AS_OF), runs, fresh)
        again_s, again = median(lambda: campaigns.launch(store, bm, launched.campaign_id, today=AS_OF), 1)
        with store.read() as s:
            total = s.scalar(select(func.count()).where(ServiceTask.source == "campaign"))
        print(
            f"[{label}] launch: median {launch_s:.2f} s for {launched.created:,} tasks; goal <= 5 s; "
            f"ratio to load_book {launch_s / ref:.2f}; relaunch {again_s:.2f} s, {again.created} created; "
            f"{total:,} campaign tasks in the store  [{load()}]"
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
    set_clock(FixedClock(AS_OF))
    print(f"start: {load()}")
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            bench(
                "sqlite",
                f"sqlite:///{Path(tmp) / 'bench-campaigns.sqlite3'}",
                args.clients,
                args.managers,
                args.runs,
            )
    if args.backend in ("pg", "both"):
        schema = "bench_" + uuid.uuid4().hex[:10]
        admin = create_engine(PG_URL)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
        try:
            bench("pg", url.render_as_string(hide_password=False), args.clients, args.managers, args.runs)
        finally:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
