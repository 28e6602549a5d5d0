"""Hand-computed cases on both sides of every client rule's boundary (as-of 2025-06-30)."""

from __future__ import annotations

import pytest

from crm_desktop.scoring import ScoringConfig
from crm_desktop.scoring.reasons import render_reasons
from tests.scoring.helpers import Book, ago, codes

# ------------------------------------------------------------------ grade


@pytest.mark.parametrize(
    ("assets", "grade"),
    [
        (10_000_000, "V5"),
        (9_999_999.99, "V4"),
        (3_000_000, "V4"),
        (2_999_999.99, "V3"),
        (1_000_000, "V3"),
        (999_999.99, "V2"),
        (200_000, "V2"),
        (199_999.99, "V1"),
        (0, "V1"),
    ],
)
def test_asset_tier_boundaries_are_inclusive(assets: float, grade: str) -> None:
    assert Book().client(1).snap(1, 0, assets).row()["grade"] == grade


def test_average_is_over_the_snapshots_in_the_window() -> None:
    # (2,999,999.99 + 3,000,000.01) / 2 is exactly the V4 boundary; the snapshot 365 days ago is outside W.
    book = Book().client(1).snap(1, 0, 2_999_999.99).snap(1, 364, 3_000_000.01).snap(1, 365, 50_000_000)
    row = book.row()
    assert row["avg_assets"] == 3_000_000.0 and row["grade"] == "V4"
    assert render_reasons(row["reasons"])[1] == "日均资产 3,000,000 ≥ 3,000,000 → V4"


@pytest.mark.parametrize(
    ("commissions", "grade"),
    [
        ((50_000, 50_000), "V5"),
        ((50_000, 49_999.99), "V4"),
        ((15_000, 15_000), "V4"),
        ((15_000, 14_999.99), "V3"),
        ((5_000, 5_000), "V3"),
        ((5_000, 4_999.99), "V2"),
        ((1_000, 1_000), "V2"),
        ((1_000, 999.99), "V1"),
    ],
)
def test_commission_tier_boundaries(commissions: tuple[float, float], grade: str) -> None:
    book = Book().client(1).snap(1, 0, 1_000)
    for i, c in enumerate(commissions):
        book.trade(1, 10 + i, "buy", 100, 10, commission=c)
    assert book.row()["grade"] == grade


def test_commission_outside_the_window_does_not_count() -> None:
    book = Book().client(1).snap(1, 0, 1_000).trade(1, 364, "buy", 100, 10, commission=2_000)
    assert book.row()["grade"] == "V2"
    book = Book().client(1).snap(1, 0, 1_000).trade(1, 365, "buy", 100, 10, commission=2_000)
    assert book.row()["grade"] == "V1"


def test_grade_is_the_higher_tier_and_says_why() -> None:
    book = Book().client(1).snap(1, 0, 250_000).trade(1, 5, "buy", 100, 10, commission=30_000)
    row = book.row()
    assert row["grade"] == "V4"
    assert "grade_commission" in codes(row["reasons"]) and "grade_assets" not in codes(row["reasons"])
    assert "近12个月佣金 30,000 ≥ 30,000 → V4" in render_reasons(row["reasons"])
    assert "commission over 12 months 30,000 ≥ 30,000 → V4" in render_reasons(row["reasons"], "en")


def test_base_grade_reason_names_both_numbers() -> None:
    row = Book().client(1).snap(1, 0, 1_234.5).row()
    assert row["grade"] == "V1"
    assert "日均资产 1,234.5 < 200,000 且近12个月佣金 0 < 2,000 → V1" in render_reasons(row["reasons"])


# ------------------------------------------------------------------ turnover and activity


@pytest.mark.parametrize(
    ("traded", "activity"),
    [
        (None, "dormant"),
        (1_999_999.99, "low"),
        (2_000_000, "active"),
        (9_999_999.99, "active"),
        (10_000_000, "very_active"),
    ],
)
def test_activity_boundaries(traded: float | None, activity: str) -> None:
    book = Book().client(1).snap(1, 0, 1_000_000).snap(1, 10, 1_000_000)
    if traded is not None:
        book.trade(1, 5, "buy", 1, traded)
    row = book.row()
    assert row["activity"] == activity
    assert row["turnover"] == (0 if traded is None else round(traded / 1_000_000, 4))


