"""Who developed and who serves a client, their shares, and commission-rate reviews (issue #17).

Both are requests a branch manager approves or rejects, like reassignments (services/reassignment.py):
one pending request of a kind per client, nobody decides their own request, every step audited. An
approved relationship whose servicer is not the client's manager moves the client to the servicer,
with an assignment-history row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from crm_desktop import clock
from crm_desktop.db.models import AssignmentHistory, Client, ClientRelationship, FlowRequest, Staff
from crm_desktop.db.store import Store
from crm_desktop.db.types import utcnow
from crm_desktop.domain import flow as rules
from crm_desktop.domain.labels import label_of
from crm_desktop.domain.reassignment import ALREADY_DECIDED, OWN_REQUEST, decision_problem, target_problem
from crm_desktop.domain.vocabulary import LOST_STATUSES, FlowRequestKind, RequestStatus, Role
from crm_desktop.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from crm_desktop.i18n import tr
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, refresh_actor, require_role
from crm_desktop.services.visibility import get_visible_client

MAX_COMMENT = 2000


@dataclass(frozen=True)
class FlowRequestView:
    id: int
    kind: str
    client_no: str
    summary: str
    status: str
    requested_by: str
    requested_at: datetime
    decided_by: str | None


def parse_shares(text: str) -> dict[str, Decimal]:
    """``im1=0.3,im2=0.7`` -> ``{"im1": Decimal("0.3"), "im2": Decimal("0.7")}``."""
    out: dict[str, Decimal] = {}
    for part in (p.strip() for p in (text or "").split(",")):
        if not part:
            continue
        login, sep, value = part.partition("=")
        try:
            share = Decimal(value.strip())
        except InvalidOperation:
            share = None
        if not sep or not login.strip() or share is None or not share.is_finite():
            raise InvalidInput(
                tr(
                    "分成 {p} 无效：应写作 工号=比例，例如 im1=0.3,im2=0.7。",
                    "The share {p} is invalid; write LOGIN=SHARE, e.g. im1=0.3,im2=0.7.",
                    p=part,
                )
            )
        out[login.strip()] = out.get(login.strip(), Decimal(0)) + share
    return out


def _clean(text: str | None) -> str | None:
    text = (text or "").strip() or None
    if text is not None and len(text) > MAX_COMMENT:
        raise InvalidInput(
            tr(
                "说明太长（最多 {n} 个字符）。",
                "The comment is too long (at most {n} characters).",
                n=MAX_COMMENT,
            )
        )
    return text


def _manager(session: Session, actor: Actor, login: str, what: str) -> Staff:
    staff = session.scalar(select(Staff).where(Staff.login == (login or "").strip()))
    if staff is None or staff.branch_id != actor.branch_id:
        raise InvalidInput(
            tr(
                "{what}：本营业部没有工号为 {login} 的员工。",
                "{what}: no staff member with login {login} in this branch.",
                what=what,
                login=login,
            )
        )
    if target_problem(staff.active, staff.role) is not None:
        raise InvalidInput(
            tr(
                "{what}：{name}（{login}）不是在职的投资经理。",
                "{what}: {name} ({login}) is not an active investment manager.",
                what=what,
                name=staff.display_name,
                login=staff.login,
            )
        )
    return staff


def _pending(session: Session, client: Client, kind: FlowRequestKind) -> None:
    existing = session.scalar(
        select(FlowRequest).where(
            FlowRequest.client_id == client.id,
            FlowRequest.kind == kind.value,
            FlowRequest.status == RequestStatus.PENDING.value,
        )
    )
    if existing is not None:
        raise Conflict(
            tr(
                "客户 {no} 已有待审批的{kind}申请 #{id}：请等待审批结果，或先驳回该申请。",
                "Client {no} already has a pending {kind} request #{id}; wait for the decision or reject it first.",
                no=client.client_no,
                kind=label_of(FlowRequestKind, kind),
                id=existing.id,
            )
        )


def _open_client(session: Session, actor: Actor, client_no: str) -> Client:
    client = get_visible_client(session, actor, client_no)
    if client.status in LOST_STATUSES:
        raise InvalidInput(
            tr(
                "客户 {no} 已销户或转出，不能再变更。",
                "Client {no} is closed or transferred out and cannot be changed.",
                no=client.client_no,
            )
        )
    return client


def request_relationship(
    store: Store,
    actor: Actor,
    client_no: str,
    developer_login: str,
    servicer_login: str,
    shares: Mapping[str, Decimal] | None = None,
    *,
    viewer_login: str | None = None,
    comment: str | None = None,
) -> int:
    """File a developer/servicer/shares change for approval; shares default to all for the servicer."""
    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)
    note = _clean(comment)
    with store.transaction() as session:
        refresh_actor(session, actor)
        client = _open_client(session, actor, client_no)
        developer = _manager(session, actor, developer_login, tr("开发人", "developer"))
        servicer = _manager(session, actor, servicer_login, tr("服务人", "servicer"))
        viewer = _manager(session, actor, viewer_login, tr("共享人", "viewer")) if viewer_login else None
        given = dict(shares) if shares else {servicer.login: Decimal(1)}
        allowed = {developer.login, servicer.login}
        stray = sorted(set(given) - allowed)
        if stray:
            raise InvalidInput(
                tr(
                    "分成只能给开发人和服务人（{allowed}），不能给 {stray}。",
                    "Shares go to the developer and the servicer ({allowed}) only, not to {stray}.",
                    allowed=", ".join(sorted(allowed)),
                    stray=", ".join(stray),
                )
            )
        problem = rules.share_problem(given)
        if problem is not None:
            raise InvalidInput(
                tr(
                    "分成比例之和应为 1，且每份在 0 到 1 之间（现为 {s}）。",
                    "The shares must each be between 0 and 1 and sum to 1 (they are {s}).",
                    s=", ".join(f"{k}={v}" for k, v in given.items()) or "-",
                )
            )
        _pending(session, client, FlowRequestKind.RELATIONSHIP)
        ids = {developer.login: developer.id, servicer.login: servicer.id}
        req = FlowRequest(
            kind=FlowRequestKind.RELATIONSHIP.value,
            client_id=client.id,
            payload={
                "developer_id": developer.id,
                "servicer_id": servicer.id,
                "viewer_id": viewer.id if viewer else None,
                "shares": {str(ids[k]): str(v) for k, v in given.items()},
            },
            comment=note,
            requested_by_id=actor.id,
        )
        session.add(req)
        session.flush()
        audit.record(
            session,
            actor,
            "relationship.request",
            "flow_request",
            req.id,
            client_no=client.client_no,
            developer=developer.login,
            servicer=servicer.login,
            viewer=viewer.login if viewer else None,
            shares={k: str(v) for k, v in given.items()},
        )
        return req.id


def request_commission_review(
    store: Store, actor: Actor, client_no: str, proposed_rate: Decimal, comment: str | None = None
) -> int:
    """Ask the branch manager to set a client's commission rate (the answer to a price-driven churn risk)."""
    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)
    note = _clean(comment)
    if not proposed_rate.is_finite() or proposed_rate <= 0 or proposed_rate >= 1:
        raise InvalidInput(
            tr(
                "费率 {r} 无效：应为大于 0、小于 1 的比例，例如 0.00025（万2.5）。",
                "The rate {r} is invalid; give a fraction between 0 and 1, e.g. 0.00025.",
                r=proposed_rate,
            )
        )
    with store.transaction() as session:
        refresh_actor(session, actor)
        client = _open_client(session, actor, client_no)
        _pending(session, client, FlowRequestKind.COMMISSION_REVIEW)
        current = client.commission_rate
        req = FlowRequest(
            kind=FlowRequestKind.COMMISSION_REVIEW.value,
            client_id=client.id,
            payload={"from": None if current is None else str(current), "to": str(proposed_rate)},
            comment=note,
            requested_by_id=actor.id,
        )
        session.add(req)
        session.flush()
        audit.record(
            session,
            actor,
            "commission_review.request",
            "flow_request",
            req.id,
            client_no=client.client_no,
            rate_from=req.payload["from"],
            rate_to=req.payload["to"],
        )
        return req.id


