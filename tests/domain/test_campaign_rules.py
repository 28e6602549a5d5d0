"""Campaign rules without a store: unsuitable offers, the contact cap, the order of reasons, the funnel."""

from __future__ import annotations

from datetime import date

import numpy as np

from crm_desktop.domain import campaigns as rule
from crm_desktop.domain import suitability as srule

D = srule.day_number
TODAY = date(2026, 12, 1)


def _profiles(rows: list[tuple[int, int, bool, date, date, bool]]) -> dict[str, np.ndarray]:
    return srule.profiles_frame([(c, lv, lo, D(a), D(v), p) for c, lv, lo, a, v, p in rows])


PROFILES = _profiles(
    [
        (1, 4, False, date(2026, 1, 1), date(2028, 1, 1), False),  # C4
        (2, 3, False, date(2026, 1, 1), date(2028, 1, 1), False),  # C3
        (3, 1, True, date(2026, 1, 1), date(2028, 1, 1), False),  # C1, lowest category
        (4, 5, False, date(2026, 1, 1), date(2028, 1, 1), True),  # professional
        (5, 5, False, date(2023, 1, 1), date(2025, 1, 1), False),  # C5, assessment expired
        (6, 2, False, date(2024, 1, 1), date(2026, 1, 1), False),  # old C2 ...
        (6, 4, False, date(2026, 3, 1), date(2028, 3, 1), False),  # ... reassessed C4: the newer one counts
    ]
)
IDS = np.array([1, 2, 3, 4, 5, 6, 7])  # 7 has no profile at all


def _unsuitable(rating: int, permission: str = "", professional_only: bool = False) -> list[int]:
    perms = srule.permissions_frame([(1, "chinext", D(date(2020, 1, 1)))])
    mask = rule.unsuitable(
        IDS,
        PROFILES,
        perms,
        code="P",
        rating=rating,
        permission=permission,
        professional_only=professional_only,
        as_of=TODAY,
    )
    return IDS[mask].tolist()


def test_rating_above_level_lowest_category_expired_and_unknown() -> None:
    assert _unsuitable(1) == [5, 7]
    assert _unsuitable(3) == [3, 5, 7]
    assert _unsuitable(4) == [2, 3, 5, 7]
    assert _unsuitable(5) == [1, 2, 3, 5, 6, 7]


def test_permission_and_professional_only() -> None:
    # a board permission is needed by professionals too
    assert _unsuitable(2, permission="chinext") == [2, 3, 4, 5, 6, 7]
    assert _unsuitable(1, professional_only=True) == [1, 2, 3, 5, 6, 7]


def test_contact_cap_months() -> None:
    dec = (1, date(2026, 12, 1), date(2026, 12, 31))
    dec2 = (2, date(2026, 11, 20), date(2026, 12, 10))
    jan = (3, date(2027, 1, 1), date(2027, 1, 31))
    others = [dec, dec2, jan]
    assert rule.campaigns_by_month(others, start=date(2026, 12, 5), end=date(2026, 12, 20), cap=2) == [(1, 2)]
    assert rule.campaigns_by_month(others, start=date(2026, 12, 5), end=date(2027, 1, 20), cap=2) == [(1, 2)]
    assert rule.campaigns_by_month(others, start=date(2026, 12, 5), end=date(2027, 1, 20), cap=1) == [
        (1, 2),
        (3,),
    ]
    assert rule.campaigns_by_month(others, start=date(2027, 2, 1), end=date(2027, 2, 28), cap=1) == []


def test_first_reason_wins() -> None:
    t, f = True, False
    status = rule.classify(
        np.array([t, f, f, f, f]),
        np.array([t, t, f, f, f]),
        np.array([t, t, t, f, f]),
        np.array([t, t, t, t, f]),
    )
    assert status.tolist() == ["closed", "opted_out", "unsuitable", "contact_cap", "targeted"]


def test_funnel() -> None:
    f = rule.funnel(
        [None, "not_reached", "declined", "interested", "subscribed", "subscribed"],
        [None, None, None, None, 1000.0, 2500.5],
    )
    assert (f.targeted, f.contacted, f.responded, f.converted, f.amount) == (6, 5, 4, 2, 3500.5)
    assert abs(f.conversion - 2 / 6) < 1e-9
    assert rule.funnel([], []).conversion == 0.0
