"""What every subcommand handler receives: the parsed arguments, the store, and the acting user."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import dataclass, field
from typing import TextIO

from sqlalchemy.engine import URL

from crm_desktop.db.secrets import PasswordAnswer, keyring_available
from crm_desktop.db.store import Store, describe, open_store
from crm_desktop.errors import PasswordChangeRequired, UsageError
from crm_desktop.i18n import tr
from crm_desktop.services.auth import Actor, SignedInSession, login, start_session


def _stdin_is_tty() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def prompt_db_password(url: URL, why: str) -> PasswordAnswer | None:
    """No-echo prompt on the terminal; offers to keep the password in the OS keyring."""
    if not _stdin_is_tty():
        return None
    if why == "wrong":
        print(tr("密码不正确。", "Wrong password."), file=sys.stderr)
    pw = getpass.getpass(tr("数据库 {url} 的密码：", "Password for database {url}: ", url=describe(url)))
    if not pw:
        return None
    save = False
    if keyring_available():
        ans = input(tr("保存到系统钥匙串？[y/N] ", "Save it in the OS keyring? [y/N] ")).strip().lower()
        save = ans in ("y", "yes", "是")
    else:
        print(
            tr(
                "提示：本机没有可用的系统钥匙串，密码不会被保存。",
                "Note: no OS keyring is available here, so the password will not be saved.",
            ),
            file=sys.stderr,
        )
    return PasswordAnswer(pw, save)


@dataclass
class CliContext:
    args: argparse.Namespace
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    _store: Store | None = None
    _session: SignedInSession | None = None
    # The actor's typed password, kept in memory for `crm user passwd` (its "current password").
    actor_password: str | None = None

    def store(self, *, upgrade: bool | None = None) -> Store:
        if self._store is None:
            # Only init-db and demo may create an SQLite file: for any other command a missing file is a
            # mistyped path, and creating an empty store there would "succeed" on nothing.
            create = bool(getattr(self.args, "creates_store", False))
            self._store = open_store(
                getattr(self.args, "db", None), prompt=prompt_db_password, upgrade=upgrade, create=create
            )
        return self._store

    def actor(self, *, required: bool = True) -> Actor | None:
        """The user named by --as-user, authenticated with CRM_PASSWORD, a line on standard input
        (``--password-stdin`` of commands whose only password is the actor's) or a no-echo prompt."""
        if self._session is not None:
            return self._session.actor
        name = getattr(self.args, "as_user", None)
        if not name:
            if required:
                raise UsageError(tr("此命令需要 --as-user 工号。", "This command needs --as-user LOGIN."))
            return None
        # The store first: a mistyped --db is reported before anyone is asked for a password.
        store = self.store()
        password = os.environ.get("CRM_PASSWORD")
        if password is None and getattr(self.args, "actor_password_stdin", False):
            password = sys.stdin.readline().rstrip("\r\n")
        if password is None:
            if not _stdin_is_tty():
                raise UsageError(
                    tr(
                        "需要 {login} 的密码：请设置 CRM_PASSWORD，或在终端中运行以便输入。",
                        "The password of {login} is needed: set CRM_PASSWORD or run in a terminal to type it.",
                        login=name,
                    )
                )
            password = getpass.getpass(tr("{login} 的密码：", "Password for {login}: ", login=name))
        actor = login(store, name, password)
        if actor.password_temporary and not getattr(self.args, "allows_temporary_password", False):
            raise PasswordChangeRequired(
                tr(
                    "{login} 的密码是管理员设置的临时密码，修改前不能执行其他操作。请先运行 "
                    "`crm user passwd --as-user {login}` 设置自己的密码。",
                    "The password of {login} is a temporary one set by an administrator: nothing else "
                    "can be done until it is changed. Run `crm user passwd --as-user {login}` first.",
                    login=actor.login,
                )
            )
        self.actor_password = password
        # From here on every transaction of this run re-checks the account (disabled, role or branch
        # changed meanwhile: refused), inside the same transaction as the work.
        self._session = start_session(store, actor)
        return actor

    def require_actor(self) -> Actor:
        actor = self.actor(required=True)
        assert actor is not None
        return actor

    def print(self, *parts: object) -> None:
        print(*parts, file=self.out)

    def warn(self, *parts: object) -> None:
        print(*parts, file=self.err)

    def close(self) -> None:
        if self._session is not None:
            self._session.end()
            self._session = None
        if self._store is not None:
            self._store.dispose()
            self._store = None


def add_actor_arg(
    parser: argparse.ArgumentParser, *, required: bool = True, password_stdin: bool = False
) -> None:
    """``password_stdin``: also offer ``--password-stdin`` for the actor's password (for schedulers), on
    commands that read no other password."""
    # A scheduler may name its batch account once in CRM_AS_USER, so the commands keep the form branch
    # scripts were written against (``crm score``, ``crm callbacks generate``) and every run is still signed.
    from_env = os.environ.get("CRM_AS_USER") or None
    parser.add_argument(
        "--as-user",
        metavar="LOGIN",
        required=required and from_env is None,
        default=from_env,
        help=tr(
            "以此工号的身份执行（默认取自 CRM_AS_USER；密码取自 CRM_PASSWORD 或提示输入）",
            "act as this staff login (default: CRM_AS_USER; password from CRM_PASSWORD or a prompt)",
        ),
    )
    if password_stdin:
        parser.add_argument(
            "--password-stdin",
            dest="actor_password_stdin",
            action="store_true",
            help=tr(
                "从标准输入的第一行读取 --as-user 的密码（CRM_PASSWORD 优先）",
                "read the --as-user password from the first line of standard input (CRM_PASSWORD wins)",
            ),
        )


def add_branch_choice_arg(parser: argparse.ArgumentParser) -> None:
    """``--branch CODE``: head office (总部) reads one branch's figures; without it, every branch's."""
    parser.add_argument(
        "--branch",
        dest="figures_branch",
        metavar="CODE",
        help=tr(
            "总部：只看此营业部（默认全部营业部）",
            "head office: this branch only (default: every branch)",
        ),
    )


def chosen_branch(ctx: CliContext) -> int | None:
    """The branch named by ``--branch`` (None when not given)."""
    from crm_desktop.services.staff import branch_id_of

    code = getattr(ctx.args, "figures_branch", None)
    return None if not code else branch_id_of(ctx.store(), code)
