"""The command bar (Ctrl+K): one box for clients, open tasks, pending requests, areas and actions.

Typing filters the areas and actions at once and searches the store on a worker (latest query wins);
Up/Down move, Enter opens the hit. An action that needs a client ("Record touch", "Generate letter…")
switches the box to choosing that client; quick add (Ctrl+N) opens the box in that mode for a touch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.gui.context import AppContext
from crm_desktop.gui.workers import Requester
from crm_desktop.services import workbench
from crm_desktop.services.workbench import SearchHit

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_DELAY_MS = 150
# What quick add (Ctrl+N) can add for a client, in the order offered: a touch, a note.
QUICK_ADD_ACTIONS = ("record_touch", "add_note")


@dataclass(frozen=True)
class Entry:
    """One line of the results: an area, an action, or a hit from the store."""

    kind: str  # "area", "action", "client", "task", "request"
    key: str
    text: str
    detail: str = ""
    hit: SearchHit | None = None


def window_areas(widget: QWidget | None) -> list[tuple[str, str]]:
    """(key, title) of the areas in the navigation of the main window ``widget`` belongs to."""
    window = widget.window() if widget is not None else None
    nav = getattr(window, "nav", None)
    if not isinstance(nav, QListWidget):
        return []
    return [(str(nav.item(i).data(Qt.ItemDataRole.UserRole)), nav.item(i).text()) for i in range(nav.count())]


def area_entries(areas: Sequence[tuple[str, str]]) -> list[Entry]:
    return [
        Entry("area", key, title, f"Ctrl+{n}" if n <= 9 else "") for n, (key, title) in enumerate(areas, 1)
    ]


def action_entries(ctx: AppContext) -> list[Entry]:
    return [Entry("action", a.key, a.label.replace("&", "")) for a in ctx.actions_for(ctx.actor.role.value)]


class CommandBar(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        quick_add: bool = False,
        areas: Sequence[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("commandBar")
        self.setWindowTitle(self.tr("Search and commands"))
        self._search = Requester(ctx.pool)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search_store)
        self._hits: list[SearchHit] = []
        self.action_key: str | None = None  # set while choosing the client of an action
        self._areas = area_entries(areas if areas is not None else window_areas(parent))
        self._actions = action_entries(ctx)

        self.mode_label = QLabel()
        self.mode_label.setObjectName("modeLabel")
        self.mode_label.setVisible(False)
        # Quick add: what to add (a touch or a note), then the client.
        self.kind_row = QWidget()
        self.kind_row.setObjectName("quickAddKinds")
        kinds = QHBoxLayout(self.kind_row)
        kinds.setContentsMargins(0, 0, 0, 0)
        kinds.addWidget(QLabel(self.tr("Add:")))
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        for key in QUICK_ADD_ACTIONS:
            spec = ctx.client_actions.get(key)
            if spec is None or not any(a.key == key for a in ctx.actions_for(ctx.actor.role.value)):
                continue
            button = QRadioButton(spec.label.replace("&", ""))
            button.setObjectName(f"quick_{key}")
            button.setToolTip(f"Alt+{len(self.kind_buttons) + 1}")
            button.toggled.connect(lambda on, k=key: self._set_mode(k) if on else None)
            self.kind_group.addButton(button)
            self.kind_buttons[key] = button
            kinds.addWidget(button)
        kinds.addStretch(1)
        self.kind_row.setVisible(False)
        self.edit = QLineEdit()
        self.edit.setObjectName("commandEdit")
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._text_changed)
        self.edit.installEventFilter(self)
        self.results = QListWidget()
        self.results.setObjectName("commandResults")
        self.results.itemActivated.connect(self._activate_item)
        self.hint = QLabel(self.tr("↑ ↓ to move · Enter to open · Esc to close · F1 for all shortcuts"))
        self.hint.setObjectName("hint")
        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        layout = QVBoxLayout(self)
        layout.addWidget(self.kind_row)
        layout.addWidget(self.mode_label)
        layout.addWidget(self.edit)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.hint)
        self.resize(640, 420)
        self._set_mode(None)
        if quick_add:
            self.start_quick_add()

    # ------------------------------------------------------------------ modes

    def _set_mode(self, action_key: str | None) -> None:
        self.action_key = action_key
        if action_key is None:
            self.edit.setPlaceholderText(
                self.tr("Client number, name or last 4 digits of the phone; a task, a request, an area…")
            )
            self.mode_label.setVisible(False)
        else:
            spec = self.ctx.client_actions.get(action_key)
            label = spec.label.replace("&", "") if spec else action_key
            self.mode_label.setText(self.tr("<b>{action}</b>: choose the client").replace("{action}", label))
            self.mode_label.setVisible(True)
            self.edit.setPlaceholderText(self.tr("Client number, name or last 4 digits of the phone"))
        self._refresh()

    def start_quick_add(self, action_key: str | None = None) -> None:
        """Quick add: choose what to add (touch or note; Alt+1 / Alt+2 or the buttons), then the client."""
        if not self.kind_buttons:
            self.status.setText(self.tr("This action is not available to your role."))
            return
        self.setWindowTitle(self.tr("Quick add"))
        self.kind_row.setVisible(True)
        key = action_key if action_key in self.kind_buttons else next(iter(self.kind_buttons))
        if self.kind_buttons[key].isChecked():
            self._set_mode(key)
        else:
            self.kind_buttons[key].setChecked(True)

    def start_action(self, action_key: str) -> None:
        if action_key not in self.ctx.client_actions or not any(
            a.key == action_key for a in self.ctx.actions_for(self.ctx.actor.role.value)
        ):
            self.status.setText(self.tr("This action is not available to your role."))
            return
        self.edit.clear()
        self._set_mode(action_key)

    # ------------------------------------------------------------------ searching

    def _text_changed(self, _text: str) -> None:
        self._hits = []
        self._refresh()
        if self.edit.text().strip():
            self.status.setText(self.tr("Searching…"))
            self._timer.start()
        else:
            self._timer.stop()
            self._search.cancel()
            self.status.clear()

    def _search_store(self) -> None:
        query = self.edit.text().strip()
        if not query:
            return
        store, actor = self.ctx.store, self.ctx.actor
        self._search.submit(
            lambda _c: workbench.search(store, actor, query), on_done=self.show_hits, on_error=self._failed
        )

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(str(exc))

    def show_hits(self, hits: list[SearchHit]) -> None:
        self._hits = hits
        self._refresh()
        shown = [h for h in hits if self.action_key is None or h.kind == "client"]
        self.status.setText(
            self.tr("No client, task or request matches.")
            if not shown
            else self.tr("{n} found in the store").replace("{n}", str(len(shown)))
        )

    def entries(self) -> list[Entry]:
        """What the list shows now, in order."""
        q = self.edit.text().strip().lower()
        hits = [
            Entry(h.kind, h.key, h.title, h.detail, h)
            for h in self._hits
            if self.action_key is None or h.kind == "client"
        ]
        if self.action_key is not None:
            return hits
        local = [e for e in (*self._actions, *self._areas) if not q or q in e.text.lower() or q in e.key]
        return [*local, *hits] if q else local

    def _refresh(self) -> None:
        self.results.clear()
        kinds = {
            "area": self.tr("Go to"),
            "action": self.tr("Action"),
            "client": self.tr("Client"),
            "task": self.tr("Task"),
            "request": self.tr("Request"),
        }
        for e in self.entries():
            text = f"{kinds.get(e.kind, e.kind)} · {e.text}" + (f"    {e.detail}" if e.detail else "")
            item = QListWidgetItem(text)
            item.setData(HIT_ROLE, e)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    # ------------------------------------------------------------------ keys and opening

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                row = self.results.currentRow() + step
                if 0 <= row < self.results.count():
                    self.results.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.activate_current()
                return True
            if self.kind_row.isVisible() and event.modifiers() & Qt.KeyboardModifier.AltModifier:
                keys = list(self.kind_buttons)
                n = key - Qt.Key.Key_1
                if 0 <= n < len(keys):
                    self.kind_buttons[keys[n]].setChecked(True)
                    return True
        return super().eventFilter(watched, event)

    def activate_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._activate_item(item)

    def _activate_item(self, item: QListWidgetItem) -> None:
        entry = item.data(HIT_ROLE)
        if isinstance(entry, Entry):
            self.activate(entry)

    def activate(self, e: Entry) -> None:
        parent = self.parentWidget() or self
        if e.kind == "action":
            self.start_action(e.key)
            return
        if self.action_key is not None and e.kind == "client":
            spec = self.ctx.client_actions.get(self.action_key)
            self.accept()
            if spec is not None:
                spec.handler(parent, e.key)
            return
        self.accept()
        if e.kind == "area":
            self.ctx.bus.navigate.emit(e.key)
        elif e.kind == "client":
            self.ctx.open_client(parent, e.key)
        elif e.kind == "task" and e.hit is not None and e.hit.client_no:
            from crm_desktop.gui.service.touch_form import open_touch_form

            open_touch_form(
                self.ctx,
                parent,
                e.hit.client_no,
                task_id=int(e.key),
                task_type=e.hit.task_type,
                task_text=e.text,
            )
        elif e.kind == "request":
            self.ctx.bus.navigate.emit("approvals")


def open_command_bar(ctx: AppContext, parent: QWidget | None, *, quick_add: bool = False) -> CommandBar:
    bar = CommandBar(ctx, parent.window() if parent is not None else None, quick_add=quick_add)
    bar.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    bar.show()
    bar.edit.setFocus()
    return bar
