"""``crm tasks …``, ``crm touch …`` and ``crm export tasks|touches|compliance``: the service flow."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from crm_desktop import clock
from crm_desktop.cli.context import CliContext, add_actor_arg, add_branch_choice_arg, chosen_branch
from crm_desktop.cli.exporting import add_purpose_arg
from crm_desktop.cli.progress import TerminalProgress
from crm_desktop.cli.registry import Registry
from crm_desktop.db.models.enums import Channel, TouchType
from crm_desktop.domain.cells import neutralise
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.reports import callbacks as callbacks_xlsx
from crm_desktop.reports import compliance as compliance_xlsx
from crm_desktop.services import callback_compliance, compliance, tasks, touches
from crm_desktop.services.exports import write_audited

TOUCH_TYPES = tuple(t.value for t in TouchType if t not in (TouchType.HANDOVER, TouchType.CAMPAIGN))
CHANNELS = tuple(c.value for c in Channel if c is not Channel.SYSTEM)
# --checked names -> checklist keys of the standard flow
CHECKS = {
    "identity": touches.IDENTITY,
    "needs": touches.NEEDS,
    "risk": touches.RISK,
    "advice": touches.ADVICE,
}
_STEP_FLAGS = {
    touches.CONTENT: "--content TEXT",
    touches.FEEDBACK: "--feedback TEXT|--satisfaction N",
    touches.NEXT_STEP: "--next-step TEXT",
}


def _date(value: str | None, what: str) -> date | None:
    if value is None:
        return None
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


def _datetime(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(
            tr(
                "时间 {v} 无效，应为 “YYYY-MM-DD HH:MM”（本地时间）。",
                "The time {v} is invalid; use “YYYY-MM-DD HH:MM” (local time).",
                v=value,
            )
        ) from None
    # Local time of this workstation unless an offset was given.
    return moment.astimezone() if moment.tzinfo is None else moment


def _write_csv(path: Path, columns: Sequence[str], rows: list[dict[str, Any]]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # UTF-8 with BOM so that Excel shows the Chinese text correctly.
        with open(path, "w", newline="", encoding="utf-8-sig") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(columns), extrasaction="ignore")
            writer.writeheader()
            writer.writerows({k: neutralise(v) for k, v in row.items()} for row in rows)
    except OSError as exc:
        raise InvalidInput(
            tr("无法写入 {path}：{err}", "Cannot write {path}: {err}", path=path, err=exc.strerror or exc)
        ) from exc


# ---------------------------------------------------------------- tasks


def _tasks_generate(ctx: CliContext) -> int:
    # Generation writes the store, so someone signs for it (a scheduler uses a named batch account).
    actor = ctx.require_actor()
    as_of = _date(ctx.args.as_of, tr("日期", "The date")) or clock.today()
    with TerminalProgress(ctx.err) as progress:
        s = tasks.generate_tasks(ctx.store(), actor, as_of, progress=progress)
    ctx.print(
        tr(
            "{d}：检查了 {n} 位客户，新建 {c} 个任务，替换 {r} 个，{o} 个标为逾期（{t:.1f} 秒）。",
            "{d}: checked {n} clients, created {c} tasks, replaced {r}, marked {o} overdue ({t:.1f} s).",
            d=as_of.isoformat(),
            n=s.clients,
            c=s.created,
            r=s.replaced,
            o=s.marked_overdue,
            t=s.seconds,
        )
    )
    if s.created_by_source:
        ctx.print(
            "  " + ", ".join(f"{tasks.source_label(k)} {v}" for k, v in sorted(s.created_by_source.items()))
        )
    if not s.scored:
        ctx.warn(
            tr(
                "提示：还没有评分结果，只生成了事件任务；按等级的周期任务需要先运行 `crm score`。",
                "Note: nothing is scored yet, so only event tasks were made; run `crm score` for the "
                "grade-based recurring tasks.",
            )
        )
    return 0


def _tasks_list(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    manager_id = None
    if ctx.args.manager:
        found = [m for m in tasks.branch_managers(ctx.store(), actor) if m[1] == ctx.args.manager]
        if not found:
            raise InvalidInput(
                tr("本营业部没有工号为 {m} 的经理。", "No manager {m} in your branch.", m=ctx.args.manager)
            )
        manager_id = found[0][0]
    ag = tasks.agenda(ctx.store(), actor, manager_id)
    for bucket in tasks.BUCKETS:
        items = ag.bucket(bucket)
        ctx.print(f"{tasks.bucket_label(bucket)} ({len(items)})")
        for i in items:
            ctx.print(
                f"  #{i.task_id} {i.due_date.isoformat()} {i.client_no} {i.client_name} "
                f"{touches.type_label(i.task_type)} [{tasks.source_label(i.source)}] {i.manager_login or ''}"
            )
    return 0


def _tasks_cancel(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    version = ctx.args.expected_version
    if version is None:
        ag = {i.task_id: i for i in tasks.agenda(ctx.store(), actor).items} if not actor.is_admin else {}
        if ctx.args.task_id not in ag:
            raise InvalidInput(
                tr(
                    "任务 {id} 不在您的待办中（可能已完成或已取消）。",
                    "Task {id} is not on your agenda (it may be done or cancelled).",
                    id=ctx.args.task_id,
                )
            )
        version = ag[ctx.args.task_id].version
    tasks.cancel_task(ctx.store(), actor, ctx.args.task_id, reason=ctx.args.reason, expected_version=version)
    ctx.print(tr("已取消任务 {id}。", "Task {id} cancelled.", id=ctx.args.task_id))
    return 0


# ---------------------------------------------------------------- touches


def _checklist(ctx: CliContext) -> dict[str, Any]:
    checklist: dict[str, Any] = {}
    for name in (ctx.args.checked or "").replace("，", ",").split(","):
        name = name.strip()
        if not name:
            continue
        if name not in CHECKS:
            raise InvalidInput(
                tr(
                    "--checked 中的 {n} 无效，可选：{ok}。",
                    "{n} in --checked is invalid; use {ok}.",
                    n=name,
                    ok=", ".join(CHECKS),
                )
            )
        checklist[CHECKS[name]] = True
    if ctx.args.content:
        checklist[touches.CONTENT] = ctx.args.content
    if ctx.args.feedback:
        checklist[touches.FEEDBACK] = ctx.args.feedback
    return checklist


def _touch_add(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    if a.type not in TOUCH_TYPES:
        raise InvalidInput(
            tr(
                "服务类型 {t} 无效，可选：{ok}。",
                "Touch type {t} is invalid; use one of {ok}.",
                t=a.type,
                ok=", ".join(TOUCH_TYPES),
            )
        )
    if a.channel not in CHANNELS:
        raise InvalidInput(
            tr(
                "渠道 {c} 无效，可选：{ok}。",
                "Channel {c} is invalid; use one of {ok}.",
                c=a.channel,
                ok=", ".join(CHANNELS),
            )
        )
    try:
        tid = touches.record_touch(
            ctx.store(),
            actor,
            a.client,
            touch_type=a.type,
            channel=a.channel,
            summary=a.summary,
            occurred_at=_datetime(a.at),
            task_id=a.task,
            close_task=not a.no_task,
            checklist=_checklist(ctx),
            satisfaction=a.satisfaction,
            next_step=a.next_step,
            follow_up_date=_date(a.follow_up, tr("回访日期", "The follow-up date")),
            backdate_reason=a.reason,
        )
    except InvalidInput as exc:
        missing = [k for k in touches.STEPS if touches.step_label(k) in exc.details]
        if missing:
            checked = [name for name, key in CHECKS.items() if key in missing]
            flags = ([f"--checked {','.join(checked)}"] if checked else []) + [
                _STEP_FLAGS[k] for k in missing if k not in CHECKS.values()
            ]
            exc.details = [tr("在命令行中补充：", "On the command line add: ") + " ".join(flags)]
        raise
    view = touches.get_touch(ctx.store(), actor, tid)
    ctx.print(
        tr(
            "已记录服务 {id}：客户 {no}，{t}。",
            "Touch {id} recorded: client {no}, {t}.",
            id=tid,
            no=view.client_no,
            t=touches.type_label(view.touch_type),
        )
    )
    if view.task_id is not None:
        ctx.print(tr("  完成任务 {task}。", "  Completed task {task}.", task=view.task_id))
    else:
        ctx.print(tr("  未完成任何任务。", "  No task completed."))
    return 0


def _touch_edit(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    kwargs: dict[str, Any] = {}
    if a.summary is not None:
        kwargs["summary"] = a.summary
    if a.channel is not None:
        kwargs["channel"] = a.channel
    if a.at is not None:
        kwargs["occurred_at"] = _datetime(a.at)
    if a.satisfaction is not None:
        kwargs["satisfaction"] = a.satisfaction
    if a.next_step is not None:
        kwargs["next_step"] = a.next_step
    if a.follow_up is not None:
        kwargs["follow_up_date"] = _date(a.follow_up, tr("回访日期", "The follow-up date"))
    if a.reason is not None:
        kwargs["backdate_reason"] = a.reason
    if a.checked or a.content or a.feedback:
        current = touches.get_touch(ctx.store(), actor, a.touch_id)
        kwargs["checklist"] = {**current.checklist, **_checklist(ctx)}
    r = touches.edit_touch(
        ctx.store(),
        actor,
        a.touch_id,
        expected_version=a.expected_version,
        edit_reason=a.edit_reason,
        **kwargs,
    )
    if r.in_place:
        ctx.print(
            tr(
                "已修改服务记录 {id}（版本 {v}）。",
                "Touch {id} changed (version {v}).",
                id=r.touch_id,
                v=r.version,
            )
        )
    else:
        ctx.print(
            tr(
                "记录已超过 24 小时：已保存为新修订 {rev}（记录 {id}），原记录保留在历史中。",
                "The touch is older than 24 hours: saved as revision {rev} (record {id}); the old one stays "
                "in the history.",
                rev=r.revision,
                id=r.touch_id,
            )
        )
    return 0


def _touch_cancel(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    version = ctx.args.expected_version
    if version is None:
        version = touches.get_touch(ctx.store(), actor, ctx.args.touch_id).version
    touches.cancel_touch(
        ctx.store(), actor, ctx.args.touch_id, reason=ctx.args.reason, expected_version=version
    )
    ctx.print(tr("已作废服务记录 {id}。", "Touch {id} cancelled.", id=ctx.args.touch_id))
    return 0


def _touch_history(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    for v in touches.touch_history(ctx.store(), actor, ctx.args.touch_id):
        ctx.print(
            f"#{v.id} r{v.revision} v{v.version} [{v.status}] {v.occurred_at.astimezone():%Y-%m-%d %H:%M} "
            f"{v.client_no} {touches.type_label(v.touch_type)}/{touches.channel_label(v.channel)} "
            f"{v.summary}" + (f" ({v.cancel_reason})" if v.cancel_reason else "")
        )
    return 0


# ---------------------------------------------------------------- exports


def _export_tasks(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    rows = tasks.task_rows(ctx.store(), actor)
    out = Path(ctx.args.out)
    write_audited(
        ctx.store(),
        actor,
        out,
        lambda tmp: _write_csv(tmp, tasks.TASK_EXPORT_COLUMNS, rows),
        action="tasks.export",
        entity_type="export",
        rows=len(rows),
        purpose=ctx.args.purpose,
    )
    ctx.print(tr("已导出 {n} 个任务到 {path}。", "Exported {n} tasks to {path}.", n=len(rows), path=out))
    return 0


TOUCH_EXPORT_COLUMNS = (
    "client_no",
    "client_name",
    "type",
    "channel",
    "at",
    "manager_login",
    "summary",
    "satisfaction",
    "next_step",
    "follow_up_date",
    "status",
    "revision",
    "touch_id",
    "root_id",
    "task_id",
    "backdate_reason",
    "cancel_reason",
    "recorded_by",
)


def _export_touches(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    views = touches.list_touches(ctx.store(), actor, include_inactive=ctx.args.all_revisions)
    rows = [
        {
            "client_no": v.client_no,
            "client_name": v.client_name,
            "type": v.touch_type,
            "channel": v.channel,
            "at": v.occurred_at.astimezone().isoformat(timespec="minutes"),
            "manager_login": v.manager_login or "",
            "summary": v.summary,
            "satisfaction": v.satisfaction if v.satisfaction is not None else "",
            "next_step": v.next_step or "",
            "follow_up_date": v.follow_up_date.isoformat() if v.follow_up_date else "",
            "status": v.status,
            "revision": v.revision,
            "touch_id": v.id,
            "root_id": v.root_id,
            "task_id": v.task_id or "",
            "backdate_reason": v.backdate_reason or "",
            "cancel_reason": v.cancel_reason or "",
            "recorded_by": v.created_by_login or "",
        }
        for v in views
    ]
    out = Path(ctx.args.out)
    write_audited(
        ctx.store(),
        actor,
        out,
        lambda tmp: _write_csv(tmp, TOUCH_EXPORT_COLUMNS, rows),
        action="touches.export",
        entity_type="export",
        rows=len(rows),
        purpose=ctx.args.purpose,
    )
    ctx.print(
        tr("已导出 {n} 条服务记录到 {path}。", "Exported {n} touches to {path}.", n=len(rows), path=out)
    )
    return 0


def _export_compliance(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    today = clock.today()
    start = _date(ctx.args.start, tr("开始日期", "The start date")) or today.replace(day=1)
    end = _date(ctx.args.end, tr("结束日期", "The end date")) or today
    report = compliance.compliance_report(ctx.store(), actor, start, end, branch_id=chosen_branch(ctx))
    out = Path(ctx.args.out)
    if out.suffix.lower() != ".xlsx":
        raise InvalidInput(
            tr(
                "合规统计导出为 Excel：请用 .xlsx 结尾的文件名。",
                "The compliance export is an Excel workbook: use a file name ending in .xlsx.",
            )
        )
    callback_report = callback_compliance.callback_compliance(ctx.store(), actor, start, end)

    def write(tmp: Path) -> None:
        compliance_xlsx.export_excel(report, tmp)
        callbacks_xlsx.append_to_workbook(callback_report, tmp)

    write_audited(
        ctx.store(),
        actor,
        out,
        write,
        action="compliance.export",
        entity_type="export",
        rows=sum(len(f) for f in compliance_xlsx.report_frames(report).values()),
        purpose=ctx.args.purpose,
        start=start.isoformat(),
        end=end.isoformat(),
    )
    t = report.total()
    rate = f"{t.on_time_rate:.0%}" if t.on_time_rate is not None else "-"
    ctx.print(
        tr(
            "{s} 至 {e}：应完成 {d}，按时 {o}，逾期完成 {l}，当前逾期 {od}，按时率 {r}。已写入 {path}。",
            "{s} to {e}: due {d}, on time {o}, late {l}, overdue now {od}, on-time rate {r}. Written to {path}.",
            s=start,
            e=end,
            d=t.due,
            o=t.on_time,
            l=t.late,
            od=t.overdue_now,
            r=rate,
            path=out,
        )
    )
    return 0


def register(reg: Registry) -> None:
    group_help = tr("服务任务", "service tasks")
    p = reg.subcommand(
        "tasks",
        "generate",
        _tasks_generate,
        group_help=group_help,
        help=tr(
            "按服务计划和事件生成任务（可重复运行，不会重复生成）",
            "generate tasks from the service plan and events (safe to run again)",
        ),
    )
    p.add_argument(
        "--as-of", metavar="YYYY-MM-DD", help=tr("生成日期（默认今天）", "generation date (default today)")
    )
    add_actor_arg(p, password_stdin=True)
    p = reg.subcommand(
        "tasks",
        "list",
        _tasks_list,
        help=tr("查看待办（逾期/今天/本周/以后）", "show the agenda (overdue/today/this week/later)"),
    )
    p.add_argument(
        "--manager",
        metavar="LOGIN",
        help=tr("营业部负责人：查看某位经理的待办", "branch manager: show this manager's agenda"),
    )
    add_actor_arg(p)
    p = reg.subcommand(
        "tasks", "cancel", _tasks_cancel, help=tr("取消任务（需填原因）", "cancel a task (with a reason)")
    )
    p.add_argument("task_id", type=int, metavar="TASK_ID")
    p.add_argument("--reason", required=True)
    p.add_argument("--expected-version", type=int, metavar="N")
    add_actor_arg(p)

    types_help = ", ".join(TOUCH_TYPES)
    channels_help = ", ".join(CHANNELS)
    p = reg.subcommand(
        "touch",
        "add",
        _touch_add,
        group_help=tr("服务记录", "service touches"),
        help=tr("记录一次服务", "record a service touch"),
    )
    p.add_argument("--client", required=True, metavar="NO")
    p.add_argument("--type", required=True, metavar="TYPE", help=types_help)
    p.add_argument("--channel", required=True, metavar="CHANNEL", help=channels_help)
    p.add_argument("--summary", required=True, metavar="TEXT")
    p.add_argument("--satisfaction", type=int, metavar="N", help=tr("满意度 1–5", "satisfaction 1-5"))
    p.add_argument(
        "--at",
        metavar="DATETIME",
        help=tr("服务时间（本地时间，默认现在）", "when (local time; default now)"),
    )
    p.add_argument(
        "--reason",
        metavar="TEXT",
        help=tr("补录原因（早于 7 天时必填）", "reason for a late entry (needed beyond 7 days)"),
    )
    _touch_flow_args(p)
    p.add_argument(
        "--task",
        type=int,
        metavar="TASK_ID",
        help=tr(
            "完成的任务（默认：同类型最早的待办）",
            "task completed (default: the earliest open one of the same type)",
        ),
    )
    p.add_argument(
        "--no-task",
        action="store_true",
        help=tr("本次服务不完成任何任务", "the touch completes no task"),
    )
    add_actor_arg(p)

    p = reg.subcommand(
        "touch",
        "edit",
        _touch_edit,
        help=tr("修改服务记录（24 小时后生成新修订）", "change a touch (a new revision after 24 hours)"),
    )
    p.add_argument("touch_id", type=int, metavar="TOUCH_ID")
    p.add_argument(
        "--expected-version",
        type=int,
        required=True,
        metavar="N",
        help=tr("您看到的版本号（见 touch history）", "the version you read (see touch history)"),
    )
    p.add_argument("--summary", metavar="TEXT")
    p.add_argument("--channel", metavar="CHANNEL", help=channels_help)
    p.add_argument("--satisfaction", type=int, metavar="N")
    p.add_argument("--at", metavar="DATETIME")
    p.add_argument("--reason", metavar="TEXT", help=tr("补录原因", "reason for a late entry"))
    p.add_argument(
        "--edit-reason", metavar="TEXT", help=tr("修改原因（记入审计）", "why it is changed (audited)")
    )
    _touch_flow_args(p)
    add_actor_arg(p)
    p = reg.subcommand(
        "touch",
        "cancel",
        _touch_cancel,
        help=tr("作废服务记录（需填原因，不删除）", "cancel a touch (with a reason; never deleted)"),
    )
    p.add_argument("touch_id", type=int, metavar="TOUCH_ID")
    p.add_argument("--reason", required=True)
    p.add_argument("--expected-version", type=int, metavar="N")
    add_actor_arg(p)
    p = reg.subcommand(
        "touch",
        "history",
        _touch_history,
        help=tr("查看服务记录的全部修订", "show every revision of a touch"),
    )
    p.add_argument("touch_id", type=int, metavar="TOUCH_ID")
    add_actor_arg(p)

    group = tr("导出数据", "export data")
    p = reg.subcommand(
        "export",
        "tasks",
        _export_tasks,
        group_help=group,
        help=tr("导出可见的服务任务（CSV，UTF-8 BOM）", "export the tasks you may see (CSV)"),
    )
    p.add_argument("--out", required=True, metavar="FILE.csv")
    add_purpose_arg(p)
    add_actor_arg(p, required=False)
    p = reg.subcommand(
        "export",
        "touches",
        _export_touches,
        group_help=group,
        help=tr("导出可见的服务记录（CSV，UTF-8 BOM）", "export the touches you may see (CSV)"),
    )
    p.add_argument("--out", required=True, metavar="FILE.csv")
    p.add_argument(
        "--all-revisions",
        action="store_true",
        help=tr("包括已作废和被替代的修订", "include cancelled and superseded revisions"),
    )
    add_purpose_arg(p)
    add_actor_arg(p, required=False)
    p = reg.subcommand(
        "export",
        "compliance",
        _export_compliance,
        group_help=group,
        help=tr("导出服务合规统计（Excel）", "export service compliance figures (Excel)"),
    )
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.add_argument(
        "--from",
        dest="start",
        metavar="YYYY-MM-DD",
        help=tr("开始日期（默认本月 1 日）", "start (default: 1st of this month)"),
    )
    p.add_argument(
        "--to", dest="end", metavar="YYYY-MM-DD", help=tr("结束日期（默认今天）", "end (default today)")
    )
    add_purpose_arg(p)
    add_branch_choice_arg(p)
    add_actor_arg(p, required=False)


def _touch_flow_args(p: Any) -> None:
    p.add_argument(
        "--checked",
        metavar="ITEMS",
        help=tr(
            "已完成的流程步骤，逗号分隔：identity（1 身份核实）、needs（2 了解需求）、"
            "risk（4 风险揭示）、advice（提供了投资建议）",
            "flow steps done, comma-separated: identity (1 identity verified), needs (2 needs "
            "asked), risk (4 risk disclosed), advice (advice was given)",
        ),
    )
    p.add_argument(
        "--content",
        metavar="TEXT",
        help=tr("3 服务内容（默认取摘要）", "3 service content (default: the summary)"),
    )
    p.add_argument("--feedback", metavar="TEXT", help=tr("5 客户反馈", "5 client feedback"))
    p.add_argument("--next-step", metavar="TEXT", help=tr("6 下一步", "6 next step"))
    p.add_argument(
        "--follow-up",
        metavar="YYYY-MM-DD",
        help=tr("6 回访日期（生成回访任务）", "6 follow-up date (creates a follow-up task)"),
    )
