"""The client book on disk: the rows a view shows, or the actor's whole book, as CSV or Excel."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from crm_desktop.db.store import Store
from crm_desktop.i18n import tr
from crm_desktop.progress import Progress, Stages
from crm_desktop.reports.tables import write_table
from crm_desktop.services.auth import Actor
from crm_desktop.services.client_book import ClientBook, export_frame, load_book
from crm_desktop.services.exports import write_audited


def export_clients(
    store: Store,
    actor: Actor,
    path: Path,
    *,
    rows: np.ndarray | None = None,
    book: ClientBook | None = None,
    frame: pd.DataFrame | None = None,
    headers: Sequence[str] | None = None,
    progress: Progress | None = None,
    purpose: str | None = None,
) -> int:
    """Export the actor's book (or the given view of it) and audit who exported how many clients.

    ``frame`` is what a view shows (already built from a book the actor loaded); without it the
    export columns of ``book`` (loaded now when not given) are written. Returns the row count.
    The audit row (file, rows, purpose) is committed before the file gets its name; a cancelled or
    failed export leaves neither the file nor an audit entry.
    """
    stages = Stages(progress, 2)
    if frame is None:
        if book is None:
            stages.next(tr("读取客户名册…", "Loading the client book…"))
            book = load_book(store, actor)
        frame = export_frame(book, rows)
    stages.next(tr("写入 {name}…", "Writing {name}…", name=path.name))
    out = frame
    write_audited(
        store,
        actor,
        path,
        lambda tmp: write_table(out, tmp, headers),
        action="clients.export",
        entity_type="client",
        rows=len(frame),
        purpose=purpose,
        progress=progress,
    )
    stages.done()
    return len(frame)
