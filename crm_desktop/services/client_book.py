"""The client book: every client an actor may see, with the figures a manager scans a book by.

Built for books of 100,000 clients: a handful of set-based queries (clients, latest scores, last
touch, next due task, managers) land in pandas columns; nothing is loaded row by row as ORM objects.
Visibility is the WHERE clause of :func:`services.visibility.visible_clients`; masking of personal
data follows :func:`services.visibility.may_see_personal_data`.
"""

from __future__ import annotations

import csv
import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd
from sqlalchemy import Float, String, func, select, type_coerce
from sqlalchemy.orm import Session

from crm_desktop.db.models import Client, ClientScore, ScoreRun, ServiceTask, Staff, Touch
from crm_desktop.db.models.enums import TaskStatus
from crm_desktop.db.store import Store
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor
from crm_desktop.services.visibility import may_see_personal_data, visible_clients

# Columns of the book frame, in this order. Numbers are float64 (NaN = not scored yet), dates are
# datetime64 (NaT = none), texts are Python str ("" = none).
BOOK_COLUMNS = (
    "client_id", "client_no", "name", "manager_id", "manager_login", "manager_name", "grade", "value_score",
    "avg_assets", "latest_assets", "commission_12m", "churn_risk", "risk_level", "mismatch", "lifecycle",
    "status", "last_touch", "next_due", "overdue", "phone_tail",
)

