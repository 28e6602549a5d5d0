"""The demo's campaigns: two finished with plausible conversion, one running with open tasks; same seed, same data."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from crm_desktop.db.models import Campaign, CampaignTarget, ServiceTask
from crm_desktop.db.store import open_store
from crm_desktop.demo.setup import prepare_demo
from crm_desktop.services import campaigns
from crm_desktop.services.auth import Actor

AS_OF = date(2026, 11, 30)


def test_demo_campaigns(sqlite_url: str) -> None:
    prepare_demo(sqlite_url, clients=600, seed=7, as_of=AS_OF)
    store = open_store(sqlite_url, upgrade=False)
    try:
        from crm_desktop.db.models import Staff

        with store.read() as s:
            bm = Actor.from_staff(s.scalars(select(Staff).where(Staff.login == "bm")).one())
        listed = campaigns.list_campaigns(store, bm, today=AS_OF)
        assert sorted(c.status for c in listed) == ["finished", "finished", "launched"]
        for c in listed:
            res = campaigns.results(store, bm, c.id, today=AS_OF)
            t = res.total
            assert t.targeted > 10, c.name
            if c.status == "finished":
                assert 0.02 <= t.conversion <= 0.4, (c.name, t)
                assert t.contacted > 0.8 * t.targeted
            else:
                assert 0 < t.contacted < 0.6 * t.targeted
            # the better the grade, the likelier a subscription (where there are enough clients)
            by_grade = {r.key: r.funnel for r in res.by_grade if r.funnel.targeted >= 20}
            if "V4" in by_grade and "V2" in by_grade:
                assert by_grade["V4"].conversion >= by_grade["V2"].conversion
        with store.read() as s:
            running = next(c.id for c in listed if c.status == "launched")
            open_tasks = s.scalar(
                select(func.count()).where(ServiceTask.source == "campaign", ServiceTask.status == "open")
            )
            assert open_tasks and open_tasks == s.scalar(
                select(func.count()).where(
                    CampaignTarget.campaign_id == running,
                    CampaignTarget.task_id.is_not(None),
                    CampaignTarget.response.is_(None),
                )
            )
            snapshot = s.execute(
                select(CampaignTarget.client_id, CampaignTarget.response, CampaignTarget.amount).order_by(
                    CampaignTarget.campaign_id, CampaignTarget.client_id
                )
            ).all()
            assert s.scalar(select(func.count()).select_from(Campaign)) == 3
    finally:
        store.dispose()
    assert snapshot
