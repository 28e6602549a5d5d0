"""The GUI re-checks the account on a timer and on each action, signs out when it was disabled or
changed, and locks after idle time until the password is typed (short intervals, qtbot waits only)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from crm_desktop.errors import SessionEnded
from crm_desktop.gui import settings as opts
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.main_window import MainWindow
from crm_desktop.services.auth import session_ended_message, start_session
from tests.factories import PASSWORD, Seed
from tests.gui.conftest import make_ctx


def _window(qtbot: QtBot, seed: Seed) -> MainWindow:
    ctx = make_ctx(seed, seed.im1)
    ctx.session = start_session(seed.store, seed.im1)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    assert win.session_watch is not None
    return win


def _disable(seed: Seed, login: str) -> None:
    with seed.store.engine.begin() as conn:
        conn.execute(text("UPDATE staff SET active = :f WHERE login = :l"), {"f": False, "l": login})


def test_defaults_come_from_settings() -> None:
    s = QSettings()
    assert opts.IDLE_LOCK_MINUTES.get(s) == 15
    opts.IDLE_LOCK_MINUTES.set(s, 5)
    assert opts.IDLE_LOCK_MINUTES.get(s) == 5


def test_idle_interval_is_read_from_settings(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    opts.IDLE_LOCK_MINUTES.set(QSettings(), 3)
    win = _window(qtbot, seeded_sqlite)
    assert win.session_watch is not None
    assert win.session_watch.idle_timer.interval() == 3 * 60_000
    win.close()


def test_timer_signs_out_a_disabled_account(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    win = _window(qtbot, seeded_sqlite)
    watch = win.session_watch
    assert watch is not None
    _disable(seeded_sqlite, "im1")
    with qtbot.waitSignal(watch.signed_out, timeout=5000) as blocker:
        watch.set_intervals(check_ms=20)
    assert blocker.args == [session_ended_message()]
    assert win.sign_out_message == session_ended_message()
    assert not win.isVisible()
    assert not win.ctx.session or not win.ctx.session.is_open


def test_role_change_is_caught_on_the_next_area_switch(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    win = _window(qtbot, seeded_sqlite)
    with seeded_sqlite.store.engine.begin() as conn:
        conn.execute(text("UPDATE staff SET role = 'branch_manager' WHERE login = 'im1'"))
    with qtbot.waitSignal(win.session_watch.signed_out, timeout=5000):  # type: ignore[union-attr]
        win.nav.setCurrentRow(1 if win.nav.currentRow() == 0 else 0)
    assert win.sign_out_message and "重新登录" in win.sign_out_message


def test_a_refused_action_signs_out_instead_of_a_dialog(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    win = _window(qtbot, seeded_sqlite)
    with qtbot.waitSignal(win.session_watch.signed_out, timeout=5000):  # type: ignore[union-attr]
        show_error(win, SessionEnded(session_ended_message()))
    assert not win.isVisible()


def test_idle_lock_opens_only_with_the_password(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    win = _window(qtbot, seeded_sqlite)
    watch = win.session_watch
    assert watch is not None
    with qtbot.waitSignal(watch.locked, timeout=5000):
        watch.set_intervals(idle_ms=30)
    dlg = watch.lock_dialog
    assert dlg is not None and dlg.isVisible()
    dlg.password.setText("wrong-password")
    dlg.try_unlock()
    assert dlg.isVisible() and "不正确" in dlg.error.text()
    dlg.grab().save("/tmp/secsess-lock.png")
    dlg.password.setText(PASSWORD)
    with qtbot.waitSignal(watch.unlocked, timeout=5000):
        dlg.try_unlock()
    assert watch.lock_dialog is None and not watch.ended
    assert watch.idle_timer.isActive()
    win.close()


def test_sign_out_from_the_lock(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    win = _window(qtbot, seeded_sqlite)
    watch = win.session_watch
    assert watch is not None
    watch.lock()
    assert watch.lock_dialog is not None
    with qtbot.waitSignal(watch.signed_out, timeout=5000):
        watch.lock_dialog.reject()
    assert not win.isVisible()


def test_temporary_password_is_replaced_at_sign_in(
    qtbot: QtBot, seeded_sqlite: Seed, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crm_desktop.gui import session_watch
    from crm_desktop.gui.login_dialog import LoginDialog
    from crm_desktop.services import staff
    from crm_desktop.services.auth import login

    staff.reset_password(seeded_sqlite.store, seeded_sqlite.admin, "im2", "Temp-pass-2026", temporary=True)
    seen: list[str] = []

    def answer(dlg: session_watch.NewPasswordDialog) -> int:
        dlg.new.setText("12345678")
        dlg.again.setText("12345678")
        dlg.try_change()  # a common password: refused, the dialog stays
        seen.append(dlg.error.text())
        dlg.grab().save("/tmp/secsess-newpw.png")
        dlg.new.setText("Own-choice-77")
        dlg.again.setText("Own-choice-77")
        dlg.try_change()
        return dlg.result()

    monkeypatch.setattr(session_watch.NewPasswordDialog, "exec", answer)
    dlg = LoginDialog(seeded_sqlite.store)
    qtbot.addWidget(dlg)
    dlg.ui.loginEdit.setText("im2")
    dlg.ui.passwordEdit.setText("Temp-pass-2026")
    dlg.ui.buttonBox.accepted.emit()
    assert seen and "常见密码" in seen[0]
    assert dlg.actor is not None and not dlg.actor.password_temporary
    assert not login(seeded_sqlite.store, "im2", "Own-choice-77").password_temporary


def test_input_restarts_the_idle_countdown(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    from PySide6.QtCore import Qt

    win = _window(qtbot, seeded_sqlite)
    watch = win.session_watch
    assert watch is not None
    watch.set_intervals(idle_ms=60_000)
    watch.idle_timer.stop()  # as if the countdown were about to run out
    qtbot.keyClick(win.nav, Qt.Key.Key_Down)  # through the application-wide event filter
    # Restarted: a full countdown again (a coarse timer may round by a few per cent).
    assert watch.idle_timer.isActive() and watch.idle_timer.remainingTime() > 50_000
    win.close()


def test_idle_time_is_set_in_the_settings_area(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    from crm_desktop.gui.areas.settings import GeneralTab

    ctx = make_ctx(seeded_sqlite, seeded_sqlite.im1)
    tab = GeneralTab(ctx)
    qtbot.addWidget(tab)
    assert tab.idle_lock.value() == 15
    tab.idle_lock.setValue(5)
    assert opts.IDLE_LOCK_MINUTES.get(ctx.settings) == 5
    assert "下次登录" in tab.note.text()
    tab.resize(520, 200)
    tab.grab().save("/tmp/secsess-settings.png")
