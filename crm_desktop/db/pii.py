"""Encryption of client personal data at rest (issue #20): keys, tokens and the tail index.

A value is stored as the text token ``v1:<key id>:<base64(nonce + ciphertext)>``: AES-256-GCM with a random
96-bit nonce per value, so equal values give different tokens. The key id names which key sealed the value,
so a rotation can run while both keys are known. Search by the last four digits of a phone or ID number goes
through a keyed HMAC of those digits (``tail_hash``), never through the ciphertext.

Where the key lives (first match wins):

* ``CRM_PII_KEY_FILE``: a file holding the key (64 hex characters); for servers and scripted runs;
* the OS keyring, service ``crm-desktop-pii``, user name = the store's name; for desktops;
* a key installed in the process (``use_keys``); tests do this.

No key, and the store holds encrypted values: :class:`MissingKey` (a StoreError, exit code 6). Writing a
personal field without a key is refused as well: never a silent plaintext fallback.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.engine import URL

from crm_desktop.errors import StoreError
from crm_desktop.i18n import tr

TOKEN_VERSION = "v1"
KEY_FILE_ENV = "CRM_PII_KEY_FILE"
KEYRING_SERVICE = "crm-desktop-pii"
# The client columns that hold sealed values (address since migration 0014).
SEALED_COLUMNS = ("id_number", "phone", "email", "address")
_NONCE = 12


class MissingKey(StoreError):
    """Personal data is encrypted (or must be) and no key was found."""


@dataclass(frozen=True)
class PiiKey:
    secret: bytes

    def __post_init__(self) -> None:
        if len(self.secret) != 32:
            raise ValueError("a personal-data key is 32 bytes")

    # Derived once per key (a bulk import seals and opens hundreds of thousands of values).
    @cached_property
    def key_id(self) -> str:
        return hashlib.sha256(b"crm-pii-key-id" + self.secret).hexdigest()[:8]

    @cached_property
    def aead(self) -> AESGCM:
        return AESGCM(self.secret)

    @cached_property
    def tail_mac_key(self) -> bytes:
        return hmac.new(self.secret, b"crm-pii-tail-index", hashlib.sha256).digest()

    def hex(self) -> str:
        return self.secret.hex()

    @classmethod
    def generate(cls) -> PiiKey:
        return cls(secrets.token_bytes(32))

    @classmethod
    def from_hex(cls, text: str) -> PiiKey:
        try:
            return cls(bytes.fromhex(text.strip()))
        except ValueError as exc:
            raise MissingKey(
                tr(
                    "个人数据密钥格式不对（应为 64 个十六进制字符）",
                    "the personal-data key is malformed (expected 64 hex characters)",
                )
            ) from exc


@dataclass
class KeySet:
    """The key new values are sealed with, plus older keys still able to open values (during a rotation)."""

    current: PiiKey
    older: dict[str, PiiKey] = field(default_factory=dict)

    def for_id(self, key_id: str) -> PiiKey:
        if key_id == self.current.key_id:
            return self.current
        try:
            return self.older[key_id]
        except KeyError:
            raise MissingKey(
                tr(
                    "个人数据由密钥 {kid} 加密，但当前没有这把密钥；请提供该库的密钥（{env} 或系统钥匙串）",
                    "personal data was sealed with key {kid}, which is not available; provide this store's "
                    "key ({env} or the OS keyring)",
                    kid=key_id,
                    env=KEY_FILE_ENV,
                )
            ) from None

    def encrypt(self, plain: str) -> str:
        nonce = secrets.token_bytes(_NONCE)
        sealed = self.current.aead.encrypt(nonce, plain.encode("utf-8"), None)
        body = base64.b64encode(nonce + sealed).decode("ascii")
        return f"{TOKEN_VERSION}:{self.current.key_id}:{body}"

    def decrypt(self, token: str) -> str:
        version, key_id, body = _split(token)
        if version != TOKEN_VERSION:
            raise MissingKey(tr("未知的加密格式 {v}", "unknown encryption format {v}", v=version))
        raw = base64.b64decode(body)
        plain = self.for_id(key_id).aead.decrypt(raw[:_NONCE], raw[_NONCE:], None)
        return plain.decode("utf-8")

    def tail_hash(self, value: str | None) -> str | None:
        """Keyed hash of the last four digits of a phone or ID number (None when fewer than four)."""
        return tail_hash(self.current, value)


def tail_hash(key: PiiKey, value: str | None) -> str | None:
    digits = tail_digits(value)
    if digits is None:
        return None
    return hmac.digest(key.tail_mac_key, digits.encode("ascii"), "sha256").hex()[:32]


def derived_columns(id_number: str | None, phone: str | None) -> dict[str, str | None]:
    """The client columns computed from the plain values: tail hashes (key needed) and the masked phone."""
    from crm_desktop.masking import mask_phone

    keys = require_keys() if (id_number or phone) else None
    return {
        "id_tail": keys.tail_hash(id_number) if keys else None,
        "phone_tail": keys.tail_hash(phone) if keys else None,
        "phone_masked": mask_phone(phone) or None,
    }


def seal(value: str | None) -> str | None:
    """A plain value as its token (for bulk writers that bypass the column type)."""
    if value is None:
        return None
    return require_keys().encrypt(value)


def tail_digits(value: str | None) -> str | None:
    """The last four characters that count for a tail search (digits, or X in an ID number)."""
    if not value:
        return None
    tail: list[str] = []
    for ch in reversed(value):  # the last four letters or digits, read from the end
        if ch.isalnum():
            tail.append(ch)
            if len(tail) == 4:
                return "".join(reversed(tail)).upper()
    return None


def is_token(value: object) -> bool:
    return isinstance(value, str) and value.startswith(TOKEN_VERSION + ":") and value.count(":") >= 2


def token_key_id(token: str) -> str:
    return _split(token)[1]


def _split(token: str) -> tuple[str, str, str]:
    version, _, rest = token.partition(":")
    key_id, _, body = rest.partition(":")
    return version, key_id, body


# ---- the keys installed in this process -------------------------------------------------------------

_active: KeySet | None = None


def active_keys() -> KeySet | None:
    return _active


def set_active_keys(keys: KeySet | None) -> KeySet | None:
    """Install the keys the column type uses; returns the previous ones."""
    global _active
    previous, _active = _active, keys
    return previous


@contextmanager
def use_keys(keys: KeySet | None) -> Iterator[KeySet | None]:
    previous = set_active_keys(keys)
    try:
        yield keys
    finally:
        set_active_keys(previous)


def require_keys() -> KeySet:
    if _active is None:
        raise MissingKey(
            tr(
                "没有个人数据密钥：该库的证件号、电话、邮箱、地址是加密存放的。请在系统钥匙串中恢复密钥，或把密钥文件路径设到 "
                "{env}",
                "no personal-data key: this store keeps ID numbers, phones, e-mails and addresses encrypted. Restore the key "
                "in the OS keyring or set {env} to the key file's path",
                env=KEY_FILE_ENV,
            )
        )
    return _active


# ---- where keys are kept ----------------------------------------------------------------------------


def load_key(store_name: str, slot: str = "") -> PiiKey | None:
    """The store's key from the key file named by CRM_PII_KEY_FILE, else from the OS keyring; None if neither."""
    path = os.environ.get(KEY_FILE_ENV)
    if path:
        p = _slot_path(Path(path), slot)
        if not p.exists():
            return None  # a new store creates it (ensure_store_key)
        return PiiKey.from_hex(p.read_text(encoding="ascii"))
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            text = keyring.get_password(KEYRING_SERVICE, store_name + slot)
        except KeyringError:
            return None
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None
    return PiiKey.from_hex(text) if text else None


