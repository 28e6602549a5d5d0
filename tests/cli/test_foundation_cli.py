"""crm init-db / branch add / user add: bootstrap rules and exit codes, on both backends."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from crm_desktop.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def run(
    db: str,
    *args: str,
    stdin: str | None = None,
    env_pw: str | None = None,
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> int:
    if monkeypatch is not None:
        if env_pw is None:
            monkeypatch.delenv("CRM_PASSWORD", raising=False)
        else:
            monkeypatch.setenv("CRM_PASSWORD", env_pw)
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin or ""))
    return main(["--db", db, *args])


def test_bootstrap_then_admin_only(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_url, "init-db", monkeypatch=monkeypatch) == 0
    assert run(db_url, "branch", "add", "B01", "--name", "北京营业部", monkeypatch=monkeypatch) == 0
    # the first user must be an admin
    assert (
        run(
            db_url,
            "user",
            "add",
            "im",
            "--role",
            "investment_manager",
            "--name",
            "李",
            "--branch",
            "B01",
            monkeypatch=monkeypatch,
        )
        == 4
    )
    assert (
        run(
            db_url,
            "user",
            "add",
            "root",
            "--role",
            "admin",
            "--name",
            "管理员",
            "--password-stdin",
            stdin="pw123456\n",
            monkeypatch=monkeypatch,
        )
        == 0
    )
    # now nobody adds users or branches without --as-user admin
    assert run(db_url, "user", "add", "x", "--role", "admin", "--name", "X", monkeypatch=monkeypatch) == 4
    assert run(db_url, "branch", "add", "B02", "--name", "上海", monkeypatch=monkeypatch) == 4
    assert (
        run(
            db_url,
            "branch",
            "add",
            "B02",
            "--name",
            "上海",
            "--as-user",
            "root",
            env_pw="wrong",
            monkeypatch=monkeypatch,
        )
        == 4
    )
    assert (
        run(
            db_url,
            "branch",
            "add",
            "B02",
            "--name",
            "上海",
            "--as-user",
            "root",
            env_pw="pw123456",
            monkeypatch=monkeypatch,
        )
        == 0
    )
    assert (
        run(
            db_url,
            "user",
            "add",
            "im1",
            "--role",
            "investment_manager",
            "--name",
            "李",
            "--branch",
            "B02",
            "--password-stdin",
            "--as-user",
            "root",
            stdin="pw654321\n",
            env_pw="pw123456",
            monkeypatch=monkeypatch,
        )
        == 0
    )
    # an investment manager may not add users
    assert (
        run(
            db_url,
            "user",
            "add",
            "im2",
            "--role",
            "investment_manager",
            "--name",
            "赵",
            "--branch",
            "B02",
            "--as-user",
            "im1",
            env_pw="pw654321",
            monkeypatch=monkeypatch,
        )
        == 4
    )
    # conflicts and invalid input
    assert (
        run(
            db_url,
            "branch",
            "add",
            "B02",
            "--name",
            "重复",
            "--as-user",
            "root",
            env_pw="pw123456",
            monkeypatch=monkeypatch,
        )
        == 5
    )
    assert (
        run(
            db_url,
            "user",
            "add",
            "bad login!",
            "--role",
            "admin",
            "--name",
            "X",
            "--as-user",
            "root",
            env_pw="pw123456",
            monkeypatch=monkeypatch,
        )
        == 3
    )
    assert (
        run(
            db_url,
            "user",
            "add",
            "im3",
            "--role",
            "investment_manager",
            "--name",
            "X",
            "--branch",
            "NOPE",
            "--as-user",
            "root",
            env_pw="pw123456",
            monkeypatch=monkeypatch,
        )
        == 3
    )
    err = capsys.readouterr().err
    assert "营业部 NOPE 不存在" in err


def test_usage_errors_exit_2(sqlite_url: str) -> None:
    assert main(["--db", sqlite_url, "no-such-command"]) == 2
    assert main(["--db", sqlite_url, "user", "add"]) == 2


def test_bad_store_exit_6_with_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "x.sqlite3"
    f.write_text("hello")
    assert main(["--db", f"sqlite:///{f}", "init-db"]) == 6
    assert "不是 CRM 的 SQLite 数据库" in capsys.readouterr().err
    assert main(["--lang", "en", "--db", f"sqlite:///{f}", "init-db"]) == 6
    assert "is not an SQLite database" in capsys.readouterr().err


def test_console_script_and_module_entry_points(sqlite_url: str) -> None:
    exe = Path(sys.executable).with_name("crm")
    out = subprocess.run([str(exe), "--db", sqlite_url, "init-db"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    out = subprocess.run(
        [sys.executable, "-m", "crm_desktop", "--version"], capture_output=True, text=True, cwd=ROOT
    )
    assert out.returncode == 0 and out.stdout.startswith("crm ")
