"""Demo data: a whole branch with a year of plausible account history, generated deterministically.

``generate_demo(store, clients=N, seed=S, as_of=D)`` fills an empty store; the same seed, client count
and as-of date give the same data on every backend. ``create_demo_store(url)`` is what the GUI calls for
a fresh 1,000-client store. Scoring is not run here: the caller can score the store afterwards with the
returned ``as_of``.

Demo logins (documented in docs/demo.md): ``admin`` (administrator), ``bm`` (branch manager) and
``im001`` … (investment managers), all with the password :data:`DEMO_PASSWORD`.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from sqlalchemy import Connection, ForeignKeyConstraint, func, insert, select, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.schema import AddConstraint, DropConstraint

from crm_desktop import clock
from crm_desktop.db import pii, rls
from crm_desktop.db.models import (
    AssetSnapshot,
    AuditLog,
    Branch,
    Client,
    Holding,
    Security,
    Staff,
    Touch,
    Trade,
)
from crm_desktop.db.models.enums import Role
from crm_desktop.db.store import Store, open_store, remove_sqlite_file, sqlite_file
from crm_desktop.demo import accounts as acc
from crm_desktop.demo import market as mkt
from crm_desktop.demo import people
from crm_desktop.demo.load import BulkWriter
from crm_desktop.demo.touches import touches_for_block
from crm_desktop.errors import Cancelled, Conflict, InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.progress import Progress, ensure
from crm_desktop.services import audit
from crm_desktop.services import staff as staff_service
from crm_desktop.services.auth import login
from crm_desktop.services.passwords import hash_password

DEMO_PASSWORD = "demo1234"
DEFAULT_SEED = 20240601
DEFAULT_CLIENTS = 1000
MAX_CLIENTS = 1_000_000
CLIENTS_PER_MANAGER = 150
BRANCH_CODE = "SH0108"
BRANCH_NAME = "上海世纪大道证券营业部"
BRANCH_ADDRESS = "上海市浦东新区世纪大道1168号B座16楼"
BRANCH_PHONE = "021-58880168"
_CLIENT_NO_PREFIX = "3108"


@dataclass(frozen=True)
class DemoLogin:
    login: str
    password: str
    role: str
    display_name: str


@dataclass(frozen=True)
class DemoResult:
    as_of: date
    seed: int
    clients: int
    branch_code: str
    logins: tuple[DemoLogin, ...]
    snapshots: int
    trades: int
    holdings: int
    touches: int
    seconds: float


def default_as_of(today: date | None = None) -> date:
    """The last trading day on or before today (weekdays minus exchange holidays)."""
    return mkt.last_trading_day_on_or_before(today or clock.today())


def manager_count(clients: int) -> int:
    return max(2, round(clients / CLIENTS_PER_MANAGER))


def validate_request(clients: int, as_of: date) -> None:
    """Check the arguments before anything is opened or written (the exchange calendar must cover the
    year of data that ends at ``as_of``)."""
    if not 1 <= clients <= MAX_CLIENTS:
        raise InvalidInput(
            tr(
                "客户数 {n} 无效：应在 1 到 {max} 之间。",
                "Client count {n} is invalid: use 1 to {max}.",
                n=clients,
                max=f"{MAX_CLIENTS:,}",
            )
        )
    if not date(2010, 1, 1) <= as_of <= clock.today():
        raise InvalidInput(
            tr(
                "截止日期 {d} 无效：应在 2010-01-01 到今天之间。",
                "The as-of date {d} is invalid: use a date from 2010-01-01 to today.",
                d=as_of.isoformat(),
            )
        )
    calendar = mkt.exchange_calendar()
    calendar.require((as_of - timedelta(days=364)).year)
    calendar.require(as_of.year)


_DEMO_LOGIN = re.compile(r"^(admin|bm|im\d{3,})$")


@dataclass(frozen=True)
class _Existing:
    branch: bool
    staff: dict[str, tuple[int, str]]  # login -> (id, display name)


def _require_empty(store: Store) -> _Existing:
    """Refuse a store with data. What an interrupted demo load left (the demo branch and demo staff, no
    clients) is not data: the next load picks it up, so a cancelled load never blocks the next one."""
    with store.read() as session:
        n_clients = session.scalar(select(func.count()).select_from(Client)) or 0
        branches = list(session.scalars(select(Branch.code)))
        staff = session.execute(select(Staff.login, Staff.id, Staff.display_name, Staff.branch_id)).all()
    leftover = n_clients == 0 and branches == [BRANCH_CODE] and all(_DEMO_LOGIN.match(s.login) for s in staff)
    if leftover:
        return _Existing(True, {s.login: (s.id, s.display_name) for s in staff})
    if n_clients or branches or staff:
        raise Conflict(
            tr(
                "数据库 {url} 已有数据（客户 {clients}、员工 {staff}、营业部 {branches}），演示数据只能装入空库，"
                "以免与真实数据混在一起。请换一个新库，例如 --db sqlite:///demo.sqlite3。",
                "The store {url} already holds data ({clients} clients, {staff} staff, {branches} branches). Demo "
                "data only goes into an empty store so it never mixes with real data; use a new one, e.g. "
                "--db sqlite:///demo.sqlite3.",
                url=store.describe(),
                clients=n_clients,
                staff=len(staff),
                branches=len(branches),
            )
        )
    return _Existing(False, {})


@dataclass(frozen=True)
class _Manager:
    id: int
    login: str


def _create_staff(
    store: Store, as_of: date, years: np.ndarray, seed: int, existing: _Existing
) -> tuple[list[DemoLogin], list[_Manager]]:
    """Branch and staff through the staff service (audited like any other account)."""
    rng = np.random.default_rng([seed, 5])
    n_managers = len(years)
    names = people.person_names(rng, n_managers + 2)
    have = existing.staff
    if not existing.branch:
        staff_service.add_branch(store, None, BRANCH_CODE, BRANCH_NAME, BRANCH_ADDRESS, BRANCH_PHONE)
    if "admin" not in have:
        staff_service.add_user(
            store,
            None,
            "admin",
            role=Role.ADMIN.value,
            display_name="系统管理员",
            branch_code=BRANCH_CODE,
            password=DEMO_PASSWORD,
            hire_date=as_of - timedelta(days=2900),
            qualifications=["securities_practitioner"],
        )
    admin = login(store, "admin", DEMO_PASSWORD)
    if "bm" not in have:
        staff_service.add_user(
            store,
            admin,
            "bm",
            role=Role.BRANCH_MANAGER.value,
            display_name=names[0],
            branch_code=BRANCH_CODE,
            password=DEMO_PASSWORD,
            hire_date=as_of - timedelta(days=6200),
            qualifications=["securities_practitioner", "investment_adviser", "fund_practitioner"],
            phone="13901680001",
            email="bm@demo-branch.example",
        )
    logins = [
        DemoLogin("admin", DEMO_PASSWORD, Role.ADMIN.value, "系统管理员"),
        DemoLogin("bm", DEMO_PASSWORD, Role.BRANCH_MANAGER.value, have.get("bm", (0, names[0]))[1]),
    ]
    managers = []
    for i in range(n_managers):
        quals = ["securities_practitioner"]
        if rng.random() < min(0.2 + 0.05 * years[i], 0.9):
            quals.append("investment_adviser")
        if rng.random() < 0.4:
            quals.append("fund_practitioner")
        if rng.random() < 0.12:
            quals.append("futures_practitioner")
        if rng.random() < 0.05:
            quals.append("cfa")
        name = f"im{i + 1:03d}"
        if name in have:
            sid, display = have[name]
        else:
            # No password here: scrypt is slow by design, and hundreds of managers share the one documented
            # demo password, so it is hashed once and set in the bulk load.
            display = names[i + 1]
            sid = staff_service.add_user(
                store,
                admin,
                name,
                role=Role.INVESTMENT_MANAGER.value,
                display_name=display,
                branch_code=BRANCH_CODE,
                password=None,
                hire_date=as_of - timedelta(days=int(years[i] * 365.25)),
                qualifications=quals,
                phone=f"139{1680100 + i:08d}",
                email=f"{name}@demo-branch.example",
            )
        managers.append(_Manager(sid, name))
        logins.append(DemoLogin(name, DEMO_PASSWORD, Role.INVESTMENT_MANAGER.value, display))
    return logins, managers


def generate_demo(
    store: Store,
    *,
    clients: int = DEFAULT_CLIENTS,
    seed: int = DEFAULT_SEED,
    as_of: date | None = None,
    progress: Progress | None = None,
) -> DemoResult:
    """Fill an empty store with a demo branch. Raises Conflict when it already holds data, and
    :class:`Cancelled` (the bulk load rolled back) when ``progress`` is cancelled. It runs as no signed-in
    person: under PostgreSQL row-level security, in the firm's scope."""
    with rls.firm_scope(store):
        return _generate_demo(store, clients=clients, seed=seed, as_of=as_of, progress=progress)


