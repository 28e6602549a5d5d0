"""Theme and font-size settings: the palette, the charts and the app font follow them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from matplotlib.colors import to_hex
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from crm_desktop.gui import settings as opts
from crm_desktop.gui.areas import dashboard
from crm_desktop.gui.areas.settings import GeneralTab
from crm_desktop.gui.theme import is_dark
from tests.factories import Seed
from tests.gui.conftest import make_ctx
from tests.gui.test_dashboard import _scored


@pytest.fixture
def restore_look(qapp: QApplication) -> Iterator[None]:
    style, palette, font = qapp.style().name(), QPalette(qapp.palette()), qapp.font()
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)


def test_theme_switch_changes_palette_and_charts(
    qtbot: QtBot, qapp: QApplication, seeded_sqlite: Seed, restore_look: None
) -> None:
    s = seeded_sqlite
    _scored(s)
    ctx = make_ctx(s, s.bm)
    tab = GeneralTab(ctx)
    qtbot.addWidget(tab)
    page = dashboard.DashboardPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    qtbot.waitUntil(lambda: page.loaded, timeout=20000)
    chart = page.findChild(dashboard.ChartView)
    assert chart is not None

    tab.theme.setCurrentIndex(tab.theme.findData("light"))
    assert not is_dark(qapp.palette())
    light_bg = to_hex(chart.figure.get_facecolor())
    assert light_bg == qapp.palette().color(QPalette.ColorRole.Window).name()

    tab.theme.setCurrentIndex(tab.theme.findData("dark"))
    assert opts.THEME.get(ctx.settings) == "dark"
    assert is_dark(qapp.palette())
    qapp.processEvents()
    dark_bg = to_hex(chart.figure.get_facecolor())
    assert dark_bg != light_bg and dark_bg == qapp.palette().color(QPalette.ColorRole.Window).name()
    for ax in chart.figure.get_axes():
        assert to_hex(ax.get_facecolor()) == dark_bg  # no white charts on dark
        for label in ax.get_yticklabels():
            assert to_hex(label.get_color()) == qapp.palette().color(QPalette.ColorRole.WindowText).name()


def test_font_scale(qtbot: QtBot, qapp: QApplication, seeded_sqlite: Seed, restore_look: None) -> None:
    ctx = make_ctx(seeded_sqlite, seeded_sqlite.bm)
    tab = GeneralTab(ctx)
    qtbot.addWidget(tab)
    before = qapp.font().pointSizeF()
    tab.font_scale.setValue(150)
    assert opts.FONT_SCALE.get(ctx.settings) == 150
    assert qapp.font().pointSizeF() > before * 1.3
    tab.font_scale.setValue(100)
    assert abs(qapp.font().pointSizeF() - before) < 0.6
