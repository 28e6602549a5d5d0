"""The touch form on a campaign task: the response (amount, reason) recorded with the touch, in the results."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from crm_desktop.db.models import CampaignTarget, ServiceTask, Touch
from crm_desktop.gui.campaigns.views import CampaignView
from crm_desktop.gui.service.touch_form import CAMPAIGN_CHANNELS, CHANNELS, TouchDialog
from crm_desktop.services import campaigns, touches
from crm_desktop.services.auth import Actor
from tests.factories import Seed
from tests.fixed_clock import TODAY
from tests.gui.conftest import make_ctx
from tests.services.campaign_data import seed_campaign_branch
from tests.services.service_helpers import add_task


@pytest.fixture
def launched(seeded_sqlite: Seed) -> tuple[Seed, int]:
    seed = seeded_sqlite
    seed_campaign_branch(seed)
    s = campaigns.create_campaign(
        seed.store,
        seed.bm,
        name="稳盈一号认购",
        product="WM001",
        filter_text="",
        start=TODAY,
        end=TODAY.replace(day=31),
        talking_points="稳健理财，R3；业绩比较基准不代表收益承诺。",
    )
    campaigns.launch(seed.store, seed.bm, s.campaign_id)
    return seed, s.campaign_id


def _task(seed: Seed, client_no: str) -> int:
    with seed.store.read() as s:
        task = s.scalar(
            select(CampaignTarget.task_id).where(CampaignTarget.client_id == seed.clients[client_no])
        )
    assert task is not None
    return int(task)


def _form(qtbot: QtBot, seed: Seed, actor: Actor, client_no: str, **kw) -> TouchDialog:  # type: ignore[no-untyped-def]
    dlg = TouchDialog(make_ctx(seed, actor), client_no, **kw)
    qtbot.addWidget(dlg)
    dlg.resize(640, 820)
    dlg.show()
    return dlg


def _campaign_touches(seed: Seed) -> int:
    with seed.store.read() as s:
        return int(s.scalar(select(func.count()).where(Touch.touch_type == "campaign")) or 0)


def _row_shown(dlg: TouchDialog, widget) -> bool:  # type: ignore[no-untyped-def]
    return dlg.ui.campaignForm.isRowVisible(widget)


def test_response_from_the_agenda_task_appears_in_the_results(
    qtbot: QtBot,
    qtmodeltester,
    launched: tuple[Seed, int],  # type: ignore[no-untyped-def]
) -> None:
    seed, cid = launched
    task = _task(seed, "001000")
    # as the agenda and the workbench open it: the task and its type
    dlg = _form(qtbot, seed, seed.im1, "001000", task_id=task, task_type="campaign", task_text="营销活动")
    ui = dlg.ui
    assert dlg.chosen_task() == task and dlg.chosen_campaign() is not None
    assert ui.campaignGroup.isVisible() and "稳盈一号认购" in ui.campaignInfoLabel.text()
    assert "业绩比较基准" in ui.campaignInfoLabel.text()
    assert dlg.touch_type() == "campaign" and not ui.typeCombo.isEnabled()
    assert ui.typeCombo.currentText() == "营销活动联系"
    channels = [ui.channelCombo.itemData(i) for i in range(ui.channelCombo.count())]
    assert channels == CAMPAIGN_CHANNELS
    assert not ui.adviceCheck.isEnabled() and not ui.identityCheck.text().endswith("*")
    assert not _row_shown(dlg, ui.amountEdit) and not _row_shown(dlg, ui.reasonEdit)

    dlg.save()  # no response chosen yet: said in the form, nothing recorded
    assert "请选择客户" in ui.messageLabel.text() and _campaign_touches(seed) == 0
    ui.responseCombo.setCurrentIndex(ui.responseCombo.findData("subscribed"))
    assert _row_shown(dlg, ui.amountEdit) and ui.amountLabel.text().endswith(
        "*"
    )  # the campaign has a product
    ui.amountEdit.setText("80000.005")  # exact amounts: refused at once, never rounded
    assert "两位小数" in ui.messageLabel.text()
    dlg.save()
    assert "两位小数" in ui.messageLabel.text() and _campaign_touches(seed) == 0
    ui.amountEdit.setText("80,000.5")
    assert ui.messageLabel.text() == ""
    ui.identityCheck.setChecked(True)
    ui.templateButton.click()  # the campaign's talking points
    assert "稳健理财" in ui.contentEdit.toPlainText()
    ui.summaryEdit.setPlainText("客户当场确认认购")
    ui.nextStepEdit.setText("三天后确认到账")
    ui.followUpCheck.setChecked(True)
    with qtbot.waitSignal(dlg.saved, timeout=10000) as sig:
        dlg.save()
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=5000)
    with seed.store.read() as s:
        t = s.get_one(Touch, sig.args[0])
        assert t.touch_type == "campaign" and t.task_id == task and t.checklist["amount"] == "80000.50"
        assert t.summary == "【稳盈一号认购】已认购，金额 80000.50 元。客户当场确认认购"
        assert t.checklist["identity_verified"] and t.next_step == "三天后确认到账"
        assert s.get_one(ServiceTask, task).status == "done"
        assert s.scalar(select(func.count()).where(ServiceTask.source == "follow_up")) == 1

    res = campaigns.results(seed.store, seed.bm, cid)
    assert (res.total.contacted, res.total.converted, res.total.amount) == (1, 1, 80000.5)
    # and the campaign screen shows it
    view = CampaignView(make_ctx(seed, seed.bm))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.results is not None, timeout=10000)
    qtmodeltester.check(view.by_manager)
    assert view.results is not None and view.results.total.converted == 1
    m = view.by_manager
    cells = [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]
    assert any(row[4] == "1" and row[6] == "80,000" for row in cells), cells


def test_declined_needs_a_reason_and_an_ordinary_task_turns_the_form_back(
    qtbot: QtBot, launched: tuple[Seed, int]
) -> None:
    seed, cid = launched
    call = add_task(
        seed.store, seed.clients["001001"], seed.im1.id, "phone_call", TODAY - timedelta(days=1), "pc"
    )
    task = _task(seed, "001001")
    dlg = _form(qtbot, seed, seed.im1, "001001")  # from the 360° view: no task given
    ui = dlg.ui
    ui.typeCombo.setCurrentIndex(ui.typeCombo.findData("phone_call"))
    assert dlg.chosen_task() == call and not ui.campaignGroup.isVisible()  # the default is never a campaign
    texts = [ui.taskCombo.itemText(i) for i in range(ui.taskCombo.count())]
    assert any("稳盈一号认购" in t for t in texts)

    ui.taskCombo.setCurrentIndex(ui.taskCombo.findData(task))
    ui.taskCombo.activated.emit(ui.taskCombo.currentIndex())
    assert ui.campaignGroup.isVisible() and dlg.touch_type() == "campaign"
    ui.responseCombo.setCurrentIndex(ui.responseCombo.findData("declined"))
    assert _row_shown(dlg, ui.reasonEdit) and not _row_shown(dlg, ui.amountEdit)
    dlg.save()  # the service asks for the reason
    qtbot.waitUntil(lambda: "原因" in ui.messageLabel.text(), timeout=10000)
    assert _campaign_touches(seed) == 0 and dlg.isVisible()

    ui.taskCombo.setCurrentIndex(ui.taskCombo.findData(call))  # back to an ordinary task
    assert not ui.campaignGroup.isVisible() and ui.typeCombo.isEnabled() and ui.adviceCheck.isEnabled()
    assert dlg.touch_type() == "phone_call"
    assert [ui.channelCombo.itemData(i) for i in range(ui.channelCombo.count())] == CHANNELS
    assert ui.identityCheck.text().endswith("*")  # the phone call's steps are required again

    ui.taskCombo.setCurrentIndex(ui.taskCombo.findData(task))
    ui.responseCombo.setCurrentIndex(ui.responseCombo.findData("declined"))
    ui.reasonEdit.setText("资金另有安排")
    with qtbot.waitSignal(dlg.saved, timeout=10000):
        dlg.save()
    with seed.store.read() as s:
        target = s.get_one(CampaignTarget, (cid, seed.clients["001001"]))
        assert (target.response, target.reason, target.amount) == ("declined", "资金另有安排", None)
        assert s.get_one(ServiceTask, call).status == "open"  # the ordinary task is untouched


def test_only_the_clients_manager_may_record_the_response(qtbot: QtBot, launched: tuple[Seed, int]) -> None:
    seed, _cid = launched
    task = _task(seed, "001000")
    dlg = _form(qtbot, seed, seed.bm, "001000", task_id=task, task_type="campaign")
    dlg.ui.responseCombo.setCurrentIndex(dlg.ui.responseCombo.findData("interested"))
    dlg.save()
    qtbot.waitUntil(lambda: "不允许" in dlg.ui.messageLabel.text(), timeout=10000)
    assert "只有客户 001000 的投资经理" in dlg.ui.messageLabel.text()
    assert dlg.isVisible() and dlg.save_button.isEnabled() and _campaign_touches(seed) == 0
    # another investment manager does not even see the client: the form says so and cannot save
    other = _form(qtbot, seed, seed.im2, "001000")
    assert not other.save_button.isEnabled() and other.chosen_campaign() is None


def test_a_campaign_response_is_not_edited_but_said_why(qtbot: QtBot, launched: tuple[Seed, int]) -> None:
    seed, cid = launched
    r = campaigns.respond(seed.store, seed.im1, cid, "001000", "subscribed", amount=Decimal("30000"))
    view = touches.get_touch(seed.store, seed.im1, r.touch_id)
    dlg = _form(qtbot, seed, seed.im1, "001000", edit=view)
    assert dlg.ui.typeCombo.currentText() == "营销活动联系" and not dlg.ui.campaignGroup.isVisible()
    dlg.ui.summaryEdit.setPlainText(view.summary + "（已核对合同）")
    dlg.save()
    qtbot.waitUntil(lambda: "不能修改" in dlg.ui.messageLabel.text(), timeout=10000)
    assert "crm campaign respond" in dlg.ui.messageLabel.text()
    with seed.store.read() as s:
        t = s.get_one(Touch, r.touch_id)
        assert t.checklist["response"] == "subscribed" and "已核对合同" not in t.summary