def _generate_demo(
    store: Store,
    *,
    clients: int = DEFAULT_CLIENTS,
    seed: int = DEFAULT_SEED,
    as_of: date | None = None,
    progress: Progress | None = None,
) -> DemoResult:
    """Fill an empty store with a demo branch. Raises Conflict when it already holds data, and
    :class:`Cancelled` (the bulk load rolled back) when ``progress`` is cancelled."""
    started = time.perf_counter()
    as_of = as_of or default_as_of()
    validate_request(clients, as_of)
    existing = _require_empty(store)
    days = mkt.trading_days(as_of - timedelta(days=364), as_of)
    securities = mkt.load_securities()
    market = mkt.build_market(days, securities, seed)
    pools = acc.build_pools(market)
    month_ends = np.array(mkt.month_end_indices(days), dtype=np.int64)
    n_managers = manager_count(clients)
    pop = acc.draw_population(clients, n_managers, market, as_of, seed)
    n_blocks = (clients + acc.BLOCK - 1) // acc.BLOCK
    total = n_blocks + 3
    p = ensure(progress)
    report = p.step

    report(0, total, tr("创建营业部和员工账号", "Creating the branch and staff accounts"))
    logins, managers = _create_staff(store, as_of, pop.manager_years, seed, existing)
    report(1, total, tr("写入客户资料", "Writing clients"))
    counts = {"snapshots": 0, "trades": 0, "holdings": 0, "touches": 0}
    eng = store.engine.execution_options(crm_write=True)
    with eng.begin() as conn:
        rls.apply(conn, rls.Scope.firm())  # the demo loads a whole branch as no signed-in person
        w = BulkWriter(conn)
        big = clients > 5000
        if w.dialect == "sqlite" and big:
            conn.exec_driver_sql("PRAGMA cache_size=-262144")
        try:
            # Secondary indexes are rebuilt once at the end: far cheaper than maintaining them row by row.
            dropped = [ix for t in (AssetSnapshot, Trade) for ix in t.__table__.indexes] if big else []  # type: ignore[attr-defined]
            for ix in dropped:
                ix.drop(conn)
            # PostgreSQL checks foreign keys row by row in triggers during COPY; re-adding the constraints
            # after the load validates them in one join instead (same guarantee, a fraction of the time).
            fks = _bulk_foreign_keys() if w.dialect == "postgresql" else []
            for fk in fks:
                conn.execute(DropConstraint(fk))
            _write_masters(conn, w, pop, market, managers, as_of, seed)
            client_base = conn.execute(select(func.min(Client.id))).scalar_one()
            conn.execute(
                update(Staff)
                .where(Staff.id.in_([m.id for m in managers]))
                .values(password_hash=hash_password(DEMO_PASSWORD))
            )
            report(2, total, tr("生成账户历史", "Generating account history"))
            day_text = np.array([d.isoformat() for d in days])
            day64 = np.array(days, dtype="datetime64[D]")
            touch_id = (conn.execute(select(func.max(Touch.id))).scalar() or 0) + 1
            trade_no = 0
            for b in range(n_blocks):
                try:
                    p.check()
                except Cancelled:
                    raise Cancelled(
                        tr(
                            "已取消装入演示数据，数据库未改变客户数据。",
                            "Loading demo data was cancelled; no client data was kept.",
                        )
                    ) from None
                lo, hi = b * acc.BLOCK, min((b + 1) * acc.BLOCK, clients)
                blk = acc.simulate_block(pop, market, pools, month_ends, lo, hi, seed, b)
                trade_no = _write_block(w, blk, market, day_text, client_base, trade_no, counts)
                last_day = np.where(
                    blk.last_day >= 0, day64[np.maximum(blk.last_day, 0)], np.datetime64("NaT")
                )
                touch_id = _write_touches(
                    w, pop, managers, lo, hi, as_of, last_day, seed, b, client_base, touch_id, counts
                )
                report(
                    3 + b,
                    total,
                    tr(
                        "生成账户历史：{done}/{all} 位客户",
                        "Account history: {done}/{all} clients",
                        done=f"{hi:,}",
                        all=f"{clients:,}",
                    ),
                )
            report(total - 1, total, tr("建立索引并提交", "Building indexes and committing"))
            for ix in dropped:
                ix.create(conn)
            for fk in fks:
                conn.execute(AddConstraint(fk))
            w.fix_sequence("client")
            w.fix_sequence("touch")
            admin_id = conn.execute(select(Staff.id).where(Staff.login == "admin")).scalar_one()
            conn.execute(
                insert(AuditLog.__table__).values(  # type: ignore[arg-type]
                    audit.chain_values(
                        conn,
                        {
                            "actor_id": admin_id,
                            "action": "demo.generate",
                            "entity_type": "branch",
                            "entity_id": BRANCH_CODE,
                            "details": {
                                "clients": clients,
                                "seed": seed,
                                "as_of": as_of.isoformat(),
                                **counts,
                            },
                        },
                    )
                )
            )
        finally:
            if w.dialect == "sqlite" and big:
                # Back to SQLite's default for the pooled connection; never mask the real error.
                with contextlib.suppress(SQLAlchemyError):
                    conn.exec_driver_sql("PRAGMA cache_size=-2000")
    report(total, total, tr("完成", "Done"))
    return DemoResult(
        as_of,
        seed,
        clients,
        BRANCH_CODE,
        tuple(logins),
        counts["snapshots"],
        counts["trades"],
        counts["holdings"],
        counts["touches"],
        time.perf_counter() - started,
    )


