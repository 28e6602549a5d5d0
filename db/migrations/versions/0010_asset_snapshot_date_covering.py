"""asset snapshots: the by-day index also carries the client and the two amounts the figures add up

A branch's assets on a day, or its net inflow over some days, is a sum over one row per client and day.
With an index on the date alone each of those rows is a separate table read (100,000 clients: seconds); with
the client, total assets and net inflow in the index the sum reads only the index. The new index starts with
the date, so it serves every query the old one did, and replaces it.
(Trades keep their indexes: a commission index like it made the 1,000,000-row trade import 40 % slower in CPU
for 0.2 s saved on a 100,000-client branch's workbench.)

Revision ID: 0010
Revises: 0008
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0008"
branch_labels = None
depends_on = None

_COLUMNS = ["date", "client_id", "total_assets", "net_inflow"]


def upgrade() -> None:
    op.drop_index("ix_asset_snapshot_date", table_name="asset_snapshot")
    op.create_index("ix_asset_snapshot_date_client", "asset_snapshot", _COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index("ix_asset_snapshot_date_client", table_name="asset_snapshot")
    op.create_index("ix_asset_snapshot_date", "asset_snapshot", ["date"], unique=False)
