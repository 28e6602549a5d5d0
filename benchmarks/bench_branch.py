"""Branch manager's workspace benchmark on a demo store: dashboard, exports, inbox, departure, approvals.

    .venv/bin/python benchmarks/bench_branch.py [--clients 1000] [--db URL] [--runs 5]

Builds a demo store with ``crm demo`` (a temporary SQLite file unless --db names an empty store), scores
it, and times what a branch manager does: build the dashboard, export it to Excel and PDF, propose the
departure of the manager with the largest book, file it as one batch, list the inbox, and approve the
batch (one transaction: manager change, history, tasks, handover touch, notifications, audit per client).
Prints medians; not a test: the figures move with machine load, which is printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from crm_desktop.db.models import Client, Staff  # noqa: E402
from crm_desktop.db.store import open_store  # noqa: E402
from crm_desktop.reports import dashboard as dashboard_report  # noqa: E402
from crm_desktop.services import dashboard, reassignment, staff  # noqa: E402
from crm_desktop.services.auth import login  # noqa: E402
from crm_desktop.services.scoring import run_scoring  # noqa: E402

PASSWORD = "demo1234"


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} on {os.cpu_count()} cores"


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--clients", type=int, default=1000)
    p.add_argument("--db", metavar="URL", help="an empty store to fill (default: a temporary SQLite file)")
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'branch-bench.sqlite3'}"
        print(f"building a {args.clients:,}-client demo store … ({load()})", flush=True)
        subprocess.run(
            [sys.executable, "-m", "crm_desktop.cli.main", "--db", url, "init-db"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        subprocess.run(
            [
                sys.executable,
                "-m",
                "crm_desktop.cli.main",
                "--db",
                url,
                "demo",
                "--clients",
                str(args.clients),
                "--quiet",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        store = open_store(url)
        bm = login(store, "bm", PASSWORD)
        admin = login(store, "admin", PASSWORD)
        staff.add_user(
            store,
            admin,
            "bm_bench",
            role="branch_manager",
            display_name="审批人",
            branch_code=_branch_code(store, bm.branch_id or 0),
            password=PASSWORD,
        )
        approver = login(store, "bm_bench", PASSWORD)
        t = time.perf_counter()
        run_scoring(store, bm)
        print(f"scoring: {time.perf_counter() - t:.1f} s ({load()})")

        sec, board = timed(lambda: dashboard.build_dashboard(store, bm), args.runs)
        print(
            f"dashboard build: median {sec * 1000:.0f} ms over {args.runs} runs "
            f"({board.client_count:,} clients, {len(board.churn):,} at churn risk, {len(board.league)} managers)"
        )
        sec, _ = timed(
            lambda: dashboard_report.export_dashboard(store, bm, Path(tmp) / "d.xlsx", dashboard=board), 3
        )
        print(f"export .xlsx: median {sec * 1000:.0f} ms")
        sec, _ = timed(
            lambda: dashboard_report.export_dashboard(store, bm, Path(tmp) / "d.pdf", dashboard=board), 3
        )
        pdf = Path(tmp) / "d.pdf"
        print(
            f"export .pdf (charts + tables): median {sec * 1000:.0f} ms, {pdf.stat().st_size / 1024:.0f} KB"
        )

        with store.read() as s:
            leaver_id, n = s.execute(
                select(Client.manager_id, func.count())
                .where(Client.manager_id.is_not(None))
                .group_by(Client.manager_id)
                .order_by(func.count().desc())
                .limit(1)
            ).one()
            leaver = s.get(Staff, leaver_id)
            assert leaver is not None
        sec, proposal = timed(lambda: reassignment.propose_departure(store, bm, leaver.login), args.runs)
        breaches = sum(1 for m in proposal.moves if not m.verdict.ok)
        print(
            f"departure proposal for {leaver.login} ({n} clients over {len(proposal.managers)} managers): "
            f"median {sec * 1000:.0f} ms, {breaches} lines breach the rules"
        )
        t = time.perf_counter()
        ids = reassignment.submit_departure(
            store,
            bm,
            leaver.login,
            [(m.client_no, m.to_login) for m in proposal.moves if m.to_login],
            comment="bench",
        )
        print(f"submit batch of {len(ids)} requests: {(time.perf_counter() - t) * 1000:.0f} ms")
        sec, rows = timed(lambda: reassignment.list_requests(store, bm, "pending"), args.runs)
        print(f"inbox list ({len(rows)} pending): median {sec * 1000:.0f} ms")
        t = time.perf_counter()
        reassignment.approve_requests(
            store, approver, ids, "bench", override_reason="bench" if breaches else None
        )
        wall = time.perf_counter() - t
        print(
            f"approve batch of {len(ids)} in one transaction: {wall:.2f} s "
            f"({wall / max(len(ids), 1) * 1000:.1f} ms per client)"
        )
        print(f"({load()})")
        store.dispose()
    return 0


def _branch_code(store: Any, branch_id: int) -> str:
    from crm_desktop.db.models import Branch

    with store.read() as s:
        b = s.get(Branch, branch_id)
        assert b is not None
        return b.code


if __name__ == "__main__":
    raise SystemExit(main())