def test_turnover_is_zero_without_assets() -> None:
    row = Book().client(1).snap(1, 0, 0).trade(1, 5, "buy", 100, 10).row()
    assert row["turnover"] == 0 and row["activity"] == "low"


# ------------------------------------------------------------------ churn


def _churn_book(outflow: float, *, latest: float = 1_000_000, outflow_day: int = 89) -> Book:
    return (
        Book()
        .client(1)
        .snap(1, 120, 1_000_000)
        .snap(1, 90, 1_000_000)
        .snap(1, outflow_day, 1_000_000, inflow=-outflow)
        .snap(1, 0, latest)
        .trade(1, 10, "buy", 100, 10)
    )


def test_churn_high_at_thirty_percent_outflow() -> None:
    row = _churn_book(300_000).row()
    assert row["churn_risk"] == "high"
    assert "近90日净流出30万元，占90日前资产100万元的30%，超过30%的警戒线，流失风险高" in render_reasons(
        row["reasons"]
    )
    assert _churn_book(299_999.99).row()["churn_risk"] == "low"


def test_outflow_on_day_ninety_is_outside_the_churn_window() -> None:
    assert _churn_book(500_000, outflow_day=90).row()["churn_risk"] == "low"


def test_a90_is_the_latest_snapshot_on_or_before_day_ninety() -> None:
    # Snapshot on day 95 (2,000,000) is older than day 90 (1,000,000): A90 = 1,000,000 so 300,000 is high.
    book = (
        Book()
        .client(1)
        .snap(1, 95, 2_000_000)
        .snap(1, 90, 1_000_000)
        .snap(1, 30, 1_000_000, inflow=-300_000)
        .snap(1, 0, 1_000_000)
        .trade(1, 5, "buy", 1, 1)
    )
    assert book.row()["churn_risk"] == "high"


def test_a90_falls_back_to_the_earliest_snapshot() -> None:
    book = (
        Book()
        .client(1)
        .snap(1, 60, 1_000_000)
        .snap(1, 30, 2_000_000, inflow=-300_000)
        .snap(1, 0, 1_000_000)
        .trade(1, 5, "buy", 1, 1)
    )
    assert book.row()["churn_risk"] == "high"


def test_churn_medium_when_assets_fall_to_seventy_percent() -> None:
    assert _churn_book(0, latest=700_000).row()["churn_risk"] == "medium"
    assert _churn_book(0, latest=700_000.01).row()["churn_risk"] == "low"
    row = _churn_book(0, latest=700_000).row()
    assert "总资产从90日前的100万元降到70万元，在原来的70%以下，流失风险中" in render_reasons(row["reasons"])


@pytest.mark.parametrize(
    ("last_trade_day", "risk"), [(89, "low"), (90, "medium"), (364, "medium"), (365, "low")]
)
def test_churn_medium_when_trading_stopped(last_trade_day: int, risk: str) -> None:
    # issue #17: no trade in the look-back counts only with assets that are not stable (here 80% of A90)
    book = Book().client(1).snap(1, 100, 500_000).snap(1, 0, 400_000).trade(1, last_trade_day, "buy", 1, 1)
    assert book.row()["churn_risk"] == risk


@pytest.mark.parametrize(("latest", "risk"), [(500_000, "low"), (450_000, "low"), (449_999, "medium")])
def test_no_trade_with_stable_assets_is_low_risk(latest: float, risk: str) -> None:
    """A buy-and-hold client whose assets held up (>= 90% of A90) is not at risk for not trading."""
    book = Book().client(1).snap(1, 100, 500_000).snap(1, 0, latest).trade(1, 200, "buy", 1, 1)
    assert book.row()["churn_risk"] == risk


def test_high_beats_medium() -> None:
    row = _churn_book(400_000, latest=500_000).row()
    assert row["churn_risk"] == "high" and "churn_assets_drop" not in codes(row["reasons"])


# ------------------------------------------------------------------ risk style and suitability


def _style_book(
    positions: dict[str, float], *, risk: str = "C5", sec: float = 500_000, traded: float | None = None
) -> Book:
    book = Book().client(1, risk=risk).snap(1, 0, 1_000_000, sec=sec).snap(1, 31, 1_000_000, sec=sec)
    for code, value in positions.items():
        book.hold(1, 31, code, value)
    if traded is not None:
        book.trade(1, 3, "buy", 1, traded)
    return book


