"""Cell parsers: dates, numbers, codes, choices — what back-office exports actually contain."""

from __future__ import annotations

import json
import random
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from crm_desktop.domain.vocabulary import Qualification, Side
from crm_desktop.i18n import set_language
from crm_desktop.importing import values as v
from crm_desktop.importing.alias_config import load_aliases


@pytest.mark.parametrize(
    "raw",
    [
        "2024-01-05",
        "2024/01/05",
        "20240105",
        "2024/1/5",
        "2024-01-05 00:00:00",
        45296,
        "45296",
        45296.0,
        datetime(2024, 1, 5),
        date(2024, 1, 5),
        20240105,
    ],
)
def test_dates_in_every_export_format(raw: object) -> None:
    assert v.make_date(required=True)(raw) == "2024-01-05"


@pytest.mark.parametrize(
    "raw", ["2024-02-30", "2024-13-01", "05/01/2024", "yesterday", "1234", 12, datetime(2024, 1, 5, 9, 30)]
)
def test_bad_dates_are_refused(raw: object) -> None:
    with pytest.raises(v.CellError):
        v.make_date(required=True)(raw)


def test_date_required_and_future() -> None:
    assert v.make_date(required=False)("") is None
    with pytest.raises(v.CellError, match="不能为空"):
        v.make_date(required=True)("  ")
    with pytest.raises(v.CellError, match="将来"):
        v.make_date(required=True, not_after_today=True)("2999-01-01")


@pytest.mark.parametrize(
    ("raw", "scale", "out"),
    [
        ("1,234,567.891", 2, "1234567.89"),
        ("1，000", 2, "1000.00"),
        ("10.5", 4, "10.5000"),
        (" 7 ", 2, "7.00"),
        ("0.005", 2, "0.01"),
        (1500, 2, "1500.00"),
        (0.1, 2, "0.10"),
        ("-0", 2, "0.00"),
        ("1 000", 2, "1000.00"),
    ],
)
def test_decimals(raw: object, scale: int, out: str) -> None:
    assert v.make_decimal(scale, required=True, non_negative=True)(raw) == out


@pytest.mark.parametrize("raw", ["1,2", "12,34.5", "abc", "1.2.3", "NaN", "inf", True])
def test_not_numbers(raw: object) -> None:
    with pytest.raises(v.CellError):
        v.make_decimal(2, required=True, non_negative=True)(raw)


def test_negative_and_range() -> None:
    p = v.make_decimal(2, required=True, non_negative=True)
    with pytest.raises(v.CellError, match="负数"):
        p("-5")
    assert v.make_decimal(2, required=True, non_negative=False)("-5") == "-5.00"
    with pytest.raises(v.CellError, match="过大"):
        p("1" * 17)
    assert v.make_decimal(2, required=False, non_negative=True, default="0.00")("") == "0.00"


def test_codes_keep_leading_zeros() -> None:
    p = v.make_code(12, required=True)
    assert p("000001") == "000001"
    assert p('="000001"') == "000001"
    assert p("'000001") == "000001"
    assert p(" 000001\t") == "000001"
    assert v.make_code(12, required=False)("") is None
    with pytest.raises(v.CellError, match="超过"):
        p("1234567890123")


def test_choices_by_code_or_chinese_label() -> None:
    p = v.make_choice(load_aliases().resolver(Side), required=True)
    assert p("买入") == "buy"
    assert p("SELL") == "sell"
    assert p("Ｂ") == "buy"  # full-width, as some exports write it
    with pytest.raises(v.CellError, match="buy"):
        p("hold")


def test_bools_and_lists() -> None:
    b = v.make_bool(default=1)
    assert [b(x) for x in ("是", "否", "TRUE", "false", "1", "0", "", 1.0)] == [1, 0, 1, 0, 1, 0, 1, 1]
    with pytest.raises(v.CellError):
        b("maybe")
    lst = v.make_list(load_aliases().resolver(Qualification))
    assert json.loads(lst("投顾；CFA;investment_adviser")) == ["investment_adviser", "cfa"]
    assert lst("") == "[]"
    with pytest.raises(v.CellError, match="未知"):
        lst("c")


def test_email() -> None:
    p = v.make_email(required=False)
    assert p("a@b.cn") == "a@b.cn"
    with pytest.raises(v.CellError):
        p("not-an-address")


def test_messages_follow_the_language() -> None:
    set_language("en")
    with pytest.raises(v.CellError, match="must not be negative"):
        v.make_decimal(2, required=True, non_negative=True)("-1")


def test_pandas_to_numeric_rounds_like_python_float() -> None:
    """The fast path stores to_numeric's doubles on SQLite; they must equal float(Decimal) (the ORM's)."""
    rnd = random.Random(7)
    vals = [f"{rnd.randrange(0, 10 ** rnd.randrange(1, 12))}.{rnd.randrange(100):02d}" for _ in range(50_000)]
    vals += [f"{rnd.random() * 1e5:.4f}" for _ in range(50_000)]
    fast = pd.to_numeric(pd.Series(vals, dtype=str)).to_numpy()
    assert np.array_equal(fast, np.array([float(x) for x in vals]))
