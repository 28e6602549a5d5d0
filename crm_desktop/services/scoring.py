"""Scoring runs: load the account data, run the engine, store the results; and read the latest results.

A run covers every client of the store. It is stored in one transaction with the engine version and the
SHA-256 of the configuration text, so every grade can be traced to the rules that produced it.
Other areas read results through :func:`latest_run_id`, :func:`latest_client_scores`,
:func:`latest_manager_scores` and :func:`latest_suggestions`, and render reasons with
``crm_desktop.scoring.reasons.render_reasons``.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import JSON, func, insert, select, text
from sqlalchemy.orm import Session

from crm_desktop import clock
from crm_desktop.db import rls
from crm_desktop.db.models import (
    AssetSnapshot,
    Branch,
    CallbackRecord,
    Client,
    ClientScore,
    Complaint,
    ManagerScore,
    MatchSuggestion,
    ScoreRun,
)
from crm_desktop.db.models.enums import Role
from crm_desktop.db.store import Store
from crm_desktop.errors import InvalidInput, PermissionDenied
from crm_desktop.i18n import tr
from crm_desktop.paths import resource
from crm_desktop.progress import Progress, Stages
from crm_desktop.scoring import ENGINE_VERSION, ConfigError, ScoringConfig, ScoringInput, score
from crm_desktop.scoring.clients import SNAPSHOT_TOTAL_COLUMNS
from crm_desktop.scoring.engine import ScoringResult
from crm_desktop.scoring.engine import window as engine_window
from crm_desktop.scoring.frames import day_to_date
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, refresh_actor, require_role
from crm_desktop.services.batch_dates import refuse_future
from crm_desktop.services.visibility import visible_clients

CONFIG_FILE = ("config", "scoring.toml")


@dataclass(frozen=True)
class LoadedConfig:
    config: ScoringConfig
    text: str
    sha256: str
    path: Path


@dataclass
class ScoringSummary:
    run_id: int
    as_of: date
    engine_version: str
    config_hash: str
    client_count: int
    manager_count: int
    suggestion_count: int
    grade_counts: dict[str, int]
    churn_counts: dict[str, int]
    warnings: list[dict[str, Any]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def config_path() -> Path:
    return resource(*CONFIG_FILE)


def load_config(path: Path | None = None) -> LoadedConfig:
    """Parse the scoring TOML; a broken file is an InvalidInput naming the file and the problem."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(
            tr(
                "无法读取评分配置 {path}：{err}",
                "Cannot read the scoring configuration {path}: {err}",
                path=path,
                err=exc.strerror or exc,
            )
        ) from exc
    text = raw.decode("utf-8-sig")
    try:
        data = tomllib.loads(text)
        cfg = ScoringConfig.from_mapping(data)
    except (tomllib.TOMLDecodeError, ConfigError) as exc:
        raise InvalidInput(
            tr(
                "评分配置 {path} 有误：{err}。请改正该文件，或恢复安装包自带的版本。",
                "The scoring configuration {path} is wrong: {err}. Fix the file or restore the bundled one.",
                path=path,
                err=exc,
            )
        ) from exc
    return LoadedConfig(cfg, text, hashlib.sha256(text.encode("utf-8")).hexdigest(), path)


# ---------------------------------------------------------------- loading the store into frames


def _day_sql(dialect: str, column: str, *, timestamp: bool = False) -> str:
    """SQL giving days since 1970-01-01 as an integer: the engine takes day numbers directly."""
    if dialect == "sqlite":
        return f"CAST(julianday({column}) - 2440587.5 AS INTEGER)"
    if timestamp:
        return f"(({column} AT TIME ZONE 'UTC')::date - DATE '1970-01-01')"
    return f"({column} - DATE '1970-01-01')"


def _num_sql(dialect: str, column: str) -> str:
    return f"CAST({column} AS REAL)" if dialect == "sqlite" else f"CAST({column} AS DOUBLE PRECISION)"


def _numeric_block(rows: Sequence[Sequence[Any]], columns: int) -> np.ndarray:
    """Fetched rows of numbers as a float64 array of shape (rows, columns); NULL becomes NaN."""
    try:  # flattening the tuples is much faster than letting numpy inspect each one
        return np.fromiter(
            itertools.chain.from_iterable(rows), dtype=np.float64, count=len(rows) * columns
        ).reshape(len(rows), columns)
    except TypeError:  # a NULL somewhere: numpy turns None into NaN here
        return np.array(rows, dtype=np.float64).reshape(len(rows), columns)


