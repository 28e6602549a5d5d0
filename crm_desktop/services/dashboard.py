"""The branch dashboard: grades, assets and flows by month, churn risk, the manager league table.

Figures come from the latest score run (grades, churn, capability) and from the asset snapshots
(monthly assets and net flows). Without a score run the score-based parts are empty and the views say
"not scored yet"; nothing is estimated. Exports: Excel (.xlsx) and PDF with the same tables and charts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_desktop.db.models import AssetSnapshot, Branch, Client, ClientScore, ManagerScore, Staff
from crm_desktop.db.models.enums import Role
from crm_desktop.db.store import Store
from crm_desktop.db.types import utcnow
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import language, tr
from crm_desktop.scoring.reasons import reason_code, render_reasons
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, require_role
from crm_desktop.services.reassignment_rules import label, latest_run

GRADES = ("V5", "V4", "V3", "V2", "V1")
MONTHS = 12

GRADE_COLUMNS = ("grade", "clients", "assets")
MONTH_COLUMNS = ("month", "assets", "net_flow")
CHURN_COLUMNS = ("client_no", "client_name", "manager", "grade", "churn_risk", "assets", "reasons")
LEAGUE_COLUMNS = ("login", "manager", "tier", "capability_score", "clients", "capacity", "assets", "on_time_rate",
                  "retention", "churn_high", "satisfaction", "red_flags_open", "complaints")


@dataclass(frozen=True)
class Dashboard:
    branch_name: str
    generated_at: datetime
    run_id: int | None
    scored_as_of: date | None
    client_count: int
    grades: pd.DataFrame  # GRADE_COLUMNS, V5 first; empty when not scored
    monthly: pd.DataFrame  # MONTH_COLUMNS, oldest first, month as "YYYY-MM"
    churn: pd.DataFrame  # CHURN_COLUMNS, high first then largest assets
    league: pd.DataFrame  # LEAGUE_COLUMNS, most capable first

    @property
    def scored(self) -> bool:
        return self.run_id is not None

    @property
    def total_assets(self) -> float:
        return float(self.grades["assets"].sum()) if not self.grades.empty else 0.0


def build_dashboard(store: Store, actor: Actor, *, months: int = MONTHS) -> Dashboard:
    """The actor's branch (branch managers only)."""
    require_role(actor, Role.BRANCH_MANAGER)
    with store.read() as session:
        branch = session.get(Branch, actor.branch_id) if actor.branch_id else None
        run = latest_run(session)
        clients = pd.DataFrame(
            session.execute(
                select(Client.id, Client.client_no, Client.name, Client.manager_id).where(
                    Client.branch_id == actor.branch_id, Client.status != "closed")
            ).all(),
            columns=["client_id", "client_no", "client_name", "manager_id"],
        )
        staff = {s.id: s for s in session.scalars(select(Staff).where(Staff.branch_id == actor.branch_id))}
        scores = _scores(session, run.id if run else None, actor.branch_id, clients)
        return Dashboard(
            branch_name=branch.name if branch else "",
            generated_at=utcnow(),
            run_id=run.id if run else None,
            scored_as_of=run.as_of if run else None,
            client_count=len(clients),
            grades=_grades(scores),
            monthly=_monthly(session, actor.branch_id, months),
            churn=_churn(scores, staff),
            league=_league(session, run.id if run else None, clients, scores, staff),
        )


