"""``crm import KIND FILE``: load a back-office export, all rows or none."""

from __future__ import annotations

from crm_desktop.cli.context import CliContext, add_actor_arg
from crm_desktop.cli.progress import TerminalProgress
from crm_desktop.cli.registry import Registry
from crm_desktop.domain import ImportKind, label
from crm_desktop.i18n import ZH, tr
from crm_desktop.importing.kinds import KIND_NAMES, KINDS
from crm_desktop.services.importing import ImportRejected, run_import

EXIT_INVALID = 3


def _import(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.require_actor()
    try:
        with TerminalProgress(ctx.err) as progress:
            result = run_import(
                ctx.store(),
                actor,
                a.kind,
                a.file,
                encoding=a.encoding,
                sheet=a.sheet,
                dry_run=a.dry_run,
                report_path=a.report,
                progress=progress,
            )
    except ImportRejected as exc:
        res = exc.result
        for w in res.warnings:
            ctx.warn(tr("警告：", "warning: ") + w)
        ctx.warn(tr("错误：{msg}", "error: {msg}", msg=exc.message))
        for err in res.errors:
            ctx.warn("  " + err.describe())
        hidden = res.error_count - len(res.errors)
        if hidden > 0:
            ctx.warn(tr("  ……另有 {n} 处错误未显示。", "  … and {n} more errors not shown.", n=hidden))
        ctx.warn(tr("完整错误报告：{path}", "Full error report: {path}", path=res.report_path))
        return EXIT_INVALID
    for w in result.warnings:
        ctx.warn(tr("警告：", "warning: ") + w)
    label = KINDS[result.kind].label
    if result.status == "dry_run":
        ctx.print(
            tr(
                "试运行（未写入任何数据）：{file}（{kind}，{enc}）校验通过，若导入将是：{summary}",
                "Dry run (nothing written): {file} ({kind}, {enc}) is valid; importing it would give: {summary}",
                file=result.file_name,
                kind=label,
                enc=result.encoding or "xlsx",
                summary=result.summary(),
            )
        )
    else:
        ctx.print(
            tr(
                "已导入 {file}（{kind}，{enc}）：{summary}",
                "Imported {file} ({kind}, {enc}): {summary}",
                file=result.file_name,
                kind=label,
                enc=result.encoding or "xlsx",
                summary=result.summary(),
            )
        )
    return 0


def register(reg: Registry) -> None:
    kinds_help = ", ".join(f"{k.value} ({label(k, ZH)})" for k in ImportKind)
    p = reg.command(
        "import",
        _import,
        help=tr(
            "从后台导出文件（CSV 或 .xlsx）导入数据：全部成功或全部不写入",
            "import a back-office export (CSV or .xlsx): every row or none",
        ),
        description=tr("类型：", "kinds: ") + kinds_help,
    )
    p.add_argument("kind", metavar="KIND", choices=KIND_NAMES, help=kinds_help)
    p.add_argument("file", metavar="FILE", help=tr("CSV 或 .xlsx 文件", "a CSV or .xlsx file"))
    p.add_argument(
        "--encoding",
        metavar="ENC",
        help=tr("CSV 的编码（默认自动识别 UTF-8 / GBK）", "CSV encoding (default: detect UTF-8 / GBK)"),
    )
    p.add_argument(
        "--sheet", metavar="NAME", help=tr("工作表名（默认第一个）", "worksheet name (default: the first)")
    )
    p.add_argument(
        "--report",
        metavar="FILE",
        help=tr(
            "错误报告 CSV 的路径（默认在输入文件旁）",
            "where to write the error report CSV (default: beside the input)",
        ),
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help=tr("只校验并报告，不写入", "validate and report without writing"),
    )
    add_actor_arg(p)
