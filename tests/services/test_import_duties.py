"""Issue 20, separation of duties: a branch manager's import cannot move clients between managers or
change roles (that takes an approved request, or an administrator); an administrator's import can."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from crm_desktop.db.models import Client, Staff
from crm_desktop.services.importing import ImportRejected, run_import
from tests.factories import Seed
from tests.importing.samples import CLIENTS_ROWS, CLIENTS_ZH, STAFF_ZH, write_csv


def _client_row(no: str, manager: str) -> list[str]:
    row = list(CLIENTS_ROWS[0])
    row[0], row[11] = no, manager
    return row


def _manager_of(seed: Seed, no: str) -> int | None:
    with seed.store.read() as s:
        return s.scalar(select(Client.manager_id).where(Client.client_no == no))


def test_branch_manager_import_cannot_move_a_client(seeded: Seed, tmp_path: Path) -> None:
    moves = write_csv(
        tmp_path / "c.csv",
        CLIENTS_ZH,
        [_client_row("001000", "im2"), _client_row("001001", ""), _client_row("001002", "im1")],
    )
    with pytest.raises(ImportRejected) as ei:
        run_import(seeded.store, seeded.bm, "clients", moves)
    errors = ei.value.result.errors
    assert [(e.row, e.column) for e in errors] == [(2, "投资经理工号"), (3, "投资经理工号")]
    assert "crm reassign request" in errors[0].reason
    assert _manager_of(seeded, "001000") == seeded.im1.id and _manager_of(seeded, "001001") == seeded.im1.id
    # unchanged managers and new clients with a first manager are fine
    ok = write_csv(
        tmp_path / "ok.csv", CLIENTS_ZH, [_client_row("001000", "im1"), _client_row("009001", "im2")]
    )
    assert run_import(seeded.store, seeded.bm, "clients", ok).rows_new == 1
    assert _manager_of(seeded, "009001") == seeded.im2.id
    # an administrator's import may move (reserved to administrators, audited as an import)
    run_import(seeded.store, seeded.admin, "clients", moves)
    assert _manager_of(seeded, "001000") == seeded.im2.id


def test_branch_manager_import_cannot_change_roles(seeded: Seed, tmp_path: Path) -> None:
    rows = [
        ["im1", "李投顾", "branch_manager", "B001", "2015-03-01", "securities_practitioner", "1"],
        ["bm2", "新负责人", "branch_manager", "B001", "2020-01-01", "securities_practitioner", "1"],
        ["im5", "周投顾", "investment_manager", "B001", "2020-01-01", "securities_practitioner", "1"],
    ]
    with pytest.raises(ImportRejected) as ei:
        run_import(seeded.store, seeded.bm, "staff", write_csv(tmp_path / "s.csv", STAFF_ZH, rows))
    assert [(e.row, e.column) for e in ei.value.result.errors] == [(2, "角色"), (3, "角色")]
    with seeded.store.read() as s:
        assert s.scalar(select(Staff.role).where(Staff.login == "im1")) == "investment_manager"
    assert (
        run_import(
            seeded.store, seeded.bm, "staff", write_csv(tmp_path / "ok.csv", STAFF_ZH, rows[2:])
        ).rows_new
        == 1
    )
    run_import(seeded.store, seeded.admin, "staff", write_csv(tmp_path / "a.csv", STAFF_ZH, rows[:1]))
    with seeded.store.read() as s:
        assert s.scalar(select(Staff.role).where(Staff.login == "im1")) == "branch_manager"
