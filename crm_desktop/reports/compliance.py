"""The service-compliance report as an Excel workbook: one sheet per table, headed in the current language."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crm_desktop.i18n import tr
from crm_desktop.reports.tables import safe_frame
from crm_desktop.services.compliance import ALL_GRADES, NOT_SCORED, ComplianceReport


def report_frames(report: ComplianceReport) -> dict[str, pd.DataFrame]:
    """The report as tables (sheet name -> frame) with headers in the current language."""

    def rate(v: float | None) -> float | None:
        return None if v is None else round(v, 4)

    tasks = pd.DataFrame(
        [
            {
                tr("经理工号", "Manager login"): r.manager_login,
                tr("经理", "Manager"): r.manager_name,
                tr("等级", "Grade"): tr("全部", "all")
                if r.grade == ALL_GRADES
                else (tr("未评级", "not scored") if r.grade == NOT_SCORED else r.grade),
                tr("应完成", "Due"): r.due,
                tr("按时完成", "Done on time"): r.on_time,
                tr("逾期完成", "Done late"): r.late,
                tr("当前逾期", "Overdue now"): r.overdue_now,
                tr("今日待办", "Due today"): r.open_due_today,
                tr("按时率", "On-time rate"): rate(r.on_time_rate),
            }
            for r in [*report.rows, report.total()]
        ]
    )
    new = pd.DataFrame(
        [
            {
                tr("经理工号", "Manager login"): r.manager_login,
                tr("新开户数", "New accounts"): r.opened,
                tr("30天内已回访", "Followed up within 30 days"): r.covered,
                tr("未按时回访", "Missed"): r.missed,
                tr("尚在期限内", "Still within 30 days"): r.pending,
                tr("覆盖率", "Coverage"): rate(r.coverage),
            }
            for r in report.new_accounts
        ]
    )
    risk = pd.DataFrame(
        [
            {
                tr("客户号", "Client no"): r.client_no,
                tr("客户", "Client"): r.client_name,
                tr("经理工号", "Manager login"): r.manager_login,
                tr("上次测评", "Last assessed"): r.assessed_on.isoformat() if r.assessed_on else "",
                tr("应测评日期", "Reassessment due"): r.due_date.isoformat(),
            }
            for r in report.risk_overdue
        ]
    )
    return {
        tr("任务完成", "Tasks"): tasks,
        tr("新开户回访", "New accounts"): new,
        tr("风险测评逾期", "Risk reassessment overdue"): risk,
    }


def export_excel(report: ComplianceReport, path: Path | str) -> Path:
    """Write the report as an .xlsx workbook (one sheet per table, the period on the first rows)."""
    path = Path(path)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for sheet, frame in report_frames(report).items():
            safe_frame(frame).to_excel(writer, sheet_name=sheet[:31], index=False, startrow=2)
            ws = writer.sheets[sheet[:31]]
            ws.cell(
                row=1,
                column=1,
                value=tr(
                    "服务合规统计 {start} 至 {end}（截至 {today}）",
                    "Service compliance {start} to {end} (as of {today})",
                    start=report.start,
                    end=report.end,
                    today=report.today,
                ),
            )
            for col in ws.columns:
                width = max((len(str(c.value)) for c in col if c.value is not None and c.row > 1), default=8)
                ws.column_dimensions[col[0].column_letter].width = min(max(10, width + 4), 40)
    return path
