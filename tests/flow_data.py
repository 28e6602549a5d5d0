"""A small hand-computed branch for the flow and performance figures (issue #17).

November 2026 on the seeded branch (im1 serves 001000-001003, im2 001004-001005):

===========  ==================================================  =========================
client       events (via ``crm import account-events``)          net inflow in November
===========  ==================================================  =========================
001000 im1   opened 11-03                                        +100,000.00 (11-03)
001001 im1   transferred_in 11-05                                +50,000.50 (11-05)
001002 im1   closed 11-10                                        -30,000.00 (11-10)
001003 im1   transferred_out 08-01, transferred_in 11-20 (back)  -
001004 im2   transferred_out 11-15 (to 某某证券)                  +1,000.00 (11-02), -80,000.00 (11-15)
001005 im2   opened 10-01, bank_changed 11-12                    +999.00 on 10-30 (outside)
===========  ==================================================  =========================

Performance (``build_performance`` adds): 001000 is developed by im2 and served by im1, shares im2 0.3 /
im1 0.7 (approved request); commission 100.00 on 001000 and 50.00 on 001004 in November (20.00 on 001001
in October); im1's tasks due 11-10 (done 11-09) and 11-20 (done 11-25), plus the import's reason tasks
(001002 due 11-17, 001004 due 11-22, still open on 12-01); call-backs about im1 rated 4 and 5 in November
(im2 rated 1 in October); one complaint about im2 in November (one about im1 in October).

  im1: new 0, net new 0.7*100,000 + 50,000.50 - 30,000 = 90,000.50, commission 70.00, lost 1,
       regained 1, on time 1 of 3 = 0.3333, satisfaction 4.50, complaints 0
  im2: new 1 (developed 001000), net new 30,000 + 1,000 - 80,000 = -49,000.00, commission 30.00 + 50.00
       = 80.00, lost 1, regained 0, on time 0 of 1 = 0.0000, satisfaction none (empty), complaints 1

Flow (by servicing manager), November:
  im1: new 1, in 1, closed 1, out 0, regained 1, inflow 150,000.50, outflow 30,000.00, net 120,000.50
  im2: new 0, in 0, closed 0, out 1, regained 0, inflow 1,000.00, outflow 80,000.00, net -79,000.00
  *  : new 1, in 1, closed 1, out 1, regained 1, inflow 151,000.50, outflow 110,000.00, net 41,000.50
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from crm_desktop.db.models import (
    AssetSnapshot,
    CallbackItem,
    CallbackRecord,
    Complaint,
    Security,
    ServiceTask,
    Staff,
    Trade,
)
from crm_desktop.services import relations
from crm_desktop.services.importing import run_import
from tests.factories import Seed
from tests.importing.samples import write_csv

START, END = date(2026, 11, 1), date(2026, 11, 30)

EVENTS = [
    ["001000", "开户", "2026-11-03", ""],
    ["001001", "转入", "2026-11-05", "另一证券"],
    ["001002", "销户", "2026-11-10", ""],
    ["001003", "转托管转出", "2026-08-01", "某某证券"],
    ["001003", "transferred_in", "2026-11-20", "某某证券"],
    ["001004", "撤销指定", "2026-11-15", "某某证券"],
    ["001005", "opened", "2026-10-01", ""],
    ["001005", "三方存管变更", "2026-11-12", ""],
]

INFLOWS = [
    ("001000", date(2026, 11, 3), "100000.00"),
    ("001001", date(2026, 11, 5), "50000.50"),
    ("001002", date(2026, 11, 10), "-30000.00"),
    ("001004", date(2026, 11, 2), "1000.00"),
    ("001004", date(2026, 11, 15), "-80000.00"),
    ("001005", date(2026, 10, 30), "999.00"),
]

FLOW_CSV = [
    [
        "manager_login",
        "new_accounts",
        "transfers_in",
        "closed",
        "transferred_out",
        "regained",
        "asset_inflow",
        "asset_outflow",
        "net_flow",
    ],
    ["im1", "1", "1", "1", "0", "1", "150000.50", "30000.00", "120000.50"],
    ["im2", "0", "0", "0", "1", "0", "1000.00", "80000.00", "-79000.00"],
    ["*", "1", "1", "1", "1", "1", "151000.50", "110000.00", "41000.50"],
]


def build_flow(seed: Seed, tmp: Path) -> None:
    run_import(
        seed.store,
        seed.bm,
        "account-events",
        write_csv(tmp / "events.csv", ["客户号", "事件", "日期", "对方券商"], EVENTS),
    )
    with seed.store.transaction() as s:
        for no, day, amount in INFLOWS:
            s.add(
                AssetSnapshot(
                    client_id=seed.clients[no],
                    date=day,
                    cash=Decimal("1000.00"),
                    securities_value=Decimal("0.00"),
                    total_assets=Decimal("1000.00"),
                    net_inflow=Decimal(amount),
                )
            )


PERFORMANCE_CSV = [
    [
        "manager_login",
        "new_accounts",
        "net_new_assets",
        "commission",
        "products_amount",
        "lost",
        "regained",
        "on_time_rate",
        "callback_satisfaction",
        "complaints",
    ],
    ["im1", "0", "90000.50", "70.00", "", "1", "1", "0.3333", "4.50", "0"],
    ["im2", "1", "-49000.00", "80.00", "", "1", "0", "0.0000", "", "1"],
]


def _at(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 6, 0, tzinfo=UTC)


def build_performance(seed: Seed, tmp: Path) -> None:
    build_flow(seed, tmp)
    rid = relations.request_relationship(
        seed.store, seed.im1, "001000", "im2", "im1", relations.parse_shares("im2=0.3,im1=0.7")
    )
    relations.decide_request(seed.store, seed.bm, rid, True)
    c = seed.clients
    with seed.store.transaction() as s:
        officer = Staff(login="cb1", display_name="回访员", role="callback_officer", branch_id=seed.branch_id)
        s.add(officer)
        s.add(Security(code="600000", name="浦发银行"))
        s.flush()
        for i, (no, day, commission) in enumerate(
            [
                ("001000", date(2026, 11, 4), "100.00"),
                ("001004", date(2026, 11, 6), "50.00"),
                ("001001", date(2026, 10, 31), "20.00"),
            ]
        ):
            s.add(
                Trade(
                    trade_id=f"T{i}",
                    trade_date=day,
                    client_id=c[no],
                    code="600000",
                    side="buy",
                    quantity=Decimal("100"),
                    price=Decimal("10"),
                    amount=Decimal("1000.00"),
                    commission=Decimal(commission),
                )
            )
        for i, (due, done) in enumerate(
            [(date(2026, 11, 10), _at(2026, 11, 9)), (date(2026, 11, 20), _at(2026, 11, 25))]
        ):
            s.add(
                ServiceTask(
                    client_id=c["001001"],
                    manager_id=seed.im1.id,
                    task_type="phone_call",
                    source="recurring",
                    due_date=due,
                    status="done",
                    dedupe_key=f"perf:{i}",
                    completed_at=done,
                )
            )
        for i, (no, mid, at, sat) in enumerate(
            [
                ("001000", seed.im1.id, _at(2026, 11, 10), 4),
                ("001001", seed.im1.id, _at(2026, 11, 20), 5),
                ("001005", seed.im2.id, _at(2026, 10, 20), 1),
            ]
        ):
            item = CallbackItem(
                client_id=c[no],
                branch_id=seed.branch_id,
                manager_id=mid,
                reason="sample",
                due_date=at.date(),
                status="done",
                dedupe_key=f"perf-cb:{i}",
            )
            s.add(item)
            s.flush()
            s.add(
                CallbackRecord(
                    item_id=item.id,
                    client_id=c[no],
                    officer_id=officer.id,
                    manager_id=mid,
                    outcome="reached",
                    satisfaction=sat,
                    occurred_at=at,
                )
            )
        for no, mid, at in [
            ("001005", seed.im2.id, _at(2026, 11, 18)),
            ("001000", seed.im1.id, _at(2026, 10, 18)),
        ]:
            s.add(
                Complaint(
                    client_id=c[no],
                    branch_id=seed.branch_id,
                    received_at=at,
                    channel="phone",
                    category="service",
                    summary="服务态度",
                    registered_by_id=seed.bm.id,
                    about_manager_id=mid,
                    acknowledge_by=at.date(),
                    due_date=at.date(),
                )
            )
