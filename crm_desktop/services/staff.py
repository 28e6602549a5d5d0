"""Branches and staff accounts. On an empty store the first admin can be created without logging in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_desktop.db.models import Branch, Staff
from crm_desktop.db.store import Store
from crm_desktop.domain.identifiers import is_login
from crm_desktop.domain.signin import MIN_PASSWORD_LENGTH, PasswordProblem, password_problems
from crm_desktop.domain.vocabulary import Qualification, Role
from crm_desktop.errors import Conflict, InvalidInput, PermissionDenied
from crm_desktop.i18n import tr
from crm_desktop.paths import resource
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, require_role
from crm_desktop.services.passwords import hash_password

MIN_PASSWORD = MIN_PASSWORD_LENGTH
COMMON_PASSWORDS_FILE = "common_passwords.txt"


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The small list of refused passwords (resources/config/common_passwords.txt), lower-cased."""
    text = resource("config", COMMON_PASSWORDS_FILE).read_text(encoding="utf-8")
    return frozenset(
        line.strip().casefold() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def check_new_password(password: str, login: str) -> None:
    """The password policy for every new password: at least 8 characters, not the login, not common."""
    problems = password_problems(password, login, common_passwords())
    if not problems:
        return
    texts = {
        PasswordProblem.TOO_SHORT: tr(
            "至少 {n} 个字符", "at least {n} characters are needed", n=MIN_PASSWORD_LENGTH
        ),
        PasswordProblem.IS_LOGIN: tr("不能与工号相同", "it must not be the login"),
        PasswordProblem.COMMON: tr("这是常见密码，很容易被猜中", "it is a common password, easily guessed"),
    }
    raise InvalidInput(
        tr(
            "密码不符合要求：{why}。请换一个更长、不易猜到的密码。",
            "The password is not acceptable: {why}. Choose a longer one that is hard to guess.",
            why=tr("；", "; ").join(texts[p] for p in problems),
        )
    )


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
            tr(
                "此数据库已有用户：请用 --as-user 以管理员身份执行。",
                "This store already has users: act as an admin with --as-user.",
            )
        )
    if not creating_admin:
        raise PermissionDenied(
            tr(
                "空数据库上第一个用户必须是管理员（--role admin）。",
                "On an empty store the first user must be an admin (--role admin).",
            )
        )


