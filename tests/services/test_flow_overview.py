"""flow_overview: the flow view's split per client grade and the monthly net-flow trend (both backends)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from crm_desktop.services import flow
from tests.branch_data import add_run
from tests.factories import Seed
from tests.flow_data import build_flow


def test_split_per_grade_and_trend(seeded: Seed, tmp_path: Path) -> None:
    s = seeded
    build_flow(s, tmp_path)
    c = s.clients
    add_run(
        s.store,
        {s.im1.id: ("senior", 80, 200), s.im2.id: ("junior", 40, 200)},
        {
            c["001000"]: ("V5", 1_000_000, "low"),
            c["001001"]: ("V5", 500_000, "low"),
            c["001004"]: ("V2", 9, "high"),
        },
    )
    ov = flow.flow_overview(s.store, s.bm, date(2026, 10, 1), date(2026, 11, 30))
    assert ov.report.total.net_flow == Decimal("41999.50")  # 999.00 on 10-30 is inside this period
    grades = {r.manager_login: r for r in ov.by_grade}
    assert [r.manager_login for r in ov.by_grade] == ["V5", "V2", "-"]
    v5, v2, rest = grades["V5"], grades["V2"], grades["-"]
    assert (v5.new_accounts, v5.transfers_in, v5.asset_inflow) == (1, 1, Decimal("150000.50"))
    assert (v2.transferred_out, v2.asset_inflow, v2.asset_outflow) == (
        1,
        Decimal("1000.00"),
        Decimal("80000.00"),
    )
    # 001005's opening on 10-01 is a new account of the period, 001002's closure and 001003's return too
    assert (rest.new_accounts, rest.closed, rest.regained) == (1, 1, 1)
    assert sum((r.net_flow for r in ov.by_grade), Decimal(0)) == ov.report.total.net_flow
    assert ov.trend == [("2026-10", Decimal("999.00")), ("2026-11", Decimal("41000.50"))]


def test_trend_has_every_month_of_the_period(seeded: Seed, tmp_path: Path) -> None:
    build_flow(seeded, tmp_path)
    ov = flow.flow_overview(seeded.store, seeded.im2, date(2026, 9, 15), date(2026, 12, 1))
    assert [m for m, _v in ov.trend] == ["2026-09", "2026-10", "2026-11", "2026-12"]
    assert ov.trend[2] == ("2026-11", Decimal("-79000.00"))
