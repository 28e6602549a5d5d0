"""Two branch managers approve the same request at the same moment, as two real `crm` processes.

The test holds a row lock on the request while both processes start, waits until PostgreSQL shows
both blocked behind it, then releases it: the two approvals really race for the same row.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from crm_desktop.db.models import AssignmentHistory, AuditLog, Client, ReassignmentRequest, Touch
from crm_desktop.db.store import open_store
from crm_desktop.services import reassignment
from tests.branch_data import add_staff
from tests.factories import PASSWORD, seed_branch

ROOT = Path(__file__).resolve().parents[2]


def _start(url: str, request_id: int | str, login: str, *more: str) -> subprocess.Popen[str]:
    env = dict(os.environ, CRM_PASSWORD=PASSWORD, CRM_LANG="zh_CN")
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "crm_desktop.cli.main",
            "--db",
            url,
            "reassign",
            "approve",
            str(request_id),
            *more,
            "--comment",
            f"by {login}",
            "--as-user",
            login,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(procs: list[subprocess.Popen[str]]) -> list[tuple[int, str, str]]:
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=120)
        out.append((p.returncode, stdout, stderr))
    return out


def _check_one_winner(url: str, results: list[tuple[int, str, str]], client_no: str, request_id: int) -> None:
    codes = sorted(r[0] for r in results)
    assert codes == [0, 5], results
    loser = next(r for r in results if r[0] == 5)
    # the loser is told who decided and when
    assert re.search(
        r"已由 (王经理（bm）|钱经理（bm2）) 于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d 处理（已批准）", loser[2]
    ), loser[2]
    store = open_store(url)
    try:
        with store.read() as s:
            cid = s.scalar(select(Client.id).where(Client.client_no == client_no))
            req = s.get(ReassignmentRequest, request_id)
            assert req is not None and req.status == "approved"
            winner_login = "bm" if next(r for r in results if r[0] == 0) is results[0] else "bm2"
            assert req.decision_comment == f"by {winner_login}"
            assert (
                s.scalar(
                    select(func.count())
                    .select_from(AssignmentHistory)
                    .where(AssignmentHistory.client_id == cid)
                )
                == 1
            )
            assert (
                s.scalar(
                    select(func.count())
                    .select_from(Touch)
                    .where(Touch.client_id == cid, Touch.touch_type == "handover")
                )
                == 1
            )
            assert (
                s.scalar(
                    select(func.count())
                    .select_from(AuditLog)
                    .where(AuditLog.action == "reassignment.approve", AuditLog.entity_id == str(request_id))
                )
                == 1
            )
    finally:
        store.dispose()


def test_two_processes_approve_the_same_request(pg_url: str) -> None:
    store = open_store(pg_url, upgrade=True)
    try:
        seed = seed_branch(store)
        add_staff(seed, "bm2", "branch_manager", "钱经理")
        [gated] = reassignment.request_reassignment(store, seed.im1, ["001000"], "im2", "client_request")
        [free] = reassignment.request_reassignment(store, seed.im1, ["001001"], "im2", "client_request")
        pair = reassignment.request_reassignment(store, seed.im1, ["001002", "001003"], "im2", "workload")
    finally:
        store.dispose()

    # Round 1: both processes wait behind our lock, then race when it is released.
    engine = create_engine(pg_url)
    try:
        with engine.connect() as holder:
            holder.execute(
                text("SELECT id FROM reassignment_request WHERE id = :id FOR UPDATE"), {"id": gated}
            )
            holder_pid = holder.execute(text("SELECT pg_backend_pid()")).scalar_one()
            procs = [_start(pg_url, gated, "bm"), _start(pg_url, gated, "bm2")]
            deadline = time.monotonic() + 90
            with engine.connect() as probe:
                while True:
                    waiting = probe.execute(
                        # The second waiter queues behind the first one's tuple lock, not behind us.
                        text(
                            "WITH first AS (SELECT pid FROM pg_stat_activity WHERE :pid = ANY(pg_blocking_pids(pid))) "
                            "SELECT count(*) FROM pg_stat_activity WHERE :pid = ANY(pg_blocking_pids(pid)) "
                            "OR pg_blocking_pids(pid) && ARRAY(SELECT pid FROM first)"
                        ),
                        {"pid": holder_pid},
                    ).scalar_one()
                    probe.rollback()
                    if waiting >= 2 or any(p.poll() is not None for p in procs):
                        break
                    assert time.monotonic() < deadline, "the two approvals never both reached the lock"
                    time.sleep(0.1)
            assert waiting >= 2, _finish(procs)
            holder.rollback()
        results = _finish(procs)
    finally:
        engine.dispose()
    _check_one_winner(pg_url, results, "001000", gated)

    # Round 2: no gate, just two processes started together.
    results = _finish([_start(pg_url, free, "bm"), _start(pg_url, free, "bm2")])
    _check_one_winner(pg_url, results, "001001", free)

    # Round 3: overlapping batches ([a, b] against [b]) queue on the locks instead of deadlocking;
    # whoever loses gets exit 5 and, being all or nothing, changes nothing.
    results = _finish([_start(pg_url, pair[0], "bm", str(pair[1])), _start(pg_url, pair[1], "bm2")])
    assert sorted(r[0] for r in results) == [0, 5], results
    assert not any("deadlock" in r[2].lower() for r in results)
    store = open_store(pg_url)
    try:
        with store.read() as s:
            status = {
                r.id: r.status
                for r in s.scalars(select(ReassignmentRequest).where(ReassignmentRequest.id.in_(pair)))
            }
            moved = dict(
                s.execute(
                    select(Client.client_no, Client.manager_id).where(
                        Client.client_no.in_(["001002", "001003"])
                    )
                ).all()
            )
            im2 = s.scalar(select(Client.manager_id).where(Client.client_no == "001000"))
    finally:
        store.dispose()
    if results[0][0] == 0:  # the batch won: both moved
        assert status == {pair[0]: "approved", pair[1]: "approved"} and set(moved.values()) == {im2}
    else:  # the single approval won: the batch left its other request untouched
        assert (
            status == {pair[0]: "pending", pair[1]: "approved"} and moved["001003"] == im2 != moved["001002"]
        )
