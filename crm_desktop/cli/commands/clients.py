"""``crm export clients``: the actor's client book as CSV or Excel, with the same visibility and masking."""

from __future__ import annotations

from pathlib import Path

from crm_desktop.cli.context import CliContext, add_actor_arg
from crm_desktop.cli.exporting import add_purpose_arg
from crm_desktop.cli.progress import TerminalProgress
from crm_desktop.cli.registry import Registry
from crm_desktop.i18n import tr
from crm_desktop.reports import client_book


def _export_clients(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    out = Path(ctx.args.out)
    with TerminalProgress(ctx.err) as progress:
        n = client_book.export_clients(ctx.store(), actor, out, progress=progress, purpose=ctx.args.purpose)
    ctx.print(tr("已导出 {n} 位客户到 {path}。", "Exported {n} clients to {path}.", n=n, path=out))
    return 0


def register(reg: Registry) -> None:
    p = reg.subcommand(
        "export",
        "clients",
        _export_clients,
        group_help=tr("导出数据", "export data"),
        help=tr(
            "导出可见客户名册（CSV 为带 BOM 的 UTF-8；.xlsx 为 Excel）",
            "export the clients you may see (CSV in UTF-8 with BOM, or .xlsx for Excel)",
        ),
    )
    p.add_argument(
        "--out",
        required=True,
        metavar="FILE.csv",
        help=tr("输出文件（.csv 或 .xlsx）", "output file (.csv or .xlsx)"),
    )
    add_purpose_arg(p)
    add_actor_arg(p)
