"""Campaign commands through the CLI on both backends: segment, consent, campaign, push, export."""

from __future__ import annotations

import pytest

from crm_desktop.cli.main import main
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
