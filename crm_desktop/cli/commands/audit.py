"""``crm audit verify``: walk the audit log's hash chain and name the first broken row."""

from __future__ import annotations

from crm_desktop.cli.context import CliContext, add_actor_arg
from crm_desktop.cli.registry import Registry
from crm_desktop.i18n import tr
from crm_desktop.services import audit

# The chain is broken: the audit log was changed behind the application's back (see docs/security.md).
EXIT_BROKEN = 7

_KINDS = {
    "content": (
        "内容与其哈希不符（该行被改动过）",
        "its content does not match its hash (the row was changed)",
    ),
    "link": (
        "没有指向前一行（前面的行被删除或插入过）",
        "it does not point at the row before it (a row before it was removed or inserted)",
    ),
    "unhashed": ("没有哈希（绕过应用写入）", "it carries no hash (written behind the application's back)"),
}


def _verify(ctx: CliContext) -> int:
    actor = ctx.require_actor()
    report = audit.verify_chain(ctx.store(), actor)
    if report.broken is None:
        ctx.print(
            tr(
                "审计日志完整：已校验 {n} 行，哈希链无断点。",
                "The audit log is whole: {n} rows checked, the hash chain is unbroken.",
                n=report.rows,
            )
        )
        return 0
    zh, en = _KINDS[report.broken.kind]
    ctx.warn(
        tr(
            "审计日志第 {id} 行断链：{why}。请立即报告合规负责人并保全数据库备份。",
            "The audit log is broken at row {id}: {why}. Report it to compliance and keep the store's backups.",
            id=report.broken.row_id,
            why=tr(zh, en),
        )
    )
    return EXIT_BROKEN


def register(reg: Registry) -> None:
    p = reg.subcommand(
        "audit",
        "verify",
        _verify,
        group_help=tr("审计日志", "the audit log"),
        help=tr(
            "校验审计日志的哈希链，报告第一处断点（系统管理员、营业部负责人）",
            "check the audit log's hash chain and report the first broken row (administrators, branch managers)",
        ),
    )
    add_actor_arg(p)
