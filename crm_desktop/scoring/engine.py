"""The scoring run: input tables in, one row per client and per investment manager out.

Deterministic and independent of row order; outputs never hold NaN or infinity; empty inputs give
empty (or all-default) outputs. See ``docs/scoring.md`` for every rule and ``inputs.py`` for the schemas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from crm_desktop.scoring import clients as client_rules
from crm_desktop.scoring import managers as manager_rules
from crm_desktop.scoring.clients import ClientArrays, Window
from crm_desktop.scoring.config import GRADES, ScoringConfig
from crm_desktop.scoring.frames import IdLookup, day_number, day_to_date, require_columns, text
from crm_desktop.scoring.inputs import ScoringInput

ENGINE_VERSION = "1.0.0"

CLIENT_COLUMNS = (
    "client_id", "grade", "value_score", "avg_assets", "latest_assets", "commission_12m", "turnover", "activity",
    "churn_risk", "risk_style", "suitability_mismatch", "trading_ability", "win_rate", "realized_pnl",
    "round_trips", "avg_holding_days", "securitization_ratio", "top_industry", "top_industry_share",
    "new_listing_share", "largest_position_share", "growth_board_share", "lifecycle", "manager_id", "reasons",
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
    return Window(as_of=a, start=a - (w.days - 1), churn_start=a - (w.churn_days - 1),
                  life_start=a - (w.lifecycle_days - 1))


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
    scored_mask = text(clients["status"]) != "closed"
    run_clients = clients[scored_mask].reset_index(drop=True)
    lookup = IdLookup(run_clients["client_id"].to_numpy(dtype=np.int64))
    arrays = ClientArrays(len(run_clients))

    # Rows of closed clients are dropped quietly; only rows of clients nobody knows are reported.
    closed_ids = set(clients.loc[~scored_mask, "client_id"].tolist())

    def without_closed(frame: pd.DataFrame) -> pd.DataFrame:
        if not closed_ids or len(frame) == 0:
            return frame
        return frame[~frame["client_id"].isin(closed_ids)]

    client_rules.snapshot_metrics(without_closed(data.snapshots), lookup, w, cfg, arrays, warnings)
    client_rules.trade_metrics(without_closed(data.trades), lookup, data.securities, w, cfg, arrays, warnings)
    client_rules.holding_metrics(without_closed(data.holdings), lookup, data.securities, w, cfg, arrays, warnings)
    result = client_rules.classify(run_clients, arrays, w, cfg, warnings)
    result["manager_id"] = pd.to_numeric(run_clients["manager_id"], errors="coerce").astype("Int64").to_numpy()

    managers = manager_rules.score_managers(data.staff, clients, result, data.tasks, data.touches, w, cfg, warnings)
    suggestions = manager_rules.match(result, managers, cfg)
    result["reasons"] = pd.Series(build_reasons(result, cfg), index=result.index, dtype=object)
    out = result[list(CLIENT_COLUMNS)].copy()
    return ScoringResult(as_of=data.as_of, window_start=day_to_date(w.start), engine_version=ENGINE_VERSION,
                         clients=out, managers=managers, suggestions=suggestions, warnings=warnings)


def _grade_threshold(table: dict[str, float], tier: int) -> float:
    return float(table[GRADES[tier]])


def build_reasons(r: pd.DataFrame, cfg: ScoringConfig) -> list[list[dict[str, Any]]]:
    """Structured reasons per client: what decided grade, churn risk, risk style, suitability, trading."""
    if len(r) == 0:
        return []
    churn_days = cfg.window.churn_days
    rs = cfg.risk_style
    base_asset = _grade_threshold(cfg.grade.assets, 1)
    base_comm = _grade_threshold(cfg.grade.commission, 1)
    cols = [r[c].tolist() for c in (
        "_asset_tier", "_comm_tier", "avg_assets", "commission_12m", "grade", "_has_snap", "_traded_w",
        "churn_risk", "_high", "_no_recent", "_drop", "_a90", "_outflow", "latest_assets", "_last_trade_day",
        "risk_style", "_by_board", "_by_conc", "_by_turn", "growth_board_share", "largest_position_share",
        "turnover", "securitization_ratio", "suitability_mismatch", "_declared", "_declared_idx", "_required_idx",
        "round_trips", "win_rate", "realized_pnl", "trading_ability", "_unmatched")]
    levels = ("?", "C1", "C2", "C3", "C4", "C5")
    out: list[list[dict[str, Any]]] = []
    for (at, ct, avg, comm, grade, has_snap, traded, churn, high, no_recent, drop, a90, outflow, latest, last_day,
         style, by_board, by_conc, by_turn, gshare, lshare, turnover, secur, mismatch, declared, declared_idx,
         required_idx, trips, win_rate, pnl, ability, unmatched) in zip(*cols, strict=True):
        rr: list[dict[str, Any]] = []
        if not has_snap:
            rr.append({"code": "no_snapshots", "params": {}})
        if not traded:
            rr.append({"code": "no_trades", "params": {}})
        if at == 0 and ct == 0:
            rr.append({"code": "grade_base", "params": {"avg_assets": avg, "asset_threshold": base_asset,
                                                        "commission": comm, "commission_threshold": base_comm,
                                                        "grade": grade}})
        else:
            if at >= ct:
                rr.append({"code": "grade_assets", "params": {
                    "avg_assets": avg, "threshold": _grade_threshold(cfg.grade.assets, at), "grade": GRADES[at]}})
            if ct >= at:
                rr.append({"code": "grade_commission", "params": {
                    "commission": comm, "threshold": _grade_threshold(cfg.grade.commission, ct),
                    "grade": GRADES[ct]}})
        if high:
            rr.append({"code": "churn_outflow", "params": {
                "days": churn_days, "outflow": outflow, "ratio": cfg.churn.high_outflow_ratio, "a90": a90,
                "share": round(outflow / a90, 4) if a90 else 0.0}})
        elif churn == "medium":
            if no_recent:
                rr.append({"code": "churn_no_recent_trade", "params": {
                    "days": churn_days, "last_trade": day_to_date(last_day).isoformat() if last_day >= 0 else ""}})
            if drop:
                rr.append({"code": "churn_assets_drop", "params": {
                    "days": churn_days, "latest": latest, "ratio": cfg.churn.medium_assets_ratio, "a90": a90}})
        elif has_snap:
            rr.append({"code": "churn_low", "params": {"days": churn_days, "outflow": outflow, "latest": latest,
                                                       "a90": a90}})
        else:
            rr.append({"code": "churn_no_data", "params": {}})
        if style == "aggressive":
            if by_board:
                rr.append({"code": "style_growth_board", "params": {"share": gshare,
                                                                    "threshold": rs.growth_board_share}})
            if by_conc:
                rr.append({"code": "style_concentration", "params": {"share": lshare,
                                                                     "threshold": rs.largest_position_share}})
            if by_turn:
                rr.append({"code": "style_turnover", "params": {"turnover": turnover,
                                                                "threshold": rs.aggressive_turnover}})
        elif style == "conservative":
            rr.append({"code": "style_conservative", "params": {
                "securitization": secur, "sec_threshold": rs.conservative_securitization, "turnover": turnover,
                "turnover_threshold": rs.conservative_turnover}})
        else:
            rr.append({"code": "style_balanced", "params": {"securitization": secur, "turnover": turnover}})
        if declared_idx == 0:
            rr.append({"code": "suitability_unknown_level", "params": {"declared": declared or "-"}})
        else:
            rr.append({"code": "suitability_mismatch" if mismatch else "suitability_ok", "params": {
                "style": style, "required": levels[required_idx], "declared": levels[declared_idx]}})
        rr.append({"code": "trading", "params": {"round_trips": trips, "win_rate": win_rate, "pnl": pnl,
                                                 "ability": ability}})
        if unmatched > 0:
            rr.append({"code": "unmatched_sells", "params": {"quantity": unmatched}})
        out.append(rr)
    return out
