"""All mapped classes; importing this package registers every table on ``Base.metadata``."""

from crm_desktop.db.models.assignment import AssignmentHistory, ReassignmentRequest
from crm_desktop.db.models.base import Base
from crm_desktop.db.models.callbacks import AlertCase, CallbackItem, CallbackRecord, CallbackSample, Complaint
from crm_desktop.db.models.campaigns import (
    Campaign,
    CampaignTarget,
    InfoPush,
    MarketingConsent,
    PushRecipient,
    Segment,
)
from crm_desktop.db.models.clients import AssetSnapshot, Client, Holding, Security, Trade
from crm_desktop.db.models.flow import (
    AccountEventRecord,
    ChurnRecord,
    ClientRelationship,
    FlowRequest,
    Team,
    TeamMember,
)
from crm_desktop.db.models.org import Branch, LoginThrottle, Staff
from crm_desktop.db.models.records import AuditLog, ImportLog, LetterRecord, Notification
from crm_desktop.db.models.scoring import ClientScore, ManagerScore, MatchSuggestion, ScoreRun
from crm_desktop.db.models.service import ClientNote, ServicePlan, ServiceTask, Touch
from crm_desktop.db.models.suitability import (
    Product,
    RiskProfile,
    RiskWarning,
    SuitabilityFinding,
    TradingPermission,
)

__all__ = [
    "AccountEventRecord",
    "AlertCase",
    "AssetSnapshot",
    "AssignmentHistory",
    "AuditLog",
    "Base",
    "Branch",
    "CallbackItem",
    "CallbackRecord",
    "CallbackSample",
    "Campaign",
    "CampaignTarget",
    "ChurnRecord",
    "Client",
    "ClientNote",
    "ClientRelationship",
    "ClientScore",
    "Complaint",
    "FlowRequest",
    "Holding",
    "ImportLog",
    "InfoPush",
    "LetterRecord",
    "LoginThrottle",
    "ManagerScore",
    "MarketingConsent",
    "MatchSuggestion",
    "Notification",
    "Product",
    "PushRecipient",
    "ReassignmentRequest",
    "RiskProfile",
    "RiskWarning",
    "ScoreRun",
    "Security",
    "Segment",
    "ServicePlan",
    "ServiceTask",
    "Staff",
    "SuitabilityFinding",
    "Team",
    "TeamMember",
    "Touch",
    "Trade",
    "TradingPermission",
]
