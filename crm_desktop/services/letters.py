"""Account-analysis letters: gather one client's figures, render, store the record and the touch.

Generating a letter is one user action: the LetterRecord, the review-letter touch (which closes the
open review-letter task) and the audit entry commit together. Batches render in worker processes
and store each client's letter in its own transaction, so one failing client never stops the rest.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session, joinedload

from crm_desktop import clock
from crm_desktop.db.models import (
    AssetSnapshot,
    Client,
    ClientScore,
    Holding,
    LetterRecord,
    RiskProfile,
    Security,
    ServiceTask,
    Staff,
    Touch,
    Trade,
)
from crm_desktop.db.models.enums import Role, TaskStatus, TouchType
from crm_desktop.db.store import Store
from crm_desktop.domain.identifiers import file_part
from crm_desktop.domain.suitability import default_valid_until, is_risk_warning_name
from crm_desktop.domain.vocabulary import LOST_STATUSES
from crm_desktop.errors import Cancelled, CrmError, InvalidInput, NotFound
from crm_desktop.i18n import tr
from crm_desktop.letters.model import (
    AllocationSlice,
    BranchInfo,
    HoldingLine,
    LetterData,
    ManagerInfo,
    PeriodSummary,
    TradingSummary,
    TrendPoint,
)
from crm_desktop.letters.pool import WrittenLetter, init_worker, render_to_file, write_atomically
from crm_desktop.letters.render import render_letter
from crm_desktop.letters.risk_notes import (
    EngineFindings,
    assessment_text,
    board_risk_texts,
    client_risk_notes,
)
from crm_desktop.masking import mask_client_no
from crm_desktop.procpool import WorkerPool
from crm_desktop.progress import Progress, ensure
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, refresh_actor, require_role
from crm_desktop.services.exports import inside
from crm_desktop.services.suitability import load_config as load_suitability_config
from crm_desktop.services.visibility import can_see_client, get_visible_client, visible_clients

log = logging.getLogger(__name__)

TOP_HOLDINGS = 20
BOARD_ORDER = ("main", "chinext", "star", "bse")


# ---------------------------------------------------------------- periods


def default_period(as_of: date) -> tuple[date, date]:
    """The last calendar quarter that has ended on or before ``as_of``."""
    q_start_month = 3 * ((as_of.month - 1) // 3) + 1
    this_q_start = date(as_of.year, q_start_month, 1)
    this_q_end = _quarter_end(this_q_start)
    if this_q_end == as_of:
        return this_q_start, this_q_end
    prev_end = date.fromordinal(this_q_start.toordinal() - 1)
    return date(prev_end.year, prev_end.month - 2, 1), prev_end


def _quarter_end(q_start: date) -> date:
    m = q_start.month + 2
    nxt = date(q_start.year + (m // 12), m % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def resolve_period(as_of: date, period_start: date | None) -> tuple[date, date]:
    """Explicit start: the period runs to ``as_of``. Otherwise: the last calendar quarter."""
    if period_start is None:
        return default_period(as_of)
    if period_start > as_of:
        raise InvalidInput(
            tr(
                "报告期开始日 {start} 晚于报告日 {as_of}。请把开始日期设在报告日之前。",
                "The period start {start} is after the as-of date {as_of}. Choose a start before it.",
                start=period_start,
                as_of=as_of,
            )
        )
    return period_start, as_of


def letter_file_name(client_no: str, as_of: date) -> str:
    """The letter's file name; the client number is made safe for a file name (``domain.identifiers``)."""
    return f"{file_part(client_no)}_{as_of.isoformat()}.pdf"


# ---------------------------------------------------------------- gathering one client's figures


CHUNK = 400  # clients per bulk query: well under SQLite's bound-parameter limit


@dataclass
class _Account:
    """One client's rows, as fetched in bulk."""

    start: Any = None
    snaps: list[Any] = field(default_factory=list)
    holdings_date: date | None = None
    positions: list[Any] = field(default_factory=list)
    cash_row: Any = None
    trades: Any = None


