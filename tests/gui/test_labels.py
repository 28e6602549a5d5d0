"""No literal "&" and no internal names in the texts the main areas show (Chinese UI)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QWidget
from pytestqt.qtbot import QtBot

from crm_desktop.gui.imports.models import PreviewModel
from crm_desktop.gui.main_window import MainWindow
from crm_desktop.importing.kinds import KIND_NAMES
from crm_desktop.importing.preview import Preview
from tests.factories import Seed
from tests.gui.conftest import make_ctx

_ENTITY = re.compile(r"&(?:[a-zA-Z]+|#\d+);")


def _literal_ampersand(text: str) -> bool:
    return "&" in _ENTITY.sub("", text).replace("&&", "")


def _shown_texts(page: QWidget) -> list[str]:
    """Texts that reach the screen with "&" unprocessed: labels without a buddy, item-view headers."""
    found: list[str] = []
    for label in page.findChildren(QLabel):
        if label.buddy() is None and _literal_ampersand(label.text()):
            found.append(f"label {label.objectName()!r}: {label.text()}")
    for header in page.findChildren(QHeaderView):
        model = header.model()
        if model is None or header.orientation() != Qt.Orientation.Horizontal:
            continue
        for section in range(header.count()):
            text = model.headerData(section, Qt.Orientation.Horizontal)
            if isinstance(text, str) and _literal_ampersand(text):
                found.append(f"header of {header.parent().objectName()!r}: {text}")
    return found


def test_no_literal_ampersand_in_the_main_areas(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    s = seeded_sqlite
    problems: list[str] = []
    for actor in (s.bm, s.admin, s.im1):
        win = MainWindow(make_ctx(s, actor))
        qtbot.addWidget(win)
        for row in range(win.nav.count()):
            key = str(win.nav.item(row).data(Qt.ItemDataRole.UserRole))
            win.show_area(key)
            problems += [f"{actor.login}/{key}: {p}" for p in _shown_texts(win.page(key))]
    assert not problems, "\n".join(problems)


def test_import_wizard_shows_chinese_names_not_internal_ones(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    s = seeded_sqlite
    win = MainWindow(make_ctx(s, s.admin))
    qtbot.addWidget(win)
    page = win.page("imports")
    combo = page.kind_combo  # type: ignore[attr-defined]
    shown = [combo.itemText(i) for i in range(combo.count())]
    assert shown and all(k not in t for t in shown for k in KIND_NAMES)  # "客户", never "客户 (clients)"
    model = PreviewModel()
    preview = Preview(
        path=Path("x.csv"),
        format="csv",
        encoding="UTF-8",
        sheets=(),
        sheet=None,
        headers=["客户编号"],
        rows=[(2, ["001000"])],
        kind="clients",
        candidates=("clients",),
    )
    model.set_preview(preview, {"客户编号": "client_no"})
    header = model.headerData(0, Qt.Orientation.Horizontal)
    assert "client_no" not in header and "客户号" in header
