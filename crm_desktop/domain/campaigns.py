"""Campaign rules, pure: who is left out of a target list and why, the contact cap, and the funnel.

A client of the campaign's segment is *targeted* unless one of these holds; the first that holds is
the one recorded (and counted):

1. ``closed`` — the account is closed;
2. ``opted_out`` — the client said no to marketing contact;
3. ``unsuitable`` — the campaign offers a product the suitability rule forbids offering to this client
   (:mod:`crm_desktop.domain.suitability` judged as if the client held it today): rating above their
   level, anything above R1 for the lowest category, a board permission the client has not opened,
   an expired assessment; and a product for professional investors offered to an ordinary one.
   A special risk warning does not make an unsuitable product suitable for *marketing* (the stricter
   reading: a firm does not actively recommend it). A campaign without a product skips this step.
   :func:`unsuitable` is the rule's definition; ``services.campaigns`` evaluates the same rule set-wise in SQL
   for speed, and tests/services/test_campaign_target_sql.py holds the two equal on both backends;
4. ``contact_cap`` — in some calendar month of the campaign's period, the client is already targeted
   by ``cap`` other campaigns (default 2 per client per month, across campaigns): see
   :func:`campaigns_by_month`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from crm_desktop.domain import suitability as rule
from crm_desktop.domain.vocabulary import CampaignResponse, FindingKind, TargetStatus

DEFAULT_CONTACT_CAP = 2

# Every violation kind the check reports makes the product unsuitable for a campaign.
UNSUITABLE_KINDS = frozenset(
    {
        FindingKind.OVER_LEVEL.value,
        FindingKind.LOWEST_CATEGORY.value,
        FindingKind.NO_PERMISSION.value,
        FindingKind.ASSESSMENT_EXPIRED.value,
    }
)
# Reached and answered; "not reached" is a contact attempt without an answer.
ANSWERS = frozenset(
    {CampaignResponse.INTERESTED.value, CampaignResponse.SUBSCRIBED.value, CampaignResponse.DECLINED.value}
)


def month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def unsuitable(
    client_ids: np.ndarray,
    profiles: Mapping[str, Any],
    permissions: Mapping[str, Any],
    *,
    code: str,
    rating: int,
    permission: str,
    professional_only: bool,
    as_of: date,
) -> np.ndarray:
    """True where offering product ``code`` (rated R``rating``, needing ``permission`` or "") is not allowed.

    ``profiles``/``permissions`` are the suitability rule's frames (PROFILE_COLUMNS, PERMISSION_COLUMNS).
    A client without any profile is judged unsuitable (nothing on record says the product fits them).
    """
    ids = np.asarray(client_ids, dtype=np.int64)
    if len(ids) == 0:
        return np.zeros(0, dtype=bool)
    day = rule.day_number(as_of)
    n = len(ids)
    events = {
        "client_id": ids,
        "code": np.full(n, code, dtype=object),
        "day": np.full(n, day, dtype=np.int64),
        "rating": np.full(n, rating, dtype=np.int64),
        "permission": np.full(n, permission, dtype=object),
        "holding": np.ones(n, dtype=bool),
    }
    # No warnings are passed: a warning does not cure an unsuitable offer.
    found = rule.check(profiles, events, permissions, rule.warnings_frame(), day)
    bad_ids = np.asarray(found["client_id"], dtype=np.int64)[
        np.isin(np.asarray(found["kind"], dtype=object), list(UNSUITABLE_KINDS))
    ]
    out = np.isin(ids, bad_ids)
    prof = rule._Profiles.of(profiles)  # the same lookup the rule uses: the profile in force today
    at = prof.at(ids, np.full(n, day, dtype=np.int64))
    out |= at < 0
    if professional_only:
        professional = np.where(at >= 0, prof.professional[np.maximum(at, 0)], False)
        out |= ~professional
    return out


def campaigns_by_month(
    others: list[tuple[int, date, date]], *, start: date, end: date, cap: int
) -> list[tuple[int, ...]]:
    """For each calendar month of [start, end] in which at least ``cap`` other campaigns run: their ids.

    ``others`` are (campaign id, start, end). A client targeted by ``cap`` or more of the campaigns of
    one such month is over the contact cap (the store counts that per client).
    """
    out: list[tuple[int, ...]] = []
    for m in range(month_index(start), month_index(end) + 1):
        running = tuple(sorted(cid for cid, s, e in others if month_index(s) <= m <= month_index(e)))
        if len(running) >= cap and running not in out:
            out.append(running)
    return out


def classify(
    closed: np.ndarray, opted_out: np.ndarray, unsuitable_: np.ndarray, capped: np.ndarray
) -> np.ndarray:
    """The status of each client (a TargetStatus code): the first reason that holds, else targeted."""
    return np.select(
        [
            np.asarray(closed, bool),
            np.asarray(opted_out, bool),
            np.asarray(unsuitable_, bool),
            np.asarray(capped, bool),
        ],
        [
            TargetStatus.CLOSED.value,
            TargetStatus.OPTED_OUT.value,
            TargetStatus.UNSUITABLE.value,
            TargetStatus.CONTACT_CAP.value,
        ],
        default=TargetStatus.TARGETED.value,
    ).astype(object)


@dataclass(frozen=True)
class Funnel:
    targeted: int = 0
    contacted: int = 0
    responded: int = 0
    converted: int = 0
    amount: float = 0.0

    @property
    def conversion(self) -> float:
        """Converted per targeted client (0 when nobody is targeted)."""
        return self.converted / self.targeted if self.targeted else 0.0


def funnel(responses: list[str | None], amounts: list[float | None]) -> Funnel:
    """The funnel of targeted clients from their latest responses (None = not contacted yet).

    contacted: any response recorded (not reached included: the manager tried); responded: an answer
    (interested, subscribed, declined); converted: subscribed; amount: the subscribed amounts.
    """
    contacted = sum(1 for r in responses if r)
    responded = sum(1 for r in responses if r in ANSWERS)
    converted = sum(1 for r in responses if r == CampaignResponse.SUBSCRIBED.value)
    amount = sum(
        float(a or 0)
        for r, a in zip(responses, amounts, strict=True)
        if r == CampaignResponse.SUBSCRIBED.value
    )
    return Funnel(len(responses), contacted, responded, converted, round(amount, 2))
