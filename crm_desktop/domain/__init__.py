"""The domain core: the vocabulary, its labels and import aliases, and the pure business rules.

Pure Python like the scoring engine: no Qt, no SQLAlchemy, no I/O. Where things go:
a new coded word is a member in :mod:`vocabulary` plus its names in :mod:`labels` (and spellings
in :mod:`aliases` / ``resources/config/import_aliases.toml``); a new coded column gets a CHECK
constraint from its enum (``crm_desktop.db.checks.enum_check``) and a migration.
"""

from crm_desktop.domain.labels import choices, label, label_of
from crm_desktop.domain.vocabulary import (
    VOCABULARY,
    Activity,
    AssignmentReason,
    Board,
    CapabilityComponent,
    Channel,
    ChurnRisk,
    ClientStatus,
    ClientType,
    Grade,
    ImportKind,
    ImportStatus,
    Lifecycle,
    Qualification,
    ReassignReason,
    RequestStatus,
    RiskLevel,
    RiskStyle,
    Role,
    Side,
    SuggestionKind,
    SuggestionStatus,
    TaskSource,
    TaskStatus,
    TaskType,
    Tier,
    TouchStatus,
    TouchType,
    TradingAbility,
)

__all__ = [
    "VOCABULARY", "Activity", "AssignmentReason", "Board", "CapabilityComponent", "Channel", "ChurnRisk",
    "ClientStatus", "ClientType", "Grade", "ImportKind", "ImportStatus", "Lifecycle", "Qualification",
    "ReassignReason", "RequestStatus", "RiskLevel", "RiskStyle", "Role", "Side", "SuggestionKind",
    "SuggestionStatus", "TaskSource", "TaskStatus", "TaskType", "Tier", "TouchStatus", "TouchType", "TradingAbility",
    "choices", "label", "label_of",
]
