"""The workbench: today's work in priority order, figures that say "not enough data", alerts, the branch
manager's glance, the administrator's health page and the command bar's search, on both backends."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from crm_desktop.db.models import AssetSnapshot, Client, Trade
from crm_desktop.services import workbench
from crm_desktop.services.auth import Actor
from crm_desktop.services.workbench import priority_key
from tests.branch_data import add_run
from tests.factories import Seed, add_client
from tests.fixed_clock import TODAY
from tests.services.service_helpers import add_task, add_touch

C = ["001000", "001001", "001002", "001003", "001004", "001005"]


def _snap(s: Seed, client_no: str, day: date, assets: int, inflow: int) -> None:
    with s.store.transaction() as session:
        session.add(
            AssetSnapshot(
                client_id=s.clients[client_no],
                date=day,
                cash=Decimal(assets),
                securities_value=Decimal(0),
                total_assets=Decimal(assets),
                net_inflow=Decimal(inflow),
            )
        )


def _trade(s: Seed, client_no: str, day: date, commission: str, n: int) -> None:
    from crm_desktop.db.models import Security

    with s.store.transaction() as session:
        if session.get(Security, "600000") is None:
            session.add(Security(code="600000", name="浦发银行", board="main"))
            session.flush()
        session.add(
            Trade(
                trade_id=f"T{n}",
                trade_date=day,
                client_id=s.clients[client_no],
                code="600000",
                side="buy",
                quantity=Decimal(100),
                price=Decimal(10),
                amount=Decimal(1000),
                commission=Decimal(commission),
            )
        )


def test_priority_key_orders_grade_then_days_overdue_then_type() -> None:
    keys = [
        priority_key("V1", 700, "risk_reassessment", "a"),
        priority_key("V5", 0, "greeting", "b"),
        priority_key("V5", 3, "phone_call", "c"),
        priority_key("V5", 3, "risk_reassessment", "d"),
        priority_key(None, 900, "risk_reassessment", "e"),
    ]
    order = [k[-1] for k in sorted(keys)]
    assert order == ["d", "c", "b", "a", "e"]


def test_todays_work_in_priority_order(seeded: Seed) -> None:
    s = seeded
    c = s.clients
    add_run(s.store, {}, {c[C[0]]: ("V1", 1000, "low"), c[C[1]]: ("V5", 9_000_000, "low")})
    add_task(s.store, c[C[0]], s.im1.id, "risk_reassessment", TODAY - timedelta(days=700), "old")
    add_task(s.store, c[C[1]], s.im1.id, "phone_call", TODAY, "vip-today")
    add_task(s.store, c[C[1]], s.im1.id, "visit", TODAY - timedelta(days=2), "vip-late")
    add_task(s.store, c[C[2]], s.im1.id, "phone_call", TODAY + timedelta(days=1), "tomorrow")
    add_task(s.store, c[C[4]], s.im2.id, "phone_call", TODAY, "not-mine")
    wb = workbench.build_workbench(s.store, s.im1, TODAY)
    assert [(w.client_no, w.task_type) for w in wb.work] == [
        (C[1], "visit"),
        (C[1], "phone_call"),
        (C[0], "risk_reassessment"),
    ]
    assert [w.rank for w in wb.work] == [1, 2, 3]
    assert [w.days_overdue for w in wb.work] == [2, 0, 700]
    assert wb.work_counts == {"overdue": 2, "today": 1}
    assert wb.work[2].type_label  # from the domain catalogue


def test_figures_not_measured_are_none_not_zero(seeded: Seed) -> None:
    wb = workbench.build_workbench(seeded.store, seeded.im1, TODAY)
    figs = {f.key: f for f in wb.figures}
    assert figs["clients"].value == 4
    for key in ("assets", "net_inflow", "commission"):
        assert figs[key].value is None and figs[key].note
    assert workbench.not_measured_text() == "数据不足"


def test_figures_month_to_date_against_same_days_last_month(seeded: Seed) -> None:
    s = seeded
    # today is 1 December: this month so far = 1 December; last month = 1 November
    _snap(s, C[0], date(2026, 11, 1), 1_000_000, 500)
    _snap(s, C[0], date(2026, 11, 2), 1_000_500, 9_999)  # after the comparable day: not counted
    _snap(s, C[0], date(2026, 11, 30), 1_100_000, 0)
    _snap(s, C[0], TODAY, 1_200_000, 20_000)
    _snap(s, C[4], TODAY, 7_000_000, 1)  # im2's client
    _trade(s, C[0], TODAY, "12.50", 1)
    _trade(s, C[0], date(2026, 11, 1), "3.00", 2)
    _trade(s, C[4], TODAY, "99.00", 3)
    figs = {f.key: f for f in workbench.build_workbench(s.store, s.im1, TODAY).figures}
    assert figs["assets"].value == Decimal("1200000") and figs["assets"].previous == Decimal("1100000")
    assert figs["net_inflow"].value == Decimal("20000") and figs["net_inflow"].previous == Decimal("500")
    assert figs["commission"].value == Decimal("12.50") and figs["commission"].previous == Decimal("3.00")
    assert figs["assets"].change == Decimal("100000")


def test_figures_without_this_months_data_say_so(seeded: Seed) -> None:
    s = seeded
    _snap(s, C[0], date(2026, 11, 30), 1_100_000, 5)
    figs = {f.key: f for f in workbench.build_workbench(s.store, s.im1, TODAY).figures}
    assert figs["assets"].value == Decimal("1100000")  # the latest day with data
    assert figs["net_inflow"].value is None and "2026-11-30" in figs["net_inflow"].note
    assert figs["commission"].value is None


def test_alerts_churn_turned_high_and_assessment_expiring(seeded: Seed) -> None:
    s = seeded
    c = s.clients
    add_run(s.store, {}, {c[C[0]]: ("V3", 1, "high"), c[C[1]]: ("V3", 1, "low")})
    add_run(s.store, {}, {c[C[0]]: ("V3", 1, "high"), c[C[1]]: ("V3", 1, "high"), c[C[4]]: ("V3", 1, "high")})
    with s.store.transaction() as session:
        # due two years after 2024-12-20, i.e. within 30 days of 1 December 2026
        session.get(Client, c[C[2]]).risk_assessed_on = date(2024, 12, 20)  # type: ignore[union-attr]
    wb = workbench.build_workbench(s.store, s.im1, TODAY)
    kinds = {a.kind: a for a in wb.alerts}
    assert kinds["churn_high"].count == 1 and kinds["churn_high"].client_no == C[1]  # im2's C[4] not shown
    assert kinds["assessment_expiring"].count == 1 and kinds["assessment_expiring"].client_no == C[2]
    assert "red_flags" not in kinds  # call-back cases concern the manager: the branch manager's alone


def test_recent_activity_is_the_actors_own(seeded: Seed) -> None:
    s = seeded
    add_touch(s.store, s.clients[C[0]], s.im1.id, "phone_call", TODAY - timedelta(days=1))
    add_touch(s.store, s.clients[C[4]], s.im2.id, "phone_call", TODAY)
    wb = workbench.build_workbench(s.store, s.im1, TODAY)
    assert [(a.kind, a.client_no) for a in wb.activity] == [("touch", C[0])]


def test_branch_manager_glance_due_today_is_not_missed(seeded: Seed) -> None:
    s = seeded
    c = s.clients
    add_task(s.store, c[C[0]], s.im1.id, "phone_call", TODAY, "today")
    wb = workbench.build_workbench(s.store, s.bm, TODAY)
    g = wb.compliance
    assert g is not None and g.due == 1 and g.open_due_today == 1 and g.overdue_now == 0
    assert g.on_time_rate is None  # nothing judged yet: "not enough data", not 0 %
    assert wb.work == [] and {f.key for f in wb.figures} >= {"clients", "assets", "overdue"}


def test_branch_manager_managers_needing_attention(seeded: Seed) -> None:
    s = seeded
    c = s.clients
    for i in range(3):
        add_task(s.store, c[C[0]], s.im1.id, "phone_call", TODAY - timedelta(days=10 + i), f"late{i}")
    add_task(s.store, c[C[4]], s.im2.id, "phone_call", TODAY - timedelta(days=5), "late-im2")
    wb = workbench.build_workbench(s.store, s.bm, TODAY)
    assert [(m.login, m.overdue) for m in wb.managers] == [("im1", 3), ("im2", 1)]
    assert all(m.on_time_rate is None for m in wb.managers)  # too few judged tasks to rate anyone
    assert {f.key: f.value for f in wb.figures}["overdue"] == 4


def test_administrator_health(seeded: Seed) -> None:
    wb = workbench.build_workbench(seeded.store, seeded.admin, TODAY)
    assert wb.health is not None and wb.health.revision
    assert wb.health.counts["clients"] == 6 and wb.health.counts["staff"] == 4
    assert wb.health.last_backup is None
    assert wb.runs == [] and any(a.kind == "never_scored" for a in wb.alerts)
    assert wb.work == [] and wb.figures == []


def test_search_respects_visibility(seeded: Seed) -> None:
    s = seeded
    add_client(s.store, "009999", branch_id=1, manager_id=s.im1.id, name="欧阳娜", phone="13900004321")
    add_task(s.store, s.clients[C[0]], s.im1.id, "phone_call", TODAY - timedelta(days=3), "srch")

    def keys(actor: Actor, q: str) -> list[tuple[str, str]]:
        return [(h.kind, h.key) for h in workbench.search(s.store, actor, q, today=TODAY)]

    assert keys(s.im1, "欧阳") == [("client", "009999")]
    assert keys(s.im1, "4321") == [("client", "009999")]  # phone tail
    assert keys(s.im2, "欧阳") == []  # not in im2's book
    assert ("client", C[4]) in keys(s.bm, "钱七")
    hits = keys(s.im1, C[0])
    assert hits[0] == ("client", C[0]) and hits[1][0] == "task"
    # an administrator finds by number only, and sees the name masked
    assert keys(s.admin, "欧阳") == []
    admin_hits = workbench.search(s.store, s.admin, "009999", today=TODAY)
    assert [h.key for h in admin_hits] == ["009999"] and "欧阳娜" not in admin_hits[0].title
    assert workbench.search(s.store, s.im1, "  ") == []
    assert keys(s.im1, "%") == []  # wildcards are searched literally


def test_compliance_glance_counts_as_the_compliance_report(seeded: Seed) -> None:
    from crm_desktop.services import compliance

    s = seeded
    c = s.clients
    # this month is 1 December only: one due today and open, one done on time; earlier months do not count
    add_task(s.store, c[C[0]], s.im1.id, "phone_call", TODAY, "open-today")
    add_task(s.store, c[C[1]], s.im1.id, "visit", TODAY, "done", status="done")
    add_task(s.store, c[C[4]], s.im2.id, "phone_call", TODAY - timedelta(days=2), "november")
    add_task(s.store, c[C[5]], s.im2.id, "phone_call", TODAY, "cancelled", status="cancelled")
    with s.store.read() as session:
        glance, rows = workbench.compliance_glance(session, s.bm, TODAY)
    total = compliance.compliance_report(s.store, s.bm, TODAY.replace(day=1), TODAY, today=TODAY).total()
    assert (glance.due, glance.on_time, glance.late, glance.overdue_now, glance.open_due_today) == (
        total.due,
        total.on_time,
        total.late,
        total.overdue_now,
        total.open_due_today,
    )
    assert glance.due == 2 and glance.open_due_today == 1
    assert {r.manager_id for r in rows} == {s.im1.id}


def test_figures_same_whichever_way_the_clients_are_filtered(
    seeded: Seed, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = seeded
    _snap(s, C[0], TODAY, 1_200_000, 20_000)
    _snap(s, C[4], TODAY, 7_000_000, 1)  # im2's client
    _trade(s, C[0], TODAY, "12.50", 1)
    _trade(s, C[4], TODAY, "99.00", 2)

    def values(actor: Actor) -> dict[str, object]:
        return {f.key: f.value for f in workbench.build_workbench(s.store, actor, TODAY).figures}

    by_ids = values(s.im1)
    monkeypatch.setattr(workbench, "IDS_INLINE", 0)  # a book too large to list: a sub-query instead
    assert values(s.im1) == by_ids
    assert by_ids["assets"] == Decimal("1200000") and by_ids["commission"] == Decimal("12.50")
    # the branch manager's scope is every client of this store: no filter at all, everything counts
    branch = values(s.bm)
    assert branch["assets"] == Decimal("8200000") and branch["commission"] == Decimal("111.50")


def test_callback_officer_sees_the_pool(seeded: Seed) -> None:
    from tests.branch_data import add_staff

    officer = add_staff(seeded, "cb1", role="callback_officer")
    wb = workbench.build_workbench(seeded.store, officer, TODAY)
    assert [a.kind for a in wb.alerts] == ["callbacks_none"] and wb.alerts[0].area == "callbacks"
    assert wb.work == [] and wb.figures == []
