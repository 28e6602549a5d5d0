"""Demo data: determinism, consistency of the account history, and the plausibility the other areas rely on."""

from __future__ import annotations

import csv
import hashlib
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import func, select, text

from crm_desktop.db.models import (
    AssetSnapshot,
    AssignmentHistory,
    AuditLog,
    Branch,
    Client,
    Holding,
    Security,
    Staff,
    Touch,
    Trade,
)
from crm_desktop.db.store import Store, open_store
from crm_desktop.demo import generator as demo
from crm_desktop.demo.market import is_trading_day, month_end_indices, trading_days
from crm_desktop.demo.people import id_check_digit, uscc_check_char
from crm_desktop.domain import trading_costs as tc
from crm_desktop.domain.vocabulary import Qualification
from crm_desktop.errors import Cancelled, Conflict, InvalidInput
from crm_desktop.paths import resource
from crm_desktop.services import staff
from crm_desktop.services.auth import login
from tests.fixed_clock import TODAY
from tests.progress_helpers import Recorder, cancelled

AS_OF = date(2025, 12, 31)
N = 300


def _load(store: Store, clients: int = N, seed: int = 7) -> demo.DemoResult:
    return demo.generate_demo(store, clients=clients, seed=seed, as_of=AS_OF)


def _digest(store: Store) -> dict[str, str]:
    """Order-independent fingerprint of every demo table, from values as the ORM reads them."""
    out = {}
    queries = {
        "client": select(
            Client.client_no,
            Client.name,
            Client.client_type,
            Client.id_number,
            Client.phone,
            Client.email,
            Client.birth_date,
            Client.open_date,
            Client.risk_level,
            Client.risk_assessed_on,
            Client.status,
            Client.created_at,
        ),
        "snapshot": select(
            AssetSnapshot.client_id,
            AssetSnapshot.date,
            AssetSnapshot.cash,
            AssetSnapshot.securities_value,
            AssetSnapshot.total_assets,
            AssetSnapshot.net_inflow,
        ),
        "trade": select(
            Trade.trade_id,
            Trade.trade_date,
            Trade.client_id,
            Trade.code,
            Trade.side,
            Trade.quantity,
            Trade.price,
            Trade.amount,
            Trade.commission,
        ),
        "holding": select(
            Holding.client_id,
            Holding.date,
            Holding.code,
            Holding.quantity,
            Holding.cost,
            Holding.market_value,
        ),
        "touch": select(
            Touch.client_id,
            Touch.touch_type,
            Touch.channel,
            Touch.occurred_at,
            Touch.summary,
            Touch.satisfaction,
            Touch.checklist,
        ),
        "staff": select(Staff.login, Staff.display_name, Staff.role, Staff.hire_date, Staff.qualifications),
    }
    with store.read() as s:
        for name, q in queries.items():
            rows = sorted(repr(tuple(r)) for r in s.execute(q))
            out[name] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return out


# ---- determinism ------------------------------------------------------------------------------------


def test_same_seed_same_data_on_both_backends(sqlite_store: Store, pg_store: Store, tmp_path: Path) -> None:
    a = _load(sqlite_store)
    b = _load(pg_store)
    assert (a.snapshots, a.trades, a.holdings, a.touches) == (b.snapshots, b.trades, b.holdings, b.touches)
    assert _digest(sqlite_store) == _digest(pg_store)
    other = open_store(f"sqlite:///{tmp_path / 'other.sqlite3'}", upgrade=True)
    try:
        _load(other, seed=8)
        da, dc = _digest(sqlite_store), _digest(other)
        assert da["snapshot"] != dc["snapshot"] and da["client"] != dc["client"]
    finally:
        other.dispose()


# ---- the data itself (both backends) ---------------------------------------------------------------


