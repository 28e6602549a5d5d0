"""The branch manager's client-flow and performance tabs, on the hand-computed branch of tests/flow_data.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from crm_desktop.gui.branch.flow_views import (
    FlowCol,
    FlowView,
    LostCol,
    PerfCol,
    PerformanceView,
    ReasonCol,
    previous_month,
)
from crm_desktop.services import churn, teams
from tests.factories import Seed
from tests.flow_data import END, START, build_performance
from tests.gui.conftest import make_ctx


def _flow_view(qtbot: QtBot, s: Seed) -> FlowView:
    view = FlowView(make_ctx(s, s.bm))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.loaded, timeout=20000)
    view.set_period(START, END)
    qtbot.waitUntil(lambda: view.loaded, timeout=20000)
    return view


def test_flow_view_shows_the_hand_computed_figures(
    qtbot: QtBot, qtmodeltester: object, seeded_sqlite: Seed, tmp_path: Path, screenshot_dir: Path
) -> None:
    s = seeded_sqlite
    build_performance(s, tmp_path)
    churn.record_reason(s.store, s.bm, "001002", "price_or_service_elsewhere")
    view = _flow_view(qtbot, s)
    for m in (view.manager_model, view.grade_model, view.lost_model, view.reason_model):
        qtmodeltester.check(m)  # type: ignore[attr-defined]
    mm = view.manager_model
    rows = {mm.index(r, FlowCol.KEY).data(): r for r in range(mm.rowCount())}
    assert set(rows) == {"im1", "im2", "合计"}
    im1, total = rows["im1"], rows["合计"]
    assert [mm.index(im1, c).data() for c in FlowCol][1:] == [
        "1",
        "1",
        "1",
        "0",
        "1",
        "150,000.50",
        "30,000.00",
        "120,000.50",
    ]
    assert mm.index(total, FlowCol.NET_FLOW).data() == "41,000.50"
    # not scored: every client in the "not scored" grade row, with the same totals
    gm = view.grade_model
    assert gm.rowCount() == 1 and gm.index(0, FlowCol.KEY).data() == "未评分"
    assert gm.index(0, FlowCol.NET_FLOW).data() == "41,000.50"
    # the trend is the month's net flow
    assert view.overview is not None and view.overview.trend == [("2026-11", Decimal("41000.50"))]
    # lost clients: the recorded reason, and the one still missing
    lm = view.lost_model
    assert [lm.index(r, LostCol.CLIENT).data() for r in range(lm.rowCount())] == ["001004", "001002"]
    assert lm.index(0, LostCol.REASON).data() == "尚未记录"
    assert lm.index(0, LostCol.COUNTERPARTY).data() == "某某证券"
    assert lm.index(1, LostCol.REASON).data() != "尚未记录"
    rm = view.reason_model
    split = {
        rm.index(r, ReasonCol.REASON).data(): rm.index(r, ReasonCol.COUNT).data()
        for r in range(rm.rowCount())
    }
    assert split["尚未记录"] == "1" and sum(int(v) for v in split.values()) == 2
    assert "尚未记录" in view.summary.text() or "1" in view.summary.text()
    view.resize(1280, 820)
    view.show()
    qtbot.waitExposed(view)
    view.grab().save(str(screenshot_dir / "flow_view.png"))
    # a longer period: one bar per month, empty months at zero
    view.set_period(date(2026, 8, 1), END)
    qtbot.waitUntil(lambda: view.loaded, timeout=20000)
    assert view.overview is not None and view.overview.trend[0][0] == "2026-08"
    view.grab().save(str(screenshot_dir / "flow_view_trend.png"))


def test_flow_view_refuses_a_reversed_period(qtbot: QtBot, seeded_sqlite: Seed, monkeypatch: object) -> None:
    import crm_desktop.gui.branch.flow_views as fv

    shown: list[BaseException] = []
    monkeypatch.setattr(fv, "show_error", lambda _w, e: shown.append(e))  # type: ignore[attr-defined]
    view = FlowView(make_ctx(seeded_sqlite, seeded_sqlite.bm))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.loaded, timeout=20000)
    view.set_period(date(2026, 11, 30), date(2026, 11, 1))
    qtbot.waitUntil(lambda: view.loaded, timeout=20000)
    assert shown and "2026-11-01" in str(shown[0])


def test_league_table_drill_down_and_exports(
    qtbot: QtBot, qtmodeltester: object, seeded_sqlite: Seed, tmp_path: Path, screenshot_dir: Path
) -> None:
    s = seeded_sqlite
    build_performance(s, tmp_path)
    teams.add_team(s.store, s.bm, "一组", "im1", ["im1", "im2"])
    view = PerformanceView(make_ctx(s, s.bm))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.loaded, timeout=20000)
    view.set_month("2026-11")
    qtbot.waitUntil(
        lambda: view.loaded and view.report is not None and view.report.month == "2026-11", timeout=20000
    )
    qtmodeltester.check(view.model)  # type: ignore[attr-defined]
    qtmodeltester.check(view.team_model)  # type: ignore[attr-defined]
    m = view.model
    rows = {m.index(r, PerfCol.NAME).data(): r for r in range(m.rowCount())}
    im1, im2 = rows["im1"], rows["im2"]
    assert m.index(im1, PerfCol.NET_NEW_ASSETS).data() == "90,000.50"
    assert m.index(im2, PerfCol.COMMISSION).data() == "80.00"
    assert m.index(im1, PerfCol.ON_TIME).data() == "33.3%"
    # unmeasurable: 数据不足, never 0
    assert m.index(im2, PerfCol.SATISFACTION).data() == "数据不足"
    assert m.index(im1, PerfCol.PRODUCTS).data() == "数据不足"
    tm = view.team_model
    assert tm.rowCount() == 1 and tm.index(0, PerfCol.NAME).data() == "一组 (im1)"
    assert tm.index(0, PerfCol.COMMISSION).data() == "150.00" and tm.index(0, PerfCol.ON_TIME).data() == "—"
    # drill down: im2's figures against October
    view.select_manager("im2")
    text = view.detail.text()
    assert "im2 · 2026-11" in text and "2026-10" in text and "-49,000.00" in text and "数据不足" in text
    assert previous_month("2026-01") == "2025-12"
    view.resize(1360, 700)
    view.show()
    qtbot.waitExposed(view)
    view.grab().save(str(screenshot_dir / "performance_league.png"))

    for suffix in (".xlsx", ".pdf"):
        out = tmp_path / f"perf{suffix}"
        view.choose_export_path = lambda _s, out=out: out  # type: ignore[method-assign]
        view.last_export = None
        view.export(suffix)
        qtbot.waitUntil(lambda: getattr(view, "last_export", None) is not None, timeout=20000)
        assert view.last_export == out, view.last_export
    wb = load_workbook(tmp_path / "perf.xlsx")
    assert wb.sheetnames[1] == "团队合计"
    assert (tmp_path / "perf.pdf").read_bytes().startswith(b"%PDF")


def test_investment_manager_performance_card(
    qtbot: QtBot, seeded_sqlite: Seed, tmp_path: Path, screenshot_dir: Path
) -> None:
    from crm_desktop.gui.workbench.page import WorkbenchPage

    s = seeded_sqlite
    build_performance(s, tmp_path)
    page = WorkbenchPage(make_ctx(s, s.im2))
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.performance_loaded, timeout=20000)
    # the clock's month (December) has no figures yet: counts 0, unmeasurable ones 数据不足
    assert "2026-12" in page.performance_card.text() and "2026-11" in page.performance_card.text()
    # November against October, as on 30 November
    page.performance_loaded = False
    page._load_performance(date(2026, 11, 30))
    qtbot.waitUntil(lambda: page.performance_loaded, timeout=20000)
    text = page.performance_card.text()
    assert "2026-11" in text and "2026-10" in text
    assert "-49,000.00" in text and "80.00" in text and "数据不足" in text and "+80.00" in text
    assert page.performance_group.title() == "本月业绩"
    page.grab().save(str(screenshot_dir / "performance_card.png"))
