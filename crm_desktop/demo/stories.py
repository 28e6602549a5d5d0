"""Story clients: a few demo clients built on purpose so a trainer can show each feature by client number.

They exist in every demo of at least :data:`MIN_CLIENTS` clients, whatever the seed and as-of date, at the
same client numbers (the index below + 1, after the prefix 3108). docs/demo.md lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_CLIENTS = 100
CLIENT_NO_PREFIX = "3108"


@dataclass(frozen=True)
class Story:
    index: int  # position in the population (client number = prefix + index + 1)
    key: str
    zh: str
    en: str

    @property
    def client_no(self) -> str:
        return f"{CLIENT_NO_PREFIX}{self.index + 1:08d}"


CHURN_RESULTS = Story(
    20, "churn_results", "流失：交易亏损后资金转出", "Churn: moved money out after trading losses"
)
CHURN_PRICE = Story(
    21, "churn_price", "流失：嫌佣金高转到别家", "Churn: left for a cheaper commission elsewhere"
)
CHURN_SERVICE = Story(22, "churn_service", "流失：服务不到位", "Churn: poor service by a weak manager")
VIOLATION = Story(
    23, "violation", "适当性违规：超等级买入未警示", "Suitability violation: bought above level unwarned"
)
WARNED = Story(24, "warned", "已警示的超等级买入", "Warned exception: bought above level after a warning")
RED_FLAG = Story(
    25, "red_flag", "回访红旗：客户称经理代为下单", "Red-flag call-back: the manager traded for the client"
)
REASSIGNMENT = Story(26, "reassignment", "待审批的客户划转", "Reassignment waiting for approval")

# Transferred out by crm_desktop.demo.flow (account events) about three weeks ago, reason recorded.
LOST_RECORDED = Story(
    27, "lost_recorded", "已流失：流失原因已记录", "Lost client whose churn reason is recorded"
)
# A target of the running campaign whose call still waits in the manager's agenda (demo/campaigns.py).
CAMPAIGN = Story(28, "campaign", "进行中的营销活动目标客户", "Target of a campaign in progress")

STORIES = (
    CHURN_RESULTS,
    CHURN_PRICE,
    CHURN_SERVICE,
    VIOLATION,
    WARNED,
    RED_FLAG,
    REASSIGNMENT,
    LOST_RECORDED,
    CAMPAIGN,
)
CHURN_STORIES = (CHURN_RESULTS, CHURN_PRICE, CHURN_SERVICE)

# Retention-call summaries by churn reason (the touch generator uses them for the churn stories).
CHURN_SUMMARIES = {
    CHURN_RESULTS.key: "客户近期交易亏损较大，资金已大部分转出，表示暂停炒股。",
    CHURN_PRICE.key: "客户资金转出，致电了解原因：他行佣金万1免五，认为我们的费率偏高，已反馈营业部。",
    CHURN_SERVICE.key: "客户反映经理平时联系很少、有问题找不到人，资金已转出。",
}
REASSIGNMENT_COMMENT = "客户来电要求更换服务经理（希望由更有经验的经理服务）。"


def active(n_clients: int) -> tuple[Story, ...]:
    """The stories a demo of ``n_clients`` clients carries (none in a very small demo)."""
    return STORIES if n_clients >= MIN_CLIENTS else ()


__all__ = ["CAMPAIGN", "CHURN_STORIES", "CHURN_SUMMARIES", "LOST_RECORDED", "STORIES", "Story", "active"]
