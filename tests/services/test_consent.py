"""Marketing consent on both backends: set with a reason (audited, visibility), and from the clients import."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from crm_desktop.db.models import AuditLog, MarketingConsent
from crm_desktop.errors import InvalidInput, NotFound, PermissionDenied
from crm_desktop.services import consent
from crm_desktop.services.importing import run_import
from tests.factories import Seed
from tests.fixed_clock import TODAY
from tests.importing.samples import CLIENTS_ZH, write_csv


def test_set_consent_is_audited_and_checked(seeded: Seed) -> None:
    assert consent.get_consent(seeded.store, seeded.im1, "001000").allowed is True
    c = consent.set_consent(seeded.store, seeded.im1, "001000", False, "客户来电要求不再接收营销信息")
    assert (c.allowed, c.since, c.source) == (False, TODAY, "staff")
    assert consent.get_consent(seeded.store, seeded.bm, "001000").allowed is False
    consent.set_consent(seeded.store, seeded.bm, "001000", True, "客户书面同意")
    with seeded.store.read() as s:
        rows = s.scalars(select(AuditLog).where(AuditLog.action == "consent.set").order_by(AuditLog.id)).all()
        assert [(r.details["marketing"], r.details["before"]) for r in rows] == [(False, True), (True, False)]
    with pytest.raises(NotFound):
        consent.set_consent(seeded.store, seeded.im2, "001000", False, "x")
    with pytest.raises(PermissionDenied):
        consent.set_consent(seeded.store, seeded.admin, "001000", False, "x")
    with pytest.raises(InvalidInput):
        consent.set_consent(seeded.store, seeded.im1, "001000", False, "  ")


def test_clients_import_sets_the_flag_only_where_given(seeded: Seed, tmp_path: Path) -> None:
    consent.set_consent(seeded.store, seeded.im1, "001001", False, "客户要求")
    head = [*CLIENTS_ZH, "允许营销"]
    base = ["", "个人", "", "", "", "", "2020-01-02", "C3", "", "B001", "im1", "正常"]
    rows = [
        ["001000", "张三", *base[1:], "否"],
        ["001001", "李四", *base[1:], ""],  # empty: the flag set in the app stays
        ["001002", "王五", *base[1:], "是"],
    ]
    path = write_csv(tmp_path / "clients.csv", head, rows)
    run_import(seeded.store, seeded.admin, "clients", path)
    with seeded.store.read() as s:
        flags = {
            cid: (allowed, src)
            for cid, allowed, src in s.execute(
                select(MarketingConsent.client_id, MarketingConsent.allowed, MarketingConsent.source)
            )
        }
    ids = seeded.clients
    assert flags[ids["001000"]] == (False, "import")
    assert flags[ids["001001"]] == (False, "staff")
    assert flags[ids["001002"]] == (True, "import")
    # importing the same answer again changes nothing; a changed answer is recorded
    rows[0][-1] = "是"
    run_import(seeded.store, seeded.admin, "clients", write_csv(tmp_path / "c2.csv", head, rows))
    assert consent.get_consent(seeded.store, seeded.bm, "001000").allowed is True
