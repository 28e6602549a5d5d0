"""Reassignment verdicts and checks as plain functions: grade against tier, capacity, the departure
distribution, and who may file, decide or withdraw."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crm_desktop.domain.reassignment import (
    ALREADY_DECIDED,
    ALREADY_SERVED,
    CAPACITY,
    CLIENT_CLOSED,
    CLIENT_NOT_SCORED,
    MANAGER_NOT_SCORED,
    NOT_REQUESTER,
    OUT_OF_DATE,
    OWN_REQUEST,
    TARGET_INACTIVE,
    TARGET_LEFT_BRANCH,
    TARGET_NOT_MANAGER,
    TIER,
    Finding,
    ManagerInfo,
    capacity_of,
    choose_manager,
    decision_problem,
    grade_rank,
    grade_sort_key,
    judge,
    kept_override,
    manager_order,
    move_problem,
    needs_override,
    request_problem,
    suggestion_reason,
    target_problem,
    tier_rank,
    withdrawal_problem,
)

CAPACITIES = {"junior": 2, "intermediate": 3, "senior": 4}


def mgr(
    id_: int, tier: str | None, load: int = 0, capacity: int | None = -1, score: str | None = None
) -> ManagerInfo:
    cap = CAPACITIES.get(tier or "") if capacity == -1 else capacity
    return ManagerInfo(
        id_,
        f"m{id_}",
        f"经理{id_}",
        True,
        "investment_manager",
        1,
        tier,
        Decimal(score) if score is not None else None,
        cap,
        load,
    )


@pytest.mark.parametrize(
    ("tier", "rank"), [("junior", 0), ("intermediate", 1), ("senior", 2), (None, -1), ("expert", -1)]
)
def test_tier_rank(tier: str | None, rank: int) -> None:
    assert tier_rank(tier) == rank


@pytest.mark.parametrize(
    ("grade", "rank"), [("V5", 5), ("V1", 1), (None, 0), ("", 0), ("V", 0), ("VX", 0), ("X5", 0), ("V10", 0)]
)
def test_grade_rank(grade: str | None, rank: int) -> None:
    assert grade_rank(grade) == rank


def test_grade_sort_key_highest_grade_then_largest_assets() -> None:
    rows = [
        ("V3", Decimal("9e6")),
        ("V5", Decimal("1e6")),
        (None, None),
        ("V5", Decimal("2e6")),
        ("V3", None),
    ]
    assert sorted(rows, key=lambda r: grade_sort_key(*r)) == [
        ("V5", Decimal("2e6")),
        ("V5", Decimal("1e6")),
        ("V3", Decimal("9e6")),
        ("V3", None),
        (None, None),
    ]


@pytest.mark.parametrize(
    ("tier", "scored", "expected"),
    [
        ("senior", 7, 7),  # the run's own figure
        ("senior", None, 4),  # else the tier's
        ("senior", 0, 4),  # a zero from the run means "not given"
        ("expert", None, 0),  # a tier the configuration does not know: no room
        (None, None, None),  # not scored: no capacity rule
    ],
)
def test_capacity_of(tier: str | None, scored: int | None, expected: int | None) -> None:
    assert capacity_of(tier, scored, CAPACITIES) == expected


@pytest.mark.parametrize(
    ("grade", "need", "target", "extra", "breaches", "notes"),
    [
        ("V5", "senior", mgr(1, "senior", load=3), 0, [], []),  # fills the last place
        ("V5", "senior", mgr(1, "senior", load=4), 0, [Finding(CAPACITY, after=5, capacity=4)], []),
        ("V5", "senior", mgr(1, "senior", load=2), 1, [], []),
        ("V5", "senior", mgr(1, "senior", load=2), 2, [Finding(CAPACITY, after=5, capacity=4)], []),
        (
            "V5",
            "senior",
            mgr(1, "intermediate"),
            0,
            [Finding(TIER, grade="V5", need="senior", tier="intermediate")],
            [],
        ),
        ("V4", "intermediate", mgr(1, "intermediate"), 0, [], []),
        (
            "V4",
            "intermediate",
            mgr(1, "junior", load=2),
            0,
            [
                Finding(TIER, grade="V4", need="intermediate", tier="junior"),
                Finding(CAPACITY, after=3, capacity=2),
            ],
            [],
        ),
        ("V2", None, mgr(1, "junior"), 0, [], []),  # no rule for the grade
        (
            None,
            "senior",
            mgr(1, "junior", load=2),
            0,
            [Finding(CAPACITY, after=3, capacity=2)],
            [Finding(CLIENT_NOT_SCORED)],
        ),  # not scored: grade unchecked, capacity still counts
        ("V5", "senior", mgr(1, None, load=50), 0, [], [Finding(MANAGER_NOT_SCORED)]),
        (
            "V5",
            "senior",
            mgr(1, None, load=50, capacity=50),
            0,
            [Finding(CAPACITY, after=51, capacity=50)],
            [Finding(MANAGER_NOT_SCORED)],
        ),
    ],
)
def test_judge(
    grade: str | None,
    need: str | None,
    target: ManagerInfo,
    extra: int,
    breaches: list[Finding],
    notes: list[Finding],
) -> None:
    j = judge(grade, need, target, extra_load=extra)
    assert (list(j.breaches), list(j.notes)) == (breaches, notes)
    assert j.ok is (not breaches) and j.codes == tuple(b.code for b in breaches)


# Most capable first, as the service sorts them.
SENIOR, MIDDLE, JUNIOR, JUNIOR2 = (
    mgr(1, "senior", load=3),
    mgr(2, "intermediate", load=0),
    mgr(3, "junior"),
    mgr(4, "junior", load=1),
)
TEAM = [SENIOR, MIDDLE, JUNIOR, JUNIOR2]


@pytest.mark.parametrize(
    ("need", "extra", "chosen"),
    [
        ("senior", {}, 1),  # a grade needing a senior goes to the most capable senior with room
        ("senior", {1: 1}, 2),  # the senior is full: whoever has the most room (the move will be flagged)
        ("intermediate", {}, 1),  # above junior: the most capable who fits
        ("junior", {}, 2),  # the rest: the emptiest book relative to its capacity (0/3)
        (None, {2: 1}, 3),  # 1/3 against 0/2: the empty junior
        (None, {2: 1, 3: 1}, 2),  # 1/3 beats 3/4, 1/2 and 1/2
        (None, {1: 1, 2: 3, 3: 2, 4: 1}, 1),  # nobody has room: the first of those with the most (none)
    ],
)
def test_choose_manager(need: str | None, extra: dict[int, int], chosen: int) -> None:
    counts = {m.id: extra.get(m.id, 0) for m in TEAM}
    pick = choose_manager(TEAM, counts, need)
    assert pick is not None and pick.id == chosen


def test_choose_manager_unscored_managers_fit_any_grade_and_nobody_means_none() -> None:
    unscored = [mgr(7, None, load=100)]
    pick = choose_manager(unscored, {7: 0}, "senior")
    assert pick is not None and pick.id == 7
    assert choose_manager([], {}, "senior") is None


def test_manager_order_most_capable_first() -> None:
    team = [
        mgr(1, "junior", score="90"),
        mgr(2, "senior", score="60"),
        mgr(3, None),
        mgr(4, "senior", score="80"),
        mgr(5, "senior"),
    ]
    assert [m.id for m in sorted(team, key=manager_order)] == [4, 2, 5, 1, 3]


@pytest.mark.parametrize(
    ("active", "role", "problem"),
    [
        (True, "investment_manager", None),
        (False, "investment_manager", TARGET_INACTIVE),
        (True, "branch_manager", TARGET_NOT_MANAGER),
        (False, "admin", TARGET_INACTIVE),
    ],
)
def test_target_problem(active: bool, role: str, problem: str | None) -> None:
    assert target_problem(active, role) == problem


@pytest.mark.parametrize(
    ("status", "manager", "target", "problem"),
    [
        ("active", 1, 2, None),
        ("dormant", 1, 2, None),
        ("active", None, 2, None),
        ("closed", 1, 2, CLIENT_CLOSED),
        ("closed", 2, 2, CLIENT_CLOSED),
        ("active", 2, 2, ALREADY_SERVED),
        ("active", 2, None, None),  # target not known yet
    ],
)
def test_request_problem(status: str, manager: int | None, target: int | None, problem: str | None) -> None:
    assert request_problem(status, manager, target) == problem


@pytest.mark.parametrize(
    ("status", "requested_by", "decider", "problem"),
    [
        ("pending", 1, 2, None),
        ("pending", 2, 2, OWN_REQUEST),
        ("approved", 1, 2, ALREADY_DECIDED),
        ("rejected", 2, 2, ALREADY_DECIDED),
        ("withdrawn", 1, 2, ALREADY_DECIDED),
    ],
)
def test_decision_problem(status: str, requested_by: int, decider: int, problem: str | None) -> None:
    assert decision_problem(status, requested_by, decider) == problem


@pytest.mark.parametrize(
    ("status", "requested_by", "actor", "problem"),
    [
        ("pending", 1, 1, None),
        ("pending", 1, 2, NOT_REQUESTER),
        ("approved", 1, 1, ALREADY_DECIDED),
        ("approved", 1, 2, NOT_REQUESTER),  # someone else's: say so before saying it is decided
    ],
)
def test_withdrawal_problem(status: str, requested_by: int, actor: int, problem: str | None) -> None:
    assert withdrawal_problem(status, requested_by, actor) == problem


@pytest.mark.parametrize(
    ("client_mgr", "from_mgr", "target_branch", "problem"),
    [
        (1, 1, 7, None),
        (None, None, 7, None),
        (3, 1, 7, OUT_OF_DATE),
        (None, 1, 7, OUT_OF_DATE),
        (1, 1, 8, TARGET_LEFT_BRANCH),
        (3, 1, 8, OUT_OF_DATE),
        (1, 1, None, TARGET_LEFT_BRANCH),
    ],
)
def test_move_problem(
    client_mgr: int | None, from_mgr: int | None, target_branch: int | None, problem: str | None
) -> None:
    assert move_problem(client_mgr, from_mgr, target_branch, 7) == problem


@pytest.mark.parametrize(
    ("breaches", "reason", "needed", "kept"),
    [
        ([], None, False, None),
        ([], "老客户要求", False, None),  # nothing breached: a reason is not recorded
        (["tier"], None, True, None),
        (["tier"], "", True, ""),
        (["tier"], "老客户要求", False, "老客户要求"),
    ],
)
def test_override(breaches: list[str], reason: str | None, needed: bool, kept: str | None) -> None:
    assert needs_override(breaches, reason) is needed
    assert kept_override(breaches, reason) == kept


@pytest.mark.parametrize(
    ("kind", "reason"),
    [("over_capacity", "workload"), ("grade_mismatch", "capability"), ("anything", "capability")],
)
def test_suggestion_reason(kind: str, reason: str) -> None:
    assert suggestion_reason(kind) == reason
