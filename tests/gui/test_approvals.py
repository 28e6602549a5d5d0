"""The approvals area: inbox, multi-select approve/reject, override prompt, own requests, request form."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.db.models import Client, ReassignmentRequest
from crm_desktop.gui.areas import approvals
from crm_desktop.gui.branch.request_dialog import ReassignRequestDialog
from crm_desktop.services import reassignment
from tests.branch_data import add_run
from tests.factories import Seed
from tests.gui.conftest import make_ctx

C = ["001000", "001001", "001002", "001003", "001004", "001005"]


def _manager(seed: Seed, no: str) -> int | None:
    with seed.store.read() as s:
        return s.scalar(select(Client.manager_id).where(Client.client_no == no))


def _page(qtbot: QtBot, seed: Seed, actor: object) -> approvals.ApprovalsPage:
    page = approvals.ApprovalsPage(make_ctx(seed, actor))  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(1200, 700)
    qtbot.waitUntil(lambda: page.loaded, timeout=10000)
    return page


def test_branch_manager_inbox(
    qtbot: QtBot,
    qtmodeltester: object,
    seeded_sqlite: Seed,
    screenshot_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s = seeded_sqlite
    add_run(
        s.store,
        {s.im1.id: ("senior", 80, 200), s.im2.id: ("junior", 30, 400)},
        {
            s.clients[C[0]]: ("V5", 12_000_000, "low"),
            s.clients[C[1]]: ("V2", 300_000, "low"),
            s.clients[C[2]]: ("V1", 20_000, "low"),
        },
    )
    ids = reassignment.request_reassignment(
        s.store, s.im1, [C[0], C[1], C[2]], "im2", "workload", "平衡", handover_note="周三下午方便"
    )
    page = _page(qtbot, s, s.bm)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    assert (
        page.model.rowCount() == 3
        and page.approve_btn.isVisibleTo(page)
        and not page.withdraw_btn.isVisibleTo(page)
    )
    assert "3" in page.count_label.text()
    page.show()
    qtbot.waitExposed(page)
    page.select_ids([ids[0]])
    assert "周三下午" in page.detail.toPlainText() and "资深" in page.detail.toPlainText()
    page.grab().save(str(screenshot_dir / "approvals_inbox.png"))

    # multi-select: the two that meet the rules approve without an override
    comments: list[str] = []

    def comment(title: str, prompt: str, required: bool) -> str:
        comments.append(prompt)
        return "同意"

    monkeypatch.setattr(page, "ask_text", comment)
    page.select_ids(ids[1:])
    assert page.approve_btn.isEnabled()
    page.approve_selected()
    qtbot.waitUntil(lambda: _manager(s, C[1]) == s.im2.id and page.model.rowCount() == 1, timeout=10000)
    assert _manager(s, C[2]) == s.im2.id and "2" in comments[0]

    # the V5 client breaches the grade rule: the breach is shown and an override reason is asked for
    shown: list[list[str]] = []

    def override(breaches: list[str]) -> str:
        shown.append(breaches)
        return "客户本人坚持"

    monkeypatch.setattr(page, "confirm_override", override)
    page.select_ids([ids[0]])
    page.approve_selected()
    qtbot.waitUntil(lambda: _manager(s, C[0]) == s.im2.id, timeout=10000)
    assert shown and "资深" in shown[0][0]
    with s.store.read() as sess:
        assert sess.get(ReassignmentRequest, ids[0]).override_reason == "客户本人坚持"  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=10000)
    # notifications of the signed-in user are listed
    assert page.notes.count() >= 1


def test_reject_and_cancel(qtbot: QtBot, seeded_sqlite: Seed, monkeypatch: pytest.MonkeyPatch) -> None:
    s = seeded_sqlite
    [rid] = reassignment.request_reassignment(s.store, s.im1, [C[3]], "im2", "other")
    page = _page(qtbot, s, s.bm)
    page.select_ids([rid])
    monkeypatch.setattr(page, "ask_text", lambda *a, **k: None)  # cancelled: nothing happens
    page.reject_selected()
    page.approve_selected()
    qtbot.wait(200)
    with s.store.read() as sess:
        assert sess.get(ReassignmentRequest, rid).status == "pending"  # type: ignore[union-attr]
    monkeypatch.setattr(page, "ask_text", lambda *a, **k: "客户未同意")
    page.reject_selected()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=10000)
    with s.store.read() as sess:
        req = sess.get(ReassignmentRequest, rid)
        assert req is not None and req.status == "rejected" and req.decision_comment == "客户未同意"


def test_investment_manager_sees_own_requests(
    qtbot: QtBot, qtmodeltester: object, seeded_sqlite: Seed, screenshot_dir: Path
) -> None:
    s = seeded_sqlite
    ids = reassignment.request_reassignment(s.store, s.im1, [C[0], C[1]], "im2", "client_request")
    reassignment.reject_request(s.store, s.bm, ids[1], "暂不调整")
    page = _page(qtbot, s, s.im1)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    assert page.model.rowCount() == 2
    assert not page.approve_btn.isVisibleTo(page) and not page.reject_btn.isVisibleTo(page)
    statuses = {page.model.row_at(r).id: page.model.row_at(r).status for r in range(2)}
    assert statuses == {ids[0]: "pending", ids[1]: "rejected"}
    page.show()
    page.select_ids([ids[0]])
    assert page.withdraw_btn.isEnabled()
    page.grab().save(str(screenshot_dir / "approvals_own_requests.png"))
    page.withdraw_selected()
    qtbot.waitUntil(
        lambda: any(page.model.row_at(r).status == "withdrawn" for r in range(page.model.rowCount())),
        timeout=10000,
    )


def test_request_action_and_form(qtbot: QtBot, seeded_sqlite: Seed, screenshot_dir: Path) -> None:
    s = seeded_sqlite
    ctx = make_ctx(s, s.im1)
    approvals.register_actions(ctx)
    spec = ctx.client_actions["request_reassignment"]
    assert spec.roles == ("investment_manager", "branch_manager") and spec.label
    dlg = ReassignRequestDialog(ctx, [C[0]])
    qtbot.addWidget(dlg)
    assert [dlg.ui.targetCombo.itemData(i) for i in range(dlg.ui.targetCombo.count())] == ["im2"]
    assert "2" in dlg.ui.targetInfo.text()
    dlg.ui.reasonCombo.setCurrentIndex(dlg.ui.reasonCombo.findData("client_request"))
    dlg.ui.commentEdit.setPlainText("客户要求换经理")
    dlg.ui.noteEdit.setPlainText("偏好微信")
    dlg.show()
    dlg.grab().save(str(screenshot_dir / "reassign_request_form.png"))
    dlg.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dlg.request_ids and dlg.result() == 1
    # a second request for the same client is refused with the reason shown in the form
    dlg2 = ReassignRequestDialog(ctx, [C[0]])
    qtbot.addWidget(dlg2)
    dlg2.submit()
    assert "待审批" in dlg2.ui.errorLabel.text() and not dlg2.request_ids
    with s.store.read() as sess:
        req = sess.get(ReassignmentRequest, dlg.request_ids[0])
        assert req is not None and req.handover_note == "偏好微信" and req.reason == "client_request"


def test_unread_notifications_at_sign_in(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    s = seeded_sqlite
    [rid] = reassignment.request_reassignment(s.store, s.im1, [C[0]], "im2", "other")
    reassignment.approve_request(s.store, s.bm, rid)
    ctx = make_ctx(s, s.im2)
    with qtbot.waitSignal(ctx.bus.status_message, timeout=10000) as blocker:
        approvals.on_signed_in(ctx, None)  # type: ignore[arg-type]
    assert blocker.args and "1" in blocker.args[0]


def test_notifications_in_english_and_wrapped(qtbot: QtBot, qapp: object, seeded_sqlite: Seed) -> None:
    """Issue #18: notifications are worded at display time, in the language in use; long ones wrap."""
    from crm_desktop import i18n
    from crm_desktop.gui.i18n import install_translators

    s = seeded_sqlite
    [rid] = reassignment.request_reassignment(s.store, s.im1, [C[0]], "im2", "other")
    reassignment.approve_request(s.store, s.bm, rid)
    install_translators(qapp, "en")  # type: ignore[arg-type]
    i18n.set_language("en")
    try:
        page = _page(qtbot, s, s.im1)
        qtbot.waitUntil(lambda: page.notes.count() > 0, timeout=10000)
        text = page.notes.item(0).text()
        # English words around the (Chinese) names, not the Chinese sentence
        assert "Client" in text and "approved by" in text and "客户" not in text, text
        assert page.notes.wordWrap()
        header = page.table.horizontalHeader()
        assert all(header.sectionSize(c) >= header.sectionSizeHint(c) for c in range(header.count()))
    finally:
        install_translators(qapp, "zh_CN")  # type: ignore[arg-type]
        i18n.set_language("zh_CN")