def test_account_history_is_consistent(store: Store) -> None:
    result = _load(store)
    assert result.clients == N and result.as_of == AS_OF
    with store.read() as s:
        snaps = s.execute(select(AssetSnapshot)).scalars().all()
        trades = s.execute(select(Trade).order_by(Trade.trade_date, Trade.id)).scalars().all()
        holdings = s.execute(select(Holding)).scalars().all()
    assert (
        len(snaps) == result.snapshots and len(trades) == result.trades and len(holdings) == result.holdings
    )

    days = {x.date for x in snaps}
    assert max(days) == AS_OF and min(days) >= AS_OF - timedelta(days=364)
    assert all(is_trading_day(d) for d in days)
    assert date(2025, 10, 1) not in days and date(2025, 10, 9) in days  # National Day closure
    assert 235 <= len(days) <= 250

    for x in snaps:
        assert x.cash + x.securities_value == x.total_assets
        assert x.cash >= 0 and x.securities_value >= 0
        assert x.cash == x.cash.quantize(Decimal("0.01"))
    assert sum(1 for x in snaps if x.net_inflow != 0) > N  # transfers happen, but on few days
    assert sum(1 for x in snaps if x.net_inflow != 0) < len(snaps) * 0.05

    for t in trades:
        assert t.quantity % 100 == 0 and t.quantity > 0
        assert t.amount == (t.quantity * t.price).quantize(Decimal("0.01"))
        # 万1-万3 of the amount; at least 5 yuan unless the client's minimum is waived
        if t.commission != Decimal("5.00"):
            assert Decimal("0.0001") * t.amount - Decimal("0.01") <= t.commission
            assert t.commission <= Decimal("0.0003") * t.amount + Decimal("0.01")
    assert len({(t.trade_date, t.trade_id) for t in trades}) == len(trades)

    # month-end holdings: quantity = cumulative buys - sells; market values add up to the snapshot
    net: dict[tuple[int, str], list[tuple[date, Decimal]]] = defaultdict(list)
    for t in trades:
        net[(t.client_id, t.code)].append((t.trade_date, t.quantity if t.side == "buy" else -t.quantity))
    hold_dates = set()
    by_day: dict[tuple[int, date], Decimal] = defaultdict(Decimal)
    for h in holdings:
        cum = sum((q for d, q in net[(h.client_id, h.code)] if d <= h.date), Decimal(0))
        assert cum == h.quantity > 0
        assert h.cost > 0 and h.market_value > 0
        hold_dates.add(h.date)
        by_day[(h.client_id, h.date)] += h.market_value
    ordered = sorted(days)
    assert hold_dates == {ordered[i] for i in month_end_indices(ordered)}
    assert len(hold_dates) == 12 and AS_OF in hold_dates
    snap_sv = {(x.client_id, x.date): x.securities_value for x in snaps}
    for key, mv in by_day.items():
        assert snap_sv[key] == mv
    for (c, d), sv in snap_sv.items():
        if d in hold_dates:
            assert sv == by_day.get((c, d), Decimal(0))
    # cash moves only with trades and transfers
    # (stamp duty on sells and the transfer fee leave the cash as well: the pure cost helper gives them)
    trade_cash: dict[tuple[int, date], Decimal] = defaultdict(Decimal)
    for t in trades:
        amt = np.array([int(t.amount * 100)])
        sell = t.side == "sell"
        fen = tc.stamp_duty(amt, np.array([sell]), t.trade_date) + tc.transfer_fee(
            amt, np.array([int(t.quantity)]), tc.is_shanghai([t.code]), t.trade_date
        )
        fee = Decimal(int(fen[0])) / 100
        trade_cash[(t.client_id, t.trade_date)] += (
            t.amount - t.commission - fee if sell else -(t.amount + t.commission + fee)
        )
    series: dict[int, list[AssetSnapshot]] = defaultdict(list)
    for x in sorted(snaps, key=lambda x: (x.client_id, x.date)):
        series[x.client_id].append(x)
    for c, rows in series.items():
        for prev, cur in pairwise(rows):
            assert cur.cash == prev.cash + cur.net_inflow + trade_cash.get((c, cur.date), Decimal(0))