def _fetch(
    session: Session,
    sql: str,
    params: dict[str, Any],
    names: Sequence[str],
    numeric: Sequence[bool],
    chunk: int = 20_000,
) -> pd.DataFrame:
    """Run raw SQL on the session's connection and build columns chunk by chunk.

    Going below the ORM matters here: 25 million snapshot rows through Decimal and Row objects would
    take minutes; plain floats straight into numpy take seconds. Small chunks let the row tuples of one
    chunk reuse the memory of the last instead of new pages from the kernel: 22 M snapshot rows cost
    18-19 s of CPU in chunks of 20,000 and 22 s in chunks of 500,000 (a quarter of the page faults).
    """
    conn = session.connection()
    dialect = conn.dialect.name
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    if dialect == "postgresql":
        # A named (server-side) cursor streams rows instead of holding the whole result in memory.
        cur = dbapi.cursor(name=f"crm_score_{abs(hash(sql)) % 10**8}")
        stmt = _pg_params(sql)
        cur.execute(stmt, params)
    else:
        cur = dbapi.cursor()
        cur.execute(sql, params)
    parts: list[list[np.ndarray]] = [[] for _ in names]
    all_numeric = all(numeric)
    try:
        while True:
            rows = cur.fetchmany(chunk)
            if not rows:
                break
            if all_numeric:
                block = _numeric_block(rows, len(names))
                for i in range(len(names)):
                    parts[i].append(block[:, i])
            else:
                table = np.array(rows, dtype=object)
                for i in range(len(names)):
                    if numeric[i]:
                        parts[i].append(table[:, i].astype(np.float64))
                    else:
                        parts[i].append(table[:, i])
    finally:
        cur.close()
    data: dict[str, Any] = {}
    for i, name in enumerate(names):
        if parts[i]:
            data[name] = np.concatenate(parts[i])
        else:
            data[name] = np.empty(0, dtype=np.float64 if numeric[i] else object)
    return pd.DataFrame(data)


def _pg_params(sql: str) -> str:
    """:name placeholders -> %(name)s for psycopg (casts written as CAST(...), never ::)."""
    import re

    return re.sub(r"(?<!:):([A-Za-z_][A-Za-z0-9_]*)", r"%(\1)s", sql.replace("%", "%%"))


def _ints(frame: pd.DataFrame, *cols: str) -> pd.DataFrame:
    for c in cols:
        values = frame[c].to_numpy(dtype=np.float64)
        if np.isnan(values).any():
            frame[c] = pd.array(np.where(np.isnan(values), 0, values).astype(np.int64), dtype="Int64")
            frame.loc[np.isnan(values), c] = pd.NA
        else:
            frame[c] = values.astype(np.int64)
    return frame


# client_id * _PACK + day number: exact in float64 for client ids below 9e10 and dates 1970-2243.
_PACK = 100_000


def _categorical(positions: pd.Series, categories: list[str]) -> pd.Categorical:
    """Positions into ``categories`` (NaN for a code the master lacks) as a categorical column."""
    values = positions.to_numpy(dtype=np.float64)
    codes = np.where(np.isnan(values), -1, values).astype(np.int64)
    return pd.Categorical.from_codes(codes, categories=pd.Index(categories, dtype=object), validate=False)


@dataclass(frozen=True)
class InputQuery:
    """One of the selects a scoring run reads, for the run and for measuring it (benchmarks/bench_engine.py
    copies the same selects to nowhere as the floor of the read phase).

    ``sql`` uses ``:name`` parameters; ``raw_sql`` is the select of the rows an aggregated query sums
    (None when ``sql`` reads the rows themselves)."""

    name: str
    sql: str
    params: dict[str, Any]
    raw_sql: str | None = None

    @property
    def pg_sql(self) -> str:
        return _pg_params(self.sql)

    @property
    def pg_raw_sql(self) -> str:
        return _pg_params(self.raw_sql if self.raw_sql is not None else self.sql)


def _snapshot_totals_sql(d: str) -> str:
    """Per client, the totals over W the engine needs (``ScoringInput.snapshot_totals``), summed by the
    database: tens of millions of snapshot rows stay where they are and 100,000 rows come out.

    One pass groups the rows by client; the point values (first day, last day, last day before each
    look-back) are then read back through the primary key (client, date). Sums of NUMERIC are exact on
    PostgreSQL; on SQLite they are sums of doubles, as the engine's own sums are."""
    plus = "+" if d == "sqlite" else ""
    return (
        "WITH g AS (SELECT client_id, COUNT(*) AS n, SUM(total_assets) AS s_total, "
        "SUM(securities_value) AS s_sec, MIN(date) AS d_first, MAX(date) AS d_last, "
        "MAX(CASE WHEN date < :churn_start THEN date END) AS d_churn, "
        "MAX(CASE WHEN date < :life_start THEN date END) AS d_life, "
        "SUM(CASE WHEN date >= :churn_start THEN net_inflow ELSE 0 END) AS in_churn, "
        "SUM(net_inflow) AS in_all, "
        "SUM(CASE WHEN date >= :life_start AND total_assets >= :dormant THEN 1 ELSE 0 END) AS big_life "
        # "+date": SQLite walks the primary key (client, date) in client order, so the grouping needs no sort.
        f"FROM asset_snapshot WHERE {plus}date >= :w_start AND {plus}date <= :as_of GROUP BY client_id) "
        f"SELECT g.client_id, g.n, {_num_sql(d, 'g.s_total')}, {_num_sql(d, 'g.s_sec')}, "
        f"{_num_sql(d, 'l.total_assets')}, {_num_sql(d, 'f.total_assets')}, "
        f"{_num_sql(d, 'COALESCE(a.total_assets, f.total_assets)')}, {_num_sql(d, 'g.in_churn')}, "
        f"{_num_sql(d, 'COALESCE(b.total_assets, f.total_assets)')}, g.big_life, "
        f"{_num_sql(d, 'g.in_all - f.net_inflow')} "
        "FROM g JOIN asset_snapshot f ON f.client_id = g.client_id AND f.date = g.d_first "
        "JOIN asset_snapshot l ON l.client_id = g.client_id AND l.date = g.d_last "
        "LEFT JOIN asset_snapshot a ON a.client_id = g.client_id AND a.date = g.d_churn "
        "LEFT JOIN asset_snapshot b ON b.client_id = g.client_id AND b.date = g.d_life"
    )


