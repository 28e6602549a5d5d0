"""The import wizard: detection and preview, check, import, errors, cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from crm_desktop.db.models import ImportLog, Security, Trade
from crm_desktop.gui.areas.imports import create_page
from crm_desktop.gui.imports.models import ErrorModel, HistoryModel, PreviewModel
from crm_desktop.gui.imports.wizard import ImportWizardPage
from crm_desktop.importing.preview import preview_file
from crm_desktop.services.importing import import_history, run_import
from tests.factories import Seed
from tests.gui.conftest import make_ctx
from tests.importing.samples import (
    SECURITIES_ROWS,
    SECURITIES_ZH,
    TRADES_ROWS,
    TRADES_ZH,
    write_csv,
    write_xlsx,
)


def _count(seed: Seed, model: type) -> int:
    with seed.store.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _page(qtbot: QtBot, seed: Seed) -> ImportWizardPage:
    page = create_page(make_ctx(seed, seed.admin))
    assert isinstance(page, ImportWizardPage)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    return page


def _load(qtbot: QtBot, page: ImportWizardPage, path: Path) -> None:
    page.load(path)
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.path == path, timeout=10000)


def test_detects_kind_encoding_and_previews(
    qtbot: QtBot, seeded_sqlite: Seed, tmp_path: Path, screenshot_dir: Path
) -> None:
    page = _page(qtbot, seeded_sqlite)
    assert not page.import_button.isEnabled()
    path = write_csv(tmp_path / "成交.csv", [*TRADES_ZH, "备注"], [[*r, "x"] for r in TRADES_ROWS])
    _load(qtbot, page, path)
    assert page.kind_combo.currentData() == "trades"
    assert "GBK" in page.encoding_note.text()
    assert page.preview_model.rowCount() == 4 and page.preview_model.columnCount() == 10
    assert (
        page.preview_model.headerData(0, Qt.Orientation.Horizontal) == "成交编号\n→ 成交编号"
    )  # the Chinese column name, never the internal one
    assert page.preview_model.headerData(9, Qt.Orientation.Horizontal).startswith("备注\n")
    assert page.preview_model.headerData(1, Qt.Orientation.Vertical) == "3"
    assert page.import_button.isEnabled() and page.check_button.isEnabled()
    page.grab().save(str(screenshot_dir / "import_wizard_preview.png"))


def test_check_reports_errors_and_writes_nothing(
    qtbot: QtBot, seeded_sqlite: Seed, tmp_path: Path, screenshot_dir: Path
) -> None:
    page = _page(qtbot, seeded_sqlite)
    path = write_csv(
        tmp_path / "s.csv", SECURITIES_ZH, [*SECURITIES_ROWS, ["000002", "万科A", "", "火星板", "x"]]
    )
    _load(qtbot, page, path)
    page.start(dry_run=False)
    qtbot.waitUntil(lambda: page.error_model.rowCount() > 0, timeout=15000)
    assert [page.error_model.error_at(i).row for i in range(page.error_model.rowCount())] == [6, 6]
    assert page.report_button.isEnabled() and page.report_path is not None and page.report_path.exists()
    assert "2 处错误" in page.status.text()
    assert _count(seeded_sqlite, Security) == 0
    page.grab().save(str(screenshot_dir / "import_wizard_errors.png"))


def test_check_then_import(qtbot: QtBot, seeded_sqlite: Seed, tmp_path: Path, screenshot_dir: Path) -> None:
    page = _page(qtbot, seeded_sqlite)
    path = write_xlsx(
        tmp_path / "s.xlsx", SECURITIES_ZH, SECURITIES_ROWS, sheet="证券", extra_sheets=["其他"]
    )
    _load(qtbot, page, path)
    assert page.kind_combo.currentData() == "securities"
    assert page.sheet_combo.isEnabled() and page.sheet_combo.count() == 2
    page.start(dry_run=True)
    qtbot.waitUntil(lambda: page.result is not None, timeout=15000)
    assert page.result is not None and page.result.status == "dry_run"
    assert "4 条新增" in page.status.text() and _count(seeded_sqlite, Security) == 0
    seen: list[str] = []
    page.ctx.bus.data_changed.connect(seen.append)
    page.start(dry_run=False)
    qtbot.waitUntil(lambda: page.result is not None and page.result.status == "committed", timeout=15000)
    assert _count(seeded_sqlite, Security) == 4 and seen == ["*"]
    assert "已导入" in page.status.text()
    qtbot.waitUntil(lambda: page.history_model.rowCount() == 2, timeout=10000)
    assert (
        page.history_model.index(0, 4).data() == "已导入"
        and page.history_model.index(1, 4).data() == "仅校验"
    )
    assert page.history_model.index(0, 5).data() == "4" and page.history_model.index(0, 1).data() == "admin"
    page.grab().save(str(screenshot_dir / "import_wizard_done.png"))


def test_cancel_leaves_store_as_before(qtbot: QtBot, seeded_sqlite: Seed, tmp_path: Path) -> None:
    run_import(
        seeded_sqlite.store,
        seeded_sqlite.admin,
        "securities",
        write_csv(tmp_path / "s.csv", SECURITIES_ZH, SECURITIES_ROWS),
    )
    logs = _count(seeded_sqlite, ImportLog)
    rows = [
        [f"T{i:07d}", "001000", "2024-01-05", "000001", "买入", "100", "10", "1000", "5"]
        for i in range(200_000)
    ]
    page = _page(qtbot, seeded_sqlite)
    _load(qtbot, page, write_csv(tmp_path / "big.csv", TRADES_ZH, rows))
    handle = page.start(dry_run=False)
    assert handle is not None and page.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: page.progress.value() > 0, timeout=30000)
    page.cancel()
    qtbot.waitUntil(lambda: handle.done, timeout=60000)
    assert "已取消" in page.status.text()
    assert _count(seeded_sqlite, Trade) == 0 and _count(seeded_sqlite, ImportLog) == logs
    assert page.import_button.isEnabled() and not page.cancel_button.isEnabled()


def test_unknown_file_asks_for_the_kind(qtbot: QtBot, seeded_sqlite: Seed, tmp_path: Path) -> None:
    page = _page(qtbot, seeded_sqlite)
    _load(qtbot, page, write_csv(tmp_path / "x.csv", ["甲", "乙"], [["1", "2"]], encoding="utf-8"))
    assert page.kind_combo.currentIndex() == -1 and not page.import_button.isEnabled()
    assert "选择" in page.kind_note.text()
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("securities"))
    assert page.import_button.isEnabled()
    page.load(tmp_path / "missing.csv")
    qtbot.waitUntil(lambda: "找不到" in page.status.text(), timeout=10000)
    assert not page.import_button.isEnabled()


def test_models(qtmodeltester: object, seeded_sqlite: Seed, tmp_path: Path) -> None:
    store, actor = seeded_sqlite.store, seeded_sqlite.admin
    run_import(store, actor, "securities", write_csv(tmp_path / "s.csv", SECURITIES_ZH, SECURITIES_ROWS))
    prev = preview_file(write_csv(tmp_path / "t.csv", TRADES_ZH, TRADES_ROWS))
    pm = PreviewModel()
    pm.set_preview(prev, prev.mapping)
    qtmodeltester.check(pm)  # type: ignore[attr-defined]
    from crm_desktop.importing.rows import RowError

    hm = HistoryModel()
    hm.set_rows(import_history(store, actor))
    assert hm.rowCount() == 1
    qtmodeltester.check(hm)  # type: ignore[attr-defined]
    em = ErrorModel()
    em.set_errors([RowError(2, "成交数量", "-1", "不能为负数"), RowError(9, "", "", "x")])
    qtmodeltester.check(em)  # type: ignore[attr-defined]
