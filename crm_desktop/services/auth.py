"""Who is acting: logging in, and the role checks every service starts with."""

from __future__ import annotations

import math
import platform
import secrets
import tomllib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from crm_desktop import clock
from crm_desktop.db import rls
from crm_desktop.db.models import AuditLog, LoginThrottle, Staff
from crm_desktop.db.store import Store
from crm_desktop.domain.labels import label_of
from crm_desktop.domain.signin import (
    ThrottlePolicy,
    is_locked_out,
    wait_left,
    workstation_failures,
)
from crm_desktop.domain.vocabulary import Role
from crm_desktop.errors import AuthenticationFailed, CrmError, InvalidInput, PermissionDenied, SessionEnded
from crm_desktop.i18n import tr
from crm_desktop.services.passwords import hash_password, verify_password

SECURITY_FILE = "security.toml"


@dataclass(frozen=True)
class Actor:
    """A signed-in staff member, as the services see them (a snapshot taken at login)."""

    id: int
    login: str
    display_name: str
    role: Role
    branch_id: int | None
    # Set by an administrator: the CLI refuses to act and the GUI asks for a new one until it is changed.
    password_temporary: bool = False

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
        return cls(
            staff.id,
            staff.login,
            staff.display_name,
            Role(staff.role),
            staff.branch_id,
            bool(staff.password_temporary),
        )


_DUMMY_HASH: str | None = None


def _dummy_hash() -> str:
    """A hash of a random password, checked for unknown logins so that they take as long as known ones."""
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password(secrets.token_hex(16))
    return _DUMMY_HASH


def workstation_name() -> str:
    return (platform.node() or "unknown")[:100]


def load_throttle_policy() -> ThrottlePolicy:
    """resources/config/security.toml, or the user's copy, or CRM_SECURITY_CONFIG ([login] table)."""
    from crm_desktop.services.callback_config import config_path

    path = config_path(SECURITY_FILE, "CRM_SECURITY_CONFIG")
    try:
        with open(path, "rb") as fh:
            table = tomllib.load(fh).get("login", {})
        defaults = ThrottlePolicy()
        return ThrottlePolicy(
            free_failures=int(table.get("free_failures", defaults.free_failures)),
            base_delay_seconds=float(table.get("base_delay_seconds", defaults.base_delay_seconds)),
            max_delay_seconds=float(table.get("max_delay_seconds", defaults.max_delay_seconds)),
            lockout_after=int(table.get("lockout_after", defaults.lockout_after)),
            window_minutes=int(table.get("window_minutes", defaults.window_minutes)),
        )
    except (OSError, tomllib.TOMLDecodeError, TypeError, ValueError) as exc:
        raise InvalidInput(
            tr(
                "登录安全配置 {path} 无法读取：{err}",
                "The sign-in security settings {path} cannot be read: {err}",
                path=path,
                err=exc,
            )
        ) from exc


def _throttle_row(session: Session, scope: str, key: str) -> LoginThrottle:
    # Locked for the transaction (PostgreSQL), so concurrent failures from two workstations both count.
    row = session.scalar(
        select(LoginThrottle).where(LoginThrottle.scope == scope, LoginThrottle.key == key).with_for_update()
    )
    if row is None:
        row = LoginThrottle(scope=scope, key=key, failures=0)
        session.add(row)
    return row


