"""Exact money, UTC timestamps and optimistic locking behave the same on both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from crm_desktop.db.models import AssetSnapshot, AuditLog, Client
from tests.factories import Seed


def test_money_round_trips_exactly(seeded: Seed) -> None:
    cid = next(iter(seeded.clients.values()))
    with seeded.store.transaction() as s:
        s.add(
            AssetSnapshot(
                client_id=cid,
                date=datetime(2026, 1, 5).date(),
                cash=Decimal("0.10"),
                securities_value=Decimal("12345678901234.20"),
                total_assets=Decimal("12345678901234.30"),
                net_inflow=Decimal("-0.01"),
            )
        )
    with seeded.store.read() as s:
        snap = s.scalars(select(AssetSnapshot)).one()
        assert snap.cash + snap.securities_value == snap.total_assets == Decimal("12345678901234.30")
        assert isinstance(snap.net_inflow, Decimal) and snap.net_inflow == Decimal("-0.01")


def test_timestamps_are_aware_utc(seeded: Seed) -> None:
    beijing = timezone(timedelta(hours=8))
    with seeded.store.transaction() as s:
        s.add(AuditLog(action="t", entity_type="x", at=datetime(2026, 3, 1, 9, 30, tzinfo=beijing)))
    with seeded.store.read() as s:
        row = s.scalars(select(AuditLog).where(AuditLog.action == "t")).one()
        assert row.at.tzinfo is not None
        assert row.at == datetime(2026, 3, 1, 1, 30, tzinfo=UTC)


def test_naive_timestamps_are_refused(seeded: Seed) -> None:
    with pytest.raises(Exception, match="naive datetime"), seeded.store.transaction() as s:
        s.add(AuditLog(action="t", entity_type="x", at=datetime(2026, 3, 1, 9, 30)))


def test_two_workstations_editing_a_client_conflict(seeded: Seed) -> None:
    """Both load version 1; the first save wins, the second is refused instead of overwriting."""
    cid = next(iter(seeded.clients.values()))
    with seeded.store.read() as s:
        copy_a = s.get(Client, cid)
    with seeded.store.read() as s:
        copy_b = s.get(Client, cid)
    assert copy_a is not None and copy_b is not None and copy_a.version == copy_b.version == 1
    copy_a.phone = "13900000001"
    with seeded.store.transaction() as s:
        s.merge(copy_a)
    copy_b.phone = "13900000002"
    with pytest.raises(StaleDataError), seeded.store.transaction() as s:
        s.merge(copy_b)
    with seeded.store.read() as s:
        c = s.get(Client, cid)
        assert c is not None and c.phone == "13900000001" and c.version == 2
