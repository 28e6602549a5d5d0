"""``crm notifications``: the signed-in user's notifications, worded in the language of this run."""

from __future__ import annotations

from crm_desktop.cli.context import CliContext, add_actor_arg
from crm_desktop.cli.registry import Registry
from crm_desktop.i18n import tr
from crm_desktop.services import notifications


def _list(ctx: CliContext) -> int:
    store, actor = ctx.store(), ctx.require_actor()
    shown = notifications.list_notifications(store, actor, unread_only=ctx.args.unread)
    ctx.print(
        "\t".join(["id", tr("时间", "time"), tr("已读", "read"), tr("标题", "title"), tr("内容", "details")])
    )
    for n in shown:
        ctx.print(
            "\t".join(
                [
                    str(n.id),
                    n.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                    tr("是", "yes") if n.read_at else tr("否", "no"),
                    n.title,
                    n.body,
                ]
            )
        )
    if ctx.args.mark_read:
        marked = notifications.mark_read(store, actor, [n.id for n in shown])
        ctx.warn(tr("已将 {n} 条通知标为已读。", "Marked {n} notification(s) read.", n=marked))
    return 0


def register(reg: Registry) -> None:
    p = reg.command(
        "notifications", _list, help=tr("列出我的通知（最新在前）", "list your notifications, newest first")
    )
    p.add_argument("--unread", action="store_true", help=tr("只列未读通知", "only unread ones"))
    p.add_argument(
        "--mark-read",
        action="store_true",
        help=tr("列出后把这些通知标为已读", "mark the listed notifications read"),
    )
    add_actor_arg(p)
