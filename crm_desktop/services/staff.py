"""Branches and staff accounts. On an empty store the first admin can be created without logging in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_desktop.db.models import Branch, Staff
from crm_desktop.db.models.enums import Role
from crm_desktop.db.store import Store
from crm_desktop.errors import Conflict, InvalidInput, PermissionDenied
from crm_desktop.i18n import tr
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, require_role
from crm_desktop.services.passwords import hash_password

QUALIFICATIONS = {
    "securities_practitioner": ("证券从业资格", "securities practitioner"),
    "investment_adviser": ("证券投资顾问", "investment adviser"),
    "fund_practitioner": ("基金从业资格", "fund practitioner"),
    "futures_practitioner": ("期货从业资格", "futures practitioner"),
    "cfa": ("CFA", "CFA"),
}

_LOGIN_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,40}$")
MIN_PASSWORD = 6


@dataclass(frozen=True)
class StaffInfo:
    id: int
    login: str
    display_name: str
    role: str
    branch_code: str | None
    active: bool


def store_has_users(session: Session) -> bool:
    return (session.scalar(select(func.count()).select_from(Staff)) or 0) > 0


def _require_admin_unless_bootstrap(session: Session, actor: Actor | None, *, creating_admin: bool) -> None:
    if actor is not None:
        require_role(actor, Role.ADMIN)
        return
    if store_has_users(session):
        raise PermissionDenied(
            tr("此数据库已有用户：请用 --as-user 以管理员身份执行。",
               "This store already has users: act as an admin with --as-user.")
        )
    if not creating_admin:
        raise PermissionDenied(
            tr("空数据库上第一个用户必须是管理员（--role admin）。",
               "On an empty store the first user must be an admin (--role admin).")
        )


def add_branch(store: Store, actor: Actor | None, code: str, name: str, address: str | None = None,
               phone: str | None = None) -> int:
    code = code.strip()
    if not code or not name.strip():
        raise InvalidInput(tr("营业部代码和名称不能为空。", "Branch code and name must not be empty."))
    with store.transaction() as session:
        if actor is not None:
            require_role(actor, Role.ADMIN)
        elif store_has_users(session):
            raise PermissionDenied(
                tr("此数据库已有用户：只有管理员可以添加营业部，请用 --as-user。",
                   "This store already has users: only an admin adds branches; use --as-user.")
            )
        if session.scalar(select(Branch).where(Branch.code == code)):
            raise Conflict(tr("营业部代码 {code} 已存在。", "Branch code {code} already exists.", code=code))
        branch = Branch(code=code, name=name.strip(), address=address, phone=phone)
        session.add(branch)
        session.flush()
        audit.record(session, actor, "branch.add", "branch", branch.id, code=code, name=name)
        return branch.id


def add_user(
    store: Store,
    actor: Actor | None,
    login: str,
    *,
    role: str,
    display_name: str,
    branch_code: str | None,
    password: str | None,
    hire_date: date | None = None,
    qualifications: list[str] | None = None,
    phone: str | None = None,
    email: str | None = None,
) -> int:
    login = login.strip()
    if not _LOGIN_RE.match(login):
        raise InvalidInput(
            tr("工号 {login} 无效：只能包含字母、数字、下划线、点和减号，最长 40 个字符。",
               "Login {login} is invalid: use letters, digits, _ . - only, at most 40 characters.", login=login)
        )
    try:
        role_enum = Role(role)
    except ValueError:
        raise InvalidInput(
            tr("角色 {role} 无效，可选：investment_manager、branch_manager、admin。",
               "Role {role} is invalid; choose investment_manager, branch_manager or admin.", role=role)
        ) from None
    if password is not None and len(password) < MIN_PASSWORD:
        raise InvalidInput(tr("密码至少 {n} 位。", "The password needs at least {n} characters.", n=MIN_PASSWORD))
    for q in qualifications or []:
        if q not in QUALIFICATIONS:
            raise InvalidInput(
                tr("未知的资格 {q}，可选：{known}。", "Unknown qualification {q}; known: {known}.", q=q,
                   known=", ".join(QUALIFICATIONS))
            )
    with store.transaction() as session:
        _require_admin_unless_bootstrap(session, actor, creating_admin=role_enum is Role.ADMIN)
        branch_id = None
        if branch_code:
            branch = session.scalar(select(Branch).where(Branch.code == branch_code.strip()))
            if branch is None:
                raise InvalidInput(
                    tr("营业部 {code} 不存在，请先用 `crm branch add` 添加。",
                       "Branch {code} does not exist; add it first with `crm branch add`.", code=branch_code)
                )
            branch_id = branch.id
        elif role_enum is not Role.ADMIN:
            raise InvalidInput(tr("投资经理和营业部负责人必须属于一个营业部（--branch）。",
                                  "Investment and branch managers must belong to a branch (--branch)."))
        if session.scalar(select(Staff).where(Staff.login == login)):
            raise Conflict(tr("工号 {login} 已存在。", "Login {login} already exists.", login=login))
        staff = Staff(
            login=login,
            display_name=display_name.strip() or login,
            role=role_enum.value,
            branch_id=branch_id,
            hire_date=hire_date,
            qualifications=list(qualifications or []),
            phone=phone,
            email=email,
            password_hash=hash_password(password) if password else None,
        )
        session.add(staff)
        session.flush()
        audit.record(session, actor, "staff.add", "staff", staff.id, login=login, role=role_enum.value)
        return staff.id


def list_staff(store: Store, actor: Actor) -> list[StaffInfo]:
    """Staff of the actor's branch (all staff for an admin without a branch)."""
    with store.read() as session:
        q = select(Staff).order_by(Staff.login)
        if not (actor.is_admin and actor.branch_id is None):
            q = q.where(Staff.branch_id == actor.branch_id)
        return [
            StaffInfo(s.id, s.login, s.display_name, s.role, s.branch.code if s.branch else None, s.active)
            for s in session.scalars(q)
        ]
