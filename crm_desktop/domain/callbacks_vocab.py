"""Words of the call-back (回访) and complaint (投诉) records: one enum per coded column.

Their names (zh_CN, en) are in the one catalogue, :mod:`crm_desktop.domain.labels`; the role this
feature adds (``callback_officer``) is a member of :class:`crm_desktop.domain.vocabulary.Role`.
"""

from __future__ import annotations

from enum import StrEnum


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


ENUMS: tuple[type[StrEnum], ...] = (
    CallbackReason,
    CallbackStatus,
    CallbackOutcome,
    AnswerType,
    Question,
    AlertKind,
    AlertStatus,
    ComplaintChannel,
    ComplaintCategory,
    ComplaintStatus,
)


def codes(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(m.value for m in enum)
