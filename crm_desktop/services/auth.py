"""Who is acting: logging in, and the role checks every service starts with."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.db.models import Staff
from crm_desktop.db.store import Store
from crm_desktop.domain.labels import label_of
from crm_desktop.domain.vocabulary import Role
from crm_desktop.errors import AuthenticationFailed, PermissionDenied
from crm_desktop.i18n import tr
from crm_desktop.services.passwords import verify_password


@dataclass(frozen=True)
class Actor:
    """A signed-in staff member, as the services see them (a snapshot taken at login)."""

    id: int
    login: str
    display_name: str
    role: Role
    branch_id: int | None

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def is_branch_manager(self) -> bool:
        return self.role is Role.BRANCH_MANAGER

    @property
    def is_investment_manager(self) -> bool:
        return self.role is Role.INVESTMENT_MANAGER

    @classmethod
    def from_staff(cls, staff: Staff) -> Actor:
        return cls(staff.id, staff.login, staff.display_name, Role(staff.role), staff.branch_id)


def login(store: Store, login_name: str, password: str) -> Actor:
    """Check a login and password; the same vague message for unknown login and wrong password."""
    with store.read() as session:
        staff = session.scalar(select(Staff).where(Staff.login == login_name.strip()))
        if staff is None or not verify_password(password, staff.password_hash):
            raise AuthenticationFailed(tr("工号或密码不正确。", "The login or password is not correct."))
        if not staff.active:
            raise AuthenticationFailed(
                tr(
                    "账号 {login} 已停用，请联系管理员。",
                    "The account {login} is disabled; ask an admin.",
                    login=staff.login,
                )
            )
        return Actor.from_staff(staff)


def require_role(actor: Actor, *roles: Role) -> None:
    if actor.role not in roles:
        raise PermissionDenied(
            tr(
                "您的角色（{role}）无权执行此操作。",
                "Your role ({role}) may not do this.",
                role=role_label(actor.role),
            )
        )


def refresh_actor(session: Session, actor: Actor) -> Staff:
    """Re-read the actor's staff row inside a transaction: a disabled account loses access at once."""
    staff = session.get(Staff, actor.id)
    if staff is None or not staff.active:
        raise PermissionDenied(tr("账号已停用。", "This account is disabled."))
    return staff


def role_label(role: Role | str) -> str:
    return label_of(Role, role)
