"""FIFO matching of buys and sells into closed round trips, vectorised over all clients at once.

A round trip is one matched piece of (buy lot, sell trade): a buy sold in two parts gives two round
trips, two buys closed by one sell give two. Within one client and security, trades are taken in
date order; on one day sells come before buys (A-share T+1: shares bought today cannot be sold
today). Ties (several buys or sells of one security on one day) are ordered by amount and quantity,
so the result never depends on the order of the input rows. A sell larger than the open position
(e.g. shares bought before the data begins) is matched as far as it goes; the rest is "unmatched"
and yields no round trip.

How: per (client, security) the running position is a random walk reflected at zero,
``S_t = max(0, S_{t-1} + x_t)``, which equals ``C_t - min(0, min_{s<=t} C_s)`` for the cumulative sum
``C``. With the effective (matchable) sell quantities known, bought units and sold units are laid on
one axis; the k-th unit sold is the k-th unit bought, so the matched pieces are the overlaps of the
buy intervals with the sell intervals, found with two binary searches per sell.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crm_desktop.scoring.frames import run_pieces, sort_order

PIECE_ROWS = 1 << 17


@dataclass(frozen=True)
class RoundTrips:
    """Matched pieces, one row each (arrays of equal length)."""

    client: np.ndarray  # client position
    sell_day: np.ndarray
    buy_day: np.ndarray
    quantity: np.ndarray  # centi-units (quantity x 100)
    pnl_cents: np.ndarray  # float64, fen
    unmatched_qty: (
        np.ndarray
    )  # per client (length n_clients): sold centi-units with no open lot, since ``since_day``


def match(
    client: np.ndarray,
    security: np.ndarray,
    day: np.ndarray,
    is_buy: np.ndarray,
    quantity: np.ndarray,
    amount: np.ndarray,
    commission: np.ndarray,
    n_clients: int,
    since_day: int,
) -> RoundTrips:
    """Match trades FIFO.

    ``client`` and ``security`` are small non-negative int codes, ``day`` int days, ``quantity`` int64
    centi-units (> 0), ``amount`` and ``commission`` int64 fen. The buy cost of a unit includes its share
    of the buy commission; the sell proceeds are net of the sell commission.
    """
    n = len(client)
    empty_f = np.empty(0, dtype=np.float64)
    empty_i = np.empty(0, dtype=np.int64)
    if n == 0:
        return RoundTrips(empty_i, empty_i, empty_i, empty_i, empty_f, np.zeros(n_clients, dtype=np.int64))

    n_sec = int(security.max()) + 1
    group = client.astype(np.int64) * n_sec + security.astype(np.int64)
    first_day = int(day.min())
    span = int(day.max()) - first_day + 1
    # One int64 key (group, day, side) sorts in a single pass; sells (0) before buys (1) on a day.
    composite = (group * span + (day - first_day)) * 2 + is_buy.astype(np.int64)
    order = sort_order(composite)  # ties are resolved explicitly below
    ranked = composite[order]
    tie = ranked[1:] == ranked[:-1]
    if tie.any():
        # Several trades of one security on one day and side: order them by amount, then quantity.
        at = np.flatnonzero(np.r_[tie, False] | np.r_[False, tie])
        sub = order[at]
        order[at] = sub[_tie_order(ranked[at], amount[sub], quantity[sub])]
    quantity, amount, commission = quantity[order], amount[order], commission[order]
    del order
    # The matching itself works piece by piece, each piece whole groups of about PIECE_ROWS rows: its
    # few dozen temporaries then stay in cache and are recycled instead of being fresh 16 MB arrays.
    group_key = ranked >> 1
    group_key //= span
    parts = [
        _match_sorted(
            ranked[lo:hi],
            quantity[lo:hi],
            amount[lo:hi],
            commission[lo:hi],
            span,
            first_day,
            n_sec,
            n_clients,
            since_day,
        )
        for lo, hi in run_pieces(group_key, PIECE_ROWS)
    ]
    unmatched_by_client = np.zeros(n_clients, dtype=np.int64)
    for part in parts:
        unmatched_by_client += part[5]
    return RoundTrips(
        client=np.concatenate([p[0] for p in parts]),
        sell_day=np.concatenate([p[1] for p in parts]),
        buy_day=np.concatenate([p[2] for p in parts]),
        quantity=np.concatenate([p[3] for p in parts]),
        pnl_cents=np.concatenate([p[4] for p in parts]),
        unmatched_qty=unmatched_by_client,
    )


def _match_sorted(
    ranked: np.ndarray,
    quantity: np.ndarray,
    amount: np.ndarray,
    commission: np.ndarray,
    span: int,
    first_day: int,
    n_sec: int,
    n_clients: int,
    since_day: int,
) -> tuple[np.ndarray, ...]:
    """FIFO matching of whole groups, rows sorted by their ``ranked`` key ((group, day) * 2 + is_buy):
    client, sell day, buy day, quantity and P&L of each matched piece, and unmatched sells per client."""
    n = len(ranked)
    # Group, day and side come back out of the sorted key by arithmetic: cheaper than gathering them
    # through ``order`` (random reads over millions of rows).
    is_buy = (ranked & 1).astype(bool)
    slot = ranked >> 1
    group, day = np.divmod(slot, span)
    day += first_day
    client = group // n_sec
    del slot

    signed = np.where(is_buy, quantity, -quantity)
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    group_of_row = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, n]))

    total = np.cumsum(signed)
    before_group = np.r_[0, total][starts]
    cum = total - before_group[group_of_row]
    running_min = _group_cummin(cum, group_of_row, len(starts))
    position = cum - np.minimum(running_min, 0)
    prev_position = np.r_[0, position[:-1]]
    prev_position[starts] = 0

    sell = ~is_buy
    effective = np.where(sell, prev_position - position, 0)
    unmatched = np.where(sell & (day >= since_day), quantity - effective, 0)
    unmatched_by_client = np.bincount(client, weights=unmatched, minlength=n_clients).astype(np.int64)

    buy_qty = np.where(is_buy, quantity, 0)
    buy_end = np.cumsum(buy_qty)
    buy_start = buy_end - buy_qty
    # Align each group's sells with that group's buys on the shared axis.
    sold_end_global = np.cumsum(effective)
    sold_before_group = np.r_[0, sold_end_global][starts]
    bought_before_group = np.r_[0, buy_end][starts]
    sell_end = sold_end_global - sold_before_group[group_of_row] + bought_before_group[group_of_row]
    sell_start = sell_end - effective

    b_idx = np.flatnonzero(is_buy & (quantity > 0))
    s_idx = np.flatnonzero(sell & (effective > 0))
    if len(b_idx) == 0 or len(s_idx) == 0:
        empty_i = np.empty(0, dtype=np.int64)
        return empty_i, empty_i, empty_i, empty_i, np.empty(0, dtype=np.float64), unmatched_by_client
    b0, b1 = buy_start[b_idx], buy_end[b_idx]
    e0, e1 = sell_start[s_idx], sell_end[s_idx]
    lo = np.searchsorted(b1, e0, side="right")
    hi = np.searchsorted(b0, e1, side="left")
    count = hi - lo
    piece_sell = np.repeat(s_idx, count)
    first = np.repeat(lo, count)
    offset = np.arange(len(piece_sell)) - np.repeat(np.cumsum(count) - count, count)
    piece_buy = b_idx[first + offset]
    lo_edge = np.maximum(buy_start[piece_buy], sell_start[piece_sell])
    hi_edge = np.minimum(buy_end[piece_buy], sell_end[piece_sell])
    qty = hi_edge - lo_edge

    buy_unit = (amount[piece_buy] + commission[piece_buy]) / quantity[piece_buy]
    sell_unit = (amount[piece_sell] - commission[piece_sell]) / quantity[piece_sell]
    pnl = qty * (sell_unit - buy_unit)
    return client[piece_sell], day[piece_sell], day[piece_buy], qty, pnl, unmatched_by_client


def _dense_rank(values: np.ndarray) -> np.ndarray:
    order = sort_order(values)
    ordered = values[order]
    rank = np.empty(len(values), dtype=np.int64)
    rank[order] = np.cumsum(np.r_[False, ordered[1:] != ordered[:-1]])
    return rank


def _tie_order(block_key: np.ndarray, amount: np.ndarray, quantity: np.ndarray) -> np.ndarray:
    """Order of rows sorted by (block_key, amount, quantity); ``block_key`` is already non-decreasing.

    The three keys are replaced by dense ranks and packed into one int64, one sort instead of
    ``np.lexsort``'s three passes; rows equal on all three keep their order.
    """
    n = len(block_key)
    block = np.cumsum(np.r_[True, block_key[1:] != block_key[:-1]]) - 1
    a_rank = _dense_rank(amount)
    q_rank = _dense_rank(quantity)
    bits = (max(n, 2) - 1).bit_length()
    if 3 * bits <= 62:
        key = (block << (2 * bits)) | (a_rank << bits) | q_rank
        return np.argsort(key, kind="stable")
    return np.lexsort((quantity, amount, block_key))


def _group_cummin(values: np.ndarray, group_of_row: np.ndarray, n_groups: int) -> np.ndarray:
    """Running minimum restarting at each group (rows sorted by group).

    Shifting group g down by g * step, with step larger than any spread of the values, makes every
    earlier group's values larger than all of group g's, so one plain ``minimum.accumulate`` cannot carry
    a minimum across a group boundary.
    """
    if len(values) == 0:
        return values.copy()
    step = 2 * int(np.abs(values).max()) + 1
    if step * n_groups >= 2**62:
        return pd.Series(values).groupby(group_of_row).cummin().to_numpy()
    offset = group_of_row * step
    return np.minimum.accumulate(values - offset) + offset
