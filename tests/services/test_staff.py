"""Staff and branch administration, on both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from crm_desktop.db.models import AuditLog, Branch
from crm_desktop.errors import AuthenticationFailed, Conflict, InvalidInput, PermissionDenied
from crm_desktop.services import staff
from crm_desktop.services.auth import login
from tests.factories import PASSWORD, Seed


def test_disable_and_enable_account(seeded: Seed) -> None:
    staff.set_active(seeded.store, seeded.admin, "im2", False)
    with pytest.raises(AuthenticationFailed, match="已停用"):
        login(seeded.store, "im2", PASSWORD)
    staff.set_active(seeded.store, seeded.admin, "im2", True)
    assert login(seeded.store, "im2", PASSWORD).login == "im2"
    with pytest.raises(InvalidInput):
        staff.set_active(seeded.store, seeded.admin, "admin", False)
    with pytest.raises(PermissionDenied):
        staff.set_active(seeded.store, seeded.bm, "im2", False)


def test_passwords_are_hashed_and_changeable(seeded: Seed) -> None:
    with seeded.store.read() as s:
        from crm_desktop.db.models import Staff

        row = s.scalar(select(Staff).where(Staff.login == "im1"))
        assert row is not None and row.password_hash is not None
        assert PASSWORD not in row.password_hash and row.password_hash.startswith("scrypt$")
    with pytest.raises(PermissionDenied):
        staff.change_own_password(seeded.store, seeded.im1, "wrong", "newpass1")
    staff.change_own_password(seeded.store, seeded.im1, PASSWORD, "newpass1")
    assert login(seeded.store, "im1", "newpass1").id == seeded.im1.id
    staff.reset_password(seeded.store, seeded.admin, "im1", "another1")
    assert login(seeded.store, "im1", "another1").id == seeded.im1.id
    with pytest.raises(PermissionDenied):
        staff.reset_password(seeded.store, seeded.im2, "im1", "hijack12")


def test_branch_letterhead_edit_is_audited_and_checked(seeded: Seed) -> None:
    info = staff.get_branch(seeded.store, seeded.bm)
    staff.update_branch(
        seeded.store, seeded.bm, info.code, phone="010-88888888", expected_version=info.version
    )
    with pytest.raises(Conflict):
        staff.update_branch(seeded.store, seeded.bm, info.code, phone="010-1", expected_version=info.version)
    with pytest.raises(InvalidInput, match="PNG"):
        staff.update_branch(seeded.store, seeded.bm, info.code, logo_png=b"GIF89a....")
    staff.update_branch(seeded.store, seeded.admin, info.code, logo_png=staff.PNG_MAGIC + b"\0" * 10)
    with pytest.raises(PermissionDenied):
        staff.update_branch(seeded.store, seeded.im1, info.code, phone="1")
    with seeded.store.read() as s:
        b = s.scalar(select(Branch))
        assert b is not None and b.phone == "010-88888888" and b.logo_png is not None
        actions = [a.action for a in s.scalars(select(AuditLog).where(AuditLog.action == "branch.update"))]
        assert len(actions) == 2


def test_branch_manager_sees_only_own_branch_staff(seeded: Seed) -> None:
    staff.add_branch(seeded.store, seeded.admin, "B002", "另一营业部")
    staff.add_user(
        seeded.store,
        seeded.admin,
        "other",
        role="investment_manager",
        display_name="外",
        branch_code="B002",
        password=PASSWORD,
    )
    assert "other" not in {s.login for s in staff.list_staff(seeded.store, seeded.bm)}
    with pytest.raises(InvalidInput):
        staff.get_branch(seeded.store, seeded.bm, "B002")