def test_population_is_plausible(store: Store) -> None:
    _load(store)
    with store.read() as s:
        clients = s.execute(select(Client)).scalars().all()
        avg: dict[int, Decimal] = dict(
            s.execute(
                select(AssetSnapshot.client_id, func.avg(AssetSnapshot.total_assets)).group_by(
                    AssetSnapshot.client_id
                )
            ).all()
        )
        commission = dict(
            s.execute(select(Trade.client_id, func.sum(Trade.commission)).group_by(Trade.client_id)).all()
        )
        managers = s.execute(select(Staff).where(Staff.role == "investment_manager")).scalars().all()
        roles = sorted(s.execute(select(Staff.role)).scalars())
        branch = s.execute(select(Branch)).scalar_one()
        history = s.scalar(select(func.count()).select_from(AssignmentHistory))
    assert branch.code == demo.BRANCH_CODE and "营业部" in branch.name and branch.phone
    assert roles.count("admin") == 1 and roles.count("branch_manager") == 1
    assert len(managers) == demo.manager_count(N) == 2
    assert len({m.hire_date for m in managers}) == len(managers)
    for m in managers:
        assert m.qualifications and set(m.qualifications) <= {q.value for q in Qualification}
    assert history == N
    assert {c.manager_id for c in clients} == {m.id for m in managers}

    # every grade appears (avg assets or 12-month commission over the V2..V5 thresholds), 80/20-ish
    values = sorted((float(v) for v in avg.values()), reverse=True)
    assert values[0] >= 10_000_000 and sum(1 for v in values if v < 200_000) > N * 0.4
    for lo, hi in ((200_000, 1_000_000), (1_000_000, 3_000_000), (3_000_000, 10_000_000)):
        assert any(lo <= v < hi for v in values)
    top = sum(values[: len(values) // 5]) / sum(values)
    assert 0.7 <= top <= 0.97
    assert max(commission.values()) > 2_000

    statuses = {c.status for c in clients}
    assert statuses == {"active", "dormant", "closed"}
    assert sum(c.status == "active" for c in clients) > N * 0.7  # ~17 % dormant, ~3 % closed
    assert {c.risk_level for c in clients} >= {"C1", "C2", "C3", "C4", "C5"}
    assert any(c.open_date > AS_OF - timedelta(days=180) for c in clients)
    assert any(c.risk_assessed_on and c.risk_assessed_on < AS_OF - timedelta(days=730) for c in clients)
    assert min(c.open_date for c in clients) < date(2012, 1, 1)
    assert {c.client_type for c in clients} == {"individual", "institution"}
    assert len({c.client_no for c in clients}) == N
    for c in clients:
        assert len(c.client_no) == 12 and c.client_no.isdigit()
        assert c.phone and len(c.phone) == 11 and c.phone.startswith("1")
        assert c.risk_assessed_on is None or c.risk_assessed_on >= c.open_date
        if c.client_type == "individual":
            assert 2 <= len(c.name) <= 3 and all("\u4e00" <= ch <= "\u9fff" for ch in c.name)
            assert c.id_number and len(c.id_number) == 18
            assert c.id_number[17] == id_check_digit(c.id_number[:17])
            assert c.birth_date and c.id_number[6:14] == c.birth_date.strftime("%Y%m%d")
            assert (c.open_date - c.birth_date).days >= 18 * 365
        else:
            assert c.name.endswith(("公司", "（有限合伙）")) and c.birth_date is None
            assert c.id_number and c.id_number[17] == uscc_check_char(c.id_number[:17])


def test_behaviour_the_scores_need(store: Store) -> None:
    _load(store, clients=600)
    with store.read() as s:
        sec = {x.code: x for x in s.execute(select(Security)).scalars()}
        clients = {c.id: c for c in s.execute(select(Client)).scalars()}
        trades = s.execute(select(Trade)).scalars().all()
        snaps = s.execute(select(AssetSnapshot)).scalars().all()
        holdings = s.execute(select(Holding).where(Holding.date == AS_OF)).scalars().all()
        touches = s.execute(select(Touch)).scalars().all()
    # new listings were bought within a year of listing
    listed = {code: x.list_date for code, x in sec.items() if x.list_date is not None}
    assert any(t.side == "buy" and (t.trade_date - listed[t.code]).days < 365 for t in trades)
    # churn: outflow of at least 30 % of assets within the last 90 days
    cut = AS_OF - timedelta(days=90)
    a90: dict[int, Decimal] = {}
    out90: dict[int, Decimal] = defaultdict(Decimal)
    for x in sorted(snaps, key=lambda x: x.date):
        if x.date <= cut:
            a90[x.client_id] = x.total_assets
        else:
            out90[x.client_id] -= x.net_inflow
    churners = [c for c, a in a90.items() if a > 0 and out90[c] >= Decimal("0.3") * a]
    assert len(churners) >= 5
    # growth-board-heavy books held by clients who declared a low risk level (suitability mismatch)
    value: dict[int, Decimal] = defaultdict(Decimal)
    growth: dict[int, Decimal] = defaultdict(Decimal)
    for h in holdings:
        value[h.client_id] += h.market_value
        if sec[h.code].board in ("chinext", "star", "bse"):
            growth[h.client_id] += h.market_value
    heavy = [c for c in value if growth[c] >= value[c] / 2]
    assert heavy and any(clients[c].risk_level in ("C1", "C2", "C3") for c in heavy)
    # FIFO round trips: sells after buys of the same stock
    assert sum(t.side == "sell" for t in trades) > 0.3 * len(trades)
    # touches by the client's manager, over the year, with varied types, channels and satisfaction
    assert {t.touch_type for t in touches} >= {"phone_call", "visit", "message", "complaint"}
    assert len({t.channel for t in touches}) >= 5
    assert {t.satisfaction for t in touches} >= {None, 3, 4, 5}
    for t in touches:
        c = clients[t.client_id]
        assert t.manager_id == c.manager_id == t.created_by_id
        assert t.root_id == t.id and t.revision == 1 and t.status == "active"
        assert c.open_date <= t.occurred_at.date() <= AS_OF
        assert t.occurred_at.tzinfo is not None


def test_demo_logins_work_and_audit(store: Store) -> None:
    result = _load(store, clients=200)
    assert [x.login for x in result.logins][:2] == ["admin", "bm"]
    for x in result.logins:
        actor = login(store, x.login, x.password)
        assert actor.role == x.role
    with store.read() as s:
        actions = list(s.execute(select(AuditLog.action)).scalars())
    assert "demo.generate" in actions and actions.count("staff.add") == len(result.logins)
    # later inserts through the ORM get fresh ids after the explicit ids of the bulk load
    with store.transaction() as s:
        c = Client(client_no="X1", name="新客户", open_date=AS_OF, branch_id=1)
        s.add(c)
        s.flush()
        assert c.id == 201


def test_refuses_a_store_with_data(store: Store) -> None:
    staff.add_branch(store, None, "B1", "已有营业部")
    with pytest.raises(Conflict) as err:
        _load(store, clients=50)
    assert "已有数据" in err.value.message
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Client)) == 0
        assert s.scalar(select(func.count()).select_from(Staff)) == 0


