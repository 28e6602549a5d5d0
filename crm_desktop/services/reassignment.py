"""Moving clients between managers: requests, approvals, departures and the engine's suggestions.

Who may do what:
- an investment manager asks to move their own clients, withdraws their own pending requests, and
  approves nothing;
- a branch manager asks to move any client of the branch and approves or rejects requests of the
  branch, except the ones they made themselves;
- admins take no part (they never see client data).

Approving is one transaction: the client's manager changes, a history row, open tasks move, the new
manager gets a handover touch with the old manager's note, both managers are notified, and the audit
log records it. The request row is locked (SELECT ... FOR UPDATE) and carries a version column, so of
two branch managers deciding the same request at the same moment exactly one wins; the other gets a
:class:`Conflict` naming who decided and when.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from crm_desktop import clock
from crm_desktop.db.models import (
    AssignmentHistory,
    Client,
    MatchSuggestion,
    Notification,
    ReassignmentRequest,
    Staff,
)
from crm_desktop.db.store import Store
from crm_desktop.db.types import utcnow
from crm_desktop.domain.labels import label_of
from crm_desktop.domain.reassignment import (
    ALREADY_SERVED,
    CLIENT_CLOSED,
    NO_MANAGER,
    NO_TARGET,
    NOT_REQUESTER,
    OUT_OF_DATE,
    OWN_REQUEST,
    TARGET_INACTIVE,
    Finding,
    Judgement,
    choose_manager,
    decision_problem,
    grade_sort_key,
    kept_override,
    manager_order,
    move_problem,
    needs_override,
    request_problem,
    suggestion_reason,
    target_problem,
    withdrawal_problem,
)
from crm_desktop.domain.visibility import may_see_request, sees_own_work_only
from crm_desktop.domain.vocabulary import (
    LOST_STATUSES,
    AssignmentReason,
    ReassignReason,
    RequestStatus,
    Role,
    SuggestionKind,
)
from crm_desktop.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from crm_desktop.i18n import tr
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, refresh_actor, require_role
from crm_desktop.services.reassignment_rules import ManagerInfo, RuleBook, Verdict, explain, verdict_for
from crm_desktop.services.visibility import can_see_client

REASONS: tuple[str, ...] = tuple(r.value for r in ReassignReason)
MAX_COMMENT = 2000


class OverrideRequired(InvalidInput):
    """Approving would breach the matching or capacity rules; an explicit override reason is needed."""


def reason_label(reason: str) -> str:
    return label_of(AssignmentReason, reason)


def status_label(status: str) -> str:
    return label_of(RequestStatus, status)


def suggestion_kind_label(kind: str) -> str:
    return label_of(SuggestionKind, kind)


# --------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class RequestView:
    """One request as the inbox and the CLI show it."""

    id: int
    batch_id: str | None
    client_no: str
    client_name: str
    grade: str | None
    assets: Decimal | None
    from_login: str | None
    from_name: str | None
    from_tier: str | None
    from_load: int | None
    to_login: str
    to_name: str
    to_tier: str | None
    to_load: int
    to_capacity: int | None
    reason: str
    comment: str | None
    handover_note: str | None
    status: str
    requested_by_login: str
    requested_by_name: str
    requested_at: datetime
    decided_by_name: str | None
    decided_at: datetime | None
    decision_comment: str | None
    override_reason: str | None
    verdict: Verdict
    version: int
    # What the scoring engine's latest run says about this client, e.g. "grade above capability → 肖东".
    engine_suggestion: str | None = None


@dataclass(frozen=True)
class ProposedMove:
    client_no: str
    client_name: str
    grade: str | None
    assets: Decimal | None
    to_login: str | None
    verdict: Verdict


@dataclass(frozen=True)
class DepartureProposal:
    from_login: str
    from_name: str
    moves: list[ProposedMove]
    # eligible managers (login, name, tier, capability, load now, capacity), most capable first
    managers: list[ManagerInfo]
    # lowest manager tier per client grade, from the scoring configuration
    min_tier: dict[str, str]

    def evaluate(self, targets: Sequence[str | None]) -> list[Verdict]:
        """Verdicts for an edited plan (one target login per move, None = not moved), loads accumulating."""
        by_login = {m.login: m for m in self.managers}
        extra = {m.login: 0 for m in self.managers}
        out: list[Verdict] = []
        for move, login in zip(self.moves, targets, strict=True):
            target = by_login.get(login) if login else None
            if target is None:
                out.append(explain(Judgement((Finding(NO_TARGET),))))
                continue
            out.append(
                verdict_for(
                    move.grade, self.min_tier.get(move.grade or ""), target, extra_load=extra[target.login]
                )
            )
            extra[target.login] += 1
        return out


@dataclass(frozen=True)
class SuggestionView:
    id: int
    kind: str
    client_no: str
    client_name: str
    grade: str | None
    assets: Decimal | None
    from_login: str | None
    from_name: str | None
    from_tier: str | None
    to_login: str | None
    to_name: str | None
    to_tier: str | None
    reasons: list[dict[str, object]]
    pending_request_id: int | None


# --------------------------------------------------------------------------------------------
# Helpers


def _clean(text: str | None, what: str) -> str | None:
    if text is None:
        return None
    text = text.strip()
    if len(text) > MAX_COMMENT:
        raise InvalidInput(
            tr(
                "{what}太长（最多 {n} 个字符）。",
                "The {what} is too long (at most {n} characters).",
                what=what,
                n=MAX_COMMENT,
            )
        )
    return text or None


def _check_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if reason not in REASONS:
        raise InvalidInput(
            tr(
                "划转原因 {r} 无效，可选：{known}。",
                "The reason {r} is invalid; choose one of {known}.",
                r=reason or "-",
                known=", ".join(REASONS),
            )
        )
    return reason


def _staff_by_login(session: Session, login: str) -> Staff | None:
    return session.scalar(select(Staff).where(Staff.login == login.strip()))


def _target(session: Session, actor: Actor, login: str) -> Staff:
    staff = _staff_by_login(session, login)
    if staff is None or staff.branch_id != actor.branch_id:
        raise InvalidInput(
            tr(
                "本营业部没有工号为 {login} 的员工。",
                "No staff member with login {login} in this branch.",
                login=login,
            )
        )
    _check_target_usable(staff)
    return staff


def _check_target_usable(staff: Staff) -> None:
    problem = target_problem(staff.active, staff.role)
    if problem == TARGET_INACTIVE:
        raise InvalidInput(
            tr(
                "{name}（{login}）的账号已停用，不能接收客户：请选择其他经理。",
                "{name} ({login}) is disabled and cannot take clients; choose another manager.",
                name=staff.display_name,
                login=staff.login,
            )
        )
    if problem is not None:
        raise InvalidInput(
            tr(
                "{name}（{login}）不是投资经理，不能接收客户。",
                "{name} ({login}) is not an investment manager and cannot take clients.",
                name=staff.display_name,
                login=staff.login,
            )
        )


def _when(at: datetime | None) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if at else "-"


def _decided_conflict(req: ReassignmentRequest, session: Session) -> Conflict:
    who = session.get(Staff, req.decided_by_id) if req.decided_by_id else None
    name = f"{who.display_name}（{who.login}）" if who else tr("未知", "unknown")
    return Conflict(
        tr(
            "申请 #{id} 已由 {who} 于 {at} 处理（{status}），不能再次处理。请刷新列表查看结果。",
            "Request #{id} was already {status} by {who} at {at}; it cannot be decided again. Refresh to see it.",
            id=req.id,
            who=name,
            at=_when(req.decided_at),
            status=status_label(req.status),
        )
    )


def _pending_conflict(session: Session, client: Client) -> Conflict | None:
    existing = session.scalar(
        select(ReassignmentRequest).where(
            ReassignmentRequest.client_id == client.id,
            ReassignmentRequest.status == RequestStatus.PENDING.value,
        )
    )
    if existing is None:
        return None
    by = session.get(Staff, existing.requested_by_id)
    return Conflict(
        tr(
            "客户 {no} 已有待审批的划转申请 #{id}（{by} 于 {at} 提交）。每位客户同时只能有一个待审批申请："
            "请等待审批结果，或先撤回/驳回该申请。",
            "Client {no} already has a pending request #{id} ({by}, {at}). A client can have only one pending "
            "request: wait for the decision, or withdraw/reject that request first.",
            no=client.client_no,
            id=existing.id,
            by=by.display_name if by else "-",
            at=_when(existing.requested_at),
        )
    )


def _client_in_branch(session: Session, actor: Actor, client_no: str) -> Client:
    client = session.scalar(select(Client).where(Client.client_no == client_no.strip()))
    if client is None or client.branch_id != actor.branch_id or not can_see_client(actor, client):
        raise NotFound(
            tr(
                "找不到客户 {no}，或该客户不在您的权限范围内。",
                "Client {no} not found, or not among the clients you may see.",
                no=client_no,
            )
        )
    return client


def _notify(
    session: Session, recipient_id: int | None, kind: str, params: dict[str, object], **related: object
) -> None:
    """Store what happened as the kind's parameters; services.notifications words it when it is read."""
    if recipient_id is None:
        return
    session.add(Notification(recipient_id=recipient_id, kind=kind, params=params, related=dict(related)))


