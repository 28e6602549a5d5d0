"""The signals that precede a loss, and the most likely of the studies' three reasons (issue #17).

Applied after :func:`scoring.clients.classify`, over its result (one row per scored client, in the order
of the run's clients). Signals:

* large outflow: the classifier's high rule (outflow over the look-back >= ratio x A90);
* custody-bank change (三方存管变更) and a transfer-out in progress, from the account events;
* price: commission rate >= ``price_ratio`` x the median rate of the run's clients of the same activity;
* trading results: falling assets (latest < A90) with losing trades (realised P&L < 0);
* service here: a complaint, or a call-back satisfaction at or below ``low_satisfaction``.

Risk: high on a large outflow, a transfer-out in progress, a bank change with any other signal, or two of
price / trading results / service / bank change; otherwise medium on any one signal (or the classifier's
medium); otherwise the classifier's answer. A high-risk client gets the most likely reason: the one with
the strongest evidence (service here, then price, then trading results on a tie); with no evidence but
the outflow itself, price or service elsewhere, the studies' most common reason.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crm_desktop.scoring.config import ScoringConfig

TRADING = "trading_results"
PRICE = "price_or_service_elsewhere"
SERVICE = "service_here"
SIGNAL_COLUMNS = ("client_id", "bank_changed", "transfer_out_pending", "complaints", "min_satisfaction")


def empty_signals() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in SIGNAL_COLUMNS})


def apply(result: pd.DataFrame, clients: pd.DataFrame, signals: pd.DataFrame, cfg: ScoringConfig) -> None:
    """Raise ``churn_risk`` where the signals say so and add ``churn_reason`` (None unless high) and the
    evidence columns the reasons read (``_ev_*``)."""
    n = len(result)
    ids = result["client_id"].to_numpy(dtype=np.int64)
    sig = signals.drop_duplicates("client_id").set_index(
        pd.to_numeric(signals.drop_duplicates("client_id")["client_id"]).astype(np.int64)
    )

    def col(name: str, default: float) -> np.ndarray:
        if name not in sig.columns or not len(sig):
            return np.full(n, default, dtype=np.float64)
        values = pd.to_numeric(sig[name], errors="coerce").reindex(ids)
        return values.fillna(default).to_numpy(dtype=np.float64)

    bank = col("bank_changed", 0) > 0
    pending = col("transfer_out_pending", 0) > 0
    complaints = col("complaints", 0)
    satisfaction = col("min_satisfaction", np.nan)

    rate = (
        pd.to_numeric(clients["commission_rate"], errors="coerce").to_numpy(dtype=np.float64)
        if "commission_rate" in clients.columns
        else np.full(n, np.nan)
    )
    activity = result["activity"].to_numpy(dtype=object)
    median = pd.Series(rate).groupby(activity).transform("median").to_numpy(dtype=np.float64)
    with np.errstate(invalid="ignore"):
        price = (median > 0) & (rate >= cfg.churn.price_ratio * median)
        service = (complaints > 0) | (satisfaction <= cfg.churn.low_satisfaction)
    latest = result["latest_assets"].to_numpy(dtype=np.float64)
    a90 = result["_a90"].to_numpy(dtype=np.float64)
    pnl = result["realized_pnl"].to_numpy(dtype=np.float64)
    has_snap = result["_has_snap"].to_numpy(dtype=bool)
    trading = has_snap & (a90 > 0) & (latest < a90) & (pnl < 0)

    outflow = result["_high"].to_numpy(dtype=bool)
    signals_n = price.astype(int) + trading.astype(int) + service.astype(int) + bank.astype(int)
    high = outflow | pending | (bank & (signals_n >= 2)) | (signals_n >= 2)
    churn = result["churn_risk"].to_numpy(dtype=object).copy()
    churn[(signals_n >= 1) & (churn == "low")] = "medium"
    churn[high] = "high"
    result["churn_risk"] = churn
    result["_high_signal"] = high & ~outflow

    weak = result["trading_ability"].to_numpy(dtype=object) == "weak"
    score_trading = 2 * trading.astype(int) + weak.astype(int)
    score_price = 2 * price.astype(int) + (bank | pending).astype(int)
    score_service = 2 * service.astype(int) + np.minimum(complaints, 3).astype(int)
    best = np.full(n, PRICE, dtype=object)
    best[(score_trading > score_price) & (score_trading > score_service)] = TRADING
    best[(score_service >= score_price) & (score_service >= score_trading) & (score_service > 0)] = SERVICE
    reason = best.copy()
    reason[~high] = None
    result["churn_reason"] = pd.Series(reason, index=result.index, dtype=object)
    # rates in 万 (basis points, 0.0003 -> 3); "-" where unknown
    result["_ev_rate"] = _or_dash(rate * 10000, result.index)
    result["_ev_median"] = _or_dash(median * 10000, result.index)
    result["_ev_complaints"] = complaints.astype(np.int64)
    result["_ev_satisfaction"] = _or_dash(satisfaction, result.index)
    result["_ev_bank"] = bank
    result["_ev_pending"] = pending
    result["_sig_price"] = price
    result["_sig_trading"] = trading
    result["_sig_service"] = service


def _or_dash(values: np.ndarray, index: pd.Index) -> pd.Series:
    return pd.Series(
        [("-" if np.isnan(v) else round(float(v), 4)) for v in values], index=index, dtype=object
    )
