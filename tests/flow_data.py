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

Flow (by servicing manager), November:
  im1: new 1, in 1, closed 1, out 0, regained 1, inflow 150,000.50, outflow 30,000.00, net 120,000.50
  im2: new 0, in 0, closed 0, out 1, regained 0, inflow 1,000.00, outflow 80,000.00, net -79,000.00
  *  : new 1, in 1, closed 1, out 1, regained 1, inflow 151,000.50, outflow 110,000.00, net 41,000.50
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from crm_desktop.db.models import AssetSnapshot
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