def _bulk_foreign_keys() -> list[ForeignKeyConstraint]:
    tables = (AssetSnapshot, Trade, Holding, Touch)
    return [
        c
        for t in tables
        for c in t.__table__.constraints  # type: ignore[attr-defined]
        if isinstance(c, ForeignKeyConstraint)
    ]


def _ts(day64: np.ndarray, seconds: int) -> np.ndarray:
    return day64.astype("datetime64[s]") + np.timedelta64(seconds, "s")


def _write_masters(
    conn: Connection,
    w: BulkWriter,
    pop: acc.Population,
    market: mkt.Market,
    managers: list[_Manager],
    as_of: date,
    seed: int,
) -> None:
    rng = np.random.default_rng([seed, 6])
    have = set(conn.execute(select(Security.code)).scalars())
    w.insert(
        "security",
        ("code", "name", "industry", "board", "list_date"),
        [
            (s.code, s.name, s.industry, s.board, s.list_date.isoformat())
            for s in market.securities
            if s.code not in have
        ],
    )
    n = pop.n
    names = people.person_names(rng, n)
    firms = people.company_names(rng, n)
    inst = pop.institution
    birth_ok = np.where(inst, np.datetime64("1980-01-01"), pop.birth)
    ids = people.id_numbers(rng, birth_ok)
    credit = people.credit_codes(rng, int(inst.sum()))
    phones = people.mobile_numbers(rng, n)
    mails = people.emails(rng, n, phones)
    inst_list = inst.tolist()
    ci = iter(credit)
    id_numbers = [next(ci) if is_inst else pid for pid, is_inst in zip(ids, inst_list, strict=True)]
    name_list = [f if is_inst else p for p, f, is_inst in zip(names, firms, inst_list, strict=True)]
    opened = w.dates(pop.open_date)
    births = w.dates(pop.birth)
    assessed = w.dates(pop.assessed_on)
    # Back-office account opening time: 09:30 in Beijing.
    created = w.timestamps(_ts(pop.open_date, 5400))
    manager_ids = np.array([m.id for m in managers])[pop.manager].tolist()
    start = conn.execute(select(func.coalesce(func.max(Client.id), 0))).scalar_one() + 1
    branch_id = conn.execute(select(Branch.id).where(Branch.code == BRANCH_CODE)).scalar_one()
    status = [acc.STATUS_NAMES[s] for s in pop.status.tolist()]
    level = [f"C{v}" for v in pop.risk_level.tolist()]
    # personal data at rest (db/pii.py): the bulk writer bypasses the column type, so seal here
    derived = [pii.derived_columns(id_numbers[i], phones[i]) for i in range(n)]
    rows = [
        (
            start + i,
            f"{_CLIENT_NO_PREFIX}{i + 1:08d}",
            name_list[i],
            "institution" if inst_list[i] else "individual",
            pii.seal(id_numbers[i]),
            pii.seal(phones[i]),
            pii.seal(mails[i]),
            derived[i]["id_tail"],
            derived[i]["phone_tail"],
            derived[i]["phone_masked"],
            births[i],
            opened[i],
            level[i],
            assessed[i],
            status[i],
            branch_id,
            manager_ids[i],
            opened[i],
            1,
            created[i],
            created[i],
        )
        for i in range(n)
    ]
    w.insert(
        "client",
        (
            "id",
            "client_no",
            "name",
            "client_type",
            "id_number",
            "phone",
            "email",
            "id_tail",
            "phone_tail",
            "phone_masked",
            "birth_date",
            "open_date",
            "risk_level",
            "risk_assessed_on",
            "status",
            "branch_id",
            "manager_id",
            "assigned_on",
            "version",
            "created_at",
            "updated_at",
        ),
        rows,
    )
    w.insert(
        "assignment_history",
        ("client_id", "from_manager_id", "to_manager_id", "effective_at", "reason"),
        [(start + i, None, manager_ids[i], created[i], "initial") for i in range(n)],
    )


