"""``crm init-db`` and ``crm db-password``."""

from __future__ import annotations

import getpass
import sys

from crm_desktop.cli.context import CliContext, prompt_db_password
from crm_desktop.cli.registry import Registry
from crm_desktop.db import migrate
from crm_desktop.db.secrets import keyring_account, keyring_available, save_password
from crm_desktop.db.store import connect, describe, open_store, resolve_url
from crm_desktop.errors import InvalidInput, StoreError
from crm_desktop.i18n import tr


def _init_db(ctx: CliContext) -> int:
    url = resolve_url(ctx.args.db)
    store = open_store(url, prompt=prompt_db_password, upgrade=True, init=True)
    try:
        ctx.print(
            tr(
                "数据库 {url} 已是最新版本（{rev}）。",
                "Store {url} is at the current schema ({rev}).",
                url=describe(url),
                rev=migrate.current_revision(store.engine),
            )
        )
    finally:
        store.dispose()
    return 0


def _db_password(ctx: CliContext) -> int:
    url = resolve_url(ctx.args.db)
    if url.get_backend_name() != "postgresql":
        raise InvalidInput(
            tr("只有 PostgreSQL 数据库需要密码。", "Only a PostgreSQL store needs a password.")
        )
    if not keyring_available():
        raise StoreError(
            tr(
                "本机没有可用的系统钥匙串（例如无桌面会话的 Linux），无法保存密码。请改用 PGPASSWORD 或每次输入。",
                "No OS keyring is available on this machine (e.g. headless Linux), so the password cannot be "
                "saved. Use PGPASSWORD or type it each time.",
            )
        )
    if ctx.args.password_stdin:
        pw = sys.stdin.readline().rstrip("\n")
    else:
        pw = getpass.getpass(tr("数据库 {url} 的密码：", "Password for database {url}: ", url=describe(url)))
    engine = connect(url.set(password=pw))
    engine.dispose()
    save_password(url, pw)
    ctx.print(
        tr(
            "密码已验证并保存到系统钥匙串（{acct}）。",
            "Password checked and saved in the OS keyring ({acct}).",
            acct=keyring_account(url),
        )
    )
    return 0


def register(reg: Registry) -> None:
    reg.command(
        "init-db",
        _init_db,
        creates_store=True,
        help=tr("创建或升级数据库到当前版本", "create the store or upgrade it to this version"),
    )
    p = reg.command(
        "db-password",
        _db_password,
        help=tr(
            "验证 PostgreSQL 密码并存入系统钥匙串",
            "check a PostgreSQL password and keep it in the OS keyring",
        ),
    )
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help=tr("从标准输入读取密码", "read the password from standard input"),
    )
