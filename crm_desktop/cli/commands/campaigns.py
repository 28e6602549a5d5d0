"""``crm segment``, ``crm consent``, ``crm campaign``, ``crm push`` and ``crm export campaign-targets``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crm_desktop.cli.commands import service as touch_cli
from crm_desktop.cli.context import CliContext, add_actor_arg
from crm_desktop.cli.progress import TerminalProgress
from crm_desktop.cli.registry import Registry
from crm_desktop.domain.campaigns import DEFAULT_CONTACT_CAP
from crm_desktop.domain.labels import label_of
from crm_desktop.domain.segments import field_names
from crm_desktop.domain.vocabulary import (
    CampaignObjective,
    CampaignResponse,
    CampaignStatus,
    PushKind,
    TargetStatus,
)
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.reports import campaigns as campaign_files
from crm_desktop.services import campaigns, consent, pushes, segments


def _filter_help() -> str:
    return tr(
        "筛选条件：“字段 运算符 值”用 ; 连接，运算符 = != >= <= > <，列表用逗号（例：grade>=V3;churn=high;risk>=C3）。"
        "字段：{f}",
        "filter: “field op value” joined by ; with op = != >= <= > < and lists with , "
        "(e.g. grade>=V3;churn=high;risk>=C3). Fields: {f}",
        f=field_names(),
    )


def _segment_save(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    saved = segments.save(ctx.store(), actor, ctx.args.name, ctx.args.filter)
    n = segments.count(ctx.store(), actor, saved.filter_text)
    ctx.print(
        tr(
            "已保存客群“{name}”：{f}（当前 {n} 位客户）。",
            "Saved segment “{name}”: {f} ({n} clients now).",
            name=saved.name,
            f=saved.filter_text or tr("全部客户", "all clients"),
            n=n,
        )
    )
    return 0


def _segment_count(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    n = segments.count(ctx.store(), actor, ctx.args.filter)
    ctx.print(str(n))
    return 0


def _segment_list(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    for s in segments.list_segments(ctx.store(), actor):
        ctx.print("\t".join([s.name, s.owner_login, s.filter_text]))
    return 0


def _consent_set(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    allowed = consent.parse_yes_no(a.marketing)
    consent.set_consent(ctx.store(), actor, a.client, allowed, a.reason)
    ctx.print(
        tr(
            "已记录客户 {no} 的营销许可：{v}（已记入审计日志）。",
            "Recorded the marketing consent of client {no}: {v} (audited).",
            no=a.client,
            v=tr("允许", "allowed") if allowed else tr("不允许", "not allowed"),
        )
    )
    return 0


def _date(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            tr(
                "{what} {v} 无效，应为 YYYY-MM-DD。",
                "{what} {v} is invalid; use YYYY-MM-DD.",
                what=what,
                v=value,
            )
        ) from None


def _campaign_create(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    with TerminalProgress(ctx.err) as progress:
        summary = campaigns.create_campaign(
            ctx.store(),
            actor,
            name=a.name,
            start=_date(a.start, tr("开始日期", "The start date")),
            end=_date(a.end, tr("结束日期", "The end date")),
            filter_text=a.filter,
            segment=a.segment,
            product=a.product,
            objective=a.objective,
            talking_points=a.talking_points or "",
            contact_cap=a.contact_cap,
            progress=progress,
        )
    ctx.print(tr("营销活动 {id}：{name}", "Campaign {id}: {name}", id=summary.campaign_id, name=summary.name))
    ctx.print(tr("目标客户：{n}", "targeted: {n}", n=summary.targeted))
    for reason, n in summary.excluded.items():
        ctx.print(
            tr(
                "排除（{why}）{code}：{n}",
                "excluded ({why}) {code}: {n}",
                why=label_of(TargetStatus, reason),
                code=reason,
                n=n,
            )
        )
    return 0


def _campaign_launch(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    s = campaigns.launch(ctx.store(), actor, ctx.args.id)
    ctx.print(
        tr(
            "营销活动 {id} 已启动：新建任务 {n} 个，已有任务 {e} 个，无投资经理的客户 {m} 位。",
            "Campaign {id} launched: {n} tasks created, {e} existed already, {m} clients without a manager.",
            id=s.campaign_id,
            n=s.created,
            e=s.existing,
            m=s.without_manager,
        )
    )
    return 0


def _campaign_respond(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    r = campaigns.respond(
        ctx.store(),
        actor,
        a.id,
        a.client,
        a.response,
        amount=campaigns.parse_amount(a.amount),
        reason=a.reason,
        channel=a.channel,
        summary=a.summary,
        occurred_at=touch_cli._datetime(a.at),
        checklist=touch_cli._checklist(ctx),
        satisfaction=a.satisfaction,
        next_step=a.next_step,
        follow_up_date=touch_cli._date(a.follow_up, tr("回访日期", "The follow-up date")),
        backdate_reason=a.late_reason,
    )
    ctx.print(
        tr(
            "已记录客户 {no} 的反馈：{r}（服务记录 {t}{closed}）。",
            "Recorded the response of client {no}: {r} (touch {t}{closed}).",
            no=r.client_no,
            r=label_of(CampaignResponse, r.response),
            t=r.touch_id,
            closed=tr("，任务已完成", ", task closed") if r.task_closed else "",
        )
    )
    return 0


def _campaign_results(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    res = campaigns.results(ctx.store(), actor, ctx.args.id)
    c = res.campaign
    ctx.print(
        f"{c.id} {c.name} [{label_of(CampaignStatus, c.status)}] {c.start_date.isoformat()} ~ {c.end_date.isoformat()}"
    )
    heads = ("targeted", "contacted", "responded", "converted", "amount")

    def line(key: str, f: campaigns.rule.Funnel) -> str:
        return "\t".join(
            [key, str(f.targeted), str(f.contacted), str(f.responded), str(f.converted), f"{f.amount:.2f}"]
        )

    ctx.print("\t".join(["", *heads]))
    ctx.print(line(tr("合计", "total"), res.total))
    ctx.print(tr("按经理：", "By manager:"))
    for r in res.by_manager:
        ctx.print(line(r.key or "-", r.funnel))
    ctx.print(tr("按等级：", "By grade:"))
    for r in res.by_grade:
        ctx.print(line(r.key or "-", r.funnel))
    if ctx.args.out:
        out = Path(ctx.args.out)
        campaign_files.write_results_xlsx(res, out)
        campaigns.record_export(ctx.store(), actor, c.id, "results", res.total.targeted, out.name)
        ctx.print(tr("已导出到 {p}。", "Exported to {p}.", p=out))
    return 0


def _campaign_list(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    for c in campaigns.list_campaigns(ctx.store(), actor):
        ctx.print(
            "\t".join(
                [
                    str(c.id),
                    c.name,
                    label_of(CampaignStatus, c.status),
                    f"{c.start_date.isoformat()}~{c.end_date.isoformat()}",
                    c.product_code or "-",
                    str(c.targeted),
                ]
            )
        )
    return 0


def _export_targets(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    out = Path(ctx.args.out)
    frame = campaigns.target_rows(ctx.store(), actor, ctx.args.id)
    n = campaign_files.write_targets_csv(frame, out)
    campaigns.record_export(ctx.store(), actor, ctx.args.id, "targets", n, out.name)
    ctx.print(tr("已导出 {n} 位客户到 {p}。", "Exported {n} clients to {p}.", n=n, p=out))
    return 0


def _push_create(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    out = Path(a.out)
    if out.suffix.lower() != ".csv":
        raise InvalidInput(tr("发送清单须为 .csv 文件。", "The send list must be a .csv file."))
    send = pushes.create_push(
        ctx.store(),
        actor,
        kind=a.kind,
        title=a.title,
        body=a.body,
        filter_text=a.filter,
        attachment=a.attachment,
    )
    n = campaign_files.write_send_list(send, out)
    ctx.print(
        tr(
            "推送 {id}：{n} 位客户，发送清单已写入 {p}（拒绝营销 {o} 位、已销户 {c} 位未列入）。"
            "平台发送后请运行 crm push confirm {id}。",
            "Push {id}: {n} clients, send list written to {p} ({o} opted out and {c} closed left out). "
            "After the platform has sent it, run crm push confirm {id}.",
            id=send.push_id,
            n=n,
            p=out,
            o=send.opted_out,
            c=send.closed,
        )
    )
    return 0


def _push_confirm(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    s = pushes.confirm_push(ctx.store(), actor, ctx.args.id)
    if s.already:
        ctx.print(
            tr(
                "推送 {id} 此前已确认发送，未重复记录。",
                "Push {id} was confirmed before; nothing recorded again.",
                id=s.push_id,
            )
        )
    else:
        ctx.print(
            tr(
                "推送 {id} 已确认发送：记录消息服务 {n} 条。",
                "Push {id} confirmed as sent: {n} message touches recorded.",
                id=s.push_id,
                n=s.touches,
            )
        )
    return 0


def register(reg: Registry) -> None:
    group_help = tr("客群（客户筛选条件）", "segments (saved client filters)")
    p = reg.subcommand(
        "segment",
        "save",
        _segment_save,
        group_help=group_help,
        help=tr("按名称保存客群", "save a segment by name"),
    )
    p.add_argument("name", metavar="NAME", help=tr("客群名称", "segment name"))
    p.add_argument("--filter", required=True, metavar="TEXT", help=_filter_help())
    add_actor_arg(p)

    p = reg.subcommand(
        "segment",
        "count",
        _segment_count,
        help=tr("统计符合条件的客户数", "count the clients a filter matches"),
    )
    p.add_argument("--filter", required=True, metavar="TEXT", help=_filter_help())
    add_actor_arg(p)

    p = reg.subcommand(
        "segment", "list", _segment_list, help=tr("列出可用的客群", "list the segments you may use")
    )
    add_actor_arg(p)

    p = reg.subcommand(
        "consent",
        "set",
        _consent_set,
        group_help=tr("营销联系许可", "marketing consent"),
        help=tr(
            "设置客户是否允许营销联系（须写明原因，记入审计）",
            "set whether a client may be contacted for marketing (reason required, audited)",
        ),
    )
    p.add_argument("--client", required=True, metavar="NO", help=tr("客户号", "client number"))
    p.add_argument(
        "--marketing", required=True, choices=("yes", "no"), help=tr("是否允许营销联系", "marketing allowed")
    )
    p.add_argument("--reason", required=True, metavar="TEXT", help=tr("原因", "reason"))
    add_actor_arg(p)

    group_help = tr("营销活动", "campaigns")
    p = reg.subcommand(
        "campaign",
        "create",
        _campaign_create,
        group_help=group_help,
        help=tr(
            "创建营销活动并生成目标名单（排除不适当、拒绝营销、超过联系上限和已销户的客户）",
            "create a campaign and build its target list (unsuitable, opted-out, capped and closed clients left out)",
        ),
    )
    p.add_argument("--name", required=True, metavar="TEXT", help=tr("活动名称", "campaign name"))
    p.add_argument(
        "--product", metavar="CODE", help=tr("推介的产品代码（可选）", "product offered (optional)")
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--filter", metavar="TEXT", help=_filter_help())
    which.add_argument("--segment", metavar="NAME", help=tr("已保存的客群名称", "a saved segment's name"))
    p.add_argument("--start", required=True, metavar="YYYY-MM-DD", help=tr("开始日期", "start date"))
    p.add_argument("--end", required=True, metavar="YYYY-MM-DD", help=tr("结束日期", "end date"))
    p.add_argument(
        "--objective",
        choices=[o.value for o in CampaignObjective],
        help=tr(
            "活动目标（默认：有产品为 subscribe，否则 educate）",
            "objective (default: subscribe with a product, else educate)",
        ),
    )
    p.add_argument(
        "--talking-points", metavar="TEXT", help=tr("给投资经理的话术要点", "talking points for the managers")
    )
    p.add_argument(
        "--contact-cap",
        type=int,
        default=DEFAULT_CONTACT_CAP,
        metavar="N",
        help=tr(
            "每位客户每月最多营销联系次数（跨活动，默认 2）",
            "at most N campaign contacts per client per month across campaigns (default 2)",
        ),
    )
    add_actor_arg(p)

    p = reg.subcommand(
        "campaign",
        "launch",
        _campaign_launch,
        help=tr(
            "启动营销活动：为每位目标客户的投资经理生成任务（可重复执行）",
            "launch: one task per targeted client for its manager (safe to repeat)",
        ),
    )
    p.add_argument("id", type=int, metavar="ID", help=tr("活动编号", "campaign id"))
    add_actor_arg(p)

    p = reg.subcommand(
        "campaign",
        "respond",
        _campaign_respond,
        help=tr(
            "记录客户对营销活动的反馈（仅限客户的投资经理）",
            "record a client's response (the client's manager only)",
        ),
    )
    p.add_argument("id", type=int, metavar="ID", help=tr("活动编号", "campaign id"))
    p.add_argument("--client", required=True, metavar="NO", help=tr("客户号", "client number"))
    p.add_argument("--response", required=True, choices=[r.value for r in CampaignResponse])
    p.add_argument("--amount", metavar="N", help=tr("认购金额（已认购时填写）", "amount subscribed"))
    p.add_argument("--reason", metavar="TEXT", help=tr("谢绝原因", "reason for declining"))
    p.add_argument(
        "--channel",
        default="phone",
        choices=[c.value for c in campaigns.RESPONSE_CHANNELS],
        help=tr("联系渠道（默认电话）", "channel (default phone)"),
    )
    # What the touch form records with a response (all optional; the response leads the summary).
    p.add_argument(
        "--summary", metavar="TEXT", help=tr("服务摘要（补充说明）", "summary (added to the response)")
    )
    p.add_argument(
        "--at",
        metavar="DATETIME",
        help=tr("联系时间（本地时间，默认现在）", "when (local time; default now)"),
    )
    p.add_argument(
        "--late-reason",
        metavar="TEXT",
        help=tr("补录原因（早于 7 天时必填）", "reason for a late entry (needed beyond 7 days)"),
    )
    p.add_argument("--satisfaction", type=int, metavar="N", help=tr("满意度 1–5", "satisfaction 1-5"))
    touch_cli._touch_flow_args(p)
    add_actor_arg(p)

    p = reg.subcommand(
        "campaign",
        "results",
        _campaign_results,
        help=tr("营销活动结果：按经理和等级的漏斗", "campaign results: the funnel by manager and grade"),
    )
    p.add_argument("id", type=int, metavar="ID", help=tr("活动编号", "campaign id"))
    p.add_argument("--out", metavar="FILE.xlsx", help=tr("导出为 Excel", "export to Excel"))
    add_actor_arg(p)

    p = reg.subcommand(
        "campaign", "list", _campaign_list, help=tr("列出本营业部的营销活动", "list the branch's campaigns")
    )
    add_actor_arg(p)

    p = reg.subcommand(
        "export",
        "campaign-targets",
        _export_targets,
        group_help=tr("导出数据", "export data"),
        help=tr(
            "导出营销活动的目标名单（client_no, manager_login, status, response, amount）",
            "export a campaign's target list (client_no, manager_login, status, response, amount)",
        ),
    )
    p.add_argument("id", type=int, metavar="ID", help=tr("活动编号", "campaign id"))
    p.add_argument("--out", required=True, metavar="FILE.csv", help=tr("输出 CSV 文件", "output CSV file"))
    add_actor_arg(p)

    group_help = tr("资讯推送", "information push")
    p = reg.subcommand(
        "push",
        "create",
        _push_create,
        group_help=group_help,
        help=tr(
            "生成资讯推送的发送清单（CSV：客户号、脱敏手机号、消息；不含拒绝营销的客户）",
            "make a push's send list (CSV: client number, masked phone, message; opted-out clients left out)",
        ),
    )
    p.add_argument("--kind", required=True, choices=[k.value for k in PushKind])
    p.add_argument("--title", required=True, metavar="TEXT", help=tr("标题", "title"))
    p.add_argument("--body", required=True, metavar="TEXT", help=tr("正文", "body"))
    p.add_argument("--filter", required=True, metavar="TEXT", help=_filter_help())
    p.add_argument("--attachment", metavar="PATH", help=tr("附件路径（可选）", "attachment path (optional)"))
    p.add_argument("--out", required=True, metavar="FILE.csv", help=tr("发送清单 CSV", "send list CSV"))
    add_actor_arg(p)

    p = reg.subcommand(
        "push",
        "confirm",
        _push_confirm,
        help=tr(
            "确认发送清单已由平台发出：为每位客户记录一条消息服务（仅一次）",
            "confirm the list was sent: one message touch per client (once)",
        ),
    )
    p.add_argument("id", type=int, metavar="ID", help=tr("推送编号", "push id"))
    add_actor_arg(p)
