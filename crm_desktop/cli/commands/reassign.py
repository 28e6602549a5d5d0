"""``crm reassign request|approve|reject|withdraw|list``: moving clients between managers.

``list`` needs ``--as-user`` as well: it shows client numbers and names, so it shows only what that
user may see (the branch for a branch manager, their own requests and clients for an investment
manager).
"""

from __future__ import annotations

from crm_desktop.cli.context import CliContext, add_actor_arg
from crm_desktop.cli.registry import Registry
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.services import reassignment as svc
from crm_desktop.services.reassignment_rules import label


def _parse_id(raw: str) -> int:
    try:
        value = int(raw.lstrip("#"))
    except ValueError:
        raise InvalidInput(
            tr("申请编号 {v} 无效，应为数字。", "Request id {v} is invalid; use a number.", v=raw)
        ) from None
    return value


def _ids(raw: list[str]) -> list[int]:
    return [_parse_id(part) for item in raw for part in item.split(",") if part.strip()]


def _request(ctx: CliContext) -> int:
    a = ctx.args
    nos = [n.strip() for n in a.client.replace("，", ",").split(",") if n.strip()]
    ids = svc.request_reassignment(ctx.store(), ctx.require_actor(), nos, a.to, a.reason, a.comment, a.note)
    for rid in ids:
        ctx.print(rid)
    ctx.warn(
        tr(
            "已提交 {n} 个划转申请，等待营业部负责人审批。",
            "{n} reassignment request(s) filed, awaiting approval.",
            n=len(ids),
        )
    )
    return 0


def _approve(ctx: CliContext) -> int:
    a = ctx.args
    ids = _ids(a.id)
    svc.approve_requests(ctx.store(), ctx.require_actor(), ids, a.comment, a.override_reason)
    ctx.print(tr("已批准：{ids}", "Approved: {ids}", ids=", ".join(f"#{i}" for i in ids)))
    return 0


def _reject(ctx: CliContext) -> int:
    a = ctx.args
    ids = _ids(a.id)
    svc.reject_requests(ctx.store(), ctx.require_actor(), ids, a.comment)
    ctx.print(tr("已驳回：{ids}", "Rejected: {ids}", ids=", ".join(f"#{i}" for i in ids)))
    return 0


def _withdraw(ctx: CliContext) -> int:
    rid = _parse_id(ctx.args.id)
    svc.withdraw_request(ctx.store(), ctx.require_actor(), rid, ctx.args.comment)
    ctx.print(tr("已撤回：#{id}", "Withdrawn: #{id}", id=rid))
    return 0


def _list(ctx: CliContext) -> int:
    rows = svc.list_requests(ctx.store(), ctx.require_actor(), ctx.args.status)
    ctx.print(
        "\t".join(
            [
                "id",
                tr("状态", "status"),
                tr("客户号", "client"),
                tr("姓名", "name"),
                tr("等级", "grade"),
                tr("原经理", "from"),
                tr("新经理", "to"),
                tr("原因", "reason"),
                tr("申请人", "requested by"),
                tr("申请时间", "requested at"),
                tr("审批人", "decided by"),
                tr("审批时间", "decided at"),
                tr("规则检查", "rules"),
            ]
        )
    )
    for r in rows:
        to = f"{r.to_login}({label('tier', r.to_tier) if r.to_tier else '-'} {r.to_load}/{r.to_capacity or '-'})"
        ctx.print(
            "\t".join(
                str(x)
                for x in [
                    r.id,
                    svc.status_label(r.status),
                    r.client_no,
                    r.client_name,
                    r.grade or "-",
                    r.from_login or "-",
                    to,
                    svc.reason_label(r.reason),
                    r.requested_by_login,
                    svc._when(r.requested_at),
                    r.decided_by_name or "-",
                    svc._when(r.decided_at),
                    r.verdict.text() if r.status == "pending" else (r.override_reason or "-"),
                ]
            )
        )
    return 0


def register(reg: Registry) -> None:
    group_help = tr("客户划转（申请、审批）", "client reassignment (requests, approvals)")
    p = reg.subcommand(
        "reassign",
        "request",
        _request,
        group_help=group_help,
        help=tr(
            "申请把客户划转给另一位经理（输出申请编号）",
            "ask to move clients to another manager (prints the request ids)",
        ),
    )
    p.add_argument(
        "--client", required=True, metavar="NO[,NO...]", help=tr("客户号，可用逗号分隔多个", "client numbers")
    )
    p.add_argument(
        "--to", required=True, metavar="LOGIN", help=tr("接收经理的工号", "login of the new manager")
    )
    p.add_argument("--reason", required=True, choices=list(svc.REASONS))
    p.add_argument("--comment", metavar="TEXT")
    p.add_argument(
        "--note", metavar="TEXT", help=tr("给接收经理的交接说明", "handover note for the new manager")
    )
    add_actor_arg(p)

    p = reg.subcommand("reassign", "approve", _approve, help=tr("批准划转申请", "approve requests"))
    p.add_argument("id", nargs="+", metavar="ID", help=tr("申请编号（可多个）", "request id(s)"))
    p.add_argument("--comment", metavar="TEXT")
    p.add_argument(
        "--override-reason",
        metavar="TEXT",
        help=tr(
            "违反匹配或容量规则时必须填写的理由", "required when the matching or capacity rules are breached"
        ),
    )
    add_actor_arg(p)

    p = reg.subcommand("reassign", "reject", _reject, help=tr("驳回划转申请", "reject requests"))
    p.add_argument("id", nargs="+", metavar="ID")
    p.add_argument("--comment", required=True, metavar="TEXT")
    add_actor_arg(p)

    p = reg.subcommand(
        "reassign", "withdraw", _withdraw, help=tr("撤回自己的申请", "withdraw your own request")
    )
    p.add_argument("id", metavar="ID")
    p.add_argument("--comment", metavar="TEXT")
    add_actor_arg(p)

    p = reg.subcommand(
        "reassign", "list", _list, help=tr("列出划转申请（按权限）", "list requests you may see")
    )
    p.add_argument("--status", choices=["pending", "approved", "rejected", "withdrawn"])
    add_actor_arg(p)
