"""The 1,000-client demo lands inside every calibration range of docs/demo.md, the report command prints
them, and the story clients a trainer uses exist as described."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from crm_desktop.cli.main import main
from crm_desktop.clock import FixedClock, set_clock
from crm_desktop.db.models import (
    AlertCase,
    CallbackRecord,
    Campaign,
    CampaignTarget,
    ChurnRecord,
    Client,
    ClientScore,
    ReassignmentRequest,
    ServiceTask,
    SuitabilityFinding,
    Touch,
)
from crm_desktop.db.store import Store, open_store
from crm_desktop.demo import flow, stories
from crm_desktop.demo.generator import DEMO_PASSWORD
from crm_desktop.demo.setup import prepare_demo
from crm_desktop.errors import PermissionDenied
from crm_desktop.services.auth import login
from crm_desktop.services.demo_report import TARGETS, measure
from tests.fixed_clock import TODAY


@pytest.fixture(scope="module")
def demo_key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One personal-data key for the module's demo store (each test otherwise gets its own key file)."""
    return tmp_path_factory.mktemp("calibration-key") / "pii.key"


@pytest.fixture(autouse=True)
def _module_key(demo_key: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRM_PII_KEY_FILE", str(demo_key))


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory, demo_key: Path) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('calibration') / 'demo.sqlite3'}"
    previous = set_clock(FixedClock(TODAY))
    saved = os.environ.get("CRM_PII_KEY_FILE")
    os.environ["CRM_PII_KEY_FILE"] = str(demo_key)
    try:
        prepare_demo(url, clients=1000, as_of=TODAY)
    finally:
        set_clock(previous)
        if saved is None:
            os.environ.pop("CRM_PII_KEY_FILE", None)
        else:
            os.environ["CRM_PII_KEY_FILE"] = saved
    yield url


@pytest.fixture
def demo(demo_url: str) -> Iterator[Store]:
    store = open_store(demo_url, upgrade=False)
    yield store
    store.dispose()


def test_every_figure_is_inside_its_range(demo: Store) -> None:
    report = measure(demo, None, TODAY)
    assert report.as_of == TODAY and 950 <= report.clients <= 1000
    assert [f.target.key for f in report.figures] == [t.key for t in TARGETS]
    missing = [f.target.key for f in report.figures if f.value is None]
    assert not missing
    outside = {f.target.key: (f.value, f.target.lo, f.target.hi) for f in report.out_of_range}
    assert not outside


def test_targets_are_consistent() -> None:
    for t in TARGETS:
        assert t.lo <= t.target <= t.hi, t.key
    assert len({t.key for t in TARGETS}) == len(TARGETS)


