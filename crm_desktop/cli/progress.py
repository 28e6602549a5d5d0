"""The one progress display of the ``crm`` command, and Ctrl+C as a clean cancel.

:class:`TerminalProgress` is the :class:`crm_desktop.progress.Progress` every long command hands to its
service. It draws one bar with rich on stderr, and only when stderr is a terminal: a scheduled job's
log or a pipe gets no control characters. Whether or not it draws, it turns the first Ctrl+C into a
cancel request, so the service stops at its next ``check()``, its transaction rolls back and the
command ends with the service's own message and exit code 130. A second Ctrl+C interrupts at once.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, Any, TextIO

from crm_desktop.i18n import tr
from crm_desktop.progress import CancelFlag

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed, or not a real stream
        return False


class TerminalProgress(CancelFlag):
    """Use as ``with TerminalProgress(ctx.err, quiet=...) as progress: service(..., progress=progress)``."""

    def __init__(self, stream: TextIO, *, quiet: bool = False) -> None:
        super().__init__()
        self.stream = stream
        self.enabled = not quiet and is_terminal(stream)
        self._bar: RichProgress | None = None
        self._task: TaskID | None = None
        self._text = ""
        self._previous_handler: Any = None
        self._handler_installed = False

    # ------------------------------------------------------------------ the Progress protocol

    def step(self, done: float, total: float, text: str = "") -> None:
        if text:
            self._text = text
        if self._bar is None or self._task is None:
            return
        shown = tr("正在取消…", "Cancelling…") if self.cancelled else self._text
        self._bar.update(self._task, completed=done, total=total if total > 0 else None, description=shown)

    # check() comes from CancelFlag: it raises Cancelled once Ctrl+C was pressed.

    # ------------------------------------------------------------------ display and Ctrl+C

    def __enter__(self) -> TerminalProgress:
        # Signal handlers can only be set on the main thread; elsewhere (an embedding program) Ctrl+C
        # keeps its default meaning.
        if threading.current_thread() is threading.main_thread():
            self._previous_handler = signal.signal(signal.SIGINT, self._interrupted)
            self._handler_installed = True
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

            console = Console(file=self.stream, force_terminal=True)
            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TaskProgressColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            )
            self._task = self._bar.add_task(self._text, total=None)
            self._bar.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
        if self._handler_installed:
            signal.signal(signal.SIGINT, self._previous_handler)
            self._handler_installed = False

    def _interrupted(self, signum: int, frame: FrameType | None) -> None:
        if self.cancelled:
            # The job did not reach a stopping point (or the person will not wait): stop now.
            raise KeyboardInterrupt
        self.cancel()
        # What a cancel keeps differs by job; the job's own message says so when it stops.
        message = tr("正在取消…（再按 Ctrl+C 立即中断）", "Cancelling… (press Ctrl+C again to stop at once)")
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, description=tr("正在取消…", "Cancelling…"))
            self._bar.console.print(message)
        else:
            self.stream.write(message + "\n")
            self.stream.flush()
