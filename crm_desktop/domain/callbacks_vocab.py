"""Words of the call-back (回访) and complaint (投诉) records: one enum per coded column, one label table each.

Shaped like the domain label catalogue (an enum plus a ``{member: (zh, en)}`` table) so that the
tables can be folded into it as they are; ``label`` picks the current language.
"""

from __future__ import annotations

from enum import StrEnum

from crm_desktop.i18n import tr


class CallbackRole(StrEnum):
    """The role this feature adds beside investment manager, branch manager and admin."""

    CALLBACK_OFFICER = "callback_officer"


class CallbackReason(StrEnum):
    """Why a client is in the call-back pool (the export's ``reason`` codes)."""

    NEW_ACCOUNT = "new_account"
    SAMPLE = "sample"
    DEPARTURE = "departure"
    REASSIGNMENT = "reassignment"
    COMPLAINT = "complaint"


class CallbackStatus(StrEnum):
    OPEN = "open"
    DONE = "done"


class CallbackOutcome(StrEnum):
    REACHED = "reached"
    UNREACHABLE = "unreachable"
    REFUSED = "refused"


class AnswerType(StrEnum):
    """How a scripted question is answered (the script config names one per question)."""

    YES_NO = "yes_no"
    SCALE = "scale_1_5"
    TEXT = "text"


class Question(StrEnum):
    """The default script's question codes; a branch may add its own codes in the config."""

    IDENTITY = "identity"
    KNOWS_ACCOUNT_CHANGES = "knows_account_changes"
    PROXY_TRADING = "proxy_trading"
    FULL_MANDATE = "full_mandate"
    PROMISED_RETURNS = "promised_returns"
    RISK_DISCLOSED = "risk_disclosed"
    SATISFACTION = "satisfaction"
    COMMENT = "comment"


class AlertKind(StrEnum):
    """A red-flag answer; each opens its own alert case."""

    PROXY_TRADING = "proxy_trading"
    FULL_MANDATE = "full_mandate"
    PROMISED_RETURNS = "promised_returns"
    RISK_NOT_DISCLOSED = "risk_not_disclosed"


class AlertStatus(StrEnum):
    OPEN = "open"
    INVESTIGATING = "investigating"
    CLOSED = "closed"


class ComplaintChannel(StrEnum):
    PHONE = "phone"
    VISIT = "visit"
    LETTER = "letter"
    ONLINE = "online"
    REGULATOR_REFERRAL = "regulator_referral"


class ComplaintCategory(StrEnum):
    SERVICE = "service"
    TRADING = "trading"
    FEES = "fees"
    SYSTEM = "system"
    MISCONDUCT = "misconduct"
    OTHER = "other"


class ComplaintStatus(StrEnum):
    OPEN = "open"  # registered, no handler yet
    ASSIGNED = "assigned"
    ESCALATED = "escalated"
    RESOLVED = "resolved"


# One table per enum: members of different enums may share a code (open, phone…), so a table is
# looked up by its enum first.
LABELS: dict[type[StrEnum], dict[str, tuple[str, str]]] = {
    CallbackRole: {
        CallbackRole.CALLBACK_OFFICER: ("回访专员", "call-back officer"),
    },
    CallbackReason: {
        CallbackReason.NEW_ACCOUNT: ("新开户回访", "new account"),
        CallbackReason.SAMPLE: ("年度抽样回访", "yearly sample"),
        CallbackReason.DEPARTURE: ("离职移交回访", "departure handover"),
        CallbackReason.REASSIGNMENT: ("划转后回访", "reassignment"),
        CallbackReason.COMPLAINT: ("投诉处理后回访", "after a complaint"),
    },
    CallbackStatus: {
        CallbackStatus.OPEN: ("待回访", "open"),
        CallbackStatus.DONE: ("已完成", "done"),
    },
    CallbackOutcome: {
        CallbackOutcome.REACHED: ("已接通", "reached"),
        CallbackOutcome.UNREACHABLE: ("未接通", "unreachable"),
        CallbackOutcome.REFUSED: ("拒绝回访", "refused"),
    },
    AnswerType: {
        AnswerType.YES_NO: ("是/否", "yes/no"),
        AnswerType.SCALE: ("1–5 分", "1 to 5"),
        AnswerType.TEXT: ("文字", "text"),
    },
    Question: {
        Question.IDENTITY: ("身份核实", "identity confirmed"),
        Question.KNOWS_ACCOUNT_CHANGES: ("知悉账户变动", "knows of account changes"),
        Question.PROXY_TRADING: ("代客操作", "manager trades for the client"),
        Question.FULL_MANDATE: ("全权委托（交出账户密码）", "account and password handed over"),
        Question.PROMISED_RETURNS: ("承诺收益", "returns promised"),
        Question.RISK_DISCLOSED: ("已揭示风险", "risks disclosed"),
        Question.SATISFACTION: ("满意度", "satisfaction"),
        Question.COMMENT: ("客户意见", "client's comment"),
    },
    AlertKind: {
        AlertKind.PROXY_TRADING: ("疑似代客操作", "possible proxy trading"),
        AlertKind.FULL_MANDATE: ("疑似全权委托", "possible full mandate"),
        AlertKind.PROMISED_RETURNS: ("疑似承诺收益", "possible promised returns"),
        AlertKind.RISK_NOT_DISCLOSED: ("未揭示风险", "risks not disclosed"),
    },
    AlertStatus: {
        AlertStatus.OPEN: ("待处理", "open"),
        AlertStatus.INVESTIGATING: ("调查中", "investigating"),
        AlertStatus.CLOSED: ("已结案", "closed"),
    },
    ComplaintChannel: {
        ComplaintChannel.PHONE: ("电话", "phone"),
        ComplaintChannel.VISIT: ("来访", "visit"),
        ComplaintChannel.LETTER: ("信函", "letter"),
        ComplaintChannel.ONLINE: ("网络", "online"),
        ComplaintChannel.REGULATOR_REFERRAL: ("监管转办", "regulator referral"),
    },
    ComplaintCategory: {
        ComplaintCategory.SERVICE: ("服务", "service"),
        ComplaintCategory.TRADING: ("交易", "trading"),
        ComplaintCategory.FEES: ("收费", "fees"),
        ComplaintCategory.SYSTEM: ("系统", "system"),
        ComplaintCategory.MISCONDUCT: ("违规行为", "misconduct"),
        ComplaintCategory.OTHER: ("其他", "other"),
    },
    ComplaintStatus: {
        ComplaintStatus.OPEN: ("待分派", "open"),
        ComplaintStatus.ASSIGNED: ("处理中", "assigned"),
        ComplaintStatus.ESCALATED: ("已升级", "escalated"),
        ComplaintStatus.RESOLVED: ("已办结", "resolved"),
    },
}

ENUMS: tuple[type[StrEnum], ...] = (
    CallbackRole, CallbackReason, CallbackStatus, CallbackOutcome, AnswerType, Question, AlertKind, AlertStatus,
    ComplaintChannel, ComplaintCategory, ComplaintStatus,
)


def label(member: StrEnum) -> str:
    """The member's label in the current language (the code itself for an unknown member)."""
    pair = LABELS.get(type(member), {}).get(member.value)
    return tr(*pair) if pair else str(member.value)


def label_of(enum: type[StrEnum], code: str) -> str:
    """Label for a stored code; a code the enum does not know is shown as it is."""
    try:
        return label(enum(code))
    except ValueError:
        return code


def codes(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(m.value for m in enum)
