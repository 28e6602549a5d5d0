"""Issue 20: the audit log holds. The store itself refuses UPDATE and DELETE on audit_log (both backends,
whatever the client), the application refuses Core and text statements too, and a hash chain shows a row
changed behind everybody's back: ``crm audit verify`` names the first broken row."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select, text, update

from crm_desktop.cli.commands.audit import EXIT_BROKEN
from crm_desktop.cli.main import main
from crm_desktop.db.models import AuditLog
from crm_desktop.db.store import Store, open_store
from crm_desktop.domain import audit_chain
from crm_desktop.services import audit, staff
from tests.factories import PASSWORD, Seed


def _raw(store: Store, sql: str) -> None:
    """Run ``sql`` on the driver's own connection: no SQLAlchemy, no application guard."""
    conn: Any = store.engine.raw_connection()
    try:
        cur = conn.cursor()
        cur.execute(sql)
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    finally:
        conn.close()


def _rows(store: Store) -> list[tuple[int, str]]:
    with store.read() as s:
        return [(a.id, a.action) for a in s.scalars(select(AuditLog).order_by(AuditLog.id))]


def test_the_database_refuses_update_and_delete(seeded: Seed) -> None:
    before = _rows(seeded.store)
    assert before
    statements = ["UPDATE audit_log SET action = 'forged'", "DELETE FROM audit_log"]
    if seeded.store.url.get_backend_name() == "postgresql":
        statements.append("TRUNCATE audit_log")
    for sql in statements:
        with pytest.raises(Exception, match=r"(?i)insert-only"):
            _raw(seeded.store, sql)
    assert _rows(seeded.store) == before
    # inserting still works (the application's own path)
    with seeded.store.transaction() as s:
        audit.record(s, seeded.admin, "test.ping", "test")
    assert len(_rows(seeded.store)) == len(before) + 1


def test_the_application_refuses_core_and_text_statements(seeded: Seed) -> None:
    before = _rows(seeded.store)
    attempts = [
        delete(AuditLog.__table__),
        update(AuditLog.__table__).values(action="forged"),
        text("DELETE FROM audit_log WHERE id > 0"),
        text("update  audit_log set action = 'forged'"),
        text('WITH x AS (DELETE FROM "audit_log" RETURNING id) SELECT count(*) FROM x'),
    ]
    for stmt in attempts:
        with pytest.raises(PermissionError), seeded.store.transaction() as s:
            s.execute(stmt)
    with pytest.raises(PermissionError), seeded.store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM audit_log")
    assert _rows(seeded.store) == before


def test_rows_are_chained_in_order(seeded: Seed) -> None:
    for i in range(3):
        with seeded.store.transaction() as s:
            audit.record(s, seeded.admin, "test.a", "test", i, n=i)
            audit.record(s, seeded.admin, "test.b", "test", i, when="2026-12-01", amount=1.5)
    with seeded.store.read() as s:
        rows = s.scalars(select(AuditLog).order_by(AuditLog.id)).all()
        previous = audit_chain.GENESIS
        for r in rows:
            assert r.prev_hash == previous and r.row_hash is not None
            previous = r.row_hash
    assert audit.verify_chain(seeded.store, seeded.bm).ok


def _cli(store: Store, *args: str) -> int:
    return main(["--db", store.url.render_as_string(hide_password=False), *args])


def test_verify_finds_a_row_changed_behind_the_apps_back(
    seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    staff.add_user(
        seeded.store,
        seeded.admin,
        "im9",
        role="investment_manager",
        display_name="九",
        branch_code="B001",
        password=None,
    )
    assert _cli(seeded.store, "audit", "verify", "--as-user", "admin") == 0
    assert "无断点" in capsys.readouterr().out
    assert _cli(seeded.store, "audit", "verify", "--as-user", "im1") == 4
    ids = [i for i, _ in _rows(seeded.store)]
    victim = ids[len(ids) // 2]
    if seeded.store.url.get_backend_name() == "sqlite":
        # a copy of the store, the way an insider would take it
        db = Path(str(seeded.store.url.database))
        seeded.store.dispose()
        copy_path = tmp_path / "copy.sqlite3"
        shutil.copy(db, copy_path)
        copy = open_store(f"sqlite:///{copy_path}")
        _raw(copy, "DROP TRIGGER audit_log_no_update")
    else:
        copy = seeded.store  # a schema of its own already, dropped after the test
        _raw(copy, "DROP TRIGGER audit_log_no_update ON audit_log")
    _raw(copy, f"UPDATE audit_log SET details = '{{\"forged\": true}}' WHERE id = {victim}")
    capsys.readouterr()
    assert _cli(copy, "audit", "verify", "--as-user", "admin") == EXIT_BROKEN
    err = capsys.readouterr().err
    assert f"第 {victim} 行" in err
    report = audit.verify_chain(copy, seeded.admin)
    assert report.broken is not None and (report.broken.row_id, report.broken.kind) == (victim, "content")
    # a removed row breaks the link of the row after it
    if copy.url.get_backend_name() == "sqlite":
        _raw(copy, "DROP TRIGGER audit_log_no_delete")
    else:
        _raw(copy, "DROP TRIGGER audit_log_no_delete ON audit_log")
    first = ids[1]
    _raw(copy, f"DELETE FROM audit_log WHERE id = {first}")
    report = audit.verify_chain(copy, seeded.admin)
    assert report.broken is not None and (report.broken.row_id, report.broken.kind) == (ids[2], "link")
    copy.dispose()


def test_two_workstations_writing_at_once_never_fork_the_chain(seeded: Seed) -> None:
    import threading

    url = seeded.store.url.render_as_string(hide_password=False)
    stores = [open_store(url), open_store(url)]
    failures: list[BaseException] = []

    def work(store: Store, tag: str) -> None:
        try:
            for i in range(15):
                with store.transaction() as s:
                    audit.record(s, seeded.admin, f"test.{tag}", "test", i)
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(st, tag)) for st, tag in zip(stores, "ab", strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for st in stores:
        st.dispose()
    assert failures == []
    report = audit.verify_chain(seeded.store, seeded.admin)
    assert report.ok and report.rows >= 30
