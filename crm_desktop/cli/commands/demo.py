"""``crm demo``: fill an empty store with a demo branch (deterministic for a given seed and as-of date)."""

from __future__ import annotations

import unicodedata
from datetime import date

from crm_desktop.cli.context import CliContext, add_actor_arg
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


def _width(text: str) -> int:
    """Columns a text takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


def _report(ctx: CliContext) -> int:
    """``crm demo --report``: read-only, on any store; prints each figure beside its target and range."""
    from crm_desktop.services.demo_report import format_value, measure

    a = ctx.args
    a.creates_store = False  # a report never creates a store
    report = measure(ctx.store(upgrade=False), ctx.actor(required=False), _parse_as_of(a.as_of))
    ctx.print(
        tr(
            "演示数据校准报告：截止 {d}，未销户客户 {n} 位（目标与依据见 docs/demo.md）",
            "Demo calibration report: as of {d}, {n} clients not closed (targets and reasons in docs/demo.md)",
            d=report.as_of.isoformat() if report.clients else "—",
            n=f"{report.clients:,}",
        )
    )
    width = max(_width(f.target.label) for f in report.figures)
    for f in report.figures:
        t = f.target
        mark = {True: "ok", False: tr("超出范围", "OUT OF RANGE"), None: tr("无法测量", "n/a")}[f.in_range]
        ctx.print(
            f"  {_pad(t.label, width)}  {format_value(f.value, t.kind):>10}  "
            + tr("目标", "target")
            + f" {format_value(t.target, t.kind):>9}  "
            + tr("范围", "range")
            + f" {format_value(t.lo, t.kind)}–{format_value(t.hi, t.kind)}  n={f.basis:,}  {mark}"
        )
    bad = report.out_of_range
    ctx.print(
        tr(
            "{bad} 项超出范围，{na} 项无法测量，共 {all} 项。",
            "{bad} out of range, {na} not measurable, {all} figures.",
            bad=len(bad),
            na=sum(1 for f in report.figures if f.in_range is None),
            all=len(report.figures),
        )
    )
    return 0


def _demo(ctx: CliContext) -> int:
    a = ctx.args
    if a.report:
        return _report(ctx)
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
        "--report",
        action="store_true",
        help=tr(
            "只读：列出本库各项指标与演示目标及范围的对比（任意数据库，不装入数据）",
            "read-only: print each measured figure of the store beside its demo target and range (any store; "
            "loads nothing)",
        ),
    )
    add_actor_arg(p, required=False)  # only --report uses it
    p.add_argument(
        "--no-score",
        action="store_true",
        help=tr("只装入数据，不运行评分和待办生成", "load the data only; skip scoring and task generation"),
    )
