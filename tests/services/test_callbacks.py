"""Call-back services on both backends: satisfaction in the manager score, the compliance figures, and what
a call-back officer may see."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from crm_desktop.db.models import CallbackItem, CallbackRecord
from crm_desktop.errors import NotFound
from crm_desktop.reports import callbacks as callbacks_xlsx
from crm_desktop.services import callback_compliance, callbacks, clients, complaints, scoring, staff
from crm_desktop.services.auth import login
from tests.factories import PASSWORD, Seed, add_client
from tests.fixed_clock import TODAY
from tests.services.test_scoring_service import AS_OF, _fill

ANSWERS = {
    "identity": "yes",
    "knows_account_changes": "yes",
    "proxy_trading": "no",
    "full_mandate": "no",
    "promised_returns": "no",
    "risk_disclosed": "yes",
}


def _answered(seeded: Seed, client_id: int, manager_id: int, scores: list[int], at: datetime) -> None:
    with seeded.store.transaction() as s:
        item = CallbackItem(
            client_id=client_id,
            branch_id=1,
            manager_id=manager_id,
            reason="sample",
            due_date=at.date(),
            status="done",
            dedupe_key=f"t:{client_id}:{at.isoformat()}",
            outcome="reached",
        )
        s.add(item)
        s.flush()
        for n, sat in enumerate(scores):
            s.add(
                CallbackRecord(
                    item_id=item.id,
                    client_id=client_id,
                    officer_id=seeded.admin.id,
                    manager_id=manager_id,
                    outcome="reached",
                    answers={**ANSWERS, "satisfaction": sat},
                    satisfaction=sat,
                    occurred_at=at + timedelta(hours=n),
                    attempt_no=n + 1,
                )
            )


def test_call_back_satisfaction_feeds_the_manager_score(seeded: Seed) -> None:
    _fill(seeded)
    at = datetime(AS_OF.year, AS_OF.month, 1, 2, tzinfo=UTC)
    _answered(seeded, seeded.clients["001000"], seeded.im1.id, [5, 4, 4, 5, 2], at)
    _answered(seeded, seeded.clients["001004"], seeded.im2.id, [1, 1], at)  # too few answers
    scoring.run_scoring(seeded.store, seeded.bm)
    with seeded.store.read() as s:
        managers = scoring.latest_manager_scores(s)
    im1, im2 = managers[seeded.im1.id], managers[seeded.im2.id]
    assert im1.satisfaction == pytest.approx(4.0)
    assert (
        im1.components["satisfaction"]["measured"] and im1.components["counts"]["satisfaction_answers"] == 5
    )
    assert im2.satisfaction is None and im2.components["satisfaction"]["answers"] == 2
    assert not im2.components["satisfaction"]["measured"]


def test_compliance_figures_by_manager_and_month(seeded: Seed) -> None:
    staff.add_user(
        seeded.store,
        seeded.admin,
        "cb01",
        role="callback_officer",
        display_name="周回访",
        branch_code="B001",
        password=PASSWORD,
    )
    cb = login(seeded.store, "cb01", PASSWORD)
    add_client(
        seeded.store, "002000", branch_id=1, manager_id=seeded.im1.id, open_date=TODAY - timedelta(days=40)
    )
    add_client(
        seeded.store, "002001", branch_id=1, manager_id=seeded.im1.id, open_date=TODAY - timedelta(days=3)
    )
    callbacks.generate_pool(seeded.store, cb)
    item = next(i for i in callbacks.list_items(seeded.store, cb, status="open") if i.client_no == "002001")
    callbacks.record_callback(
        seeded.store,
        cb,
        item.id,
        outcome="reached",
        answers={**ANSWERS, "full_mandate": "yes"},
        satisfaction=3,
    )
    complaints.add_complaint(
        seeded.store,
        seeded.bm,
        "001000",
        channel="letter",
        category="service",
        summary="长时间联系不上经理",
        received_at=datetime(2026, 11, 2, 2, tzinfo=UTC),
    )
    report = callback_compliance.callback_compliance(seeded.store, seeded.bm, date(2026, 10, 1), TODAY)
    rows = {(r.manager_login, r.month): r for r in report.months}
    oct_, nov = rows[("im1", "2026-10")], rows[("im1", "2026-11")]
    assert (oct_.opened, oct_.covered, oct_.missed) == (1, 0, 1)  # opened 22 October, never called back
    assert (nov.opened, nov.covered, nov.complaints_overdue) == (1, 1, 1)
    assert rows[("im1", "2026-12")].red_flags_open == 1  # the call-back today found a full mandate
    assert {r.manager_login: (r.target, r.done) for r in report.sample} == {"im1": (1, 0), "im2": (1, 0)}
    assert [(r.manager_login, r.answers, r.mean) for r in report.satisfaction] == [("im1", 1, None)]
    own = callback_compliance.callback_compliance(seeded.store, seeded.im2, date(2026, 10, 1), TODAY)
    assert own.months == [] and [r.manager_login for r in own.sample] == ["im2"]
    frames = callbacks_xlsx.frames(report)
    assert len(frames) == 3
    # the officer reveals the phone of a client waiting in the pool (audited) and of nobody else
    waiting = next(i for i in callbacks.list_items(seeded.store, cb, status="open"))
    assert (
        clients.reveal_field(seeded.store, cb, waiting.client_no, "phone", "回访前核对联系方式")
        == "13812345678"
    )
    waiting_nos = {i.client_no for i in callbacks.list_items(seeded.store, cb, status="open")}
    outside = next(no for no in ("002001", "001000", "001001", "001002") if no not in waiting_nos)
    with pytest.raises(NotFound):  # not waiting for a call-back (002001 was just called back)
        clients.reveal_field(seeded.store, cb, outside, "phone", "回访前核对联系方式")
    with seeded.store.read() as s:
        assert s.scalar(select(CallbackItem.status).where(CallbackItem.id == item.id)) == "done"


def test_demo_call_backs(sqlite_store) -> None:
    from crm_desktop.db.models import AlertCase, CallbackRecord, Complaint, Staff
    from crm_desktop.demo import generator as demo
    from crm_desktop.demo.callbacks import add_demo_callbacks

    result = demo.generate_demo(sqlite_store, clients=200, seed=3, as_of=TODAY)
    written = add_demo_callbacks(sqlite_store, result.as_of, demo.DEMO_PASSWORD)
    assert written > 20
    assert add_demo_callbacks(sqlite_store, result.as_of, demo.DEMO_PASSWORD) == 0  # loaded again: unchanged
    with sqlite_store.read() as s:
        assert s.scalar(select(Staff.role).where(Staff.login == "cb01")) == "callback_officer"
        outcomes = [
            o for (o,) in s.execute(select(CallbackItem.outcome).where(CallbackItem.status == "done"))
        ]
        share = outcomes.count("unreachable") / len(outcomes)
        assert 0.1 < share < 0.3  # about a fifth
        assert [a.kind for a in s.scalars(select(AlertCase))] == ["proxy_trading"]
        assert 4 <= len(s.scalars(select(Complaint)).all()) <= 8
        assert s.scalar(select(CallbackRecord.id).limit(1)) is not None
    login(sqlite_store, "cb01", demo.DEMO_PASSWORD)


def test_a_call_back_officer_cannot_be_a_clients_manager(seeded: Seed, tmp_path) -> None:
    from crm_desktop.services.importing import ImportRejected, run_import
    from tests.importing.samples import CLIENTS_ROWS, CLIENTS_ZH, write_csv

    staff.add_user(
        seeded.store,
        seeded.admin,
        "cb01",
        role="callback_officer",
        display_name="周回访",
        branch_code="B001",
        password=PASSWORD,
    )
    path = write_csv(tmp_path / "c.csv", CLIENTS_ZH, [[*CLIENTS_ROWS[0][:10], "B001", "cb01", "正常"]])
    with pytest.raises(ImportRejected) as ei:
        run_import(seeded.store, seeded.admin, "clients", path)
    assert any("回访专员不能作为客户的投资经理" in e.reason for e in ei.value.result.errors)
