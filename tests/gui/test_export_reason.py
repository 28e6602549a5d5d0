"""The purpose asked before a GUI export of client personal data (issue #20): optional below
``[exports] reason_required_rows`` rows, required from there on, kept in the export's audit row."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.db.models import AuditLog
from crm_desktop.errors import InvalidInput
from crm_desktop.gui import export_reason
from crm_desktop.gui.clients import book_page
from crm_desktop.gui.clients.book_page import ClientBookPage
from crm_desktop.gui.export_reason import ExportReasonDialog
from crm_desktop.i18n import set_language
from crm_desktop.services import exports
from tests.factories import Seed
from tests.gui.conftest import make_ctx
from tests.workspace_data import add_workspace_data

SHOTS = Path("/tmp/shots-sec")


def _ok(dialog: ExportReasonDialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def _policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: int | str) -> None:
    cfg = tmp_path / "security.toml"
    cfg.write_text(f"[exports]\nreason_required_rows = {rows}\n", encoding="utf-8")
    monkeypatch.setenv("CRM_SECURITY_CONFIG", str(cfg))


def test_required_from_the_threshold_on(qtbot: QtBot) -> None:
    dialog = ExportReasonDialog(100, 100)
    qtbot.addWidget(dialog)
    assert dialog.required and not _ok(dialog)
    dialog.edit.setText(" 季度 ")
    assert not _ok(dialog)  # too short once trimmed
    dialog.edit.setText("季度回访名单")
    assert _ok(dialog)
    assert dialog.purpose() == "季度回访名单"
    dialog.edit.setText("")
    with pytest.raises(InvalidInput):
        dialog.purpose()  # the service check says the same as the disabled button


def test_optional_below_the_threshold_and_when_switched_off(qtbot: QtBot) -> None:
    below = ExportReasonDialog(99, 100)
    qtbot.addWidget(below)
    assert not below.required and _ok(below) and below.purpose() is None
    below.edit.setText("  核对  名单 ")
    assert below.purpose() == "核对 名单"
    off = ExportReasonDialog(1_000_000, 0)
    qtbot.addWidget(off)
    assert not off.required and _ok(off)


def test_policy_read_from_security_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert exports.reason_required_rows() == 100  # the shipped default
    _policy(tmp_path, monkeypatch, 5)
    assert exports.reason_required_rows() == 5
    _policy(tmp_path, monkeypatch, -1)
    with pytest.raises(InvalidInput):
        exports.reason_required_rows()
    _policy(tmp_path, monkeypatch, '"many"')
    with pytest.raises(InvalidInput):
        exports.reason_required_rows()


def _answer(text: str | None, seen: list[ExportReasonDialog]) -> Callable[[ExportReasonDialog], int]:
    def exec_(dialog: ExportReasonDialog) -> int:
        seen.append(dialog)
        if text is None:
            return int(QDialog.DialogCode.Rejected)
        dialog.edit.setText(text)
        assert _ok(dialog)
        return int(QDialog.DialogCode.Accepted)

    return exec_


def _exports(seed: Seed) -> list[AuditLog]:
    with seed.store.read() as s:
        return list(s.scalars(select(AuditLog).where(AuditLog.action == "clients.export")))


def _open_book(qtbot: QtBot, seed: Seed) -> ClientBookPage:
    page = ClientBookPage(make_ctx(seed, seed.bm))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.book_data is not None and not page.loading, timeout=10000)
    return page


def test_book_export_asks_and_audits_the_purpose(
    qtbot: QtBot, seeded_sqlite: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_workspace_data(seeded_sqlite)
    _policy(tmp_path, monkeypatch, 3)  # the branch manager's book holds more than three clients
    out = tmp_path / "clients.csv"
    monkeypatch.setattr(book_page.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    seen: list[ExportReasonDialog] = []
    page = _open_book(qtbot, seeded_sqlite)
    rows = len(page.model.view_rows())
    assert rows > 3

    # cancelled: no file, no audit row
    monkeypatch.setattr(ExportReasonDialog, "exec", _answer(None, seen))
    page.export_dialog(".csv")
    assert seen[-1].required and seen[-1].rows == rows
    assert not out.exists() and not _exports(seeded_sqlite)

    monkeypatch.setattr(ExportReasonDialog, "exec", _answer("季度回访名单", seen))
    page.export_dialog(".csv")
    qtbot.waitUntil(lambda: page.last_export.done, timeout=10000)
    assert out.exists()
    (row,) = _exports(seeded_sqlite)
    assert row.details["purpose"] == "季度回访名单" and row.details["rows"] == rows
    assert row.actor_id == seeded_sqlite.bm.id


def test_small_export_may_go_without_purpose(
    qtbot: QtBot, seeded_sqlite: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_workspace_data(seeded_sqlite)
    out = tmp_path / "few.csv"
    monkeypatch.setattr(book_page.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    seen: list[ExportReasonDialog] = []
    monkeypatch.setattr(ExportReasonDialog, "exec", _answer("", seen))
    page = _open_book(qtbot, seeded_sqlite)
    page.export_dialog(".csv")  # default policy: 100 rows; this book is far smaller
    qtbot.waitUntil(lambda: page.last_export.done, timeout=10000)
    assert not seen[-1].required
    (row,) = _exports(seeded_sqlite)
    assert row.details["purpose"] is None


def test_unreadable_policy_stops_the_export(
    qtbot: QtBot, seeded_sqlite: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _policy(tmp_path, monkeypatch, -5)
    shown: list[BaseException] = []
    monkeypatch.setattr("crm_desktop.gui.errors.show_error", lambda _p, exc, *a: shown.append(exc))
    go, purpose = export_reason.ask_export_purpose(None, 10)  # type: ignore[arg-type]
    assert (go, purpose) == (False, None) and isinstance(shown[0], InvalidInput)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_screens(qtbot: QtBot, lang: str) -> None:
    from PySide6.QtWidgets import QApplication

    from crm_desktop.gui.i18n import install_translators

    app = QApplication.instance()
    assert app is not None
    install_translators(app, lang)  # type: ignore[arg-type]
    try:
        SHOTS.mkdir(exist_ok=True)
        for rows, name in ((1_234, "required"), (12, "optional")):
            dialog = ExportReasonDialog(rows, 100)
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            assert dialog.windowTitle() == ("导出用途" if lang == "zh_CN" else "Purpose of the export")
            if os.environ.get("CRM_SHOTS"):
                dialog.grab().save(str(SHOTS / f"export_reason_{name}_{lang}.png"))
    finally:
        install_translators(app, "zh_CN")  # type: ignore[arg-type]
        set_language("zh_CN")


def test_complaint_report_from_the_app_is_audited_with_its_purpose(
    qtbot: QtBot, seeded_sqlite: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crm_desktop.gui.callbacks import views

    out = tmp_path / "complaints.xlsx"
    monkeypatch.setattr(views.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    seen: list[ExportReasonDialog] = []
    monkeypatch.setattr(ExportReasonDialog, "exec", _answer("年度合规报送", seen))
    view = views.ComplaintsView(make_ctx(seeded_sqlite, seeded_sqlite.bm))
    qtbot.addWidget(view)
    view.export_report()
    qtbot.waitUntil(out.exists, timeout=10000)
    with seeded_sqlite.store.read() as s:
        row = s.scalars(select(AuditLog).where(AuditLog.action == "complaints.report")).one()
    assert row.details["purpose"] == "年度合规报送" and row.details["file"] == "complaints.xlsx"
    assert len(seen) == 1