def add_branch(
    store: Store,
    actor: Actor | None,
    code: str,
    name: str,
    address: str | None = None,
    phone: str | None = None,
) -> int:
    code = code.strip()
    if not code or not name.strip():
        raise InvalidInput(tr("营业部代码和名称不能为空。", "Branch code and name must not be empty."))
    with store.transaction() as session:
        if actor is not None:
            require_role(actor, Role.ADMIN)
        elif store_has_users(session):
            raise PermissionDenied(
                tr(
                    "此数据库已有用户：只有管理员可以添加营业部，请用 --as-user。",
                    "This store already has users: only an admin adds branches; use --as-user.",
                )
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
    adviser_reg_no: str | None = None,
    temporary_password: bool = False,
) -> int:
    """``temporary_password``: the new colleague must choose their own password at first sign-in."""
    login = login.strip()
    if not is_login(login):
        raise InvalidInput(
            tr(
                "工号 {login} 无效：只能包含字母、数字、下划线、点和减号，以字母或数字开头，最长 40 个字符。",
                "Login {login} is invalid: use letters, digits, _ . - only, starting with a letter or digit, "
                "at most 40 characters.",
                login=login,
            )
        )
    try:
        role_enum = Role(role)
    except ValueError:
        raise InvalidInput(
            tr(
                "角色 {role} 无效，可选：{ok}。",
                "Role {role} is invalid; choose {ok}.",
                role=role,
                ok=", ".join(r.value for r in Role),
            )
        ) from None
    if password is not None:
        check_new_password(password, login)
    adviser_reg_no = (adviser_reg_no or "").strip() or None
    if adviser_reg_no and "investment_adviser" not in (qualifications or []):
        raise InvalidInput(
            tr(
                "执业证书编号只登记给具有证券投资顾问资格（investment_adviser）的员工。",
                "A registration number is recorded only for staff qualified as investment_adviser.",
            )
        )
    known = {q.value for q in Qualification}
    for q in qualifications or []:
        if q not in known:
            raise InvalidInput(
                tr(
                    "未知的资格 {q}，可选：{known}。",
                    "Unknown qualification {q}; known: {known}.",
                    q=q,
                    known=", ".join(m.value for m in Qualification),
                )
            )
    with store.transaction() as session:
        _require_admin_unless_bootstrap(session, actor, creating_admin=role_enum is Role.ADMIN)
        branch_id = None
        if branch_code and role_enum is Role.HEAD_OFFICE:
            raise InvalidInput(
                tr(
                    "总部人员不属于任何营业部：请去掉 --branch。",
                    "Head-office staff belong to no branch: leave out --branch.",
                )
            )
        if branch_code:
            branch = session.scalar(select(Branch).where(Branch.code == branch_code.strip()))
            if branch is None:
                raise InvalidInput(
                    tr(
                        "营业部 {code} 不存在，请先用 `crm branch add` 添加。",
                        "Branch {code} does not exist; add it first with `crm branch add`.",
                        code=branch_code,
                    )
                )
            branch_id = branch.id
        elif role_enum not in (Role.ADMIN, Role.HEAD_OFFICE):
            raise InvalidInput(
                tr(
                    "投资经理和营业部负责人必须属于一个营业部（--branch）。",
                    "Investment and branch managers must belong to a branch (--branch).",
                )
            )
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
            adviser_reg_no=adviser_reg_no,
            password_hash=hash_password(password) if password else None,
            password_temporary=bool(password and temporary_password),
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


def _get_staff(session: Session, login: str) -> Staff:
    staff = session.scalar(select(Staff).where(Staff.login == login.strip()))
    if staff is None:
        raise InvalidInput(tr("工号 {login} 不存在。", "No staff account with login {login}.", login=login))
    return staff


def set_active(store: Store, actor: Actor, login: str, active: bool) -> None:
    """Disable or re-enable an account (admin). Disabled staff cannot sign in; their clients stay assigned."""
    with store.transaction() as session:
        require_role(actor, Role.ADMIN)
        staff = _get_staff(session, login)
        if staff.id == actor.id and not active:
            raise InvalidInput(tr("不能停用自己的账号。", "You cannot disable your own account."))
        if staff.active != active:
            staff.active = active
            audit.record(
                session,
                actor,
                "staff.activate" if active else "staff.deactivate",
                "staff",
                staff.id,
                login=staff.login,
            )


def reset_password(
    store: Store, actor: Actor, login: str, new_password: str, *, temporary: bool = False
) -> None:
    """An admin sets another user's password (e.g. a new colleague, a forgotten password).

    ``temporary``: the owner must change it before doing anything else (the GUI asks at sign-in, the
    CLI refuses to act)."""
    check_new_password(new_password, login.strip())
    with store.transaction() as session:
        require_role(actor, Role.ADMIN)
        staff = _get_staff(session, login)
        staff.password_hash = hash_password(new_password)
        staff.password_temporary = temporary
        audit.record(
            session, actor, "staff.reset_password", "staff", staff.id, login=staff.login, temporary=temporary
        )


def change_own_password(store: Store, actor: Actor, old_password: str, new_password: str) -> None:
    from crm_desktop.services.passwords import verify_password

    check_new_password(new_password, actor.login)
    if new_password == old_password:
        raise InvalidInput(
            tr("新密码不能与原密码相同。", "The new password must differ from the current one.")
        )
    with store.transaction() as session:
        staff = session.get(Staff, actor.id)
        if staff is None or not verify_password(old_password, staff.password_hash):
            raise PermissionDenied(tr("原密码不正确。", "The current password is not correct."))
        staff.password_hash = hash_password(new_password)
        staff.password_temporary = False
        audit.record(session, actor, "staff.change_password", "staff", staff.id)


