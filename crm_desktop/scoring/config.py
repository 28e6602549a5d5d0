"""The engine's configuration: defaults equal ``resources/config/scoring.toml``.

The engine never reads files; the service parses the TOML and passes the mapping to
:func:`ScoringConfig.from_mapping`, which validates it and fills missing keys with the defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any

GRADES = ("V1", "V2", "V3", "V4", "V5")
TIERS = ("junior", "intermediate", "senior")
RISK_LEVELS = ("C1", "C2", "C3", "C4", "C5")
STYLES = ("conservative", "balanced", "aggressive")


class ConfigError(ValueError):
    """The configuration mapping is malformed; the message names the key."""


@dataclass(frozen=True)
class WindowConfig:
    days: int = 365
    churn_days: int = 90
    lifecycle_days: int = 180


@dataclass(frozen=True)
class GradeConfig:
    assets: dict[str, float] = field(
        default_factory=lambda: {"V5": 10_000_000, "V4": 3_000_000, "V3": 1_000_000, "V2": 200_000}
    )
    commission: dict[str, float] = field(
        default_factory=lambda: {"V5": 100_000, "V4": 30_000, "V3": 10_000, "V2": 2_000}
    )


@dataclass(frozen=True)
class ValueScoreConfig:
    w_assets: float = 0.40
    w_commission: float = 0.30
    w_turnover: float = 0.15
    w_tenure: float = 0.15
    tenure_cap_years: float = 10


@dataclass(frozen=True)
class ActivityConfig:
    active_turnover: float = 2
    very_active_turnover: float = 10


@dataclass(frozen=True)
class ChurnConfig:
    high_outflow_ratio: float = 0.30
    medium_assets_ratio: float = 0.70
    # "no trade in the churn look-back" counts only when assets are not stable: latest < ratio x A90
    stable_assets_ratio: float = 0.90
    # price signal: commission rate >= ratio x the branch median rate of clients of the same activity
    price_ratio: float = 1.5
    # service signal: a call-back satisfaction at or below this (1-5), or any complaint
    low_satisfaction: float = 2.0


@dataclass(frozen=True)
class RiskStyleConfig:
    growth_board_share: float = 0.50
    largest_position_share: float = 0.50
    aggressive_turnover: float = 10
    conservative_securitization: float = 0.30
    conservative_turnover: float = 2
    growth_boards: tuple[str, ...] = ("chinext", "star", "bse")


@dataclass(frozen=True)
class SuitabilityConfig:
    aggressive: str = "C4"
    balanced: str = "C3"
    conservative: str = "C1"


@dataclass(frozen=True)
class TradingConfig:
    min_round_trips: int = 5
    fifo_lookback_days: int = 365
    skilled_win_rate: float = 0.55
    weak_win_rate: float = 0.40
    new_listing_days: int = 365


@dataclass(frozen=True)
class LifecycleConfig:
    dormant_assets: float = 1_000
    growing_ratio: float = 1.2


@dataclass(frozen=True)
class CapabilityConfig:
    weights: dict[str, float] = field(
        default_factory=lambda: {
            "retention": 0.25,
            "on_time": 0.20,
            "satisfaction": 0.15,
            "asset_growth": 0.15,
            "qualifications": 0.15,
            "experience": 0.10,
        }
    )
    qualifications: dict[str, float] = field(
        default_factory=lambda: {
            "investment_adviser": 0.60,
            "securities_practitioner": 0.20,
            "cfa": 0.20,
            "fund_practitioner": 0.10,
            "futures_practitioner": 0.05,
        }
    )
    neutral: float = 0.5
    growth_floor: float = -0.20
    growth_ceiling: float = 0.20
    satisfaction_min: float = 1
    satisfaction_max: float = 5
    satisfaction_min_answers: int = 5
    experience_cap_years: float = 10
    senior: float = 70
    intermediate: float = 45


@dataclass(frozen=True)
class MatchingConfig:
    min_tier: dict[str, str] = field(
        default_factory=lambda: {
            "V5": "senior",
            "V4": "senior",
            "V3": "intermediate",
            "V2": "junior",
            "V1": "junior",
        }
    )
    capacity: dict[str, int] = field(
        default_factory=lambda: {"senior": 200, "intermediate": 300, "junior": 400}
    )


@dataclass(frozen=True)
class ScoringConfig:
    window: WindowConfig = field(default_factory=WindowConfig)
    grade: GradeConfig = field(default_factory=GradeConfig)
    value_score: ValueScoreConfig = field(default_factory=ValueScoreConfig)
    activity: ActivityConfig = field(default_factory=ActivityConfig)
    churn: ChurnConfig = field(default_factory=ChurnConfig)
    risk_style: RiskStyleConfig = field(default_factory=RiskStyleConfig)
    suitability: SuitabilityConfig = field(default_factory=SuitabilityConfig)
    trading: TradingConfig = field(default_factory=TradingConfig)
    lifecycle: LifecycleConfig = field(default_factory=LifecycleConfig)
    capability: CapabilityConfig = field(default_factory=CapabilityConfig)
    matching: MatchingConfig = field(default_factory=MatchingConfig)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> ScoringConfig:
        """Build from a parsed TOML mapping; unknown keys and wrong types raise ConfigError."""
        cfg = _merge(cls(), dict(data or {}), "")
        assert isinstance(cfg, ScoringConfig)
        cfg.validate()
        return cfg

    def validate(self) -> None:
        for section, table in (
            ("grade.assets", self.grade.assets),
            ("grade.commission", self.grade.commission),
        ):
            if set(table) != {"V2", "V3", "V4", "V5"}:
                raise ConfigError(f"{section} needs exactly the keys V2, V3, V4, V5")
            values = [table[g] for g in ("V2", "V3", "V4", "V5")]
            if any(v < 0 for v in values) or values != sorted(values):
                raise ConfigError(f"{section} thresholds must be non-negative and rise from V2 to V5")
        for name, level in (
            ("aggressive", self.suitability.aggressive),
            ("balanced", self.suitability.balanced),
            ("conservative", self.suitability.conservative),
        ):
            if level not in RISK_LEVELS:
                raise ConfigError(f"suitability.{name} must be one of C1..C5, not {level!r}")
        if set(self.matching.min_tier) != set(GRADES) or not set(self.matching.min_tier.values()) <= set(
            TIERS
        ):
            raise ConfigError("matching.min_tier maps each of V1..V5 to junior, intermediate or senior")
        if set(self.matching.capacity) != set(TIERS) or any(v < 0 for v in self.matching.capacity.values()):
            raise ConfigError(
                "matching.capacity gives a non-negative capacity for junior, intermediate, senior"
            )
        weights = self.capability.weights
        expected = {"retention", "on_time", "satisfaction", "asset_growth", "qualifications", "experience"}
        if set(weights) != expected or any(w < 0 for w in weights.values()):
            raise ConfigError(
                "capability.weights needs non-negative weights for " + ", ".join(sorted(expected))
            )
        if abs(sum(weights.values()) - 1) > 1e-9:
            raise ConfigError("capability.weights must add up to 1")
        vs = self.value_score
        if abs(vs.w_assets + vs.w_commission + vs.w_turnover + vs.w_tenure - 1) > 1e-9:
            raise ConfigError("value_score weights must add up to 1")
        if self.capability.growth_ceiling <= self.capability.growth_floor:
            raise ConfigError("capability.growth_ceiling must exceed growth_floor")
        if self.capability.satisfaction_max <= self.capability.satisfaction_min:
            raise ConfigError("capability.satisfaction_max must exceed satisfaction_min")
        if self.capability.satisfaction_min_answers < 1 or weights["satisfaction"] >= 1:
            raise ConfigError(
                "capability.satisfaction_min_answers must be at least 1 and the satisfaction weight below 1"
            )
        w = self.window
        if not (0 < w.churn_days <= w.days and 0 < w.lifecycle_days <= w.days):
            raise ConfigError("window.churn_days and lifecycle_days must be positive and at most window.days")


def _merge(default: Any, data: dict[str, Any], prefix: str) -> Any:
    names = {f.name: f for f in fields(default)}
    changes: dict[str, Any] = {}
    for key, value in data.items():
        where = f"{prefix}{key}"
        if key not in names:
            raise ConfigError(f"unknown configuration key {where!r}")
        current = getattr(default, key)
        if is_dataclass(current):
            if not isinstance(value, Mapping):
                raise ConfigError(f"{where!r} must be a table")
            changes[key] = _merge(current, dict(value), where + ".")
        elif isinstance(current, dict):
            if not isinstance(value, Mapping):
                raise ConfigError(f"{where!r} must be a table")
            changes[key] = {
                str(k): _scalar(v, next(iter(current.values()), None), f"{where}.{k}")
                for k, v in value.items()
            }
        elif isinstance(current, tuple):
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where!r} must be a list of strings")
            changes[key] = tuple(value)
        else:
            changes[key] = _scalar(value, current, where)
    return replace(default, **changes)


def _scalar(value: Any, like: Any, where: str) -> Any:
    if isinstance(like, str):
        if not isinstance(value, str):
            raise ConfigError(f"{where!r} must be text")
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{where!r} must be a number")
    if isinstance(like, int) and not isinstance(like, bool) and isinstance(value, int):
        return value
    return float(value) if not isinstance(like, int) or isinstance(value, float) else value
