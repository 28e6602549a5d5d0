"""Campaigns area: segments with a live count, campaigns with their funnel, the information push send list."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from crm_desktop.gui.campaigns.views import CampaignsPage
from crm_desktop.gui.context import AppContext


def create_page(ctx: AppContext) -> QWidget:
    return CampaignsPage(ctx)
