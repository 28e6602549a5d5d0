"""The branch dashboard: grades, assets and flows by month, churn risk, the manager league table.

Figures come from the latest score run (grades, churn, capability) and from the asset snapshots
(monthly assets and net flows). Without a score run the score-based parts are empty and the views say
"not scored yet"; nothing is estimated. The workbook and PDF exports are drawn by crm_desktop.reports.dashboard;
this module checks who may export and audits it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_desktop.db.models import AssetSnapshot, Branch, Client, ClientScore, ManagerScore, Staff
from crm_desktop.db.models.enums import Role
from crm_desktop.db.store import Store
from crm_desktop.db.types import utcnow
from crm_desktop.domain.vocabulary import LOST_STATUSES
from crm_desktop.errors import NotFound
from crm_desktop.i18n import tr
from crm_desktop.masking import mask_client_no, mask_name
from crm_desktop.scoring.reasons import reason_code
from crm_desktop.services.auth import Actor, require_role
from crm_desktop.services.reassignment_rules import latest_run
from crm_desktop.services.visibility import figures_branch, in_branch, may_see_personal_data

GRADES = ("V5", "V4", "V3", "V2", "V1")
MONTHS = 12

GRADE_COLUMNS = ("grade", "clients", "assets")
MONTH_COLUMNS = ("month", "assets", "net_flow")
CHURN_COLUMNS = ("client_no", "client_name", "manager", "grade", "churn_risk", "assets", "reasons")
LEAGUE_COLUMNS = (
    "login",
    "manager",
    "tier",
    "capability_score",
    "clients",
    "capacity",
    "assets",
    "on_time_rate",
    "retention",
    "churn_high",
    "satisfaction",
    "red_flags_open",
    "complaints",
)


@dataclass(frozen=True)
class Dashboard:
    branch_name: str
    generated_at: datetime
    run_id: int | None
    scored_as_of: date | None
    client_count: int
    grades: pd.DataFrame  # GRADE_COLUMNS, V5 first; empty when not scored
    monthly: pd.DataFrame  # MONTH_COLUMNS, oldest first, month as "YYYY-MM"
    churn: pd.DataFrame  # CHURN_COLUMNS, high first then largest assets; reasons as reason records
    league: pd.DataFrame  # LEAGUE_COLUMNS, most capable first

    @property
    def scored(self) -> bool:
        return self.run_id is not None

    @property
    def total_assets(self) -> float:
        return float(self.grades["assets"].sum()) if not self.grades.empty else 0.0


def build_dashboard(
    store: Store, actor: Actor, *, months: int = MONTHS, branch_id: int | None = None
) -> Dashboard:
    """The actor's branch (branch managers); head office (总部) reads the branch it chooses, or every
    branch together with ``branch_id=None``, and sees client numbers and names masked."""
    require_role(actor, Role.BRANCH_MANAGER, Role.HEAD_OFFICE)
    branch_id = figures_branch(actor, branch_id)
    with store.read() as session:
        branch = session.get(Branch, branch_id) if branch_id else None
        if branch_id is not None and branch is None:
            raise NotFound(tr("营业部不存在。", "No such branch."))
        run = latest_run(session)
        clients = pd.DataFrame(
            session.execute(
                select(Client.id, Client.client_no, Client.name, Client.manager_id).where(
                    in_branch(Client.branch_id, branch_id), Client.status.not_in(LOST_STATUSES)
                )
            ).all(),
            columns=["client_id", "client_no", "client_name", "manager_id"],
        )
        if not may_see_personal_data(actor):
            clients["client_no"] = clients["client_no"].map(mask_client_no)
            clients["client_name"] = clients["client_name"].map(mask_name)
        staff = {s.id: s for s in session.scalars(select(Staff).where(in_branch(Staff.branch_id, branch_id)))}
        scores = _scores(session, run.id if run else None, branch_id, clients)
        return Dashboard(
            branch_name=branch.name if branch else tr("全部营业部", "All branches"),
            generated_at=utcnow(),
            run_id=run.id if run else None,
            scored_as_of=run.as_of if run else None,
            client_count=len(clients),
            grades=_grades(scores),
            monthly=_monthly(session, branch_id, months),
            churn=_churn(scores, staff),
            league=_league(session, run.id if run else None, clients, scores, staff),
        )


def _scores(
    session: Session, run_id: int | None, branch_id: int | None, clients: pd.DataFrame
) -> pd.DataFrame:
    cols = ["client_id", "grade", "assets", "churn_risk", "reasons"]
    if run_id is None or clients.empty:
        frame = pd.DataFrame(columns=cols)
    else:
        rows = session.execute(
            select(
                ClientScore.client_id,
                ClientScore.grade,
                ClientScore.latest_assets,
                ClientScore.churn_risk,
                ClientScore.reasons,
            )
            .join(Client, Client.id == ClientScore.client_id)
            .where(
                ClientScore.run_id == run_id,
                in_branch(Client.branch_id, branch_id),
                Client.status.not_in(LOST_STATUSES),
            )
        ).all()
        frame = pd.DataFrame(rows, columns=cols)
    frame["assets"] = frame["assets"].map(lambda v: float(v) if v is not None else 0.0).astype(float)
    return clients.merge(frame, on="client_id", how="inner")


def _grades(scores: pd.DataFrame) -> pd.DataFrame:
    if scores.empty:
        return pd.DataFrame(columns=list(GRADE_COLUMNS))
    g = scores.groupby("grade").agg(clients=("client_id", "count"), assets=("assets", "sum"))
    g = g.reindex(list(GRADES), fill_value=0).reset_index().rename(columns={"index": "grade"})
    g["clients"] = g["clients"].astype(int)
    g["assets"] = g["assets"].astype(float)
    return g[list(GRADE_COLUMNS)]


def _monthly(session: Session, branch_id: int | None, months: int) -> pd.DataFrame:
    last = session.scalar(
        select(func.max(AssetSnapshot.date))
        .join(Client, Client.id == AssetSnapshot.client_id)
        .where(in_branch(Client.branch_id, branch_id))
    )
    if last is None:
        return pd.DataFrame(columns=list(MONTH_COLUMNS))
    y, m = divmod(last.year * 12 + last.month - 1 - (months - 1), 12)
    start = date(y, m + 1, 1)
    # Sum per day in SQL (a few hundred rows), then months in pandas: the same on both backends.
    rows = session.execute(
        select(AssetSnapshot.date, func.sum(AssetSnapshot.total_assets), func.sum(AssetSnapshot.net_inflow))
        .join(Client, Client.id == AssetSnapshot.client_id)
        .where(in_branch(Client.branch_id, branch_id), AssetSnapshot.date >= start)
        .group_by(AssetSnapshot.date)
        .order_by(AssetSnapshot.date)
    ).all()
    daily = pd.DataFrame(rows, columns=["date", "assets", "net_flow"])
    daily["assets"] = daily["assets"].map(float)
    daily["net_flow"] = daily["net_flow"].map(float)
    daily["month"] = pd.to_datetime(daily["date"]).dt.strftime("%Y-%m")
    # month-end assets: the branch total on the last snapshot day of the month
    out = daily.groupby("month").agg(assets=("assets", "last"), net_flow=("net_flow", "sum")).reset_index()
    return out[list(MONTH_COLUMNS)]


def _churn(scores: pd.DataFrame, staff: dict[int, Staff]) -> pd.DataFrame:
    if scores.empty:
        return pd.DataFrame(columns=list(CHURN_COLUMNS))
    risky = scores[scores["churn_risk"].isin(["high", "medium"])].copy()
    risky["order"] = risky["churn_risk"].map({"high": 0, "medium": 1})
    risky = risky.sort_values(["order", "assets", "client_no"], ascending=[True, False, True])
    risky["manager"] = risky["manager_id"].map(
        lambda i: staff[int(i)].display_name if pd.notna(i) and int(i) in staff else "-"
    )
    # The churn reasons stay codes and figures: they are worded when shown, in the language of that moment.
    risky["reasons"] = risky["reasons"].map(
        lambda rs: [r for r in (rs or []) if reason_code(r).startswith("churn")]
    )
    return risky[list(CHURN_COLUMNS)].reset_index(drop=True)


def _league(
    session: Session, run_id: int | None, clients: pd.DataFrame, scores: pd.DataFrame, staff: dict[int, Staff]
) -> pd.DataFrame:
    ms: dict[int, ManagerScore] = {}
    if run_id is not None:
        ms = {
            m.staff_id: m for m in session.scalars(select(ManagerScore).where(ManagerScore.run_id == run_id))
        }
    serving = set(clients["manager_id"].dropna().astype(int)) if not clients.empty else set()
    people = [
        s for s in staff.values() if (s.role == Role.INVESTMENT_MANAGER.value and s.active) or s.id in serving
    ]
    counts = clients.groupby("manager_id").size() if not clients.empty else pd.Series(dtype=int)
    assets = scores.groupby("manager_id")["assets"].sum() if not scores.empty else pd.Series(dtype=float)
    high = (
        scores[scores["churn_risk"] == "high"].groupby("manager_id").size()
        if not scores.empty
        else pd.Series(dtype=int)
    )
    cb = _callback_figures(session, {s.id for s in people})
    rows: list[dict[str, Any]] = []
    for s in people:
        m = ms.get(s.id)
        rows.append(
            {
                "login": s.login,
                "manager": s.display_name,
                "tier": m.tier if m else None,
                "capability_score": float(m.capability_score) if m else None,
                "clients": int(counts.get(s.id, 0)),
                "capacity": int(m.capacity) if m else None,
                "assets": float(assets.get(s.id, 0.0)) if run_id is not None else None,
                "on_time_rate": float(m.on_time_rate) if m and m.on_time_rate is not None else None,
                "retention": float(m.retention) if m and m.retention is not None else None,
                "churn_high": int(high.get(s.id, 0)) if run_id is not None else None,
                **cb.get(s.id, {"satisfaction": None, "red_flags_open": 0, "complaints": 0}),
            }
        )
    frame = pd.DataFrame(rows, columns=list(LEAGUE_COLUMNS))
    if not frame.empty:
        frame["_k"] = frame["capability_score"].fillna(-1.0)
        frame = (
            frame.sort_values(["_k", "login"], ascending=[False, True])
            .drop(columns="_k")
            .reset_index(drop=True)
        )
    return frame


def _callback_figures(session: Session, ids: set[int]) -> dict[int, dict[str, Any]]:
    """Per manager: call-back satisfaction of the last year (with the answer count), open red flags,
    complaints about them received this year."""
    from crm_desktop import clock
    from crm_desktop.db.models import AlertCase, Complaint
    from crm_desktop.services.callbacks import satisfaction_by_manager

    today = clock.today()
    sat = satisfaction_by_manager(session, today - timedelta(days=365), today)
    flags = dict(
        session.execute(
            select(AlertCase.manager_id, func.count())
            .where(AlertCase.manager_id.in_(ids), AlertCase.status != "closed")
            .group_by(AlertCase.manager_id)
        ).all()
    )
    start = datetime(today.year, 1, 1, tzinfo=UTC)
    complaints = dict(
        session.execute(
            select(Complaint.about_manager_id, func.count())
            .where(Complaint.about_manager_id.in_(ids), Complaint.received_at >= start)
            .group_by(Complaint.about_manager_id)
        ).all()
    )
    out: dict[int, dict[str, Any]] = {}
    for sid in ids:
        s = sat.get(sid)
        text = (
            None
            if s is None
            else (
                f"{s.mean:.2f} ({s.answers})"
                if s.mean is not None
                else tr("数据不足（{n} 条）", "not enough data ({n})", n=s.answers)
            )
        )
        out[sid] = {
            "satisfaction": text,
            "red_flags_open": int(flags.get(sid, 0)),
            "complaints": int(complaints.get(sid, 0)),
        }
    return out


# ---------------------------------------------------------------------------------------------- export


def authorize_export(actor: Actor) -> None:
    """Who may export the dashboard (checked before any file is written)."""
    require_role(actor, Role.BRANCH_MANAGER, Role.HEAD_OFFICE)
