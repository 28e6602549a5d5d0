"""Listening to the store's change feed (PostgreSQL ``LISTEN``) so that other workstations' writes show.

The listener is a ``QThread`` with its own database connection. It never touches a widget: what it hears
goes to the GUI thread by a queued signal (``changed``, one merged :class:`ChangeBatch` per burst), and the
main window turns it into ``bus.data_changed`` for the kinds that changed, so that each view refreshes what
concerns it (counters, agenda, the 360° view; the client book only when its own clients changed).

Notifications this process sent itself are dropped: the local refresh already happened. When the
connection breaks, ``lost`` is emitted (the main window falls back to the periodic refresh), the listener
reconnects every few seconds, and after reconnecting it reports "everything may have changed" once,
since notifications sent meanwhile were missed. SQLite has no feed: no listener is started.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QThread, Signal

from crm_desktop.db.changes import ORIGIN, ChangeBatch, current_channel, quote_channel
from crm_desktop.db.store import Store

log = logging.getLogger(__name__)

# How long one wait for notifications lasts; also how fast the thread notices it should stop.
POLL_SECONDS = 0.25
RETRY_SECONDS = 5.0


class ChangeListener(QThread):
    changed = Signal(object)  # ChangeBatch, delivered on the GUI thread
    ready = Signal()  # listening (again)
    lost = Signal(str)  # the connection broke; the text says why

    def __init__(self, store: Store, parent: Any = None, *, ignore_own: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("changeListener")
        self._engine = store.engine
        self._ignore_own = ignore_own

    @staticmethod
    def available(store: Store) -> bool:
        return store.dialect == "postgresql"

    def stop(self, timeout_ms: int = 5000) -> None:
        self.requestInterruption()
        self.wait(timeout_ms)

    def run(self) -> None:
        missed = False
        while not self.isInterruptionRequested():
            conn: Any = None
            try:
                # A connection of its own, taken out of the pool for good (it stays in LISTEN mode).
                raw = self._engine.raw_connection()
                conn = raw.driver_connection
                raw.detach()
                conn.rollback()
                conn.autocommit = True
                channel = current_channel(conn)
                conn.execute(f"LISTEN {quote_channel(channel)}")
                self.ready.emit()
                if missed:
                    self.changed.emit(ChangeBatch({"*"}, None, ""))
                    missed = False
                self._listen(conn)
            except Exception as exc:
                log.warning("change feed: %s", exc)
                missed = True
                self.lost.emit(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
                self._sleep(RETRY_SECONDS)
            finally:
                if conn is not None:
                    try:
                        conn.close()
                    except Exception:  # the connection is gone already
                        log.debug("change feed: closing a broken connection", exc_info=True)

    def _listen(self, conn: Any) -> None:
        while not self.isInterruptionRequested():
            batch: ChangeBatch | None = None
            # everything that arrives within one wait is merged into one refresh
            for note in conn.notifies(timeout=POLL_SECONDS):
                got = ChangeBatch.from_payload(note.payload)
                if self._ignore_own and got.origin == ORIGIN:
                    continue
                if batch is None:
                    batch = got
                else:
                    batch.merge(got)
            if batch is not None:
                self.changed.emit(batch)

    def _sleep(self, seconds: float) -> None:
        steps = int(seconds / 0.1)
        for _ in range(steps):
            if self.isInterruptionRequested():
                return
            self.msleep(100)
