"""`crm notifications`: the user's notifications, worded in the language of the run, on both backends."""

from __future__ import annotations

import pytest

from crm_desktop.cli.main import main
from crm_desktop.services import notifications, reassignment
from tests.factories import PASSWORD, Seed


def crm(db_url: str, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    return main(["--db", db_url, *args])


def test_list_in_either_language_and_mark_read(
    db_url: str, seeded: Seed, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    s = seeded
    [rid] = reassignment.request_reassignment(s.store, s.im1, ["001000"], "im2", "workload", "平衡")
    reassignment.reject_requests(s.store, s.bm, [rid], "暂不调整")
    assert crm(db_url, monkeypatch, "notifications", "--as-user", "im1") == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and f"划转申请 #{rid} 被驳回" in out[1] and "暂不调整" in out[1]
    assert (
        crm(
            db_url,
            monkeypatch,
            "--lang",
            "en",
            "notifications",
            "--unread",
            "--mark-read",
            "--as-user",
            "im1",
        )
        == 0
    )
    captured = capsys.readouterr()
    assert f"Request #{rid} rejected" in captured.out and "1" in captured.err
    assert notifications.unread_count(s.store, s.im1) == 0
    assert crm(db_url, monkeypatch, "notifications", "--unread", "--as-user", "im1") == 0
    assert len(capsys.readouterr().out.splitlines()) == 1
    assert crm(db_url, monkeypatch, "notifications") == 2