def _scores(session: Session, run_id: int | None, branch_id: int | None, clients: pd.DataFrame) -> pd.DataFrame:
    cols = ["client_id", "grade", "assets", "churn_risk", "reasons"]
    if run_id is None or clients.empty:
        frame = pd.DataFrame(columns=cols)
    else:
        rows = session.execute(
            select(ClientScore.client_id, ClientScore.grade, ClientScore.latest_assets, ClientScore.churn_risk,
                   ClientScore.reasons)
            .join(Client, Client.id == ClientScore.client_id)
            .where(ClientScore.run_id == run_id, Client.branch_id == branch_id, Client.status != "closed")
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
        select(func.max(AssetSnapshot.date)).join(Client, Client.id == AssetSnapshot.client_id)
        .where(Client.branch_id == branch_id))
    if last is None:
        return pd.DataFrame(columns=list(MONTH_COLUMNS))
    y, m = divmod(last.year * 12 + last.month - 1 - (months - 1), 12)
    start = date(y, m + 1, 1)
    # Sum per day in SQL (a few hundred rows), then months in pandas: the same on both backends.
    rows = session.execute(
        select(AssetSnapshot.date, func.sum(AssetSnapshot.total_assets), func.sum(AssetSnapshot.net_inflow))
        .join(Client, Client.id == AssetSnapshot.client_id)
        .where(Client.branch_id == branch_id, AssetSnapshot.date >= start)
        .group_by(AssetSnapshot.date).order_by(AssetSnapshot.date)
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
    lang = language()
    risky["order"] = risky["churn_risk"].map({"high": 0, "medium": 1})
    risky = risky.sort_values(["order", "assets", "client_no"], ascending=[True, False, True])
    risky["manager"] = risky["manager_id"].map(
        lambda i: staff[int(i)].display_name if pd.notna(i) and int(i) in staff else "-")
    risky["reasons"] = risky["reasons"].map(
        lambda rs: "；".join(render_reasons([r for r in (rs or []) if reason_code(r).startswith("churn")],
                                           lang)))
    return risky[list(CHURN_COLUMNS)].reset_index(drop=True)


def _league(session: Session, run_id: int | None, clients: pd.DataFrame, scores: pd.DataFrame,
            staff: dict[int, Staff]) -> pd.DataFrame:
    ms: dict[int, ManagerScore] = {}
    if run_id is not None:
        ms = {m.staff_id: m for m in session.scalars(select(ManagerScore).where(ManagerScore.run_id == run_id))}
    serving = set(clients["manager_id"].dropna().astype(int)) if not clients.empty else set()
    people = [s for s in staff.values()
              if (s.role == Role.INVESTMENT_MANAGER.value and s.active) or s.id in serving]
    counts = clients.groupby("manager_id").size() if not clients.empty else pd.Series(dtype=int)
    assets = scores.groupby("manager_id")["assets"].sum() if not scores.empty else pd.Series(dtype=float)
    high = (scores[scores["churn_risk"] == "high"].groupby("manager_id").size()
            if not scores.empty else pd.Series(dtype=int))
    cb = _callback_figures(session, {s.id for s in people})
    rows: list[dict[str, Any]] = []
    for s in people:
        m = ms.get(s.id)
        rows.append({
            "login": s.login, "manager": s.display_name, "tier": m.tier if m else None,
            "capability_score": float(m.capability_score) if m else None,
            "clients": int(counts.get(s.id, 0)), "capacity": int(m.capacity) if m else None,
            "assets": float(assets.get(s.id, 0.0)) if run_id is not None else None,
            "on_time_rate": float(m.on_time_rate) if m else None, "retention": float(m.retention) if m else None,
            "churn_high": int(high.get(s.id, 0)) if run_id is not None else None,
            **cb.get(s.id, {"satisfaction": None, "red_flags_open": 0, "complaints": 0}),
        })
    frame = pd.DataFrame(rows, columns=list(LEAGUE_COLUMNS))
    if not frame.empty:
        frame["_k"] = frame["capability_score"].fillna(-1.0)
        frame = frame.sort_values(["_k", "login"], ascending=[False, True]).drop(columns="_k").reset_index(drop=True)
    return frame


def _callback_figures(session: Session, ids: set[int]) -> dict[int, dict[str, Any]]:
    """Per manager: call-back satisfaction of the last year (with the answer count), open red flags,
    complaints about them received this year."""
    from crm_desktop import clock
    from crm_desktop.db.models import AlertCase, Complaint
    from crm_desktop.services.callbacks import satisfaction_by_manager

    today = clock.today()
    sat = satisfaction_by_manager(session, today - timedelta(days=365), today)
    flags = dict(session.execute(select(AlertCase.manager_id, func.count()).where(
        AlertCase.manager_id.in_(ids), AlertCase.status != "closed").group_by(AlertCase.manager_id)).all())
    start = datetime(today.year, 1, 1, tzinfo=UTC)
    complaints = dict(session.execute(select(Complaint.about_manager_id, func.count()).where(
        Complaint.about_manager_id.in_(ids), Complaint.received_at >= start).group_by(Complaint.about_manager_id)
    ).all())
    out: dict[int, dict[str, Any]] = {}
    for sid in ids:
        s = sat.get(sid)
        text = None if s is None else (f"{s.mean:.2f} ({s.answers})" if s.mean is not None else
                                       tr("数据不足（{n} 条）", "not enough data ({n})", n=s.answers))
        out[sid] = {"satisfaction": text, "red_flags_open": int(flags.get(sid, 0)),
                    "complaints": int(complaints.get(sid, 0))}
    return out


# ---------------------------------------------------------------------------------------------- labels


def column_titles() -> dict[str, str]:
    return {
        "grade": tr("等级", "Grade"), "clients": tr("客户数", "Clients"), "assets": tr("资产（元）", "Assets (CNY)"),
        "month": tr("月份", "Month"), "net_flow": tr("净流入（元）", "Net flow (CNY)"),
        "client_no": tr("客户号", "Client no."), "client_name": tr("姓名", "Name"), "manager": tr("经理", "Manager"),
        "churn_risk": tr("流失风险", "Churn risk"), "reasons": tr("原因", "Reasons"), "login": tr("工号", "Login"),
        "tier": tr("能力层级", "Tier"), "capability_score": tr("能力分", "Capability"),
        "capacity": tr("容量", "Capacity"), "on_time_rate": tr("按时率", "On-time rate"),
        "retention": tr("保有率", "Retention"), "churn_high": tr("高流失风险客户", "High churn risk"),
        "satisfaction": tr("回访满意度（答复数）", "Call-back satisfaction (answers)"),
        "red_flags_open": tr("未结红旗", "Open red flags"), "complaints": tr("本年投诉", "Complaints this year"),
    }


def display_value(column: str, value: object) -> str:
    """Table text of one cell, in the current language."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "-"
    if column in ("assets", "net_flow"):
        return f"{float(value):,.0f}"  # type: ignore[arg-type]
    if column in ("on_time_rate", "retention"):
        return f"{float(value):.0%}"  # type: ignore[arg-type]
    if column == "capability_score":
        return f"{float(value):.1f}"  # type: ignore[arg-type]
    if column == "tier":
        return label("tier", str(value))
    if column == "churn_risk":
        return label("churn_risk", str(value))
    if column == "grade":
        return label("grade", str(value))
    return str(value)


def sheets(d: Dashboard) -> list[tuple[str, pd.DataFrame]]:
    return [
        (tr("等级分布", "Grades"), d.grades),
        (tr("月度资产与净流入", "Assets by month"), d.monthly),
        (tr("流失风险", "Churn risk"), d.churn),
        (tr("经理排行", "Managers"), d.league),
    ]


# ---------------------------------------------------------------------------------------------- export


def export_dashboard(store: Store, actor: Actor, path: Path, *, dashboard: Dashboard | None = None,
                     progress: Callable[[int, int, str], None] | None = None) -> Path:
    """Write the dashboard as .xlsx or .pdf (by the file suffix) and audit the export."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise InvalidInput(tr("只能导出为 .xlsx 或 .pdf 文件：{name}", "Export to a .xlsx or .pdf file, not {name}.",
                              name=path.name))
    d = dashboard or build_dashboard(store, actor)
    require_role(actor, Role.BRANCH_MANAGER)
    if progress:
        progress(1, 3, tr("正在生成文件…", "Writing the file…"))
    try:
        if suffix == ".xlsx":
            write_xlsx(d, path)
        else:
            write_pdf(d, path)
    except OSError as exc:
        raise InvalidInput(tr("无法写入 {path}：{e}", "Cannot write {path}: {e}", path=path, e=exc.strerror)) from exc
    with store.transaction() as session:
        audit.record(session, actor, "dashboard.export", "branch", actor.branch_id, file=path.name,
                     format=suffix[1:], run_id=d.run_id)
    if progress:
        progress(3, 3, "")
    return path


