"""row-level security: PostgreSQL keeps every branch's client data to that branch (issue #21)

On PostgreSQL each table holding a branch's client data gets row-level security, forced so that the table
owner is subject too (superusers never are: the application must not connect as one), and two policies:
read — the row's branch is the session's ``app.branch_id``, or ``app.scope`` is ``head_office`` or
``firm``; write (all commands) — the row's branch is the session's, or the scope is ``firm``. Tables that
carry no branch of their own reach it through their client. The settings are set per transaction by the
application (crm_desktop.db.rls); unset, nothing is visible. SQLite has no row-level security: nothing to
do there. The table list and expressions are frozen here on purpose (crm_desktop.db.rls mirrors them).

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

_BY_BRANCH = ("client", "callback_sample", "callback_item", "alert_case", "complaint")
_BY_CLIENT = (
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

_BRANCH = "nullif(current_setting('app.branch_id', true), '')::integer"
_SCOPE = "coalesce(current_setting('app.scope', true), '')"


def _write(col: str) -> str:
    return f"({col} = {_BRANCH} OR {_SCOPE} = 'firm')"


def _read(col: str) -> str:
    return f"({col} = {_BRANCH} OR {_SCOPE} IN ('firm', 'head_office'))"


def _exprs(table: str) -> tuple[str, str]:
    if table in _BY_BRANCH:
        return _read("branch_id"), _write("branch_id")
    return (
        f"EXISTS (SELECT 1 FROM client c WHERE c.id = {table}.client_id AND {_read('c.branch_id')})",
        f"EXISTS (SELECT 1 FROM client c WHERE c.id = {table}.client_id AND {_write('c.branch_id')})",
    )


# The staff roles before this revision; it adds head_office (总部) to the CHECK constraint of staff.role.
_ROLES = ("investment_manager", "branch_manager", "admin", "callback_officer")


def _staff_roles(roles: tuple[str, ...]) -> None:
    with op.batch_alter_table("staff") as batch:
        batch.drop_constraint(op.f("ck_staff_role"), type_="check")
        batch.create_check_constraint(
            op.f("ck_staff_role"), "role IN (" + ", ".join(f"'{r}'" for r in roles) + ")"
        )


def upgrade() -> None:
    _staff_roles((*_ROLES, "head_office"))
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in _BY_BRANCH + _BY_CLIENT:
        read, write = _exprs(table)
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY {table}_branch_read ON {table} FOR SELECT USING ({read})")
        op.execute(
            f"CREATE POLICY {table}_branch_write ON {table} FOR ALL USING ({write}) WITH CHECK ({write})"
        )


def downgrade() -> None:
    head_office = (
        op.get_bind().execute(sa.text("SELECT COUNT(*) FROM staff WHERE role = 'head_office'")).scalar()
    )
    if head_office:
        raise RuntimeError("head-office accounts exist: change or remove them before going back")
    _staff_roles(_ROLES)
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in _BY_BRANCH + _BY_CLIENT:
        op.execute(f"DROP POLICY IF EXISTS {table}_branch_write ON {table}")
        op.execute(f"DROP POLICY IF EXISTS {table}_branch_read ON {table}")
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