def _write_block(
    w: BulkWriter,
    blk: acc.Block,
    market: mkt.Market,
    day_text: np.ndarray,
    client_base: int,
    trade_no: int,
    counts: dict[str, int],
) -> int:
    codes = np.array([s.code for s in market.securities])
    cid = (blk.snap_client + client_base).tolist()
    w.insert(
        "asset_snapshot",
        ("client_id", "date", "cash", "securities_value", "total_assets", "net_inflow"),
        zip(
            cid,
            day_text[blk.snap_day].tolist(),
            w.money(blk.cash),
            w.money(blk.securities_value),
            w.money(blk.cash + blk.securities_value),
            w.money(blk.net_inflow),
            strict=True,
        ),
    )
    counts["snapshots"] += len(cid)
    n_tr = len(blk.trade_client)
    trade_ids = [f"{trade_no + k + 1:010d}" for k in range(n_tr)]
    w.insert(
        "trade",
        ("trade_id", "trade_date", "client_id", "code", "side", "quantity", "price", "amount", "commission"),
        zip(
            trade_ids,
            day_text[blk.trade_day].tolist(),
            (blk.trade_client + client_base).tolist(),
            codes[blk.trade_sec].tolist(),
            np.where(blk.trade_sell, "sell", "buy").tolist(),
            blk.trade_qty.astype(float).tolist(),
            w.money(blk.trade_price),
            w.money(blk.trade_amount),
            w.money(blk.trade_commission),
            strict=True,
        ),
    )
    counts["trades"] += n_tr
    w.insert(
        "holding",
        ("client_id", "date", "code", "quantity", "cost", "market_value"),
        zip(
            (blk.hold_client + client_base).tolist(),
            day_text[blk.hold_day].tolist(),
            codes[blk.hold_sec].tolist(),
            blk.hold_qty.astype(float).tolist(),
            w.money(blk.hold_cost),
            w.money(blk.hold_value),
            strict=True,
        ),
    )
    counts["holdings"] += len(blk.hold_client)
    return trade_no + n_tr


