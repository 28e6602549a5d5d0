"""Issue 20: every export of client data is audited before its file appears, the file goes when the
transaction fails, administrators get no client personal data, and a failed letter leaves no PDF."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from crm_desktop.cli.main import main
from crm_desktop.db.models import AuditLog, LetterRecord
from crm_desktop.reports import client_book
from crm_desktop.services import letters, staff
from crm_desktop.services.auth import login
from tests.factories import PASSWORD, Seed
from tests.letters.data import AS_OF, MAIN_CLIENT, add_account_data, add_score
from tests.workspace_data import add_workspace_data


@pytest.fixture
def ws(seeded: Seed, monkeypatch: pytest.MonkeyPatch) -> Seed:
    add_workspace_data(seeded)
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    return seeded


def _cli(seed: Seed, *args: str) -> int:
    return main(["--db", seed.store.url.render_as_string(hide_password=False), *args])


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def _audits(seed: Seed, action: str) -> list[AuditLog]:
    with seed.store.read() as s:
        return list(s.scalars(select(AuditLog).where(AuditLog.action == action).order_by(AuditLog.id)))


@pytest.fixture
def failing_commit() -> Iterator[None]:
    """Every commit fails (after the work of the transaction was done)."""

    def boom(_session: Session) -> None:
        raise RuntimeError("commit failed")

    event.listen(Session, "before_commit", boom)
    try:
        yield
    finally:
        event.remove(Session, "before_commit", boom)


def test_every_export_kind_is_audited_with_file_rows_and_purpose(ws: Seed, tmp_path: Path) -> None:
    kinds = {
        "tasks": "tasks.csv",
        "touches": "touches.csv",
        "compliance": "compliance.xlsx",
        "clients": "clients.csv",
        "scores": "scores.csv",
        "callbacks": "callbacks.csv",
        "complaints": "complaints.csv",
        "alerts": "alerts.csv",
        "suitability": "suitability.csv",
        "dashboard": "dashboard.xlsx",
    }
    actions = {
        "tasks": "tasks.export",
        "touches": "touches.export",
        "compliance": "compliance.export",
        "clients": "clients.export",
        "scores": "score.export",
        "callbacks": "callbacks.export",
        "complaints": "complaints.export",
        "alerts": "alerts.export",
        "suitability": "suitability.export",
        "dashboard": "dashboard.export",
    }
    folder = tmp_path / "exports"
    for kind, name in kinds.items():
        out = folder / name
        rc = _cli(
            ws, "export", kind, "--out", str(out), "--purpose", f"  季度 检查 {kind} ", "--as-user", "bm"
        )
        assert rc == 0, kind
        (row,) = _audits(ws, actions[kind])
        assert row.actor_id == ws.bm.id
        assert row.details["file"] == name and row.details["purpose"] == f"季度 检查 {kind}", kind
        assert isinstance(row.details["rows"], int)
    assert _audits(ws, "tasks.export")[0].details["rows"] == len(_rows(folder / "tasks.csv"))
    # no temporary file is left next to the exports
    assert sorted(p.name for p in folder.iterdir()) == sorted(kinds.values())
    assert _cli(ws, "export", "tasks", "--out", str(tmp_path / "t2.csv"), "--as-user", "bm") == 0
    assert _audits(ws, "tasks.export")[-1].details["purpose"] is None


def test_a_failed_commit_leaves_no_export_and_no_trace(
    ws: Seed, tmp_path: Path, failing_commit: None
) -> None:
    out = tmp_path / "exports"
    for kind, name in (("tasks", "t.csv"), ("touches", "to.csv"), ("compliance", "c.xlsx")):
        assert _cli(ws, "export", kind, "--out", str(out / name), "--as-user", "bm") != 0
    with pytest.raises(RuntimeError):
        client_book.export_clients(ws.store, ws.bm, out / "clients.xlsx")
    assert list(out.iterdir()) == []


def test_admin_exports_carry_no_client_personal_data(ws: Seed, tmp_path: Path) -> None:
    for kind in ("tasks", "touches", "clients"):
        out = tmp_path / f"{kind}.csv"
        assert _cli(ws, "export", kind, "--out", str(out), "--as-user", "admin") == 0
        text = out.read_text(encoding="utf-8-sig")
        for full in ("张三", "李四", "王五", "赵六", "钱七", "孙八", "13812345678", "5678"):
            assert full not in text, (kind, full)
    touches = _rows(tmp_path / "touches.csv")
    assert touches and all(r["summary"] == "" and r["next_step"] == "" for r in touches)
    assert all(r["client_name"].endswith("*") for r in touches)
    # the branch manager still gets them
    assert _cli(ws, "export", "touches", "--out", str(tmp_path / "bm.csv"), "--as-user", "bm") == 0
    assert any(r["summary"] for r in _rows(tmp_path / "bm.csv"))


def test_an_administrator_of_no_branch_sees_no_clients(ws: Seed, tmp_path: Path) -> None:
    staff.add_user(
        ws.store, ws.admin, "head", role="admin", display_name="总部", branch_code=None, password=PASSWORD
    )
    head = login(ws.store, "head", PASSWORD)
    assert client_book.export_clients(ws.store, head, tmp_path / "all.csv") == 0
    for kind in ("tasks", "touches"):
        out = tmp_path / f"{kind}.csv"
        assert _cli(ws, "export", kind, "--out", str(out), "--as-user", "head") == 0
        assert _rows(out) == []
    # a scheduler's batch run signed by that account still covers the whole store (and shows nothing)
    from crm_desktop.services import tasks
    from tests.fixed_clock import TODAY

    assert tasks.generate_tasks(ws.store, head, TODAY).clients == 6


def test_a_letter_whose_commit_fails_leaves_no_pdf(seeded: Seed, tmp_path: Path) -> None:
    add_account_data(seeded)
    add_score(seeded, MAIN_CLIENT)

    def boom(_session: Session) -> None:
        raise RuntimeError("commit failed")

    event.listen(Session, "before_commit", boom)
    try:
        with pytest.raises(RuntimeError):
            letters.generate_letter(
                seeded.store, seeded.im1, MAIN_CLIENT, as_of=AS_OF, out_dir=tmp_path / "out"
            )
    finally:
        event.remove(Session, "before_commit", boom)
    assert list((tmp_path / "out").iterdir()) == []
    with seeded.store.read() as s:
        assert s.scalar(select(LetterRecord.id)) is None
