"""Head office's window (总部, issue #21): the dashboard area with a branch chooser, figures only."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from crm_desktop import i18n
from crm_desktop.db.models import AssetSnapshot
from crm_desktop.gui.areas import dashboard
from crm_desktop.gui.i18n import install_translators
from crm_desktop.gui.main_window import area_specs
from crm_desktop.gui.theme import apply_theme
from crm_desktop.services import staff
from crm_desktop.services.auth import Actor, login
from tests.branch_data import add_run
from tests.factories import PASSWORD, Seed, add_client
from tests.flow_data import build_performance
from tests.gui.conftest import make_ctx

SHOTS = Path(os.environ.get("CRM_SHOTS", "/tmp/shots-rls"))


def _firm(s: Seed, tmp: Path) -> Actor:
    build_performance(s, tmp)
    b2 = staff.add_branch(s.store, s.admin, "B002", "第二营业部")
    staff.add_user(
        s.store,
        s.admin,
        "im3",
        role="investment_manager",
        display_name="周经理",
        branch_code="B002",
        password=PASSWORD,
    )
    im3 = login(s.store, "im3", PASSWORD)
    c1 = add_client(s.store, "002000", branch_id=b2, manager_id=im3.id, name="周一")
    with s.store.transaction() as t:
        t.add(
            AssetSnapshot(
                client_id=c1,
                date=date(2026, 11, 8),
                cash=Decimal("1000.00"),
                securities_value=Decimal("0.00"),
                total_assets=Decimal("1000.00"),
                net_inflow=Decimal("500000.00"),
            )
        )
    add_run(
        s.store,
        {s.im1.id: ("senior", 81.5, 200), s.im2.id: ("junior", 33.0, 400), im3.id: ("junior", 40.0, 300)},
        {**{cid: ("V3", 1_000_000, "high") for cid in s.clients.values()}, c1: ("V5", 12_000_000, "high")},
    )
    staff.add_user(
        s.store, s.admin, "hq", role="head_office", display_name="总部", branch_code=None, password=PASSWORD
    )
    return login(s.store, "hq", PASSWORD)


def test_head_office_sees_the_figures_area_only() -> None:
    assert [a.key for a in area_specs() if "head_office" in a.roles] == ["dashboard", "settings"]


def test_head_office_dashboard_chooses_a_branch(
    qtbot: QtBot, qtmodeltester: object, seeded_sqlite: Seed, tmp_path: Path
) -> None:
    s = seeded_sqlite
    hq = _firm(s, tmp_path)
    page = dashboard.DashboardPage(make_ctx(s, hq))
    qtbot.addWidget(page)
    page.resize(1280, 760)
    qtbot.waitUntil(lambda: page.loaded, timeout=20000)
    for model in (page.churn_model, page.league_model):
        qtmodeltester.check(model)  # type: ignore[attr-defined]
    box = page.branch_box
    assert box is not None
    assert [box.itemText(i) for i in range(box.count())] == [
        "全部营业部",
        "B001 测试营业部",
        "B002 第二营业部",
    ]
    tabs = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "匹配建议" not in tabs and "服务合规" in tabs and not page.departure_btn.isVisible()
    every = page.board
    assert every is not None and every.branch_name == "全部营业部"
    assert set(every.league["login"]) == {"im1", "im2", "im3"}
    assert all("*" in no for no in every.churn["client_no"])
    page.loaded = False
    box.setCurrentIndex(2)
    qtbot.waitUntil(lambda: page.loaded, timeout=20000)
    assert page.board is not None and page.board.branch_name == "第二营业部" and page.board.client_count == 1
    assert page.flow_view.branch_id == page.performance_view.branch_id == box.currentData()
    qtbot.waitUntil(lambda: page.flow_view.loaded, timeout=20000)
    assert page.flow_view.overview is not None
    assert page.flow_view.overview.report.total.asset_inflow == Decimal("500000.00")

    SHOTS.mkdir(parents=True, exist_ok=True)
    page.show()
    qtbot.waitExposed(page)
    page.grab().save(str(SHOTS / "head_office_zh.png"))
    page.tabs.setCurrentWidget(page.flow_view)
    page.grab().save(str(SHOTS / "head_office_flow_zh.png"))


def test_head_office_dashboard_in_english_and_dark(
    qtbot: QtBot, qapp: QApplication, seeded_sqlite: Seed, tmp_path: Path
) -> None:
    s = seeded_sqlite
    hq = _firm(s, tmp_path)
    install_translators(qapp, "en")
    i18n.set_language("en")
    apply_theme(qapp, "dark")
    try:
        page = dashboard.DashboardPage(make_ctx(s, hq))
        qtbot.addWidget(page)
        page.resize(1280, 760)
        qtbot.waitUntil(lambda: page.loaded, timeout=20000)
        assert page.branch_box is not None and page.branch_box.itemText(0) == "All branches"
        assert page.board is not None and page.board.branch_name == "All branches"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.show()
        qtbot.waitExposed(page)
        page.grab().save(str(SHOTS / "head_office_en_dark.png"))
    finally:
        apply_theme(qapp, "light")
        install_translators(qapp, "zh_CN")
        i18n.set_language("zh_CN")
