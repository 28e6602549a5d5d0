"""Rotation of the key that seals client personal data (issue #20, crm keys rotate)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from crm_desktop.db import pii
from crm_desktop.db.store import Store
from crm_desktop.errors import PermissionDenied
from crm_desktop.i18n import tr
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor

_BATCH = 2000


@dataclass(frozen=True)
class Rotation:
    old_key_id: str
    new_key_id: str
    clients: int


def rotate_key(store: Store, actor: Actor) -> Rotation:
    """A new key; every sealed value re-sealed with it in one transaction; audited.

    The new key is kept (in a "next" slot) before any value changes, and the old one stays the current key
    until the transaction has committed: a rotation cut short leaves every value readable."""
    if not actor.is_admin:
        raise PermissionDenied(
            tr("只有管理员可以轮换个人数据密钥", "only an administrator may rotate the personal-data key")
        )
    old = pii.require_keys()
    new = pii.PiiKey.generate()
    name = pii.store_key_name(store.url)
    pii.save_key(name, new, pii.NEXT_SLOT)
    keys = pii.KeySet(new, {old.current.key_id: old.current, **old.older})
    count = 0
    with store.transaction() as session:
        conn = session.connection()
        update = text(
            "UPDATE client SET id_number = :id_number, phone = :phone, email = :email, address = :address, "
            "id_tail = :id_tail, phone_tail = :phone_tail, phone_masked = :phone_masked WHERE id = :id"
        )
        after = 0
        while rows := conn.execute(
            text(
                "SELECT id, id_number, phone, email, address FROM client WHERE id > :a ORDER BY id LIMIT :n"
            ),
            {"a": after, "n": _BATCH},
        ).all():
            params = []
            for cid, *values in rows:
                after = cid
                opened = [keys.decrypt(v) if pii.is_token(v) else v for v in values]
                if all(v is None for v in opened):
                    continue
                sealed = [None if v is None else keys.encrypt(v) for v in opened]
                tails = {
                    "id_tail": keys.tail_hash(opened[0]),
                    "phone_tail": keys.tail_hash(opened[1]),
                    "phone_masked": pii.derived_columns(None, opened[1])["phone_masked"],
                }
                params.append({"id": cid, **dict(zip(pii.SEALED_COLUMNS, sealed, strict=True)), **tails})
            if params:
                conn.execute(update, params)
                count += len(params)
        audit.record(
            session,
            actor,
            "pii.key_rotate",
            "store",
            None,
            old_key=old.current.key_id,
            new_key=new.key_id,
            clients=count,
        )
    pii.remember_key(name, new)
    pii.delete_key(name, pii.NEXT_SLOT)
    pii.set_active_keys(pii.KeySet(new))
    return Rotation(old.current.key_id, new.key_id, count)