def _fetch_accounts(
    session: Session, ids: Sequence[int], period_start: date, period_end: date
) -> dict[int, _Account]:
    """The letter's rows for many clients with a handful of queries (every query filters on client ids)."""
    acc = {cid: _Account() for cid in ids}
    if not ids:
        return acc
    ids = list(ids)
    last_before = (
        select(AssetSnapshot.client_id, func.max(AssetSnapshot.date).label("d"))
        .where(AssetSnapshot.client_id.in_(ids), AssetSnapshot.date < period_start)
        .group_by(AssetSnapshot.client_id)
        .subquery()
    )
    for row in session.execute(
        select(
            AssetSnapshot.client_id,
            AssetSnapshot.date,
            AssetSnapshot.total_assets,
            AssetSnapshot.securities_value,
        ).join(
            last_before,
            and_(last_before.c.client_id == AssetSnapshot.client_id, last_before.c.d == AssetSnapshot.date),
        )
    ):
        acc[row.client_id].start = row
    for snap in session.execute(
        select(
            AssetSnapshot.client_id,
            AssetSnapshot.date,
            AssetSnapshot.cash,
            AssetSnapshot.securities_value,
            AssetSnapshot.total_assets,
            AssetSnapshot.net_inflow,
        )
        .where(
            AssetSnapshot.client_id.in_(ids),
            AssetSnapshot.date >= period_start,
            AssetSnapshot.date <= period_end,
        )
        .order_by(AssetSnapshot.client_id, AssetSnapshot.date)
    ):
        acc[snap.client_id].snaps.append(snap)
    latest_holding = (
        select(Holding.client_id, func.max(Holding.date).label("d"))
        .where(Holding.client_id.in_(ids), Holding.date <= period_end)
        .group_by(Holding.client_id)
        .subquery()
    )
    for pos in session.execute(
        select(
            Holding.client_id,
            Holding.date,
            Holding.code,
            Holding.quantity,
            Holding.cost,
            Holding.market_value,
            Security.name,
            Security.industry,
            Security.board,
        )
        .join(
            latest_holding,
            and_(latest_holding.c.client_id == Holding.client_id, latest_holding.c.d == Holding.date),
        )
        .join(Security, Security.code == Holding.code)
        .where(Holding.quantity > 0)
    ):
        a = acc[pos.client_id]
        a.holdings_date = pos.date
        a.positions.append(pos)
    buy, sell = Trade.side == "buy", Trade.side == "sell"
    for agg in session.execute(
        select(
            Trade.client_id,
            func.count(Trade.id).label("n"),
            func.coalesce(func.sum(case((buy, Trade.amount), else_=0)), 0).label("buy"),
            func.coalesce(func.sum(case((sell, Trade.amount), else_=0)), 0).label("sell"),
            func.coalesce(func.sum(Trade.commission), 0).label("fee"),
        )
        .where(Trade.client_id.in_(ids), Trade.trade_date >= period_start, Trade.trade_date <= period_end)
        .group_by(Trade.client_id)
    ):
        acc[agg.client_id].trades = agg
    for cid, a in acc.items():
        if a.holdings_date is None:
            continue
        # Cash on the holdings date, so the allocation compares like with like.
        inside = [r for r in a.snaps if r.date <= a.holdings_date]
        if inside:
            a.cash_row = inside[-1]
        else:  # positions older than the period (rare): one look-up for this client
            a.cash_row = session.execute(
                select(AssetSnapshot.date, AssetSnapshot.cash)
                .where(AssetSnapshot.client_id == cid, AssetSnapshot.date <= a.holdings_date)
                .order_by(AssetSnapshot.date.desc())
                .limit(1)
            ).first()
    return acc


def gather_letters(
    session: Session,
    clients: Sequence[Client],
    *,
    as_of: date,
    period_start: date,
    period_end: date,
    comment: str | None = None,
) -> dict[int, LetterData]:
    """``{client_id: LetterData}`` for clients the caller has already checked the actor may see."""
    from crm_desktop.services.scoring import latest_client_scores

    out: dict[int, LetterData] = {}
    for i in range(0, len(clients), CHUNK):
        part = clients[i : i + CHUNK]
        ids = [c.id for c in part]
        accounts = _fetch_accounts(session, ids, period_start, period_end)
        scores = latest_client_scores(session, ids)
        profiles = _latest_profiles(session, ids, as_of)
        for c in part:
            out[c.id] = _letter_data(
                c,
                accounts[c.id],
                scores.get(c.id),
                as_of=as_of,
                period_start=period_start,
                period_end=period_end,
                comment=comment,
                profile=profiles.get(c.id),
            )
    return out


