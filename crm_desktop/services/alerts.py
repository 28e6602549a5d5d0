"""Red-flag alert cases from call-backs: the branch manager investigates and closes them with a conclusion.

A case moves open -> investigating -> closed, only through these audited calls; it is never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from crm_desktop.db.models import AlertCase, Client, Staff
from crm_desktop.db.models.enums import Role
from crm_desktop.db.store import Store
from crm_desktop.db.types import utcnow
from crm_desktop.domain.callbacks_vocab import (
    AlertKind,
    AlertStatus,
)
from crm_desktop.domain.labels import label_of
from crm_desktop.errors import Conflict, InvalidInput, NotFound
from crm_desktop.i18n import tr
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, require_role


@dataclass(frozen=True)
class AlertView:
    id: int
    client_no: str
    client_name: str
    kind: str
    status: str
    opened_at: datetime
    manager_login: str | None
    investigation_note: str | None
    conclusion: str | None
    closed_at: datetime | None
    version: int

    @property
    def kind_label(self) -> str:
        return label_of(AlertKind, self.kind)

    @property
    def status_label(self) -> str:
        return label_of(AlertStatus, self.status)


def list_alerts(
    store: Store, actor: Actor, *, open_only: bool = False, manager_id: int | None = None
) -> list[AlertView]:
    """The branch's cases, open ones first (branch manager only: the cases concern the managers)."""
    require_role(actor, Role.BRANCH_MANAGER)
    with store.read() as session:
        mgr = aliased(Staff)
        q = (
            select(AlertCase, Client.client_no, Client.name, mgr.login)
            .join(Client, Client.id == AlertCase.client_id)
            .outerjoin(mgr, mgr.id == AlertCase.manager_id)
            .where(AlertCase.branch_id == actor.branch_id)
        )
        if open_only:
            q = q.where(AlertCase.status != AlertStatus.CLOSED.value)
        if manager_id is not None:
            q = q.where(AlertCase.manager_id == manager_id)
        q = q.order_by(
            (AlertCase.status == AlertStatus.CLOSED.value), AlertCase.opened_at.desc(), AlertCase.id
        )
        return [
            AlertView(
                a.id,
                no,
                name,
                a.kind,
                a.status,
                a.opened_at,
                login,
                a.investigation_note,
                a.conclusion,
                a.closed_at,
                a.version,
            )
            for a, no, name, login in session.execute(q)
        ]


def _load(session: Session, actor: Actor, alert_id: int) -> AlertCase:
    require_role(actor, Role.BRANCH_MANAGER)
    alert = session.get(AlertCase, alert_id)
    if alert is None or alert.branch_id != actor.branch_id:
        raise NotFound(tr("找不到预警案件 {id}。", "Alert case {id} not found.", id=alert_id))
    if alert.status == AlertStatus.CLOSED.value:
        raise Conflict(
            tr(
                "预警案件 {id} 已结案，结论不能再改。",
                "Alert case {id} is closed; its conclusion stays as it is.",
                id=alert_id,
            )
        )
    return alert


def _save(session: Session, alert_id: int) -> None:
    try:
        session.flush()
    except StaleDataError as exc:
        raise Conflict(
            tr(
                "预警案件 {id} 刚被其他人修改。请刷新后再试。",
                "Alert case {id} was changed by someone else just now. Refresh and try again.",
                id=alert_id,
            )
        ) from exc


def investigate(store: Store, actor: Actor, alert_id: int, note: str) -> None:
    note = (note or "").strip()
    if not note:
        raise InvalidInput(tr("请写明调查安排（谁、怎么查）。", "Write how the case is being investigated."))
    with store.transaction() as session:
        alert = _load(session, actor, alert_id)
        before = alert.status
        alert.status = AlertStatus.INVESTIGATING.value
        alert.investigation_note = note
        _save(session, alert_id)
        audit.record(session, actor, "alert.investigate", "alert_case", alert_id, before=before, note=note)


def close(store: Store, actor: Actor, alert_id: int, conclusion: str) -> None:
    conclusion = (conclusion or "").strip()
    if not conclusion:
        raise InvalidInput(
            tr(
                "结案需要填写结论（查实情况与处理措施）。",
                "Closing a case needs a conclusion (what was found and what was done).",
            )
        )
    with store.transaction() as session:
        alert = _load(session, actor, alert_id)
        before = alert.status
        alert.status = AlertStatus.CLOSED.value
        alert.conclusion = conclusion
        alert.closed_at = utcnow()
        alert.closed_by_id = actor.id
        _save(session, alert_id)
        audit.record(
            session, actor, "alert.close", "alert_case", alert_id, before=before, conclusion=conclusion
        )


ALERT_EXPORT_COLUMNS = ("id", "client_no", "kind", "status", "opened_at")


def export_rows(store: Store, actor: Actor) -> list[dict[str, Any]]:
    return [
        {
            "id": a.id,
            "client_no": a.client_no,
            "kind": a.kind,
            "status": a.status,
            "opened_at": a.opened_at.astimezone().isoformat(timespec="minutes"),
        }
        for a in list_alerts(store, actor)
    ]
