"""Database passwords: keyring, PGPASSWORD, prompt; never in a file, never in a message."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from crm_desktop.db import secrets, store
from crm_desktop.db.secrets import PasswordAnswer
from crm_desktop.errors import StoreError

URL = make_url("postgresql+psycopg://crm@dbhost:5432/crm")


class MemoryKeyring(KeyringBackend):
    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.data.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.data[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.data.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Any:
    previous = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(previous)


class FakeEngine:
    """Accepts only the password 'right', like a server with password authentication."""

    def __init__(self, url: Any) -> None:
        self.url = url

    @contextmanager
    def connect(self) -> Any:
        if self.url.password != "right":
            raise OperationalError(
                "SELECT 1", {}, Exception('FATAL:  password authentication failed for user "crm"')
            )

        class Conn:
            def execute(self, *_a: Any) -> None:
                return None

        yield Conn()

    def dispose(self) -> None:
        pass


def test_no_keyring_backend_is_detected_and_nothing_is_saved(monkeypatch: pytest.MonkeyPatch) -> None:
    # conftest selects keyring's "fail" backend, as on a headless Linux box
    assert secrets.keyring_available() is False
    assert secrets.save_password(URL, "pw") is False
    monkeypatch.setenv("PGPASSWORD", "from-env")
    assert secrets.get_stored_password(URL) == "from-env"


def test_keyring_entry_is_used_first(memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGPASSWORD", "from-env")
    memory_keyring.set_password("crm-desktop", "crm@dbhost:5432/crm", "from-keyring")
    assert secrets.get_stored_password(URL) == "from-keyring"


def test_prompt_retries_and_saves_to_keyring(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(store, "_pg_engine", FakeEngine)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    asked: list[str] = []

    def prompt(url: Any, why: str) -> PasswordAnswer:
        asked.append(why)
        return PasswordAnswer("wrong" if len(asked) == 1 else "right", save_to_keyring=True)

    engine = store.connect(URL, prompt=prompt)
    assert engine.url.password == "right"
    assert asked == ["first", "wrong"]
    assert memory_keyring.data == {("crm-desktop", "crm@dbhost:5432/crm"): "right"}
    # and nothing with the password landed in the user data dir
    for f in tmp_path.rglob("*"):
        if f.is_file():
            assert b"right" not in f.read_bytes()


def test_without_prompt_the_message_says_how_to_fix_and_hides_the_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(store, "_pg_engine", FakeEngine)
    with pytest.raises(StoreError) as info:
        store.connect(make_url("postgresql+psycopg://crm:badpw@dbhost/crm"))
    msg = str(info.value)
    assert "PGPASSWORD" in msg and "crm db-password" in msg
    assert "badpw" not in msg


def test_cancelled_prompt_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "_pg_engine", FakeEngine)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    with pytest.raises(StoreError, match="已取消"):
        store.connect(URL, prompt=lambda url, why: None)