def _flush(session: Session) -> None:
    try:
        session.flush()
    except StaleDataError as exc:
        raise Conflict(
            tr(
                "记录已被其他人修改，请刷新后重试。",
                "Someone else changed this record; refresh and try again.",
            )
        ) from exc


# --------------------------------------------------------------------------------------------
# Requests


def request_reassignment(
    store: Store,
    actor: Actor,
    client_nos: Sequence[str],
    to_login: str,
    reason: str,
    comment: str | None = None,
    handover_note: str | None = None,
) -> list[int]:
    """Ask to move one or many clients to ``to_login``; returns the new request ids (one batch)."""
    return request_moves(store, actor, [(no, to_login) for no in client_nos], reason, comment, handover_note)


def request_moves(
    store: Store,
    actor: Actor,
    moves: Sequence[tuple[str, str]],
    reason: str,
    comment: str | None = None,
    handover_note: str | None = None,
    *,
    suggestion_ids: dict[str, int] | None = None,
) -> list[int]:
    """Ask for several (client number, target login) moves at once, all or nothing, as one batch."""
    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)
    reason = _check_reason(reason)
    comment = _clean(comment, tr("说明", "comment"))
    handover_note = _clean(handover_note, tr("交接说明", "handover note"))
    moves = [(no.strip(), login.strip()) for no, login in moves if no.strip()]
    if not moves:
        raise InvalidInput(tr("请至少选择一位客户。", "Choose at least one client."))
    seen: set[str] = set()
    for no, _ in moves:
        if no in seen:
            raise InvalidInput(tr("客户 {no} 重复出现。", "Client {no} appears twice.", no=no))
        seen.add(no)
    batch = uuid.uuid4().hex if len(moves) > 1 else None
    ids: list[int] = []
    try:
        with store.transaction() as session:
            refresh_actor(session, actor)
            targets: dict[str, Staff] = {}
            for no, login in moves:
                client = _client_in_branch(session, actor, no)
                if request_problem(client.status, client.manager_id) == CLIENT_CLOSED:
                    raise InvalidInput(
                        tr(
                            "客户 {no} 已销户，不能划转。",
                            "Client {no} is closed and cannot be moved.",
                            no=no,
                        )
                    )
                if login not in targets:
                    targets[login] = _target(session, actor, login)
                target = targets[login]
                if request_problem(client.status, client.manager_id, target.id) == ALREADY_SERVED:
                    raise InvalidInput(
                        tr(
                            "客户 {no} 已由 {name} 服务，无需划转。",
                            "Client {no} is already served by {name}; nothing to move.",
                            no=no,
                            name=target.display_name,
                        )
                    )
                conflict = _pending_conflict(session, client)
                if conflict is not None:
                    raise conflict
                req = ReassignmentRequest(
                    batch_id=batch,
                    client_id=client.id,
                    from_manager_id=client.manager_id,
                    to_manager_id=target.id,
                    reason=reason,
                    comment=comment,
                    # The old manager's own words travel with the client; a branch manager may add them too.
                    handover_note=handover_note,
                    status=RequestStatus.PENDING.value,
                    requested_by_id=actor.id,
                )
                session.add(req)
                session.flush()
                ids.append(req.id)
                sid = (suggestion_ids or {}).get(no)
                if sid is not None:
                    sug = session.get(MatchSuggestion, sid)
                    if sug is None or sug.status != "open":
                        raise Conflict(
                            tr(
                                "建议 #{id} 已被其他人处理，请刷新。",
                                "Suggestion #{id} was handled by someone else; refresh.",
                                id=sid,
                            )
                        )
                    sug.status, sug.decided_by_id, sug.decided_at = "accepted", actor.id, utcnow()
                    audit.record(
                        session, actor, "suggestion.accept", "match_suggestion", sid, request_id=req.id
                    )
                audit.record(
                    session,
                    actor,
                    "reassignment.request",
                    "reassignment_request",
                    req.id,
                    client_no=client.client_no,
                    from_manager_id=client.manager_id,
                    to_login=target.login,
                    reason=reason,
                    batch_id=batch,
                )
            for bm_id in _branch_manager_ids(session, actor.branch_id, exclude=actor.id):
                _notify(
                    session,
                    bm_id,
                    "reassignment.pending",
                    {"n": len(ids), "who": actor.display_name, "reason": reason},
                    request_ids=list(ids),
                )
    except IntegrityError as exc:
        # Another workstation filed a request for the same client between our check and our insert.
        raise Conflict(
            tr(
                "其中有客户刚刚被别人提交了划转申请，请刷新后重试。",
                "Another request for one of these clients was just filed by someone else; refresh and "
                "try again.",
            )
        ) from exc
    return ids


