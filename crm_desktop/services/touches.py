"""Recording service touches (服务记录) through the standard six-step flow.

Rules a touch obeys: no future times; backdating more than 7 days needs a reason; edits within 24
hours of recording change the row in place, later edits add a new revision (the old one stays,
marked ``superseded``, readable in the history); nothing is deleted, only cancelled with a reason.
Saving a touch closes the matching open task. Concurrent edits of one touch end in ``Conflict``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from crm_desktop.db.models import Campaign, CampaignTarget, Client, ServiceTask, Staff, Touch
from crm_desktop.db.store import Store
from crm_desktop.db.types import utcnow
from crm_desktop.domain.labels import label_of
from crm_desktop.domain.vocabulary import Channel, Role, TaskSource, TaskStatus, TouchType
from crm_desktop.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
    SaveInDoubt,
    StoreUnavailable,
)
from crm_desktop.i18n import tr
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, require_role
from crm_desktop.services.tasks import close_task_in_session, find_open_task_in_session
from crm_desktop.services.visibility import (
    can_see_client,
    get_visible_client,
    may_see_personal_data,
    visible_clients,
)

# The standard flow, in order. Step 5 is the feedback text and/or satisfaction; step 6 the next step.
IDENTITY, NEEDS, CONTENT, RISK, FEEDBACK, NEXT_STEP = (
    "identity_verified",
    "needs_asked",
    "content_given",
    "risk_disclosed",
    "feedback",
    "next_step",
)
STEPS = (IDENTITY, NEEDS, CONTENT, RISK, FEEDBACK, NEXT_STEP)
# Set in the checklist when investment advice was given: advice always needs the risk disclosed.
ADVICE = "advice_given"

_T = TouchType
REQUIRED_STEPS: dict[str, frozenset[str]] = {
    _T.PHONE_CALL: frozenset({IDENTITY, NEEDS, CONTENT}),
    _T.VISIT: frozenset({IDENTITY, NEEDS, CONTENT, FEEDBACK}),
    _T.REVIEW_LETTER: frozenset({CONTENT}),
    _T.RISK_DISCLOSURE: frozenset({IDENTITY, CONTENT, RISK}),
    _T.RISK_REASSESSMENT: frozenset({IDENTITY, NEEDS, CONTENT}),
    _T.RETENTION_CALL: frozenset({IDENTITY, NEEDS, CONTENT, RISK, FEEDBACK, NEXT_STEP}),
    _T.MESSAGE: frozenset({CONTENT}),
    _T.GREETING: frozenset({CONTENT}),
    _T.COMPLAINT: frozenset({IDENTITY, NEEDS, CONTENT, FEEDBACK, NEXT_STEP}),
    _T.HANDOVER: frozenset({CONTENT}),
}

BACKDATE_LIMIT = timedelta(days=7)
EDIT_IN_PLACE = timedelta(hours=24)
# Workstation clocks drift a little; a touch "a minute from now" is not a future touch.
CLOCK_SKEW = timedelta(minutes=2)
# A person may not record these; the system writes them (reassignment handover).
# Campaign contacts are recorded with their response through the campaign (services.campaigns.respond).
SYSTEM_TYPES = frozenset({TouchType.HANDOVER.value, TouchType.CAMPAIGN.value})


def step_label(step: str) -> str:
    labels = {
        IDENTITY: tr("1 身份核实", "1 identity verified"),
        NEEDS: tr("2 了解需求与近况", "2 needs and situation asked"),
        CONTENT: tr("3 提供服务内容", "3 service content given"),
        RISK: tr("4 风险揭示", "4 risk disclosed"),
        FEEDBACK: tr("5 客户反馈与满意度", "5 client feedback and satisfaction"),
        NEXT_STEP: tr("6 下一步与回访日期", "6 next step and follow-up date"),
    }
    return labels[step]


def type_label(touch_type: str) -> str:
    return label_of(TouchType, touch_type)


def channel_label(channel: str) -> str:
    return label_of(Channel, channel)


def content_template(touch_type: str) -> str:
    """Step 3's starting text for a type: what the standard says to cover (the manager edits it)."""
    templates = {
        _T.PHONE_CALL: tr(
            "告知近期账户情况与市场要点；解答客户问题。",
            "Went over recent account activity and market points; answered the client's questions.",
        ),
        _T.VISIT: tr(
            "面谈回顾资产配置与持仓；介绍适合的服务与产品。",
            "Reviewed allocation and holdings in person; introduced suitable services and products.",
        ),
        _T.REVIEW_LETTER: tr(
            "寄送账户分析报告，说明期间资产、收益与风险要点。",
            "Sent the account-analysis letter covering assets, returns and risk points.",
        ),
        _T.RISK_DISCLOSURE: tr(
            "揭示所持产品/交易的风险，确认客户理解并知悉可能的损失。",
            "Disclosed the risks of the holdings/trading; the client confirmed understanding "
            "that losses are possible.",
        ),
        _T.RISK_REASSESSMENT: tr(
            "测评有效期将届满，已邀请客户通过公司适当性系统本人完成测评（未代填、未提示答案）。",
            "The assessment is about to expire; invited the client to complete it in the "
            "firm's suitability system in person (not filled in or prompted).",
        ),
        _T.RETENTION_CALL: tr(
            "了解客户不满或转出原因，提出改进的服务方案。",
            "Asked why the client is unhappy or moving assets; offered an improved service plan.",
        ),
        _T.MESSAGE: tr("发送服务消息。", "Sent a service message."),
        _T.GREETING: tr("致以问候与祝福。", "Sent greetings and good wishes."),
        _T.COMPLAINT: tr(
            "记录投诉内容，说明处理方案与时限。",
            "Recorded the complaint; explained the resolution and its timeline.",
        ),
        _T.HANDOVER: tr("客户移交给新的投资经理。", "Client handed over to a new investment manager."),
    }
    return templates.get(touch_type, "")  # type: ignore[call-overload]