def decide_request(
    store: Store, actor: Actor, request_id: int, approve: bool, comment: str | None = None
) -> None:
    """The branch manager approves or rejects a relationship or commission-review request."""
    require_role(actor, Role.BRANCH_MANAGER)
    note = _clean(comment)
    if not approve and not note:
        raise InvalidInput(tr("驳回须说明原因（--comment）。", "A rejection needs a reason (--comment)."))
    with store.transaction() as session:
        refresh_actor(session, actor)
        req = session.scalar(select(FlowRequest).where(FlowRequest.id == request_id).with_for_update())
        client = session.get(Client, req.client_id) if req is not None else None
        if req is None or client is None or client.branch_id != actor.branch_id:
            raise NotFound(
                tr(
                    "找不到申请 #{id}，或不在您的营业部。",
                    "Request #{id} not found, or not in your branch.",
                    id=request_id,
                )
            )
        problem = decision_problem(req.status, req.requested_by_id, actor.id)
        if problem == OWN_REQUEST:
            raise PermissionDenied(
                tr(
                    "不能审批自己提交的申请 #{id}：请由另一位营业部负责人审批。",
                    "You cannot decide your own request #{id}; another branch manager must.",
                    id=req.id,
                )
            )
        if problem == ALREADY_DECIDED:
            raise Conflict(
                tr(
                    "申请 #{id} 已处理（{s}），不能再次处理。",
                    "Request #{id} was already decided ({s}).",
                    id=req.id,
                    s=label_of(RequestStatus, req.status),
                )
            )
        req.status = (RequestStatus.APPROVED if approve else RequestStatus.REJECTED).value
        req.decided_by_id, req.decided_at, req.decision_comment = actor.id, utcnow(), note
        details: dict[str, Any] = {"client_no": client.client_no, "comment": note}
        if approve and req.kind == FlowRequestKind.RELATIONSHIP.value:
            details.update(_apply_relationship(session, actor, req, client))
        elif approve and req.kind == FlowRequestKind.COMMISSION_REVIEW.value:
            client.commission_rate = Decimal(req.payload["to"])
            details.update(rate_from=req.payload["from"], rate_to=req.payload["to"])
        try:
            session.flush()
        except StaleDataError as exc:
            raise Conflict(
                tr(
                    "记录已被其他人修改，请刷新后重试。",
                    "Someone else changed this record; refresh and try again.",
                )
            ) from exc
        action = "approve" if approve else "reject"
        prefix = "relationship" if req.kind == FlowRequestKind.RELATIONSHIP.value else "commission_review"
        audit.record(session, actor, f"{prefix}.{action}", "flow_request", req.id, **details)


