"""Files of the call-back and complaint figures: the compliance sheets and the yearly complaint report (xlsx)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crm_desktop.domain.callbacks_vocab import (
    ComplaintCategory,
    ComplaintChannel,
    codes,
)
from crm_desktop.domain.cells import neutralise_row
from crm_desktop.domain.labels import label_of
from crm_desktop.i18n import tr
from crm_desktop.reports.tables import safe_frame
from crm_desktop.services.callback_compliance import CallbackCompliance
from crm_desktop.services.complaints import YearReport


def frames(report: CallbackCompliance) -> dict[str, pd.DataFrame]:
    """The figures as tables (sheet name -> frame), headers in the current language."""

    def rate(v: float | None) -> float | None:
        return None if v is None else round(v, 4)

    months = pd.DataFrame(
        [
            {
                tr("经理工号", "Manager login"): r.manager_login,
                tr("月份", "Month"): r.month,
                tr("新开户", "New accounts"): r.opened,
                tr("一个月内已回访", "Called back within a month"): r.covered,
                tr("未按时回访", "Missed"): r.missed,
                tr("尚在期限内", "Still within the month"): r.pending,
                tr("覆盖率", "Coverage"): rate(r.coverage),
                tr("抽样回访完成", "Sample call-backs done"): r.sample_done,
                tr("未结红旗", "Open red flags"): r.red_flags_open,
                tr("逾期投诉", "Overdue complaints"): r.complaints_overdue,
            }
            for r in [*report.months, report.total()]
        ]
    )
    sample = pd.DataFrame(
        [
            {
                tr("经理工号", "Manager login"): r.manager_login,
                tr("非休眠客户", "Non-dormant clients"): r.book,
                tr("年度目标", "Yearly target"): r.target,
                tr("已完成", "Done"): r.done,
                tr("待回访", "Open"): r.open,
                tr("达标", "Achieved"): tr("是", "yes") if r.achieved else tr("否", "no"),
            }
            for r in report.sample
        ]
    )
    sat = pd.DataFrame(
        [
            {
                tr("经理工号", "Manager login"): r.manager_login,
                tr("回访答复数", "Answers"): r.answers,
                tr("平均满意度", "Mean satisfaction"): round(r.mean, 2)
                if r.mean is not None
                else tr("数据不足", "not enough data"),
            }
            for r in report.satisfaction
        ]
    )
    return {
        tr("回访与投诉（按经理和月份）", "Call-backs by manager and month"): months,
        tr("年度抽样回访", "Yearly sample"): sample,
        tr("回访满意度", "Call-back satisfaction"): sat,
    }


def append_to_workbook(report: CallbackCompliance, path: Path) -> None:
    """Add the call-back sheets to the compliance workbook the service-compliance export wrote."""
    with pd.ExcelWriter(path, engine="openpyxl", mode="a", if_sheet_exists="replace") as writer:
        for sheet, frame in frames(report).items():
            safe_frame(frame).to_excel(writer, sheet_name=sheet[:31], index=False, startrow=2)
            ws = writer.sheets[sheet[:31]]
            ws.cell(
                row=1,
                column=1,
                value=tr(
                    "回访与投诉 {start} 至 {end}（截至 {today}）",
                    "Call-backs and complaints {start} to {end} (as of {today})",
                    start=report.start,
                    end=report.end,
                    today=report.today,
                ),
            )


def write_year_report(report: YearReport, path: Path) -> Path:
    """The yearly report as an Excel workbook: a summary sheet and the register of the year."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = tr("汇总", "Summary")
    bold = Font(bold=True)
    s = report.summary
    ws.append([tr("{y} 年度客户投诉汇总", "Client complaints {y}", y=report.year), report.branch_name])
    ws["A1"].font = bold
    ws.append([])
    for key, value in (
        (tr("投诉总数", "Complaints"), s.total),
        (tr("已办结", "Resolved"), s.resolved),
        (tr("逾期", "Overdue"), s.overdue),
        (
            tr("平均办结用时（工作日）", "Mean time to resolve (working days)"),
            round(s.mean_resolve_days, 1) if s.mean_resolve_days is not None else "-",
        ),
        (
            tr("最长办结用时（工作日）", "Longest time to resolve (working days)"),
            max(s.resolve_days) if s.resolve_days else "-",
        ),
    ):
        ws.append([key, value])
    ws.append([])
    ws.append([tr("按类别", "By category"), tr("件数", "Count")])
    ws.cell(ws.max_row, 1).font = bold
    for code in codes(ComplaintCategory):
        ws.append([label_of(ComplaintCategory, code), s.by_category.get(code, 0)])
    ws.append([])
    ws.append([tr("按渠道", "By channel"), tr("件数", "Count")])
    ws.cell(ws.max_row, 1).font = bold
    for code in codes(ComplaintChannel):
        ws.append([label_of(ComplaintChannel, code), s.by_channel.get(code, 0)])
    ws.column_dimensions["A"].width = 36
    reg = wb.create_sheet(tr("投诉登记", "Register"))
    reg.append(
        [
            tr("编号", "ID"),
            tr("客户号", "Client"),
            tr("收到时间", "Received"),
            tr("渠道", "Channel"),
            tr("类别", "Category"),
            tr("摘要", "Summary"),
            tr("办结期限", "Due"),
            tr("状态", "Status"),
            tr("处理人", "Handler"),
            tr("办结时间", "Resolved"),
            tr("客户接受", "Accepted"),
            tr("逾期", "Overdue"),
        ]
    )
    for cell in reg[1]:
        cell.font = bold
    for v in report.complaints:
        reg.append(
            neutralise_row(
                [
                    v.id,
                    v.client_no,
                    v.received_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                    v.channel_label,
                    v.category_label,
                    v.summary,
                    v.due_date,
                    v.status_label,
                    v.handler_login or "",
                    v.resolved_at.astimezone().strftime("%Y-%m-%d %H:%M") if v.resolved_at else "",
                    "" if v.accepted is None else (tr("是", "yes") if v.accepted else tr("否", "no")),
                    tr("是", "yes") if v.overdue else tr("否", "no"),
                ]
            )
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
