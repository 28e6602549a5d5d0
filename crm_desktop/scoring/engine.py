"""The scoring run: input tables in, one row per client and per investment manager out.

Deterministic and independent of row order; outputs never hold NaN or infinity; empty inputs give
empty (or all-default) outputs. See ``docs/scoring.md`` for every rule and ``inputs.py`` for the schemas.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from crm_desktop.scoring import clients as client_rules
from crm_desktop.scoring import managers as manager_rules
from crm_desktop.scoring.clients import ClientArrays, Window
from crm_desktop.scoring.config import GRADES, ScoringConfig
from crm_desktop.scoring.frames import day_number, day_to_date, require_columns, text
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


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the run builds a million small reason dicts.

    None of them form cycles, but each allocation burst triggers collections that rescan every live
    object: pausing halves the time spent building the reasons. Restored afterwards, also on errors.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def score(data: ScoringInput, config: ScoringConfig | None = None) -> ScoringResult:
    with _gc_paused():
        return _score(data, config)


def _score(data: ScoringInput, config: ScoringConfig | None) -> ScoringResult:
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
    # Aggregate over every client, closed ones too: client positions then follow client_id, so rows sorted
    # by client stay sorted and nothing has to be filtered row by row; closed clients are dropped after.
    arrays = ClientArrays(len(clients))
    lookup = client_rules.ClientResolver(clients["client_id"].to_numpy(dtype=np.int64))
    # The snapshot pass and the trade/holding passes touch disjoint arrays and numpy releases the GIL in
    # its loops, so on a multi-core machine they overlap. Warnings are merged in a fixed order.
    snap_warnings: list[dict[str, Any]] = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        snap = pool.submit(client_rules.snapshot_metrics, data.snapshots, lookup, w, cfg, arrays, snap_warnings)
        client_rules.trade_metrics(data.trades, lookup, data.securities, w, cfg, arrays, warnings)
        client_rules.holding_metrics(data.holdings, lookup, data.securities, w, cfg, arrays, warnings)
        snap.result()
    warnings[:0] = snap_warnings
    scored_idx = np.flatnonzero(scored_mask)
    arrays = ClientArrays(len(scored_idx), {k: v[scored_idx] for k, v in arrays.values.items()})
    result = client_rules.classify(run_clients, arrays, w, cfg, warnings)
    result["manager_id"] = pd.array(pd.to_numeric(run_clients["manager_id"], errors="coerce").round(),
                                     dtype="Int64")

    managers = manager_rules.score_managers(data.staff, clients, result, data.tasks, data.touches, w, cfg, warnings)
    suggestions = manager_rules.match(result, managers, cfg)
    result["reasons"] = pd.Series(build_reasons(result, cfg), index=result.index, dtype=object)
    out = result[list(CLIENT_COLUMNS)].copy()
    return ScoringResult(as_of=data.as_of, window_start=day_to_date(w.start), engine_version=ENGINE_VERSION,
                         clients=out, managers=managers, suggestions=suggestions, warnings=warnings)


def _grade_threshold(table: dict[str, float], tier: int) -> float:
    return float(table[GRADES[tier]])


def _sel(mask: np.ndarray, *columns: np.ndarray) -> tuple[np.ndarray, list[list[Any]]]:
    """Positions where ``mask`` holds and the given columns there, as Python lists."""
    idx = np.flatnonzero(mask)
    return idx, [np.asarray(c)[idx].tolist() for c in columns]


def _put(slot: np.ndarray, idx: np.ndarray, made: list[dict[str, Any]]) -> None:
    if len(idx):
        holder = np.empty(len(made), dtype=object)
        holder[:] = made
        slot[idx] = holder


def build_reasons(r: pd.DataFrame, cfg: ScoringConfig) -> list[list[dict[str, Any]]]:
    """Structured reasons per client: what decided grade, churn risk, risk style, suitability, trading.

    Built one kind of reason at a time over all clients (not one client at a time), which keeps a
    100,000-client run well under a second here.
    """
    n = len(r)
    if n == 0:
        return []
    churn_days = cfg.window.churn_days
    rs = cfg.risk_style
    col = {c: r[c].to_numpy() for c in r.columns if c != "reasons"}
    at, ct = col["_asset_tier"], col["_comm_tier"]
    asset_thresholds = np.array([0.0] + [float(cfg.grade.assets[g]) for g in GRADES[1:]])
    comm_thresholds = np.array([0.0] + [float(cfg.grade.commission[g]) for g in GRADES[1:]])
    grades = np.asarray(GRADES, dtype=object)
    levels = np.array(["?", "C1", "C2", "C3", "C4", "C5"], dtype=object)
    style = col["risk_style"]
    churn = col["churn_risk"]
    has_snap = col["_has_snap"].astype(bool)
    base_asset, base_comm = float(asset_thresholds[1]), float(comm_thresholds[1])
    high_ratio, drop_ratio = cfg.churn.high_outflow_ratio, cfg.churn.medium_assets_ratio
    a90 = col["_a90"]
    share = np.round(np.divide(col["_outflow"], a90, out=np.zeros(n), where=a90 != 0), 4)
    declared_idx = col["_declared_idx"]
    declared = np.where(col["_declared"] == "", "-", col["_declared"])
    no_params: dict[str, Any] = {}

    # One comprehension per kind of reason over the clients it applies to: no per-client branching.
    slots = [np.full(n, None, dtype=object) for _ in range(12)]
    (s_nosnap, s_notrade, s_grade, s_grade2, s_churn, s_churn2, s_style, s_style2, s_style3, s_suit, s_trade,
     s_unmatched) = slots
    idx, _ = _sel(~has_snap)
    _put(s_nosnap, idx, [{"code": "no_snapshots", "params": no_params} for _ in range(len(idx))])
    idx, _ = _sel(~col["_traded_w"].astype(bool))
    _put(s_notrade, idx, [{"code": "no_trades", "params": no_params} for _ in range(len(idx))])
    idx, (avg, comm, g) = _sel((at == 0) & (ct == 0), col["avg_assets"], col["commission_12m"], col["grade"])
    _put(s_grade, idx, [{"code": "grade_base", "params": {
        "avg_assets": a, "asset_threshold": base_asset, "commission": c, "commission_threshold": base_comm,
        "grade": gg}} for a, c, gg in zip(avg, comm, g, strict=True)])
    idx, (avg, t, g) = _sel((at > 0) & (at >= ct), col["avg_assets"], asset_thresholds[at], grades[at])
    _put(s_grade, idx, [{"code": "grade_assets", "params": {"avg_assets": a, "threshold": tt, "grade": gg}}
                        for a, tt, gg in zip(avg, t, g, strict=True)])
    idx, (comm, t, g) = _sel((ct > 0) & (ct >= at), col["commission_12m"], comm_thresholds[ct], grades[ct])
    _put(s_grade2, idx, [{"code": "grade_commission", "params": {"commission": c, "threshold": tt, "grade": gg}}
                         for c, tt, gg in zip(comm, t, g, strict=True)])
    idx, (out, a9, sh) = _sel(col["_high"].astype(bool), col["_outflow"], a90, share)
    _put(s_churn, idx, [{"code": "churn_outflow", "params": {
        "days": churn_days, "outflow": o, "ratio": high_ratio, "a90": a, "share": x}}
        for o, a, x in zip(out, a9, sh, strict=True)])
    last_day = col["_last_trade_day"]
    idx, (last,) = _sel((churn == "medium") & col["_no_recent"].astype(bool),
                        np.datetime_as_string(np.maximum(last_day, 0).astype("datetime64[D]"), unit="D"))
    _put(s_churn, idx, [{"code": "churn_no_recent_trade", "params": {"days": churn_days, "last_trade": d}}
                        for d in last])
    idx, (lat, a9) = _sel((churn == "medium") & col["_drop"].astype(bool), col["latest_assets"], a90)
    _put(s_churn2, idx, [{"code": "churn_assets_drop", "params": {
        "days": churn_days, "latest": x, "ratio": drop_ratio, "a90": a}} for x, a in zip(lat, a9, strict=True)])
    idx, (out, lat, a9) = _sel((churn == "low") & has_snap, col["_outflow"], col["latest_assets"], a90)
    _put(s_churn, idx, [{"code": "churn_low", "params": {"days": churn_days, "outflow": o, "latest": x, "a90": a}}
                        for o, x, a in zip(out, lat, a9, strict=True)])
    idx, _ = _sel((churn == "low") & ~has_snap)
    _put(s_churn, idx, [{"code": "churn_no_data", "params": no_params} for _ in range(len(idx))])
    aggressive = style == "aggressive"
    idx, (v,) = _sel(aggressive & col["_by_board"].astype(bool), col["growth_board_share"])
    _put(s_style, idx, [{"code": "style_growth_board", "params": {"share": x, "threshold": rs.growth_board_share}}
                        for x in v])
    idx, (v,) = _sel(aggressive & col["_by_conc"].astype(bool), col["largest_position_share"])
    _put(s_style2, idx, [{"code": "style_concentration", "params": {
        "share": x, "threshold": rs.largest_position_share}} for x in v])
    idx, (v,) = _sel(aggressive & col["_by_turn"].astype(bool), col["turnover"])
    _put(s_style3, idx, [{"code": "style_turnover", "params": {"turnover": x, "threshold": rs.aggressive_turnover}}
                         for x in v])
    idx, (sec, v) = _sel(style == "conservative", col["securitization_ratio"], col["turnover"])
    _put(s_style, idx, [{"code": "style_conservative", "params": {
        "securitization": x, "sec_threshold": rs.conservative_securitization, "turnover": y,
        "turnover_threshold": rs.conservative_turnover}} for x, y in zip(sec, v, strict=True)])
    idx, (sec, v) = _sel(style == "balanced", col["securitization_ratio"], col["turnover"])
    _put(s_style, idx, [{"code": "style_balanced", "params": {"securitization": x, "turnover": y}}
                        for x, y in zip(sec, v, strict=True)])
    idx, (dec,) = _sel(declared_idx == 0, declared)
    _put(s_suit, idx, [{"code": "suitability_unknown_level", "params": {"declared": d}} for d in dec])
    idx, (mm, st, req, dec) = _sel(declared_idx > 0, col["suitability_mismatch"], style,
                                   levels[col["_required_idx"]], levels[declared_idx])
    _put(s_suit, idx, [{"code": "suitability_mismatch" if m else "suitability_ok",
                        "params": {"style": y, "required": q, "declared": d}}
                       for m, y, q, d in zip(mm, st, req, dec, strict=True)])
    idx, (k, wr, pnl, ab) = _sel(np.ones(n, dtype=bool), col["round_trips"], col["win_rate"], col["realized_pnl"],
                                 col["trading_ability"])
    _put(s_trade, idx, [{"code": "trading", "params": {"round_trips": a, "win_rate": b, "pnl": c, "ability": d}}
                        for a, b, c, d in zip(k, wr, pnl, ab, strict=True)])
    idx, (v,) = _sel(col["_unmatched"] > 0, col["_unmatched"])
    _put(s_unmatched, idx, [{"code": "unmatched_sells", "params": {"quantity": q}} for q in v])
    # filter(None, ...) drops the empty slots in C; every reason dict is non-empty, hence truthy.
    return [list(filter(None, row)) for row in zip(*(slot.tolist() for slot in slots), strict=True)]
