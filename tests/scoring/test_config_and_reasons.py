"""The bundled TOML equals the built-in defaults; bad configs are refused; reasons render in both languages."""

from __future__ import annotations

import tomllib

import pytest

from crm_desktop.paths import resource
from crm_desktop.scoring import ConfigError, ScoringConfig, label, render_reasons


def test_bundled_config_equals_the_defaults() -> None:
    with resource("config", "scoring.toml").open("rb") as fh:
        assert ScoringConfig.from_mapping(tomllib.load(fh)) == ScoringConfig()


@pytest.mark.parametrize(
    "bad",
    [
        {"grade": {"assets": {"V5": 1, "V4": 2, "V3": 3, "V2": 4}}},
        {"grade": {"colour": 1}},
        {"window": {"days": "many"}},
        {"suitability": {"aggressive": "C9"}},
        {"capability": {"weights": {"retention": 1}}},
        {"value_score": {"w_assets": 0.9}},
        {"matching": {"capacity": {"senior": -1, "intermediate": 1, "junior": 1}}},
    ],
)
def test_bad_configs_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        ScoringConfig.from_mapping(bad)


def test_render_in_both_languages_and_unknown_codes() -> None:
    reason = {
        "code": "grade_assets",
        "params": {"avg_assets": 3_250_000.0, "threshold": 3_000_000, "grade": "V4"},
    }
    assert render_reasons([reason]) == ["日均资产 3,250,000 ≥ 3,000,000 → V4"]
    assert render_reasons([reason], "en") == ["average daily assets 3,250,000 ≥ 3,000,000 → V4"]
    assert render_reasons([{"code": "from_the_future", "params": {"x": 1}}]) == ["from_the_future(x=1)"]
    assert render_reasons(None) == []
    assert label("grade", "V5") == "V5 钻石" and label("grade", "V5", "en") == "V5 diamond"
    assert label("lifecycle", "unknown") == "unknown"


def test_compact_and_dict_reasons_read_and_render_alike() -> None:
    from crm_desktop.scoring import reason_code, reason_params

    compact = ("grade_assets", 3_250_000.0, 3_000_000, "V4")
    stored = ["grade_assets", 3_250_000.0, 3_000_000, "V4"]  # what JSON gives back
    mapping = {
        "code": "grade_assets",
        "params": {"avg_assets": 3_250_000.0, "threshold": 3_000_000, "grade": "V4"},
    }
    for reason in (compact, stored, mapping):
        assert reason_code(reason) == "grade_assets"
        assert reason_params(reason) == mapping["params"]
    assert (
        render_reasons([compact, stored, mapping], "en")
        == ["average daily assets 3,250,000 ≥ 3,000,000 → V4"] * 3
    )
    # A newer engine's extra value is kept under its position; an unknown code shows its values.
    assert reason_params(("grade_assets", 1.0, 2.0, "V1", "extra")) == {
        "avg_assets": 1.0,
        "threshold": 2.0,
        "grade": "V1",
        "_3": "extra",
    }
    assert render_reasons([("from_the_future", 7)]) == ["from_the_future(_0=7)"]
    assert (
        reason_code(None) == ""
        and reason_params([]) == {}
        and render_reasons([("no_trades",)])[0].startswith("窗口期内")
    )


def test_low_churn_with_money_coming_in_reads_as_an_inflow() -> None:
    inflow = ("churn_low", 90, -1_100.0, 10_143.56, 8_837.56)
    assert render_reasons([inflow]) == ["近90日净流入1,100元，总资产由8,838元变为1.01万元，流失风险低"]
    assert render_reasons([inflow], "en")[0].startswith(
        "1,100 yuan came into the account in the last 90 days"
    )
    outflow = ("churn_low", 90, 2_000.0, 10_000.0, 12_000.0)
    assert render_reasons([outflow])[0].startswith("近90日净流出2,000元，")


def test_churn_reasons_read_as_sentences_with_amounts_in_wan() -> None:
    """Issue #18: "≥ 30% × 90日前资产 57,944,073.81" became a sentence a manager would say."""
    high = ("churn_outflow", 90, 17_500_000.0, 0.3, 57_944_073.81, 0.302)
    text = render_reasons([high])[0]
    assert text == "近90日净流出1,750万元，占90日前资产5,794.41万元的30.2%，超过30%的警戒线，流失风险高"
    assert "≥" not in text and "×" not in text and "→" not in text
    en = render_reasons([high], "en")[0]
    assert "57.94 million yuan" in en and "high churn risk" in en
