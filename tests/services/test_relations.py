"""Relationships (developer, servicer, shares, viewer), commission-rate reviews and teams (issue #17)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from crm_desktop.db.models import AuditLog, Client, ClientRelationship
from crm_desktop.domain.visibility import may_read_client
from crm_desktop.domain.vocabulary import Role
from crm_desktop.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from crm_desktop.services import clients, relations, teams
from crm_desktop.services.auth import Actor
from crm_desktop.services.visibility import get_visible_client
from tests.branch_data import add_staff
from tests.factories import Seed


def _actions(seed: Seed) -> list[str]:
    with seed.store.read() as s:
        return list(s.scalars(select(AuditLog.action).order_by(AuditLog.id)))


def test_relationship_request_goes_through_approval(seeded: Seed) -> None:
    s = seeded
    shares = relations.parse_shares("im2=0.3,im1=0.7")
    rid = relations.request_relationship(s.store, s.im1, "001000", "im2", "im1", shares)
    # one pending request per client
    with pytest.raises(Conflict):
        relations.request_relationship(s.store, s.im1, "001000", "im2", "im1", shares)
    # shares must sum to 1 and go to the developer and servicer only
    with pytest.raises(InvalidInput):
        relations.request_relationship(
            s.store, s.im1, "001001", "im2", "im1", relations.parse_shares("im2=0.3,im1=0.6")
        )
    with pytest.raises(InvalidInput):
        relations.request_relationship(s.store, s.im1, "001001", "im2", "im1", relations.parse_shares("bm=1"))
    # an investment manager cannot approve; nobody approves their own request
    with pytest.raises(PermissionDenied):
        relations.decide_request(s.store, s.im2, rid, True)
    own = relations.request_relationship(s.store, s.bm, "001001", "im1", "im1")
    with pytest.raises(PermissionDenied):
        relations.decide_request(s.store, s.bm, own, True)
    relations.decide_request(s.store, s.bm, rid, True, "同意")
    with pytest.raises(Conflict):
        relations.decide_request(s.store, s.bm, rid, False, "晚了")
    with s.store.read() as ss:
        rel = ss.get(ClientRelationship, s.clients["001000"])
        assert rel is not None and rel.developer_id == s.im2.id and rel.servicer_id == s.im1.id
        assert {k: Decimal(v) for k, v in rel.shares.items()} == {
            str(s.im2.id): Decimal("0.3"),
            str(s.im1.id): Decimal("0.7"),
        }
    assert _actions(s)[-3:] == ["relationship.request", "relationship.request", "relationship.approve"]
    # the developer may read the client (360° view), not change it
    view = clients.load_client_view(s.store, s.im2, "001000")
    assert view is not None
    with s.store.read() as ss, pytest.raises(NotFound):
        get_visible_client(ss, s.im2, "001000")


def test_approved_servicer_takes_the_client(seeded: Seed) -> None:
    s = seeded
    bm2 = add_staff(s, "bm2", "branch_manager", "钱经理")
    rid = relations.request_relationship(s.store, s.bm, "001002", "im1", "im2", viewer_login="im1")
    relations.decide_request(s.store, bm2, rid, True)
    with s.store.read() as ss:
        assert ss.scalar(select(Client.manager_id).where(Client.client_no == "001002")) == s.im2.id
        # the former manager keeps read access as developer and viewer
        assert get_visible_client(ss, s.im2, "001002").client_no == "001002"
    assert clients.load_client_view(s.store, s.im1, "001002") is not None


def test_commission_review_approved_or_rejected_and_audited(seeded: Seed) -> None:
    s = seeded
    rid = relations.request_commission_review(s.store, s.im1, "001000", Decimal("0.0002"), "他处万1.5")
    with pytest.raises(InvalidInput):
        relations.decide_request(s.store, s.bm, rid, False)  # a rejection needs a reason
    relations.decide_request(s.store, s.bm, rid, True)
    rid2 = relations.request_commission_review(s.store, s.im1, "001001", Decimal("0.0001"))
    relations.decide_request(s.store, s.bm, rid2, False, "低于成本")
    with s.store.read() as ss:
        rates = dict(
            ss.execute(
                select(Client.client_no, Client.commission_rate).where(Client.commission_rate.is_not(None))
            ).all()
        )
    assert rates == {"001000": Decimal("0.000200")}
    assert _actions(s)[-4:] == [
        "commission_review.request",
        "commission_review.approve",
        "commission_review.request",
        "commission_review.reject",
    ]
    listed = relations.list_requests(s.store, s.bm)
    assert [(r.kind, r.status) for r in listed] == [
        ("commission_review", "approved"),
        ("commission_review", "rejected"),
    ]


def test_team_lead_reads_the_team_clients(seeded: Seed) -> None:
    s = seeded
    lead = add_staff(s, "lead", "investment_manager", "组长")
    with pytest.raises(PermissionDenied):
        teams.add_team(s.store, s.im1, "一组", "lead", ["im1"])
    tid = teams.add_team(s.store, s.bm, "一组", "lead", ["im1", "im2"])
    with pytest.raises(Conflict):
        teams.add_team(s.store, s.bm, "二组", "bm", ["im1"])
    assert [(t.name, t.lead_login, t.member_logins) for t in teams.list_teams(s.store, s.bm)] == [
        ("一组", "lead", ("im1", "im2"))
    ]
    assert tid > 0
    assert clients.load_client_view(s.store, lead, "001004") is not None
    with s.store.read() as ss, pytest.raises(NotFound):
        get_visible_client(ss, lead, "001004")


def test_may_read_client_rule() -> None:
    me = Actor(7, "x", "x", Role.INVESTMENT_MANAGER, 1)
    assert may_read_client(me, 7, 1)
    assert not may_read_client(me, 8, 1)
    assert may_read_client(me, 8, 1, developer_id=7)
    assert may_read_client(me, 8, 1, shared_with_id=7)
    assert may_read_client(me, 8, 1, team_lead_id=7)
    assert not may_read_client(me, 8, 2, developer_id=7)
