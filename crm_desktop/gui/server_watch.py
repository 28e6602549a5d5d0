"""The shared server going away and coming back, as the windows show it.

Any service call that meets an unreachable server raises :class:`~crm_desktop.errors.StoreUnavailable`;
the error dialogs, the session re-check timer and the touch form report it here (:func:`report_unavailable`).
Then every main window's status bar says so in red, what is on screen stays as it was (views keep their
rows when a reload fails), nothing is queued: each action that fails says it was not carried out. A probe
on a pool thread asks the server every few seconds; when it answers, the status bar clears, the views
reload and :attr:`ServerHub.restored` fires (a touch form whose save was in doubt then looks it up).
No restart: the store's pool replaces its dead connections itself (``pool_pre_ping``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow

from crm_desktop.errors import StoreUnavailable
from crm_desktop.gui.theme import OVERDUE_COLOUR

if TYPE_CHECKING:
    from crm_desktop.gui.context import AppContext

log = logging.getLogger(__name__)

PROBE_MS = 5000


class ServerHub(QObject):
    """One per process: whether the server is known to be unreachable, and the two moments."""

    lost = Signal()
    restored = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.down = False

    def mark_lost(self) -> None:
        if not self.down:
            self.down = True
            log.warning("database server unreachable")
            self.lost.emit()

    def mark_restored(self) -> None:
        if self.down:
            self.down = False
            log.info("database server reachable again")
            self.restored.emit()


_hub: ServerHub | None = None


def hub() -> ServerHub:
    global _hub
    if _hub is None:
        _hub = ServerHub()
    return _hub


def report_unavailable(exc: BaseException) -> bool:
    """Called where errors arrive: an unreachable server marks the outage. True if ``exc`` was one.

    Returns whether the outage was already known (then a dialog for yet another failed reload would
    only repeat what the status bar says)."""
    if not isinstance(exc, StoreUnavailable):
        return False
    known = hub().down
    hub().mark_lost()
    return known


class ServerWatch(QObject):
    """One per main window: the red status-bar note while the server is away, and the probe."""

    def __init__(self, ctx: AppContext, window: QMainWindow) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.label = QLabel()
        self.label.setObjectName("serverStatus")
        self.label.setStyleSheet(f"color: {OVERDUE_COLOUR}; font-weight: bold;")
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.probe_timer = QTimer(self)
        self.probe_timer.setInterval(PROBE_MS)
        self.probe_timer.timeout.connect(self.probe)
        self._probing = False
        hub().lost.connect(self._lost)
        hub().restored.connect(self._restored)
        if hub().down:
            self._lost()

    def set_interval(self, ms: int) -> None:
        """A shorter probe interval (tests)."""
        self.probe_timer.setInterval(ms)

    def _lost(self) -> None:
        self.label.setText(
            QCoreApplication.translate(
                "ServerWatch",
                "Server unreachable: last loaded data shown, nothing is saved (retrying)",
            )
        )
        self.label.setToolTip(
            QCoreApplication.translate(
                "ServerWatch",
                "{server} does not answer. What is on screen is as of the last successful load; each action "
                "that needs the server says it was not carried out. The connection is checked every few "
                "seconds and everything reloads when it is back, without a restart.",
            ).replace("{server}", self.ctx.store.friendly_name())
        )
        self.label.show()
        self.probe_timer.start()

    def probe(self) -> None:
        if self._probing or not hub().down:
            return
        self._probing = True
        from crm_desktop.gui.workers import run_task

        store = self.ctx.store

        def ping(_control: Any) -> None:
            store.ping()

        run_task(ping, on_done=self._answered, on_error=self._no_answer, pool=self.ctx.pool)

    def _answered(self, _result: object) -> None:
        self._probing = False
        hub().mark_restored()

    def _no_answer(self, exc: BaseException) -> None:
        self._probing = False
        if not isinstance(exc, StoreUnavailable):
            log.warning("server probe failed: %s", exc)

    def _restored(self) -> None:
        self.probe_timer.stop()
        self.label.hide()
        self.label.clear()
        self.window.statusBar().showMessage(
            QCoreApplication.translate("ServerWatch", "Connection to the server restored."), 8000
        )
        self.ctx.bus.refresh_requested.emit()

    def stop(self) -> None:
        self.probe_timer.stop()
        try:
            hub().lost.disconnect(self._lost)
            hub().restored.disconnect(self._restored)
        except (RuntimeError, TypeError):
            pass
