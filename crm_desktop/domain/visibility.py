"""Who may see and act on which client, request and task: plain predicates on role, branch and ids.

Investment managers see their own book; branch managers their branch; admins their branch (they need
client numbers for imports) but never a client's personal data, and an admin of no branch sees every
client. The services turn :func:`client_scope` into the SQL WHERE clause of every client query and
use the predicates where a decision is made on rows already loaded, so both say the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

# Role values (staff.role).
INVESTMENT_MANAGER = "investment_manager"
BRANCH_MANAGER = "branch_manager"
ADMIN = "admin"
CALLBACK_OFFICER = "callback_officer"
HEAD_OFFICE = "head_office"

# Scope kinds.
OWN_BOOK = "own_book"
BRANCH = "branch"
EVERYTHING = "everything"
NOTHING = "nothing"
# A call-back officer's: the clients of the branch waiting for a call-back. Which clients those are is a
# fact of the store (an open pool item), so ``admits`` checks the branch and the services the pool.
CALL_BACK_POOL = "call_back_pool"


class Viewer(Protocol):
    """The signed-in person as the rules need them (the services' ``Actor`` is one)."""

    @property
    def id(self) -> int: ...

    @property
    def role(self) -> str: ...

    @property
    def branch_id(self) -> int | None: ...


@dataclass(frozen=True)
class ClientScope:
    """The clients a viewer may see: one manager's book, one branch, everything or nothing."""

    kind: str
    id: int | None = None

    def admits(self, manager_id: int | None, branch_id: int | None) -> bool:
        if self.kind == OWN_BOOK:
            return manager_id == self.id
        if self.kind in (BRANCH, CALL_BACK_POOL):
            return branch_id == self.id
        return self.kind == EVERYTHING


def client_scope(viewer: Viewer) -> ClientScope:
    if viewer.role == HEAD_OFFICE:
        # Head office reads branch figures, never a client: no client list, no 360° view, no client write.
        return ClientScope(NOTHING)
    if viewer.role == INVESTMENT_MANAGER:
        return ClientScope(OWN_BOOK, viewer.id)
    if viewer.branch_id is None:
        # Staff of no branch see no client, administrators included: an administrator above the branches
        # manages accounts and imports, and is given no branch's book (issue 20, personal data).
        return ClientScope(NOTHING)
    if viewer.role == CALLBACK_OFFICER:
        return ClientScope(CALL_BACK_POOL, viewer.branch_id)
    return ClientScope(BRANCH, viewer.branch_id)


def may_see_client(viewer: Viewer, manager_id: int | None, branch_id: int | None) -> bool:
    """Whether the viewer may see a client served by ``manager_id`` in ``branch_id``."""
    return client_scope(viewer).admits(manager_id, branch_id)


def may_read_client(
    viewer: Viewer,
    manager_id: int | None,
    branch_id: int | None,
    *,
    developer_id: int | None = None,
    shared_with_id: int | None = None,
    team_lead_id: int | None = None,
) -> bool:
    """Whether the viewer may read (not change) a client: everyone who may see it, and within the branch
    the manager who developed it (开发人), the manager it is shared with (共享) and the lead of the team
    of its servicing manager (issue #17). Changes still need :func:`may_see_client`."""
    if may_see_client(viewer, manager_id, branch_id):
        return True
    if viewer.branch_id is None or branch_id != viewer.branch_id:
        return False
    return viewer.id in (developer_id, shared_with_id, team_lead_id)


def reads_all_branches(viewer: Viewer) -> bool:
    """Head office (总部) reads the figures of every branch (dashboard, flow, compliance, performance),
    one branch at a time or all together; nobody else reads beyond their own branch."""
    return viewer.role == HEAD_OFFICE


def may_see_personal_data(viewer: Viewer) -> bool:
    """Admins manage data but are never shown client personal data, masked or revealed; nor is head
    office, which reads figures, not clients."""
    return viewer.role not in (ADMIN, HEAD_OFFICE)


def sees_own_work_only(viewer: Viewer) -> bool:
    """An investment manager's agenda, task list and compliance figures are their own; a branch
    manager's are the branch's."""
    return viewer.role == INVESTMENT_MANAGER


def may_act_on_task(viewer: Viewer, task_manager_id: int | None) -> bool:
    """Cancel or edit a task of a visible client: an investment manager only their own tasks."""
    return not sees_own_work_only(viewer) or task_manager_id == viewer.id


def may_see_request(
    viewer: Viewer, requested_by_id: int | None, from_manager_id: int | None, to_manager_id: int | None
) -> bool:
    """A reassignment request of the viewer's branch: every one for a branch manager; for an
    investment manager the ones they filed or that move clients from or to them; none for admins."""
    if viewer.role == BRANCH_MANAGER:
        return True
    if viewer.role == INVESTMENT_MANAGER:
        return viewer.id in (requested_by_id, from_manager_id, to_manager_id)
    return False