def test_report_command_is_read_only_and_prints_every_figure(
    demo_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = Path(demo_url.removeprefix("sqlite:///"))
    before = path.stat().st_mtime_ns
    assert main(["--lang", "en", "--db", demo_url, "demo", "--report"]) == 0
    out = capsys.readouterr().out
    assert "as of 2026-12-01" in out and f"0 out of range, 0 not measurable, {len(TARGETS)} figures." in out
    assert out.count(" ok\n") == len(TARGETS) and "OUT OF RANGE" not in out
    assert "Clients with no trade in 12 months" in out and "target" in out and "range" in out
    assert path.stat().st_mtime_ns == before
    # a store without any data: every figure is "not measurable", never an error
    empty = demo_url.replace("demo.sqlite3", "empty.sqlite3")
    assert main(["--db", empty, "init-db"]) == 0
    capsys.readouterr()
    assert main(["--db", empty, "demo", "--report"]) == 0
    assert "无法测量" in capsys.readouterr().out
    # a missing store is not created by a report
    missing = demo_url.replace("demo.sqlite3", "missing.sqlite3")
    assert main(["--db", missing, "demo", "--report"]) != 0
    assert not Path(missing.removeprefix("sqlite:///")).exists()


def test_report_is_for_branch_managers(demo: Store) -> None:
    with pytest.raises(PermissionDenied):
        measure(demo, login(demo, "im001", DEMO_PASSWORD), TODAY)
    assert measure(demo, login(demo, "bm", DEMO_PASSWORD), TODAY).clients > 0


def _client(store: Store, story: stories.Story) -> Client:
    with store.read() as s:
        client = s.scalar(select(Client).where(Client.client_no == story.client_no))
        assert client is not None, story.key
        s.expunge(client)
        return client


def test_story_clients_exist_as_described(demo: Store) -> None:
    with demo.read() as s:
        score = dict(s.execute(select(ClientScore.client_id, ClientScore.churn_risk)).all())
        retention = {
            cid: summary
            for cid, summary in s.execute(
                select(Touch.client_id, Touch.summary).where(Touch.touch_type == "retention_call")
            )
        }
        findings = s.execute(
            select(SuitabilityFinding.client_id, SuitabilityFinding.kind, SuitabilityFinding.warned)
        ).all()
        alerts = s.execute(select(AlertCase.client_id, AlertCase.kind, AlertCase.status)).all()
        flagged_calls = s.execute(
            select(CallbackRecord.client_id, CallbackRecord.comment).where(
                CallbackRecord.outcome == "reached"
            )
        ).all()
        requests = s.execute(
            select(ReassignmentRequest.client_id, ReassignmentRequest.status, ReassignmentRequest.reason)
        ).all()
    # three churn cases, each with a high churn risk and a retention call that names its reason
    for story in stories.CHURN_STORIES:
        c = _client(demo, story)
        assert c.status == "active" and score[c.id] == "high", story.key
        assert retention[c.id] == stories.CHURN_SUMMARIES[story.key]
    # a suitability violation (above level, never warned) and a warned exception
    v = _client(demo, stories.VIOLATION)
    assert v.risk_level == "C2"
    assert any(c == v.id and k == "over_level" and w is False for c, k, w in findings)
    w_ = _client(demo, stories.WARNED)
    mine = [(k, w) for c, k, w in findings if c == w_.id]
    assert ("over_level", True) in mine and ("over_level", False) not in mine
    # the one red-flag call-back: the client said the manager traded for them
    r = _client(demo, stories.RED_FLAG)
    assert alerts == [(r.id, "proxy_trading", "open")]
    assert (r.id, "客户称经理曾代为下单") in flagged_calls
    # a reassignment waiting for the branch manager, at the client's request
    m = _client(demo, stories.REASSIGNMENT)
    assert requests == [(m.id, "pending", "client_request")]


def test_flow_stories_exist_as_described(demo: Store) -> None:
    # a lost client: transferred out about three weeks ago, the reason recorded, the reason task done
    lost = _client(demo, stories.LOST_RECORDED)
    assert lost.status == "transferred_out"
    with demo.read() as s:
        rec = s.execute(
            select(ChurnRecord.event, ChurnRecord.reason, ChurnRecord.comment, ChurnRecord.lost_on).where(
                ChurnRecord.client_id == lost.id
            )
        ).one()
        assert rec[0] == "transferred_out" and rec[1] == "price_or_service_elsewhere" and rec[2]
        assert (TODAY - rec[3]).days == flow.LOST_STORY_DAYS
        tasks = dict(
            s.execute(
                select(ServiceTask.source, ServiceTask.status).where(ServiceTask.client_id == lost.id)
            ).all()
        )
        assert tasks["churn_reason"] == "done" and tasks["win_back"] == "open"
        # a campaign in progress: the story client is a target whose call waits in the agenda
        camp = _client(demo, stories.CAMPAIGN)
        row = s.execute(
            select(Campaign.end_date, CampaignTarget.response, ServiceTask.status)
            .join(Campaign, Campaign.id == CampaignTarget.campaign_id)
            .join(ServiceTask, ServiceTask.id == CampaignTarget.task_id)
            .where(CampaignTarget.client_id == camp.id, Campaign.end_date >= TODAY)
        ).one()
        assert row[1] is None and row[2] == "open"


def test_report_is_the_same_on_both_backends(sqlite_store: Store, pg_store: Store) -> None:
    from crm_desktop.demo.generator import generate_demo
    from crm_desktop.demo.setup import score_and_plan

    reports = []
    for store in (sqlite_store, pg_store):
        result = generate_demo(store, clients=150, seed=5, as_of=TODAY)
        score_and_plan(store, result.as_of)
        reports.append(measure(store, None, TODAY))
    a, b = reports
    assert a.clients == b.clients > 100
    for fa, fb in zip(a.figures, b.figures, strict=True):
        assert fa.basis == fb.basis, fa.target.key
        assert (fa.value is None) == (fb.value is None), fa.target.key
        if fa.value is not None and fb.value is not None:
            assert abs(fa.value - fb.value) < 1e-9, fa.target.key
