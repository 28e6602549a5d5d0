"""Client flow rules (issue #17): what an account event does to a client, what counts as a loss, a
return (regained) or new business, which tasks a loss makes, and how a result is shared.

Pure functions over plain values: dates are parameters, nothing reads the clock or the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from crm_desktop.domain.vocabulary import AccountEvent, ClientStatus, TaskSource, TouchType

E = AccountEvent

LOSS_EVENTS = frozenset({E.CLOSED.value, E.TRANSFERRED_OUT.value})
# opened again, transferred back in, or reactivated after a loss: the client is regained
RETURN_EVENTS = frozenset({E.OPENED.value, E.TRANSFERRED_IN.value, E.REACTIVATED.value})

# The account status an event leaves behind; a custody-bank change leaves it as it was.
STATUS_AFTER: dict[str, str | None] = {
    E.OPENED.value: ClientStatus.ACTIVE.value,
    E.CLOSED.value: ClientStatus.CLOSED.value,
    E.TRANSFERRED_OUT.value: ClientStatus.TRANSFERRED_OUT.value,
    E.TRANSFERRED_IN.value: ClientStatus.ACTIVE.value,
    E.BANK_CHANGED.value: None,
    E.DORMANT.value: ClientStatus.DORMANT.value,
    E.REACTIVATED.value: ClientStatus.ACTIVE.value,
}

# Two events on one day are taken in this order (a day's account is opened before it is closed).
_SAME_DAY_ORDER = {
    E.OPENED.value: 0,
    E.TRANSFERRED_IN.value: 1,
    E.REACTIVATED.value: 2,
    E.BANK_CHANGED.value: 3,
    E.DORMANT.value: 4,
    E.TRANSFERRED_OUT.value: 5,
    E.CLOSED.value: 6,
}

# How long after a loss the manager has to record why the client left.
REASON_DUE_DAYS = 7
# Losses at most this old get a win-back (二次营销) task; the task is due this many days after the loss.
WIN_BACK_WINDOW_DAYS = 90
WIN_BACK_DUE_DAYS = 30

# Flow kinds (the columns of the flow export).
NEW_ACCOUNT = "new_accounts"
TRANSFER_IN = "transfers_in"
CLOSED = "closed"
TRANSFERRED_OUT = "transferred_out"
REGAINED = "regained"


def event_order(day: date, event: str) -> tuple[date, int]:
    return day, _SAME_DAY_ORDER.get(event, 9)


def status_after(events: Iterable[tuple[date, str]]) -> str | None:
    """The account status the latest status-changing event leaves, or None when no event changes it."""
    status = None
    for _day, event in sorted(events, key=lambda e: event_order(*e)):
        s = STATUS_AFTER.get(event)
        if s is not None:
            status = s
    return status


def classify(events: Sequence[tuple[date, str]]) -> list[tuple[date, str, str | None]]:
    """Each event of one client with its flow kind, in date order.

    An opening, transfer-in or reactivation after an earlier loss is ``regained`` (counted once, not also as
    new business); otherwise an opening is a new account and a transfer-in a transfer in. A reactivation
    from dormancy, a custody-bank change and dormancy are no flow.
    """
    out: list[tuple[date, str, str | None]] = []
    lost = False
    for day, event in sorted(events, key=lambda e: event_order(*e)):
        kind: str | None = None
        if event in LOSS_EVENTS:
            kind = CLOSED if event == E.CLOSED.value else TRANSFERRED_OUT
            lost = True
        elif event in RETURN_EVENTS and lost:
            kind = REGAINED
            lost = False
        elif event == E.OPENED.value:
            kind = NEW_ACCOUNT
        elif event == E.TRANSFERRED_IN.value:
            kind = TRANSFER_IN
        out.append((day, event, kind))
    return out


@dataclass(frozen=True)
class PlannedTask:
    source: str
    task_type: str
    due: date
    dedupe_key: str


def loss_tasks(client_id: int, lost_on: date, today: date) -> list[PlannedTask]:
    """Tasks a loss makes for the client's manager: record the reason within 7 days and, for a loss at most
    90 days old, a win-back call (二次营销). Older losses (a history import) make no task."""
    if (today - lost_on).days > WIN_BACK_WINDOW_DAYS or lost_on > today:
        return []
    return [
        PlannedTask(
            TaskSource.CHURN_REASON.value,
            TouchType.PHONE_CALL.value,
            lost_on + timedelta(days=REASON_DUE_DAYS),
            f"churn_reason:{client_id}:{lost_on.isoformat()}",
        ),
        PlannedTask(
            TaskSource.WIN_BACK.value,
            TouchType.RETENTION_CALL.value,
            lost_on + timedelta(days=WIN_BACK_DUE_DAYS),
            f"win_back:{client_id}:{lost_on.isoformat()}",
        ),
    ]


# ---------------------------------------------------------------- shares of the result

ONE = Decimal(1)
SHARE_PROBLEM_SUM = "sum"
SHARE_PROBLEM_RANGE = "range"
SHARE_PROBLEM_EMPTY = "empty"


def share_problem(shares: Mapping[Any, Decimal]) -> str | None:
    """None when the shares are each in (0, 1] and sum to exactly 1."""
    if not shares:
        return SHARE_PROBLEM_EMPTY
    if any(s <= 0 or s > ONE for s in shares.values()):
        return SHARE_PROBLEM_RANGE
    if sum(shares.values(), Decimal(0)) != ONE:
        return SHARE_PROBLEM_SUM
    return None


def split(amount: Decimal, shares: Mapping[int, Decimal]) -> dict[int, Decimal]:
    """``amount`` divided by the shares, to the fen, the rounding remainder to the largest share (so the
    parts always add up to the amount)."""
    q = Decimal("0.01")
    parts = {k: (amount * s).quantize(q) for k, s in shares.items()}
    rest = amount - sum(parts.values(), Decimal(0))
    if rest and parts:
        top = max(shares, key=lambda k: (shares[k], -k))
        parts[top] += rest
    return parts


def rate(done: int, total: int) -> float | None:
    """A share, or None ("not enough data") when nothing was due."""
    return None if total <= 0 else done / total


# ---------------------------------------------------------------- the one-to-one answer to a likely reason

_ANSWERS = {
    "trading_results": "review_and_advice",
    "price_or_service_elsewhere": "commission_review",
    "service_here": "service_recovery",
}


def retention_answer(reason: str | None) -> str | None:
    """The retention answer (a RetentionAnswer code) for the likely reason of a high churn risk:
    trading results -> account review letter and advice session; price -> commission-rate review request
    (the branch manager decides); service here -> service-recovery call by the branch manager."""
    return _ANSWERS.get(reason or "")
