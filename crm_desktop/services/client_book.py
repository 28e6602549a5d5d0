"""The client book: every client an actor may see, with the figures a manager scans a book by.

Built for books of 100,000 clients: a handful of set-based queries (clients, latest scores, last
touch, next due task, managers) land in pandas columns; nothing is loaded row by row as ORM objects.
Visibility is the WHERE clause of :func:`services.visibility.visible_clients`; masking of personal
data follows :func:`services.visibility.may_see_personal_data`.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

import numpy as np
import pandas as pd
from sqlalchemy import Float, Select, String, and_, func, select, type_coerce
from sqlalchemy.orm import Session

from crm_desktop import clock
from crm_desktop.db.models import Client, ClientScore, ScoreRun, ServiceTask, Staff, Touch
from crm_desktop.db.models.enums import TaskStatus
from crm_desktop.db.store import Store
from crm_desktop.domain.vocabulary import LOST_STATUSES
from crm_desktop.services.auth import Actor
from crm_desktop.services.visibility import may_see_personal_data, visible_clients

# Columns of the book frame, in this order. Numbers are float64 (NaN = not scored yet), dates are
# datetime64 (NaT = none), texts are Python str ("" = none).
BOOK_COLUMNS = (
    "client_id",
    "client_no",
    "name",
    "manager_id",
    "manager_login",
    "manager_name",
    "grade",
    "value_score",
    "avg_assets",
    "latest_assets",
    "commission_12m",
    "churn_risk",
    "risk_level",
    "mismatch",
    "lifecycle",
    "status",
    "last_touch",
    "next_due",
    "overdue",
    "phone_tail",
)

# The columns of `crm export clients` (and of the CSV a script reads), in this order.
EXPORT_COLUMNS = (
    "client_no",
    "name",
    "manager_login",
    "grade",
    "value_score",
    "avg_assets",
    "commission_12m",
    "churn_risk",
    "risk_level",
    "suitability_mismatch",
    "lifecycle",
    "status",
    "last_touch",
    "next_due",
)

OPEN_TASK_STATUSES = (TaskStatus.OPEN.value, TaskStatus.OVERDUE.value)


@dataclass(frozen=True)
class ClientBook:
    frame: pd.DataFrame
    # Id and as-of date of the scoring run the figures come from; None = never scored.
    run_id: int | None
    run_as_of: date | None
    # Branch managers and admins see whose client it is; an investment manager's book is their own.
    show_manager: bool
    personal_data: bool
    today: date
    # True for a first screen loaded with a limit while the whole book is still on its way.
    partial: bool = False

    @property
    def scored(self) -> bool:
        return self.run_id is not None


def latest_run_id(session: Session) -> int | None:
    """Id of the newest finished scoring run.

    The scoring service owns run bookkeeping; when it offers ``latest_run_id`` this defers to it.
    """
    try:
        helper = importlib.import_module("crm_desktop.services.scoring").latest_run_id
    except (ImportError, AttributeError):
        helper = None
    if helper is not None:
        return cast("int | None", helper(session))
    return session.scalar(select(func.max(ScoreRun.id)).where(ScoreRun.finished_at.is_not(None)))


def mask_name(name: str) -> str:
    """What an admin sees of a client's name: the family name only (张**)."""
    name = (name or "").strip()
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


def _is_text(s: pd.Series) -> bool:
    first = s.dropna()
    return bool(len(first)) and isinstance(first.iloc[0], str)


def _to_utc(values: Sequence[Any]) -> pd.Series:
    # SQLite hands back ISO text (read raw for speed), PostgreSQL datetime objects; both are UTC.
    s = pd.Series(values, dtype=object)
    if _is_text(s):
        return pd.to_datetime(s, utc=True, format="ISO8601")
    return pd.to_datetime(s, utc=True)


def _to_dates(values: Sequence[Any]) -> pd.Series:
    s = pd.Series(values, dtype=object)
    out = pd.to_datetime(s, format="ISO8601") if _is_text(s) else pd.to_datetime(s)
    return out.astype("datetime64[ns]")


def load_book(
    store: Store,
    actor: Actor,
    *,
    today: date | None = None,
    limit: int | None = None,
    include_lost: bool = False,
) -> ClientBook:
    """The actor's client book as one DataFrame (see ``BOOK_COLUMNS``).

    ``limit`` loads only the first clients by number: a first screen to show while the whole book loads.
    Closed and transferred-out clients have left the active book; ``include_lost`` shows them too.
    """
    today = today or clock.today()
    with store.read() as session:
        return _load_book(session, actor, today, limit, include_lost)