def required_steps(touch_type: str, checklist: dict[str, Any] | None = None) -> frozenset[str]:
    req = REQUIRED_STEPS.get(touch_type, frozenset({CONTENT}))
    if checklist and checklist.get(ADVICE):
        req = req | {RISK}
    return req


@dataclass(frozen=True)
class TouchView:
    id: int
    root_id: int
    revision: int
    client_no: str
    client_name: str
    touch_type: str
    channel: str
    occurred_at: datetime
    summary: str
    checklist: dict[str, Any]
    satisfaction: int | None
    next_step: str | None
    follow_up_date: date | None
    backdate_reason: str | None
    status: str
    cancel_reason: str | None
    task_id: int | None
    manager_login: str | None
    created_by_login: str | None
    created_at: datetime
    version: int


@dataclass(frozen=True)
class EditResult:
    touch_id: int
    revision: int
    in_place: bool
    version: int


def local_date(moment: datetime) -> date:
    """The calendar day of a moment at this workstation (the branch's day)."""
    return moment.astimezone().date()


def _aware(moment: datetime) -> datetime:
    # A naive time comes from a person at this workstation: it is local time.
    return moment.astimezone(UTC)


def _text(value: str | None) -> str:
    return (value or "").strip()


def _check_fields(
    *,
    touch_type: str,
    channel: str,
    summary: str,
    occurred_at: datetime,
    recorded_at: datetime,
    now: datetime,
    checklist: dict[str, Any],
    satisfaction: int | None,
    next_step: str | None,
    follow_up_date: date | None,
    backdate_reason: str | None,
    enforce_checklist: bool,
) -> None:
    if touch_type not in {t.value for t in TouchType}:
        raise InvalidInput(
            tr(
                "服务类型 {t} 无效，可选：{ok}。",
                "Touch type {t} is invalid; use one of {ok}.",
                t=touch_type,
                ok=", ".join(t.value for t in TouchType if t.value not in SYSTEM_TYPES),
            )
        )
    if channel not in {c.value for c in Channel}:
        raise InvalidInput(
            tr(
                "渠道 {c} 无效，可选：{ok}。",
                "Channel {c} is invalid; use one of {ok}.",
                c=channel,
                ok=", ".join(c.value for c in Channel if c is not Channel.SYSTEM),
            )
        )
    if enforce_checklist and (touch_type in SYSTEM_TYPES or channel == Channel.SYSTEM):
        raise InvalidInput(
            tr(
                "“{t}”/“系统”渠道由系统自动记录，不能手工录入。",
                "“{t}” touches and the system channel are recorded by the system, not by hand.",
                t=type_label(touch_type),
            )
        )
    if not summary:
        raise InvalidInput(
            tr(
                "请填写服务摘要（做了什么、客户怎么说）。",
                "Write a summary (what was done and what the client said).",
            )
        )
    if occurred_at > now + CLOCK_SKEW:
        raise InvalidInput(
            tr(
                "服务时间 {at} 在将来：只能记录已经发生的服务。",
                "The time {at} is in the future: record only touches that have happened.",
                at=occurred_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            )
        )
    if recorded_at - occurred_at > BACKDATE_LIMIT and not _text(backdate_reason):
        raise InvalidInput(
            tr(
                "服务时间早于 7 天前（{at}）：补录需要填写补录原因。",
                "The time {at} is more than 7 days ago: a late entry needs a reason.",
                at=occurred_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            )
        )
    if satisfaction is not None and (isinstance(satisfaction, bool) or satisfaction not in range(1, 6)):
        raise InvalidInput(
            tr("满意度 {v} 无效：请填 1 到 5。", "Satisfaction {v} is invalid: use 1 to 5.", v=satisfaction)
        )
    if follow_up_date is not None and follow_up_date < local_date(occurred_at):
        raise InvalidInput(
            tr(
                "回访日期 {d} 早于本次服务日期，请改为之后的日期。",
                "The follow-up date {d} is before this touch; choose a later date.",
                d=follow_up_date,
            )
        )
    if not enforce_checklist:
        return
    done = {
        IDENTITY: bool(checklist.get(IDENTITY)),
        NEEDS: bool(checklist.get(NEEDS)),
        CONTENT: bool(_text(checklist.get(CONTENT)) or summary),
        RISK: bool(checklist.get(RISK)),
        FEEDBACK: bool(_text(checklist.get(FEEDBACK)) or satisfaction is not None),
        NEXT_STEP: bool(_text(next_step)),
    }
    missing = [s for s in STEPS if s in required_steps(touch_type, checklist) and not done[s]]
    if missing:
        raise InvalidInput(
            tr(
                "“{t}”需要完成服务流程中的：{steps}。",
                "A “{t}” needs these steps of the service flow: {steps}.",
                t=type_label(touch_type),
                steps="、".join(step_label(s) for s in missing),
            ),
            details=[step_label(s) for s in missing],
        )


