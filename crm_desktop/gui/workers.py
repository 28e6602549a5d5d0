"""Background work on QThreadPool.

A task function runs on a pool thread and receives a :class:`TaskControl`, which is a
:class:`crm_desktop.progress.Progress`: pass it straight to a service as ``progress=control``. Cancel
makes its ``check()`` raise :class:`crm_desktop.errors.Cancelled`, the same exception the CLI's Ctrl+C
gives, and the task then ends in ``on_cancelled``. A task function must never touch widgets. Its result or error is delivered on the GUI thread by
queued signals to a relay object that lives there. :class:`Requester` keeps only the newest of a
series of requests (typing in a filter, switching clients): superseded results are dropped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from crm_desktop.errors import Cancelled

log = logging.getLogger(__name__)

__all__ = ["Cancelled", "Requester", "TaskControl", "TaskHandle", "run_task"]


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int, str)
    cancelled = Signal()


class TaskControl:
    """The task's :class:`~crm_desktop.progress.Progress`: reports go to the GUI thread by signal."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def step(self, done: float, total: float, text: str = "") -> None:
        """Report progress (thread-safe). Whole units, because a QProgressBar counts in ints."""
        self._signals.progress.emit(round(done), round(total), text)


def _deliver(callback: Callable[..., None], *args: Any) -> None:
    """Call back into the GUI, dropping results for views that were closed meanwhile.

    A window can be closed (and its C++ objects deleted) while its load is still running; the result
    then has nowhere to go, which is not an error.
    """
    try:
        callback(*args)
    except RuntimeError as exc:
        if "already deleted" not in str(exc):
            raise
        log.debug("dropped a background result for a closed view: %s", exc)


class _Relay(QObject):
    """Lives on the GUI thread so the callbacks run there."""

    def __init__(self, handle: TaskHandle) -> None:
        super().__init__()
        self._handle = handle

    @Slot(object)
    def on_finished(self, result: object) -> None:
        self._handle._complete()
        if self._handle.on_done is not None:
            _deliver(self._handle.on_done, result)

    @Slot(object)
    def on_failed(self, error: object) -> None:
        self._handle._complete()
        if self._handle.on_error is not None:
            _deliver(self._handle.on_error, error)
        else:
            log.error("background task failed: %r", error)

    @Slot(int, int, str)
    def on_progress(self, done: int, total: int, text: str) -> None:
        if self._handle.on_progress is not None and not self._handle.control.cancelled:
            _deliver(self._handle.on_progress, done, total, text)

    @Slot()
    def on_cancelled(self) -> None:
        self._handle._complete()
        if self._handle.on_cancelled is not None:
            _deliver(self._handle.on_cancelled)


_live: set[TaskHandle] = set()


class TaskHandle:
    def __init__(self) -> None:
        self.signals = _Signals()
        self.control = TaskControl(self.signals)
        self.on_done: Callable[[Any], None] | None = None
        self.on_error: Callable[[BaseException], None] | None = None
        self.on_progress: Callable[[int, int, str], None] | None = None
        self.on_cancelled: Callable[[], None] | None = None
        self.cancelled_by: Cancelled | None = None
        self.done = False
        self._relay = _Relay(self)
        self.signals.finished.connect(self._relay.on_finished)
        self.signals.failed.connect(self._relay.on_failed)
        self.signals.progress.connect(self._relay.on_progress)
        self.signals.cancelled.connect(self._relay.on_cancelled)

    def cancel(self) -> None:
        self.control.cancel()

    def _complete(self) -> None:
        self.done = True
        _live.discard(self)


class _Runnable(QRunnable):
    def __init__(self, handle: TaskHandle, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._handle = handle
        self._fn = fn
        self._args = args

    def run(self) -> None:
        signals = self._handle.signals
        try:
            result = self._fn(self._handle.control, *self._args)
        except Cancelled as exc:
            self._handle.cancelled_by = exc  # its message may say what was kept
            signals.cancelled.emit()
        except BaseException as exc:
            signals.failed.emit(exc)
        else:
            # A task that returns despite a cancel kept partial work (a letters batch) and says so in its
            # result; a task that stopped raised Cancelled above.
            signals.finished.emit(result)


def run_task(
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    pool: QThreadPool | None = None,
) -> TaskHandle:
    """Run ``fn(control, *args)`` on the pool; callbacks are called on the GUI thread."""
    handle = TaskHandle()
    handle.on_done, handle.on_error = on_done, on_error
    handle.on_progress, handle.on_cancelled = on_progress, on_cancelled
    _live.add(handle)
    (pool or QThreadPool.globalInstance()).start(_Runnable(handle, fn, args))
    return handle


class Requester:
    """Latest request wins: older in-flight requests are cancelled and their results dropped."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self._pool = pool
        self._generation = 0
        self._current: TaskHandle | None = None

    @property
    def busy(self) -> bool:
        return self._current is not None and not self._current.done

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> TaskHandle:
        if self._current is not None and not self._current.done:
            self._current.cancel()
        self._generation += 1
        gen = self._generation

        def done(result: Any) -> None:
            if gen == self._generation:
                on_done(result)

        def error(exc: BaseException) -> None:
            if gen == self._generation and on_error is not None:
                on_error(exc)

        def progress(d: int, t: int, s: str) -> None:
            if gen == self._generation and on_progress is not None:
                on_progress(d, t, s)

        self._current = run_task(
            fn, *args, on_done=done, on_error=error, on_progress=progress, pool=self._pool
        )
        return self._current

    def cancel(self) -> None:
        self._generation += 1
        if self._current is not None:
            self._current.cancel()
