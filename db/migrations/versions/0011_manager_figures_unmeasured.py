"""a manager's retention, on-time rate and asset growth may be "not enough data" (NULL)

The engine used to store its neutral value (0.5) when nothing was measured, and the dashboard showed it
as a figure. The neutral value still stands in inside the capability score; the stored figure is NULL.

Revision ID: 0011
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0006"
branch_labels = None
depends_on = None

_COLUMNS = ("retention", "on_time_rate", "asset_growth")


def upgrade() -> None:
    with op.batch_alter_table("manager_score", schema=None) as batch_op:
        for name in _COLUMNS:
            batch_op.alter_column(name, existing_type=sa.Double(), nullable=True)


def downgrade() -> None:
    # the old schema has no way to say "not measured": the neutral value it used to hold comes back
    for name in _COLUMNS:
        op.execute(sa.text(f"UPDATE manager_score SET {name} = 0.5 WHERE {name} IS NULL"))
    with op.batch_alter_table("manager_score", schema=None) as batch_op:
        for name in _COLUMNS:
            batch_op.alter_column(name, existing_type=sa.Double(), nullable=False)