def gather_letter_data(
    session: Session,
    client: Client,
    *,
    as_of: date,
    period_start: date,
    period_end: date,
    comment: str | None = None,
) -> LetterData:
    """Every figure of one client's letter (the same code path as batches)."""
    return gather_letters(
        session, [client], as_of=as_of, period_start=period_start, period_end=period_end, comment=comment
    )[client.id]


def _latest_profiles(session: Session, ids: Sequence[int], as_of: date) -> dict[int, RiskProfile]:
    """The assessment in force on the letter's date, per client (none for clients never imported)."""
    out: dict[int, RiskProfile] = {}
    rows = session.scalars(
        select(RiskProfile)
        .where(RiskProfile.client_id.in_(ids), RiskProfile.assessed_on <= as_of)
        .order_by(RiskProfile.client_id, RiskProfile.assessed_on)
    )
    for p in rows:
        out[p.client_id] = p
    return out


def _letter_data(
    client: Client,
    a: _Account,
    score: ClientScore | None,
    *,
    as_of: date,
    period_start: date,
    period_end: date,
    comment: str | None,
    profile: RiskProfile | None = None,
) -> LetterData:

    snaps = a.snaps
    start_snap = a.start
    start_assets = Decimal(start_snap.total_assets) if start_snap else Decimal(0)
    end_assets = Decimal(snaps[-1].total_assets) if snaps else start_assets
    net_inflow = sum((Decimal(s.net_inflow) for s in snaps), Decimal(0))
    average = (sum((Decimal(s.total_assets) for s in snaps), Decimal(0)) / len(snaps)) if snaps else None
    summary = PeriodSummary(start_assets, end_assets, net_inflow, average)
    trend = (
        [TrendPoint(start_snap.date, Decimal(start_snap.total_assets), Decimal(start_snap.securities_value))]
        if start_snap
        else []
    )
    trend += [TrendPoint(s.date, Decimal(s.total_assets), Decimal(s.securities_value)) for s in snaps]

    holdings_date = a.holdings_date
    positions = list(a.positions)
    end_snap = snaps[-1] if snaps else None
    if (
        end_snap is not None
        and Decimal(end_snap.securities_value) == 0
        and (holdings_date is None or holdings_date < end_snap.date)
    ):
        # Sold out after the last position snapshot: the older positions are no longer held.
        holdings_date, positions = None, []
    positions.sort(key=lambda p: (-Decimal(p.market_value), p.code))
    held_value = sum((Decimal(p.market_value) for p in positions), Decimal(0))
    lines = tuple(
        HoldingLine(
            p.code,
            p.name,
            p.industry,
            Decimal(p.quantity),
            Decimal(p.market_value),
            Decimal(p.market_value) / held_value if held_value > 0 else Decimal(0),
            Decimal(p.market_value) - Decimal(p.cost),
        )
        for p in positions[:TOP_HOLDINGS]
    )

    alloc_date = holdings_date
    slices: list[AllocationSlice] = []
    if positions:
        cash = Decimal(a.cash_row.cash) if a.cash_row is not None else Decimal(0)
        by_board: dict[str, Decimal] = defaultdict(Decimal)
        for p in positions:
            by_board[p.board if p.board in BOARD_ORDER else "other"] += Decimal(p.market_value)
        slices = [AllocationSlice("cash", cash)] + [
            AllocationSlice(b, by_board[b]) for b in (*BOARD_ORDER, "other") if by_board.get(b)
        ]
    elif end_snap is not None:
        alloc_date = end_snap.date
        slices = [
            AllocationSlice("cash", Decimal(end_snap.cash)),
            AllocationSlice("other", Decimal(end_snap.securities_value)),
        ]

    t = a.trades
    buy_amount = Decimal(str(t.buy)) if t is not None else Decimal(0)
    sell_amount = Decimal(str(t.sell)) if t is not None else Decimal(0)
    trading = TradingSummary(
        int(t.n) if t is not None else 0,
        buy_amount,
        sell_amount,
        Decimal(str(t.fee)) if t is not None else Decimal(0),
        (buy_amount + sell_amount) / average if average and average > 0 else None,
    )

    findings = None
    if score is not None:
        findings = EngineFindings(
            score.churn_risk,
            bool(score.suitability_mismatch),
            score.risk_style,
            float(score.largest_position_share),
        )
    notes = client_risk_notes(
        summary=summary, holdings=lines, risk_level=client.risk_level, findings=findings
    )
    assessed: date | None
    until: date | None
    if profile is not None:
        level, assessed, until = profile.level, profile.assessed_on, profile.valid_until
        professional = profile.investor_class == "professional"
    else:
        level, assessed, professional = client.risk_level, client.risk_assessed_on, False
        until = default_valid_until(assessed, load_suitability_config()) if assessed else None
    assessment = assessment_text(
        level=level, assessed_on=assessed, valid_until=until, professional=professional
    )
    boards = board_risk_texts(
        (p.board for p in positions), risk_warning=any(is_risk_warning_name(p.name) for p in positions)
    )

    branch = client.branch
    manager = client.manager
    return LetterData(
        branch=BranchInfo(branch.name, branch.address, branch.phone, branch.logo_png),
        client_name=client.name,
        client_no_masked=mask_client_no(client.client_no),
        risk_level=level,
        manager=ManagerInfo(manager.display_name, manager.phone, manager.email, manager.adviser_reg_no)
        if manager
        else None,
        period_start=period_start,
        period_end=period_end,
        as_of=as_of,
        summary=summary,
        trend=tuple(trend),
        allocation=tuple(slices),
        allocation_date=alloc_date,
        holdings=lines,
        holdings_date=holdings_date,
        holdings_count=len(positions),
        trading=trading,
        risk_notes=notes,
        comment=(comment or "").strip() or None,
        assessment_text=assessment,
        board_risks=boards,
    )


