"""The exchange calendar: known closures of the Shanghai/Shenzhen exchanges, coverage, and bad data."""

from __future__ import annotations

from datetime import date

import pytest

from crm_desktop.demo.market import exchange_calendar
from crm_desktop.domain.exchange_calendar import parse
from crm_desktop.errors import InvalidInput


def test_spring_festival_2026_closure() -> None:
    cal = exchange_calendar()
    # Closed Monday 16 to Monday 23 February 2026; the make-up working Saturdays are not trading days.
    assert cal.is_trading_day(date(2026, 2, 13)) and cal.is_trading_day(date(2026, 2, 24))
    for d in range(16, 24):
        assert not cal.is_trading_day(date(2026, 2, d))
    assert not cal.is_trading_day(date(2026, 2, 14)) and not cal.is_trading_day(date(2026, 2, 28))
    assert cal.holiday(date(2026, 2, 18)) == "春节"
    assert cal.last_trading_day_on_or_before(date(2026, 2, 22)) == date(2026, 2, 13)
    assert cal.next_trading_day_after(date(2026, 2, 13)) == date(2026, 2, 24)


@pytest.mark.parametrize(
    ("closed", "open_"),
    [
        (date(2024, 2, 9), date(2024, 2, 8)),  # Spring Festival 2024 began on the eve (Friday)
        (date(2025, 1, 28), date(2025, 2, 5)),  # Spring Festival 2025: 28 Jan - 4 Feb
        (date(2025, 10, 8), date(2025, 10, 9)),  # National Day and Mid-Autumn 2025: 1-8 Oct
        (date(2020, 1, 31), date(2020, 2, 3)),  # 2020: the Spring Festival closure extended to 31 Jan
        (date(2015, 9, 3), date(2015, 9, 7)),  # 2015: the 70th anniversary of the victory, 3-4 Sep
        (date(2018, 12, 31), date(2019, 1, 2)),  # New Year 2019 closure began on 31 Dec 2018
        (date(2026, 10, 7), date(2026, 10, 8)),  # National Day 2026: 1-7 Oct
        (date(2026, 9, 25), date(2026, 9, 24)),  # Mid-Autumn 2026
    ],
)
def test_known_closures(closed: date, open_: date) -> None:
    cal = exchange_calendar()
    assert not cal.is_trading_day(closed) and cal.holiday(closed)
    assert cal.is_trading_day(open_)


def test_trading_day_counts_per_year() -> None:
    cal = exchange_calendar()
    # Published counts of trading days per year (SSE): 2019 244, 2020 243, 2021 243, 2022 242,
    # 2023 242, 2024 242, 2025 243.
    expected = {2019: 244, 2020: 243, 2021: 243, 2022: 242, 2023: 242, 2024: 242, 2025: 243}
    for year, n in expected.items():
        assert len(cal.trading_days(date(year, 1, 1), date(year, 12, 31))) == n, year


def test_years_covered_and_provisional() -> None:
    cal = exchange_calendar()
    assert cal.first_year <= 2009 and cal.last_year >= 2027
    assert all(cal.covers(y) for y in range(2009, 2028))
    assert 2026 not in cal.provisional and 2025 not in cal.provisional
    assert all(d.weekday() < 5 for d in cal.closures)


def test_uncovered_year_is_an_error_not_a_guess() -> None:
    cal = parse(["date,holiday,status", "2030-01-01,元旦,published"])
    assert cal.years == frozenset({2030}) and not cal.provisional
    with pytest.raises(InvalidInput, match="2031"):
        cal.trading_days(date(2030, 12, 1), date(2031, 1, 31))
    with pytest.raises(InvalidInput, match=r"sse_holidays\.csv"):
        cal.is_trading_day(date(2029, 6, 1))
    assert not cal.is_trading_day(date(2030, 1, 1)) and cal.is_trading_day(date(2030, 1, 2))


@pytest.mark.parametrize(
    "rows",
    [
        ["date,holiday,status", "2030-01-05,元旦,published"],  # a Saturday
        ["date,holiday,status", "2030-01-01,元旦,guessed"],
        ["date,holiday,status", "2030-13-01,元旦,published"],
        ["date,holiday,status", "2030-01-01,元旦,published", "2030-01-01,元旦,published"],
        ["date,holiday,status"],
    ],
)
def test_bad_rows(rows: list[str]) -> None:
    with pytest.raises(InvalidInput):
        parse(rows)
