"""`crm reassign ...`: output and exit codes, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from crm_desktop.cli.main import main
from crm_desktop.db.models import Client
from tests.branch_data import add_run, add_staff
from tests.factories import PASSWORD, Seed


def crm(db_url: str, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    return main(["--db", db_url, *args])


def test_request_approve_reject_list(
    db_url: str, seeded: Seed, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    s = seeded
    add_staff(s, "bm2", "branch_manager", "钱经理")
    assert (
        crm(
            db_url,
            monkeypatch,
            "reassign",
            "request",
            "--client",
            "001000,001001",
            "--to",
            "im2",
            "--reason",
            "workload",
            "--comment",
            "平衡工作量",
            "--as-user",
            "im1",
        )
        == 0
    )
    ids = [int(x) for x in capsys.readouterr().out.split()]
    assert len(ids) == 2
    # a second pending request for the same client: conflict
    assert (
        crm(
            db_url,
            monkeypatch,
            "reassign",
            "request",
            "--client",
            "001000",
            "--to",
            "im2",
            "--reason",
            "other",
            "--as-user",
            "bm",
        )
        == 5
    )
    assert "待审批" in capsys.readouterr().err
    # bad reason is a usage error; investment managers approve nothing
    assert (
        crm(
            db_url,
            monkeypatch,
            "reassign",
            "request",
            "--client",
            "001002",
            "--to",
            "im2",
            "--reason",
            "boredom",
            "--as-user",
            "im1",
        )
        == 2
    )
    assert crm(db_url, monkeypatch, "reassign", "approve", str(ids[0]), "--as-user", "im2") == 4
    capsys.readouterr()

    assert crm(db_url, monkeypatch, "reassign", "list", "--status", "pending", "--as-user", "bm") == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3 and "001000" in out[1] + out[2] and "客户尚未评分" in out[1]
    # list respects visibility: im2's view has the requests bringing clients to them, an outsider none
    add_staff(s, "im3")
    assert crm(db_url, monkeypatch, "reassign", "list", "--as-user", "im3") == 0
    assert len(capsys.readouterr().out.splitlines()) == 1
    assert crm(db_url, monkeypatch, "reassign", "list") == 2
    capsys.readouterr()

    assert (
        crm(db_url, monkeypatch, "reassign", "approve", str(ids[0]), "--comment", "同意", "--as-user", "bm")
        == 0
    )
    assert crm(db_url, monkeypatch, "reassign", "approve", str(ids[0]), "--as-user", "bm2") == 5
    err = capsys.readouterr().err
    assert "王经理（bm）" in err and "已批准" in err
    assert (
        crm(db_url, monkeypatch, "reassign", "reject", str(ids[1]), "--as-user", "bm") == 2
    )  # --comment needed
    assert (
        crm(db_url, monkeypatch, "reassign", "reject", str(ids[1]), "--comment", "不必", "--as-user", "bm")
        == 0
    )
    assert crm(db_url, monkeypatch, "reassign", "reject", "abc", "--comment", "x", "--as-user", "bm") == 3
    assert crm(db_url, monkeypatch, "reassign", "approve", "9999", "--as-user", "bm") == 3
    with s.store.read() as sess:
        managers = {no: m for no, m in sess.execute(select(Client.client_no, Client.manager_id))}
    assert managers["001000"] == s.im2.id and managers["001001"] == s.im1.id


def test_override_reason_on_breach(
    db_url: str, seeded: Seed, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    s = seeded
    add_run(
        s.store,
        {s.im1.id: ("senior", 80, 200), s.im2.id: ("junior", 30, 400)},
        {s.clients["001000"]: ("V5", 11_000_000, "low")},
    )
    assert (
        crm(
            db_url,
            monkeypatch,
            "reassign",
            "request",
            "--client",
            "001000",
            "--to",
            "im2",
            "--reason",
            "client_request",
            "--as-user",
            "im1",
        )
        == 0
    )
    rid = capsys.readouterr().out.strip()
    assert crm(db_url, monkeypatch, "reassign", "approve", rid, "--as-user", "bm") == 3
    err = capsys.readouterr().err
    assert "--override-reason" in err and "V5" in err
    assert crm(db_url, monkeypatch, "--lang", "en", "reassign", "list", "--as-user", "bm") == 0
    assert "a V5 client needs a senior manager or better; 赵经理 is junior" in capsys.readouterr().out
    assert (
        crm(
            db_url,
            monkeypatch,
            "reassign",
            "approve",
            rid,
            "--override-reason",
            "客户坚持",
            "--as-user",
            "bm",
        )
        == 0
    )


def test_export_dashboard(
    db_url: str,
    seeded: Seed,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "board.xlsx"
    assert crm(db_url, monkeypatch, "export", "dashboard", "--out", str(target), "--as-user", "bm") == 0
    assert target.stat().st_size > 0 and "board.xlsx" in capsys.readouterr().out
    assert (
        crm(db_url, monkeypatch, "export", "dashboard", "--out", str(tmp_path / "x.xlsx"), "--as-user", "im1")
        == 4
    )
    assert (
        crm(db_url, monkeypatch, "export", "dashboard", "--out", str(tmp_path / "x.txt"), "--as-user", "bm")
        == 3
    )
