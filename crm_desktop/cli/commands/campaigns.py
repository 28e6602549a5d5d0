"""``crm segment``, ``crm consent``, ``crm campaign``, ``crm push`` and ``crm export campaign-targets``."""

from __future__ import annotations

from crm_desktop.cli.context import CliContext, add_actor_arg
from crm_desktop.cli.registry import Registry
from crm_desktop.domain.segments import field_names
from crm_desktop.i18n import tr
from crm_desktop.services import segments


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
