"""A demo store that is ready to use: demo data, then a scoring run and the day's service tasks.

Without the scoring run the book would show no grades and the agenda no tasks, so both the GUI's
"load demo data" and ``crm demo`` go through here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy.engine import URL, make_url

from crm_desktop.db.store import Store, open_store, remove_sqlite_file, sqlite_file
from crm_desktop.demo.callbacks import add_demo_callbacks
from crm_desktop.demo.generator import (
    DEFAULT_CLIENTS,
    DEFAULT_SEED,
    DEMO_PASSWORD,
    DemoResult,
    create_demo_store,
)
from crm_desktop.i18n import tr

Progress = Callable[[int, int, str], None]

# Share of the progress bar per stage; the data load dominates.
_LOAD, _SCORE = 80, 15  # the task generation takes the rest


def score_and_plan(store: Store, as_of: date, say: Callable[[str], None] | None = None) -> int:
    """Score the demo branch and generate its service tasks as of ``as_of``; returns the clients scored."""
    from crm_desktop.services.scoring import run_scoring
    from crm_desktop.services.tasks import generate_tasks

    report = say or (lambda _text: None)
    add_demo_callbacks(store, as_of, DEMO_PASSWORD)  # before scoring: call-back satisfaction is scored
    report(tr("计算客户评分…", "Scoring the clients…"))
    summary = run_scoring(store, None, as_of)
    report(tr("生成服务待办…", "Generating service tasks…"))
    generate_tasks(store, None, as_of)
    return summary.client_count


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
    report = progress or (lambda done, total, text: None)
    path = sqlite_file(make_url(url) if isinstance(url, str) else url)
    if fresh and path is not None:
        remove_sqlite_file(path)

    def load_progress(done: int, total: int, text: str) -> None:
        report(int(_LOAD * done / max(total, 1)), 100, text)

    result = create_demo_store(url, clients, seed, as_of=as_of, progress=load_progress, cancel=cancel)
    if score:
        store = open_store(url, upgrade=True)
        stage = iter((_LOAD, _LOAD + _SCORE))
        try:
            score_and_plan(store, result.as_of, lambda text: report(next(stage), 100, text))
        finally:
            store.dispose()
    report(100, 100, "")
    return result