def input_queries(session: Session, as_of: date, cfg: ScoringConfig) -> list[InputQuery]:
    """The selects of a run for ``as_of``, in the order :func:`load_input` reads them (the big ones)."""
    d = session.connection().dialect.name
    plus = "+" if d == "sqlite" else ""
    w = engine_window(as_of, cfg)
    w_start = day_to_date(w.start)
    trade_from = w_start - timedelta(days=cfg.trading.fifo_lookback_days)

    def param(day: date) -> Any:
        return day.isoformat() if d == "sqlite" else day

    p = {"w_start": param(w_start), "as_of": param(as_of), "trade_from": param(trade_from)}
    snapshot_sql = (
        f"SELECT CAST(client_id AS BIGINT) * {_PACK} + {_day_sql(d, 'date')}, {_num_sql(d, 'total_assets')}, "
        f"{_num_sql(d, 'securities_value')}, {_num_sql(d, 'net_inflow')} FROM asset_snapshot "
        # "+date": SQLite must not use the date index (random reads for nearly every row). No ORDER BY either:
        # a plain scan is cheaper than walking an index, and the engine sorts if the rows come unsorted.
        f"WHERE {plus}date >= :w_start AND {plus}date <= :as_of"
    )
    dormant_yuan = round(cfg.lifecycle.dormant_assets * 100) / 100.0
    totals_params = {
        **p,
        "churn_start": param(day_to_date(w.churn_start)),
        "life_start": param(day_to_date(w.life_start)),
        # the engine's own test on a day's total (snapshot_metrics): at or above the threshold, to the fen
        "dormant": dormant_yuan - 0.005,
    }
    # Trades and holdings refer to securities by their position in code order, and sides by a small
    # number, so every column arrives as a number and the engine gets ready-made categoricals.
    numbered = "WITH sec AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS idx FROM security) "
    sides = _sides(session, p)
    side_case = "CASE t.side " + " ".join(f"WHEN :side{i} THEN {i}" for i in range(len(sides))) + " END"
    side_params = {f"side{i}": v for i, v in enumerate(sides)}
    trade_sql = (
        numbered + f"SELECT t.client_id, {_day_sql(d, 't.trade_date')}, sec.idx, {side_case}, "
        f"{_num_sql(d, 't.quantity')}, {_num_sql(d, 't.amount')}, {_num_sql(d, 't.commission')} "
        "FROM trade t LEFT JOIN sec ON sec.code = t.code "
        # Most rows qualify, so a plain scan beats walking the date index (random reads) on SQLite.
        f"WHERE {plus}t.trade_date >= :trade_from AND {plus}t.trade_date <= :as_of"
    )
    holding_sql = (
        numbered + f"SELECT h.client_id, {_day_sql(d, 'h.date')}, sec.idx, {_num_sql(d, 'h.market_value')} "
        f"FROM holding h LEFT JOIN sec ON sec.code = h.code WHERE {plus}h.date >= :w_start AND {plus}h.date <= :as_of"
    )
    return [
        InputQuery(
            "clients",
            f"SELECT id, {_day_sql(d, 'open_date')}, risk_level, status, manager_id, "
            f"{_day_sql(d, 'assigned_on')}, {_num_sql(d, 'commission_rate')} FROM client",
            {},
        ),
        InputQuery("snapshot_totals", _snapshot_totals_sql(d), totals_params, raw_sql=snapshot_sql),
        InputQuery("snapshots", snapshot_sql, p),
        InputQuery(
            "securities",
            f"SELECT code, board, industry, {_day_sql(d, 'list_date')} FROM security ORDER BY code",
            {},
        ),
        InputQuery("trades", trade_sql, {**p, **side_params}),
        InputQuery("holdings", holding_sql, p),
        # Satisfaction comes from independent call-backs; a manager's own rating on a touch stays a note.
        InputQuery(
            "touches",
            f"SELECT manager_id, {_day_sql(d, 'occurred_at', timestamp=True)}, "
            f"{_num_sql(d, 'satisfaction')} FROM callback_record WHERE outcome = 'reached' "
            "AND satisfaction IS NOT NULL AND occurred_at >= :w_start",
            p,
        ),
        InputQuery(
            "tasks",
            f"SELECT manager_id, {_day_sql(d, 'due_date')}, status, {_day_sql(d, 'completed_at', timestamp=True)} "
            "FROM service_task WHERE due_date >= :w_start AND due_date <= :as_of",
            p,
        ),
    ]


