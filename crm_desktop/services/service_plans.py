"""Service plans: how often each grade is served, and which events create a task.

The bundled ``resources/config/service_plan.toml`` is in force until a branch manager saves the
branch's own plan. Every save is a new :class:`ServicePlan` version (the newest is in force) and is
audited, so a task can always say which plan version created it.
"""

from __future__ import annotations

import copy
import tomllib
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_desktop.db.models import Branch, ServicePlan, Staff
from crm_desktop.db.models.enums import Role, TouchType
from crm_desktop.db.store import Store
from crm_desktop.domain.scheduling import EventRule, Plan, RecurringRule
from crm_desktop.errors import Conflict, InvalidInput, PermissionDenied
from crm_desktop.i18n import tr
from crm_desktop.paths import resource
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, require_role

GRADES = ("V5", "V4", "V3", "V2", "V1")
EVENT_KEYS = ("new_account", "risk_reassessment", "churn_high", "mismatch", "grade_change", "birthday")
# Types a plan may schedule: handover is a system record, never something to plan.
PLANNABLE_TYPES = tuple(t.value for t in TouchType if t not in (TouchType.HANDOVER, TouchType.CAMPAIGN))
MAX_INTERVAL_DAYS = 3660


@lru_cache(maxsize=1)
def _default_rules_cached() -> dict[str, Any]:
    with open(resource("config", "service_plan.toml"), "rb") as fh:
        return tomllib.load(fh)


def default_rules() -> dict[str, Any]:
    """The bundled defaults (a copy the caller may change)."""
    return copy.deepcopy(_default_rules_cached())


