"""The branch dashboard: figures from scores and snapshots, and its exports (reports.dashboard), on both backends."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from crm_desktop.db.models import AuditLog
from crm_desktop.errors import InvalidInput, PermissionDenied
from crm_desktop.reports import dashboard as report
from crm_desktop.services import dashboard
from tests.branch_data import add_run, add_snapshots
from tests.factories import Seed

C = ["001000", "001001", "001002", "001003", "001004", "001005"]


def _scored(s: Seed) -> None:
    c = s.clients
    add_run(
        s.store,
        {s.im1.id: ("senior", 81.5, 200), s.im2.id: ("junior", 33.0, 400)},
        {
            c[C[0]]: ("V5", 12_000_000, "high"),
            c[C[1]]: ("V4", 4_000_000, "medium"),
            c[C[2]]: ("V2", 250_000, "high"),
            c[C[3]]: ("V1", 10_000, "low"),
            c[C[4]]: ("V2", 300_000, "low"),
            c[C[5]]: ("V1", 20_000, "medium"),
        },
    )


def test_not_scored_yet_shows_no_figures(seeded: Seed) -> None:
    d = dashboard.build_dashboard(seeded.store, seeded.bm)
    assert not d.scored and d.client_count == 6
    assert d.grades.empty and d.churn.empty and d.monthly.empty
    # managers are listed, but with no made-up scores
    assert set(d.league["login"]) == {"im1", "im2"}
    assert d.league["capability_score"].isna().all() and d.league["assets"].isna().all()
    assert report.display_value("capability_score", d.league["capability_score"].iloc[0]) == "-"
    # a rate nobody could measure says so; it is not a dash that reads as zero, nor a neutral 50 %
    assert report.display_value("on_time_rate", d.league["on_time_rate"].iloc[0]) == "数据不足"
    assert report.display_value("retention", None) == "数据不足"


def test_figures(seeded: Seed) -> None:
    s = seeded
    _scored(s)
    add_snapshots(s.store, s.clients[C[0]], date(2025, 11, 1), 12, 1_000_000, 50_000)
    add_snapshots(s.store, s.clients[C[4]], date(2025, 11, 1), 12, 200_000, -80_000)
    d = dashboard.build_dashboard(s.store, s.bm)
    assert d.scored
    g = d.grades.set_index("grade")
    assert list(d.grades["grade"]) == ["V5", "V4", "V3", "V2", "V1"]
    assert g.loc["V2", "clients"] == 2 and g.loc["V2", "assets"] == 550_000 and g.loc["V3", "clients"] == 0
    assert d.total_assets == pytest.approx(16_580_000)
    # monthly: month-end total of the branch and the month's net flow
    assert list(d.monthly["month"])[:2] == ["2025-11", "2025-12"] and len(d.monthly) == 12
    assert d.monthly["net_flow"].iloc[0] == pytest.approx(-30_000)
    assert d.monthly["assets"].iloc[1] == pytest.approx(1_000_000 + 1000 + 200_000 + 1000)
    # churn: high first, then by assets, with readable reasons
    assert list(d.churn["client_no"]) == [C[0], C[2], C[1], C[5]]
    assert "净流出" in report.display_value("reasons", d.churn["reasons"].iloc[0])
    assert d.churn["manager"].iloc[0] == "李投顾"
    # league: most capable first, live client counts, scored assets and high-risk counts
    lg = d.league.set_index("login")
    assert list(d.league["login"]) == ["im1", "im2"]
    assert lg.loc["im1", "clients"] == 4 and lg.loc["im1", "assets"] == pytest.approx(16_260_000)
    assert lg.loc["im1", "churn_high"] == 2 and lg.loc["im2", "churn_high"] == 0
    assert lg.loc["im1", "on_time_rate"] == pytest.approx(0.8)
    with pytest.raises(PermissionDenied):
        dashboard.build_dashboard(s.store, s.im1)
    with pytest.raises(PermissionDenied):
        dashboard.build_dashboard(s.store, s.admin)


def test_exports(seeded: Seed, tmp_path: Path) -> None:
    s = seeded
    _scored(s)
    add_snapshots(s.store, s.clients[C[0]], date(2026, 1, 1), 6, 1_000_000, 10_000)
    xlsx = report.export_dashboard(s.store, s.bm, tmp_path / "看板.xlsx")
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["概况", "等级分布", "月度资产与净流入", "流失风险", "经理排行"]
    churn = list(wb["流失风险"].iter_rows(values_only=True))
    assert churn[0][:2] == ("客户号", "姓名") and churn[1][0] == C[0] and churn[1][4] == "高"
    league = list(wb["经理排行"].iter_rows(values_only=True))
    assert league[1][0] == "im1" and league[1][3] == pytest.approx(81.5)

    pdf = report.export_dashboard(s.store, s.bm, tmp_path / "board.pdf")
    reader = PdfReader(pdf)
    text = "".join(p.extract_text() for p in reader.pages)
    assert "营业部看板" in text and "李投顾" in text and C[0] in text
    embedded = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():  # type: ignore[index]
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            if desc is not None and "/FontFile2" in desc.get_object():
                embedded.add(str(font["/BaseFont"]))
    # the CJK font travels inside the file (as a subset), not left to the reader's machine
    assert any("WenQuanYiMicroHei" in name for name in embedded)
    with s.store.read() as sess:
        assert len(sess.scalars(select(AuditLog).where(AuditLog.action == "dashboard.export")).all()) == 2
    with pytest.raises(InvalidInput):
        report.export_dashboard(s.store, s.bm, tmp_path / "board.csv")


def test_english_export(seeded: Seed, tmp_path: Path) -> None:
    from crm_desktop.i18n import set_language

    _scored(seeded)
    d = dashboard.build_dashboard(seeded.store, seeded.bm)
    # the reasons are worded when shown, so a dashboard built in Chinese reads in English after a switch
    set_language("en")
    assert "left the account" in report.display_value("reasons", d.churn["reasons"].iloc[0])
    path = report.export_dashboard(seeded.store, seeded.bm, tmp_path / "board.xlsx", dashboard=d)
    assert load_workbook(path).sheetnames[1] == "Grades"
