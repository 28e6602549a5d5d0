"""The tasks area: agenda buckets and manager picker, jumps to client and touch form, cancelling,
start-of-day generation with today's counts, compliance view with chart and export, plan editor."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.db.models import ServicePlan, ServiceTask
from crm_desktop.gui.areas import tasks as area
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.service.agenda_model import Col
from crm_desktop.gui.service.agenda_view import AgendaView
from crm_desktop.gui.service.compliance_view import ComplianceView
from crm_desktop.gui.service.plan_editor import PlanEditor, RCol
from crm_desktop.gui.service.touch_form import TouchDialog
from crm_desktop.services.auth import Actor
from tests.factories import Seed
from tests.fixed_clock import TODAY
from tests.gui.conftest import make_ctx
from tests.services.service_helpers import add_task, score_run


@pytest.fixture
def agenda_seed(seeded_sqlite: Seed) -> Seed:
    s, c = seeded_sqlite, seeded_sqlite.clients
    add_task(s.store, c["001000"], s.im1.id, "phone_call", TODAY - timedelta(days=3), "a")
    add_task(s.store, c["001001"], s.im1.id, "visit", TODAY, "b")
    add_task(s.store, c["001002"], s.im1.id, "review_letter", TODAY + timedelta(days=40), "c")
    add_task(s.store, c["001003"], s.im1.id, "greeting", TODAY + timedelta(days=1), "d", source="birthday")
    add_task(
        s.store, c["001004"], s.im2.id, "retention_call", TODAY - timedelta(days=1), "e", source="churn_high"
    )
    score_run(s.store, TODAY, {cid: ("V4", "low", False) for cid in c.values()})
    return s


def _view(qtbot: QtBot, seed: Seed, actor: Actor, ctx: AppContext | None = None) -> AgendaView:
    view = AgendaView(ctx or make_ctx(seed, actor))
    qtbot.addWidget(view)
    view.resize(1000, 420)
    view.show()
    qtbot.waitUntil(lambda: view.agenda is not None, timeout=10000)
    return view


def _shown(view: AgendaView) -> list[str]:
    p = view.proxy
    return [p.index(r, Col.CLIENT_NO).data() for r in range(p.rowCount())]


def _select(view: AgendaView, client_no: str) -> None:
    p = view.proxy
    row = _shown(view).index(client_no)
    view.table.selectionModel().select(
        p.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def test_agenda_of_a_manager(qtbot: QtBot, qtmodeltester, agenda_seed: Seed, screenshot_dir: Path) -> None:
    view = _view(qtbot, agenda_seed, agenda_seed.im1)
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    assert _shown(view) == ["001000", "001001", "001003", "001002"]
    assert not view.manager_combo.isVisible() and view.table.isColumnHidden(Col.MANAGER)
    m = view.model
    assert m.data(m.index(0, Col.BUCKET)) == "逾期" and m.data(m.index(0, Col.GRADE)) == "V4"
    assert m.data(m.index(0, Col.TYPE)) == "电话回访"
    assert view.bucket_buttons["overdue"].text() == "逾期 1"
    assert view.bucket_buttons[None].text().endswith("4")
    view.bucket_buttons["today"].click()
    assert _shown(view) == ["001001"]
    view.bucket_buttons["later"].click()
    assert len(_shown(view)) in (1, 2)  # tomorrow is "this week" unless today is Sunday
    view.bucket_buttons[None].click()
    # priority order by default, with how late each task is
    assert [m.data(m.index(r, Col.PRIORITY)) for r in range(m.rowCount())] == ["1", "2", "3", "4"]
    assert m.data(m.index(0, Col.OVERDUE_DAYS)) == "3" and m.data(m.index(1, Col.OVERDUE_DAYS)) == ""
    QApplication.processEvents()
    view.grab().save(str(screenshot_dir / "agenda_manager.png"))


def test_agenda_filters_search_and_export(qtbot: QtBot, agenda_seed: Seed, tmp_path: Path) -> None:
    view = _view(qtbot, agenda_seed, agenda_seed.bm)
    assert len(_shown(view)) == 5
    view.type_combo.setCurrentIndex(view.type_combo.findData("phone_call"))
    assert _shown(view) == ["001000"]
    view.type_combo.setCurrentIndex(0)
    view.source_combo.setCurrentIndex(view.source_combo.findData("churn_high"))
    assert _shown(view) == ["001004"]
    view.source_combo.setCurrentIndex(0)
    view.grade_combo.setCurrentIndex(view.grade_combo.findData("V1"))
    assert _shown(view) == []
    view.grade_combo.setCurrentIndex(view.grade_combo.findData("V4"))
    assert len(_shown(view)) == 5
    view.search_edit.setText("00100")
    assert len(_shown(view)) == 5
    view.search_edit.setText("001003")
    assert _shown(view) == ["001003"]
    view.search_edit.clear()
    view.bucket_buttons["overdue"].click()
    out = tmp_path / "agenda.xlsx"
    view.export_to(out)
    qtbot.waitUntil(lambda: out.exists() and view.export_button.isEnabled(), timeout=10000)
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("priority", "client_no", "client_name")
    assert [r[1] for r in rows[1:]] == _shown(view) == ["001000", "001004"]
    assert not list(tmp_path.glob(".*partial*"))


def test_branch_manager_cancels_several_tasks_with_one_reason(qtbot: QtBot, agenda_seed: Seed) -> None:
    view = _view(qtbot, agenda_seed, agenda_seed.bm)
    p = view.proxy
    sel = view.table.selectionModel()
    for no in ("001000", "001004"):
        sel.select(
            p.index(_shown(view).index(no), 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert view.cancel_button.isEnabled() and "2" in view.cancel_button.text()
    assert not view.record_button.isEnabled()
    view.cancel_many(view.selected_items(), "客户集中销户，任务作废")
    qtbot.waitUntil(lambda: len(_shown(view)) == 3, timeout=10000)
    with agenda_seed.store.read() as s:
        gone = s.scalars(select(ServiceTask).where(ServiceTask.status == "cancelled")).all()
        assert {t.cancel_reason for t in gone} == {"客户集中销户，任务作废"} and len(gone) == 2


def test_branch_manager_picks_a_manager(qtbot: QtBot, agenda_seed: Seed, screenshot_dir: Path) -> None:
    view = _view(qtbot, agenda_seed, agenda_seed.bm)
    assert view.manager_combo.isVisible() and len(_shown(view)) == 5
    view.manager_combo.setCurrentIndex(view.manager_combo.findData(agenda_seed.im2.id))
    qtbot.waitUntil(lambda: _shown(view) == ["001004"], timeout=10000)
    assert not view.table.isColumnHidden(Col.MANAGER)
    view.grab().save(str(screenshot_dir / "agenda_branch_manager.png"))


def test_jump_to_client_and_record_touch(qtbot: QtBot, agenda_seed: Seed) -> None:
    ctx = make_ctx(agenda_seed, agenda_seed.im1)
    opened: list[str] = []
    ctx.services["open_client"] = lambda _parent, no: opened.append(no)
    view = _view(qtbot, agenda_seed, agenda_seed.im1, ctx)
    assert not view.record_button.isEnabled()
    _select(view, "001001")
    assert view.record_button.isEnabled()
    view.open_button.click()
    assert opened == ["001001"]
    dlg = view.record_touch()
    assert isinstance(dlg, TouchDialog) and dlg.task_id is not None and dlg.touch_type() == "visit"
    qtbot.addWidget(dlg)
    dlg.ui.summaryEdit.setPlainText("上门拜访")
    dlg.ui.identityCheck.setChecked(True)
    dlg.ui.needsCheck.setChecked(True)
    dlg.ui.feedbackEdit.setText("满意")
    with qtbot.waitSignal(dlg.saved, timeout=10000):
        dlg.save()
    qtbot.waitUntil(lambda: "001001" not in _shown(view), timeout=10000)


def test_cancel_task(qtbot: QtBot, agenda_seed: Seed) -> None:
    view = _view(qtbot, agenda_seed, agenda_seed.im1)
    _select(view, "001002")
    item = view.selected()
    assert item is not None
    view.cancel_with_reason(item, "客户已销户")
    qtbot.waitUntil(lambda: "001002" not in _shown(view), timeout=10000)
    with agenda_seed.store.read() as s:
        t = s.get(ServiceTask, item.task_id)
        assert t is not None and t.status == "cancelled" and t.cancel_reason == "客户已销户"


def test_on_signed_in_generates_and_shows_counts(qtbot: QtBot, agenda_seed: Seed) -> None:
    ctx = make_ctx(agenda_seed, agenda_seed.im1)
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    area.on_signed_in(ctx, window)
    button = window.statusBar().findChild(QPushButton, "todayCounts")
    assert button is not None
    # V4 clients never served: generation adds overdue recurring calls and letters for im1's 4 clients.
    qtbot.waitUntil(lambda: "逾期" in button.text() and "今日" in button.text(), timeout=15000)
    with agenda_seed.store.read() as s:
        mine = s.scalars(
            select(ServiceTask).where(
                ServiceTask.manager_id == agenda_seed.im1.id, ServiceTask.dedupe_key.like("recurring:%")
            )
        ).all()
        assert len(mine) == 4 * 3  # call, letter and visit for each of im1's four V4 clients
    navigated: list[str] = []
    ctx.bus.navigate.connect(navigated.append)
    button.click()
    assert navigated == ["tasks"]
    # the counter follows changes made on this workstation (seen stale, even after F5)
    before = button.text()
    with agenda_seed.store.transaction() as s:
        for t in s.scalars(select(ServiceTask).where(ServiceTask.manager_id == agenda_seed.im1.id)):
            t.status = "cancelled"
    ctx.bus.data_changed.emit("tasks")
    qtbot.waitUntil(lambda: button.text() != before and "逾期 0" in button.text(), timeout=10000)


def test_compliance_view_chart_and_export(
    qtbot: QtBot, qtmodeltester, agenda_seed: Seed, tmp_path: Path, screenshot_dir: Path
) -> None:
    view = ComplianceView(make_ctx(agenda_seed, agenda_seed.bm))
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    view.from_edit.setDate(view.from_edit.date().addDays(-10))
    qtbot.waitUntil(lambda: view.report is not None and view.report.start == view.period()[0], timeout=10000)
    qtmodeltester.check(view.model)
    assert view.chart is not None
    assert view.model.rowCount() > 0 and "风险测评" in view.summary.text()
    # the bars add up to what the table says is due (seen: an axis of 0-2 beside 66 due today)
    ax = view.chart.figure.axes[0]
    rows = view.report.managers()
    widths = [p.get_width() for p in ax.patches]
    assert sum(widths) == sum(r.due for r in rows)
    QApplication.processEvents()
    view.grab().save(str(screenshot_dir / "compliance_branch_manager.png"))
    view.export_to(tmp_path / "c.xlsx")
    qtbot.waitUntil(lambda: (tmp_path / "c.xlsx").exists() and view.export_button.isEnabled(), timeout=10000)
    assert "任务完成" in openpyxl.load_workbook(tmp_path / "c.xlsx").sheetnames
    own = ComplianceView(make_ctx(agenda_seed, agenda_seed.im1))
    qtbot.addWidget(own)
    assert own.chart is None


def test_plan_editor_saves_a_version(
    qtbot: QtBot, qtmodeltester, seeded_sqlite: Seed, screenshot_dir: Path
) -> None:
    ctx = make_ctx(seeded_sqlite, seeded_sqlite.bm)
    editor = PlanEditor(ctx)
    qtbot.addWidget(editor)
    editor.resize(800, 700)
    editor.show()
    qtmodeltester.check(editor.recurring)
    qtmodeltester.check(editor.events)
    rec = editor.recurring
    assert rec.rowCount() == 11 and rec.data(rec.index(0, RCol.GRADE)) == "V5"
    assert rec.data(rec.index(0, RCol.TYPE)) in ("电话回访", "账户分析报告", "面访")
    assert not rec.setData(rec.index(0, RCol.INTERVAL), 0)
    assert rec.setData(rec.index(0, RCol.INTERVAL), 21)
    editor.grade_combo.setCurrentText("V1")
    editor.type_combo.setCurrentIndex(editor.type_combo.findData("greeting"))
    editor.add_rule()
    assert rec.rowCount() == 12
    editor.add_rule()  # the same grade and service twice is refused
    assert rec.rowCount() == 12
    ev = editor.events
    enabled_col = 4
    ev.setData(ev.index(0, enabled_col), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole.value)
    editor.comment_edit.setText("V5 电话改为三周一次")
    QApplication.processEvents()
    editor.grab().save(str(screenshot_dir / "plan_editor.png"))
    editor.save()
    qtbot.waitUntil(lambda: editor.plan is not None and editor.plan.version_no == 1, timeout=10000)
    assert "版本 1" in editor.version_label.text() or "version 1" in editor.version_label.text()
    with seeded_sqlite.store.read() as s:
        row = s.scalars(select(ServicePlan)).one()
        assert {"grade": "V1", "type": "greeting", "interval_days": 90} in row.rules["recurring"]
        assert row.rules["events"][ev.keys[0]]["enabled"] is False


def test_tasks_area_pages_by_role(qtbot: QtBot, agenda_seed: Seed, screenshot_dir: Path) -> None:
    bm_page = area.create_page(make_ctx(agenda_seed, agenda_seed.bm))
    assert isinstance(bm_page, area.TasksPage)
    qtbot.addWidget(bm_page)
    assert [bm_page.tabText(i) for i in range(bm_page.count())] == [
        "待办",
        "服务记录",
        "服务合规",
        "回访与投诉",
        "适当性",
        "服务计划",
    ]
    im_page = area.create_page(make_ctx(agenda_seed, agenda_seed.im1))
    assert isinstance(im_page, area.TasksPage)
    qtbot.addWidget(im_page)
    assert [im_page.tabText(i) for i in range(im_page.count())] == [
        "待办",
        "服务记录",
        "服务合规",
        "回访与投诉",
        "适当性",
    ]
    im_page.resize(1000, 450)
    im_page.show()
    qtbot.waitUntil(lambda: im_page.agenda.agenda is not None, timeout=10000)
    im_page.grab().save(str(screenshot_dir / "tasks_area_manager.png"))
