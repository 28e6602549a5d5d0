"""The CLI as a packaged program: explicit command list, missing stores, signed batch runs, Chinese argparse,
exit codes for an unavailable store, no SQL in messages."""

from __future__ import annotations

import io
import pkgutil
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from crm_desktop.cli import commands
from crm_desktop.cli.commands import command_modules
from crm_desktop.cli.main import _plain_error, build_parser, main
from crm_desktop.db.models import AuditLog
from crm_desktop.db.store import open_store
from crm_desktop.errors import StoreError
from crm_desktop.i18n import set_language
from tests.factories import PASSWORD, Seed
from tests.services.test_scoring_service import _fill


def test_registry_lists_every_command_module() -> None:
    found = {m.name for m in pkgutil.iter_modules(commands.__path__)}
    listed = {m.__name__.rsplit(".", 1)[1] for m in command_modules()}
    assert listed == found, "add the new module to crm_desktop.cli.commands.command_modules()"
    assert all(callable(getattr(m, "register", None)) for m in command_modules())


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in (
        "branch",
        "user",
        "export",
        "demo",
        "import",
        "letters",
        "reassign",
        "score",
        "tasks",
        "touch",
        "init-db",
        "db-password",
    ):
        assert f"    {name} " in out, name


@pytest.mark.parametrize(
    "args",
    [
        ["score", "--as-user", "bm"],
        ["tasks", "generate", "--as-user", "bm"],
        ["user", "list", "--as-user", "admin"],
        ["export", "clients", "--out", "x.csv", "--as-user", "bm"],
    ],
)
def test_missing_sqlite_file_is_invalid_input_and_creates_nothing(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CRM_PASSWORD", "whatever")
    target = tmp_path / "wrong" / "dir" / "x.db"
    assert main(["--db", f"sqlite:///{target}", *args]) == 3
    err = capsys.readouterr().err
    assert str(target) in err and "crm init-db" in err
    assert not (tmp_path / "wrong").exists()


def test_init_db_and_demo_may_create_the_file(tmp_path: Path) -> None:
    assert main(["--db", f"sqlite:///{tmp_path / 'a' / 'new.sqlite3'}", "init-db"]) == 0
    assert (tmp_path / "a" / "new.sqlite3").exists()
    # the default store too: a missing default file is created only by init-db / demo
    assert main(["user", "list", "--as-user", "admin"]) == 3
    assert main(["init-db"]) == 0


def _audited(seed: Seed, action: str) -> list[int | None]:
    with seed.store.read() as s:
        return list(s.scalars(select(AuditLog.actor_id).where(AuditLog.action == action)))


def test_score_and_tasks_generate_are_signed(seeded: Seed, monkeypatch: pytest.MonkeyPatch) -> None:
    _fill(seeded)
    url = seeded.store.url.render_as_string(hide_password=False)
    monkeypatch.delenv("CRM_PASSWORD", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["--db", url, "score", "--quiet"]) == 2
    assert main(["--db", url, "tasks", "generate"]) == 2
    # a batch account with its password on standard input (a scheduler's way)
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["--db", url, "score", "--quiet", "--as-user", "admin", "--password-stdin"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("wrong\n"))
    assert main(["--db", url, "tasks", "generate", "--as-user", "admin", "--password-stdin"]) == 4
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    assert main(["--db", url, "tasks", "generate", "--as-user", "admin"]) == 0
    assert _audited(seeded, "score.run") == [seeded.admin.id]
    assert _audited(seeded, "tasks.generate") == [seeded.admin.id]


def test_argparse_own_words_in_chinese(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", sqlite_url, "score"]) == 2
    err = capsys.readouterr().err
    assert "用法：crm score" in err and "缺少必需的参数：--as-user" in err and "usage:" not in err
    assert main(["--db", sqlite_url, "no-such-command"]) == 2
    assert "无效的选择" in capsys.readouterr().err
    assert main(["score", "--help"]) == 0
    out = capsys.readouterr().out
    assert "选项" in out and "显示此帮助并退出" in out and "options" not in out
    assert main(["--lang", "en", "--db", sqlite_url, "score"]) == 2
    err = capsys.readouterr().err
    assert "usage: crm score" in err and "the following arguments are required: --as-user" in err


def test_english_help_after_chinese_parser() -> None:
    set_language("zh_CN")
    build_parser()
    set_language("en")
    assert "show this help message and exit" in build_parser().format_help()
    set_language("zh_CN")


def test_missing_postgres_driver_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in [m for m in sys.modules if m == "psycopg" or m.startswith("psycopg.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now raises ImportError
    with pytest.raises(StoreError) as err:
        open_store("postgresql://crm@127.0.0.1/crm")
    assert "crm-desktop[postgres]" in err.value.message and err.value.exit_code == 6
    assert main(["--db", "postgresql://crm@127.0.0.1/crm", "init-db"]) == 6
    assert "crm-desktop[postgres]" in capsys.readouterr().err


def test_unreachable_server_is_exit_6(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PGCONNECT_TIMEOUT", "2")
    assert main(["--db", "postgresql://crm@127.0.0.1:1/crm", "init-db"]) == 6
    assert "127.0.0.1" in capsys.readouterr().err


def test_unexpected_database_errors_show_no_sql() -> None:
    exc = OperationalError("SELECT secret FROM staff WHERE login = ?", ("root",), Exception("disk I/O error"))
    assert _plain_error(exc) == "disk I/O error"
    assert "SELECT" not in _plain_error(exc) and "root" not in _plain_error(exc)