# ---------------------------------------------------------------- one letter


@dataclass(frozen=True)
class LetterResult:
    record_id: int
    client_no: str
    file_name: str
    path: Path | None
    pages: int
    size_bytes: int
    sha256: str
    touch_id: int | None
    period_start: date
    period_end: date
    pdf: bytes = field(repr=False, default=b"")
    # the review-letter task the letter's touch completed; None when the client had none open
    closed_task_id: int | None = None


def _check_may_print(actor: Actor) -> None:
    # Admins manage data but never see client personal data, and a letter is nothing but that.
    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)


def _store_record(
    session: Session,
    actor: Actor,
    client: Client,
    *,
    as_of: date,
    period_start: date,
    period_end: date,
    file_name: str,
    sha256: str,
    pages: int,
    size_bytes: int,
    comment: str | None,
) -> tuple[int, Touch]:
    from crm_desktop.services.touches import record_touch_in_session

    summary = tr(
        "寄送账户分析报告（{start} 至 {end}）",
        "Account-analysis letter sent ({start} to {end})",
        start=period_start.isoformat(),
        end=period_end.isoformat(),
    )
    touch = record_touch_in_session(
        session,
        actor,
        client,
        touch_type=TouchType.REVIEW_LETTER.value,
        channel="mail",
        summary=summary,
        manager_id=client.manager_id if client.manager_id is not None else actor.id,
        enforce_checklist=False,
    )
    rec = LetterRecord(
        client_id=client.id,
        manager_id=client.manager_id,
        generated_by_id=actor.id,
        as_of=as_of,
        period_start=period_start,
        period_end=period_end,
        file_name=file_name,
        sha256=sha256,
        pages=pages,
        size_bytes=size_bytes,
        comment=(comment or "").strip() or None,
        touch_id=touch.id,
    )
    session.add(rec)
    session.flush()
    audit.record(
        session,
        actor,
        "letter.generate",
        "letter",
        rec.id,
        client_no=client.client_no,
        period_start=period_start.isoformat(),
        period_end=period_end.isoformat(),
        as_of=as_of.isoformat(),
        file_name=file_name,
        sha256=sha256,
        pages=pages,
        touch_id=touch.id,
    )
    return rec.id, touch


