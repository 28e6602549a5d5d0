"""The signed-in user's notifications: list them and mark them read. Nobody sees anyone else's.

A notification is stored as a kind and its parameters (codes, numbers, names), never as a sentence: it is worded
when shown, in the reader's language of that moment, through :data:`TEXTS`. Rows written before that
(migration 0003) keep their stored sentence under ``legacy_title`` / ``legacy_body``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import func, select, update

from crm_desktop.db.models import Notification
from crm_desktop.db.store import Store
from crm_desktop.db.types import utcnow
from crm_desktop.domain.callbacks_vocab import (
    AlertKind,
)
from crm_desktop.domain.labels import label_of
from crm_desktop.i18n import tr
from crm_desktop.services.auth import Actor
from crm_desktop.services.reassignment import reason_label

LEGACY_TITLE = "legacy_title"
LEGACY_BODY = "legacy_body"


class Text(NamedTuple):
    title_zh: str
    title_en: str
    body_zh: str
    body_en: str


# kind -> the wording of its title and body; {placeholders} are the notification's parameters.
TEXTS: dict[str, Text] = {
    "reassignment.pending": Text(
        "{n} 个客户划转申请待审批",
        "{n} reassignment request(s) to approve",
        "{who} 提交，原因：{reason}",
        "from {who}, reason: {reason}",
    ),
    "reassignment.received": Text(
        "客户 {no} {name} 已划转给您",
        "Client {no} {name} is now yours",
        "原经理：{old}；原因：{reason}；交接说明：{note}",
        "previous manager: {old}; reason: {reason}; note: {note}",
    ),
    "reassignment.moved_away": Text(
        "客户 {no} {name} 已划转给 {new}",
        "Client {no} {name} moved to {new}",
        "审批人：{who}",
        "approved by {who}",
    ),
    "reassignment.approved": Text(
        "划转申请 #{id} 已批准", "Request #{id} approved", "客户 {no}", "client {no}"
    ),
    "reassignment.rejected": Text(
        "划转申请 #{id} 被驳回",
        "Request #{id} rejected",
        "客户 {no}；理由：{comment}",
        "client {no}; reason: {comment}",
    ),
    "alert.opened": Text(
        "回访红旗：客户 {no} {alert_kind}",
        "Call-back red flag: client {no}, {alert_kind}",
        "回访中客户的回答需要调查（预警案件 {id}）。",
        "An answer in a call-back needs investigating (alert case {id}).",
    ),
}


def render(kind: str, params: dict[str, Any]) -> tuple[str, str]:
    """Title and body of a notification in the current language."""
    if LEGACY_TITLE in params:
        return str(params[LEGACY_TITLE]), str(params.get(LEGACY_BODY) or "")
    text = TEXTS.get(kind)
    if text is None:
        return kind, ""
    shown = {k: ("-" if v is None or v == "" else v) for k, v in params.items()}
    if "reason" in params:
        shown["reason"] = reason_label(str(params["reason"]))
    if "alert_kind" in params:
        shown["alert_kind"] = label_of(AlertKind, str(params["alert_kind"]))
    try:
        return tr(text.title_zh, text.title_en, **shown), tr(text.body_zh, text.body_en, **shown)
    except (KeyError, IndexError):
        # a row written by another version with other parameters: show what is known rather than fail
        return kind, ", ".join(f"{k}={v}" for k, v in params.items())


@dataclass(frozen=True)
class NotificationView:
    id: int
    kind: str
    params: dict[str, Any]
    related: dict[str, Any]
    created_at: datetime
    read_at: datetime | None

    @property
    def title(self) -> str:
        return render(self.kind, self.params)[0]

    @property
    def body(self) -> str:
        return render(self.kind, self.params)[1]


def list_notifications(
    store: Store, actor: Actor, *, unread_only: bool = False, limit: int = 200
) -> list[NotificationView]:
    """Newest first."""
    with store.read() as session:
        q = select(Notification).where(Notification.recipient_id == actor.id)
        if unread_only:
            q = q.where(Notification.read_at.is_(None))
        q = q.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)
        return [
            NotificationView(
                n.id, n.kind, dict(n.params or {}), dict(n.related or {}), n.created_at, n.read_at
            )
            for n in session.scalars(q)
        ]


def unread_count(store: Store, actor: Actor) -> int:
    with store.read() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(Notification)
                .where(Notification.recipient_id == actor.id, Notification.read_at.is_(None))
            )
            or 0
        )


def mark_read(store: Store, actor: Actor, ids: Sequence[int]) -> int:
    """Mark the actor's own notifications read (ids of other people's are ignored); returns how many."""
    if not ids:
        return 0
    with store.transaction() as session:
        result = session.execute(
            update(Notification)
            .where(
                Notification.id.in_(list(ids)),
                Notification.recipient_id == actor.id,
                Notification.read_at.is_(None),
            )
            .values(read_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


def mark_all_read(store: Store, actor: Actor) -> int:
    with store.transaction() as session:
        result = session.execute(
            update(Notification)
            .where(Notification.recipient_id == actor.id, Notification.read_at.is_(None))
            .values(read_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
