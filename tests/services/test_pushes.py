"""Information push on both backends: matching, opted-out left out, masked phones, one touch per client once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from crm_desktop.db.models import PushRecipient, Touch
from crm_desktop.errors import InvalidInput, NotFound, PermissionDenied
from crm_desktop.reports import campaigns as files
from crm_desktop.services import pushes
from tests.factories import Seed
from tests.services.campaign_data import seed_campaign_branch


def test_send_list_and_confirm_once(seeded: Seed, tmp_path: Path) -> None:
    seed_campaign_branch(seeded)
    send = pushes.create_push(
        seeded.store,
        seeded.bm,
        kind="research",
        title="银行业季度展望",
        body="息差企稳，关注高股息银行股。",
        filter_text="industry=银行",
    )
    # 001000 and (closed) 001010 and (opted out) 001011 prefer banks; only 001000 is on the list
    assert [r.client_no for r in send.rows] == ["001000"]
    assert (send.opted_out, send.closed) == (1, 1)
    assert send.rows[0].masked_phone == "138****5678"
    assert "银行业季度展望" in send.rows[0].message and "研究报告" in send.rows[0].message
    out = tmp_path / "send.csv"
    assert files.write_send_list(send, out) == 1
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == "client_no,masked_phone,message"

    first = pushes.confirm_push(seeded.store, seeded.bm, send.push_id)
    assert (first.touches, first.already) == (1, False)
    again = pushes.confirm_push(seeded.store, seeded.bm, send.push_id)
    assert (again.touches, again.already) == (0, True)
    with seeded.store.read() as s:
        t = s.scalars(select(Touch).where(Touch.touch_type == "message")).one()
        assert t.root_id == t.id and t.channel == "sms" and t.manager_id == seeded.im1.id
        assert t.checklist["push_id"] == send.push_id
        assert s.scalar(select(PushRecipient.touch_id)) == t.id


def test_push_by_preference_and_permissions(seeded: Seed) -> None:
    seed_campaign_branch(seeded)
    send = pushes.create_push(
        seeded.store,
        seeded.im1,
        kind="new_listing",
        title="新股申购提示",
        body="明日可申购。",
        filter_text="new_listing=yes",
    )
    assert [r.client_no for r in send.rows] == ["001001"]
    with pytest.raises(PermissionDenied):
        pushes.confirm_push(seeded.store, seeded.im2, send.push_id)
    with pytest.raises(NotFound):
        pushes.confirm_push(seeded.store, seeded.bm, 999)
    with pytest.raises(InvalidInput):
        pushes.create_push(seeded.store, seeded.bm, kind="spam", title="x", body="y", filter_text="")
    with pytest.raises(PermissionDenied):
        pushes.create_push(seeded.store, seeded.admin, kind="research", title="x", body="y", filter_text="")
    many = pushes.create_push(
        seeded.store, seeded.bm, kind="market_notice", title="休市", body="节假日休市安排。", filter_text=""
    )
    assert len(many.rows) == 6  # 8 clients less one closed, one opted out
    assert pushes.confirm_push(seeded.store, seeded.bm, many.push_id).touches == 6
    with seeded.store.read() as s:
        assert (
            s.scalar(select(func.count()).where(Touch.touch_type == "message", Touch.root_id == Touch.id))
            == 6
        )


def test_the_clients_message_is_chinese_whatever_the_workstation_language() -> None:
    from crm_desktop.i18n import set_language
    from crm_desktop.services.pushes import message_text

    set_language("en")
    try:
        assert (
            message_text("research", "银行业季度展望", "息差企稳") == "【研究报告】银行业季度展望：息差企稳"
        )
    finally:
        set_language("zh_CN")
