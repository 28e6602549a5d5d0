"""Real concurrent sessions on PostgreSQL: two workstations acting on the same task or touch at once.

Each side has its own Store (its own engine and connections), runs in its own thread, and a barrier
placed inside the service makes both sides read the same state before either writes, so the race
really happens instead of the two actions merely running one after the other.
"""

from __future__ import annotations

import io
import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from crm_desktop.cli.main import main
from crm_desktop.db.models import AuditLog, ServiceTask, Touch
from crm_desktop.db.store import Store, open_store
from crm_desktop.errors import Conflict
from crm_desktop.services import tasks, touches
from tests.factories import PASSWORD, Seed, seed_branch
from tests.fixed_clock import TODAY
from tests.services.service_helpers import add_task

pytestmark = pytest.mark.pg


def _race(fns: list[Callable[[], Any]]) -> list[Any]:
    """Run the callables in parallel threads; return each one's result or exception."""
    results: list[Any] = [None] * len(fns)

    def run(i: int) -> None:
        try:
            results[i] = fns[i]()
        except BaseException as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(fns))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
        assert not t.is_alive(), "a session hung"
    return results


def _barrier_after(
    monkeypatch: pytest.MonkeyPatch, module: Any, name: str, parties: int = 2
) -> threading.Barrier:
    barrier = threading.Barrier(parties, timeout=20)
    original = getattr(module, name)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        barrier.wait()
        return result

    monkeypatch.setattr(module, name, wrapped)
    return barrier


@pytest.fixture
def two_stores(pg_url: str) -> Any:
    first = open_store(pg_url, upgrade=True)
    seed = seed_branch(first)
    second = open_store(pg_url)
    yield seed, first, second
    first.dispose()
    second.dispose()


def test_two_workstations_complete_same_task(
    two_stores: tuple[Seed, Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    seed, a, b = two_stores
    task = add_task(a, seed.clients["001000"], seed.im1.id, "phone_call", TODAY, "race")
    # Both sides have found the task still open before either closes it.
    _barrier_after(monkeypatch, touches, "find_open_task_in_session")
    kw = {
        "touch_type": "phone_call",
        "channel": "phone",
        "checklist": {touches.IDENTITY: True, touches.NEEDS: True},
    }
    results = _race(
        [
            lambda: touches.record_touch(a, seed.im1, "001000", summary="工位一记录", **kw),
            lambda: touches.record_touch(b, seed.bm, "001000", summary="工位二记录", **kw),
        ]
    )
    assert all(isinstance(r, int) for r in results), results  # no error lost, none raised
    with a.read() as s:
        saved = s.scalars(select(Touch).order_by(Touch.id)).all()
        assert {t.summary for t in saved} == {"工位一记录", "工位二记录"}
        assert {t.task_id for t in saved} == {task}
        row = s.get(ServiceTask, task)
        assert row is not None and row.status == "done" and row.completed_touch_id in results
        assert row.version == 2  # closed exactly once
        audits = s.scalars(select(AuditLog).where(AuditLog.action == "touch.add")).all()
        assert sorted(bool(x.details["task_closed"]) for x in audits) == [False, True]
        assert sorted(bool(x.details["task_already_closed"]) for x in audits) == [False, True]


def test_generation_on_two_workstations_at_once(
    two_stores: tuple[Seed, Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.services.service_helpers import score_run

    seed, a, b = two_stores
    score_run(a, TODAY, {cid: ("V5", "high", True) for cid in seed.clients.values()})
    _barrier_after(monkeypatch, tasks, "_score_runs")
    results = _race([lambda: tasks.generate_tasks(a, None), lambda: tasks.generate_tasks(b, seed.bm)])
    assert not [r for r in results if isinstance(r, BaseException)], results
    with a.read() as s:
        keys = list(s.scalars(select(ServiceTask.dedupe_key)))
    assert len(keys) == len(set(keys)) == sum(r.created for r in results)
    monkeypatch.undo()
    assert tasks.generate_tasks(a, None).created == 0


def test_two_people_edit_same_touch(
    two_stores: tuple[Seed, Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    seed, a, b = two_stores
    tid = touches.record_touch(a, seed.im1, "001000", touch_type="greeting", channel="sms", summary="原文")
    # Both editors have loaded version 1 before either writes.
    _barrier_after(monkeypatch, touches, "_load_editable")
    results = _race(
        [
            lambda: touches.edit_touch(a, seed.im1, tid, expected_version=1, summary="经理一的修改"),
            lambda: touches.edit_touch(b, seed.bm, tid, expected_version=1, summary="负责人的修改"),
        ]
    )
    conflicts = [r for r in results if isinstance(r, Conflict)]
    wins = [r for r in results if isinstance(r, touches.EditResult)]
    assert len(conflicts) == 1 and len(wins) == 1, results
    assert "其他人修改" in conflicts[0].message
    winner = "经理一的修改" if results[0] is wins[0] else "负责人的修改"
    with a.read() as s:
        t = s.get(Touch, tid)
        assert t is not None and t.summary == winner and t.version == 2
        assert len(s.scalars(select(AuditLog).where(AuditLog.action == "touch.edit")).all()) == 1


def test_cli_second_editor_exits_5(
    two_stores: tuple[Seed, Store, Store], pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed, a, _b = two_stores
    tid = touches.record_touch(a, seed.im1, "001000", touch_type="greeting", channel="sms", summary="原文")
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    _barrier_after(monkeypatch, touches, "_load_editable")
    codes = _race(
        [
            lambda: main(
                [
                    "--db",
                    pg_url,
                    "touch",
                    "edit",
                    str(tid),
                    "--expected-version",
                    "1",
                    "--summary",
                    "一",
                    "--as-user",
                    "im1",
                ]
            ),
            lambda: main(
                [
                    "--db",
                    pg_url,
                    "touch",
                    "edit",
                    str(tid),
                    "--expected-version",
                    "1",
                    "--summary",
                    "二",
                    "--as-user",
                    "bm",
                ]
            ),
        ]
    )
    assert sorted(codes) == [0, 5]
    with a.read() as s:
        t = s.get(Touch, tid)
        assert t is not None and t.summary == ("一" if codes[0] == 0 else "二")
