"""The progress and cancellation protocol: null progress, phases, stages, Cancelled, the worker pool."""

from __future__ import annotations

import signal
import time

import pytest

from crm_desktop.errors import Cancelled, CrmError
from crm_desktop.i18n import set_language
from crm_desktop.procpool import WorkerPool
from crm_desktop.progress import CancelFlag, NullProgress, Progress, Stages, ensure, span
from tests.progress_helpers import Recorder, cancelled


def _sigint_disposition() -> object:
    return signal.getsignal(signal.SIGINT)


def test_null_progress_goes_nowhere_and_never_cancels() -> None:
    p = ensure(None)
    assert isinstance(p, NullProgress) and isinstance(p, Progress)
    p.step(1, 2, "x")
    p.check()
    r = Recorder()
    assert ensure(r) is r


def test_cancelled_is_one_crm_error_with_exit_code_130() -> None:
    set_language("en")
    try:
        assert issubclass(Cancelled, CrmError) and Cancelled.exit_code == 130
        assert Cancelled().message == "Cancelled."
        assert Cancelled("The import was cancelled; nothing was changed.").message.startswith("The import")
    finally:
        set_language("zh_CN")
    flag = CancelFlag()
    flag.check()
    flag.cancel()
    assert flag.cancelled
    with pytest.raises(Cancelled):
        flag.check()


@pytest.mark.parametrize(
    ("start", "stop", "done", "total", "expected"),
    [
        (0, 80, 0, 12, 0.0),
        (0, 80, 3, 12, 20.0),
        (0, 80, 12, 12, 80.0),
        (80, 100, 1, 2, 90.0),
        (80, 100, 5, 2, 100.0),
        (80, 100, -1, 2, 80.0),
        (80, 100, 1, 0, 80.0),
    ],
)
def test_span_maps_a_phase_into_its_range(
    start: float, stop: float, done: float, total: float, expected: float
) -> None:
    r = Recorder()
    span(r, start, stop).step(done, total, "phase")
    assert r.steps == [(expected, 100, "phase")]


def test_spans_nest_and_pass_cancellation_through() -> None:
    r = Recorder()
    inner = span(span(r, 50, 100), 0, 50)  # the first half of the second half
    inner.step(1, 1)
    assert r.steps == [(75.0, 100, "")]
    inner.check()
    r.cancel()
    with pytest.raises(Cancelled):
        inner.check()
    with pytest.raises(ValueError):
        span(r, 60, 40)
    span(None, 0, 10).step(1, 1)  # a phase of nothing is fine


def test_stages_check_first_then_report() -> None:
    r = Recorder()
    stages = Stages(r, 3)
    for text in ("load", "score", "save", "again"):
        stages.next(text)
    stages.done()
    assert [(d, t, s) for d, t, s in r.steps] == [
        (0, 3, "load"),
        (1, 3, "score"),
        (2, 3, "save"),
        (2, 3, "again"),
        (3, 3, ""),
    ]
    assert r.checks == 4
    stopped = Stages(cancelled(), 2)
    with pytest.raises(Cancelled):
        stopped.next("load")


def _napping(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def test_worker_pool_workers_ignore_ctrl_c_and_waiting_is_cancellable() -> None:
    with WorkerPool(1) as pool:
        assert pool.submit(_sigint_disposition).result(timeout=60) == signal.SIG_IGN
        slow = pool.submit(_napping, 1.5)
        t0 = time.perf_counter()
        with pytest.raises(Cancelled):
            pool.wait_any([slow], cancelled())
        assert time.perf_counter() - t0 < 1.0  # noticed while the worker was still busy
        assert pool.wait_any([slow]) == {slow} and slow.result() == 1.5
        assert pool.wait_any([]) == set()
