"""CLI sign-in: temporary passwords block acting commands (exit 4) until `crm user passwd`; an admin
unlocks a locked login with `crm user unlock`; a disabled account is refused with exit 4."""

from __future__ import annotations

import io
import sys

import pytest
from sqlalchemy import select, text

from crm_desktop.cli.main import main
from crm_desktop.db.models import AuditLog
from crm_desktop.services import staff
from crm_desktop.services.auth import login
from tests.factories import PASSWORD, Seed


def _run(seed: Seed, monkeypatch: pytest.MonkeyPatch, *args: str, pw: str = PASSWORD, stdin: str = "") -> int:
    monkeypatch.setenv("CRM_PASSWORD", pw)
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(["--db", seed.store.url.render_as_string(hide_password=False), *args])


def test_temporary_password_refuses_acting_until_changed(
    seeded_sqlite: Seed, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = seeded_sqlite
    assert (
        _run(
            seed,
            monkeypatch,
            "user",
            "set-password",
            "im2",
            "--temporary",
            "--password-stdin",
            "--as-user",
            "admin",
            stdin="Temp-pass-2026\n",
        )
        == 0
    )
    capsys.readouterr()
    assert _run(seed, monkeypatch, "tasks", "list", "--as-user", "im2", pw="Temp-pass-2026") == 4
    err = capsys.readouterr().err
    assert "临时密码" in err and "crm user passwd" in err
    # A weak new password is refused by the policy (exit 3), a good one is taken.
    assert (
        _run(
            seed,
            monkeypatch,
            "user",
            "passwd",
            "--password-stdin",
            "--as-user",
            "im2",
            pw="Temp-pass-2026",
            stdin="12345678\n",
        )
        == 3
    )
    assert (
        _run(
            seed,
            monkeypatch,
            "user",
            "passwd",
            "--password-stdin",
            "--as-user",
            "im2",
            pw="Temp-pass-2026",
            stdin="Own-choice-77\n",
        )
        == 0
    )
    assert _run(seed, monkeypatch, "tasks", "list", "--as-user", "im2", pw="Own-choice-77") == 0


def test_unlock_is_for_admins_and_audited(
    seeded_sqlite: Seed, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = seeded_sqlite
    for _ in range(12):
        assert _run(seed, monkeypatch, "tasks", "list", "--as-user", "im1", pw="guess-guess") == 4
        with seed.store.engine.begin() as conn:  # wait out the delays without a clock: age the failures
            conn.execute(text("UPDATE login_throttle SET last_failure_at = '2000-01-01 00:00:00.000000'"))
    capsys.readouterr()
    assert _run(seed, monkeypatch, "tasks", "list", "--as-user", "im1") == 4
    assert "锁定" in capsys.readouterr().err
    assert _run(seed, monkeypatch, "user", "unlock", "im1", "--as-user", "bm") == 4
    assert _run(seed, monkeypatch, "user", "unlock", "im1", "--as-user", "admin") == 0
    assert _run(seed, monkeypatch, "tasks", "list", "--as-user", "im1") == 0
    with seed.store.read() as s:
        assert s.scalar(select(AuditLog).where(AuditLog.action == "staff.unlock")) is not None


def test_disabled_account_exits_4(
    seeded_sqlite: Seed, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    staff.set_active(seeded_sqlite.store, seeded_sqlite.admin, "im1", False)
    assert _run(seeded_sqlite, monkeypatch, "tasks", "list", "--as-user", "im1") == 4
    assert "停用" in capsys.readouterr().err
    assert login(seeded_sqlite.store, "im2", PASSWORD).login == "im2"
