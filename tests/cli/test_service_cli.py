"""crm tasks / touch / export tasks|touches|compliance: behaviour and exit codes on both backends."""

from __future__ import annotations

import csv
import io
import sys
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from crm_desktop.cli.main import main
from crm_desktop.db.models import ServiceTask, Touch
from tests.factories import PASSWORD, Seed
from tests.fixed_clock import TODAY
from tests.services.service_helpers import add_task, score_run


@pytest.fixture
def cli(seeded: Seed, monkeypatch: pytest.MonkeyPatch):
    url = seeded.store.url.render_as_string(hide_password=False)
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))

    def run(*args: str) -> int:
        return main(["--db", url, *args])

    return run


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_tasks_generate_idempotent(seeded: Seed, cli, capsys: pytest.CaptureFixture[str]) -> None:
    score_run(seeded.store, TODAY, {cid: ("V1", "low", False) for cid in seeded.clients.values()})
    # a scheduler's run signs as a named batch account (an administrator sees the whole store)
    assert cli("tasks", "generate") == 2
    assert cli("tasks", "generate", "--as-user", "admin") == 0
    assert "新建 6 个任务" in capsys.readouterr().out
    assert cli("tasks", "generate", "--as-of", TODAY.isoformat(), "--as-user", "admin") == 0
    assert "新建 0 个任务" in capsys.readouterr().out
    assert cli("tasks", "generate", "--as-of", "2026-13-01", "--as-user", "admin") == 3
    assert cli("tasks", "generate", "--as-user", "im1") == 0
    assert cli("tasks", "list", "--as-user", "im1") == 0
    out = capsys.readouterr().out
    # never served before and graded today: due today (the schedule starts when grading started)
    assert "今天 (4)" in out and "001000" in out and "001004" not in out
    assert cli("tasks", "list", "--as-user", "bm", "--manager", "im2") == 0
    out = capsys.readouterr().out
    assert "001004" in out and "001000" not in out
    assert cli("tasks", "list", "--as-user", "im1", "--manager", "im2") == 4


def test_touch_add_exit_codes(seeded: Seed, cli, capsys: pytest.CaptureFixture[str]) -> None:
    task = add_task(seeded.store, seeded.clients["001000"], seeded.im1.id, "phone_call", TODAY, "k")
    base = [
        "touch",
        "add",
        "--client",
        "001000",
        "--channel",
        "phone",
        "--summary",
        "季度回访",
        "--as-user",
        "im1",
    ]
    assert cli(*base, "--type", "phone_call") == 3  # the flow steps are missing
    err = capsys.readouterr().err
    assert "身份核实" in err and "--checked identity" in err
    assert cli(*base, "--type", "fax") == 3
    assert cli(*base[:5], "pigeon", *base[6:], "--type", "greeting") == 3
    assert cli(*base, "--type", "greeting", "--satisfaction", "9") == 3
    assert cli(*base, "--type", "greeting", "--at", "2099-01-01 10:00") == 3
    old = (TODAY - timedelta(days=10)).isoformat() + " 10:00"
    assert cli(*base, "--type", "greeting", "--at", old) == 3
    assert cli(*base, "--type", "greeting", "--at", "yesterday") == 3
    assert (
        cli(
            "touch",
            "add",
            "--client",
            "001004",
            "--type",
            "greeting",
            "--channel",
            "sms",
            "--summary",
            "x",
            "--as-user",
            "im1",
        )
        == 3
    )  # not visible: not found
    assert (
        cli(
            "touch",
            "add",
            "--client",
            "001000",
            "--type",
            "greeting",
            "--channel",
            "sms",
            "--summary",
            "x",
            "--as-user",
            "admin",
        )
        == 4
    )
    with seeded.store.read() as s:
        assert s.scalars(select(Touch)).all() == []
    assert cli(*base, "--type", "phone_call", "--checked", "identity,needs", "--satisfaction", "5") == 0
    assert "完成任务" in capsys.readouterr().out
    assert cli(*base, "--type", "greeting", "--at", old, "--reason", "外出补录", "--no-task") == 0
    assert "未完成任何任务" in capsys.readouterr().out
    for t in (
        "visit",
        "review_letter",
        "risk_disclosure",
        "risk_reassessment",
        "retention_call",
        "message",
        "complaint",
    ):
        assert (
            cli(
                *base,
                "--type",
                t,
                "--checked",
                "identity,needs,risk",
                "--feedback",
                "好",
                "--next-step",
                "下月再聊",
            )
            == 0
        ), t
    with seeded.store.read() as s:
        assert s.get(ServiceTask, task).status == "done"  # type: ignore[union-attr]
        assert len(s.scalars(select(Touch)).all()) == 9


