"""The branch dashboard on paper: the Excel workbook and the PDF, with the same tables and charts as the view.

The figures come from ``services.dashboard.build_dashboard``; who may export and the audit stay there.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from crm_desktop.db.store import Store
from crm_desktop.domain.cells import neutralise_row
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import language, tr
from crm_desktop.progress import Progress, ensure
from crm_desktop.scoring.reasons import render_reasons
from crm_desktop.services import dashboard as service
from crm_desktop.services.auth import Actor
from crm_desktop.services.dashboard import Dashboard
from crm_desktop.services.exports import write_audited
from crm_desktop.services.reassignment_rules import label

# ---------------------------------------------------------------------------------------------- labels


def column_titles() -> dict[str, str]:
    return {
        "grade": tr("等级", "Grade"),
        "clients": tr("客户数", "Clients"),
        "assets": tr("资产（元）", "Assets (CNY)"),
        "month": tr("月份", "Month"),
        "net_flow": tr("净流入（元）", "Net flow (CNY)"),
        "client_no": tr("客户号", "Client no."),
        "client_name": tr("姓名", "Name"),
        "manager": tr("经理", "Manager"),
        "churn_risk": tr("流失风险", "Churn risk"),
        "reasons": tr("原因", "Reasons"),
        "login": tr("工号", "Login"),
        "tier": tr("能力层级", "Tier"),
        "capability_score": tr("能力分", "Capability"),
        "capacity": tr("容量", "Capacity"),
        "on_time_rate": tr("按时率", "On-time rate"),
        "retention": tr("保有率", "Retention"),
        "churn_high": tr("高流失风险客户", "High churn risk"),
        "satisfaction": tr("回访满意度（答复数）", "Call-back satisfaction (answers)"),
        "red_flags_open": tr("未结红旗", "Open red flags"),
        "complaints": tr("本年投诉", "Complaints this year"),
    }


# Rates the engine could not measure (nothing held, nothing judged): say so instead of a dash that reads as zero.
_MEASURED_RATES = frozenset({"on_time_rate", "retention"})


def display_value(column: str, value: object) -> str:
    """Table text of one cell, in the current language."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        if column in _MEASURED_RATES:
            return tr("数据不足", "Not enough data")
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
    if column == "reasons":
        return "；".join(render_reasons(list(value), language())) or "-"  # type: ignore[call-overload]
    return str(value)


def sheets(d: Dashboard) -> list[tuple[str, pd.DataFrame]]:
    return [
        (tr("等级分布", "Grades"), d.grades),
        (tr("月度资产与净流入", "Assets by month"), d.monthly),
        (tr("流失风险", "Churn risk"), d.churn),
        (tr("经理排行", "Managers"), d.league),
    ]


# ---------------------------------------------------------------------------------------------- export


def export_dashboard(
    store: Store,
    actor: Actor,
    path: Path,
    *,
    dashboard: Dashboard | None = None,
    progress: Progress | None = None,
    purpose: str | None = None,
    branch_id: int | None = None,
) -> Path:
    """Write the dashboard as .xlsx or .pdf (by the file suffix) and audit the export; ``branch_id`` is
    head office's choice (None: every branch)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise InvalidInput(
            tr(
                "只能导出为 .xlsx 或 .pdf 文件：{name}",
                "Export to a .xlsx or .pdf file, not {name}.",
                name=path.name,
            )
        )
    d = dashboard or service.build_dashboard(store, actor, branch_id=branch_id)
    service.authorize_export(actor)
    p = ensure(progress)
    p.check()
    p.step(1, 3, tr("正在生成文件…", "Writing the file…"))
    # Audited before the file gets its name; a cancel or a failure leaves neither a file nor an audit entry.
    write_audited(
        store,
        actor,
        path,
        lambda tmp: write_xlsx(d, tmp) if suffix == ".xlsx" else write_pdf(d, tmp),
        action="dashboard.export",
        entity_type="branch",
        entity_id=actor.branch_id if branch_id is None else branch_id,
        rows=d.client_count,
        purpose=purpose,
        progress=p,
        format=suffix[1:],
        run_id=d.run_id,
    )
    p.step(3, 3, "")
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
    ws0.append(
        [
            tr("评分日期", "Scored as of"),
            d.scored_as_of.isoformat() if d.scored_as_of else tr("尚未评分", "not scored yet"),
        ]
    )
    ws0.append([tr("客户数", "Clients"), d.client_count])
    ws0["A1"].font = Font(bold=True, size=14)
    for name, frame in sheets(d):
        ws = wb.create_sheet(name[:31])
        cols = list(frame.columns)
        ws.append(neutralise_row(titles.get(c, c) for c in cols))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for rec in frame.itertuples(index=False):
            row: list[object] = []
            for c, v in zip(cols, rec, strict=True):
                if v is None or (isinstance(v, float) and pd.isna(v)):
                    row.append(None)
                elif c in ("tier", "churn_risk", "grade", "reasons"):
                    row.append(display_value(c, v))
                elif isinstance(v, Decimal):
                    row.append(float(v))
                elif hasattr(v, "item"):
                    row.append(v.item())
                else:
                    row.append(v)
            ws.append(neutralise_row(row))
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
    from crm_desktop.reports.dashboard_charts import render_png

    font = register_reportlab()
    h1 = ParagraphStyle("h1", fontName=font, fontSize=16, leading=22, spaceAfter=6)
    h2 = ParagraphStyle("h2", fontName=font, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4)
    body = ParagraphStyle("b", fontName=font, fontSize=8, leading=10)
    doc = SimpleDocTemplate(
        str(path),
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=tr("营业部看板", "Branch dashboard"),
        author="crm-desktop",
    )
    story: list[Any] = [
        Paragraph(f"{tr('营业部看板', 'Branch dashboard')} · {d.branch_name}", h1),
        Paragraph(
            tr(
                "生成于 {at}；评分日期 {asof}；客户 {n} 位",
                "Generated {at}; scored as of {asof}; {n} clients",
                at=d.generated_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                asof=d.scored_as_of.isoformat() if d.scored_as_of else tr("尚未评分", "not scored yet"),
                n=d.client_count,
            ),
            body,
        ),
        Spacer(1, 4 * mm),
    ]
    png = render_png(d, width_in=10.5, height_in=3.6)
    story.append(Image(io.BytesIO(png), width=267 * mm, height=267 * mm * 3.6 / 10.5))
    titles = column_titles()
    for name, frame in sheets(d):
        story.append(Paragraph(name, h2))
        if frame.empty:
            story.append(
                Paragraph(
                    tr("无数据（尚未评分或没有资产快照）", "No data (not scored yet, or no snapshots)"), body
                )
            )
            continue
        cols = list(frame.columns)
        data = [[Paragraph(titles.get(c, c), body) for c in cols]]
        for rec in frame.itertuples(index=False):
            data.append([Paragraph(display_value(c, v), body) for c, v in zip(cols, rec, strict=True)])
        widths = [(90 if c == "reasons" else 22) * mm for c in cols]
        scale = min(1.0, (273 * mm) / sum(widths))
        table = Table(data, colWidths=[w * scale for w in widths], repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), font),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#b0b8c4")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(table)
    doc.build(story)
