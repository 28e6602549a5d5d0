"""Keeping a GUI session honest: the account is re-checked on each action and on a timer, and the
window locks after a configurable idle time.

* Re-check: the store's session guard (services.auth.SignedInSession) refuses any action of an account
  disabled, or given another role or branch, since sign-in; :func:`report_session_ended` lets the
  error dialogs hand such a refusal to the watch, and a QTimer re-checks while nobody acts. Either way
  the main window signs out with a clear message.
* Idle lock: no key or mouse input for ``security/idle_lock_minutes`` (default 15) covers the window
  with a lock dialog that only the account's password opens (checked with the same throttled sign-in
  as the login dialog).
"""

from __future__ import annotations

import weakref
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from crm_desktop.errors import CrmError, SessionEnded
from crm_desktop.gui import settings as opts

if TYPE_CHECKING:
    from crm_desktop.db.store import Store
    from crm_desktop.gui.context import AppContext
    from crm_desktop.services.auth import Actor, SignedInSession

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)

_watches: weakref.WeakSet[SessionWatch] = weakref.WeakSet()


def report_session_ended(exc: BaseException) -> bool:
    """Called by the error dialogs: a :class:`SessionEnded` signs every open window out. True if handled."""
    if not isinstance(exc, SessionEnded):
        return False
    handled = False
    for watch in list(_watches):
        watch.end(exc.message)
        handled = True
    return handled


class LockDialog(QDialog):
    """Covers the window after idle time; the account's password opens it."""

    def __init__(self, watch: SessionWatch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.watch = watch
        self.setObjectName("lockDialog")
        self.setModal(True)
        self.setWindowTitle(self.tr("Locked"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        actor = watch.ctx.actor
        self.info = QLabel(
            self.tr(
                "The window was locked after {0} minutes without use. Enter the password of {1} to go on."
            )
            .replace("{0}", str(watch.idle_minutes))
            .replace("{1}", f"{actor.display_name} ({actor.login})")
        )
        self.info.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("lockError")
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Unlock"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Sign out"))
        buttons.accepted.connect(self.try_unlock)
        buttons.rejected.connect(self.reject)
        for w in (self.info, self.password, self.error, buttons):
            layout.addWidget(w)

    def try_unlock(self) -> None:
        from crm_desktop.services.auth import unlock_session

        try:
            unlock_session(self.watch.session, self.password.text())
        except SessionEnded as exc:
            self.watch.end(exc.message)
            self.done(QDialog.DialogCode.Rejected)
            return
        except CrmError as exc:
            self.error.setText(exc.message)
            self.error.show()
            self.password.clear()
            return
        self.accept()


class SessionWatch(QObject):
    """One per main window. ``signed_out(message)`` fires once when the session ends."""

    signed_out = Signal(str)
    locked = Signal()
    unlocked = Signal()

    def __init__(self, ctx: AppContext, session: SignedInSession, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.session = session
        self.window = window
        self.ended = False
        self.lock_dialog: LockDialog | None = None
        self.check_timer = QTimer(self)
        self.check_timer.setInterval(max(1, opts.SESSION_CHECK_SECONDS.get(ctx.settings)) * 1000)
        self.check_timer.timeout.connect(self.check)
        self.idle_minutes = max(1, opts.IDLE_LOCK_MINUTES.get(ctx.settings))
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(self.idle_minutes * 60_000)
        self.idle_timer.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        _watches.add(self)
        self.check_timer.start()
        self.idle_timer.start()

    def set_intervals(self, *, check_ms: int | None = None, idle_ms: int | None = None) -> None:
        """Shorter intervals (tests; the settings hold seconds and minutes)."""
        if check_ms is not None:
            self.check_timer.start(check_ms)
        if idle_ms is not None:
            self.idle_timer.start(idle_ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self.lock_dialog is None and not self.ended:
            self.idle_timer.start()
        return False

    def check(self) -> bool:
        """Re-check the account now; signs out and returns False when the session has ended."""
        if self.ended:
            return False
        try:
            self.session.check()
        except SessionEnded as exc:
            self.end(exc.message)
            return False
        except CrmError as exc:
            from crm_desktop.gui.server_watch import report_unavailable

            report_unavailable(exc)  # the status bar says the server is away; the next action too
            return True
        return True

    def lock(self) -> None:
        if self.ended or self.lock_dialog is not None:
            return
        self.lock_dialog = LockDialog(self, self.window)
        self.lock_dialog.finished.connect(self._lock_finished)
        self.locked.emit()
        self.lock_dialog.open()

    def _lock_finished(self, result: int) -> None:
        dialog, self.lock_dialog = self.lock_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if self.ended:
            return
        if result == QDialog.DialogCode.Accepted:
            self.idle_timer.start()
            self.unlocked.emit()
        else:
            self.end(self.tr("You signed out."))

    def end(self, message: str) -> None:
        if self.ended:
            return
        self.ended = True
        self.check_timer.stop()
        self.idle_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.session.end()
        if self.lock_dialog is not None:
            self.lock_dialog.done(QDialog.DialogCode.Rejected)
        self.signed_out.emit(message)

    def stop(self) -> None:
        """The window closes normally."""
        if not self.ended:
            self.ended = True
            self.check_timer.stop()
            self.idle_timer.stop()
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self.session.end()


class NewPasswordDialog(QDialog):
    """At sign-in with a temporary password (set by an administrator): choose your own before going on."""

    def __init__(
        self, store: Store, actor: Actor, current_password: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.actor = actor
        self._current = current_password
        self.setObjectName("newPasswordDialog")
        self.setWindowTitle(self.tr("Choose a new password"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        info = QLabel(
            self.tr(
                "Your password was set by an administrator and is temporary. Choose your own password "
                "(at least 8 characters, not your login, not a common password) to go on."
            )
        )
        info.setWordWrap(True)
        self.new = QLineEdit()
        self.new.setObjectName("newPassword")
        self.again = QLineEdit()
        self.again.setObjectName("repeatPassword")
        for w in (self.new, self.again):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        self.new.setPlaceholderText(self.tr("New password"))
        self.again.setPlaceholderText(self.tr("Repeat the new password"))
        self.error = QLabel()
        self.error.setObjectName("newPasswordError")
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Change password"))
        buttons.accepted.connect(self.try_change)
        buttons.rejected.connect(self.reject)
        for widget in (info, self.new, self.again, self.error, buttons):
            layout.addWidget(widget)

    def try_change(self) -> None:
        from crm_desktop.services import staff as staff_service

        if self.new.text() != self.again.text():
            self._fail(self.tr("The two new passwords differ."))
            return
        try:
            staff_service.change_own_password(self.store, self.actor, self._current, self.new.text())
        except CrmError as exc:
            self._fail(exc.message)
            return
        self.actor = replace(self.actor, password_temporary=False)
        self.accept()

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.new.selectAll()
        self.new.setFocus()
