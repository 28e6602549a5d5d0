"""Information push (资讯推送): a note matched to clients, a send list for the firm's platform, message touches.

The app sends nothing: ``create_push`` matches the note to the actor's clients by a segment filter
(top industry, new-listing preference, risk level... see :mod:`crm_desktop.domain.segments`), leaves
out opted-out and closed accounts, stores the recipients and returns the send list (client number,
masked phone for review, message). Once the firm's SMS or app platform has sent it, ``confirm_push``
records one message touch per recipient, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from crm_desktop import clock
from crm_desktop.db.models import Client, InfoPush, PushRecipient, Touch
from crm_desktop.db.store import Store
from crm_desktop.db.types import utcnow
from crm_desktop.domain.labels import label_of
from crm_desktop.domain.segments import canonical
from crm_desktop.domain.vocabulary import Channel, ClientStatus, PushKind, Role, TouchType
from crm_desktop.errors import InvalidInput, NotFound, PermissionDenied
from crm_desktop.i18n import ZH, tr
from crm_desktop.masking import mask_phone
from crm_desktop.services import audit, segments
from crm_desktop.services.auth import Actor, refresh_actor, require_role
from crm_desktop.services.client_book import latest_run_id
from crm_desktop.services.consent import opted_out

PUSH_ROLES = (Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)
SEND_LIST_COLUMNS = ("client_no", "masked_phone", "message")
_CHUNK = 900


@dataclass(frozen=True)
class SendRow:
    client_no: str
    masked_phone: str
    message: str


@dataclass(frozen=True)
class SendList:
    push_id: int
    kind: str
    title: str
    rows: list[SendRow]
    opted_out: int  # clients of the filter left out because they said no to marketing
    closed: int  # closed accounts left out


@dataclass(frozen=True)
class ConfirmSummary:
    push_id: int
    touches: int  # message touches recorded by this confirmation
    already: bool  # confirmed before: nothing new recorded


def message_text(kind: str, title: str, body: str) -> str:
    """The message a client receives: in Chinese whatever the language of the workstation that made it."""
    return f"【{label_of(PushKind, kind, ZH)}】{title}：{body}"


def create_push(
    store: Store,
    actor: Actor,
    *,
    kind: str,
    title: str,
    body: str,
    filter_text: str | None,
    attachment: str | None = None,
    today: date | None = None,
) -> SendList:
    require_role(actor, *PUSH_ROLES)
    if kind not in {k.value for k in PushKind}:
        raise InvalidInput(
            tr(
                "推送类型 {k} 无效，可选：{ok}。",
                "The push kind {k} is invalid; use one of {ok}.",
                k=kind,
                ok=", ".join(k.value for k in PushKind),
            )
        )
    title, body = (title or "").strip(), (body or "").strip()
    if not title or not body or len(title) > 200:
        raise InvalidInput(
            tr(
                "推送需要标题（不超过 200 字）和正文。",
                "A push needs a title (at most 200 characters) and a body.",
            )
        )
    conditions = segments.compile_filter(filter_text)
    today = today or clock.today()
    message = message_text(kind, title, body)
    with store.transaction() as session:
        refresh_actor(session, actor)
        stmt = segments.segment_select(
            actor,
            conditions,
            latest_run_id(session),
            today,
            Client.id,
            Client.client_no,
            Client.phone,
            Client.status,
            opted_out(),
        ).order_by(Client.client_no)
        matched = session.execute(stmt).all()
        keep = [r for r in matched if r[3] != ClientStatus.CLOSED.value and not r[4]]
        n_closed = sum(1 for r in matched if r[3] == ClientStatus.CLOSED.value)
        n_out = sum(1 for r in matched if r[3] != ClientStatus.CLOSED.value and r[4])
        push = InfoPush(
            branch_id=actor.branch_id,
            kind=kind,
            title=title,
            body=body,
            attachment=(attachment or "").strip() or None,
            filter_text=canonical(conditions),
            recipients=len(keep),
            created_by_id=actor.id,
        )
        session.add(push)
        session.flush()
        if keep:
            session.execute(insert(PushRecipient), [{"push_id": push.id, "client_id": r[0]} for r in keep])
        audit.record(
            session,
            actor,
            "push.create",
            "info_push",
            push.id,
            kind=kind,
            title=title,
            filter=push.filter_text,
            recipients=len(keep),
            opted_out=n_out,
            closed=n_closed,
        )
        rows = [SendRow(r[1], mask_phone(r[2]), message) for r in keep]
        return SendList(push.id, kind, title, rows, n_out, n_closed)


def _push(session: Session, actor: Actor, push_id: int) -> InfoPush:
    require_role(actor, *PUSH_ROLES)
    push = session.get(InfoPush, push_id)
    if push is None or push.branch_id != actor.branch_id:
        raise NotFound(tr("找不到推送 {id}。", "Push {id} not found.", id=push_id))
    if actor.is_investment_manager and push.created_by_id != actor.id:
        raise PermissionDenied(
            tr("投资经理只能确认自己创建的推送。", "An investment manager may confirm only their own pushes.")
        )
    return push


def confirm_push(store: Store, actor: Actor, push_id: int) -> ConfirmSummary:
    """The list was sent by the firm's platform: one message touch per recipient, recorded once."""
    with store.transaction() as session:
        refresh_actor(session, actor)
        push = _push(session, actor, push_id)
        if push.confirmed_at is not None:
            return ConfirmSummary(push.id, 0, True)
        now = utcnow()
        recipients = session.execute(
            select(PushRecipient.client_id, Client.manager_id)
            .join(Client, Client.id == PushRecipient.client_id)
            .where(PushRecipient.push_id == push.id, PushRecipient.touch_id.is_(None))
            .order_by(PushRecipient.client_id)
        ).all()
        summary = f"【{label_of(PushKind, push.kind)}】{push.title}"
        table: Table = Touch.__table__  # type: ignore[assignment]
        made: list[tuple[int, int]] = []
        for i in range(0, len(recipients), 5000):
            part = recipients[i : i + 5000]
            result = session.execute(
                insert(table).returning(table.c.id, table.c.client_id, sort_by_parameter_order=True),
                [
                    {
                        "client_id": cid,
                        "manager_id": mid,
                        "touch_type": TouchType.MESSAGE.value,
                        "channel": Channel.SMS.value,
                        "occurred_at": now,
                        "summary": summary,
                        "checklist": {"push_id": push.id, "content_given": push.title},
                        "status": "active",
                        "revision": 1,
                        "created_by_id": actor.id,
                        "version": 1,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for cid, mid in part
                ],
            )
            made.extend((int(t), int(c)) for t, c in result.all())
        for i in range(0, len(made), _CHUNK):
            ids = [t for t, _c in made[i : i + _CHUNK]]
            session.execute(
                update(Touch)
                .where(Touch.id.in_(ids))
                .values(root_id=Touch.id)
                .execution_options(synchronize_session=False)
            )
        if made:
            rt: Table = PushRecipient.__table__  # type: ignore[assignment]
            session.connection().execute(
                update(rt)
                .where(rt.c.push_id == push.id, rt.c.client_id == bindparam("rc"))
                .values(touch_id=bindparam("rt")),
                [{"rc": c, "rt": t} for t, c in made],
            )
        push.confirmed_at = now
        push.confirmed_by_id = actor.id
        audit.record(session, actor, "push.confirm", "info_push", push.id, touches=len(made))
        return ConfirmSummary(push.id, len(made), False)


@dataclass(frozen=True)
class PushInfo:
    id: int
    kind: str
    title: str
    recipients: int
    created_at: object
    confirmed: bool


def list_pushes(store: Store, actor: Actor) -> list[PushInfo]:
    require_role(actor, *PUSH_ROLES)
    with store.read() as session:
        q = select(InfoPush).where(InfoPush.branch_id == actor.branch_id).order_by(InfoPush.id.desc())
        if actor.is_investment_manager:
            q = q.where(InfoPush.created_by_id == actor.id)
        return [
            PushInfo(p.id, p.kind, p.title, p.recipients, p.created_at, p.confirmed_at is not None)
            for p in session.scalars(q)
        ]
