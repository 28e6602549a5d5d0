"""notifications stored as a kind and parameters, worded when read

Revision ID: 0003
Revises: 0001
Create Date: 2026-12-04

The title and body columns held sentences in the language of whoever caused the notification. New rows keep
only the parameters; rows written before keep their sentences as the parameters ``legacy_title`` and
``legacy_body`` (shown as they are), so no notification is lost either way.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_notification = sa.table(
    "notification",
    sa.column("id", sa.Integer()),
    sa.column("kind", sa.String()),
    sa.column("title", sa.String()),
    sa.column("body", sa.Text()),
    sa.column("params", sa.JSON()),
)


def upgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("params", sa.JSON(), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(sa.select(_notification.c.id, _notification.c.title, _notification.c.body)).all()
    for nid, title, body in rows:
        conn.execute(
            _notification.update()
            .where(_notification.c.id == nid)
            .values(params={"legacy_title": title or "", "legacy_body": body or ""})
        )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.alter_column("params", existing_type=sa.JSON(), nullable=False)
        batch_op.drop_column("body")
        batch_op.drop_column("title")


def downgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("body", sa.Text(), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(sa.select(_notification.c.id, _notification.c.kind, _notification.c.params)).all()
    for nid, kind, params in rows:
        # Worded rows go back as they were; newer ones in Chinese, the product's default language.
        title, body = _worded(kind, params or {})
        conn.execute(
            _notification.update().where(_notification.c.id == nid).values(title=title[:300], body=body)
        )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.alter_column("title", existing_type=sa.String(length=300), nullable=False)
        batch_op.alter_column("body", existing_type=sa.Text(), nullable=False)
        batch_op.drop_column("params")


def _worded(kind: str, params: dict[str, object]) -> tuple[str, str]:
    if "legacy_title" in params:
        return str(params["legacy_title"]), str(params.get("legacy_body") or "")
    return kind, "; ".join(f"{k}: {v}" for k, v in params.items())
