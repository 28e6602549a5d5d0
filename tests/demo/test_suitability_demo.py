"""The demo's suitability records tell a believable story: few violations, most purchases above level
warned, most board traders with the permission opened before their first trade."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from crm_desktop.db.models import RiskProfile, RiskWarning, Staff, SuitabilityFinding, TradingPermission
from crm_desktop.db.store import open_store
from crm_desktop.demo.setup import prepare_demo


def test_demo_register_is_mostly_warned_and_permitted(sqlite_url: str) -> None:
    prepare_demo(sqlite_url, clients=600, seed=7, as_of=date(2026, 11, 30))
    store = open_store(sqlite_url, upgrade=False)
    try:
        with store.read() as s:
            counts = dict(
                s.execute(
                    select(SuitabilityFinding.kind, func.count()).group_by(SuitabilityFinding.kind)
                ).all()
            )
            warned = dict(
                s.execute(
                    select(SuitabilityFinding.warned, func.count())
                    .where(SuitabilityFinding.kind == "over_level")
                    .group_by(SuitabilityFinding.warned)
                ).all()
            )
            star_traders = (
                s.scalar(
                    select(func.count(func.distinct(TradingPermission.client_id))).where(
                        TradingPermission.permission == "star"
                    )
                )
                or 0
            )
            late = counts.get("no_permission", 0)
            assert s.scalar(select(func.count()).select_from(RiskProfile)) >= 600
            assert (s.scalar(select(func.count()).select_from(RiskWarning)) or 0) > 0
            assert s.scalar(select(func.count()).select_from(Staff).where(Staff.adviser_reg_no.is_not(None)))
    finally:
        store.dispose()
    assert warned.get(True, 0) > 10 * warned.get(False, 0) > 0
    assert star_traders > 0 and late < star_traders
    assert 0 < counts.get("assessment_expired", 0) < 60
