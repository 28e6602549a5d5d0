"""Compliance figures per manager and grade, new-account coverage, risk tests overdue; both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import update

from crm_desktop.db.models import Client, ServiceTask
from crm_desktop.errors import InvalidInput, PermissionDenied
from crm_desktop.reports.compliance import export_excel
from crm_desktop.services.compliance import ALL_GRADES, compliance_report
from tests.factories import Seed, add_client
from tests.services.service_helpers import add_task, add_touch, score_run

TODAY = date(2026, 6, 17)
START, END = date(2026, 6, 1), date(2026, 6, 30)


def _done(seed: Seed, task_id: int, on: date) -> None:
    with seed.store.transaction() as s:
        s.execute(
            update(ServiceTask)
            .where(ServiceTask.id == task_id)
            .values(status="done", completed_at=datetime(on.year, on.month, on.day, 3, tzinfo=UTC))
        )


def _fill(seed: Seed) -> None:
    c, im1, im2 = seed.clients, seed.im1.id, seed.im2.id
    score_run(
        seed.store,
        TODAY,
        {
            c["001000"]: ("V5", "low", False),
            c["001001"]: ("V1", "low", False),
            c["001004"]: ("V5", "low", False),
        },
    )
    _done(seed, add_task(seed.store, c["001000"], im1, "phone_call", date(2026, 6, 5), "a"), date(2026, 6, 5))
    _done(seed, add_task(seed.store, c["001000"], im1, "visit", date(2026, 6, 6), "b"), date(2026, 6, 9))
    add_task(seed.store, c["001001"], im1, "phone_call", date(2026, 6, 10), "c")  # overdue now
    add_task(seed.store, c["001001"], im1, "greeting", TODAY, "d")  # due today, still open
    add_task(seed.store, c["001002"], im1, "phone_call", date(2026, 6, 25), "e")  # not yet due: not counted
    add_task(seed.store, c["001002"], im1, "visit", date(2026, 6, 8), "f", status="cancelled")  # not counted
    add_task(seed.store, c["001000"], im1, "phone_call", date(2026, 5, 31), "g")  # before the period
    _done(seed, add_task(seed.store, c["001004"], im2, "phone_call", date(2026, 6, 2), "h"), date(2026, 6, 1))


def test_per_manager_and_grade(seeded: Seed) -> None:
    _fill(seeded)
    rep = compliance_report(seeded.store, seeded.bm, START, END, today=TODAY)
    by = {(r.manager_login, r.grade): r for r in rep.rows}
    im1 = by[("im1", ALL_GRADES)]
    assert (im1.due, im1.on_time, im1.late, im1.overdue_now, im1.open_due_today) == (4, 1, 1, 1, 1)
    assert im1.on_time_rate == pytest.approx(1 / 3)  # the task due today is not judged yet
    assert (by[("im1", "V5")].due, by[("im1", "V5")].on_time, by[("im1", "V5")].late) == (2, 1, 1)
    assert (by[("im1", "V1")].due, by[("im1", "V1")].overdue_now) == (2, 1)
    assert by[("im2", ALL_GRADES)].on_time_rate == 1.0
    assert rep.total().due == 5 and rep.total().on_time == 2
    own = compliance_report(seeded.store, seeded.im1, START, END, today=TODAY)
    assert {r.manager_login for r in own.rows} == {"im1"}
    with pytest.raises(PermissionDenied):
        compliance_report(seeded.store, seeded.admin, START, END, today=TODAY)
    with pytest.raises(InvalidInput):
        compliance_report(seeded.store, seeded.bm, END, START, today=TODAY)


def test_new_account_coverage_and_risk_overdue(seeded: Seed) -> None:
    im1 = seeded.im1.id
    a = add_client(seeded.store, "009001", branch_id=1, manager_id=im1, open_date=date(2026, 4, 1))
    b = add_client(seeded.store, "009002", branch_id=1, manager_id=im1, open_date=date(2026, 4, 2))
    add_client(seeded.store, "009003", branch_id=1, manager_id=im1, open_date=date(2026, 4, 3))
    add_client(
        seeded.store, "009004", branch_id=1, manager_id=im1, open_date=date(2026, 6, 10)
    )  # still in window
    add_touch(seeded.store, a, im1, "phone_call", date(2026, 4, 20))
    add_touch(seeded.store, b, im1, "phone_call", date(2026, 5, 20))  # 48 days: too late
    rep = compliance_report(seeded.store, seeded.bm, date(2026, 4, 1), END, today=TODAY)
    (row,) = rep.new_accounts
    assert (row.opened, row.covered, row.missed, row.pending) == (4, 1, 2, 1)
    assert row.coverage == pytest.approx(1 / 3)
    # Seeded clients were assessed 2025-01-01: not overdue until 2027. Make one overdue, one never assessed.
    with seeded.store.transaction() as s:
        s.execute(
            update(Client).where(Client.client_no == "001001").values(risk_assessed_on=date(2024, 6, 1))
        )
        s.execute(update(Client).where(Client.client_no == "001004").values(risk_assessed_on=None))
    rep = compliance_report(seeded.store, seeded.bm, START, END, today=TODAY)
    assert [(r.client_no, r.due_date) for r in rep.risk_overdue] == [
        ("001004", date(2022, 1, 2)),
        ("001001", date(2026, 6, 1)),
    ]
    own = compliance_report(seeded.store, seeded.im1, START, END, today=TODAY)
    assert [r.client_no for r in own.risk_overdue] == ["001001"]


def test_excel_export(seeded: Seed, tmp_path: Path) -> None:
    _fill(seeded)
    rep = compliance_report(seeded.store, seeded.bm, START, END, today=TODAY)
    out = export_excel(rep, tmp_path / "c.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["任务完成", "新开户回访", "风险测评逾期"]
    ws = wb["任务完成"]
    assert "2026-06-01" in str(ws["A1"].value)
    header = [c.value for c in ws[3]]
    assert header[:4] == ["经理工号", "经理", "等级", "应完成"]
    last = [c.value for c in ws[ws.max_row]]
    assert last[3] == 5 and last[4] == 2  # the total row
