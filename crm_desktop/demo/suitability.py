"""Suitability records for the demo branch, shaped like a branch that mostly does it right.

Derived from the demo's own trades and holdings so the register tells a believable story: nearly
every client trading ChiNext/STAR/BSE opened the permission before the first trade, nearly every
purchase above the client's level was preceded by a confirmed special risk warning, assessments
are mostly current; a small, deterministic share of each is left wrong so the register is not
empty. Runs as the last step of the demo set-up and ends with a suitability check.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import bindparam, func, insert, select, update

from crm_desktop.db.models import (
    Client,
    Product,
    RiskProfile,
    RiskWarning,
    Security,
    Staff,
    TradingPermission,
)
from crm_desktop.db.store import Store
from crm_desktop.db.types import utcnow
from crm_desktop.demo import stories
from crm_desktop.domain import suitability as rule
from crm_desktop.services import suitability

# Shares left wrong on purpose (the rest is done right).
NO_WARNING = 0.002  # per client and product above level: about 1 % of clients unwarned
LATE_PERMISSION = 0.01
EXPIRED = 0.10  # of the assessments older than two years: about 4-5 % of all clients
LOWEST_VIOLATION = 0.01

PRODUCTS = (
    ("510300", "沪深300ETF", "fund", "R3"),
    ("511010", "国债ETF", "fund", "R2"),
    ("WM2026A", "稳盈365天理财", "wealth", "R2"),
    ("FOF001", "多元配置FOF", "fund", "R3"),
    ("ADV-GOLD", "金牛投顾组合服务", "advisory", "R4"),
    ("BOND2031", "国开债2031", "bond", "R1"),
)
_CHANNELS = np.array(["phone_recorded", "online", "in_person", "paper"], dtype=object)
_CHANNEL_P = [0.45, 0.40, 0.10, 0.05]


def add_demo_suitability(store: Store, as_of: date, seed: int = 20240601) -> suitability.CheckSummary:
    rng = np.random.default_rng(seed + 14)
    cfg = suitability.load_config()
    now = utcnow()
    with store.transaction() as session:
        conn = session.connection()
        _products(conn, now)
        _advisers(session, rng)
        clients = pd.DataFrame(
            conn.execute(
                select(
                    Client.id,
                    Client.client_type,
                    Client.risk_level,
                    Client.risk_assessed_on,
                    Client.open_date,
                    Client.client_no,
                )
                # the random draws are taken by row position: the same order on every backend
                .order_by(Client.id)
            ).all(),
            columns=["client_id", "client_type", "level", "assessed_on", "open_date", "client_no"],
        )
        # Story clients (docs/demo.md): one never warned, one always warned.
        by_no = dict(zip(clients["client_no"], clients["client_id"], strict=True))
        never = {by_no.get(stories.VIOLATION.client_no)} - {None}
        always = {by_no.get(stories.WARNED.client_no)} - {None}
        if clients.empty:
            return suitability.run_check(store, None, as_of)
        n = len(clients)
        client_ids = clients["client_id"].to_numpy()
        level = clients["level"].str[1:].astype(np.int64).to_numpy()
        opened = np.array([rule.day_number(d) for d in clients["open_date"]], dtype=np.int64)
        assessed = np.array(
            [
                rule.day_number(d or o)
                for d, o in zip(clients["assessed_on"], clients["open_date"], strict=True)
            ],
            dtype=np.int64,
        )
        today = rule.day_number(as_of)
        # Expired assessments were mostly redone in the suitability system (same result), within two years.
        stale = assessed + 730 < today
        redo = stale & (rng.random(n) >= EXPIRED)
        redone = np.maximum(today - rng.integers(5, 700, n), opened)
        # The rest were redone too, but that assessment lapsed within the last few weeks: an ordinary
        # day's reassessments, not a pile of two-year-old ones.
        lapsed = stale & ~redo
        redone = np.where(lapsed, np.maximum(today - 731 - rng.integers(0, 45, n), opened), redone)
        redo = redo | lapsed
        professional = (clients["client_type"] == "institution").to_numpy() | (
            (level == 5) & (rng.random(n) < 0.03)
        )

        # The rule's own inputs (same layer): ratings and permissions exactly as the check sees them.
        inputs = suitability._load(session, None, as_of, cfg)
        ev = inputs.events.merge(
            pd.DataFrame({"client_id": clients["client_id"], "_i": np.arange(n)}), on="client_id"
        )
        i = ev["_i"].to_numpy()
        above_r1 = np.zeros(n, dtype=bool)
        above_r1[i[ev["rating"].to_numpy() > 1]] = True
        lowest = (
            (level == 1)
            & ~professional
            & ((~above_r1 & (rng.random(n) < 0.3)) | (above_r1 & (rng.random(n) < LOWEST_VIOLATION)))
        )

        profiles: list[dict[str, Any]] = []
        for k in range(n):
            first = int(assessed[k])
            rows = [first] + ([int(redone[k])] if redo[k] and redone[k] > first else [])
            for a in rows:
                d = rule.from_day_number(a)
                profiles.append(
                    {
                        "client_id": int(client_ids[k]),
                        "level": f"C{level[k]}",
                        "lowest_category": bool(lowest[k]),
                        "assessed_on": d,
                        "valid_until": rule.default_valid_until(d, cfg),
                        "investor_class": "professional" if professional[k] else "ordinary",
                        "created_at": now,
                        "updated_at": now,
                    }
                )
        conn.execute(insert(RiskProfile), profiles)
        latest = {p["client_id"]: p["assessed_on"] for p in profiles}
        before = dict(zip(clients["client_id"].tolist(), clients["assessed_on"].tolist(), strict=True))
        moved = [{"cid": cid, "d": d} for cid, d in latest.items() if before.get(cid) != d]
        if moved:
            conn.execute(
                update(Client).where(Client.id == bindparam("cid")).values(risk_assessed_on=bindparam("d")),
                moved,
            )

        # Board permissions: opened before the first trade or holding on the board, a few after it.
        board_ev = ev[ev["permission"] != ""]
        first_on_board = board_ev.groupby(["client_id", "permission", "_i"], as_index=False)["day"].min()
        m = len(first_on_board)
        fi = first_on_board["_i"].to_numpy()
        fd = first_on_board["day"].to_numpy()
        late = rng.random(m) < LATE_PERMISSION
        # Opened after the 24 months of experience the permission requires (the exceptions aside).
        before = np.maximum(fd - rng.integers(20, 500, m), opened[fi] + 731)
        open_day = np.where(late, fd + rng.integers(1, 20, m), np.minimum(before, fd))
        perms = [
            {
                "client_id": int(c),
                "permission": p,
                "opened_on": rule.from_day_number(int(d)),
                "created_at": now,
                "updated_at": now,
            }
            for c, p, d in zip(
                first_on_board["client_id"], first_on_board["permission"], open_day, strict=True
            )
        ]
        # Other permissions some active clients hold (no board of their own in the check).
        for perm, share in (("hk_connect", 0.05), ("margin", 0.08), ("options", 0.01)):
            pick = np.flatnonzero((level >= 4) & (rng.random(n) < share))
            perms += [
                {
                    "client_id": int(client_ids[k]),
                    "permission": perm,
                    "opened_on": rule.from_day_number(int(max(opened[k], today - rng.integers(30, 900)))),
                    "created_at": now,
                    "updated_at": now,
                }
                for k in pick
            ]
        if perms:
            conn.execute(insert(TradingPermission), perms)

        # Special risk warnings for purchases above the client's level: per board (confirmed when the
        # permission was opened) or per product (before its first trade); a few never given.
        warn_rows: list[dict[str, Any]] = []
        ordinary = ~professional & ~lowest
        over = ev[(ev["rating"].to_numpy() > level[i]) & ordinary[i]]
        perm_of = {
            (int(c), p): int(d)
            for c, p, d in zip(
                first_on_board["client_id"], first_on_board["permission"], open_day, strict=True
            )
        }
        on_board = over[over["permission"] != ""][["client_id", "permission", "_i"]].drop_duplicates()
        for c, p, _k in on_board.itertuples(index=False):
            if (rng.random() >= NO_WARNING or c in always) and c not in never:
                warn_rows.append(_warning(int(c), "permission", p, perm_of[(int(c), p)], rng, now))
        main = over[over["permission"] == ""].groupby(["client_id", "code"], as_index=False)["day"].min()
        keep = rng.random(len(main)) >= NO_WARNING
        back = rng.integers(0, 4, len(main))
        for (c, code, d), ok, b in zip(main.itertuples(index=False), keep, back, strict=True):
            if (ok or c in always) and c not in never:
                warn_rows.append(_warning(int(c), "product", str(code), int(d) - int(b), rng, now))
        if warn_rows:
            conn.execute(insert(RiskWarning), warn_rows)
    return suitability.run_check(store, None, as_of)


def _warning(
    cid: int, kind: str, subject: str, day: int, rng: np.random.Generator, now: Any
) -> dict[str, Any]:
    channel = str(rng.choice(_CHANNELS, p=_CHANNEL_P))
    ref = {"phone_recorded": "REC", "online": "ETR", "in_person": "SIGN", "paper": "DOC"}[channel]
    return {
        "client_id": cid,
        "subject_kind": kind,
        "subject": subject,
        "confirmed_on": rule.from_day_number(day),
        "channel": channel,
        "evidence": f"{ref}-{cid:07d}-{subject}-{day}",
        "created_at": now,
    }


def _products(conn: Any, now: Any) -> None:
    known = set(conn.execute(select(Security.code)).scalars())
    conn.execute(
        insert(Product),
        [
            {"code": c, "name": nm, "product_type": t, "risk_rating": r, "created_at": now, "updated_at": now}
            for c, nm, t, r in PRODUCTS
        ],
    )
    listed = [
        {"code": c, "name": nm, "board": "main"}
        for c, nm, t, _r in PRODUCTS
        if t in ("fund", "stock") and c.isdigit() and c not in known
    ]
    if listed:
        conn.execute(insert(Security), listed)


def _advisers(session: Any, rng: np.random.Generator) -> None:
    """Registration numbers (执业证书编号) for the demo's qualified investment advisers."""
    staff = session.execute(select(Staff.id, Staff.qualifications)).all()
    n = session.scalar(select(func.count()).select_from(Staff)) or 0
    serials = rng.permutation(np.arange(100000, 100000 + max(n, 1)))
    for (sid, quals), serial in zip(staff, serials, strict=False):
        if "investment_adviser" in (quals or []):
            session.execute(
                update(Staff).where(Staff.id == sid).values(adviser_reg_no=f"S0108{int(serial):09d}")
            )