def test_touch_edit_conflict_exit_5(seeded: Seed, cli, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        cli(
            "touch",
            "add",
            "--client",
            "001000",
            "--type",
            "greeting",
            "--channel",
            "sms",
            "--summary",
            "初稿",
            "--as-user",
            "im1",
        )
        == 0
    )
    with seeded.store.read() as s:
        tid = s.scalars(select(Touch.id)).one()
    assert (
        cli("touch", "edit", str(tid), "--expected-version", "1", "--summary", "经理改", "--as-user", "bm")
        == 0
    )
    assert (
        cli("touch", "edit", str(tid), "--expected-version", "1", "--summary", "我也改", "--as-user", "im1")
        == 5
    )
    assert "其他人修改" in capsys.readouterr().err
    with seeded.store.read() as s:
        assert s.get(Touch, tid).summary == "经理改"  # type: ignore[union-attr]
    assert cli("touch", "history", str(tid), "--as-user", "im1") == 0
    assert "经理改" in capsys.readouterr().out
    assert cli("touch", "cancel", str(tid), "--reason", "重复记录", "--as-user", "im1") == 0
    assert (
        cli("touch", "edit", str(tid), "--expected-version", "3", "--summary", "x", "--as-user", "im1") == 5
    )


def test_exports_respect_visibility(seeded: Seed, cli, tmp_path: Path) -> None:
    add_task(seeded.store, seeded.clients["001000"], seeded.im1.id, "phone_call", TODAY, "a")
    add_task(seeded.store, seeded.clients["001004"], seeded.im2.id, "visit", TODAY - timedelta(days=1), "b")
    for no, login in (("001000", "im1"), ("001004", "im2")):
        assert (
            cli(
                "touch",
                "add",
                "--client",
                no,
                "--type",
                "greeting",
                "--channel",
                "wechat",
                "--summary",
                "问候",
                "--as-user",
                login,
            )
            == 0
        )
    out = tmp_path / "t.csv"
    assert cli("export", "tasks", "--out", str(out), "--as-user", "im1") == 0
    rows = _rows(out)
    assert [(r["client_no"], r["type"], r["status"], r["manager_login"]) for r in rows] == [
        ("001000", "phone_call", "open", "im1")
    ]
    assert {"client_no", "type", "due_date", "status", "manager_login"} <= set(rows[0])
    assert cli("export", "tasks", "--out", str(out), "--as-user", "bm") == 0
    assert {(r["client_no"], r["status"]) for r in _rows(out)} == {("001000", "open"), ("001004", "overdue")}
    assert cli("export", "touches", "--out", str(out), "--as-user", "im2") == 0
    rows = _rows(out)
    assert [(r["client_no"], r["type"], r["channel"], r["manager_login"]) for r in rows] == [
        ("001004", "greeting", "wechat", "im2")
    ]
    assert rows[0]["at"][:10] == TODAY.isoformat()
    assert cli("export", "touches", "--out", str(out)) == 2  # who is asking decides the rows
    xlsx = tmp_path / "c.xlsx"
    assert cli("export", "compliance", "--out", str(xlsx), "--as-user", "bm") == 0
    assert openpyxl.load_workbook(xlsx).sheetnames[0] == "任务完成"
    assert cli("export", "compliance", "--out", str(tmp_path / "c.csv"), "--as-user", "bm") == 3
