"""The client book page: model, filters, sorting, keyboard, counts, export, settings, refresh."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from crm_desktop.gui.areas import clients as area
from crm_desktop.gui.clients.book_data import Col, Filters, prepare
from crm_desktop.gui.clients.book_model import CLIENT_NO_ROLE, ClientBookModel
from crm_desktop.gui.clients.book_page import ClientBookPage
from crm_desktop.gui.context import AppContext
from crm_desktop.services.auth import Actor
from crm_desktop.services.client_book import BOOK_COLUMNS, ClientBook
from tests.factories import Seed, add_client
from tests.gui.conftest import make_ctx
from tests.workspace_data import TODAY, add_workspace_data


@pytest.fixture
def ws(seeded_sqlite: Seed) -> Seed:
    add_workspace_data(seeded_sqlite)
    return seeded_sqlite


def open_page(qtbot: QtBot, seed: Seed, actor: Actor, ctx: AppContext | None = None) -> ClientBookPage:
    ctx = ctx or make_ctx(seed, actor)
    page = ClientBookPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 500)
    page.show()
    qtbot.waitUntil(lambda: page.model.book_data is not None and not page.loading, timeout=10000)
    return page


def shown(page: ClientBookPage) -> list[str]:
    m = page.model
    return [m.data(m.index(r, Col.CLIENT_NO)) for r in range(m.rowCount())]


def test_book_of_an_investment_manager(qtbot: QtBot, qtmodeltester, ws: Seed) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, ws, ws.im1)
    qtmodeltester.check(page.model)
    assert shown(page) == ["001000", "001001", "001002", "001003"]
    assert page.table.isColumnHidden(Col.MANAGER)
    assert not page.filter_ui.managerCombo.isVisible()
    m = page.model
    row = m.row_of("001000")
    assert m.data(m.index(row, Col.GRADE)) == "V5"
    assert m.data(m.index(row, Col.AVG_ASSETS)) == "8,200,000"
    assert m.data(m.index(row, Col.CHURN)) == "低"
    assert m.data(m.index(row, Col.MISMATCH)) == "匹配"
    assert m.data(m.index(row, Col.LIFECYCLE)) == "成熟"
    assert m.data(m.index(row, Col.NEXT_DUE)) == str(TODAY + timedelta(days=10))
    assert m.data(m.index(row, 0), CLIENT_NO_ROLE) == "001000"
    unscored = m.row_of("001003")
    assert m.data(m.index(unscored, Col.VALUE_SCORE)) == "—"
    assert "未评分" in m.data(m.index(unscored, Col.VALUE_SCORE), Qt.ItemDataRole.ToolTipRole)
    overdue = m.row_of("001001")
    assert m.data(m.index(overdue, Col.NEXT_DUE), Qt.ItemDataRole.FontRole).bold()
    assert page.count_label.text() == "显示 4 / 共 4 位客户"
    assert m.headerData(Col.GRADE, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


def test_filters_and_quick_filters(qtbot: QtBot, ws: Seed) -> None:
    page = open_page(qtbot, ws, ws.im1)
    ui = page.filter_ui
    qtbot.keyClicks(ui.filterEdit, "1001")  # typed: each keystroke narrows
    assert shown(page) == ["001001"]
    ui.filterEdit.setText("李")  # QTest cannot type CJK; input methods set the text
    assert shown(page) == ["001001"]
    ui.filterEdit.setText("00100")
    assert len(shown(page)) == 4
    ui.filterEdit.setText("5678")  # last digits of the phone
    assert len(shown(page)) == 4
    ui.filterEdit.setText("13812345678")  # the full number is not in the book at all
    assert shown(page) == []
    ui.filterEdit.clear()
    ui.gradeCombo.setCurrentIndex(ui.gradeCombo.findData("V5"))
    assert shown(page) == ["001000"]
    ui.gradeCombo.setCurrentIndex(0)
    ui.churnCombo.setCurrentIndex(ui.churnCombo.findData("high"))
    assert shown(page) == ["001001"]
    ui.churnCombo.setCurrentIndex(0)
    ui.overdueCheck.setChecked(True)
    assert shown(page) == ["001001"]
    ui.overdueCheck.setChecked(False)
    ui.mismatchCheck.setChecked(True)
    assert shown(page) == ["001001"]
    ui.lifecycleCombo.setCurrentIndex(ui.lifecycleCombo.findData("new"))
    assert shown(page) == []
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Escape)
    assert len(shown(page)) == 4 and not ui.mismatchCheck.isChecked()


def test_sorting_keeps_unscored_last(qtbot: QtBot, ws: Seed) -> None:
    page = open_page(qtbot, ws, ws.im1)
    page.table.sortByColumn(Col.VALUE_SCORE, Qt.SortOrder.DescendingOrder)
    assert shown(page) == ["001000", "001001", "001002", "001003"]
    page.table.sortByColumn(Col.VALUE_SCORE, Qt.SortOrder.AscendingOrder)
    assert shown(page) == ["001002", "001001", "001000", "001003"]
    page.table.sortByColumn(Col.NAME, Qt.SortOrder.AscendingOrder)
    # pinyin order: li si, wang wu, zhang san, zhao liu
    assert shown(page) == ["001001", "001002", "001000", "001003"]


def test_branch_manager_filters_by_manager(qtbot: QtBot, ws: Seed) -> None:
    page = open_page(qtbot, ws, ws.bm)
    assert len(shown(page)) == 6 and not page.table.isColumnHidden(Col.MANAGER)
    combo = page.filter_ui.managerCombo
    assert [combo.itemText(i) for i in range(combo.count())][1:] == sorted(["李投顾", "赵经理"])
    combo.setCurrentIndex(combo.findData(ws.im2.id))
    assert shown(page) == ["001004", "001005"]
    m = page.model
    assert m.data(m.index(0, Col.MANAGER)) == "赵经理"


def test_admin_book_is_masked(qtbot: QtBot, ws: Seed) -> None:
    page = open_page(qtbot, ws, ws.admin)
    m = page.model
    assert {m.data(m.index(r, Col.NAME)) for r in range(m.rowCount())} == {
        "张*",
        "李*",
        "王*",
        "赵*",
        "钱*",
        "孙*",
    }
    page.filter_ui.filterEdit.setText("5678")
    assert shown(page) == []


def test_keyboard_find_down_enter_and_double_click(qtbot: QtBot, ws: Seed) -> None:
    ctx = make_ctx(ws, ws.im1)
    opened: list[str] = []
    ctx.services["open_client"] = lambda parent, no: opened.append(no)
    page = open_page(qtbot, ws, ws.im1, ctx)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.filter_ui.filterEdit
    qtbot.keyClicks(page.filter_ui.filterEdit, "1002")
    qtbot.keyClick(page.filter_ui.filterEdit, Qt.Key.Key_Return)
    assert opened == ["001002"]
    page.filter_ui.filterEdit.clear()
    qtbot.keyClick(page.filter_ui.filterEdit, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened[-1] == "001001"
    rect = page.table.visualRect(page.model.index(2, Col.NAME))
    # a real double-click starts with a press and release
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened[-1] == "001002"
    # Esc in the table clears filters but keeps the current client selected
    page.filter_ui.gradeCombo.setCurrentIndex(page.filter_ui.gradeCombo.findData("V1"))
    qtbot.keyClick(page.table, Qt.Key.Key_Escape)
    assert page.filter_ui.gradeCombo.currentIndex() == 0


def test_selection_counts_and_assets(qtbot: QtBot, ws: Seed) -> None:
    page = open_page(qtbot, ws, ws.bm)
    assert page.count_label.text() == "显示 6 / 共 6 位客户"
    # latest assets: 8.2m + 0.65m + 0.03m + 3.1m; unscored clients count 0
    assert "11,980,000" in page.selection_label.text()
    m = page.model
    sm = page.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    sm.select(m.index(m.row_of("001000"), 0), flags)
    sm.select(m.index(m.row_of("001004"), 0), flags)
    assert page.selection_label.text() == "已选 2 位 · 总资产 11,300,000"
    page.filter_ui.filterEdit.setText("钱")
    assert page.count_label.text() == "显示 1 / 共 6 位客户"


def test_export_current_view(qtbot: QtBot, ws: Seed, tmp_path: Path) -> None:
    page = open_page(qtbot, ws, ws.bm)
    page.table.sortByColumn(Col.VALUE_SCORE, Qt.SortOrder.DescendingOrder)
    page.filter_ui.churnCombo.setCurrentIndex(page.filter_ui.churnCombo.findData("low"))
    out = tmp_path / "view.csv"
    page.export_to(out)
    qtbot.waitUntil(lambda: page.last_export.done, timeout=10000)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][0] == "客户号"
    assert [r[0] for r in rows[1:]] == ["001000", "001004"]
    xlsx = tmp_path / "view.xlsx"
    page.export_to(xlsx)
    qtbot.waitUntil(lambda: page.last_export.done, timeout=10000)
    from openpyxl import load_workbook

    values = list(load_workbook(xlsx).active.iter_rows(values_only=True))
    assert [v[0] for v in values[1:]] == ["001000", "001004"] and values[1][4] == pytest.approx(92.5)


def test_filters_and_columns_are_remembered(qtbot: QtBot, ws: Seed) -> None:
    ctx = make_ctx(ws, ws.bm)
    page = open_page(qtbot, ws, ws.bm, ctx)
    page.filter_ui.filterEdit.setText("00100")
    page.filter_ui.managerCombo.setCurrentIndex(page.filter_ui.managerCombo.findData(ws.im1.id))
    page.filter_ui.overdueCheck.setChecked(True)
    page.table.horizontalHeader().resizeSection(Col.NAME, 321)
    page.table.horizontalHeader().moveSection(Col.GRADE, 0)
    page.save_state()
    again = open_page(qtbot, ws, ws.bm, make_ctx(ws, ws.bm))
    assert again.filter_ui.filterEdit.text() == "00100" and again.filter_ui.overdueCheck.isChecked()
    assert again.filter_ui.managerCombo.currentData() == ws.im1.id
    assert shown(again) == ["001001"]
    hh = again.table.horizontalHeader()
    assert hh.sectionSize(Col.NAME) == 321 and hh.visualIndex(Col.GRADE) == 0


def test_refresh_shows_changes_from_elsewhere(qtbot: QtBot, ws: Seed) -> None:
    ctx = make_ctx(ws, ws.im1)
    page = open_page(qtbot, ws, ws.im1, ctx)
    page.table.setCurrentIndex(page.model.index(page.model.row_of("001002"), 0))
    add_client(ws.store, "000999", branch_id=1, manager_id=ws.im1.id, name="周九")
    ctx.bus.refresh_requested.emit()
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=10000)
    assert page.model.client_no(page.table.currentIndex().row()) == "001002"  # selection kept
    # a hidden page does not reload on every tick, but does when shown again
    page.hide()
    add_client(ws.store, "000998", branch_id=1, manager_id=ws.im1.id, name="吴十")
    ctx.bus.refresh_requested.emit()
    assert page.model.rowCount() == 5
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 6, timeout=10000)


def test_unscored_store_says_so(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    page = open_page(qtbot, seeded_sqlite, seeded_sqlite.im1)
    assert page.banner.isVisible() and "评分" in page.banner.text()
    assert page.model.rowCount() == 4


def test_register_actions_sets_open_client(ws: Seed) -> None:
    ctx = make_ctx(ws, ws.im1)
    area.register_actions(ctx)
    assert callable(ctx.services["open_client"])


def _synthetic_book(n: int, seed: int = 7) -> ClientBook:
    rng = np.random.default_rng(seed)
    scored = rng.random(n) < 0.9
    frame = pd.DataFrame(
        {
            "client_id": np.arange(1, n + 1),
            "client_no": [f"{i:08d}" for i in range(n)],
            "name": rng.choice(["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "Anna Li"], n),
            "manager_id": rng.integers(1, 5, n).astype(float),
            "manager_login": "m",
            "manager_name": "经理",
            "grade": np.where(scored, rng.choice(["V1", "V2", "V3", "V4", "V5"], n), ""),
            "value_score": np.where(scored, rng.random(n) * 100, np.nan),
            "avg_assets": np.where(scored, rng.random(n) * 1e7, np.nan),
            "latest_assets": np.where(scored, rng.random(n) * 1e7, np.nan),
            "commission_12m": np.where(scored, rng.random(n) * 1e5, np.nan),
            "churn_risk": np.where(scored, rng.choice(["high", "medium", "low"], n), ""),
            "risk_level": rng.choice(["C1", "C2", "C3", "C4", "C5"], n),
            "mismatch": np.where(scored, (rng.random(n) < 0.1).astype(float), np.nan),
            "lifecycle": np.where(scored, rng.choice(["new", "growing", "mature"], n), ""),
            "status": "active",
            "last_touch": pd.to_datetime(rng.integers(1.6e9, 1.75e9, n), unit="s", utc=True),
            "next_due": pd.to_datetime(rng.integers(19000, 20500, n), unit="D"),
            "overdue": rng.random(n) < 0.2,
            "phone_tail": [f"{x:04d}" for x in rng.integers(0, 10000, n)],
        }
    )
    return ClientBook(
        frame=frame.loc[:, list(BOOK_COLUMNS)],
        run_id=1,
        run_as_of=date(2025, 6, 30),
        show_manager=True,
        personal_data=True,
        today=date(2025, 6, 30),
    )


def test_numpy_filter_and_sort_match_pandas(qapp) -> None:  # type: ignore[no-untyped-def]
    book = _synthetic_book(5000)
    data = prepare(book, "zh_CN")
    model = ClientBookModel()
    model.set_book(data)
    f = book.frame
    for text in ("1", "12", "123", "王", "anna", "12"):  # narrowing, then widening again from the cache
        model.set_filters(Filters(text=text, grade="V3", overdue=True))
        hay = f["client_no"] + "|" + f["name"].str.lower() + "|" + f["phone_tail"]
        want = f[hay.str.contains(text) & (f["grade"] == "V3") & f["overdue"]]
        assert sorted(model.view_rows().tolist()) == want.index.tolist()
    model.set_filters(Filters(churn="high"))
    model.sort(Col.AVG_ASSETS, Qt.SortOrder.DescendingOrder)
    got = f.loc[model.view_rows(), "avg_assets"].to_numpy()
    assert (np.diff(got) <= 0).all() and (f.loc[model.view_rows(), "churn_risk"] == "high").all()
    model.sort(Col.LAST_TOUCH, Qt.SortOrder.AscendingOrder)
    t = f.loc[model.view_rows(), "last_touch"]
    assert t.is_monotonic_increasing
    model.set_filters(Filters())
    model.sort(Col.VALUE_SCORE, Qt.SortOrder.AscendingOrder)
    vs = f.loc[model.view_rows(), "value_score"].to_numpy()
    k = int(np.isnan(vs).sum())
    assert k > 0 and np.isnan(vs[-k:]).all() and (np.diff(vs[:-k]) >= 0).all()


def test_first_screen_then_whole_book(qtbot: QtBot, ws: Seed, monkeypatch: pytest.MonkeyPatch) -> None:
    import crm_desktop.gui.clients.book_page as bp

    monkeypatch.setattr(bp, "FIRST_SCREEN", 2)
    ctx = make_ctx(ws, ws.bm)
    page = ClientBookPage.__new__(ClientBookPage)
    seen: list[tuple[int, str, bool]] = []

    def record() -> None:
        seen.append((page.model.rowCount(), page.count_label.text(), page.filter_ui.exportButton.isEnabled()))

    original = ClientBookPage._update_counts

    def spy(self: ClientBookPage) -> None:
        original(self)
        record()

    monkeypatch.setattr(ClientBookPage, "_update_counts", spy)
    ClientBookPage.__init__(page, ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.book_data is not None and not page.loading, timeout=10000)
    assert (2, "前 2 位客户；正在加载其余客户…", False) in seen
    assert seen[-1] == (6, "显示 6 / 共 6 位客户", True)