def _branch_manager_ids(session: Session, branch_id: int | None, *, exclude: int | None = None) -> list[int]:
    q = select(Staff.id).where(
        Staff.branch_id == branch_id, Staff.role == Role.BRANCH_MANAGER.value, Staff.active.is_(True)
    )
    return [i for i in session.scalars(q) if i != exclude]


def withdraw_request(store: Store, actor: Actor, request_id: int, comment: str | None = None) -> None:
    """The requester takes back their own pending request."""
    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)
    with store.transaction() as session:
        refresh_actor(session, actor)
        req = _locked_request(session, actor, request_id)
        problem = withdrawal_problem(req.status, req.requested_by_id, actor.id)
        if problem == NOT_REQUESTER:
            raise PermissionDenied(tr("只能撤回自己提交的申请。", "You can only withdraw your own requests."))
        if problem is not None:
            raise _decided_conflict(req, session)
        req.status = RequestStatus.WITHDRAWN.value
        req.decided_by_id, req.decided_at = actor.id, utcnow()
        req.decision_comment = _clean(comment, tr("说明", "comment"))
        _flush(session)
        audit.record(session, actor, "reassignment.withdraw", "reassignment_request", req.id)


def _locked_request(session: Session, actor: Actor, request_id: int) -> ReassignmentRequest:
    # FOR UPDATE: a second decider waits here until the first commits, then sees the decided status.
    req = session.scalar(
        select(ReassignmentRequest).where(ReassignmentRequest.id == request_id).with_for_update()
    )
    client = session.get(Client, req.client_id) if req is not None else None
    if (
        req is None
        or client is None
        or client.branch_id != actor.branch_id
        or not _may_see_request(actor, req)
    ):
        raise NotFound(
            tr(
                "找不到划转申请 #{id}，或不在您的权限范围内。",
                "Reassignment request #{id} not found, or not yours to see.",
                id=request_id,
            )
        )
    return req