def _sides(session: Session, p: dict[str, Any]) -> list[str]:
    plus = "+" if session.connection().dialect.name == "sqlite" else ""
    # "+trade_date": a scan (0.4 s at 2.6 million trades) instead of the date index (random reads, 4 s).
    found = session.execute(
        text(
            f"SELECT DISTINCT side FROM trade WHERE {plus}trade_date >= :trade_from AND {plus}trade_date <= :as_of"
        ),
        p,
    )
    return sorted({str(r[0]) for r in found} | {"buy", "sell"})


def load_input(session: Session, as_of: date, cfg: ScoringConfig, *, totals: bool = True) -> ScoringInput:
    """Everything the engine needs for ``as_of``: snapshots of W, trades of W plus the FIFO look-back.

    Snapshots come as per-client totals summed by the database (``totals``, the default); ``totals=False``
    reads every snapshot row and lets the engine sum them (the earlier path, kept to check one against the
    other). On PostgreSQL the all-numeric selects travel by binary ``COPY`` (:func:`_copy_numbers`).
    """
    q = {x.name: x for x in input_queries(session, as_of, cfg)}
    clients = _fetch(
        session,
        q["clients"].sql,
        q["clients"].params,
        ["client_id", "open_date", "risk_level", "status", "manager_id", "assigned_on", "commission_rate"],
        [True, True, False, False, True, True, True],
    )
    clients = _ints(clients, "client_id", "open_date", "manager_id", "assigned_on")
    securities = _fetch(
        session,
        q["securities"].sql,
        {},
        ["code", "board", "industry", "list_date"],
        [False, False, False, True],
    )
    securities = _ints(securities, "list_date")
    sec_codes = securities["code"].astype(str).tolist()
    side_params = q["trades"].params
    sides = [side_params[f"side{i}"] for i in range(sum(k.startswith("side") for k in side_params))]

    snapshots: pd.DataFrame | None = None
    snapshot_totals: pd.DataFrame | None = None
    if totals:
        snapshot_totals = _numbers(session, q["snapshot_totals"], list(SNAPSHOT_TOTAL_COLUMNS))
        snapshot_totals = _ints(snapshot_totals, "client_id", "snap_count", "big_life")
    else:
        # Snapshots are the big table (tens of millions of rows): client and day travel packed in one number,
        # which saves a Python object per row on the way out of the driver.
        packed_frame = _numbers(
            session, q["snapshots"], ["packed", "total_assets", "securities_value", "net_inflow"]
        )
        # Unpacked in float64 (exact: the packed numbers are integers far below 2**53), where division is vectorised.
        packed = packed_frame["packed"].to_numpy(dtype=np.float64)
        client_f = np.floor(packed / _PACK)
        day = (packed - client_f * _PACK).astype(np.int64)
        client_id = client_f.astype(np.int64)
        del packed, client_f
        snapshots = pd.DataFrame(
            {
                "client_id": client_id,
                "date": day,
                "total_assets": packed_frame["total_assets"],
                "securities_value": packed_frame["securities_value"],
                "net_inflow": packed_frame["net_inflow"],
            },
            copy=False,
        )
        del packed_frame
    trades = _numbers(
        session, q["trades"], ["client_id", "trade_date", "code", "side", "quantity", "amount", "commission"]
    )
    holdings = _numbers(session, q["holdings"], ["client_id", "date", "code", "market_value"])
    trades = _ints(trades, "client_id", "trade_date")
    trades["code"] = _categorical(trades["code"], sec_codes)
    trades["side"] = _categorical(trades["side"], sides)
    holdings = _ints(holdings, "client_id", "date")
    holdings["code"] = _categorical(holdings["code"], sec_codes)
    touches = _numbers(session, q["touches"], ["manager_id", "occurred_at", "satisfaction"])
    touches = _ints(touches, "manager_id", "occurred_at")
    tasks = _fetch(
        session,
        q["tasks"].sql,
        q["tasks"].params,
        ["manager_id", "due_date", "status", "completed_at"],
        [True, True, False, True],
    )
    tasks = _ints(tasks, "manager_id", "due_date", "completed_at")
    staff_rows = session.execute(select_staff()).all()
    staff = pd.DataFrame(
        [(r.id, r.role, bool(r.active), r.hire_date, list(r.qualifications or [])) for r in staff_rows],
        columns=["staff_id", "role", "active", "hire_date", "qualifications"],
    )
    staff["hire_date"] = pd.to_datetime(staff["hire_date"], errors="coerce")
    w = engine_window(as_of, cfg)
    return ScoringInput(
        as_of=as_of,
        clients=clients,
        snapshots=snapshots if snapshots is not None else ScoringInput(as_of).snapshots,
        snapshot_totals=snapshot_totals,
        trades=trades,
        holdings=holdings,
        securities=securities,
        touches=touches,
        tasks=tasks,
        staff=staff,
        signals=_churn_signals(session, w, q["snapshots"].params),
    )


