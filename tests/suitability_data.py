"""A small branch with suitability records: one client per kind of finding, checked once."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from crm_desktop.db.models import Product, RiskProfile, RiskWarning, Security, Trade, TradingPermission
from crm_desktop.services import suitability
from tests.factories import Seed
from tests.fixed_clock import TODAY

T = TODAY - timedelta(days=11)


def add_suitability_data(seed: Seed) -> None:
    c = seed.clients
    with seed.store.transaction() as s:
        s.add_all(
            [
                Security(code="600000", name="浦发银行", board="main"),
                Security(code="688001", name="华兴源创", board="star"),
                Security(code="300750", name="宁德时代", board="chinext"),
                Security(code="600001", name="*ST 某某", board="main"),
                Security(code="510300", name="沪深300ETF", board="main"),
                Product(code="510300", name="沪深300ETF", product_type="fund", risk_rating="R2"),
            ]
        )
        for no, level, lowest, assessed, pro in (
            ("001000", "C3", False, date(2026, 1, 10), False),
            ("001001", "C3", False, date(2026, 1, 10), False),
            ("001002", "C3", False, date(2026, 1, 10), False),
            ("001003", "C1", True, date(2026, 1, 10), False),
            ("001004", "C1", False, date(2026, 1, 10), True),
            ("001005", "C4", False, date(2024, 11, 1), False),
        ):
            until = TODAY - timedelta(days=1) if no == "001005" else assessed.replace(year=assessed.year + 2)
            s.add(
                RiskProfile(
                    client_id=c[no],
                    level=level,
                    lowest_category=lowest,
                    assessed_on=assessed,
                    valid_until=until,
                    investor_class="professional" if pro else "ordinary",
                )
            )
        s.add_all(
            [
                TradingPermission(client_id=c["001001"], permission="star", opened_on=T),
                TradingPermission(client_id=c["001002"], permission="star", opened_on=T + timedelta(days=1)),
                TradingPermission(client_id=c["001004"], permission="chinext", opened_on=date(2025, 6, 1)),
            ]
        )
        s.add_all(
            [
                RiskWarning(
                    client_id=c["001001"],
                    subject_kind="product",
                    subject="688001",
                    confirmed_on=T,
                    channel="phone_recorded",
                    evidence="REC-1",
                ),
                RiskWarning(
                    client_id=c["001002"],
                    subject_kind="product",
                    subject="688001",
                    confirmed_on=T + timedelta(days=1),
                    channel="phone_recorded",
                    evidence="REC-2",
                ),
                RiskWarning(
                    client_id=c["001003"],
                    subject_kind="product",
                    subject="510300",
                    confirmed_on=T,
                    channel="in_person",
                    evidence="PAPER-3",
                ),
            ]
        )
        for i, (no, code) in enumerate(
            (
                ("001000", "600000"),
                ("001001", "688001"),
                ("001002", "688001"),
                ("001003", "510300"),
                ("001004", "300750"),
                ("001005", "300750"),
                ("001002", "600001"),
            )
        ):
            s.add(
                Trade(
                    trade_id=f"t{i}",
                    trade_date=T,
                    client_id=c[no],
                    code=code,
                    side="buy",
                    quantity=Decimal(100),
                    price=Decimal(10),
                    amount=Decimal(1000),
                    commission=Decimal(5),
                )
            )
    suitability.run_check(seed.store, None, TODAY)
