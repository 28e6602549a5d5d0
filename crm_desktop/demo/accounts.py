"""Simulated client accounts for the demo: who the clients are, and what their accounts did.

The population (one row per client) is drawn first. Then clients are simulated in fixed blocks of
``BLOCK`` clients, each block from its own random stream, so the result depends only on the seed and
the client count, never on the backend or on how the caller batches the writes.

Money is integer fen (int64) throughout, so cash = opening cash + transfers − buys + sells holds exactly
and total_assets = cash + securities_value to the fen.

Account model: a client holds up to K positions ("slots"). Each slot runs a sequence of episodes:
buy a lot of one stock, hold it, sell it (sometimes in two parts), pause, buy the next one. Episodes
still open at the as-of date are the current holdings. Daily securities value is the sum of held
quantity × close; month-end holdings come from the same episodes, so they agree with the trades.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from crm_desktop.demo import stories
from crm_desktop.demo.market import Market
from crm_desktop.domain import trading_costs as tc

BLOCK = 500
MAX_EPISODES = 80

ACTIVE, DORMANT, CLOSED = 0, 1, 2
STATUS_NAMES = ("active", "dormant", "closed")
# behaviour over the year
NORMAL, GROWING, SHRINKING, QUIET, CHURNING = 0, 1, 2, 3, 4
CONSERVATIVE, BALANCED, AGGRESSIVE = 0, 1, 2

# Wealth tiers chosen to land in the grades V1..V5 (avg assets ≥ 0.2 M / 1 M / 3 M / 10 M yuan), with
# about 6 % of clients above 1 M yuan (docs/demo.md, calibration targets).
_TIER_SHARE = (0.715, 0.22, 0.045, 0.015, 0.005)
# Dormant accounts (tiny balances, no trades) among the smallest tier, and accounts that hold cash but
# did not trade in the year (idle), by tier: together the ~30-45 % inactive accounts of a real branch.
_DORMANT_SMALL = 0.24
_IDLE = (0.40, 0.34, 0.24, 0.16, 0.10)
# Opening a board permission needs 20-day average assets of 500,000 yuan (STAR, BSE) or 100,000 yuan
# (ChiNext) and 24 months of experience; the demo keeps a margin above the thresholds, and lets a few
# ineligible aggressive clients trade anyway (the register's exceptions).
_STAR_WEALTH_FEN = 65_000_000
_CHINEXT_WEALTH_FEN = 13_000_000
_BOARD_EXCEPTION = 0.01
_TIER_RANGE_YUAN = (
    (3_000, 185_000),
    (230_000, 950_000),
    (1_100_000, 2_800_000),
    (3_400_000, 9_000_000),
    (12_000_000, 60_000_000),
)
# Agreed commission rates by tier (fractions: 0.00025 is 万2.5) and their weights: online-era branches
# quote 万1.5-3 to ordinary clients and less to large ones. Share of clients per tier whose 5-yuan minimum
# per trade is waived (免五), more often the larger the account.
_TIER_RATES = (
    ((0.00015, 0.0002, 0.00025, 0.0003), (0.15, 0.30, 0.35, 0.20)),
    ((0.00012, 0.00015, 0.0002, 0.00025), (0.15, 0.35, 0.35, 0.15)),
    ((0.0001, 0.00012, 0.00015, 0.0002), (0.20, 0.35, 0.30, 0.15)),
    ((0.0001, 0.00012, 0.00015, 0.0002), (0.30, 0.35, 0.25, 0.10)),
    ((0.0001, 0.00012, 0.00015, 0.0002), (0.40, 0.35, 0.20, 0.05)),
)
_WAIVE_MINIMUM = (0.50, 0.60, 0.75, 0.85, 0.90)
MIN_COMMISSION_FEN = tc.DEFAULT_MINIMUM_FEN


@dataclass
class Population:
    n: int
    tier: np.ndarray
    wealth: np.ndarray  # fen, the account's size at the start of its data
    status: np.ndarray
    institution: np.ndarray
    open_date: np.ndarray  # datetime64[D]
    first_day: np.ndarray  # first trading-day index with data; D when the account has none (closed earlier)
    style: np.ndarray
    risk_level: np.ndarray  # 1..5
    assessed_on: np.ndarray  # datetime64[D]
    behaviour: np.ndarray
    exit_day: np.ndarray  # day positions are liquidated (churning / closed in the window), else D
    skill: np.ndarray  # -1 weak, 0 average, +1 skilled
    new_pref: np.ndarray
    fav_industry: np.ndarray
    fav_share: np.ndarray
    growth_share: np.ndarray
    slots: np.ndarray
    hold_days: np.ndarray
    gap_days: np.ndarray
    sec_ratio: np.ndarray
    idle: np.ndarray  # holds cash, never trades in the window
    star_ok: np.ndarray  # may buy STAR / BSE shares (met the permission's threshold)
    chinext_ok: np.ndarray  # may buy ChiNext shares
    rate: np.ndarray  # agreed commission rate (fraction)
    min_fee: np.ndarray  # minimum commission per trade, fen (0 when waived)
    manager: np.ndarray  # index into the demo's investment managers
    birth: np.ndarray  # datetime64[D]; NaT for institutions
    manager_quality: np.ndarray  # per manager, 0..1: how often and how well they serve their book
    manager_years: np.ndarray  # per manager, years since hire at the as-of date


def _counts(n: int, shares: tuple[float, ...]) -> np.ndarray:
    counts = np.floor(np.array(shares) * n).astype(np.int64)
    if n >= len(shares):
        counts = np.maximum(counts, 1)  # every grade appears even in a small demo
    counts[0] += n - counts.sum()
    return counts


def draw_population(n: int, n_managers: int, market: Market, as_of: date, seed: int) -> Population:
    rng = np.random.default_rng([seed, 1])
    days = market.days
    n_days = len(days)
    day64 = np.array(days, dtype="datetime64[D]")
    as_of64 = np.datetime64(as_of, "D")
    window_start = np.datetime64(as_of - timedelta(days=364), "D")

    tier = rng.permutation(np.repeat(np.arange(5), _counts(n, _TIER_SHARE)))
    lo = np.array([r[0] for r in _TIER_RANGE_YUAN], dtype=float)[tier]
    hi = np.array([r[1] for r in _TIER_RANGE_YUAN], dtype=float)[tier]
    # Within a tier, log-uniform but skewed to the bottom: most accounts are small.
    u = rng.random(n) ** 1.6
    wealth_yuan = np.exp(np.log(lo) + u * (np.log(hi) - np.log(lo)))
    institution = rng.random(n) < np.array([0.005, 0.02, 0.06, 0.12, 0.25])[tier]

    # Status: dormant accounts are tiny and idle; some accounts closed (half of them within the window).
    r = rng.random(n)
    status = np.full(n, ACTIVE)
    status[(r < _DORMANT_SMALL) & (tier == 0)] = DORMANT
    status[(r > 0.965) & (tier <= 2)] = CLOSED
    closed_earlier = (status == CLOSED) & (rng.random(n) < 0.5)
    wealth_yuan = np.where(status == DORMANT, rng.uniform(20, 990, n), wealth_yuan)
    wealth = np.rint(wealth_yuan * 100).astype(np.int64)

    # Open dates: ~8 % within the last 180 days (new accounts), ~5 % earlier in the window, the rest
    # spread since 2004.
    r = rng.random(n)
    new_acct = (r < 0.08) & (status == ACTIVE)
    mid_acct = (r >= 0.08) & (r < 0.13) & (status == ACTIVE)
    oldest = np.datetime64("2004-01-05")
    span_old = int((window_start - oldest).astype(int))
    open_date = window_start - 1 - rng.integers(0, span_old, n)
    open_date = np.where(new_acct, as_of64 - rng.integers(0, 180, n), open_date)
    open_date = np.where(mid_acct, as_of64 - rng.integers(180, 365, n), open_date)
    first_day = np.searchsorted(day64, open_date).astype(np.int64)
    first_day = np.minimum(first_day, n_days - 1)
    first_day[closed_earlier] = n_days

    # Birth dates: 20-78 years old today and at least 18 at opening.
    age_days = np.clip(rng.normal(46, 12, n), 20, 78) * 365.25
    birth = as_of64 - age_days.astype(np.int64)
    birth = np.minimum(birth, open_date - int(18 * 365.25) - 1)
    birth = np.where(institution, np.datetime64("NaT"), birth)

    # Behaviour style and the declared risk level (correlated, with deliberate mismatches).
    style = rng.choice(3, n, p=[0.30, 0.45, 0.25])
    level_p = np.array(
        [[0.20, 0.40, 0.40, 0.0, 0.0], [0.03, 0.09, 0.55, 0.33, 0.0], [0.0, 0.06, 0.14, 0.45, 0.35]]
    )
    cum = np.cumsum(level_p[style], axis=1)
    risk_level = 1 + (rng.random(n)[:, None] > cum).sum(axis=1)
    risk_level = np.minimum(risk_level, 5)
    recent = new_acct | mid_acct
    age_of_assessment = rng.integers(0, 1500, n)
    assessed_on = np.maximum(as_of64 - age_of_assessment, open_date)
    assessed_on = np.where(recent, open_date, assessed_on)

    # Behaviour over the year.
    r = rng.random(n)
    behaviour = np.full(n, NORMAL)
    behaviour[r < 0.10] = GROWING
    behaviour[(r >= 0.10) & (r < 0.20)] = SHRINKING
    behaviour[(r >= 0.20) & (r < 0.26)] = QUIET
    behaviour[(r >= 0.26) & (r < 0.31)] = CHURNING
    behaviour[recent & (behaviour != GROWING)] = NORMAL
    behaviour[status == DORMANT] = NORMAL
    closing = (status == CLOSED) & ~closed_earlier
    behaviour[closing] = CHURNING

    # Managers: experience, and a service quality that grows with it but varies. Clients of weak managers
    # drift away more often, which is what the capability score should pick up.
    mrng = np.random.default_rng([seed, 7])
    manager_years = mrng.uniform(0.5, 20.0, n_managers)
    quality = np.clip(0.15 + manager_years / 25 + mrng.normal(0, 0.2, n_managers), 0.0, 1.0)
    weights = mrng.uniform(0.6, 1.4, n_managers)
    manager = mrng.choice(n_managers, n, p=weights / weights.sum())
    if n >= n_managers:
        manager[:n_managers] = np.arange(n_managers)  # nobody starts with an empty book
    weak = (quality[manager] < 0.4) & (behaviour == NORMAL) & (status == ACTIVE) & ~recent
    drift = rng.random(n)
    behaviour[weak & (drift < 0.12)] = CHURNING
    behaviour[weak & (drift >= 0.12) & (drift < 0.3)] = SHRINKING
    behaviour[closed_earlier] = NORMAL
    exit_day = np.full(n, n_days, dtype=np.int64)
    churn = behaviour == CHURNING
    exit_day[churn] = rng.integers(n_days - 80, n_days - 15, churn.sum())
    exit_day[closing] = rng.integers(max(n_days // 3, 1), n_days - 10, closing.sum())

    skill = rng.choice([-1, 0, 1], n, p=[0.25, 0.5, 0.25])
    new_pref = (rng.random(n) < 0.08) & (style != CONSERVATIVE)
    fav_industry = rng.integers(0, len(market.industries), n)
    fav_share = rng.uniform(0.2, 0.7, n)
    growth_share = np.array([0.0, 0.2, 0.45])[style]
    hyper = (style == AGGRESSIVE) & (rng.random(n) < 0.12)
    concentrated = (style == AGGRESSIVE) & ~hyper & (rng.random(n) < 0.4)
    growth_only = (style == AGGRESSIVE) & ~hyper & ~concentrated
    growth_share = np.where(growth_only, 0.85, growth_share)
    # Conservative and balanced books are spread over several stocks (no position near half the book).
    slots = np.select(
        [style == CONSERVATIVE, style == BALANCED],
        [rng.integers(4, 8, n), rng.integers(4, 8, n)],
        rng.integers(2, 5, n),
    )
    slots = np.where(concentrated, 1, slots)
    # Large accounts spread over more positions.
    slots = np.where(tier >= 3, slots + 1, slots)
    hold_days = np.select(
        [style == CONSERVATIVE, style == BALANCED],
        [rng.uniform(80, 260, n), rng.uniform(40, 160, n)],
        rng.uniform(12, 50, n),
    )
    hold_days = np.where(hyper, rng.uniform(3, 8, n), hold_days)
    gap_days = np.select(
        [style == CONSERVATIVE, style == BALANCED],
        [rng.uniform(5, 20, n), rng.uniform(1, 8, n)],
        rng.uniform(0.3, 3, n),
    )
    sec_ratio = np.select(
        [style == CONSERVATIVE, style == BALANCED],
        [rng.uniform(0.08, 0.28, n), rng.uniform(0.45, 0.85, n)],
        rng.uniform(0.75, 0.95, n),
    )
    # Calibration draws come from their own stream so the older draws above stay as they were.
    crng = np.random.default_rng([seed, 8])
    idle = (
        (crng.random(n) < np.array(_IDLE)[tier])
        & (status == ACTIVE)
        & ~recent
        & (behaviour == NORMAL)
        & (first_day < n_days)
    )
    experienced = open_date <= window_start - 731
    exception = (style == AGGRESSIVE) & (crng.random(n) < _BOARD_EXCEPTION)
    star_ok = (experienced & (wealth >= _STAR_WEALTH_FEN)) | exception
    chinext_ok = (experienced & (wealth >= _CHINEXT_WEALTH_FEN)) | exception
    rate = np.zeros(n)
    for t, (tier_rates, tier_weights) in enumerate(_TIER_RATES):
        sel = tier == t
        rate[sel] = rng.choice(np.array(tier_rates), int(sel.sum()), p=tier_weights)
    min_fee = np.where(rng.random(n) < np.array(_WAIVE_MINIMUM)[tier], 0, MIN_COMMISSION_FEN).astype(np.int64)
    if stories.active(n):
        old = window_start - 2400  # long-standing accounts: experienced enough for every board
        for story in stories.STORIES:
            i = story.index
            status[i], institution[i], open_date[i], first_day[i] = ACTIVE, False, old, 0
            idle[i], new_pref[i], behaviour[i], exit_day[i] = False, False, NORMAL, n_days
            star_ok[i] = chinext_ok[i] = True
            slots[i], hold_days[i], gap_days[i], sec_ratio[i] = 4, 60.0, 3.0, 0.7
            style[i], risk_level[i], growth_share[i], skill[i] = BALANCED, 3, 0.2, 0
            if np.isnat(birth[i]) or birth[i] > old - 9000:
                birth[i] = old - 9000
        plan = {  # index: (tier, wealth in yuan, style, declared level, growth share)
            stories.CHURN_RESULTS.index: (1, 800_000, AGGRESSIVE, 4, 0.45),
            stories.CHURN_PRICE.index: (1, 600_000, BALANCED, 3, 0.2),
            stories.CHURN_SERVICE.index: (1, 500_000, BALANCED, 3, 0.2),
            stories.VIOLATION.index: (2, 1_500_000, AGGRESSIVE, 2, 0.85),
            stories.WARNED.index: (2, 2_000_000, AGGRESSIVE, 3, 0.85),
            stories.RED_FLAG.index: (1, 400_000, BALANCED, 3, 0.2),
            stories.REASSIGNMENT.index: (2, 1_800_000, BALANCED, 4, 0.2),
            stories.LOST_RECORDED.index: (1, 300_000, BALANCED, 3, 0.2),
            stories.CAMPAIGN.index: (2, 1_200_000, BALANCED, 4, 0.2),
        }
        for i, (t, yuan, st, lvl, gs) in plan.items():
            tier[i], wealth[i], style[i], risk_level[i], growth_share[i] = t, yuan * 100, st, lvl, gs
            if st == AGGRESSIVE:
                slots[i], hold_days[i], gap_days[i], sec_ratio[i] = 3, 20.0, 1.0, 0.9
        for story, days_before in (
            (stories.CHURN_RESULTS, 40),
            (stories.CHURN_PRICE, 35),
            (stories.CHURN_SERVICE, 50),
        ):
            behaviour[story.index], exit_day[story.index] = CHURNING, n_days - days_before
        skill[stories.CHURN_RESULTS.index] = -1
        rate[stories.CHURN_PRICE.index], min_fee[stories.CHURN_PRICE.index] = 0.0003, MIN_COMMISSION_FEN
        manager[stories.CHURN_SERVICE.index] = int(np.argmin(quality))
        # the lost story sold out and moved the money away before its transfer (demo/flow.py); neither new
        # story is about boards
        lost = stories.LOST_RECORDED.index
        behaviour[lost], exit_day[lost] = CHURNING, n_days - 16
        star_ok[lost] = star_ok[stories.CAMPAIGN.index] = False

    return Population(
        n,
        tier,
        wealth,
        status,
        institution,
        open_date,
        first_day,
        style,
        risk_level,
        assessed_on,
        behaviour,
        exit_day,
        skill,
        new_pref,
        fav_industry,
        fav_share,
        growth_share,
        slots,
        hold_days,
        gap_days,
        sec_ratio,
        idle,
        star_ok,
        chinext_ok,
        rate,
        min_fee,
        manager,
        birth,
        quality,
        manager_years,
    )


@dataclass
class Pools:
    """Stock pools for the pickers: concatenated code indices with per-pool offset and length."""

    items: np.ndarray
    offset: np.ndarray
    length: np.ndarray
    main: int
    growth: int
    new: int
    industry0: int


def build_pools(market: Market) -> Pools:
    established = market.listed_from <= 0
    # Listed within the window or in the year before it: new listings (次新股) at some point of the window.
    recent = (market.listed_from > 0) | np.array(
        [(market.days[0] - s.list_date).days < 365 for s in market.securities]
    )
    pools = [
        np.nonzero(established & (market.board == 0))[0],
        np.nonzero(established & (market.board > 0))[0],
        np.nonzero(recent)[0],
    ]
    for k in range(len(market.industries)):
        members = np.nonzero(established & (market.industry == k))[0]
        pools.append(members if len(members) else pools[0])
    if len(pools[2]) == 0:
        pools[2] = pools[1]
    length = np.array([len(p) for p in pools], dtype=np.int64)
    offset = np.concatenate([[0], np.cumsum(length)[:-1]]).astype(np.int64)
    return Pools(np.concatenate(pools).astype(np.int64), offset, length, 0, 1, 2, 3)


@dataclass
class Block:
    lo: int
    hi: int
    # daily snapshots (client index is global, day is a trading-day index)
    snap_client: np.ndarray
    snap_day: np.ndarray
    cash: np.ndarray
    securities_value: np.ndarray
    net_inflow: np.ndarray
    # trades
    trade_client: np.ndarray
    trade_day: np.ndarray
    trade_sec: np.ndarray
    trade_sell: np.ndarray
    trade_qty: np.ndarray
    trade_price: np.ndarray  # fen
    trade_amount: np.ndarray  # fen
    trade_commission: np.ndarray  # fen
    # month-end holdings
    hold_client: np.ndarray
    hold_day: np.ndarray
    hold_sec: np.ndarray
    hold_qty: np.ndarray
    hold_cost: np.ndarray  # fen
    hold_value: np.ndarray  # fen
    # last day with data per client (for the touch history), -1 when none
    last_day: np.ndarray


def _fill_price(market: Market, sec: np.ndarray, day: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """An execution price near the close, inside the day's limit, on the fen grid."""
    close = market.close[sec, day]
    noise = np.clip(rng.normal(0.0, 0.006, len(sec)), -market.limit[sec] * 0.5, market.limit[sec] * 0.5)
    return np.maximum(np.rint(close * (1.0 + noise)), 1).astype(np.int64)


