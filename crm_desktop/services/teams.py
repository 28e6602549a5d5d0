"""Marketing teams (营销团队, issue #17): a branch manager forms them; a manager belongs to one team at most."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from crm_desktop.db.models import Staff, Team, TeamMember
from crm_desktop.db.store import Store
from crm_desktop.domain.vocabulary import Role
from crm_desktop.errors import Conflict, InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, refresh_actor, require_role


@dataclass(frozen=True)
class TeamView:
    id: int
    name: str
    lead_login: str
    member_logins: tuple[str, ...]


def add_team(store: Store, actor: Actor, name: str, lead_login: str, member_logins: Sequence[str]) -> int:
    require_role(actor, Role.BRANCH_MANAGER)
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise InvalidInput(tr("团队名称应为 1 到 100 个字符。", "A team name has 1 to 100 characters."))
    logins = list(dict.fromkeys(x.strip() for x in member_logins if x.strip()))
    with store.transaction() as session:
        refresh_actor(session, actor)
        staff = {
            s.login: s
            for s in session.scalars(
                select(Staff).where(
                    Staff.login.in_([lead_login.strip(), *logins]), Staff.branch_id == actor.branch_id
                )
            )
        }
        missing = [x for x in [lead_login.strip(), *logins] if x not in staff]
        if missing:
            raise InvalidInput(
                tr(
                    "本营业部没有这些工号：{m}。",
                    "No staff with these logins in this branch: {m}.",
                    m=", ".join(missing),
                )
            )
        lead = staff[lead_login.strip()]
        if not lead.active or lead.role not in (Role.INVESTMENT_MANAGER.value, Role.BRANCH_MANAGER.value):
            raise InvalidInput(
                tr(
                    "团队负责人 {login} 应为在职的投资经理或营业部负责人。",
                    "The team lead {login} must be an active investment manager or branch manager.",
                    login=lead.login,
                )
            )
        bad = [x for x in logins if staff[x].role != Role.INVESTMENT_MANAGER.value or not staff[x].active]
        if bad:
            raise InvalidInput(
                tr(
                    "团队成员应为在职的投资经理：{b}。",
                    "Team members must be active investment managers: {b}.",
                    b=", ".join(bad),
                )
            )
        if session.scalar(select(Team.id).where(Team.branch_id == actor.branch_id, Team.name == name)):
            raise Conflict(tr("团队“{n}”已存在。", "The team “{n}” already exists.", n=name))
        taken = session.execute(
            select(Staff.login, Team.name)
            .join(TeamMember, TeamMember.staff_id == Staff.id)
            .join(Team, Team.id == TeamMember.team_id)
            .where(Staff.login.in_(logins))
        ).all()
        if taken:
            raise Conflict(
                tr(
                    "每位经理只能属于一个团队：{t}。",
                    "A manager belongs to one team only: {t}.",
                    t=", ".join(f"{login}→{team}" for login, team in taken),
                )
            )
        assert actor.branch_id is not None
        team = Team(branch_id=actor.branch_id, name=name, lead_id=lead.id)
        session.add(team)
        session.flush()
        for x in logins:
            session.add(TeamMember(staff_id=staff[x].id, team_id=team.id))
        session.flush()
        audit.record(session, actor, "team.add", "team", team.id, name=name, lead=lead.login, members=logins)
        return team.id


def list_teams(store: Store, actor: Actor) -> list[TeamView]:
    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER, Role.ADMIN)
    with store.read() as session:
        logins = dict(session.execute(select(Staff.id, Staff.login)).all())
        teams = session.scalars(
            select(Team).where(Team.branch_id == actor.branch_id).order_by(Team.name)
        ).all()
        members: dict[int, list[str]] = {}
        for team_id, staff_id in session.execute(select(TeamMember.team_id, TeamMember.staff_id)):
            members.setdefault(team_id, []).append(logins[staff_id])
        return [
            TeamView(t.id, t.name, logins[t.lead_id], tuple(sorted(members.get(t.id, [])))) for t in teams
        ]
