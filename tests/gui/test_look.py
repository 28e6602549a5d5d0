"""Look and feel of the shell: bundled icons tinted for the palette, no dead strip beside the navigation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from crm_desktop.gui.icons import area_icon, available
from crm_desktop.gui.main_window import MainWindow, area_specs
from crm_desktop.gui.theme import apply_theme
from crm_desktop.paths import resource
from tests.factories import Seed
from tests.gui.conftest import make_ctx


@pytest.fixture
def restore_look(qapp: QApplication) -> Iterator[None]:
    style, palette = qapp.style().name(), QPalette(qapp.palette())
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)


def _ink_lightness(name: str, palette: QPalette) -> int:
    """Lightness of the darkest/lightest drawn (non-transparent) pixel's average of an icon."""
    image = area_icon(name, palette).pixmap(32, 32).toImage()
    values = [
        image.pixelColor(x, y).lightness()
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 200
    ]
    assert values, f"icon {name} draws nothing"
    return sum(values) // len(values)


def test_every_area_has_a_bundled_icon_and_the_licence_is_shipped() -> None:
    assert resource("icons", "LICENSE.txt").is_file()
    for spec in area_specs():
        assert available(spec.key), spec.key


def test_icons_follow_the_theme(
    qtbot: QtBot, qapp: QApplication, seeded_sqlite: Seed, restore_look: None
) -> None:
    apply_theme(qapp, "light")
    assert _ink_lightness("imports", qapp.palette()) < 100  # dark ink on light
    win = MainWindow(make_ctx(seeded_sqlite, seeded_sqlite.admin))
    qtbot.addWidget(win)
    assert all(not win.nav.item(i).icon().isNull() for i in range(win.nav.count()))
    apply_theme(qapp, "dark")
    qapp.processEvents()
    assert _ink_lightness("imports", qapp.palette()) > 160  # the import arrow is visible on dark
    row = [win.nav.item(i).data(0x0100) for i in range(win.nav.count())].index("imports")
    image = win.nav.item(row).icon().pixmap(32, 32).toImage()
    inked = [
        image.pixelColor(x, y).lightness()
        for x in range(32)
        for y in range(32)
        if image.pixelColor(x, y).alpha() > 200
    ]
    assert inked and sum(inked) / len(inked) > 160  # the window re-tinted its navigation


def test_no_dead_strip_between_navigation_and_page(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    win = MainWindow(make_ctx(seeded_sqlite, seeded_sqlite.bm))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    gap = win.stack.geometry().left() - win.nav.geometry().right() - 1
    assert gap <= win.splitter.handleWidth() + 1
    # the navigation is not much wider than its longest entry
    assert win.nav.width() <= win.nav.sizeHintForColumn(0) + 2 * win.nav.frameWidth() + 40


def test_add_staff_dialog_opens_at_least_at_its_size_hint(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    from crm_desktop.gui.areas.settings import AddUserDialog

    dlg = AddUserDialog(make_ctx(seeded_sqlite, seeded_sqlite.admin))
    qtbot.addWidget(dlg)
    hint = dlg.sizeHint()
    assert dlg.width() >= hint.width() and dlg.height() >= hint.height()
    assert dlg.width() > 300  # not the 234x163 it used to open at
