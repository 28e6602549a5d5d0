"""Table models of the branch manager's workspace: requests, suggestions, departure plan, dashboard tables."""

from __future__ import annotations

from decimal import Decimal
from enum import IntEnum
from typing import Any

import pandas as pd
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from crm_desktop.domain import SuggestionKind, label_of
from crm_desktop.gui.list_model import ALIGN, DISPLAY, EDIT, FOREGROUND, TOOLTIP, ListTableModel
from crm_desktop.reports import dashboard as dashboard_report
from crm_desktop.services.reassignment import (
    DepartureProposal,
    ProposedMove,
    RequestView,
    SuggestionView,
    Verdict,
    reason_label,
    status_label,
)
from crm_desktop.services.reassignment_rules import ManagerInfo, grade_rank, label

# The row's record (RequestView, SuggestionView, ProposedMove, or a dict for frame rows).
ROW_ROLE = Qt.ItemDataRole.UserRole
# A value that sorts right (numbers as numbers, dates as ISO text).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

BREACH = QColor("#b03a2e")
NOTE = QColor("#7f8c8d")
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

Parent = QModelIndex | QPersistentModelIndex


def money(v: Decimal | float | None) -> str:
    return "-" if v is None else f"{float(v):,.0f}"


def manager_text(name: str | None, tier: str | None, load: int | None, capacity: int | None = None) -> str:
    if not name:
        return "-"
    t = label("tier", tier) if tier else QCoreApplication.translate("branch", "not scored")
    cap = f"/{capacity}" if capacity is not None else ""
    return f"{name} · {t} · {load if load is not None else '-'}{cap}"


class _Base(ListTableModel[Any]):
    """Column titles are the English ``HEADERS``, translated in the ``branch`` context."""

    HEADERS: tuple[Any, ...] = ()
    CONTEXT = "branch"

    def __init__(self) -> None:
        super().__init__([QCoreApplication.translate(self.CONTEXT, str(h)) for h in self.HEADERS])

    def data(self, index: Parent, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        record = self._rows[index.row()]
        if role == ROW_ROLE:
            return record
        return self._cell(record, index.row(), index.column(), role)

    def _cell(self, record: Any, row: int, column: int, role: int) -> Any:
        """What a valid cell shows for ``role`` (ROW_ROLE is answered already)."""
        return None


def client_text(client_no: str, client_name: str) -> str:
    return f"{client_no} {client_name}"


def grade_text(grade: str | None) -> str:
    return label("grade", grade) if grade else "-"


def assets_key(assets: Decimal | None) -> float:
    """Sorts clients without a known asset figure below every client with one."""
    return float(assets) if assets is not None else -1.0


# ------------------------------------------------------------------------------------------ requests


class RequestCol(IntEnum):
    ID = 0
    CLIENT = 1
    GRADE = 2
    ASSETS = 3
    FROM = 4
    TO = 5
    REASON = 6
    VERDICT = 7
    REQUESTED_BY = 8
    REQUESTED_AT = 9
    STATUS = 10
    DECISION = 11


class RequestModel(_Base):
    CONTEXT = "RequestModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("RequestModel", "No."),
        QT_TRANSLATE_NOOP("RequestModel", "Client"),
        QT_TRANSLATE_NOOP("RequestModel", "Grade"),
        QT_TRANSLATE_NOOP("RequestModel", "Assets (CNY)"),
        QT_TRANSLATE_NOOP("RequestModel", "From (tier · load)"),
        QT_TRANSLATE_NOOP("RequestModel", "To (tier · load/capacity)"),
        QT_TRANSLATE_NOOP("RequestModel", "Reason"),
        QT_TRANSLATE_NOOP("RequestModel", "Rules"),
        QT_TRANSLATE_NOOP("RequestModel", "Requested by"),
        QT_TRANSLATE_NOOP("RequestModel", "Requested at"),
        QT_TRANSLATE_NOOP("RequestModel", "Status"),
        QT_TRANSLATE_NOOP("RequestModel", "Decision"),
    )

    def _cell(self, r: RequestView, row: int, column: int, role: int) -> Any:
        col = RequestCol(column)
        if role == DISPLAY:
            return self._display(r, col)
        if role == SORT_ROLE:
            if col == RequestCol.ID:
                return r.id
            if col == RequestCol.ASSETS:
                return assets_key(r.assets)
            if col == RequestCol.REQUESTED_AT:
                return r.requested_at.isoformat()
            if col == RequestCol.GRADE:
                return grade_rank(r.grade)
            return self._display(r, col)
        if role == FOREGROUND and col == RequestCol.VERDICT and r.status == "pending":
            return QBrush(BREACH if not r.verdict.ok else NOTE if r.verdict.notes else QColor("#1e8449"))
        if role == ALIGN and col in (RequestCol.ID, RequestCol.ASSETS):
            return RIGHT
        if role == TOOLTIP:
            if col == RequestCol.VERDICT:
                return "\n".join(r.verdict.breaches + r.verdict.notes) or None
            parts = [
                r.comment
                and QCoreApplication.translate("RequestModel", "Comment: {c}").replace("{c}", r.comment),
                r.handover_note
                and QCoreApplication.translate("RequestModel", "Handover note: {c}").replace(
                    "{c}", r.handover_note
                ),
            ]
            return "\n".join(p for p in parts if p) or None
        return None

    @staticmethod
    def _display(r: RequestView, col: RequestCol) -> str:
        if col == RequestCol.ID:
            return f"#{r.id}"
        if col == RequestCol.CLIENT:
            return client_text(r.client_no, r.client_name)
        if col == RequestCol.GRADE:
            return grade_text(r.grade)
        if col == RequestCol.ASSETS:
            return money(r.assets)
        if col == RequestCol.FROM:
            return manager_text(r.from_name, r.from_tier, r.from_load)
        if col == RequestCol.TO:
            return manager_text(r.to_name, r.to_tier, r.to_load, r.to_capacity)
        if col == RequestCol.REASON:
            return reason_label(r.reason)
        if col == RequestCol.VERDICT:
            return r.verdict.text() if r.status == "pending" else (r.override_reason or "")
        if col == RequestCol.REQUESTED_BY:
            return r.requested_by_name
        if col == RequestCol.REQUESTED_AT:
            return r.requested_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if col == RequestCol.STATUS:
            return status_label(r.status)
        if r.decided_at is None:
            return ""
        when = r.decided_at.astimezone().strftime("%Y-%m-%d %H:%M")
        text = f"{r.decided_by_name or '-'} {when}"
        return f"{text}：{r.decision_comment}" if r.decision_comment else text


