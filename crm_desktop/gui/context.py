"""What every area of the main window receives: the store, the signed-in actor, and the app bus."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # the store layer loads in the background after the login dialog is up
    from crm_desktop.db.store import Store
    from crm_desktop.services.auth import Actor, SignedInSession


class AppBus(QObject):
    """Cross-area messages. Areas emit; the main window and other areas listen."""

    # Something changed in the store (area key or "*"): listening views reload on their own schedule.
    data_changed = Signal(str)
    # F5 or the periodic timer: every visible view reloads from the store.
    refresh_requested = Signal()
    # Go to an area (key) of the main window.
    navigate = Signal(str)
    # Text for the status bar.
    status_message = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # While a change from another workstation (the PostgreSQL change feed) is being announced as
        # ``data_changed``, the ChangeBatch it came in (kinds and client ids), else None: a view with an
        # expensive reload (the client book) checks whether the change concerns it.
        self.remote_batch: Any = None


ClientAction = Callable[[QWidget, str], None]
"""An action offered for one client (record touch, request reassignment, generate letter…):
called with a parent widget and the client number."""


@dataclass
class ClientActionSpec:
    key: str
    label: str
    handler: ClientAction
    # Roles that see the action; empty = everyone who can see the client.
    roles: tuple[str, ...] = ()


@dataclass
class AppContext:
    store: Store
    actor: Actor
    settings: QSettings
    pool: QThreadPool
    bus: AppBus
    # Registered by areas at start-up (``register_actions(ctx)``); the client 360° view shows them.
    client_actions: dict[str, ClientActionSpec] = field(default_factory=dict)
    # key -> callable(parent, client_no) opening the client 360° view (set by the clients area).
    services: dict[str, Any] = field(default_factory=dict)
    # The signed-in session (re-checks the account in every transaction); None in some view tests.
    session: SignedInSession | None = None

    def actions_for(self, role: str) -> list[ClientActionSpec]:
        return [a for a in self.client_actions.values() if not a.roles or role in a.roles]

    def open_client(self, parent: QWidget, client_no: str) -> None:
        opener = self.services.get("open_client")
        if opener is not None:
            opener(parent, client_no)
