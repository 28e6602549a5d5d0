"""A demo store that is ready to use: demo data, then a scoring run and the day's service tasks.

Without the scoring run the book would show no grades and the agenda no tasks, so both the GUI's
"load demo data" and ``crm demo`` go through here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from crm_desktop.db.store import open_store
from crm_desktop.i18n import tr
from crm_desktop.services.demo import DEFAULT_CLIENTS, DEFAULT_SEED, DemoResult, create_demo_store

Progress = Callable[[int, int, str], None]

# Share of the progress bar per stage; the data load dominates.
_LOAD, _SCORE, _TASKS = 80, 15, 5


def remove_sqlite_file(url: URL | str) -> None:
    """Delete an SQLite store and its WAL files (for a fresh ``--demo`` store only)."""
    parsed = make_url(url) if isinstance(url, str) else url
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{Path(parsed.database).expanduser()}{suffix}").unlink(missing_ok=True)


def prepare_demo(
    url: URL | str,
    clients: int = DEFAULT_CLIENTS,
    seed: int = DEFAULT_SEED,
    *,
    as_of: date | None = None,
    fresh: bool = False,
    score: bool = True,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> DemoResult:
    """Fill the store at ``url`` with demo data, score it and generate the day's tasks."""
    from crm_desktop.services.scoring import run_scoring
    from crm_desktop.services.tasks import generate_tasks

    report = progress or (lambda done, total, text: None)
    if fresh:
        remove_sqlite_file(url)

    def load_progress(done: int, total: int, text: str) -> None:
        report(int(_LOAD * done / max(total, 1)), 100, text)

    result = create_demo_store(url, clients, seed, as_of=as_of, progress=load_progress, cancel=cancel)
    if not score:
        report(100, 100, "")
        return result
    store = open_store(url, upgrade=True)
    try:
        report(_LOAD, 100, tr("计算客户评分…", "Scoring the clients…"))
        run_scoring(store, None, result.as_of)
        report(_LOAD + _SCORE, 100, tr("生成服务待办…", "Generating service tasks…"))
        generate_tasks(store, None, result.as_of)
        report(100, 100, "")
    finally:
        store.dispose()
    return result
