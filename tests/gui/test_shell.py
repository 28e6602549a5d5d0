"""The application shell: sign-in, navigation, areas not built yet, Chinese glyphs, the PySide6 trap."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QFontMetrics, QRawFont
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from crm_desktop.fonts import FAMILY
from crm_desktop.gui.login_dialog import LoginDialog
from crm_desktop.gui.main_window import MainWindow, NotBuiltPage, area_specs
from tests.factories import PASSWORD, Seed
from tests.gui.conftest import make_ctx


def test_login_dialog_rejects_wrong_password_then_accepts(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    dlg = LoginDialog(seeded_sqlite.store)
    qtbot.addWidget(dlg)
    # a friendly name, never the URL
    assert "本机数据库" in dlg.ui.storeLabel.text() and "sqlite:" not in dlg.ui.storeLabel.text()
    dlg.ui.loginEdit.setText("im1")
    dlg.ui.passwordEdit.setText("wrong")
    dlg.ui.buttonBox.accepted.emit()
    assert dlg.actor is None
    assert "不正确" in dlg.ui.errorLabel.text()
    dlg.ui.passwordEdit.setText(PASSWORD)
    dlg.ui.buttonBox.accepted.emit()
    assert dlg.actor is not None and dlg.actor.login == "im1"
    assert dlg.result() == dlg.DialogCode.Accepted


def test_main_window_shows_only_areas_of_the_role(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    win = MainWindow(make_ctx(seeded_sqlite, seeded_sqlite.im1))
    qtbot.addWidget(win)
    keys = [win.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(win.nav.count())]
    assert "dashboard" not in keys and "imports" not in keys
    assert keys[0] == "workbench"  # every role starts on the workbench
    assert win.current_area() == "workbench"
    admin = MainWindow(make_ctx(seeded_sqlite, seeded_sqlite.admin))
    qtbot.addWidget(admin)
    admin_keys = [admin.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(admin.nav.count())]
    assert "imports" in admin_keys and "tasks" not in admin_keys


def test_area_not_built_says_so(qtbot: QtBot, seeded_sqlite: Seed, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import crm_desktop.gui.main_window as mw

    monkeypatch.setattr(mw, "_load_area_module", lambda key: None)
    win = MainWindow(make_ctx(seeded_sqlite, seeded_sqlite.bm))
    qtbot.addWidget(win)
    win.show_area("dashboard")
    page = win.stack.currentWidget()
    assert isinstance(page, NotBuiltPage)
    label = page.findChild(QLabel, "notBuiltLabel")
    assert "尚未" in label.text()  # says plainly in Chinese that it is not available yet


def test_chinese_renders_with_real_glyphs_of_the_bundled_font(qtbot: QtBot, screenshot_dir: Path) -> None:
    families = QFontDatabase.families()
    assert FAMILY in families
    label = QLabel("客户关系管理 账户分析报告")
    qtbot.addWidget(label)
    font = label.font()
    raw = QRawFont.fromFont(font)
    assert raw.familyName() == FAMILY
    glyphs = raw.glyphIndexesForString("客户关系管理")
    assert all(g != 0 for g in glyphs), "a glyph fell back to .notdef (tofu)"
    # Real outlines: a CJK glyph's path has area (not an empty box).
    path = raw.pathForGlyph(glyphs[0])
    assert path.boundingRect().width() > 3 and path.elementCount() > 20
    assert QFontMetrics(font).horizontalAdvance("管理") > 0
    label.resize(320, 40)
    label.grab().save(str(screenshot_dir / "cjk_label.png"))


def test_pyside6_does_not_leak_none_on_20000_settext_calls(qtbot: QtBot) -> None:
    """PySide6 6.12.0 on CPython 3.11 aborts after a few thousand of these (none_dealloc)."""
    import sys

    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(20_000):
        label.setText(str(i))
        label.setToolTip(None)  # type: ignore[arg-type]
    assert label.text() == "19999"
    # Immortal None on 3.12+ makes this moot; on 3.11 a leak shows as a large drop.
    assert sys.getrefcount(None) >= before - 100


def test_area_specs_cover_the_issue_areas() -> None:
    assert [s.key for s in area_specs()] == [
        "workbench",
        "clients",
        "callbacks",
        "complaints",
        "tasks",
        "approvals",
        "dashboard",
        "campaigns",
        "letters",
        "imports",
        "settings",
    ]


def test_store_opens_in_background_behind_the_login_dialog(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    from crm_desktop.gui.app import StoreOpener

    dlg = LoginDialog(None)
    qtbot.addWidget(dlg)
    assert not dlg._ok.isEnabled() and "正在打开数据库" in dlg.ui.storeLabel.text()
    url = seeded_sqlite.store.url.render_as_string(hide_password=False)
    opener = StoreOpener(dlg, url)
    opener.start()
    qtbot.waitUntil(lambda: dlg.store is not None, timeout=10000)
    assert dlg._ok.isEnabled()
    dlg.ui.loginEdit.setText("bm")
    dlg.ui.passwordEdit.setText(PASSWORD)
    dlg.ui.buttonBox.accepted.emit()
    assert dlg.actor is not None and dlg.actor.login == "bm"
    dlg.store.dispose()  # type: ignore[union-attr]


def test_bad_store_is_reported_and_the_dialog_closes(qtbot: QtBot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import crm_desktop.gui.app as app_module

    shown: list[str] = []
    monkeypatch.setattr(app_module, "show_error", lambda parent, exc, title=None: shown.append(str(exc)))
    bogus = tmp_path / "x.sqlite3"
    bogus.write_text("not a database")
    dlg = LoginDialog(None)
    qtbot.addWidget(dlg)
    opener = app_module.StoreOpener(dlg, f"sqlite:///{bogus}")
    with qtbot.waitSignal(dlg.rejected, timeout=10000):
        opener.start()
    assert opener.failed and "不是 CRM 的 SQLite 数据库" in shown[0]


def test_empty_store_offers_first_run_and_quits_when_declined(
    qtbot: QtBot, sqlite_url: str, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import crm_desktop.gui.app as app_module
    from crm_desktop.gui.first_run import FirstRunChoice

    offered: list[bool] = []
    monkeypatch.setattr(
        app_module,
        "offer_first_run",
        lambda parent, store: offered.append(True) or (FirstRunChoice.QUIT, None),
    )
    dlg = LoginDialog(None)
    qtbot.addWidget(dlg)
    opener = app_module.StoreOpener(dlg, sqlite_url)
    with qtbot.waitSignal(dlg.rejected, timeout=10000):
        opener.start()
    assert offered == [True] and not opener.failed


def test_the_demo_goes_into_its_own_store_never_the_default_one(
    qtbot: QtBot,
    seeded_sqlite: Seed,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    """Seen in the app: the first-run demo filled the default store, with public passwords."""
    import crm_desktop.gui.app as app_module
    from crm_desktop.db.store import open_store
    from crm_desktop.gui.first_run import FirstRunChoice
    from crm_desktop.paths import default_sqlite_path, demo_sqlite_path

    assert app_module.demo_url().endswith(str(demo_sqlite_path()))
    assert demo_sqlite_path() != default_sqlite_path()
    demo = seeded_sqlite.store.url.render_as_string(hide_password=False)  # stands in for the loaded demo
    monkeypatch.setattr(app_module, "offer_first_run", lambda parent, store: (FirstRunChoice.DEMO, None))
    monkeypatch.setattr(app_module, "ensure_demo", lambda parent: demo)
    dlg = LoginDialog(None)
    qtbot.addWidget(dlg)
    opener = app_module.StoreOpener(dlg, f"sqlite:///{default_sqlite_path()}")
    opener.start()
    qtbot.waitUntil(lambda: dlg.store is not None, timeout=10000)
    assert opener.url_text == demo
    dlg.store.dispose()  # type: ignore[union-attr]
    default = open_store(f"sqlite:///{default_sqlite_path()}")
    try:
        assert app_module._store_is_empty(default)  # nothing went into the store real work uses
    finally:
        default.dispose()


def test_first_run_dialog_creates_the_first_administrator(
    qtbot: QtBot, sqlite_url: str, screenshot_dir: Path
) -> None:
    from crm_desktop.db.store import open_store
    from crm_desktop.gui.first_run import FirstRunChoice, FirstRunDialog
    from crm_desktop.services.auth import login

    store = open_store(sqlite_url)
    try:
        dlg = FirstRunDialog(store, 1000)
        qtbot.addWidget(dlg)
        dlg.show()
        assert "演示" in dlg.ui.demoLabel.text() and "demo.sqlite3" in dlg.ui.demoLabel.text()
        dlg.ui.loginEdit.setText("chief")
        dlg.ui.nameEdit.setText("王管理")
        dlg.ui.passwordEdit.setText("Longer-pass-9")
        dlg.ui.confirmEdit.setText("Longer-pass-8")
        dlg.ui.createButton.click()
        assert "不一致" in dlg.ui.messageLabel.text() and dlg.isVisible()
        dlg.grab().save(str(screenshot_dir / "first_run.png"))
        dlg.ui.confirmEdit.setText("Longer-pass-9")
        dlg.ui.createButton.click()
        assert dlg.choice is FirstRunChoice.ADMIN_CREATED and dlg.created_login == "chief"
        actor = login(store, "chief", "Longer-pass-9")
        assert actor.role.value == "admin"
    finally:
        store.dispose()