def _check_adviser(session: Session, staff_id: int | None) -> None:
    """Investment advice is given only by a registered investment adviser (证券投资顾问 with 执业证书编号)."""
    staff = session.get(Staff, staff_id) if staff_id is not None else None
    if staff is None or "investment_adviser" not in (staff.qualifications or []) or not staff.adviser_reg_no:
        raise PermissionDenied(
            tr(
                "只有登记了执业证书编号的证券投资顾问才能提供投资建议：请取消“提供投资建议”，或由投资顾问记录本次服务。",
                "Only a registered investment adviser (with a registration number) may give advice: untick "
                "“advice given”, or let an adviser record this touch.",
            )
        )


def _check_actor(actor: Actor | None, client: Client) -> None:
    if actor is None:
        return
    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)
    if not can_see_client(actor, client):
        raise NotFound(
            tr(
                "找不到客户 {no}，或该客户不在您的权限范围内。",
                "Client {no} not found, or not among the clients you may see.",
                no=client.client_no,
            )
        )


def record_touch_in_session(
    session: Session,
    actor: Actor | None,
    client: Client,
    *,
    touch_type: str,
    channel: str,
    summary: str,
    occurred_at: datetime | None = None,
    task_id: int | None = None,
    checklist: dict[str, Any] | None = None,
    satisfaction: int | None = None,
    next_step: str | None = None,
    follow_up_date: date | None = None,
    backdate_reason: str | None = None,
    manager_id: int | None = None,
    enforce_checklist: bool = True,
    close_task: bool = True,
) -> Touch:
    """Validate and insert a touch in the caller's transaction, close the matching task, audit.

    The task closed is ``task_id`` when given, else the earliest open task of the touch's type;
    ``close_task=False`` closes none (the user said this touch completes no task).

    ``actor=None`` is for system jobs only and then ``enforce_checklist`` must be False. A risk
    reassessment touch records that the client was invited; the level itself comes only from the
    suitability system's import or an administrator's audited correction, never from a touch.
    """
    if actor is None and enforce_checklist:
        raise PermissionDenied(tr("需要登录后才能记录服务。", "Sign in to record a touch."))
    _check_actor(actor, client)
    now = utcnow()
    at = _aware(occurred_at) if occurred_at is not None else now
    summary = _text(summary)
    checklist = dict(checklist or {})
    _check_fields(
        touch_type=touch_type,
        channel=channel,
        summary=summary,
        occurred_at=at,
        recorded_at=now,
        now=now,
        checklist=checklist,
        satisfaction=satisfaction,
        next_step=next_step,
        follow_up_date=follow_up_date,
        backdate_reason=backdate_reason,
        enforce_checklist=enforce_checklist,
    )
    if checklist.get(ADVICE) and enforce_checklist:
        _check_adviser(session, manager_id if manager_id is not None else (actor.id if actor else None))

    task: ServiceTask | None = None
    if not close_task:
        if task_id is not None:
            raise InvalidInput(
                tr(
                    "不能同时指定要完成的任务和“不完成任务”。",
                    "A task to complete and 'complete no task' cannot both be given.",
                )
            )
    elif task_id is not None:
        task = session.get(ServiceTask, task_id)
        if task is None or task.client_id != client.id:
            raise InvalidInput(
                tr(
                    "任务 {id} 不存在或不属于客户 {no}。",
                    "Task {id} does not exist or is not for client {no}.",
                    id=task_id,
                    no=client.client_no,
                )
            )
    else:
        task = find_open_task_in_session(session, client.id, touch_type)
    if (
        task is not None
        and task.source == TaskSource.CAMPAIGN.value
        and touch_type != TouchType.CAMPAIGN.value
    ):
        raise InvalidInput(
            tr(
                "任务 {id} 是营销活动任务：请记录客户对该活动的反馈（服务记录表中选择该任务，或 crm campaign respond）。",
                "Task {id} is a campaign task: record the client's response to the campaign (choose the task "
                "in the touch form, or crm campaign respond).",
                id=task.id,
            )
        )

    touch = Touch(
        client_id=client.id,
        manager_id=manager_id if manager_id is not None else (actor.id if actor else client.manager_id),
        task_id=task.id if task else None,
        touch_type=touch_type,
        channel=channel,
        occurred_at=at,
        summary=summary,
        checklist=checklist,
        satisfaction=satisfaction,
        next_step=_text(next_step) or None,
        follow_up_date=follow_up_date,
        backdate_reason=_text(backdate_reason) or None,
        status="active",
        revision=1,
        created_by_id=actor.id if actor else None,
    )
    session.add(touch)
    session.flush()
    # The first row is its own root. Set without the ORM so a new touch starts at version 1.
    session.execute(
        update(Touch)
        .where(Touch.id == touch.id)
        .values(root_id=touch.id)
        .execution_options(synchronize_session=False, crm_change_clients=(client.id,))
    )
    set_committed_value(touch, "root_id", touch.id)
    closed = close_task_in_session(session, task.id, touch.id, at) if task is not None else False
    if follow_up_date is not None:
        _add_follow_up_task(session, client, touch, follow_up_date)
    try:
        session.flush()
    except StaleDataError as exc:
        raise _changed_meanwhile() from exc
    audit.record(
        session,
        actor,
        "touch.add",
        "touch",
        touch.id,
        client_no=client.client_no,
        type=touch_type,
        channel=channel,
        occurred_at=at.isoformat(),
        task_id=touch.task_id,
        task_closed=closed,
        task_already_closed=bool(task is not None and not closed),
    )
    return touch