def test_growth_board_share_boundary() -> None:
    half = {"300001": 250.0, "688001": 250.0, "600000": 250.0, "600001": 250.0}
    row = _style_book(half).row()
    assert row["risk_style"] == "aggressive" and row["growth_board_share"] == 0.5
    assert "style_growth_board" in codes(row["reasons"])
    under = {"300001": 249.99, "688001": 250, "600000": 250.01, "600001": 250}
    assert _style_book(under).row()["risk_style"] == "balanced"


def test_largest_position_boundary() -> None:
    row = _style_book({"600000": 500, "600001": 250, "600002": 250}).row()
    assert row["risk_style"] == "aggressive" and row["largest_position_share"] == 0.5
    assert "单一持仓占比 50% ≥ 50% → 激进型" in render_reasons(row["reasons"])
    assert _style_book({"600000": 499.99, "600001": 250.01, "600002": 250}).row()["risk_style"] == "balanced"


def test_largest_position_is_averaged_over_month_ends() -> None:
    # Month 1: one position (100%), month 2: 4 equal positions of 1,000 (25%): (1000 + 1000) / (1000 + 4000) = 40%.
    book = _style_book({"600000": 1_000})
    for code in ("600000", "600001", "600002", "300001"):
        book.hold(1, 0, code, 1_000)
    row = book.row()
    assert row["largest_position_share"] == 0.4 and row["risk_style"] == "balanced"


def test_turnover_makes_aggressive_at_ten() -> None:
    assert _style_book({}, traded=10_000_000).row()["risk_style"] == "aggressive"
    assert _style_book({}, traded=9_999_999.99).row()["risk_style"] == "balanced"


def test_conservative_needs_low_securitization_and_low_turnover() -> None:
    assert _style_book({}, sec=299_999.99).row()["risk_style"] == "conservative"
    assert _style_book({}, sec=300_000).row()["risk_style"] == "balanced"
    assert _style_book({}, sec=100_000, traded=2_000_000).row()["risk_style"] == "balanced"
    assert _style_book({}, sec=100_000, traded=1_999_999.99).row()["risk_style"] == "conservative"


@pytest.mark.parametrize(
    ("positions", "sec", "risk", "mismatch"),
    [
        ({"600000": 1}, 500_000, "C4", False),
        ({"600000": 1}, 500_000, "C3", True),
        ({}, 500_000, "C3", False),
        ({}, 500_000, "C2", True),
        ({}, 100_000, "C1", False),
    ],
)
def test_suitability(positions: dict[str, float], sec: float, risk: str, mismatch: bool) -> None:
    row = _style_book(positions, sec=sec, risk=risk).row()
    assert row["suitability_mismatch"] is mismatch


def test_mismatch_reason_names_the_levels() -> None:
    row = _style_book({"600000": 1}, risk="C3").row()
    assert (
        "激进型交易通常对应风险等级 C4 及以上，客户测评为 C3 → 行为与测评不一致（服务提示，不是违规）"
        in render_reasons(row["reasons"])
    )


def test_unknown_risk_level_is_a_mismatch_and_reported() -> None:
    result = _style_book({}, risk="high").run()
    assert bool(result.clients.loc[0, "suitability_mismatch"]) is True
    assert "unknown_risk_level" in codes(result.warnings)


# ------------------------------------------------------------------ account indicators


def test_securitization_top_industry_and_new_listings() -> None:
    book = (
        Book()
        .client(1)
        .snap(1, 0, 1_000_000, sec=400_000)
        .snap(1, 1, 1_000_000, sec=200_000)
        .hold(1, 0, "600000", 300)
        .hold(1, 0, "600002", 300)
        .hold(1, 0, "300001", 400)
        .trade(1, 10, "buy", 100, 30, code="688001")  # listed 190 days before the trade: new
        .trade(1, 10, "buy", 100, 70, code="600000")
    )
    row = book.row()
    assert row["securitization_ratio"] == 0.3
    assert row["top_industry"] == "银行" and row["top_industry_share"] == 0.6
    assert row["new_listing_share"] == 0.3