def _book_query(
    actor: Actor, run_id: int | None, limit: int | None = None, include_lost: bool = False
) -> Select:
    """One statement for the whole book: clients, their manager, latest score, last touch, next due task.

    With ``limit``, only the first clients by number (and only their touches and tasks are aggregated).
    """
    where = visible_clients(actor)
    if not include_lost:
        where = where & Client.status.not_in(LOST_STATUSES)
    if limit is not None:
        first = select(Client.id).where(where).order_by(Client.client_no).limit(limit)
        where = Client.id.in_(first.scalar_subquery())
    last_touch = (
        select(Touch.client_id.label("client_id"), func.max(Touch.occurred_at).label("at"))
        .join(Client, Client.id == Touch.client_id)
        .where(where, Touch.status == "active")
        .group_by(Touch.client_id)
        .subquery()
    )
    next_task = (
        select(ServiceTask.client_id.label("client_id"), func.min(ServiceTask.due_date).label("due"))
        .join(Client, Client.id == ServiceTask.client_id)
        .where(where, ServiceTask.status.in_(OPEN_TASK_STATUSES))
        .group_by(ServiceTask.client_id)
        .subquery()
    )
    return (
        select(
            Client.id,
            Client.client_no,
            Client.name,
            Client.manager_id,
            Client.risk_level,
            Client.status,
            # Only the last four characters of the phone leave the database: enough to find a caller by,
            # not enough to call them. (substr from length-3 means the same on SQLite and PostgreSQL.)
            # The phone itself is sealed (db/pii.py); its masked form keeps the same tail in clear.
            func.substr(Client.phone_masked, func.length(Client.phone_masked) - 3),
            Staff.login,
            Staff.display_name,
            ClientScore.grade,
            type_coerce(ClientScore.value_score, Float),
            type_coerce(ClientScore.avg_assets, Float),
            type_coerce(ClientScore.latest_assets, Float),
            type_coerce(ClientScore.commission_12m, Float),
            ClientScore.churn_risk,
            ClientScore.suitability_mismatch,
            ClientScore.lifecycle,
            # raw values: SQLite hands back ISO text, converted column-wise below (much faster than per row)
            type_coerce(last_touch.c.at, String),
            type_coerce(next_task.c.due, String),
        )
        .outerjoin(Staff, Staff.id == Client.manager_id)
        .outerjoin(
            ClientScore,
            and_(
                ClientScore.client_id == Client.id,
                ClientScore.run_id == (run_id if run_id is not None else -1),
            ),
        )
        .outerjoin(last_touch, last_touch.c.client_id == Client.id)
        .outerjoin(next_task, next_task.c.client_id == Client.id)
        .where(where)
        .order_by(Client.client_no)
    )


def _texts(values: Sequence[Any]) -> np.ndarray:
    arr = np.array(values, dtype=object)
    arr[pd.isna(arr)] = ""
    return arr


def _floats(values: Sequence[Any]) -> np.ndarray:
    return np.array(values, dtype=np.float64)  # None becomes NaN


def _fetch_columns(session: Session, stmt: Select, width: int) -> list[Sequence[Any]]:
    """Run ``stmt`` on the raw DB-API cursor and return its columns (skips building 100,000 Row objects)."""
    conn = session.connection()
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params: Any = compiled.params
    if conn.dialect.positional:
        params = tuple(compiled.params[name] for name in compiled.positiontup or ())
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), params)
        rows = cursor.fetchall()
    finally:
        cursor.close()
    return list(zip(*rows, strict=True)) if rows else [() for _ in range(width)]


def _load_book(
    session: Session, actor: Actor, today: date, limit: int | None = None, include_lost: bool = False
) -> ClientBook:
    run_id = latest_run_id(session)
    run_as_of = session.scalar(select(ScoreRun.as_of).where(ScoreRun.id == run_id)) if run_id else None
    cols = _fetch_columns(session, _book_query(actor, run_id, limit, include_lost), 19)
    (
        ids,
        nos,
        names,
        mgr_ids,
        risk,
        status,
        phones,
        mgr_login,
        mgr_name,
        grade,
        value,
        avg,
        latest,
        comm,
        churn,
        mismatch,
        lifecycle,
        touch_at,
        due,
    ) = cols
    personal = may_see_personal_data(actor)
    if personal:
        tails = _texts(phones)
        shown_names = _texts(names)
    else:
        tails = np.full(len(ids), "", dtype=object)
        shown_names = np.array([mask_name(n) for n in names], dtype=object)
    next_due = _to_dates(due).to_numpy()
    df = pd.DataFrame(
        {
            "client_id": np.asarray(ids, dtype=np.int64),
            "client_no": _texts(nos),
            "name": shown_names,
            "manager_id": _floats(mgr_ids),
            "manager_login": _texts(mgr_login),
            "manager_name": _texts(mgr_name),
            "grade": _texts(grade),
            "value_score": _floats(value),
            "avg_assets": _floats(avg),
            "latest_assets": _floats(latest),
            "commission_12m": _floats(comm),
            "churn_risk": _texts(churn),
            "risk_level": _texts(risk),
            "mismatch": _floats(mismatch),
            "lifecycle": _texts(lifecycle),
            "status": _texts(status),
            "last_touch": pd.to_datetime(_to_utc(touch_at).to_numpy(dtype="datetime64[ns]"), utc=True),
            "next_due": next_due,
            "overdue": next_due < np.datetime64(today, "ns"),
            "phone_tail": tails,
        }
    )
    return ClientBook(
        frame=df,
        run_id=run_id,
        run_as_of=run_as_of,
        show_manager=not actor.is_investment_manager,
        personal_data=personal,
        today=today,
        partial=limit is not None and len(df) >= limit,
    )


def export_frame(book: ClientBook, rows: np.ndarray | None = None) -> pd.DataFrame:
    """The export columns of ``book`` (optionally only ``rows``, positions in the frame), as plain values."""
    f = book.frame if rows is None else book.frame.iloc[rows]
    local = datetime.now().astimezone().tzinfo
    touch = f["last_touch"].dt.tz_convert(local).dt.strftime("%Y-%m-%d %H:%M")
    return pd.DataFrame(
        {
            "client_no": f["client_no"],
            "name": f["name"],
            "manager_login": f["manager_login"],
            "grade": f["grade"],
            "value_score": f["value_score"].round(2),
            "avg_assets": f["avg_assets"].round(2),
            "commission_12m": f["commission_12m"].round(2),
            "churn_risk": f["churn_risk"],
            "risk_level": f["risk_level"],
            "suitability_mismatch": f["mismatch"].map({1.0: "yes", 0.0: "no"}).fillna(""),
            "lifecycle": f["lifecycle"],
            "status": f["status"],
            "last_touch": touch.fillna(""),
            "next_due": f["next_due"].dt.strftime("%Y-%m-%d").fillna(""),
        }
    ).reset_index(drop=True)
