"""``crm letters``: account-analysis letters for one client, for every letter due, or for a selection."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crm_desktop import clock
from crm_desktop.cli.context import CliContext, add_actor_arg
from crm_desktop.cli.progress import TerminalProgress
from crm_desktop.cli.registry import Registry
from crm_desktop.errors import Cancelled, InvalidInput, UsageError
from crm_desktop.i18n import tr
from crm_desktop.services import letters

EXIT_CANCELLED = Cancelled.exit_code


def _date(value: str | None, what: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            tr(
                "{what} {v} 无效，应为 YYYY-MM-DD。",
                "The {what} {v} is invalid; use YYYY-MM-DD.",
                what=what,
                v=value,
            )
        ) from None


def _letters(ctx: CliContext) -> int:
    a = ctx.args
    modes = sum(bool(x) for x in (a.client, a.due, a.grade or a.manager))
    if modes != 1:
        raise UsageError(
            tr(
                "请只选择一种方式：--client 客户号、--due（所有到期的报告任务），或 --grade/--manager 选择客户。",
                "Choose exactly one of --client NO, --due (every letter task due), or a selection with "
                "--grade/--manager.",
            )
        )
    as_of = _date(a.as_of, tr("报告日", "as-of date")) or clock.today()
    start = _date(a.period_start, tr("报告期开始日", "period start"))
    out = Path(a.out)
    actor = ctx.require_actor()
    store = ctx.store()
    if a.client:
        if a.merged:
            raise UsageError(tr("--merged 只用于批量生成。", "--merged is for batches only."))
        r = letters.generate_letter(
            store, actor, a.client, as_of=as_of, period_start=start, comment=a.comment, out_dir=out
        )
        ctx.print(
            tr(
                "已生成 {path}（{pages} 页，{kb:.0f} KB，报告期 {s} 至 {e}）。",
                "Wrote {path} ({pages} pages, {kb:.0f} KB, period {s} to {e}).",
                path=r.path,
                pages=r.pages,
                kb=r.size_bytes / 1024,
                s=r.period_start,
                e=r.period_end,
            )
        )
        return 0

    if a.due:
        chosen = letters.due_letter_clients(store, actor, as_of)
    else:
        manager_id = None
        if a.manager:
            found = [m for m in letters.letter_managers(store, actor) if m.login == a.manager]
            if not found:
                raise InvalidInput(
                    tr(
                        "找不到投资经理 {login}，或其客户不在您的权限范围内。",
                        "Investment manager {login} not found, or their clients are not yours to see.",
                        login=a.manager,
                    )
                )
            manager_id = found[0].id
        chosen = letters.select_letter_clients(store, actor, grades=a.grade, manager_id=manager_id)
    if not chosen:
        ctx.print(tr("没有需要生成报告的客户。", "No client needs a letter."))
        return 0
    numbers = [c.client_no for c in chosen]
    with TerminalProgress(ctx.err, quiet=a.quiet) as progress:
        result = letters.generate_batch(
            store,
            actor,
            numbers,
            out,
            as_of=as_of,
            period_start=start,
            comment=a.comment,
            merged_path=Path(a.merged) if a.merged else None,
            workers=a.workers,
            progress=progress,
        )
    ctx.print(
        tr(
            "已生成 {n} 份报告，保存在 {dir}（用时 {s:.1f} 秒）。",
            "Wrote {n} letters to {dir} in {s:.1f} s.",
            n=len(result.letters),
            dir=out,
            s=result.wall_seconds,
        )
    )
    if result.merged_path:
        ctx.print(tr("合并打印文件：{path}", "Merged print file: {path}", path=result.merged_path))
    for f in result.failures:
        ctx.warn(tr("失败 {no}：{msg}", "failed {no}: {msg}", no=f.client_no, msg=f.message))
    if result.cancelled:
        ctx.warn(
            tr(
                "已取消：已生成的 {n} 份报告均已保存并记录，其余 {rest} 位客户未生成。",
                "Cancelled: the {n} letters written are kept and recorded; {rest} clients were not done.",
                n=len(result.letters),
                rest=len(numbers) - len(result.letters) - len(result.failures),
            )
        )
    if result.failures:
        ctx.warn(
            tr(
                "{n} 位客户的报告未能生成，其余已完成。",
                "{n} letters failed; the others were written.",
                n=len(result.failures),
            )
        )
    if result.cancelled:
        return EXIT_CANCELLED
    return 1 if result.failures else 0


def register(reg: Registry) -> None:
    p = reg.command(
        "letters", _letters, help=tr("生成账户分析报告（PDF）", "generate account-analysis letters (PDF)")
    )
    p.add_argument("--client", metavar="NO", help=tr("为一位客户生成", "one client's letter"))
    p.add_argument(
        "--due",
        action="store_true",
        help=tr("为所有到期的“账户分析报告”任务生成", "a letter for every review-letter task due"),
    )
    p.add_argument(
        "--grade",
        action="append",
        metavar="V1..V5",
        help=tr("按客户等级选择（可重复）", "select clients by grade (repeatable)"),
    )
    p.add_argument("--manager", metavar="LOGIN", help=tr("按投资经理选择", "select one manager's clients"))
    p.add_argument("--out", required=True, metavar="DIR", help=tr("输出目录", "output folder"))
    p.add_argument(
        "--as-of", metavar="YYYY-MM-DD", help=tr("报告日（默认今天）", "as-of date (default: today)")
    )
    p.add_argument(
        "--period-start",
        metavar="YYYY-MM-DD",
        help=tr("报告期开始日（默认：上一个完整季度）", "period start (default: the last full quarter)"),
    )
    p.add_argument("--comment", metavar="TEXT", help=tr("投资经理寄语", "the manager's personal comment"))
    p.add_argument(
        "--merged",
        metavar="FILE",
        help=tr("另存一个合并的打印文件", "also write one merged PDF for printing"),
    )
    p.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help=tr("并行进程数（默认：CPU 核数）", "worker processes (default: CPU cores)"),
    )
    p.add_argument("--quiet", action="store_true", help=tr("不显示进度条", "no progress bar"))
    add_actor_arg(p)
