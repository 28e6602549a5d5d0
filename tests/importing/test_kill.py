"""A real import process killed half-way leaves the store exactly as it was, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from crm_desktop.db.models import AuditLog, ImportLog, Trade
from crm_desktop.db.store import Store, open_store
from crm_desktop.services.importing import run_import
from tests.factories import PASSWORD, Seed
from tests.importing.samples import SECURITIES_ROWS, SECURITIES_ZH, TRADES_ZH, write_csv

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent("""
    import sys
    from crm_desktop.db.store import open_store
    from crm_desktop.services.auth import login
    from crm_desktop.services.importing import run_import

    url, path, password = sys.argv[1:4]
    store = open_store(url, upgrade=False)
    actor = login(store, "admin", password)

    class Printed:
        def step(self, done, total, text=""):
            print(f"{done / total:.3f} {text}", flush=True)

        def check(self):
            pass

    run_import(store, actor, "trades", path, progress=Printed(), chunk_rows=5000)
    print("COMMITTED", flush=True)
""")


def _snapshot(store: Store) -> tuple[int, int, int, int]:
    with store.read() as s:
        return (
            int(s.scalar(select(func.count()).select_from(Trade)) or 0),
            int(s.scalar(select(func.coalesce(func.sum(Trade.quantity), 0))) or 0),
            int(s.scalar(select(func.count()).select_from(ImportLog)) or 0),
            # the child's sign-in is audited when it happens (committed before the import starts)
            int(
                s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action.not_like("auth.%")))
                or 0
            ),
        )


def _foreign_keys(store: Store) -> int:
    with store.read() as s:
        if store.dialect == "sqlite":
            return len(s.execute(text("PRAGMA foreign_key_list(trade)")).all())
        return int(
            s.execute(
                text(
                    "SELECT count(*) FROM pg_constraint WHERE conrelid = to_regclass('trade') AND contype = 'f'"
                )
            ).scalar()
            or 0
        )


@pytest.mark.slow
@pytest.mark.parametrize("kill_at", ["reading", "writing"])
def test_killed_import_leaves_store_unchanged(
    seeded: Seed, tmp_path: Path, db_url: str, kill_at: str
) -> None:
    store = seeded.store
    run_import(
        store, seeded.admin, "securities", write_csv(tmp_path / "s.csv", SECURITIES_ZH, SECURITIES_ROWS)
    )
    # Some trades already there, and the file both changes them and adds many more.
    first = [
        [f"T{i:07d}", "001000", "2024-01-05", "000001", "买入", "100", "10", "1000", "5"] for i in range(100)
    ]
    run_import(store, seeded.admin, "trades", write_csv(tmp_path / "t0.csv", TRADES_ZH, first))
    rows = [
        [
            f"T{i:07d}",
            f"00100{i % 6}",
            "2024-01-05",
            SECURITIES_ROWS[i % 4][0],
            "卖出",
            str(200 + i % 7),
            "10",
            "1000",
            "5",
        ]
        for i in range(120_000)
    ]
    path = write_csv(tmp_path / "big.csv", TRADES_ZH, rows)
    before = _snapshot(store)

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, db_url, str(path), PASSWORD],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    killed_during = None
    deadline = time.monotonic() + 300
    for line in proc.stdout:
        share = float(line.split()[0]) if line[0].isdigit() else 1.0
        if "COMMITTED" in line or time.monotonic() > deadline:
            break
        if (kill_at == "reading" and 0.2 < share < 0.7) or (kill_at == "writing" and ("写入" in line)):
            if kill_at == "writing" and seeded.store.dialect == "postgresql":
                time.sleep(0.05)  # into the set-based statements (SQLite has written its rows already)
            proc.send_signal(signal.SIGKILL)
            killed_during = line.strip()
            break
    proc.wait(timeout=60)
    assert killed_during is not None, f"the import finished before it could be killed: {proc.stderr.read()}"  # type: ignore[union-attr]
    assert proc.returncode == -signal.SIGKILL

    fresh = open_store(db_url, upgrade=False)
    try:
        assert _snapshot(fresh) == before
        assert _foreign_keys(fresh) == 2
        if fresh.dialect == "sqlite":
            with fresh.read() as s:
                assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        # Nothing is left locked or half-done: the same import now goes through completely.
        r = run_import(fresh, seeded.admin, "trades", path)
        assert (r.rows_new, r.rows_changed) == (120_000 - 100, 100)
        assert _foreign_keys(fresh) == 2  # the bulk path's dropped foreign keys are back
    finally:
        fresh.dispose()
