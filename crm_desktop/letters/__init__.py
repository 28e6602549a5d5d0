"""Account-analysis letters (账户分析报告): pure data -> PDF, no Qt and no database.

``crm_desktop.services.letters`` gathers one client's figures into a :class:`LetterData`;
:func:`render_letter` turns it into an A4 PDF with the bundled CJK font embedded as a subset.
"""

from crm_desktop.letters.model import (
    AllocationSlice,
    BranchInfo,
    HoldingLine,
    LetterData,
    ManagerInfo,
    PeriodSummary,
    TradingSummary,
    TrendPoint,
)
from crm_desktop.letters.render import RenderedLetter, render_letter

__all__ = [
    "AllocationSlice",
    "BranchInfo",
    "HoldingLine",
    "LetterData",
    "ManagerInfo",
    "PeriodSummary",
    "RenderedLetter",
    "TradingSummary",
    "TrendPoint",
    "render_letter",
]
