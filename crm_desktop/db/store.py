"""Opening the store: choosing the URL, connecting, checking and upgrading its schema.

One workstation uses an embedded SQLite file (WAL, foreign keys on); a branch shares a PostgreSQL
server. Everything above this module sees the same :class:`Store` either way.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from crm_desktop import paths
from crm_desktop.db import changes as _changes  # noqa: F401 - registers the change feed (NOTIFY)
from crm_desktop.db import migrate, pii
from crm_desktop.db.netpath import is_network_path
from crm_desktop.db.secrets import PasswordAnswer, get_stored_password, keyring_available, save_password
from crm_desktop.errors import StoreError, StoreNotFound, StoreUnavailable, UnsafeStoreLocation
from crm_desktop.i18n import tr
from crm_desktop.paths import default_sqlite_path

log = logging.getLogger(__name__)


class PasswordRequired(StoreError):
    """The server wants a password that neither the keyring nor PGPASSWORD had (no prompt was given)."""


PasswordPrompt = Callable[[URL, str], PasswordAnswer | None]
"""Asks a person for the password of ``url``; the str is why (first ask, or the last one was wrong)."""


def resolve_url(explicit: str | None = None) -> URL:
    """``--db URL`` beats ``CRM_DATABASE_URL``, which beats the SQLite file in the user data dir."""
    raw = explicit or os.environ.get("CRM_DATABASE_URL")
    if not raw:
        return make_url(f"sqlite:///{default_sqlite_path()}")
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise StoreError(
            tr(
                "数据库地址无法识别：{raw}。请使用 sqlite:///路径/文件.sqlite3 或 "
                "postgresql+psycopg://用户@主机/数据库 的形式。",
                "The database URL {raw} is not understood. Use sqlite:///path/file.sqlite3 or "
                "postgresql+psycopg://user@host/database.",
                raw=_safe(raw),
            )
        ) from exc
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(
            tr(
                "不支持的数据库类型 {name}：只支持 SQLite（单机）和 PostgreSQL（营业部共享）。",
                "Unsupported database {name}: only SQLite (one workstation) and PostgreSQL (a branch) work.",
                name=url.get_backend_name(),
            )
        )
    return url


def describe(url: URL) -> str:
    """The URL for messages and logs, with any password hidden."""
    return url.render_as_string(hide_password=True)


def _safe(raw: str) -> str:
    try:
        return describe(make_url(raw))
    except Exception:
        # Unparseable: show it only when it cannot hold credentials.
        return raw if "@" not in raw else "<?>"


def sqlite_file(url: URL) -> Path | None:
    """The file behind an SQLite URL (None for PostgreSQL and in-memory stores)."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database).expanduser()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.expanduser().resolve() == b.expanduser().resolve()
    except OSError:
        return False


