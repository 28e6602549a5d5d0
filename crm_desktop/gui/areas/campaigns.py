"""Campaigns area: segments with a live count, campaigns with their funnel, the information push send list."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from crm_desktop.gui.campaigns.consent_dialog import open_consent_dialog
from crm_desktop.gui.campaigns.views import CampaignsPage
from crm_desktop.gui.context import AppContext, ClientActionSpec


def create_page(ctx: AppContext) -> QWidget:
    return CampaignsPage(ctx)


def register_actions(ctx: AppContext) -> None:
    """The client 360° view offers "Marketing consent…" to the people who market to clients."""
    ctx.client_actions["marketing_consent"] = ClientActionSpec(
        key="marketing_consent",
        label=QCoreApplication.translate("CampaignsArea", "Marketing consent…"),
        handler=lambda parent, client_no: open_consent_dialog(ctx, parent, client_no),
        roles=("investment_manager", "branch_manager"),
    )
