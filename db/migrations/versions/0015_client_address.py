"""client address (联系地址): optional, sealed at rest with the store's key like ID number, phone and e-mail

A new nullable text column holding the sealed token (crm_desktop.db.types.EncryptedText); no existing value to
seal. Downgrade drops it (the addresses go with it).

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import crm_desktop.db.types

revision = "0015"
# The lead re-chains this onto the head of main at merge time.
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("client") as batch:
        batch.add_column(sa.Column("address", crm_desktop.db.types.EncryptedText(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("client") as batch:
        batch.drop_column("address")
