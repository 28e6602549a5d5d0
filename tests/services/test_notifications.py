"""Notifications are stored as a kind and parameters and worded when read, in the reader's language then."""

from __future__ import annotations

from sqlalchemy import select

from crm_desktop.db.models import Notification
from crm_desktop.i18n import set_language
from crm_desktop.services import notifications, reassignment
from crm_desktop.services.notifications import TEXTS, render
from tests.factories import Seed


def test_written_in_one_language_read_in_another(seeded: Seed) -> None:
    s = seeded
    [rid] = reassignment.request_reassignment(s.store, s.im1, ["001000"], "im2", "client_request", "客户搬家")
    reassignment.approve_request(s.store, s.bm, rid, comment="同意")
    with s.store.read() as sess:
        stored = sess.scalars(select(Notification).where(Notification.recipient_id == s.im2.id)).one()
        # codes and names, not sentences: the reason is its code
        assert stored.params == {
            "no": "001000",
            "name": stored.params["name"],
            "old": s.im1.display_name,
            "reason": "client_request",
            "note": "客户搬家",
        }
    [zh] = notifications.list_notifications(s.store, s.im2)
    assert "已划转给您" in zh.title and "客户要求" in zh.body and "交接说明：客户搬家" in zh.body
    set_language("en")
    [en] = notifications.list_notifications(s.store, s.im2)
    assert en.title.endswith("is now yours") and "client request" in en.body
    # a view already on screen follows the language too: it is worded each time it is read
    assert zh.title == en.title


def test_every_kind_the_services_write_has_a_wording(seeded: Seed) -> None:
    s = seeded
    [rid] = reassignment.request_reassignment(s.store, s.im1, ["001000"], "im2", "workload")
    reassignment.approve_request(s.store, s.bm, rid, comment="同意")
    [rid2] = reassignment.request_reassignment(s.store, s.bm, ["001001"], "im2", "other")
    reassignment.reject_requests(s.store, s.bm, [rid2], "暂不调整")
    with s.store.read() as sess:
        kinds = set(sess.scalars(select(Notification.kind)))
    assert kinds and kinds <= set(TEXTS)
    for staff in (s.bm, s.im1, s.im2):
        for n in notifications.list_notifications(s.store, staff):
            assert "{" not in n.title + n.body and n.title != n.kind


def test_legacy_and_unknown_rows_still_read() -> None:
    assert render("reassignment.received", {"legacy_title": "旧标题", "legacy_body": "旧正文"}) == (
        "旧标题",
        "旧正文",
    )
    assert render("something.new", {"x": 1}) == ("something.new", "")
    assert render("reassignment.approved", {"id": 3}) == ("reassignment.approved", "id=3")
