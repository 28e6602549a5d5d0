"""The branch manager's agenda at branch scale: service query plus the table filled and sorted on screen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_agenda.py [--clients 1500] [--runs 15]

Builds a demo branch (``crm_desktop.demo``, scored, with the day's tasks) in a temp SQLite file, tops the
open tasks up to at least 2,000 if the demo made fewer, then times, as the branch manager:

- ``tasks.agenda`` (the query, priority order and days overdue; goal with the view: <= 300 ms),
- the view's part: the model filled with those rows and the proxy sorted by priority,
- a reference measured in the same run: the bare SELECT of the same open-task rows (the floor).

Not a test: the figures move with machine load, which is printed next to them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import insert, select, text  # noqa: E402

from crm_desktop.clock import FixedClock, set_clock  # noqa: E402
from crm_desktop.db.models import Client, ServiceTask  # noqa: E402
from crm_desktop.db.store import open_store  # noqa: E402
from crm_desktop.demo.generator import DEMO_PASSWORD  # noqa: E402
from crm_desktop.demo.setup import prepare_demo  # noqa: E402
from crm_desktop.services import tasks  # noqa: E402
from crm_desktop.services.auth import login  # noqa: E402

AS_OF = date(2026, 12, 4)
TARGET_TASKS = 2000


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f} on {os.cpu_count()} cores"


def median_ms(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=1500)
    ap.add_argument("--runs", type=int, default=15)
    a = ap.parse_args()
    set_clock(FixedClock(AS_OF))
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'agenda.sqlite3'}"
        prepare_demo(url, a.clients, as_of=AS_OF)
        store = open_store(url)
        open_states = ("open", "overdue")
        with store.transaction() as s:
            have = s.scalar(
                select(text("count(*)")).select_from(ServiceTask).where(ServiceTask.status.in_(open_states))
            )
            missing = max(0, TARGET_TASKS - int(have or 0))
            clients = s.execute(
                select(Client.id, Client.manager_id).where(Client.manager_id.is_not(None))
            ).all()
            s.execute(
                insert(ServiceTask),
                [
                    {
                        "client_id": clients[i % len(clients)][0],
                        "manager_id": clients[i % len(clients)][1],
                        "task_type": "phone_call",
                        "source": "follow_up",
                        "due_date": AS_OF + timedelta(days=(i % 40) - 20),
                        "status": "open",
                        "dedupe_key": f"bench:{i}",
                    }
                    for i in range(missing)
                ],
            ) if missing else None
        bm = login(store, "bm", DEMO_PASSWORD)
        agenda = tasks.agenda(store, bm)
        n = len(agenda.items)

        from PySide6.QtWidgets import QApplication

        from crm_desktop.gui.service.agenda_model import AgendaModel, BucketFilter, Col

        app = QApplication.instance() or QApplication([])
        model = AgendaModel()
        proxy = BucketFilter()
        proxy.setSourceModel(model)

        def fill() -> None:
            model.set_rows(agenda.items)
            proxy.sort(Col.PRIORITY)
            proxy.rowCount()

        bare_sql = text(
            "SELECT t.id, c.client_no, c.name, t.task_type, t.source, t.due_date, t.status, t.manager_id "
            "FROM service_task t JOIN client c ON c.id = t.client_id WHERE t.status IN ('open', 'overdue')"
        )

        def bare() -> None:
            with store.read() as s:
                s.execute(bare_sql).all()

        ref = median_ms(bare, a.runs)
        service = median_ms(lambda: tasks.agenda(store, bm), a.runs)
        view = median_ms(fill, a.runs)
        print(f"{load()}")
        print(
            f"branch manager's agenda: {n:,} open tasks ({a.clients:,}-client demo, SQLite), median of {a.runs}"
        )
        print(f"  bare SELECT of the same rows (reference) {ref:8.1f} ms")
        print(
            f"  tasks.agenda (service)                   {service:8.1f} ms  ({service / ref:.1f}x reference)"
        )
        print(f"  model filled + sorted by priority        {view:8.1f} ms")
        total = service + view
        print(
            f"  total                                    {total:8.1f} ms  (goal <= 300 ms: {'met' if total <= 300 else 'MISSED'})"
        )
        store.dispose()
        del app


if __name__ == "__main__":
    main()
