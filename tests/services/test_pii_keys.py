"""Rotation of the personal-data key (issue #20), on both backends, and its CLI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import select, text

from crm_desktop.cli.main import main
from crm_desktop.db import pii
from crm_desktop.db.models import AuditLog
from crm_desktop.db.store import open_store
from crm_desktop.errors import PermissionDenied
from crm_desktop.services import clients, pii_keys
from tests.factories import PASSWORD, Seed


def _key_ids(seed: Seed) -> set[str]:
    with seed.store.engine.connect() as conn:
        tokens = conn.execute(text("SELECT phone FROM client")).scalars().all()
    return {pii.token_key_id(t) for t in tokens if t}


def test_rotation_reseals_every_value_and_is_audited(seeded: Seed) -> None:
    old_id = pii.require_keys().current.key_id
    assert _key_ids(seeded) == {old_id}
    result = pii_keys.rotate_key(seeded.store, seeded.admin)
    assert result.old_key_id == old_id and result.new_key_id != old_id and result.clients >= 6
    assert _key_ids(seeded) == {result.new_key_id}
    assert pii.load_key(pii.store_key_name(seeded.store.url)).key_id == result.new_key_id  # type: ignore[union-attr]
    assert pii.load_key(pii.store_key_name(seeded.store.url), pii.NEXT_SLOT) is None
    assert (
        clients.reveal_field(seeded.store, seeded.im1, "001000", "phone", "回访前核对电话") == "13812345678"
    )
    with seeded.store.read() as s:
        row = s.scalars(select(AuditLog).where(AuditLog.action == "pii.key_rotate")).one()
    assert row.details["new_key"] == result.new_key_id and row.actor_id == seeded.admin.id
    # the store opens again with the saved key
    url = seeded.store.url
    seeded.store.dispose()
    reopened = open_store(url, upgrade=True)
    try:
        assert (
            clients.reveal_field(reopened, seeded.im1, "001000", "id_number", "开户资料复核")
            == "110105199001011234"
        )
    finally:
        reopened.dispose()


def test_only_an_administrator_rotates(seeded: Seed) -> None:
    with pytest.raises(PermissionDenied):
        pii_keys.rotate_key(seeded.store, seeded.im1)


def test_cli_keys_rotate(seeded_sqlite: Seed, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    db = seeded_sqlite.store.url.render_as_string(hide_password=False)
    before = Path(os.environ[pii.KEY_FILE_ENV]).read_text()
    assert main(["--db", db, "keys", "rotate", "--as-user", "im1"]) == 4
    assert main(["--db", db, "keys", "rotate", "--as-user", "admin"]) == 0
    assert Path(os.environ[pii.KEY_FILE_ENV]).read_text() != before