def save_key(store_name: str, key: PiiKey, slot: str = "") -> str:
    """Keep a new key where load_key will find it; returns where (for the message to the user)."""
    path = os.environ.get(KEY_FILE_ENV)
    if path:
        p = _slot_path(Path(path), slot)
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_suffix(p.suffix + ".new")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key.hex() + "\n")
        tmp.replace(p)
        return str(p)
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, store_name + slot, key.hex())
    except KeyringError as exc:
        raise MissingKey(
            tr(
                "无法把个人数据密钥存入系统钥匙串（{err}）；服务器上请把 {env} 设为密钥文件路径",
                "cannot keep the personal-data key in the OS keyring ({err}); on a server set {env} to a key "
                "file path",
                err=exc,
                env=KEY_FILE_ENV,
            )
        ) from exc
    return f"keyring:{KEYRING_SERVICE}/{store_name}"


NEXT_SLOT = ":next"


def _slot_path(path: Path, slot: str) -> Path:
    return path.with_name(path.name + ".next") if slot else path


def delete_key(store_name: str, slot: str) -> None:
    """Forget a key slot (the rotation's next key once it has become the current one)."""
    path = os.environ.get(KEY_FILE_ENV)
    if path:
        _slot_path(Path(path), slot).unlink(missing_ok=True)
        return
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    with suppress(PasswordDeleteError, KeyringError):
        keyring.delete_password(KEYRING_SERVICE, store_name + slot)


