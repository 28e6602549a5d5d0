"""``crm export clients``: the actor's client book as CSV or Excel, with the same visibility and masking;
``crm note add|list``: client notes (the CLI face of quick add's note)."""

from __future__ import annotations

from pathlib import Path

from crm_desktop.cli.context import CliContext, add_actor_arg
from crm_desktop.cli.exporting import add_purpose_arg
from crm_desktop.cli.progress import TerminalProgress
from crm_desktop.cli.registry import Registry
from crm_desktop.i18n import tr
from crm_desktop.reports import client_book
from crm_desktop.services import notes


def _export_clients(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    out = Path(ctx.args.out)
    with TerminalProgress(ctx.err) as progress:
        n = client_book.export_clients(ctx.store(), actor, out, progress=progress, purpose=ctx.args.purpose)
    ctx.print(tr("已导出 {n} 位客户到 {path}。", "Exported {n} clients to {path}.", n=n, path=out))
    return 0


def _note_add(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    note_id = notes.add_note(ctx.store(), actor, ctx.args.client, ctx.args.text)
    ctx.print(
        tr(
            "已为客户 {no} 添加备注 {id}。",
            "Note {id} kept with client {no}.",
            no=ctx.args.client,
            id=note_id,
        )
    )
    return 0


def _note_list(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    rows = notes.list_notes(ctx.store(), actor, ctx.args.client)
    if not rows:
        ctx.print(tr("客户 {no} 没有备注。", "Client {no} has no notes.", no=ctx.args.client))
    for n in rows:
        ctx.print(f"#{n.id} {n.created_at.astimezone():%Y-%m-%d %H:%M} {n.author_name}: {n.text}")
    return 0


def register(reg: Registry) -> None:
    group = tr("客户备注", "client notes")
    p = reg.subcommand(
        "note",
        "add",
        _note_add,
        group_help=group,
        help=tr(
            "为客户添加一条备注（不是服务记录，不完成任务；记入审计）",
            "keep a note with a client (not a touch, closes no task; audited)",
        ),
    )
    p.add_argument("--client", required=True, metavar="CLIENT_NO")
    p.add_argument(
        "--text",
        required=True,
        metavar="TEXT",
        help=tr("备注内容（最多 1000 字）", "the note (at most 1000 characters)"),
    )
    add_actor_arg(p)
    p = reg.subcommand(
        "note",
        "list",
        _note_list,
        help=tr("列出客户的备注（最新在前）", "list a client's notes, newest first"),
    )
    p.add_argument("--client", required=True, metavar="CLIENT_NO")
    add_actor_arg(p)
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
