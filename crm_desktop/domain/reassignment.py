"""Reassignment rules: may a client move to a manager, may a request be filed or decided, who takes
a leaving manager's clients.

Pure: the service reads the managers, grades and requests, asks these functions, and turns the codes
they return into messages and exceptions. The matching rule comes from the scoring configuration:
each client grade needs a lowest manager tier (``need``), each tier has a capacity.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from crm_desktop.domain.vocabulary import LOST_STATUSES

# Manager tiers, lowest first (the order of the scoring configuration's [matching] tiers).
TIER_ORDER = ("junior", "intermediate", "senior")

# What a verdict finds.
CLIENT_NOT_SCORED = "client_not_scored"  # note: the grade rule was not checked
MANAGER_NOT_SCORED = "manager_not_scored"  # note: the capability rule was not checked
TIER = "tier"  # breach: the manager's tier is below what the grade needs
CAPACITY = "capacity"  # breach: the manager would serve more clients than the tier's capacity
NO_TARGET = "no_target"  # breach: a departure plan leaves the client without a manager
NO_MANAGER = "no_manager"  # breach: nobody in the branch can take the client

# Why a request cannot be filed or decided.
CLIENT_CLOSED = "client_closed"
ALREADY_SERVED = "already_served"  # the target already serves the client
TARGET_INACTIVE = "target_inactive"
TARGET_NOT_MANAGER = "target_not_manager"
ALREADY_DECIDED = "already_decided"
OWN_REQUEST = "own_request"  # nobody approves their own request
NOT_REQUESTER = "not_requester"  # only the requester withdraws
OUT_OF_DATE = "out_of_date"  # the client's manager changed after the request was filed
TARGET_LEFT_BRANCH = "target_left_branch"

_PENDING = "pending"
_INVESTMENT_MANAGER = "investment_manager"
_OVER_CAPACITY = "over_capacity"


def tier_rank(tier: str | None) -> int:
    """junior 0, intermediate 1, senior 2; unknown -1."""
    return TIER_ORDER.index(tier) if tier in TIER_ORDER else -1


def grade_rank(grade: str | None) -> int:
    """V5 highest (5) ... V1 (1); unknown 0."""
    return int(grade[1]) if grade and len(grade) == 2 and grade[0] == "V" and grade[1].isdigit() else 0


def grade_sort_key(grade: str | None, assets: Decimal | None) -> tuple[int, Decimal]:
    """Highest grade first, then largest assets."""
    return (-grade_rank(grade), -(assets or Decimal(0)))


@dataclass(frozen=True)
class ManagerInfo:
    id: int
    login: str
    display_name: str
    active: bool
    role: str
    branch_id: int | None
    tier: str | None  # None: not scored yet
    capability_score: Decimal | None
    capacity: int | None
    load: int  # clients served right now (not closed)


def capacity_of(tier: str | None, scored: int | None, by_tier: Mapping[str, int]) -> int | None:
    """The manager's capacity: the run's figure, else the configuration's for the tier; None unscored."""
    if scored:
        return int(scored)
    if tier is not None:
        return int(by_tier.get(tier, 0))
    return None


@dataclass(frozen=True)
class Finding:
    """One thing a verdict found, with the numbers a message needs."""

    code: str
    grade: str | None = None
    need: str | None = None
    tier: str | None = None
    after: int | None = None
    capacity: int | None = None


@dataclass(frozen=True)
class Judgement:
    """The rules on moving one client to one manager. Breaches need an override reason to approve."""

    breaches: tuple[Finding, ...] = ()
    notes: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.breaches

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(b.code for b in self.breaches)