def _add_follow_up_task(session: Session, client: Client, touch: Touch, due: date) -> None:
    key = f"follow_up:{touch.root_id or touch.id}:{due.isoformat()}"
    if session.scalar(select(ServiceTask.id).where(ServiceTask.dedupe_key == key)) is None:
        session.add(
            ServiceTask(
                client_id=client.id,
                manager_id=touch.manager_id,
                task_type=TouchType.PHONE_CALL.value,
                source="follow_up",
                due_date=due,
                status=TaskStatus.OPEN.value,
                dedupe_key=key,
                note=touch.next_step,
            )
        )


def _changed_meanwhile() -> Conflict:
    return Conflict(
        tr(
            "该记录刚被其他人修改。请刷新后查看最新内容，再决定是否修改。",
            "Someone else changed this record just now. Refresh, read the latest version, then decide "
            "whether to change it.",
        )
    )


def record_touch(store: Store, actor: Actor, client_no: str, **kwargs: Any) -> int:
    """Record a touch in its own transaction (GUI and CLI). Returns the new touch id.

    When the connection to the server drops while the transaction commits, the touch is either saved or
    not, and this says which: it looks for the touch (its id is known before the commit, and the touch,
    its task's closing and its audit row commit together or not at all). Saved: the id is returned as
    usual. Not saved: :class:`StoreUnavailable` says so. The server still unreachable:
    :class:`SaveInDoubt` carries the id for :func:`touch_saved` to answer once it is back.
    """
    touch_id: int | None = None
    try:
        with store.transaction() as session:
            client = get_visible_client(session, actor, client_no)
            touch = record_touch_in_session(session, actor, client, **kwargs)
            touch_id = touch.id
    except StoreUnavailable as exc:
        if not exc.in_doubt or touch_id is None:
            raise
        try:
            saved = touch_saved(store, actor, touch_id)
        except StoreUnavailable:
            raise SaveInDoubt(in_doubt_message(touch_id), record_id=touch_id) from exc
        if not saved:
            raise StoreUnavailable(_not_saved_message()) from exc
    assert touch_id is not None
    return touch_id


