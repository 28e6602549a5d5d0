"""The suitability register and the 360° panel, in Chinese and English, with screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from crm_desktop.gui.clients.client_view import Client360Dialog
from crm_desktop.gui.i18n import install_translators
from crm_desktop.gui.suitability.register_view import SuitabilityRegisterView
from tests.factories import Seed
from tests.gui.conftest import make_ctx
from tests.suitability_data import add_suitability_data


@pytest.fixture
def suit(seeded_sqlite: Seed) -> Seed:
    add_suitability_data(seeded_sqlite)
    return seeded_sqlite


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_register_counts_list_and_screenshot(
    qtbot: QtBot,
    qtmodeltester,
    suit: Seed,
    screenshot_dir: Path,  # type: ignore[no-untyped-def]
    lang: str,
) -> None:
    install_translators(QApplication.instance(), lang)  # type: ignore[arg-type]
    view = SuitabilityRegisterView(make_ctx(suit, suit.bm))
    qtbot.addWidget(view)
    view.resize(1100, 520)
    view.show()
    qtbot.waitUntil(lambda: view.register is not None and not view.loading, timeout=10000)
    qtmodeltester.check(view.model)
    reg = view.register
    assert reg is not None
    assert reg.counts == {"over_level": 3, "lowest_category": 1, "no_permission": 2, "assessment_expired": 1}
    assert (reg.warned, reg.unwarned) == (1, 2)
    assert view.model.rowCount() == 7
    first = view.countLabels["over_level"].text()
    assert (
        ("产品风险高于客户等级" in first)
        if lang == "zh_CN"
        else ("product above the client's level" in first)
    )
    QApplication.processEvents()
    assert view.grab().save(str(screenshot_dir / f"suitability_register_{lang}.png"))
    view.kindCombo.setCurrentIndex(view.kindCombo.findData("no_permission"))
    qtbot.waitUntil(lambda: not view.loading and view.model.rowCount() == 2, timeout=10000)
    install_translators(QApplication.instance(), "zh_CN")  # type: ignore[arg-type]


def test_investment_manager_sees_only_their_clients(qtbot: QtBot, suit: Seed) -> None:
    view = SuitabilityRegisterView(make_ctx(suit, suit.im2))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.register is not None and not view.loading, timeout=10000)
    assert {r.client_no for r in view.model.rows} == {"001005"}


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_360_panel_and_screenshot(
    qtbot: QtBot,
    qtmodeltester,
    suit: Seed,
    screenshot_dir: Path,  # type: ignore[no-untyped-def]
    lang: str,
) -> None:
    install_translators(QApplication.instance(), lang)  # type: ignore[arg-type]
    dlg = Client360Dialog(make_ctx(suit, suit.im1), "001002")
    qtbot.addWidget(dlg)
    dlg.resize(1180, 780)
    dlg.show()
    qtbot.waitUntil(lambda: not dlg.loading and dlg.suitability.data is not None, timeout=15000)
    qtmodeltester.check(dlg.suitability.model)
    dlg.ui.tabs.setCurrentWidget(dlg.suitability)
    text = dlg.suitability.summaryLabel.text()
    assert "C3" in text and "REC-2" in text and "2026-01-10" in text
    assert ("科创板" in text) if lang == "zh_CN" else ("STAR Market" in text)
    kinds = {r.kind for r in dlg.suitability.model.rows}
    assert kinds == {"over_level", "no_permission"}
    QApplication.processEvents()
    assert dlg.grab().save(str(screenshot_dir / f"suitability_360_{lang}.png"))
    install_translators(QApplication.instance(), "zh_CN")  # type: ignore[arg-type]
