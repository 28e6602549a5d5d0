"""A progress for tests: records every step and cancels itself when told to."""

from __future__ import annotations

from collections.abc import Callable

from crm_desktop.progress import CancelFlag


class Recorder(CancelFlag):
    """``steps`` holds every ``step(done, total, text)``; ``checks`` counts the cancellation points.

    ``cancel_at_check=n`` cancels at the n-th check; ``cancel_when(recorder)`` cancels once it is true.
    """

    def __init__(
        self, *, cancel_at_check: int | None = None, cancel_when: Callable[[Recorder], bool] | None = None
    ) -> None:
        super().__init__()
        self.steps: list[tuple[float, float, str]] = []
        self.checks = 0
        self._at = cancel_at_check
        self._when = cancel_when

    def step(self, done: float, total: float, text: str = "") -> None:
        self.steps.append((done, total, text))

    def check(self) -> None:
        self.checks += 1
        if (self._at is not None and self.checks >= self._at) or (
            self._when is not None and self._when(self)
        ):
            self.cancel()
        super().check()


def cancelled() -> Recorder:
    """A progress that is cancelled before the work starts."""
    r = Recorder()
    r.cancel()
    return r