def touch_saved(store: Store, actor: Actor, touch_id: int) -> bool:
    """Whether a touch whose save was cut off was committed (after :class:`SaveInDoubt`)."""
    with store.read() as session:
        return session.scalar(select(Touch.id).where(Touch.id == touch_id)) is not None


def in_doubt_message(touch_id: int) -> str:
    return tr(
        "与服务器的连接在保存服务记录时中断，服务器仍无法连接，暂时无法确认是否已保存（记录号 {id}）。"
        "连接恢复后会核对并告知结果；在此之前请不要重复录入。",
        "The connection dropped while the touch was being saved and the server is still unreachable, so it "
        "is not known yet whether it was saved (record {id}). It is checked once the connection is back and "
        "you are told; until then, do not enter it again.",
        id=touch_id,
    )


def _not_saved_message() -> str:
    return tr(
        "与服务器的连接在保存时中断：这条服务记录没有保存，任务也没有关闭。表单中的内容仍在，连接恢复后请再次保存。",
        "The connection to the server dropped while saving: this touch was NOT saved and no task was closed. "
        "What you entered is still in the form; save again once the connection is back.",
    )


_UNSET: Any = object()


def _load_editable(session: Session, actor: Actor, touch_id: int, expected_version: int) -> Touch:
    touch = session.get(Touch, touch_id)
    client = session.get(Client, touch.client_id) if touch else None
    if touch is None or client is None or not can_see_client(actor, client):
        raise NotFound(
            tr(
                "找不到服务记录 {id}，或它不在您的权限范围内。",
                "Touch {id} not found, or not among the records you may see.",
                id=touch_id,
            )
        )
    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)
    if actor.is_investment_manager and touch.created_by_id != actor.id:
        raise PermissionDenied(
            tr(
                "只有记录人或营业部负责人可以修改这条服务记录。",
                "Only the person who recorded this touch or the branch manager may change it.",
            )
        )
    if touch.status == "superseded":
        newest = session.scalar(
            select(Touch.id).where(Touch.root_id == touch.root_id, Touch.status != "superseded")
        )
        raise Conflict(
            tr(
                "服务记录 {id} 已有更新的版本（记录 {new}）。请查看最新版本后再修改。",
                "Touch {id} has a newer revision (record {new}). Open the newest one before changing it.",
                id=touch_id,
                new=newest,
            )
        )
    if touch.status == "cancelled":
        raise Conflict(
            tr(
                "服务记录 {id} 已作废，不能再修改。",
                "Touch {id} was cancelled and cannot be changed.",
                id=touch_id,
            )
        )
    if touch.version != expected_version:
        raise _changed_meanwhile()
    return touch


