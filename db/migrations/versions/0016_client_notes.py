"""client notes: a short free-text note kept with a client (quick add, issue #18)

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import crm_desktop.db.types

revision = "0016"
# The lead re-chains this onto the head of main at merge time.
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "client_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", crm_desktop.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], name=op.f("fk_client_note_client_id_client")),
        sa.ForeignKeyConstraint(["author_id"], ["staff.id"], name=op.f("fk_client_note_author_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_note")),
    )
    op.create_index("ix_client_note_client_created", "client_note", ["client_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_client_note_client_created", table_name="client_note")
    op.drop_table("client_note")
