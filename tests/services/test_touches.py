"""Recording, editing and cancelling touches: the rules of the standard flow, on both backends."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from crm_desktop.db.models import AuditLog, Client, ServiceTask, Staff, Touch
from crm_desktop.db.types import utcnow
from crm_desktop.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from crm_desktop.services import touches
from crm_desktop.services.touches import (
    CONTENT,
    FEEDBACK,
    IDENTITY,
    NEEDS,
    RISK,
    cancel_touch,
    edit_touch,
    record_touch,
    record_touch_in_session,
    touch_history,
)
from tests.factories import Seed
from tests.fixed_clock import TODAY

CALL_OK = {IDENTITY: True, NEEDS: True}


def _task(seed: Seed, client_no: str, ttype: str, due: date, key: str, manager_id: int | None = None) -> int:
    with seed.store.transaction() as s:
        t = ServiceTask(
            client_id=seed.clients[client_no],
            manager_id=manager_id or seed.im1.id,
            task_type=ttype,
            source="recurring",
            due_date=due,
            dedupe_key=key,
        )
        s.add(t)
        s.flush()
        return t.id


def _age_touch(seed: Seed, touch_id: int, hours: float) -> None:
    """Pretend the touch was recorded ``hours`` ago (the 24-hour edit rule reads created_at)."""
    with seed.store.transaction() as s:
        t = s.get(Touch, touch_id)
        assert t is not None
        t.created_at = utcnow() - timedelta(hours=hours)
        t.occurred_at = t.created_at - timedelta(minutes=5)


def test_record_closes_earliest_open_task_of_same_type(seeded: Seed) -> None:
    late = _task(seeded, "001000", "phone_call", TODAY + timedelta(days=20), "k-late")
    early = _task(seeded, "001000", "phone_call", TODAY - timedelta(days=2), "k-early")
    visit = _task(seeded, "001000", "visit", TODAY - timedelta(days=5), "k-visit")
    tid = record_touch(
        seeded.store,
        seeded.im1,
        "001000",
        touch_type="phone_call",
        channel="phone",
        summary="聊了近况",
        checklist=CALL_OK,
        satisfaction=5,
    )
    with seeded.store.read() as s:
        tasks = {t.id: t for t in s.scalars(select(ServiceTask))}
        touch = s.get(Touch, tid)
        assert touch is not None and touch.task_id == early and touch.root_id == tid
        assert tasks[early].status == "done" and tasks[early].completed_touch_id == tid
        assert tasks[late].status == "open" and tasks[visit].status == "open"
        actions = [a.action for a in s.scalars(select(AuditLog).where(AuditLog.entity_type == "touch"))]
        assert actions == ["touch.add"]


def test_a_touch_may_complete_no_task_and_the_open_tasks_are_listed(seeded: Seed) -> None:
    late = _task(seeded, "001000", "phone_call", TODAY - timedelta(days=4), "late")
    soon = _task(seeded, "001000", "greeting", TODAY + timedelta(days=1), "soon")
    listed = touches.open_tasks_for(seeded.store, seeded.im1, "001000", TODAY)
    assert [(t.task_id, t.days_overdue) for t in listed] == [(late, 4), (soon, 0)]
    assert "逾期 4 天" in listed[0].describe() and "逾期" not in listed[1].describe()
    assert touches.default_task(listed, "greeting") == listed[1]
    assert touches.default_task(listed, "visit") is None
    with pytest.raises(NotFound):
        touches.open_tasks_for(seeded.store, seeded.im2, "001000", TODAY)
    tid = record_touch(
        seeded.store,
        seeded.im1,
        "001000",
        touch_type="phone_call",
        channel="phone",
        summary="顺路问候，不是本季度的回访",
        checklist=CALL_OK,
        satisfaction=5,
        close_task=False,
    )
    with seeded.store.read() as s:
        touch = s.get(Touch, tid)
        assert touch is not None and touch.task_id is None
        assert s.get(ServiceTask, late).status == "open"  # type: ignore[union-attr]
    with pytest.raises(InvalidInput):
        record_touch(
            seeded.store,
            seeded.im1,
            "001000",
            touch_type="phone_call",
            channel="phone",
            summary="x",
            checklist=CALL_OK,
            satisfaction=5,
            task_id=late,
            close_task=False,
        )


def test_explicit_task_id_is_closed_even_when_type_differs(seeded: Seed) -> None:
    call = _task(seeded, "001000", "phone_call", TODAY, "k1")
    record_touch(
        seeded.store,
        seeded.im1,
        "001000",
        touch_type="visit",
        channel="in_person",
        summary="上门",
        checklist={**CALL_OK, "feedback": "满意"},
        task_id=call,
    )
    with seeded.store.read() as s:
        assert s.get(ServiceTask, call).status == "done"  # type: ignore[union-attr]


def test_required_steps_depend_on_type(seeded: Seed) -> None:
    with pytest.raises(InvalidInput) as exc:
        record_touch(
            seeded.store, seeded.im1, "001000", touch_type="phone_call", channel="phone", summary="x"
        )
    assert "身份核实" in exc.value.message and "了解需求" in exc.value.message
    # A greeting needs only its content, which the summary gives.
    record_touch(
        seeded.store, seeded.im1, "001000", touch_type="greeting", channel="wechat", summary="生日快乐"
    )
    # Risk disclosure: the risk step is mandatory.
    with pytest.raises(InvalidInput) as exc:
        record_touch(
            seeded.store,
            seeded.im1,
            "001000",
            touch_type="risk_disclosure",
            channel="phone",
            summary="说明风险",
            checklist={IDENTITY: True},
        )
    assert "风险揭示" in exc.value.message
    # Advice given on an ordinary call makes the risk step mandatory too.
    with pytest.raises(InvalidInput):
        record_touch(
            seeded.store,
            seeded.im1,
            "001000",
            touch_type="phone_call",
            channel="phone",
            summary="建议",
            checklist={**CALL_OK, "advice_given": True},
        )
    # Retention: feedback (or satisfaction) and a next step are required.
    with pytest.raises(InvalidInput) as exc:
        record_touch(
            seeded.store,
            seeded.im1,
            "001000",
            touch_type="retention_call",
            channel="phone",
            summary="挽留",
            checklist={**CALL_OK, RISK: True},
        )
    assert "客户反馈" in exc.value.message and "下一步" in exc.value.message
    record_touch(
        seeded.store,
        seeded.im1,
        "001000",
        touch_type="retention_call",
        channel="phone",
        summary="挽留",
        checklist={**CALL_OK, RISK: True, CONTENT: "降低佣金方案"},
        satisfaction=3,
        next_step="下周再联系",
        follow_up_date=TODAY + timedelta(days=7),
    )
    with seeded.store.read() as s:
        fu = s.scalars(select(ServiceTask).where(ServiceTask.source == "follow_up")).one()
        assert fu.due_date == TODAY + timedelta(days=7) and fu.status == "open"


def test_future_and_backdating_rules(seeded: Seed) -> None:
    kw = {"touch_type": "greeting", "channel": "sms", "summary": "问候"}
    with pytest.raises(InvalidInput, match="将来"):
        record_touch(seeded.store, seeded.im1, "001000", occurred_at=utcnow() + timedelta(hours=1), **kw)
    old = utcnow() - timedelta(days=8)
    with pytest.raises(InvalidInput, match="补录"):
        record_touch(seeded.store, seeded.im1, "001000", occurred_at=old, **kw)
    tid = record_touch(seeded.store, seeded.im1, "001000", occurred_at=old, backdate_reason="出差补录", **kw)
    record_touch(seeded.store, seeded.im1, "001000", occurred_at=utcnow() - timedelta(days=6), **kw)
    with seeded.store.read() as s:
        assert s.get(Touch, tid).backdate_reason == "出差补录"  # type: ignore[union-attr]


def test_bad_values_are_refused(seeded: Seed) -> None:
    with pytest.raises(InvalidInput):
        record_touch(seeded.store, seeded.im1, "001000", touch_type="fax", channel="phone", summary="x")
    with pytest.raises(InvalidInput):
        record_touch(seeded.store, seeded.im1, "001000", touch_type="greeting", channel="pigeon", summary="x")
    with pytest.raises(InvalidInput):
        record_touch(seeded.store, seeded.im1, "001000", touch_type="greeting", channel="sms", summary="  ")
    with pytest.raises(InvalidInput):
        record_touch(
            seeded.store,
            seeded.im1,
            "001000",
            touch_type="greeting",
            channel="sms",
            summary="x",
            satisfaction=6,
        )
    with pytest.raises(InvalidInput):  # handover is written by the system only
        record_touch(seeded.store, seeded.im1, "001000", touch_type="handover", channel="system", summary="x")
    with seeded.store.read() as s:
        assert s.scalars(select(Touch)).all() == []


def test_visibility_and_roles(seeded: Seed) -> None:
    kw = {"touch_type": "greeting", "channel": "sms", "summary": "问候"}
    with pytest.raises(NotFound):  # 001004 belongs to im2
        record_touch(seeded.store, seeded.im1, "001004", **kw)
    with pytest.raises(PermissionDenied):
        record_touch(seeded.store, seeded.admin, "001000", **kw)
    assert record_touch(seeded.store, seeded.bm, "001004", **kw) > 0


def test_system_touch_in_callers_transaction(seeded: Seed) -> None:
    task = _task(seeded, "001000", "review_letter", TODAY, "k-letter")
    with seeded.store.transaction() as s:
        client = s.get(Client, seeded.clients["001000"])
        assert client is not None
        t = record_touch_in_session(
            s,
            seeded.im1,
            client,
            touch_type="review_letter",
            channel="mail",
            summary="寄送账户分析报告",
            enforce_checklist=False,
        )
        assert t.task_id == task
        t2 = record_touch_in_session(
            s,
            seeded.bm,
            client,
            touch_type="handover",
            channel="system",
            summary="移交给赵经理",
            enforce_checklist=False,
            manager_id=seeded.im2.id,
        )
        assert t2.manager_id == seeded.im2.id
    with seeded.store.read() as s:
        assert s.get(ServiceTask, task).status == "done"  # type: ignore[union-attr]


def test_system_touch_rolls_back_with_caller(seeded: Seed) -> None:
    task = _task(seeded, "001000", "review_letter", TODAY, "k-letter")
    with pytest.raises(RuntimeError), seeded.store.transaction() as s:
        client = s.get(Client, seeded.clients["001000"])
        assert client is not None
        record_touch_in_session(
            s,
            seeded.im1,
            client,
            touch_type="review_letter",
            channel="mail",
            summary="信",
            enforce_checklist=False,
        )
        raise RuntimeError("letter failed")
    with seeded.store.read() as s:
        assert s.get(ServiceTask, task).status == "open"  # type: ignore[union-attr]
        assert s.scalars(select(Touch)).all() == []


def test_edit_in_place_within_24h_then_new_revision(seeded: Seed) -> None:
    tid = record_touch(
        seeded.store,
        seeded.im1,
        "001000",
        touch_type="phone_call",
        channel="phone",
        summary="初稿",
        checklist=CALL_OK,
    )
    r = edit_touch(seeded.store, seeded.im1, tid, expected_version=1, summary="修改后")
    assert r.in_place and r.touch_id == tid and r.version == 2
    _age_touch(seeded, tid, 25)
    with pytest.raises(Conflict):  # stale version: nothing overwritten
        edit_touch(seeded.store, seeded.im1, tid, expected_version=1, summary="别人的旧版本")
    with seeded.store.read() as s:
        version = s.get(Touch, tid).version  # type: ignore[union-attr]
    r2 = edit_touch(seeded.store, seeded.im1, tid, expected_version=version, summary="第二版", satisfaction=4)
    assert not r2.in_place and r2.touch_id != tid and r2.revision == 2
    hist = touch_history(seeded.store, seeded.im1, r2.touch_id)
    assert [(h.revision, h.status, h.summary) for h in hist] == [
        (1, "superseded", "修改后"),
        (2, "active", "第二版"),
    ]
    with pytest.raises(Conflict, match="更新的版本"):
        edit_touch(seeded.store, seeded.im1, tid, expected_version=version + 1, summary="改旧的")
    with pytest.raises(NotFound):  # im2 cannot see the client at all
        edit_touch(seeded.store, seeded.im2, r2.touch_id, expected_version=1, summary="x")


def test_only_author_or_branch_manager_edits(seeded: Seed) -> None:
    by_bm = record_touch(
        seeded.store, seeded.bm, "001000", touch_type="greeting", channel="sms", summary="问候"
    )
    with pytest.raises(PermissionDenied):
        edit_touch(seeded.store, seeded.im1, by_bm, expected_version=1, summary="改")
    by_im = record_touch(
        seeded.store, seeded.im1, "001000", touch_type="greeting", channel="sms", summary="问候"
    )
    assert edit_touch(seeded.store, seeded.bm, by_im, expected_version=1, summary="负责人更正").in_place


def test_cancel_reopens_task_and_keeps_row(seeded: Seed) -> None:
    task = _task(seeded, "001000", "phone_call", TODAY, "k1")
    tid = record_touch(
        seeded.store,
        seeded.im1,
        "001000",
        touch_type="phone_call",
        channel="phone",
        summary="x",
        checklist=CALL_OK,
    )
    with pytest.raises(InvalidInput):
        cancel_touch(seeded.store, seeded.im1, tid, reason=" ", expected_version=1)
    cancel_touch(seeded.store, seeded.im1, tid, reason="记错客户", expected_version=1)
    with seeded.store.read() as s:
        t = s.get(Touch, tid)
        assert t is not None and t.status == "cancelled" and t.cancel_reason == "记错客户"
        assert s.get(ServiceTask, task).status == "open"  # type: ignore[union-attr]
    with pytest.raises(Conflict):
        edit_touch(seeded.store, seeded.im1, tid, expected_version=2, summary="y")


def test_a_reassessment_touch_records_the_invitation_and_never_the_level(seeded: Seed) -> None:
    kw = {
        "touch_type": "risk_reassessment",
        "channel": "phone",
        "summary": "邀请客户在适当性系统中完成测评",
        "checklist": CALL_OK,
    }
    with pytest.raises(TypeError):
        record_touch(seeded.store, seeded.im1, "001000", **{**kw, "new_risk_level": "C4"})
    record_touch(seeded.store, seeded.im1, "001000", **kw)
    with seeded.store.read() as s:
        c = s.get(Client, seeded.clients["001000"])
        assert c is not None and c.risk_level == "C3"
        assert s.scalar(select(AuditLog).where(AuditLog.action == "client.risk_level")) is None


def test_advice_needs_a_registered_investment_adviser(seeded: Seed) -> None:
    kw = {
        "touch_type": "phone_call",
        "channel": "phone",
        "summary": "建议减持",
        "checklist": {**CALL_OK, touches.ADVICE: True, touches.RISK: True},
    }
    # im1 holds the qualification but no registration number yet; im2 has neither
    with pytest.raises(PermissionDenied, match="执业证书编号"):
        record_touch(seeded.store, seeded.im1, "001000", **kw)
    with pytest.raises(PermissionDenied):
        record_touch(seeded.store, seeded.im2, "001004", **kw)
    with seeded.store.transaction() as s:
        staff = s.get(Staff, seeded.im1.id)
        assert staff is not None
        staff.adviser_reg_no = "A0120611010001"
    record_touch(seeded.store, seeded.im1, "001000", **kw)


def test_feedback_step_met_by_satisfaction(seeded: Seed) -> None:
    record_touch(
        seeded.store,
        seeded.im1,
        "001000",
        touch_type="visit",
        channel="in_person",
        summary="拜访",
        checklist=CALL_OK,
        satisfaction=4,
    )
    with pytest.raises(InvalidInput, match="客户反馈"):
        record_touch(
            seeded.store,
            seeded.im1,
            "001000",
            touch_type="visit",
            channel="in_person",
            summary="拜访",
            checklist=CALL_OK,
        )
    record_touch(
        seeded.store,
        seeded.im1,
        "001000",
        touch_type="visit",
        channel="in_person",
        summary="拜访",
        checklist={**CALL_OK, FEEDBACK: "希望多沟通"},
    )
