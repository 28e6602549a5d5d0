"""Background work: results on the GUI thread, progress, cancel, latest-wins, closed views."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QAbstractListModel, QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from crm_desktop.gui.workers import Requester, TaskControl, run_task


def test_result_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    seen: dict[str, object] = {}

    def work(control: TaskControl) -> str:
        seen["worker_thread"] = threading.current_thread().name
        return "ok"

    def done(result: str) -> None:
        seen["result"] = result
        seen["gui"] = QThread.currentThread() is QApplication.instance().thread()  # type: ignore[union-attr]

    run_task(work, on_done=done)
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] == "ok" and seen["gui"] is True
    assert seen["worker_thread"] != threading.main_thread().name


def test_progress_and_cancel(qtbot: QtBot) -> None:
    progress: list[int] = []
    outcome: list[str] = []
    started = threading.Event()

    def work(control: TaskControl) -> None:
        for i in range(1000):
            started.set()
            control.step(i, 1000, "step")
            control.check()
            time.sleep(0.005)

    handle = run_task(
        work,
        on_done=lambda r: outcome.append("done"),
        on_progress=lambda d, t, s: progress.append(d),
        on_cancelled=lambda: outcome.append("cancelled"),
    )
    qtbot.waitUntil(lambda: len(progress) > 3, timeout=5000)
    handle.cancel()
    qtbot.waitUntil(lambda: outcome != [], timeout=5000)
    assert outcome == ["cancelled"]


def test_requester_drops_superseded_results(qtbot: QtBot) -> None:
    req = Requester()
    got: list[int] = []

    def slow(control: TaskControl, n: int) -> int:
        time.sleep(0.2 if n == 1 else 0.0)
        return n

    req.submit(slow, 1, on_done=got.append)
    req.submit(slow, 2, on_done=got.append)
    qtbot.waitUntil(lambda: got == [2], timeout=5000)
    qtbot.wait(400)
    assert got == [2]


def test_result_for_a_deleted_view_is_dropped_quietly(qtbot: QtBot) -> None:
    class Model(QAbstractListModel):
        def rowCount(self, parent=None) -> int:  # type: ignore[no-untyped-def, override]
            return 0

        def data(self, index, role=0):  # type: ignore[no-untyped-def, override]
            return None

        def reload(self, _result: object) -> None:
            self.beginResetModel()
            self.endResetModel()

    model = Model()
    finished: list[bool] = []
    gate = threading.Event()

    def work(control: TaskControl) -> int:
        gate.wait(5)
        return 1

    handle = run_task(work, on_done=model.reload)
    import shiboken6

    shiboken6.delete(model)
    gate.set()
    qtbot.waitUntil(lambda: handle.done, timeout=5000)
    finished.append(True)
    assert finished == [True]


def test_task_control_is_the_progress_protocol(qtbot: QtBot) -> None:
    """A service gets the control as its ``progress``; a cancel raises the one Cancelled of crm_desktop.errors."""
    from crm_desktop.errors import Cancelled
    from crm_desktop.progress import Progress, span

    seen: list[tuple[int, int, str]] = []
    outcome: list[object] = []
    gate = threading.Event()

    def service(progress: Progress) -> None:  # what a long use case does
        half = span(progress, 0, 50)
        half.step(1, 2, "half of the first half")
        gate.wait(5)
        progress.check()

    def work(control: TaskControl) -> None:
        assert isinstance(control, Progress)
        service(control)

    handle = run_task(
        work,
        on_done=outcome.append,
        on_progress=lambda d, t, s: seen.append((d, t, s)),
        on_cancelled=lambda: outcome.append("cancelled"),
    )
    qtbot.waitUntil(lambda: seen != [], timeout=5000)
    assert seen == [(25, 100, "half of the first half")]
    handle.cancel()
    gate.set()
    qtbot.waitUntil(lambda: outcome != [], timeout=5000)
    assert outcome == ["cancelled"] and isinstance(handle.cancelled_by, Cancelled)


def test_a_task_that_returns_after_a_cancel_delivers_its_result(qtbot: QtBot) -> None:
    """A letters batch stops early and returns what it kept: the view must get that result."""
    outcome: list[object] = []

    def work(control: TaskControl) -> str:
        control.cancel()
        return "partial"

    run_task(work, on_done=outcome.append, on_cancelled=lambda: outcome.append("cancelled"))
    qtbot.waitUntil(lambda: outcome != [], timeout=5000)
    assert outcome == ["partial"]


def test_progress_dialog_cancel_raises_the_jobs_cancelled(qtbot: QtBot) -> None:
    """The modal dialog of the demo load: Cancel stops the job at its next check, and the caller gets the
    job's own Cancelled (its message says what was kept) instead of going on as if the work were done."""
    import pytest
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    from crm_desktop.errors import Cancelled
    from crm_desktop.gui.app import run_with_progress
    from crm_desktop.progress import span

    labels: list[str] = []

    def job(control: TaskControl) -> str:
        load = span(control, 0, 80)
        for block in range(500):
            load.step(block, 500, "Account history")
            try:
                control.check()
            except Cancelled:
                raise Cancelled("Loading demo data was cancelled; no client data was kept.") from None
            time.sleep(0.01)
        return "done"

    def press_cancel() -> None:
        dialogs = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()
        ]
        if not dialogs or dialogs[0].value() < 2:
            QTimer.singleShot(20, press_cancel)
            return
        labels.append(dialogs[0].labelText())
        button = dialogs[0].findChild(QPushButton)
        assert button is not None
        button.click()  # what the person does

    QTimer.singleShot(20, press_cancel)
    with pytest.raises(Cancelled, match="no client data was kept"):
        run_with_progress(None, "Loading demo data…", job)
    assert labels == ["Account history"]
