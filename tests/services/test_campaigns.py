"""Campaigns on both backends: target lists by reason, launching (idempotent), responses, results, exports."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crm_desktop.db.models import AuditLog, CampaignTarget, ServiceTask, Touch
from crm_desktop.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from crm_desktop.reports import campaigns as files
from crm_desktop.services import campaigns, tasks, touches
from tests.factories import Seed
from tests.fixed_clock import TODAY
from tests.services.campaign_data import seed_campaign_branch

START, END = date(2026, 12, 1), date(2026, 12, 31)


def _statuses(seeded: Seed, campaign_id: int) -> dict[str, str]:
    ids = {v: k for k, v in seeded.clients.items()}
    with seeded.store.read() as s:
        rows = s.execute(
            select(CampaignTarget.client_id, CampaignTarget.status).where(
                CampaignTarget.campaign_id == campaign_id
            )
        ).all()
    return {ids[c]: st for c, st in rows}


def _create(seeded: Seed, actor=None, **kw):  # type: ignore[no-untyped-def]
    kw.setdefault("filter_text", "")
    return campaigns.create_campaign(
        seeded.store, actor or seeded.bm, name=kw.pop("name", "测试活动"), start=START, end=END, **kw
    )


def test_target_list_leaves_out_each_reason_and_counts_it(seeded: Seed) -> None:
    seed_campaign_branch(seeded)
    s = _create(seeded, product="WM001")  # R3
    assert s.targeted == 4
    assert s.excluded == {"unsuitable": 2, "opted_out": 1, "contact_cap": 0, "closed": 1}
    st = _statuses(seeded, s.campaign_id)
    assert st == {
        "001000": "targeted",
        "001001": "targeted",
        "001002": "unsuitable",  # C2 < R3
        "001003": "unsuitable",  # lowest category
        "001004": "targeted",  # professional
        "001005": "targeted",
        "001010": "closed",
        "001011": "opted_out",
    }
    # R4 fund: the C3 client is unsuitable too; professional-only: only the professional investor
    assert (
        _statuses(seeded, _create(seeded, product="FD002", contact_cap=31).campaign_id)["001001"]
        == "unsuitable"
    )
    pro = _statuses(seeded, _create(seeded, product="PF001", contact_cap=31).campaign_id)
    assert [no for no, x in pro.items() if x == "targeted"] == ["001004"]
    # a ChiNext stock needs the ChiNext permission, professionals included
    board = _statuses(seeded, _create(seeded, product="300750", contact_cap=31).campaign_id)
    assert board["001000"] == "targeted" and board["001004"] == "unsuitable"


def test_contact_cap_across_campaigns_and_no_product_skips_suitability(seeded: Seed) -> None:
    seed_campaign_branch(seeded)
    first = _create(seeded, filter_text="grade>=V4")  # no product: suitability is skipped
    assert (
        first.targeted == 2 and first.excluded["unsuitable"] == 0
    )  # 001000, 001001 (001010 closed, 001011 out)
    _create(seeded, filter_text="grade=V5")
    third = _create(seeded, filter_text="grade>=V3")
    st = _statuses(seeded, third.campaign_id)
    assert st["001000"] == "contact_cap"  # two campaigns already this month
    assert st["001001"] == "targeted" and st["001002"] == "targeted"
    assert third.excluded["contact_cap"] == 1
    # next month is free again
    later = campaigns.create_campaign(
        seeded.store,
        seeded.bm,
        name="一月",
        filter_text="grade=V5",
        start=date(2027, 1, 4),
        end=date(2027, 1, 29),
    )
    assert later.targeted == 1


def test_launch_is_idempotent_and_respond_closes_the_task(seeded: Seed, tmp_path: Path) -> None:
    seed_campaign_branch(seeded)
    s = _create(seeded, product="WM001", talking_points="稳健理财，年化业绩比较基准 3%")
    first = campaigns.launch(seeded.store, seeded.bm, s.campaign_id)
    assert (first.created, first.existing, first.without_manager) == (4, 0, 0)
    again = campaigns.launch(seeded.store, seeded.bm, s.campaign_id)
    assert (again.created, again.existing) == (0, 4)
    with seeded.store.read() as sess:
        assert sess.scalar(select(func.count()).where(ServiceTask.source == "campaign")) == 4
    agenda = tasks.agenda(seeded.store, seeded.im1)
    item = next(i for i in agenda.items if i.source == "campaign" and i.client_no == "001000")
    assert item.due_date == END and "测试活动" in (item.note or "") and "稳健理财" in (item.note or "")

    r = campaigns.respond(
        seeded.store, seeded.im1, s.campaign_id, "001000", "subscribed", amount=Decimal("50000")
    )
    assert r.task_closed
    campaigns.respond(seeded.store, seeded.im1, s.campaign_id, "001001", "declined", reason="资金另有安排")
    campaigns.respond(seeded.store, seeded.im2, s.campaign_id, "001004", "interested")
    campaigns.respond(seeded.store, seeded.im2, s.campaign_id, "001005", "not_reached")
    # the interested client subscribes later: the list keeps the latest response, both touches stay
    campaigns.respond(
        seeded.store, seeded.im2, s.campaign_id, "001004", "subscribed", amount=Decimal("20000.5")
    )
    with seeded.store.read() as sess:
        touches = sess.scalars(select(Touch).where(Touch.touch_type == "campaign")).all()
        assert len(touches) == 5
        assert {t.checklist["response"] for t in touches} == {
            "subscribed",
            "declined",
            "interested",
            "not_reached",
        }
        open_tasks = sess.scalar(
            select(func.count()).where(ServiceTask.source == "campaign", ServiceTask.status == "open")
        )
        assert open_tasks == 0

    res = campaigns.results(seeded.store, seeded.bm, s.campaign_id)
    t = res.total
    assert (t.targeted, t.contacted, t.responded, t.converted, t.amount) == (4, 4, 3, 2, 70000.5)
    assert sum(r.funnel.converted for r in res.by_manager) == t.converted
    assert sum(r.funnel.amount for r in res.by_grade) == t.amount
    assert {r.key: r.funnel.converted for r in res.by_manager} == {"im1": 1, "im2": 1}
    assert res.excluded == {"unsuitable": 2, "opted_out": 1, "contact_cap": 0, "closed": 1}
    # the dashboard card's one grouped query says the same
    ((info, card),) = campaigns.summaries(seeded.store, seeded.bm)
    assert card == t and info.status == "launched"
    ((_, mine),) = campaigns.summaries(seeded.store, seeded.im2)
    assert (mine.targeted, mine.converted, mine.amount) == (2, 1, 20000.5)
    out = files.write_results_xlsx(res, tmp_path / "r.xlsx")
    assert out.stat().st_size > 0

    frame = campaigns.target_rows(seeded.store, seeded.bm, s.campaign_id)
    files.write_targets_csv(frame, tmp_path / "t.csv")
    with (tmp_path / "t.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["client_no", "manager_login", "status", "response", "amount"]
    by_no = {r[0]: r for r in rows[1:]}
    assert by_no["001000"] == ["001000", "im1", "targeted", "subscribed", "50000.00"]
    assert by_no["001002"][2:] == ["unsuitable", "", ""]
    assert by_no["001011"][2] == "opted_out" and by_no["001010"][2] == "closed"


def test_response_rules_and_permissions(seeded: Seed) -> None:
    seed_campaign_branch(seeded)
    s = _create(seeded, product="WM001")
    with pytest.raises(Conflict, match=r"launch|启动"):
        campaigns.respond(seeded.store, seeded.im1, s.campaign_id, "001000", "interested")
    campaigns.launch(seeded.store, seeded.bm, s.campaign_id)
    # another manager's client: not even visible; the branch manager is not the client's manager
    with pytest.raises(NotFound):
        campaigns.respond(seeded.store, seeded.im2, s.campaign_id, "001000", "interested")
    with pytest.raises(PermissionDenied):
        campaigns.respond(seeded.store, seeded.bm, s.campaign_id, "001000", "interested")
    with pytest.raises(InvalidInput):
        campaigns.respond(seeded.store, seeded.im1, s.campaign_id, "001000", "subscribed")  # no amount
    with pytest.raises(InvalidInput):
        campaigns.respond(seeded.store, seeded.im1, s.campaign_id, "001000", "declined")  # no reason
    with pytest.raises(InvalidInput):
        campaigns.respond(seeded.store, seeded.im1, s.campaign_id, "001002", "interested")  # unsuitable
    # an ordinary touch does not close a campaign task: the response is recorded in the campaign
    with seeded.store.read() as sess:
        task_id = sess.scalar(
            select(CampaignTarget.task_id).where(CampaignTarget.client_id == seeded.clients["001000"])
        )
    with pytest.raises(InvalidInput, match="crm campaign respond"):
        touches.record_touch(
            seeded.store,
            seeded.im1,
            "001000",
            touch_type="phone_call",
            channel="phone",
            summary="电话",
            task_id=task_id,
            checklist={"identity_verified": True, "needs_asked": True},
        )
    # an investment manager sees results and targets of their own clients only
    res = campaigns.results(seeded.store, seeded.im2, s.campaign_id)
    assert res.total.targeted == 2 and [r.key for r in res.by_manager] == ["im2"]
    assert set(campaigns.target_rows(seeded.store, seeded.im2, s.campaign_id)["client_no"]) == {
        "001004",
        "001005",
    }
    with pytest.raises(PermissionDenied):
        campaigns.results(seeded.store, seeded.admin, s.campaign_id)


def test_investment_manager_campaign_on_own_book(seeded: Seed) -> None:
    seed_campaign_branch(seeded)
    s = _create(seeded, seeded.im2, name="我的客户")
    assert s.targeted == 2 and sum(s.excluded.values()) == 0
    with pytest.raises(PermissionDenied):
        campaigns.launch(seeded.store, seeded.im1, s.campaign_id)
    assert campaigns.launch(seeded.store, seeded.im2, s.campaign_id).created == 2
    assert campaigns.launch(seeded.store, seeded.bm, s.campaign_id).created == 0
    with seeded.store.read() as sess:
        assert sess.scalar(select(func.count()).where(AuditLog.action == "campaign.launch")) == 2


def test_bad_inputs(seeded: Seed) -> None:
    seed_campaign_branch(seeded)
    with pytest.raises(InvalidInput):
        campaigns.create_campaign(seeded.store, seeded.bm, name="x", start=END, end=START, filter_text="")
    with pytest.raises(InvalidInput):
        campaigns.create_campaign(
            seeded.store, seeded.bm, name="x", start=date(2026, 1, 1), end=date(2026, 2, 1), filter_text=""
        )
    with pytest.raises(NotFound):
        _create(seeded, product="NOPE")
    with pytest.raises(NotFound):
        campaigns.create_campaign(seeded.store, seeded.bm, name="x", start=START, end=END, segment="无此客群")
    with pytest.raises(InvalidInput, match="colour"):
        _create(seeded, filter_text="colour=red")
    with pytest.raises(PermissionDenied):
        _create(seeded, seeded.admin)
    assert TODAY == START


def test_subscriptions_count_in_the_managers_performance(seeded: Seed) -> None:
    """Issue #17's products_amount: amounts subscribed through campaigns, in the month they were recorded."""
    from crm_desktop.services import performance

    seed_campaign_branch(seeded)
    before = performance.performance(seeded.store, seeded.bm, "2026-12")
    assert all(r.products_amount is None for r in before.rows)  # no campaign ran: not enough data
    s = _create(seeded, product="WM001")
    campaigns.launch(seeded.store, seeded.bm, s.campaign_id)
    campaigns.respond(
        seeded.store, seeded.im1, s.campaign_id, "001000", "subscribed", amount=Decimal("50000")
    )
    campaigns.respond(seeded.store, seeded.im1, s.campaign_id, "001001", "declined", reason="资金另有安排")
    rows = {r.manager_login: r for r in performance.performance(seeded.store, seeded.bm, "2026-12").rows}
    assert rows["im1"].products_amount == Decimal("50000.00")
    assert rows["im2"].products_amount == Decimal("0")  # a campaign ran and nothing was subscribed: a real 0
    assert performance.performance(seeded.store, seeded.bm, "2026-10").rows[0].products_amount is None


