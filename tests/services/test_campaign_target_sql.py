"""The target list's suitability step runs set-wise in SQL; it must agree with the pure rule on both backends.

``crm_desktop.domain.campaigns.unsuitable`` is the rule (over the suitability rule's frames). The store's
INSERT ... SELECT in ``services.campaigns`` evaluates it per client in SQL for speed. Here a random branch
(several assessments per client, some later than the day, expired ones, lowest category, professional
investors, clients never assessed with the record's level and date, 29 February, board permissions opened
before and after the day) is judged both ways for every product kind, on two days; the two must name the
same clients.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import numpy as np
from sqlalchemy import insert, select

from crm_desktop.db.models import (
    CampaignTarget,
    Client,
    Product,
    RiskProfile,
    Security,
    TradingPermission,
)
from crm_desktop.domain import campaigns as rule
from crm_desktop.domain import suitability as srule
from crm_desktop.services import campaigns
from crm_desktop.services.suitability import load_config
from tests.factories import Seed
from tests.fixed_clock import TODAY

DAYS = (date(2026, 3, 1), TODAY)  # the first: the day after 28 February, two years after a 29 February


def _random_branch(seeded: Seed, rng: random.Random, n: int = 160) -> None:
    leap = date(2024, 2, 29)
    pool = [
        leap,
        date(2024, 2, 28),
        date(2024, 3, 1),
        date(2024, 11, 30),
        date(2024, 12, 1),
        date(2024, 12, 2),
        date(2025, 6, 30),
        date(2026, 2, 28),
        date(2026, 3, 1),
        date(2026, 3, 2),
        date(2026, 11, 30),
        TODAY,
        TODAY + timedelta(days=1),
        TODAY + timedelta(days=40),
    ]
    managers = [seeded.im1.id, seeded.im2.id]
    clients = []
    for i in range(n):
        clients.append(
            {
                "client_no": f"{700000 + i}",
                "name": f"随机{i}",
                "client_type": "individual",
                "open_date": rng.choice([leap, date(2019, 5, 6), date(2024, 12, 1), date(2025, 3, 1)]),
                "assigned_on": date(2019, 5, 6),
                "risk_level": f"C{rng.randint(1, 5)}",
                "risk_assessed_on": rng.choice([None, None, *pool[:8]]),
                "status": "active",
                "branch_id": seeded.branch_id,
                "manager_id": rng.choice(managers),
            }
        )
    with seeded.store.transaction() as s:
        s.execute(insert(Client), clients)
        ids = list(s.scalars(select(Client.id).where(Client.client_no.like("7%")).order_by(Client.id)))
        profiles, perms = [], []
        for cid in ids:
            for assessed in rng.sample(pool, rng.choice([0, 0, 1, 1, 1, 2, 3])):
                level = rng.randint(1, 5)
                profiles.append(
                    {
                        "client_id": cid,
                        "level": f"C{level}",
                        "lowest_category": level == 1 and rng.random() < 0.5,
                        "assessed_on": assessed,
                        "valid_until": rng.choice(
                            [assessed + timedelta(days=730), *pool[7:12], TODAY - timedelta(days=1)]
                        ),
                        "investor_class": "professional" if rng.random() < 0.2 else "ordinary",
                    }
                )
            for perm in ("chinext", "star"):
                if rng.random() < 0.4:
                    perms.append(
                        {
                            "client_id": cid,
                            "permission": perm,
                            "opened_on": rng.choice([date(2021, 1, 4), *pool[7:13]]),
                        }
                    )
        if profiles:
            s.execute(insert(RiskProfile), profiles)
        if perms:
            s.execute(insert(TradingPermission), perms)
        s.add(Security(code="300001", name="创业板样本", industry="电子", board="chinext"))
        s.flush()
        for rating in range(1, 6):
            s.add(
                Product(code=f"P{rating}", name=f"R{rating}", product_type="fund", risk_rating=f"R{rating}")
            )
            s.add(
                Product(
                    code=f"Q{rating}",
                    name=f"专业R{rating}",
                    product_type="wealth",
                    risk_rating=f"R{rating}",
                    professional_only=True,
                )
            )
        s.add(Product(code="300001", name="创业板样本", product_type="stock", risk_rating="R3"))


def _reference(seeded: Seed, code: str, today: date) -> set[int]:
    """The clients the pure rule calls unsuitable, from frames read the plain way (as the rule expects them)."""
    cfg = load_config()
    with seeded.store.read() as s:
        product = s.get_one(Product, code)
        board = s.scalar(select(Security.board).where(Security.code == code))
        permission = cfg.permission_for(board) if board else ""
        clients = s.execute(
            select(Client.id, Client.risk_level, Client.risk_assessed_on, Client.open_date).where(
                Client.branch_id == seeded.branch_id
            )
        ).all()
        assessed = {r.client_id: r for r in s.scalars(select(RiskProfile).order_by(RiskProfile.id))}
        rows = [
            (
                r.client_id,
                int(r.level[1]),
                bool(r.lowest_category),
                srule.day_number(r.assessed_on),
                srule.day_number(r.valid_until),
                r.investor_class == "professional",
            )
            for r in s.scalars(select(RiskProfile))
        ]
        for cid, level, on, opened in clients:
            if cid in assessed:
                continue
            day = on or opened
            rows.append(
                (
                    cid,
                    int(level[1]),
                    False,
                    srule.day_number(day),
                    srule.day_number(srule.default_valid_until(day, cfg)),
                    False,
                )
            )
        perms = [
            (p.client_id, p.permission, srule.day_number(p.opened_on))
            for p in s.scalars(select(TradingPermission))
        ]
    ids = np.asarray([c[0] for c in clients], dtype=np.int64)
    profiles = {
        "client_id": np.asarray([r[0] for r in rows], dtype=np.int64),
        "level": np.asarray([r[1] for r in rows], dtype=np.int64),
        "lowest": np.asarray([r[2] for r in rows], dtype=bool),
        "assessed_on": np.asarray([r[3] for r in rows], dtype=np.int64),
        "valid_until": np.asarray([r[4] for r in rows], dtype=np.int64),
        "professional": np.asarray([r[5] for r in rows], dtype=bool),
    }
    out = rule.unsuitable(
        ids,
        profiles,
        srule.permissions_frame(perms) if permission else srule.permissions_frame(),
        code=code,
        rating=srule.rating_value(product.risk_rating),
        permission=permission,
        professional_only=bool(product.professional_only),
        as_of=today,
    )
    return set(ids[out].tolist())


def test_sql_suitability_agrees_with_the_rule(seeded: Seed) -> None:
    rng = random.Random(20261205)
    _random_branch(seeded, rng)
    codes = [*(f"P{r}" for r in range(1, 6)), *(f"Q{r}" for r in range(1, 6)), "300001"]
    seen: set[str] = set()
    for today in DAYS:
        for code in codes:
            summary = campaigns.create_campaign(
                seeded.store,
                seeded.bm,
                name=f"核对{code}",
                product=code,
                filter_text="",
                start=today,
                end=today + timedelta(days=20),
                contact_cap=31,
                today=today,
            )
            with seeded.store.read() as s:
                statuses = dict(
                    s.execute(
                        select(CampaignTarget.client_id, CampaignTarget.status).where(
                            CampaignTarget.campaign_id == summary.campaign_id
                        )
                    ).all()
                )
            seen.update(statuses.values())
            assert set(statuses.values()) <= {"targeted", "unsuitable"}, (code, today)
            stored = {cid for cid, st in statuses.items() if st == "unsuitable"}
            expected = _reference(seeded, code, today)
            assert stored == expected, (code, today, sorted(stored ^ expected))
            assert summary.excluded["unsuitable"] == len(expected)
            assert summary.targeted == len(statuses) - len(expected)
    assert seen == {"targeted", "unsuitable"}  # the data reaches both answers
