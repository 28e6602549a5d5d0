"""Who may see which clients. Every query that lists or opens clients goes through here."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, select, true
from sqlalchemy.orm import Session

from crm_desktop.db.models import CallbackItem, Client
from crm_desktop.db.models.enums import Role
from crm_desktop.errors import NotFound
from crm_desktop.i18n import tr
from crm_desktop.services.auth import Actor


def visible_clients(actor: Actor) -> ColumnElement[bool]:
    """WHERE clause for the clients this actor may see.

    Investment managers: their own book. Branch managers: their branch. Admins: their branch (they
    need client numbers for imports) but the personal-data layer masks everything for them.
    """
    if actor.role is Role.INVESTMENT_MANAGER:
        return Client.manager_id == actor.id
    if actor.branch_id is None:
        return true() if actor.role is Role.ADMIN else false()
    if actor.role is Role.CALLBACK_OFFICER:
        # Only the clients waiting for a call-back: the officer needs their contact data, nothing more.
        return (Client.branch_id == actor.branch_id) & Client.id.in_(
            select(CallbackItem.client_id).where(CallbackItem.status == "open"))
    return Client.branch_id == actor.branch_id


def can_see_client(actor: Actor, client: Client) -> bool:
    if actor.role is Role.INVESTMENT_MANAGER:
        return client.manager_id == actor.id
    if actor.role is Role.CALLBACK_OFFICER:
        from sqlalchemy.orm import object_session

        session = object_session(client)
        return session is not None and client.branch_id == actor.branch_id and session.scalar(
            select(CallbackItem.id).where(CallbackItem.client_id == client.id, CallbackItem.status == "open")
            .limit(1)) is not None
    if actor.branch_id is None:
        return actor.role is Role.ADMIN
    return client.branch_id == actor.branch_id


def may_see_personal_data(actor: Actor) -> bool:
    """Admins manage data but are never shown client personal data, masked or revealed."""
    return actor.role is not Role.ADMIN


def get_visible_client(session: Session, actor: Actor, client_no: str) -> Client:
    """The client with this number, or NotFound whether it does not exist or is not the actor's.

    Not telling the two apart keeps a manager from probing other managers' client numbers.
    """
    from sqlalchemy import select

    client = session.scalar(select(Client).where(Client.client_no == client_no.strip()))
    if client is None or not can_see_client(actor, client):
        raise NotFound(
            tr("找不到客户 {no}，或该客户不在您的权限范围内。",
               "Client {no} not found, or not among the clients you may see.", no=client_no)
        )
    return client