def _write_touches(
    w: BulkWriter,
    pop: acc.Population,
    managers: list[_Manager],
    lo: int,
    hi: int,
    as_of: date,
    last_day: np.ndarray,
    seed: int,
    block_no: int,
    client_base: int,
    touch_id: int,
    counts: dict[str, int],
) -> int:
    t = touches_for_block(pop, lo, hi, as_of, last_day, seed, block_no)
    k = len(t.client)
    if not k:
        return touch_id
    occ = w.timestamps(t.occurred)
    created = w.timestamps(t.occurred + np.timedelta64(600, "s"))
    mgr = np.array([m.id for m in managers])[pop.manager[t.client]].tolist()
    ids = list(range(touch_id, touch_id + k))
    follow = w.dates(t.follow_up)
    clients = (t.client + client_base).tolist()
    types = t.types
    rows: list[tuple[Any, ...]] = [
        (
            ids[i],
            clients[i],
            mgr[i],
            types[i],
            t.channel[i],
            occ[i],
            t.summary[i],
            json.dumps(t.checklist[i]),
            t.satisfaction[i],
            t.next_step[i],
            follow[i],
            "active",
            ids[i],
            1,
            mgr[i],
            1,
            created[i],
            created[i],
        )
        for i in range(k)
    ]
    w.insert(
        "touch",
        (
            "id",
            "client_id",
            "manager_id",
            "touch_type",
            "channel",
            "occurred_at",
            "summary",
            "checklist",
            "satisfaction",
            "next_step",
            "follow_up_date",
            "status",
            "root_id",
            "revision",
            "created_by_id",
            "version",
            "created_at",
            "updated_at",
        ),
        rows,
    )
    counts["touches"] += k
    return touch_id + k


def create_demo_store(
    url: URL | str,
    clients: int = DEFAULT_CLIENTS,
    seed: int = DEFAULT_SEED,
    *,
    as_of: date | None = None,
    progress: Progress | None = None,
) -> DemoResult:
    """Create (or upgrade) the store at ``url`` and fill it with demo data; returns the demo logins.

    A new SQLite file that this call created is removed again when the load fails or is cancelled, so
    the person never finds a half-filled demo store.
    """
    parsed = make_url(url) if isinstance(url, str) else url
    path = sqlite_file(parsed)
    new_file = path if path is not None and not path.exists() else None
    store = open_store(parsed, upgrade=True)
    try:
        return generate_demo(store, clients=clients, seed=seed, as_of=as_of, progress=progress)
    except BaseException:
        store.dispose()
        if new_file is not None:
            remove_sqlite_file(new_file)
        raise
    finally:
        store.dispose()


__all__ = [
    "DEFAULT_CLIENTS",
    "DEFAULT_SEED",
    "DEMO_PASSWORD",
    "DemoLogin",
    "DemoResult",
    "create_demo_store",
    "default_as_of",
    "generate_demo",
    "manager_count",
    "validate_request",
]
