"""The CLI's one progress bar (only on a terminal) and Ctrl+C as a clean cancel of a long command."""

from __future__ import annotations

import io
import os
import signal
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crm_desktop.cli import progress as cli_progress
from crm_desktop.cli.main import main
from crm_desktop.cli.progress import TerminalProgress
from crm_desktop.db.models import ImportLog, LetterRecord, ServiceTask, Trade
from crm_desktop.errors import Cancelled
from tests.factories import PASSWORD, Seed
from tests.fixed_clock import TODAY
from tests.importing.samples import SECURITIES_ROWS, SECURITIES_ZH, TRADES_ZH, write_csv
from tests.letters.data import AS_OF, MAIN_CLIENT, OTHER_CLIENT, add_account_data, add_letter_task
from tests.services.service_helpers import score_run


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_only_on_a_terminal() -> None:
    tty = Tty()
    with TerminalProgress(tty) as p:
        p.step(500, 1000, "正在读取和校验")
        p.step(1000, 1000, "")
    assert "正在读取和校验" in tty.getvalue() and "100%" in tty.getvalue()
    for quiet_stream, quiet in ((io.StringIO(), False), (Tty(), True)):
        with TerminalProgress(quiet_stream, quiet=quiet) as p:
            p.step(500, 1000, "正在读取和校验")
        assert quiet_stream.getvalue() == ""


def _press_ctrl_c() -> None:
    """What the interpreter does on SIGINT: call the installed handler (called directly here, so that no
    real signal can land in some other frame of the test process)."""
    handler = signal.getsignal(signal.SIGINT)
    assert callable(handler) and getattr(handler, "__self__", None).__class__ is TerminalProgress
    handler(signal.SIGINT, None)


def test_first_ctrl_c_asks_to_cancel_the_second_interrupts() -> None:
    before = signal.getsignal(signal.SIGINT)
    err = io.StringIO()
    with TerminalProgress(err) as p:
        p.check()
        _press_ctrl_c()
        assert p.cancelled and "Ctrl+C" in err.getvalue()
        with pytest.raises(Cancelled):
            p.check()
        with pytest.raises(KeyboardInterrupt):
            _press_ctrl_c()
    assert signal.getsignal(signal.SIGINT) is before


def _ctrl_c_at_step(monkeypatch: pytest.MonkeyPatch, when: str | None = None) -> None:
    """Press Ctrl+C once the command reports a step whose text contains ``when`` (any step when None)."""
    original = TerminalProgress.step
    pressed: list[bool] = []

    def step(self: TerminalProgress, done: float, total: float, text: str = "") -> None:
        original(self, done, total, text)
        if not pressed and (when is None or when in text):
            pressed.append(True)
            _press_ctrl_c()

    monkeypatch.setattr(cli_progress.TerminalProgress, "step", step)


def _count(seed: Seed, model: type) -> int:
    with seed.store.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _crm(seed: Seed, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    return main(["--db", seed.store.url.render_as_string(hide_password=False), *args])


def test_ctrl_c_during_import_rolls_everything_back(
    seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sec = write_csv(tmp_path / "s.csv", SECURITIES_ZH, SECURITIES_ROWS)
    assert _crm(seeded, monkeypatch, "import", "securities", str(sec), "--as-user", "admin") == 0
    logs = _count(seeded, ImportLog)
    rows = [[f"T{i}", "001000", "2024-01-05", "000001", "买入", "100", "10", "1000", "5"] for i in range(300)]
    trades = write_csv(tmp_path / "t.csv", TRADES_ZH, rows)
    capsys.readouterr()
    _ctrl_c_at_step(monkeypatch)
    assert _crm(seeded, monkeypatch, "import", "trades", str(trades), "--as-user", "admin") == 130
    err = capsys.readouterr().err
    assert "导入已取消，数据库未做任何更改" in err and "错误" not in err
    assert _count(seeded, Trade) == 0 and _count(seeded, ImportLog) == logs
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_ctrl_c_during_task_generation_creates_nothing(
    seeded: Seed, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    score_run(seeded.store, TODAY, {cid: ("V1", "low", False) for cid in seeded.clients.values()})
    _ctrl_c_at_step(monkeypatch)
    assert _crm(seeded, monkeypatch, "tasks", "generate", "--as-user", "bm") == 130
    assert "已取消" in capsys.readouterr().err
    assert _count(seeded, ServiceTask) == 0
    key = os.environ["CRM_PII_KEY_FILE"]
    monkeypatch.undo()  # the Ctrl+C patch, and with it the test's environment: the store's key comes back
    monkeypatch.setenv("CRM_PII_KEY_FILE", key)
    assert _crm(seeded, monkeypatch, "tasks", "generate", "--as-user", "bm") == 0
    assert "新建 6 个任务" in capsys.readouterr().out


def test_ctrl_c_during_a_letters_batch_keeps_what_was_written(
    seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    add_account_data(seeded)
    for number in (MAIN_CLIENT, OTHER_CLIENT):
        add_letter_task(seeded, number, date(2026, 10, 1))
    _ctrl_c_at_step(monkeypatch, MAIN_CLIENT)  # the step reported when the first letter is done
    rc = _crm(
        seeded,
        monkeypatch,
        "letters",
        "--due",
        "--out",
        str(tmp_path),
        "--as-of",
        AS_OF.isoformat(),
        "--workers",
        "1",
        "--as-user",
        "im1",
    )
    assert rc == 130
    assert "已生成的 1 份报告均已保存" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [f"{MAIN_CLIENT}_{AS_OF.isoformat()}.pdf"]
    assert _count(seeded, LetterRecord) == 1
