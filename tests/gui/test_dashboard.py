"""The dashboard area: figures, tables, suggestions, departure wizard, exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop.db.models import MatchSuggestion, ReassignmentRequest
from crm_desktop.gui.areas import dashboard
from crm_desktop.gui.branch.departure import DepartureDialog
from crm_desktop.gui.branch.models import EDIT, PlanCol
from tests.branch_data import add_run, add_snapshots, add_staff
from tests.factories import Seed
from tests.gui.conftest import make_ctx

C = ["001000", "001001", "001002", "001003", "001004", "001005"]


def _scored(s: Seed) -> None:
    c = s.clients
    im3 = add_staff(s, "im3", name="孙资深")
    add_run(
        s.store,
        {s.im1.id: ("senior", 81.5, 200), s.im2.id: ("junior", 33.0, 400), im3.id: ("senior", 90, 200)},
        {
            c[C[0]]: ("V5", 12_000_000, "high"),
            c[C[1]]: ("V4", 4_000_000, "medium"),
            c[C[2]]: ("V2", 250_000, "high"),
            c[C[3]]: ("V1", 10_000, "low"),
            c[C[4]]: ("V4", 3_500_000, "low"),
            c[C[5]]: ("V1", 20_000, "medium"),
        },
        suggestions=[(c[C[4]], "grade_mismatch", s.im2.id, im3.id)],
    )
    add_snapshots(s.store, c[C[0]], date(2025, 11, 1), 12, 9_000_000, 150_000)
    add_snapshots(s.store, c[C[4]], date(2025, 11, 1), 12, 3_000_000, -400_000)


def _page(qtbot: QtBot, s: Seed) -> dashboard.DashboardPage:
    page = dashboard.DashboardPage(make_ctx(s, s.bm))
    qtbot.addWidget(page)
    page.resize(1280, 760)
    qtbot.waitUntil(lambda: page.loaded, timeout=20000)
    return page


def test_dashboard_page(
    qtbot: QtBot,
    qtmodeltester: object,
    seeded_sqlite: Seed,
    screenshot_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    s = seeded_sqlite
    _scored(s)
    page = _page(qtbot, s)
    for model in (page.churn_model, page.league_model, page.sugg_model):
        qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert page.churn_model.rowCount() == 4 and page.league_model.rowCount() == 3
    assert page.churn_model.index(0, 0).data() == C[0]
    assert page.league_model.index(0, 1).data() == "孙资深"
    assert "2026-10-30" in page.as_of.text() and "6" in page.kpis.text()
    page.show()
    qtbot.waitExposed(page)
    page.grab().save(str(screenshot_dir / "dashboard_overview.png"))
    page.tabs.setCurrentIndex(1)
    page.grab().save(str(screenshot_dir / "dashboard_churn.png"))
    page.tabs.setCurrentIndex(2)
    page.grab().save(str(screenshot_dir / "dashboard_league.png"))

    # suggestions: accept one as a request
    page.tabs.setCurrentIndex(3)
    assert page.sugg_model.rowCount() == 1
    page.grab().save(str(screenshot_dir / "dashboard_suggestions.png"))
    page.sugg_view.selectRow(0)
    page.accept_suggestions()
    qtbot.waitUntil(lambda: page.sugg_model.rowCount() == 0, timeout=10000)
    with s.store.read() as sess:
        req = sess.scalar(select(ReassignmentRequest))
        assert req is not None and req.reason == "capability"
        assert sess.scalar(select(MatchSuggestion.status)) == "accepted"

    # exports go through the same service and land where the user chose
    target = tmp_path / "看板.xlsx"
    monkeypatch.setattr(page, "choose_export_path", lambda suffix: target)
    page.export(".xlsx")
    qtbot.waitUntil(lambda: hasattr(page, "last_export"), timeout=20000)
    assert page.last_export == target and load_workbook(target).sheetnames[0] == "概况"


def test_not_scored_yet(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    page = _page(qtbot, seeded_sqlite)
    assert page.churn_model.rowCount() == 0 and page.sugg_model.rowCount() == 0
    assert page.league_model.rowCount() == 2
    assert page.league_model.index(0, 3).data() == "-"
    assert page.as_of.text()  # says not scored yet


def test_departure_dialog(
    qtbot: QtBot, qtmodeltester: object, seeded_sqlite: Seed, screenshot_dir: Path
) -> None:
    s = seeded_sqlite
    _scored(s)
    dlg = DepartureDialog(make_ctx(s, s.bm))
    qtbot.addWidget(dlg)
    dlg.leaver.setCurrentIndex(dlg.leaver.findData("im1"))
    dlg.propose()
    qtbot.waitUntil(lambda: dlg.model.proposal is not None, timeout=10000)
    qtmodeltester.check(dlg.model)  # type: ignore[attr-defined]
    model = dlg.model
    assert model.rowCount() == 4 and model.breach_count() == 0
    assert model.index(0, PlanCol.TO).data(EDIT) == "im3"  # the V5 client to the most capable
    # moving the V5 client to the junior manager is flagged at once
    assert model.setData(model.index(0, PlanCol.TO), "im2", EDIT)
    assert model.breach_count() == 1 and "资深" in model.index(0, PlanCol.VERDICT).data()
    assert not model.setData(model.index(0, PlanCol.TO), "nobody", EDIT)
    model.setData(model.index(0, PlanCol.TO), "im3", EDIT)
    dlg.comment.setText("李投顾离职")
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.grab().save(str(screenshot_dir / "departure_dialog.png"))
    assert dlg.submit_btn.isEnabled()
    dlg.submit()
    assert len(dlg.request_ids) == 4
    with s.store.read() as sess:
        reqs = sess.scalars(select(ReassignmentRequest)).all()
        assert {r.reason for r in reqs} == {"departure"} and len({r.batch_id for r in reqs}) == 1
