"""Segments on both backends: the SQL filter agrees with the pure evaluator, visibility, saving."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from crm_desktop.db.models import AuditLog
from crm_desktop.domain import segments as seg
from crm_desktop.errors import InvalidInput, NotFound, PermissionDenied
from crm_desktop.services import segments
from tests.factories import Seed
from tests.fixed_clock import TODAY
from tests.services.campaign_data import RISK, SCORES, seed_campaign_branch

FILTERS = [
    "",
    "grade>=V3;churn=high;risk>=C3",
    "grade>=V4",
    "churn>=medium",
    "lifecycle=new,growing",
    "activity!=dormant",
    "risk<=C2",
    "class=professional",
    "class=ordinary",
    "assets>=50万",
    "commission<1000",
    "value>59.5",
    "industry=银行",
    "industry!=银行",
    "holds=600000",
    "holds!=600000",
    "new_listing=yes",
    "manager=im2",
    "manager!=im2;grade=V5",
]


def _rows(ids: dict[str, int]) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for no, (grade, value, churn, life, act, assets, comm, ind, nl) in SCORES.items():
        out[no] = {
            "grade": grade,
            "value": value,
            "churn": churn,
            "lifecycle": life,
            "activity": act,
            "risk": RISK[no],
            "class": "professional" if no == "001004" else "ordinary",
            "assets": assets,
            "commission": comm,
            "industry": ind,
            "holds": {"600000"} if no == "001000" else set(),
            "new_listing": nl,
            "manager": "im2" if no in ("001004", "001005") else "im1",
        }
    return out


def test_sql_filter_agrees_with_the_rule(seeded: Seed) -> None:
    ids = seed_campaign_branch(seeded)
    rows = _rows(ids)
    for text in FILTERS:
        conditions = seg.parse(text)
        expected = sorted(ids[no] for no, row in rows.items() if seg.matches(conditions, row))
        with seeded.store.read() as s:
            got = segments.client_ids_in_session(s, seeded.bm, text, TODAY)
        assert got == expected, text
        assert segments.count(seeded.store, seeded.bm, text) == len(expected), text
    assert 0 < segments.count(seeded.store, seeded.bm, "churn=high") < len(ids)


def test_investment_manager_counts_only_their_book(seeded: Seed) -> None:
    seed_campaign_branch(seeded)
    assert segments.count(seeded.store, seeded.bm, "churn=high") == 5
    assert segments.count(seeded.store, seeded.im1, "churn=high") == 4
    assert segments.count(seeded.store, seeded.im2, "churn=high") == 1
    with pytest.raises(PermissionDenied):
        segments.count(seeded.store, seeded.admin, "")
    assert segments.may_use(seeded.bm) and segments.may_use(seeded.im2) and not segments.may_use(seeded.admin)


def test_preview_counts_the_lost_accounts_among_the_matches(seeded: Seed) -> None:
    """The client book hides closed accounts; the editor says how many of a segment's clients are such."""
    seed_campaign_branch(seeded)  # 001010 (V4, high churn, im1) is closed
    p = segments.preview(seeded.store, seeded.bm, "churn=high")
    assert (p.count, p.lost, p.active) == (5, 1, 4)
    assert p.count == segments.count(seeded.store, seeded.bm, "churn=high")
    assert segments.preview(seeded.store, seeded.im2, "churn=high") == segments.Preview(1, 0)
    assert segments.preview(seeded.store, seeded.bm, "grade=V1;churn=high") == segments.Preview(0, 0)
    with pytest.raises(PermissionDenied):
        segments.preview(seeded.store, seeded.admin, "")
    with pytest.raises(InvalidInput):
        segments.preview(seeded.store, seeded.bm, "grade>>V3")


def test_save_replace_and_find(seeded: Seed) -> None:
    seed_campaign_branch(seeded)
    saved = segments.save(seeded.store, seeded.bm, "高流失", " churn = HIGH ; grade>=v3")
    assert saved.filter_text == "churn=high;grade>=V3"
    again = segments.save(seeded.store, seeded.bm, "高流失", "churn=high")
    assert again.id == saved.id and again.filter_text == "churn=high"
    segments.save(seeded.store, seeded.im1, "我的", "grade=V5")
    with seeded.store.read() as s:
        # a branch manager's segment is shared with the branch; an investment manager's is their own
        assert segments.find_in_session(s, seeded.im1, "高流失").filter_text == "churn=high"
        with pytest.raises(NotFound):
            segments.find_in_session(s, seeded.im2, "我的")
        actions = s.scalars(select(AuditLog.action).where(AuditLog.action == "segment.save")).all()
    assert len(actions) == 3
    assert [x.name for x in segments.list_segments(seeded.store, seeded.im1)] == ["我的", "高流失"]


def test_bad_filter_is_refused_before_saving(seeded: Seed) -> None:
    with pytest.raises(InvalidInput, match="colour"):
        segments.save(seeded.store, seeded.bm, "x", "colour=red")
    assert segments.list_segments(seeded.store, seeded.bm) == []
