"""``crm branch add`` and ``crm user add``."""

from __future__ import annotations

import getpass
import os
import sys
from datetime import date

from crm_desktop.cli.context import CliContext, add_actor_arg
from crm_desktop.cli.registry import Registry
from crm_desktop.db.models.enums import Role
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.services import staff
from crm_desktop.services.auth import unlock_login


def _branch_add(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.actor(required=False)
    bid = staff.add_branch(ctx.store(), actor, a.code, a.name, a.address, a.phone)
    ctx.print(tr("已添加营业部 {code}（id {id}）。", "Branch {code} added (id {id}).", code=a.code, id=bid))
    return 0


def _read_new_password(ctx: CliContext) -> str | None:
    if ctx.args.password_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        return line or None
    env = os.environ.get("CRM_NEW_PASSWORD")
    if env:
        return env
    if sys.stdin.isatty():
        pw = getpass.getpass(tr("新用户的密码：", "Password for the new user: "))
        again = getpass.getpass(tr("再输入一次：", "Repeat it: "))
        if pw != again:
            raise InvalidInput(tr("两次输入的密码不一致。", "The two passwords differ."))
        return pw or None
    return None


def _user_add(ctx: CliContext) -> int:
    a = ctx.args
    actor = ctx.actor(required=False)
    hire = None
    if a.hire_date:
        try:
            hire = date.fromisoformat(a.hire_date)
        except ValueError:
            raise InvalidInput(
                tr(
                    "入职日期 {v} 无效，应为 YYYY-MM-DD。",
                    "Hire date {v} is invalid; use YYYY-MM-DD.",
                    v=a.hire_date,
                )
            ) from None
    quals = [q.strip() for q in (a.qualifications or "").replace("；", ";").split(";") if q.strip()]
    password = _read_new_password(ctx)
    uid = staff.add_user(
        ctx.store(),
        actor,
        a.login,
        role=a.role,
        display_name=a.name,
        branch_code=a.branch,
        password=password,
        hire_date=hire,
        qualifications=quals,
        phone=a.phone,
        email=a.email,
        adviser_reg_no=a.adviser_reg_no,
        temporary_password=a.temporary,
    )
    ctx.print(tr("已添加用户 {login}（id {id}）。", "User {login} added (id {id}).", login=a.login, id=uid))
    if password is None:
        ctx.warn(
            tr(
                "注意：未设置密码，该用户暂时无法登录。",
                "Note: no password was set, so this user cannot log in yet.",
            )
        )
    return 0


def _branch_set(ctx: CliContext) -> int:
    a = ctx.args
    logo = None
    if a.logo:
        try:
            with open(a.logo, "rb") as fh:
                logo = fh.read()
        except OSError as exc:
            raise InvalidInput(
                tr(
                    "无法读取徽标文件 {f}：{e}",
                    "Cannot read the logo file {f}: {e}",
                    f=a.logo,
                    e=exc.strerror,
                )
            ) from None
    staff.update_branch(
        ctx.store(),
        ctx.require_actor(),
        a.code,
        name=a.name,
        address=a.address,
        phone=a.phone,
        logo_png=logo,
        clear_logo=a.clear_logo,
    )
    ctx.print(tr("营业部 {code} 已更新。", "Branch {code} updated.", code=a.code))
    return 0


def _user_set_active(ctx: CliContext, active: bool) -> int:
    staff.set_active(ctx.store(), ctx.require_actor(), ctx.args.login, active)
    ctx.print(
        tr(
            "账号 {login} 已{state}。",
            "Account {login} {state}.",
            login=ctx.args.login,
            state=tr("启用", "enabled") if active else tr("停用", "disabled"),
        )
    )
    return 0


def _user_set_password(ctx: CliContext) -> int:
    pw = _read_new_password(ctx)
    if not pw:
        raise InvalidInput(
            tr(
                "没有提供新密码（用 --password-stdin 或 CRM_NEW_PASSWORD）。",
                "No new password given (use --password-stdin or CRM_NEW_PASSWORD).",
            )
        )
    staff.reset_password(ctx.store(), ctx.require_actor(), ctx.args.login, pw, temporary=ctx.args.temporary)
    ctx.print(tr("已为 {login} 设置新密码。", "New password set for {login}.", login=ctx.args.login))
    if ctx.args.temporary:
        ctx.print(
            tr(
                "这是临时密码：{login} 必须先修改密码（crm user passwd）才能进行其他操作。",
                "It is temporary: {login} must change it (crm user passwd) before doing anything else.",
                login=ctx.args.login,
            )
        )
    return 0


def _user_passwd(ctx: CliContext) -> int:
    """The signed-in user changes their own password (the only command a temporary password allows)."""
    actor = ctx.require_actor()
    if ctx.args.password_stdin:
        new = sys.stdin.readline().rstrip("\r\n")
    else:
        new = os.environ.get("CRM_NEW_PASSWORD") or ""
        if not new and sys.stdin.isatty():
            new = getpass.getpass(tr("新密码：", "New password: "))
            if getpass.getpass(tr("再输入一次：", "Repeat it: ")) != new:
                raise InvalidInput(tr("两次输入的密码不一致。", "The two passwords differ."))
    if not new:
        raise InvalidInput(
            tr(
                "没有提供新密码（用 --password-stdin 或 CRM_NEW_PASSWORD）。",
                "No new password given (use --password-stdin or CRM_NEW_PASSWORD).",
            )
        )
    staff.change_own_password(ctx.store(), actor, ctx.actor_password or "", new)
    ctx.print(tr("{login} 的密码已修改。", "The password of {login} was changed.", login=actor.login))
    return 0


def _user_unlock(ctx: CliContext) -> int:
    was_locked = unlock_login(ctx.store(), ctx.require_actor(), ctx.args.login)
    ctx.print(
        tr("账号 {login} 已解锁。", "Login {login} unlocked.", login=ctx.args.login)
        if was_locked
        else tr(
            "账号 {login} 未被锁定；其失败登录次数已清零。",
            "Login {login} was not locked; its failed sign-ins were cleared.",
            login=ctx.args.login,
        )
    )
    return 0


def _user_list(ctx: CliContext) -> int:
    for s in staff.list_staff(ctx.store(), ctx.require_actor()):
        ctx.print(
            f"{s.login}\t{s.display_name}\t{s.role}\t{s.branch_code or '-'}\t"
            f"{tr('在职', 'active') if s.active else tr('停用', 'disabled')}"
        )
    return 0


def register(reg: Registry) -> None:
    p = reg.subcommand(
        "branch",
        "add",
        _branch_add,
        group_help=tr("营业部", "branches"),
        help=tr("添加营业部", "add a branch"),
    )
    p.add_argument("code")
    p.add_argument("--name", required=True)
    p.add_argument("--address")
    p.add_argument("--phone")
    add_actor_arg(p, required=False)

    p = reg.subcommand(
        "branch",
        "set",
        _branch_set,
        help=tr("修改营业部信息（报告抬头）", "edit branch details (letterhead)"),
    )
    p.add_argument("code")
    p.add_argument("--name")
    p.add_argument("--address")
    p.add_argument("--phone")
    p.add_argument("--logo", metavar="FILE.png")
    p.add_argument("--clear-logo", action="store_true")
    add_actor_arg(p)

    p = reg.subcommand(
        "user",
        "add",
        _user_add,
        group_help=tr("员工账号", "staff accounts"),
        help=tr("添加员工账号", "add a staff account"),
    )
    p.add_argument("login")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--name", required=True)
    p.add_argument("--branch", metavar="CODE")
    p.add_argument("--hire-date", metavar="YYYY-MM-DD")
    p.add_argument("--qualifications", metavar="Q1;Q2")
    p.add_argument(
        "--adviser-reg-no",
        metavar="NO",
        help=tr("证券投资顾问的执业证书编号", "an investment adviser's registration number (执业证书编号)"),
    )
    p.add_argument("--phone")
    p.add_argument("--email")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help=tr("从标准输入读取新用户密码", "read the new user's password from standard input"),
    )
    p.add_argument(
        "--temporary",
        action="store_true",
        help=tr("临时密码：员工首次登录后必须修改", "a temporary password: the user must change it first"),
    )
    add_actor_arg(p, required=False)

    p = reg.subcommand("user", "list", _user_list, help=tr("列出员工账号", "list staff accounts"))
    add_actor_arg(p)
    p = reg.subcommand(
        "user", "disable", lambda c: _user_set_active(c, False), help=tr("停用账号", "disable an account")
    )
    p.add_argument("login")
    add_actor_arg(p)
    p = reg.subcommand(
        "user", "enable", lambda c: _user_set_active(c, True), help=tr("启用账号", "enable an account")
    )
    p.add_argument("login")
    add_actor_arg(p)
    p = reg.subcommand(
        "user",
        "set-password",
        _user_set_password,
        help=tr("管理员为员工设置新密码", "an admin sets a staff member's password"),
    )
    p.add_argument("login")
    p.add_argument("--password-stdin", action="store_true")
    p.add_argument(
        "--temporary",
        action="store_true",
        help=tr(
            "临时密码：员工登录后必须先修改", "a temporary password: its owner must change it before acting"
        ),
    )
    add_actor_arg(p)
    p = reg.subcommand(
        "user",
        "passwd",
        _user_passwd,
        help=tr(
            "修改自己的密码（新密码取自 --password-stdin、CRM_NEW_PASSWORD 或提示）",
            "change your own password (new one from --password-stdin, CRM_NEW_PASSWORD or a prompt)",
        ),
    )
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help=tr("从标准输入读取新密码", "read the new password from standard input"),
    )
    p.set_defaults(allows_temporary_password=True)
    add_actor_arg(p)
    p = reg.subcommand(
        "user",
        "unlock",
        _user_unlock,
        help=tr("管理员解锁因登录失败被锁定的账号", "an admin unlocks a login locked after failed sign-ins"),
    )
    p.add_argument("login")
    add_actor_arg(p)
