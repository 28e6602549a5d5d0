"""Per-client indicators: grade, value score, activity, churn, risk style, trading ability, lifecycle.

All work is array-at-a-time over every client. Ratios that meet a threshold are computed as one
division of exact integer sums (fen), so a value exactly on a boundary lands on the inclusive side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crm_desktop.scoring import fifo
from crm_desktop.scoring.config import GRADES, RISK_LEVELS, ScoringConfig
from crm_desktop.scoring.frames import (
    IdLookup,
    cents,
    days,
    factorized_text,
    require_columns,
    run_pieces,
    sort_order,
    steps_down,
    text,
)

# Largest client x industry table built densely (cells, 32 MB of float64); beyond it a sparse group-by.
_DENSE_CELLS = 4_000_000


@dataclass
class Window:
    as_of: int  # day numbers
    start: int  # first day of W
    churn_start: int  # first day of the churn look-back
    life_start: int  # first day of the lifecycle look-back


class ClientResolver:
    """Client ids -> client positions; counts the rows of clients nobody knows so the run can report them."""

    def __init__(self, ids: np.ndarray) -> None:
        self.lookup = IdLookup(ids)

    def __call__(self, values: pd.Series, relevant: np.ndarray | None = None) -> tuple[np.ndarray, int]:
        code = self.lookup(values)
        missing = code < 0
        if relevant is not None:
            missing &= relevant
        return code, int(missing.sum())


@dataclass
class ClientArrays:
    """Intermediate per-client arrays (index = client position)."""

    n: int
    values: dict[str, np.ndarray] = field(default_factory=dict)

    def __getitem__(self, key: str) -> np.ndarray:
        return self.values[key]

    def __setitem__(self, key: str, value: np.ndarray) -> None:
        self.values[key] = value


def _safe_div(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    out = np.zeros(np.broadcast(num, den).shape, dtype=np.float64)
    np.divide(num, den, out=out, where=den != 0)
    return out


def segment_sum(values: np.ndarray, lo: np.ndarray, hi: np.ndarray, dtype: Any = None) -> np.ndarray:
    """Sums of ``values[lo[i]:hi[i]]`` for ranges that are ordered and do not overlap
    (``lo[i] <= hi[i] <= lo[i+1]``), in one pass over the data and without a full-length prefix array."""
    n = len(lo)
    if n == 0 or len(values) == 0:
        return np.zeros(n, dtype=dtype or (np.float64 if values.dtype.kind == "f" else np.int64))
    bounds = np.empty(2 * n, dtype=np.int64)
    bounds[0::2] = lo
    bounds[1::2] = hi
    limit = len(values) - 1
    sums = np.add.reduceat(values, np.minimum(bounds, limit), dtype=dtype)[0::2]
    # reduceat returns values[i] for an empty range and cannot see past the last element.
    empty = lo >= hi
    tail = (hi > limit) & ~empty
    if tail.any():
        sums[tail] = [
            values[a:b].sum(dtype=dtype) for a, b in zip(lo[tail].tolist(), hi[tail].tolist(), strict=True)
        ]
    sums[empty] = 0
    return sums


def to_fen(yuan_sums: np.ndarray) -> np.ndarray:
    """Per-client float sums of 2-decimal amounts -> exact int64 fen.

    Each input carries at most half an ulp of error; over a year of daily values that stays far below half
    a fen for any account size that sits near a grade boundary, so rounding recovers the exact sum.
    """
    return np.rint(yuan_sums * 100.0).astype(np.int64)


def _money_column(frame: pd.DataFrame, name: str) -> np.ndarray:
    col = frame[name]
    if col.dtype == np.float64:
        arr = col.to_numpy()
    else:
        arr = pd.to_numeric(col, errors="coerce").to_numpy(dtype=np.float64, na_value=0.0)
    if not np.isfinite(arr).all():
        arr = np.where(np.isfinite(arr), arr, 0.0)
    return arr


SNAPSHOT_FIELDS = (
    "snap_count",
    "sum_total",
    "sum_sec",
    "latest",
    "first",
    "a90",
    "inflow_churn",
    "a180",
    "big_life",
    "inflow_after_first",
)
# Rows per piece of the chunked snapshot pass: its temporaries (8 MB) are recycled by the allocator
# and stay in cache instead of being fresh 200 MB blocks the kernel must fault in and zero.
SNAPSHOT_CHUNK = 1 << 20


def _usable_ids(client_ids: pd.Series, known: np.ndarray, span: int) -> np.ndarray | None:
    """The client ids as int64 when keys ``id * span + offset`` can be built from them directly: plain
    non-negative int64 values small enough, and the known ids strictly increasing; else None."""
    if client_ids.dtype != np.int64 or len(client_ids) == 0 or len(known) == 0:
        return None
    if known[0] < 0 or steps_down(known, strict=True):
        return None
    ids = client_ids.to_numpy()
    limit = (2**62) // (span + 1)
    if int(ids.min()) < 0 or int(ids.max()) >= limit or int(known[-1]) >= limit:
        return None
    return ids


def _in_ranges(keys: np.ndarray, base: np.ndarray, span: int) -> int:
    """How many of ``keys`` fall in one of the ranges ``[base[i], base[i] + span)`` (``base`` sorted)."""
    if len(keys) == 0 or len(base) == 0:
        return 0
    pos = np.searchsorted(base, keys, side="right") - 1
    valid = pos >= 0
    return int((keys[valid] < base[pos[valid]] + span).sum())


def _client_pieces(ids: np.ndarray, chunk: int) -> list[tuple[int, int]] | None:
    """Row ranges of about ``chunk`` rows that never split one client's rows, or None when ``ids`` is not
    sorted."""
    return None if steps_down(ids) else run_pieces(ids, chunk)


def _segment_metrics(
    key: np.ndarray,
    total: np.ndarray,
    sec: np.ndarray,
    inflow: np.ndarray,
    base: np.ndarray,
    span: int,
    w: Window,
    cfg: ScoringConfig,
) -> dict[str, np.ndarray]:
    """Per-client sums and point values for clients whose rows have keys in ``[base[i], base[i] + span)``;
    ``key`` strictly increasing. Each window inside W is a sub-range found by binary search."""
    n = len(base)
    start = np.searchsorted(key, base, side="left")
    end = np.searchsorted(key, base + span, side="left")
    count = end - start
    has = count > 0

    def at(idx: np.ndarray, valid: np.ndarray) -> np.ndarray:
        if len(total) == 0:
            return np.zeros(n, dtype=np.int64)
        return np.where(valid, to_fen(total[np.clip(idx, 0, len(total) - 1)]), 0)

    first = at(start, has)
    # A90: the latest snapshot on or before as-of - churn_days, else the earliest one in W.
    i90 = np.searchsorted(key, base + (w.churn_start - 1 - w.start), side="right") - 1
    churn_lo = np.searchsorted(key, base + (w.churn_start - w.start), side="left")
    i180 = np.searchsorted(key, base + (w.life_start - 1 - w.start), side="right") - 1
    life_lo = np.searchsorted(key, base + (w.life_start - w.start), side="left")
    dormant_yuan = round(cfg.lifecycle.dormant_assets * 100) / 100.0
    return {
        "snap_count": count,
        "sum_total": to_fen(segment_sum(total, start, end)),
        "sum_sec": to_fen(segment_sum(sec, start, end)),
        "latest": at(end - 1, has),
        "first": first,
        "a90": np.where(i90 >= start, at(i90, has), first),
        "inflow_churn": to_fen(segment_sum(inflow, churn_lo, end)),
        "a180": np.where(i180 >= start, at(i180, has), first),
        "big_life": segment_sum((total >= dormant_yuan - 0.005).view(np.int8), life_lo, end, dtype=np.int64),
        "inflow_after_first": to_fen(segment_sum(inflow, np.minimum(start + 1, end), end)),
    }


def _chunked_snapshot_metrics(
    ids: np.ndarray,
    day: np.ndarray,
    total: np.ndarray,
    sec: np.ndarray,
    inflow: np.ndarray,
    known: np.ndarray,
    span: int,
    w: Window,
    cfg: ScoringConfig,
) -> dict[str, np.ndarray] | None:
    """The metrics piece by piece for rows sorted by (client id, day) with no duplicate day: every
    temporary is piece-sized. None when the rows are not so sorted (the caller sorts them then)."""
    pieces = _client_pieces(ids, SNAPSHOT_CHUNK)
    if pieces is None:
        return None
    result = {name: np.zeros(len(known), dtype=np.int64) for name in SNAPSHOT_FIELDS}
    for lo, hi in pieces:
        key = ids[lo:hi] * span
        key += day[lo:hi]
        key -= w.start
        if steps_down(key, strict=True):
            return None  # a duplicate or an unsorted day: the whole-array path sorts and reports
        # known clients whose id lies in this piece's range of ids
        p0 = int(np.searchsorted(known, ids[lo], side="left"))
        p1 = int(np.searchsorted(known, ids[hi - 1], side="right"))
        if p1 > p0:
            part = _segment_metrics(
                key, total[lo:hi], sec[lo:hi], inflow[lo:hi], known[p0:p1] * span, span, w, cfg
            )
            for name in SNAPSHOT_FIELDS:
                result[name][p0:p1] = part[name]
    return result


def snapshot_metrics(
    frame: pd.DataFrame,
    lookup: ClientResolver,
    w: Window,
    cfg: ScoringConfig,
    out: ClientArrays,
    warnings: list[dict[str, Any]],
) -> None:
    """Sums over W and the point values the rules need, from sorted (client, day) keys.

    Rows sorted by (client, date) (what the service loads) are used as they are, in pieces of about a
    million rows; any other order is sorted first. Each client's rows then form one contiguous range, and
    every window inside W is a sub-range found by binary search, so all sums are single passes over the data.
    """
    n = out.n
    require_columns(
        frame, "snapshots", ("client_id", "date", "total_assets", "securities_value", "net_inflow")
    )
    day = days(frame["date"])
    if len(day) and (day.min() < w.start or day.max() > w.as_of):
        in_w: np.ndarray | None = (day >= w.start) & (day <= w.as_of)
    else:
        in_w = None  # the usual case: the service loads exactly W, so skip a full-length mask
    total = _money_column(frame, "total_assets")
    sec = _money_column(frame, "securities_value")
    inflow = _money_column(frame, "net_inflow")
    span = w.as_of - w.start + 1
    known = lookup.lookup.ids
    rows = len(day)
    # Each row gets the key client * span + (day - start of W); a client's rows then form one key range.
    # With plain integer ids the key uses the id itself: no per-row id lookup. Rows of unknown clients
    # fall between the ranges of known ones, so they are simply never summed; they are counted at the end.
    ids = _usable_ids(frame["client_id"], known, span) if in_w is None else None
    metrics = None
    if ids is not None:
        metrics = _chunked_snapshot_metrics(ids, day, total, sec, inflow, known, span, w, cfg)
    duplicates = 0  # of known clients, dropped below
    if metrics is None:
        if ids is not None:
            key = ids * span
            key += day
            key -= w.start
            base = known * span
        else:
            code, unknown = lookup(frame["client_id"], in_w)
            if unknown:
                warnings.append(
                    {"code": "unknown_client", "params": {"table": "snapshots", "count": unknown}}
                )
            keep = code >= 0 if in_w is None else (code >= 0) & in_w
            if not bool(keep.all()):
                code, day, total, sec, inflow = code[keep], day[keep], total[keep], sec[keep], inflow[keep]
            key = code
            key *= span
            key += day
            key -= w.start
            base = np.arange(n, dtype=np.int64) * span
        if steps_down(key, strict=True):
            order = sort_order(key)
            key, total, sec, inflow = key[order], total[order], sec[order], inflow[order]
            dup = np.r_[key[1:] == key[:-1], False]
            if dup.any():
                # Sort on the full row so that the kept duplicate never depends on the input order.
                order = np.lexsort((inflow, sec, total, key))
                key, total, sec, inflow = key[order], total[order], sec[order], inflow[order]
                duplicates = _in_ranges(key[dup], base, span)
                keep_last = ~dup
                key, total, sec, inflow = key[keep_last], total[keep_last], sec[keep_last], inflow[keep_last]
        metrics = _segment_metrics(key, total, sec, inflow, base, span, w, cfg)
    if ids is not None:
        unknown = rows - duplicates - int(metrics["snap_count"].sum())
        if unknown:
            warnings.append({"code": "unknown_client", "params": {"table": "snapshots", "count": unknown}})
    if duplicates:
        warnings.append({"code": "duplicate_snapshots", "params": {"count": duplicates}})
    for name in SNAPSHOT_FIELDS:
        out[name] = metrics[name]


# Per-client snapshot totals over W, for callers that aggregate where the rows live (the scoring service
# asks the database): the figures of SNAPSHOT_FIELDS, with amounts in yuan as the database sums them.
SNAPSHOT_TOTAL_COLUMNS = ("client_id", *SNAPSHOT_FIELDS)
_SNAPSHOT_COUNTS = ("snap_count", "big_life")


def snapshot_totals(
    frame: pd.DataFrame, lookup: ClientResolver, out: ClientArrays, warnings: list[dict[str, Any]]
) -> None:
    """What :func:`snapshot_metrics` computes, from one row of totals per client instead of the rows.

    Sums and point values in yuan become fen exactly as the row path turns them (:func:`to_fen`), so both
    paths give the same figures; clients without a row have no snapshots in W. Totals of clients not in
    ``clients`` are reported like their rows would be (``unknown_client``, counting rows).
    """
    require_columns(frame, "snapshot_totals", SNAPSHOT_TOTAL_COLUMNS)
    if frame["client_id"].duplicated().any():
        raise ValueError("input table 'snapshot_totals' has duplicate client_id values")
    code, _ = lookup(frame["client_id"])
    known = code >= 0
    count = pd.to_numeric(frame["snap_count"]).to_numpy(dtype=np.int64)
    unknown = int(count[~known].sum())
    if unknown:
        warnings.append({"code": "unknown_client", "params": {"table": "snapshots", "count": unknown}})
    at = code[known]
    for name in SNAPSHOT_FIELDS:
        if name in _SNAPSHOT_COUNTS:
            values = pd.to_numeric(frame[name]).to_numpy(dtype=np.float64, na_value=0.0).astype(np.int64)
        else:
            values = to_fen(_money_column(frame, name))
        column = np.zeros(out.n, dtype=np.int64)
        column[at] = values[known]
        out[name] = column


@dataclass
class Trades:
    """Trades of the FIFO look-back and W with a known client and side, as flat arrays (money in fen)."""

    client: np.ndarray  # client position
    day: np.ndarray
    is_buy: np.ndarray
    security: np.ndarray  # code among the trades' own distinct codes
    master_pos: np.ndarray  # position in the securities master, -1 for an unknown code
    quantity: np.ndarray  # centi-units
    amount: np.ndarray
    commission: np.ndarray


def prepare_trades(
    frame: pd.DataFrame,
    lookup: ClientResolver,
    securities: pd.DataFrame,
    w: Window,
    cfg: ScoringConfig,
    warnings: list[dict[str, Any]],
) -> Trades:
    require_columns(
        frame, "trades", ("client_id", "trade_date", "code", "side", "quantity", "amount", "commission")
    )
    day = days(frame["trade_date"])
    horizon = w.start - cfg.trading.fifo_lookback_days
    in_range = (day <= w.as_of) & (day >= horizon)
    code, unknown_client = lookup(frame["client_id"], in_range)
    if unknown_client:
        warnings.append({"code": "unknown_client", "params": {"table": "trades", "count": unknown_client}})
    keep = (code >= 0) & in_range
    side_codes, side_uniques = factorized_text(frame["side"])
    lowered = np.array([v.lower() for v in side_uniques], dtype=object)
    is_buy = (lowered == "buy")[side_codes] if len(side_codes) else np.zeros(0, dtype=bool)
    is_sell = (lowered == "sell")[side_codes] if len(side_codes) else np.zeros(0, dtype=bool)
    bad_side = keep & ~is_buy & ~is_sell
    if bad_side.any():
        values = sorted(set(side_uniques[np.unique(side_codes[bad_side])].tolist()))[:10]
        warnings.append(
            {
                "code": "unknown_side",
                "params": {"count": int(bad_side.sum()), "values": ", ".join(repr(v) for v in values)},
            }
        )
    keep &= is_buy | is_sell
    sec_codes, sec_uniques = factorized_text(frame["code"])
    code, day, is_buy, sec_codes = code[keep], day[keep], is_buy[keep], sec_codes[keep]
    qty = cents(frame["quantity"])[keep]
    amount = cents(frame["amount"])[keep]
    commission = cents(frame["commission"])[keep]

    master = securities_index(securities)
    sec_pos = master.get_indexer(pd.Index(sec_uniques)) if len(sec_uniques) else np.empty(0, dtype=np.int64)
    trade_sec_pos = sec_pos[sec_codes] if len(sec_codes) else np.empty(0, dtype=np.int64)
    unknown_sec = trade_sec_pos < 0
    if unknown_sec.any():
        codes = sorted(set(np.asarray(sec_uniques, dtype=object)[np.unique(sec_codes[unknown_sec])].tolist()))
        shown = ", ".join(str(c) if c else "''" for c in codes[:20]) + (" …" if len(codes) > 20 else "")
        warnings.append(
            {"code": "unknown_security", "params": {"count": int(unknown_sec.sum()), "codes": shown}}
        )
    return Trades(
        client=code,
        day=day,
        is_buy=is_buy,
        security=sec_codes,
        master_pos=trade_sec_pos,
        quantity=qty,
        amount=amount,
        commission=commission,
    )


def trade_totals(
    t: Trades, securities: pd.DataFrame, w: Window, cfg: ScoringConfig, out: ClientArrays
) -> None:
    """Commission, amounts and counts per window, the last trade day and the new-listing share of buys."""
    n = out.n
    code, day, is_buy, amount, commission = t.client, t.day, t.is_buy, t.amount, t.commission
    trade_sec_pos = t.master_pos
    in_w = day >= w.start
    out["commission"] = np.bincount(code[in_w], weights=commission[in_w], minlength=n).astype(np.int64)
    out["trade_amount"] = np.bincount(code[in_w], weights=amount[in_w], minlength=n).astype(np.int64)
    out["trades_w"] = np.bincount(code[in_w], minlength=n)
    out["trades_churn"] = np.bincount(code[day >= w.churn_start], minlength=n)
    out["trades_life"] = np.bincount(code[day >= w.life_start], minlength=n)
    last = np.full(n, -1, dtype=np.int64)
    if in_w.any():
        np.maximum.at(last, code[in_w], day[in_w])
    out["last_trade_day"] = last

    # New-listing preference: share of buy amount in stocks listed less than N days before the trade.
    list_day = master_list_days(securities)
    buy_w = in_w & is_buy
    listed = np.full(len(day), -(2**40), dtype=np.int64)
    known = trade_sec_pos >= 0
    if known.any() and len(list_day):
        listed[known] = list_day[trade_sec_pos[known]]
    age = day - listed
    new_listing = buy_w & (listed > -(2**39)) & (age >= 0) & (age < cfg.trading.new_listing_days)
    out["buy_amount"] = np.bincount(code[buy_w], weights=amount[buy_w], minlength=n).astype(np.int64)
    out["new_listing_amount"] = np.bincount(
        code[new_listing], weights=amount[new_listing], minlength=n
    ).astype(np.int64)


def round_trip_metrics(t: Trades, w: Window, out: ClientArrays, warnings: list[dict[str, Any]]) -> None:
    """FIFO round trips closed in W: count, wins, realized P&L, holding days, unmatched sells."""
    n = out.n
    code, sec_codes, day, is_buy, qty = t.client, t.security, t.day, t.is_buy, t.quantity
    amount, commission = t.amount, t.commission
    positive = qty > 0
    if (~positive).any():
        warnings.append({"code": "bad_quantity", "params": {"count": int((~positive).sum())}})
    trips = fifo.match(
        code[positive],
        sec_codes[positive],
        day[positive],
        is_buy[positive],
        qty[positive],
        amount[positive],
        commission[positive],
        n,
        since_day=w.start,
    )
    closed = trips.sell_day >= w.start
    cl = trips.client[closed]
    pnl = trips.pnl_cents[closed]
    q = trips.quantity[closed].astype(np.float64)
    held = (trips.sell_day[closed] - trips.buy_day[closed]).astype(np.float64)
    out["round_trips"] = np.bincount(cl, minlength=n)
    out["wins"] = np.bincount(cl[pnl > 0], minlength=n)
    out["pnl"] = np.rint(np.bincount(cl, weights=pnl, minlength=n)).astype(np.int64)
    out["held_qty_days"] = np.bincount(cl, weights=q * held, minlength=n)
    out["closed_qty"] = np.bincount(cl, weights=q, minlength=n)
    out["unmatched_qty"] = trips.unmatched_qty


def securities_index(securities: pd.DataFrame) -> pd.Index:
    require_columns(securities, "securities", ("code", "board", "industry", "list_date"))
    return pd.Index(text(securities["code"]))


def master_list_days(securities: pd.DataFrame) -> np.ndarray:
    return days(securities["list_date"]) if len(securities) else np.empty(0, dtype=np.int64)


def holding_metrics(
    frame: pd.DataFrame,
    lookup: ClientResolver,
    securities: pd.DataFrame,
    w: Window,
    cfg: ScoringConfig,
    out: ClientArrays,
    warnings: list[dict[str, Any]],
) -> None:
    n = out.n
    require_columns(frame, "holdings", ("client_id", "date", "code", "market_value"))
    day = days(frame["date"])
    in_w = (day >= w.start) & (day <= w.as_of)
    code, unknown = lookup(frame["client_id"], in_w)
    if unknown:
        warnings.append({"code": "unknown_client", "params": {"table": "holdings", "count": unknown}})
    keep = in_w & (code >= 0)
    code, day = code[keep], day[keep]
    mv = cents(frame["market_value"])[keep]
    h_codes, h_uniques = factorized_text(frame["code"])
    master = securities_index(securities)
    unique_pos = master.get_indexer(pd.Index(h_uniques)) if len(h_uniques) else np.empty(0, dtype=np.int64)
    pos = unique_pos[h_codes[keep]] if keep.any() else np.empty(0, dtype=np.int64)
    board = (
        np.char.lower(text(securities["board"]).astype(str)) if len(securities) else np.empty(0, dtype=str)
    )
    growth_master = np.isin(board, np.array(cfg.risk_style.growth_boards, dtype=str))
    growth = np.zeros(len(pos), dtype=bool)
    known = pos >= 0
    if known.any():
        growth[known] = growth_master[pos[known]]

    out["mv_sum"] = np.bincount(code, weights=mv, minlength=n).astype(np.int64)
    out["growth_mv"] = np.bincount(code[growth], weights=mv[growth], minlength=n).astype(np.int64)
    span = w.as_of - w.start + 1
    if len(code):
        # Largest position of each (client, day), summed per client: sort by (client, day), then one
        # maximum per run of equal keys.
        key = code * span + (day - w.start)
        if steps_down(key):
            order = sort_order(key)
            key, day_mv = key[order], mv[order]
        else:
            day_mv = mv
        starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        per_day = np.maximum.reduceat(day_mv, starts)
        out["max_mv_sum"] = np.bincount(key[starts] // span, weights=per_day, minlength=n).astype(np.int64)
    else:
        out["max_mv_sum"] = np.zeros(n, dtype=np.int64)

    # Top industry by summed market value; ties go to the alphabetically first industry.
    top = np.full(n, None, dtype=object)
    top_mv = np.zeros(n, dtype=np.int64)
    if known.any():
        # Industry names are factorized on the (small) master; names come back sorted, so on equal value
        # the lowest code is the alphabetically first industry.
        ind_master, ind_names = factorized_text(securities["industry"])
        ind = ind_master[pos[known]]
        has_ind = (ind_names != "")[ind]
        n_ind = len(ind_names)
        if has_ind.any() and n * n_ind <= _DENSE_CELLS:
            # Few industries (the usual case): a dense client x industry table, first maximum per row.
            pair = code[known][has_ind] * n_ind + ind[has_ind]
            table = np.bincount(pair, weights=mv[known][has_ind], minlength=n * n_ind).reshape(n, n_ind)
            present = np.bincount(pair, minlength=n * n_ind).reshape(n, n_ind) > 0
            table[~present] = -np.inf
            best = np.argmax(table, axis=1)
            rows = np.flatnonzero(present.any(axis=1))
            top[rows] = ind_names[best[rows]]
            top_mv[rows] = table[rows, best[rows]].astype(np.int64)
        elif has_ind.any():
            pair = code[known][has_ind] * n_ind + ind[has_ind]
            agg = pd.Series(mv[known][has_ind]).groupby(pair).sum()
            keys = agg.index.to_numpy()
            values = agg.to_numpy()
            clients_of = keys // n_ind
            order = np.lexsort((keys % n_ind, -values, clients_of))
            first = order[np.r_[True, clients_of[order][1:] != clients_of[order][:-1]]]
            top[clients_of[first]] = ind_names[keys[first] % n_ind]
            top_mv[clients_of[first]] = values[first]
    out["top_industry"] = top
    out["top_industry_mv"] = top_mv


def _first_label(conditions: list[np.ndarray], labels: list[str], default: str) -> np.ndarray:
    """Object array holding, per row, the label of the first condition that holds (else ``default``):
    ``np.select`` over small integer codes, then one gather from the few label objects."""
    codes = (
        np.select(conditions, list(range(len(labels))), default=len(labels))
        if len(conditions[0])
        else np.zeros(0, dtype=np.int64)
    )
    return np.array([*labels, default], dtype=object)[codes]


def classify(
    clients: pd.DataFrame, a: ClientArrays, w: Window, cfg: ScoringConfig, warnings: list[dict[str, Any]]
) -> pd.DataFrame:
    """Apply the rules to the aggregated arrays; returns one row per client (reasons built later)."""
    n = a.n
    count = a["snap_count"]
    has_snap = count > 0
    avg_fen = _safe_div(a["sum_total"], count)  # one rounding of an exact sum: boundaries stay exact
    avg_assets = avg_fen / 100.0
    commission = a["commission"]
    traded_w = a["trades_w"] > 0
    # turnover = trade amount / average assets = amount * count / sum_total
    turnover = _safe_div(a["trade_amount"].astype(np.float64) * count, a["sum_total"])
    turnover = np.where(a["sum_total"] > 0, turnover, 0.0)

    # grade: tier index 0..4 for V1..V5
    asset_tier = np.zeros(n, dtype=np.int64)
    comm_tier = np.zeros(n, dtype=np.int64)
    for i, g in enumerate(GRADES[1:], start=1):
        asset_tier = np.where(avg_fen >= round(cfg.grade.assets[g] * 100), i, asset_tier)
        comm_tier = np.where(commission >= round(cfg.grade.commission[g] * 100), i, comm_tier)
    tier = np.maximum(asset_tier, comm_tier)
    grade = np.asarray(GRADES, dtype=object)[tier]

    act = cfg.activity
    activity = _first_label(
        [~traded_w, turnover >= act.very_active_turnover, turnover >= act.active_turnover],
        ["dormant", "very_active", "active"],
        "low",
    )

    # churn
    a90 = a["a90"]
    latest = a["latest"]
    outflow = -a["inflow_churn"]
    high = has_snap & (a90 > 0) & (_safe_div(outflow, a90) >= cfg.churn.high_outflow_ratio)
    # No trade in the look-back is a risk only when the assets are not stable: a buy-and-hold client
    # whose assets held up is low risk (issue #17).
    stable = has_snap & (a90 > 0) & (latest >= cfg.churn.stable_assets_ratio * a90)
    no_recent = (a["trades_churn"] == 0) & traded_w & ~stable
    ratio_m = cfg.churn.medium_assets_ratio
    drop = has_snap & np.where(a90 > 0, _safe_div(latest, a90) <= ratio_m, latest <= ratio_m * a90)
    medium = ~high & (no_recent | drop)
    churn = _first_label([high, medium], ["high", "medium"], "low")

    # risk style
    rs = cfg.risk_style
    growth_share = _safe_div(a["growth_mv"], a["mv_sum"])
    largest_share = _safe_div(a["max_mv_sum"], a["mv_sum"])
    securitization = _safe_div(a["sum_sec"], a["sum_total"])
    securitization = np.where(a["sum_total"] > 0, securitization, 0.0)
    by_board = growth_share >= rs.growth_board_share
    by_conc = (a["mv_sum"] > 0) & (largest_share >= rs.largest_position_share)
    by_turn = turnover >= rs.aggressive_turnover
    aggressive = by_board | by_conc | by_turn
    conservative = (
        ~aggressive
        & (securitization < rs.conservative_securitization)
        & (turnover < rs.conservative_turnover)
    )
    style = _first_label([aggressive, conservative], ["aggressive", "conservative"], "balanced")

    # Declared level: parsed once per distinct value (a handful), then spread by code.
    level_codes, level_values = factorized_text(clients["risk_level"])
    level_text = level_values[level_codes] if n else np.empty(0, dtype=object)
    level_index = np.array(
        [RISK_LEVELS.index(v.upper()) + 1 if v.upper() in RISK_LEVELS else 0 for v in level_values.tolist()],
        dtype=np.int64,
    )
    declared = level_index[level_codes] if n else np.zeros(0, dtype=np.int64)
    unknown_level = declared == 0
    if unknown_level.any():
        warnings.append({"code": "unknown_risk_level", "params": {"count": int(unknown_level.sum())}})
    need = {
        s: RISK_LEVELS.index(getattr(cfg.suitability, s)) + 1
        for s in ("aggressive", "balanced", "conservative")
    }
    required = np.where(
        aggressive, need["aggressive"], np.where(conservative, need["conservative"], need["balanced"])
    )
    mismatch = declared < required

    # trading ability
    trips = a["round_trips"]
    win_rate = _safe_div(a["wins"], trips)
    pnl = a["pnl"]
    tc = cfg.trading
    ability = _first_label(
        [
            trips < tc.min_round_trips,
            (win_rate >= tc.skilled_win_rate) & (pnl > 0),
            (win_rate < tc.weak_win_rate) & (pnl < 0),
        ],
        ["insufficient_data", "skilled", "weak"],
        "average",
    )
    avg_hold = _safe_div(a["held_qty_days"], a["closed_qty"])

    # lifecycle, in order of precedence
    open_day = days(clients["open_date"])
    tenure_days = np.clip(w.as_of - open_day, 0, None)
    tenure_days = np.where(open_day < -(2**39), 0, tenure_days)
    is_new = (open_day >= w.life_start) & (open_day > -(2**39))
    dormant = (a["trades_life"] == 0) & (a["big_life"] == 0)
    a180 = a["a180"]
    growing = has_snap & (a180 > 0) & (_safe_div(latest, a180) >= cfg.lifecycle.growing_ratio)
    lifecycle = _first_label(
        [is_new, dormant, high | medium, growing], ["new", "dormant", "declining", "growing"], "mature"
    )

    # value score: percentile ranks among the clients of the run, ties sharing their average rank
    vs = cfg.value_score
    tenure_years = tenure_days / 365.0

    def pct(values: np.ndarray) -> np.ndarray:
        if n == 0:
            return np.zeros(0)
        return pd.Series(values).rank(method="average", pct=True).to_numpy(dtype=np.float64)

    raw = 100.0 * (
        vs.w_assets * pct(avg_assets)
        + vs.w_commission * pct(commission.astype(np.float64))
        + vs.w_turnover * pct(turnover)
        + vs.w_tenure * np.minimum(tenure_years, vs.tenure_cap_years) / vs.tenure_cap_years
    )
    value_score = np.round(raw, 1)

    mv_sum = a["mv_sum"]
    result = pd.DataFrame(
        {
            "client_id": clients["client_id"].to_numpy(dtype=np.int64),
            "grade": grade,
            "value_score": value_score,
            "avg_assets": np.round(avg_assets, 2),
            "latest_assets": latest / 100.0,
            "commission_12m": commission / 100.0,
            "turnover": np.round(turnover, 4),
            "activity": activity,
            "churn_risk": churn,
            "risk_style": style,
            "suitability_mismatch": mismatch,
            "trading_ability": ability,
            "win_rate": np.round(win_rate, 4),
            "realized_pnl": pnl / 100.0,
            "round_trips": trips.astype(np.int64),
            "avg_holding_days": np.round(avg_hold, 2),
            "securitization_ratio": np.round(securitization, 4),
            # None for a client without holdings; as object, because pandas would make the column a string
            # dtype whose missing value is NaN, which reaches the store as the text "NaN" on PostgreSQL.
            "top_industry": pd.Series(a["top_industry"], dtype=object),
            "top_industry_share": np.round(_safe_div(a["top_industry_mv"], mv_sum), 4),
            "new_listing_share": np.round(_safe_div(a["new_listing_amount"], a["buy_amount"]), 4),
            "largest_position_share": np.round(largest_share, 4),
            "growth_board_share": np.round(growth_share, 4),
            "lifecycle": lifecycle,
        }
    )
    # Kept for the reasons and the managers' view; not all are stored.
    extra = {
        "_asset_tier": asset_tier,
        "_comm_tier": comm_tier,
        "_has_snap": has_snap,
        "_traded_w": traded_w,
        "_a90": a90 / 100.0,
        "_outflow": outflow / 100.0,
        "_high": high,
        "_no_recent": no_recent,
        "_drop": drop,
        "_last_trade_day": a["last_trade_day"],
        "_by_board": by_board,
        "_by_conc": by_conc,
        "_by_turn": by_turn,
        "_declared": level_text,
        "_declared_idx": declared,
        "_required_idx": required,
        "_unmatched": a["unmatched_qty"] / 100.0,
        "_first": a["first"],
        "_latest_fen": latest,
        "_inflow_after_first": a["inflow_after_first"],
        "_avg_assets_raw": avg_assets,
    }
    for k, v in extra.items():
        result[k] = v
    return result
