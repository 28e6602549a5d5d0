"""Recording a special risk warning from the 360° view's suitability tab (issue #14 follow-up)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from crm_desktop.db.models import RiskWarning, Touch
from crm_desktop.gui import qdates
from crm_desktop.gui.clients.client_view import Client360Dialog
from crm_desktop.gui.i18n import install_translators
from crm_desktop.gui.suitability.panel import SuitabilityPanel
from crm_desktop.gui.suitability.warning_dialog import WarningDialog
from crm_desktop.services.auth import Actor
from tests.factories import Seed
from tests.fixed_clock import TODAY
from tests.gui.conftest import make_ctx
from tests.suitability_data import add_suitability_data


@pytest.fixture
def suit(seeded_sqlite: Seed) -> Seed:
    add_suitability_data(seeded_sqlite)
    return seeded_sqlite


def _warnings(seed: Seed) -> int:
    with seed.store.read() as s:
        return int(s.scalar(select(func.count()).select_from(RiskWarning)) or 0)


def _panel(qtbot: QtBot, seed: Seed, actor: Actor, client_no: str) -> SuitabilityPanel:
    panel = SuitabilityPanel(make_ctx(seed, actor), client_no)
    qtbot.addWidget(panel)
    panel.show()
    panel.reload()
    qtbot.waitUntil(lambda: not panel.loading, timeout=10000)
    return panel


def _dialog(qtbot: QtBot, seed: Seed, actor: Actor, client_no: str) -> WarningDialog:
    dlg = WarningDialog(make_ctx(seed, actor), client_no, "C3")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.products is not None or bool(dlg.ui.messageLabel.text()), timeout=10000)
    return dlg


def _save(qtbot: QtBot, dlg: WarningDialog) -> None:
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.save_button.isEnabled() or not dlg.isVisible(), timeout=10000)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_recorded_warning_appears_in_the_panel_and_the_store(
    qtbot: QtBot, suit: Seed, screenshot_dir: Path, lang: str
) -> None:
    install_translators(QApplication.instance(), lang)  # type: ignore[arg-type]
    try:
        view = Client360Dialog(make_ctx(suit, suit.im1), "001000")
        qtbot.addWidget(view)
        view.resize(1180, 780)
        view.show()
        qtbot.waitUntil(lambda: not view.loading and view.suitability.data is not None, timeout=15000)
        view.ui.tabs.setCurrentWidget(view.suitability)
        panel = view.suitability
        assert panel.warningButton.isVisible()
        assert panel.warningButton.text() == (
            "记录特别风险警示确认" if lang == "zh_CN" else "Record a special risk warning"
        )
        qtbot.mouseClick(panel.warningButton, Qt.MouseButton.LeftButton)
        dlg = panel.warning_dialog
        assert isinstance(dlg, WarningDialog)
        qtbot.waitUntil(lambda: dlg.products is not None, timeout=10000)
        assert dlg.ui.confirmedEdit.date() == qdates.today()
        assert dlg.ui.confirmedEdit.maximumDate() == qdates.today()
        ui = dlg.ui
        ui.productCombo.setCurrentIndex(ui.productCombo.findData("510300"))
        assert dlg.product_code() == "510300"
        ui.confirmedEdit.setDate(qdates.qdate(TODAY - timedelta(days=2)))
        ui.channelCombo.setCurrentIndex(ui.channelCombo.findData("online"))
        ui.evidenceEdit.setText(f"TRACE-{lang}")
        QApplication.processEvents()
        assert dlg.grab().save(str(screenshot_dir / f"suitability_warning_form_{lang}.png"))
        _save(qtbot, dlg)
        assert not dlg.isVisible(), ui.messageLabel.text()
        qtbot.waitUntil(
            lambda: not view.loading and f"TRACE-{lang}" in panel.summaryLabel.text(), timeout=15000
        )
        text = panel.summaryLabel.text()
        assert (TODAY - timedelta(days=2)).isoformat() in text
        assert ("网上" in text or "电子" in text) if lang == "zh_CN" else "nline" in text
        QApplication.processEvents()
        assert view.grab().save(str(screenshot_dir / f"suitability_warning_panel_{lang}.png"))
        with suit.store.read() as s:
            w = s.scalar(select(RiskWarning).where(RiskWarning.evidence == f"TRACE-{lang}"))
            assert w is not None
            assert (w.subject_kind, w.subject, w.confirmed_on, w.channel) == (
                "product",
                "510300",
                TODAY - timedelta(days=2),
                "online",
            )
            touch = s.get(Touch, w.touch_id)
            assert touch is not None and touch.touch_type == "risk_disclosure" and "510300" in touch.summary
    finally:
        install_translators(QApplication.instance(), "zh_CN")  # type: ignore[arg-type]


def test_a_permission_warning_is_saved_on_both_backends(qtbot: QtBot, seeded: Seed) -> None:
    dlg = _dialog(qtbot, seeded, seeded.bm, "001004")
    dlg.ui.permissionRadio.setChecked(True)
    assert not dlg.ui.productCombo.isEnabled()
    dlg.ui.permissionCombo.setCurrentIndex(dlg.ui.permissionCombo.findData("star"))
    dlg.ui.evidenceEdit.setText("REC-STAR-1")
    with qtbot.waitSignal(dlg.saved, timeout=10000):
        qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    with seeded.store.read() as s:
        w = s.scalar(select(RiskWarning).where(RiskWarning.evidence == "REC-STAR-1"))
        assert w is not None and (w.subject_kind, w.subject, w.confirmed_on) == ("permission", "star", TODAY)


def test_a_future_date_is_refused_and_nothing_is_saved(qtbot: QtBot, suit: Seed) -> None:
    before = _warnings(suit)
    dlg = _dialog(qtbot, suit, suit.im1, "001000")
    edit = dlg.ui.confirmedEdit
    edit.setDate(qdates.qdate(TODAY + timedelta(days=1)))
    assert edit.date() == qdates.today()  # the editor offers no future day
    # A form left open while the clock was set back would still offer one: the service refuses it.
    edit.setMaximumDate(qdates.qdate(TODAY + timedelta(days=5)))
    edit.setDate(qdates.qdate(TODAY + timedelta(days=1)))
    dlg.ui.productCombo.setCurrentIndex(dlg.ui.productCombo.findData("510300"))
    dlg.ui.evidenceEdit.setText("REC-F")
    _save(qtbot, dlg)
    assert dlg.isVisible()
    assert "将来" in dlg.ui.messageLabel.text()
    assert _warnings(suit) == before


def test_more_than_seven_days_back_is_not_offered(qtbot: QtBot, suit: Seed) -> None:
    dlg = _dialog(qtbot, suit, suit.im1, "001000")
    dlg.ui.confirmedEdit.setDate(qdates.qdate(TODAY - timedelta(days=8)))
    assert dlg.ui.confirmedEdit.date() == qdates.qdate(TODAY - timedelta(days=7))


def test_missing_evidence_or_product_is_refused_and_nothing_is_saved(qtbot: QtBot, suit: Seed) -> None:
    before = _warnings(suit)
    dlg = _dialog(qtbot, suit, suit.im1, "001000")
    _save(qtbot, dlg)
    assert "产品" in dlg.ui.messageLabel.text() and dlg.isVisible()
    dlg.ui.productCombo.setCurrentIndex(dlg.ui.productCombo.findData("510300"))
    dlg.ui.evidenceEdit.setText("   ")
    _save(qtbot, dlg)
    assert "凭证" in dlg.ui.messageLabel.text() and dlg.isVisible()
    # A typed code that is neither a product nor a security: the service's message, nothing saved.
    dlg.ui.productCombo.setEditText("999999")
    dlg.ui.evidenceEdit.setText("REC-X")
    _save(qtbot, dlg)
    assert "999999" in dlg.ui.messageLabel.text() and dlg.isVisible()
    assert _warnings(suit) == before


def test_a_typed_stock_code_is_accepted(qtbot: QtBot, suit: Seed) -> None:
    dlg = _dialog(qtbot, suit, suit.im1, "001000")
    dlg.ui.productCombo.setEditText("688001")
    dlg.ui.evidenceEdit.setText("REC-688")
    with qtbot.waitSignal(dlg.saved, timeout=10000):
        qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    with suit.store.read() as s:
        assert s.scalar(select(RiskWarning.subject).where(RiskWarning.evidence == "REC-688")) == "688001"


def test_a_manager_of_another_book_is_refused(qtbot: QtBot, suit: Seed, screenshot_dir: Path) -> None:
    before = _warnings(suit)
    panel = _panel(qtbot, suit, suit.im2, "001000")  # im1's client
    assert panel.data is None and not panel.warningButton.isVisible()
    dlg = _dialog(qtbot, suit, suit.im2, "001000")
    dlg.ui.productCombo.setCurrentIndex(dlg.ui.productCombo.findData("510300"))
    dlg.ui.evidenceEdit.setText("REC-IM2")
    _save(qtbot, dlg)
    assert "不在您的权限范围内" in dlg.ui.messageLabel.text() and dlg.isVisible()
    assert _warnings(suit) == before
    assert dlg.grab().save(str(screenshot_dir / "suitability_warning_refused_zh_CN.png"))


def test_the_button_follows_the_service(qtbot: QtBot, suit: Seed) -> None:
    assert _panel(qtbot, suit, suit.im1, "001000").warningButton.isVisible()
    assert _panel(qtbot, suit, suit.bm, "001000").warningButton.isVisible()
    admin = _panel(qtbot, suit, suit.admin, "001000")
    assert admin.data is not None and not admin.warningButton.isVisible()
    before = _warnings(suit)
    dlg = _dialog(qtbot, suit, suit.admin, "001000")
    assert "无权" in dlg.ui.messageLabel.text()  # the product list is already refused
    dlg.ui.productCombo.setEditText("510300")
    dlg.ui.evidenceEdit.setText("REC-ADM")
    _save(qtbot, dlg)
    assert "无权" in dlg.ui.messageLabel.text() and dlg.isVisible()
    assert _warnings(suit) == before
    assert dlg.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).isEnabled()


def test_the_button_goes_when_the_client_is_reassigned_away(qtbot: QtBot, suit: Seed) -> None:
    from crm_desktop.db.models import Client

    panel = _panel(qtbot, suit, suit.im1, "001000")
    assert panel.warningButton.isVisible()
    with suit.store.transaction() as s:
        client = s.scalar(select(Client).where(Client.client_no == "001000"))
        assert client is not None
        client.manager_id = suit.im2.id
    panel.reload()
    qtbot.waitUntil(lambda: not panel.loading, timeout=10000)
    assert not panel.warningButton.isVisible()
