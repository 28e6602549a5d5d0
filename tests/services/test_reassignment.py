"""Reassignment requests, approvals, departures and suggestions, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from crm_desktop.db.models import (
    AssignmentHistory,
    AuditLog,
    Client,
    MatchSuggestion,
    Notification,
    ReassignmentRequest,
    ServiceTask,
    Touch,
)
from crm_desktop.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from crm_desktop.services import notifications, reassignment, staff
from crm_desktop.services.reassignment import OverrideRequired
from tests.branch_data import add_run, add_staff, add_task
from tests.factories import Seed
from tests.fixed_clock import TODAY

C = ["001000", "001001", "001002", "001003", "001004", "001005"]


def _manager_of(seed: Seed, no: str) -> int | None:
    with seed.store.read() as s:
        return s.scalar(select(Client.manager_id).where(Client.client_no == no))


def _count(seed: Seed, model: type, *where: object) -> int:
    with seed.store.read() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)  # type: ignore[arg-type]


def test_request_and_approve_moves_the_whole_relationship(seeded: Seed) -> None:
    s = seeded
    cid = s.clients[C[0]]
    open_task = add_task(s.store, cid, s.im1.id)
    done_task = add_task(s.store, cid, s.im1.id, status="done")
    [rid] = reassignment.request_reassignment(
        s.store,
        s.im1,
        [C[0]],
        "im2",
        "client_request",
        "客户搬家",
        handover_note="客户偏好电话联系，周三下午方便",
    )
    pending = reassignment.list_requests(s.store, s.bm, "pending")
    assert [r.id for r in pending] == [rid]
    assert pending[0].from_login == "im1" and pending[0].to_login == "im2" and pending[0].to_load == 2
    # the branch manager was told there is something to approve
    assert notifications.list_notifications(s.store, s.bm)[0].title.startswith("1 个客户划转申请")

    moved = reassignment.approve_request(s.store, s.bm, rid, comment="同意")
    assert moved == cid
    assert _manager_of(s, C[0]) == s.im2.id
    with s.store.read() as sess:
        client = sess.get(Client, cid)
        assert client is not None and client.assigned_on == TODAY
        hist = sess.scalars(select(AssignmentHistory).where(AssignmentHistory.client_id == cid)).all()
        assert [(h.from_manager_id, h.to_manager_id, h.reason, h.request_id) for h in hist] == [
            (s.im1.id, s.im2.id, "client_request", rid)
        ]
        assert sess.get(ServiceTask, open_task).manager_id == s.im2.id  # type: ignore[union-attr]
        assert sess.get(ServiceTask, done_task).manager_id == s.im1.id  # type: ignore[union-attr]
        touch = sess.scalar(select(Touch).where(Touch.client_id == cid, Touch.touch_type == "handover"))
        assert touch is not None and touch.manager_id == s.im2.id and touch.channel == "system"
        assert "周三下午" in touch.summary
        req = sess.get(ReassignmentRequest, rid)
        assert req is not None and req.status == "approved" and req.decided_by_id == s.bm.id
        assert req.decision_comment == "同意"
        actions = sess.scalars(
            select(AuditLog.action).where(AuditLog.entity_type == "reassignment_request")
        ).all()
        assert sorted(actions) == ["reassignment.approve", "reassignment.request"]
    # both managers hear about it; the new manager now sees the client, the old one does not
    assert any("已划转给您" in n.title for n in notifications.list_notifications(s.store, s.im2))
    assert any("已划转给" in n.title for n in notifications.list_notifications(s.store, s.im1))
    with pytest.raises(NotFound):
        reassignment.request_reassignment(s.store, s.im1, [C[0]], "im2", "other")


def test_who_may_request(seeded: Seed) -> None:
    s = seeded
    # an investment manager only for their own clients (another's client looks like it does not exist)
    with pytest.raises(NotFound):
        reassignment.request_reassignment(s.store, s.im1, [C[4]], "im1", "workload")
    with pytest.raises(PermissionDenied):
        reassignment.request_reassignment(s.store, s.admin, [C[0]], "im2", "workload")
    with pytest.raises(InvalidInput, match="划转原因"):
        reassignment.request_reassignment(s.store, s.im1, [C[0]], "im2", "boredom")
    with pytest.raises(InvalidInput, match="已由"):
        reassignment.request_reassignment(s.store, s.im1, [C[0]], "im1", "other")
    with pytest.raises(InvalidInput, match="不是投资经理"):
        reassignment.request_reassignment(s.store, s.im1, [C[0]], "bm", "other")
    with pytest.raises(InvalidInput, match="没有工号"):
        reassignment.request_reassignment(s.store, s.im1, [C[0]], "nobody", "other")
    staff.set_active(s.store, s.admin, "im2", False)
    with pytest.raises(InvalidInput, match="已停用"):
        reassignment.request_reassignment(s.store, s.im1, [C[0]], "im2", "other")
    staff.set_active(s.store, s.admin, "im2", True)
    # a branch manager for any client of the branch, many at once, one batch
    ids = reassignment.request_moves(s.store, s.bm, [(C[0], "im2"), (C[4], "im1")], "workload")
    with s.store.read() as sess:
        batches = {r.batch_id for r in sess.scalars(select(ReassignmentRequest))}
    assert len(ids) == 2 and len(batches) == 1 and None not in batches


def test_one_pending_request_per_client(seeded: Seed) -> None:
    s = seeded
    [rid] = reassignment.request_reassignment(s.store, s.im1, [C[1]], "im2", "other")
    with pytest.raises(Conflict, match=f"#{rid}") as err:
        reassignment.request_reassignment(s.store, s.bm, [C[2], C[1]], "im2", "workload")
    assert err.value.exit_code == 5
    # all or nothing: the other client of the failed batch got no request either
    assert _count(s, ReassignmentRequest) == 1
    # the store itself refuses a second pending row even if a service forgot to check
    with pytest.raises(IntegrityError), s.store.transaction() as sess:
        sess.add(
            ReassignmentRequest(
                client_id=s.clients[C[1]],
                from_manager_id=s.im1.id,
                to_manager_id=s.im2.id,
                reason="other",
                requested_by_id=s.bm.id,
            )
        )
    reassignment.withdraw_request(s.store, s.im1, rid)
    assert reassignment.request_reassignment(s.store, s.im1, [C[1]], "im2", "other")


def test_who_may_decide(seeded: Seed) -> None:
    s = seeded
    bm2 = add_staff(s, "bm2", "branch_manager", "钱经理")
    [own] = reassignment.request_reassignment(s.store, s.bm, [C[0]], "im2", "capability")
    with pytest.raises(PermissionDenied, match="本人"):
        reassignment.approve_request(s.store, s.bm, own)
    with pytest.raises(PermissionDenied):
        reassignment.approve_request(s.store, s.im2, own)
    with pytest.raises(PermissionDenied):
        reassignment.reject_request(s.store, s.im1, own, "no")
    with pytest.raises(PermissionDenied):
        reassignment.approve_request(s.store, s.admin, own)
    reassignment.approve_request(s.store, bm2, own)
    assert _manager_of(s, C[0]) == s.im2.id
    # a decided request cannot be decided again, and the message says who decided and when
    with pytest.raises(Conflict) as err:
        reassignment.reject_request(s.store, s.bm, own, "太晚了")
    assert "钱经理" in err.value.message and re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", err.value.message)


def test_reject_needs_a_comment_and_tells_the_requester(seeded: Seed) -> None:
    s = seeded
    [rid] = reassignment.request_reassignment(s.store, s.im1, [C[2]], "im2", "workload")
    with pytest.raises(InvalidInput, match="理由"):
        reassignment.reject_request(s.store, s.bm, rid, "  ")
    reassignment.reject_request(s.store, s.bm, rid, "工作量尚可")
    assert _manager_of(s, C[2]) == s.im1.id
    mine = reassignment.list_requests(s.store, s.im1)
    assert [(r.id, r.status, r.decision_comment) for r in mine] == [(rid, "rejected", "工作量尚可")]
    assert any("被驳回" in n.title for n in notifications.list_notifications(s.store, s.im1))
    with pytest.raises(Conflict, match="王经理"):
        reassignment.approve_request(s.store, s.bm, rid)


def test_breaches_need_an_override_reason(seeded: Seed) -> None:
    s = seeded
    cid = s.clients[C[0]]
    # im2 is junior with room for 3 clients; the client is V5 (needs a senior manager)
    add_run(
        s.store,
        {s.im1.id: ("senior", 82, 200), s.im2.id: ("junior", 30, 3)},
        {cid: ("V5", 12_000_000, "low"), s.clients[C[1]]: ("V2", 300_000, "low")},
    )
    ids = reassignment.request_reassignment(s.store, s.im1, [C[0], C[1]], "im2", "workload")
    pending = {r.client_no: r for r in reassignment.list_requests(s.store, s.bm, "pending")}
    assert not pending[C[0]].verdict.ok and "资深" in pending[C[0]].verdict.text()
    assert pending[C[1]].verdict.ok and pending[C[0]].grade == "V5"
    assert pending[C[0]].engine_suggestion is None
    assert not reassignment.check_request(s.store, s.bm, ids[0]).ok
    with pytest.raises(OverrideRequired) as err:
        reassignment.approve_requests(s.store, s.bm, ids)
    # the grade breach of the first and the capacity breach of the second (2 + 2 > 3) are both listed
    assert len(err.value.details) == 2 and "容量" in err.value.details[1]
    assert _manager_of(s, C[0]) == s.im1.id and _count(s, AssignmentHistory) == 0
    reassignment.approve_requests(s.store, s.bm, ids, override_reason="客户指定要求")
    assert _manager_of(s, C[0]) == s.im2.id == _manager_of(s, C[1])
    with s.store.read() as sess:
        req = sess.get(ReassignmentRequest, ids[0])
        assert req is not None and req.override_reason == "客户指定要求"
        entry = sess.scalar(
            select(AuditLog).where(
                AuditLog.action == "reassignment.approve", AuditLog.entity_id == str(ids[0])
            )
        )
        assert entry is not None and entry.details["breaches"] and entry.details["override_reason"]


def test_batch_approval_is_all_or_nothing(seeded: Seed) -> None:
    s = seeded
    ids = reassignment.request_reassignment(s.store, s.im1, [C[0], C[1]], "im2", "workload")
    reassignment.reject_request(s.store, s.bm, ids[1], "不同意")
    with pytest.raises(Conflict):
        reassignment.approve_requests(s.store, s.bm, ids)
    assert _manager_of(s, C[0]) == s.im1.id
    with s.store.read() as sess:
        assert sess.get(ReassignmentRequest, ids[0]).status == "pending"  # type: ignore[union-attr]


def test_target_disabled_after_the_request(seeded: Seed) -> None:
    s = seeded
    [rid] = reassignment.request_reassignment(s.store, s.im1, [C[0]], "im2", "other")
    staff.set_active(s.store, s.admin, "im2", False)
    with pytest.raises(InvalidInput, match="已停用"):
        reassignment.approve_request(s.store, s.bm, rid, override_reason="whatever")
    assert _manager_of(s, C[0]) == s.im1.id


def test_departure_distribution(seeded: Seed) -> None:
    s = seeded
    im3 = add_staff(s, "im3", name="孙资深")
    c = s.clients
    add_run(
        s.store,
        {s.im1.id: ("senior", 75, 200), s.im2.id: ("junior", 35, 400), im3.id: ("senior", 90, 200)},
        {
            c[C[0]]: ("V5", 20_000_000, "low"),
            c[C[1]]: ("V4", 4_000_000, "low"),
            c[C[2]]: ("V2", 300_000, "low"),
            c[C[3]]: ("V1", 50_000, "low"),
        },
    )
    proposal = reassignment.propose_departure(s.store, s.bm, "im1")
    assert [m.login for m in proposal.managers] == ["im3", "im2"]  # most capable first
    by_no = {m.client_no: m for m in proposal.moves}
    assert [m.client_no for m in proposal.moves] == [C[0], C[1], C[2], C[3]]  # highest grade first
    # V5/V4 need a senior: only im3 qualifies; the lower grades spread to im2
    assert by_no[C[0]].to_login == "im3" and by_no[C[1]].to_login == "im3"
    assert by_no[C[2]].to_login == "im2" and by_no[C[3]].to_login == "im2"
    assert all(m.verdict.ok for m in proposal.moves)
    # the branch manager edits lines (the plan re-checks itself) and submits the whole set as one batch
    targets = [m.to_login for m in proposal.moves]
    targets[0] = "im2"
    assert not proposal.evaluate(targets)[0].ok and all(v.ok for v in proposal.evaluate(targets)[1:])
    targets[0], targets[3] = "im3", "im3"
    assert all(v.ok for v in proposal.evaluate(targets))
    edited = [(m.client_no, t or "") for m, t in zip(proposal.moves, targets, strict=True)]
    ids = reassignment.submit_departure(s.store, s.bm, "im1", edited, comment="李投顾离职")
    with s.store.read() as sess:
        reqs = sess.scalars(select(ReassignmentRequest).order_by(ReassignmentRequest.id)).all()
        assert [r.id for r in reqs] == ids and {r.reason for r in reqs} == {"departure"}
        assert len({r.batch_id for r in reqs}) == 1
    with pytest.raises(InvalidInput):
        reassignment.submit_departure(s.store, s.bm, "im1", [(C[4], "im3")])
    with pytest.raises(PermissionDenied):
        reassignment.propose_departure(s.store, s.im2, "im1")


def test_suggestions_accept_and_dismiss(seeded: Seed) -> None:
    s = seeded
    c = s.clients
    add_run(
        s.store,
        {s.im1.id: ("senior", 80, 200), s.im2.id: ("junior", 30, 400)},
        {c[C[4]]: ("V5", 15_000_000, "low"), c[C[5]]: ("V4", 5_000_000, "low")},
        suggestions=[
            (c[C[4]], "grade_mismatch", s.im2.id, s.im1.id),
            (c[C[5]], "grade_mismatch", s.im2.id, s.im1.id),
        ],
    )
    sugs = reassignment.list_suggestions(s.store, s.bm)
    assert [x.client_no for x in sugs] == [C[4], C[5]] and sugs[0].to_login == "im1"
    rid = reassignment.accept_suggestion(s.store, s.bm, sugs[0].id, comment="能力匹配")
    [view] = reassignment.list_requests(s.store, s.bm, "pending")
    assert view.engine_suggestion == "等级高于经理能力 → 李投顾"
    reassignment.dismiss_suggestion(s.store, s.bm, [sugs[1].id])
    assert reassignment.list_suggestions(s.store, s.bm) == []
    with s.store.read() as sess:
        assert {x.status for x in sess.scalars(select(MatchSuggestion))} == {"accepted", "dismissed"}
        req = sess.get(ReassignmentRequest, rid)
        assert req is not None and req.reason == "capability" and req.status == "pending"
        actions = set(sess.scalars(select(AuditLog.action).where(AuditLog.entity_type == "match_suggestion")))
        assert actions == {"suggestion.accept", "suggestion.dismiss"}
    with pytest.raises(Conflict):
        reassignment.dismiss_suggestion(s.store, s.bm, [sugs[0].id])
    with pytest.raises(PermissionDenied):
        reassignment.list_suggestions(s.store, s.im1)


def test_notifications_are_per_user(seeded: Seed) -> None:
    s = seeded
    [rid] = reassignment.request_reassignment(s.store, s.im1, [C[0]], "im2", "other")
    reassignment.approve_request(s.store, s.bm, rid)
    mine = notifications.list_notifications(s.store, s.im2)
    assert notifications.unread_count(s.store, s.im2) == len(mine) == 1
    # nobody marks another person's notifications
    notifications.mark_read(s.store, s.im1, [mine[0].id])
    assert notifications.unread_count(s.store, s.im2) == 1
    notifications.mark_read(s.store, s.im2, [mine[0].id])
    assert notifications.unread_count(s.store, s.im2) == 0
    assert notifications.list_notifications(s.store, s.im2, unread_only=True) == []
    notifications.mark_all_read(s.store, s.im1)
    assert notifications.unread_count(s.store, s.im1) == 0
    assert _count(s, Notification) >= 3


# ---------------------------------------------------------------- the audit log is append-only


def test_audit_rows_cannot_be_changed_or_deleted(seeded: Seed) -> None:
    s = seeded
    with s.store.read() as sess:
        before = [(a.id, a.action) for a in sess.scalars(select(AuditLog).order_by(AuditLog.id))]
    assert before
    with pytest.raises(PermissionError), s.store.transaction() as sess:
        row = sess.scalar(select(AuditLog).limit(1))
        assert row is not None
        row.action = "forged"
    with pytest.raises(PermissionError), s.store.transaction() as sess:
        row = sess.scalar(select(AuditLog).limit(1))
        sess.delete(row)
    from sqlalchemy import delete, update

    with pytest.raises(PermissionError), s.store.transaction() as sess:
        sess.execute(update(AuditLog).values(action="forged"))
    with pytest.raises(PermissionError), s.store.transaction() as sess:
        sess.execute(delete(AuditLog))
    with s.store.read() as sess:
        assert [(a.id, a.action) for a in sess.scalars(select(AuditLog).order_by(AuditLog.id))] == before


def test_no_service_has_an_audit_update_or_delete_path() -> None:
    root = Path(__file__).resolve().parents[2] / "crm_desktop"
    pattern = re.compile(
        r"(update|delete)\(\s*AuditLog|audit_log\b[^\n]*\b(UPDATE|DELETE)|"
        r"(UPDATE|DELETE FROM)\s+audit_log",
        re.IGNORECASE,
    )
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py") if pattern.search(p.read_text("utf-8"))]
    assert offenders == []
