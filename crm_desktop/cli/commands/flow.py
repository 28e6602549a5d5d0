"""Client flow, churn reasons, relationships, teams and performance (issue #17).

``crm export flow``, ``crm churn reason``, ``crm relation request|approve|reject|list``, ``crm team add``
and ``crm performance``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from crm_desktop.cli.context import CliContext, add_actor_arg, add_branch_choice_arg, chosen_branch
from crm_desktop.cli.progress import TerminalProgress
from crm_desktop.cli.registry import Handler, Registry
from crm_desktop.clock import now
from crm_desktop.domain.labels import label_of
from crm_desktop.domain.vocabulary import (
    AccountEvent,
    ChurnReason,
    ChurnRisk,
    FlowRequestKind,
    RequestStatus,
    RetentionAnswer,
)
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.reports.tables import write_table
from crm_desktop.services import churn, flow, performance, relations, teams


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
    report = flow.flow_report(ctx.store(), actor, start, end, branch_id=chosen_branch(ctx))
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


def _churn_risk(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    p = churn.retention_proposal(ctx.store(), actor, ctx.args.client)
    if p.churn_risk is None:
        ctx.print(
            tr(
                "客户 {no} 尚未评分：请先运行 crm score。",
                "Client {no} is not scored yet; run crm score.",
                no=p.client_no,
            )
        )
        return 0
    ctx.print(tr("流失风险：{r}", "churn risk: {r}", r=label_of(ChurnRisk, p.churn_risk)))
    for line in p.evidence:
        ctx.print("  " + line)
    if p.reason is not None and p.answer is not None:
        ctx.print(
            tr(
                "最可能的原因：{reason}；建议：{answer}",
                "most likely reason: {reason}; proposed answer: {answer}",
                reason=label_of(ChurnReason, p.reason),
                answer=label_of(RetentionAnswer, p.answer),
            )
        )
    return 0


def _churn_lost(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    for c in churn.lost_clients(
        ctx.store(),
        actor,
        _date(a.start, tr("开始日期", "The start date")),
        _date(a.end, tr("结束日期", "The end date")),
    ):
        ctx.print(
            "\t".join(
                [
                    c.client_no,
                    c.lost_on.isoformat(),
                    label_of(AccountEvent, c.event),
                    c.counterparty or "-",
                    c.manager_login or "-",
                    label_of(ChurnReason, c.reason) if c.reason else tr("未记录", "not recorded"),
                    tr("已挽回", "regained") if c.regained else "-",
                ]
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


def _relation_request(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    shares = relations.parse_shares(a.shares) if a.shares else None
    rid = relations.request_relationship(
        ctx.store(),
        actor,
        a.client,
        a.developer,
        a.servicer,
        shares,
        viewer_login=a.viewer,
        comment=a.comment,
    )
    ctx.print(rid)
    return 0


def _rate_review(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    try:
        rate = Decimal(a.rate.strip())
    except InvalidOperation:
        raise InvalidInput(tr("费率 {r} 不是数字。", "The rate {r} is not a number.", r=a.rate)) from None
    ctx.print(relations.request_commission_review(ctx.store(), actor, a.client, rate, a.comment))
    return 0


def _decide(approve: bool) -> Handler:
    def run(ctx: CliContext) -> int:
        actor = ctx.require_actor()
        for rid in ctx.args.request_ids:
            relations.decide_request(ctx.store(), actor, rid, approve, ctx.args.comment)
        ctx.print(
            tr("已批准 {n} 个申请。", "Approved {n} request(s).", n=len(ctx.args.request_ids))
            if approve
            else tr("已驳回 {n} 个申请。", "Rejected {n} request(s).", n=len(ctx.args.request_ids))
        )
        return 0

    return run


def _relation_list(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    for r in relations.list_requests(ctx.store(), actor, ctx.args.status):
        ctx.print(
            "\t".join(
                [
                    str(r.id),
                    label_of(FlowRequestKind, r.kind),
                    r.client_no,
                    r.summary,
                    label_of(RequestStatus, r.status),
                    r.requested_by,
                    r.decided_by or "-",
                ]
            )
        )
    return 0


def _team_add(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    members = [m for m in (a.members or "").split(",") if m.strip()]
    tid = teams.add_team(ctx.store(), actor, a.name, a.lead, members)
    ctx.print(tid)
    return 0


def _team_list(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    for t in teams.list_teams(ctx.store(), actor):
        ctx.print(f"{t.id}\t{t.name}\t{t.lead_login}\t{','.join(t.member_logins)}")
    return 0


def _performance(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    out = Path(a.out)
    if out.suffix.lower() not in (".csv", ".xlsx", ".pdf"):
        raise InvalidInput(
            tr(
                "不支持的导出格式 {s}：请用 .csv、.xlsx 或 .pdf（打印用汇总报表）结尾的文件名。",
                "Unsupported export format {s}: name the file .csv, .xlsx or .pdf (the printable summary).",
                s=out.suffix or "-",
            )
        )
    with TerminalProgress(ctx.err) as progress:
        report = performance.performance(
            ctx.store(), actor, a.month, progress=progress, branch_id=chosen_branch(ctx)
        )
    if out.suffix.lower() == ".pdf":
        from crm_desktop.reports import performance as performance_report

        performance_report.write_pdf(report, out, generated_at=now().astimezone())
    else:
        frame = pd.DataFrame([r.cells() for r in report.rows], columns=list(performance.PERFORMANCE_COLUMNS))
        _write(frame, out)
        if out.suffix.lower() == ".xlsx" and report.teams:
            _append_teams(out, report)
    performance.record_export(ctx.store(), actor, report.month, out.name, len(report.rows))
    ctx.print(
        tr(
            "{m} 业绩：{n} 位经理。已写入 {path}。",
            "Performance for {m}: {n} manager(s). Written to {path}.",
            m=report.month,
            n=len(report.rows),
            path=out,
        )
    )
    return 0


def _append_teams(out: Path, report: performance.PerformanceReport) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(out)
    ws = wb.create_sheet(tr("团队合计", "Team totals"))
    ws.append(["team", "lead_login", *performance.PERFORMANCE_COLUMNS[1:]])
    for name, (lead, total) in report.teams.items():
        ws.append([name, lead, *total.cells()[1:]])
    wb.save(out)


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
    add_branch_choice_arg(p)
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
        "risk",
        _churn_risk,
        group_help=group,
        help=tr(
            "查看客户的流失风险、最可能的原因及建议的挽留方式",
            "show a client's churn risk, its likely reason and the proposed answer",
        ),
    )
    p.add_argument("--client", required=True, metavar="NO")
    add_actor_arg(p)
    p = reg.subcommand(
        "churn",
        "lost",
        _churn_lost,
        group_help=group,
        help=tr("列出期间内流失的客户", "list the clients lost in a period"),
    )
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
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
    p = reg.subcommand(
        "churn",
        "rate-review",
        _rate_review,
        group_help=group,
        help=tr(
            "申请佣金费率复核（由营业部负责人批准或驳回）",
            "request a commission-rate review (the branch manager approves or rejects it)",
        ),
    )
    p.add_argument("--client", required=True, metavar="NO")
    p.add_argument(
        "--rate", required=True, metavar="RATE", help=tr("新费率，如 0.00025", "new rate, e.g. 0.00025")
    )
    p.add_argument("--comment", metavar="TEXT")
    add_actor_arg(p)

    group = tr("开发/服务关系（审批）", "developer/servicer relationships (approved)")
    p = reg.subcommand(
        "relation",
        "request",
        _relation_request,
        group_help=group,
        help=tr("申请变更客户的开发人、服务人和分成", "request a client's developer, servicer and shares"),
    )
    p.add_argument("--client", required=True, metavar="NO")
    p.add_argument("--developer", required=True, metavar="LOGIN")
    p.add_argument("--servicer", required=True, metavar="LOGIN")
    p.add_argument(
        "--shares",
        metavar="LOGIN=SHARE,...",
        help=tr("分成，和为 1（默认全部归服务人）", "shares summing to 1 (default: all to the servicer)"),
    )
    p.add_argument(
        "--viewer", metavar="LOGIN", help=tr("共享查看的经理", "a manager the client is shared with")
    )
    p.add_argument("--comment", metavar="TEXT")
    add_actor_arg(p)
    for name, approve, text in (
        ("approve", True, tr("批准关系变更或费率复核申请", "approve relationship or rate-review requests")),
        ("reject", False, tr("驳回关系变更或费率复核申请", "reject relationship or rate-review requests")),
    ):
        p = reg.subcommand("relation", name, _decide(approve), group_help=group, help=text)
        p.add_argument("request_ids", type=int, nargs="+", metavar="ID")
        p.add_argument("--comment", metavar="TEXT")
        add_actor_arg(p)
    p = reg.subcommand(
        "relation",
        "list",
        _relation_list,
        group_help=group,
        help=tr("列出关系变更和费率复核申请", "list relationship and rate-review requests"),
    )
    p.add_argument("--status", choices=[s.value for s in RequestStatus])
    add_actor_arg(p)

    group = tr("营销团队", "marketing teams")
    p = reg.subcommand(
        "team", "add", _team_add, group_help=group, help=tr("新建营销团队", "create a marketing team")
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("--lead", required=True, metavar="LOGIN")
    p.add_argument("--members", required=True, metavar="LOGIN,LOGIN")
    add_actor_arg(p)
    p = reg.subcommand(
        "team", "list", _team_list, group_help=group, help=tr("列出营销团队", "list the teams")
    )
    add_actor_arg(p)

    p = reg.command(
        "performance",
        _performance,
        help=tr(
            "导出经理月度业绩（投资经理只看自己，营业部负责人看全部）",
            "export the managers' monthly performance (own row for a manager, all for the branch manager)",
        ),
    )
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("--out", required=True, metavar="FILE.xlsx|FILE.csv|FILE.pdf")
    add_branch_choice_arg(p)
    add_actor_arg(p)
