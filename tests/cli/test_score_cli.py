"""`crm score` and `crm export scores`: who may run them, exit codes, the CSV format."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from crm_desktop.cli.main import main
from crm_desktop.db.models import AuditLog
from crm_desktop.db.store import Store
from tests.factories import PASSWORD, Seed, seed_branch
from tests.services.test_scoring_service import _fill


def _url(seed: Seed) -> str:
    return seed.store.url.render_as_string(hide_password=False)


def run(seed: Seed, *args: str, monkeypatch: pytest.MonkeyPatch, password: str | None = PASSWORD) -> int:
    if password is None:
        monkeypatch.delenv("CRM_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("CRM_PASSWORD", password)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    return main(["--db", _url(seed), *args])


def test_score_batch_then_export_csv(
    seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(seeded)
    assert (
        run(seeded, "score", "--quiet", monkeypatch=monkeypatch, password=None) == 2
    )  # someone signs for a run
    monkeypatch.setenv("CRM_AS_USER", "admin")  # a scheduler names its batch account once
    assert run(seeded, "score", "--quiet", monkeypatch=monkeypatch) == 0
    monkeypatch.delenv("CRM_AS_USER")
    with seeded.store.read() as s:
        signed = s.scalars(select(AuditLog).where(AuditLog.action == "score.run")).all()
        assert signed and all(a.actor_id == seeded.admin.id for a in signed)
    assert run(seeded, "score", "--quiet", "--as-user", "admin", monkeypatch=monkeypatch) == 0
    out = capsys.readouterr().out
    assert "评分完成" in out and "评分日 2025-06-30" in out and "客户 6 位" in out
    target = tmp_path / "scores.csv"
    assert (
        run(seeded, "export", "scores", "--out", str(target), "--as-user", "im1", monkeypatch=monkeypatch)
        == 0
    )
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["client_no"] for r in rows] == ["001000", "001001", "001002", "001003"]  # im1's book only
    required = [
        "client_no",
        "grade",
        "value_score",
        "avg_assets",
        "commission_12m",
        "turnover",
        "activity",
        "churn_risk",
        "risk_style",
        "suitability_mismatch",
        "trading_ability",
        "win_rate",
        "avg_holding_days",
        "lifecycle",
        "reasons",
    ]
    header = list(rows[0])
    assert [c for c in header if c in required] == required and header[-1] == "reasons"
    first = rows[0]
    # the last trade is on as-of minus 90 days, just outside the 90 days ending at as-of; the assets are
    # stable, so not trading is no churn risk (issue #17: buy and hold is low risk)
    assert first["grade"] == "V4" and first["risk_style"] == "aggressive" and first["churn_risk"] == "low"
    assert first["suitability_mismatch"] == "true"
    assert "日均资产 3,250,000 ≥ 3,000,000 → V4" in first["reasons"]
    assert rows[1]["churn_risk"] == "high"


def test_score_permissions_and_bad_input(
    seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(seeded, "score", "--quiet", "--as-user", "im1", monkeypatch=monkeypatch) == 4
    assert (
        run(seeded, "score", "--quiet", "--as-of", "2025-13-01", "--as-user", "bm", monkeypatch=monkeypatch)
        == 3
    )
    # no scores yet
    assert (
        run(
            seeded,
            "export",
            "scores",
            "--out",
            str(tmp_path / "x.csv"),
            "--as-user",
            "bm",
            monkeypatch=monkeypatch,
        )
        == 3
    )
    assert "crm score" in capsys.readouterr().err
    # an export names the person whose visibility decides the rows
    assert (
        run(
            seeded,
            "export",
            "scores",
            "--out",
            str(tmp_path / "x.csv"),
            monkeypatch=monkeypatch,
            password=None,
        )
        == 2
    )
    assert (
        run(seeded, "score", "--quiet", "--as-of", "2025-06-30", "--as-user", "bm", monkeypatch=monkeypatch)
        == 0
    )
    assert (
        run(
            seeded,
            "--lang",
            "en",
            "export",
            "scores",
            "--out",
            str(tmp_path / "bm.csv"),
            "--as-user",
            "bm",
            monkeypatch=monkeypatch,
        )
        == 0
    )
    text = (tmp_path / "bm.csv").read_text(encoding="utf-8-sig")
    assert text.count("\n") == 7  # header + 6 clients of the branch
    assert "no asset snapshots in the window" in text


@pytest.mark.pg
def test_export_is_the_same_file_on_both_backends(
    sqlite_store: Store, pg_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same data scored and exported on SQLite and on PostgreSQL gives the same bytes; clients without
    holdings have an empty top industry (PostgreSQL once wrote the text NaN there)."""
    files = []
    for store in (sqlite_store, pg_store):
        seed = seed_branch(store)
        _fill(seed)
        assert (
            run(seed, "score", "--quiet", "--as-of", "2025-06-30", "--as-user", "bm", monkeypatch=monkeypatch)
            == 0
        )
        target = tmp_path / f"{store.dialect}.csv"
        assert (
            run(seed, "export", "scores", "--out", str(target), "--as-user", "bm", monkeypatch=monkeypatch)
            == 0
        )
        files.append(target.read_bytes())
    rows = list(csv.DictReader(io.StringIO(files[0].decode("utf-8-sig"))))
    assert len(rows) == 6
    assert [r["top_industry"] for r in rows] == ["银行", "", "", "", "", ""]
    for row in rows:
        for value in row.values():
            assert value.lower() not in {"nan", "inf", "-inf", "none", "null"}
    assert files[0].decode("utf-8").splitlines() == files[1].decode("utf-8").splitlines()
    assert files[0] == files[1]