def remove_sqlite_file(path: Path) -> None:
    """Delete an SQLite store with its WAL side files."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


SessionGuard = Callable[[Session], None]


class Store:
    """An open store. ``transaction()`` is the one unit of work per user action.

    Session guards run at the start of every transaction and every read, inside it: they are how
    the signed-in session is re-checked (an account disabled meanwhile stops at its next action)
    and how per-transaction settings (PostgreSQL row-level security) are applied, in one place
    instead of at every service call site. A guard raises to refuse the action.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._write = sessionmaker(engine.execution_options(crm_write=True), expire_on_commit=False)
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._guards: list[SessionGuard] = []

    def add_session_guard(self, guard: SessionGuard) -> None:
        """Run ``guard(session)`` at the start of every later transaction and read on this store."""
        self._guards.append(guard)

    def remove_session_guard(self, guard: SessionGuard) -> None:
        if guard in self._guards:
            self._guards.remove(guard)

    def _run_guards(self, session: Session) -> None:
        for guard in tuple(self._guards):
            guard(session)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def url(self) -> URL:
        return self.engine.url

    def describe(self) -> str:
        return describe(self.engine.url)

    @property
    def is_demo(self) -> bool:
        """The GUI's demo store (its own file): the title bar says so, so nobody mistakes it for real data."""
        path = sqlite_file(self.engine.url)
        return path is not None and _same_file(path, paths.demo_sqlite_path())

    def friendly_name(self) -> str:
        """The store as a person names it, for title and status bars: never a URL, never credentials."""
        url = self.engine.url
        path = sqlite_file(url)
        if path is not None:
            if self.is_demo:
                return tr("演示数据", "Demo data")
            if _same_file(path, paths.default_sqlite_path()):
                return tr("本机数据库", "This workstation's store")
            return tr("本机数据库（{name}）", "Local store ({name})", name=path.name)
        if url.get_backend_name() == "sqlite":
            return tr("临时数据库", "Temporary store")
        return tr(
            "营业部服务器 {host} · {db}",
            "Branch server {host} · {db}",
            host=url.host or "localhost",
            db=url.database or "",
        )

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction that commits once at the end, or rolls back on any exception.

        A PostgreSQL connection lost on the way raises :class:`StoreUnavailable` (exit code 6); lost
        while committing, with ``in_doubt`` set: the server may have committed (see ``SaveInDoubt``)."""
        committing = False
        try:
            with self._write.begin() as session:
                self._run_guards(session)
                yield session
                committing = True
        except DBAPIError as exc:
            lost = self.unavailable(exc, in_doubt=committing)
            if lost is None:
                raise
            raise lost from exc

    @contextmanager
    def read(self, *, isolation: str | None = None) -> Iterator[Session]:
        """A session for reading; objects loaded in it stay usable (detached, not expired) afterwards.

        ``isolation`` (e.g. ``"REPEATABLE READ"`` on PostgreSQL: one snapshot for the whole read) is set
        on the connection before anything runs on it, session guards included."""
        session = self._read()
        try:
            if isolation is not None:
                session.connection(execution_options={"isolation_level": isolation})
            self._run_guards(session)
            yield session
        except DBAPIError as exc:
            lost = self.unavailable(exc)
            if lost is None:
                raise
            raise lost from exc
        finally:
            # close() returns the connection (its transaction rolled back) without expiring objects.
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()

    def ping(self) -> None:
        """Ask the server for an answer; :class:`StoreUnavailable` while it cannot be reached."""
        with self.read() as session:
            session.execute(text("SELECT 1"))

    def unavailable(self, exc: DBAPIError, *, in_doubt: bool = False) -> StoreUnavailable | None:
        """``exc`` as the server being unreachable, or None when it is another kind of failure.

        Only for PostgreSQL: a lost or refused connection (SQLAlchemy saw a disconnect, or the driver
        failed without a server error code), a connection-class SQLSTATE (08…) or a server shutting
        down (57P01–57P03). SQLite's own failures (locked, read-only) keep their meaning."""
        if self.dialect != "postgresql" or not is_connection_lost(exc):
            return None
        server = tr(
            "{host} · {db}",
            "{host} · {db}",
            host=self.engine.url.host or "localhost",
            db=self.engine.url.database or "",
        )
        if in_doubt:
            message = tr(
                "与数据库服务器 {server} 的连接在保存时中断，尚不能确定是否已保存。",
                "The connection to the database server {server} dropped while saving; it is not yet known "
                "whether the change was saved.",
                server=server,
            )
        else:
            message = tr(
                "无法连接数据库服务器 {server}：本次操作没有执行，也没有保存任何内容。屏幕上的内容仍可查看；"
                "连接恢复后请重试（无需重启程序）。",
                "The database server {server} cannot be reached: this action was not carried out and nothing "
                "was saved. What is on screen stays readable; try again once the connection is back (no "
                "restart needed).",
                server=server,
            )
        return StoreUnavailable(message, in_doubt=in_doubt)


def is_connection_lost(exc: BaseException) -> bool:
    """Whether a database error means the connection to a server is gone or could not be made."""
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    state = getattr(exc.orig, "sqlstate", None)
    if state:
        return str(state).startswith("08") or state in ("57P01", "57P02", "57P03")
    return isinstance(exc, (OperationalError, InterfaceError))


ALLOW_NETWORK_ENV = "CRM_ALLOW_NETWORK_SQLITE"


def check_local(path: Path) -> None:
    """Refuse an SQLite file on a network share unless CRM_ALLOW_NETWORK_SQLITE=1 accepts the risk."""
    if not is_network_path(path):
        return
    if os.environ.get(ALLOW_NETWORK_ENV) == "1":
        log.warning(
            "SQLite store %s is on a network share (%s=1): corruption is possible", path, ALLOW_NETWORK_ENV
        )
        return
    raise UnsafeStoreLocation(
        tr(
            "数据库文件 {path} 位于网络共享（SMB/NFS）上。SQLite 在网络共享上的加锁和日志不可靠，多人或断网时可能损坏数据。"
            "请把文件放在本机磁盘上；营业部多人共享数据请使用 PostgreSQL（见 README）。"
            "如确需在此打开，设置环境变量 {env}=1（风险自负）。",
            "The database file {path} is on a network share (SMB/NFS). SQLite's locking and journal are not "
            "reliable there, and the data can be corrupted when several people use it or the network drops. "
            "Keep the file on a local disk; for a branch sharing data use PostgreSQL (see the README). To open "
            "it there anyway, set {env}=1 (at your own risk).",
            path=path,
            env=ALLOW_NETWORK_ENV,
        )
    )


