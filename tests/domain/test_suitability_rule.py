"""The suitability rule at its boundaries, without a database: one row of the table per case."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from crm_desktop.domain import suitability as s
from crm_desktop.domain.vocabulary import FindingKind
from tests.fixed_clock import TODAY

D = s.day_number
TRADE = TODAY - timedelta(days=10)
ASSESSED = TODAY - timedelta(days=100)
VALID = ASSESSED + timedelta(days=730)
CID = 7


def _run(
    *,
    level: int = 3,
    lowest: bool = False,
    professional: bool = False,
    rating: int = 3,
    permission: str = "",
    holding: bool = False,
    opened: date | None = None,
    warned_on: date | None = None,
    warn_subject: str = "600000",
    valid_until: date = VALID,
    as_of: date = TODAY,
) -> list[tuple[str, int]]:
    profiles = s.profiles_frame([(CID, level, lowest, D(ASSESSED), D(valid_until), professional)])
    events = s.events_frame([(CID, "600000", D(TRADE), rating, permission, holding)])
    perms = s.permissions_frame([(CID, permission, D(opened))] if opened and permission else [])
    warns = s.warnings_frame([(CID, warn_subject, D(warned_on))] if warned_on else [])
    out = s.check(profiles, events, perms, warns, D(as_of))
    return [(str(k), int(w)) for k, w in zip(out["kind"], out["warned"], strict=True)]


OVER, LOWEST, NOPERM, EXPIRED = (
    FindingKind.OVER_LEVEL.value,
    FindingKind.LOWEST_CATEGORY.value,
    FindingKind.NO_PERMISSION.value,
    FindingKind.ASSESSMENT_EXPIRED.value,
)


@pytest.mark.parametrize(
    ("case", "kw", "expected"),
    [
        ("C equal to R", {"level": 3, "rating": 3}, []),
        ("R one above C", {"level": 3, "rating": 4}, [(OVER, 0)]),
        ("R below C", {"level": 5, "rating": 2}, []),
        ("C1 buys R1", {"level": 1, "rating": 1}, []),
        ("C1 buys R2", {"level": 1, "rating": 2}, [(OVER, 0)]),
        ("warning the same day as the trade", {"level": 2, "rating": 3, "warned_on": TRADE}, [(OVER, 1)]),
        (
            "warning the day before",
            {"level": 2, "rating": 3, "warned_on": TRADE - timedelta(days=1)},
            [(OVER, 1)],
        ),
        (
            "warning one day after the trade",
            {"level": 2, "rating": 3, "warned_on": TRADE + timedelta(days=1)},
            [(OVER, 0)],
        ),
        (
            "warning for another product",
            {"level": 2, "rating": 3, "warned_on": TRADE, "warn_subject": "600001"},
            [(OVER, 0)],
        ),
        (
            "warning on the board's permission",
            {
                "level": 3,
                "rating": 4,
                "permission": "star",
                "opened": TRADE,
                "warned_on": TRADE,
                "warn_subject": "perm:star",
            },
            [(OVER, 1)],
        ),
        ("lowest category, R1", {"level": 1, "lowest": True, "rating": 1}, []),
        ("lowest category, R2", {"level": 1, "lowest": True, "rating": 2}, [(LOWEST, -1)]),
        (
            "lowest category with a warning",
            {"level": 1, "lowest": True, "rating": 3, "warned_on": TRADE},
            [(LOWEST, -1)],
        ),
        ("professional investor above level", {"level": 1, "rating": 5, "professional": True}, []),
        (
            "professional investor without permission",
            {"level": 5, "rating": 4, "professional": True, "permission": "star"},
            [(NOPERM, -1)],
        ),
        (
            "permission opened the day of the trade",
            {"level": 4, "rating": 4, "permission": "chinext", "opened": TRADE},
            [],
        ),
        (
            "permission opened the day after",
            {"level": 4, "rating": 4, "permission": "chinext", "opened": TRADE + timedelta(days=1)},
            [(NOPERM, -1)],
        ),
        ("permission never opened", {"level": 4, "rating": 4, "permission": "bse"}, [(NOPERM, -1)]),
        (
            "above level and no permission",
            {"level": 3, "rating": 4, "permission": "star"},
            [(OVER, 0), (NOPERM, -1)],
        ),
        ("assessment valid on its last day", {"valid_until": TODAY}, []),
        ("assessment past its validity", {"valid_until": TODAY - timedelta(days=1)}, [(EXPIRED, -1)]),
    ],
)
def test_rule_table(case: str, kw: dict, expected: list[tuple[str, int]]) -> None:
    assert sorted(_run(**kw)) == sorted(expected), case


def test_holding_uses_todays_profile_and_has_no_trade_day() -> None:
    profiles = s.profiles_frame(
        [
            (CID, 2, False, D(ASSESSED), D(VALID), False),
            (CID, 4, False, D(TODAY - timedelta(days=5)), D(TODAY + timedelta(days=700)), False),
        ]
    )
    events = s.events_frame(
        [(CID, "300750", D(TODAY - timedelta(days=30)), 4, "", True), (CID, "300750", D(TRADE), 4, "", False)]
    )
    out = s.check(profiles, events, s.permissions_frame(), s.warnings_frame(), D(TODAY))
    # The trade was made under C2 (before the reassessment), the holding is judged under today's C4.
    assert list(zip(out["kind"], out["day"], out["client_level"], strict=True)) == [(OVER, D(TRADE), 2)]


def test_trade_older_than_every_assessment_uses_the_earliest() -> None:
    profiles = s.profiles_frame([(CID, 2, False, D(ASSESSED), D(VALID), False)])
    events = s.events_frame([(CID, "600000", D(ASSESSED - timedelta(days=3)), 3, "", False)])
    out = s.check(profiles, events, s.permissions_frame(), s.warnings_frame(), D(TODAY))
    assert list(out["kind"]) == [OVER]


def test_stock_rating_table_and_risk_warning_names() -> None:
    cfg = s.SuitabilityConfig()
    assert cfg.stock_rating("main", "平安银行") == 3
    assert cfg.stock_rating("star", "中芯国际") == 4
    assert cfg.stock_rating("main", "*ST 某某") == 5
    assert cfg.stock_rating("chinext", "ST某某") == 5
    assert cfg.permission_for("star") == "star" and cfg.permission_for("main") == ""
    custom = s.SuitabilityConfig.from_mapping({"stock_ratings": {"main": "R2"}, "validity_years": 3})
    assert custom.stock_rating("main", "x") == 2 and custom.validity_years == 3
    assert s.default_valid_until(date(2024, 2, 29), custom) == date(2027, 2, 28)
    with pytest.raises(s.SuitabilityConfigError):
        s.SuitabilityConfig.from_mapping({"stock_ratings": {"main": "R9"}})
    with pytest.raises(s.SuitabilityConfigError):
        s.SuitabilityConfig.from_mapping({"typo": 1})


def test_behaviour_signal_is_only_a_hint() -> None:
    assert s.behaviour_inconsistent(2, 3) is True
    assert s.behaviour_inconsistent(3, 3) is False
    assert (
        FindingKind.BEHAVIOUR_INCONSISTENT
        not in s.check(
            s.profiles_frame([(CID, 2, False, D(ASSESSED), D(VALID), False)]),
            s.events_frame(),
            s.permissions_frame(),
            s.warnings_frame(),
            D(TODAY),
        )["kind"].tolist()
    )