def edit_touch(
    store: Store,
    actor: Actor,
    touch_id: int,
    *,
    expected_version: int,
    summary: str | None = None,
    channel: str | None = None,
    occurred_at: datetime | None = None,
    checklist: dict[str, Any] | None = None,
    satisfaction: int | None = _UNSET,
    next_step: str | None = _UNSET,
    follow_up_date: date | None = _UNSET,
    backdate_reason: str | None = _UNSET,
    edit_reason: str | None = None,
) -> EditResult:
    """Change a touch: in place within 24 hours of recording, else as a new revision.

    ``expected_version`` is the version the editor read; a different one (someone saved first)
    raises Conflict and nothing is overwritten.
    """
    with store.transaction() as session:
        touch = _load_editable(session, actor, touch_id, expected_version)
        if touch.touch_type == TouchType.CAMPAIGN.value:
            raise InvalidInput(
                tr(
                    "服务记录 {id} 是营销活动反馈，不能修改：客户的答复有变化时，请再记录一次反馈"
                    "（crm campaign respond），名单以最新一次为准，每次反馈都保留。",
                    "Touch {id} is a campaign response and cannot be changed: when the client's answer changes, "
                    "record the response again (crm campaign respond); the list keeps the latest, every "
                    "response stays.",
                    id=touch_id,
                )
            )
        client = session.get(Client, touch.client_id)
        assert client is not None
        now = utcnow()
        new: dict[str, Any] = {
            "summary": _text(summary) if summary is not None else touch.summary,
            "channel": channel if channel is not None else touch.channel,
            "occurred_at": _aware(occurred_at) if occurred_at is not None else touch.occurred_at,
            "checklist": dict(checklist) if checklist is not None else dict(touch.checklist),
            "satisfaction": touch.satisfaction if satisfaction is _UNSET else satisfaction,
            "next_step": touch.next_step if next_step is _UNSET else (_text(next_step) or None),
            "follow_up_date": touch.follow_up_date if follow_up_date is _UNSET else follow_up_date,
            "backdate_reason": touch.backdate_reason
            if backdate_reason is _UNSET
            else (_text(backdate_reason) or None),
        }
        # Backdating is judged against when the touch was first recorded, not against the edit.
        first = session.get(Touch, touch.root_id) if touch.root_id else touch
        _check_fields(
            touch_type=touch.touch_type,
            channel=new["channel"],
            summary=new["summary"],
            occurred_at=new["occurred_at"],
            recorded_at=first.created_at if first else now,
            now=now,
            checklist=new["checklist"],
            satisfaction=new["satisfaction"],
            next_step=new["next_step"],
            follow_up_date=new["follow_up_date"],
            backdate_reason=new["backdate_reason"],
            enforce_checklist=touch.channel != Channel.SYSTEM,
        )
        if new["checklist"].get(ADVICE) and not (touch.checklist or {}).get(ADVICE):
            _check_adviser(session, touch.manager_id)
        changed = {k: v for k, v in new.items() if getattr(touch, k) != v}
        if not changed:
            return EditResult(touch.id, touch.revision, True, touch.version)
        before = {k: _plain(getattr(touch, k)) for k in changed}
        in_place = now - touch.created_at <= EDIT_IN_PLACE
        try:
            if in_place:
                for k, v in changed.items():
                    setattr(touch, k, v)
                session.flush()
                result = EditResult(touch.id, touch.revision, True, touch.version)
            else:
                touch.status = "superseded"
                session.flush()
                rev = Touch(
                    client_id=touch.client_id,
                    manager_id=touch.manager_id,
                    task_id=touch.task_id,
                    touch_type=touch.touch_type,
                    status="active",
                    root_id=touch.root_id or touch.id,
                    revision=touch.revision + 1,
                    created_by_id=actor.id,
                    **new,
                )
                session.add(rev)
                session.flush()
                result = EditResult(rev.id, rev.revision, False, rev.version)
        except StaleDataError as exc:
            raise _changed_meanwhile() from exc
        if "follow_up_date" in changed and new["follow_up_date"] is not None:
            _add_follow_up_task(session, client, touch, new["follow_up_date"])
        audit.record(
            session,
            actor,
            "touch.edit",
            "touch",
            result.touch_id,
            root_id=touch.root_id,
            previous_id=touch.id,
            in_place=in_place,
            reason=_text(edit_reason) or None,
            before=before,
            after={k: _plain(v) for k, v in changed.items()},
        )
        return result


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def cancel_touch(store: Store, actor: Actor, touch_id: int, *, reason: str, expected_version: int) -> None:
    """Cancel (never delete) a touch. A task it had closed is reopened, since the work did not count."""
    if not _text(reason):
        raise InvalidInput(tr("作废服务记录需要填写原因。", "Cancelling a touch needs a reason."))
    with store.transaction() as session:
        touch = _load_editable(session, actor, touch_id, expected_version)
        touch.status = "cancelled"
        touch.cancel_reason = _text(reason)
        try:
            session.flush()
        except StaleDataError as exc:
            raise _changed_meanwhile() from exc
        reopened = None
        if touch.task_id is not None:
            task = session.get(ServiceTask, touch.task_id)
            revisions = set(session.scalars(select(Touch.id).where(Touch.root_id == touch.root_id)))
            if task is not None and task.status == TaskStatus.DONE and task.completed_touch_id in revisions:
                task.status = TaskStatus.OPEN.value
                task.completed_at = None
                task.completed_touch_id = None
                reopened = task.id
                try:
                    session.flush()
                except StaleDataError as exc:
                    raise _changed_meanwhile() from exc
        audit.record(
            session,
            actor,
            "touch.cancel",
            "touch",
            touch.id,
            reason=touch.cancel_reason,
            reopened_task_id=reopened,
        )


