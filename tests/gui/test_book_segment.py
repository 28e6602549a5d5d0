"""The client book's "save as segment": the bar's filter as a segment's text, its count first, then saved."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from crm_desktop.errors import CrmError
from crm_desktop.gui.clients import book_page
from crm_desktop.gui.clients.book_page import ClientBookPage
from crm_desktop.gui.clients.segment_dialog import SaveSegmentDialog
from crm_desktop.services import campaigns, segments
from crm_desktop.services.auth import Actor
from tests.factories import Seed
from tests.fixed_clock import TODAY
from tests.gui.conftest import make_ctx
from tests.services.campaign_data import seed_campaign_branch


@pytest.fixture
def branch(seeded_sqlite: Seed) -> Seed:
    seed_campaign_branch(seeded_sqlite)
    return seeded_sqlite


def _book(qtbot: QtBot, seed: Seed, actor: Actor) -> ClientBookPage:
    page = ClientBookPage(make_ctx(seed, actor))
    qtbot.addWidget(page)
    page.resize(1200, 500)
    page.show()
    qtbot.waitUntil(lambda: page.model.book_data is not None and not page.loading, timeout=10000)
    return page


def _pick(combo, code: str | int) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(code))


def _dialog(qtbot: QtBot, page: ClientBookPage) -> SaveSegmentDialog:
    dlg = page.save_as_segment()
    assert dlg is not None
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.last_count is not None, timeout=10000)
    return dlg


def test_branch_manager_saves_the_books_filter_with_its_count(qtbot: QtBot, branch: Seed) -> None:
    page = _book(qtbot, branch, branch.bm)
    ui = page.filter_ui
    assert ui.segmentButton.isVisible() and ui.segmentButton.text() == "存为客群(&S)…"
    _pick(ui.churnCombo, "high")
    _pick(ui.managerCombo, branch.im1.id)
    assert page.segment_text() == "churn=high;manager=im1"
    dlg = _dialog(qtbot, page)
    # the count before saving is the service's (as `crm segment count`); it agrees with the book, which
    # hides the closed account 001010 that the segment holds (campaigns and pushes leave it out, counted)
    assert dlg.last_count == segments.count(branch.store, branch.bm, "churn=high;manager=im1") == 4
    assert dlg.last_preview is not None and dlg.last_preview.lost == 1
    assert dlg.last_preview.active == page.model.rowCount() == 3
    assert dlg.count_label.text() == "4 位客户" and "已销户或转出的账户 1 位" in dlg.shown_label.text()
    assert "客户列表显示" not in dlg.shown_label.text()
    assert not dlg.save_button.isEnabled()  # a name first
    dlg.name_edit.setText("一组高流失")
    assert dlg.save_button.isEnabled()
    statuses: list[str] = []
    page.ctx.bus.status_message.connect(statuses.append)
    with qtbot.waitSignal(dlg.accepted, timeout=10000):
        dlg.save()
    assert dlg.saved_segment is not None and dlg.saved_segment.filter_text == "churn=high;manager=im1"
    assert statuses and "一组高流失" in statuses[0]
    # the same segment the CLI and the campaign screen use: everyone in the branch may build on it
    (saved,) = segments.list_segments(branch.store, branch.im1)
    assert saved.owner_name == branch.bm.display_name and not saved.mine
    assert (saved.name, saved.filter_text, saved.owner_login) == (
        "一组高流失",
        "churn=high;manager=im1",
        "bm",
    )
    made = campaigns.create_campaign(
        branch.store, branch.bm, name="挽留", segment="一组高流失", start=TODAY, end=TODAY.replace(day=31)
    )
    assert made.targeted + sum(made.excluded.values()) == dlg.last_count


def test_refining_the_text_recounts_and_a_bad_one_cannot_be_saved(qtbot: QtBot, branch: Seed) -> None:
    segments.save(branch.store, branch.bm, "高价值", "grade>=V4")
    page = _book(qtbot, branch, branch.bm)
    _pick(page.filter_ui.gradeCombo, "V5")
    dlg = _dialog(qtbot, page)
    assert dlg.filter_edit.text() == "grade=V5" and dlg.last_count == 2
    dlg.filter_edit.setText("grade=V5;risk>>C3")
    qtbot.waitUntil(lambda: "risk>>C3" in dlg.count_label.text(), timeout=10000)
    dlg.name_edit.setText("高价值")
    assert dlg.last_count is None and not dlg.save_button.isEnabled()
    assert "替换" in dlg.name_note.text() and dlg.name_note.isVisible()  # replacing one's own segment is said
    dlg.filter_edit.setText("grade=V5;risk>=C5")
    qtbot.waitUntil(lambda: dlg.last_count == 1, timeout=10000)
    with qtbot.waitSignal(dlg.accepted, timeout=10000):
        dlg.save()
    (saved,) = segments.list_segments(branch.store, branch.bm)
    assert saved.filter_text == "grade=V5;risk>=C5"


@pytest.mark.parametrize(
    ("setup", "named"),
    [
        (lambda ui: ui.filterEdit.setText("0010"), "“0010”"),
        (lambda ui: ui.overdueCheck.setChecked(True), "仅逾期"),
        (lambda ui: ui.mismatchCheck.setChecked(True), "仅适当性不匹配"),
    ],
)
def test_what_a_segment_cannot_keep_is_refused_not_dropped(
    qtbot: QtBot,
    branch: Seed,
    monkeypatch: pytest.MonkeyPatch,
    setup,
    named: str,  # type: ignore[no-untyped-def]
) -> None:
    shown: list[tuple[str, str | None]] = []
    monkeypatch.setattr(
        book_page,
        "show_error",
        lambda _w, exc, title=None: shown.append((getattr(exc, "message", ""), title)),
    )
    page = _book(qtbot, branch, branch.bm)
    _pick(page.filter_ui.gradeCombo, "V3")
    setup(page.filter_ui)
    assert page.save_as_segment() is None
    ((message, title),) = shown
    assert named in message and "清除" in message and title == "另存为客群"
    assert segments.list_segments(branch.store, branch.bm) == []


def test_investment_manager_segment_is_their_book_and_admin_is_not_offered_it(
    qtbot: QtBot, branch: Seed
) -> None:
    page = _book(qtbot, branch, branch.im2)
    _pick(page.filter_ui.churnCombo, "low")
    dlg = _dialog(qtbot, page)
    assert dlg.filter_edit.text() == "churn=low" and dlg.last_count == page.model.rowCount() == 1
    assert not dlg.shown_label.isVisible()
    admin = _book(qtbot, branch, branch.admin)
    assert not admin.filter_ui.segmentButton.isVisible()
    with pytest.raises(CrmError):  # the service decides: an admin keeps no segments
        segments.count(branch.store, branch.admin, "")
