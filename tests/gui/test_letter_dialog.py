"""Generate-letter dialog (QtPdf preview, print, save as) and the letters area (batch, history)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.db.models import LetterRecord, ServiceTask
from crm_desktop.gui.areas import letters as area
from crm_desktop.gui.letters import batch_page, dialog
from crm_desktop.gui.letters.batch_page import LettersPage
from crm_desktop.gui.letters.dialog import LetterDialog
from crm_desktop.gui.letters.models import CandidateModel, HistoryModel
from tests.factories import Seed
from tests.gui.conftest import make_ctx
from tests.letters.data import AS_OF, MAIN_CLIENT, OTHER_CLIENT, add_account_data, add_letter_task, add_score
from tests.letters.data import pdf_text as text_of


@pytest.fixture
def filled(seeded_sqlite: Seed) -> Seed:
    add_account_data(seeded_sqlite)
    add_score(seeded_sqlite, MAIN_CLIENT)
    return seeded_sqlite


def _dialog(qtbot: QtBot, seed: Seed, actor_name: str = "im1") -> LetterDialog:
    ctx = make_ctx(seed, getattr(seed, actor_name))
    dlg = LetterDialog(ctx, MAIN_CLIENT)
    qtbot.addWidget(dlg)
    dlg.ui.asOfEdit.setDate(dlg.ui.asOfEdit.date().fromString(AS_OF.isoformat(), "yyyy-MM-dd"))
    return dlg


def test_generate_letter_action_is_registered_for_managers_only(filled: Seed) -> None:
    ctx = make_ctx(filled, filled.im1)
    area.register_actions(ctx)
    assert [a.key for a in ctx.actions_for("investment_manager")] == ["generate_letter"]
    assert ctx.actions_for("admin") == []
    assert ctx.client_actions["generate_letter"].label == "生成账户分析报告…"


def test_generate_previews_records_prints_and_saves(
    qtbot: QtBot, filled: Seed, tmp_path: Path, screenshot_dir: Path
) -> None:
    task_id = add_letter_task(filled, MAIN_CLIENT, AS_OF)
    dlg = _dialog(qtbot, filled)
    dlg.show()
    qtbot.waitUntil(lambda: "张三" in dlg.ui.clientLabel.text())
    assert "2026-07-01" in dlg.ui.periodLabel.text() and "2026-09-30" in dlg.ui.periodLabel.text()
    dlg.ui.commentEdit.setPlainText("三季度您的账户表现稳健，祝投资顺利。")
    changed: list[str] = []
    dlg.ctx.bus.data_changed.connect(changed.append)
    assert not dlg.ui.printButton.isEnabled()
    qtbot.mouseClick(dlg.ui.generateButton, qtbot_button())
    qtbot.waitUntil(lambda: dlg.letter is not None, timeout=20000)
    assert dlg.pdf.document.pageCount() == dlg.letter.pages >= 2  # type: ignore[union-attr]
    assert dlg.ui.printButton.isEnabled() and dlg.ui.saveButton.isEnabled()
    assert "letters" in changed and "tasks" in changed
    with filled.store.read() as s:
        rec = s.scalar(select(LetterRecord))
        assert rec is not None and rec.comment == "三季度您的账户表现稳健，祝投资顺利。"
        assert s.get(ServiceTask, task_id).status == "done"  # type: ignore[union-attr]
    qtbot.wait(200)
    dlg.grab().save(str(screenshot_dir / "letter_dialog.png"))

    target = tmp_path / "copy.pdf"
    dlg.save_to(target)
    assert target.read_bytes() == dlg.letter.pdf  # type: ignore[union-attr]
    assert "祝投资顺利" in text_of(target.read_bytes())

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert dlg.print_to(printer) == dlg.letter.pages  # type: ignore[union-attr]
    assert len(PdfReader(io.BytesIO(printed.read_bytes())).pages) == dlg.letter.pages  # type: ignore[union-attr]


def qtbot_button() -> Qt.MouseButton:
    return Qt.MouseButton.LeftButton


def test_draft_preview_records_nothing(qtbot: QtBot, filled: Seed) -> None:
    dlg = _dialog(qtbot, filled)
    dlg.ui.customPeriodCheck.setChecked(True)
    dlg.ui.periodStartEdit.setDate(dlg.ui.periodStartEdit.date().fromString("2026-09-01", "yyyy-MM-dd"))
    assert "2026-09-01" in dlg.ui.periodLabel.text() and "2026-10-15" in dlg.ui.periodLabel.text()
    dlg.preview()
    qtbot.waitUntil(lambda: dlg.pdf.document.pageCount() > 0, timeout=20000)
    assert dlg.letter is None and not dlg.ui.printButton.isEnabled()
    assert "2026年9月1日至2026年10月15日" in text_of(dlg.pdf.data)
    with filled.store.read() as s:
        assert s.scalar(select(LetterRecord.id)) is None


def test_another_managers_client_shows_the_error(
    qtbot: QtBot, filled: Seed, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors: list[BaseException] = []
    monkeypatch.setattr(dialog, "show_error", lambda _parent, exc, *_a: errors.append(exc))
    dlg = _dialog(qtbot, filled, "im2")
    dlg.generate()
    qtbot.waitUntil(lambda: len(errors) >= 2, timeout=20000)  # heading load and generate both refused
    assert all("找不到客户 001000" in str(e) for e in errors)
    assert dlg.letter is None and dlg.ui.generateButton.isEnabled()


def test_models_pass_the_model_tester(qtmodeltester: Any, filled: Seed) -> None:
    from crm_desktop.services import letters

    cand = CandidateModel()
    cand.set_rows(letters.select_letter_clients(filled.store, filled.bm))
    qtmodeltester.check(cand)
    assert cand.rowCount() == 6 and cand.headerData(0, Qt.Orientation.Horizontal) == "客户号"
    letters.generate_letter(filled.store, filled.im1, MAIN_CLIENT, as_of=AS_OF)
    hist = HistoryModel()
    hist.set_rows(letters.letter_history(filled.store, filled.im1))
    qtmodeltester.check(hist)
    assert hist.rowCount() == 1 and hist.client_nos() == [MAIN_CLIENT]


def test_batch_page_lists_due_generates_and_shows_history(
    qtbot: QtBot, filled: Seed, tmp_path: Path, screenshot_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_letter_task(filled, MAIN_CLIENT, AS_OF)
    add_letter_task(filled, OTHER_CLIENT, AS_OF)
    ctx = make_ctx(filled, filled.im1)
    page = LettersPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    tab = page.batch
    tab.as_of_edit.setDate(tab.as_of_edit.date().fromString(AS_OF.isoformat(), "yyyy-MM-dd"))
    tab.out_edit.setText(str(tmp_path / "batch"))
    tab.load_candidates()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    tab.start()
    qtbot.waitUntil(lambda: tab.result is not None, timeout=60000)
    assert tab.result is not None and not tab.result.failures
    assert sorted(p.name for p in (tmp_path / "batch").glob("0*.pdf")) == [
        "001000_2026-10-15.pdf",
        "001001_2026-10-15.pdf",
    ]
    assert (tmp_path / "batch" / "merged_2026-10-15.pdf").exists()
    assert "2" in tab.summary.text()
    # the due list empties once the tasks are closed, and the history fills
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0)
    qtbot.waitUntil(lambda: page.history.model.rowCount() == 2)
    page.tabs.setCurrentIndex(1)
    qtbot.wait(100)
    page.grab().save(str(screenshot_dir / "letters_history.png"))
    page.tabs.setCurrentIndex(0)
    page.grab().save(str(screenshot_dir / "letters_batch.png"))
    page.save_state()
    assert batch_page.OUT_DIR.get(ctx.settings) == str(tmp_path / "batch")


def test_batch_page_cancel_keeps_the_letters_written(
    qtbot: QtBot, filled: Seed, tmp_path: Path, screenshot_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancel reaches the batch through the same progress protocol; the letters written are kept and the
    page says the batch stopped early (a task that returns after a cancel still delivers its result)."""
    from crm_desktop.services import letters as letters_service

    add_letter_task(filled, MAIN_CLIENT, AS_OF)
    add_letter_task(filled, OTHER_CLIENT, AS_OF)
    page = LettersPage(make_ctx(filled, filled.im1))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    tab = page.batch
    tab.as_of_edit.setDate(tab.as_of_edit.date().fromString(AS_OF.isoformat(), "yyyy-MM-dd"))
    tab.out_edit.setText(str(tmp_path / "batch"))
    tab.merged_check.setChecked(False)
    tab.load_candidates()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    render = letters_service.render_to_file

    def render_then_cancel(*args: Any) -> Any:
        written = render(*args)
        assert tab._handle is not None
        tab._handle.cancel()  # as the Cancel button does, from the first letter on
        return written

    monkeypatch.setattr(letters_service, "render_to_file", render_then_cancel)
    tab.start()
    qtbot.waitUntil(lambda: tab.result is not None, timeout=60000)
    assert tab.result is not None and tab.result.cancelled
    assert [r.client_no for r in tab.result.letters] == [MAIN_CLIENT]
    assert not tab.running and tab.start_button.isEnabled() and not tab.cancel_button.isEnabled()
    assert not tab.progress.isVisible()
    page.grab().save(str(screenshot_dir / "letters_batch_cancelled.png"))
