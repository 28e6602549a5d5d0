"""The call-back screen, the red-flag cases, the complaint register and the compliance additions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.db.models import AlertCase, CallbackItem
from crm_desktop.gui.callbacks.views import (
    CallbackComplianceView,
    CallbacksPage,
    ComplaintsView,
    ItemCol,
    RecordDialog,
)
from crm_desktop.services import callbacks, complaints, staff
from crm_desktop.services.auth import Actor, login
from tests.factories import PASSWORD, Seed, add_client
from tests.fixed_clock import TODAY
from tests.gui.conftest import make_ctx

SHOTS = Path("/tmp/shots/callbacks")


@pytest.fixture
def cb_seed(seeded_sqlite: Seed) -> tuple[Seed, Actor]:
    s = seeded_sqlite
    staff.add_user(
        s.store,
        s.admin,
        "cb01",
        role="callback_officer",
        display_name="周回访",
        branch_code="B001",
        password=PASSWORD,
    )
    for i, days in enumerate((3, 12, 25, 33)):
        add_client(
            s.store,
            f"00200{i}",
            branch_id=1,
            manager_id=s.im1.id if i % 2 else s.im2.id,
            name=["陈一", "林二", "黄三", "何四"][i],
            open_date=TODAY - timedelta(days=days),
        )
    cb = login(s.store, "cb01", PASSWORD)
    callbacks.generate_pool(s.store, cb)
    complaints.add_complaint(
        s.store,
        s.bm,
        "001000",
        channel="phone",
        category="service",
        summary="经理多次未接电话",
        received_at=datetime(2026, 11, 2, 2, tzinfo=UTC),
    )
    complaints.add_complaint(s.store, cb, "001005", channel="online", category="fees", summary="佣金偏高")
    return s, cb


def _shot(widget: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))  # type: ignore[attr-defined]


def test_officer_records_a_call_back_from_the_script(
    qtbot: QtBot, qtmodeltester, cb_seed, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed, cb = cb_seed
    ctx = make_ctx(seed, cb)
    page = CallbacksPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 460)
    page.show()
    view = page.pool
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10000)
    qtmodeltester.check(view.model)
    assert page.alerts is None and view.record_button.isVisible()
    shown = [view.model.index(r, ItemCol.CLIENT).data() for r in range(view.model.rowCount())]
    new = {
        view.model.row_at(r).client_no
        for r in range(view.model.rowCount())
        if view.model.row_at(r).reason == "new_account"
    }
    assert new == {"002000", "002001", "002002"}  # 002003 opened 33 days ago: too long ago
    _shot(page, "pool_officer")
    row = shown.index("002000")
    view.table.selectionModel().select(
        view.model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    item = view.selected()
    assert item is not None
    dialog = RecordDialog(ctx, item, page)
    for code, value in (
        ("identity", "yes"),
        ("knows_account_changes", "yes"),
        ("proxy_trading", "no"),
        ("full_mandate", "yes"),
        ("promised_returns", "no"),
        ("risk_disclosed", "yes"),
        ("satisfaction", "4"),
    ):
        combo = dialog.inputs[code]
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(value))
    comment = dialog.inputs["comment"]
    assert isinstance(comment, QLineEdit)
    comment.setText("客户表示密码曾告诉家人")
    dialog.recording.setText("REC-001")
    dialog.resize(620, 520)
    dialog.show()
    _shot(dialog, "record_dialog")
    from PySide6.QtWidgets import QMessageBox

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result_alerts != [], timeout=10000)
    assert warned and "1" in warned[0]
    with seed.store.read() as s:
        assert s.scalar(select(CallbackItem.status).where(CallbackItem.id == item.id)) == "done"
        assert s.scalar(select(AlertCase.kind)) == "full_mandate"
    # unreachable leaves the questions off
    dialog2 = RecordDialog(ctx, item, page)
    dialog2.outcome.setCurrentIndex(dialog2.outcome.findData("unreachable"))
    assert not dialog2.inputs["identity"].isEnabled() and dialog2.inputs["comment"].isEnabled()


def test_branch_manager_sees_cases_register_and_compliance(qtbot: QtBot, qtmodeltester, cb_seed) -> None:
    seed, cb = cb_seed
    item = next(i for i in callbacks.list_items(seed.store, cb, status="open") if i.client_no == "002001")
    answers = {
        "identity": "yes",
        "knows_account_changes": "no",
        "proxy_trading": "yes",
        "full_mandate": "no",
        "promised_returns": "yes",
        "risk_disclosed": "yes",
    }
    callbacks.record_callback(seed.store, cb, item.id, outcome="reached", answers=answers, satisfaction=2)
    ctx = make_ctx(seed, seed.bm)
    page = CallbacksPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 420)
    page.show()
    assert page.alerts is not None and not page.pool.record_button.isVisible()
    qtbot.waitUntil(lambda: page.alerts is not None and page.alerts.model.rowCount() == 2, timeout=10000)
    qtmodeltester.check(page.alerts.model)
    page.setCurrentWidget(page.alerts)
    _shot(page, "alerts_branch_manager")

    register = ComplaintsView(ctx)
    qtbot.addWidget(register)
    register.resize(1250, 360)
    register.show()
    qtbot.waitUntil(lambda: register.model.rowCount() == 2, timeout=10000)
    qtmodeltester.check(register.model)
    statuses = [register.model.index(r, 8).data() for r in range(2)]
    assert any("逾期" in s for s in statuses)
    _shot(register, "complaints_register")

    view = CallbackComplianceView(ctx)
    qtbot.addWidget(view)
    view.resize(1100, 520)
    view.show()
    qtbot.waitUntil(lambda: view.report is not None and view.months.rowCount() > 0, timeout=10000)
    for model in (view.months, view.sample, view.satisfaction):
        qtmodeltester.check(model)
    assert view.satisfaction.index(0, 2).data() in ("数据不足", "not enough data")
    _shot(view, "compliance_callbacks")
    out = SHOTS / "callbacks.xlsx"
    view.export_to(out)
    qtbot.waitUntil(out.exists, timeout=10000)
