"""``crm keys rotate``: a new key for the client personal data sealed in the store (issue #20)."""

from __future__ import annotations

from crm_desktop.cli.context import CliContext, add_actor_arg
from crm_desktop.cli.registry import Registry
from crm_desktop.i18n import tr
from crm_desktop.services import pii_keys


def _rotate(ctx: CliContext) -> int:
    result = pii_keys.rotate_key(ctx.store(), ctx.require_actor())
    ctx.print(
        tr(
            "个人数据密钥已轮换：{old} → {new}，重新加密了 {n} 位客户的资料。",
            "Personal-data key rotated: {old} -> {new}; {n} clients' data re-sealed.",
            old=result.old_key_id,
            new=result.new_key_id,
            n=result.clients,
        )
    )
    return 0


def register(reg: Registry) -> None:
    p = reg.subcommand(
        "keys",
        "rotate",
        _rotate,
        group_help=tr("个人数据密钥", "personal-data keys"),
        help=tr("轮换个人数据密钥（管理员）", "rotate the personal-data key (administrator)"),
    )
    add_actor_arg(p)
