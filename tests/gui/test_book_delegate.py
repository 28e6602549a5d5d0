"""The client book's delegate draws what Qt's own delegate draws, from one model call per cell, and follows
changes of palette and font."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QApplication, QStyledItemDelegate
from pytestqt.qtbot import QtBot

from crm_desktop.gui.clients.book_data import Col
from crm_desktop.gui.clients.book_delegate import BookDelegate
from crm_desktop.gui.clients.book_page import ClientBookPage
from tests.factories import Seed
from tests.gui.conftest import make_ctx
from tests.gui.test_client_360 import _dark_palette
from tests.workspace_data import add_workspace_data


@pytest.fixture
def page(qtbot: QtBot, seeded_sqlite: Seed) -> Iterator[ClientBookPage]:
    add_workspace_data(seeded_sqlite)
    p = ClientBookPage(make_ctx(seeded_sqlite, seeded_sqlite.bm))
    qtbot.addWidget(p)
    p.resize(1200, 360)
    p.show()
    qtbot.waitUntil(lambda: p.model.book_data is not None and not p.loading, timeout=10000)
    yield p


def _pixels(image: QImage) -> np.ndarray:
    img = image.convertToFormat(QImage.Format.Format_RGB32)
    raw = np.frombuffer(img.constBits(), dtype=np.uint8).reshape(img.height(), img.bytesPerLine() // 4, 4)
    return raw[:, : img.width(), :3].astype(np.int16)


def _render(qtbot: QtBot, page: ClientBookPage, delegate: Any) -> np.ndarray:
    page.table.setItemDelegate(delegate)
    qtbot.wait(20)
    return _pixels(page.table.viewport().grab().toImage())


@pytest.mark.parametrize("variant", ["light", "dark", "large font"])
def test_cells_look_like_qts_own_delegate(qtbot: QtBot, page: ClientBookPage, variant: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old_palette = app.palette()
    ours = page.delegate
    try:
        if variant == "dark":
            app.setPalette(_dark_palette())  # reaches the delegate as a palette change of the view
        if variant == "large font":
            font = QFont(page.table.font())
            font.setPointSizeF(font.pointSizeF() * 1.6)
            page.table.setFont(font)
        table = page.table
        table.horizontalHeader().resizeSection(Col.NAME, 30)  # names elided
        table.selectRow(0)
        table.setCurrentIndex(page.model.index(2, Col.AVG_ASSETS))  # current cell: focus frame
        table.setFocus()
        mine = _render(qtbot, page, ours)
        qts = _render(qtbot, page, QStyledItemDelegate(table))
        assert mine.shape == qts.shape
        differs = (np.abs(mine - qts).sum(axis=2) > 30).mean()
        assert differs < 0.002, f"{differs:.2%} of the pixels differ from Qt's delegate"
        if variant == "dark":
            ink = mine.sum(axis=2)
            assert ink.mean() < 3 * 110  # mostly dark, with light text drawn on it
    finally:
        app.setPalette(old_palette)
        page.table.setItemDelegate(ours)


def test_one_model_call_per_cell_and_no_role_queries(
    qtbot: QtBot, page: ClientBookPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = page.model
    calls = {"data": 0, "cell": 0}
    real_cell = model.cell

    def counted_data(*_args: Any, **_kwargs: Any) -> Any:
        calls["data"] += 1
        return None

    def counted_cell(row: int, column: int) -> tuple[str, bool, bool]:
        calls["cell"] += 1
        return real_cell(row, column)

    monkeypatch.setattr(model, "data", counted_data)
    monkeypatch.setattr(model, "cell", counted_cell)
    page.table.viewport().repaint()
    visible_rows = model.rowCount()
    visible_columns = sum(not page.table.isColumnHidden(c) for c in range(model.columnCount()))
    assert calls["cell"] == visible_rows * visible_columns and calls["data"] == 0
    assert isinstance(page.table.itemDelegate(), BookDelegate)


def test_cell_gives_text_alignment_and_weight(page: ClientBookPage) -> None:
    m = page.model
    rows = {m.client_no(r): r for r in range(m.rowCount())}
    text, right, bold = m.cell(rows["001000"], Col.AVG_ASSETS)
    assert (text, right, bold) == (m.data(m.index(rows["001000"], Col.AVG_ASSETS)), True, False)
    assert m.cell(rows["001001"], Col.CHURN)[2] is True  # high churn risk is bold
    assert m.cell(rows["001001"], Col.NAME) == ("李四", False, False)
    assert m.cell(-1, 0) == ("", False, False) and m.cell(0, 99) == ("", False, False)
