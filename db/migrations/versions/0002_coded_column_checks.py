"""CHECK constraints on the coded columns

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04

The allowed codes are written out here, not imported from ``crm_desktop.domain``: a migration
describes the schema at its revision, and a later member needs a later migration.
A store holding codes outside these lists (written by hand or by an old bug) is not changed: the
upgrade stops before any change and names the table, column and values to fix.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# a task's type is the touch that closes it
TOUCH_TYPES = (
    "phone_call",
    "visit",
    "review_letter",
    "risk_disclosure",
    "risk_reassessment",
    "retention_call",
    "message",
    "greeting",
    "complaint",
    "handover",
)

CHECKS: dict[str, dict[str, tuple[str, ...]]] = {
    "staff": {
        "role": ("investment_manager", "branch_manager", "admin"),
    },
    "client": {
        "client_type": ("individual", "institution"),
        "risk_level": ("C1", "C2", "C3", "C4", "C5"),
        "status": ("active", "dormant", "closed"),
    },
    "security": {
        "board": ("main", "chinext", "star", "bse"),
    },
    "trade": {
        "side": ("buy", "sell"),
    },
    "service_task": {
        "task_type": TOUCH_TYPES,
        "source": (
            "recurring",
            "new_account",
            "risk_reassessment",
            "churn_high",
            "mismatch",
            "grade_change",
            "birthday",
            "follow_up",
        ),
        "status": ("open", "done", "overdue", "cancelled"),
    },
    "touch": {
        "touch_type": TOUCH_TYPES,
        "channel": ("phone", "in_person", "wechat", "sms", "email", "mail", "system"),
        "status": ("active", "cancelled", "superseded"),
    },
    "assignment_history": {
        "reason": ("initial", "import", "departure", "client_request", "capability", "workload", "other"),
    },
    "reassignment_request": {
        "reason": ("departure", "client_request", "capability", "workload", "other"),
        "status": ("pending", "approved", "rejected", "withdrawn"),
    },
    "client_score": {
        "grade": ("V1", "V2", "V3", "V4", "V5"),
        "activity": ("dormant", "low", "active", "very_active"),
        "churn_risk": ("high", "medium", "low"),
        "risk_style": ("aggressive", "balanced", "conservative"),
        "trading_ability": ("skilled", "average", "weak", "insufficient_data"),
        "lifecycle": ("new", "dormant", "declining", "growing", "mature"),
    },
    "manager_score": {
        "tier": ("junior", "intermediate", "senior"),
    },
    "match_suggestion": {
        "kind": ("grade_mismatch", "over_capacity"),
        "status": ("open", "accepted", "dismissed"),
    },
    "import_log": {
        "kind": ("staff", "clients", "securities", "assets", "trades", "holdings"),
        "status": ("committed", "dry_run", "rejected", "cancelled"),
    },
}


def _condition(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


def _refuse_unknown_codes() -> None:
    conn = op.get_bind()
    found = []
    for table, columns in CHECKS.items():
        for column, values in columns.items():
            bad = (
                conn.execute(
                    sa.text(
                        f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL AND NOT ({_condition(column, values)})"
                    )
                )
                .scalars()
                .all()
            )
            if bad:
                found.append(f"{table}.{column}: {', '.join(sorted(map(str, bad))[:10])}")
    if found:
        from crm_desktop.errors import StoreError
        from crm_desktop.i18n import tr

        raise StoreError(
            tr(
                "数据库中有程序不认识的代码，升级未做任何更改。请先改正这些值（表.列：值）后再打开：{found}",
                "The store holds codes this program does not know; the upgrade changed nothing. Correct these "
                "values (table.column: values) and open it again: {found}",
                found="; ".join(found),
            )
        )


def upgrade() -> None:
    _refuse_unknown_codes()
    for table, columns in CHECKS.items():
        with op.batch_alter_table(table) as batch:
            for column, values in columns.items():
                batch.create_check_constraint(op.f(f"ck_{table}_{column}"), _condition(column, values))


def downgrade() -> None:
    for table, columns in CHECKS.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.drop_constraint(op.f(f"ck_{table}_{column}"), type_="check")
