"""Who is acting: logging in, and the role checks every service starts with."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.db.models import Staff
from crm_desktop.db.store import Store
from crm_desktop.domain.labels import label_of
from crm_desktop.domain.vocabulary import Role
from crm_desktop.errors import AuthenticationFailed, PermissionDenied, SessionEnded
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


def session_ended_message() -> str:
    return tr(
        "您的账号已停用或角色、营业部已变更，本次登录已失效，请重新登录。",
        "Your account was disabled or its role or branch changed: this session has ended. Sign in again.",
    )


def check_actor(session: Session, actor: Actor) -> Staff:
    """Re-read the actor's staff row inside the caller's transaction and compare it with the snapshot
    taken at sign-in: a disabled account, or one whose role or branch changed, is refused at once."""
    staff = session.execute(select(Staff).where(Staff.id == actor.id)).scalar_one_or_none()
    if (
        staff is None
        or not staff.active
        or staff.role != actor.role.value
        or staff.branch_id != actor.branch_id
    ):
        raise SessionEnded(session_ended_message())
    return staff


def refresh_actor(session: Session, actor: Actor) -> Staff:
    """Re-read the actor's staff row inside a transaction: a disabled account loses access at once."""
    return check_actor(session, actor)


class SignedInSession:
    """The signed-in account of a front end (one CLI run, one GUI window) bound to its store.

    While it is open, every transaction and read on the store re-checks the account first (a store
    session guard), inside the same transaction as the work: whichever service is called, an account
    disabled, or given another role or branch, since sign-in is refused with :class:`SessionEnded`.
    """

    def __init__(self, store: Store, actor: Actor) -> None:
        self.store = store
        self.actor = actor
        self._open = False

    def _guard(self, session: Session) -> None:
        check_actor(session, self.actor)

    def open(self) -> SignedInSession:
        if not self._open:
            self.store.add_session_guard(self._guard)
            self._open = True
        return self

    def check(self) -> None:
        """Re-check now (the GUI's timer); raises :class:`SessionEnded`."""
        with self.store.read():
            pass

    def end(self) -> None:
        if self._open:
            self.store.remove_session_guard(self._guard)
            self._open = False

    @property
    def is_open(self) -> bool:
        return self._open


def unlock_session(session: SignedInSession, password: str) -> None:
    """The password of the session's own account opens a locked window (throttled like a sign-in)."""
    again = login(session.store, session.actor.login, password)
    if again != session.actor:
        raise SessionEnded(session_ended_message())


def start_session(store: Store, actor: Actor) -> SignedInSession:
    """Bind ``actor`` to ``store`` so that every later transaction re-validates it (see above)."""
    return SignedInSession(store, actor).open()


def role_label(role: Role | str) -> str:
    return label_of(Role, role)