def _numbers(session: Session, query: InputQuery, names: list[str]) -> pd.DataFrame:
    """An all-numeric select as float64 columns (NULL as NaN): binary COPY on PostgreSQL, else fetched."""
    if session.connection().dialect.name == "postgresql":
        return _copy_numbers(session, query.pg_sql, query.params, names)
    return _fetch(session, query.sql, query.params, names, [True] * len(names))


_COPY_SIGNATURE = b"PGCOPY\n\xff\r\n\x00"
_COPY_HEADER = len(_COPY_SIGNATURE) + 8  # signature, flags (int32), header extension length (int32)
_COPY_PIECE = 1 << 23  # bytes parsed at a time: 8 MB of rows


def _copy_numbers(session: Session, sql: str, params: dict[str, Any], names: list[str]) -> pd.DataFrame:
    """``COPY (sql) TO STDOUT`` in PostgreSQL's binary format, parsed by numpy without a Python object per
    row: every column is cast to a double, NULL becomes NaN, so each row has the same width (a field count,
    then per column a length and eight bytes, big-endian) and a run of rows is one structured array.

    Runs on the session's connection, inside its transaction (the run's one REPEATABLE READ snapshot)."""
    n = len(names)
    cols = ", ".join(f"c{i}" for i in range(n))
    wrapped = ", ".join(
        f"COALESCE(CAST(c{i} AS DOUBLE PRECISION), CAST('NaN' AS DOUBLE PRECISION))" for i in range(n)
    )
    stmt = f"COPY (SELECT {wrapped} FROM ({sql}) AS q({cols})) TO STDOUT (FORMAT binary)"
    fields: list[tuple[str, str]] = [("count", ">i2")]
    for i in range(n):
        fields += [(f"len{i}", ">i4"), (f"v{i}", ">f8")]
    row = np.dtype(fields)
    width = row.itemsize
    parts: list[list[np.ndarray]] = [[] for _ in names]

    def take(buf: bytearray, rows: int) -> None:
        block = np.frombuffer(buf, dtype=row, count=rows)
        if not (block["count"] == n).all() or any(not (block[f"len{i}"] == 8).all() for i in range(n)):
            raise RuntimeError(f"unexpected binary COPY layout reading: {sql[:80]}")
        for i in range(n):
            parts[i].append(block[f"v{i}"].astype(np.float64))
        del block
        del buf[: rows * width]

    dbapi = session.connection().connection.dbapi_connection
    assert dbapi is not None
    buf = bytearray()
    header = False
    with dbapi.cursor() as cur, cur.copy(stmt, params) as copy:  # type: ignore[attr-defined]
        for data in copy:
            buf += data
            if not header:
                if len(buf) < _COPY_HEADER:
                    continue
                if bytes(buf[: len(_COPY_SIGNATURE)]) != _COPY_SIGNATURE:
                    raise RuntimeError("not a binary COPY stream")
                extension = int.from_bytes(buf[_COPY_HEADER - 4 : _COPY_HEADER], "big")
                if len(buf) < _COPY_HEADER + extension:
                    continue
                del buf[: _COPY_HEADER + extension]
                header = True
            if len(buf) >= _COPY_PIECE:
                take(buf, len(buf) // width)
    if not header or len(buf) < 2 or bytes(buf[-2:]) != b"\xff\xff" or (len(buf) - 2) % width:
        raise RuntimeError(f"binary COPY stream ended unexpectedly reading: {sql[:80]}")
    if len(buf) > 2:
        take(buf, (len(buf) - 2) // width)
    return pd.DataFrame(
        {
            name: np.concatenate(parts[i]) if parts[i] else np.empty(0, dtype=np.float64)
            for i, name in enumerate(names)
        }
    )


def select_staff() -> Any:
    from crm_desktop.db.models import Staff

    return select(Staff.id, Staff.role, Staff.active, Staff.hire_date, Staff.qualifications)


# ---------------------------------------------------------------- running


def latest_snapshot_date(session: Session) -> date | None:
    return session.scalar(select(func.max(AssetSnapshot.date)))


def _optional(value: Any) -> float | None:
    """A measured figure, or None (stored as NULL) where the engine had nothing to measure."""
    return None if value is None or pd.isna(value) else float(value)


def _money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


def run_scoring(
    store: Store,
    actor: Actor | None,
    as_of: date | None = None,
    *,
    config: LoadedConfig | None = None,
    progress: Progress | None = None,
) -> ScoringSummary:
    """Score every client and investment manager and store the run.

    ``actor`` None is the batch path (``crm score`` from a scheduler): allowed because a run changes no
    client data and only adds results; with an actor, only admins and branch managers may run it.
    """
    import time

    if actor is not None:
        require_role(actor, Role.ADMIN, Role.BRANCH_MANAGER)
    refuse_future(as_of)
    loaded = config or load_config()
    say = Stages(progress, 3).next  # loading, scoring, saving; each stage begins at a cancellation point
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    # Reading happens in one read transaction on one connection, so every table comes from the same state
    # of the data while other workstations keep writing; only storing the results takes the write transaction.
    # PostgreSQL's default (read committed) gives each statement a fresh snapshot; repeatable read gives
    # the whole transaction one, as SQLite's read transaction in WAL mode does.
    with store.read(isolation="REPEATABLE READ" if store.dialect == "postgresql" else None) as session:
        if actor is not None:
            refresh_actor(session, actor)
            _refuse_one_branch_of_many(session, actor)
        if as_of is None:
            as_of = latest_snapshot_date(session) or clock.now().date()
        say(tr("读取数据（评分日 {d}）…", "Loading data (as of {d})…", d=as_of.isoformat()))
        data = load_input(session, as_of, loaded.config)
    timings["load"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    say(tr("计算评分…", "Scoring…"))
    result = score(data, loaded.config)
    timings["engine"] = time.perf_counter() - t1
    del data
    t2 = time.perf_counter()
    say(tr("保存结果…", "Saving results…"))
    with store.transaction() as session:
        if actor is not None:
            refresh_actor(session, actor)
        run = ScoreRun(
            as_of=as_of,
            engine_version=ENGINE_VERSION,
            config_hash=loaded.sha256,
            config_text=loaded.text,
            client_count=len(result.clients),
            manager_count=len(result.managers),
            warnings=result.warnings,
            created_by_id=actor.id if actor else None,
        )
        session.add(run)
        session.flush()
        _store_results(session, run.id, result)
        run.finished_at = clock.now()
        audit.record(
            session,
            actor,
            "score.run",
            "score_run",
            run.id,
            as_of=as_of.isoformat(),
            engine_version=ENGINE_VERSION,
            config_hash=loaded.sha256,
            clients=len(result.clients),
            managers=len(result.managers),
            suggestions=len(result.suggestions),
            warnings=len(result.warnings),
        )
        run_id = run.id
    timings["save"] = time.perf_counter() - t2
    grades = result.clients["grade"].value_counts().to_dict() if len(result.clients) else {}
    churn = result.clients["churn_risk"].value_counts().to_dict() if len(result.clients) else {}
    return ScoringSummary(
        run_id=run_id,
        as_of=as_of,
        engine_version=ENGINE_VERSION,
        config_hash=loaded.sha256,
        client_count=len(result.clients),
        manager_count=len(result.managers),
        suggestion_count=len(result.suggestions),
        grade_counts={str(k): int(v) for k, v in grades.items()},
        churn_counts={str(k): int(v) for k, v in churn.items()},
        warnings=result.warnings,
        timings=timings,
    )


def _batches(rows: list[dict[str, Any]], size: int = 5000) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]


def _require_clean(frame: pd.DataFrame, table: str) -> None:
    """Refuse to store NaN or infinity (an engine fault): SQLite would keep NULL and PostgreSQL the text
    or float NaN, so the same run would read differently on the two backends. None (NULL) is allowed."""
    for name in frame.columns:
        values = frame[name]
        if pd.api.types.is_float_dtype(values.dtype):
            bad = not np.isfinite(values.to_numpy(dtype=np.float64)).all()
        elif values.dtype == object:
            bad = any(isinstance(v, float) and not np.isfinite(v) for v in values)
        else:
            bad = not isinstance(values.dtype, pd.Int64Dtype) and bool(values.isna().any())
        if bad:
            raise ValueError(f"scoring result {table}.{name} holds NaN or infinity; nothing was stored")


def _churn_signals(session: Session, w: Any, p: dict[str, Any]) -> pd.DataFrame:
    """Per client, the churn signals of the look-back (issue #17): a custody-bank change, a transfer-out
    reported for a client still in the active book (in progress), complaints, the lowest call-back rating."""
    d = session.connection().dialect.name
    start = day_to_date(w.churn_start)
    q = {"c_start": start.isoformat() if d == "sqlite" else start, "as_of": p["as_of"]}
    rows: dict[int, dict[str, Any]] = {}

    def at(cid: int) -> dict[str, Any]:
        return rows.setdefault(
            int(cid),
            {"bank_changed": False, "transfer_out_pending": False, "complaints": 0, "min_satisfaction": None},
        )

    for cid, event in session.execute(
        text(
            "SELECT e.client_id, e.event FROM account_event e JOIN client c ON c.id = e.client_id "
            "WHERE e.date >= :c_start AND e.date <= :as_of AND (e.event = 'bank_changed' OR "
            "(e.event = 'transferred_out' AND c.status NOT IN ('closed', 'transferred_out')))"
        ),
        q,
    ):
        at(cid)["bank_changed" if event == "bank_changed" else "transfer_out_pending"] = True
    lo = datetime.combine(start, datetime.min.time(), tzinfo=UTC)
    for cid, n in session.execute(
        select(Complaint.client_id, func.count())
        .where(Complaint.received_at >= lo)
        .group_by(Complaint.client_id)
    ):
        at(cid)["complaints"] = int(n)
    for cid, low in session.execute(
        select(CallbackRecord.client_id, func.min(CallbackRecord.satisfaction))
        .where(CallbackRecord.satisfaction.is_not(None), CallbackRecord.occurred_at >= lo)
        .group_by(CallbackRecord.client_id)
    ):
        at(cid)["min_satisfaction"] = None if low is None else float(low)
    frame = pd.DataFrame(
        [{"client_id": cid, **v} for cid, v in rows.items()],
        columns=["client_id", "bank_changed", "transfer_out_pending", "complaints", "min_satisfaction"],
    )
    return frame


def _store_results(session: Session, run_id: int, result: ScoringResult) -> None:
    c = result.clients
    _require_clean(c.drop(columns=["reasons"]), "clients")
    _require_clean(result.managers.drop(columns=["components", "reasons"], errors="ignore"), "managers")
    cols = {k: c[k].tolist() for k in c.columns}
    rows = [
        {
            "run_id": run_id,
            "client_id": cid,
            "grade": grade,
            "value_score": Decimal(f"{vs:.1f}"),
            "avg_assets": _money(avg),
            "latest_assets": _money(latest),
            "commission_12m": _money(comm),
            "turnover": turnover,
            "activity": activity,
            "churn_risk": churn,
            "risk_style": style,
            "suitability_mismatch": bool(mismatch),
            "trading_ability": ability,
            "win_rate": win_rate,
            "realized_pnl": _money(pnl),
            "avg_holding_days": hold,
            "securitization_ratio": secur,
            "top_industry": industry,
            "top_industry_share": ind_share,
            "new_listing_share": new_share,
            "largest_position_share": largest,
            "lifecycle": lifecycle,
            "churn_reason": why,
            "reasons": reasons,
        }
        for (
            cid,
            grade,
            vs,
            avg,
            latest,
            comm,
            turnover,
            activity,
            churn,
            style,
            mismatch,
            ability,
            win_rate,
            pnl,
            hold,
            secur,
            industry,
            ind_share,
            new_share,
            largest,
            lifecycle,
            why,
            reasons,
        ) in zip(
            cols["client_id"],
            cols["grade"],
            cols["value_score"],
            cols["avg_assets"],
            cols["latest_assets"],
            cols["commission_12m"],
            cols["turnover"],
            cols["activity"],
            cols["churn_risk"],
            cols["risk_style"],
            cols["suitability_mismatch"],
            cols["trading_ability"],
            cols["win_rate"],
            cols["realized_pnl"],
            cols["avg_holding_days"],
            cols["securitization_ratio"],
            cols["top_industry"],
            cols["top_industry_share"],
            cols["new_listing_share"],
            cols["largest_position_share"],
            cols["lifecycle"],
            cols["churn_reason"],
            cols["reasons"],
            strict=True,
        )
    ]
    _insert(session, ClientScore, rows)
    mrows = []
    for r in _records(result.managers):
        mrows.append(
            {
                "run_id": run_id,
                "staff_id": int(r["staff_id"]),
                "capability_score": Decimal(f"{float(r['capability_score']):.1f}"),
                "tier": r["tier"],
                "client_count": int(r["client_count"]),
                "capacity": int(r["capacity"]),
                "book_assets": _money(float(r["book_assets"])),
                "retention": _optional(r["retention"]),
                "on_time_rate": _optional(r["on_time_rate"]),
                "satisfaction": _optional(r["satisfaction"]),
                "asset_growth": _optional(r["asset_growth"]),
                "components": r["components"],
                "reasons": r["reasons"],
            }
        )
    _insert(session, ManagerScore, mrows)
    srows = []
    for r in _records(result.suggestions):
        target = r["suggested_manager_id"]
        srows.append(
            {
                "run_id": run_id,
                "client_id": int(r["client_id"]),
                "kind": r["kind"],
                "from_manager_id": int(r["from_manager_id"]),
                "suggested_manager_id": None if target is None or pd.isna(target) else int(target),
                "reasons": r["reasons"],
                "status": "open",
            }
        )
    _insert(session, MatchSuggestion, srows)


def _insert(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """Result rows into ``model``'s table in the session's transaction: by ``COPY … FROM STDIN`` on
    PostgreSQL (one stream instead of a statement per batch), by batched INSERTs on SQLite."""
    if not rows:
        return
    if session.connection().dialect.name != "postgresql":
        for batch in _batches(rows):
            session.execute(insert(model), batch)
        return
    table = model.__table__
    names = list(rows[0])
    as_json = [isinstance(table.c[name].type, JSON) for name in names]
    # rls.copy_rows: where row-level security binds, PostgreSQL refuses COPY FROM straight into the table.
    rls.copy_rows(
        session,
        table.name,
        names,
        ([json.dumps(row[n]) if j else row[n] for n, j in zip(names, as_json, strict=True)] for row in rows),
    )


# ---------------------------------------------------------------- reading the latest results


def _refuse_one_branch_of_many(session: Session, actor: Actor) -> None:
    """A run scores every client of the store and becomes every branch's latest run. On a store of several
    branches it is the firm's batch, run by an administrator of no branch: a branch's account would write
    scores beyond its branch (and, under PostgreSQL row-level security, would see only its own clients)."""
    if actor.branch_id is None or (session.scalar(select(func.count()).select_from(Branch)) or 0) <= 1:
        return
    raise PermissionDenied(
        tr(
            "此数据库有多个营业部：评分一次覆盖全部营业部，请由不属于任何营业部的管理员（调度账号）运行。",
            "This store holds several branches: a scoring run covers all of them, so it is run by an "
            "administrator of no branch (the scheduler's account).",
        )
    )


def latest_run_id(session: Session) -> int | None:
    """The newest finished run, or None when the store has never been scored."""
    return session.scalar(select(func.max(ScoreRun.id)).where(ScoreRun.finished_at.is_not(None)))


def latest_run(session: Session) -> ScoreRun | None:
    rid = latest_run_id(session)
    return None if rid is None else session.get(ScoreRun, rid)


def latest_client_scores(session: Session, client_ids: Sequence[int] | None = None) -> dict[int, ClientScore]:
    """``{client_id: ClientScore}`` of the latest run (all clients, or only ``client_ids``).

    Empty when there is no run yet: views then show "not scored yet", never made-up values.
    """
    rid = latest_run_id(session)
    if rid is None:
        return {}
    q = select(ClientScore).where(ClientScore.run_id == rid)
    if client_ids is not None:
        ids = list(client_ids)
        if not ids:
            return {}
        out: dict[int, ClientScore] = {}
        for i in range(0, len(ids), 900):  # stay under SQLite's bound-parameter limit
            part = session.scalars(q.where(ClientScore.client_id.in_(ids[i : i + 900])))
            out.update({s.client_id: s for s in part})
        return out
    return {s.client_id: s for s in session.scalars(q)}


def latest_manager_scores(session: Session) -> dict[int, ManagerScore]:
    """``{staff_id: ManagerScore}`` of the latest run."""
    rid = latest_run_id(session)
    if rid is None:
        return {}
    return {m.staff_id: m for m in session.scalars(select(ManagerScore).where(ManagerScore.run_id == rid))}


def latest_suggestions(session: Session, *, status: str | None = "open") -> list[MatchSuggestion]:
    """Match suggestions of the latest run (open ones by default), grade mismatches first."""
    rid = latest_run_id(session)
    if rid is None:
        return []
    q = select(MatchSuggestion).where(MatchSuggestion.run_id == rid)
    if status is not None:
        q = q.where(MatchSuggestion.status == status)
    return list(session.scalars(q.order_by(MatchSuggestion.kind.desc(), MatchSuggestion.id)))


EXPORT_COLUMNS = (
    "client_no",
    "grade",
    "value_score",
    "avg_assets",
    "commission_12m",
    "turnover",
    "activity",
    "churn_risk",
    "risk_style",
    "suitability_mismatch",
    "trading_ability",
    "win_rate",
    "avg_holding_days",
    "lifecycle",
    "realized_pnl",
    "securitization_ratio",
    "top_industry",
    "top_industry_share",
    "new_listing_share",
    "latest_assets",
    "reasons",
)


def export_rows(store: Store, actor: Actor, lang: str) -> tuple[pd.DataFrame, ScoreRun | None]:
    """Latest results for the clients ``actor`` may see, one row per client, reasons rendered in ``lang``."""
    from crm_desktop.scoring.reasons import render_reasons

    sep = "; " if lang.lower().startswith("en") else "；"

    with store.transaction() as session:
        refresh_actor(session, actor)
        run = latest_run(session)
        if run is None:
            return pd.DataFrame(columns=list(EXPORT_COLUMNS)), None
        q = (
            select(Client.client_no, ClientScore)
            .join(Client, Client.id == ClientScore.client_id)
            .where(ClientScore.run_id == run.id)
            .where(visible_clients(actor))
            .order_by(Client.client_no)
        )
        records = []
        for client_no, s in session.execute(q):
            records.append(
                {
                    "client_no": client_no,
                    "grade": s.grade,
                    "value_score": s.value_score,
                    "avg_assets": s.avg_assets,
                    "commission_12m": s.commission_12m,
                    "turnover": s.turnover,
                    "activity": s.activity,
                    "churn_risk": s.churn_risk,
                    "risk_style": s.risk_style,
                    "suitability_mismatch": "true" if s.suitability_mismatch else "false",
                    "trading_ability": s.trading_ability,
                    "win_rate": s.win_rate,
                    "avg_holding_days": s.avg_holding_days,
                    "lifecycle": s.lifecycle,
                    "realized_pnl": s.realized_pnl,
                    "securitization_ratio": s.securitization_ratio,
                    "top_industry": s.top_industry or "",
                    "top_industry_share": s.top_industry_share,
                    "new_listing_share": s.new_listing_share,
                    "latest_assets": s.latest_assets,
                    "reasons": sep.join(render_reasons(s.reasons, lang)),
                }
            )
        # The caller audits the file it writes (services.exports.write_audited).
        session.expunge(run)
    return pd.DataFrame(records, columns=list(EXPORT_COLUMNS)), run
