"""Investor suitability (投资者适当性) use cases: the check, the register, warnings, corrections.

The rule itself is pure (:mod:`crm_desktop.domain.suitability`); this module reads the store into
its frames, writes the findings of a check (replacing the previous ones for the same clients), and
turns violations into tasks: a compliance task for a violation nobody warned the client about, an
invitation task when the assessment runs out within the configured days.
"""

from __future__ import annotations

import csv
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import delete, func, literal_column, select, true
from sqlalchemy.orm import Session

from crm_desktop import clock
from crm_desktop.db import rls
from crm_desktop.db.models import (
    Client,
    ClientScore,
    Product,
    RiskProfile,
    RiskWarning,
    Security,
    Staff,
    SuitabilityFinding,
    TradingPermission,
)
from crm_desktop.db.models.enums import Role, TouchType
from crm_desktop.db.store import Store
from crm_desktop.domain import suitability as rule
from crm_desktop.domain.cells import neutralise_row
from crm_desktop.domain.labels import label_of
from crm_desktop.domain.suitability import VIOLATION_KINDS
from crm_desktop.domain.vocabulary import (
    LOST_STATUSES,
    FindingKind,
    InvestorClass,
    Permission,
    WarningChannel,
)
from crm_desktop.errors import InvalidInput, NotFound, PermissionDenied
from crm_desktop.i18n import tr
from crm_desktop.importing.config import config_path, read_config
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, refresh_actor, refuse_head_office, require_role
from crm_desktop.services.visibility import get_visible_client, visible_clients, work_clients

EXPORT_COLUMNS = ("client_no", "kind", "code", "product_level", "client_level", "trade_date", "warned")
TASK_SOURCE = "suitability"
# Which warning channel leaves which kind of touch when a manager records the warning in the app.
_TOUCH_CHANNEL = {
    "in_person": "in_person",
    "phone_recorded": "phone",
    "online": "wechat",
    "paper": "in_person",
}
# Who may record a warning in the app (for a client they may see); the 360° view asks the same question
# through ``may_record_warning`` so it never offers what saving would refuse.
WARNING_RECORDERS = (Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)


def load_config(path: Path | None = None) -> rule.SuitabilityConfig:
    """The branch's suitability settings; a broken file is an InvalidInput naming the file and the problem."""
    try:
        return read_config(path)
    except rule.SuitabilityConfigError as exc:
        raise InvalidInput(
            tr(
                "适当性配置 {path} 有误：{err}。请改正该文件，或恢复安装包自带的版本。",
                "The suitability configuration {path} is wrong: {err}. Fix the file or restore "
                "the bundled one.",
                path=path or config_path(),
                err=exc,
            )
        ) from exc


# ---------------------------------------------------------------- reading the store into frames


def _day_sql(dialect: str, column: str) -> str:
    if dialect == "sqlite":
        return f"CAST(julianday({column}) - 2440587.5 AS INTEGER)"
    return f"({column} - DATE '1970-01-01')"


