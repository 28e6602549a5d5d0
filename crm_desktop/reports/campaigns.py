"""Campaign files and pictures: the results workbook, the target list CSV, the funnel chart, the push send list."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from crm_desktop.domain.labels import label_of
from crm_desktop.domain.vocabulary import CampaignObjective, CampaignStatus, TargetStatus
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.services.campaigns import TARGET_COLUMNS, CampaignResults, ResultRow
from crm_desktop.services.pushes import SEND_LIST_COLUMNS, SendList

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from crm_desktop.domain.campaigns import Funnel

FUNNEL_COLORS = ("#4C72B0", "#55A868", "#DD8452", "#C44E52")


def _writable(path: Path, exc: OSError) -> InvalidInput:
    return InvalidInput(
        tr(
            "无法写入 {p}：{e}。请选择可写的位置。",
            "Cannot write {p}: {e}. Choose a writable place.",
            p=path,
            e=exc.strerror or exc,
        )
    )


def funnel_steps(f: Funnel) -> list[tuple[str, int]]:
    return [
        (tr("目标客户", "targeted"), f.targeted),
        (tr("已联系", "contacted"), f.contacted),
        (tr("有反馈", "responded"), f.responded),
        (tr("已认购", "converted"), f.converted),
    ]


def _funnel_rows(rows: list[ResultRow], key_title: str) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                key_title: r.key or "-",
                tr("名称", "name"): r.name,
                tr("目标客户", "targeted"): r.funnel.targeted,
                tr("已联系", "contacted"): r.funnel.contacted,
                tr("有反馈", "responded"): r.funnel.responded,
                tr("已认购", "converted"): r.funnel.converted,
                tr("认购金额（元）", "amount (CNY)"): r.funnel.amount,
                tr("转化率", "conversion"): round(r.funnel.conversion, 4),
            }
            for r in rows
        ]
    )


def result_sheets(res: CampaignResults) -> list[tuple[str, pd.DataFrame]]:
    c = res.campaign
    summary = [
        (tr("活动", "campaign"), f"{c.id} {c.name}"),
        (tr("目标", "objective"), label_of(CampaignObjective, c.objective)),
        (tr("产品", "product"), f"{c.product_code or '-'} {c.product_name or ''}".strip()),
        (tr("期间", "period"), f"{c.start_date.isoformat()} ~ {c.end_date.isoformat()}"),
        (tr("状态", "status"), label_of(CampaignStatus, c.status)),
        (tr("筛选条件", "filter"), c.filter_text or tr("全部客户", "all clients")),
    ]
    for step, n in funnel_steps(res.total):
        summary.append((step, str(n)))
    summary.append((tr("认购金额（元）", "amount (CNY)"), f"{res.total.amount:.2f}"))
    for reason, n in res.excluded.items():
        summary.append((tr("排除：", "excluded: ") + label_of(TargetStatus, reason), str(n)))
    return [
        (tr("汇总", "Summary"), pd.DataFrame(summary, columns=[tr("项目", "item"), tr("数值", "value")])),
        (tr("按经理", "By manager"), _funnel_rows(res.by_manager, tr("经理工号", "manager"))),
        (tr("按等级", "By grade"), _funnel_rows(res.by_grade, tr("等级", "grade"))),
    ]


def write_results_xlsx(res: CampaignResults, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    if path.suffix.lower() != ".xlsx":
        raise InvalidInput(tr("结果只能导出为 .xlsx 文件。", "Results are exported as an .xlsx file only."))
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    for title, frame in result_sheets(res):
        ws = wb.create_sheet(title)
        ws.append([str(c) for c in frame.columns])
        for cell in ws[1]:
            cell.font = bold
        for row in frame.itertuples(index=False):
            ws.append(list(row))
        for col in ws.columns:
            width = max(len(str(cell.value or "")) for cell in col)
            ws.column_dimensions[col[0].column_letter].width = min(max(10, width * 1.6), 60)
    try:
        wb.save(path)
    except OSError as exc:
        raise _writable(path, exc) from exc
    return path


def write_targets_csv(frame: pd.DataFrame, path: Path) -> int:
    """The target list with exactly the columns ``client_no, manager_login, status, response, amount``."""
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(TARGET_COLUMNS)
            for row in frame[list(TARGET_COLUMNS)].itertuples(index=False):
                w.writerow(list(row))
    except OSError as exc:
        raise _writable(path, exc) from exc
    return len(frame)


def write_send_list(send: SendList, path: Path) -> int:
    """The push's send list for the firm's SMS or app platform: client number, masked phone, message."""
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(SEND_LIST_COLUMNS)
            for r in send.rows:
                w.writerow([r.client_no, r.masked_phone, r.message])
    except OSError as exc:
        raise _writable(path, exc) from exc
    return len(send.rows)


def draw_funnel(ax: Axes, f: Funnel, title: str | None = None) -> None:
    """Horizontal bars, widest at the top, each labelled with its count and its share of the targeted."""
    steps = funnel_steps(f)
    ax.set_title(title or tr("营销漏斗", "Campaign funnel"))
    top = max(f.targeted, 1)
    ys = list(range(len(steps)))[::-1]
    for (name, n), y, color in zip(steps, ys, FUNNEL_COLORS, strict=True):
        width = n / top
        ax.barh(y, width, left=(1 - width) / 2, color=color, height=0.7)
        share = f"{n / top:.0%}" if f.targeted else "-"
        ax.text(0.5, y, f"{name}  {n}  ({share})", ha="center", va="center", fontsize=9, color="black")
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.6, len(steps) - 0.4)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    if f.amount:
        ax.set_xlabel(tr("认购金额 {a:,.0f} 元", "subscribed {a:,.0f} CNY", a=f.amount))


def funnel_figure(
    f: Funnel, *, title: str | None = None, width_in: float = 6, height_in: float = 3.2
) -> Figure:
    from matplotlib.figure import Figure

    from crm_desktop.fonts import register_matplotlib

    register_matplotlib()
    fig = Figure(figsize=(width_in, height_in), dpi=100, layout="constrained")
    draw_funnel(fig.add_subplot(1, 1, 1), f, title)
    return fig
