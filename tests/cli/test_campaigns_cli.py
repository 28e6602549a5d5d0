"""Campaign commands through the CLI on both backends: segment, consent, campaign, push, export."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select

from crm_desktop.cli.main import main
from crm_desktop.db.models import Touch
from tests.factories import PASSWORD, Seed
from tests.services.campaign_data import seed_campaign_branch


def crm(db: str, monkeypatch: pytest.MonkeyPatch, *args: str, user: str | None = "bm") -> int:
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    return main(["--db", db, *args, *(["--as-user", user] if user else [])])


def test_segment_save_and_count(
    seeded: Seed, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_campaign_branch(seeded)
    assert crm(db_url, monkeypatch, "segment", "count", "--filter", "grade>=V3;churn=high;risk>=C3") == 0
    assert capsys.readouterr().out.strip() == "4"
    assert crm(db_url, monkeypatch, "segment", "count", "--filter", "churn=high", user="im2") == 0
    assert capsys.readouterr().out.strip() == "1"
    assert crm(db_url, monkeypatch, "segment", "save", "高价值", "--filter", "grade>=V4") == 0
    assert "高价值" in capsys.readouterr().out
    assert crm(db_url, monkeypatch, "segment", "count", "--filter", "grade>>V3") == 3
    assert "grade>>V3" in capsys.readouterr().err


def test_consent_set(
    seeded: Seed, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("consent", "set", "--client", "001000", "--marketing", "no", "--reason", "客户要求")
    assert crm(db_url, monkeypatch, *args, user="im1") == 0
    assert "001000" in capsys.readouterr().out
    assert crm(db_url, monkeypatch, *args, user="im2") == 3  # not their client


def test_campaign_create_launch_respond_results_export(
    seeded: Seed,
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    seed_campaign_branch(seeded)
    monkeypatch.setenv("CRM_LANG", "en")
    create = ("campaign", "create", "--name", "稳盈一号推介", "--product", "WM001", "--filter", "")
    period = ("--start", "2026-12-01", "--end", "2026-12-31")
    assert crm(db_url, monkeypatch, *create, *period) == 0
    out = capsys.readouterr().out
    assert "Campaign 1" in out and "targeted: 4" in out
    for reason, n in (("unsuitable", 2), ("opted_out", 1), ("contact_cap", 0), ("closed", 1)):
        assert f"{reason}: {n}" in out
    assert crm(db_url, monkeypatch, "campaign", "launch", "1") == 0
    assert "4 tasks created" in capsys.readouterr().out
    assert crm(db_url, monkeypatch, "campaign", "launch", "1") == 0
    assert "0 tasks created" in capsys.readouterr().out
    respond = ("campaign", "respond", "1", "--client", "001000", "--response")
    assert crm(db_url, monkeypatch, *respond, "subscribed", "--amount", "30000.001", user="im1") == 3
    assert "two decimals" in capsys.readouterr().err  # exact amounts: nothing is rounded
    assert (
        crm(
            db_url,
            monkeypatch,
            *respond,
            "subscribed",
            "--amount",
            "30000",
            "--checked",
            "identity,needs,risk",
            "--next-step",
            "下周送达合同",
            "--summary",
            "当面签约",
            user="im1",
        )
        == 0
    )
    with seeded.store.read() as sess:
        t = sess.scalars(select(Touch).where(Touch.touch_type == "campaign")).one()
        assert t.next_step == "下周送达合同" and t.checklist["risk_disclosed"] and "当面签约" in t.summary
    assert crm(db_url, monkeypatch, *respond, "interested", user="im2") == 3  # not im2's client
    assert crm(db_url, monkeypatch, *respond, "interested", user="bm") == 4  # not the client's manager
    capsys.readouterr()
    xlsx = tmp_path / "results.xlsx"
    assert crm(db_url, monkeypatch, "campaign", "results", "1", "--out", str(xlsx)) == 0
    out = capsys.readouterr().out
    assert "4\t1\t1\t1\t30000.00" in out and xlsx.exists()
    targets = tmp_path / "targets.csv"
    assert crm(db_url, monkeypatch, "export", "campaign-targets", "1", "--out", str(targets)) == 0
    with targets.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["client_no", "manager_login", "status", "response", "amount"]
    assert ["001000", "im1", "targeted", "subscribed", "30000.00"] in rows
    assert {r[2] for r in rows[1:]} == {"targeted", "unsuitable", "opted_out", "closed"}
    assert crm(db_url, monkeypatch, "campaign", "create", "--name", "x", "--segment", "无", *period) == 3


def test_push_create_and_confirm(
    seeded: Seed,
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    seed_campaign_branch(seeded)
    out = tmp_path / "send.csv"
    args = ("push", "create", "--kind", "research", "--title", "T", "--body", "B", "--filter", "grade>=V4")
    assert crm(db_url, monkeypatch, *args, "--out", str(out)) == 0
    with out.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["client_no", "masked_phone", "message"]
    assert [r[0] for r in rows[1:]] == ["001000", "001001"]
    assert all("****" in r[1] for r in rows[1:])
    assert crm(db_url, monkeypatch, "push", "confirm", "1") == 0
    assert crm(db_url, monkeypatch, "push", "confirm", "1") == 0
    assert capsys.readouterr().out.count("2 ") >= 1
