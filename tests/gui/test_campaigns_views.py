"""The campaigns area: segment editor live count, campaign funnel screen, push send list (models under qtmodeltester)."""

from __future__ import annotations

import csv
import os
from decimal import Decimal
from pathlib import Path

from pytestqt.qtbot import QtBot

from crm_desktop.gui.campaigns.views import CampaignsPage
from crm_desktop.services import campaigns
from tests.factories import Seed
from tests.fixed_clock import TODAY
from tests.gui.conftest import make_ctx
from tests.services.campaign_data import seed_campaign_branch

SHOTS = os.environ.get("CRM_SCREENSHOTS")  # a folder: save the screens there to look at them


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, f"campaigns-{name}.png"))


def test_campaigns_area(qtbot: QtBot, qtmodeltester, seeded_sqlite: Seed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
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
        talking_points="稳健理财，R3；说明业绩比较基准不代表收益承诺。",
    )
    campaigns.launch(seed.store, seed.bm, s.campaign_id)
    campaigns.respond(seed.store, seed.im1, s.campaign_id, "001000", "subscribed", amount=Decimal(80000))
    campaigns.respond(seed.store, seed.im1, s.campaign_id, "001001", "declined", reason="近期不考虑")
    campaigns.respond(seed.store, seed.im2, s.campaign_id, "001004", "interested")

    page = CampaignsPage(make_ctx(seed, seed.bm))
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    view = page.campaigns
    qtbot.waitUntil(lambda: view.results is not None, timeout=10000)
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.by_manager)
    qtmodeltester.check(view.by_grade)
    assert view.results is not None and view.results.total.converted == 1
    assert view.by_manager.rowCount() == 2 and "产品不适当" in view.info.text()
    assert "话术要点" in view.info.text(), view.info.text()
    assert "筛选条件：全部客户" in view.info.text() and "*" not in view.info.text()
    _shot(page, "funnel")

    page.setCurrentWidget(page.segments)
    editor = page.segments
    qtbot.waitUntil(lambda: editor.last_count == 8, timeout=10000)
    editor.filter_edit.setText("grade>=V3;churn=high;risk>=C3")
    qtbot.waitUntil(lambda: editor.last_count == 4, timeout=10000)
    editor.filter_edit.setText("grade>>V3")
    qtbot.waitUntil(
        lambda: editor.last_count is None and "grade>>V3" in editor.count_label.text(), timeout=10000
    )
    editor.filter_edit.setText("churn=high")
    editor.name_edit.setText("高流失")
    qtbot.waitUntil(lambda: editor.last_count == 5, timeout=10000)
    editor.save()
    qtbot.waitUntil(lambda: editor.saved.count() == 1, timeout=10000)
    assert editor.saved.item(0).text() == "高流失  ·  churn=high  ·  本人"
    _shot(page, "segments")

    page.setCurrentWidget(page.pushes)
    push = page.pushes
    push.title_edit.setText("银行业季度展望")
    push.body_edit.setPlainText("息差企稳，关注高股息银行股。")
    push.filter_edit.setText("grade>=V3")
    push.make()
    qtbot.waitUntil(lambda: push.send is not None, timeout=10000)
    qtmodeltester.check(push.model)
    assert push.model.rowCount() == 4 and push.confirm_button.isEnabled()
    assert "****" in push.model.index(0, 1).data()
    assert "拒绝营销 1 位" in push.summary.text() and "本系统不发送" in push.summary.text()
    _shot(page, "push")
    assert push.save_button.isEnabled()
    push.save_to(tmp_path / "send")  # the suffix is added, as the CLI's file
    qtbot.waitUntil(lambda: push.saved_path is not None, timeout=10000)
    with (tmp_path / "send.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["client_no", "masked_phone", "message"] and len(rows) == 5
    push.confirm()
    qtbot.waitUntil(lambda: not push.confirm_button.isEnabled(), timeout=10000)


def test_consent_from_the_360_view(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    from crm_desktop.gui.areas.campaigns import register_actions
    from crm_desktop.gui.campaigns.consent_dialog import ConsentDialog
    from crm_desktop.services import consent

    seed = seeded_sqlite
    ctx = make_ctx(seed, seed.im1)
    register_actions(ctx)
    spec = ctx.client_actions["marketing_consent"]
    assert spec in ctx.actions_for("investment_manager") and spec not in ctx.actions_for("admin")
    dlg = ConsentDialog(ctx, "001000")
    qtbot.addWidget(dlg)
    dlg.choice.setCurrentIndex(1)
    dlg.reason.setText("客户来电要求不再接收营销信息")
    _shot(dlg, "consent")
    dlg.save()
    assert dlg.result() == dlg.DialogCode.Accepted
    assert consent.get_consent(seed.store, seed.bm, "001000").allowed is False


def test_dashboard_card(qtbot: QtBot, qtmodeltester, seeded_sqlite: Seed) -> None:  # type: ignore[no-untyped-def]
    from crm_desktop.gui.campaigns.views import CampaignCard

    seed = seeded_sqlite
    seed_campaign_branch(seed)
    s = campaigns.create_campaign(
        seed.store,
        seed.bm,
        name="卡片",
        product="WM001",
        filter_text="",
        start=TODAY,
        end=TODAY.replace(day=31),
    )
    campaigns.launch(seed.store, seed.bm, s.campaign_id)
    campaigns.respond(seed.store, seed.im1, s.campaign_id, "001000", "subscribed", amount=Decimal(1000))
    card = CampaignCard(make_ctx(seed, seed.bm))
    qtbot.addWidget(card)
    qtbot.waitUntil(lambda: card.loaded, timeout=10000)
    qtmodeltester.check(card.model)
    card.resize(900, 300)
    _shot(card, "card")
    assert card.title() == "营销活动"
    assert [card.model.index(0, c).data() for c in range(7)] == [
        "卡片",
        "进行中",
        "4",
        "1",
        "1",
        "25.0%",
        "1,000",
    ]
    # the figures agree with the campaign's results
    total = campaigns.results(seed.store, seed.bm, s.campaign_id).total
    assert card.model.rows[0][1] == total
