"""Database passwords: OS keyring first, then PGPASSWORD, then a prompt. Never a file, never a log."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from sqlalchemy.engine import URL

log = logging.getLogger(__name__)

KEYRING_SERVICE = "crm-desktop"


@dataclass(frozen=True)
class PasswordAnswer:
    password: str
    save_to_keyring: bool = False


def keyring_account(url: URL) -> str:
    """The keyring entry for a server account: user@host:port/database."""
    return f"{url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def keyring_available() -> bool:
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring):
            return False
        chained = getattr(backend, "backends", None)
        return not (chained is not None and not chained)
    except Exception:  # a broken keyring must never take the app down
        return False


def get_stored_password(url: URL) -> str | None:
    if keyring_available():
        try:
            import keyring

            pw = keyring.get_password(KEYRING_SERVICE, keyring_account(url))
            if pw:
                return pw
        except Exception as exc:
            log.warning("keyring lookup failed: %s", type(exc).__name__)
    env = os.environ.get("PGPASSWORD")
    return env or None


def save_password(url: URL, password: str) -> bool:
    """Store in the OS keyring; returns False (and stores nothing anywhere) when there is no keyring."""
    if not keyring_available():
        return False
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, keyring_account(url), password)
        return True
    except Exception as exc:
        log.warning("keyring save failed: %s", type(exc).__name__)
        return False


def delete_password(url: URL) -> None:
    if keyring_available():
        try:
            import keyring

            keyring.delete_password(KEYRING_SERVICE, keyring_account(url))
        except Exception:
            pass
