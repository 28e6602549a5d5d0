"""Worker processes for CPU-bound batches (rendering letters), the same way everywhere.

- Spawned, never forked: the parent may run Qt or database threads, and a forked copy of a process
  with threads can hang on a lock some thread held at the fork.
- Workers ignore Ctrl+C. The terminal sends SIGINT to the whole process group; only the parent
  decides what a cancel means (stop handing out work, keep what is done), so workers must not die
  half-way through a file with a traceback each.
- Waiting for results is a cancellation point (:meth:`WorkerPool.wait_any`), so a Cancel button or
  Ctrl+C is noticed while every worker is busy.

Entry points call :func:`multiprocessing.freeze_support` so that a frozen (PyInstaller) build can
start these workers.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from types import TracebackType
from typing import Any, TypeVar

from crm_desktop.progress import Progress

T = TypeVar("T")

# How often a wait looks at the cancel flag: short enough to feel immediate, long enough to cost nothing.
POLL_SECONDS = 0.2


def _start_worker(initializer: Callable[[], None] | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer()


class WorkerPool:
    """A spawn-context process pool; use as a context manager."""

    def __init__(self, workers: int, initializer: Callable[[], None] | None = None) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._executor = ProcessPoolExecutor(
            max_workers=max(1, workers), mp_context=ctx, initializer=_start_worker, initargs=(initializer,)
        )

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        # On an error nobody wants the queued work any more; on success the queue is empty anyway.
        self._executor.shutdown(wait=True, cancel_futures=exc_type is not None)

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        return self._executor.submit(fn, *args)

    def wait_any(self, futures: Iterable[Future[Any]], progress: Progress | None = None) -> set[Future[Any]]:
        """Block until at least one of ``futures`` is done; raises ``Cancelled`` meanwhile if
        ``progress`` is cancelled (the futures keep running: the caller decides what to do with them)."""
        waiting = list(futures)
        if not waiting:
            return set()
        while True:
            if progress is not None:
                progress.check()  # a job cancelled before the wait never blocks on a busy worker
            done, _ = wait(
                waiting, timeout=None if progress is None else POLL_SECONDS, return_when=FIRST_COMPLETED
            )
            if done:
                return done
