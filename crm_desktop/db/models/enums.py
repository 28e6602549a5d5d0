"""Moved to :mod:`crm_desktop.domain.vocabulary`; kept so older imports keep working."""

from crm_desktop.domain.vocabulary import (
    Board,
    Channel,
    ClientStatus,
    ClientType,
    ReassignReason,
    RequestStatus,
    RiskLevel,
    Role,
    Side,
    TaskStatus,
    TouchType,
)

__all__ = [
    "Board",
    "Channel",
    "ClientStatus",
    "ClientType",
    "ReassignReason",
    "RequestStatus",
    "RiskLevel",
    "Role",
    "Side",
    "TaskStatus",
    "TouchType",
]
