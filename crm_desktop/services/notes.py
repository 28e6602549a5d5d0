"""Client notes (客户备注): a short free-text note kept with a client — quick add's "a note for a client".

A note is not a service touch: it closes no task, counts for no compliance figure and needs none of the
six steps. It is what a manager jots down between contacts ("prefers calls after 16:00", "son studies
abroad, asked about FX"). Rules:
- investment managers write notes on their own clients, branch managers on the clients of their branch
  (the same clients they may record a touch for); administrators and call-back officers write none;
- anyone who may read the client (the 360° view) reads its notes;
- a note is never edited or deleted — a correction is a new note; every note writes an audit entry
  (``client_note.add``; the text itself stays in the note, the audit names the note and its length).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.db.models import Client, ClientNote, Staff
from crm_desktop.db.store import Store
from crm_desktop.domain.vocabulary import Role
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, require_role
from crm_desktop.services.visibility import get_readable_client, get_visible_client

MAX_LENGTH = 1000


@dataclass(frozen=True)
class NoteView:
    id: int
    client_no: str
    created_at: datetime
    author_name: str
    text: str


def clean_text(value: str | None) -> str:
    """The note's text as it will be kept, or InvalidInput saying what is wrong with it."""
    text = (value or "").strip()
    if not text:
        raise InvalidInput(
            tr("备注内容为空：请写下要记住的事。", "The note is empty: write what is to be kept.")
        )
    if len(text) > MAX_LENGTH:
        raise InvalidInput(
            tr(
                "备注过长（{n} 字）：最多 {max} 字。较长的内容请记为服务记录或分成几条备注。",
                "The note is too long ({n} characters); at most {max}. Record a longer text as a touch "
                "or split it into several notes.",
                n=len(text),
                max=MAX_LENGTH,
            )
        )
    return text


def add_note(store: Store, actor: Actor, client_no: str, text: str) -> int:
    """Keep a note with a client the actor serves (one transaction, audited). Returns the note id."""
    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)
    body = clean_text(text)
    with store.transaction() as session:
        client = get_visible_client(session, actor, client_no)
        note = ClientNote(client_id=client.id, author_id=actor.id, text=body)
        session.add(note)
        session.flush()
        audit.record(
            session, actor, "client_note.add", "client", client.client_no, note_id=note.id, length=len(body)
        )
        return note.id


def notes_in_session(session: Session, client_id: int, *, limit: int | None = None) -> list[NoteView]:
    stmt = (
        select(ClientNote, Client.client_no, Staff.display_name)
        .join(Client, Client.id == ClientNote.client_id)
        .outerjoin(Staff, Staff.id == ClientNote.author_id)
        .where(ClientNote.client_id == client_id)
        .order_by(ClientNote.created_at.desc(), ClientNote.id.desc())
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return [
        NoteView(n.id, no, n.created_at, name or "", n.text) for n, no, name in session.execute(stmt).all()
    ]


def list_notes(store: Store, actor: Actor, client_no: str) -> list[NoteView]:
    """The client's notes, newest first, for anyone who may read the client."""
    with store.read() as session:
        client = get_readable_client(session, actor, client_no)
        return notes_in_session(session, client.id)
