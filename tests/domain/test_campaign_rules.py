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


def test_contact_cap_counts_other_campaigns_per_month() -> None:
    m = rule.month_index
    ids = np.array([1, 2, 3])
    # client 1: two campaigns in December; client 2: one in December, one in January; client 3: none
    other_client = np.array([1, 1, 2, 2])
    other_start = np.array([m(date(2026, 12, 1))] * 2 + [m(date(2026, 12, 1)), m(date(2027, 1, 1))])
    other_end = np.array([m(date(2026, 12, 31))] * 2 + [m(date(2026, 12, 31)), m(date(2027, 1, 31))])
    december = {"start": date(2026, 12, 5), "end": date(2026, 12, 20)}
    two_months = {"start": date(2026, 12, 5), "end": date(2027, 1, 20)}
    args = (ids, other_client, other_start, other_end)
    assert ids[rule.over_cap(*args, **december, cap=2)].tolist() == [1]
    assert ids[rule.over_cap(*args, **two_months, cap=2)].tolist() == [1]
    assert ids[rule.over_cap(*args, **december, cap=1)].tolist() == [1, 2]
    assert ids[rule.over_cap(*args, start=date(2027, 2, 1), end=date(2027, 2, 28), cap=1)].tolist() == []


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