def test_bad_requests(sqlite_store: Store) -> None:
    with pytest.raises(InvalidInput):
        demo.generate_demo(sqlite_store, clients=0, as_of=AS_OF)
    with pytest.raises(InvalidInput):
        demo.generate_demo(sqlite_store, clients=10, as_of=TODAY + timedelta(days=3))
    with sqlite_store.read() as s:
        assert s.scalar(select(func.count()).select_from(Staff)) == 0


def test_progress_and_cancel(sqlite_store: Store) -> None:
    recorder = Recorder(
        cancel_when=lambda r: any("客户" in stage and done >= 4 for done, _t, stage in r.steps)
    )
    seen = recorder.steps
    with pytest.raises(Cancelled, match=r"演示数据|demo data"):
        demo.generate_demo(sqlite_store, clients=1200, seed=1, as_of=AS_OF, progress=recorder)
    with sqlite_store.read() as s:
        assert s.scalar(select(func.count()).select_from(Client)) == 0
        assert s.scalar(select(func.count()).select_from(AssetSnapshot)) == 0
    dones = [d for d, _t, _s in seen]
    assert dones == sorted(dones) and seen[0][1] == 3 + 3
    # what the interrupted load left (demo branch and staff) does not block the next load
    result = demo.generate_demo(sqlite_store, clients=200, seed=1, as_of=AS_OF)
    with sqlite_store.read() as s:
        assert s.scalar(select(func.count()).select_from(Client)) == 200
        assert s.scalar(select(func.count()).select_from(Branch)) == 1
        assert sorted(s.execute(select(Staff.login)).scalars()) == [
            "admin",
            "bm",
            "im001",
            "im002",
            "im003",
            "im004",
            "im005",
            "im006",
            "im007",
            "im008",
        ]
    for x in result.logins:
        assert login(sqlite_store, x.login, x.password).role == x.role


def test_leftover_with_foreign_staff_is_data(sqlite_store: Store) -> None:
    with pytest.raises(Cancelled):
        demo.generate_demo(sqlite_store, clients=50, as_of=AS_OF, progress=cancelled())
    admin = login(sqlite_store, "admin", demo.DEMO_PASSWORD)
    staff.add_user(
        sqlite_store,
        admin,
        "zhang",
        role="investment_manager",
        display_name="张",
        branch_code="SH0108",
        password="secret-1",
    )
    with pytest.raises(Conflict):
        demo.generate_demo(sqlite_store, clients=50, as_of=AS_OF)


