"""Head office (总部, issue #21): every branch's figures, one branch at a time or all together, and no
client-level write anywhere, on both backends."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from crm_desktop.db import rls
from crm_desktop.db.models import AssetSnapshot, CallbackItem, Client, Complaint, ServiceTask, Trade
from crm_desktop.db.store import Store
from crm_desktop.errors import CrmError, InvalidInput, NotFound, PermissionDenied
from crm_desktop.services import (
    alerts,
    callbacks,
    campaigns,
    churn,
    clients,
    complaints,
    compliance,
    consent,
    dashboard,
    flow,
    importing,
    letters,
    performance,
    pushes,
    reassignment,
    relations,
    scoring,
    segments,
    service_plans,
    staff,
    suitability,
    tasks,
    teams,
    touches,
)
from crm_desktop.services.auth import Actor, login, role_label, start_session
from tests.branch_data import add_run, add_task
from tests.factories import PASSWORD, Seed, add_client
from tests.flow_data import build_performance

NOV = (date(2026, 11, 1), date(2026, 11, 30))


@dataclass
class Firm:
    seed: Seed
    b1: int
    b2: int
    bm2: Actor
    im3: Actor
    hq: Actor


def _at(d: int) -> datetime:
    return datetime(2026, 11, d, 6, 0, tzinfo=UTC)


@pytest.fixture
def firm(seeded: Seed, tmp_path: Path) -> Firm:
    """The seeded branch B001 with its November flow and performance, a second branch B002 with its own
    money, commission and a task, a score run over both, and a head-office account."""
    s = seeded
    build_performance(s, tmp_path)
    b2 = staff.add_branch(s.store, s.admin, "B002", "第二营业部")
    for name, role, branch in (("bm2", "branch_manager", "B002"), ("im3", "investment_manager", "B002")):
        staff.add_user(
            s.store, s.admin, name, role=role, display_name=name, branch_code=branch, password=PASSWORD
        )
    staff.add_user(
        s.store, s.admin, "hq", role="head_office", display_name="总部", branch_code=None, password=PASSWORD
    )
    bm2, im3, hq = (login(s.store, n, PASSWORD) for n in ("bm2", "im3", "hq"))
    c1 = add_client(s.store, "002000", branch_id=b2, manager_id=im3.id, name="周一")
    c2 = add_client(
        s.store, "002001", branch_id=b2, manager_id=im3.id, name="吴二", risk_assessed_on=date(2018, 1, 1)
    )
    with s.store.transaction() as t:
        for cid, day, amount in ((c1, 8, "500000.00"), (c2, 9, "-20000.00")):
            t.add(
                AssetSnapshot(
                    client_id=cid,
                    date=date(2026, 11, day),
                    cash=Decimal("1000.00"),
                    securities_value=Decimal("0.00"),
                    total_assets=Decimal("1000.00"),
                    net_inflow=Decimal(amount),
                )
            )
        t.add(
            Trade(
                trade_id="B2T1",
                trade_date=date(2026, 11, 12),
                client_id=c1,
                code="600000",
                side="buy",
                quantity=Decimal("100"),
                price=Decimal("10"),
                amount=Decimal("1000.00"),
                commission=Decimal("30.00"),
            )
        )
        t.add(
            ServiceTask(
                client_id=c1,
                manager_id=im3.id,
                task_type="phone_call",
                source="recurring",
                due_date=date(2026, 11, 15),
                status="done",
                dedupe_key="b2:1",
                completed_at=_at(14),
            )
        )
    grades = dict(zip(sorted(s.clients.values()), ("V5", "V4", "V2", "V1", "V2", "V1"), strict=True))
    add_run(
        s.store,
        {s.im1.id: ("senior", 81.5, 200), s.im2.id: ("junior", 33.0, 400), im3.id: ("junior", 40.0, 300)},
        {
            **{cid: (g, 1_000_000, "high" if g == "V5" else "low") for cid, g in grades.items()},
            c1: ("V3", 500_000, "high"),
            c2: ("V1", 10_000, "low"),
        },
    )
    return Firm(s, s.branch_id, b2, bm2, im3, hq)


def _flow(store: Store, actor: Actor, branch_id: int | None = None) -> list[list[str]]:
    return [r.values() for r in flow.flow_report(store, actor, *NOV, branch_id=branch_id).rows]


def _perf(store: Store, actor: Actor, branch_id: int | None = None) -> dict[str, list[str]]:
    return {
        r.manager_login: r.cells()
        for r in performance.performance(store, actor, "2026-11", branch_id=branch_id).rows
    }


def _comp(store: Store, actor: Actor, branch_id: int | None = None) -> compliance.ComplianceReport:
    return compliance.compliance_report(store, actor, *NOV, today=date(2026, 12, 1), branch_id=branch_id)


def test_head_office_reads_each_branch_as_its_manager_does(firm: Firm) -> None:
    s, hq = firm.seed, firm.hq
    store = s.store
    assert _flow(store, hq, firm.b1) == _flow(store, s.bm)
    assert _flow(store, hq, firm.b2) == _flow(store, firm.bm2)
    assert _perf(store, hq, firm.b1) == _perf(store, s.bm)
    assert _perf(store, hq, firm.b2) == _perf(store, firm.bm2)
    assert _comp(store, hq, firm.b1).rows == _comp(store, s.bm).rows
    assert _comp(store, hq, firm.b2).rows == _comp(store, firm.bm2).rows
    for branch, bm in ((firm.b1, s.bm), (firm.b2, firm.bm2)):
        mine = dashboard.build_dashboard(store, bm)
        theirs = dashboard.build_dashboard(store, hq, branch_id=branch)
        assert theirs.branch_name == mine.branch_name
        assert theirs.client_count == mine.client_count
        assert theirs.grades.equals(mine.grades)
        assert theirs.monthly.equals(mine.monthly)
        assert list(theirs.league["login"]) == list(mine.league["login"])
        assert len(theirs.churn) == len(mine.churn)


def test_head_office_reads_every_branch_together(firm: Firm) -> None:
    s, hq = firm.seed, firm.hq
    store = s.store
    one, two, both = _flow(store, s.bm), _flow(store, firm.bm2), _flow(store, hq)
    total = both[-1]
    assert total[0] == "*"
    for col in range(1, len(total)):
        assert Decimal(total[col]) == Decimal(one[-1][col]) + Decimal(two[-1][col])
    assert Decimal(two[-1][-1]) == Decimal("480000.00")  # branch 2's net flow is in the firm's
    assert _perf(store, hq) == {**_perf(store, s.bm), **_perf(store, firm.bm2)}
    report = _comp(store, hq)
    assert sorted(report.rows, key=repr) == sorted(
        _comp(store, s.bm).rows + _comp(store, firm.bm2).rows, key=repr
    )
    # the overdue risk re-assessments of both branches, client numbers and names masked for head office
    assert {r.client_no: r.client_name for r in report.risk_overdue} == {"****01": "吴*"}
    board = dashboard.build_dashboard(store, hq)
    assert board.branch_name == "全部营业部"
    per_branch = [dashboard.build_dashboard(store, bm) for bm in (s.bm, firm.bm2)]
    assert board.client_count == sum(b.client_count for b in per_branch) == 6  # 2 of 8 have left
    assert int(board.grades["clients"].sum()) == 6
    assert set(board.league["login"]) == {"im1", "im2", "im3"}
    assert all("*" in n for n in board.churn["client_no"])
    assert all(n.endswith("*") for n in board.churn["client_name"])
    assert not board.churn.empty


def test_nobody_else_reads_another_branch(firm: Firm) -> None:
    s = firm.seed
    for call in (
        lambda: flow.flow_report(s.store, s.bm, *NOV, branch_id=firm.b2),
        lambda: performance.performance(s.store, s.im1, "2026-11", branch_id=firm.b2),
        lambda: compliance.compliance_report(s.store, firm.bm2, *NOV, branch_id=firm.b1),
        lambda: dashboard.build_dashboard(s.store, s.bm, branch_id=firm.b2),
    ):
        with pytest.raises(PermissionDenied, match="总部"):
            call()
    with pytest.raises(NotFound):
        dashboard.build_dashboard(s.store, firm.hq, branch_id=999)
    # and head office is shown no client itself
    with pytest.raises(NotFound):
        clients.load_client_view(s.store, firm.hq, "001000")


def _counts(store: Store) -> dict[str, int]:
    """Rows of every branch-scoped table (head office reads them all; the PostgreSQL test login too)."""
    with store.read() as session:
        return {t: int(session.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()) for t in rls.POLICED}


def _write_paths(f: Firm, tmp: Path) -> dict[str, Callable[[], Any]]:
    s, hq, store = f.seed, f.hq, f.seed.store
    task_id = add_task(store, s.clients["001000"], s.im1.id, key="hq")
    with store.read() as session:
        complaint_id = session.scalar(select(func.min(Complaint.id)))
        item_id = session.scalar(select(func.min(CallbackItem.id)))
    assert complaint_id and item_id
    events = tmp / "events.csv"
    events.write_text("客户号,事件,日期\n002000,closed,2026-11-20\n", encoding="utf-8")
    return {
        "record_touch": lambda: touches.record_touch(
            store, hq, "001000", touch_type="phone_call", channel="phone", summary="总部来电"
        ),
        "cancel_task": lambda: tasks.cancel_task(store, hq, task_id, reason="x", expected_version=1),
        "generate_tasks": lambda: tasks.generate_tasks(store, hq),
        "create_campaign": lambda: campaigns.create_campaign(
            store, hq, name="总部活动", start=date(2026, 12, 1), end=date(2026, 12, 31)
        ),
        "generate_letter": lambda: letters.generate_letter(store, hq, "001000", out_dir=tmp),
        "request_moves": lambda: reassignment.request_moves(store, hq, [("001000", "im2")], "other"),
        "record_reason": lambda: churn.record_reason(store, hq, "001002", "service_here", "x"),
        "request_relationship": lambda: relations.request_relationship(
            store, hq, "001001", "im1", "im2", relations.parse_shares("im1=0.5,im2=0.5")
        ),
        "set_consent": lambda: consent.set_consent(store, hq, "001000", False, "x"),
        "add_complaint": lambda: complaints.add_complaint(
            store, hq, "001000", channel="phone", category="service", summary="x"
        ),
        "acknowledge_complaint": lambda: complaints.acknowledge(store, hq, complaint_id),
        "run_check": lambda: suitability.run_check(store, hq),
        "correct_level": lambda: suitability.correct_level(store, hq, "001000", "C2", "x"),
        "run_scoring": lambda: scoring.run_scoring(store, hq),
        "create_push": lambda: pushes.create_push(
            store, hq, kind="research", title="x", body="x", filter_text=""
        ),
        "save_plan": lambda: service_plans.save_plan(store, hq, {}, expected_version=None),
        "save_segment": lambda: segments.save(store, hq, "总部", "等级=V5"),
        "add_team": lambda: teams.add_team(store, hq, "总部组", "im1", ["im2"]),
        "generate_pool": lambda: callbacks.generate_pool(store, hq),
        "record_callback": lambda: callbacks.record_callback(store, hq, item_id, outcome="reached"),
        "investigate_alert": lambda: alerts.investigate(store, hq, 1, "x"),
        "reveal_field": lambda: clients.reveal_field(store, hq, "001000", "phone", "x"),
        "import_events": lambda: importing.run_import(store, hq, "account-events", events),
    }


def test_no_write_path_accepts_head_office(firm: Firm, tmp_path: Path) -> None:
    f = firm
    paths = _write_paths(f, tmp_path)
    before = _counts(f.seed.store)
    refused: dict[str, str] = {}
    # signed in as the GUI and the CLI are: every transaction carries head office's scope
    signed_in = start_session(f.seed.store, f.hq)
    try:
        for name, call in paths.items():
            with pytest.raises(CrmError) as caught:
                call()
            refused[name] = type(caught.value).__name__
    finally:
        signed_in.end()
    assert _counts(f.seed.store) == before
    # refused for who it is (a role or visibility check), never for a malformed call
    assert {n: k for n, k in refused.items() if k not in ("PermissionDenied", "NotFound")} == {}


@pytest.fixture
def hq_session(firm: Firm) -> Iterator[Firm]:
    session = start_session(firm.seed.store, firm.hq)
    try:
        yield firm
    finally:
        session.end()


def test_the_orm_refuses_head_office_writes_even_past_the_services(hq_session: Firm) -> None:
    """A service that forgot its check still cannot write client data for head office (both backends)."""
    store = hq_session.seed.store
    with pytest.raises(PermissionDenied, match="总部"), store.transaction() as session:
        session.get_one(Client, hq_session.seed.clients["001000"]).name = "改名"
    with pytest.raises(PermissionDenied), store.transaction() as session:
        session.add(
            ServiceTask(
                client_id=hq_session.seed.clients["001000"],
                task_type="phone_call",
                source="recurring",
                due_date=date(2026, 12, 9),
                dedupe_key="hq-direct",
            )
        )
    with store.read() as session:
        assert session.get_one(Client, hq_session.seed.clients["001000"]).name == "张三"


def test_head_office_belongs_to_no_branch(firm: Firm) -> None:
    s = firm.seed
    with pytest.raises(InvalidInput, match="总部人员不属于任何营业部"):
        staff.add_user(
            s.store,
            s.admin,
            "hq2",
            role="head_office",
            display_name="x",
            branch_code="B001",
            password=PASSWORD,
        )
    assert firm.hq.branch_id is None and role_label(firm.hq.role) == "总部"


def test_a_branch_account_does_not_score_a_store_of_several_branches(firm: Firm) -> None:
    s = firm.seed
    for actor in (s.bm, firm.bm2, s.admin):  # the seeded admin belongs to B001
        with pytest.raises(PermissionDenied, match="多个营业部"):
            scoring.run_scoring(s.store, actor)
    staff.add_user(
        s.store, s.admin, "sched", role="admin", display_name="调度", branch_code=None, password=PASSWORD
    )
    summary = scoring.run_scoring(s.store, login(s.store, "sched", PASSWORD))
    assert summary.client_count == 6  # both branches: 4 of B001 (two have left) and 2 of B002


def test_scoring_reads_client_ids_past_the_32_bit_pack(seeded: Seed) -> None:
    """Client id × 100,000 overflowed PostgreSQL's integer from id 21,475 on (found by bench_branches)."""
    s = seeded
    with s.store.transaction() as t:
        t.add(
            Client(
                id=30_000,
                client_no="030000",
                name="大号",
                open_date=date(2020, 1, 2),
                risk_level="C3",
                status="active",
                branch_id=s.branch_id,
                manager_id=s.im1.id,
            )
        )
        t.flush()
        t.add(
            AssetSnapshot(
                client_id=30_000,
                date=date(2026, 11, 2),
                cash=Decimal("1.00"),
                securities_value=Decimal("0.00"),
                total_assets=Decimal("1.00"),
                net_inflow=Decimal("0.00"),
            )
        )
    summary = scoring.run_scoring(s.store, None, date(2026, 11, 2))
    assert summary.client_count == 7
