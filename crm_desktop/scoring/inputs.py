"""The engine's input: one DataFrame per table, with the columns documented here.

Dates may be ``datetime64`` columns (fastest), ``datetime.date`` objects or ISO strings. Money is in
yuan (float or anything numeric). Extra columns are ignored; missing optional columns get defaults.

``clients`` — one row per client
    client_id (int, unique), open_date (date), risk_level (str C1..C5), status (str active|dormant|closed),
    manager_id (int or missing), optional assigned_on (date the current manager took over; default open_date).
``snapshots`` — end-of-day account totals, one row per client and day
    client_id, date, total_assets, securities_value, net_inflow (positive = money transferred in).
    Rows sorted by (client_id, date) take a fast path; any other order is sorted first.
``trades`` — executed trades
    client_id, trade_date, code (str), side (buy|sell), quantity, amount (quantity x price), commission.
``holdings`` — position snapshots (month-end in the demo data)
    client_id, date, code, market_value.
``securities`` — the securities master
    code (str), board (main|chinext|star|bse), industry (str or missing), list_date (date or missing).
``touches`` — service contacts that count (active revisions only)
    manager_id, occurred_at (date or timestamp), satisfaction (number on the configured scale, or missing).
``tasks`` — service tasks
    manager_id, due_date, status (open|done|overdue|cancelled), completed_at (date or timestamp, or missing).
``signals`` — optional churn signals, one row per client that has any (issue #17)
    client_id, bank_changed (bool: custody-bank change in the look-back), transfer_out_pending (bool),
    complaints (int, in the look-back), min_satisfaction (lowest call-back satisfaction 1-5, or missing).
    ``clients`` may also carry commission_rate (a fraction, or missing) for the price signal.
``snapshot_totals`` — optional, instead of ``snapshots``: one row per client of totals over the window W
    (what the service asks the database for, so that tens of millions of rows never leave it)
    client_id, snap_count (rows in W), sum_total, sum_sec (sums of total_assets and securities_value),
    latest, first (total_assets on the last and first day), a90 / a180 (total_assets on the last day
    before the churn / lifecycle look-back, else on the first day), inflow_churn (net_inflow summed over
    the churn look-back), big_life (days of the lifecycle look-back with total_assets at or above the
    dormant threshold), inflow_after_first (net_inflow summed over every day but the first). Money in yuan.
    When given, ``snapshots`` is not read. Rows come from a table with one row per client and day.
``staff`` — staff members
    staff_id, role (investment_manager|branch_manager|admin), active (bool), hire_date (date or missing),
    qualifications (list of codes, or a ';'-separated string).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

COLUMNS: dict[str, tuple[str, ...]] = {
    "clients": ("client_id", "open_date", "risk_level", "status", "manager_id"),
    "snapshots": ("client_id", "date", "total_assets", "securities_value", "net_inflow"),
    "trades": ("client_id", "trade_date", "code", "side", "quantity", "amount", "commission"),
    "holdings": ("client_id", "date", "code", "market_value"),
    "securities": ("code", "board", "industry", "list_date"),
    "touches": ("manager_id", "occurred_at", "satisfaction"),
    "tasks": ("manager_id", "due_date", "status", "completed_at"),
    "staff": ("staff_id", "role", "active", "hire_date", "qualifications"),
    "signals": ("client_id", "bank_changed", "transfer_out_pending", "complaints", "min_satisfaction"),
}


def empty(table: str) -> pd.DataFrame:
    """An empty frame with the columns of ``table``."""
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in COLUMNS[table]})


@dataclass
class ScoringInput:
    """Everything one run needs. Tables not given are empty."""

    as_of: date
    clients: pd.DataFrame = field(default_factory=lambda: empty("clients"))
    snapshots: pd.DataFrame = field(default_factory=lambda: empty("snapshots"))
    trades: pd.DataFrame = field(default_factory=lambda: empty("trades"))
    holdings: pd.DataFrame = field(default_factory=lambda: empty("holdings"))
    securities: pd.DataFrame = field(default_factory=lambda: empty("securities"))
    touches: pd.DataFrame = field(default_factory=lambda: empty("touches"))
    tasks: pd.DataFrame = field(default_factory=lambda: empty("tasks"))
    staff: pd.DataFrame = field(default_factory=lambda: empty("staff"))
    signals: pd.DataFrame = field(default_factory=lambda: empty("signals"))
    snapshot_totals: pd.DataFrame | None = None
