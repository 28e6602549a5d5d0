"""The one catalogue of display names (zh_CN, en) for every word of the vocabulary.

Every layer reads it: the engine's reasons, the services' messages, the CLI, the Qt views and the
importer's hints. A new enumeration adds one table here (and one in :mod:`aliases`);
``tests/domain`` checks that every member has both names.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from crm_desktop import i18n
from crm_desktop.domain import callbacks_vocab as cb
from crm_desktop.domain import vocabulary as v

E = TypeVar("E", bound=StrEnum)
Pair = tuple[str, str]  # (zh_CN, en)

LABELS: dict[type[StrEnum], Mapping[str, Pair]] = {
    v.Role: {
        v.Role.INVESTMENT_MANAGER: ("投资经理", "investment manager"),
        v.Role.BRANCH_MANAGER: ("营业部负责人", "branch manager"),
        v.Role.ADMIN: ("管理员", "admin"),
        v.Role.CALLBACK_OFFICER: ("回访专员", "call-back officer"),
        v.Role.HEAD_OFFICE: ("总部", "head office"),
    },
    v.Qualification: {
        v.Qualification.SECURITIES_PRACTITIONER: ("证券从业资格", "securities practitioner"),
        v.Qualification.INVESTMENT_ADVISER: ("证券投资顾问", "investment adviser"),
        v.Qualification.FUND_PRACTITIONER: ("基金从业资格", "fund practitioner"),
        v.Qualification.FUTURES_PRACTITIONER: ("期货从业资格", "futures practitioner"),
        v.Qualification.CFA: ("CFA", "CFA"),
    },
    v.ClientType: {
        v.ClientType.INDIVIDUAL: ("个人", "individual"),
        v.ClientType.INSTITUTION: ("机构", "institution"),
    },
    v.ClientStatus: {
        v.ClientStatus.ACTIVE: ("正常", "active"),
        v.ClientStatus.DORMANT: ("休眠", "dormant"),
        v.ClientStatus.CLOSED: ("已销户", "closed"),
        v.ClientStatus.TRANSFERRED_OUT: ("已转出", "transferred out"),
    },
    v.RiskLevel: {
        v.RiskLevel.C1: ("C1 保守型", "C1 conservative"),
        v.RiskLevel.C2: ("C2 谨慎型", "C2 cautious"),
        v.RiskLevel.C3: ("C3 稳健型", "C3 balanced"),
        v.RiskLevel.C4: ("C4 积极型", "C4 growth"),
        v.RiskLevel.C5: ("C5 激进型", "C5 aggressive"),
    },
    v.Board: {
        v.Board.MAIN: ("主板", "Main board"),
        v.Board.CHINEXT: ("创业板", "ChiNext"),
        v.Board.STAR: ("科创板", "STAR Market"),
        v.Board.BSE: ("北交所", "Beijing SE"),
    },
    v.Side: {
        v.Side.BUY: ("买入", "buy"),
        v.Side.SELL: ("卖出", "sell"),
    },
    v.Grade: {
        v.Grade.V1: ("V1 普通", "V1 standard"),
        v.Grade.V2: ("V2 白银", "V2 silver"),
        v.Grade.V3: ("V3 黄金", "V3 gold"),
        v.Grade.V4: ("V4 白金", "V4 platinum"),
        v.Grade.V5: ("V5 钻石", "V5 diamond"),
    },
    v.Activity: {
        v.Activity.DORMANT: ("休眠", "dormant"),
        v.Activity.LOW: ("低活跃", "low"),
        v.Activity.ACTIVE: ("活跃", "active"),
        v.Activity.VERY_ACTIVE: ("非常活跃", "very active"),
    },
    v.ChurnRisk: {
        v.ChurnRisk.HIGH: ("高", "high"),
        v.ChurnRisk.MEDIUM: ("中", "medium"),
        v.ChurnRisk.LOW: ("低", "low"),
    },
    v.RiskStyle: {
        v.RiskStyle.AGGRESSIVE: ("激进型", "aggressive"),
        v.RiskStyle.BALANCED: ("稳健型", "balanced"),
        v.RiskStyle.CONSERVATIVE: ("保守型", "conservative"),
    },
    v.TradingAbility: {
        v.TradingAbility.SKILLED: ("较强", "skilled"),
        v.TradingAbility.AVERAGE: ("一般", "average"),
        v.TradingAbility.WEAK: ("较弱", "weak"),
        v.TradingAbility.INSUFFICIENT_DATA: ("数据不足", "insufficient data"),
    },
    v.Lifecycle: {
        v.Lifecycle.NEW: ("新开户", "new"),
        v.Lifecycle.DORMANT: ("休眠", "dormant"),
        v.Lifecycle.DECLINING: ("衰退", "declining"),
        v.Lifecycle.GROWING: ("成长", "growing"),
        v.Lifecycle.MATURE: ("成熟", "mature"),
    },
    v.Tier: {
        v.Tier.JUNIOR: ("初级", "junior"),
        v.Tier.INTERMEDIATE: ("中级", "intermediate"),
        v.Tier.SENIOR: ("资深", "senior"),
    },
    v.CapabilityComponent: {
        v.CapabilityComponent.RETENTION: ("客户保有率", "book retention"),
        v.CapabilityComponent.ON_TIME: ("任务按时完成率", "on-time task completion"),
        v.CapabilityComponent.SATISFACTION: ("客户满意度", "client satisfaction"),
        v.CapabilityComponent.ASSET_GROWTH: ("资产净增长", "net asset growth"),
        v.CapabilityComponent.QUALIFICATIONS: ("资格证书", "qualifications"),
        v.CapabilityComponent.EXPERIENCE: ("从业年限", "years of experience"),
    },
    v.TouchType: {
        v.TouchType.PHONE_CALL: ("电话回访", "phone call"),
        v.TouchType.VISIT: ("面访", "visit"),
        v.TouchType.REVIEW_LETTER: ("账户分析报告", "review letter"),
        v.TouchType.RISK_DISCLOSURE: ("风险揭示", "risk disclosure"),
        v.TouchType.RISK_REASSESSMENT: ("风险测评", "risk reassessment"),
        v.TouchType.RETENTION_CALL: ("挽留回访", "retention call"),
        v.TouchType.MESSAGE: ("消息", "message"),
        v.TouchType.GREETING: ("节日/生日问候", "greeting"),
        v.TouchType.COMPLAINT: ("投诉处理", "complaint handling"),
        v.TouchType.HANDOVER: ("客户移交", "handover"),
        v.TouchType.CAMPAIGN: ("营销活动联系", "campaign contact"),
    },
    v.Channel: {
        v.Channel.PHONE: ("电话", "phone"),
        v.Channel.IN_PERSON: ("面谈", "in person"),
        v.Channel.WECHAT: ("微信", "WeChat"),
        v.Channel.SMS: ("短信", "SMS"),
        v.Channel.EMAIL: ("电子邮件", "email"),
        v.Channel.MAIL: ("邮寄", "mail"),
        v.Channel.SYSTEM: ("系统", "system"),
    },
    v.TouchStatus: {
        v.TouchStatus.ACTIVE: ("当前", "current"),
        v.TouchStatus.CANCELLED: ("已作废", "cancelled"),
        v.TouchStatus.SUPERSEDED: ("已被新修订替代", "replaced by a newer revision"),
    },
    v.TaskSource: {
        v.TaskSource.RECURRING: ("周期服务", "recurring"),
        v.TaskSource.NEW_ACCOUNT: ("新开户回访", "new-account follow-up"),
        v.TaskSource.RISK_REASSESSMENT: ("风险测评到期", "risk reassessment due"),
        v.TaskSource.CHURN_HIGH: ("流失风险转高", "churn risk turned high"),
        v.TaskSource.MISMATCH: ("行为与测评不一致", "behaviour differs from the assessment"),
        v.TaskSource.GRADE_CHANGE: ("等级变化", "grade changed"),
        v.TaskSource.BIRTHDAY: ("生日问候", "birthday"),
        v.TaskSource.FOLLOW_UP: ("约定回访", "agreed follow-up"),
        v.TaskSource.SUITABILITY: ("适当性违规", "suitability violation"),
        v.TaskSource.CHURN_REASON: ("记录流失原因", "record why the client left"),
        v.TaskSource.WIN_BACK: ("二次营销", "win-back"),
        v.TaskSource.CAMPAIGN: ("营销活动", "campaign"),
    },
    v.TaskStatus: {
        v.TaskStatus.OPEN: ("待办", "open"),
        v.TaskStatus.DONE: ("已完成", "done"),
        v.TaskStatus.OVERDUE: ("逾期", "overdue"),
        v.TaskStatus.CANCELLED: ("已取消", "cancelled"),
    },
    v.ReassignReason: {
        v.ReassignReason.DEPARTURE: ("经理离职", "manager departure"),
        v.ReassignReason.CLIENT_REQUEST: ("客户要求", "client request"),
        v.ReassignReason.CAPABILITY: ("能力匹配", "capability matching"),
        v.ReassignReason.WORKLOAD: ("工作量平衡", "workload balancing"),
        v.ReassignReason.OTHER: ("其他", "other"),
    },
    v.RequestStatus: {
        v.RequestStatus.PENDING: ("待审批", "pending"),
        v.RequestStatus.APPROVED: ("已批准", "approved"),
        v.RequestStatus.REJECTED: ("已驳回", "rejected"),
        v.RequestStatus.WITHDRAWN: ("已撤回", "withdrawn"),
    },
    v.SuggestionKind: {
        v.SuggestionKind.GRADE_MISMATCH: ("等级高于经理能力", "grade above capability"),
        v.SuggestionKind.OVER_CAPACITY: ("超出容量", "over capacity"),
    },
    v.SuggestionStatus: {
        v.SuggestionStatus.OPEN: ("待处理", "open"),
        v.SuggestionStatus.ACCEPTED: ("已采纳", "accepted"),
        v.SuggestionStatus.DISMISSED: ("已忽略", "dismissed"),
    },
    v.ImportKind: {
        v.ImportKind.STAFF: ("员工", "staff"),
        v.ImportKind.CLIENTS: ("客户", "clients"),
        v.ImportKind.SECURITIES: ("证券", "securities"),
        v.ImportKind.ASSETS: ("资产", "assets"),
        v.ImportKind.TRADES: ("成交", "trades"),
        v.ImportKind.HOLDINGS: ("持仓", "holdings"),
        v.ImportKind.PRODUCTS: ("产品", "products"),
        v.ImportKind.RISK_PROFILES: ("风险测评", "risk profiles"),
        v.ImportKind.PERMISSIONS: ("交易权限", "trading permissions"),
        v.ImportKind.WARNINGS: ("特别风险警示", "risk warnings"),
        v.ImportKind.ACCOUNT_EVENTS: ("账户事件", "account events"),
    },
    v.ImportStatus: {
        v.ImportStatus.COMMITTED: ("已导入", "imported"),
        v.ImportStatus.DRY_RUN: ("仅校验", "checked only"),
        v.ImportStatus.REJECTED: ("已拒绝", "rejected"),
        v.ImportStatus.CANCELLED: ("已取消", "cancelled"),
    },
}

# The call-back and complaint records (issue #15).
LABELS.update(
    {
        cb.CallbackReason: {
            cb.CallbackReason.NEW_ACCOUNT: ("新开户回访", "new account"),
            cb.CallbackReason.SAMPLE: ("年度抽样回访", "yearly sample"),
            cb.CallbackReason.DEPARTURE: ("离职移交回访", "departure handover"),
            cb.CallbackReason.REASSIGNMENT: ("划转后回访", "reassignment"),
            cb.CallbackReason.COMPLAINT: ("投诉处理后回访", "after a complaint"),
        },
        cb.CallbackStatus: {
            cb.CallbackStatus.OPEN: ("待回访", "open"),
            cb.CallbackStatus.DONE: ("已完成", "done"),
        },
        cb.CallbackOutcome: {
            cb.CallbackOutcome.REACHED: ("已接通", "reached"),
            cb.CallbackOutcome.UNREACHABLE: ("未接通", "unreachable"),
            cb.CallbackOutcome.REFUSED: ("拒绝回访", "refused"),
        },
        cb.AnswerType: {
            cb.AnswerType.YES_NO: ("是/否", "yes/no"),
            cb.AnswerType.SCALE: ("1–5 分", "1 to 5"),
            cb.AnswerType.TEXT: ("文字", "text"),
        },
        cb.Question: {
            cb.Question.IDENTITY: ("身份核实", "identity confirmed"),
            cb.Question.KNOWS_ACCOUNT_CHANGES: ("知悉账户变动", "knows of account changes"),
            cb.Question.PROXY_TRADING: ("代客操作", "manager trades for the client"),
            cb.Question.FULL_MANDATE: ("全权委托（交出账户密码）", "account and password handed over"),
            cb.Question.PROMISED_RETURNS: ("承诺收益", "returns promised"),
            cb.Question.RISK_DISCLOSED: ("已揭示风险", "risks disclosed"),
            cb.Question.SATISFACTION: ("满意度", "satisfaction"),
            cb.Question.COMMENT: ("客户意见", "client's comment"),
        },
        cb.AlertKind: {
            cb.AlertKind.PROXY_TRADING: ("疑似代客操作", "possible proxy trading"),
            cb.AlertKind.FULL_MANDATE: ("疑似全权委托", "possible full mandate"),
            cb.AlertKind.PROMISED_RETURNS: ("疑似承诺收益", "possible promised returns"),
            cb.AlertKind.RISK_NOT_DISCLOSED: ("未揭示风险", "risks not disclosed"),
        },
        cb.AlertStatus: {
            cb.AlertStatus.OPEN: ("待处理", "open"),
            cb.AlertStatus.INVESTIGATING: ("调查中", "investigating"),
            cb.AlertStatus.CLOSED: ("已结案", "closed"),
        },
        cb.ComplaintChannel: {
            cb.ComplaintChannel.PHONE: ("电话", "phone"),
            cb.ComplaintChannel.VISIT: ("来访", "visit"),
            cb.ComplaintChannel.LETTER: ("信函", "letter"),
            cb.ComplaintChannel.ONLINE: ("网络", "online"),
            cb.ComplaintChannel.REGULATOR_REFERRAL: ("监管转办", "regulator referral"),
        },
        cb.ComplaintCategory: {
            cb.ComplaintCategory.SERVICE: ("服务", "service"),
            cb.ComplaintCategory.TRADING: ("交易", "trading"),
            cb.ComplaintCategory.FEES: ("收费", "fees"),
            cb.ComplaintCategory.SYSTEM: ("系统", "system"),
            cb.ComplaintCategory.MISCONDUCT: ("违规行为", "misconduct"),
            cb.ComplaintCategory.OTHER: ("其他", "other"),
        },
        cb.ComplaintStatus: {
            cb.ComplaintStatus.OPEN: ("待分派", "open"),
            cb.ComplaintStatus.ASSIGNED: ("处理中", "assigned"),
            cb.ComplaintStatus.ESCALATED: ("已升级", "escalated"),
            cb.ComplaintStatus.RESOLVED: ("已办结", "resolved"),
        },
    }
)

# Investor suitability (投资者适当性).
LABELS.update(
    {
        v.ProductType: {
            v.ProductType.STOCK: ("股票", "stock"),
            v.ProductType.FUND: ("基金", "fund"),
            v.ProductType.BOND: ("债券", "bond"),
            v.ProductType.WEALTH: ("理财", "wealth product"),
            v.ProductType.ADVISORY: ("投顾", "advisory service"),
            v.ProductType.OTHER: ("其他", "other"),
        },
        v.ProductRating: {
            v.ProductRating.R1: ("R1 低风险", "R1 low"),
            v.ProductRating.R2: ("R2 中低风险", "R2 medium-low"),
            v.ProductRating.R3: ("R3 中风险", "R3 medium"),
            v.ProductRating.R4: ("R4 中高风险", "R4 medium-high"),
            v.ProductRating.R5: ("R5 高风险", "R5 high"),
        },
        v.InvestorClass: {
            v.InvestorClass.ORDINARY: ("普通投资者", "ordinary investor"),
            v.InvestorClass.PROFESSIONAL: ("专业投资者", "professional investor"),
        },
        v.Permission: {
            v.Permission.CHINEXT: ("创业板", "ChiNext"),
            v.Permission.STAR: ("科创板", "STAR Market"),
            v.Permission.BSE: ("北交所", "Beijing SE"),
            v.Permission.HK_CONNECT: ("港股通", "HK Stock Connect"),
            v.Permission.MARGIN: ("融资融券", "margin trading"),
            v.Permission.OPTIONS: ("期权", "options"),
        },
        v.FindingKind: {
            v.FindingKind.OVER_LEVEL: ("产品风险高于客户等级", "product above the client's level"),
            v.FindingKind.LOWEST_CATEGORY: ("最低类别客户买入R1以上产品", "lowest-category client above R1"),
            v.FindingKind.NO_PERMISSION: ("未开通交易权限", "no trading permission"),
            v.FindingKind.ASSESSMENT_EXPIRED: ("风险测评已过期", "assessment expired"),
            v.FindingKind.BEHAVIOUR_INCONSISTENT: (
                "行为与测评不一致",
                "behaviour differs from the assessment",
            ),
        },
        v.WarningChannel: {
            v.WarningChannel.IN_PERSON: ("临柜面签", "in person, signed"),
            v.WarningChannel.PHONE_RECORDED: ("电话录音", "recorded phone call"),
            v.WarningChannel.ONLINE: ("线上电子留痕", "online, electronic trace"),
            v.WarningChannel.PAPER: ("纸质确认书", "signed paper form"),
        },
        v.WarningSubject: {
            v.WarningSubject.PRODUCT: ("产品", "product"),
            v.WarningSubject.PERMISSION: ("权限", "permission"),
        },
        v.CampaignObjective: {
            v.CampaignObjective.SUBSCRIBE: ("促认购", "subscribe"),
            v.CampaignObjective.RETAIN: ("挽留", "retain"),
            v.CampaignObjective.ACTIVATE: ("激活", "activate"),
            v.CampaignObjective.EDUCATE: ("投资者教育", "educate"),
        },
        v.CampaignStatus: {
            v.CampaignStatus.DRAFT: ("未启动", "not launched"),
            v.CampaignStatus.LAUNCHED: ("进行中", "running"),
            v.CampaignStatus.FINISHED: ("已结束", "finished"),
        },
        v.TargetStatus: {
            v.TargetStatus.TARGETED: ("目标客户", "targeted"),
            v.TargetStatus.CLOSED: ("已销户", "closed account"),
            v.TargetStatus.OPTED_OUT: ("拒绝营销", "opted out of marketing"),
            v.TargetStatus.UNSUITABLE: ("产品不适当", "product unsuitable"),
            v.TargetStatus.CONTACT_CAP: ("超过联系上限", "over the contact cap"),
        },
        v.CampaignResponse: {
            v.CampaignResponse.INTERESTED: ("有意向", "interested"),
            v.CampaignResponse.SUBSCRIBED: ("已认购", "subscribed"),
            v.CampaignResponse.DECLINED: ("谢绝", "declined"),
            v.CampaignResponse.NOT_REACHED: ("未联系上", "not reached"),
        },
        v.ConsentSource: {
            v.ConsentSource.IMPORT: ("导入", "import"),
            v.ConsentSource.STAFF: ("员工录入", "entered by staff"),
        },
        v.PushKind: {
            v.PushKind.NEW_LISTING: ("新股/新品上市", "new listing"),
            v.PushKind.RESEARCH: ("研究报告", "research"),
            v.PushKind.MARKET_NOTICE: ("市场提示", "market notice"),
        },
    }
)

# Client flow, churn reasons, relationships (issue #17).
LABELS.update(
    {
        v.AccountEvent: {
            v.AccountEvent.OPENED: ("开户", "opened"),
            v.AccountEvent.CLOSED: ("销户", "closed"),
            v.AccountEvent.TRANSFERRED_OUT: ("转出", "transferred out"),
            v.AccountEvent.TRANSFERRED_IN: ("转入", "transferred in"),
            v.AccountEvent.BANK_CHANGED: ("三方存管变更", "custody bank changed"),
            v.AccountEvent.DORMANT: ("休眠", "dormant"),
            v.AccountEvent.REACTIVATED: ("激活", "reactivated"),
        },
        v.ChurnReason: {
            v.ChurnReason.TRADING_RESULTS: ("交易结果不佳", "poor trading results"),
            v.ChurnReason.PRICE_OR_SERVICE_ELSEWHERE: (
                "他处佣金更低或服务更好",
                "cheaper price or better service elsewhere",
            ),
            v.ChurnReason.SERVICE_HERE: ("本处服务不佳", "poor service here"),
            v.ChurnReason.PERSONAL: ("个人原因", "personal reasons"),
            v.ChurnReason.OTHER: ("其他", "other"),
        },
        v.RetentionAnswer: {
            v.RetentionAnswer.REVIEW_AND_ADVICE: (
                "寄送账户分析报告并约投资咨询",
                "account review letter and an advice session",
            ),
            v.RetentionAnswer.COMMISSION_REVIEW: ("申请佣金费率复核", "commission-rate review request"),
            v.RetentionAnswer.SERVICE_RECOVERY: (
                "营业部负责人服务补救回访",
                "service-recovery call by the branch manager",
            ),
        },
        v.FlowRequestKind: {
            v.FlowRequestKind.RELATIONSHIP: ("开发/服务关系变更", "developer/servicer change"),
            v.FlowRequestKind.COMMISSION_REVIEW: ("佣金费率复核", "commission-rate review"),
        },
    }
)

# A first assignment has its own words; a move reads like the reassignment that made it.
LABELS[v.AssignmentReason] = {
    v.AssignmentReason.INITIAL: ("开户", "account opened"),
    v.AssignmentReason.IMPORT: ("导入", "imported"),
    **{v.AssignmentReason(r.value): LABELS[v.ReassignReason][r] for r in v.ReassignReason},
}


def _is_en(lang: str | None) -> bool:
    chosen = i18n.language() if lang is None else i18n.normalize(lang)
    return chosen == i18n.EN


def pair(member: StrEnum) -> Pair:
    """Both names of a member, ``(zh_CN, en)``."""
    return LABELS[type(member)][member]


def label(member: StrEnum, lang: str | None = None) -> str:
    """The display name of a member in ``lang`` (default: the current UI language)."""
    zh, en = pair(member)
    return en if _is_en(lang) else zh


def label_of(enum: type[StrEnum], value: object, lang: str | None = None) -> str:
    """The display name of a stored code; a code the catalogue does not know is shown as it is.

    Stored rows may hold a code written by a newer version: showing it beats hiding the row.
    """
    if value is None:
        return ""
    names = LABELS.get(enum, {}).get(str(value))
    if names is None:
        return str(value)
    return names[1] if _is_en(lang) else names[0]


def choices(enum: type[E], lang: str | None = None) -> list[tuple[E, str]]:
    """``(member, name)`` in display order, for combo boxes and hints."""
    return [(m, label(m, lang)) for m in enum]
