"""``crm callbacks …``, ``crm alerts …``, ``crm complaints …`` and ``crm export callbacks|complaints|alerts``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from crm_desktop import clock
from crm_desktop.cli.commands.service import _date, _datetime, _write_csv
from crm_desktop.cli.context import CliContext, add_actor_arg
from crm_desktop.cli.exporting import add_purpose_arg
from crm_desktop.cli.registry import Handler, Registry
from crm_desktop.domain.callbacks_vocab import (
    CallbackOutcome,
    CallbackReason,
    CallbackStatus,
    ComplaintCategory,
    ComplaintChannel,
    codes,
)
from crm_desktop.domain.labels import label_of
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.reports import callbacks as callbacks_xlsx
from crm_desktop.services import alerts, callbacks, complaints
from crm_desktop.services.exports import write_audited

# ---------------------------------------------------------------- call-backs


def _generate(ctx: CliContext) -> int:
    # Generation writes the store, so someone signs for it (a scheduler uses a named batch account).
    actor = ctx.require_actor()
    as_of = _date(ctx.args.as_of, tr("日期", "The date")) or clock.today()
    s = callbacks.generate_pool(ctx.store(), actor, as_of)
    ctx.print(
        tr(
            "{d}：回访池新增 {c} 项，待回访共 {o} 项；年度抽样目标 {t} 位（非休眠客户 {p} 位）。",
            "{d}: {c} added to the call-back pool, {o} open in all; yearly sample target {t} "
            "(of {p} non-dormant clients).",
            d=as_of.isoformat(),
            c=s.created,
            o=s.open_items,
            t=s.sample_target,
            p=s.sample_population,
        )
    )
    if s.created_by_reason:
        ctx.print(
            "  "
            + ", ".join(f"{label_of(CallbackReason, k)} {v}" for k, v in sorted(s.created_by_reason.items()))
        )
    return 0


def _list(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    items = callbacks.list_items(ctx.store(), actor, status=ctx.args.status)
    for i in items:
        done = (
            f" {i.outcome_label} {i.officer_login or ''}"
            if i.status == CallbackStatus.DONE
            else (tr(" 已尝试 {n} 次", " {n} attempt(s)", n=i.attempts) if i.attempts else "")
        )
        ctx.print(
            f"#{i.id} {i.due_date.isoformat()} {i.client_no} {i.client_name} [{i.reason_label}] "
            f"{i.status_label}{done}"
        )
    ctx.print(tr("共 {n} 项。", "{n} item(s).", n=len(items)))
    return 0


def _answers(text: str | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in (text or "").replace("，", ",").split(","):
        if not part.strip():
            continue
        code, sep, value = part.partition("=")
        if not sep or not code.strip():
            raise InvalidInput(
                tr(
                    "--answers 中的 “{p}” 无效：应为 代码=值，例如 identity=yes,proxy_trading=no。",
                    "“{p}” in --answers is invalid: use code=value, e.g. identity=yes,proxy_trading=no.",
                    p=part.strip(),
                )
            )
        out[code.strip()] = value.strip()
    return out


def _record(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    r = callbacks.record_callback(
        ctx.store(),
        actor,
        a.item_id,
        outcome=a.outcome,
        answers=_answers(a.answers),
        satisfaction=a.satisfaction,
        comment=a.comment,
        recording_ref=a.recording,
    )
    ctx.print(
        tr(
            "已记录回访 {id} 的第 {n} 次尝试（{o}）；该回访{s}。",
            "Attempt {n} on call-back {id} recorded ({o}); the item is {s}.",
            id=r.item_id,
            n=r.attempt_no,
            o=label_of(CallbackOutcome, a.outcome),
            s=label_of(CallbackStatus, r.item_status),
        )
    )
    for alert_id in r.alert_ids:
        ctx.print(
            tr(
                "  红旗：已为营业部负责人立案 {id}。",
                "  Red flag: alert case {id} opened for the branch manager.",
                id=alert_id,
            )
        )
    return 0


# ---------------------------------------------------------------- alerts


def _alerts_list(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    items = alerts.list_alerts(ctx.store(), actor, open_only=ctx.args.open)
    for v in items:
        ctx.print(
            f"#{v.id} {v.opened_at.astimezone():%Y-%m-%d %H:%M} {v.client_no} {v.client_name} {v.kind_label} "
            f"[{v.status_label}] {v.manager_login or ''}" + (f" — {v.conclusion}" if v.conclusion else "")
        )
    ctx.print(tr("共 {n} 件。", "{n} case(s).", n=len(items)))
    return 0


def _alerts_investigate(ctx: CliContext) -> int:
    alerts.investigate(ctx.store(), ctx.require_actor(), ctx.args.alert_id, ctx.args.note)
    ctx.print(tr("预警案件 {id} 进入调查。", "Alert case {id} is being investigated.", id=ctx.args.alert_id))
    return 0


def _alerts_close(ctx: CliContext) -> int:
    alerts.close(ctx.store(), ctx.require_actor(), ctx.args.alert_id, ctx.args.conclusion)
    ctx.print(tr("预警案件 {id} 已结案。", "Alert case {id} closed.", id=ctx.args.alert_id))
    return 0


# ---------------------------------------------------------------- complaints


def _complaints_add(ctx: CliContext) -> int:
    a = ctx.args
    cid = complaints.add_complaint(
        ctx.store(),
        ctx.require_actor(),
        a.client,
        channel=a.channel,
        category=a.category,
        summary=a.summary,
        received_at=_datetime(a.received_at),
        about_login=a.about,
    )
    v = next(c for c in complaints.list_complaints(ctx.store(), ctx.require_actor()) if c.id == cid)
    ctx.print(
        tr(
            "已登记投诉 {id}：{ack} 前告知受理，{due} 前办结。",
            "Complaint {id} registered: acknowledge by {ack}, resolve by {due}.",
            id=cid,
            ack=v.acknowledge_by,
            due=v.due_date,
        )
    )
    return 0


def _complaints_assign(ctx: CliContext) -> int:
    complaints.assign(ctx.store(), ctx.require_actor(), ctx.args.complaint_id, ctx.args.to)
    ctx.print(
        tr(
            "投诉 {id} 已分派给 {who}。",
            "Complaint {id} assigned to {who}.",
            id=ctx.args.complaint_id,
            who=ctx.args.to,
        )
    )
    return 0


def _complaints_acknowledge(ctx: CliContext) -> int:
    complaints.acknowledge(ctx.store(), ctx.require_actor(), ctx.args.complaint_id)
    ctx.print(
        tr(
            "投诉 {id} 已告知客户受理。",
            "Complaint {id} acknowledged to the client.",
            id=ctx.args.complaint_id,
        )
    )
    return 0


def _complaints_escalate(ctx: CliContext) -> int:
    complaints.escalate(ctx.store(), ctx.require_actor(), ctx.args.complaint_id, ctx.args.note)
    ctx.print(tr("投诉 {id} 已升级。", "Complaint {id} escalated.", id=ctx.args.complaint_id))
    return 0


def _yes_no(value: str) -> bool:
    low = value.strip().lower()
    if low in ("yes", "y", "是"):
        return True
    if low in ("no", "n", "否"):
        return False
    raise InvalidInput(tr("--accepted 应为 yes 或 no。", "--accepted must be yes or no."))


def _complaints_resolve(ctx: CliContext) -> int:
    complaints.resolve(
        ctx.store(),
        ctx.require_actor(),
        ctx.args.complaint_id,
        resolution=ctx.args.resolution,
        accepted=_yes_no(ctx.args.accepted),
    )
    ctx.print(
        tr(
            "投诉 {id} 已办结；客户已进入回访池。",
            "Complaint {id} resolved; the client is in the call-back pool.",
            id=ctx.args.complaint_id,
        )
    )
    return 0


def _complaints_list(ctx: CliContext) -> int:
    items = complaints.list_complaints(ctx.store(), ctx.require_actor(), overdue_only=ctx.args.overdue)
    for v in items:
        flag = tr(" 逾期", " OVERDUE") if v.overdue else ""
        ctx.print(
            f"#{v.id} {v.received_at.astimezone():%Y-%m-%d %H:%M} {v.client_no} {v.client_name} "
            f"{v.channel_label}/{v.category_label} [{v.status_label}] {tr('期限', 'due')} {v.due_date} "
            f"{v.handler_login or '-'}{flag} {v.summary}"
        )
    ctx.print(tr("共 {n} 件。", "{n} complaint(s).", n=len(items)))
    return 0


def _complaints_report(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    out = Path(ctx.args.out)
    if out.suffix.lower() != ".xlsx":
        raise InvalidInput(
            tr(
                "年度投诉报告为 Excel：请用 .xlsx 结尾的文件名。",
                "The yearly complaint report is an Excel workbook: use a file name ending in .xlsx.",
            )
        )
    year = ctx.args.year or clock.today().year
    report = complaints.year_report(ctx.store(), actor, year)
    write_audited(
        ctx.store(),
        actor,
        out,
        lambda tmp: callbacks_xlsx.write_year_report(report, tmp),
        action="complaints.report",
        entity_type="export",
        rows=len(report.complaints),
        purpose=ctx.args.purpose,
        year=year,
    )
    s = report.summary
    ctx.print(
        tr(
            "{y} 年：投诉 {n} 件，办结 {r} 件，逾期 {o} 件。已写入 {path}。",
            "{y}: {n} complaints, {r} resolved, {o} overdue. Written to {path}.",
            y=year,
            n=s.total,
            r=s.resolved,
            o=s.overdue,
            path=out,
        )
    )
    return 0


# ---------------------------------------------------------------- exports


def _export(kind: str) -> Handler:
    def run(ctx: CliContext) -> int:
        actor = ctx.require_actor()
        columns: Sequence[str]
        if kind == "callbacks":
            rows, columns = callbacks.export_rows(ctx.store(), actor), callbacks.CALLBACK_EXPORT_COLUMNS
        elif kind == "complaints":
            rows, columns = complaints.export_rows(ctx.store(), actor), complaints.COMPLAINT_EXPORT_COLUMNS
        else:
            rows, columns = alerts.export_rows(ctx.store(), actor), alerts.ALERT_EXPORT_COLUMNS
        out = Path(ctx.args.out)
        write_audited(
            ctx.store(),
            actor,
            out,
            lambda tmp: _write_csv(tmp, columns, rows),
            action=f"{kind}.export",
            entity_type="export",
            rows=len(rows),
            purpose=ctx.args.purpose,
        )
        ctx.print(tr("已导出 {n} 行到 {path}。", "Exported {n} rows to {path}.", n=len(rows), path=out))
        return 0

    return run


def register(reg: Registry) -> None:
    group = tr("客户回访", "call-backs")
    p = reg.subcommand(
        "callbacks",
        "generate",
        _generate,
        group_help=group,
        help=tr("生成回访池（可重复运行，不会重复生成）", "fill the call-back pool (safe to run again)"),
    )
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help=tr("日期（默认今天）", "date (default today)"))
    add_actor_arg(p, password_stdin=True)
    p = reg.subcommand("callbacks", "list", _list, help=tr("查看回访池", "show the call-back pool"))
    p.add_argument("--status", choices=codes(CallbackStatus))
    add_actor_arg(p)
    p = reg.subcommand(
        "callbacks",
        "record",
        _record,
        help=tr("记录一次回访（回访专员）", "record a call-back attempt (call-back officers)"),
    )
    p.add_argument("item_id", type=int, metavar="ID")
    p.add_argument("--outcome", required=True, choices=codes(CallbackOutcome))
    p.add_argument(
        "--answers",
        metavar="CODE=VALUE,...",
        help=tr(
            "话术问题的答案，如 identity=yes,proxy_trading=no",
            "the script's answers, e.g. identity=yes,proxy_trading=no",
        ),
    )
    p.add_argument("--satisfaction", type=int, metavar="1-5")
    p.add_argument("--comment", metavar="TEXT")
    p.add_argument("--recording", metavar="REF", help=tr("录音编号", "reference of the call recording"))
    add_actor_arg(p)

    group = tr("回访红旗预警", "call-back red-flag cases")
    p = reg.subcommand(
        "alerts", "list", _alerts_list, group_help=group, help=tr("查看预警案件", "list alert cases")
    )
    p.add_argument("--open", action="store_true", help=tr("只看未结案的", "only cases not closed"))
    add_actor_arg(p)
    p = reg.subcommand(
        "alerts", "investigate", _alerts_investigate, help=tr("开始调查", "start investigating")
    )
    p.add_argument("alert_id", type=int, metavar="ID")
    p.add_argument("--note", required=True, metavar="TEXT")
    add_actor_arg(p)
    p = reg.subcommand(
        "alerts", "close", _alerts_close, help=tr("结案（需填结论）", "close with a conclusion")
    )
    p.add_argument("alert_id", type=int, metavar="ID")
    p.add_argument("--conclusion", required=True, metavar="TEXT")
    add_actor_arg(p)

    group = tr("投诉登记", "complaints register")
    p = reg.subcommand(
        "complaints", "add", _complaints_add, group_help=group, help=tr("登记投诉", "register a complaint")
    )
    p.add_argument("--client", required=True, metavar="NO")
    p.add_argument("--channel", required=True, metavar="CH", help=", ".join(codes(ComplaintChannel)))
    p.add_argument("--category", required=True, metavar="CAT", help=", ".join(codes(ComplaintCategory)))
    p.add_argument("--summary", required=True, metavar="TEXT")
    p.add_argument(
        "--received-at",
        metavar="DATETIME",
        help=tr("收到时间（本地时间，默认现在）", "when received (local time; default now)"),
    )
    p.add_argument(
        "--about",
        metavar="LOGIN|none",
        help=tr(
            "被投诉的经理（默认：服务、交易、违规类投诉为客户的经理）",
            "the manager complained about (default: the client's "
            "manager for service, trading and misconduct)",
        ),
    )
    add_actor_arg(p)
    p = reg.subcommand(
        "complaints",
        "assign",
        _complaints_assign,
        help=tr("分派处理人（营业部负责人）", "assign a handler (branch manager)"),
    )
    p.add_argument("complaint_id", type=int, metavar="ID")
    p.add_argument("--to", required=True, metavar="LOGIN")
    add_actor_arg(p)
    p = reg.subcommand(
        "complaints",
        "acknowledge",
        _complaints_acknowledge,
        help=tr("记录已告知客户受理", "record that the client was told it is being handled"),
    )
    p.add_argument("complaint_id", type=int, metavar="ID")
    add_actor_arg(p)
    p = reg.subcommand(
        "complaints", "escalate", _complaints_escalate, help=tr("升级投诉", "escalate a complaint")
    )
    p.add_argument("complaint_id", type=int, metavar="ID")
    p.add_argument("--note", required=True, metavar="TEXT")
    add_actor_arg(p)
    p = reg.subcommand(
        "complaints", "resolve", _complaints_resolve, help=tr("办结投诉", "resolve a complaint")
    )
    p.add_argument("complaint_id", type=int, metavar="ID")
    p.add_argument("--resolution", required=True, metavar="TEXT")
    p.add_argument("--accepted", required=True, metavar="yes|no")
    add_actor_arg(p)
    p = reg.subcommand("complaints", "list", _complaints_list, help=tr("查看投诉", "list complaints"))
    p.add_argument("--overdue", action="store_true", help=tr("只看逾期的", "only overdue ones"))
    add_actor_arg(p)
    p = reg.subcommand(
        "complaints",
        "report",
        _complaints_report,
        help=tr("年度投诉报告（Excel）", "yearly complaint report (Excel)"),
    )
    p.add_argument("--year", type=int, metavar="YYYY")
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    add_purpose_arg(p)
    add_actor_arg(p)

    group = tr("导出数据", "export data")
    for kind, what in (
        ("callbacks", tr("回访", "call-backs")),
        ("complaints", tr("投诉", "complaints")),
        ("alerts", tr("预警案件", "alert cases")),
    ):
        p = reg.subcommand(
            "export",
            kind,
            _export(kind),
            group_help=group,
            help=tr("导出{w}（CSV，UTF-8 BOM）", "export {w} (CSV)", w=what),
        )
        p.add_argument("--out", required=True, metavar="FILE.csv")
        add_purpose_arg(p)
        add_actor_arg(p)
