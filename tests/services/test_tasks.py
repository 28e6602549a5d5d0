"""Task generation, the agenda, cancelling and moving tasks, service-plan versions; both backends."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from crm_desktop.db.models import AuditLog, Client, ServiceTask
from crm_desktop.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from crm_desktop.services import service_plans, tasks
from crm_desktop.services.tasks import agenda, cancel_task, generate_tasks, today_counts
from tests.factories import Seed, add_client
from tests.services.service_helpers import add_task, add_touch, score_run

AS_OF = date(2026, 6, 17)  # a Wednesday


def _open(seed: Seed, client_no: str | None = None) -> list[tuple[str, str, date, str]]:
    with seed.store.read() as s:
        q = select(ServiceTask).where(ServiceTask.status.in_(("open", "overdue")))
        if client_no:
            q = q.where(ServiceTask.client_id == seed.clients[client_no])
        return sorted((t.source, t.task_type, t.due_date, t.status) for t in s.scalars(q))


def _grades(
    seed: Seed,
    grades: dict[str, str],
    churn: dict[str, str] | None = None,
    mismatch: set[str] | None = None,
    as_of: date = AS_OF,
) -> int:
    return score_run(
        seed.store,
        as_of,
        {
            seed.clients[no]: (g, (churn or {}).get(no, "low"), no in (mismatch or set()))
            for no, g in grades.items()
        },
    )


def test_nothing_scored_yet_only_events(seeded: Seed) -> None:
    summary = generate_tasks(seeded.store, None, AS_OF)
    assert summary.created == 0 and not summary.scored
    add_client(
        seeded.store, "009001", branch_id=1, manager_id=seeded.im1.id, open_date=AS_OF - timedelta(days=10)
    )
    summary = generate_tasks(seeded.store, None, AS_OF)
    assert summary.created_by_source == {"new_account": 1}
    assert _open(seeded) == [("new_account", "phone_call", AS_OF + timedelta(days=20), "open")]


def test_recurring_by_grade_and_idempotent(seeded: Seed) -> None:
    _grades(
        seeded,
        {"001000": "V5", "001001": "V4", "001002": "V3", "001003": "V2", "001004": "V1", "001005": "V1"},
    )
    add_touch(seeded.store, seeded.clients["001000"], seeded.im1.id, "phone_call", AS_OF - timedelta(days=10))
    add_touch(
        seeded.store, seeded.clients["001000"], seeded.im1.id, "review_letter", AS_OF - timedelta(days=80)
    )
    add_touch(seeded.store, seeded.clients["001000"], seeded.im1.id, "visit", AS_OF - timedelta(days=100))
    first = generate_tasks(seeded.store, None, AS_OF)
    # V5: call 30 days after the last call, letter 90 days after the last letter; the visit is 80 days off
    # (beyond the 30-day horizon), so not yet.
    assert _open(seeded, "001000") == [
        ("recurring", "phone_call", AS_OF + timedelta(days=20), "open"),
        ("recurring", "review_letter", AS_OF + timedelta(days=10), "open"),
    ]
    # Never touched: one interval after the assignment/open date (2020-01-02) would be years ago; the
    # schedule starts when grading started (the first score run), so they are due on that day.
    assert _open(seeded, "001003") == [
        ("recurring", "phone_call", AS_OF, "open"),
        ("recurring", "review_letter", AS_OF, "open"),
    ]
    assert _open(seeded, "001004") == [("recurring", "phone_call", AS_OF, "open")]
    assert first.created == 2 + 3 + 2 + 2 + 1 + 1 and first.marked_overdue == 0
    again = generate_tasks(seeded.store, None, AS_OF)
    assert again.created == 0 and again.replaced == 0
    with seeded.store.read() as s:
        keys = list(s.scalars(select(ServiceTask.dedupe_key)))
        assert len(keys) == len(set(keys)) == first.created
        assert s.scalar(select(AuditLog).where(AuditLog.action == "tasks.generate")) is not None


def test_never_served_clients_are_due_from_the_day_grading_started(seeded: Seed) -> None:
    start = AS_OF - timedelta(days=100)
    _grades(seeded, {"001004": "V1"}, as_of=start)
    seeded.clients["009002"] = add_client(
        seeded.store, "009002", branch_id=1, manager_id=seeded.im1.id, open_date=start - timedelta(days=330)
    )
    _grades(seeded, {"001004": "V1", "009002": "V1"})
    generate_tasks(seeded.store, None, AS_OF)
    # opened 2020: one year later is long before grading started -> due on the start day, now overdue
    assert _open(seeded, "001004") == [("recurring", "phone_call", start, "overdue")]
    # opened 330 days before the start: open date + 365 falls after the start, so that date stands
    assert _open(seeded, "009002") == [("recurring", "phone_call", start + timedelta(days=35), "overdue")]


def test_touch_resets_schedule_and_replaces_open_task(seeded: Seed) -> None:
    _grades(seeded, {"001000": "V5"})
    add_touch(seeded.store, seeded.clients["001000"], seeded.im1.id, "phone_call", AS_OF - timedelta(days=25))
    generate_tasks(seeded.store, None, AS_OF)
    assert ("recurring", "phone_call", AS_OF + timedelta(days=5), "open") in _open(seeded, "001000")
    # The manager called today without logging against the task (e.g. via the client view): next call in 30 days.
    add_touch(seeded.store, seeded.clients["001000"], seeded.im1.id, "phone_call", AS_OF)
    summary = generate_tasks(seeded.store, None, AS_OF)
    assert summary.replaced == 1
    calls = [t for t in _open(seeded, "001000") if t[1] == "phone_call"]
    assert calls == [("recurring", "phone_call", AS_OF + timedelta(days=30), "open")]
    with seeded.store.read() as s:
        old = s.scalars(select(ServiceTask).where(ServiceTask.status == "cancelled")).one()
        assert old.due_date == AS_OF + timedelta(days=5) and "到期日" in (old.cancel_reason or "")


def test_task_done_by_other_type_or_skipped_ends_cycle(seeded: Seed) -> None:
    cid = seeded.clients["001000"]
    _grades(seeded, {"001000": "V1"})
    done = add_task(
        seeded.store,
        cid,
        seeded.im1.id,
        "phone_call",
        date(2021, 1, 1),
        f"recurring:{cid}:phone_call:2021-01-01",
        status="done",
    )
    with seeded.store.transaction() as s:
        from crm_desktop.db.models import ServiceTask as T
        from crm_desktop.db.types import utcnow

        t = s.get(T, done)
        assert t is not None
        t.completed_at = utcnow().replace(year=2026, month=6, day=1, hour=4)
    generate_tasks(seeded.store, None, AS_OF)
    # Counted from the completion (2026-06-01) + 365 days: beyond the horizon, nothing now.
    assert _open(seeded, "001000") == []
    # a year on (the clock moves too: a run that writes may not be dated after today)
    from crm_desktop.clock import FixedClock, set_clock

    previous = set_clock(FixedClock(date(2027, 5, 20)))
    try:
        generate_tasks(seeded.store, None, date(2027, 5, 20))
    finally:
        set_clock(previous)
    assert _open(seeded, "001000")[0][:3] == ("recurring", "phone_call", date(2027, 6, 1))


def test_grade_change_replaces_recurring_and_adds_call(seeded: Seed) -> None:
    _grades(seeded, {"001000": "V5"}, as_of=AS_OF - timedelta(days=30))
    generate_tasks(seeded.store, None, AS_OF - timedelta(days=1))
    assert {t[1] for t in _open(seeded, "001000")} == {"phone_call", "review_letter", "visit"}
    run2 = _grades(seeded, {"001000": "V1"})
    summary = generate_tasks(seeded.store, None, AS_OF)
    assert summary.created_by_source.get("grade_change") == 1
    open_now = _open(seeded, "001000")
    assert ("grade_change", "phone_call", AS_OF + timedelta(days=7), "open") in open_now
    assert {t[1] for t in open_now if t[0] == "recurring"} == {"phone_call"}
    with seeded.store.read() as s:
        reasons = {
            t.task_type: t.cancel_reason
            for t in s.scalars(select(ServiceTask).where(ServiceTask.status == "cancelled"))
        }
        assert "等级" in (reasons["visit"] or "") and "等级" in (reasons["review_letter"] or "")
        assert (
            s.scalar(
                select(ServiceTask).where(
                    ServiceTask.dedupe_key == f"grade_change:{seeded.clients['001000']}:{run2}"
                )
            )
            is not None
        )
    # A third identical run: no new grade-change task, nothing replaced.
    _grades(seeded, {"001000": "V1"}, as_of=AS_OF + timedelta(days=1))
    again = generate_tasks(seeded.store, None, AS_OF + timedelta(days=1))
    assert again.created_by_source.get("grade_change") is None and again.replaced == 0


def test_churn_mismatch_events_fire_on_turning(seeded: Seed) -> None:
    g = {"001000": "V2", "001001": "V2"}
    _grades(seeded, g, churn={"001000": "high"}, as_of=AS_OF - timedelta(days=30))
    _grades(seeded, g, churn={"001000": "high", "001001": "high"}, mismatch={"001001"})
    summary = generate_tasks(seeded.store, None, AS_OF)
    # 001000 was already high in the previous run: no new retention call; 001001 turned high and mismatched.
    # The behaviour hint no longer creates a risk-disclosure task by itself.
    assert (
        summary.created_by_source.get("churn_high") == 1 and summary.created_by_source.get("mismatch") is None
    )
    assert ("churn_high", "retention_call", AS_OF + timedelta(days=3), "open") in _open(seeded, "001001")
    assert not [t for t in _open(seeded, "001001") if t[0] == "mismatch"]
    assert not [t for t in _open(seeded, "001000") if t[0] in ("churn_high", "mismatch")]


def test_birthday_for_v3_and_above_and_risk_reassessment(seeded: Seed) -> None:
    with seeded.store.transaction() as s:
        for no, bday in (("001000", date(1980, 6, 20)), ("001001", date(1985, 6, 21))):
            c = s.get(Client, seeded.clients[no])
            assert c is not None
            c.birth_date = bday
        c = s.get(Client, seeded.clients["001002"])
        assert c is not None
        c.risk_assessed_on = date(2024, 7, 1)
    _grades(seeded, {"001000": "V3", "001001": "V2", "001002": "V1"})
    generate_tasks(seeded.store, None, AS_OF)
    assert ("birthday", "greeting", date(2026, 6, 20), "open") in _open(seeded, "001000")
    assert not [t for t in _open(seeded, "001001") if t[0] == "birthday"]
    assert ("risk_reassessment", "risk_reassessment", date(2026, 7, 1), "open") in _open(seeded, "001002")
    # Seeded clients were assessed 2025-01-01: due 2027-01-01, beyond the horizon.
    assert not [t for t in _open(seeded, "001003") if t[0] == "risk_reassessment"]


def test_manager_generates_only_own_book(seeded: Seed) -> None:
    _grades(seeded, {no: "V1" for no in seeded.clients})
    summary = generate_tasks(seeded.store, seeded.im2, AS_OF)
    assert summary.clients == 2 and summary.created == 2
    with seeded.store.read() as s:
        assert {t.manager_id for t in s.scalars(select(ServiceTask))} == {seeded.im2.id}


def test_agenda_buckets_and_scope(seeded: Seed) -> None:
    c = seeded.clients
    add_task(seeded.store, c["001000"], seeded.im1.id, "phone_call", AS_OF - timedelta(days=1), "a")
    add_task(seeded.store, c["001001"], seeded.im1.id, "visit", AS_OF, "b")
    add_task(seeded.store, c["001002"], seeded.im1.id, "greeting", AS_OF + timedelta(days=4), "c")  # Sunday
    add_task(
        seeded.store, c["001003"], seeded.im1.id, "phone_call", AS_OF + timedelta(days=5), "d"
    )  # next Monday
    add_task(seeded.store, c["001004"], seeded.im2.id, "phone_call", AS_OF, "e")
    add_task(seeded.store, c["001000"], seeded.im1.id, "visit", AS_OF, "f", status="done")
    ag = agenda(seeded.store, seeded.im1, today=AS_OF)
    assert [(i.client_no, i.bucket) for i in ag.items] == [
        ("001000", "overdue"),
        ("001001", "today"),
        ("001002", "this_week"),
        ("001003", "later"),
    ]
    assert ag.items[0].status == "overdue"
    assert today_counts(seeded.store, seeded.im1, AS_OF) == {
        "overdue": 1,
        "today": 1,
        "this_week": 1,
        "later": 1,
    }
    with pytest.raises(PermissionDenied):
        agenda(seeded.store, seeded.im1, manager_id=seeded.im2.id, today=AS_OF)
    assert [
        i.client_no for i in agenda(seeded.store, seeded.bm, manager_id=seeded.im2.id, today=AS_OF).items
    ] == ["001004"]
    assert len(agenda(seeded.store, seeded.bm, today=AS_OF).items) == 5
    assert today_counts(seeded.store, seeded.bm, AS_OF)["today"] == 2
    with pytest.raises(NotFound):
        agenda(seeded.store, seeded.bm, manager_id=9999, today=AS_OF)
    assert [m[1] for m in tasks.branch_managers(seeded.store, seeded.bm)] == ["bm", "im1", "im2"]


def test_cancel_task_needs_reason_and_current_version(seeded: Seed) -> None:
    tid = add_task(seeded.store, seeded.clients["001000"], seeded.im1.id, "phone_call", AS_OF, "a")
    other = add_task(seeded.store, seeded.clients["001004"], seeded.im2.id, "phone_call", AS_OF, "b")
    with pytest.raises(InvalidInput):
        cancel_task(seeded.store, seeded.im1, tid, reason="", expected_version=1)
    with pytest.raises(NotFound):
        cancel_task(seeded.store, seeded.im1, other, reason="x", expected_version=1)
    with pytest.raises(Conflict):
        cancel_task(seeded.store, seeded.im1, tid, reason="客户出国", expected_version=7)
    cancel_task(seeded.store, seeded.im1, tid, reason="客户出国", expected_version=1)
    with pytest.raises(Conflict):
        cancel_task(seeded.store, seeded.im1, tid, reason="again", expected_version=2)
    with seeded.store.read() as s:
        t = s.get(ServiceTask, tid)
        assert t is not None and t.status == "cancelled" and t.cancel_reason == "客户出国"
        assert s.scalar(select(AuditLog).where(AuditLog.action == "task.cancel")) is not None


def test_person_cancelled_cycle_is_skipped_not_recreated(seeded: Seed) -> None:
    cid = seeded.clients["001000"]
    _grades(seeded, {"001000": "V5"})
    add_touch(seeded.store, cid, seeded.im1.id, "phone_call", AS_OF - timedelta(days=20))
    add_touch(seeded.store, cid, seeded.im1.id, "review_letter", AS_OF - timedelta(days=20))
    add_touch(seeded.store, cid, seeded.im1.id, "visit", AS_OF - timedelta(days=20))
    generate_tasks(seeded.store, None, AS_OF)
    (task,) = agenda(seeded.store, seeded.im1, today=AS_OF).items
    cancel_task(
        seeded.store, seeded.im1, task.task_id, reason="客户出国一个月", expected_version=task.version
    )
    generate_tasks(seeded.store, None, AS_OF)
    assert _open(seeded, "001000") == []
    generate_tasks(seeded.store, None, task.due_date + timedelta(days=5))
    assert _open(seeded, "001000")[0][:3] == ("recurring", "phone_call", task.due_date + timedelta(days=30))


def test_move_open_tasks(seeded: Seed) -> None:
    cid = seeded.clients["001000"]
    add_task(seeded.store, cid, seeded.im1.id, "phone_call", AS_OF, "a")
    add_task(seeded.store, cid, seeded.im1.id, "visit", AS_OF, "b", status="done")
    with seeded.store.transaction() as s:
        assert tasks.move_open_tasks_in_session(s, cid, seeded.im2.id) == 1
    with seeded.store.read() as s:
        assert {t.task_type: t.manager_id for t in s.scalars(select(ServiceTask))} == {
            "phone_call": seeded.im2.id,
            "visit": seeded.im1.id,
        }


def test_plan_versions_edit_and_use(seeded: Seed) -> None:
    plan = service_plans.current_plan(seeded.store, seeded.bm)
    assert plan.version_no == 0 and [(r.task_type, r.interval_days) for r in plan.recurring_for("V5")] == [
        ("phone_call", 30),
        ("review_letter", 90),
        ("visit", 180),
    ]
    assert plan.events["churn_high"].due_days == 3 and plan.events["birthday"].grades == ("V3", "V4", "V5")
    rules = plan.to_rules()
    rules["recurring"] = [r for r in rules["recurring"] if r["grade"] != "V1"] + [
        {"grade": "V1", "type": "message", "interval_days": 10}
    ]
    with pytest.raises(PermissionDenied):
        service_plans.save_plan(seeded.store, seeded.im1, rules, expected_version=0)
    bad = {**rules, "recurring": [*rules["recurring"], {"grade": "V9", "type": "visit", "interval_days": 3}]}
    with pytest.raises(InvalidInput, match="V9"):
        service_plans.save_plan(seeded.store, seeded.bm, bad, expected_version=0)
    assert (
        service_plans.save_plan(seeded.store, seeded.bm, rules, expected_version=0, comment="V1 改发消息")
        == 1
    )
    with pytest.raises(Conflict):
        service_plans.save_plan(seeded.store, seeded.bm, rules, expected_version=0)
    hist = service_plans.plan_history(seeded.store, seeded.bm)
    assert [(p.version_no, p.comment, p.created_by) for p in hist] == [(1, "V1 改发消息", "bm")]
    _grades(seeded, {"001000": "V1"})
    generate_tasks(seeded.store, None, AS_OF)
    with seeded.store.read() as s:
        t = s.scalars(select(ServiceTask)).one()
        assert (t.task_type, t.plan_version) == ("message", 1)
        audit_row = s.scalar(select(AuditLog).where(AuditLog.action == "service_plan.save"))
        assert audit_row is not None and audit_row.details["after"]["recurring"][-1]["type"] == "message"


def test_overdue_marking_is_idempotent(seeded: Seed) -> None:
    add_task(
        seeded.store, seeded.clients["001000"], seeded.im1.id, "phone_call", AS_OF - timedelta(days=1), "a"
    )
    assert generate_tasks(seeded.store, None, AS_OF).marked_overdue == 1
    assert generate_tasks(seeded.store, None, AS_OF).marked_overdue == 0


def test_bulk_cancel_is_for_branch_managers_and_all_or_nothing(seeded: Seed) -> None:
    c = seeded.clients
    a = add_task(seeded.store, c["001000"], seeded.im1.id, "phone_call", AS_OF, "bulk-a")
    b = add_task(seeded.store, c["001001"], seeded.im1.id, "visit", AS_OF, "bulk-b")
    with pytest.raises(PermissionDenied):
        tasks.cancel_tasks(seeded.store, seeded.im1, [(a, 1), (b, 1)], reason="清理")
    with pytest.raises(InvalidInput):
        tasks.cancel_tasks(seeded.store, seeded.bm, [(a, 1), (b, 1)], reason="  ")
    with pytest.raises(Conflict):  # b's version is stale: nothing is cancelled
        tasks.cancel_tasks(seeded.store, seeded.bm, [(a, 1), (b, 7)], reason="清理")
    with seeded.store.read() as s:
        assert {t.status for t in s.scalars(select(ServiceTask))} == {"open"}
    assert tasks.cancel_tasks(seeded.store, seeded.bm, [(a, 1), (b, 1)], reason="客户已销户") == 2
    with seeded.store.read() as s:
        assert {t.status for t in s.scalars(select(ServiceTask))} == {"cancelled"}
        audits = s.scalars(select(AuditLog).where(AuditLog.action == "task.cancel")).all()
        assert len(audits) == 2


def test_agenda_is_in_priority_order_with_days_overdue(seeded: Seed) -> None:
    c = seeded.clients
    score_run(seeded.store, AS_OF, {c["001000"]: ("V1", "low", False), c["001001"]: ("V5", "low", False)})
    add_task(seeded.store, c["001000"], seeded.im1.id, "phone_call", AS_OF - timedelta(days=10), "p1")
    add_task(seeded.store, c["001001"], seeded.im1.id, "phone_call", AS_OF - timedelta(days=1), "p2")
    add_task(seeded.store, c["001001"], seeded.im1.id, "greeting", AS_OF + timedelta(days=2), "p3")
    items = agenda(seeded.store, seeded.im1, today=AS_OF).items
    assert [(i.client_no, i.task_type, i.days_overdue, i.priority) for i in items] == [
        ("001001", "phone_call", 1, 1),  # V5 first although less late
        ("001000", "phone_call", 10, 2),
        ("001001", "greeting", 0, 3),
    ]


def test_retention_tasks_carry_the_matching_answer(seeded: Seed) -> None:
    """Issue #17: price -> commission review; service here -> a recovery call by the branch manager."""
    from crm_desktop.db.models import ClientScore

    c = seeded.clients
    runs = score_run(seeded.store, AS_OF - timedelta(days=30), {c["001000"]: ("V2", "low", False)})
    assert runs
    run = score_run(
        seeded.store,
        AS_OF,
        {
            c["001000"]: ("V2", "high", False),
            c["001001"]: ("V2", "high", False),
            c["001002"]: ("V2", "high", False),
        },
    )
    with seeded.store.transaction() as s:
        for no, reason in (("001000", "price_or_service_elsewhere"), ("001001", "service_here")):
            score = s.get(ClientScore, (run, c[no]))
            assert score is not None
            score.churn_reason = reason
    generate_tasks(seeded.store, None, AS_OF)
    with seeded.store.read() as s:
        got = {
            t.client_id: t for t in s.scalars(select(ServiceTask).where(ServiceTask.source == "churn_high"))
        }
    assert tasks.note_text(got[c["001000"]].note) == "建议：申请佣金费率复核"
    assert got[c["001000"]].manager_id != seeded.bm.id
    assert got[c["001001"]].manager_id == seeded.bm.id  # the branch manager makes the recovery call
    assert got[c["001002"]].note is None  # no likely reason named: no proposal
    items = {i.client_no: i for i in agenda(seeded.store, seeded.bm, today=AS_OF).items}
    assert items["001001"].note is not None