def write_xlsx(d: Dashboard, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    titles = column_titles()
    wb = Workbook()
    ws0 = wb.active
    assert ws0 is not None
    ws0.title = tr("概况", "Summary")
    ws0.append([tr("营业部看板", "Branch dashboard"), d.branch_name])
    ws0.append([tr("生成时间", "Generated"), d.generated_at.astimezone().strftime("%Y-%m-%d %H:%M")])
    ws0.append([tr("评分日期", "Scored as of"), d.scored_as_of.isoformat() if d.scored_as_of else
                tr("尚未评分", "not scored yet")])
    ws0.append([tr("客户数", "Clients"), d.client_count])
    ws0["A1"].font = Font(bold=True, size=14)
    for name, frame in sheets(d):
        ws = wb.create_sheet(name[:31])
        cols = list(frame.columns)
        ws.append([titles.get(c, c) for c in cols])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for rec in frame.itertuples(index=False):
            row: list[object] = []
            for c, v in zip(cols, rec, strict=True):
                if v is None or (isinstance(v, float) and pd.isna(v)):
                    row.append(None)
                elif c in ("tier", "churn_risk", "grade"):
                    row.append(display_value(c, v))
                elif isinstance(v, Decimal):
                    row.append(float(v))
                elif hasattr(v, "item"):
                    row.append(v.item())
                else:
                    row.append(v)
            ws.append(row)
        for c_idx, c in enumerate(cols, start=1):
            letter = ws.cell(row=1, column=c_idx).column_letter
            ws.column_dimensions[letter].width = 60 if c == "reasons" else 16
            if c in ("assets", "net_flow"):
                for cell in ws[letter][1:]:
                    cell.number_format = "#,##0"
            elif c in ("on_time_rate", "retention"):
                for cell in ws[letter][1:]:
                    cell.number_format = "0%"
        ws.freeze_panes = "A2"
    wb.save(path)


def write_pdf(d: Dashboard, path: Path) -> None:
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from crm_desktop.fonts import register_reportlab
    from crm_desktop.services.dashboard_charts import render_png

    font = register_reportlab()
    h1 = ParagraphStyle("h1", fontName=font, fontSize=16, leading=22, spaceAfter=6)
    h2 = ParagraphStyle("h2", fontName=font, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4)
    body = ParagraphStyle("b", fontName=font, fontSize=8, leading=10)
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm,
                            title=tr("营业部看板", "Branch dashboard"), author="crm-desktop")
    story: list[Any] = [
        Paragraph(f"{tr('营业部看板', 'Branch dashboard')} · {d.branch_name}", h1),
        Paragraph(tr("生成于 {at}；评分日期 {asof}；客户 {n} 位", "Generated {at}; scored as of {asof}; {n} clients",
                     at=d.generated_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                     asof=d.scored_as_of.isoformat() if d.scored_as_of else tr("尚未评分", "not scored yet"),
                     n=d.client_count), body),
        Spacer(1, 4 * mm),
    ]
    png = render_png(d, width_in=10.5, height_in=3.6)
    story.append(Image(io.BytesIO(png), width=267 * mm, height=267 * mm * 3.6 / 10.5))
    titles = column_titles()
    for name, frame in sheets(d):
        story.append(Paragraph(name, h2))
        if frame.empty:
            story.append(Paragraph(tr("无数据（尚未评分或没有资产快照）", "No data (not scored yet, or no snapshots)"), body))
            continue
        cols = list(frame.columns)
        data = [[Paragraph(titles.get(c, c), body) for c in cols]]
        for rec in frame.itertuples(index=False):
            data.append([Paragraph(display_value(c, v), body) for c, v in zip(cols, rec, strict=True)])
        widths = [(90 if c == "reasons" else 22) * mm for c in cols]
        scale = min(1.0, (273 * mm) / sum(widths))
        table = Table(data, colWidths=[w * scale for w in widths], repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#b0b8c4")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))
        story.append(table)
    doc.build(story)
