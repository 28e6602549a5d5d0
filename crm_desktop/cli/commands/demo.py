"""``crm demo``: fill an empty store with a demo branch (deterministic for a given seed and as-of date)."""

from __future__ import annotations

from datetime import date

from crm_desktop.cli.context import CliContext
from crm_desktop.cli.progress import TerminalProgress
from crm_desktop.cli.registry import Registry
from crm_desktop.demo import generator as demo
from crm_desktop.errors import Cancelled, InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.progress import span


def _parse_as_of(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            tr(
                "截止日期 {v} 无效，应为 YYYY-MM-DD。",
                "The as-of date {v} is invalid; use YYYY-MM-DD.",
                v=text,
            )
        ) from None


def _demo(ctx: CliContext) -> int:
    a = ctx.args
    as_of = _parse_as_of(a.as_of)
    demo.validate_request(a.clients, as_of or demo.default_as_of())
    scored: int | None = None
    with TerminalProgress(ctx.err, quiet=a.quiet) as progress:
        # One bar for the whole job; the data load dominates.
        result = demo.generate_demo(
            ctx.store(),
            clients=a.clients,
            seed=a.seed,
            as_of=as_of,
            progress=span(progress, 0, 100 if a.no_score else 80),
        )
        if not a.no_score:
            # A demo store is meant to be used at once: grades in the book, tasks in the agenda.
            from crm_desktop.demo.setup import score_and_plan

            try:
                scored = score_and_plan(ctx.store(), result.as_of, span(progress, 80, 100))
            except Cancelled:
                raise Cancelled(
                    tr(
                        "演示数据已装入；评分和待办生成已取消，可稍后运行 `crm score` 和 `crm tasks generate`。",
                        "The demo data is loaded; scoring and task generation were cancelled: run `crm score` and "
                        "`crm tasks generate` later.",
                    )
                ) from None
    ctx.print(
        tr(
            "已装入演示数据：营业部 {branch}，{clients} 位客户，截止 {as_of}（种子 {seed}），"
            "日资产快照 {snaps} 条、成交 {trades} 笔、月末持仓 {holds} 条、服务记录 {touches} 条，用时 {sec:.1f} 秒。",
            "Demo data loaded: branch {branch}, {clients} clients, as of {as_of} (seed {seed}); {snaps} daily asset "
            "snapshots, {trades} trades, {holds} month-end holdings, {touches} touches in {sec:.1f} s.",
            branch=result.branch_code,
            clients=f"{result.clients:,}",
            as_of=result.as_of.isoformat(),
            seed=result.seed,
            snaps=f"{result.snapshots:,}",
            trades=f"{result.trades:,}",
            holds=f"{result.holdings:,}",
            touches=f"{result.touches:,}",
            sec=result.seconds,
        )
    )
    if scored is not None:
        ctx.print(
            tr(
                "已完成评分（{n} 位客户）并生成截至 {d} 的服务待办。",
                "Scored {n} clients and generated the service tasks as of {d}.",
                n=f"{scored:,}",
                d=result.as_of.isoformat(),
            )
        )
    managers = [x for x in result.logins if x.role == "investment_manager"]
    ctx.print(
        tr("演示账号（密码均为 {pw}）：", "Demo logins (password {pw} for all):", pw=demo.DEMO_PASSWORD)
    )
    ctx.print(tr("  admin  管理员", "  admin  administrator"))
    ctx.print(tr("  bm     营业部负责人", "  bm     branch manager"))
    if not a.no_score:  # the call-back officer comes with the call-back history, in the scoring step
        ctx.print(tr("  cb01   回访专员", "  cb01   call-back officer"))
    ctx.print(
        tr(
            "  {first} … {last}  投资经理（{n} 位）",
            "  {first} … {last}  investment managers ({n})",
            first=managers[0].login,
            last=managers[-1].login,
            n=len(managers),
        )
    )
    return 0


def register(reg: Registry) -> None:
    p = reg.command(
        "demo",
        _demo,
        creates_store=True,
        help=tr("向空数据库装入演示数据", "fill an empty store with demo data"),
    )
    p.add_argument(
        "--clients",
        type=int,
        default=demo.DEFAULT_CLIENTS,
        metavar="N",
        help=tr("客户数（默认 {n}）", "number of clients (default {n})", n=demo.DEFAULT_CLIENTS),
    )
    p.add_argument(
        "--seed",
        type=int,
        default=demo.DEFAULT_SEED,
        metavar="S",
        help=tr(
            "随机种子：相同种子得到相同数据（默认 {s}）",
            "random seed: the same seed gives the same data (default {s})",
            s=demo.DEFAULT_SEED,
        ),
    )
    p.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help=tr(
            "数据截止日（默认：今天或之前最近的交易日）",
            "last day of the data (default: the last trading day on or before today)",
        ),
    )
    p.add_argument("--quiet", action="store_true", help=tr("不显示进度条", "no progress bar"))
    p.add_argument(
        "--no-score",
        action="store_true",
        help=tr("只装入数据，不运行评分和待办生成", "load the data only; skip scoring and task generation"),
    )
