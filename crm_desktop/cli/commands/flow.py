"""Client flow, churn reasons, relationships, teams and performance (issue #17).

``crm export flow``, ``crm churn reason``, ``crm relation request|approve|reject|list``, ``crm team add``
and ``crm performance``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from crm_desktop.cli.context import CliContext, add_actor_arg
from crm_desktop.cli.registry import Registry
from crm_desktop.domain.labels import label_of
from crm_desktop.domain.vocabulary import ChurnReason
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.reports.tables import write_table
from crm_desktop.services import churn, flow


def _date(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(
            tr(
                "{what} {v} 无效，应为 YYYY-MM-DD。",
                "{what} {v} is invalid; use YYYY-MM-DD.",
                what=what,
                v=value,
            )
        ) from None


def _write(frame: pd.DataFrame, out: Path) -> None:
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise InvalidInput(
            tr(
                "不支持的导出格式 {s}：请用 .csv 或 .xlsx 结尾的文件名。",
                "Unsupported export format {s}: name the file .csv or .xlsx.",
                s=out.suffix or "-",
            )
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    write_table(frame, out)


def _export_flow(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    start = _date(a.start, tr("开始日期", "The start date"))
    end = _date(a.end, tr("结束日期", "The end date"))
    report = flow.flow_report(ctx.store(), actor, start, end)
    frame = pd.DataFrame([r.values() for r in report.rows], columns=list(flow.FLOW_COLUMNS))
    out = Path(a.out)
    _write(frame, out)
    t = report.total
    ctx.print(
        tr(
            "{s} 至 {e}：新开户 {n}，转入 {ti}，销户 {c}，转出 {to}，挽回 {r}，资金净流入 {net}。已写入 {path}。",
            "{s} to {e}: new accounts {n}, transfers in {ti}, closed {c}, transferred out {to}, regained {r}, "
            "net flow {net}. Written to {path}.",
            s=start,
            e=end,
            n=t.new_accounts,
            ti=t.transfers_in,
            c=t.closed,
            to=t.transferred_out,
            r=t.regained,
            net=t.net_flow,
            path=out,
        )
    )
    return 0


def _churn_reason(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    done = churn.record_reason(ctx.store(), actor, a.client, a.reason, a.comment)
    ctx.print(
        tr(
            "已记录客户 {no}（{d} 流失）的原因：{r}；关闭任务 {n} 个。",
            "Recorded the reason for client {no} (lost {d}): {r}; {n} task(s) closed.",
            no=done.client_no,
            d=done.lost_on,
            r=label_of(ChurnReason, done.reason),
            n=done.tasks_closed,
        )
    )
    return 0


def _churn_split(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    split = churn.reason_split(
        ctx.store(),
        actor,
        _date(a.start, tr("开始日期", "The start date")),
        _date(a.end, tr("结束日期", "The end date")),
    )
    for code, n in split.total.items():
        name = label_of(ChurnReason, code) if code else tr("未记录", "not recorded")
        ctx.print(f"{code or '-'}\t{name}\t{n}")
    return 0


def register(reg: Registry) -> None:
    p = reg.subcommand(
        "export",
        "flow",
        _export_flow,
        group_help=tr("导出数据", "export data"),
        help=tr(
            "导出客户流入流出（每位经理一行，合计行经理为 *）",
            "export client flow (one row per manager, total row with manager *)",
        ),
    )
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--out", required=True, metavar="FILE.csv|FILE.xlsx")
    add_actor_arg(p)

    group = tr("客户流失原因", "why clients left")
    p = reg.subcommand(
        "churn",
        "reason",
        _churn_reason,
        group_help=group,
        help=tr("记录流失客户的原因（关闭对应任务）", "record why a lost client left (closes its task)"),
    )
    p.add_argument("--client", required=True, metavar="NO")
    p.add_argument("--reason", required=True, choices=[r.value for r in ChurnReason])
    p.add_argument("--comment", metavar="TEXT")
    add_actor_arg(p)
    p = reg.subcommand(
        "churn",
        "split",
        _churn_split,
        group_help=group,
        help=tr("按原因统计期间内的流失客户", "count the period's lost clients by reason"),
    )
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    add_actor_arg(p)
