"""``crm export dashboard --out FILE.xlsx|FILE.pdf``: the branch dashboard as a workbook or a PDF."""

from __future__ import annotations

from pathlib import Path

from crm_desktop.cli.context import CliContext, add_actor_arg, add_branch_choice_arg, chosen_branch
from crm_desktop.cli.exporting import add_purpose_arg
from crm_desktop.cli.progress import TerminalProgress
from crm_desktop.cli.registry import Registry
from crm_desktop.i18n import tr


def _export_dashboard(ctx: CliContext) -> int:
    from crm_desktop.reports import dashboard

    actor = ctx.require_actor()
    branch_id = chosen_branch(ctx)
    with TerminalProgress(ctx.err) as progress:
        path = dashboard.export_dashboard(
            ctx.store(),
            actor,
            Path(ctx.args.out),
            progress=progress,
            purpose=ctx.args.purpose,
            branch_id=branch_id,
        )
    ctx.print(tr("已导出营业部看板：{path}", "Branch dashboard exported: {path}", path=path))
    return 0


def register(reg: Registry) -> None:
    p = reg.subcommand(
        "export",
        "dashboard",
        _export_dashboard,
        group_help=tr("导出数据", "export data"),
        help=tr("导出营业部看板（.xlsx 或 .pdf）", "export the branch dashboard (.xlsx or .pdf)"),
    )
    p.add_argument(
        "--out",
        required=True,
        metavar="FILE.xlsx|FILE.pdf",
        help=tr("目标文件，后缀决定格式", "target file; the suffix picks the format"),
    )
    add_purpose_arg(p)
    add_branch_choice_arg(p)
    add_actor_arg(p)
