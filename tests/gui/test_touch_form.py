"""The touch recording form: required steps by type, rules shown in the form, saving closes the task."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.db.models import Client, ServiceTask, Touch
from crm_desktop.gui import qdates
from crm_desktop.gui.areas import tasks as area
from crm_desktop.gui.service.touch_form import TOUCH_TYPES, TouchDialog
from tests.factories import Seed
from tests.fixed_clock import TODAY
from tests.gui.conftest import make_ctx
from tests.services.service_helpers import add_task


def _form(qtbot: QtBot, seed: Seed, client_no: str = "001000", **kw) -> TouchDialog:
    dlg = TouchDialog(make_ctx(seed, seed.im1), client_no, **kw)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def _set_type(dlg: TouchDialog, ttype: str) -> None:
    dlg.ui.typeCombo.setCurrentIndex(TOUCH_TYPES.index(ttype))


def test_required_steps_follow_type(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    dlg = _form(qtbot, seeded_sqlite)
    assert "张三" in dlg.ui.clientLabel.text() and "C3" in dlg.ui.clientLabel.text()
    _set_type(dlg, "greeting")
    assert dlg.ui.identityCheck.text().endswith("*") is False and dlg.ui.contentLabel.text().endswith("*")
    assert dlg.ui.channelCombo.currentData() == "wechat"
    _set_type(dlg, "retention_call")
    for w in (
        dlg.ui.identityCheck,
        dlg.ui.needsCheck,
        dlg.ui.riskCheck,
        dlg.ui.feedbackLabel,
        dlg.ui.nextStepLabel,
    ):
        assert w.text().endswith(" *") and w.font().bold()
    _set_type(dlg, "phone_call")
    assert not dlg.ui.riskCheck.text().endswith("*")
    dlg.ui.adviceCheck.setChecked(True)  # advice given: the risk must be disclosed
    assert dlg.ui.riskCheck.text().endswith(" *")
    _set_type(dlg, "risk_reassessment")
    # The form records the invitation; the level comes only from the suitability system.
    assert not hasattr(dlg.ui, "riskLevelCombo")
    dlg.ui.templateButton.click()
    assert "测评" in dlg.ui.contentEdit.toPlainText()


def test_missing_steps_are_shown_and_nothing_saved(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    dlg = _form(qtbot, seeded_sqlite)
    _set_type(dlg, "phone_call")
    dlg.ui.summaryEdit.setPlainText("季度回访")
    dlg.save()
    qtbot.waitUntil(lambda: "身份核实" in dlg.ui.messageLabel.text(), timeout=5000)
    assert dlg.isVisible() and dlg.save_button.isEnabled()
    with seeded_sqlite.store.read() as s:
        assert s.scalars(select(Touch)).all() == []


def test_backdating_needs_reason_field(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    dlg = _form(qtbot, seeded_sqlite)
    assert not dlg.ui.backdateEdit.isVisible()
    dlg.ui.occurredEdit.setDateTime(qdates.now_local().addDays(-10))
    assert dlg.ui.backdateEdit.isVisible()
    # The editor never offers a future time.
    dlg.ui.occurredEdit.setDateTime(qdates.now_local().addDays(3))
    assert dlg.ui.occurredEdit.dateTime() <= qdates.now_local().addSecs(121)


def test_save_closes_task_and_keeps_the_risk_level(
    qtbot: QtBot, seeded_sqlite: Seed, screenshot_dir: Path
) -> None:
    seed = seeded_sqlite
    task = add_task(seed.store, seed.clients["001000"], seed.im1.id, "risk_reassessment", TODAY, "rr")
    dlg = _form(qtbot, seed, task_id=task, task_type="risk_reassessment", task_text="风险测评 · 到期 今天")
    assert dlg.touch_type() == "risk_reassessment" and dlg.chosen_task() == task
    assert dlg.ui.taskCombo.isVisible() and "风险测评" in dlg.ui.taskCombo.currentText()
    dlg.ui.summaryEdit.setPlainText("测评即将到期，已邀请客户在适当性系统中完成测评")
    dlg.ui.identityCheck.setChecked(True)
    dlg.ui.needsCheck.setChecked(True)
    dlg.ui.templateButton.click()
    dlg.ui.satisfactionCombo.setCurrentIndex(1)  # 5 stars
    dlg.ui.nextStepEdit.setText("一周后回访确认")
    dlg.ui.followUpCheck.setChecked(True)
    dlg.resize(640, 760)
    QApplication.processEvents()
    dlg.grab().save(str(screenshot_dir / "touch_form.png"))
    with qtbot.waitSignal(dlg.saved, timeout=10000) as sig:
        dlg.save()
    touch_id = sig.args[0]
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=5000)
    with seed.store.read() as s:
        t = s.get(Touch, touch_id)
        assert (
            t is not None and t.task_id == task and t.satisfaction == 5 and t.checklist["identity_verified"]
        )
        assert s.get(ServiceTask, task).status == "done"  # type: ignore[union-attr]
        c = s.get(Client, seed.clients["001000"])
        assert c is not None and c.risk_level == "C3" and c.risk_assessed_on != TODAY
        fu = s.scalars(select(ServiceTask).where(ServiceTask.source == "follow_up")).one()
        assert fu.due_date == TODAY + timedelta(days=7)


def _fill_phone_call(dlg: TouchDialog) -> None:
    dlg.ui.summaryEdit.setPlainText("季度回访，客户无新需求")
    dlg.ui.identityCheck.setChecked(True)
    dlg.ui.needsCheck.setChecked(True)
    dlg.ui.templateButton.click()
    dlg.ui.feedbackEdit.setText("满意")
    dlg.ui.nextStepEdit.setText("下季度再联系")


def test_form_shows_which_task_it_completes_and_the_user_may_choose_none(
    qtbot: QtBot, seeded_sqlite: Seed, screenshot_dir: Path
) -> None:
    """Seen in the app: a touch recorded from the 360° view never said which task it closed."""
    seed = seeded_sqlite
    cid = seed.clients["001000"]
    call = add_task(seed.store, cid, seed.im1.id, "phone_call", TODAY - timedelta(days=3), "pc")
    greet = add_task(seed.store, cid, seed.im1.id, "greeting", TODAY + timedelta(days=2), "gr")
    dlg = _form(qtbot, seed)  # opened from the client, not from a task
    _set_type(dlg, "phone_call")
    assert dlg.chosen_task() == call
    assert "逾期 3 天" in dlg.ui.taskCombo.currentText()
    _set_type(dlg, "greeting")  # the default follows the type until the user picks
    assert dlg.chosen_task() == greet
    _set_type(dlg, "visit")  # no open visit: completes nothing unless the user picks one
    assert dlg.chosen_task() is None
    _set_type(dlg, "phone_call")
    items = [dlg.ui.taskCombo.itemText(i) for i in range(dlg.ui.taskCombo.count())]
    assert len(items) == 3 and "不完成任何任务" in items[-1]
    dlg.ui.taskCombo.setCurrentIndex(2)
    dlg.ui.taskCombo.activated.emit(2)
    _set_type(dlg, "greeting")
    _set_type(dlg, "phone_call")
    assert dlg.chosen_task() is None  # the user's choice stays
    _fill_phone_call(dlg)
    dlg.resize(640, 760)
    QApplication.processEvents()
    dlg.grab().save(str(screenshot_dir / "touch_form_task_choice.png"))
    with qtbot.waitSignal(dlg.saved, timeout=10000) as sig:
        dlg.save()
    with seed.store.read() as s:
        t = s.get(Touch, sig.args[0])
        assert t is not None and t.task_id is None
        assert s.get(ServiceTask, call).status == "open"  # type: ignore[union-attr]


def test_record_touch_action_is_registered(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    ctx = make_ctx(seeded_sqlite, seeded_sqlite.im1)
    area.register_actions(ctx)
    spec = ctx.client_actions["record_touch"]
    assert spec in ctx.actions_for("investment_manager") and spec not in ctx.actions_for("admin")
    parent = _form(qtbot, seeded_sqlite)
    spec.handler(parent, "001001")
    dialogs = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, TouchDialog) and w.client_no == "001001"
    ]
    assert dialogs and dialogs[0].isVisible()
    for d in dialogs:
        d.close()


def test_client_not_visible_disables_save(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    dlg = _form(qtbot, seeded_sqlite, client_no="001004")  # im2's client
    assert not dlg.save_button.isEnabled() and "001004" in dlg.ui.messageLabel.text()


def _touches_view(qtbot: QtBot, seed: Seed):
    from crm_desktop.gui.service.touches_view import TouchesView

    view = TouchesView(make_ctx(seed, seed.im1))
    qtbot.addWidget(view)
    view.resize(1000, 300)
    view.show()
    qtbot.waitUntil(lambda: view.loaded, timeout=10000)
    return view


def test_touches_view_edit_in_place_then_revision_cancel_history(
    qtbot: QtBot, qtmodeltester, seeded_sqlite: Seed, screenshot_dir: Path
) -> None:
    from PySide6.QtCore import QItemSelectionModel

    from crm_desktop.db.types import utcnow
    from crm_desktop.services.touches import record_touch

    seed = seeded_sqlite
    tid = record_touch(
        seed.store,
        seed.im1,
        "001000",
        touch_type="phone_call",
        channel="phone",
        summary="初稿",
        checklist={"identity_verified": True, "needs_asked": True},
        satisfaction=4,
    )
    view = _touches_view(qtbot, seed)
    qtmodeltester.check(view.model)
    assert view.model.rowCount() == 1

    def select_first() -> None:
        view.table.selectionModel().select(
            view.model.index(0, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )

    select_first()
    dlg = view.edit_selected()
    assert dlg is not None and not dlg.ui.typeCombo.isEnabled() and dlg.ui.identityCheck.isChecked()
    assert dlg.ui.summaryEdit.toPlainText() == "初稿" and dlg.ui.satisfactionCombo.currentData() == 4
    qtbot.addWidget(dlg)
    dlg.ui.summaryEdit.setPlainText("改正后的摘要")
    with qtbot.waitSignal(dlg.saved, timeout=10000):
        dlg.save()
    qtbot.waitUntil(
        lambda: view.model.rowCount() == 1 and view.model.rows[0].summary == "改正后的摘要", timeout=10000
    )
    assert view.model.rows[0].id == tid  # within 24 hours: changed in place
    # Recorded more than a day ago: the change becomes revision 2.
    with seed.store.transaction() as s:
        t = s.get(Touch, tid)
        assert t is not None
        t.created_at = utcnow() - timedelta(hours=30)
        t.occurred_at = t.created_at
    view.reload()
    qtbot.waitUntil(lambda: view.model.rows[0].version == 3, timeout=10000)
    select_first()
    dlg = view.edit_selected()
    assert dlg is not None and "新的修订" in dlg.ui.taskLabel.text()
    qtbot.addWidget(dlg)
    dlg.ui.summaryEdit.setPlainText("第二版")
    with qtbot.waitSignal(dlg.saved, timeout=10000):
        dlg.save()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and view.model.rows[0].revision == 2, timeout=10000)
    select_first()
    hist = view.show_history()
    assert hist is not None and [r.summary for r in hist.model.rows] == ["改正后的摘要", "第二版"]
    qtmodeltester.check(hist.model)
    hist.grab().save(str(screenshot_dir / "touch_history.png"))
    hist.close()
    view.grab().save(str(screenshot_dir / "touches_view.png"))
    view.cancel_with_reason(view.model.rows[0], "录错客户")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=10000)
    with seed.store.read() as s:
        assert [t.status for t in s.scalars(select(Touch).order_by(Touch.id))] == ["superseded", "cancelled"]
