"""Manager capability components, tiers, and client-manager matching."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from crm_desktop.scoring import ScoringConfig
from crm_desktop.scoring.reasons import render_reasons
from tests.scoring.helpers import Book, ago


def _only(component: str, **extra: object) -> ScoringConfig:
    weights = dict.fromkeys(
        ("retention", "on_time", "satisfaction", "asset_growth", "qualifications", "experience"), 0.0
    )
    weights[component] = 1.0
    return ScoringConfig.from_mapping({"capability": {"weights": weights, **extra}})


def _manager_row(book: Book, config: ScoringConfig | None = None, sid: int = 10) -> dict[str, Any]:
    managers = book.run(config).managers.set_index("staff_id")
    return {"staff_id": sid, **{str(k): v for k, v in managers.loc[sid].to_dict().items()}}


def test_components_hand_computed() -> None:
    book = (
        Book()
        .manager(10, hired=ago(365 * 6), quals=["securities_practitioner", "investment_adviser"])
        # held at the start of W: 1 (kept), 2 (closed), 3 (churn high); 4 assigned inside W: not counted
        .client(1, manager=10)
        .client(2, manager=10, status="closed")
        .client(3, manager=10)
        .client(4, manager=10, opened=ago(100))
        .snap(1, 364, 100_000)
        .snap(1, 0, 130_000, inflow=10_000)
        .snap(3, 120, 100_000)
        .snap(3, 0, 50_000, inflow=-50_000)
        .task(10, 100, "done", done_days_ago=101)
        .task(10, 50, "done", done_days_ago=49)
        .task(10, 20, "open")
        .task(10, 0, "open")
        .task(10, 10, "cancelled")
        .task(10, 400, "open")
        .touch(10, 30, 5)
        .touch(10, 20, 3)
        .touch(10, 10, None)
        .touch(10, 400, 1)
    )
    row = _manager_row(book, ScoringConfig.from_mapping({"capability": {"satisfaction_min_answers": 2}}))
    comps = row["components"]
    assert isinstance(comps, dict)
    assert row["retention"] == pytest.approx(1 / 3, abs=1e-4)
    assert row["on_time_rate"] == pytest.approx(1 / 3, abs=1e-4)  # due in W and judged: 3; on time: 1
    assert row["satisfaction"] == 4.0 and comps["satisfaction"]["value"] == 0.75
    # book at the start of W: 100,000 + 100,000 (first snapshots); now 130,000 + 50,000; net inflow after
    # the first day: 10,000 - 50,000 -> growth = (180,000 - 200,000 + 40,000) / 200,000 = 10%
    assert row["asset_growth"] == pytest.approx(0.10)
    assert comps["asset_growth"]["value"] == pytest.approx(0.75)  # -20%..+20% -> 0..1
    assert comps["qualifications"]["value"] == pytest.approx(0.8)
    assert comps["experience"]["value"] == pytest.approx(0.6)
    expected = 100 * (0.25 / 3 + 0.20 / 3 + 0.15 * 0.75 + 0.15 * 0.75 + 0.15 * 0.8 + 0.10 * 0.6)
    assert row["capability_score"] == pytest.approx(round(expected, 1))
    assert row["client_count"] == 3  # closed clients are not in the book


def test_nothing_to_measure_uses_the_neutral_value_and_says_so() -> None:
    row = _manager_row(Book().manager(10, hired=None))
    # satisfaction has no neutral stand-in: its weight is spread over the other components
    assert row["capability_score"] == pytest.approx(round(100 * (0.25 + 0.20 + 0.15) * 0.5 / 0.85, 1))
    texts = render_reasons(row["reasons"])
    assert "客户保有率：窗口期内无可计量数据，按中性值 50% 计" in texts
    assert texts[-1] == "服务能力 35.3 分 → 初级"


def test_too_few_satisfaction_answers_is_not_enough_data() -> None:
    book = Book().manager(10, hired=None).touch(10, 30, 5).touch(10, 20, 1)
    row = _manager_row(book)
    comp = row["components"]["satisfaction"]
    assert pd.isna(row["satisfaction"]) and comp["value"] is None and comp["points"] == 0
    assert (comp["answers"], comp["needed"], comp["measured"]) == (2, 5, False)
    assert sum(c["weight"] for k, c in row["components"].items() if k != "counts") == pytest.approx(
        1, abs=1e-3
    )
    assert "客户满意度：回访答复仅 2 条（需 5 条），数据不足，不计分，权重分摊到其他项" in render_reasons(
        row["reasons"]
    )
    five = _manager_row(book.touch(10, 10, 5).touch(10, 9, 5).touch(10, 8, 4))
    assert five["satisfaction"] == pytest.approx(4.0) and five["components"]["satisfaction"]["measured"]


@pytest.mark.parametrize(
    ("days", "tier"), [(2555, "senior"), (2550, "intermediate"), (1643, "intermediate"), (1640, "junior")]
)
def test_tier_boundaries(days: int, tier: str) -> None:
    # experience only: score = years / 10 x 100; 2555 days = 7.0 years -> 70.0; 1643 days -> 45.0
    row = _manager_row(Book().manager(10, hired=ago(days)), _only("experience"))
    assert row["tier"] == tier


def test_inactive_staff_and_other_roles_are_not_scored() -> None:
    book = Book().manager(10).manager(11, active=False).manager(12, role="branch_manager")
    assert book.run().managers["staff_id"].tolist() == [10]


def test_unknown_qualifications_are_reported() -> None:
    result = Book().manager(10, quals=["wizard", "investment_adviser"]).run()
    assert any(w["code"] == "unknown_qualification" for w in result.warnings)


def _matching_book() -> Book:
    # 10: senior (7 years of experience only), 11 and 12: junior
    book = Book().manager(10, hired=ago(3650)).manager(11, hired=ago(100)).manager(12, hired=ago(100))
    book.client(1, manager=11).snap(1, 0, 5_000_000)  # V4 with a junior manager
    book.client(2, manager=11).snap(2, 0, 1_500_000)  # V3 with a junior manager
    book.client(3, manager=11).snap(3, 0, 100)
    book.client(4, manager=11).snap(4, 0, 200)
    book.client(5, manager=12).snap(5, 0, 50)
    return book


def test_grade_mismatches_get_an_eligible_target() -> None:
    cfg = ScoringConfig.from_mapping(
        {
            "capability": {
                "weights": {
                    "retention": 0,
                    "on_time": 0,
                    "satisfaction": 0,
                    "asset_growth": 0,
                    "qualifications": 0,
                    "experience": 1,
                }
            },
            "matching": {"capacity": {"senior": 1, "intermediate": 5, "junior": 2}},
        }
    )
    result = _matching_book().run(cfg)
    tiers = dict(zip(result.managers["staff_id"], result.managers["tier"], strict=True))
    assert tiers == {10: "senior", 11: "junior", 12: "junior"}
    s: Any = result.suggestions.set_index("client_id")
    # V4 client 1 -> the only senior (room for 1); V3 client 2 needs intermediate+: the senior is now full
    assert s.loc[1, "kind"] == "grade_mismatch" and s.loc[1, "suggested_manager_id"] == 10
    assert s.loc[2, "kind"] == "grade_mismatch" and pd.isna(s.loc[2, "suggested_manager_id"])
    assert "match_no_target" in [r["code"] for r in s.loc[2, "reasons"]]
    # manager 11 keeps 3 clients (2 stays, no target) against a capacity of 2: the lowest value score leaves,
    # to junior 12 who has 1 client
    over = s[s["kind"] == "over_capacity"]
    assert len(over) == 1 and int(over["from_manager_id"].iloc[0]) == 11
    assert int(over["suggested_manager_id"].iloc[0]) == 12
    assert over.index[0] in (3, 4)
    text = render_reasons(s.loc[1, "reasons"])
    assert text == ["V4 白金 客户应由资深及以上投资经理服务，当前经理为初级"]


def test_no_suggestions_when_everything_fits() -> None:
    result = Book().manager(10).client(1, manager=10).snap(1, 0, 100).run()
    assert result.suggestions.empty


def test_a_new_manager_has_no_figures_only_a_neutral_score_part() -> None:
    """Seen on the dashboard: exactly 50 % for everyone. Nothing measured is None, never the neutral 0.5."""
    row = _manager_row(Book().manager(10, hired=ago(30)))
    assert row["retention"] is None
    assert row["on_time_rate"] is None
    assert row["asset_growth"] is None
    assert row["satisfaction"] is None
    comps = row["components"]
    assert isinstance(comps, dict)
    assert comps["on_time"]["measured"] is False and comps["on_time"]["value"] == 0.5
