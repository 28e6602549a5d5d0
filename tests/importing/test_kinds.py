"""Header mapping and kind detection."""

from __future__ import annotations

import pytest

from crm_desktop.importing.kinds import KINDS, detect_kind, kind_spec
from crm_desktop.importing.rows import ignored_warning, map_headers
from tests.importing.samples import (
    ASSETS_ZH,
    CLIENTS_ZH,
    HOLDINGS_ZH,
    SECURITIES_ZH,
    STAFF_ZH,
    TRADES_ZH,
)


@pytest.mark.parametrize(
    ("headers", "kind"),
    [
        (STAFF_ZH, "staff"),
        (CLIENTS_ZH, "clients"),
        (SECURITIES_ZH, "securities"),
        (ASSETS_ZH, "assets"),
        (TRADES_ZH, "trades"),
        (HOLDINGS_ZH, "holdings"),
        ([c.name for c in KINDS["holdings"].columns], "holdings"),
        (["Client No", "DATE", "cash", "securities_value", "total assets"], "assets"),
        (["备注"], None),
    ],
)
def test_detect_kind(headers: list[str], kind: str | None) -> None:
    assert detect_kind(headers).kind == kind


def test_map_headers_any_order_units_and_case() -> None:
    hm = map_headers(
        kind_spec("trades"),
        [
            "佣金(元)",
            "成交金额（元）",
            "CODE",
            "Client_No",
            "trade date",
            "成交编号",
            "买卖方向",
            "成交数量",
            "成交价格",
            "备注",
            "",
        ],
    )
    assert hm.errors == []
    assert hm.index["commission"] == 0 and hm.index["amount"] == 1 and hm.index["client_no"] == 3
    assert hm.ignored == ["备注"]
    assert "备注" in (ignored_warning(hm) or "")


def test_missing_and_duplicate_columns() -> None:
    hm = map_headers(kind_spec("trades"), ["成交编号", "trade_id", "客户号"])
    reasons = " ".join(e.reason for e in hm.errors)
    assert "重复" in reasons
    assert "成交日期" in reasons and "佣金" not in reasons  # commission is optional
    assert all(e.row == 1 for e in hm.errors)


def test_unknown_kind() -> None:
    from crm_desktop.errors import InvalidInput

    with pytest.raises(InvalidInput, match="trades"):
        kind_spec("orders")