def _may_see_request(actor: Actor, req: ReassignmentRequest) -> bool:
    return may_see_request(actor, req.requested_by_id, req.from_manager_id, req.to_manager_id)


# --------------------------------------------------------------------------------------------
# Decisions


def check_request(store: Store, actor: Actor, request_id: int) -> Verdict:
    """The rules' verdict on approving one request now (nothing is written)."""
    require_role(actor, Role.BRANCH_MANAGER)
    with store.read() as session:
        req = session.get(ReassignmentRequest, request_id)
        client = session.get(Client, req.client_id) if req else None
        if req is None or client is None or client.branch_id != actor.branch_id:
            raise NotFound(
                tr("找不到划转申请 #{id}。", "Reassignment request #{id} not found.", id=request_id)
            )
        book = RuleBook(session)
        target = session.get(Staff, req.to_manager_id)
        assert target is not None
        grade, _ = book.client_grade(client.id)
        return book.verdict(grade, book.manager(target))


def approve_requests(
    store: Store,
    actor: Actor,
    request_ids: Sequence[int],
    comment: str | None = None,
    override_reason: str | None = None,
) -> list[int]:
    """Approve one or many requests in one transaction (all or nothing); returns the moved client ids.

    Raises :class:`OverrideRequired` (listing every breach) when a rule is breached and no override
    reason is given, :class:`Conflict` when a request was decided by someone else first.
    """
    require_role(actor, Role.BRANCH_MANAGER)
    if not request_ids:
        raise InvalidInput(tr("请至少选择一个申请。", "Choose at least one request."))
    comment = _clean(comment, tr("审批意见", "comment"))
    override_reason = _clean(override_reason, tr("超规则理由", "override reason"))
    moved: list[int] = []
    try:
        with store.transaction() as session:
            refresh_actor(session, actor)
            book = RuleBook(session)
            breaches: list[str] = []
            # Lock every request first, in id order, then the receiving managers in id order: two
            # overlapping batches then queue instead of deadlocking, and two approvals to the same
            # manager are serialised so the capacity check sees the other's moves.
            reqs: list[ReassignmentRequest] = []
            for rid in sorted(set(request_ids)):
                req = _locked_request(session, actor, rid)
                problem = decision_problem(req.status, req.requested_by_id, actor.id)
                if problem == OWN_REQUEST:
                    raise PermissionDenied(
                        tr(
                            "申请 #{id} 是您本人提交的，不能由您审批：请由另一位营业部负责人审批。",
                            "Request #{id} is your own; nobody approves their own request. Another branch manager must "
                            "decide it.",
                            id=req.id,
                        )
                    )
                if problem is not None:
                    raise _decided_conflict(req, session)
                reqs.append(req)
            session.execute(
                select(Staff.id)
                .where(Staff.id.in_(sorted({r.to_manager_id for r in reqs})))
                .order_by(Staff.id)
                .with_for_update()
            ).all()
            for req in reqs:
                client = session.scalar(select(Client).where(Client.id == req.client_id).with_for_update())
                assert client is not None
                target = session.get(Staff, req.to_manager_id)
                assert target is not None
                problem = move_problem(
                    client.manager_id, req.from_manager_id, target.branch_id, actor.branch_id
                )
                if problem == OUT_OF_DATE:
                    raise Conflict(
                        tr(
                            "客户 {no} 的经理在申请提交后已变更，此申请已过时：请驳回它，必要时重新提交。",
                            "The manager of client {no} changed after this request was filed, so it is out of date: "
                            "reject it and file a new one if still needed.",
                            no=client.client_no,
                        )
                    )
                if problem is not None:
                    raise InvalidInput(
                        tr(
                            "{name} 已不在本营业部，不能接收客户：请驳回此申请。",
                            "{name} is no longer in this branch and cannot take clients; reject this "
                            "request.",
                            name=target.display_name,
                        )
                    )
                _check_target_usable(target)
                grade, _ = book.client_grade(client.id)
                # The live load already counts clients moved earlier in this batch (flushed below).
                verdict = book.verdict(grade, book.manager(target))
                breaches.extend(f"#{req.id} {client.client_no}: {b}" for b in verdict.breaches)
                _apply(session, actor, req, client, target, verdict, comment, override_reason)
                moved.append(client.id)
            if needs_override(breaches, override_reason):
                raise OverrideRequired(
                    tr(
                        "批准将违反匹配或容量规则，需要填写超规则理由（--override-reason）后才能批准：",
                        "Approving breaches the matching or capacity rules; give an override reason "
                        "(--override-reason) to approve anyway:",
                    ),
                    details=breaches,
                )
    except IntegrityError as exc:
        raise Conflict(
            tr("数据已被其他人修改，请刷新后重试。", "Someone else changed this data; refresh and try again.")
        ) from exc
    return moved


