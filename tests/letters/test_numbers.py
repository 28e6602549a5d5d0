from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from crm_desktop.errors import InvalidInput
from crm_desktop.letters import numbers
from crm_desktop.services.letters import default_period, letter_file_name, resolve_period


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1234567.891"), "1,234,567.89 元"),
        (Decimal("-0.004"), "0.00 元"),
        (0, "0.00 元"),
        (Decimal("0.005"), "0.01 元"),
        (Decimal("-2000"), "-2,000.00 元"),
    ],
)
def test_yuan(value: Decimal, text: str) -> None:
    assert numbers.yuan(value) == text


def test_signed_percent_quantity_and_dates() -> None:
    assert numbers.signed_yuan(Decimal("12345")) == "+12,345.00 元"
    assert numbers.percent(Decimal("0.08823")) == "8.82%"
    assert numbers.percent(Decimal("0.1"), signed=True) == "+10.00%"
    assert numbers.percent(None) == "—"
    assert numbers.quantity(Decimal("12000")) == "12,000"
    assert numbers.quantity(Decimal("10.5")) == "10.5"
    assert numbers.cn_date(date(2026, 7, 1)) == "2026年7月1日"


@pytest.mark.parametrize(
    ("as_of", "period"),
    [
        (date(2026, 10, 15), (date(2026, 7, 1), date(2026, 9, 30))),
        (date(2026, 9, 30), (date(2026, 7, 1), date(2026, 9, 30))),
        (date(2026, 2, 1), (date(2025, 10, 1), date(2025, 12, 31))),
        (date(2026, 4, 1), (date(2026, 1, 1), date(2026, 3, 31))),
        (date(2026, 12, 31), (date(2026, 10, 1), date(2026, 12, 31))),
    ],
)
def test_default_period_is_the_last_ended_quarter(as_of: date, period: tuple[date, date]) -> None:
    assert default_period(as_of) == period


def test_explicit_period_runs_to_as_of_and_must_start_before_it() -> None:
    assert resolve_period(date(2026, 10, 15), date(2026, 1, 1)) == (date(2026, 1, 1), date(2026, 10, 15))
    with pytest.raises(InvalidInput):
        resolve_period(date(2026, 10, 15), date(2026, 11, 1))
    assert letter_file_name("001000", date(2026, 10, 15)) == "001000_2026-10-15.pdf"
