"""The change feed: on PostgreSQL, every committed write that changes tasks, touches, clients, notes or
requests announces itself with ``NOTIFY`` so that other workstations refresh what changed (issue #18).

How it works. A session listener notes, at each flush, which kinds of rows changed and for which clients
(``ServiceTask`` → ``tasks``, ``Touch`` → ``touches``, ``Client`` → ``clients``, …). Just before the
transaction commits, one ``pg_notify`` carrying those kinds and client ids is sent *inside* the transaction:
PostgreSQL delivers a notification only when its transaction commits and drops it on a rollback, so a
listener never hears of a write that did not happen, and the notification can never arrive before the
data is visible.

Why here and not in a trigger: every service writes through the ORM session, so one listener covers the
GUI, the CLI and the batch runs without touching each service; the payload can name the clients that
changed (a statement-level trigger cannot without transition tables, and a row-level trigger would run
once per row of a 1,000,000-row import); and no migration is needed. A write made behind the application's
back (psql) is not announced — the periodic refresh (F5, the timer) still covers that.

The channel is per schema (``crm:<schema>``), so two stores in one database never hear each other. SQLite
has no other workstations: nothing is sent there and the GUI keeps its local refresh.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.orm import ORMExecuteState, Session

CHANNEL_PREFIX = "crm:"
# More clients than this in one transaction: the payload says "many" (a listener reloads the lists).
MAX_CLIENT_IDS = 200
# Identifies this process: a workstation ignores its own notifications (it refreshed locally already).
ORIGIN = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
_INFO_KEY = "crm_change_feed"

# Mapped class name -> the kind announced (the same words as the GUI's ``bus.data_changed``).
KINDS: dict[str, str] = {
    "ServiceTask": "tasks",
    "Touch": "touches",
    "Client": "clients",
    "ClientNote": "notes",
    "FlowRequest": "approvals",
    "ReassignmentRequest": "approvals",
    "CallbackItem": "callbacks",
    "CallbackRecord": "callbacks",
    "AlertCase": "callbacks",
    "Complaint": "complaints",
    "LetterRecord": "letters",
    "ScoreRun": "scoring",
    "ImportLog": "imports",
    "Notification": "notifications",
}


@dataclass
class ChangeBatch:
    """What one committed transaction changed: kinds, and the client ids (``None``: too many to list)."""

    kinds: set[str] = field(default_factory=set)
    client_ids: set[int] | None = field(default_factory=set)
    origin: str = ""

    def add(self, kind: str, client_id: int | None) -> None:
        self.kinds.add(kind)
        if self.client_ids is None:
            return
        if client_id is None:
            self.client_ids = None
        else:
            self.client_ids.add(int(client_id))
            if len(self.client_ids) > MAX_CLIENT_IDS:
                self.client_ids = None

    def concerns(self, client_ids: Iterable[int]) -> bool:
        """True when the batch may touch any of ``client_ids`` (a batch of unlisted clients: yes)."""
        if self.client_ids is None:
            return True
        return not self.client_ids.isdisjoint(int(c) for c in client_ids)

    def merge(self, other: ChangeBatch) -> None:
        self.kinds |= other.kinds
        if self.client_ids is None or other.client_ids is None:
            self.client_ids = None
        else:
            self.client_ids |= other.client_ids

    def payload(self) -> str:
        ids = None if self.client_ids is None else sorted(self.client_ids)
        return json.dumps({"k": sorted(self.kinds), "c": ids, "o": self.origin}, separators=(",", ":"))

    @classmethod
    def from_payload(cls, payload: str) -> ChangeBatch:
        """Parse a notification; anything unreadable means "everything may have changed"."""
        try:
            data = json.loads(payload)
            kinds = {str(k) for k in data["k"]}
            ids = data.get("c")
            return cls(kinds, None if ids is None else {int(i) for i in ids}, str(data.get("o", "")))
        except (ValueError, KeyError, TypeError):
            return cls({"*"}, None, "")


def channel_for(schema: str) -> str:
    return f"{CHANNEL_PREFIX}{schema}"


def quote_channel(channel: str) -> str:
    """The channel as an SQL identifier for ``LISTEN`` (``pg_notify`` takes it as a plain string)."""
    return '"' + channel.replace('"', '""') + '"'


def _batch(session: Session) -> ChangeBatch:
    batch = session.info.get(_INFO_KEY)
    if batch is None:
        batch = session.info[_INFO_KEY] = ChangeBatch(origin=ORIGIN)
    return batch


def _client_of(obj: Any) -> int | None:
    if type(obj).__name__ == "Client":
        return getattr(obj, "id", None)
    return getattr(obj, "client_id", None)


@event.listens_for(Session, "after_flush")
def _note_flushed(session: Session, _flush_context: object) -> None:
    if not _is_postgres(session):
        return
    for obj in (*session.new, *session.dirty, *session.deleted):
        kind = KINDS.get(type(obj).__name__)
        if kind is not None:
            _batch(session).add(kind, _client_of(obj))


@event.listens_for(Session, "do_orm_execute")
def _note_bulk(state: ORMExecuteState) -> None:
    # UPDATE/DELETE/INSERT statements aimed at a mapped class (bulk cancels, bulk task generation).
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    # A statement may name the clients it changes (execution option ``crm_change_clients``); else "many".
    mapper = state.bind_mapper
    kind = KINDS.get(mapper.class_.__name__) if mapper is not None else None
    if kind is None or not _is_postgres(state.session):
        return
    named = state.execution_options.get("crm_change_clients")
    batch = _batch(state.session)
    for client_id in named if named else (None,):
        batch.add(kind, client_id)


@event.listens_for(Session, "before_commit")
def _announce(session: Session) -> None:
    if not _is_postgres(session):
        return
    session.flush()  # commit flushes after this hook: flush now so that the batch is complete
    batch = session.info.pop(_INFO_KEY, None)
    if batch is None or not batch.kinds:
        return
    session.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {"channel": channel_for(_schema(session)), "payload": batch.payload()},
    )


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_INFO_KEY, None)


def _is_postgres(session: Session) -> bool:
    try:
        return session.get_bind().dialect.name == "postgresql"
    except Exception:  # an unbound session has nothing to announce
        return False


def _schema(session: Session) -> str:
    conn = session.connection()
    cached = conn.info.get("crm_schema")
    if cached is None:
        cached = conn.info["crm_schema"] = str(conn.execute(text("SELECT current_schema()")).scalar_one())
    return str(cached)


def current_channel(dbapi_connection: Any) -> str:
    """The channel of the schema a raw DB-API connection works in."""
    cur = dbapi_connection.cursor()
    try:
        cur.execute("SELECT current_schema()")
        row = cur.fetchone()
    finally:
        cur.close()
    return channel_for(str(row[0]))
