"""Who may see which clients. Every query that lists or opens clients goes through here.

The decisions are the predicates of :mod:`crm_desktop.domain.visibility`; this module turns them into
SQL and looks clients up. ``may_see_personal_data`` is re-exported from there.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, false, select, true
from sqlalchemy.orm import Session, object_session

from crm_desktop.db.models import CallbackItem, Client, ClientRelationship, Team, TeamMember
from crm_desktop.domain.visibility import (
    ADMIN,
    BRANCH,
    CALL_BACK_POOL,
    EVERYTHING,
    OWN_BOOK,
    client_scope,
    may_read_client,
    may_see_client,
    may_see_personal_data,
    reads_all_branches,
)
from crm_desktop.errors import NotFound, PermissionDenied
from crm_desktop.i18n import tr
from crm_desktop.services.auth import Actor

__all__ = [
    "can_read_client",
    "can_see_client",
    "figures_branch",
    "figures_clients",
    "get_readable_client",
    "get_visible_client",
    "in_branch",
    "may_see_personal_data",
    "readable_clients",
    "visible_clients",
    "work_clients",
]


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


# ---------------------------------------------------------------- read-only access (issue #17)


def _shared_with(actor: Actor) -> Select[int]:
    """Clients the actor developed or that are shared with them."""
    return select(ClientRelationship.client_id).where(
        (ClientRelationship.developer_id == actor.id) | (ClientRelationship.viewer_id == actor.id)
    )


def _led_managers(actor: Actor) -> Select[int]:
    """Managers in the teams the actor leads."""
    return (
        select(TeamMember.staff_id).join(Team, Team.id == TeamMember.team_id).where(Team.lead_id == actor.id)
    )


def readable_clients(actor: Actor) -> ColumnElement[bool]:
    """WHERE clause for the clients this actor may read: :func:`visible_clients`, plus (within the branch)
    the clients they developed or that are shared with them, and their team's clients when they lead one.
    Writes keep using :func:`get_visible_client`, so these extra clients are read-only."""
    where = visible_clients(actor)
    if actor.branch_id is None or client_scope(actor).kind not in (OWN_BOOK, BRANCH):
        return where
    extra = (Client.branch_id == actor.branch_id) & (
        Client.id.in_(_shared_with(actor)) | Client.manager_id.in_(_led_managers(actor))
    )
    return where | extra


def can_read_client(session: Session, actor: Actor, client: Client) -> bool:
    if can_see_client(actor, client):
        return True
    if client_scope(actor).kind not in (OWN_BOOK, BRANCH):
        return False
    rel = session.get(ClientRelationship, client.id)
    lead = None
    if client.manager_id is not None:
        lead = session.scalar(
            select(Team.lead_id)
            .join(TeamMember, TeamMember.team_id == Team.id)
            .where(TeamMember.staff_id == client.manager_id, Team.lead_id == actor.id)
        )
    return may_read_client(
        actor,
        client.manager_id,
        client.branch_id,
        developer_id=rel.developer_id if rel else None,
        shared_with_id=rel.viewer_id if rel else None,
        team_lead_id=lead,
    )


def get_readable_client(session: Session, actor: Actor, client_no: str) -> Client:
    """Like :func:`get_visible_client`, for reading only (shared, developed and team clients too)."""
    client = session.scalar(select(Client).where(Client.client_no == client_no.strip()))
    if client is None or not can_read_client(session, actor, client):
        raise NotFound(
            tr(
                "找不到客户 {no}，或该客户不在您的权限范围内。",
                "Client {no} not found, or not among the clients you may see.",
                no=client_no,
            )
        )
    return client


# ---------------------------------------------------------------- branch figures (issue #21)


def figures_branch(actor: Actor, branch_id: int | None = None) -> int | None:
    """The branch whose figures (dashboard, flow, compliance, performance) the actor reads; None is every
    branch. Head office (总部) chooses one branch, or all with None; everyone else reads their own branch
    (an administrator of no branch: every branch, as before) and asking for another is refused."""
    if reads_all_branches(actor):
        return branch_id
    if branch_id is not None and branch_id != actor.branch_id:
        raise PermissionDenied(
            tr(
                "只有总部可以查看其他营业部的数据。",
                "Only head office may read another branch's figures.",
            )
        )
    return actor.branch_id


def in_branch(column: Any, branch_id: int | None) -> ColumnElement[bool]:
    """``column == branch_id``, or no condition for every branch (``None``, see :func:`figures_branch`)."""
    return true() if branch_id is None else column == branch_id


def figures_clients(actor: Actor, branch_id: int | None = None) -> ColumnElement[bool]:
    """WHERE clause of the clients counted in the actor's figures: :func:`visible_clients`, or for head
    office the clients of the chosen branch (every branch with None). Head office is shown no client
    itself (:func:`visible_clients` gives it none): these clauses feed aggregates only."""
    if reads_all_branches(actor):
        return in_branch(Client.branch_id, branch_id)
    figures_branch(actor, branch_id)
    return visible_clients(actor)
