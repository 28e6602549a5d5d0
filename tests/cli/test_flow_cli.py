"""`crm export flow` on the hand-computed branch of tests/flow_data.py, both backends."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from crm_desktop.cli.main import main
from tests.factories import PASSWORD, Seed
from tests.flow_data import FLOW_CSV, build_flow


def crm(db_url: str, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    return main(["--db", db_url, *args])


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_export_flow_matches_hand_computed_figures(
    db_url: str, seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_flow(seeded, tmp_path)
    out = tmp_path / "flow.csv"
    args = ["export", "flow", "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(out)]
    assert crm(db_url, monkeypatch, *args, "--as-user", "bm") == 0
    assert _read(out) == FLOW_CSV
    # an investment manager sees their own clients only
    assert crm(db_url, monkeypatch, *args, "--as-user", "im2") == 0
    rows = _read(out)
    assert [r[0] for r in rows[1:]] == ["im2", "*"] and rows[1][1:] == rows[2][1:] == FLOW_CSV[2][1:]


def test_export_flow_refuses_a_reversed_period(
    db_url: str, seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["export", "flow", "--from", "2026-11-30", "--to", "2026-11-01", "--out", str(tmp_path / "f.csv")]
    assert crm(db_url, monkeypatch, *args, "--as-user", "bm") == 3


def test_churn_reason_closes_the_task_and_counts_in_the_split(
    db_url: str,
    seeded: Seed,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sqlalchemy import select

    from crm_desktop.db.models import AuditLog, ChurnRecord, ServiceTask

    build_flow(seeded, tmp_path)
    with seeded.store.read() as s:
        open_tasks = s.execute(
            select(ServiceTask.client_id, ServiceTask.source, ServiceTask.status).where(
                ServiceTask.source.in_(("churn_reason", "win_back"))
            )
        ).all()
    # the two November losses (001002 closed, 001004 out) each get a reason and a win-back task;
    # 001003's loss in August is older than 90 days and makes none
    assert (
        sorted((r.source, r.status) for r in open_tasks)
        == [("churn_reason", "open")] * 2 + [("win_back", "open")] * 2
    )
    args = [
        "churn",
        "reason",
        "--client",
        "001002",
        "--reason",
        "trading_results",
        "--comment",
        "亏损后失去兴趣",
    ]
    # im2 does not serve 001002
    assert crm(db_url, monkeypatch, *args, "--as-user", "im2") == 3
    assert crm(db_url, monkeypatch, *args, "--as-user", "im1") == 0
    assert "交易结果不佳" in capsys.readouterr().out
    assert crm(db_url, monkeypatch, *args, "--as-user", "im1") == 5  # already recorded
    assert (
        crm(
            db_url,
            monkeypatch,
            "churn",
            "reason",
            "--client",
            "001005",
            "--reason",
            "other",
            "--as-user",
            "im2",
        )
        == 3
    )
    assert (
        crm(
            db_url,
            monkeypatch,
            "churn",
            "reason",
            "--client",
            "001004",
            "--reason",
            "price_or_service_elsewhere",
            "--as-user",
            "bm",
        )
        == 0
    )
    with seeded.store.read() as s:
        status = dict(
            s.execute(
                select(ServiceTask.client_id, ServiceTask.status).where(ServiceTask.source == "churn_reason")
            ).all()
        )
        assert set(status.values()) == {"done"}
        assert (
            s.scalar(select(ChurnRecord.reason).where(ChurnRecord.client_id == seeded.clients["001002"]))
            == "trading_results"
        )
        assert len(s.scalars(select(AuditLog).where(AuditLog.action == "churn.reason")).all()) == 2
    capsys.readouterr()
    assert (
        crm(
            db_url,
            monkeypatch,
            "churn",
            "split",
            "--from",
            "2026-08-01",
            "--to",
            "2026-11-30",
            "--as-user",
            "bm",
        )
        == 0
    )
    lines = dict(line.split("\t")[0:3:2] for line in capsys.readouterr().out.splitlines())
    assert lines == {
        "trading_results": "1",
        "price_or_service_elsewhere": "1",
        "service_here": "0",
        "personal": "0",
        "other": "0",
        "-": "1",
    }


def test_relation_request_and_team_add_commands(
    db_url: str, seeded: Seed, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["relation", "request", "--client", "001000", "--developer", "im2", "--servicer", "im1"]
    assert crm(db_url, monkeypatch, *args, "--shares", "im2=0.3,im1=0.7", "--as-user", "im1") == 0
    rid = capsys.readouterr().out.strip()
    assert crm(db_url, monkeypatch, "relation", "approve", rid, "--as-user", "im1") == 4
    assert crm(db_url, monkeypatch, "relation", "approve", rid, "--as-user", "bm") == 0
    assert crm(db_url, monkeypatch, "relation", "approve", rid, "--as-user", "bm") == 5
    assert crm(db_url, monkeypatch, *args, "--shares", "im2=0.5,im1=0.7", "--as-user", "im1") == 3
    capsys.readouterr()
    assert crm(db_url, monkeypatch, "relation", "list", "--as-user", "bm") == 0
    assert "im2/im1 im2=0.3,im1=0.7" in capsys.readouterr().out
    assert (
        crm(
            db_url,
            monkeypatch,
            "team",
            "add",
            "一组",
            "--lead",
            "im1",
            "--members",
            "im1,im2",
            "--as-user",
            "bm",
        )
        == 0
    )
    assert (
        crm(
            db_url,
            monkeypatch,
            "team",
            "add",
            "二组",
            "--lead",
            "im2",
            "--members",
            "im2",
            "--as-user",
            "im1",
        )
        == 4
    )


def test_performance_and_flow_match_the_hand_computed_branch(
    db_url: str, seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import load_workbook

    from tests.flow_data import PERFORMANCE_CSV, build_performance

    build_performance(seeded, tmp_path)
    out = tmp_path / "perf.csv"
    assert (
        crm(db_url, monkeypatch, "performance", "--month", "2026-11", "--out", str(out), "--as-user", "bm")
        == 0
    )
    assert _read(out) == PERFORMANCE_CSV
    flow_out = tmp_path / "flow.csv"
    args = ["export", "flow", "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(flow_out)]
    assert crm(db_url, monkeypatch, *args, "--as-user", "bm") == 0
    assert _read(flow_out) == FLOW_CSV
    # an investment manager sees only their own row
    assert (
        crm(db_url, monkeypatch, "performance", "--month", "2026-11", "--out", str(out), "--as-user", "im2")
        == 0
    )
    assert _read(out) == [PERFORMANCE_CSV[0], PERFORMANCE_CSV[2]]
    xlsx = tmp_path / "perf.xlsx"
    assert (
        crm(
            db_url,
            monkeypatch,
            "team",
            "add",
            "一组",
            "--lead",
            "im1",
            "--members",
            "im1,im2",
            "--as-user",
            "bm",
        )
        == 0
    )
    assert (
        crm(db_url, monkeypatch, "performance", "--month", "2026-11", "--out", str(xlsx), "--as-user", "bm")
        == 0
    )
    wb = load_workbook(xlsx)
    first = [
        [("" if v is None else str(v)) for v in row] for row in wb.worksheets[0].iter_rows(values_only=True)
    ]
    assert first[0] == PERFORMANCE_CSV[0] and [r[0] for r in first[1:]] == ["im1", "im2"]
    team = list(wb.worksheets[1].iter_rows(values_only=True))[1]
    assert team[:3] == ("一组", "im1", 1) and team[4] == 150  # new accounts, commission 70 + 80
    assert (
        crm(db_url, monkeypatch, "performance", "--month", "2026-13", "--out", str(out), "--as-user", "bm")
        == 3
    )


def test_head_office_exports_one_branch_or_all(
    db_url: str, seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crm_desktop.services import staff

    build_flow(seeded, tmp_path)
    staff.add_branch(seeded.store, seeded.admin, "B002", "第二营业部")
    staff.add_user(
        seeded.store,
        seeded.admin,
        "hq",
        role="head_office",
        display_name="总部",
        branch_code=None,
        password=PASSWORD,
    )
    out = tmp_path / "flow.csv"
    args = ["export", "flow", "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(out), "--as-user"]
    assert crm(db_url, monkeypatch, *args, "hq", "--branch", "B001") == 0
    assert _read(out) == FLOW_CSV
    assert crm(db_url, monkeypatch, *args, "hq") == 0  # every branch: B002 has no flow yet
    assert _read(out) == FLOW_CSV
    assert crm(db_url, monkeypatch, *args, "hq", "--branch", "B002") == 0
    assert [r[0] for r in _read(out)[1:]] == ["*"]
    # an unknown code is named; a branch manager may not pick another branch
    assert crm(db_url, monkeypatch, *args, "hq", "--branch", "B999") == 3
    assert crm(db_url, monkeypatch, *args, "bm", "--branch", "B002") == 4