def _printable(text: str, limit: int = 40) -> str:
    """A typed login as it may appear in the audit log: no control characters, bounded length."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:limit]


class _Audit:
    """Audit rows of sign-in (services.audit imports this module, so the row is built here)."""

    @staticmethod
    def record(
        session: Session,
        actor: Actor | None,
        action: str,
        entity_type: str,
        entity_id: object,
        **details: object,
    ) -> None:
        session.add(
            AuditLog(
                actor_id=actor.id if actor else None,
                action=action,
                entity_type=entity_type,
                entity_id=None if entity_id is None else str(entity_id),
                details=details,
            )
        )


audit = _Audit()


def _wrong() -> AuthenticationFailed:
    return AuthenticationFailed(tr("工号或密码不正确。", "The login or password is not correct."))


def _attempt(
    store: Store, name: str, password: str, key: str, station: str, now: datetime, policy: ThrottlePolicy
) -> tuple[Actor | None, CrmError | None]:
    """One sign-in attempt in one transaction; the error is raised by the caller after the commit."""
    error: CrmError | None = None
    actor: Actor | None = None
    # Made before the transaction whichever login is typed: the process's first sign-in pays for it, not
    # the first unknown login (which would otherwise take two hashes, a difference one could time).
    dummy = _dummy_hash()
    with store.transaction() as session:
        by_login = _throttle_row(session, "login", key)
        by_station = _throttle_row(session, "workstation", station)
        station_failures = workstation_failures(by_station.failures, by_station.last_failure_at, now, policy)
        wait = max(
            wait_left(by_login.failures, by_login.last_failure_at, now, policy),
            wait_left(station_failures, by_station.last_failure_at, now, policy),
        )
        details = {"login": _printable(name), "workstation": _printable(station, 100)}
        if by_login.locked_at is not None:
            audit.record(session, None, "auth.login_refused", "staff", None, reason="locked", **details)
            error = AuthenticationFailed(
                tr(
                    "该账号因连续登录失败已被锁定，请联系管理员解锁（crm user unlock）。",
                    "This login is locked after repeated failed sign-ins; ask an administrator to unlock "
                    "it (crm user unlock).",
                )
            )
        elif wait > 0:
            audit.record(session, None, "auth.login_refused", "staff", None, reason="throttled", **details)
            error = AuthenticationFailed(
                tr(
                    "登录失败次数过多，请 {s} 秒后再试。",
                    "Too many failed sign-ins; try again in {s} seconds.",
                    s=max(1, math.ceil(wait)),
                )
            )
        else:
            staff = session.scalar(select(Staff).where(Staff.login == name))
            stored = staff.password_hash if staff is not None and staff.password_hash else None
            # An unknown login (or one without a password) checks the dummy hash: the same scrypt work.
            matches = verify_password(password, stored or dummy) and stored is not None
            if staff is not None and matches and staff.active:
                by_login.failures, by_login.last_failure_at = 0, None
                actor = Actor.from_staff(staff)
                audit.record(
                    session, actor, "auth.login", "staff", staff.id, workstation=details["workstation"]
                )
            elif staff is not None and matches:
                audit.record(
                    session, None, "auth.login_failed", "staff", staff.id, reason="disabled", **details
                )
                error = AuthenticationFailed(
                    tr(
                        "账号 {login} 已停用，请联系管理员。",
                        "The account {login} is disabled; ask an admin.",
                        login=staff.login,
                    )
                )
            else:
                by_login.failures += 1
                by_login.last_failure_at = now
                by_station.failures = station_failures + 1
                by_station.last_failure_at = now
                reason = "unknown_login" if staff is None else "wrong_password"
                if is_locked_out(by_login.failures, policy):
                    by_login.locked_at = now
                    reason += "_locked"
                audit.record(
                    session,
                    None,
                    "auth.login_failed",
                    "staff",
                    None if staff is None else staff.id,
                    reason=reason,
                    failures=by_login.failures,
                    **details,
                )
                error = _wrong()
    return actor, error


def login(
    store: Store,
    login_name: str,
    password: str,
    *,
    workstation: str | None = None,
    policy: ThrottlePolicy | None = None,
) -> Actor:
    """Check a login and password, throttled and audited.

    The same vague message for an unknown login and a wrong password, and the same work (an unknown
    login checks a dummy hash), so neither the answer nor its timing tells which logins exist. Failed
    attempts slow down the login and the workstation (growing waits) and lock the login after
    ``lockout_after`` in a row (an administrator unlocks it); every attempt is audited.
    """
    policy = policy or load_throttle_policy()
    name = login_name.strip()
    key = _printable(name, 100)
    station = (workstation or workstation_name())[:100]
    now = clock.now()
    for attempt in range(3):
        try:
            actor, error = _attempt(store, name, password, key, station, now, policy)
            break
        except IntegrityError:
            # Two workstations counted the first failure of the same key at once: count again.
            if attempt == 2:
                raise
    if error is not None:
        raise error
    assert actor is not None
    return actor


def unlock_login(store: Store, actor: Actor, login_name: str) -> bool:
    """An administrator lifts the lockout of a login (and forgets its failures); audited.
    Returns False when the login was not locked."""
    require_role(actor, Role.ADMIN)
    with store.transaction() as session:
        key = _printable(login_name.strip(), 100)
        row = session.scalar(
            select(LoginThrottle).where(LoginThrottle.scope == "login", LoginThrottle.key == key)
        )
        was_locked = row is not None and row.locked_at is not None
        if row is not None:
            session.delete(row)
        staff = session.scalar(select(Staff).where(Staff.login == login_name.strip()))
        audit.record(
            session,
            actor,
            "staff.unlock",
            "staff",
            None if staff is None else staff.id,
            login=_printable(login_name),
            was_locked=was_locked,
        )
    return was_locked


def require_role(actor: Actor, *roles: Role) -> None:
    if actor.role not in roles:
        raise PermissionDenied(
            tr(
                "您的角色（{role}）无权执行此操作。",
                "Your role ({role}) may not do this.",
                role=role_label(actor.role),
            )
        )


def refuse_head_office(actor: Actor) -> None:
    """Head office (总部) reads figures and writes nothing client-level: for the services whose other
    checks would let an account of no branch through (the store-wide administrator's paths)."""
    if actor.role is Role.HEAD_OFFICE:
        raise PermissionDenied(rls.read_only_message())


def session_ended_message() -> str:
    return tr(
        "您的账号已停用或角色、营业部已变更，本次登录已失效，请重新登录。",
        "Your account was disabled or its role or branch changed: this session has ended. Sign in again.",
    )


def db_scope(actor: Actor) -> rls.Scope:
    """What the database lets this actor's transactions reach (row-level security, PostgreSQL).

    Head office reads every branch and writes none; staff of a branch reach their branch only; the
    administrator of no branch (the scheduler account of store-wide batches and imports) the whole firm;
    anyone else of no branch nothing."""
    if actor.role is Role.HEAD_OFFICE:
        return rls.Scope.head_office()
    if actor.branch_id is not None:
        return rls.Scope.branch(actor.branch_id)
    if actor.role is Role.ADMIN:
        return rls.Scope.firm()
    return rls.NOTHING


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
        # The database's own wall between branches (PostgreSQL row-level security), for this transaction.
        rls.apply(session, db_scope(self.actor))

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
    if (again.id, again.role, again.branch_id) != (
        session.actor.id,
        session.actor.role,
        session.actor.branch_id,
    ):
        raise SessionEnded(session_ended_message())


def start_session(store: Store, actor: Actor) -> SignedInSession:
    """Bind ``actor`` to ``store`` so that every later transaction re-validates it (see above)."""
    return SignedInSession(store, actor).open()


def role_label(role: Role | str) -> str:
    return label_of(Role, role)