def _apply_relationship(session: Session, actor: Actor, req: FlowRequest, client: Client) -> dict[str, Any]:
    p = req.payload
    rel = session.get(ClientRelationship, client.id)
    if rel is None:
        rel = ClientRelationship(client_id=client.id)
        session.add(rel)
    rel.developer_id, rel.servicer_id, rel.viewer_id = p["developer_id"], p["servicer_id"], p.get("viewer_id")
    rel.shares, rel.request_id = dict(p["shares"]), req.id
    moved = client.manager_id != p["servicer_id"]
    if moved:
        session.add(
            AssignmentHistory(
                client_id=client.id,
                from_manager_id=client.manager_id,
                to_manager_id=p["servicer_id"],
                reason="other",
                note=tr("开发/服务关系变更 #{id}", "relationship change #{id}", id=req.id),
                created_by_id=actor.id,
            )
        )
        client.manager_id, client.assigned_on = p["servicer_id"], clock.today()
    return {"servicer_id": p["servicer_id"], "developer_id": p["developer_id"], "moved": moved}


def list_requests(store: Store, actor: Actor, status: str | None = None) -> list[FlowRequestView]:
    """The branch's requests for a branch manager; an investment manager's own requests."""
    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)
    with store.read() as session:
        stmt = (
            select(FlowRequest, Client.client_no)
            .join(Client, Client.id == FlowRequest.client_id)
            .where(Client.branch_id == actor.branch_id)
            .order_by(FlowRequest.id)
        )
        if actor.role is Role.INVESTMENT_MANAGER:
            stmt = stmt.where(FlowRequest.requested_by_id == actor.id)
        if status:
            stmt = stmt.where(FlowRequest.status == status)
        rows = session.execute(stmt).all()
        names = dict(session.execute(select(Staff.id, Staff.login)).all())
        out = []
        for req, no in rows:
            p = req.payload
            if req.kind == FlowRequestKind.RELATIONSHIP.value:
                shares = ",".join(f"{names.get(int(k), k)}={v}" for k, v in p.get("shares", {}).items())
                summary = f"{names.get(p['developer_id'])}/{names.get(p['servicer_id'])} {shares}"
            else:
                summary = f"{p.get('from') or '-'} -> {p.get('to')}"
            out.append(
                FlowRequestView(
                    req.id,
                    req.kind,
                    no,
                    summary,
                    req.status,
                    names.get(req.requested_by_id, "-"),
                    req.requested_at,
                    names.get(req.decided_by_id) if req.decided_by_id else None,
                )
            )
        return out
