"""Who sees what, as plain predicates: every role against clients, tasks and requests of its own and
of others."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from crm_desktop.domain.visibility import (
    ADMIN,
    BRANCH,
    BRANCH_MANAGER,
    CALL_BACK_POOL,
    CALLBACK_OFFICER,
    INVESTMENT_MANAGER,
    NOTHING,
    OWN_BOOK,
    ClientScope,
    client_scope,
    may_act_on_task,
    may_see_client,
    may_see_personal_data,
    may_see_request,
    sees_own_work_only,
)


@dataclass(frozen=True)
class Viewer:
    id: int
    role: str
    branch_id: int | None


IM = Viewer(10, INVESTMENT_MANAGER, 1)
BM = Viewer(20, BRANCH_MANAGER, 1)
ADMIN_1 = Viewer(30, ADMIN, 1)
HEAD_ADMIN = Viewer(31, ADMIN, None)
BM_NO_BRANCH = Viewer(21, BRANCH_MANAGER, None)
IM_NO_BRANCH = Viewer(10, INVESTMENT_MANAGER, None)  # the same manager, branch not recorded
CB = Viewer(50, CALLBACK_OFFICER, 1)


@pytest.mark.parametrize(
    ("viewer", "scope"),
    [
        (IM, ClientScope(OWN_BOOK, 10)),
        (IM_NO_BRANCH, ClientScope(OWN_BOOK, 10)),  # a manager's book does not depend on the branch
        (BM, ClientScope(BRANCH, 1)),
        (ADMIN_1, ClientScope(BRANCH, 1)),
        (HEAD_ADMIN, ClientScope(NOTHING)),  # issue 20: no branch, no clients
        (BM_NO_BRANCH, ClientScope(NOTHING)),
        (CB, ClientScope(CALL_BACK_POOL, 1)),
    ],
)
def test_client_scope(viewer: Viewer, scope: ClientScope) -> None:
    assert client_scope(viewer) == scope


# (client's manager, client's branch) -> who sees the client
CLIENTS = {
    "own client": (10, 1),
    "colleague's client": (12, 1),
    "unassigned client": (None, 1),
    "other branch": (40, 2),
    "own, moved to another branch": (10, 2),
}


@pytest.mark.parametrize(
    ("viewer", "visible"),
    [
        (IM, {"own client", "own, moved to another branch"}),
        (IM_NO_BRANCH, {"own client", "own, moved to another branch"}),
        (BM, {"own client", "colleague's client", "unassigned client"}),
        (ADMIN_1, {"own client", "colleague's client", "unassigned client"}),
        (HEAD_ADMIN, set()),
        (BM_NO_BRANCH, set()),
        # the branch part of the rule; the services add "waiting for a call-back"
        (CB, {"own client", "colleague's client", "unassigned client"}),
    ],
)
def test_may_see_client(viewer: Viewer, visible: set[str]) -> None:
    assert {name for name, (mid, bid) in CLIENTS.items() if may_see_client(viewer, mid, bid)} == visible


@pytest.mark.parametrize(
    ("viewer", "personal", "own_only"),
    [
        (IM, True, True),
        (BM, True, False),
        (ADMIN_1, False, False),
        (HEAD_ADMIN, False, False),
    ],
)
def test_personal_data_and_own_work(viewer: Viewer, personal: bool, own_only: bool) -> None:
    assert may_see_personal_data(viewer) is personal
    assert sees_own_work_only(viewer) is own_only


@pytest.mark.parametrize(
    ("viewer", "task_manager", "allowed"),
    [
        (IM, 10, True),
        (IM, 12, False),
        (IM, None, False),
        (BM, 10, True),
        (BM, None, True),
    ],
)
def test_may_act_on_task(viewer: Viewer, task_manager: int | None, allowed: bool) -> None:
    assert may_act_on_task(viewer, task_manager) is allowed


@pytest.mark.parametrize(
    ("viewer", "requested_by", "from_id", "to_id", "allowed"),
    [
        (BM, 99, 12, 13, True),
        (IM, 10, 12, 13, True),  # filed it
        (IM, 20, 10, 13, True),  # their client moves away
        (IM, 20, 12, 10, True),  # the client comes to them
        (IM, 20, None, 10, True),
        (IM, 20, 12, 13, False),
        (ADMIN_1, 30, 12, 13, False),  # admins take no part, not even in their own
    ],
)
def test_may_see_request(
    viewer: Viewer, requested_by: int, from_id: int | None, to_id: int, allowed: bool
) -> None:
    assert may_see_request(viewer, requested_by, from_id, to_id) is allowed
