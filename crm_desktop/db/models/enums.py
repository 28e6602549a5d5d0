"""Allowed values of the coded columns. Stored as plain strings so exports and SQL stay readable."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    INVESTMENT_MANAGER = "investment_manager"
    BRANCH_MANAGER = "branch_manager"
    ADMIN = "admin"
    CALLBACK_OFFICER = "callback_officer"


class ClientType(StrEnum):
    INDIVIDUAL = "individual"
    INSTITUTION = "institution"


class ClientStatus(StrEnum):
    ACTIVE = "active"
    DORMANT = "dormant"
    CLOSED = "closed"


class RiskLevel(StrEnum):
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


class TouchType(StrEnum):
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


class Channel(StrEnum):
    PHONE = "phone"
    IN_PERSON = "in_person"
    WECHAT = "wechat"
    SMS = "sms"
    EMAIL = "email"
    MAIL = "mail"
    SYSTEM = "system"


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    OVERDUE = "overdue"
    CANCELLED = "cancelled"


class RequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class ReassignReason(StrEnum):
    DEPARTURE = "departure"
    CLIENT_REQUEST = "client_request"
    CAPABILITY = "capability"
    WORKLOAD = "workload"
    OTHER = "other"