def generate_letter(
    store: Store,
    actor: Actor,
    client_no: str,
    *,
    as_of: date | None = None,
    period_start: date | None = None,
    comment: str | None = None,
    out_dir: Path | None = None,
    deterministic: bool = True,
) -> LetterResult:
    """Render one client's letter, write it to ``out_dir`` (when given) and record it with its touch.

    Deterministic by default: the PDF's dates are the as-of date, so regenerating gives the same bytes.
    """
    _check_may_print(actor)
    as_of = as_of or clock.today()
    start, end = resolve_period(as_of, period_start)
    path: Path | None = None
    try:
        with store.transaction() as session:
            refresh_actor(session, actor)
            client = get_visible_client(session, actor, client_no)
            data = gather_letter_data(
                session, client, as_of=as_of, period_start=start, period_end=end, comment=comment
            )
            letter = render_letter(data, deterministic=deterministic)
            digest = hashlib.sha256(letter.pdf).hexdigest()
            name = letter_file_name(client.client_no, as_of)
            if out_dir is not None:
                path = inside(_prepare_dir(out_dir), name)
                write_atomically(path, letter.pdf)
            rec_id, touch = _store_record(
                session,
                actor,
                client,
                as_of=as_of,
                period_start=start,
                period_end=end,
                file_name=name,
                sha256=digest,
                pages=letter.pages,
                size_bytes=len(letter.pdf),
                comment=comment,
            )
            session.flush()
            number = client.client_no
            touch_id, closed_task_id = touch.id, touch.task_id
    except BaseException:
        # No record, no touch (the commit failed or anything before it): the file must not stay either.
        if path is not None:
            path.unlink(missing_ok=True)
        raise
    return LetterResult(
        rec_id,
        number,
        name,
        path,
        letter.pages,
        len(letter.pdf),
        digest,
        touch_id,
        start,
        end,
        letter.pdf,
        closed_task_id,
    )


def preview_letter(
    store: Store,
    actor: Actor,
    client_no: str,
    *,
    as_of: date | None = None,
    period_start: date | None = None,
    comment: str | None = None,
) -> bytes:
    """The letter as it would be generated, without recording anything (for a draft look)."""
    _check_may_print(actor)
    as_of = as_of or clock.today()
    start, end = resolve_period(as_of, period_start)
    with store.read() as session:
        client = get_visible_client(session, actor, client_no)
        data = gather_letter_data(
            session, client, as_of=as_of, period_start=start, period_end=end, comment=comment
        )
    return render_letter(data, deterministic=True).pdf


def _prepare_dir(out_dir: Path) -> Path:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(
            tr(
                "无法创建输出目录 {dir}：{err}。请选择一个可写的目录。",
                "Cannot create the output folder {dir}: {err}. Choose a writable folder.",
                dir=out_dir,
                err=exc.strerror or exc,
            )
        ) from exc
    if not os.access(out_dir, os.W_OK):
        raise InvalidInput(
            tr(
                "输出目录 {dir} 不可写。请选择一个可写的目录。",
                "The output folder {dir} is not writable. Choose a writable folder.",
                dir=out_dir,
            )
        )
    return out_dir


# ---------------------------------------------------------------- choosing clients for a batch


@dataclass(frozen=True)
class LetterCandidate:
    client_no: str
    name: str
    manager_name: str | None
    grade: str | None
    due_date: date | None


def due_letter_clients(store: Store, actor: Actor, as_of: date | None = None) -> list[LetterCandidate]:
    """Visible clients with an open or overdue review-letter task due on or before ``as_of``."""
    _check_may_print(actor)
    as_of = as_of or clock.today()
    with store.read() as session:
        rows = session.execute(
            select(
                Client.id, Client.client_no, Client.name, Staff.display_name, func.min(ServiceTask.due_date)
            )
            .join(ServiceTask, ServiceTask.client_id == Client.id)
            .outerjoin(Staff, Staff.id == Client.manager_id)
            .where(
                visible_clients(actor),
                ServiceTask.task_type == TouchType.REVIEW_LETTER.value,
                ServiceTask.status.in_([TaskStatus.OPEN.value, TaskStatus.OVERDUE.value]),
                ServiceTask.due_date <= as_of,
            )
            .group_by(Client.id, Client.client_no, Client.name, Staff.display_name)
            .order_by(func.min(ServiceTask.due_date), Client.client_no)
        ).all()
        grades = _grades(session, [r[0] for r in rows])
    return [LetterCandidate(r[1], r[2], r[3], grades.get(r[0]), r[4]) for r in rows]


