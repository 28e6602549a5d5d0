"""A demo store that is ready to use: demo data, then a scoring run and the day's service tasks.

Without the scoring run the book would show no grades and the agenda no tasks, so both the GUI's
"load demo data" and ``crm demo`` go through here.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import URL, make_url

from crm_desktop.db import rls
from crm_desktop.db.store import Store, open_store, remove_sqlite_file, sqlite_file
from crm_desktop.demo import stories
from crm_desktop.demo.callbacks import add_demo_callbacks
from crm_desktop.demo.generator import (
    DEFAULT_CLIENTS,
    DEFAULT_SEED,
    DEMO_PASSWORD,
    DemoResult,
    create_demo_store,
)
from crm_desktop.i18n import tr
from crm_desktop.progress import Progress, ensure, span

# Share of the progress bar for the data load, which dominates; scoring and tasks share the rest 3:1.
_LOAD = 80


def score_and_plan(store: Store, as_of: date, progress: Progress | None = None) -> int:
    """Score the demo branch and generate its service tasks as of ``as_of``; returns the clients scored.
    Maintenance as no signed-in person: under PostgreSQL row-level security, in the firm's scope."""
    with rls.firm_scope(store):
        return _score_and_plan(store, as_of, progress)


def _score_and_plan(store: Store, as_of: date, progress: Progress | None = None) -> int:
    from crm_desktop.demo.campaigns import add_demo_campaigns
    from crm_desktop.demo.flow import add_demo_flow
    from crm_desktop.demo.suitability import add_demo_suitability
    from crm_desktop.services.scoring import run_scoring
    from crm_desktop.services.tasks import generate_tasks

    p = ensure(progress)
    p.check()
    # Before scoring and tasks: the suitability records move assessment dates, which tasks count from.
    p.step(0, 4, tr("适当性记录与检查…", "Suitability records and check…"))
    add_demo_suitability(store, as_of)
    p.check()
    add_demo_flow(store, as_of)  # before scoring: scoring and the book read the statuses
    add_demo_callbacks(store, as_of, DEMO_PASSWORD)  # before scoring: call-back satisfaction is scored
    p.step(1, 4, tr("计算客户评分…", "Scoring the clients…"))
    summary = run_scoring(store, None, as_of)
    p.check()
    add_demo_campaigns(store, as_of)  # after scoring: campaign segments read the grades
    p.step(3, 4, tr("生成服务待办…", "Generating service tasks…"))
    generate_tasks(store, None, as_of)
    add_reassignment_story(store)
    p.step(4, 4, "")
    return summary.client_count


def add_reassignment_story(store: Store) -> int | None:
    """The reassignment story (docs/demo.md): the client asked for a more experienced manager; their
    manager filed the request and it waits for the branch manager. Returns the request id, or None when
    the demo has no such story client or the request is already there."""
    from sqlalchemy import select

    from crm_desktop.db.models import Client, ReassignmentRequest, Staff
    from crm_desktop.db.models.enums import Role
    from crm_desktop.services.auth import login
    from crm_desktop.services.reassignment import request_reassignment

    with store.read() as s:
        row = s.execute(
            select(Client.id, Staff.login)
            .join(Staff, Staff.id == Client.manager_id)
            .where(Client.client_no == stories.REASSIGNMENT.client_no)
        ).first()
        if row is None or s.scalar(
            select(ReassignmentRequest.id).where(ReassignmentRequest.client_id == row[0])
        ):
            return None
        # The most experienced other manager (earliest hire date).
        target = s.scalar(
            select(Staff.login)
            .where(Staff.role == Role.INVESTMENT_MANAGER.value, Staff.login != row[1])
            .order_by(Staff.hire_date, Staff.login)
        )
    if target is None:
        return None
    actor = login(store, row[1], DEMO_PASSWORD)
    ids = request_reassignment(
        store, actor, [stories.REASSIGNMENT.client_no], target, "client_request", stories.REASSIGNMENT_COMMENT
    )
    return ids[0]


def prepare_demo(
    url: URL | str,
    clients: int = DEFAULT_CLIENTS,
    seed: int = DEFAULT_SEED,
    *,
    as_of: date | None = None,
    fresh: bool = False,
    score: bool = True,
    progress: Progress | None = None,
) -> DemoResult:
    """Fill the store at ``url`` with demo data, score it and generate the day's tasks."""
    p = ensure(progress)
    path = sqlite_file(make_url(url) if isinstance(url, str) else url)
    if fresh and path is not None:
        remove_sqlite_file(path)
    result = create_demo_store(url, clients, seed, as_of=as_of, progress=span(p, 0, _LOAD))
    if score:
        store = open_store(url, upgrade=True)
        try:
            score_and_plan(store, result.as_of, span(p, _LOAD, 100))
        finally:
            store.dispose()
    p.step(100, 100, "")
    return result