def approve_request(
    store: Store,
    actor: Actor,
    request_id: int,
    comment: str | None = None,
    override_reason: str | None = None,
) -> int:
    return approve_requests(store, actor, [request_id], comment, override_reason)[0]


def _apply(
    session: Session,
    actor: Actor,
    req: ReassignmentRequest,
    client: Client,
    target: Staff,
    verdict: Verdict,
    comment: str | None,
    override_reason: str | None,
) -> None:
    # The other areas own tasks and touches; their in-session functions join this transaction.
    from crm_desktop.services.tasks import move_open_tasks_in_session
    from crm_desktop.services.touches import record_touch_in_session

    now = utcnow()
    old_id = client.manager_id
    old = session.get(Staff, old_id) if old_id else None
    req.status = RequestStatus.APPROVED.value
    req.decided_by_id, req.decided_at = actor.id, now
    req.decision_comment = comment
    req.override_reason = kept_override(verdict.breaches, override_reason)
    client.manager_id = target.id
    client.assigned_on = clock.today()
    _flush(session)
    session.add(
        AssignmentHistory(
            client_id=client.id,
            from_manager_id=old_id,
            to_manager_id=target.id,
            effective_at=now,
            reason=req.reason,
            note=req.comment,
            request_id=req.id,
            created_by_id=actor.id,
        )
    )
    tasks_moved = move_open_tasks_in_session(session, client.id, target.id)
    note = req.handover_note or req.comment
    summary = tr(
        "客户交接：由 {old} 转给 {new}（{reason}）。交接说明：{note}",
        "Handover from {old} to {new} ({reason}). Handover note: {note}",
        old=old.display_name if old else tr("无", "nobody"),
        new=target.display_name,
        reason=reason_label(req.reason),
        note=note or tr("无", "none"),
    )
    touch = record_touch_in_session(
        session,
        actor,
        client,
        touch_type="handover",
        channel="system",
        summary=summary,
        manager_id=target.id,
        enforce_checklist=False,
    )
    _notify(
        session,
        target.id,
        "reassignment.received",
        {
            "no": client.client_no,
            "name": client.name,
            "old": old.display_name if old else None,
            "reason": req.reason,
            "note": note or None,
        },
        client_no=client.client_no,
        request_id=req.id,
    )
    _notify(
        session,
        old_id,
        "reassignment.moved_away",
        {"no": client.client_no, "name": client.name, "new": target.display_name, "who": actor.display_name},
        client_no=client.client_no,
        request_id=req.id,
    )
    if req.requested_by_id not in (old_id, target.id, actor.id):
        _notify(
            session,
            req.requested_by_id,
            "reassignment.approved",
            {"id": req.id, "no": client.client_no},
            request_id=req.id,
        )
    audit.record(
        session,
        actor,
        "reassignment.approve",
        "reassignment_request",
        req.id,
        client_no=client.client_no,
        from_manager_id=old_id,
        to_manager_id=target.id,
        tasks_moved=tasks_moved,
        handover_touch_id=touch.id,
        comment=comment,
        breaches=list(verdict.breaches),
        override_reason=req.override_reason,
    )