def select_letter_clients(
    store: Store,
    actor: Actor,
    *,
    grades: Sequence[str] | None = None,
    manager_id: int | None = None,
) -> list[LetterCandidate]:
    """Visible, not closed clients, optionally of some grades (latest run) and/or one manager."""
    _check_may_print(actor)
    with store.read() as session:
        q = (
            select(Client.id, Client.client_no, Client.name, Staff.display_name)
            .outerjoin(Staff, Staff.id == Client.manager_id)
            .where(visible_clients(actor), Client.status.not_in(LOST_STATUSES))
            .order_by(Client.client_no)
        )
        if manager_id is not None:
            q = q.where(Client.manager_id == manager_id)
        rows = session.execute(q).all()
        graded = _grades(session, [r[0] for r in rows])
    wanted = set(grades or ())
    return [
        LetterCandidate(r[1], r[2], r[3], graded.get(r[0]), None)
        for r in rows
        if not wanted or graded.get(r[0]) in wanted
    ]


def _grades(session: Session, client_ids: list[int]) -> dict[int, str]:
    from crm_desktop.services.scoring import latest_client_scores

    return {cid: s.grade for cid, s in latest_client_scores(session, client_ids).items()}


# ---------------------------------------------------------------- batches


@dataclass(frozen=True)
class BatchFailure:
    client_no: str
    message: str


@dataclass
class BatchResult:
    out_dir: Path
    letters: list[LetterResult] = field(default_factory=list)
    failures: list[BatchFailure] = field(default_factory=list)
    merged_path: Path | None = None
    cancelled: bool = False
    # seconds spent per stage, summed over clients (render: inside the workers)
    stage_seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    wall_seconds: float = 0.0


def _message(exc: BaseException) -> str:
    return exc.message if isinstance(exc, CrmError) else f"{type(exc).__name__}: {exc}"


