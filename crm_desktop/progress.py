"""One way for a long service call to report progress and to learn that the person cancelled.

Every long use case (import, scoring, demo load, letters batch, task generation, exports) takes
``progress: Progress | None = None`` and nothing else for progress or cancellation. The caller decides
what a report looks like: the CLI draws a bar on the terminal (``cli/progress.py``), the GUI's
``run_task`` relays it to a progress bar (``gui/workers.py``), tests record it.

- ``step(done, total, text)`` reports; it never stops the work.
- ``check()`` is a cancellation point: it raises :class:`crm_desktop.errors.Cancelled` once the person
  asked to stop. A service calls it where stopping is safe (between chunks, before a commit), so a
  cancelled transaction rolls back as any other exception does.

A service that splits its work into phases hands each phase a :func:`span` of its range, so the
phase can count in its own units without knowing what else the run does.

Pure: no Qt, no database, no I/O.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from crm_desktop.errors import Cancelled

__all__ = ["CancelFlag", "Cancelled", "NullProgress", "Progress", "Stages", "ensure", "span"]


@runtime_checkable
class Progress(Protocol):
    def step(self, done: float, total: float, text: str = "") -> None:
        """``done`` of ``total`` units are finished; ``text`` names the current stage ("" keeps the last)."""

    def check(self) -> None:
        """Raise :class:`Cancelled` if the person asked to stop."""


class NullProgress:
    """Reports nowhere and is never cancelled: what a service uses when its caller passed None."""

    def step(self, done: float, total: float, text: str = "") -> None:
        pass

    def check(self) -> None:
        pass


NULL = NullProgress()


def ensure(progress: Progress | None) -> Progress:
    """The progress to report to: the caller's, or one that goes nowhere."""
    return NULL if progress is None else progress


class CancelFlag:
    """A progress that only carries cancellation: set it (from any thread or a signal handler) and the
    next ``check()`` raises. Base of the CLI and GUI adapters, and handy in tests."""

    def __init__(self) -> None:
        self._cancelled = False

    def cancel(self) -> None:
        # A plain attribute write is atomic under the GIL and safe inside a signal handler, where a lock
        # could deadlock against the interrupted thread.
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def step(self, done: float, total: float, text: str = "") -> None:
        pass

    def check(self) -> None:
        if self._cancelled:
            raise Cancelled()


class _Span:
    def __init__(self, parent: Progress, start: float, stop: float, of: float) -> None:
        self._parent, self._start, self._width, self._of = parent, start, stop - start, of

    def step(self, done: float, total: float, text: str = "") -> None:
        share = min(max(done / total, 0.0), 1.0) if total > 0 else 0.0
        self._parent.step(self._start + self._width * share, self._of, text)

    def check(self) -> None:
        self._parent.check()


def span(progress: Progress | None, start: float, stop: float, of: float = 100) -> Progress:
    """A progress for one phase that fills ``start``..``stop`` of the parent's ``of`` units.

    ``span(p, 0, 80)`` gives the data load 80 % of the bar; the load may then count in blocks of
    clients (``step(3, 12)``) and the parent sees ``step(20, 100)``. Cancellation passes through.
    """
    if not 0 <= start <= stop <= of:
        raise ValueError(f"span {start}..{stop} is not within 0..{of}")
    return _Span(ensure(progress), start, stop, of)


class Stages:
    """Named stages of roughly equal weight: ``next("Saving…")`` stops here if cancelled, then
    reports the stage as begun. For runs whose parts cannot count their own units."""

    def __init__(self, progress: Progress | None, count: int) -> None:
        self._progress = ensure(progress)
        self._count = max(count, 1)
        self._begun = 0

    def next(self, text: str) -> None:
        self._progress.check()
        self._progress.step(min(self._begun, self._count - 1), self._count, text)
        self._begun += 1

    def done(self) -> None:
        self._progress.step(self._count, self._count, "")