def _int(value: Any, what: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise InvalidInput(
            tr(
                "服务计划中 {what} 的值 {value} 无效：应为 {lo} 到 {hi} 之间的整数。",
                "In the service plan, {what} = {value} is invalid: use a whole number from {lo} to {hi}.",
                what=what,
                value=value,
                lo=lo,
                hi=hi,
            )
        )
    return value


def parse_rules(rules: dict[str, Any], *, branch_id: int | None = None, version_no: int = 0) -> Plan:
    """Validate a rules document and turn it into a :class:`Plan`; InvalidInput names the bad entry."""
    if not isinstance(rules, dict):
        raise InvalidInput(tr("服务计划格式无效。", "The service plan is not in the expected format."))
    horizon = _int(rules.get("horizon_days", 30), "horizon_days", 0, 366)
    seen: set[tuple[str, str]] = set()
    recurring: list[RecurringRule] = []
    for i, item in enumerate(rules.get("recurring", []) or []):
        if not isinstance(item, dict):
            raise InvalidInput(
                tr("服务计划第 {n} 条周期规则格式无效。", "Recurring rule {n} is malformed.", n=i + 1)
            )
        grade, ttype = item.get("grade"), item.get("type")
        if grade not in GRADES:
            raise InvalidInput(
                tr(
                    "周期规则中的等级 {g} 无效，可选：{ok}。",
                    "Grade {g} in a recurring rule is invalid; use one of {ok}.",
                    g=grade,
                    ok=", ".join(GRADES),
                )
            )
        if ttype not in PLANNABLE_TYPES:
            raise InvalidInput(
                tr(
                    "周期规则中的服务类型 {t} 无效，可选：{ok}。",
                    "Service type {t} in a recurring rule is invalid; use one of {ok}.",
                    t=ttype,
                    ok=", ".join(PLANNABLE_TYPES),
                )
            )
        if (grade, ttype) in seen:
            raise InvalidInput(
                tr(
                    "等级 {g} 的 {t} 规则重复了，每个等级每种类型只能有一条。",
                    "Grade {g} has two {t} rules; keep one per grade and type.",
                    g=grade,
                    t=ttype,
                )
            )
        seen.add((grade, ttype))
        days = _int(item.get("interval_days"), f"{grade}/{ttype} interval_days", 1, MAX_INTERVAL_DAYS)
        recurring.append(RecurringRule(grade, ttype, days))
    events: dict[str, EventRule] = {}
    raw_events = rules.get("events", {}) or {}
    if not isinstance(raw_events, dict):
        raise InvalidInput(
            tr("服务计划的事件规则格式无效。", "The event rules of the service plan are malformed.")
        )
    for key, item in raw_events.items():
        if key not in EVENT_KEYS:
            raise InvalidInput(
                tr(
                    "未知的事件 {k}，可选：{ok}。",
                    "Unknown event {k}; known: {ok}.",
                    k=key,
                    ok=", ".join(EVENT_KEYS),
                )
            )
        if not isinstance(item, dict) or item.get("type") not in PLANNABLE_TYPES:
            raise InvalidInput(
                tr("事件 {k} 的服务类型无效。", "The service type of event {k} is invalid.", k=key)
            )
        grades = tuple(item.get("grades", ()) or ())
        if any(g not in GRADES for g in grades):
            raise InvalidInput(
                tr("事件 {k} 的等级列表无效。", "The grade list of event {k} is invalid.", k=key)
            )
        events[key] = EventRule(
            key=key,
            task_type=item["type"],
            due_days=_int(item.get("due_days", 0), f"{key} due_days", 0, MAX_INTERVAL_DAYS),
            due_years=_int(item.get("due_years", 0), f"{key} due_years", 0, 10),
            lookback_days=_int(item.get("lookback_days", 0), f"{key} lookback_days", 0, MAX_INTERVAL_DAYS),
            grades=grades,
            enabled=bool(item.get("enabled", True)),
        )
    return Plan(branch_id, version_no, horizon, tuple(recurring), events)


def default_plan(branch_id: int | None = None) -> Plan:
    return parse_rules(default_rules(), branch_id=branch_id, version_no=0)


def _row_to_plan(row: ServicePlan, created_by: str | None) -> Plan:
    plan = parse_rules(row.rules, branch_id=row.branch_id, version_no=row.version_no)
    return Plan(
        plan.branch_id,
        plan.version_no,
        plan.horizon_days,
        plan.recurring,
        plan.events,
        row.comment,
        row.created_at,
        created_by,
    )


def current_plan_in_session(session: Session, branch_id: int | None) -> Plan:
    row = session.scalar(
        select(ServicePlan)
        .where(ServicePlan.branch_id == branch_id)
        .order_by(ServicePlan.version_no.desc())
        .limit(1)
    )
    if row is None:
        return default_plan(branch_id)
    login = (
        session.scalar(select(Staff.login).where(Staff.id == row.created_by_id))
        if row.created_by_id
        else None
    )
    return _row_to_plan(row, login)


def _branch_of(actor: Actor, branch_id: int | None) -> int | None:
    if branch_id is None:
        return actor.branch_id
    if actor.branch_id is not None and branch_id != actor.branch_id:
        raise PermissionDenied(
            tr(
                "只能查看或修改本营业部的服务计划。",
                "You may only see or change the service plan of your own branch.",
            )
        )
    return branch_id


def current_plan(store: Store, actor: Actor, branch_id: int | None = None) -> Plan:
    with store.read() as session:
        return current_plan_in_session(session, _branch_of(actor, branch_id))


def plan_history(store: Store, actor: Actor, branch_id: int | None = None) -> list[Plan]:
    """All saved versions of the branch's plan, newest first (the defaults are not listed)."""
    bid = _branch_of(actor, branch_id)
    with store.read() as session:
        rows = session.execute(
            select(ServicePlan, Staff.login)
            .outerjoin(Staff, Staff.id == ServicePlan.created_by_id)
            .where(ServicePlan.branch_id == bid)
            .order_by(ServicePlan.version_no.desc())
        ).all()
        return [_row_to_plan(r, login) for r, login in rows]


def save_plan(
    store: Store, actor: Actor, rules: dict[str, Any], *, expected_version: int, comment: str | None = None
) -> int:
    """Save a new version of the actor's branch plan. Returns the new version number.

    ``expected_version`` is the version the editor started from; if someone saved in between, the
    save is refused with Conflict instead of silently replacing their change.
    """
    require_role(actor, Role.BRANCH_MANAGER)
    if actor.branch_id is None:
        raise PermissionDenied(tr("您不属于任何营业部。", "You do not belong to a branch."))
    plan = parse_rules(rules)
    with store.transaction() as session:
        # Serialises concurrent saves of one branch (SQLite already serialises writers).
        session.get(Branch, actor.branch_id, with_for_update=True)
        current = current_plan_in_session(session, actor.branch_id)
        if current.version_no != expected_version:
            raise Conflict(
                tr(
                    "服务计划已被他人修改（现为第 {cur} 版，您编辑的是第 {mine} 版）。请重新打开后再修改。",
                    "The service plan was changed by someone else (now version {cur}; you edited version {mine}). "
                    "Reopen it and make your change again.",
                    cur=current.version_no,
                    mine=expected_version,
                )
            )
        new_no = current.version_no + 1
        row = ServicePlan(
            branch_id=actor.branch_id,
            version_no=new_no,
            rules=plan.to_rules(),
            comment=(comment or "").strip() or None,
            created_by_id=actor.id,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            actor,
            "service_plan.save",
            "service_plan",
            row.id,
            version_no=new_no,
            branch_id=actor.branch_id,
            comment=row.comment,
            before=current.to_rules(),
            after=plan.to_rules(),
        )
        return new_no
