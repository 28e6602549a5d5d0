"""Per-kind reference checks and the set-based upsert from a staging table into the real table.

Valid rows go into a temporary staging table inside the import's one transaction (COPY on
PostgreSQL, executemany on SQLite); new/changed/unchanged are counted and applied with a few
statements joining staging to the target. Nothing here commits: the caller's transaction does,
once, or rolls everything back.
"""

from __future__ import annotations

import operator
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Connection, Date, Integer, MetaData, Table, bindparam, select, text
from sqlalchemy.sql.elements import TextClause

from crm_desktop.db import pii
from crm_desktop.db.models import (
    AccountEventRecord,
    AssetSnapshot,
    Branch,
    ChurnRecord,
    Client,
    Holding,
    Product,
    RiskProfile,
    RiskWarning,
    Security,
    ServiceTask,
    Staff,
    Trade,
    TradingPermission,
)
from crm_desktop.db.types import UTCDateTime
from crm_desktop.domain import flow as flow_rules
from crm_desktop.i18n import tr
from crm_desktop.importing.kinds import KINDS, KindSpec
from crm_desktop.importing.rows import HeaderMap, RowError


@dataclass(frozen=True)
class Scope:
    """Who imports: admins reach every branch, branch managers only their own."""

    actor_id: int
    login: str
    is_admin: bool
    branch_id: int | None


@dataclass
class Counts:
    total: int = 0
    new: int = 0
    changed: int = 0

    @property
    def unchanged(self) -> int:
        return self.total - self.new - self.changed


def q(name: str) -> str:
    return f'"{name}"'


