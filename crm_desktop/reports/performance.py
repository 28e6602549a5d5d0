"""The month's performance (业绩) as files: the payroll workbook (xlsx, team totals on a second sheet)
and the printable summary report (汇总报表打印, PDF with the bundled CJK font).

An unmeasurable figure is an empty cell in the workbook and 数据不足 / "Not enough data" in print,
never a number."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from crm_desktop.i18n import tr
from crm_desktop.services.performance import PERFORMANCE_COLUMNS, PerformanceReport, PerformanceRow

RATES = ("on_time_rate", "callback_satisfaction")


def not_enough_data() -> str:
    return tr("数据不足", "Not enough data")


def column_titles() -> dict[str, str]:
    return {
        "manager_login": tr("经理", "Manager"),
        "new_accounts": tr("新开户", "New accounts"),
        "net_new_assets": tr("净新增资产（元）", "Net new assets (CNY)"),
        "commission": tr("佣金（分成后，元）", "Commission after shares (CNY)"),
        "products_amount": tr("产品销售（元）", "Products sold (CNY)"),
        "lost": tr("流失", "Lost"),
        "regained": tr("挽回", "Regained"),
        "on_time_rate": tr("服务按时率", "On-time service"),
        "callback_satisfaction": tr("回访满意度", "Call-back satisfaction"),
        "complaints": tr("投诉", "Complaints"),
    }


def display_value(column: str, row: PerformanceRow) -> str:
    """A figure as printed: money to the yuan with separators, rates in per cent, 数据不足 when unmeasurable."""
    v = getattr(row, column)
    if column == "manager_login":
        return str(v)
    if v is None:
        return not_enough_data()
    if column in ("net_new_assets", "commission", "products_amount"):
        return f"{Decimal(v):,.2f}"
    if column == "on_time_rate":
        return f"{float(v) * 100:.1f}%"
    if column == "callback_satisfaction":
        return f"{float(v):.2f}"
    return str(v)


def write_xlsx(report: PerformanceReport, path: Path) -> None:
    """The payroll workbook: the same columns as ``crm performance --out FILE.xlsx``."""
    from openpyxl import load_workbook

    from crm_desktop.reports.tables import write_table

    path.parent.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame([r.cells() for r in report.rows], columns=list(PERFORMANCE_COLUMNS))
    write_table(frame, path)
    if report.teams:
        wb = load_workbook(path)
        ws = wb.create_sheet(tr("团队合计", "Team totals"))
        ws.append(["team", "lead_login", *PERFORMANCE_COLUMNS[1:]])
        for name, (lead, total) in report.teams.items():
            ws.append([name, lead, *total.cells()[1:]])
        wb.save(path)


def _total(report: PerformanceReport) -> PerformanceRow:
    t = PerformanceRow(tr("合计", "Total"))
    for r in report.rows:
        t.new_accounts += r.new_accounts
        t.net_new_assets += r.net_new_assets
        t.commission += r.commission
        t.lost += r.lost
        t.regained += r.regained
        t.complaints += r.complaints
    return t


def write_pdf(
    report: PerformanceReport, path: Path, branch_name: str = "", generated_at: datetime | None = None
) -> None:
    """One landscape A4 page (more if the branch is large): the managers' figures, a total line, the team
    totals, and a line on what 数据不足 means; signature lines at the foot for the printed copy."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from crm_desktop.fonts import register_reportlab

    font = register_reportlab()
    h1 = ParagraphStyle("h1", fontName=font, fontSize=16, leading=22, spaceAfter=4)
    h2 = ParagraphStyle("h2", fontName=font, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4)
    body = ParagraphStyle("b", fontName=font, fontSize=9, leading=12)
    cell = ParagraphStyle("c", fontName=font, fontSize=9, leading=11)
    num = ParagraphStyle("n", parent=cell, alignment=2)
    path.parent.mkdir(parents=True, exist_ok=True)
    title = tr("业绩汇总报表", "Performance summary")
    doc = SimpleDocTemplate(
        str(path),
        pagesize=landscape(A4),
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=f"{title} {report.month}",
        author="crm-desktop",
    )
    head = f"{title} · {report.month}" + (f" · {branch_name}" if branch_name else "")
    story: list[Any] = [
        Paragraph(head, h1),
        Paragraph(
            tr(
                "统计期间 {s} 至 {e}；经理 {n} 位{at}",
                "Period {s} to {e}; {n} manager(s){at}",
                s=report.start.isoformat(),
                e=report.end.isoformat(),
                n=len(report.rows),
                at=(
                    tr("；打印于 {t}", "; printed {t}", t=generated_at.strftime("%Y-%m-%d %H:%M"))
                    if generated_at
                    else ""
                ),
            ),
            body,
        ),
        Spacer(1, 4 * mm),
    ]
    titles = column_titles()
    cols = list(PERFORMANCE_COLUMNS)

    def table(
        rows: list[PerformanceRow], first: list[tuple[str, str]] | None = None, bold_last: bool = False
    ) -> Table:
        heads = [titles[c] for c in cols]
        if first is not None:
            heads = [tr("团队", "Team"), tr("组长", "Lead"), *heads[1:]]
        data: list[list[Any]] = [[Paragraph(h, cell) for h in heads]]
        for i, r in enumerate(rows):
            vals = [display_value(c, r) for c in cols]
            if first is not None or (bold_last and i == len(rows) - 1):
                # totals do not sum rates: a dash, not 数据不足 (the members' own rows say that)
                vals = ["—" if c in RATES else v for c, v in zip(cols, vals, strict=True)]
            if first is not None:
                vals = [first[i][0], first[i][1], *vals[1:]]
            data.append(
                [Paragraph(v, cell if j == 0 or (first and j == 1) else num) for j, v in enumerate(vals)]
            )
        widths = [26, 18, 34, 34, 28, 16, 16, 24, 24, 16]
        if first is not None:
            widths = [26, 22, *widths[1:]]
        scale = (269 * mm) / sum(widths)
        t = Table(data, colWidths=[w * scale for w in widths], repeatRows=1, hAlign="LEFT")
        style = [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#b0b8c4")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
        if bold_last:
            style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f3f5f8")))
        t.setStyle(TableStyle(style))
        return t

    story.append(Paragraph(tr("经理业绩", "Managers"), h2))
    if report.rows:
        story.append(table([*report.rows, _total(report)], bold_last=True))
    else:
        story.append(Paragraph(tr("本月没有经理。", "No managers this month."), body))
    if report.teams:
        story.append(Paragraph(tr("团队合计", "Team totals"), h2))
        teams = list(report.teams.items())
        story.append(table([t for _n, (_l, t) in teams], first=[(n, lead) for n, (lead, _t) in teams]))
    story.append(Spacer(1, 4 * mm))
    story.append(
        Paragraph(
            tr(
                "说明：佣金与净新增资产按开发人/服务人分成后计入；“数据不足”表示该项本月无法计量"
                "（如无到期任务、无评分回访、尚无活动产品数据），不是零。合计行不汇总比率。",
                "Notes: commission and net new assets are counted after the developer/servicer shares; "
                "“Not enough data” means the figure could not be measured this month (no task due, no rated "
                "call-back, no campaign product data yet), not zero. Totals leave rates out.",
            ),
            body,
        )
    )
    story.append(Spacer(1, 12 * mm))
    signatures = [
        tr("制表：", "Prepared by:"),
        tr("复核：", "Checked by:"),
        tr("营业部负责人：", "Branch manager:"),
    ]
    sign = Table(
        [[Paragraph(f"{t} ______________", body) for t in signatures]], colWidths=[90 * mm] * 3, hAlign="LEFT"
    )
    sign.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story.append(sign)
    doc.build(story)
