"""The shared server goes away mid-session: a proxy between the app and PostgreSQL cuts the connections.

The services raise :class:`StoreUnavailable` (exit code 6) while it is cut, the same Store works again
once it is restored (no restart: the pool pings and replaces its dead connections), and a touch whose
commit is cut off is reported saved or not saved according to what the server did.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from crm_desktop.cli.main import main
from crm_desktop.db.models import AuditLog, ServiceTask, Touch
from crm_desktop.db.store import Store, open_store
from crm_desktop.errors import SaveInDoubt, StoreUnavailable
from crm_desktop.services import clients, tasks, touches
from crm_desktop.services.auth import login, start_session
from tests.conftest import PG_URL
from tests.factories import PASSWORD, Seed, seed_branch
from tests.fixed_clock import TODAY
from tests.pg_proxy import CuttableProxy
from tests.services.service_helpers import add_task

pytestmark = pytest.mark.pg

TOUCH = {
    "touch_type": "phone_call",
    "channel": "phone",
    "summary": "季度回访",
    "checklist": {touches.IDENTITY: True, touches.NEEDS: True},
}


@pytest.fixture
def proxy() -> Iterator[CuttableProxy]:
    target = make_url(PG_URL)
    p = CuttableProxy(target.host or "127.0.0.1", target.port or 5432)
    yield p
    p.close()


@pytest.fixture
def direct(pg_url: str) -> Iterator[tuple[Store, Seed]]:
    """The store as seen straight (to check what the server holds), seeded."""
    s = open_store(pg_url, upgrade=True)
    seed = seed_branch(s)
    yield s, seed
    s.dispose()


@pytest.fixture
def through(pg_url: str, proxy: CuttableProxy, direct: tuple[Store, Seed]) -> Iterator[Store]:
    """The same store opened through the proxy, as a workstation on the branch network would."""
    url = make_url(pg_url).set(host="127.0.0.1", port=proxy.port)
    s = open_store(url.render_as_string(hide_password=False))
    yield s
    s.dispose()


def _task(direct: tuple[Store, Seed], key: str = "outage") -> int:
    store, seed = direct
    return add_task(store, seed.clients["001000"], seed.im1.id, "phone_call", TODAY, key)


def _counts(store: Store) -> tuple[int, int]:
    with store.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Touch)) or 0,
            s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == "touch.add")) or 0,
        )


def test_services_say_unavailable_during_the_cut_and_work_again_after(
    direct: tuple[Store, Seed], through: Store, proxy: CuttableProxy
) -> None:
    store, seed = direct
    task = _task(direct)
    actor = login(through, "im1", PASSWORD)
    session = start_session(through, actor)  # the GUI's per-transaction re-check runs through the proxy too
    assert [i.task_id for i in tasks.agenda(through, actor).items] == [task]

    proxy.cut()
    with pytest.raises(StoreUnavailable) as read_err:
        tasks.agenda(through, actor)
    assert read_err.value.exit_code == 6 and not read_err.value.in_doubt
    assert "无法连接数据库服务器" in read_err.value.message and "没有保存" in read_err.value.message
    with pytest.raises(StoreUnavailable):
        clients.load_client_view(through, actor, "001000")
    before = _counts(store)
    with pytest.raises(StoreUnavailable) as write_err:
        touches.record_touch(through, actor, "001000", task_id=task, **TOUCH)
    assert not isinstance(write_err.value, SaveInDoubt)
    assert _counts(store) == before  # nothing half-written
    with store.read() as s:
        assert s.get(ServiceTask, task).status == "open"  # type: ignore[union-attr]

    proxy.restore()
    # The same Store, the same session: the pool replaces its dead connections (pre-ping), no restart.
    assert [i.task_id for i in tasks.agenda(through, actor).items] == [task]
    tid = touches.record_touch(through, actor, "001000", task_id=task, **TOUCH)
    with store.read() as s:
        row = s.get(ServiceTask, task)
        assert row is not None and row.status == "done" and row.completed_touch_id == tid
    session.end()
    del seed


def test_cli_exits_6_when_the_server_drops_mid_command(
    direct: tuple[Store, Seed],
    pg_url: str,
    proxy: CuttableProxy,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store, _seed = direct
    url = make_url(pg_url).set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    real = touches.record_touch_in_session

    def cut_then_record(*args: object, **kwargs: object) -> Touch:
        proxy.cut()  # signed in, client found: the server goes away before the touch is written
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(touches, "record_touch_in_session", cut_then_record)
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    before = _counts(store)
    code = main(
        [
            "--db",
            url,
            "touch",
            "add",
            "--client",
            "001000",
            "--type",
            "greeting",
            "--channel",
            "sms",
            "--summary",
            "x",
            "--as-user",
            "im1",
        ]
    )
    assert code == 6
    err = capsys.readouterr().err
    assert "无法连接数据库服务器" in err and "Traceback" not in err
    assert _counts(store) == before


@pytest.mark.parametrize("server_committed", [False, True])
def test_touch_cut_off_at_commit_is_reported_as_what_the_server_did(
    direct: tuple[Store, Seed], through: Store, proxy: CuttableProxy, server_committed: bool
) -> None:
    """The connection drops on the COMMIT itself (before the server gets it, or after it answered);
    the server is reachable again at once, so the service looks and says which."""
    store, _seed = direct
    task = _task(direct)
    actor = login(through, "im1", PASSWORD)
    before = _counts(store)
    proxy.cut_at_commit(forward=server_committed)
    if server_committed:
        tid = touches.record_touch(through, actor, "001000", task_id=task, **TOUCH)
        assert proxy.commits_trapped == 1
        assert _counts(store) == (before[0] + 1, before[1] + 1)
        with store.read() as s:
            row = s.get(ServiceTask, task)
            assert row is not None and row.status == "done" and row.completed_touch_id == tid
    else:
        with pytest.raises(StoreUnavailable) as err:
            touches.record_touch(through, actor, "001000", task_id=task, **TOUCH)
        assert proxy.commits_trapped == 1
        assert not isinstance(err.value, SaveInDoubt)
        assert "没有保存" in err.value.message and "任务也没有关闭" in err.value.message
        assert _counts(store) == before  # no touch, no audit row: nothing half-written
        with store.read() as s:
            assert s.get(ServiceTask, task).status == "open"  # type: ignore[union-attr]


@pytest.mark.parametrize("server_committed", [False, True])
def test_touch_cut_off_while_the_server_stays_away_is_in_doubt_then_answered(
    direct: tuple[Store, Seed], through: Store, proxy: CuttableProxy, server_committed: bool
) -> None:
    store, _seed = direct
    task = _task(direct)
    actor = login(through, "im1", PASSWORD)
    proxy.cut_at_commit(forward=server_committed, stay_down=True)
    with pytest.raises(SaveInDoubt) as err:
        touches.record_touch(through, actor, "001000", task_id=task, **TOUCH)
    assert err.value.exit_code == 6 and err.value.in_doubt
    assert "暂时无法确认是否已保存" in err.value.message
    with pytest.raises(StoreUnavailable):
        touches.touch_saved(through, actor, err.value.record_id)
    proxy.restore()
    assert touches.touch_saved(through, actor, err.value.record_id) is server_committed
    with store.read() as s:
        row = s.get(ServiceTask, task)
        assert row is not None
        assert row.status == ("done" if server_committed else "open")
        assert (row.completed_touch_id == err.value.record_id) is server_committed
