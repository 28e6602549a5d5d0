"""The agenda as a file: the rows a user filtered, in the order shown, with a trace in the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from crm_desktop.db.store import Store
from crm_desktop.reports.tables import write_table
from crm_desktop.services import exports, tasks
from crm_desktop.services.auth import Actor
from crm_desktop.services.tasks import AgendaItem


def export_agenda(
    store: Store, actor: Actor, items: Sequence[AgendaItem], path: Path, *, purpose: str | None = None
) -> int:
    """Write CSV or .xlsx (by suffix); returns the rows written.

    Audited before the file gets its name (services.exports), as every export of client data.
    """
    frame = tasks.agenda_export_frame(actor, items)
    exports.write_audited(
        store,
        actor,
        path,
        lambda tmp: write_table(frame, tmp),
        action="export.agenda",
        entity_type="service_task",
        rows=len(frame),
        purpose=purpose,
    )
    return len(frame)