def reject_requests(store: Store, actor: Actor, request_ids: Sequence[int], comment: str) -> None:
    """Reject one or many requests with a comment (required: the requester must learn why)."""
    require_role(actor, Role.BRANCH_MANAGER)
    cleaned = _clean(comment, tr("驳回理由", "comment"))
    if not cleaned:
        raise InvalidInput(
            tr("驳回时必须填写理由（--comment）。", "A rejection needs a comment (--comment).")
        )
    if not request_ids:
        raise InvalidInput(tr("请至少选择一个申请。", "Choose at least one request."))
    with store.transaction() as session:
        refresh_actor(session, actor)
        for rid in sorted(set(request_ids)):
            req = _locked_request(session, actor, rid)
            if req.status != RequestStatus.PENDING.value:
                raise _decided_conflict(req, session)
            req.status = RequestStatus.REJECTED.value
            req.decided_by_id, req.decided_at = actor.id, utcnow()
            req.decision_comment = cleaned
            _flush(session)
            client = session.get(Client, req.client_id)
            _notify(
                session,
                req.requested_by_id,
                "reassignment.rejected",
                {"id": req.id, "no": client.client_no if client else None, "comment": cleaned},
                request_id=req.id,
            )
            audit.record(
                session, actor, "reassignment.reject", "reassignment_request", req.id, comment=cleaned
            )


def reject_request(store: Store, actor: Actor, request_id: int, comment: str) -> None:
    reject_requests(store, actor, [request_id], comment)


# --------------------------------------------------------------------------------------------
# Lists


def list_requests(store: Store, actor: Actor, status: str | None = None) -> list[RequestView]:
    """Requests the actor may see: the branch's for a branch manager; for an investment manager the
    ones they filed or that move their clients or bring clients to them. Pending first, newest first."""
    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)
    if status is not None and status not in {s.value for s in RequestStatus}:
        raise InvalidInput(
            tr(
                "状态 {s} 无效，可选：{known}。",
                "Status {s} is invalid; choose one of {known}.",
                s=status,
                known=", ".join(s.value for s in RequestStatus),
            )
        )
    with store.read() as session:
        q = (
            select(ReassignmentRequest, Client)
            .join(Client, Client.id == ReassignmentRequest.client_id)
            .where(Client.branch_id == actor.branch_id)
        )
        if sees_own_work_only(actor):
            q = q.where(
                or_(
                    ReassignmentRequest.requested_by_id == actor.id,
                    ReassignmentRequest.from_manager_id == actor.id,
                    ReassignmentRequest.to_manager_id == actor.id,
                )
            )
        if status:
            q = q.where(ReassignmentRequest.status == status)
        rows = session.execute(q).all()
        book = RuleBook(session)
        staff = {s.id: s for s in session.scalars(select(Staff).where(Staff.branch_id == actor.branch_id))}
        infos: dict[int, ManagerInfo] = {}

        def info(sid: int | None) -> ManagerInfo | None:
            if sid is None or sid not in staff:
                return None
            if sid not in infos:
                infos[sid] = book.manager(staff[sid])
            return infos[sid]

        grades = book.grades([c.id for _, c in rows])
        engine: dict[int, str] = {}
        if book.run is not None and rows:
            for sug in session.scalars(
                select(MatchSuggestion).where(
                    MatchSuggestion.run_id == book.run.id,
                    MatchSuggestion.client_id.in_([c.id for _, c in rows]),
                )
            ):
                to = staff.get(sug.suggested_manager_id) if sug.suggested_manager_id else None
                engine[sug.client_id] = (
                    f"{suggestion_kind_label(sug.kind)} → {to.display_name if to else '-'}"
                )
        out: list[RequestView] = []
        for req, client in rows:
            grade, assets = grades.get(client.id, (None, None))
            f, t = info(req.from_manager_id), info(req.to_manager_id)
            assert t is not None
            by = staff.get(req.requested_by_id)
            dec = staff.get(req.decided_by_id) if req.decided_by_id else None
            verdict = book.verdict(grade, t) if req.status == RequestStatus.PENDING.value else Verdict()
            out.append(
                RequestView(
                    id=req.id,
                    batch_id=req.batch_id,
                    client_no=client.client_no,
                    client_name=client.name,
                    grade=grade,
                    assets=assets,
                    from_login=f.login if f else None,
                    from_name=f.display_name if f else None,
                    from_tier=f.tier if f else None,
                    from_load=f.load if f else None,
                    to_login=t.login,
                    to_name=t.display_name,
                    to_tier=t.tier,
                    to_load=t.load,
                    to_capacity=t.capacity,
                    reason=req.reason,
                    comment=req.comment,
                    handover_note=req.handover_note,
                    status=req.status,
                    requested_by_login=by.login if by else "-",
                    requested_by_name=by.display_name if by else "-",
                    requested_at=req.requested_at,
                    decided_by_name=dec.display_name if dec else None,
                    decided_at=req.decided_at,
                    decision_comment=req.decision_comment,
                    override_reason=req.override_reason,
                    verdict=verdict,
                    version=req.version,
                    engine_suggestion=engine.get(client.id),
                )
            )
        out.sort(key=lambda r: (r.status != "pending", -r.requested_at.timestamp(), -r.id))
        return out


