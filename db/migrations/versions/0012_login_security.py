"""login security: failed sign-ins per login and workstation (throttling, lockout), temporary passwords

Revision ID: 0012
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import crm_desktop.db.types

revision = "0012"
# The lead re-chains this onto the head of main at merge time.
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_throttle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", crm_desktop.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("locked_at", crm_desktop.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_throttle")),
        sa.UniqueConstraint("scope", "key", name="uq_login_throttle_scope_key"),
    )
    with op.batch_alter_table("staff") as batch:
        batch.add_column(
            sa.Column("password_temporary", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        batch.drop_column("password_temporary")
    op.drop_table("login_throttle")
