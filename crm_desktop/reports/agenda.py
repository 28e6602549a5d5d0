"""The agenda as a file: the rows a user filtered, in the order shown, with a trace in the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from crm_desktop.db.store import Store
from crm_desktop.reports.tables import write_table
from crm_desktop.services import tasks
from crm_desktop.services.auth import Actor
from crm_desktop.services.tasks import AgendaItem


def export_agenda(store: Store, actor: Actor, items: Sequence[AgendaItem], path: Path) -> int:
    """Write CSV or .xlsx (by suffix); returns the rows written.

    The file is written beside its destination first and moved into place only once the audit entry
    has committed, so there is never an export on disk without its trace.
    """
    frame = tasks.agenda_export_frame(actor, items)
    partial = path.with_name(f".{path.stem}.partial{path.suffix}")
    write_table(frame, partial)
    try:
        tasks.record_agenda_export(store, actor, path.name, len(frame))
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return len(frame)
