"""``crm suitability check|register|correct``, ``crm export suitability`` and ``crm warning add``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crm_desktop.cli.context import CliContext, add_actor_arg
from crm_desktop.cli.exporting import add_purpose_arg
from crm_desktop.cli.registry import Registry
from crm_desktop.domain.labels import label
from crm_desktop.domain.vocabulary import FindingKind, Permission, WarningChannel
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.services import suitability


def _date(value: str | None, what: str) -> date | None:
    if not value:
        return None
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


def print_check(ctx: CliContext, summary: suitability.CheckSummary) -> None:
    sep = tr("，", ", ")
    counts = sep.join(
        f"{label(k)} {summary.counts.get(k.value, 0)}"
        for k in FindingKind
        if k is not FindingKind.BEHAVIOUR_INCONSISTENT
    )
    ctx.print(
        tr(
            "适当性检查完成：检查日 {d}，客户 {c} 位，用时 {s:.1f} 秒。",
            "Suitability check done: as of {d}, {c} clients, {s:.1f} s.",
            d=summary.as_of.isoformat(),
            c=summary.clients,
            s=summary.seconds,
        )
    )
    ctx.print(tr("发现：", "Found: ") + counts)
    ctx.print(
        tr(
            "其中产品风险高于客户等级且未做特别风险警示 {u} 笔；新建任务 {t} 个。",
            "Of these, {u} above the client's level without a special risk warning; {t} tasks created.",
            u=summary.unwarned_over_level,
            t=summary.tasks_created,
        )
    )


def _check(ctx: CliContext) -> int:
    as_of = _date(ctx.args.as_of, tr("检查日", "The as-of date"))
    actor = ctx.actor(required=False)
    print_check(ctx, suitability.run_check(ctx.store(), actor, as_of))
    return 0


def _register(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    reg = suitability.register(ctx.store(), actor, limit=ctx.args.limit)
    if reg.as_of is None:
        ctx.print(
            tr(
                "还没有适当性检查结果：请先运行 crm suitability check。",
                "No suitability check has run yet: run crm suitability check first.",
            )
        )
        return 0
    ctx.print(tr("适当性登记簿（检查日 {d}）", "Suitability register (as of {d})", d=reg.as_of.isoformat()))
    for k in FindingKind:
        if k is not FindingKind.BEHAVIOUR_INCONSISTENT:
            ctx.print(f"  {label(k)}: {reg.counts.get(k.value, 0)}")
    ctx.print(
        tr(
            "  其中已做特别风险警示 {w}，未警示 {u}",
            "  of which warned {w}, not warned {u}",
            w=reg.warned,
            u=reg.unwarned,
        )
    )
    for r in reg.rows:
        warned = (
            "" if r.warned is None else (tr("已警示", "warned") if r.warned else tr("未警示", "not warned"))
        )
        ctx.print(
            "\t".join(
                [
                    r.client_no,
                    r.kind,
                    r.code,
                    r.product_level,
                    r.client_level,
                    r.trade_date.isoformat() if r.trade_date else "",
                    warned,
                ]
            )
        )
    return 0


def _export(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    out = Path(ctx.args.out)
    n = suitability.export_findings(ctx.store(), actor, out, purpose=ctx.args.purpose)
    ctx.print(
        tr(
            "已导出 {n} 条适当性记录到 {path}。",
            "Exported {n} suitability findings to {path}.",
            n=n,
            path=out,
        )
    )
    return 0


def _warning_add(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    confirmed = _date(a.confirmed_on, tr("确认日期", "The confirmation date"))
    assert confirmed is not None
    wid = suitability.add_warning(
        ctx.store(),
        actor,
        a.client,
        product=a.product,
        permission=a.permission,
        confirmed_on=confirmed,
        channel=a.channel,
        evidence=a.evidence,
    )
    ctx.print(
        tr(
            "已记录特别风险警示 {id}（客户 {no}），并记入一条风险揭示服务记录。",
            "Recorded special risk warning {id} (client {no}) with a risk-disclosure touch.",
            id=wid,
            no=a.client,
        )
    )
    return 0


def _correct(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    lowest = None if a.lowest_category is None else a.lowest_category == "yes"
    suitability.correct_level(ctx.store(), actor, a.client, a.level, a.reason, lowest)
    ctx.print(
        tr(
            "已更正客户 {no} 的风险等级为 {lv}（已记入审计日志）。",
            "Corrected the risk level of client {no} to {lv} (audited).",
            no=a.client,
            lv=a.level.upper(),
        )
    )
    return 0


def register(reg: Registry) -> None:
    group_help = tr("投资者适当性", "investor suitability")
    p = reg.subcommand(
        "suitability",
        "check",
        _check,
        group_help=group_help,
        help=tr(
            "检查适当性（产品风险等级、最低类别、交易权限、测评有效期）",
            "check suitability (product ratings, lowest category, permissions, assessment validity)",
        ),
    )
    p.add_argument(
        "--as-of", metavar="YYYY-MM-DD", help=tr("检查日（默认今天）", "as-of date (default: today)")
    )
    add_actor_arg(p, required=False)

    p = reg.subcommand(
        "suitability",
        "register",
        _register,
        help=tr("显示适当性登记簿（按类型计数和明细）", "show the suitability register (counts and list)"),
    )
    p.add_argument("--limit", type=int, metavar="N", help=tr("最多显示 N 条明细", "list at most N findings"))
    add_actor_arg(p)

    p = reg.subcommand(
        "suitability",
        "correct",
        _correct,
        help=tr(
            "管理员更正风险等级（须写明原因，记入审计）",
            "an administrator corrects a risk level (reason required, audited)",
        ),
    )
    p.add_argument("--client", required=True, metavar="NO")
    p.add_argument("--level", required=True, metavar="C1..C5")
    p.add_argument(
        "--lowest-category", choices=("yes", "no"), help=tr("是否最低类别", "lowest category or not")
    )
    p.add_argument("--reason", required=True, metavar="TEXT")
    add_actor_arg(p)

    p = reg.subcommand(
        "export",
        "suitability",
        _export,
        group_help=tr("导出数据", "export data"),
        help=tr(
            "导出适当性登记簿（CSV，UTF-8 BOM）", "export the suitability register (CSV, UTF-8 with BOM)"
        ),
    )
    p.add_argument("--out", metavar="FILE.csv", required=True)
    add_purpose_arg(p)
    add_actor_arg(p)

    p = reg.subcommand(
        "warning",
        "add",
        _warning_add,
        group_help=tr("特别风险警示", "special risk warnings"),
        help=tr("记录客户已确认的特别风险警示", "record a special risk warning the client confirmed"),
    )
    p.add_argument("--client", required=True, metavar="NO")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--product", metavar="CODE")
    what.add_argument("--permission", metavar="NAME", choices=[x.value for x in Permission])
    p.add_argument("--confirmed-on", required=True, metavar="YYYY-MM-DD")
    p.add_argument(
        "--channel",
        required=True,
        metavar="CH",
        choices=[c.value for c in WarningChannel],
        help=", ".join(c.value for c in WarningChannel),
    )
    p.add_argument("--evidence", required=True, metavar="REF")
    add_actor_arg(p)