def _foreign_sqlite(path: Path) -> str | None:
    """Why an existing file is not a CRM store ("empty", "foreign"), or None when it may be one.

    Looked at read-only, before the engine's first connection (which would switch it to WAL mode).
    """
    try:
        if path.stat().st_size == 0:
            return "empty"
    except OSError:
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None  # reported by connect() as "not a database" or "cannot open"
    try:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    names = {n for n in names if not n.startswith("sqlite_")}
    if names and "alembic_version" not in names:
        return "foreign"
    return None


def _foreign_message(path: Path, why: str, url: URL) -> str:
    if why == "empty":
        return tr(
            "{path} 是一个空文件（0 字节），不是 CRM 数据库，文件未被改动。如确要在此文件上新建 CRM 数据库，"
            "请显式运行 `crm init-db --db {url}`。",
            "{path} is an empty file (0 bytes), not a CRM store; it was left untouched. To make a CRM store "
            "in it, run `crm init-db --db {url}` explicitly.",
            path=path,
            url=describe(url),
        )
    return tr(
        "{path} 是别的程序的 SQLite 数据库（含有其他表，没有 CRM 版本记录），文件未被改动。请检查 --db 地址；"
        "如确要把 CRM 的表加到这个文件里，请显式运行 `crm init-db --db {url}`。",
        "{path} is another application's SQLite database (other tables, no CRM revision); it was left "
        "untouched. Check the --db address; to add the CRM tables to this file anyway, run "
        "`crm init-db --db {url}` explicitly.",
        path=path,
        url=describe(url),
    )


