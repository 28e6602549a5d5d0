"""PostgreSQL row-level security: the second wall between branches (issue #21).

The services already show each person only their branch; on PostgreSQL the database enforces it again,
so that a query that forgets its branch filter still cannot cross branches. Every unit of work sets two
transaction-local settings (``set_config(..., true)``, gone at commit or rollback, so a pooled
connection never carries one person's branch into another's transaction):

``app.branch_id``
    the branch the session works in; rows of that branch are read and written.
``app.scope``
    ``head_office``: reads every branch, writes no branch-scoped row;
    ``firm``: reads and writes every branch (the administrator of no branch: store-wide batches and
    imports; migrations and maintenance run under the owner role with it set for their connection).

With neither set a session sees no branch-scoped row at all and can write none (fails closed). The
policies are created by migration 0014; :data:`POLICED` lists the tables they cover and how each one
reaches its branch. SQLite has no row-level security: there the service layer is the only wall.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from crm_desktop.errors import PermissionDenied
from crm_desktop.i18n import tr

if TYPE_CHECKING:
    from crm_desktop.db.store import Store

BRANCH_SETTING = "app.branch_id"
SCOPE_SETTING = "app.scope"

HEAD_OFFICE = "head_office"
FIRM = "firm"

# Tables holding a branch's client data, with the column that names their branch directly ...
BY_BRANCH: tuple[str, ...] = ("client", "callback_sample", "callback_item", "alert_case", "complaint")
# ... or the client they belong to (their branch is the client's).
BY_CLIENT: tuple[str, ...] = (
    "asset_snapshot",
    "trade",
    "holding",
    "account_event",
    "churn_record",
    "client_relationship",
    "flow_request",
    "assignment_history",
    "reassignment_request",
    "callback_record",
    "marketing_consent",
    "campaign_target",
    "push_recipient",
    "letter_record",
    "client_score",
    "match_suggestion",
    "service_task",
    "touch",
    "risk_profile",
    "trading_permission",
    "risk_warning",
    "suitability_finding",
    "client_note",
)
POLICED: tuple[str, ...] = BY_BRANCH + BY_CLIENT

_BRANCH = f"nullif(current_setting('{BRANCH_SETTING}', true), '')::integer"
_SCOPE = f"coalesce(current_setting('{SCOPE_SETTING}', true), '')"


def may_write(column: str) -> str:
    """SQL: a row whose branch is ``column`` may be written in this session."""
    return f"({column} = {_BRANCH} OR {_SCOPE} = '{FIRM}')"


def may_read(column: str) -> str:
    """SQL: a row whose branch is ``column`` may be read in this session."""
    return f"({column} = {_BRANCH} OR {_SCOPE} IN ('{FIRM}', '{HEAD_OFFICE}'))"


def policies(table: str) -> tuple[str, str]:
    """(read, write) USING expressions of ``table``'s two policies."""
    if table in BY_BRANCH:
        return may_read("branch_id"), may_write("branch_id")
    # Through the client: the sub-select on client is itself filtered by client's policies.
    return (
        f"EXISTS (SELECT 1 FROM client c WHERE c.id = {table}.client_id AND {may_read('c.branch_id')})",
        f"EXISTS (SELECT 1 FROM client c WHERE c.id = {table}.client_id AND {may_write('c.branch_id')})",
    )


@dataclass(frozen=True)
class Scope:
    """What one unit of work may reach: one branch, head office's reading, the whole firm, or nothing."""

    branch_id: int | None = None
    kind: str = ""  # "", HEAD_OFFICE or FIRM

    @classmethod
    def branch(cls, branch_id: int) -> Scope:
        return cls(branch_id=branch_id)

    @classmethod
    def head_office(cls) -> Scope:
        return cls(kind=HEAD_OFFICE)

    @classmethod
    def firm(cls) -> Scope:
        return cls(kind=FIRM)


NOTHING = Scope()


SCOPE_KEY = "crm_scope"


