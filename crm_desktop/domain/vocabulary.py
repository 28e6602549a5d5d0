"""Every coded word of the domain, as stored in the coded columns and exchanged between layers.

The values are the stored codes (plain text, so exports and SQL stay readable). Labels live in
:mod:`crm_desktop.domain.labels`, import aliases in :mod:`crm_desktop.domain.aliases`; the CHECK
constraints of the schema are generated from these classes, so a new member needs a migration.
Member order is the display order (combo boxes, legends), except where a comment says otherwise.
"""

from __future__ import annotations

import re
from enum import StrEnum

from crm_desktop.domain.callbacks_vocab import ENUMS as CALLBACK_WORDS


class Role(StrEnum):
    INVESTMENT_MANAGER = "investment_manager"
    BRANCH_MANAGER = "branch_manager"
    ADMIN = "admin"
    # Calls clients back independently of the people who market to or serve them (issue #15).
    CALLBACK_OFFICER = "callback_officer"
    # Head office (总部, issue #21): reads every branch's figures, writes nothing client-level; belongs to no branch.
    HEAD_OFFICE = "head_office"


class Qualification(StrEnum):
    SECURITIES_PRACTITIONER = "securities_practitioner"
    INVESTMENT_ADVISER = "investment_adviser"
    FUND_PRACTITIONER = "fund_practitioner"
    FUTURES_PRACTITIONER = "futures_practitioner"
    CFA = "cfa"


class ClientType(StrEnum):
    INDIVIDUAL = "individual"
    INSTITUTION = "institution"


class ClientStatus(StrEnum):
    """The account status (账户状态)."""

    ACTIVE = "active"
    DORMANT = "dormant"
    CLOSED = "closed"
    # Moved to another broker (转托管转出 / 撤销指定): kept in the store, out of the active book (issue #17).
    TRANSFERRED_OUT = "transferred_out"


# A lost client stays in the store (history, letters, performance) but leaves the active book.
LOST_STATUSES: tuple[str, ...] = (ClientStatus.CLOSED.value, ClientStatus.TRANSFERRED_OUT.value)


class RiskLevel(StrEnum):
    """The client's declared risk tolerance, lowest first."""

    C1 = "C1"
    C2 = "C2"
    C3 = "C3"
    C4 = "C4"
    C5 = "C5"


class Board(StrEnum):
    MAIN = "main"
    CHINEXT = "chinext"
    STAR = "star"
    BSE = "bse"


class Side(StrEnum):
    BUY = "buy"
    SELL = "sell"


class Grade(StrEnum):
    """Client value grade from the scoring engine, lowest first (V5 is the most valuable)."""

    V1 = "V1"
    V2 = "V2"
    V3 = "V3"
    V4 = "V4"
    V5 = "V5"


class Activity(StrEnum):
    DORMANT = "dormant"
    LOW = "low"
    ACTIVE = "active"
    VERY_ACTIVE = "very_active"


