"""The scoring run: input tables in, one row per client and per investment manager out.

Deterministic and independent of row order; outputs never hold NaN or infinity; empty inputs give
empty (or all-default) outputs. See ``docs/scoring.md`` for every rule and ``inputs.py`` for the schemas.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from crm_desktop.domain.vocabulary import LOST_STATUSES
from crm_desktop.scoring import churn_signals
from crm_desktop.scoring import clients as client_rules
from crm_desktop.scoring import managers as manager_rules
from crm_desktop.scoring.clients import ClientArrays, Window
from crm_desktop.scoring.config import GRADES, ScoringConfig
from crm_desktop.scoring.frames import day_number, day_to_date, require_columns, text
from crm_desktop.scoring.inputs import ScoringInput

# 1.1.0: client reasons in the compact positional form (same rules and results as 1.0.0).
ENGINE_VERSION = "1.1.0"

CLIENT_COLUMNS = (
    "client_id",
    "grade",
    "value_score",
    "avg_assets",
    "latest_assets",
    "commission_12m",
    "turnover",
    "activity",
    "churn_risk",
    "risk_style",
    "suitability_mismatch",
    "trading_ability",
    "win_rate",
    "realized_pnl",
    "round_trips",
    "avg_holding_days",
    "securitization_ratio",
    "top_industry",
    "top_industry_share",
    "new_listing_share",
    "largest_position_share",
    "growth_board_share",
    "lifecycle",
    # issue #17: the likely reason of a high churn risk (trading_results, price_or_service_elsewhere,
    # service_here), None otherwise
    "churn_reason",
    "manager_id",
    "reasons",
)


@dataclass
class ScoringResult:
    as_of: date
    window_start: date
    engine_version: str
    clients: pd.DataFrame  # CLIENT_COLUMNS, sorted by client_id
    managers: pd.DataFrame  # one row per active investment manager, sorted by staff_id
    suggestions: pd.DataFrame  # client_id, kind, from_manager_id, suggested_manager_id, reasons
    warnings: list[dict[str, Any]] = field(default_factory=list)


def window(as_of: date, cfg: ScoringConfig) -> Window:
    """Day numbers of the windows: "N days ending at as-of" is as_of-(N-1) .. as_of inclusive."""
    a = day_number(as_of)
    w = cfg.window
    return Window(
        as_of=a,
        start=a - (w.days - 1),
        churn_start=a - (w.churn_days - 1),
        life_start=a - (w.lifecycle_days - 1),
    )


def score(data: ScoringInput, config: ScoringConfig | None = None) -> ScoringResult:
    cfg = config or ScoringConfig()
    w = window(data.as_of, cfg)
    warnings: list[dict[str, Any]] = []

    clients = data.clients
    require_columns(clients, "clients", ("client_id", "open_date", "risk_level", "status", "manager_id"))
    if clients["client_id"].duplicated().any():
        raise ValueError("input table 'clients' has duplicate client_id values")
    clients = clients.assign(client_id=pd.to_numeric(clients["client_id"]).astype(np.int64))
    clients = clients.sort_values("client_id", kind="stable").reset_index(drop=True)
    scored_mask: Any = np.isin(text(clients["status"]), LOST_STATUSES, invert=True)
    run_clients = clients[scored_mask].reset_index(drop=True)
    # Aggregate over every client, closed ones too: client positions then follow client_id, so rows sorted
    # by client stay sorted and nothing has to be filtered row by row; closed clients are dropped after.
    arrays = ClientArrays(len(clients))
    lookup = client_rules.ClientResolver(clients["client_id"].to_numpy(dtype=np.int64))
    if data.snapshot_totals is not None:  # aggregated where the rows live (the service's database)
        client_rules.snapshot_totals(data.snapshot_totals, lookup, arrays, warnings)
    else:
        client_rules.snapshot_metrics(data.snapshots, lookup, w, cfg, arrays, warnings)
    trades = client_rules.prepare_trades(data.trades, lookup, data.securities, w, cfg, warnings)
    client_rules.round_trip_metrics(trades, w, arrays, warnings)
    client_rules.holding_metrics(data.holdings, lookup, data.securities, w, cfg, arrays, warnings)
    client_rules.trade_totals(trades, data.securities, w, cfg, arrays)
    del trades
    scored_idx = np.flatnonzero(scored_mask)
    arrays = ClientArrays(len(scored_idx), {k: v[scored_idx] for k, v in arrays.values.items()})
    result = client_rules.classify(run_clients, arrays, w, cfg, warnings)
    churn_signals.apply(result, run_clients, data.signals, cfg)
    result["manager_id"] = pd.array(
        pd.to_numeric(run_clients["manager_id"], errors="coerce").round(), dtype="Int64"
    )

    reasons = build_reasons(_reason_columns(result), cfg)
    managers = manager_rules.score_managers(
        data.staff, clients, result, data.tasks, data.touches, w, cfg, warnings
    )
    suggestions = manager_rules.match(result, managers, cfg)
    result["reasons"] = pd.Series(reasons, index=result.index, dtype=object)
    out = result[list(CLIENT_COLUMNS)].copy()
    return ScoringResult(
        as_of=data.as_of,
        window_start=day_to_date(w.start),
        engine_version=ENGINE_VERSION,
        clients=out,
        managers=managers,
        suggestions=suggestions,
        warnings=warnings,
    )


def _reason_columns(r: pd.DataFrame) -> dict[str, np.ndarray]:
    return {c: r[c].to_numpy() for c in r.columns if c != "reasons"}


def _kind(slot: list[Any], code: str, mask: np.ndarray, *columns: np.ndarray) -> None:
    """Put a ``(code, value, ...)`` reason into ``slot`` for every client where ``mask`` holds."""
    idx = np.flatnonzero(mask)
    if not len(idx):
        return
    if not columns:
        made: Any = itertools.repeat((code,), len(idx))  # one shared immutable tuple
    else:
        made = zip(
            itertools.repeat(code, len(idx)), *(np.asarray(c)[idx].tolist() for c in columns), strict=True
        )
    for i, reason in zip(idx.tolist(), made, strict=True):
        slot[i] = reason


def build_reasons(col: dict[str, np.ndarray], cfg: ScoringConfig) -> list[list[tuple[Any, ...]]]:
    """Reasons per client: what decided grade, churn risk, risk style, suitability and trading ability.

    Each reason is a compact tuple ``(code, value, ...)`` whose values follow ``reasons.FIELDS[code]``
    (``reasons.reason_params`` names them). Built one kind of reason at a time over all clients rather
    than client by client, and as tuples rather than dicts: a 100,000-client run builds over a million.
    """
    n = len(col["client_id"])
    if n == 0:
        return []
    churn_days = cfg.window.churn_days
    rs = cfg.risk_style
    at, ct = col["_asset_tier"], col["_comm_tier"]
    asset_thresholds = np.array([0.0] + [float(cfg.grade.assets[g]) for g in GRADES[1:]])
    comm_thresholds = np.array([0.0] + [float(cfg.grade.commission[g]) for g in GRADES[1:]])
    grades = np.asarray(GRADES, dtype=object)
    levels = np.array(["?", "C1", "C2", "C3", "C4", "C5"], dtype=object)
    style = col["risk_style"]
    churn = col["churn_risk"]
    has_snap = col["_has_snap"].astype(bool)
    a90 = col["_a90"]
    share = np.round(np.divide(col["_outflow"], a90, out=np.zeros(n), where=a90 != 0), 4)
    declared_idx = col["_declared_idx"]
    declared = np.where(col["_declared"] == "", "-", col["_declared"])

    def const(value: float | int) -> np.ndarray:
        return np.full(n, value)

    # One slot per place in a client's list; each kind fills its slot for the clients it applies to.
    slots: list[list[Any]] = [[None] * n for _ in range(17)]
    (
        s_nosnap,
        s_notrade,
        s_grade,
        s_grade2,
        s_churn,
        s_churn2,
        s_likely,
        s_sig1,
        s_sig2,
        s_sig3,
        s_sig4,
        s_style,
        s_style2,
        s_style3,
        s_suit,
        s_trade,
        s_unmatched,
    ) = slots
    _kind(s_nosnap, "no_snapshots", ~has_snap)
    _kind(s_notrade, "no_trades", ~col["_traded_w"].astype(bool))
    _kind(
        s_grade,
        "grade_base",
        (at == 0) & (ct == 0),
        col["avg_assets"],
        const(float(asset_thresholds[1])),
        col["commission_12m"],
        const(float(comm_thresholds[1])),
        col["grade"],
    )
    _kind(s_grade, "grade_assets", (at > 0) & (at >= ct), col["avg_assets"], asset_thresholds[at], grades[at])
    _kind(
        s_grade2,
        "grade_commission",
        (ct > 0) & (ct >= at),
        col["commission_12m"],
        comm_thresholds[ct],
        grades[ct],
    )
    _kind(
        s_churn,
        "churn_outflow",
        col["_high"].astype(bool),
        const(churn_days),
        col["_outflow"],
        const(cfg.churn.high_outflow_ratio),
        a90,
        share,
    )
    last_trade = np.datetime_as_string(
        np.maximum(col["_last_trade_day"], 0).astype("datetime64[D]"), unit="D"
    )
    _kind(
        s_churn,
        "churn_no_recent_trade",
        (churn == "medium") & col["_no_recent"].astype(bool),
        const(churn_days),
        last_trade,
    )
    _kind(
        s_churn2,
        "churn_assets_drop",
        (churn == "medium") & col["_drop"].astype(bool),
        const(churn_days),
        col["latest_assets"],
        const(cfg.churn.medium_assets_ratio),
        a90,
    )
    _kind(
        s_churn,
        "churn_low",
        (churn == "low") & has_snap,
        const(churn_days),
        col["_outflow"],
        col["latest_assets"],
        a90,
    )
    _kind(s_churn, "churn_no_data", (churn == "low") & ~has_snap)
    # issue #17: the signals that precede a loss, and for a high risk the likely reason and its answer
    why = col["churn_reason"]
    _kind(
        s_likely,
        "churn_likely_trading_results",
        why == "trading_results",
        a90,
        col["latest_assets"],
        col["realized_pnl"],
    )
    _kind(
        s_likely,
        "churn_likely_price_or_service_elsewhere",
        why == "price_or_service_elsewhere",
        col["_ev_rate"],
        col["_ev_median"],
    )
    _kind(
        s_likely,
        "churn_likely_service_here",
        why == "service_here",
        col["_ev_complaints"],
        col["_ev_satisfaction"],
    )
    _kind(s_sig1, "churn_transfer_pending", col["_ev_pending"].astype(bool))
    _kind(s_sig1, "churn_bank_changed", col["_ev_bank"].astype(bool) & ~col["_ev_pending"].astype(bool))
    _kind(
        s_sig2,
        "churn_signal_price",
        col["_sig_price"].astype(bool),
        col["_ev_rate"],
        const(cfg.churn.price_ratio),
        col["_ev_median"],
    )
    _kind(
        s_sig3,
        "churn_signal_trading",
        col["_sig_trading"].astype(bool),
        a90,
        col["latest_assets"],
        col["realized_pnl"],
    )
    _kind(
        s_sig4,
        "churn_signal_service",
        col["_sig_service"].astype(bool),
        col["_ev_complaints"],
        col["_ev_satisfaction"],
    )
    aggressive = style == "aggressive"
    _kind(
        s_style,
        "style_growth_board",
        aggressive & col["_by_board"].astype(bool),
        col["growth_board_share"],
        const(rs.growth_board_share),
    )
    _kind(
        s_style2,
        "style_concentration",
        aggressive & col["_by_conc"].astype(bool),
        col["largest_position_share"],
        const(rs.largest_position_share),
    )
    _kind(
        s_style3,
        "style_turnover",
        aggressive & col["_by_turn"].astype(bool),
        col["turnover"],
        const(rs.aggressive_turnover),
    )
    _kind(
        s_style,
        "style_conservative",
        style == "conservative",
        col["securitization_ratio"],
        const(rs.conservative_securitization),
        col["turnover"],
        const(rs.conservative_turnover),
    )
    _kind(s_style, "style_balanced", style == "balanced", col["securitization_ratio"], col["turnover"])
    _kind(s_suit, "suitability_unknown_level", declared_idx == 0, declared)
    mismatch = col["suitability_mismatch"].astype(bool)
    known = declared_idx > 0
    for code, which in (("suitability_mismatch", known & mismatch), ("suitability_ok", known & ~mismatch)):
        _kind(s_suit, code, which, style, levels[col["_required_idx"]], levels[declared_idx])
    _kind(
        s_trade,
        "trading",
        np.ones(n, dtype=bool),
        col["round_trips"],
        col["win_rate"],
        col["realized_pnl"],
        col["trading_ability"],
    )
    _kind(s_unmatched, "unmatched_sells", col["_unmatched"] > 0, col["_unmatched"])
    # filter(None, ...) drops the empty slots in C; every reason tuple is non-empty, hence truthy.
    return [list(filter(None, row)) for row in zip(*slots, strict=True)]