def _rows(session: Session, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        sql = sql.replace("?", "%s")
        for k in params:
            sql = sql.replace(f":{k}", f"%({k})s")
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    cur = dbapi.cursor()
    try:
        cur.execute(sql, params)
        return list(cur.fetchall())
    finally:
        cur.close()


@dataclass
class _Inputs:
    clients: pd.DataFrame  # client_id, client_no, manager_id
    profiles: pd.DataFrame
    events: pd.DataFrame
    permissions: pd.DataFrame
    warnings: pd.DataFrame


def _scope_ids(session: Session, actor: Actor | None) -> pd.DataFrame:
    where = work_clients(actor) if actor is not None else true()
    # Plain driver rows with day numbers: 100,000 ORM or Core rows with parsed dates cost most of a second.
    d = session.get_bind().dialect.name
    stmt: Any = select(
        Client.id,
        Client.client_no,
        Client.manager_id,
        Client.risk_level,
        literal_column(_day_sql(d, "client.risk_assessed_on")),
        literal_column(_day_sql(d, "client.open_date")),
    ).where(where, Client.status.not_in(LOST_STATUSES))
    # The visibility clause holds only ids and codes, so it compiles to literal SQL safely.
    sql = str(stmt.compile(dialect=session.get_bind().dialect, compile_kwargs={"literal_binds": True}))
    rows = _rows(session, sql.replace("%", "%%") if d == "postgresql" else sql, {})
    return pd.DataFrame(
        rows, columns=["client_id", "client_no", "manager_id", "risk_level", "assessed_on", "open_date"]
    )


def _ratings(session: Session, cfg: rule.SuitabilityConfig) -> dict[str, tuple[int, str]]:
    """code -> (rating 1..5, permission needed or ''): products win over the board table."""
    out: dict[str, tuple[int, str]] = {}
    for code, name, board in session.execute(select(Security.code, Security.name, Security.board)):
        out[code] = (cfg.stock_rating(board, name), cfg.permission_for(board))
    for code, rating in session.execute(select(Product.code, Product.risk_rating)):
        perm = out.get(code, (0, ""))[1]
        out[code] = (rule.rating_value(rating), perm)
    return out


def _temp_table(session: Session, columns: str, rows: list[tuple[Any, ...]]) -> str:
    """A temporary table of the check's transaction, filled through the driver (COPY on PostgreSQL)."""
    conn = session.connection()
    name = "suit_" + uuid.uuid4().hex[:12]
    pg = conn.dialect.name == "postgresql"
    conn.exec_driver_sql(f"CREATE TEMPORARY TABLE {name} ({columns})" + (" ON COMMIT DROP" if pg else ""))
    names = ", ".join(c.split()[0] for c in columns.split(", "))
    driver: Any = conn.connection.driver_connection
    if pg:
        with driver.cursor() as cur, cur.copy(f"COPY {name} ({names}) FROM STDIN") as cp:
            for r in rows:
                cp.write_row(r)
    else:
        marks = ", ".join("?" for _ in columns.split(", "))
        driver.executemany(f"INSERT INTO {name} VALUES ({marks})", rows)
    return name


def _int_column(session: Session, sql: str, params: dict[str, Any]) -> np.ndarray:
    """One integer column of a query. SQLite hands it over as one comma-joined text: Python's sqlite3
    builds a tuple per row, which costs several times the query itself at a million rows."""
    if session.get_bind().dialect.name == "sqlite":
        text = _rows(session, f"SELECT group_concat(x, ',') FROM ({sql})", params)
        joined = text[0][0] if text else None
        if not joined:
            return np.zeros(0, dtype=np.int64)
        return np.array(joined.split(","), dtype=np.int64)
    return np.array([r[0] for r in _rows(session, sql, params)], dtype=np.int64)


def _events(
    session: Session, clients: pd.DataFrame, prof: pd.DataFrame, as_of: date, cfg: rule.SuitabilityConfig
) -> pd.DataFrame:
    """Trades in the window and current holdings that could break a rule, as the rule's event frame.

    The store filters first: a product rated at or below the lowest level a client ever had (R1 for
    a lowest-category client, nothing for a professional) on a board needing no permission cannot
    give a finding, and most of a branch's trades are such. Codes travel as integers.
    """
    d = session.get_bind().dialect.name
    ratings = _ratings(session, cfg)
    codes = list(ratings)
    code_tab = _temp_table(
        session,
        "code VARCHAR(20) PRIMARY KEY, idx INTEGER, rating INTEGER, needs INTEGER",
        [(c, i, ratings[c][0], int(bool(ratings[c][1]))) for i, c in enumerate(codes)],
    )
    floor = np.where(
        prof["lowest"].to_numpy(bool),
        1,
        np.where(prof["professional"].to_numpy(bool), 6, prof["level"].to_numpy(np.int64)),
    )
    floors = pd.Series(floor, index=prof["client_id"].to_numpy()).groupby(level=0).min()
    floors = floors.reindex(clients["client_id"].to_numpy(), fill_value=1)
    client_tab = _temp_table(
        session,
        "client_id INTEGER PRIMARY KEY, floor INTEGER",
        list(zip(floors.index.astype(int).tolist(), floors.astype(int).tolist(), strict=True)),
    )
    start = as_of - timedelta(days=cfg.trade_window_days - 1)

    # Each row comes back as one packed integer (client, code, day, holding): building Python row
    # tuples is what a million-row read costs, not the query.
    def key(client: str, day: str, holding: int) -> str:
        return (
            f"((CAST({client} AS BIGINT) * 65536 + k.idx) * 65536 + {_day_sql(d, day)}) * 2 + {holding} AS x"
        )

    keys = _int_column(
        session,
        (
            # Clients first, then each client's trades by (client, date): left to itself SQLite walks the
            # date index and fetches every trade row at random, three times the work.
            f"SELECT {key('t.client_id', 't.trade_date', 0)} FROM {client_tab} m CROSS JOIN trade t "
            f"JOIN {code_tab} k ON k.code = t.code WHERE m.client_id = t.client_id "
            "AND t.trade_date >= :start AND t.trade_date <= :end AND (k.rating > m.floor OR k.needs = 1)"
        ),
        {"start": start, "end": as_of},
    )
    held = _int_column(
        session,
        (
            f"SELECT {key('h.client_id', 'h.date', 1)} FROM holding h "
            "JOIN (SELECT client_id, max(date) AS d FROM holding WHERE date <= :end GROUP BY client_id) x "
            "ON x.client_id = h.client_id AND x.d = h.date "
            f"JOIN {code_tab} k ON k.code = h.code JOIN {client_tab} m ON m.client_id = h.client_id "
            "WHERE h.quantity > 0 AND (k.rating > m.floor OR k.needs = 1)"
        ),
        {"end": as_of},
    )
    if d == "sqlite":
        session.connection().exec_driver_sql(f"DROP TABLE {code_tab}")
        session.connection().exec_driver_sql(f"DROP TABLE {client_tab}")
    # One trade a day per client and product is enough: the rule looks at days, not quantities.
    packed = np.sort(np.concatenate([keys, held]))
    if len(packed):
        packed = packed[np.concatenate(([True], packed[1:] != packed[:-1]))]
    both = np.column_stack(
        [packed // (2 * 65536 * 65536), (packed // (2 * 65536)) % 65536, (packed // 2) % 65536, packed % 2]
    )
    idx = both[:, 1]
    rating = np.array([ratings[c][0] for c in codes], dtype=np.int64)
    perm = np.array([ratings[c][1] for c in codes], dtype=object)
    code_arr = np.array(codes, dtype=object)
    return pd.DataFrame(
        {
            "client_id": both[:, 0],
            "code": code_arr[idx] if len(both) else np.zeros(0, object),
            "day": both[:, 2],
            "rating": rating[idx] if len(both) else np.zeros(0, np.int64),
            "permission": perm[idx] if len(both) else np.zeros(0, object),
            "holding": both[:, 3].astype(bool),
        }
    )


def _load(session: Session, actor: Actor | None, as_of: date, cfg: rule.SuitabilityConfig) -> _Inputs:
    d = session.get_bind().dialect.name
    clients = _scope_ids(session, actor)
    ids = set(clients["client_id"].tolist())

    prof = pd.DataFrame(
        _rows(
            session,
            (
                f"SELECT client_id, level, lowest_category, {_day_sql(d, 'assessed_on')}, {_day_sql(d, 'valid_until')}, "
                "investor_class FROM risk_profile"
            ),
            {},
        ),
        columns=["client_id", "level", "lowest", "assessed_on", "valid_until", "investor_class"],
    )
    prof = prof[prof["client_id"].isin(ids)]
    prof = pd.DataFrame(
        {
            "client_id": prof["client_id"].astype(np.int64),
            "level": prof["level"].str[1:].astype(np.int64),
            "lowest": prof["lowest"].astype(bool),
            "assessed_on": prof["assessed_on"].astype(np.int64),
            "valid_until": prof["valid_until"].astype(np.int64),
            "professional": prof["investor_class"] == InvestorClass.PROFESSIONAL.value,
        }
    )
    # Clients whose assessments were never imported keep the level on the client record.
    bare = clients[~clients["client_id"].isin(set(prof["client_id"].tolist()))]
    if not bare.empty:
        assessed = bare["assessed_on"].fillna(bare["open_date"]).astype(np.int64).tolist()
        level = bare["risk_level"].fillna("C1").str.upper()
        level = level.where(level.isin([f"C{i}" for i in range(1, 6)]), "C1")
        synth = pd.DataFrame(
            {
                "client_id": bare["client_id"].astype(np.int64),
                "level": level.str[1:].astype(np.int64),
                "lowest": False,
                "assessed_on": assessed,
                "valid_until": [
                    rule.day_number(rule.default_valid_until(rule.from_day_number(a), cfg)) for a in assessed
                ],
                "professional": False,
            }
        )
        prof = pd.concat([prof, synth], ignore_index=True)

    events = _events(session, clients, prof, as_of, cfg)
    perms = pd.DataFrame(
        _rows(
            session, (f"SELECT client_id, permission, {_day_sql(d, 'opened_on')} FROM trading_permission"), {}
        ),
        columns=list(rule.PERMISSION_COLUMNS),
    )
    perms = perms[perms["client_id"].isin(ids)]
    warns = pd.DataFrame(
        _rows(
            session,
            (
                f"SELECT client_id, subject_kind, subject, {_day_sql(d, 'confirmed_on')} FROM risk_warning "
                "WHERE confirmed_on <= :end"
            ),
            {"end": as_of},
        ),
        columns=["client_id", "subject_kind", "subject", "confirmed_on"],
    )
    warns = warns[warns["client_id"].isin(ids)]
    warns = pd.DataFrame(
        {
            "client_id": warns["client_id"].astype(np.int64),
            "subject": np.where(
                warns["subject_kind"] == "permission",
                "perm:" + warns["subject"].astype(str),
                warns["subject"].astype(str),
            ),
            "confirmed_on": warns["confirmed_on"].astype(np.int64),
        }
    )
    return _Inputs(clients, prof, events, perms, warns)


# ---------------------------------------------------------------- the check


@dataclass
class CheckSummary:
    as_of: date
    clients: int
    counts: dict[str, int]
    unwarned_over_level: int
    tasks_created: int
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def violations(self) -> int:
        """Findings that break the rule: every kind but a purchase above level with a confirmed warning."""
        warned = self.counts.get(FindingKind.OVER_LEVEL.value, 0) - self.unwarned_over_level
        return sum(self.counts.get(k.value, 0) for k in VIOLATION_KINDS) - warned


def _cols(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    return {str(c): frame[c].to_numpy() for c in frame.columns}


def run_check(store: Store, actor: Actor | None, as_of: date | None = None) -> CheckSummary:
    """Check every visible client (all clients for a system run) and replace their findings."""
    started = time.perf_counter()
    cpu = time.process_time()
    as_of = as_of or clock.today()
    if as_of > clock.today():
        raise InvalidInput(
            tr(
                "检查日 {d} 在将来，请选择今天或之前的日期。",
                "The as-of date {d} is in the future; choose today or earlier.",
                d=as_of,
            )
        )
    if actor is not None:
        refuse_head_office(actor)
    cfg = load_config()
    timings: dict[str, float] = {}
    with store.transaction() as session:
        if actor is not None:
            refresh_actor(session, actor)
        t = time.perf_counter()
        inputs = _load(session, actor, as_of, cfg)
        timings["read"] = time.perf_counter() - t
        t = time.perf_counter()
        found = pd.DataFrame(
            rule.check(
                _cols(inputs.profiles),
                _cols(inputs.events),
                _cols(inputs.permissions),
                _cols(inputs.warnings),
                rule.day_number(as_of),
            )
        )
        timings["rule"] = time.perf_counter() - t
        t = time.perf_counter()
        _replace_findings(session, actor, found, as_of)
        created = _create_tasks(session, inputs, found, as_of, cfg)
        timings["write"] = time.perf_counter() - t
        counts = Counter(found["kind"].tolist())
        unwarned = int(((found["kind"] == FindingKind.OVER_LEVEL.value) & (found["warned"] == 0)).sum())
        summary = CheckSummary(
            as_of,
            len(inputs.clients),
            dict(counts),
            unwarned,
            created,
            time.perf_counter() - started,
            timings,
        )
        audit.record(
            session,
            actor,
            "suitability.check",
            "suitability_finding",
            None,
            as_of=as_of.isoformat(),
            clients=summary.clients,
            counts=summary.counts,
            unwarned_over_level=unwarned,
            tasks_created=created,
        )
    summary.seconds = time.perf_counter() - started
    summary.timings["cpu"] = time.process_time() - cpu
    return summary


def _replace_findings(session: Session, actor: Actor | None, found: pd.DataFrame, as_of: date) -> None:
    # The whole table for a system run (closed clients' findings go too); otherwise the actor's clients,
    # in one statement rather than per client.
    if actor is None:
        session.execute(delete(SuitabilityFinding))
    else:
        session.execute(
            delete(SuitabilityFinding).where(
                SuitabilityFinding.client_id.in_(select(Client.id).where(visible_clients(actor)))
            )
        )
    if found.empty:
        return
    # Plain tuples straight to the driver (COPY on PostgreSQL): a branch's findings run to hundreds of
    # thousands of rows, mostly warned purchases, and ORM or dict rows would dominate the check.
    n = len(found)
    pl = found["product_level"].to_numpy()
    cl = found["client_level"].to_numpy()
    days = found["day"].to_numpy()
    warned = found["warned"].to_numpy()
    r_text = np.array(["", "R1", "R2", "R3", "R4", "R5"], dtype=object)
    c_text = np.array(["", "C1", "C2", "C3", "C4", "C5"], dtype=object)
    uniq, inv = np.unique(days, return_inverse=True)
    day_text = np.array(
        [None if d == rule.NO_DAY else rule.from_day_number(int(d)).isoformat() for d in uniq], dtype=object
    )[inv]
    none = np.full(n, None, dtype=object)
    warned_v = np.where(warned < 0, none, warned.astype(bool).astype(object))
    pl_v = np.where(pl > 0, r_text[np.clip(pl, 0, 5)], none)
    cl_v = np.where(cl > 0, c_text[np.clip(cl, 0, 5)], none)
    rows = list(
        zip(
            found["client_id"].astype(int).tolist(),
            found["kind"].tolist(),
            found["code"].astype(str).tolist(),
            pl_v.tolist(),
            cl_v.tolist(),
            day_text.tolist(),
            warned_v.tolist(),
            [as_of.isoformat()] * n,
            strict=True,
        )
    )
    cols = "client_id, kind, code, product_level, client_level, trade_date, warned, as_of"
    conn = session.connection()
    driver: Any = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        rls.copy_rows(session, "suitability_finding", tuple(cols.split(", ")), rows)
    else:
        driver.executemany(
            f"INSERT INTO suitability_finding ({cols}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(*r[:6], None if r[6] is None else int(r[6]), r[7]) for r in rows],
        )


def _create_tasks(
    session: Session, inputs: _Inputs, found: pd.DataFrame, as_of: date, cfg: rule.SuitabilityConfig
) -> int:
    from crm_desktop.services.tasks import _insert_ignoring_duplicates

    manager = dict(
        zip(inputs.clients["client_id"].tolist(), inputs.clients["manager_id"].tolist(), strict=True)
    )
    candidates: list[tuple[Any, ...]] = []
    unwarned = found[
        (found["kind"].isin([FindingKind.LOWEST_CATEGORY.value, FindingKind.NO_PERMISSION.value]))
        | ((found["kind"] == FindingKind.OVER_LEVEL.value) & (found["warned"] == 0))
    ]
    due = as_of + timedelta(days=5)
    for cid, kind, code in unwarned[["client_id", "kind", "code"]].drop_duplicates().itertuples(index=False):
        m = manager.get(int(cid))
        if m is None or pd.isna(m):
            continue
        # One task per client, kind and product: repeated trades of it do not pile up tasks.
        candidates.append(
            (
                int(cid),
                int(m),
                TouchType.RISK_DISCLOSURE.value,
                TASK_SOURCE,
                due,
                f"suitability:{int(cid)}:{kind}:{code}",
                None,
                "open",
            )
        )
    # Invitation: the current assessment ends within the notice period (or has ended).
    prof = inputs.profiles
    if not prof.empty:
        cur = prof[prof["assessed_on"] <= rule.day_number(as_of)].sort_values("assessed_on")
        cur = cur.drop_duplicates("client_id", keep="last")
        horizon = rule.day_number(as_of + timedelta(days=cfg.invite_days_before))
        for cid, assessed, until in cur.loc[
            cur["valid_until"] <= horizon, ["client_id", "assessed_on", "valid_until"]
        ].itertuples(index=False):
            m = manager.get(int(cid))
            if m is None or pd.isna(m):
                continue
            a = rule.from_day_number(int(assessed))
            task_due = max(as_of, rule.from_day_number(int(until)) - timedelta(days=cfg.invite_days_before))
            candidates.append(
                (
                    int(cid),
                    int(m),
                    TouchType.RISK_REASSESSMENT.value,
                    "risk_reassessment",
                    task_due,
                    f"risk_reassessment:{int(cid)}:{a.isoformat()}",
                    None,
                    "open",
                )
            )
    return len(_insert_ignoring_duplicates(session, candidates))


# ---------------------------------------------------------------- the register and the export


@dataclass(frozen=True)
class FindingRow:
    client_no: str
    client_name: str
    manager: str
    kind: str
    code: str
    product_level: str
    client_level: str
    trade_date: date | None
    warned: bool | None


@dataclass
class Register:
    as_of: date | None
    counts: dict[str, int]
    warned: int
    unwarned: int
    rows: list[FindingRow]


def register(store: Store, actor: Actor, kind: str | None = None, limit: int | None = None) -> Register:
    """The suitability register of the clients the actor may see: counts by kind, then the list."""
    with store.read() as session:
        refresh_actor(session, actor)
        where = visible_clients(actor)
        counts = dict(
            session.execute(
                select(SuitabilityFinding.kind, func.count())
                .join(Client, Client.id == SuitabilityFinding.client_id)
                .where(where)
                .group_by(SuitabilityFinding.kind)
            ).all()
        )
        warned = dict(
            session.execute(
                select(SuitabilityFinding.warned, func.count())
                .join(Client, Client.id == SuitabilityFinding.client_id)
                .where(where, SuitabilityFinding.kind == FindingKind.OVER_LEVEL.value)
                .group_by(SuitabilityFinding.warned)
            ).all()
        )
        as_of = session.scalar(select(func.max(SuitabilityFinding.as_of)))
        stmt = (
            select(
                Client.client_no,
                Client.name,
                Staff.display_name,
                SuitabilityFinding.kind,
                SuitabilityFinding.code,
                SuitabilityFinding.product_level,
                SuitabilityFinding.client_level,
                SuitabilityFinding.trade_date,
                SuitabilityFinding.warned,
            )
            .join(Client, Client.id == SuitabilityFinding.client_id)
            .outerjoin(Staff, Staff.id == Client.manager_id)
            .where(where)
            .order_by(
                SuitabilityFinding.warned.is_(True),
                Client.client_no,
                SuitabilityFinding.kind,
                SuitabilityFinding.trade_date,
                SuitabilityFinding.code,
            )
        )
        if kind:
            stmt = stmt.where(SuitabilityFinding.kind == kind)
        if limit:
            stmt = stmt.limit(limit)
        rows = [
            FindingRow(no, name, mgr or "", k, code or "", pl or "", cl or "", td, w)
            for no, name, mgr, k, code, pl, cl, td, w in session.execute(stmt)
        ]
    return Register(
        as_of,
        {str(k): int(v) for k, v in counts.items()},
        int(warned.get(True, 0)),
        int(warned.get(False, 0)),
        rows,
    )


def export_findings(store: Store, actor: Actor, out: Path, *, purpose: str | None = None) -> int:
    """CSV of the findings the actor may see, with EXPORT_COLUMNS (empty where not applicable).

    Audited (file, rows, purpose) before the file gets its name (``services.exports.write_audited``).
    """
    from crm_desktop.services.exports import write_audited

    reg = register(store, actor)

    def write(path: Path) -> None:
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(EXPORT_COLUMNS)
            for r in reg.rows:
                w.writerow(
                    neutralise_row(
                        [
                            r.client_no,
                            r.kind,
                            r.code,
                            r.product_level,
                            r.client_level,
                            r.trade_date.isoformat() if r.trade_date else "",
                            "" if r.warned is None else ("yes" if r.warned else "no"),
                        ]
                    )
                )

    write_audited(
        store,
        actor,
        out,
        write,
        action="suitability.export",
        entity_type="suitability_finding",
        rows=len(reg.rows),
        purpose=purpose,
    )
    return len(reg.rows)


# ---------------------------------------------------------------- warnings recorded in the app


def may_record_warning(actor: Actor) -> bool:
    """Whether ``add_warning`` would accept this actor for a client they may see."""
    return actor.role in WARNING_RECORDERS


@dataclass(frozen=True)
class ProductChoice:
    code: str
    name: str
    rating: str


def warning_products(store: Store, actor: Actor) -> list[ProductChoice]:
    """The store's products a warning can name, by code (stocks by code are also accepted on save)."""
    require_role(actor, *WARNING_RECORDERS)
    with store.read() as session:
        return [
            ProductChoice(c, n, r)
            for c, n, r in session.execute(
                select(Product.code, Product.name, Product.risk_rating).order_by(Product.code)
            )
        ]


def add_warning(
    store: Store,
    actor: Actor,
    client_no: str,
    *,
    product: str | None = None,
    permission: str | None = None,
    confirmed_on: date,
    channel: str,
    evidence: str,
) -> int:
    """Record a special risk warning the client confirmed, with a risk-disclosure touch naming it.

    The touch follows the touch rules (no future date; more than 7 days back is refused here, such
    records come from the suitability system's export instead).
    """
    require_role(actor, *WARNING_RECORDERS)
    from crm_desktop.services.touches import BACKDATE_LIMIT, CONTENT, IDENTITY, RISK, record_touch_in_session

    if bool(product) == bool(permission):
        raise InvalidInput(
            tr(
                "请指定产品代码或权限中的一项（--product 或 --permission）。",
                "Name either a product (--product) or a permission (--permission), not both.",
            )
        )
    if channel not in {c.value for c in WarningChannel}:
        raise InvalidInput(
            tr(
                "确认方式 {c} 无效，可选：{ok}。",
                "The channel {c} is invalid; use one of {ok}.",
                c=channel,
                ok=", ".join(c.value for c in WarningChannel),
            )
        )
    evidence = (evidence or "").strip()
    if not evidence:
        raise InvalidInput(
            tr(
                "请填写凭证（录音编号、电子留痕编号或确认书编号）。",
                "Give the evidence reference (recording, electronic trace or form number).",
            )
        )
    if len(evidence) > 200:
        raise InvalidInput(tr("凭证最长 200 个字符。", "The evidence reference is at most 200 characters."))
    today = clock.today()
    if confirmed_on > today:
        raise InvalidInput(
            tr(
                "确认日期 {d} 在将来：只能记录客户已经确认的警示。",
                "The confirmation date {d} is in the future: record only confirmed warnings.",
                d=confirmed_on,
            )
        )
    if today - confirmed_on > BACKDATE_LIMIT:
        raise InvalidInput(
            tr(
                "确认日期 {d} 早于 7 天前：较早的确认请从适当性系统导出后用 crm import warnings 导入。",
                "The confirmation date {d} is more than 7 days ago: import older confirmations "
                "from the suitability system with crm import warnings.",
                d=confirmed_on,
            )
        )
    with store.transaction() as session:
        refresh_actor(session, actor)
        client = get_visible_client(session, actor, client_no)
        if product:
            product = product.strip()
            known = session.get(Product, product) or session.get(Security, product)
            if known is None:
                raise NotFound(
                    tr(
                        "产品代码 {c} 不存在：请先导入产品。",
                        "Product {c} is unknown: import the products first.",
                        c=product,
                    )
                )
            kind, subject, what = "product", product, f"{product} {known.name}"
        else:
            try:
                perm = Permission(str(permission).strip())
            except ValueError:
                raise InvalidInput(
                    tr(
                        "权限 {p} 无效，可选：{ok}。",
                        "The permission {p} is invalid; use one of {ok}.",
                        p=permission,
                        ok=", ".join(p.value for p in Permission),
                    )
                ) from None
            kind, subject, what = "permission", perm.value, label_of(Permission, perm.value)
        dup = session.scalar(
            select(RiskWarning.id).where(
                RiskWarning.client_id == client.id,
                RiskWarning.subject_kind == kind,
                RiskWarning.subject == subject,
                RiskWarning.confirmed_on == confirmed_on,
            )
        )
        if dup is not None:
            from crm_desktop.errors import Conflict

            raise Conflict(
                tr(
                    "该警示已在 {d} 记录过（记录 {id}）。",
                    "This warning is already on record for {d} (record {id}).",
                    d=confirmed_on,
                    id=dup,
                )
            )
        at = datetime.combine(confirmed_on, dtime(12, 0), tzinfo=UTC)
        now = clock.now()
        if at > now:
            at = now
        touch = record_touch_in_session(
            session,
            actor,
            client,
            touch_type=TouchType.RISK_DISCLOSURE.value,
            channel=_TOUCH_CHANNEL[channel],
            occurred_at=at,
            summary=tr(
                "特别风险警示：{what}，客户已确认（{ch}，凭证 {ev}）。",
                "Special risk warning: {what}; confirmed by the client ({ch}, evidence {ev}).",
                what=what,
                ch=label_of(WarningChannel, channel),
                ev=evidence,
            ),
            checklist={IDENTITY: True, RISK: True, CONTENT: what},
        )
        row = RiskWarning(
            client_id=client.id,
            subject_kind=kind,
            subject=subject,
            confirmed_on=confirmed_on,
            channel=channel,
            evidence=evidence,
            touch_id=touch.id,
            created_by_id=actor.id,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            actor,
            "suitability.warning",
            "risk_warning",
            row.id,
            client_no=client.client_no,
            subject_kind=kind,
            subject=subject,
            confirmed_on=confirmed_on.isoformat(),
            channel=channel,
            evidence=evidence,
            touch_id=touch.id,
        )
        return row.id


# ---------------------------------------------------------------- the administrator's correction


def correct_level(
    store: Store, actor: Actor, client_no: str, level: str, reason: str, lowest_category: bool | None = None
) -> None:
    """An administrator corrects a wrongly imported level, with a reason; audited before/after."""
    if not actor.is_admin:
        raise PermissionDenied(
            tr(
                "只有管理员可以更正风险等级（须填写原因）；投资经理和营业部负责人不能修改客户的风险等级。",
                "Only an administrator may correct a risk level (with a reason); managers never "
                "set a client's level.",
            )
        )
    level = level.strip().upper()
    if level not in {f"C{i}" for i in range(1, 6)}:
        raise InvalidInput(
            tr("风险等级 {v} 无效，可选 C1–C5。", "Risk level {v} is invalid; use C1 to C5.", v=level)
        )
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise InvalidInput(
            tr(
                "请写明更正原因（例如与适当性系统核对的结果）。",
                "Give the reason for the correction (e.g. what the suitability system shows).",
            )
        )
    cfg = load_config()
    with store.transaction() as session:
        refresh_actor(session, actor)
        client = session.scalar(select(Client).where(Client.client_no == client_no.strip()))
        if client is None or (actor.branch_id is not None and client.branch_id != actor.branch_id):
            raise NotFound(tr("找不到客户 {no}。", "Client {no} not found.", no=client_no))
        prof = session.scalar(
            select(RiskProfile)
            .where(RiskProfile.client_id == client.id)
            .order_by(RiskProfile.assessed_on.desc())
            .limit(1)
        )
        before = {"level": client.risk_level, "lowest_category": prof.lowest_category if prof else False}
        if prof is None:
            assessed = client.risk_assessed_on or client.open_date
            prof = RiskProfile(
                client_id=client.id,
                level=level,
                assessed_on=assessed,
                valid_until=rule.default_valid_until(assessed, cfg),
                investor_class=InvestorClass.ORDINARY.value,
                lowest_category=False,
            )
            session.add(prof)
        prof.level = level
        if lowest_category is not None:
            prof.lowest_category = lowest_category
        prof.correction_reason = reason
        client.risk_level = level
        session.flush()
        audit.record(
            session,
            actor,
            "client.risk_level.correct",
            "client",
            client.id,
            client_no=client.client_no,
            before=before,
            after={"level": level, "lowest_category": prof.lowest_category},
            reason=reason,
        )


# ---------------------------------------------------------------- one client, for the 360° view


@dataclass(frozen=True)
class ClientSuitability:
    level: str
    lowest_category: bool
    assessed_on: date | None
    valid_until: date | None
    investor_class: str
    expired: bool
    expires_soon: bool
    permissions: list[tuple[str, date]]
    warnings: list[tuple[str, str, date, str, str]]  # kind, subject, confirmed_on, channel, evidence
    findings: list[FindingRow]
    behaviour_hint: bool
    may_record_warning: bool = False


def client_suitability(store: Store, actor: Actor, client_no: str) -> ClientSuitability:
    cfg = load_config()
    today = clock.today()
    with store.read() as session:
        client = get_visible_client(session, actor, client_no)
        prof = session.scalar(
            select(RiskProfile)
            .where(RiskProfile.client_id == client.id, RiskProfile.assessed_on <= today)
            .order_by(RiskProfile.assessed_on.desc())
            .limit(1)
        )
        assessed: date | None
        until: date | None
        if prof is not None:
            level, lowest, assessed, until, iclass = (
                prof.level,
                prof.lowest_category,
                prof.assessed_on,
                prof.valid_until,
                prof.investor_class,
            )
        else:
            assessed = client.risk_assessed_on
            level, lowest, iclass = client.risk_level, False, InvestorClass.ORDINARY.value
            until = rule.default_valid_until(assessed, cfg) if assessed else None
        perms = [
            (p, d)
            for p, d in session.execute(
                select(TradingPermission.permission, TradingPermission.opened_on)
                .where(TradingPermission.client_id == client.id)
                .order_by(TradingPermission.opened_on)
            )
        ]
        warns = [
            tuple(r)
            for r in session.execute(
                select(
                    RiskWarning.subject_kind,
                    RiskWarning.subject,
                    RiskWarning.confirmed_on,
                    RiskWarning.channel,
                    RiskWarning.evidence,
                )
                .where(RiskWarning.client_id == client.id)
                .order_by(RiskWarning.confirmed_on.desc())
            )
        ]
        finds = [
            FindingRow(client.client_no, client.name, "", k, c or "", pl or "", cl or "", td, w)
            for k, c, pl, cl, td, w in session.execute(
                select(
                    SuitabilityFinding.kind,
                    SuitabilityFinding.code,
                    SuitabilityFinding.product_level,
                    SuitabilityFinding.client_level,
                    SuitabilityFinding.trade_date,
                    SuitabilityFinding.warned,
                )
                .where(SuitabilityFinding.client_id == client.id)
                .order_by(SuitabilityFinding.kind, SuitabilityFinding.trade_date)
            )
        ]
        from crm_desktop.services.scoring import latest_run_id

        run_id = latest_run_id(session)
        hint = bool(
            run_id
            and session.scalar(
                select(ClientScore.suitability_mismatch).where(
                    ClientScore.run_id == run_id, ClientScore.client_id == client.id
                )
            )
        )
    expired = until is not None and until < today
    soon = until is not None and not expired and until <= today + timedelta(days=cfg.invite_days_before)
    return ClientSuitability(
        level,
        bool(lowest),
        assessed,
        until,
        iclass,
        expired,
        soon,
        perms,
        warns,  # type: ignore[arg-type]
        finds,
        hint,
        may_record_warning(actor),
    )