def _sqlite_engine(url: URL, *, create: bool, init: bool = False) -> Engine:
    db = url.database
    if db and db != ":memory:" and not db.startswith("file:"):
        path = Path(db).expanduser()
        check_local(path)
        if path.exists() and not init:
            why = _foreign_sqlite(path)
            if why is not None:
                raise StoreError(_foreign_message(path, why, url))
        if not path.exists():
            if not create:
                raise StoreNotFound(
                    tr(
                        "数据库文件 {path} 不存在（地址写错了？）。新数据库请先运行 `crm init-db --db {url}` 创建。",
                        "The database file {path} does not exist (a mistyped path?). To make a new store, run "
                        "`crm init-db --db {url}` first.",
                        path=path,
                        url=describe(url),
                    )
                )
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(_readonly_message(path)) from exc
            if not os.access(path.parent, os.W_OK):
                raise StoreError(_readonly_message(path))
        url = url.set(database=str(path))
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy own transaction boundaries (pysqlite's implicit BEGIN breaks SAVEPOINT).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        if db and db != ":memory:":
            mode = cur.execute("PRAGMA journal_mode=WAL").fetchone()
            if mode and str(mode[0]).lower() != "wal":
                log.warning("SQLite refused WAL mode (got %s)", mode[0])
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the lock up front so two writers never deadlock on a read->write upgrade.
        if conn.get_execution_options().get("crm_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def _readonly_message(path: Path) -> str:
    return tr(
        "无法在 {dir} 创建或写入数据库（目录只读或没有权限）。请换一个可写的位置，"
        "例如用 --db sqlite:///其他路径/crm.sqlite3 或设置 CRM_DATABASE_URL。",
        "Cannot create or write the database in {dir} (read-only location or no permission). Choose a "
        "writable place, e.g. --db sqlite:///other/path/crm.sqlite3 or set CRM_DATABASE_URL.",
        dir=path.parent,
    )


# TLS for PostgreSQL connections (issue #20): "prefer" (TLS when the server offers it) unless the URL's
# ?sslmode=, CRM_PG_SSLMODE or libpq's own PGSSLMODE says otherwise; "require" refuses a server without TLS.
SSLMODE_ENV = "CRM_PG_SSLMODE"
DEFAULT_SSLMODE = "prefer"
SSLMODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


def pg_sslmode(url: URL) -> str:
    """The sslmode a PostgreSQL connection uses: the URL's, else CRM_PG_SSLMODE, else PGSSLMODE, else prefer."""
    raw = url.query.get("sslmode")
    value = (
        (raw if isinstance(raw, str) else None) or os.environ.get(SSLMODE_ENV) or os.environ.get("PGSSLMODE")
    )
    mode = (value or DEFAULT_SSLMODE).strip().lower()
    if mode not in SSLMODES:
        raise StoreError(
            tr(
                "PostgreSQL 的 sslmode “{mode}” 无效（URL 的 ?sslmode=、{env} 或 PGSSLMODE）；可用：{modes}。",
                "The PostgreSQL sslmode “{mode}” is not valid (the URL's ?sslmode=, {env} or PGSSLMODE); "
                "use one of: {modes}.",
                mode="".join(ch if ch.isprintable() else "?" for ch in mode)[:40],
                env=SSLMODE_ENV,
                modes=", ".join(SSLMODES),
            )
        )
    return mode


def _pg_engine(url: URL) -> Engine:
    mode = pg_sslmode(url)
    if "sslmode" in url.query:
        url = url.difference_update_query(["sslmode"])
    try:
        return create_engine(
            url,
            pool_pre_ping=True,
            pool_size=5,
            max_overflow=5,
            connect_args={"connect_timeout": 10, "application_name": "crm-desktop", "sslmode": mode},
        )
    except ImportError as exc:
        # psycopg is the optional extra [postgres]: a workstation on its own SQLite file does without it.
        raise StoreError(
            tr(
                '未安装 PostgreSQL 驱动（psycopg），无法打开 {url}。请安装：pip install "crm-desktop[postgres]"'
                "（安装包版本已自带）。",
                "The PostgreSQL driver (psycopg) is not installed, so {url} cannot be opened. Install it with "
                'pip install "crm-desktop[postgres]" (the installer build includes it).',
                url=describe(url),
            )
        ) from exc


def _missing_role_or_database(exc: BaseException, url: URL) -> str | None:
    """A clearer message when the server is up but the role or the database is not there."""
    msg = str(getattr(exc, "orig", exc)).lower()
    if "does not exist" not in msg:
        return None
    if "role" in msg:
        return tr(
            "数据库服务器上没有用户（角色）{user}。请数据库管理员按 README 的 PostgreSQL 一节创建角色和数据库。",
            "The database server has no role {user}. Ask the database administrator to create the role and the "
            "database as the README's PostgreSQL section shows.",
            user=url.username or "",
        )
    if "database" in msg:
        return tr(
            "数据库服务器上没有数据库 {db}。请数据库管理员按 README 的 PostgreSQL 一节创建它，再运行 `crm init-db`。",
            "The database server has no database {db}. Ask the database administrator to create it as the "
            "README's PostgreSQL section shows, then run `crm init-db`.",
            db=url.database or "",
        )
    return None


def _is_auth_error(exc: BaseException) -> bool:
    msg = str(getattr(exc, "orig", exc)).lower()
    return (
        "password authentication failed" in msg
        or "no password supplied" in msg
        or ("authentication" in msg and "failed" in msg)
    )


def connect(
    url: URL, *, prompt: PasswordPrompt | None = None, create: bool = True, init: bool = False
) -> Engine:
    """Create an engine and prove it answers, turning every failure into a readable StoreError.

    ``init``: ``crm init-db`` was asked for explicitly, so an empty file or another application's SQLite
    file may become a CRM store; otherwise such a file is refused and left byte-identical."""
    if url.get_backend_name() == "sqlite":
        engine = _sqlite_engine(url, create=create, init=init)
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT count(*) FROM sqlite_master"))
        except DatabaseError as exc:
            engine.dispose()
            msg = str(exc.orig).lower()
            if "not a database" in msg or "malformed" in msg:
                raise StoreError(
                    tr(
                        "{path} 不是 CRM 的 SQLite 数据库（文件已损坏或是别的文件）。文件未被改动。"
                        "请选择正确的数据库文件，或换一个新路径让程序创建新库。",
                        "{path} is not an SQLite database of this CRM (corrupt, or another kind of file). "
                        "It was left untouched. Pick the right file, or a new path to create a fresh store.",
                        path=url.database,
                    )
                ) from exc
            if "readonly" in msg or "unable to open" in msg:
                raise StoreError(_readonly_message(Path(url.database or "."))) from exc
            raise StoreError(str(exc.orig)) from exc
        return engine

    password_from_url = url.password is not None
    if not password_from_url:
        stored = get_stored_password(url)
        if stored:
            url = url.set(password=stored)
    reason = "first"
    # A typed password is saved only once the server has accepted it.
    to_save: str | None = None
    for _attempt in range(4):
        engine = _pg_engine(url)
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except OperationalError as exc:
            engine.dispose()
            if not _is_auth_error(exc):
                missing = _missing_role_or_database(exc, url)
                if missing:
                    raise StoreError(missing) from exc
                if "ssl" in _first_line(exc).lower():
                    raise StoreError(
                        tr(
                            "无法与数据库服务器 {url} 建立加密连接（sslmode={mode}）：{detail}。请在服务器上启用 TLS，"
                            "或由管理员调整 {env}。",
                            "Cannot open an encrypted connection to the database server {url} (sslmode={mode}): "
                            "{detail}. Enable TLS on the server, or have the administrator change {env}.",
                            url=describe(url),
                            mode=pg_sslmode(url),
                            detail=_first_line(exc),
                            env=SSLMODE_ENV,
                        )
                    ) from exc
                raise StoreError(
                    tr(
                        "无法连接数据库服务器 {url}：{detail}。请确认服务器已启动、地址和端口正确、网络可达。",
                        "Cannot reach the database server {url}: {detail}. Check that the server runs and that "
                        "host, port and network are right.",
                        url=describe(url),
                        detail=_first_line(exc),
                    )
                ) from exc
            if prompt is None:
                raise PasswordRequired(
                    tr(
                        "无法登录数据库 {url}：需要密码或密码错误。请用 `crm db-password` 把密码存入系统钥匙串，"
                        "或设置 PGPASSWORD 环境变量后重试。",
                        "Cannot log in to the database {url}: a password is needed or it is wrong. Save it "
                        "in the OS keyring with `crm db-password`, or set PGPASSWORD, and try again.",
                        url=describe(url),
                    )
                ) from exc
            answer = prompt(url, reason)
            if answer is None:
                raise StoreError(
                    tr("已取消连接数据库。", "Connecting to the database was cancelled.")
                ) from exc
            url = url.set(password=answer.password)
            to_save = answer.password if answer.save_to_keyring else None
            reason = "wrong"
            continue
        if to_save is not None and not save_password(url, to_save):
            log.warning("no OS keyring available; the password was used but not saved")
        return engine
    raise StoreError(tr("密码多次错误，已停止尝试。", "The password was wrong too many times; giving up."))


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", exc)
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__


def open_store(
    url: URL | str | None = None,
    *,
    prompt: PasswordPrompt | None = None,
    upgrade: bool | None = None,
    create: bool = True,
    init: bool = False,
) -> Store:
    """Open and schema-check a store.

    ``upgrade=None`` means: upgrade SQLite files automatically (one workstation owns them) and require
    an explicit ``crm init-db`` for PostgreSQL, where other workstations may run an older build.
    """
    if url is None or isinstance(url, str):
        url = resolve_url(url)
    engine = connect(url, prompt=prompt, create=create, init=init)
    try:
        migrate.check_known_revision(engine)
        # before any upgrade: migration 0013 seals existing personal data with this key
        pii.ensure_store_key(engine)
        if upgrade is None:
            upgrade = engine.dialect.name == "sqlite"
        if upgrade:
            if not migrate.is_at_head(engine):
                migrate.upgrade(engine)
        elif not migrate.is_at_head(engine):
            raise StoreError(
                tr(
                    "数据库 {url} 尚未初始化或版本较旧。请先运行 `crm init-db --db {url}`（会升级到当前版本）。",
                    "The store {url} is not initialised or is at an older schema. Run "
                    "`crm init-db --db {url}` first (it upgrades it to this version).",
                    url=describe(url),
                )
            )
    except OperationalError as exc:
        engine.dispose()
        msg = str(exc.orig).lower()
        if "readonly" in msg or "read-only" in msg:
            raise StoreError(_readonly_message(Path(url.database or "."))) from exc
        raise StoreError(_first_line(exc)) from exc
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)


__all__ = ["PasswordAnswer", "Store", "connect", "describe", "keyring_available", "open_store", "resolve_url"]