def generate_batch(
    store: Store,
    actor: Actor,
    client_nos: Sequence[str],
    out_dir: Path,
    *,
    as_of: date | None = None,
    period_start: date | None = None,
    comment: str | None = None,
    merged_path: Path | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    deterministic: bool = True,
) -> BatchResult:
    """One PDF per client in ``out_dir`` (and optionally one merged PDF), rendered on all cores.

    The parent reads the figures in bulk (a few queries per few hundred clients) and stores the
    letters; worker processes render and write the files. Each letter's record, touch and audit
    entry sit in their own savepoint, so a client that fails is reported in ``failures`` and the
    batch goes on. Cancelling ``progress`` stops handing out work; letters already written are kept and
    recorded, and the result says ``cancelled`` (the batch does not raise :class:`Cancelled`).
    """
    _check_may_print(actor)
    as_of = as_of or clock.today()
    start, end = resolve_period(as_of, period_start)
    out = _prepare_dir(out_dir)
    result = BatchResult(out)
    t_wall = time.perf_counter()
    todo = list(dict.fromkeys(c.strip() for c in client_nos if c.strip()))
    total = len(todo)
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    counter = {"done": 0}
    p = ensure(progress)

    def report(text: str) -> None:
        p.step(counter["done"], total, text)

    def is_cancelled() -> bool:
        try:
            p.check()
        except Cancelled:
            return True
        return False

    failed: set[str] = set()

    def fail(number: str, exc: BaseException | str) -> None:
        failed.add(number)
        result.failures.append(BatchFailure(number, exc if isinstance(exc, str) else _message(exc)))

    def gathered() -> Iterator[tuple[str, LetterData | None]]:
        """Letter data chunk by chunk, in the order asked for; None for a client that failed."""
        step = max(16, n_workers * 8)
        for i in range(0, total, step):
            chunk = todo[i : i + step]
            t0 = time.perf_counter()
            found: dict[str, LetterData] = {}
            try:
                with store.read() as session:
                    refresh_actor(session, actor)
                    clients = _load_visible(session, actor, chunk)
                    data = gather_letters(
                        session,
                        list(clients.values()),
                        as_of=as_of,
                        period_start=start,
                        period_end=end,
                        comment=comment,
                    )
                    found = {no: data[c.id] for no, c in clients.items()}
            except Exception as exc:
                for number in chunk:
                    fail(number, exc)
            result.stage_seconds["gather"] += time.perf_counter() - t0
            for number in chunk:
                if number not in found and number not in failed:
                    fail(number, _not_found(number))
                yield number, found.get(number)

    def record(items: list[tuple[str, WrittenLetter]]) -> None:
        if not items:
            return
        t0 = time.perf_counter()
        stored: list[LetterResult] = []
        try:
            with store.transaction() as session:
                refresh_actor(session, actor)
                clients = _load_visible(session, actor, [n for n, _ in items])
                for number, written in items:
                    result.stage_seconds["render"] += written.seconds
                    name = Path(written.path).name
                    client = clients.get(number)
                    try:
                        if client is None:
                            raise _not_found(number)
                        with session.begin_nested():
                            rec_id, touch = _store_record(
                                session,
                                actor,
                                client,
                                as_of=as_of,
                                period_start=start,
                                period_end=end,
                                file_name=name,
                                sha256=written.sha256,
                                pages=written.pages,
                                size_bytes=written.size_bytes,
                                comment=comment,
                            )
                    except Exception as exc:
                        # No record, no touch: the file must not go out either.
                        Path(written.path).unlink(missing_ok=True)
                        fail(number, exc)
                        continue
                    stored.append(
                        LetterResult(
                            rec_id,
                            number,
                            name,
                            Path(written.path),
                            written.pages,
                            written.size_bytes,
                            written.sha256,
                            touch.id,
                            start,
                            end,
                            closed_task_id=touch.task_id,
                        )
                    )
        except Exception as exc:
            for r in stored:
                if r.path is not None:
                    r.path.unlink(missing_ok=True)
                fail(r.client_no, exc)
            stored = []
        result.letters.extend(stored)
        result.stage_seconds["record"] += time.perf_counter() - t0

    report(tr("准备生成 {n} 份报告…", "Preparing {n} letters…", n=total))
    source = gathered()
    if n_workers <= 1 or total <= 2:
        init_worker()
        for number, data in source:
            if is_cancelled():
                result.cancelled = True
                break
            if data is not None:
                try:
                    written = render_to_file(
                        data, str(inside(out, letter_file_name(number, as_of))), deterministic
                    )
                except Exception as exc:
                    fail(number, exc)
                else:
                    record([(number, written)])
            counter["done"] += 1
            report(number)
    else:
        window = n_workers * 6
        with WorkerPool(n_workers, init_worker) as pool:
            pending: dict[Future[WrittenLetter], str] = {}
            exhausted = False
            while True:
                while not exhausted and len(pending) < window and not is_cancelled():
                    item = next(source, None)
                    if item is None:
                        exhausted = True
                        break
                    number, data = item
                    if data is None:
                        counter["done"] += 1
                        report(number)
                        continue
                    path = str(inside(out, letter_file_name(number, as_of)))
                    pending[pool.submit(render_to_file, data, path, deterministic)] = number
                if is_cancelled() and not result.cancelled:
                    result.cancelled = True
                    for fut in list(pending):
                        if fut.cancel():
                            pending.pop(fut)
                if not pending:
                    break
                try:
                    # Once cancelled, the letters already rendering are awaited and kept.
                    finished = pool.wait_any(pending, None if result.cancelled else p)
                except Cancelled:
                    continue
                batch: list[tuple[str, WrittenLetter]] = []
                for fut in finished:
                    number = pending.pop(fut)
                    try:
                        batch.append((number, fut.result()))
                    except Exception as exc:
                        fail(number, exc)
                record(batch)
                counter["done"] += len(finished)
                report(batch[-1][0] if batch else "")
    order = {n: i for i, n in enumerate(todo)}
    result.letters.sort(key=lambda r: order[r.client_no])
    result.failures.sort(key=lambda f: order.get(f.client_no, -1))
    if merged_path is not None and result.letters:
        t0 = time.perf_counter()
        report(tr("正在合并打印文件…", "Merging the print file…"))
        result.merged_path = merge_pdfs([r.path for r in result.letters if r.path], merged_path)
        result.stage_seconds["merge"] += time.perf_counter() - t0
    result.wall_seconds = time.perf_counter() - t_wall
    log.info(
        "letters batch: %d written, %d failed, cancelled=%s, %.1fs",
        len(result.letters),
        len(result.failures),
        result.cancelled,
        result.wall_seconds,
    )
    return result