def eligible_managers(store: Store, actor: Actor, *, exclude_login: str | None = None) -> list[ManagerInfo]:
    """Active investment managers of the actor's branch, most capable first."""
    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)
    with store.read() as session:
        book = RuleBook(session)
        return _eligible(session, book, actor.branch_id, exclude_login)


def _eligible(
    session: Session, book: RuleBook, branch_id: int | None, exclude_login: str | None
) -> list[ManagerInfo]:
    q = (
        select(Staff)
        .where(
            Staff.branch_id == branch_id, Staff.role == Role.INVESTMENT_MANAGER.value, Staff.active.is_(True)
        )
        .order_by(Staff.login)
    )
    infos = [book.manager(s) for s in session.scalars(q) if s.login != exclude_login]
    infos.sort(key=manager_order)
    return infos


# --------------------------------------------------------------------------------------------
# Departure


def propose_departure(store: Store, actor: Actor, from_login: str) -> DepartureProposal:
    """Distribute every client of ``from_login`` over the branch's other managers.

    Highest grades (then largest assets) choose first. A client whose grade needs more than a junior
    manager goes to the most capable manager the grade allows who still has room; the other clients go
    to the manager with the emptiest book relative to capacity, so the load spreads. When nobody fits,
    the manager with the most room is proposed and the move is flagged (it will need an override).
    """
    require_role(actor, Role.BRANCH_MANAGER)
    with store.read() as session:
        leaver = _staff_by_login(session, from_login)
        if leaver is None or leaver.branch_id != actor.branch_id:
            raise InvalidInput(
                tr(
                    "本营业部没有工号为 {login} 的员工。",
                    "No staff member with login {login} in this branch.",
                    login=from_login,
                )
            )
        book = RuleBook(session)
        managers = _eligible(session, book, actor.branch_id, leaver.login)
        clients = list(
            session.scalars(
                select(Client).where(
                    Client.manager_id == leaver.id,
                    Client.branch_id == actor.branch_id,
                    Client.status.not_in(LOST_STATUSES),
                )
            )
        )
        pending = set(
            session.scalars(
                select(ReassignmentRequest.client_id).where(
                    ReassignmentRequest.status == RequestStatus.PENDING.value
                )
            )
        )
        clients = [c for c in clients if c.id not in pending]
        grades = book.grades([c.id for c in clients])
        clients.sort(key=lambda c: (*grade_sort_key(*grades.get(c.id, (None, None))), c.client_no))
        extra = {m.id: 0 for m in managers}
        moves: list[ProposedMove] = []
        for c in clients:
            grade, assets = grades.get(c.id, (None, None))
            choice = choose_manager(managers, extra, book.min_tier(grade))
            if choice is None:
                moves.append(
                    ProposedMove(
                        c.client_no, c.name, grade, assets, None, explain(Judgement((Finding(NO_MANAGER),)))
                    )
                )
                continue
            verdict = book.verdict(grade, choice, extra_load=extra[choice.id])
            extra[choice.id] += 1
            moves.append(ProposedMove(c.client_no, c.name, grade, assets, choice.login, verdict))
        return DepartureProposal(
            leaver.login, leaver.display_name, moves, managers, dict(book.config.matching.min_tier)
        )


def submit_departure(
    store: Store,
    actor: Actor,
    from_login: str,
    moves: Sequence[tuple[str, str]],
    comment: str | None = None,
    handover_note: str | None = None,
) -> list[int]:
    """File the (edited) distribution as one batch of departure requests."""
    require_role(actor, Role.BRANCH_MANAGER)
    with store.read() as session:
        leaver = _staff_by_login(session, from_login)
        if leaver is None or leaver.branch_id != actor.branch_id:
            raise InvalidInput(
                tr(
                    "本营业部没有工号为 {login} 的员工。",
                    "No staff member with login {login} in this branch.",
                    login=from_login,
                )
            )
        own = set(session.scalars(select(Client.client_no).where(Client.manager_id == leaver.id)))
    strays = [no for no, _ in moves if no not in own]
    if strays:
        raise InvalidInput(
            tr(
                "客户 {nos} 不是 {login} 的客户。",
                "Clients {nos} are not clients of {login}.",
                nos=", ".join(strays[:10]),
                login=from_login,
            )
        )
    return request_moves(store, actor, moves, ReassignReason.DEPARTURE.value, comment, handover_note)