# ------------------------------------------------------------------------------------------ suggestions


class SuggestionCol(IntEnum):
    CLIENT = 0
    GRADE = 1
    ASSETS = 2
    KIND = 3
    FROM = 4
    TO = 5
    REASONS = 6
    PENDING = 7


class SuggestionModel(_Base):
    CONTEXT = "SuggestionModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("SuggestionModel", "Client"),
        QT_TRANSLATE_NOOP("SuggestionModel", "Grade"),
        QT_TRANSLATE_NOOP("SuggestionModel", "Assets (CNY)"),
        QT_TRANSLATE_NOOP("SuggestionModel", "Finding"),
        QT_TRANSLATE_NOOP("SuggestionModel", "Current manager"),
        QT_TRANSLATE_NOOP("SuggestionModel", "Suggested manager"),
        QT_TRANSLATE_NOOP("SuggestionModel", "Why"),
        QT_TRANSLATE_NOOP("SuggestionModel", "Pending request"),
    )

    def _cell(self, s: SuggestionView, row: int, column: int, role: int) -> Any:
        col = SuggestionCol(column)
        if role in (DISPLAY, SORT_ROLE):
            if role == SORT_ROLE and col == SuggestionCol.ASSETS:
                return assets_key(s.assets)
            if role == SORT_ROLE and col == SuggestionCol.GRADE:
                return grade_rank(s.grade)
            if col == SuggestionCol.CLIENT:
                return client_text(s.client_no, s.client_name)
            if col == SuggestionCol.GRADE:
                return grade_text(s.grade)
            if col == SuggestionCol.ASSETS:
                return money(s.assets)
            if col == SuggestionCol.KIND:
                return label_of(SuggestionKind, s.kind)
            if col == SuggestionCol.FROM:
                return manager_text(s.from_name, s.from_tier, None).rsplit(" · ", 1)[0]
            if col == SuggestionCol.TO:
                return manager_text(s.to_name, s.to_tier, None).rsplit(" · ", 1)[0] if s.to_name else "-"
            if col == SuggestionCol.REASONS:
                from crm_desktop.i18n import language
                from crm_desktop.scoring.reasons import render_reasons

                return "；".join(render_reasons(s.reasons, language())) or "-"
            return f"#{s.pending_request_id}" if s.pending_request_id else ""
        if role == ALIGN and col == SuggestionCol.ASSETS:
            return RIGHT
        return None


# ------------------------------------------------------------------------------------------ departure plan


class PlanCol(IntEnum):
    CLIENT = 0
    GRADE = 1
    ASSETS = 2
    TO = 3
    VERDICT = 4