class ChurnRisk(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class RiskStyle(StrEnum):
    """The risk the client's trading shows (compared with the declared RiskLevel for suitability)."""

    AGGRESSIVE = "aggressive"
    BALANCED = "balanced"
    CONSERVATIVE = "conservative"


class TradingAbility(StrEnum):
    SKILLED = "skilled"
    AVERAGE = "average"
    WEAK = "weak"
    INSUFFICIENT_DATA = "insufficient_data"


class Lifecycle(StrEnum):
    NEW = "new"
    DORMANT = "dormant"
    DECLINING = "declining"
    GROWING = "growing"
    MATURE = "mature"


class Tier(StrEnum):
    """Manager capability tier, lowest first."""

    JUNIOR = "junior"
    INTERMEDIATE = "intermediate"
    SENIOR = "senior"


class CapabilityComponent(StrEnum):
    """The parts of a manager's capability score."""

    RETENTION = "retention"
    ON_TIME = "on_time"
    SATISFACTION = "satisfaction"
    ASSET_GROWTH = "asset_growth"
    QUALIFICATIONS = "qualifications"
    EXPERIENCE = "experience"


class TouchType(StrEnum):
    """Kinds of service contact; a task's type is the touch that closes it."""

    PHONE_CALL = "phone_call"
    VISIT = "visit"
    REVIEW_LETTER = "review_letter"
    RISK_DISCLOSURE = "risk_disclosure"
    RISK_REASSESSMENT = "risk_reassessment"
    RETENTION_CALL = "retention_call"
    MESSAGE = "message"
    GREETING = "greeting"
    COMPLAINT = "complaint"
    HANDOVER = "handover"
    # A campaign contact (营销活动联系): the manager offers the campaign's product or service.
    CAMPAIGN = "campaign"


# One name for one thing: a task type is a touch type.
TaskType = TouchType


class Channel(StrEnum):
    PHONE = "phone"
    IN_PERSON = "in_person"
    WECHAT = "wechat"
    SMS = "sms"
    EMAIL = "email"
    MAIL = "mail"
    SYSTEM = "system"


class TouchStatus(StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"
    SUPERSEDED = "superseded"


class TaskSource(StrEnum):
    """What made a task: the plan's cycle, an event, or a follow-up date set on a touch."""

    RECURRING = "recurring"
    NEW_ACCOUNT = "new_account"
    RISK_REASSESSMENT = "risk_reassessment"
    CHURN_HIGH = "churn_high"
    MISMATCH = "mismatch"
    GRADE_CHANGE = "grade_change"
    BIRTHDAY = "birthday"
    FOLLOW_UP = "follow_up"
    SUITABILITY = "suitability"
    # issue #17: record why a lost client left, and win them back (二次营销)
    CHURN_REASON = "churn_reason"
    WIN_BACK = "win_back"
    CAMPAIGN = "campaign"


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    OVERDUE = "overdue"
    CANCELLED = "cancelled"


class ReassignReason(StrEnum):
    DEPARTURE = "departure"
    CLIENT_REQUEST = "client_request"
    CAPABILITY = "capability"
    WORKLOAD = "workload"
    OTHER = "other"


class AssignmentReason(StrEnum):
    """Why a client's manager changed in the assignment history: a reassignment reason or a first assignment."""

    INITIAL = "initial"
    IMPORT = "import"
    DEPARTURE = "departure"
    CLIENT_REQUEST = "client_request"
    CAPABILITY = "capability"
    WORKLOAD = "workload"
    OTHER = "other"


class RequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class SuggestionKind(StrEnum):
    GRADE_MISMATCH = "grade_mismatch"
    OVER_CAPACITY = "over_capacity"


class SuggestionStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"


class ImportKind(StrEnum):
    STAFF = "staff"
    CLIENTS = "clients"
    SECURITIES = "securities"
    ASSETS = "assets"
    TRADES = "trades"
    HOLDINGS = "holdings"
    PRODUCTS = "products"
    RISK_PROFILES = "risk-profiles"
    PERMISSIONS = "permissions"
    WARNINGS = "warnings"
    ACCOUNT_EVENTS = "account-events"


class ImportStatus(StrEnum):
    COMMITTED = "committed"
    DRY_RUN = "dry_run"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


# ---------------------------------------------------------------- investor suitability (投资者适当性)


class ProductType(StrEnum):
    STOCK = "stock"
    FUND = "fund"
    BOND = "bond"
    WEALTH = "wealth"
    ADVISORY = "advisory"
    OTHER = "other"


class ProductRating(StrEnum):
    """A product's or service's risk rating; matches the investor's level of the same number."""

    R1 = "R1"
    R2 = "R2"
    R3 = "R3"
    R4 = "R4"
    R5 = "R5"


class InvestorClass(StrEnum):
    ORDINARY = "ordinary"
    PROFESSIONAL = "professional"


class Permission(StrEnum):
    CHINEXT = "chinext"
    STAR = "star"
    BSE = "bse"
    HK_CONNECT = "hk_connect"
    MARGIN = "margin"
    OPTIONS = "options"


class FindingKind(StrEnum):
    """What the suitability check reports. The first four are violations; the last is a hint only."""

    OVER_LEVEL = "over_level"
    LOWEST_CATEGORY = "lowest_category"
    NO_PERMISSION = "no_permission"
    ASSESSMENT_EXPIRED = "assessment_expired"
    BEHAVIOUR_INCONSISTENT = "behaviour_inconsistent"


class WarningChannel(StrEnum):
    """How a special risk warning (特别风险警示) was confirmed; each leaves its own kind of evidence."""

    IN_PERSON = "in_person"
    PHONE_RECORDED = "phone_recorded"
    ONLINE = "online"
    PAPER = "paper"


class WarningSubject(StrEnum):
    PRODUCT = "product"
    PERMISSION = "permission"


# ---------------------------------------------------------------- client flow and performance (issue #17)


class AccountEvent(StrEnum):
    """What the back office reports about an account (账户事件)."""

    OPENED = "opened"
    CLOSED = "closed"
    TRANSFERRED_OUT = "transferred_out"
    TRANSFERRED_IN = "transferred_in"
    BANK_CHANGED = "bank_changed"
    DORMANT = "dormant"
    REACTIVATED = "reactivated"


class ChurnReason(StrEnum):
    """Why a client left: the studies' three reasons, then personal reasons and other."""

    TRADING_RESULTS = "trading_results"
    PRICE_OR_SERVICE_ELSEWHERE = "price_or_service_elsewhere"
    SERVICE_HERE = "service_here"
    PERSONAL = "personal"
    OTHER = "other"


class RetentionAnswer(StrEnum):
    """The one-to-one answer a retention task proposes for the likely reason."""

    REVIEW_AND_ADVICE = "review_and_advice"
    COMMISSION_REVIEW = "commission_review"
    SERVICE_RECOVERY = "service_recovery"


class FlowRequestKind(StrEnum):
    """Requests a branch manager approves or rejects (besides reassignments)."""

    RELATIONSHIP = "relationship"
    COMMISSION_REVIEW = "commission_review"


# ---------------------------------------------------------------- campaigns and information push (issue #16)


class CampaignObjective(StrEnum):
    SUBSCRIBE = "subscribe"
    RETAIN = "retain"
    ACTIVATE = "activate"
    EDUCATE = "educate"


class CampaignStatus(StrEnum):
    """Stored: draft or launched. ``finished`` is shown for a launched campaign whose period has ended."""

    DRAFT = "draft"
    LAUNCHED = "launched"
    FINISHED = "finished"


class TargetStatus(StrEnum):
    """A client's place in a campaign's list: targeted, or the reason they were left out (first that applies)."""

    TARGETED = "targeted"
    CLOSED = "closed"
    OPTED_OUT = "opted_out"
    UNSUITABLE = "unsuitable"
    CONTACT_CAP = "contact_cap"


class CampaignResponse(StrEnum):
    INTERESTED = "interested"
    SUBSCRIBED = "subscribed"
    DECLINED = "declined"
    NOT_REACHED = "not_reached"


class ConsentSource(StrEnum):
    """Where a marketing-consent flag came from."""

    IMPORT = "import"
    STAFF = "staff"


class PushKind(StrEnum):
    NEW_LISTING = "new_listing"
    RESEARCH = "research"
    MARKET_NOTICE = "market_notice"


VOCABULARY: tuple[type[StrEnum], ...] = (
    Role,
    Qualification,
    ClientType,
    ClientStatus,
    RiskLevel,
    Board,
    Side,
    Grade,
    Activity,
    ChurnRisk,
    RiskStyle,
    TradingAbility,
    Lifecycle,
    Tier,
    CapabilityComponent,
    TouchType,
    Channel,
    TouchStatus,
    TaskSource,
    TaskStatus,
    ReassignReason,
    AssignmentReason,
    RequestStatus,
    SuggestionKind,
    SuggestionStatus,
    ImportKind,
    ImportStatus,
    ProductType,
    ProductRating,
    InvestorClass,
    Permission,
    FindingKind,
    WarningChannel,
    WarningSubject,
    AccountEvent,
    ChurnReason,
    RetentionAnswer,
    FlowRequestKind,
    CampaignObjective,
    CampaignStatus,
    TargetStatus,
    CampaignResponse,
    ConsentSource,
    PushKind,
    # the call-back and complaint records (issue #15)
    *CALLBACK_WORDS,
)


def vocabulary_name(enum: type[StrEnum]) -> str:
    """``ChurnRisk`` -> ``churn_risk``: the section name in alias files and the kind in reason templates."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", enum.__name__).lower()


BY_NAME: dict[str, type[StrEnum]] = {vocabulary_name(e): e for e in VOCABULARY}