# --------------------------------------------------------------------------------------------
# The engine's suggestions


def list_suggestions(store: Store, actor: Actor) -> list[SuggestionView]:
    """Open suggestions of the latest score run for the branch (empty when nothing is scored yet)."""
    require_role(actor, Role.BRANCH_MANAGER)
    with store.read() as session:
        book = RuleBook(session)
        if book.run is None:
            return []
        rows = session.execute(
            select(MatchSuggestion, Client)
            .join(Client, Client.id == MatchSuggestion.client_id)
            .where(
                MatchSuggestion.run_id == book.run.id,
                MatchSuggestion.status == "open",
                Client.branch_id == actor.branch_id,
            )
        ).all()
        staff = {s.id: s for s in session.scalars(select(Staff).where(Staff.branch_id == actor.branch_id))}
        pending = {
            cid: rid
            for cid, rid in session.execute(
                select(ReassignmentRequest.client_id, ReassignmentRequest.id).where(
                    ReassignmentRequest.status == RequestStatus.PENDING.value
                )
            )
        }
        grades = book.grades([c.id for _, c in rows])
        out = []
        for sug, client in rows:
            grade, assets = grades.get(client.id, (None, None))
            f = staff.get(sug.from_manager_id) if sug.from_manager_id else None
            t = staff.get(sug.suggested_manager_id) if sug.suggested_manager_id else None
            fi = book.manager(f) if f else None
            ti = book.manager(t) if t else None
            out.append(
                SuggestionView(
                    id=sug.id,
                    kind=sug.kind,
                    client_no=client.client_no,
                    client_name=client.name,
                    grade=grade,
                    assets=assets,
                    from_login=f.login if f else None,
                    from_name=f.display_name if f else None,
                    from_tier=fi.tier if fi else None,
                    to_login=t.login if t else None,
                    to_name=t.display_name if t else None,
                    to_tier=ti.tier if ti else None,
                    reasons=list(sug.reasons or []),
                    pending_request_id=pending.get(client.id),
                )
            )
        out.sort(key=lambda s: (*grade_sort_key(s.grade, s.assets), s.client_no))
        return out


def _open_suggestion(session: Session, actor: Actor, suggestion_id: int) -> tuple[MatchSuggestion, Client]:
    """A suggestion of the actor's branch that is still open, with its client."""
    sug = session.get(MatchSuggestion, suggestion_id)
    client = session.get(Client, sug.client_id) if sug else None
    if sug is None or client is None or client.branch_id != actor.branch_id:
        raise NotFound(tr("找不到建议 #{id}。", "Suggestion #{id} not found.", id=suggestion_id))
    if sug.status != "open":
        raise Conflict(
            tr(
                "建议 #{id} 已被处理（{s}）。",
                "Suggestion #{id} was already handled ({s}).",
                id=suggestion_id,
                s=sug.status,
            )
        )
    return sug, client


def accept_suggestion(
    store: Store, actor: Actor, suggestion_id: int, to_login: str | None = None, comment: str | None = None
) -> int:
    """Turn a suggestion into a pending request (the target may be changed); returns the request id."""
    require_role(actor, Role.BRANCH_MANAGER)
    with store.read() as session:
        sug, client = _open_suggestion(session, actor, suggestion_id)
        target = to_login
        if target is None:
            sm = session.get(Staff, sug.suggested_manager_id) if sug.suggested_manager_id else None
            if sm is None:
                raise InvalidInput(
                    tr(
                        "此建议没有推荐的经理，请选择一位经理。",
                        "This suggestion names no manager; choose one.",
                    )
                )
            target = sm.login
        client_no = client.client_no
        reason = suggestion_reason(sug.kind)
    return request_moves(
        store, actor, [(client_no, target)], reason, comment, suggestion_ids={client_no: suggestion_id}
    )[0]


def dismiss_suggestion(store: Store, actor: Actor, suggestion_ids: Sequence[int]) -> None:
    require_role(actor, Role.BRANCH_MANAGER)
    with store.transaction() as session:
        for sid in suggestion_ids:
            sug, client = _open_suggestion(session, actor, sid)
            sug.status, sug.decided_by_id, sug.decided_at = "dismissed", actor.id, utcnow()
            audit.record(
                session, actor, "suggestion.dismiss", "match_suggestion", sid, client_no=client.client_no
            )