class DeparturePlanModel(_Base):
    """The proposed distribution; the target column is editable and every edit re-checks the rules."""

    CONTEXT = "DeparturePlanModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("DeparturePlanModel", "Client"),
        QT_TRANSLATE_NOOP("DeparturePlanModel", "Grade"),
        QT_TRANSLATE_NOOP("DeparturePlanModel", "Assets (CNY)"),
        QT_TRANSLATE_NOOP("DeparturePlanModel", "New manager"),
        QT_TRANSLATE_NOOP("DeparturePlanModel", "Rules"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.proposal: DepartureProposal | None = None
        self.targets: list[str | None] = []
        self.verdicts: list[Verdict] = []
        self._managers: dict[str, ManagerInfo] = {}

    def set_proposal(self, proposal: DepartureProposal | None) -> None:
        self.beginResetModel()
        self.proposal = proposal
        self._rows = list(proposal.moves) if proposal else []
        self.targets = [m.to_login for m in self._rows]
        self._managers = {m.login: m for m in proposal.managers} if proposal else {}
        self.verdicts = proposal.evaluate(self.targets) if proposal else []
        self.endResetModel()

    def managers(self) -> list[ManagerInfo]:
        return list(self.proposal.managers) if self.proposal else []

    def breach_count(self) -> int:
        return sum(1 for v in self.verdicts if not v.ok)

    def moves(self) -> list[tuple[str, str]]:
        return [(m.client_no, t) for m, t in zip(self._rows, self.targets, strict=True) if t]

    def flags(self, index: Parent) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == PlanCol.TO:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Parent, value: Any, role: int = EDIT) -> bool:
        if not self._valid(index) or index.column() != PlanCol.TO or role != EDIT or self.proposal is None:
            return False
        login = str(value) if value else None
        if login is not None and login not in self._managers:
            return False
        self.targets[index.row()] = login
        self.verdicts = self.proposal.evaluate(self.targets)
        # Loads accumulate down the list, so any later verdict may change too.
        self.dataChanged.emit(self.index(0, PlanCol.TO), self.index(len(self._rows) - 1, PlanCol.VERDICT))
        return True

    def _cell(self, m: ProposedMove, row: int, column: int, role: int) -> Any:
        col = PlanCol(column)
        if role == EDIT and col == PlanCol.TO:
            return self.targets[row] or ""
        if role == SORT_ROLE and col == PlanCol.GRADE:
            return grade_rank(m.grade)
        if role in (DISPLAY, SORT_ROLE):
            if col == PlanCol.CLIENT:
                return client_text(m.client_no, m.client_name)
            if col == PlanCol.GRADE:
                return grade_text(m.grade)
            if col == PlanCol.ASSETS:
                return money(m.assets) if role == DISPLAY else float(m.assets or -1)
            if col == PlanCol.TO:
                t = self._managers.get(self.targets[row] or "")
                return manager_text(t.display_name, t.tier, t.load, t.capacity) if t else "-"
            return self.verdicts[row].text()
        if role == FOREGROUND and col == PlanCol.VERDICT:
            v = self.verdicts[row]
            return QBrush(BREACH if not v.ok else QColor("#1e8449"))
        if role == ALIGN and col == PlanCol.ASSETS:
            return RIGHT
        return None


# ------------------------------------------------------------------------------------------ dashboard tables


class ChurnCol(IntEnum):
    CLIENT_NO = 0
    CLIENT_NAME = 1
    MANAGER = 2
    GRADE = 3
    CHURN_RISK = 4
    ASSETS = 5
    REASONS = 6


class LeagueCol(IntEnum):
    LOGIN = 0
    MANAGER = 1
    TIER = 2
    CAPABILITY_SCORE = 3
    CLIENTS = 4
    CAPACITY = 5
    ASSETS = 6
    ON_TIME_RATE = 7
    RETENTION = 8
    CHURN_HIGH = 9
    SATISFACTION = 10
    RED_FLAGS_OPEN = 11
    COMPLAINTS = 12


class FrameModel(_Base):
    """A dashboard DataFrame; the column enum's member names are the frame's column names."""

    COLUMNS: type[IntEnum] = ChurnCol
    NUMERIC = frozenset(
        {
            "assets",
            "capability_score",
            "clients",
            "capacity",
            "on_time_rate",
            "retention",
            "churn_high",
            "net_flow",
            "red_flags_open",
            "complaints",
        }
    )

    def __init__(self) -> None:
        super().__init__()
        self._names = [c.name.lower() for c in self.COLUMNS]
        titles = dashboard_report.column_titles()
        # The report module words the titles and cells the same way as the exported files.
        self._titles = [titles.get(n, n) for n in self._names]

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.set_rows(frame[self._names].to_dict("records") if not frame.empty else [])

    def _cell(self, rec: dict[str, Any], row: int, column: int, role: int) -> Any:
        name = self._names[column]
        value = rec.get(name)
        if role == DISPLAY:
            return dashboard_report.display_value(name, value)
        if role == SORT_ROLE:
            if name in self.NUMERIC:
                return -1.0 if value is None or pd.isna(value) else float(value)
            if name == "churn_risk":
                return {"high": 0, "medium": 1}.get(str(value), 2)
            if name == "grade":
                return grade_rank(str(value) if value else None)
            return dashboard_report.display_value(name, value)
        if role == ALIGN and name in self.NUMERIC:
            return RIGHT
        if role == FOREGROUND and name == "churn_risk" and value == "high":
            return QBrush(BREACH)
        if role == TOOLTIP and name == "reasons":
            return dashboard_report.display_value(name, value) if value else None
        return None


class ChurnModel(FrameModel):
    COLUMNS = ChurnCol


class LeagueModel(FrameModel):
    COLUMNS = LeagueCol
