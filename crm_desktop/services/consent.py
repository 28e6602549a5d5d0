"""Marketing consent (营销联系许可): whether a client may be contacted for marketing.

Campaigns and information pushes leave opted-out clients out; service contacts the rules require
(call-backs, risk disclosures, reassessment invitations, suitability tasks) are not marketing and
never read this flag. A client without a recorded flag may be contacted (docs/campaigns.md says why).
The flag comes from the clients import (optional column 允许营销) or is set here with a reason, audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session

from crm_desktop import clock
from crm_desktop.db.models import Client, MarketingConsent
from crm_desktop.db.store import Store
from crm_desktop.domain.vocabulary import ConsentSource, Role
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, refresh_actor, require_role
from crm_desktop.services.visibility import get_visible_client

CONSENT_EDITORS = (Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)


@dataclass(frozen=True)
class Consent:
    client_no: str
    allowed: bool
    since: date | None  # None: never recorded (allowed by default)
    source: str  # a ConsentSource code, or "" when never recorded
    reason: str


def opted_out() -> ColumnElement[bool]:
    """WHERE term: the client said no to marketing."""
    return exists(
        select(MarketingConsent.client_id).where(
            MarketingConsent.client_id == Client.id, MarketingConsent.allowed.is_(False)
        )
    )


def parse_yes_no(value: str) -> bool:
    v = (value or "").strip().casefold()
    if v in ("yes", "y", "是", "1", "true"):
        return True
    if v in ("no", "n", "否", "0", "false"):
        return False
    raise InvalidInput(
        tr("营销许可应为 yes 或 no，而不是 {v}。", "Marketing consent is yes or no, not {v}.", v=value)
    )


def get_consent_in_session(session: Session, client: Client) -> Consent:
    row = session.get(MarketingConsent, client.id)
    if row is None:
        return Consent(client.client_no, True, None, "", "")
    return Consent(client.client_no, row.allowed, row.since, row.source, row.reason or "")


def get_consent(store: Store, actor: Actor, client_no: str) -> Consent:
    with store.read() as session:
        return get_consent_in_session(session, get_visible_client(session, actor, client_no))


def set_consent(
    store: Store, actor: Actor, client_no: str, allowed: bool, reason: str, *, since: date | None = None
) -> Consent:
    """Record the client's answer (a reason is required: who asked, how); audited with the previous flag."""
    require_role(actor, *CONSENT_EDITORS)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(
            tr(
                "请写明原因（例如：客户来电要求不再接收营销信息）。",
                "Give a reason (e.g. the client called and asked for no more marketing).",
            )
        )
    since = since or clock.today()
    with store.transaction() as session:
        refresh_actor(session, actor)
        client = get_visible_client(session, actor, client_no)
        before = get_consent_in_session(session, client)
        row = session.get(MarketingConsent, client.id)
        if row is None:
            row = MarketingConsent(client_id=client.id)
            session.add(row)
        row.allowed = allowed
        row.since = since
        row.source = ConsentSource.STAFF.value
        row.reason = reason
        row.recorded_by_id = actor.id
        session.flush()
        audit.record(
            session,
            actor,
            "consent.set",
            "client",
            client.id,
            client_no=client.client_no,
            marketing=allowed,
            before=before.allowed,
            reason=reason,
            since=since.isoformat(),
        )
        return Consent(client.client_no, allowed, since, row.source, reason)
