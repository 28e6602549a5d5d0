"""suitability: products, risk profiles, trading permissions, risk warnings, findings; adviser number

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-04 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import crm_desktop.db.types

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None

_TS = crm_desktop.db.types.UTCDateTime


# Coded columns of earlier tables that gain codes here (written out, as in 0002).
_SOURCES = (
    "recurring",
    "new_account",
    "risk_reassessment",
    "churn_high",
    "mismatch",
    "grade_change",
    "birthday",
    "follow_up",
)
_IMPORT_KINDS = ("staff", "clients", "securities", "assets", "trades", "holdings")
_WIDENED = {
    ("service_task", "source"): (_SOURCES, (*_SOURCES, "suitability")),
    ("import_log", "kind"): (
        _IMPORT_KINDS,
        (*_IMPORT_KINDS, "products", "risk-profiles", "permissions", "warnings"),
    ),
}


def _condition(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _recheck(new: bool) -> None:
    for (table, column), (before, after) in _WIDENED.items():
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(op.f(f"ck_{table}_{column}"), type_="check")
            batch.create_check_constraint(
                op.f(f"ck_{table}_{column}"), _condition(column, after if new else before)
            )


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", _TS(timezone=True), nullable=False),
        sa.Column("updated_at", _TS(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "product",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("product_type", sa.String(length=12), nullable=False),
        sa.Column("risk_rating", sa.String(length=2), nullable=False),
        *_stamps(),
        sa.CheckConstraint(
            "product_type IN ('stock', 'fund', 'bond', 'wealth', 'advisory', 'other')",
            name=op.f("ck_product_product_type"),
        ),
        sa.CheckConstraint(
            "risk_rating IN ('R1', 'R2', 'R3', 'R4', 'R5')", name=op.f("ck_product_risk_rating")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_product")),
    )
    op.create_table(
        "risk_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=2), nullable=False),
        sa.Column("lowest_category", sa.Boolean(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("investor_class", sa.String(length=12), nullable=False),
        sa.Column("correction_reason", sa.Text(), nullable=True),
        *_stamps(),
        sa.CheckConstraint("level IN ('C1', 'C2', 'C3', 'C4', 'C5')", name=op.f("ck_risk_profile_level")),
        sa.CheckConstraint(
            "investor_class IN ('ordinary', 'professional')", name=op.f("ck_risk_profile_investor_class")
        ),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], name=op.f("fk_risk_profile_client_id_client")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_profile")),
        sa.UniqueConstraint("client_id", "assessed_on", name="uq_risk_profile_client_assessed"),
    )
    op.create_table(
        "trading_permission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("permission", sa.String(length=12), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        *_stamps(),
        sa.CheckConstraint(
            "permission IN ('chinext', 'star', 'bse', 'hk_connect', 'margin', 'options')",
            name=op.f("ck_trading_permission_permission"),
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_trading_permission_client_id_client")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trading_permission")),
        sa.UniqueConstraint("client_id", "permission", name="uq_trading_permission_client_permission"),
    )
    op.create_table(
        "risk_warning",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("subject_kind", sa.String(length=10), nullable=False),
        sa.Column("subject", sa.String(length=20), nullable=False),
        sa.Column("confirmed_on", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("evidence", sa.String(length=200), nullable=False),
        sa.Column("touch_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", _TS(timezone=True), nullable=False),
        sa.CheckConstraint(
            "subject_kind IN ('product', 'permission')", name=op.f("ck_risk_warning_subject_kind")
        ),
        sa.CheckConstraint(
            "channel IN ('in_person', 'phone_recorded', 'online', 'paper')",
            name=op.f("ck_risk_warning_channel"),
        ),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], name=op.f("fk_risk_warning_client_id_client")),
        sa.ForeignKeyConstraint(["touch_id"], ["touch.id"], name=op.f("fk_risk_warning_touch_id_touch")),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff.id"], name=op.f("fk_risk_warning_created_by_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_warning")),
        sa.UniqueConstraint(
            "client_id", "subject_kind", "subject", "confirmed_on", name="uq_risk_warning_key"
        ),
    )
    op.create_table(
        "suitability_finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("product_level", sa.String(length=2), nullable=True),
        sa.Column("client_level", sa.String(length=2), nullable=True),
        sa.Column("trade_date", sa.Date(), nullable=True),
        sa.Column("warned", sa.Boolean(), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('over_level', 'lowest_category', 'no_permission', 'assessment_expired', "
            "'behaviour_inconsistent')",
            name=op.f("ck_suitability_finding_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_suitability_finding_client_id_client")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suitability_finding")),
    )
    op.create_index("ix_suitability_finding_client", "suitability_finding", ["client_id"], unique=False)
    op.add_column("staff", sa.Column("adviser_reg_no", sa.String(length=40), nullable=True))
    _recheck(new=True)


def downgrade() -> None:
    op.execute("DELETE FROM service_task WHERE source = 'suitability'")
    op.execute(
        "DELETE FROM import_log WHERE kind IN ('products', 'risk-profiles', 'permissions', 'warnings')"
    )
    _recheck(new=False)
    # A plain DROP COLUMN (SQLite 3.35+): a batch copy of staff would trip the rows that refer to it.
    op.drop_column("staff", "adviser_reg_no")
    op.drop_index("ix_suitability_finding_client", table_name="suitability_finding")
    op.drop_table("suitability_finding")
    op.drop_table("risk_warning")
    op.drop_table("trading_permission")
    op.drop_table("risk_profile")
    op.drop_table("product")
