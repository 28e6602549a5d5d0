"""The change feed: committed writes announce themselves on PostgreSQL (NOTIFY), rolled-back ones never."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from crm_desktop.db import changes
from crm_desktop.db.changes import ChangeBatch, current_channel, quote_channel
from crm_desktop.db.store import Store, open_store
from crm_desktop.errors import InvalidInput
from crm_desktop.services import notes, touches
from crm_desktop.services.touches import IDENTITY, NEEDS
from tests.factories import seed_branch
from tests.fixed_clock import TODAY
from tests.services.service_helpers import add_task


def test_batch_payload_round_trip_and_merge() -> None:
    b = ChangeBatch(origin="w1")
    b.add("touches", 7)
    b.add("tasks", 8)
    back = ChangeBatch.from_payload(b.payload())
    assert back.kinds == {"touches", "tasks"} and back.client_ids == {7, 8} and back.origin == "w1"
    assert back.concerns([8, 99]) and not back.concerns([1, 2])
    back.merge(ChangeBatch({"clients"}, None))
    assert back.client_ids is None and back.concerns([1])  # unlisted clients: may concern anyone
    assert ChangeBatch.from_payload("not json").kinds == {"*"}
    many = ChangeBatch()
    for i in range(changes.MAX_CLIENT_IDS + 1):
        many.add("tasks", i)
    assert many.client_ids is None  # too many to list: "many"


@pytest.fixture
def listener(pg_url: str) -> Iterator[tuple[Store, Any]]:
    """A second workstation's store, and a raw connection listening on the store's channel."""
    store = open_store(pg_url, upgrade=True)
    raw = store.engine.raw_connection()
    conn = raw.driver_connection
    conn.rollback()
    conn.autocommit = True
    conn.execute(f"LISTEN {quote_channel(current_channel(conn))}")
    yield store, conn
    raw.close()
    store.dispose()


def _heard(conn: Any, seconds: float = 2.0) -> list[ChangeBatch]:
    return [ChangeBatch.from_payload(n.payload) for n in conn.notifies(timeout=seconds)]


@pytest.mark.pg
def test_committed_writes_are_announced_with_kinds_and_clients(listener: tuple[Store, Any]) -> None:
    store, conn = listener
    seed = seed_branch(store)
    _heard(conn, 0.5)  # the seeding's own announcements
    cid = seed.clients["001000"]
    add_task(store, cid, seed.im1.id, "phone_call", TODAY, "k1")
    [batch] = _heard(conn)
    assert batch.kinds == {"tasks"} and batch.client_ids == {cid} and batch.origin == changes.ORIGIN
    # a touch closes the task: one transaction, one notification naming both kinds
    touches.record_touch(
        store,
        seed.im1,
        "001000",
        touch_type="phone_call",
        channel="phone",
        summary="回访",
        checklist={IDENTITY: True, NEEDS: True, "content_given": "说明"},
    )
    [batch] = _heard(conn)
    assert {"touches", "tasks"} <= batch.kinds and batch.client_ids == {cid}
    notes.add_note(store, seed.im1, "001001", "备注")
    [batch] = _heard(conn)
    assert batch.kinds == {"notes"} and batch.client_ids == {seed.clients["001001"]}


@pytest.mark.pg
def test_a_rolled_back_write_is_never_announced(listener: tuple[Store, Any]) -> None:
    store, conn = listener
    seed = seed_branch(store)
    _heard(conn, 0.5)
    with pytest.raises(RuntimeError), store.transaction() as s:
        from crm_desktop.db.models import ClientNote

        s.add(ClientNote(client_id=seed.clients["001000"], author_id=seed.im1.id, text="x"))
        s.flush()
        raise RuntimeError("the user action failed")
    assert _heard(conn, 0.5) == []
    # and a failed service call (refused input) announces nothing either
    with pytest.raises(InvalidInput):
        notes.add_note(store, seed.im1, "001000", "  ")
    assert _heard(conn, 0.5) == []


def test_sqlite_writes_work_and_send_nothing(sqlite_store: Store) -> None:
    seed = seed_branch(sqlite_store)
    assert notes.add_note(sqlite_store, seed.im1, "001000", "本机") > 0
