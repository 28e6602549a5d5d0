"""Client notes: who may write them, what is kept, the audit entry and the 360° view (both backends)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from crm_desktop.db.models import AuditLog, ClientNote, ServiceTask, Touch
from crm_desktop.errors import InvalidInput, NotFound, PermissionDenied
from crm_desktop.services import clients, notes
from tests.factories import Seed
from tests.fixed_clock import TODAY


def test_manager_keeps_a_note_on_own_client_audited_and_shown_in_360(seeded: Seed) -> None:
    nid = notes.add_note(seeded.store, seeded.im1, "001000", "  客户偏好下午四点后来电  ")
    with seeded.store.read() as s:
        note = s.get(ClientNote, nid)
        assert note is not None and note.text == "客户偏好下午四点后来电"
        assert note.author_id == seeded.im1.id
        entry = s.scalars(select(AuditLog).where(AuditLog.action == "client_note.add")).one()
        assert entry.entity_id == "001000" and entry.details == {"note_id": nid, "length": 11}
        # a note is not a touch and closes nothing
        assert s.scalar(select(func.count()).select_from(Touch)) == 0
        assert s.scalar(select(func.count()).select_from(ServiceTask)) == 0
    view = clients.load_client_view(seeded.store, seeded.im1, "001000", today=TODAY)
    assert [(n.text, n.author_name) for n in view.notes] == [("客户偏好下午四点后来电", "李投顾")]
    later = notes.add_note(seeded.store, seeded.bm, "001000", "第二条")
    listed = notes.list_notes(seeded.store, seeded.im1, "001000")
    assert [n.id for n in listed] == [later, nid]


def test_investment_manager_only_on_own_clients(seeded: Seed) -> None:
    with pytest.raises(NotFound):
        notes.add_note(seeded.store, seeded.im2, "001000", "不是我的客户")
    with pytest.raises(NotFound):
        notes.list_notes(seeded.store, seeded.im2, "001000")
    with pytest.raises(PermissionDenied):
        notes.add_note(seeded.store, seeded.admin, "001000", "管理员")
    with seeded.store.read() as s:
        assert s.scalar(select(func.count()).select_from(ClientNote)) == 0
        assert s.scalar(select(func.count()).where(AuditLog.action == "client_note.add")) == 0


@pytest.mark.parametrize("text", ["", "   ", "长" * (notes.MAX_LENGTH + 1)])
def test_empty_or_long_note_refused_with_a_reason(seeded: Seed, text: str) -> None:
    with pytest.raises(InvalidInput) as err:
        notes.add_note(seeded.store, seeded.im1, "001000", text)
    assert "备注" in err.value.message or "note" in err.value.message