# The columns of `crm export clients` (and of the CSV a script reads), in this order.
EXPORT_COLUMNS = (
    "client_no", "name", "manager_login", "grade", "value_score", "avg_assets", "commission_12m", "churn_risk",
    "risk_level", "suitability_mismatch", "lifecycle", "status", "last_touch", "next_due",
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


def load_book(store: Store, actor: Actor, *, today: date | None = None) -> ClientBook:
    """The actor's client book as one DataFrame (see ``BOOK_COLUMNS``)."""
    today = today or date.today()
    with store.read() as session:
        return _load_book(session, actor, today)


def _load_book(session: Session, actor: Actor, today: date) -> ClientBook:
    where = visible_clients(actor)
    rows = session.execute(
        select(Client.id, Client.client_no, Client.name, Client.manager_id, Client.risk_level, Client.status,
               Client.phone).where(where).order_by(Client.client_no)
    ).all()
    cols: list[Sequence[Any]] = list(zip(*rows, strict=True)) if rows else [() for _ in range(7)]
    ids = np.asarray(cols[0], dtype=np.int64)
    df = pd.DataFrame({
        "client_id": ids,
        "client_no": pd.Series(cols[1], dtype=object),
        "name": pd.Series(cols[2], dtype=object),
        "manager_id": pd.Series(cols[3], dtype="float64"),
        "risk_level": pd.Series(cols[4], dtype=object),
        "status": pd.Series(cols[5], dtype=object),
    })
    personal = may_see_personal_data(actor)
    if personal:
        phones = pd.Series(cols[6], dtype=object).fillna("").astype(str)
        # Only the last four digits leave this function: enough to find a caller, not to call them.
        df["phone_tail"] = phones.str.replace(r"\D", "", regex=True).str[-4:]
    else:
        df["name"] = df["name"].map(mask_name)
        df["phone_tail"] = ""

    staff = dict(
        (sid, (login, name))
        for sid, login, name in session.execute(select(Staff.id, Staff.login, Staff.display_name)).all()
    )
    mgr = df["manager_id"]
    df["manager_login"] = [staff.get(int(m), ("", ""))[0] if m == m else "" for m in mgr]
    df["manager_name"] = [staff.get(int(m), ("", ""))[1] if m == m else "" for m in mgr]

    run_id = latest_run_id(session)
    run_as_of = session.scalar(select(ScoreRun.as_of).where(ScoreRun.id == run_id)) if run_id else None
    score_cols = ("grade", "value_score", "avg_assets", "latest_assets", "commission_12m", "churn_risk",
                  "mismatch", "lifecycle")
    if run_id is not None and len(df):
        srows = session.execute(
            select(ClientScore.client_id, ClientScore.grade, type_coerce(ClientScore.value_score, Float),
                   type_coerce(ClientScore.avg_assets, Float), type_coerce(ClientScore.latest_assets, Float),
                   type_coerce(ClientScore.commission_12m, Float), ClientScore.churn_risk,
                   ClientScore.suitability_mismatch, ClientScore.lifecycle)
            .join(Client, Client.id == ClientScore.client_id)
            .where(ClientScore.run_id == run_id, where)
        ).all()
        scores = pd.DataFrame(srows, columns=["client_id", *score_cols])
        scores["mismatch"] = scores["mismatch"].astype("float64")
        for c in ("value_score", "avg_assets", "latest_assets", "commission_12m"):
            scores[c] = scores[c].astype("float64")
        df = df.merge(scores, on="client_id", how="left")
    else:
        for c in score_cols:
            df[c] = np.nan if c in ("value_score", "avg_assets", "latest_assets", "commission_12m", "mismatch") \
                else None
    for c in ("grade", "churn_risk", "lifecycle"):
        df[c] = df[c].fillna("").astype(object)

    touch_rows = session.execute(
        select(Touch.client_id, type_coerce(func.max(Touch.occurred_at), String))
        .join(Client, Client.id == Touch.client_id)
        .where(where, Touch.status == "active")
        .group_by(Touch.client_id)
    ).all()
    last = pd.Series(_to_utc([r[1] for r in touch_rows]).to_numpy(dtype="datetime64[ns]"),
                     index=np.asarray([r[0] for r in touch_rows], dtype=np.int64))
    df["last_touch"] = pd.to_datetime(last.reindex(df["client_id"].to_numpy()).to_numpy(), utc=True)

    task_rows = session.execute(
        select(ServiceTask.client_id, type_coerce(func.min(ServiceTask.due_date), String))
        .join(Client, Client.id == ServiceTask.client_id)
        .where(where, ServiceTask.status.in_(OPEN_TASK_STATUSES))
        .group_by(ServiceTask.client_id)
    ).all()
    due = pd.Series(_to_dates([r[1] for r in task_rows]).to_numpy(),
                    index=np.asarray([r[0] for r in task_rows], dtype=np.int64))
    df["next_due"] = pd.to_datetime(due.reindex(df["client_id"].to_numpy()).to_numpy())
    df["overdue"] = (df["next_due"] < pd.Timestamp(today)).to_numpy()

    df = df.loc[:, list(BOOK_COLUMNS)].reset_index(drop=True)
    return ClientBook(frame=df, run_id=run_id, run_as_of=run_as_of, show_manager=not actor.is_investment_manager,
                      personal_data=personal, today=today)


def export_frame(book: ClientBook, rows: np.ndarray | None = None) -> pd.DataFrame:
    """The export columns of ``book`` (optionally only ``rows``, positions in the frame), as plain values."""
    f = book.frame if rows is None else book.frame.iloc[rows]
    local = datetime.now().astimezone().tzinfo
    touch = f["last_touch"].dt.tz_convert(local).dt.strftime("%Y-%m-%d %H:%M")
    return pd.DataFrame({
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
    }).reset_index(drop=True)


def write_table(frame: pd.DataFrame, path: Path, headers: Sequence[str] | None = None) -> None:
    """Write CSV (UTF-8 with BOM, so Excel opens Chinese correctly) or .xlsx, by the file's suffix."""
    suffix = path.suffix.lower()
    heads = list(headers) if headers is not None else [str(c) for c in frame.columns]
    try:
        if suffix == ".xlsx":
            _write_xlsx(frame, path, heads)
        elif suffix == ".csv":
            with path.open("w", encoding="utf-8-sig", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(heads)
                for row in frame.itertuples(index=False):
                    w.writerow(["" if (isinstance(v, float) and v != v) else v for v in row])
        else:
            raise InvalidInput(tr("不支持的导出格式 {s}：请用 .csv 或 .xlsx 结尾的文件名。",
                                  "Unsupported export format {s}: name the file .csv or .xlsx.", s=suffix or "-"))
    except OSError as exc:
        raise InvalidInput(tr("无法写入 {p}：{e}。请选择可写的位置。", "Cannot write {p}: {e}. Choose a writable place.",
                              p=path, e=exc.strerror or exc)) from exc


def _write_xlsx(frame: pd.DataFrame, path: Path, headers: list[str]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    from openpyxl.cell import WriteOnlyCell

    head_cells = []
    for h in headers:
        cell = WriteOnlyCell(ws, value=h)
        cell.font = bold
        head_cells.append(cell)
    ws.append(head_cells)
    for row in frame.itertuples(index=False):
        ws.append([None if (isinstance(v, float) and v != v) else v for v in row])
    wb.save(path)


def export_clients(store: Store, actor: Actor, path: Path, *, rows: np.ndarray | None = None,
                   book: ClientBook | None = None, frame: pd.DataFrame | None = None,
                   headers: Sequence[str] | None = None) -> int:
    """Export the actor's book (or the given view of it) and audit who exported how many clients.

    ``frame`` is what a view shows (already built from a book the actor loaded); without it the
    export columns of ``book`` (loaded now when not given) are written. Returns the row count.
    """
    if frame is None:
        if book is None:
            book = load_book(store, actor)
        frame = export_frame(book, rows)
    write_table(frame, path, headers)
    with store.transaction() as session:
        audit.record(session, actor, "clients.export", "client", None, rows=len(frame), file=path.name)
    return len(frame)