def judge(grade: str | None, need: str | None, target: ManagerInfo, *, extra_load: int = 0) -> Judgement:
    """The rules for giving one more client of ``grade`` to ``target`` (already taking ``extra_load``
    more in the same plan); ``need`` is the lowest tier the grade allows."""
    breaches: list[Finding] = []
    notes: list[Finding] = []
    if grade is None:
        notes.append(Finding(CLIENT_NOT_SCORED))
    elif target.tier is None:
        notes.append(Finding(MANAGER_NOT_SCORED))
    elif need is not None and tier_rank(target.tier) < tier_rank(need):
        breaches.append(Finding(TIER, grade=grade, need=need, tier=target.tier))
    if target.capacity is not None:
        after = target.load + extra_load + 1
        if after > target.capacity:
            breaches.append(Finding(CAPACITY, after=after, capacity=target.capacity))
    return Judgement(tuple(breaches), tuple(notes))


def choose_manager(
    managers: Sequence[ManagerInfo], extra: Mapping[int, int], need: str | None
) -> ManagerInfo | None:
    """Who takes one client of a leaving manager (``managers`` most capable first, ``extra`` the
    clients each already takes in this plan).

    A grade that needs more than a junior goes to the most capable manager the grade allows who still
    has room; the other clients to the emptiest book relative to capacity, the more capable on ties.
    When nobody fits, the manager with the most room (the move will need an override).
    """
    if not managers:
        return None

    def fits(m: ManagerInfo) -> bool:
        return need is None or m.tier is None or tier_rank(m.tier) >= tier_rank(need)

    def room(m: ManagerInfo) -> int:
        cap = m.capacity if m.capacity is not None else 10**9
        return cap - m.load - extra[m.id]

    def usage(m: ManagerInfo) -> float:
        cap = m.capacity if m.capacity else 10**9
        return (m.load + extra[m.id]) / cap

    candidates = [m for m in managers if fits(m) and room(m) > 0]
    if candidates:
        if tier_rank(need) > 0:
            return candidates[0]
        return min(candidates, key=lambda m: (usage(m), candidates.index(m)))
    return max(managers, key=room)


def manager_order(m: ManagerInfo) -> tuple[int, Decimal, str]:
    """Sort key of the managers a client may go to: most capable first."""
    return (-tier_rank(m.tier), -(m.capability_score or Decimal(-1)), m.login)


# ---------------------------------------------------------------- filing and deciding


def target_problem(active: bool, role: str) -> str | None:
    """Only an active investment manager takes clients."""
    if not active:
        return TARGET_INACTIVE
    if role != _INVESTMENT_MANAGER:
        return TARGET_NOT_MANAGER
    return None


def request_problem(
    client_status: str, client_manager_id: int | None, target_id: int | None = None
) -> str | None:
    """Why a move of this client (to this manager, when known) cannot be requested (None: it can)."""
    if client_status in LOST_STATUSES:
        return CLIENT_CLOSED
    if target_id is not None and client_manager_id == target_id:
        return ALREADY_SERVED
    return None


def decision_problem(status: str, requested_by_id: int | None, decider_id: int) -> str | None:
    """Why this person cannot approve or reject the request now (None: they can)."""
    if status != _PENDING:
        return ALREADY_DECIDED
    if requested_by_id == decider_id:
        return OWN_REQUEST
    return None


def withdrawal_problem(status: str, requested_by_id: int | None, actor_id: int) -> str | None:
    if requested_by_id != actor_id:
        return NOT_REQUESTER
    if status != _PENDING:
        return ALREADY_DECIDED
    return None


def move_problem(
    client_manager_id: int | None,
    from_manager_id: int | None,
    target_branch_id: int | None,
    branch_id: int | None,
) -> str | None:
    """Why an approved request cannot be carried out now (None: it can)."""
    if client_manager_id != from_manager_id:
        return OUT_OF_DATE
    if target_branch_id != branch_id:
        return TARGET_LEFT_BRANCH
    return None


def needs_override(breaches: Sequence[object], override_reason: str | None) -> bool:
    """Approving against the rules needs a stated reason."""
    return bool(breaches) and not override_reason


def kept_override(breaches: Sequence[object], override_reason: str | None) -> str | None:
    """The override reason is recorded only on a move that breached a rule."""
    return override_reason if breaches else None


def suggestion_reason(kind: str) -> str:
    """The reassignment reason an accepted engine suggestion is filed with."""
    return "workload" if kind == _OVER_CAPACITY else "capability"