def _not_found(number: str) -> NotFound:
    return NotFound(
        tr(
            "找不到客户 {no}，或该客户不在您的权限范围内。",
            "Client {no} not found, or not among the clients you may see.",
            no=number,
        )
    )


def _load_visible(session: Session, actor: Actor, numbers: Sequence[str]) -> dict[str, Client]:
    """The clients among ``numbers`` that the actor may see, with branch and manager loaded."""
    rows = session.scalars(
        select(Client)
        .options(joinedload(Client.branch), joinedload(Client.manager))
        .where(Client.client_no.in_(list(numbers)))
    ).all()
    return {c.client_no: c for c in rows if can_see_client(actor, c)}


def merge_pdfs(paths: Sequence[Path], target: Path) -> Path:
    """One PDF for the printer, letters in the given order (each starts on its own sheet side)."""
    from pypdf import PdfWriter

    target.parent.mkdir(parents=True, exist_ok=True)
    writer = PdfWriter()
    for p in paths:
        writer.append(str(p))
    tmp = target.with_name(f".{target.name}.tmp")
    with tmp.open("wb") as fh:
        writer.write(fh)
    writer.close()
    os.replace(tmp, target)
    return target


# ---------------------------------------------------------------- history


@dataclass(frozen=True)
class LetterHistoryRow:
    id: int
    client_no: str
    client_name: str
    manager_name: str | None
    generated_by: str | None
    as_of: date
    period_start: date
    period_end: date
    file_name: str
    pages: int
    size_bytes: int
    created_at: object


def letter_history(
    store: Store, actor: Actor, *, client_no: str | None = None, limit: int = 500
) -> list[LetterHistoryRow]:
    """Letters generated for the clients this actor may see, newest first."""
    _check_may_print(actor)
    gen = Staff.__table__.alias("gen")
    mgr = Staff.__table__.alias("mgr")
    q = (
        select(
            LetterRecord.id,
            Client.client_no,
            Client.name,
            mgr.c.display_name,
            gen.c.display_name,
            LetterRecord.as_of,
            LetterRecord.period_start,
            LetterRecord.period_end,
            LetterRecord.file_name,
            LetterRecord.pages,
            LetterRecord.size_bytes,
            LetterRecord.created_at,
        )
        .join(Client, Client.id == LetterRecord.client_id)
        .outerjoin(mgr, mgr.c.id == LetterRecord.manager_id)
        .outerjoin(gen, gen.c.id == LetterRecord.generated_by_id)
        .where(visible_clients(actor))
        .order_by(LetterRecord.created_at.desc(), LetterRecord.id.desc())
        .limit(limit)
    )
    if client_no:
        q = q.where(Client.client_no == client_no.strip())
    with store.read() as session:
        return [LetterHistoryRow(*r) for r in session.execute(q).all()]


@dataclass(frozen=True)
class ManagerChoice:
    id: int
    login: str
    display_name: str


def letter_managers(store: Store, actor: Actor) -> list[ManagerChoice]:
    """Managers whose books this actor may batch-print: themselves, or everyone in the branch."""
    _check_may_print(actor)
    with store.read() as session:
        q = (
            select(Staff.id, Staff.login, Staff.display_name)
            .where(Staff.role == Role.INVESTMENT_MANAGER.value)
            .order_by(Staff.login)
        )
        if actor.is_investment_manager:
            q = q.where(Staff.id == actor.id)
        elif actor.branch_id is not None:
            q = q.where(Staff.branch_id == actor.branch_id)
        return [ManagerChoice(*r) for r in session.execute(q).all()]


def letter_client(store: Store, actor: Actor, client_no: str) -> LetterCandidate:
    """Who the letter is for (name, manager, grade), for the generate dialog's heading."""
    _check_may_print(actor)
    with store.read() as session:
        client = get_visible_client(session, actor, client_no)
        grade = _grades(session, [client.id]).get(client.id)
        manager = client.manager.display_name if client.manager else None
        return LetterCandidate(client.client_no, client.name, manager, grade, None)