def _commission(amount: np.ndarray, rate: np.ndarray, minimum: np.ndarray) -> np.ndarray:
    return tc.commission(amount, rate, minimum)


def simulate_block(
    pop: Population,
    market: Market,
    pools: Pools,
    month_ends: np.ndarray,
    lo: int,
    hi: int,
    seed: int,
    block_no: int,
) -> Block:
    rng = np.random.default_rng([seed, 3, block_no])
    n = hi - lo
    n_days = len(market.days)
    sl = slice(lo, hi)
    first = pop.first_day[sl]
    status = pop.status[sl]
    behaviour = pop.behaviour[sl]
    exit_day = pop.exit_day[sl]
    wealth = pop.wealth[sl]
    has_data = first < n_days
    trading = has_data & (status != DORMANT) & ~pop.idle[sl]
    # The last day a new position may be opened, and the day after which quiet clients stop trading.
    start_limit = np.where(exit_day < n_days, exit_day - 1, n_days - 1)
    quiet_cut = n_days - 91
    start_limit = np.where(behaviour == QUIET, quiet_cut, start_limit)

    # ---- episodes -------------------------------------------------------------------------------
    slot_client = np.repeat(np.nonzero(trading)[0], pop.slots[sl][trading])
    n_slots = len(slot_client)
    budget = wealth[slot_client] * pop.sec_ratio[sl][slot_client] / pop.slots[sl][slot_client]
    new_acct = pop.first_day[sl][slot_client] > 0
    cur = first[slot_client] + np.where(new_acct, rng.integers(0, 10, n_slots), rng.integers(0, 4, n_slots))
    done = np.zeros(n_slots, dtype=bool)
    ep: dict[str, list[np.ndarray]] = {
        k: [] for k in ("c", "s", "b", "e1", "q1", "e", "q", "pb", "ps1", "ps")
    }
    growth_p = pop.growth_share[sl][slot_client]
    fav_p = pop.fav_share[sl][slot_client]
    new_p = np.where(pop.new_pref[sl][slot_client], 0.6, 0.0)
    fav_pool = pools.industry0 + pop.fav_industry[sl][slot_client]
    skill = pop.skill[sl][slot_client]
    star_ok = pop.star_ok[sl]
    chinext_ok = pop.chinext_ok[sl]
    hold = pop.hold_days[sl][slot_client]
    gap_mean = pop.gap_days[sl][slot_client]
    for _ in range(MAX_EPISODES):
        act = ~done & (cur <= start_limit[slot_client])
        if not act.any():
            break
        r = np.nonzero(act)[0]
        m = len(r)
        b = cur[r]
        u = rng.random(m)
        pool = np.where(
            u < new_p[r],
            pools.new,
            np.where(
                u < new_p[r] + growth_p[r] * (1 - new_p[r]),
                pools.growth,
                np.where(rng.random(m) < fav_p[r], fav_pool[r], pools.main),
            ),
        )
        sec = pools.items[pools.offset[pool] + (rng.random(m) * pools.length[pool]).astype(np.int64)]
        unlisted = market.listed_from[sec] > b
        if unlisted.any():
            k = int(unlisted.sum())
            sec[unlisted] = pools.items[
                pools.offset[pools.main] + (rng.random(k) * pools.length[pools.main]).astype(np.int64)
            ]
        c_local = slot_client[r]
        # Board permissions: only clients who met the threshold buy ChiNext, STAR or BSE shares.
        bd = market.board[sec]
        banned = ((bd >= 2) & ~star_ok[c_local]) | ((bd == 1) & ~chinext_ok[c_local])
        if banned.any():
            k = int(banned.sum())
            sec[banned] = pools.items[
                pools.offset[pools.main] + (rng.random(k) * pools.length[pools.main]).astype(np.int64)
            ]
        # Retail exits (the disposition effect): take a small profit as soon as it shows, hold losers
        # longer hoping to get even; skilled clients cut losers at the planned day, weak ones hold longest.
        d1 = np.maximum(1, np.rint(rng.lognormal(np.log(hold[r]), 0.6))).astype(np.int64)
        sk = skill[r]
        take = rng.uniform(0.08, 0.20, m)
        ref = market.close[sec, b]
        span_max = int(min(d1.max(initial=1), n_days))
        k_days = np.arange(1, span_max + 1)
        idx = np.minimum(b[:, None] + k_days[None, :], n_days - 1)
        hit = (market.close[sec[:, None], idx] >= (ref * (1 + take))[:, None]) & (
            k_days[None, :] <= d1[:, None]
        )
        hit &= (b[:, None] + k_days[None, :]) <= n_days - 1
        first_hit = np.where(hit.any(axis=1), np.argmax(hit, axis=1) + 1, d1)
        loser = market.close[sec, np.minimum(b + d1, n_days - 1)] < ref
        p_hold = np.select([sk > 0, sk < 0], [0.1, 0.6], 0.35)
        extend = loser & (first_hit == d1) & (rng.random(m) < p_hold)
        end = b + first_hit + np.where(extend, np.rint(d1 * rng.uniform(0.5, 1.5, m)).astype(np.int64), 0)
        ex = exit_day[c_local]
        end = np.minimum(end, ex)
        quiet = behaviour[c_local] == QUIET
        end = np.where(quiet & (end > quiet_cut), n_days, end)
        end = np.minimum(end, n_days)
        # A lot (100 shares) far above the slot's budget: small accounts look for a cheaper stock.
        for _retry in range(3):
            dear = market.close[sec, b] * 100 > 1.5 * budget[r]
            if not dear.any():
                break
            k = int(dear.sum())
            sec[dear] = pools.items[
                pools.offset[pools.main] + (rng.random(k) * pools.length[pools.main]).astype(np.int64)
            ]
        pb = _fill_price(market, sec, b, rng)
        lot = pb * 100
        qty = np.rint(budget[r] / lot).astype(np.int64) * 100
        # Still at least one lot when the account can pay for it; otherwise the slot sits idle.
        qty = np.where((qty == 0) & (lot <= wealth[c_local] * 0.5), 100, qty)
        ok = qty > 0
        sold = end < n_days
        split = ok & sold & (qty >= 200) & (end - b >= 2) & (rng.random(m) < 0.25)
        e1 = np.where(split, b + 1 + (rng.random(m) * np.maximum(end - b - 1, 1)).astype(np.int64), end)
        e1 = np.minimum(e1, end)
        q1 = np.where(split, np.clip(np.rint(qty * rng.uniform(0.3, 0.7, m) / 100) * 100, 100, qty - 100), 0)
        q1 = q1.astype(np.int64)
        ps_day = np.minimum(end, n_days - 1)
        ps = _fill_price(market, sec, ps_day, rng)
        ps1 = _fill_price(market, sec, np.minimum(e1, n_days - 1), rng)
        for key, val in (
            ("c", c_local),
            ("s", sec),
            ("b", b),
            ("e1", e1),
            ("q1", q1),
            ("e", end),
            ("q", qty),
            ("pb", pb),
            ("ps1", ps1),
            ("ps", ps),
        ):
            ep[key].append(val[ok])
        gap = rng.geometric(1.0 / (1.0 + gap_mean[r])) - 1
        nxt = end + gap
        done[r] = end >= n_days
        cur[r] = nxt
    e_c, e_s, e_b, e_e1, e_q1, e_e, e_q, e_pb, e_ps1, e_ps = (
        np.concatenate(ep[k]) if ep[k] else np.zeros(0, dtype=np.int64)
        for k in ("c", "s", "b", "e1", "q1", "e", "q", "pb", "ps1", "ps")
    )
    order = np.lexsort((e_b, e_c))
    e_c, e_s, e_b, e_e1, e_q1, e_e, e_q, e_pb, e_ps1, e_ps = (
        a[order] for a in (e_c, e_s, e_b, e_e1, e_q1, e_e, e_q, e_pb, e_ps1, e_ps)
    )
    rate = pop.rate[sl]
    min_fee = pop.min_fee[sl]
    shanghai = tc.is_shanghai([x.code for x in market.securities])
    day64 = np.array(market.days, dtype="datetime64[D]")

    # ---- trades ---------------------------------------------------------------------------------
    split = e_q1 > 0
    sold = e_e < n_days
    t_c = np.concatenate([e_c, e_c[split], e_c[sold]])
    t_d = np.concatenate([e_b, e_e1[split], e_e[sold]])
    t_s = np.concatenate([e_s, e_s[split], e_s[sold]])
    t_sell = np.concatenate(
        [np.zeros(len(e_c), bool), np.ones(int(split.sum()), bool), np.ones(int(sold.sum()), bool)]
    )
    t_q = np.concatenate([e_q, e_q1[split], (e_q - e_q1)[sold]])
    t_p = np.concatenate([e_pb, e_ps1[split], e_ps[sold]])
    t_amt = t_q * t_p
    t_com = _commission(t_amt, rate[t_c], min_fee[t_c])
    # Stamp duty (sells) and the transfer fee leave the client's cash too; they are not the broker's income,
    # so they are not in the trade's commission (see crm_desktop.domain.trading_costs).
    t_fee = tc.stamp_duty(t_amt, t_sell, day64[t_d]) + tc.transfer_fee(t_amt, t_q, shanghai[t_s], day64[t_d])
    order = np.lexsort((t_s, ~t_sell, t_d, t_c))
    t_c, t_d, t_s, t_sell, t_q, t_p, t_amt, t_com, t_fee = (
        a[order] for a in (t_c, t_d, t_s, t_sell, t_q, t_p, t_amt, t_com, t_fee)
    )

    # ---- securities value -----------------------------------------------------------------------
    dcol = np.arange(n_days)[None, :]
    held = np.where((dcol >= e_b[:, None]) & (dcol < e_e1[:, None]), e_q[:, None], 0) + np.where(
        (dcol >= e_e1[:, None]) & (dcol < e_e[:, None]), (e_q - e_q1)[:, None], 0
    )
    value = held * market.close[e_s]
    sv = np.zeros((n, n_days), dtype=np.int64)
    if len(e_c):
        starts = np.concatenate([[0], np.nonzero(np.diff(e_c))[0] + 1])
        sv[e_c[starts]] = np.add.reduceat(value, starts, axis=0)
    del held, value

    # ---- cash and transfers ---------------------------------------------------------------------
    flow = np.zeros((n, n_days), dtype=np.int64)
    np.add.at(flow, (t_c, t_d), np.where(t_sell, t_amt - t_com - t_fee, -(t_amt + t_com + t_fee)))
    inflow = np.zeros((n, n_days), dtype=np.int64)
    opened_in_window = pop.first_day[sl] > 0
    idx_new = np.nonzero(opened_in_window & has_data)[0]
    inflow[idx_new, first[idx_new]] += wealth[idx_new]
    cash0 = np.where(opened_in_window | ~has_data, 0, wealth)
    last_flow_day = np.where(exit_day < n_days, exit_day - 1, n_days - 1)
    # occasional deposits
    n_dep = rng.poisson(1.2, n) * trading
    dep_c = np.repeat(np.arange(n), n_dep)
    span = np.maximum(last_flow_day[dep_c] - first[dep_c], 1)
    dep_d = first[dep_c] + (rng.random(len(dep_c)) * span).astype(np.int64)
    dep_amt = np.rint(wealth[dep_c] * rng.lognormal(np.log(0.06), 0.8, len(dep_c)) / 10000) * 10000
    np.add.at(inflow, (dep_c, dep_d), dep_amt.astype(np.int64))
    # growing accounts add savings every month
    grow = np.nonzero((behaviour == GROWING) & trading)[0]
    for me in month_ends[:-1]:
        rows = grow[first[grow] <= me]
        amt = np.rint(wealth[rows] * rng.uniform(0.05, 0.12, len(rows)) / 10000) * 10000
        inflow[rows, me] += amt.astype(np.int64)
    cash = cash0[:, None] + np.cumsum(flow + inflow, axis=1)
    # Buying more than the cash on hand is not possible: the client transferred money in first.
    low = cash.min(axis=1)
    need = np.nonzero(low < 0)[0]
    if len(need):
        t0 = np.argmax(cash[need] < 0, axis=1)
        amt = (np.ceil(-low[need] / 100_000) * 100_000 + 100_000).astype(np.int64)
        inflow[need, t0] += amt
        cash[need] += amt[:, None] * (np.arange(n_days)[None, :] >= t0[:, None])

    def withdraw(rows: np.ndarray, days: np.ndarray, frac: np.ndarray, exact: bool = False) -> None:
        """Outflows never exceed the cash the account holds from that day on."""
        futmin = np.minimum.accumulate(cash[rows, ::-1], axis=1)[:, ::-1]
        avail = futmin[np.arange(len(rows)), days]
        amt = avail if exact else (np.floor(avail * frac / 10000) * 10000).astype(np.int64)
        amt = np.maximum(amt, 0)
        inflow[rows, days] -= amt
        cash[rows] -= amt[:, None] * (np.arange(n_days)[None, :] >= days[:, None])

    # occasional withdrawals, and repeated ones for shrinking accounts (one per client per round)
    n_wd = rng.poisson(0.8, n) * trading + np.where(behaviour == SHRINKING, 3, 0) * trading
    for k in range(int(n_wd.max(initial=0))):
        rows = np.nonzero(n_wd > k)[0]
        if len(rows) == 0:
            break
        lo_d = np.where(behaviour[rows] == SHRINKING, np.maximum(first[rows], n_days - 200), first[rows])
        span = np.maximum(last_flow_day[rows] - lo_d, 1)
        days = np.minimum(lo_d + (rng.random(len(rows)) * span).astype(np.int64), n_days - 1)
        frac = np.where(
            behaviour[rows] == SHRINKING,
            rng.uniform(0.2, 0.35, len(rows)),
            rng.uniform(0.03, 0.15, len(rows)),
        )
        withdraw(rows, days, frac)
    # churning clients sell out and move most of the money away; closing clients move all of it
    churners = np.nonzero((exit_day < n_days) & trading)[0]
    if len(churners):
        closing = status[churners] == CLOSED
        out_day = np.minimum(exit_day[churners] + rng.integers(0, 3, len(churners)), n_days - 1)
        frac = np.where(closing, 1.0, rng.uniform(0.5, 1.0, len(churners)))
        for exact in (False, True):
            sel = closing == exact
            if sel.any():
                withdraw(churners[sel], out_day[sel], frac[sel], exact=exact)
        last_day = np.where(has_data, n_days - 1, -1)
        last_day[churners[closing]] = out_day[closing]
    else:
        last_day = np.where(has_data, n_days - 1, -1)

    # ---- snapshot rows ------------------------------------------------------------------------
    mask = (dcol >= first[:, None]) & (dcol <= last_day[:, None])
    ci, di = np.nonzero(mask)
    snap_cash = cash[ci, di]
    snap_sv = sv[ci, di]
    snap_in = inflow[ci, di]

    # ---- month-end holdings -------------------------------------------------------------------
    me = month_ends[None, :]
    hq = np.where((me >= e_b[:, None]) & (me < e_e1[:, None]), e_q[:, None], 0) + np.where(
        (me >= e_e1[:, None]) & (me < e_e[:, None]), (e_q - e_q1)[:, None], 0
    )
    ei, mi = np.nonzero(hq)
    h_q = hq[ei, mi]
    h_day = month_ends[mi]
    h_c = e_c[ei]
    h_s = e_s[ei]
    # Cost of what is still held: its buy amount plus the matching share of the buy commission and fee.
    buy_amt = e_q * e_pb
    buy_comm = _commission(buy_amt, rate[e_c], min_fee[e_c]) + tc.transfer_fee(
        buy_amt, e_q, shanghai[e_s], day64[e_b]
    )
    h_cost = h_q * e_pb[ei] + np.rint(buy_comm[ei] * h_q / e_q[ei]).astype(np.int64)
    h_val = h_q * market.close[h_s, h_day]
    if len(h_c):
        # One row per client, day and code even when two slots hold the same stock.
        o = np.lexsort((h_s, h_day, h_c))
        h_c, h_day, h_s, h_q, h_cost, h_val = (a[o] for a in (h_c, h_day, h_s, h_q, h_cost, h_val))
        key_change = np.concatenate(
            [[True], (np.diff(h_c) != 0) | (np.diff(h_day) != 0) | (np.diff(h_s) != 0)]
        )
        starts = np.nonzero(key_change)[0]
        h_q, h_cost, h_val = (np.add.reduceat(a, starts) for a in (h_q, h_cost, h_val))
        h_c, h_day, h_s = h_c[starts], h_day[starts], h_s[starts]

    return Block(
        lo,
        hi,
        ci + lo,
        di,
        snap_cash,
        snap_sv,
        snap_in,
        t_c + lo,
        t_d,
        t_s,
        t_sell,
        t_q,
        t_p,
        t_amt,
        t_com,
        h_c + lo,
        h_day,
        h_s,
        h_q,
        h_cost,
        h_val,
        last_day,
    )