def _views(session: Session, query: Any) -> list[TouchView]:
    from sqlalchemy.orm import aliased

    mgr, creator = aliased(Staff), aliased(Staff)
    rows = session.execute(
        query.add_columns(Client.client_no, Client.name, mgr.login, creator.login)
        .join(Client, Client.id == Touch.client_id)
        .outerjoin(mgr, mgr.id == Touch.manager_id)
        .outerjoin(creator, creator.id == Touch.created_by_id)
    ).all()
    return [
        TouchView(
            t.id,
            t.root_id or t.id,
            t.revision,
            no,
            name,
            t.touch_type,
            t.channel,
            t.occurred_at,
            t.summary,
            dict(t.checklist or {}),
            t.satisfaction,
            t.next_step,
            t.follow_up_date,
            t.backdate_reason,
            t.status,
            t.cancel_reason,
            t.task_id,
            m_login,
            c_login,
            t.created_at,
            t.version,
        )
        for t, no, name, m_login, c_login in rows
    ]


def get_touch(store: Store, actor: Actor, touch_id: int) -> TouchView:
    with store.read() as session:
        found = _views(session, select(Touch).where(Touch.id == touch_id, visible_clients(actor)))
        if not found:
            raise NotFound(
                tr(
                    "找不到服务记录 {id}，或它不在您的权限范围内。",
                    "Touch {id} not found, or not among the records you may see.",
                    id=touch_id,
                )
            )
        return _for(actor, found)[0]


def touch_history(store: Store, actor: Actor, touch_id: int) -> list[TouchView]:
    """Every revision of the touch, oldest first (superseded ones included)."""
    with store.read() as session:
        root = session.scalar(select(Touch.root_id).where(Touch.id == touch_id))
        found = (
            _views(
                session,
                select(Touch).where(Touch.root_id == root, visible_clients(actor)).order_by(Touch.revision),
            )
            if root
            else []
        )
        if not found:
            raise NotFound(
                tr(
                    "找不到服务记录 {id}，或它不在您的权限范围内。",
                    "Touch {id} not found, or not among the records you may see.",
                    id=touch_id,
                )
            )
        return _for(actor, found)


def list_touches(
    store: Store,
    actor: Actor,
    *,
    client_no: str | None = None,
    since: date | None = None,
    include_inactive: bool = False,
    limit: int | None = None,
) -> list[TouchView]:
    """Touches of the clients the actor may see, newest first (current revisions unless asked)."""
    with store.read() as session:
        q = select(Touch).where(visible_clients(actor))
        if not include_inactive:
            q = q.where(Touch.status == "active")
        if client_no is not None:
            q = q.where(Client.client_no == client_no.strip())
        if since is not None:
            q = q.where(Touch.occurred_at >= datetime.combine(since, datetime.min.time()).astimezone(UTC))
        q = q.order_by(Touch.occurred_at.desc(), Touch.id.desc())
        if limit is not None:
            q = q.limit(limit)
        return _for(actor, _views(session, q))