@dataclass(frozen=True)
class BranchInfo:
    id: int
    code: str
    name: str
    address: str | None
    phone: str | None
    has_logo: bool
    version: int


def get_branch(store: Store, actor: Actor, code: str | None = None) -> BranchInfo:
    """The actor's branch (or, for an admin, the branch with ``code``)."""
    with store.read() as session:
        if code is not None:
            branch = session.scalar(select(Branch).where(Branch.code == code.strip()))
            if branch is not None and not actor.is_admin and branch.id != actor.branch_id:
                branch = None
        else:
            branch = session.get(Branch, actor.branch_id) if actor.branch_id else None
        if branch is None:
            raise InvalidInput(tr("找不到营业部 {code}。", "Branch {code} not found.", code=code or "-"))
        return BranchInfo(
            branch.id,
            branch.code,
            branch.name,
            branch.address,
            branch.phone,
            branch.logo_png is not None,
            branch.version,
        )


def branch_choices(store: Store, actor: Actor) -> list[tuple[int, str, str]]:
    """(id, code, name) of the branches whose figures the actor may choose: every branch for head office,
    none for anyone else (they read their own)."""
    if actor.role is not Role.HEAD_OFFICE:
        return []
    with store.read() as session:
        return [(b.id, b.code, b.name) for b in session.scalars(select(Branch).order_by(Branch.code))]


def branch_id_of(store: Store, code: str) -> int:
    """The id of the branch with ``code`` (head office's branch chooser), or a clear refusal."""
    with store.read() as session:
        found = session.scalar(select(Branch.id).where(Branch.code == code.strip()))
    if found is None:
        raise InvalidInput(
            tr(
                "找不到营业部 {code}：请检查营业部代码（如 B001）。",
                "Branch {code} not found: check the branch code (such as B001).",
                code=code,
            )
        )
    return int(found)


PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_LOGO_BYTES = 1_000_000


def update_branch(
    store: Store,
    actor: Actor,
    code: str,
    *,
    name: str | None = None,
    address: str | None = None,
    phone: str | None = None,
    logo_png: bytes | None = None,
    clear_logo: bool = False,
    expected_version: int | None = None,
) -> None:
    """Edit the letterhead details (admin, or the branch manager of that branch)."""
    if logo_png is not None:
        if not logo_png.startswith(PNG_MAGIC):
            raise InvalidInput(tr("徽标必须是 PNG 图片。", "The logo must be a PNG image."))
        if len(logo_png) > MAX_LOGO_BYTES:
            raise InvalidInput(
                tr(
                    "徽标文件太大（上限 1 MB），请缩小后再试。",
                    "The logo is too large (1 MB at most); make it smaller and try again.",
                )
            )
    if name is not None and not name.strip():
        raise InvalidInput(tr("营业部名称不能为空。", "The branch name must not be empty."))
    with store.transaction() as session:
        require_role(actor, Role.ADMIN, Role.BRANCH_MANAGER)
        branch = session.scalar(select(Branch).where(Branch.code == code.strip()))
        if branch is None or (actor.is_branch_manager and branch.id != actor.branch_id):
            raise InvalidInput(tr("找不到营业部 {code}。", "Branch {code} not found.", code=code))
        if expected_version is not None and branch.version != expected_version:
            raise Conflict(
                tr(
                    "营业部信息已被他人修改，请刷新后重试。",
                    "Someone else changed the branch details; refresh and try again.",
                )
            )
        changed: dict[str, object] = {}
        for field_name, value in (("name", name), ("address", address), ("phone", phone)):
            if value is not None and getattr(branch, field_name) != value.strip():
                setattr(branch, field_name, value.strip())
                changed[field_name] = value.strip()
        if clear_logo and branch.logo_png is not None:
            branch.logo_png = None
            changed["logo"] = "cleared"
        elif logo_png is not None:
            branch.logo_png = logo_png
            changed["logo"] = f"{len(logo_png)} bytes"
        if changed:
            audit.record(session, actor, "branch.update", "branch", branch.id, **changed)
