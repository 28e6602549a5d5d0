"""The segment filter's text form: parsing, errors that name the bad part, and evaluation on a row."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crm_desktop.domain import segments as seg
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import set_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("grade>=V3;churn=high;risk>=C3", "grade>=V3;churn=high;risk>=C3"),
        ("  grade >= v3 ; ; churn = HIGH ", "grade>=V3;churn=high"),
        ("lifecycle=new,growing", "lifecycle=new,growing"),
        ("assets>=50万", "assets>=500000"),
        ("commission<1000", "commission<1000"),
        ("commission<0.5万", "commission<5000"),
        ("new_listing=yes", "new_listing>=0.2"),
        ("new_listing!=yes", "new_listing<0.2"),
        ("new_listing>=35%", "new_listing>=0.35"),
        ("等级>=V4；流失风险=high", "grade>=V4;churn=high"),
        ("holds=600000,000001", "holds=600000,000001"),
        ("manager!=im1", "manager!=im1"),
        ("investor_class=professional", "class=professional"),
        ("", ""),
    ],
)
def test_parse_and_canonical_form(text: str, expected: str) -> None:
    assert seg.canonical(seg.parse(text)) == expected


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("grade>=V9", "V9"),
        ("grade>=V9", "V1, V2, V3, V4, V5"),
        ("colour=red", "colour"),
        ("grade=>V3", "grade=>V3"),
        ("grade", "grade"),
        ("lifecycle>new", "lifecycle"),
        ("grade>=V3,V4", ">="),
        ("assets>=lots", "lots"),
        ("churn=", "churn="),
        ("new_listing>=150%", "new_listing"),
        ("holds>600000", "holds"),
    ],
)
def test_errors_name_the_bad_part(text: str, needle: str) -> None:
    set_language("en")
    try:
        with pytest.raises(InvalidInput) as ei:
            seg.parse(text)
    finally:
        set_language("zh_CN")
    assert needle in str(ei.value)
    assert ei.value.exit_code == 3


def test_ordered_words_compare_by_their_order() -> None:
    (c,) = seg.parse("churn>=medium")
    assert seg.allowed_codes(c) == ("medium", "high")
    (c,) = seg.parse("grade<V3")
    assert seg.allowed_codes(c) == ("V1", "V2")
    (c,) = seg.parse("activity!=dormant,low")
    assert seg.allowed_codes(c) == ("active", "very_active")


ROW = {
    "grade": "V4",
    "value": 75.5,
    "churn": "high",
    "lifecycle": "mature",
    "activity": "active",
    "risk": "C3",
    "class": None,
    "assets": Decimal("800000"),
    "commission": 6000,
    "industry": "电子",
    "holds": {"600000"},
    "new_listing": 0.25,
    "manager": "im1",
}


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("grade>=V3;churn=high;risk>=C3", True),
        ("grade>V4", False),
        ("value>75", True),
        ("value=75.5", True),
        ("assets>=80万", True),
        ("assets>80万", False),
        ("industry=电子,银行", True),
        ("industry!=电子", False),
        ("holds=600000", True),
        ("holds!=600000", False),
        ("holds=000001", False),
        ("new_listing=yes", True),
        ("class=ordinary", True),
        ("class=professional", False),
        ("manager=im2", False),
        ("lifecycle!=mature", False),
        ("", True),
    ],
)
def test_matches(text: str, hit: bool) -> None:
    assert seg.matches(seg.parse(text), ROW) is hit


def test_unscored_client_matches_no_score_condition() -> None:
    row = {**ROW, "grade": None, "churn": None, "value": None}
    assert not seg.matches(seg.parse("grade!=V1"), row)
    assert not seg.matches(seg.parse("value<10"), row)
    assert seg.matches(seg.parse("risk=C3"), row)


@pytest.mark.parametrize(
    ("bar", "expected"),
    [
        ({}, ""),
        ({"grade": "V3"}, "grade=V3"),
        ({"grade": "V5", "churn": "high", "lifecycle": "mature"}, "grade=V5;churn=high;lifecycle=mature"),
        ({"churn": "medium", "manager_login": "im1"}, "churn=medium;manager=im1"),
        ({"search": "   ", "lifecycle": "new"}, "lifecycle=new"),  # a blank search box is no search
    ],
)
def test_book_filter_as_segment_text(bar: dict[str, str], expected: str) -> None:
    text = seg.from_book_filter(**bar)  # type: ignore[arg-type]
    assert text == expected
    assert seg.canonical(seg.parse(text)) == text  # it reads back the same


def test_book_filter_a_segment_cannot_keep_is_refused_by_name() -> None:
    set_language("en")
    try:
        with pytest.raises(InvalidInput) as exc:
            seg.from_book_filter(grade="V4", search="李", overdue=True, mismatch=True)
        message = exc.value.message
        assert "“李”" in message and "overdue only" in message and "suitability mismatch only" in message
        assert "Clear them" in message and "grade" in message  # what to do, and the fields that can be kept
        with pytest.raises(InvalidInput, match="overdue only"):
            seg.from_book_filter(overdue=True)
        with pytest.raises(InvalidInput, match="V9"):
            seg.from_book_filter(grade="V9")  # a bad value is named as in the editor
    finally:
        set_language("zh_CN")
    with pytest.raises(InvalidInput, match="仅适当性不匹配"):
        seg.from_book_filter(mismatch=True)