@contextmanager
def firm_scope(store: Store) -> Iterator[None]:
    """Every unit of work on ``store`` meanwhile reaches the whole firm: for maintenance that runs as no
    signed-in person (loading the demo data, its scoring run). Never for a person's session."""

    def guard(session: Session) -> None:
        apply(session, Scope.firm())

    store.add_session_guard(guard)
    try:
        yield
    finally:
        store.remove_session_guard(guard)


def apply(target: Session | Connection, scope: Scope, *, local: bool = True) -> None:
    """Set ``scope`` for the current transaction (``local``) or the whole connection.

    On PostgreSQL the settings the policies read; on every backend a session also remembers it, so that
    the ORM refuses head office's client-level writes before they reach the database (:func:`_refuse`)."""
    if isinstance(target, Session):
        target.info[SCOPE_KEY] = scope
    bind = target.connection() if isinstance(target, Session) else target
    if bind.dialect.name != "postgresql":
        return
    bind.execute(
        text("SELECT set_config(:b, :bv, :local), set_config(:s, :sv, :local)"),
        {
            "b": BRANCH_SETTING,
            "bv": "" if scope.branch_id is None else str(int(scope.branch_id)),
            "s": SCOPE_SETTING,
            "sv": scope.kind,
            "local": local,
        },
    )


def active(target: Session | Connection, table: str = "client") -> bool:
    """Whether row-level security applies to this session's user on ``table`` (False on SQLite, for a
    superuser, or before migration 0014). COPY FROM is refused where it applies: use INSERT there."""
    conn = target.connection() if isinstance(target, Session) else target
    if conn.dialect.name != "postgresql":
        return False
    return bool(conn.execute(text("SELECT row_security_active(:t)"), {"t": table}).scalar())


def copy_rows(
    target: Session | Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """``COPY table (columns) FROM STDIN`` on PostgreSQL, in the session's transaction.

    PostgreSQL refuses COPY FROM into a table whose row-level security applies to the user; there the rows
    are copied into a temporary table of the same columns and inserted from it in one statement, so the
    policies check every row as any INSERT would."""
    conn = target.connection() if isinstance(target, Session) else target
    driver: Any = conn.connection.driver_connection
    names = ", ".join(columns)
    into = table
    if active(conn, table):
        into = "rls_" + uuid.uuid4().hex[:12]
        conn.exec_driver_sql(
            f"CREATE TEMPORARY TABLE {into} ON COMMIT DROP AS SELECT {names} FROM {table} WITH NO DATA"
        )
    with driver.cursor() as cur, cur.copy(f"COPY {into} ({names}) FROM STDIN") as cp:
        for r in rows:
            cp.write_row(r)
    if into != table:
        conn.exec_driver_sql(f"INSERT INTO {table} ({names}) SELECT {names} FROM {into}")
        conn.exec_driver_sql(f"DROP TABLE {into}")


def read_only_message() -> str:
    return tr(
        "总部只能查看各营业部的数据，不能修改客户资料。",
        "Head office reads the branches' figures; it cannot change client data.",
    )


def _read_only(session: Session) -> bool:
    scope = session.info.get(SCOPE_KEY)
    return isinstance(scope, Scope) and scope.kind == HEAD_OFFICE


@event.listens_for(Session, "before_flush")
def _refuse_flush(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    """Head office writes no branch-scoped row, on SQLite too (where no row-level security exists)."""
    if not _read_only(session):
        return
    for obj in (*session.new, *session.deleted, *session.dirty):
        if getattr(obj, "__tablename__", None) in POLICED and (
            obj in session.new or obj in session.deleted or session.is_modified(obj)
        ):
            raise PermissionDenied(read_only_message())


@event.listens_for(Session, "do_orm_execute")
def _refuse_statement(state: ORMExecuteState) -> None:
    """The same for ORM-enabled INSERT, UPDATE and DELETE statements (bulk writes)."""
    if not (state.is_insert or state.is_update or state.is_delete) or not _read_only(state.session):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) in POLICED:
        raise PermissionDenied(read_only_message())
