"""Who may see which clients. Every query that lists or opens clients goes through here.

The decisions are the predicates of :mod:`crm_desktop.domain.visibility`; this module turns them into
SQL and looks clients up. ``may_see_personal_data`` is re-exported from there.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, false, select, true
from sqlalchemy.orm import Session, object_session

from crm_desktop.db.models import CallbackItem, Client
from crm_desktop.domain.visibility import (
    ADMIN,
    BRANCH,
    CALL_BACK_POOL,
    EVERYTHING,
    OWN_BOOK,
    client_scope,
    may_see_client,
    may_see_personal_data,
)
from crm_desktop.errors import NotFound
from crm_desktop.i18n import tr
from crm_desktop.services.auth import Actor

__all__ = ["can_see_client", "get_visible_client", "may_see_personal_data", "visible_clients", "work_clients"]


def visible_clients(actor: Actor) -> ColumnElement[bool]:
    """WHERE clause for the clients this actor may see (the rule: :func:`domain.visibility.client_scope`).

    Investment managers: their own book. Branch managers: their branch. Admins: their branch (they
    need client numbers for imports) but the personal-data layer masks everything for them.
    """
    scope = client_scope(actor)
    if scope.kind == OWN_BOOK:
        return Client.manager_id == scope.id
    if scope.kind == BRANCH:
        return Client.branch_id == scope.id
    if scope.kind == CALL_BACK_POOL:
        return (Client.branch_id == scope.id) & Client.id.in_(_waiting())
    return true() if scope.kind == EVERYTHING else false()


def work_clients(actor: Actor) -> ColumnElement[bool]:
    """WHERE clause for the clients a batch run signed by ``actor`` works on (tasks, suitability checks).

    The clients the actor may see, except that an administrator of no branch, who is shown no client
    at all, runs the store-wide batches (a scheduler's account); nothing of those clients is shown.
    """
    if actor.role == ADMIN and actor.branch_id is None:
        return true()
    return visible_clients(actor)


def _waiting() -> Select[int]:
    return select(CallbackItem.client_id).where(CallbackItem.status == "open")


def can_see_client(actor: Actor, client: Client) -> bool:
    if not may_see_client(actor, client.manager_id, client.branch_id):
        return False
    if client_scope(actor).kind == CALL_BACK_POOL:
        session = object_session(client)
        return (
            session is not None
            and session.scalar(_waiting().where(CallbackItem.client_id == client.id).limit(1)) is not None
        )
    return True


def get_visible_client(session: Session, actor: Actor, client_no: str) -> Client:
    """The client with this number, or NotFound whether it does not exist or is not the actor's.

    Not telling the two apart keeps a manager from probing other managers' client numbers.
    """
    from sqlalchemy import select

    client = session.scalar(select(Client).where(Client.client_no == client_no.strip()))
    if client is None or not can_see_client(actor, client):
        raise NotFound(
            tr(
                "找不到客户 {no}，或该客户不在您的权限范围内。",
                "Client {no} not found, or not among the clients you may see.",
                no=client_no,
            )
        )
    return client