def test_progress_reaches_total(sqlite_store: Store) -> None:
    recorder = Recorder()
    demo.generate_demo(sqlite_store, clients=120, as_of=AS_OF, progress=recorder)
    seen = [(d, t) for d, t, _ in recorder.steps]
    assert seen[-1][0] == seen[-1][1] and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_create_demo_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    result = demo.create_demo_store(url, clients=150, seed=3, as_of=AS_OF)
    assert result.clients == 150 and {x.role for x in result.logins} == {
        "admin",
        "branch_manager",
        "investment_manager",
    }
    store = open_store(url)
    try:
        assert login(store, "im001", demo.DEMO_PASSWORD).is_investment_manager
    finally:
        store.dispose()
    # a cancelled load leaves no half-filled file behind
    path = tmp_path / "cancelled.sqlite3"
    with pytest.raises(Cancelled):
        demo.create_demo_store(f"sqlite:///{path}", clients=150, as_of=AS_OF, progress=cancelled())
    assert not path.exists()


def test_bulk_path_with_dropped_indexes(sqlite_store: Store) -> None:
    """Above 5,000 clients the secondary indexes are dropped and rebuilt; they must all be back."""

    def names() -> set[str]:
        with sqlite_store.engine.connect() as conn:
            return set(conn.execute(text("SELECT name FROM sqlite_master WHERE type='index'")).scalars())

    before = names()
    result = demo.generate_demo(sqlite_store, clients=5001, seed=2, as_of=AS_OF)
    assert names() == before
    assert result.trades > 50_000


# ---- calendar and bundled securities ----------------------------------------------------------------


def test_trading_calendar() -> None:
    days = trading_days(date(2025, 1, 1), date(2025, 12, 31))
    assert date(2025, 1, 1) not in days and date(2025, 1, 2) in days
    assert not any(date(2025, 1, 28) <= d <= date(2025, 2, 4) for d in days)  # Spring Festival
    assert all(d.weekday() < 5 for d in days)
    assert 240 <= len(days) <= 245
    me = month_end_indices(days)
    assert [days[i] for i in me][:2] == [date(2025, 1, 27), date(2025, 2, 28)]
    assert demo.default_as_of(date(2025, 10, 5)) == date(2025, 9, 30)
    assert demo.default_as_of(date(2025, 11, 22)) == date(2025, 11, 21)


SW_L1 = {
    "农林牧渔",
    "基础化工",
    "钢铁",
    "有色金属",
    "电子",
    "汽车",
    "家用电器",
    "食品饮料",
    "纺织服饰",
    "轻工制造",
    "医药生物",
    "公用事业",
    "交通运输",
    "房地产",
    "商贸零售",
    "社会服务",
    "银行",
    "非银金融",
    "综合",
    "建筑材料",
    "建筑装饰",
    "电力设备",
    "机械设备",
    "国防军工",
    "计算机",
    "传媒",
    "通信",
    "煤炭",
    "石油石化",
    "环保",
    "美容护理",
}


def test_bundled_securities_list() -> None:
    with resource("data", "securities.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 300 and len({r["code"] for r in rows}) == len(rows)
    for r in rows:
        code, board = r["code"], r["board"]
        assert len(code) == 6 and code.isdigit() and r["name"]
        assert r["industry"] in SW_L1
        expected = (
            "star"
            if code.startswith("688")
            else "chinext"
            if code.startswith(("300", "301"))
            else "bse"
            if code.startswith(("8", "4", "920"))
            else "main"
        )
        assert board == expected, code
        if board == "main":
            assert code.startswith(("600", "601", "603", "605", "000", "001", "002", "003"))
        date.fromisoformat(r["list_date"])
    assert {r["board"] for r in rows} == {"main", "chinext", "star", "bse"}
    recent = [r for r in rows if date.fromisoformat(r["list_date"]) > AS_OF - timedelta(days=365)]
    assert len(recent) >= 5


def test_postgresql_constraints_are_back(pg_store: Store) -> None:
    """The PostgreSQL load re-adds the foreign keys it set aside; a cancelled load keeps them too."""
    query = text(
        "SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
        "WHERE n.nspname = current_schema() ORDER BY 1"
    )

    def names() -> list[str]:
        with pg_store.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    before = names()
    assert "fk_asset_snapshot_client_id_client" in before
    with pytest.raises(Cancelled):
        demo.generate_demo(pg_store, clients=600, as_of=AS_OF, progress=cancelled())
    assert names() == before
    _load(pg_store, clients=100)
    assert names() == before
