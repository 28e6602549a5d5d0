"""Session guards run inside every transaction and read, and can refuse the action."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from crm_desktop.db.store import Store


class Refused(Exception):
    pass


def test_guard_runs_in_transactions_and_reads(sqlite_store: Store) -> None:
    seen: list[bool] = []

    def guard(session: Session) -> None:
        session.execute(text("SELECT 1"))
        seen.append(session.in_transaction())

    sqlite_store.add_session_guard(guard)
    with sqlite_store.transaction():
        pass
    with sqlite_store.read():
        pass
    assert seen == [True, True]

    sqlite_store.remove_session_guard(guard)
    with sqlite_store.read():
        pass
    assert len(seen) == 2


def test_guard_that_raises_stops_the_action_and_writes_nothing(sqlite_store: Store) -> None:
    def guard(_session: Session) -> None:
        raise Refused

    with sqlite_store.transaction() as session:
        session.execute(text("CREATE TABLE probe (x INTEGER)"))
    sqlite_store.add_session_guard(guard)
    with pytest.raises(Refused), sqlite_store.transaction() as session:
        session.execute(text("INSERT INTO probe VALUES (1)"))
    sqlite_store.remove_session_guard(guard)
    with sqlite_store.read() as session:
        assert session.execute(text("SELECT count(*) FROM probe")).scalar_one() == 0
