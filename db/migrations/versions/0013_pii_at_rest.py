"""personal data at rest: client ID number, phone and e-mail sealed with the store's key (issue #20)

The three columns become text (a token is longer than the value) and every existing value is sealed in place,
in batches, with the key installed when the store was opened (crm_desktop.db.pii). New columns: keyed hashes of
the last four digits of the phone and ID number (search by tail) and the phone as shown masked (lists).
Downgrade opens every value again (the key is needed for that too) and drops the new columns.

Revision ID: 0013
Revises: 0010
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

import crm_desktop.db.types
from crm_desktop.db import pii

revision = "0013"
down_revision = "0010"
branch_labels = None
depends_on = None

_BATCH = 2000
_SEALED = ("id_number", "phone", "email")
_OLD_LENGTH = {"id_number": 40, "phone": 40, "email": 200}


def _rows(conn: sa.Connection, after: int) -> list[tuple[Any, ...]]:
    return [
        tuple(r)
        for r in (
            conn.execute(
                sa.text(
                    "SELECT id, id_number, phone, email FROM client WHERE id > :after ORDER BY id LIMIT :n"
                ),
                {"after": after, "n": _BATCH},
            )
        )
    ]


def upgrade() -> None:
    with op.batch_alter_table("client") as batch:
        for name in _SEALED:
            batch.alter_column(
                name,
                existing_type=sa.String(length=_OLD_LENGTH[name]),
                type_=crm_desktop.db.types.EncryptedText(),
                existing_nullable=True,
            )
        batch.add_column(sa.Column("phone_tail", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("id_tail", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("phone_masked", sa.String(length=40), nullable=True))
        batch.create_index(batch.f("ix_client_phone_tail"), ["phone_tail"], unique=False)
    conn = op.get_bind()
    update = sa.text(
        "UPDATE client SET id_number = :id_number, phone = :phone, email = :email, id_tail = :id_tail, "
        "phone_tail = :phone_tail, phone_masked = :phone_masked WHERE id = :id"
    )
    after = 0
    while rows := _rows(conn, after):
        params = []
        for cid, id_number, phone, email in rows:
            plain = [None if pii.is_token(v) else v for v in (id_number, phone, email)]
            if all(v is None for v in plain):
                after = cid
                continue
            keys = pii.require_keys()
            opened = [keys.decrypt(v) if pii.is_token(v) else v for v in (id_number, phone, email)]
            sealed = [pii.seal(v) if not pii.is_token(v) else v for v in (id_number, phone, email)]
            params.append(
                {
                    "id": cid,
                    "id_number": sealed[0],
                    "phone": sealed[1],
                    "email": sealed[2],
                    **pii.derived_columns(opened[0], opened[1]),
                }
            )
            after = cid
        if params:
            conn.execute(update, params)


def downgrade() -> None:
    conn = op.get_bind()
    update = sa.text(
        "UPDATE client SET id_number = :id_number, phone = :phone, email = :email WHERE id = :id"
    )
    after = 0
    while rows := _rows(conn, after):
        params = []
        for row in rows:
            cid, values = row[0], list(row[1:])
            if any(pii.is_token(v) for v in values):
                keys = pii.require_keys()
                opened = [keys.decrypt(v) if pii.is_token(v) else v for v in values]
                params.append({"id": cid, "id_number": opened[0], "phone": opened[1], "email": opened[2]})
            after = cid
        if params:
            conn.execute(update, params)
    with op.batch_alter_table("client") as batch:
        batch.drop_index(batch.f("ix_client_phone_tail"))
        batch.drop_column("phone_masked")
        batch.drop_column("id_tail")
        batch.drop_column("phone_tail")
        for name in _SEALED:
            batch.alter_column(
                name,
                existing_type=crm_desktop.db.types.EncryptedText(),
                type_=sa.String(length=_OLD_LENGTH[name]),
                existing_nullable=True,
            )