def test_new_listing_boundary_is_365_days() -> None:
    book = Book().client(1).snap(1, 0, 1)
    book.securities.append({"code": "301000", "board": "chinext", "industry": None, "list_date": ago(400)})
    book.trade(1, 36, "buy", 1, 10, code="301000")  # 364 days after listing
    book.trade(1, 35, "buy", 1, 10, code="301000")  # 365 days after listing: no longer new
    assert book.row()["new_listing_share"] == 0.5


# ------------------------------------------------------------------ lifecycle


@pytest.mark.parametrize(("opened", "stage"), [(179, "new"), (180, "mature")])
def test_new_client_boundary(opened: int, stage: str) -> None:
    book = Book().client(1, opened=ago(opened)).snap(1, 0, 5_000).trade(1, 3, "buy", 1, 1)
    assert book.row()["lifecycle"] == stage


def test_dormant_needs_no_trade_and_assets_below_1000_throughout() -> None:
    book = Book().client(1).snap(1, 179, 999.99).snap(1, 0, 999.99).snap(1, 200, 50_000)
    assert book.row()["lifecycle"] == "dormant"
    book = Book().client(1).snap(1, 179, 1_000).snap(1, 0, 999.99)
    assert book.row()["lifecycle"] != "dormant"
    book = Book().client(1).snap(1, 0, 999.99).trade(1, 179, "buy", 1, 1)
    assert book.row()["lifecycle"] != "dormant"
    book = Book().client(1).snap(1, 0, 999.99).trade(1, 180, "buy", 1, 1)
    assert book.row()["lifecycle"] == "dormant"


def test_declining_and_growing() -> None:
    assert _churn_book(0, latest=700_000).row()["lifecycle"] == "declining"
    growing = Book().client(1).snap(1, 180, 100_000).snap(1, 0, 120_000).trade(1, 5, "buy", 1, 1)
    assert growing.row()["lifecycle"] == "growing"
    mature = Book().client(1).snap(1, 180, 100_000).snap(1, 0, 119_999.99).trade(1, 5, "buy", 1, 1)
    assert mature.row()["lifecycle"] == "mature"
    # 180 days earlier = the latest snapshot on or before as-of - 180
    older = (
        Book()
        .client(1)
        .snap(1, 181, 50_000)
        .snap(1, 179, 100_000)
        .snap(1, 0, 100_000)
        .trade(1, 5, "buy", 1, 1)
    )
    assert older.row()["lifecycle"] == "growing"


def test_new_beats_declining() -> None:
    book = _churn_book(0, latest=100_000)
    book.clients[0]["open_date"] = ago(100)
    assert book.row()["lifecycle"] == "new"


# ------------------------------------------------------------------ value score


def test_value_score_hand_computed() -> None:
    # Two clients: 1 is ahead on assets and commission, they tie on turnover (0), tenures 10y and 5y.
    book = (
        Book()
        .client(1, opened=ago(3650))
        .client(2, opened=ago(1825))
        .snap(1, 0, 2_000_000)
        .snap(2, 0, 1_000_000)
    )
    rows = book.run().clients.set_index("client_id")
    # client 1: 100 x (0.4 x 1 + 0.3 x 0.75 + 0.15 x 0.75 + 0.15 x 1.0) = 88.75 -> 88.8 (commission tie 0 -> 0.75)
    assert rows.loc[1, "value_score"] == pytest.approx(88.8)
    # client 2: 100 x (0.4 x 0.5 + 0.3 x 0.75 + 0.15 x 0.75 + 0.15 x 0.5) = 61.25 -> 61.2
    assert rows.loc[2, "value_score"] == pytest.approx(61.2, abs=0.051)


def test_closed_clients_are_not_scored_nor_reported() -> None:
    book = Book().client(1).client(2, status="closed").snap(1, 0, 10).snap(2, 0, 10).trade(2, 1, "buy", 1, 1)
    result = book.run()
    assert result.clients["client_id"].tolist() == [1]
    assert result.warnings == []


def test_custom_config_changes_the_rules() -> None:
    cfg = ScoringConfig.from_mapping({"grade": {"assets": {"V5": 5e6, "V4": 2e6, "V3": 5e5, "V2": 1e5}}})
    assert Book().client(1).snap(1, 0, 2_000_000).row(config=cfg)["grade"] == "V4"