class Target:
    """How one kind is checked against the store and written into its table."""

    spec: KindSpec
    table: Table
    stage_cols: tuple[str, ...]
    key_cols: tuple[str, ...]
    # file field -> target column it sets (fields not listed map to the same name)
    field_cols: dict[str, str] = {}  # noqa: RUF012
    # staging-only columns (not copied to the target)
    extra_stage: tuple[str, ...] = ()
    # target columns set on insert beyond the staged ones: name -> SQL expression over s. and :now
    insert_extra: dict[str, str] = {}  # noqa: RUF012
    update_extra: dict[str, str] = {}  # noqa: RUF012
    # JSON columns compare as text: PostgreSQL's json type has no equality operator
    json_cols: frozenset[str] = frozenset()

    def __init__(self, scope: Scope, hm: HeaderMap) -> None:
        self.scope = scope
        self.hm = hm
        self.key_idx = tuple(self.stage_cols.index(k) for k in self.key_cols)
        # +1: position 0 of a staged tuple is the row number
        self.key_getter = operator.itemgetter(*(i + 1 for i in self.key_idx))

    # -- checking
    def prepare(self, conn: Connection) -> None:
        """Load what reference checks need (codes and ids, never whole rows)."""

    def stage_row(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> tuple[Any, ...] | None:
        raise NotImplementedError

    def check_refs(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> None:
        """Reference checks for a row that has other errors, so one pass reports all of them."""

    def key_headers(self) -> str:
        return " + ".join(self.hm.header.get(f, f) for f in self.spec.key)

    def key_of(self, staged: Sequence[Any]) -> Any:
        return self.key_getter(staged)

    def compare_cols(self) -> list[str]:
        cols = []
        for f in self.hm.index:
            col = self.field_cols.get(f, f)
            if col in self.stage_cols and col not in self.key_cols and col not in cols:
                cols.append(col)
        return cols

    def err(self, errors: list[RowError], row_no: int, field: str, value: Any, reason: str) -> None:
        errors.append(
            RowError(row_no, self.hm.header.get(field, field), "" if value is None else str(value), reason)
        )

    # -- writing
    def before_apply(self, conn: Connection, stage: Stage, ctx: ApplyContext) -> None:
        pass

    def after_apply(self, conn: Connection, stage: Stage, ctx: ApplyContext) -> None:
        pass


@dataclass
class ApplyContext:
    now: datetime
    today: date
    actor_id: int
    dialect: str

    @property
    def distinct(self) -> str:
        return "IS DISTINCT FROM" if self.dialect == "postgresql" else "IS NOT"


def _ref_missing(what_zh: str, what_en: str, hint_zh: str, hint_en: str) -> str:
    return tr(
        "{what}在数据库中不存在，{hint}",
        "{what} does not exist in the store; {hint}",
        what=tr(what_zh, what_en),
        hint=tr(hint_zh, hint_en),
    )


class _ClientRefs:
    """client_no -> id for the clients the importer may touch (their branch, or all for an admin)."""

    def load_clients(self, conn: Connection, scope: Scope) -> dict[str, int]:
        stmt = select(Client.client_no, Client.id)
        if not scope.is_admin:
            stmt = stmt.where(Client.branch_id == scope.branch_id)
        return {no: cid for no, cid in conn.execute(stmt)}

    @staticmethod
    def client_missing(scope: Scope) -> str:
        if scope.is_admin:
            return _ref_missing("客户号", "The client number", "请先导入客户", "import the clients first")
        return tr(
            "客户号不存在或不属于您的营业部，请先导入客户",
            "The client number does not exist or is not in your branch; import the clients first",
        )


def _branch_missing() -> str:
    return _ref_missing(
        "营业部代码",
        "The branch code",
        "请先用 crm branch add 添加营业部",
        "add the branch first with crm branch add",
    )


def _security_missing() -> str:
    return _ref_missing("证券代码", "The security code", "请先导入证券", "import the securities first")


class StaffTarget(Target):
    spec = KINDS["staff"]
    table = Staff.__table__  # type: ignore[assignment]
    stage_cols = (
        "login",
        "display_name",
        "role",
        "branch_id",
        "hire_date",
        "qualifications",
        "active",
        "adviser_reg_no",
    )
    key_cols = ("login",)
    field_cols = {"name": "display_name", "branch_code": "branch_id"}  # noqa: RUF012
    json_cols = frozenset({"qualifications"})
    insert_extra = {"version": "1", "created_at": ":now", "updated_at": ":now"}  # noqa: RUF012
    update_extra = {"version": "{t}.version + 1", "updated_at": ":now"}  # noqa: RUF012

    def prepare(self, conn: Connection) -> None:
        self.branches = {c: i for c, i in conn.execute(select(Branch.code, Branch.id))}
        self.existing = {
            login: (role, branch_id)
            for login, role, branch_id in conn.execute(select(Staff.login, Staff.role, Staff.branch_id))
        }

    def check_refs(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> None:
        if v.get("branch_code") and v["branch_code"] not in self.branches:
            self.err(errors, row_no, "branch_code", v["branch_code"], _branch_missing())

    def stage_row(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> tuple[Any, ...] | None:
        n = len(errors)
        login, role = v["login"], v["role"]
        branch_id = None
        if v.get("branch_code"):
            branch_id = self.branches.get(v["branch_code"])
            if branch_id is None:
                self.err(
                    errors,
                    row_no,
                    "branch_code",
                    v["branch_code"],
                    _ref_missing(
                        "营业部代码",
                        "The branch code",
                        "请先用 crm branch add 添加营业部",
                        "add the branch first with crm branch add",
                    ),
                )
        elif role != "admin":
            self.err(
                errors,
                row_no,
                "branch_code",
                "",
                tr(
                    "投资经理和营业部负责人必须填写营业部代码",
                    "investment and branch managers need a branch code",
                ),
            )
        old = self.existing.get(login)
        if not self.scope.is_admin:
            if old is not None and role != old[0]:
                # Separation of duties: roles change through an administrator, never by a branch import.
                self.err(
                    errors,
                    row_no,
                    "role",
                    role,
                    tr(
                        "不能通过导入修改角色（现为 {old}）：请由系统管理员修改",
                        "an import cannot change a role (now {old}): an administrator changes roles",
                        old=old[0],
                    ),
                )
            elif old is None and role == "branch_manager":
                self.err(
                    errors,
                    row_no,
                    "role",
                    role,
                    tr(
                        "营业部负责人账号只能由系统管理员创建",
                        "only an administrator creates branch manager accounts",
                    ),
                )
            if role == "admin":
                self.err(
                    errors,
                    row_no,
                    "role",
                    role,
                    tr("营业部负责人不能导入管理员账号", "a branch manager cannot import admin accounts"),
                )
            if branch_id is not None and branch_id != self.scope.branch_id:
                self.err(
                    errors,
                    row_no,
                    "branch_code",
                    v.get("branch_code"),
                    tr("只能导入本营业部的员工", "you may only import staff of your own branch"),
                )
            if old is not None and (old[0] == "admin" or old[1] != self.scope.branch_id):
                self.err(
                    errors,
                    row_no,
                    "login",
                    login,
                    tr(
                        "该工号属于其他营业部或管理员，您无权修改",
                        "this login belongs to another branch or an admin; you may not change it",
                    ),
                )
        if login == self.scope.login:
            if old is not None and role != old[0] and self.scope.is_admin:
                self.err(
                    errors,
                    row_no,
                    "role",
                    role,
                    tr("不能通过导入修改自己的角色", "you cannot change your own role by import"),
                )
            if v.get("active") == 0:
                self.err(
                    errors,
                    row_no,
                    "active",
                    "0",
                    tr("不能通过导入停用自己的账号", "you cannot disable your own account by import"),
                )
        if len(errors) > n:
            return None
        return (
            row_no,
            login,
            v["name"],
            role,
            branch_id,
            v.get("hire_date"),
            v.get("qualifications", "[]"),
            v.get("active", 1),
            v.get("adviser_reg_no"),
        )


_SEALED_FIELDS = pii.SEALED_COLUMNS


class ClientTarget(Target, _ClientRefs):
    spec = KINDS["clients"]
    table = Client.__table__  # type: ignore[assignment]
    stage_cols = (
        "client_no",
        "name",
        "client_type",
        "id_number",
        "phone",
        "email",
        "address",
        "birth_date",
        "open_date",
        "risk_level",
        "risk_assessed_on",
        "branch_id",
        "manager_id",
        "status",
        "commission_rate",
        # personal data at rest (db/pii.py): derived from the plain values while staging
        "id_tail",
        "phone_tail",
        "phone_masked",
    )
    # the derived columns change together with the column they come from
    _derived_from = {"id_number": ("id_tail",), "phone": ("phone_tail", "phone_masked")}  # noqa: RUF012
    # marketing: 1/0 from the optional "允许营销" column, NULL when absent or empty
    extra_stage = ("is_new", "marketing")
    key_cols = ("client_no",)
    field_cols = {"branch_code": "branch_id", "manager_login": "manager_id"}  # noqa: RUF012
    insert_extra = {  # noqa: RUF012
        "version": "1",
        "created_at": ":now",
        "updated_at": ":now",
        "assigned_on": "CASE WHEN s.manager_id IS NULL THEN NULL ELSE :today END",
    }
    update_extra = {"version": "{t}.version + 1", "updated_at": ":now"}  # noqa: RUF012

    def compare_cols(self) -> list[str]:
        cols = super().compare_cols()
        for source, derived in self._derived_from.items():
            if source in cols:
                cols += [d for d in derived if d not in cols]
        return cols

    def _seal(self, client_no: str, field: str, plain: str | None) -> str | None:
        """The value's token: the stored one when the value is unchanged (so re-importing changes nothing)."""
        if plain is None:
            return None
        stored = self.sealed.get(client_no)
        if stored is not None:
            token = stored[_SEALED_FIELDS.index(field)]
            if token is not None and pii.is_token(token) and self.keys.decrypt(token) == plain:
                return token
        return self.keys.encrypt(plain)

    def prepare(self, conn: Connection) -> None:
        # Personal data is sealed before it reaches the stage table; unchanged values keep their tokens.
        self.keys = pii.require_keys()
        present = [f for f in _SEALED_FIELDS if self.hm.present(f)]
        self.sealed: dict[str, tuple[str | None, ...]] = {}
        if present:
            self.sealed = {
                no: tuple(vals)
                for no, *vals in conn.execute(
                    text(f"SELECT client_no, {', '.join(_SEALED_FIELDS)} FROM client")
                )
            }
        self.branches = {c: i for c, i in conn.execute(select(Branch.code, Branch.id))}
        self.staff = {
            login: (sid, branch_id, role, active)
            for login, sid, branch_id, role, active in conn.execute(
                select(Staff.login, Staff.id, Staff.branch_id, Staff.role, Staff.active)
            )
        }
        self.foreign: set[str] = set()
        # Separation of duties: the managers of the branch's clients, so an import by a non-administrator
        # cannot move a client between managers (that takes an approved reassignment request).
        self.current_manager: dict[str, int | None] = {}
        if not self.scope.is_admin:
            self.foreign = set(
                conn.scalars(select(Client.client_no).where(Client.branch_id != self.scope.branch_id))
            )
            if self.hm.present("manager_login"):
                self.current_manager = {
                    no: mid
                    for no, mid in conn.execute(
                        select(Client.client_no, Client.manager_id).where(
                            Client.branch_id == self.scope.branch_id
                        )
                    )
                }

    def check_refs(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> None:
        if v.get("branch_code") and v["branch_code"] not in self.branches:
            self.err(errors, row_no, "branch_code", v["branch_code"], _branch_missing())
        if v.get("manager_login") and v["manager_login"] not in self.staff:
            self.err(
                errors,
                row_no,
                "manager_login",
                v["manager_login"],
                _ref_missing("投资经理工号", "The manager login", "请先导入员工", "import the staff first"),
            )

    def stage_row(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> tuple[Any, ...] | None:
        n = len(errors)
        branch_id = self.branches.get(v["branch_code"])
        if branch_id is None:
            self.err(
                errors,
                row_no,
                "branch_code",
                v["branch_code"],
                _ref_missing(
                    "营业部代码",
                    "The branch code",
                    "请先用 crm branch add 添加营业部",
                    "add the branch first with crm branch add",
                ),
            )
        elif not self.scope.is_admin and branch_id != self.scope.branch_id:
            self.err(
                errors,
                row_no,
                "branch_code",
                v["branch_code"],
                tr("只能导入本营业部的客户", "you may only import clients of your own branch"),
            )
        if v["client_no"] in self.foreign:
            self.err(
                errors,
                row_no,
                "client_no",
                v["client_no"],
                tr(
                    "该客户属于其他营业部，您无权修改",
                    "this client belongs to another branch; you may not change it",
                ),
            )
        manager_id = None
        login = v.get("manager_login")
        if login:
            info = self.staff.get(login)
            if info is None:
                self.err(
                    errors,
                    row_no,
                    "manager_login",
                    login,
                    _ref_missing(
                        "投资经理工号", "The manager login", "请先导入员工", "import the staff first"
                    ),
                )
            else:
                sid, s_branch, role, active = info
                if role == "admin":
                    self.err(
                        errors,
                        row_no,
                        "manager_login",
                        login,
                        tr("管理员不能作为客户的投资经理", "an admin cannot be a client's manager"),
                    )
                elif role == "callback_officer":
                    # call-backs must stay independent of the person serving the client
                    self.err(
                        errors,
                        row_no,
                        "manager_login",
                        login,
                        tr(
                            "回访专员不能作为客户的投资经理",
                            "a call-back officer cannot be a client's manager",
                        ),
                    )
                elif not active:
                    self.err(
                        errors,
                        row_no,
                        "manager_login",
                        login,
                        tr(
                            "该员工已离职，不能分配客户",
                            "this staff member is inactive and cannot take clients",
                        ),
                    )
                elif branch_id is not None and s_branch != branch_id:
                    self.err(
                        errors,
                        row_no,
                        "manager_login",
                        login,
                        tr("投资经理不属于该客户的营业部", "the manager is not in the client's branch"),
                    )
                manager_id = sid
        current = self.current_manager.get(v["client_no"])
        if current is not None and manager_id != current:
            self.err(
                errors,
                row_no,
                "manager_login",
                login or "",
                tr(
                    "不能通过导入把客户转给其他经理（或取消分配）：请用 crm reassign request 提交申请，"
                    "经营业部负责人审批；或由系统管理员导入",
                    "an import cannot move a client to another manager (or unassign it): file a request with "
                    "crm reassign request for approval, or have an administrator import it",
                ),
            )
        if v.get("birth_date") and v["birth_date"] > v["open_date"]:
            self.err(
                errors,
                row_no,
                "birth_date",
                v["birth_date"],
                tr("出生日期晚于开户日期", "the birth date is after the account opening date"),
            )
        if len(errors) > n:
            return None
        return (
            row_no,
            v["client_no"],
            v["name"],
            v.get("client_type", "individual"),
            self._seal(v["client_no"], "id_number", v.get("id_number")),
            self._seal(v["client_no"], "phone", v.get("phone")),
            self._seal(v["client_no"], "email", v.get("email")),
            self._seal(v["client_no"], "address", v.get("address")),
            v.get("birth_date"),
            v["open_date"],
            v.get("risk_level", "C3"),
            v.get("risk_assessed_on"),
            branch_id,
            manager_id,
            v.get("status", "active"),
            v.get("commission_rate"),
            *pii.derived_columns(v.get("id_number"), v.get("phone")).values(),
            0,
            None if v.get("marketing", -1) == -1 else v["marketing"],
        )

    def before_apply(self, conn: Connection, stage: Stage, ctx: ApplyContext) -> None:
        st = stage.name
        conn.execute(
            text(
                f"UPDATE {st} SET is_new = 1 WHERE NOT EXISTS "
                f"(SELECT 1 FROM client c WHERE c.client_no = {st}.client_no)"
            )
        )
        if not self.hm.present("manager_login"):
            return
        # The history records the manager before the update, so it is written first.
        conn.execute(
            _typed(
                text(
                    "INSERT INTO assignment_history (client_id, from_manager_id, to_manager_id, effective_at, reason, "
                    "created_by_id) "
                    f"SELECT c.id, c.manager_id, s.manager_id, :now, 'import', :actor FROM {st} s "
                    f"JOIN client c ON c.client_no = s.client_no WHERE c.manager_id {ctx.distinct} s.manager_id"
                ),
                ctx,
            )
        )
        conn.execute(
            _typed(
                text(
                    f"UPDATE client SET assigned_on = (SELECT CASE WHEN s.manager_id IS NULL THEN NULL ELSE :today END "
                    f"FROM {st} s WHERE s.client_no = client.client_no) "
                    f"WHERE client_no IN (SELECT s.client_no FROM {st} s JOIN client c ON c.client_no = s.client_no "
                    f"WHERE c.manager_id {ctx.distinct} s.manager_id)"
                ),
                ctx,
            )
        )

    def after_apply(self, conn: Connection, stage: Stage, ctx: ApplyContext) -> None:
        conn.execute(
            _typed(
                text(
                    "INSERT INTO assignment_history (client_id, from_manager_id, to_manager_id, effective_at, reason, "
                    "created_by_id) "
                    f"SELECT c.id, NULL, c.manager_id, :now, 'import', :actor FROM {stage.name} s "
                    "JOIN client c ON c.client_no = s.client_no WHERE s.is_new = 1 AND c.manager_id IS NOT NULL"
                ),
                ctx,
            )
        )
        if self.hm.present("marketing"):
            self._marketing_consent(conn, stage, ctx)

    def _marketing_consent(self, conn: Connection, stage: Stage, ctx: ApplyContext) -> None:
        """The optional marketing flag: a changed or first flag is recorded as from the import, since today."""
        st = stage.name
        given = f"SELECT c.id AS client_id, s.marketing AS m FROM {st} s JOIN client c ON c.client_no = s.client_no "
        given += "WHERE s.marketing IS NOT NULL"
        conn.execute(
            _typed(
                text(
                    "UPDATE marketing_consent SET allowed = (SELECT g.m = 1 FROM "
                    f"({given}) g WHERE g.client_id = marketing_consent.client_id), since = :today, "
                    "source = 'import', reason = NULL, recorded_by_id = :actor, updated_at = :now "
                    f"WHERE client_id IN (SELECT g.client_id FROM ({given}) g JOIN marketing_consent x "
                    "ON x.client_id = g.client_id WHERE x.allowed <> (g.m = 1))"
                ),
                ctx,
            )
        )
        conn.execute(
            _typed(
                text(
                    "INSERT INTO marketing_consent (client_id, allowed, since, source, reason, recorded_by_id, "
                    "created_at, updated_at) "
                    f"SELECT g.client_id, g.m = 1, :today, 'import', NULL, :actor, :now, :now FROM ({given}) g "
                    "WHERE NOT EXISTS (SELECT 1 FROM marketing_consent x WHERE x.client_id = g.client_id)"
                ),
                ctx,
            )
        )


class SecurityTarget(Target):
    spec = KINDS["securities"]
    table = Security.__table__  # type: ignore[assignment]
    stage_cols = ("code", "name", "industry", "board", "list_date")
    key_cols = ("code",)

    def stage_row(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> tuple[Any, ...] | None:
        return (row_no, v["code"], v["name"], v.get("industry"), v.get("board", "main"), v.get("list_date"))


class AssetTarget(Target, _ClientRefs):
    spec = KINDS["assets"]
    table = AssetSnapshot.__table__  # type: ignore[assignment]
    stage_cols = ("client_id", "date", "cash", "securities_value", "total_assets", "net_inflow")
    key_cols = ("client_id", "date")
    field_cols = {"client_no": "client_id"}  # noqa: RUF012

    def prepare(self, conn: Connection) -> None:
        self.clients = self.load_clients(conn, self.scope)

    def check_refs(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> None:
        if "client_no" in v and v["client_no"] not in self.clients:
            self.err(errors, row_no, "client_no", v["client_no"], self.client_missing(self.scope))

    def stage_row(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> tuple[Any, ...] | None:
        cid = self.clients.get(v["client_no"])
        if cid is None:
            self.err(errors, row_no, "client_no", v["client_no"], self.client_missing(self.scope))
            return None
        return (
            row_no,
            cid,
            v["date"],
            v["cash"],
            v["securities_value"],
            v["total_assets"],
            v.get("net_inflow", "0.00"),
        )


class _ClientAndSecurityRefs(Target, _ClientRefs):
    """Rows that name a client and a security (trades, holdings)."""

    def prepare(self, conn: Connection) -> None:
        self.clients = self.load_clients(conn, self.scope)
        self.codes = set(conn.scalars(select(Security.code)))

    def check_refs(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> None:
        if "client_no" in v and v["client_no"] not in self.clients:
            self.err(errors, row_no, "client_no", v["client_no"], self.client_missing(self.scope))
        if "code" in v and v["code"] not in self.codes:
            self.err(errors, row_no, "code", v["code"], _security_missing())

    def resolve_refs(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> tuple[int, str] | None:
        """(client id, code) for staging, or None after recording what is missing."""
        cid = self.clients.get(v["client_no"])
        code = v["code"]
        if cid is None:
            self.err(errors, row_no, "client_no", v["client_no"], self.client_missing(self.scope))
        if code not in self.codes:
            self.err(errors, row_no, "code", code, _security_missing())
            return None
        if cid is None:
            return None
        return cid, code

    def stage_row(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> tuple[Any, ...] | None:
        refs = self.resolve_refs(row_no, v, errors)
        return None if refs is None else self.stage_resolved(row_no, v, *refs)

    def stage_resolved(self, row_no: int, v: dict[str, Any], cid: int, code: str) -> tuple[Any, ...]:
        raise NotImplementedError


class TradeTarget(_ClientAndSecurityRefs):
    spec = KINDS["trades"]
    table = Trade.__table__  # type: ignore[assignment]
    stage_cols = (
        "trade_id",
        "trade_date",
        "client_id",
        "code",
        "side",
        "quantity",
        "price",
        "amount",
        "commission",
    )
    key_cols = ("trade_date", "trade_id")
    field_cols = {"client_no": "client_id"}  # noqa: RUF012

    def stage_resolved(self, row_no: int, v: dict[str, Any], cid: int, code: str) -> tuple[Any, ...]:
        return (
            row_no,
            v["trade_id"],
            v["trade_date"],
            cid,
            code,
            v["side"],
            v["quantity"],
            v["price"],
            v["amount"],
            v.get("commission", "0.00"),
        )


class HoldingTarget(_ClientAndSecurityRefs):
    spec = KINDS["holdings"]
    table = Holding.__table__  # type: ignore[assignment]
    stage_cols = ("client_id", "date", "code", "quantity", "cost", "market_value")
    key_cols = ("client_id", "date", "code")
    field_cols = {"client_no": "client_id"}  # noqa: RUF012

    def stage_resolved(self, row_no: int, v: dict[str, Any], cid: int, code: str) -> tuple[Any, ...]:
        return (row_no, cid, v["date"], code, v["quantity"], v["cost"], v["market_value"])


def listed_board(code: str) -> str | None:
    """The board of a six-digit exchange code (funds and ETFs trade on the main board), else None."""
    if len(code) != 6 or not code.isdigit():
        return None
    if code.startswith(("300", "301")):
        return "chinext"
    if code.startswith(("688", "689")):
        return "star"
    if code.startswith(("4", "8", "920")):
        return "bse"
    return "main"


class ProductTarget(Target):
    spec = KINDS["products"]
    table = Product.__table__  # type: ignore[assignment]
    stage_cols = ("code", "name", "product_type", "risk_rating")
    key_cols = ("code",)
    field_cols = {"type": "product_type", "risk_level": "risk_rating"}  # noqa: RUF012
    insert_extra = {"created_at": ":now", "updated_at": ":now"}  # noqa: RUF012
    update_extra = {"updated_at": ":now"}  # noqa: RUF012

    def stage_row(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> tuple[Any, ...] | None:
        return (row_no, v["code"], v["name"], v["type"], v["risk_level"])

    def after_apply(self, conn: Connection, stage: Stage, ctx: ApplyContext) -> None:
        # A listed fund or stock the securities master does not know yet becomes a security, so its
        # trades and holdings can be imported; wealth products and services stay products only.
        rows = conn.execute(
            text(
                f"SELECT s.code, s.name FROM {stage.name} s WHERE s.product_type IN ('stock', 'fund') "
                "AND NOT EXISTS (SELECT 1 FROM security x WHERE x.code = s.code)"
            )
        ).all()
        new = [{"code": c, "name": n, "board": listed_board(c)} for c, n in rows if listed_board(c)]
        if new:
            conn.execute(Security.__table__.insert(), new)  # type: ignore[attr-defined]


class RiskProfileTarget(Target, _ClientRefs):
    spec = KINDS["risk-profiles"]
    table = RiskProfile.__table__  # type: ignore[assignment]
    stage_cols = ("client_id", "level", "lowest_category", "assessed_on", "valid_until", "investor_class")
    key_cols = ("client_id", "assessed_on")
    field_cols = {"client_no": "client_id", "risk_level": "level"}  # noqa: RUF012
    insert_extra = {"created_at": ":now", "updated_at": ":now"}  # noqa: RUF012
    update_extra = {"updated_at": ":now"}  # noqa: RUF012

    def prepare(self, conn: Connection) -> None:
        from crm_desktop.domain.suitability import SuitabilityConfigError, default_valid_until
        from crm_desktop.errors import InvalidInput
        from crm_desktop.importing.config import config_path, read_config

        self.clients = self.load_clients(conn, self.scope)
        try:
            cfg = read_config()
        except SuitabilityConfigError as exc:
            raise InvalidInput(
                tr(
                    "适当性配置 {path} 有误：{err}。",
                    "The suitability configuration {path} is wrong: {err}.",
                    path=config_path(),
                    err=exc,
                )
            ) from exc
        self.valid_until = lambda d: default_valid_until(d, cfg)

    def check_refs(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> None:
        if "client_no" in v and v["client_no"] not in self.clients:
            self.err(errors, row_no, "client_no", v["client_no"], self.client_missing(self.scope))

    def stage_row(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> tuple[Any, ...] | None:
        n = len(errors)
        cid = self.clients.get(v["client_no"])
        if cid is None:
            self.err(errors, row_no, "client_no", v["client_no"], self.client_missing(self.scope))
        assessed = date.fromisoformat(str(v["assessed_on"]))
        until = v.get("valid_until")
        if until is None:
            until = self.valid_until(assessed).isoformat()
        elif str(until) < assessed.isoformat():
            self.err(
                errors,
                row_no,
                "valid_until",
                until,
                tr(
                    "有效期早于测评日期，请核对",
                    "the validity ends before the assessment date; check the dates",
                ),
            )
        if len(errors) > n:
            return None
        return (
            row_no,
            cid,
            v["risk_level"],
            v.get("lowest_category", 0),
            v["assessed_on"],
            until,
            v.get("investor_class") or "ordinary",
        )

    def after_apply(self, conn: Connection, stage: Stage, ctx: ApplyContext) -> None:
        # The client's level shown everywhere is the latest assessment; only imports and an
        # administrator's correction change it.
        latest = (
            "SELECT p.{col} FROM risk_profile p WHERE p.client_id = client.id "
            "ORDER BY p.assessed_on DESC LIMIT 1"
        )
        conn.execute(
            _typed(
                text(
                    f"UPDATE client SET risk_level = ({latest.format(col='level')}), "
                    f"risk_assessed_on = ({latest.format(col='assessed_on')}), version = version + 1, updated_at = :now "
                    f"WHERE id IN (SELECT s.client_id FROM {stage.name} s) AND ("
                    f"risk_level {ctx.distinct} ({latest.format(col='level')}) OR "
                    f"risk_assessed_on {ctx.distinct} ({latest.format(col='assessed_on')}))"
                ),
                ctx,
            )
        )


class PermissionTarget(Target, _ClientRefs):
    spec = KINDS["permissions"]
    table = TradingPermission.__table__  # type: ignore[assignment]
    stage_cols = ("client_id", "permission", "opened_on")
    key_cols = ("client_id", "permission")
    field_cols = {"client_no": "client_id"}  # noqa: RUF012
    insert_extra = {"created_at": ":now", "updated_at": ":now"}  # noqa: RUF012
    update_extra = {"updated_at": ":now"}  # noqa: RUF012

    def prepare(self, conn: Connection) -> None:
        self.clients = self.load_clients(conn, self.scope)

    def check_refs(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> None:
        if "client_no" in v and v["client_no"] not in self.clients:
            self.err(errors, row_no, "client_no", v["client_no"], self.client_missing(self.scope))

    def stage_row(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> tuple[Any, ...] | None:
        cid = self.clients.get(v["client_no"])
        if cid is None:
            self.err(errors, row_no, "client_no", v["client_no"], self.client_missing(self.scope))
            return None
        return (row_no, cid, v["permission"], v["opened_on"])


class WarningTarget(Target, _ClientRefs):
    spec = KINDS["warnings"]
    table = RiskWarning.__table__  # type: ignore[assignment]
    stage_cols = ("client_id", "subject_kind", "subject", "confirmed_on", "channel", "evidence")
    key_cols = ("client_id", "subject_kind", "subject", "confirmed_on")
    field_cols = {"client_no": "client_id", "product_code": "subject", "permission": "subject"}  # noqa: RUF012
    insert_extra = {"created_at": ":now", "created_by_id": ":actor"}  # noqa: RUF012

    def prepare(self, conn: Connection) -> None:
        self.clients = self.load_clients(conn, self.scope)
        self.codes = set(conn.scalars(select(Product.code))) | set(conn.scalars(select(Security.code)))
        self.existing = {
            (cid, kind, subj, str(day)): (ch, ev)
            for cid, kind, subj, day, ch, ev in conn.execute(
                select(
                    RiskWarning.client_id,
                    RiskWarning.subject_kind,
                    RiskWarning.subject,
                    RiskWarning.confirmed_on,
                    RiskWarning.channel,
                    RiskWarning.evidence,
                )
            )
        }

    def check_refs(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> None:
        if "client_no" in v and v["client_no"] not in self.clients:
            self.err(errors, row_no, "client_no", v["client_no"], self.client_missing(self.scope))

    def stage_row(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> tuple[Any, ...] | None:
        n = len(errors)
        cid = self.clients.get(v["client_no"])
        if cid is None:
            self.err(errors, row_no, "client_no", v["client_no"], self.client_missing(self.scope))
        code, perm = v.get("product_code"), v.get("permission")
        if bool(code) == bool(perm):
            self.err(
                errors,
                row_no,
                "product_code",
                code or perm,
                tr(
                    "产品代码和权限须填且只填其中一项",
                    "give either a product code or a permission, not both or neither",
                ),
            )
        elif code and code not in self.codes:
            self.err(
                errors,
                row_no,
                "product_code",
                code,
                _ref_missing("产品代码", "The product code", "请先导入产品", "import the products first"),
            )
        if len(errors) > n or cid is None:
            return None
        kind, subject = ("product", str(code)) if code else ("permission", str(perm))
        old = self.existing.get((cid, kind, subject, str(v["confirmed_on"])))
        if old is not None and old != (v["channel"], v["evidence"]):
            self.err(
                errors,
                row_no,
                "evidence",
                v["evidence"],
                tr(
                    "该警示已确认并留存凭证，不能修改；如有新的确认，请使用新的确认日期",
                    "this warning is on record with its evidence and cannot be changed; a new confirmation needs "
                    "its own date",
                ),
            )
            return None
        return (row_no, cid, kind, subject, v["confirmed_on"], v["channel"], v["evidence"])


class AccountEventTarget(Target, _ClientRefs):
    """Account events; afterwards each client's status follows its latest event, and a loss gets a churn
    record and, when recent, the tasks of :func:`domain.flow.loss_tasks`."""

    spec = KINDS["account-events"]
    table = AccountEventRecord.__table__  # type: ignore[assignment]
    stage_cols = ("client_id", "date", "event", "counterparty")
    key_cols = ("client_id", "date", "event")
    field_cols = {"client_no": "client_id"}  # noqa: RUF012
    insert_extra = {"created_at": ":now"}  # noqa: RUF012

    def prepare(self, conn: Connection) -> None:
        self.clients = self.load_clients(conn, self.scope)

    def check_refs(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> None:
        if "client_no" in v and v["client_no"] not in self.clients:
            self.err(errors, row_no, "client_no", v["client_no"], self.client_missing(self.scope))

    def stage_row(self, row_no: int, v: dict[str, Any], errors: list[RowError]) -> tuple[Any, ...] | None:
        cid = self.clients.get(v["client_no"])
        if cid is None:
            self.err(errors, row_no, "client_no", v["client_no"], self.client_missing(self.scope))
            return None
        return (row_no, cid, v["date"], v["event"], v.get("counterparty"))

    def after_apply(self, conn: Connection, stage: Stage, ctx: ApplyContext) -> None:
        ids = sorted(set(conn.scalars(text(f"SELECT DISTINCT client_id FROM {stage.name}"))))
        if not ids:
            return
        ev: Table = AccountEventRecord.__table__  # type: ignore[assignment]
        cl: Table = Client.__table__  # type: ignore[assignment]
        events: dict[int, list[tuple[date, str]]] = {}
        for cid, day, event in conn.execute(
            select(ev.c.client_id, ev.c.date, ev.c.event).where(ev.c.client_id.in_(ids))
        ):
            events.setdefault(cid, []).append((day, event))
        clients = {
            cid: (status, manager_id)
            for cid, status, manager_id in conn.execute(
                select(cl.c.id, cl.c.status, cl.c.manager_id).where(cl.c.id.in_(ids))
            )
        }
        for cid, evs in events.items():
            status = flow_rules.status_after(evs)
            if status is not None and status != clients[cid][0]:
                conn.execute(
                    cl.update()
                    .where(cl.c.id == cid)
                    .values(status=status, version=cl.c.version + 1, updated_at=ctx.now)
                )
        self._losses(conn, stage, ctx, clients)
        self._regained(conn, ctx, events)

    def _regained(
        self, conn: Connection, ctx: ApplyContext, events: dict[int, list[tuple[date, str]]]
    ) -> None:
        """A client back after a loss needs no win-back any more: its open win-back tasks are done."""
        back = [
            cid
            for cid, evs in events.items()
            if any(kind == flow_rules.REGAINED for _d, _e, kind in flow_rules.classify(evs))
            and flow_rules.status_after(evs) not in (None, "closed", "transferred_out")
        ]
        if not back:
            return
        st: Table = ServiceTask.__table__  # type: ignore[assignment]
        conn.execute(
            st.update()
            .where(
                st.c.client_id.in_(back),
                st.c.source == "win_back",
                st.c.status.in_(("open", "overdue")),
            )
            .values(status="done", completed_at=ctx.now, updated_at=ctx.now, version=st.c.version + 1)
        )

    def _losses(
        self, conn: Connection, stage: Stage, ctx: ApplyContext, clients: dict[int, tuple[str, int | None]]
    ) -> None:
        cr: Table = ChurnRecord.__table__  # type: ignore[assignment]
        st: Table = ServiceTask.__table__  # type: ignore[assignment]
        losses = conn.execute(
            text(
                f"SELECT DISTINCT client_id, date, event FROM {stage.name} "
                "WHERE event IN ('closed', 'transferred_out')"
            )
        ).all()
        if not losses:
            return
        ids = sorted({r[0] for r in losses})
        known: set[tuple[int, date]] = {
            (cid, day)
            for cid, day in conn.execute(select(cr.c.client_id, cr.c.lost_on).where(cr.c.client_id.in_(ids)))
        }
        keys = set(
            conn.scalars(
                select(st.c.dedupe_key).where(
                    st.c.client_id.in_(ids), st.c.source.in_(("churn_reason", "win_back"))
                )
            )
        )
        records, tasks = [], []
        for cid, day, event in sorted(losses, key=lambda r: (r[0], flow_rules.event_order(r[1], r[2]))):
            if isinstance(day, str):
                day = date.fromisoformat(day)
            manager_id = clients[cid][1]
            if (cid, day) not in known:
                known.add((cid, day))
                records.append(
                    {"client_id": cid, "lost_on": day, "event": event, "manager_id": manager_id, "version": 1}
                )
            for t in flow_rules.loss_tasks(cid, day, ctx.today):
                if t.dedupe_key in keys:
                    continue
                keys.add(t.dedupe_key)
                tasks.append(
                    {
                        "client_id": cid,
                        "manager_id": manager_id,
                        "task_type": t.task_type,
                        "source": t.source,
                        "due_date": t.due,
                        "status": "open",
                        "dedupe_key": t.dedupe_key,
                        "created_at": ctx.now,
                        "updated_at": ctx.now,
                        "version": 1,
                    }
                )
        if records:
            conn.execute(cr.insert(), records)
        if tasks:
            conn.execute(st.insert(), tasks)


TARGETS: dict[str, type[Target]] = {
    "staff": StaffTarget,
    "clients": ClientTarget,
    "securities": SecurityTarget,
    "assets": AssetTarget,
    "trades": TradeTarget,
    "holdings": HoldingTarget,
    "products": ProductTarget,
    "risk-profiles": RiskProfileTarget,
    "permissions": PermissionTarget,
    "warnings": WarningTarget,
    "account-events": AccountEventTarget,
}


def _typed(stmt: TextClause, ctx: ApplyContext) -> TextClause:
    """Bind :now/:today/:actor with the column types, so SQLite stores them as the ORM would."""
    names = set(stmt.compile().params)
    binds: list[Any] = []
    if "now" in names:
        binds.append(bindparam("now", ctx.now, type_=UTCDateTime()))
    if "today" in names:
        binds.append(bindparam("today", ctx.today, type_=Date()))
    if "actor" in names:
        binds.append(bindparam("actor", ctx.actor_id, type_=Integer()))
    return stmt.bindparams(*binds)


class Stage:
    """The temporary staging table of one import, on the import transaction's connection."""

    def __init__(self, conn: Connection, target: Target) -> None:
        self.conn = conn
        self.target = target
        self.dialect = conn.dialect.name
        self.name = "imp_stage_" + uuid.uuid4().hex[:12]
        md = MetaData()
        cols = [Column("row_no", Integer, primary_key=True, autoincrement=False)]
        cols += [Column(c, target.table.c[c].type) for c in target.stage_cols]
        cols += [Column(c, Integer) for c in target.extra_stage]
        self.table = Table(self.name, md, *cols, prefixes=["TEMPORARY"])
        self.columns = ["row_no", *target.stage_cols, *target.extra_stage]
        self.table.create(conn)
        self._driver: Any = conn.connection.driver_connection
        ph = ", ".join("?" for _ in self.columns)
        self._sqlite_insert = f"INSERT INTO {self.name} VALUES ({ph})"
        self._copy_sql = f"COPY {self.name} ({', '.join(q(c) for c in self.columns)}) FROM STDIN"

    def insert(self, rows: Sequence[tuple[Any, ...]]) -> None:
        if not rows:
            return
        if self.dialect == "sqlite":
            self._driver.executemany(self._sqlite_insert, rows)
        else:
            with self._driver.cursor() as cur, cur.copy(self._copy_sql) as cp:
                for r in rows:
                    cp.write_row(r)

    def fetch(self, row_no: int) -> tuple[Any, ...] | None:
        cols = ", ".join(q(c) for c in self.columns)
        r = self.conn.execute(
            text(f"SELECT {cols} FROM {self.name} WHERE row_no = :r"), {"r": row_no}
        ).first()
        return None if r is None else tuple(r)

    def analyze(self) -> None:
        if self.dialect == "postgresql":
            self.conn.exec_driver_sql(f"ANALYZE {self.name}")

    def drop(self) -> None:
        self.conn.exec_driver_sql(f"DROP TABLE IF EXISTS {self.name}")


def _join_on(target: Target, t: str, s: str) -> str:
    return " AND ".join(f"{t}.{q(k)} = {s}.{q(k)}" for k in target.key_cols)


def _differs(target: Target, ctx: ApplyContext, t: str, s: str) -> str:
    parts = []
    for c in target.compare_cols():
        if c in target.json_cols:
            parts.append(f"CAST({t}.{q(c)} AS TEXT) {ctx.distinct} CAST({s}.{q(c)} AS TEXT)")
        else:
            parts.append(f"{t}.{q(c)} {ctx.distinct} {s}.{q(c)}")
    return "(" + " OR ".join(parts) + ")" if parts else "(1 = 0)"


def count(conn: Connection, target: Target, stage: Stage, ctx: ApplyContext) -> Counts:
    tn = target.table.name
    k0 = q(target.key_cols[0])
    differs = _differs(target, ctx, "t", "s")
    row = conn.execute(
        text(
            f"SELECT count(*), "
            f"coalesce(sum(CASE WHEN t.{k0} IS NULL THEN 1 ELSE 0 END), 0), "
            f"coalesce(sum(CASE WHEN t.{k0} IS NOT NULL AND {differs} THEN 1 ELSE 0 END), 0) "
            f"FROM {stage.name} s LEFT JOIN {q(tn)} t ON {_join_on(target, 't', 's')}"
        )
    ).one()
    return Counts(int(row[0]), int(row[1]), int(row[2]))


def apply(
    conn: Connection,
    target: Target,
    stage: Stage,
    ctx: ApplyContext,
    counts: Counts,
    checkpoint: Callable[[], None],
) -> None:
    """Update the changed rows, then insert the new ones; ``checkpoint`` may raise to cancel."""
    tn = q(target.table.name)
    st = stage.name
    target.before_apply(conn, stage, ctx)
    checkpoint()
    cols = target.compare_cols()
    if counts.changed:
        sets = [f"{q(c)} = s.{q(c)}" for c in cols]
        sets += [f"{q(c)} = {expr.format(t=tn)}" for c, expr in target.update_extra.items()]
        conn.execute(
            _typed(
                text(
                    f"UPDATE {tn} SET {', '.join(sets)} FROM {st} s WHERE {_join_on(target, tn, 's')} "
                    f"AND {_differs(target, ctx, tn, 's')}"
                ),
                ctx,
            )
        )
        checkpoint()
    if counts.new:
        names = [*target.stage_cols, *target.insert_extra]
        exprs = [f"s.{q(c)}" for c in target.stage_cols] + list(target.insert_extra.values())
        # ON CONFLICT DO NOTHING rather than NOT EXISTS: with an empty or unanalysed table the planner
        # would probe it by sequential scan per row while the statement itself keeps growing it.
        keys = ", ".join(q(k) for k in target.key_cols)
        conn.execute(
            _typed(
                text(
                    f"INSERT INTO {tn} ({', '.join(q(n) for n in names)}) SELECT {', '.join(exprs)} FROM {st} s "
                    f"WHERE true ORDER BY s.row_no ON CONFLICT ({keys}) DO NOTHING"
                ),
                ctx,
            )
        )
        checkpoint()
    target.after_apply(conn, stage, ctx)