def _for(actor: Actor, views: list[TouchView]) -> list[TouchView]:
    """What the actor may read of the touches: an administrator gets no client personal data.

    The family name only (张*), and none of the free texts (summary, next step, reasons), which talk
    about the client's money and life.
    """
    if may_see_personal_data(actor):
        return views
    from dataclasses import replace

    from crm_desktop.services.client_book import mask_name

    return [
        replace(
            v,
            client_name=mask_name(v.client_name),
            summary="",
            checklist={},
            next_step=None,
            backdate_reason=None,
            cancel_reason=None,
        )
        for v in views
    ]


@dataclass(frozen=True)
class ClientBrief:
    client_no: str
    name: str
    risk_level: str
    risk_assessed_on: date | None
    manager_login: str | None


def client_brief(store: Store, actor: Actor, client_no: str) -> ClientBrief:
    """What the touch form shows about the client (visibility checked)."""
    with store.read() as session:
        client = get_visible_client(session, actor, client_no)
        login = (
            session.scalar(select(Staff.login).where(Staff.id == client.manager_id))
            if client.manager_id
            else None
        )
        return ClientBrief(client.client_no, client.name, client.risk_level, client.risk_assessed_on, login)


@dataclass(frozen=True)
class OpenTask:
    """An open task of the client that a new touch may complete.

    A campaign task (``campaign_id`` set) is completed by recording the client's response to the
    campaign (``services.campaigns.respond``), which records the touch in the same transaction.
    """

    task_id: int
    task_type: str
    source: str
    due_date: date
    days_overdue: int
    campaign_id: int | None = None
    campaign_name: str = ""
    talking_points: str = ""
    product_code: str | None = None

    @property
    def is_campaign(self) -> bool:
        return self.campaign_id is not None

    def describe(self) -> str:
        """One line for a chooser: type, due date and how late, in the current language."""
        what = type_label(self.task_type)
        if self.is_campaign:
            what = tr("{t}【{name}】", "{t} “{name}”", t=what, name=self.campaign_name)
        text = tr(
            "{t}（{due} 到期）",
            "{t} (due {due})",
            t=what,
            due=self.due_date.isoformat(),
        )
        if self.days_overdue > 0:
            text += tr("，逾期 {n} 天", ", {n} days overdue", n=self.days_overdue)
        return text


def open_tasks_for(store: Store, actor: Actor, client_no: str, today: date) -> list[OpenTask]:
    """The client's open tasks, earliest due first (visibility checked): what a touch may complete.

    Campaign tasks come with their campaign (name, talking points, product): the touch form records
    the response on them instead of an ordinary touch.
    """
    with store.read() as session:
        client = get_visible_client(session, actor, client_no)
        rows = session.execute(
            select(
                ServiceTask.id,
                ServiceTask.task_type,
                ServiceTask.source,
                ServiceTask.due_date,
                Campaign.id,
                Campaign.name,
                Campaign.talking_points,
                Campaign.product_code,
            )
            .outerjoin(
                CampaignTarget,
                and_(
                    ServiceTask.source == TaskSource.CAMPAIGN.value,
                    CampaignTarget.task_id == ServiceTask.id,
                ),
            )
            .outerjoin(Campaign, Campaign.id == CampaignTarget.campaign_id)
            .where(
                ServiceTask.client_id == client.id,
                ServiceTask.status.in_(_OPEN_TASK_STATES),
            )
            .order_by(ServiceTask.due_date, ServiceTask.id)
        ).all()
    out = []
    for i, t, src, due, cid, name, points, product in rows:
        if src == TaskSource.CAMPAIGN.value and cid is None:
            continue  # a campaign task whose list no longer names it: nothing can be recorded on it
        out.append(
            OpenTask(i, t, src, due, max(0, (today - due).days), cid, name or "", points or "", product)
        )
    return out


def default_task(tasks: list[OpenTask], touch_type: str) -> OpenTask | None:
    """The task a touch of this type completes unless the user picks another: the earliest open one of
    the same type (what the service picks when no task is named); never a campaign task."""
    return next((t for t in tasks if t.task_type == touch_type and not t.is_campaign), None)


_OPEN_TASK_STATES = (TaskStatus.OPEN.value, TaskStatus.OVERDUE.value)
