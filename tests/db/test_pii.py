"""Field encryption of personal data: tokens, keys, the column type on both backends (issue #20)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select, text

from crm_desktop.db import pii
from crm_desktop.db.types import EncryptedText

PHONE = "13812345678"


@pytest.fixture
def keys() -> Iterator[pii.KeySet]:
    ks = pii.KeySet(pii.PiiKey.generate())
    with pii.use_keys(ks):
        yield ks


def test_token_round_trip_and_random_nonce(keys: pii.KeySet) -> None:
    a, b = keys.encrypt(PHONE), keys.encrypt(PHONE)
    assert a != b
    assert a.startswith(f"v1:{keys.current.key_id}:")
    assert PHONE not in a
    assert keys.decrypt(a) == keys.decrypt(b) == PHONE


def test_tampered_token_refused(keys: pii.KeySet) -> None:
    from cryptography.exceptions import InvalidTag

    tok = keys.encrypt(PHONE)
    other = keys.encrypt("13812345679")
    forged = tok.rsplit(":", 1)[0] + ":" + other.rsplit(":", 1)[1][:-4] + "AAAA"
    with pytest.raises((InvalidTag, ValueError)):
        keys.decrypt(forged)


def test_unknown_key_is_a_clear_store_error(keys: pii.KeySet) -> None:
    tok = keys.encrypt(PHONE)
    stranger = pii.KeySet(pii.PiiKey.generate())
    with pytest.raises(pii.MissingKey) as exc:
        stranger.decrypt(tok)
    assert exc.value.exit_code == 6
    assert keys.current.key_id in str(exc.value)


def test_rotation_keyset_reads_old_and_writes_new(keys: pii.KeySet) -> None:
    old_tok = keys.encrypt(PHONE)
    rotated = pii.KeySet(pii.PiiKey.generate(), {keys.current.key_id: keys.current})
    assert rotated.decrypt(old_tok) == PHONE
    assert pii.token_key_id(rotated.encrypt(PHONE)) == rotated.current.key_id


def test_tail_hash_is_keyed_and_matches_tail(keys: pii.KeySet) -> None:
    h = keys.tail_hash(PHONE)
    assert h == keys.tail_hash("138 0000 5678") == pii.tail_hash(keys.current, "5678")
    assert h != keys.tail_hash("13812345679")
    assert h != pii.tail_hash(pii.PiiKey.generate(), PHONE)
    assert keys.tail_hash("123") is None
    assert keys.tail_hash("11010519900101123x") == keys.tail_hash("123X")


def test_no_key_refuses_to_write_plaintext() -> None:
    with pii.use_keys(None), pytest.raises(pii.MissingKey) as exc:
        EncryptedText().process_bind_param(PHONE, create_engine("sqlite://").dialect)
    assert exc.value.exit_code == 6


def test_key_file_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "keys" / "pii.key"
    monkeypatch.setenv(pii.KEY_FILE_ENV, str(path))
    assert not path.exists()
    assert pii.load_key("crm") is None
    key = pii.PiiKey.generate()
    assert pii.save_key("crm", key) == str(path)
    assert (path.stat().st_mode & 0o777) == 0o600
    assert pii.load_key("crm") == key


def test_keyring_unavailable_means_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    # the tests' keyring backend is the fail backend: nothing stored, and saving is a clear error
    monkeypatch.delenv(pii.KEY_FILE_ENV, raising=False)
    assert pii.load_key("crm") is None
    with pytest.raises(pii.MissingKey):
        pii.save_key("crm", pii.PiiKey.generate())


def test_column_unreadable_raw_readable_through_type(db_url: str, keys: pii.KeySet) -> None:
    engine = create_engine(db_url)
    md = MetaData()
    t = Table("pii_probe", md, Column("id", Integer, primary_key=True), Column("phone", EncryptedText()))
    try:
        md.create_all(engine)
        with engine.begin() as conn:
            conn.execute(insert(t), [{"id": 1, "phone": PHONE}, {"id": 2, "phone": None}])
        with engine.connect() as conn:
            raw = conn.execute(text("SELECT phone FROM pii_probe WHERE id = 1")).scalar_one()
            assert PHONE not in raw and raw.startswith("v1:")
            assert conn.execute(select(t.c.phone).order_by(t.c.id)).scalars().all() == [PHONE, None]
        if db_url.startswith("sqlite:///"):
            engine.dispose()
            blob = Path(db_url.removeprefix("sqlite:///")).read_bytes()
            assert PHONE.encode() not in blob
        with pii.use_keys(None), engine.connect() as conn, pytest.raises(pii.MissingKey):
            conn.execute(select(t.c.phone).where(t.c.id == 1)).scalar_one()
    finally:
        md.drop_all(engine)
        engine.dispose()


class _MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


def test_keyring_key_follows_a_moved_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring

    from crm_desktop.db.store import open_store
    from crm_desktop.services import staff

    monkeypatch.delenv(pii.KEY_FILE_ENV, raising=False)
    ring = _MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(ring)
    try:
        first = tmp_path / "a.sqlite3"
        store = open_store(f"sqlite:///{first}", upgrade=True)
        key_id = pii.require_keys().current.key_id
        assert (pii.KEYRING_SERVICE, pii.by_id_name(key_id)) in ring.entries
        staff.add_branch(store, None, "B001", "b")
        with store.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO client (client_no, name, client_type, phone, open_date, risk_level, status, "
                    "branch_id, version, created_at, updated_at) VALUES ('001', 'n', 'individual', :p, "
                    "'2020-01-01', 'C3', 'active', 1, 1, '2020-01-01 00:00:00', '2020-01-01 00:00:00')"
                ),
                {"p": pii.require_keys().encrypt(PHONE)},
            )
        store.dispose()
        moved = tmp_path / "restored.sqlite3"
        first.rename(moved)
        pii.set_active_keys(None)
        again = open_store(f"sqlite:///{moved}", upgrade=True)
        assert pii.require_keys().current.key_id == key_id
        again.dispose()
        ring.entries.clear()
        with pytest.raises(pii.MissingKey):
            open_store(f"sqlite:///{moved}", upgrade=True)
    finally:
        keyring.set_keyring(previous)
