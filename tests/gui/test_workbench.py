"""The workbench page, the command bar, quick add and the shortcuts (pytest-qt; the clock is fixed)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from crm_desktop.gui.context import ClientActionSpec
from crm_desktop.gui.main_window import MainWindow
from crm_desktop.gui.workbench import models
from crm_desktop.gui.workbench.command_bar import CommandBar
from crm_desktop.gui.workbench.page import WorkbenchPage
from crm_desktop.gui.workbench.shortcuts import shortcut_list
from crm_desktop.services import workbench
from tests.branch_data import add_run
from tests.factories import Seed
from tests.fixed_clock import TODAY
from tests.gui.conftest import make_ctx
from tests.services.service_helpers import add_task

C = ["001000", "001001", "001002", "001003", "001004", "001005"]


def _work(seed: Seed) -> None:
    c = seed.clients
    add_run(seed.store, {}, {c[C[0]]: ("V1", 1000, "low"), c[C[1]]: ("V5", 9_000_000, "low")})
    add_task(seed.store, c[C[0]], seed.im1.id, "risk_reassessment", TODAY - timedelta(days=30), "a")
    add_task(seed.store, c[C[1]], seed.im1.id, "phone_call", TODAY, "b")


def _loaded(qtbot: QtBot, page: WorkbenchPage) -> None:
    page.reload()
    qtbot.waitUntil(lambda: page.loaded, timeout=10000)


def test_models_pass_qtmodeltester(qtmodeltester: Any, seeded_sqlite: Seed) -> None:
    s = seeded_sqlite
    _work(s)
    wb = workbench.build_workbench(s.store, s.im1, TODAY)
    work = models.WorkModel()
    work.set_rows(wb.work)
    qtmodeltester.check(work)
    assert work.columnCount() == len(models.WorkCol)
    assert work.index(0, models.WorkCol.CLIENT).data().startswith(C[1])  # V5 first
    assert work.index(1, models.WorkCol.OVERDUE).data() == "30 天"
    assert work.index(0, models.WorkCol.OVERDUE).data() == "今天到期"
    assert work.index(1, models.WorkCol.OVERDUE).data(Qt.ItemDataRole.ForegroundRole) is not None
    for model_cls, rows in (
        (models.AlertModel, [workbench.Alert("x", 1, "标题", "明细", "clients")]),
        (models.ActivityModel, wb.activity),
        (models.ApprovalModel, []),
        (models.ManagerModel, [workbench.ManagerAttention(1, "im1", "李", 3, None, 0, "逾期 3 项")]),
        (models.ImportModel, []),
        (models.RunModel, workbench.build_workbench(s.store, s.admin, TODAY).runs),
    ):
        model = model_cls()
        model.set_rows(rows)  # type: ignore[arg-type]
        qtmodeltester.check(model)
        assert model.columnCount() == len(model.Col)
    manager = models.ManagerModel()
    manager.set_rows([workbench.ManagerAttention(1, "im1", "李", 3, None, 0, "逾期 3 项")])
    assert manager.index(0, models.ManagerCol.ON_TIME).data() == "数据不足"


def test_money_shown_in_yuan_or_wan() -> None:
    assert models.money_parts(453.69) == ("453.69", "元")
    assert models.money_parts(116_033_303.64) == ("11,603.33", "万元")
    assert models.money_parts(-1_770_000, signed=True) == ("-177.00", "万元")


def test_investment_manager_page_loads_and_opens_the_touch_form(
    qtbot: QtBot, seeded_sqlite: Seed, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = seeded_sqlite
    _work(s)
    page = WorkbenchPage(make_ctx(s, s.im1))
    qtbot.addWidget(page)
    _loaded(qtbot, page)
    assert page.work_model.rowCount() == 2
    assert "逾期 1 项" in page.work_group.title() and "今天到期 1 项" in page.work_group.title()
    # figures without account data say so, never 0
    cards = {page.figures_row.itemAt(i).widget().objectName() for i in range(page.figures_row.count())}
    assert cards == {"figure_clients", "figure_assets", "figure_net_inflow", "figure_commission"}
    assets = page.findChild(QLabel, "value", Qt.FindChildOption.FindChildrenRecursively)
    texts = [w.text() for w in page.findChildren(QLabel, "value")]
    assert assets is not None and texts.count("数据不足") == 3
    opened: list[tuple[str, Any]] = []
    monkeypatch.setattr(
        "crm_desktop.gui.workbench.page.open_touch_form",
        lambda ctx, parent, client_no, **kw: opened.append((client_no, kw)),
    )
    page.work_view.activated.emit(page.work_model.index(0, 0))
    assert opened[0][0] == C[1] and opened[0][1]["task_type"] == "phone_call" and opened[0][1]["task_id"]


def test_branch_manager_page_shows_compliance_glance(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    s = seeded_sqlite
    add_task(s.store, s.clients[C[0]], s.im1.id, "phone_call", TODAY, "today")
    add_task(s.store, s.clients[C[4]], s.im2.id, "phone_call", TODAY - timedelta(days=3), "late")
    ctx = make_ctx(s, s.bm)
    page = WorkbenchPage(ctx)
    qtbot.addWidget(page)
    _loaded(qtbot, page)
    glance = page.glance.text()
    # this month (1 December) has only a task due today, not missed yet: no rate, and never 0 %
    assert "按时率" in glance and "数据不足" in glance and "0%" not in glance
    assert page.manager_model.rowCount() == 1 and page.manager_model.row_at(0).login == "im2"
    assert page.approval_model.rowCount() == 0
    # a change anywhere reloads a visible workbench, and marks a hidden one stale
    page.loaded = False
    ctx.bus.data_changed.emit("tasks")
    assert page._stale


def test_admin_page_shows_store_health(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    page = WorkbenchPage(make_ctx(seeded_sqlite, seeded_sqlite.admin))
    qtbot.addWidget(page)
    _loaded(qtbot, page)
    assert "结构版本" in page.glance.text() and "未知" in page.glance.text()
    assert page.alert_model.rowCount() == 1  # no scoring run yet


def test_alert_opens_the_area_or_the_client(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    s = seeded_sqlite
    ctx = make_ctx(s, s.im1)
    opened: list[str] = []
    ctx.services["open_client"] = lambda parent, no: opened.append(no)
    areas: list[str] = []
    ctx.bus.navigate.connect(areas.append)
    page = WorkbenchPage(ctx)
    qtbot.addWidget(page)
    page.alert_model.set_rows(
        [
            workbench.Alert("complaints", 2, "t", area="complaints"),
            workbench.Alert("x", 1, "t", client_no=C[0]),
        ]
    )
    page._alert_activated(page.alert_model.index(0, 0))
    page._alert_activated(page.alert_model.index(1, 0))
    assert areas == ["complaints"] and opened == [C[0]]


def test_main_window_opens_on_the_workbench_with_shortcuts(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    s = seeded_sqlite
    win = MainWindow(make_ctx(s, s.bm))
    qtbot.addWidget(win)
    assert win.current_area() == "workbench"
    names = {a.objectName() for a in win.shortcut_actions}
    assert {
        "commandBarShortcut",
        "quickAddShortcut",
        "helpShortcut",
        "areaShortcut1",
        "areaShortcut9",
    } <= names
    next(a for a in win.shortcut_actions if a.objectName() == "areaShortcut2").trigger()
    assert win.current_area() == "clients"
    from crm_desktop.gui.workbench.command_bar import window_areas

    assert [k for k, _t in window_areas(win)][:2] == ["workbench", "clients"]
    rows = shortcut_list(win)
    assert rows[0][0] == "Ctrl+K" and any(k == "Ctrl+2" and "客户" in v for k, v in rows)
    # an administrator has no quick add (no touches) but the same command bar
    admin = MainWindow(make_ctx(s, s.admin))
    qtbot.addWidget(admin)
    assert "quickAddShortcut" not in {a.objectName() for a in admin.shortcut_actions}


def test_command_bar_finds_clients_and_opens_them(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    s = seeded_sqlite
    ctx = make_ctx(s, s.im1)
    opened: list[str] = []
    ctx.services["open_client"] = lambda parent, no: opened.append(no)
    bar = CommandBar(ctx, areas=[("workbench", "工作台"), ("clients", "客户")])
    qtbot.addWidget(bar)
    # areas and actions are there before anything is typed
    assert any(e.kind == "area" and e.key == "workbench" for e in bar.entries())
    bar.edit.setText("张三")
    qtbot.waitUntil(lambda: any(e.kind == "client" for e in bar.entries()), timeout=10000)
    assert [e.key for e in bar.entries() if e.kind == "client"] == [C[0]]
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert opened == [C[0]]


def test_command_bar_goes_to_an_area(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    s = seeded_sqlite
    ctx = make_ctx(s, s.im1)
    areas: list[str] = []
    ctx.bus.navigate.connect(areas.append)
    bar = CommandBar(ctx, areas=[("workbench", "工作台"), ("approvals", "审批")])
    qtbot.addWidget(bar)
    bar.edit.setText("审批")
    first = bar.entries()[0]
    assert first.kind == "area" and first.key == "approvals"
    bar.activate_current()
    assert areas == ["approvals"]


def test_quick_add_records_a_touch_for_the_chosen_client(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    s = seeded_sqlite
    ctx = make_ctx(s, s.im1)
    chosen: list[str] = []
    ctx.client_actions["record_touch"] = ClientActionSpec(
        "record_touch", "记录服务", lambda parent, no: chosen.append(no), roles=("investment_manager",)
    )
    bar = CommandBar(ctx, quick_add=True)
    qtbot.addWidget(bar)
    assert bar.action_key == "record_touch" and bar.mode_label.isVisibleTo(bar)
    bar.edit.setText(C[1])
    qtbot.waitUntil(lambda: bool(bar.entries()), timeout=10000)
    assert all(e.kind == "client" for e in bar.entries())  # only clients while choosing one
    bar.activate_current()
    assert chosen == [C[1]]


def test_quick_add_offers_a_note_and_keeps_it_with_the_client(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    from crm_desktop.gui.clients.note_dialog import NoteDialog, note_action
    from crm_desktop.services import notes

    s = seeded_sqlite
    ctx = make_ctx(s, s.im1)
    ctx.client_actions["record_touch"] = ClientActionSpec(
        "record_touch", "记录服务", lambda parent, no: None, roles=("investment_manager",)
    )
    ctx.client_actions["add_note"] = note_action(ctx)
    bar = CommandBar(ctx, quick_add=True)
    qtbot.addWidget(bar)
    assert list(bar.kind_buttons) == ["record_touch", "add_note"] and bar.kind_row.isVisibleTo(bar)
    bar.kind_buttons["add_note"].setChecked(True)
    assert bar.action_key == "add_note"
    bar.edit.setText(C[0])
    qtbot.waitUntil(lambda: bool(bar.entries()), timeout=10000)
    bar.activate_current()
    dialog = next(w for w in bar.parentWidget().findChildren(NoteDialog)) if bar.parentWidget() else None
    if dialog is None:
        from PySide6.QtWidgets import QApplication

        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, NoteDialog))
    qtbot.addWidget(dialog)
    assert dialog.client_no == C[0] and not dialog.save_button.isEnabled()  # empty: nothing to save
    changed: list[str] = []
    ctx.bus.data_changed.connect(changed.append)
    dialog.edit.setPlainText("偏好下午四点后来电")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    assert changed == ["notes"]
    assert [n.text for n in notes.list_notes(s.store, s.im1, C[0])] == ["偏好下午四点后来电"]


def test_quick_add_kinds_follow_the_role(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    from crm_desktop.gui.clients.note_dialog import note_action

    s = seeded_sqlite
    ctx = make_ctx(s, s.admin)
    ctx.client_actions["add_note"] = note_action(ctx)
    bar = CommandBar(ctx, quick_add=True)
    qtbot.addWidget(bar)
    assert bar.kind_buttons == {} and bar.action_key is None
    assert bar.status.text()  # says the action is not available


def test_overdue_is_red_only_when_there_is_something_overdue(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    from PySide6.QtWidgets import QFrame

    from crm_desktop.gui.theme import overdue_colour, overdue_count_html

    assert overdue_count_html(0) == "0" and "color" in overdue_count_html(3)
    s = seeded_sqlite
    add_task(s.store, s.clients[C[0]], s.im1.id, "phone_call", TODAY, "today")
    ctx = make_ctx(s, s.bm)
    page = WorkbenchPage(ctx)
    qtbot.addWidget(page)
    _loaded(qtbot, page)
    red = overdue_colour(page.palette()).name()

    def card() -> QLabel:
        frames = page.findChildren(QFrame, "figure_overdue")  # the newest card (old ones await deletion)
        assert frames
        frame = frames[-1]
        label = frame.findChild(QLabel, "value")
        assert label is not None
        return label

    # nothing overdue: the count reads 0 in the normal text colour, in the card and in the glance
    assert card().text().split()[0] == "0" and "color" not in card().styleSheet()
    assert red not in page.glance.text() and "color:" not in page.glance.text()
    # a task due today is not overdue: not red in today's work either
    assert page.work_model.index(0, models.WorkCol.OVERDUE).data(Qt.ItemDataRole.ForegroundRole) is None
    add_task(s.store, s.clients[C[4]], s.im2.id, "phone_call", TODAY - timedelta(days=3), "late")
    page.loaded = False
    _loaded(qtbot, page)
    assert card().text().split()[0] == "1" and red in card().styleSheet()
    # (the glance counts this month only, and "today" is the 1st here: its missed count uses the same
    # helper, checked on its own above)
