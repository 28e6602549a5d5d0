"""Personal data at rest through the app, on both backends (issue #20): sealed on disk, open after reveal."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from crm_desktop.db import pii
from crm_desktop.db.store import open_store
from crm_desktop.services import clients, workbench
from tests.factories import Seed
from tests.fixed_clock import TODAY

PHONE = "13812345678"
ID_NUMBER = "110105199001011234"


def _raw(seed: Seed) -> list[tuple[str | None, str | None, str | None]]:
    with seed.store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text("SELECT id_number, phone, email FROM client"))]


def test_raw_select_shows_no_personal_data(seeded: Seed) -> None:
    rows = _raw(seeded)
    assert rows
    for row in rows:
        for value in row:
            assert value is None or value.startswith("v1:")
        assert PHONE not in " ".join(v or "" for v in row)
        assert ID_NUMBER not in " ".join(v or "" for v in row)


def test_sqlite_file_bytes_hold_no_personal_data(seeded_sqlite: Seed) -> None:
    path = seeded_sqlite.store.engine.url.database
    assert path
    seeded_sqlite.store.dispose()
    blob = Path(path).read_bytes()
    assert PHONE.encode() not in blob
    assert ID_NUMBER.encode() not in blob
    assert b"v1:" in blob


def test_reveal_opens_the_value(seeded: Seed) -> None:
    assert clients.reveal_field(seeded.store, seeded.im1, "001000", "phone", "回访前核对电话") == PHONE
    assert clients.reveal_field(seeded.store, seeded.im1, "001000", "id_number", "开户资料复核") == ID_NUMBER


def test_search_by_phone_tail_still_works(seeded: Seed) -> None:
    hits = workbench.search(seeded.store, seeded.im1, "5678", today=TODAY)
    assert "001000" in {h.key for h in hits if h.kind == "client"}
    assert not [
        h for h in workbench.search(seeded.store, seeded.im1, "9999", today=TODAY) if h.kind == "client"
    ]


def test_tail_hashes_and_masked_phone_kept(seeded: Seed) -> None:
    keys = pii.require_keys()
    with seeded.store.engine.connect() as conn:
        tail, masked = conn.execute(
            text("SELECT phone_tail, phone_masked FROM client WHERE client_no = '001000'")
        ).one()
    assert masked == "138****5678"
    assert tail == keys.tail_hash(PHONE)


def test_store_with_sealed_data_and_no_key_is_refused(
    seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = seeded.store.engine.url
    seeded.store.dispose()
    monkeypatch.setenv(pii.KEY_FILE_ENV, str(tmp_path / "elsewhere.key"))
    with pytest.raises(pii.MissingKey) as exc:
        open_store(url, upgrade=True)
    assert exc.value.exit_code == 6
    assert pii.KEY_FILE_ENV in str(exc.value)