def test_respond_records_the_whole_touch_in_one_go(seeded: Seed) -> None:
    """What the touch form adds (flow steps, feedback, next step, follow-up) goes with the response."""
    seed_campaign_branch(seeded)
    s = _create(seeded, product="WM001", talking_points="稳健理财")
    campaigns.launch(seeded.store, seeded.bm, s.campaign_id)
    listed = touches.open_tasks_for(seeded.store, seeded.im1, "001000", TODAY)
    (task,) = [t for t in listed if t.is_campaign]
    assert (task.campaign_id, task.campaign_name, task.talking_points) == (
        s.campaign_id,
        "测试活动",
        "稳健理财",
    )
    assert task.product_code == "WM001" and "测试活动" in task.describe()
    assert touches.default_task(listed, "campaign") is None  # never picked for an ordinary touch
    # advice is not marketing: refused, nothing written
    with pytest.raises(InvalidInput, match="投资建议"):
        campaigns.respond(
            seeded.store,
            seeded.im1,
            s.campaign_id,
            "001000",
            "interested",
            checklist={touches.ADVICE: True, touches.RISK: True},
        )
    follow = date(2026, 12, 4)
    r = campaigns.respond(
        seeded.store,
        seeded.im1,
        s.campaign_id,
        "001000",
        "interested",
        channel="in_person",
        summary="客户想先看产品说明书",
        checklist={touches.IDENTITY: True, touches.NEEDS: True, touches.FEEDBACK: "关注回撤", "x": 1},
        satisfaction=4,
        next_step="寄送产品说明书",
        follow_up_date=follow,
    )
    with seeded.store.read() as sess:
        t = sess.get_one(Touch, r.touch_id)
        assert t.touch_type == "campaign" and t.channel == "in_person" and t.task_id is not None
        assert t.summary == "【测试活动】有意向。客户想先看产品说明书"
        assert t.checklist[touches.IDENTITY] and t.checklist[touches.FEEDBACK] == "关注回撤"
        assert t.checklist["response"] == "interested" and t.checklist[touches.CONTENT] == "稳健理财"
        assert "x" not in t.checklist  # only the flow's own keys are taken from the form
        assert (t.satisfaction, t.next_step, t.follow_up_date) == (4, "寄送产品说明书", follow)
        follow_ups = sess.scalars(
            select(ServiceTask).where(ServiceTask.source == "follow_up", ServiceTask.due_date == follow)
        ).all()
        assert len(follow_ups) == 1
    assert not any(t.is_campaign for t in touches.open_tasks_for(seeded.store, seeded.im1, "001000", TODAY))
    # a response is not edited (a new answer is a new response); the refusal says what to do
    with pytest.raises(InvalidInput, match="crm campaign respond"):
        touches.edit_touch(seeded.store, seeded.im1, r.touch_id, expected_version=1, summary="改")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("50000", Decimal("50000.00")),
        ("1,234.5", Decimal("1234.50")),
        (" 0.01 ", Decimal("0.01")),
        ("", None),
    ],
)
def test_amounts_are_exact(written: str, expected: Decimal | None) -> None:
    assert campaigns.parse_amount(written) == expected


@pytest.mark.parametrize(
    ("written", "needle"),
    [
        ("50000.005", "两位小数"),
        ("abc", "不是数字"),
        ("0", "大于 0"),
        ("-5", "大于 0"),
        ("1e30", "太大"),
        ("NaN", "大于 0"),
    ],
)
def test_inexact_or_bad_amounts_are_refused(written: str, needle: str) -> None:
    with pytest.raises(InvalidInput, match=needle):
        campaigns.parse_amount(written)
