"""A small scored branch for segments, campaigns and pushes (seeded through ``tests.factories``).

Clients (all in branch 1; im1 has 001000-001003 and 001010-001011, im2 the rest):

=======  =====  =====  =========  =======  ==========  ===================================
client   grade  churn  lifecycle  risk C   manager     notes
=======  =====  =====  =========  =======  ==========  ===================================
001000   V5     high   mature     C4       im1         holds 600000, industry 银行
001001   V4     medium growing    C3       im1         new-listing share 0.35
001002   V3     high   declining  C2       im1
001003   V2     low    new        C1       im1         lowest category (risk profile)
001004   V3     high   mature     C5       im2         professional investor
001005   V1     low    dormant    C3       im2
001010   V4     high   mature     C4       im1         closed account
001011   V5     high   mature     C5       im1         opted out of marketing
=======  =====  =====  =========  =======  ==========  ===================================
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from crm_desktop.db.models import (
    Client,
    ClientScore,
    Holding,
    MarketingConsent,
    Product,
    RiskProfile,
    ScoreRun,
    Security,
    TradingPermission,
)
from crm_desktop.db.types import utcnow
from tests.factories import Seed, add_client
from tests.fixed_clock import TODAY

# client_no -> (grade, value, churn, lifecycle, activity, avg_assets, commission, industry, new_listing)
SCORES = {
    "001000": ("V5", 92, "high", "mature", "very_active", 3_000_000, 20_000, "银行", 0.0),
    "001001": ("V4", 75, "medium", "growing", "active", 800_000, 6_000, "电子", 0.35),
    "001002": ("V3", 60, "high", "declining", "low", 300_000, 1_500, "电子", 0.1),
    "001003": ("V2", 40, "low", "new", "low", 80_000, 200, None, 0.0),
    "001004": ("V3", 58, "high", "mature", "active", 500_000, 3_000, "医药", 0.05),
    "001005": ("V1", 10, "low", "dormant", "dormant", 5_000, 0, None, 0.0),
    "001010": ("V4", 80, "high", "mature", "active", 900_000, 8_000, "银行", 0.0),
    "001011": ("V5", 95, "high", "mature", "active", 5_000_000, 30_000, "银行", 0.0),
}
RISK = {
    "001000": "C4",
    "001001": "C3",
    "001002": "C2",
    "001003": "C1",
    "001004": "C5",
    "001005": "C3",
    "001010": "C4",
    "001011": "C5",
}


def seed_campaign_branch(seed: Seed) -> dict[str, int]:
    """Adds clients 001010/001011, scores, profiles, a holding, products; returns client_no -> id."""
    store = seed.store
    seed.clients["001010"] = add_client(
        store, "001010", branch_id=1, manager_id=seed.im1.id, status="closed", phone="13900001010"
    )
    seed.clients["001011"] = add_client(
        store, "001011", branch_id=1, manager_id=seed.im1.id, phone="13900001011"
    )
    ids = seed.clients
    with store.transaction() as s:
        for no, level in RISK.items():
            c = s.get_one(Client, ids[no])
            c.risk_level = level
            s.add(
                RiskProfile(
                    client_id=ids[no],
                    level=level,
                    lowest_category=no == "001003",
                    assessed_on=date(2026, 1, 5),
                    valid_until=date(2028, 1, 5),
                    investor_class="professional" if no == "001004" else "ordinary",
                )
            )
        run = ScoreRun(
            as_of=TODAY,
            engine_version="test",
            config_hash="0" * 64,
            config_text="",
            finished_at=utcnow(),
            client_count=len(SCORES),
        )
        s.add(run)
        s.flush()
        for no, (grade, value, churn, life, act, assets, comm, ind, nl) in SCORES.items():
            s.add(
                ClientScore(
                    run_id=run.id,
                    client_id=ids[no],
                    grade=grade,
                    value_score=Decimal(value),
                    avg_assets=Decimal(assets),
                    latest_assets=Decimal(assets),
                    commission_12m=Decimal(comm),
                    turnover=1.0,
                    activity=act,
                    churn_risk=churn,
                    risk_style="balanced",
                    suitability_mismatch=False,
                    trading_ability="average",
                    win_rate=0.5,
                    realized_pnl=Decimal("0"),
                    avg_holding_days=10.0,
                    securitization_ratio=0.5,
                    top_industry=ind,
                    top_industry_share=0.5 if ind else 0.0,
                    new_listing_share=nl,
                    largest_position_share=0.1,
                    lifecycle=life,
                    reasons=[],
                )
            )
        s.add(Security(code="600000", name="浦发银行", industry="银行", board="main"))
        s.add(Security(code="300750", name="宁德时代", industry="电池", board="chinext"))
        s.flush()
        s.add(
            Holding(
                client_id=ids["001000"],
                date=date(2026, 11, 30),
                code="600000",
                quantity=Decimal(1000),
                cost=Decimal(8000),
                market_value=Decimal(9000),
            )
        )
        s.add(Product(code="WM001", name="稳盈一号", product_type="wealth", risk_rating="R3"))
        s.add(Product(code="FD002", name="成长混合", product_type="fund", risk_rating="R4"))
        s.add(
            Product(
                code="PF001", name="专户一号", product_type="wealth", risk_rating="R2", professional_only=True
            )
        )
        s.add(Product(code="300750", name="宁德时代", product_type="stock", risk_rating="R4"))
        s.add(TradingPermission(client_id=ids["001000"], permission="chinext", opened_on=date(2021, 1, 4)))
        s.add(
            MarketingConsent(
                client_id=ids["001011"],
                allowed=False,
                since=date(2026, 6, 1),
                source="import",
                reason="客户要求",
            )
        )
    return ids