# ---- a store's key, found or created when the store is opened ---------------------------------------------


def store_key_name(url: URL) -> str:
    """The keyring user name for a store: the SQLite file, or server/port/database (never credentials)."""
    if url.get_backend_name() == "sqlite":
        db = url.database or ""
        return "sqlite:" + (str(Path(db).resolve()) if db and db != ":memory:" else ":memory:")
    options = url.query.get("options", "")
    return (
        f"{url.get_backend_name()}://{url.host or 'localhost'}:{url.port or ''}/{url.database or ''}{options}"
    )


def sealed_key_id(conn: Connection) -> str | None:
    """The key id of one sealed value in the store, None when it holds none."""
    insp = inspect(conn)
    if not insp.has_table("client"):
        return None
    cols = [c for c in SEALED_COLUMNS if c in {col["name"] for col in insp.get_columns("client")}]
    row = conn.execute(
        text(
            f"SELECT {', '.join(cols)} FROM client WHERE {' OR '.join(f'{c} LIKE :t' for c in cols)} LIMIT 1"
        ),
        {"t": TOKEN_VERSION + ":%"},
    ).first()
    if row is None:
        return None
    return next(token_key_id(v) for v in row if is_token(v))


def by_id_name(key_id: str) -> str:
    """The second keyring entry of a key, by its id: a store file moved or restored elsewhere still finds it."""
    return "key:" + key_id


def remember_key(store_name: str, key: PiiKey) -> None:
    save_key(store_name, key)
    if not os.environ.get(KEY_FILE_ENV):
        save_key(by_id_name(key.key_id), key)


def ensure_store_key(engine: Engine) -> KeySet:
    """Install the store's key for this process: the saved one, or a new one for a store without sealed data.

    A store that holds sealed values and whose key is nowhere to be found is refused (MissingKey, exit 6).
    """
    name = store_key_name(engine.url)
    key = load_key(name)
    if key is None:
        with engine.connect() as conn:
            sealed = sealed_key_id(conn)
        if sealed is not None and not os.environ.get(KEY_FILE_ENV):
            key = load_key(by_id_name(sealed))
            if key is not None:
                save_key(name, key)  # the store was moved or restored: remember it under its new name
        if sealed is not None and key is None:
            raise MissingKey(
                tr(
                    "该库的证件号、电话、邮箱、地址已加密，但找不到它的密钥（系统钥匙串 {svc}/{name}，或 {env} 指向的密钥文件）。"
                    "请恢复密钥后再打开；不会以明文方式继续。",
                    "this store keeps ID numbers, phones, e-mails and addresses encrypted, but its key was not found (OS keyring "
                    "{svc}/{name}, or the key file named by {env}). Restore the key and open it again; the store is "
                    "not opened without it.",
                    svc=KEYRING_SERVICE,
                    name=name,
                    env=KEY_FILE_ENV,
                )
            )
    if key is None:
        key = PiiKey.generate()
        remember_key(name, key)
    keys = KeySet(key)
    # a rotation that stopped half way: values sealed with its next key stay readable
    nxt = load_key(name, NEXT_SLOT)
    if nxt is not None and nxt != key:
        keys.older[nxt.key_id] = nxt
    set_active_keys(keys)
    return keys
