"""``crm segment``, ``crm consent``, ``crm campaign``, ``crm push`` and ``crm export campaign-targets``."""

from __future__ import annotations

from crm_desktop.cli.context import CliContext, add_actor_arg
from crm_desktop.cli.registry import Registry
from crm_desktop.domain.segments import field_names
from crm_desktop.i18n import tr
from crm_desktop.services import consent, segments


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
